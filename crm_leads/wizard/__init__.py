from . import crm_catalog_send
from . import crm_lead_duplicate_check
from . import crm_merge_opportunity
from . import crm_lead_lost
from . import crm_lead_convert
from . import mail_compose_message
