from . import marketing_phone_campaign
from . import marketing_phone_campaign_exclusion
from . import marketing_phone_campaign_target_mixin
from . import mail_activity_phone_campaign
from . import mail_activity_outcome_phone_campaign
from . import crm_lead_phone_campaign
from . import res_partner_phone_campaign
