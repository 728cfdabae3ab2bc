from . import models
from .hooks import _post_init_hook
from . import wizard
