"""Test-wide settings.

Property-based tests (hypothesis) explore new examples on every local run; under CI (``CI`` set,
as `.ci/run` is run) they draw the same examples every time, so a build is red only because of a
change, never because the dice found an old weakness that day. A weakness found locally is
fixed and its example kept as a fixed case."""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

# Real services the tests start themselves: a PostgreSQL server (tests/services_postgres.py) and a
# Redis for the queue (tests/services_redis.py).
pytest_plugins = ["tests.services_postgres", "tests.services_redis"]
