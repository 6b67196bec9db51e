"""A real Redis for the tests of the queue: started once per session by scripts/services/redis (which
installs Debian's redis-server when missing), on loopback and a free port, and stopped after."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.service_scripts import running_service


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``redis://127.0.0.1:PORT/0`` of a redis-server of this test session's own."""
    folder = tmp_path_factory.mktemp("services")
    with running_service("redis", "AUDITOR_SERVICES_DIR", folder, start_timeout=300, stop_timeout=60) as url:
        yield url


@pytest.fixture
def redis_db(redis_url: str) -> Iterator[str]:
    """The session's Redis, emptied before the test: no job or lease of another test is left."""
    import redis

    client = redis.Redis.from_url(redis_url)
    client.flushdb()
    client.close()
    yield redis_url
