import os
import sys
from pathlib import Path

from hypothesis import HealthCheck, settings

sys.path.insert(0, str(Path(__file__).parent))

from helpers import LONG_TESTS, examples

# The default run (README's test command, on every commit) keeps each property
# at a small example count; the long run (PLANCORE_LONG_TESTS=1, scheduled or
# by hand) runs 20 times as many, random, with the example database.
_SLOW = [HealthCheck.too_slow, HealthCheck.filter_too_much]
settings.register_profile(
    "ci",
    derandomize=True,
    deadline=None,
    max_examples=examples(15),
    print_blob=True,
    suppress_health_check=_SLOW,
)
# Outside CI the examples are random; a failing one is kept in the example
# database and tried first next time.
settings.register_profile("dev", deadline=None, max_examples=examples(15), suppress_health_check=_SLOW)
settings.register_profile(
    "long", deadline=None, max_examples=examples(15), print_blob=True, suppress_health_check=_SLOW
)

if os.environ.get("HYPOTHESIS_PROFILE"):
    settings.load_profile(os.environ["HYPOTHESIS_PROFILE"])
elif LONG_TESTS:
    settings.load_profile("long")
else:
    settings.load_profile("ci" if os.environ.get("CI") else "dev")
