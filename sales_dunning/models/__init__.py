from . import account_move
from . import credit_control_communication
from . import credit_control_policy
from . import credit_control_policy_level
from . import credit_control_run
from . import res_company
from . import res_config_settings
from . import res_partner
