from . import models
from . import wizard
from .hooks import _assign_initial_lead_statuses, _post_init_hook, _uninstall_hook
