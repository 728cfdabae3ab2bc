from . import models
from .hooks import _assign_initial_lead_statuses
