from . import test_marketing_scenario_engine
from . import test_marketing_scenario_enrolment
from . import test_marketing_scenario_config
