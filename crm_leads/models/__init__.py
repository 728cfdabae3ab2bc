from . import crm_lead_status
from . import crm_lead
