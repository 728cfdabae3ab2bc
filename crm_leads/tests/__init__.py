from . import test_crm_lead_status
from . import test_crm_lead_menus
from . import test_crm_leads_ui
from . import test_crm_opportunity_extras
from . import test_crm_events
from . import test_crm_catalog
from . import test_crm_readonly
from . import test_crm_reports
