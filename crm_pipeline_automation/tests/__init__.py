from . import test_crm_pipeline_trigger_events
from . import test_crm_pipeline_trigger_actions
from . import test_crm_pipeline_trigger_config
from . import test_crm_pipeline_trigger_cost
from . import test_crm_pipeline_automation_ui
from . import test_crm_stage_rights
from . import test_mail_activity_outcome
