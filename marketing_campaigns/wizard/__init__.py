from . import smart_query_launch
