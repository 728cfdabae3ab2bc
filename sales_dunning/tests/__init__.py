from . import test_next_action
from . import test_invoice_reminders
from . import test_reminder_levels
from . import test_courtesy_reminder
from . import test_todays_reminders
from . import test_quote_followup
from . import test_payments_screen
from . import test_payments_ui
