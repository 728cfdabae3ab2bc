from . import ir_model
from . import smart_query
from . import smart_query_column
from . import smart_query_param
