from . import models
from . import wizard
from .hooks import _drop_generated_lists
