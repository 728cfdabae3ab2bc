from . import sales_dunning_preview
from . import sales_dunning_preview_line
