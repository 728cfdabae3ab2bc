from . import base_automation
from . import crm_pipeline_trigger
from . import crm_pipeline_trigger_action
from . import crm_pipeline_trigger_log
from . import crm_team
from . import crm_stage
from . import crm_lead
