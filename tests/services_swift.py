"""A real S3-compatible object store for the tests of evidence on S3 (a pytest plugin, loaded by
conftest.py): OpenStack Swift from Debian with its s3api middleware, started once per session by
scripts/services/swift (which installs the packages where they are missing) the first time a test
asks for it, on loopback and free ports, and stopped after the last test.

``s3_endpoint`` (session): the endpoint URL. ``s3_env``: the standard AWS settings for it (the
fixed test keys of the script) put in this process's environment, for the test and the
subprocesses it starts, with a new empty bucket of the test's own; its value is the bucket's name.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from tests.service_scripts import running_service

#: tempauth's user "tester" of account "test" (scripts/services/swift): S3 access key and secret.
ACCESS_KEY = "test:tester"
SECRET_KEY = "testing"


@pytest.fixture(scope="session")
def s3_endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``http://127.0.0.1:PORT`` of a Swift of this test session's own."""
    with running_service("swift", "AUDITOR_SERVICES_DIR", tmp_path_factory.mktemp("services")) as url:
        yield url


@pytest.fixture
def s3_env(s3_endpoint: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """The AWS settings of the session's Swift in the environment, and an empty bucket: its name."""
    for name in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_REGION"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_ENDPOINT_URL", s3_endpoint)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", ACCESS_KEY)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", SECRET_KEY)
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.setenv("AWS_CONFIG_FILE", "/nonexistent")  # no profile of the machine's user interferes
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent")
    import boto3

    name = f"t-{uuid.uuid4().hex[:16]}"
    boto3.session.Session().client("s3").create_bucket(Bucket=name)
    return name
