"""The batch on a queue end to end: a real redis-server (scripts/services/redis) as the broker, a
real PostgreSQL (scripts/services/postgres) as the shared store, 30 loopback shops, two `auditor
worker` processes of which one is killed with SIGKILL while it audits a site. Every site is stored
exactly once, its evidence written once, `auditor verify` passes, and the outcomes are those of a
local batch of the same shops (on the embedded SQLite store)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest

from auditor import cli, pipeline, store
from auditor.batch import BatchSite, read_sites
from auditor.cli import normalise_url
from auditor.demo.server import serve_sites
from auditor.queue.control import Control
from auditor.queue.jobs import run_ref
from tests.e2e.test_batch import small_shop
from tests.loopback import QuietHandler, loopback_server

pytestmark = pytest.mark.e2e

FAST_SHOPS = 27
#: Each answer of a slow shop waits this long (seconds): a worker is caught in the middle of one.
SLOW_ANSWER = 0.5
OPTIONS = ["--render", "never", "--max-pages", "4", "--site-timeout", "30", "--allow-private", "--concurrency", "4"]


class _Slow(QuietHandler):
    def do_GET(self) -> None:
        time.sleep(SLOW_ANSWER)
        if self.path.startswith("/robots.txt"):
            self.send_error(404)
            return
        n = self.server.server_address[0].rsplit(".", 1)[1]
        body = (f"<!doctype html><html lang='sv'><head><title>Långsam {n}</title></head><body><main>"
                f"<h1>Långsam butik {n}</h1><p>E-post: hej@langsam{n}.se</p></main></body></html>").encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def slow_shops() -> Iterator[list[str]]:
    """Three shops whose every answer takes half a second."""
    with ExitStack() as servers:
        yield [servers.enter_context(loopback_server(_Slow, host))
               for host in ("127.0.0.180", "127.0.0.181", "127.0.0.182")]


def start_worker(redis_url: str, where: store.Where, evidence: Path, name: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "auditor", "worker", "--queue", redis_url, "--store", str(where),
         "--evidence", str(evidence), "--name", name, "--lease", "3", "--visibility-timeout", "4",
         "--time-limit", "60"],
        text=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def outcomes(where: store.Where) -> dict[str, tuple[str, list[tuple[str, str]]]]:
    """Each stored site of run 1: its status and every rule's outcome."""
    db, run = pipeline.open_run(where, "1")
    try:
        return {site.url: (site.status, sorted((o.rule, o.outcome.value) for o in site.result.rules))
                for site in store.sites(db, run)}
    finally:
        db.close()


@pytest.mark.timeout(300)  # three processes and a redelivery after the visibility timeout, on a shared machine
def test_two_workers_one_killed_store_every_site_once(
    tmp_path: Path, redis_db: str, postgres_url: str, slow_shops: list[str],
) -> None:
    roots = [small_shop(tmp_path / "sites", n) for n in range(FAST_SHOPS)]
    with serve_sites(roots, first_host=140) as served:
        urls = [site.url for site in served]
        for position, slow in zip((6, 14, 22), slow_shops, strict=True):
            urls.insert(position, slow)
        assert len(urls) == 30
        sites = tmp_path / "sites.txt"
        sites.write_text("\n".join(urls) + "\n", encoding="utf-8")

        # The same shops audited by a local batch, for the outcomes to compare with.
        local_out = tmp_path / "local"
        local = pipeline.Batch.open(read_sites(sites, normalise_url),
                                    cli.audit_settings(cli.build_parser().parse_args(
                                        ["batch", str(sites), "-o", str(local_out), *OPTIONS])), source="local")
        local.audit(workers=0)
        local.close(finished=True)

        out = tmp_path / "out"
        shared = [*OPTIONS, "--store", postgres_url, "--queue", redis_db]
        assert cli.main(["batch", str(sites), "-o", str(out), *shared]) == 0
        # Enqueuing again (resume, or just to follow) adds no job: all are queued already.
        control = Control(redis_db)
        assert control.waiting("auditor-sites") == 30
        assert cli.main(["batch", str(sites), "-o", str(out), *shared]) == 0
        assert control.waiting("auditor-sites") == 30

        db = pipeline.open_store(postgres_url)
        run = store.find_run(db, "1")
        assert run is not None
        victim = start_worker(redis_db, postgres_url, out, "victim")
        survivor = start_worker(redis_db, postgres_url, out, "survivor")
        try:
            # Kill the victim while it holds a site, after some sites are stored.
            deadline = time.monotonic() + 60
            held: list[str] = []
            while time.monotonic() < deadline and victim.poll() is None:
                held = [url for url, worker in control.leases(run_ref(run)).items() if worker == "victim"]
                if held and len(store.done_urls(db, run)) >= 3:
                    break
                time.sleep(0.05)
            assert held and victim.poll() is None, "the victim worker never held a site"
            os.kill(victim.pid, signal.SIGKILL)
            victim.wait(timeout=30)

            # `batch --follow` shows the progress of the workers until every site is stored, then
            # writes the reports and the manifest.
            assert cli.main(["batch", str(sites), "-o", str(out), *shared, "--follow", "--poll", "0.2"]) == 0
        finally:
            survivor.send_signal(signal.SIGTERM)
            try:
                survivor.wait(timeout=60)
            except subprocess.TimeoutExpired:
                survivor.kill()
                survivor.wait()
            if victim.poll() is None:
                victim.kill()
                victim.wait()

        # Every site is stored once, and once only: one row each and one attempt's evidence each.
        assert store.site_counts(db, run) == {"audited": 30}
        stored_run = store.find_run(db, "1")
        assert stored_run is not None and stored_run.finished_at is not None
        for site in store.sites(db, run):
            assert site.result.crawl is not None
            warcs = {page.warc.split("#")[0] for page in site.result.crawl.pages}
            assert len(warcs) == 1, site.url
            [warc] = warcs
            assert (out / warc).is_file()
            slug = Path(warc).name
            assert len(list((out / "evidence" / "run-1").glob(f"*/{slug}"))) == 1, slug
        assert control.leases(run_ref(run)) == {}
        db.close()
        control.close()

    assert cli.main(["verify", str(out)]) == 0
    local_outcomes = outcomes(local_out / "auditor.sqlite")
    assert set(local_outcomes) == set(urls)
    assert outcomes(postgres_url) == local_outcomes
    assert {status for status, _ in local_outcomes.values()} == {"audited"}


def test_a_worker_stores_a_site_once_and_keeps_the_first_evidence(
    tmp_path: Path, redis_db: str, store_where: store.Where,
) -> None:
    """Two deliveries of one job (a slow worker whose job was handed out again): the second
    attempt's audit is not stored and its evidence is removed; the first one's files stay."""
    from auditor.queue.jobs import Job, settings_payload
    from auditor.queue.worker import WorkerContext, _audit_held

    [root] = [small_shop(tmp_path / "sites", 1)]
    with serve_sites([root], first_host=190) as [served]:
        settings = pipeline.AuditSettings(render="never", allow_private=True, max_pages=3, output=tmp_path / "out",
                                          store=store_where)
        site = BatchSite(served.url, "Shop", "se", "t")
        batch = pipeline.Batch.open([site], settings, source="once")
        job = Job(run=batch.run.id, key=run_ref(batch.run), position=0, site=batch.sites[0],
                  settings=settings_payload(settings), as_of=batch.as_of)
        context = WorkerContext(broker=redis_db, where=store_where, evidence=tmp_path / "out", name="w")
        with Control(redis_db).stored_news(run_ref(batch.run)) as news:
            assert _audit_held(context, batch.db, batch.run, job) == "stored"
            assert news(10)  # a follower is told at once
        first = sorted(p for p in (tmp_path / "out" / "evidence").rglob("*") if p.is_file())
        hashes = {p: p.read_bytes() for p in first}
        assert _audit_held(context, batch.db, batch.run, job) == "stored by another attempt"
        assert sorted(p for p in (tmp_path / "out" / "evidence").rglob("*") if p.is_file()) == first
        assert all(p.read_bytes() == data for p, data in hashes.items())
        assert len(list(store.sites(batch.db, batch.run))) == 1
        batch.close(finished=True)
