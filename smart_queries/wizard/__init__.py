from . import smart_query_launch
from . import smart_query_launch_line
