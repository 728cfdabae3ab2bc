from . import test_smart_query
from . import test_smart_query_access
from . import test_smart_query_params
from . import test_smart_query_ui
from . import test_smart_query_trigger
from . import test_smart_query_trigger_concurrency
from . import test_smart_query_security
