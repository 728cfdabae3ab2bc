from . import test_marketing_phone_campaign
from . import test_marketing_phone_campaign_access
from . import test_mailing_smart_query
from . import test_smart_query_trigger_action_mailing
from . import test_crm_pipeline_trigger_action_mailing
from . import test_marketing_mailing_traces
