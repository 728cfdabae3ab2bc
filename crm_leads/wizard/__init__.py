from . import crm_catalog_send
from . import crm_lead_import
from . import crm_lead_convert
