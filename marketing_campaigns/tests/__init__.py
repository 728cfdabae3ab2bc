from . import test_marketing_label_format
from . import test_marketing_label_print
from . import test_marketing_letter_print
