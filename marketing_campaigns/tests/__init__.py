from . import test_marketing_phone_campaign
from . import test_marketing_phone_campaign_access
