from . import marketing_phone_campaign_add
from . import smart_query_launch_phone_campaign
from . import smart_query_launch
from . import marketing_label_print
from . import marketing_letter_print
from . import marketing_scenario_enrol
from . import marketing_scenario_test
