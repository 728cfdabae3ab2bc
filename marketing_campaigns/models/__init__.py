from . import marketing_label_format
from . import marketing_letter_template
from . import marketing_merge_source_mixin
