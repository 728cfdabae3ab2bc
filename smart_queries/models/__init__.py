from . import smart_query
