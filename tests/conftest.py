"""Test-wide settings.

Property-based tests (hypothesis) explore new examples on every local run; under CI (``CI`` set,
as `.ci/run` is run) they draw the same examples every time, so a build is red only because of a
change, never because the dice found an old weakness that day. A weakness found locally is
fixed and its example kept as a fixed case.

Neither profile times an example: the suite runs in one worker per core (scripts/test) beside
Chromium and other servers, often on a loaded machine, where hypothesis's default 200 ms deadline
and its "too slow" health check would fail a correct test now and then. A test that guards
against a hang states its own deadline (``@settings(deadline=...)``), which overrides these."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile("suite", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("ci", parent=settings.get_profile("suite"), derandomize=True, print_blob=True)
settings.load_profile("ci" if os.environ.get("CI") else "suite")

# Real services the tests start themselves: a PostgreSQL server (tests/services_postgres.py) and a
# Redis for the queue (tests/services_redis.py).
pytest_plugins = ["tests.services_postgres", "tests.services_redis", "tests.services_swift"]


def pytest_report_header() -> str:
    """Which code the suite runs: the compiled build of the hot modules or their sources
    (auditor/native.py; ``AUDITOR_PURE_PYTHON=1`` runs the sources). The suite passes on both."""
    from auditor import native
    from auditor.facts import concepts

    if native.is_compiled(concepts):
        return f"auditor: the hot modules compiled ({native.BUILD})"
    return "auditor: every module from its source"
