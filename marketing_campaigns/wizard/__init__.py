from . import marketing_phone_campaign_add
from . import smart_query_launch_phone_campaign
from . import smart_query_launch
