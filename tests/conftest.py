from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

import tests.fuzz.conftest  # noqa: F401  (registers the fuzz profiles before --hypothesis-profile is read)

settings.register_profile("ci", derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", deadline=None, max_examples=60)
settings.load_profile("ci" if os.environ.get("CI") == "true" else "dev")
