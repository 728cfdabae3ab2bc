from . import marketing_label_print
from . import marketing_letter_print
