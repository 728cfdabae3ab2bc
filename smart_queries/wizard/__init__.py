from . import smart_query_run
from . import smart_query_run_line
