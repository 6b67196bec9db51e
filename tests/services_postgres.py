"""A real PostgreSQL server for the tests that need one (a pytest plugin, loaded by conftest.py).

``postgres_server`` (session): one throwaway cluster on 127.0.0.1, started by
``scripts/services/postgres`` (which installs PostgreSQL from apt where it is missing) the first
time a test asks for it, stopped and deleted after the last test. ``postgres_url``: a new, empty
store on it for each test (a schema of its own). ``store_where``: a store for each backend in turn, a SQLite file
and a PostgreSQL database, for the tests that must hold on both.
"""

from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from tests.service_scripts import running_service

BACKENDS = ("sqlite", "postgresql")


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """The URL of a PostgreSQL server on loopback (its database ``auditor``), for this session."""
    # Not under pytest's temporary folder (nor a TMPDIR of root's): as root the server runs as the
    # postgres user, who cannot enter root's private folders; the script makes this one its own.
    temp = Path("/tmp") if os.geteuid() == 0 else Path(tempfile.gettempdir())
    folder = temp / f"auditor-postgres-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    with running_service("postgres", "AUDITOR_POSTGRES_DIR", folder) as url:
        yield url


@pytest.fixture
def postgres_url(postgres_server: str) -> str:
    """A store of its own on the session's server, empty: a schema that the URL puts first on
    the search path (libpq's ``options``), so no test sees another's runs. A schema rather than
    a database: made in milliseconds, where a database copies its template."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres_server, autocommit=True) as connection:
        connection.execute(f'CREATE SCHEMA "{name}"')
    return f"{postgres_server}?options=-csearch_path%3D{name}"


@pytest.fixture(params=BACKENDS)
def store_where(request: pytest.FixtureRequest, tmp_path: Path) -> Path | str:
    """A store that does not exist yet: a SQLite file, then a PostgreSQL database."""
    if request.param == "sqlite":
        return tmp_path / "store.sqlite"
    return str(request.getfixturevalue("postgres_url"))
