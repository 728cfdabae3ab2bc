from . import crm_pipeline_trigger_test
