from . import test_crm_pipeline_trigger_events
