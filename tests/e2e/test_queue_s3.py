"""Evidence in a bucket end to end: a real S3-compatible server (OpenStack Swift with s3api,
scripts/services/swift), a real redis-server as the broker, loopback shops, two `auditor worker`
processes writing to ``s3://BUCKET/PREFIX``. Every site's evidence is there once, under the keys
its stored result names, with the manifest's hashes; `auditor verify s3://…` passes, and names
the object altered afterwards. A losing attempt takes its keys back; keys no stored result names
are pruned."""

from __future__ import annotations

import hashlib
import signal
import subprocess
import sys
from pathlib import Path

import boto3
import pytest

from auditor import cli, pipeline, store
from auditor.batch import BatchSite
from auditor.demo.server import serve_sites
from auditor.objectstore import Bucket, S3Location
from auditor.queue.jobs import Job, run_ref, settings_payload
from auditor.queue.runs import prune_attempts
from auditor.queue.worker import WorkerContext, _audit_held
from tests.e2e.test_batch import small_shop

pytestmark = pytest.mark.e2e

SHOPS = 4
OPTIONS = ["--render", "never", "--max-pages", "3", "--site-timeout", "30", "--allow-private"]


def objects(bucket: str, prefix: str) -> dict[str, bytes]:
    client = boto3.session.Session().client("s3")
    found: dict[str, bytes] = {}
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        for item in page.get("Contents", []):
            key = str(item["Key"])
            found[key[len(prefix):]] = client.get_object(Bucket=bucket, Key=key)["Body"].read()
    return found


def start_worker(redis_url: str, where: Path, evidence: str, name: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "auditor", "worker", "--queue", redis_url, "--store", str(where),
         "--evidence", evidence, "--name", name, "--lease", "5", "--time-limit", "60"],
        text=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


@pytest.mark.timeout(400)
def test_a_queue_run_keeps_its_evidence_in_a_bucket(
    tmp_path: Path, redis_db: str, s3_env: str, capsys: pytest.CaptureFixture[str],
) -> None:
    bucket, prefix = s3_env, "sweeps/december/"
    location = f"s3://{bucket}/{prefix}"
    roots = [small_shop(tmp_path / "sites", n) for n in range(SHOPS)]
    with serve_sites(roots, first_host=220) as served:
        sites = tmp_path / "sites.txt"
        sites.write_text("\n".join(site.url for site in served) + "\n", encoding="utf-8")
        where = tmp_path / "store.sqlite"  # workers on one machine may share a SQLite file
        shared = [*OPTIONS, "--store", str(where), "--queue", redis_db, "-o", location]
        assert cli.main(["batch", str(sites), *shared]) == 0
        workers = [start_worker(redis_db, where, location, name) for name in ("w1", "w2")]
        try:
            assert cli.main(["batch", str(sites), *shared, "--follow", "--poll", "0.2"]) == 0
        finally:
            for worker in workers:
                worker.send_signal(signal.SIGTERM)
            for worker in workers:
                try:
                    worker.wait(timeout=60)
                except subprocess.TimeoutExpired:
                    worker.kill()
                    worker.wait()

    stored = objects(bucket, prefix)
    assert all(key.startswith(prefix) for key in objects(bucket, ""))  # nothing outside the prefix
    # Each site: stored once, its WARC under the key its result names, one attempt's evidence only.
    db, run = pipeline.open_run(where, "1")
    try:
        assert store.site_counts(db, run) == {"audited": SHOPS}
        for site in store.sites(db, run):
            assert site.result.crawl is not None
            [warc] = {page.warc.split("#")[0] for page in site.result.crawl.pages}
            assert warc in stored
            slug = Path(warc).name
            assert [k for k in stored if k.startswith("evidence/run-1/") and k.endswith(f"/{slug}")] == [warc]
    finally:
        db.close()
    # The manifest lists the objects with the SHA-256 of their bytes; the reports are there too.
    manifest = __import__("json").loads(stored["manifest.json"])
    listed = {entry["path"]: entry["sha256"] for entry in manifest["files"]}
    assert {k for k in stored if k.startswith("evidence/")} <= set(listed)
    assert "index.html" in listed and "results/run-1.json" in stored and "manifest-run-1.json" in stored
    for path, sha256 in listed.items():
        assert hashlib.sha256(stored[path]).hexdigest() == sha256, path

    capsys.readouterr()
    assert cli.main(["verify", location]) == 0
    assert "✔" in capsys.readouterr().out
    # An object altered after the run: verify names it.
    warc = next(k for k in sorted(stored) if k.endswith(".warc.gz"))
    boto3.session.Session().client("s3").put_object(Bucket=bucket, Key=prefix + warc, Body=stored[warc][:-10])
    assert cli.main(["verify", location]) == cli.EXIT_FINDINGS
    out = capsys.readouterr().out
    assert f"{warc}: altered" in out


def test_a_losing_attempt_takes_its_keys_back_and_strays_are_pruned(
    tmp_path: Path, redis_db: str, s3_env: str,
) -> None:
    """Two deliveries of one job: the second attempt's audit is not stored and its objects are
    deleted; the first one's stay. Keys of an attempt no stored result names (its worker was
    killed after uploading) are pruned."""
    location = S3Location(s3_env, "run/")
    [root] = [small_shop(tmp_path / "sites", 1)]
    with serve_sites([root], first_host=230) as [served]:
        where = tmp_path / "store.sqlite"
        settings = pipeline.AuditSettings(render="never", allow_private=True, max_pages=3, output=tmp_path / "out",
                                          store=where)
        batch = pipeline.Batch.open([BatchSite(served.url, "Shop", "se", "t")], settings, source="once")
        job = Job(run=batch.run.id, key=run_ref(batch.run), position=0, site=batch.sites[0],
                  settings=settings_payload(settings), as_of=batch.as_of)
        context = WorkerContext(broker=redis_db, where=where, evidence=location, name="w")
        assert _audit_held(context, batch.db, batch.run, job) == "stored"
        first = objects(s3_env, "run/")
        assert first and all(key.startswith(f"evidence/run-{batch.run.id}/") for key in first)
        assert _audit_held(context, batch.db, batch.run, job) == "stored by another attempt"
        assert objects(s3_env, "run/") == first
        assert not (tmp_path / "out").exists()  # the spool was the worker's, and is gone

        bucket = Bucket(location)
        stray = tmp_path / "stray.warc.gz"
        stray.write_bytes(b"not named by any stored result")
        bucket.upload(stray, f"evidence/run-{batch.run.id}/aaaaaaaaaaaa/x.warc.gz")
        bucket.upload(stray, f"screenshots/run-{batch.run.id}/aaaaaaaaaaaa/x/home.png")
        bucket.upload(stray, f"evidence/run-{batch.run.id}/notes.txt")  # not an attempt's: left alone
        assert prune_attempts(batch.db, batch.run, location) == 2
        assert set(objects(s3_env, "run/")) == {*first, f"evidence/run-{batch.run.id}/notes.txt"}
        batch.close(finished=True)


def test_a_site_whose_evidence_cannot_be_uploaded_is_not_stored(tmp_path: Path, redis_db: str, s3_env: str) -> None:
    """The upload fails (here: no such bucket): the job raises, to be tried again later, and the
    store holds nothing that names evidence the bucket does not have."""
    from auditor.objectstore import ObjectStoreError

    [root] = [small_shop(tmp_path / "sites", 2)]
    with serve_sites([root], first_host=235) as [served]:
        where = tmp_path / "store.sqlite"
        settings = pipeline.AuditSettings(render="never", allow_private=True, max_pages=3, output=tmp_path / "out",
                                          store=where)
        batch = pipeline.Batch.open([BatchSite(served.url)], settings, source="gone")
        job = Job(run=batch.run.id, key=run_ref(batch.run), position=0, site=batch.sites[0],
                  settings=settings_payload(settings), as_of=batch.as_of)
        context = WorkerContext(broker=redis_db, where=where, evidence=S3Location(f"{s3_env}-gone"), name="w")
        with pytest.raises(ObjectStoreError, match="does not exist"):
            _audit_held(context, batch.db, batch.run, job)
        assert store.stored_site(batch.db, batch.run, served.url) is None
        batch.close(finished=False)
