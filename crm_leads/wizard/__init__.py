from . import crm_catalog_send
