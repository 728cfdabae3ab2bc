from . import ir_model
from . import smart_query
from . import smart_query_column
from . import smart_query_param
from . import smart_query_member
from . import smart_query_run
from . import smart_query_trigger
from . import smart_query_trigger_action
