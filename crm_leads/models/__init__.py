from . import crm_lead_status
from . import crm_lead
from . import crm_lead_opportunity
from . import crm_stage
from . import res_config_settings
from . import res_partner
from . import sale_order
