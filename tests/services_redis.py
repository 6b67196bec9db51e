"""A real Redis for the tests of the queue: started once per session by scripts/services/redis (which
installs Debian's redis-server when missing), on loopback and a free port, and stopped after."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "services" / "redis"


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``redis://127.0.0.1:PORT/0`` of a redis-server of this test session's own."""
    env = {**os.environ, "AUDITOR_SERVICES_DIR": str(tmp_path_factory.mktemp("services"))}
    started = subprocess.run([str(SCRIPT), "start"], env=env, capture_output=True, text=True, timeout=300)
    assert started.returncode == 0, started.stderr
    try:
        yield started.stdout.strip()
    finally:
        subprocess.run([str(SCRIPT), "stop"], env=env, capture_output=True, timeout=60)


@pytest.fixture
def redis_db(redis_url: str) -> Iterator[str]:
    """The session's Redis, emptied before the test: no job or lease of another test is left."""
    import redis

    client = redis.Redis.from_url(redis_url)
    client.flushdb()
    client.close()
    yield redis_url
