from . import marketing_scenario_enrol
from . import marketing_scenario_test
