"""``s3://BUCKET/PREFIX`` evidence locations: parsing, and the one-line errors of a bad location,
missing keys, a bucket that is not there or keys it refuses (the last two on the real Swift of
tests/services_swift.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor import cli
from auditor.objectstore import Bucket, ObjectStoreError, S3Location, evidence_location, parse_location, safe_relative


@pytest.mark.parametrize(("text", "bucket", "prefix"), [
    ("s3://evidence", "evidence", ""),
    ("s3://evidence/", "evidence", ""),
    ("s3://evidence/sweeps/2026-12", "evidence", "sweeps/2026-12/"),
    ("s3://my.bucket-1/a/b/", "my.bucket-1", "a/b/"),
])
def test_a_location_is_a_bucket_and_a_prefix(text: str, bucket: str, prefix: str) -> None:
    location = parse_location(text)
    assert location == S3Location(bucket, prefix)
    assert location.key("evidence/run-1/x.warc.gz") == f"{prefix}evidence/run-1/x.warc.gz"
    assert parse_location(str(location)) == location


@pytest.mark.parametrize(("text", "says"), [
    ("s3://", "not an S3 bucket name"),
    ("s3://ab", "not an S3 bucket name"),
    ("s3://Evidence/x", "not an S3 bucket name"),
    ("s3://under_score", "not an S3 bucket name"),
    ("s3://a..b", "not an S3 bucket name"),
    ("s3://evidence/a//b", "empty, '.' or '..'"),
    ("s3://evidence/a/../b", "empty, '.' or '..'"),
    ("evidence/x", "not an s3:// location"),
])
def test_a_bad_location_is_told_in_one_line(text: str, says: str) -> None:
    with pytest.raises(ObjectStoreError) as raised:
        parse_location(text)
    assert says in str(raised.value) and "\n" not in str(raised.value)


def test_a_folder_stays_a_folder() -> None:
    assert evidence_location("/mnt/evidence") == Path("/mnt/evidence")
    assert evidence_location("s3://evidence/x") == S3Location("evidence", "x/")


@pytest.mark.parametrize(("relative", "safe"), [
    ("evidence/run-1/a/x.warc.gz", True), ("../x", False), ("/etc/passwd", False), ("a//b", False), ("", False),
    ("a/./b", False),
])
def test_only_paths_inside_the_folder_are_copied(relative: str, safe: bool) -> None:
    assert safe_relative(relative) is safe


def test_the_command_line_refuses_a_bucket_where_it_cannot_use_one(tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    sites = tmp_path / "sites.txt"
    sites.write_text("https://shop.se/\n", encoding="utf-8")
    # A local batch (no queue), or a queue run without a shared store, cannot write to a bucket.
    assert cli.main(["batch", str(sites), "-o", "s3://evidence/x"]) == cli.EXIT_TOOL_ERROR
    assert "only on a queue" in capsys.readouterr().err
    assert cli.main(["batch", str(sites), "-o", "s3://evidence/x", "--queue", "redis://127.0.0.1:1/0"]) \
        == cli.EXIT_TOOL_ERROR
    assert "only on a queue" in capsys.readouterr().err
    assert cli.main(["audit", "https://shop.se/", "-o", "s3://evidence/x"]) == cli.EXIT_TOOL_ERROR
    assert "only on a queue" in capsys.readouterr().err
    assert not (Path.cwd() / "s3:").exists()
    # A bad location is a usage error before anything runs.
    for argv in (["worker", "--queue", "redis://127.0.0.1:1/0", "--store", str(tmp_path / "s.sqlite"),
                  "--evidence", "s3://Bad_Bucket/x"], ["verify", "s3://x"]):
        with pytest.raises(SystemExit) as exited:
            cli.main(argv)
        assert exited.value.code == 2
        assert "not an S3 bucket name" in capsys.readouterr().err


def test_missing_keys_are_told_in_one_line(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE",
                 "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI",
                 "AWS_WEB_IDENTITY_TOKEN_FILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", "/nonexistent")
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent")
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")  # no instance to ask for keys
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:9")
    assert cli.main(["verify", "s3://evidence/x"]) == cli.EXIT_TOOL_ERROR
    err = capsys.readouterr().err
    assert "s3://evidence/x/: no S3 credentials" in err and "Traceback" not in err


def test_a_missing_bucket_and_refused_keys_are_told_in_one_line(s3_env: str, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ObjectStoreError, match="does not exist") as raised:
        Bucket(S3Location("no-such-bucket-here")).check()
    assert "\n" not in str(raised.value)
    Bucket(S3Location(s3_env)).check()
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "wrong")
    with pytest.raises(ObjectStoreError, match="access denied"):
        Bucket(S3Location(s3_env)).check()


def test_an_upload_is_read_back_and_a_download_is_the_bytes(s3_env: str, tmp_path: Path) -> None:
    bucket = Bucket(S3Location(s3_env, "p/"))
    source = tmp_path / "in" / "a b.warc.gz"
    source.parent.mkdir()
    source.write_bytes(bytes(range(256)) * 1000)
    bucket.upload(source, "evidence/run-1/aaaaaaaaaaaa/a b.warc.gz")
    assert bucket.under("evidence") == ["evidence/run-1/aaaaaaaaaaaa/a b.warc.gz"]
    assert bucket.download_tree("evidence/run-1", tmp_path / "out") == ["evidence/run-1/aaaaaaaaaaaa/a b.warc.gz"]
    assert (tmp_path / "out" / "evidence/run-1/aaaaaaaaaaaa/a b.warc.gz").read_bytes() == source.read_bytes()
    assert not bucket.download("evidence/none", tmp_path / "none")
    bucket.delete(["evidence/run-1/aaaaaaaaaaaa/a b.warc.gz"])
    assert bucket.under() == []
