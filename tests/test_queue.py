"""The queue's parts on a real Redis (tests/services_redis.py): leases, jobs, enqueuing only what is
missing, what a worker does with a job it must not audit, status and cancel, the per-site limit."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from celery.exceptions import Retry
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor import cli, pipeline, store
from auditor.batch import BatchSite
from auditor.models import SiteResult, SiteStatus
from auditor.queue import worker
from auditor.queue.control import Control
from auditor.queue.jobs import QUEUE, TASK, Job, run_ref, settings_payload
from auditor.queue.runs import enqueue_missing, prune_attempts, run_status
from tests.loopback import QuietHandler, loopback_server


@pytest.fixture
def control(redis_db: str) -> Iterator[Control]:
    found = Control(redis_db)
    yield found
    found.close()


def wait_until(check: object, seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if callable(check) and check():
            return True
        time.sleep(0.02)
    return False


def test_a_lease_is_held_by_one_worker_until_released_or_expired(control: Control) -> None:
    assert control.take("run", "https://a.se/", "w1", ttl=30)
    assert not control.take("run", "https://a.se/", "w2", ttl=30)
    assert control.holder("run", "https://a.se/") == "w1"
    assert not control.renew("run", "https://a.se/", "w2", ttl=30)  # only the holder renews
    control.release("run", "https://a.se/", "w2")  # nor releases
    assert control.holder("run", "https://a.se/") == "w1"
    control.release("run", "https://a.se/", "w1")
    assert control.holder("run", "https://a.se/") is None
    # A dead worker renews nothing: its lease lapses and the site is free again.
    assert control.take("run", "https://b.se/", "dead", ttl=0.1)
    assert wait_until(lambda: control.holder("run", "https://b.se/") is None)
    assert control.take("run", "https://b.se/", "w2", ttl=30)


def test_a_held_lease_is_renewed_while_the_site_is_audited(control: Control) -> None:
    assert control.take("run", "https://a.se/", "w1", ttl=0.3)
    with control.holding("run", "https://a.se/", "w1", ttl=0.3):
        time.sleep(0.9)  # three times the lease: only the renewals keep it
        assert control.holder("run", "https://a.se/") == "w1"
    assert control.holder("run", "https://a.se/") is None


def test_leases_of_a_run_name_their_sites_and_workers(control: Control) -> None:
    odd = "https://x.se/?q=[a]*"
    assert control.take("run1", odd, "w1", ttl=30)
    assert control.take("run1", "https://y.se/", "w2", ttl=30)
    assert control.take("run2", "https://z.se/", "w1", ttl=30)
    assert control.leases("run1") == {odd: "w1", "https://y.se/": "w2"}
    assert control.leases("run*") == {}


@given(url=st.from_regex(r"https://[a-z]{1,12}\.(se|dk|de)/[a-z0-9/]{0,20}", fullmatch=True),
       name=st.text(max_size=30), tags=st.text(max_size=20),
       jurisdiction=st.sampled_from([None, "se", "dk", "de"]),
       render=st.sampled_from(["auto", "always", "never"]), max_pages=st.integers(1, 500),
       timeout=st.floats(1, 3600), position=st.integers(0, 10**6))
@settings(max_examples=30, deadline=None)
def test_a_job_carries_a_site_and_its_settings_unchanged(
    url: str, name: str, tags: str, jurisdiction: str | None, render: str, max_pages: int, timeout: float,
    position: int,
) -> None:
    chosen = pipeline.AuditSettings(max_pages=max_pages, site_timeout=timeout, render=render,  # type: ignore[arg-type]
                                    jurisdiction=jurisdiction, allow_private=True, obey_robots=False)
    job = Job(run=3, key="k", position=position, site=BatchSite(url, name, jurisdiction, tags),
              settings=settings_payload(chosen), as_of=date(2026, 12, 6))
    again = Job.from_payload(job.payload())
    assert again == job
    carried = again.audit_settings(Path("ev"), "postgresql://db/x")
    assert carried.crawl_spec(url) == chosen.crawl_spec(url)
    assert carried.job(url, jurisdiction) == chosen.job(url, jurisdiction)
    assert carried.output == Path("ev") and carried.store == "postgresql://db/x"


def _batch(tmp_path: Path, urls: list[str]) -> pipeline.Batch:
    settings = pipeline.AuditSettings(render="never", allow_private=True, output=tmp_path / "out",
                                      store=tmp_path / "out" / "auditor.sqlite")
    return pipeline.Batch.open([BatchSite(u) for u in urls], settings, source="test")


def test_only_what_is_missing_is_enqueued(tmp_path: Path, control: Control, redis_db: str) -> None:
    urls = [f"https://shop{n}.se/" for n in range(5)]
    batch = _batch(tmp_path, urls)
    first = enqueue_missing(batch, redis_db)
    assert (first.queued, first.stored, first.pending, first.reopened) == (5, 0, 0, False)
    assert control.waiting(QUEUE) == 5
    # The same command again (to follow, or after an interruption): nothing more.
    again = enqueue_missing(batch, redis_db)
    assert (again.queued, again.pending) == (0, 5)
    assert control.waiting(QUEUE) == 5
    # The same list and settings in another store (a trial beside the sweep) is another run.
    other = _batch(tmp_path / "other", urls)
    assert other.run.key == batch.run.key and run_ref(other.run) != run_ref(batch.run)
    assert enqueue_missing(other, redis_db).queued == 5
    other.close(finished=False)
    assert control.waiting(QUEUE) == 10
    # A cancelled run taken up again: its jobs were dropped, so what is not stored goes on again.
    result = _not_audited(urls[0])
    store.save_site_once(batch.db, batch.run, position=0, url=urls[0], name="", jurisdiction=None, tags="",
                         result=result, crawl=None, seconds=0.0)
    assert store.cancel_run(batch.db, batch.run)
    status = run_status(batch.db, batch.run, control)
    assert status.cancelled and status.stored == 1 and status.queued == 4
    reopened = enqueue_missing(batch, redis_db)
    assert (reopened.queued, reopened.stored, reopened.reopened) == (4, 1, True)
    assert not store.run_cancelled(batch.db, batch.run)
    assert control.waiting(QUEUE) == 14
    batch.close(finished=False)


def _not_audited(url: str) -> SiteResult:
    return SiteResult(url=url, status=SiteStatus.NOT_AUDITED, reason="down", jurisdiction="se")


@pytest.fixture
def in_worker(tmp_path: Path, redis_db: str, monkeypatch: pytest.MonkeyPatch) -> worker.WorkerContext:
    """This process as a worker would be: its context set, the task run in place."""
    context = worker.WorkerContext(broker=redis_db, where=tmp_path / "out" / "auditor.sqlite",
                                   evidence=tmp_path / "out", name="here", lease=30)
    monkeypatch.setattr(worker, "_context", context)
    return context


def test_a_worker_leaves_alone_what_it_must_not_audit(tmp_path: Path, in_worker: worker.WorkerContext,
                                                      redis_db: str) -> None:
    urls = ["https://stored.se/", "https://held.se/", "https://other.se/"]
    batch = _batch(tmp_path, urls)
    task = worker.make_app(redis_db).tasks[TASK]

    def payload(url: str, run: int | None = None, key: str | None = None) -> dict[str, object]:
        return Job(run=run or batch.run.id, key=key or run_ref(batch.run), position=urls.index(url),
                   site=BatchSite(url), settings=settings_payload(batch.settings), as_of=batch.as_of).payload()

    store.save_site_once(batch.db, batch.run, position=0, url=urls[0], name="", jurisdiction=None, tags="",
                         result=_not_audited(urls[0]), crawl=None, seconds=0.0)
    assert task(payload(urls[0])) == "stored already"
    # Another worker audits the site now: the job comes back later, in case that worker dies.
    control = Control(redis_db)
    assert control.take(run_ref(batch.run), urls[1], "elsewhere", ttl=30)
    with pytest.raises(Retry):
        task(payload(urls[1]))
    assert control.holder(run_ref(batch.run), urls[1]) == "elsewhere"
    # A job of a run this store does not hold (another store's run 1) is not audited here.
    assert task(payload(urls[2], key="another-store")) == "unknown run"
    assert task(payload(urls[2], run=99)) == "unknown run"
    # A cancelled run's jobs are acknowledged and dropped.
    assert cli.main(["cancel", str(batch.run.id), "--store", str(in_worker.where)]) == 0
    assert task(payload(urls[2])) == "cancelled"
    assert control.holder(run_ref(batch.run), urls[2]) is None
    control.close()
    batch.close(finished=False)


def test_status_says_what_is_done_in_progress_and_queued(tmp_path: Path, redis_db: str,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    urls = [f"https://shop{n}.se/" for n in range(4)]
    batch = _batch(tmp_path, urls)
    store.save_site_once(batch.db, batch.run, position=0, url=urls[0], name="", jurisdiction=None, tags="",
                         result=_not_audited(urls[0]), crawl=None, seconds=0.0)
    control = Control(redis_db)
    control.take(run_ref(batch.run), urls[1], "worker-a", ttl=30)
    control.take(run_ref(batch.run), urls[2], "worker-b", ttl=30)
    assert cli.main(["status", "latest", "--store", str(tmp_path / "out" / "auditor.sqlite"),
                     "--queue", redis_db]) == 0
    shown = capsys.readouterr().out
    assert "running" in shown
    for label, count in (("sites", 4), ("audited", 0), ("not audited", 1), ("in progress", 2), ("queued", 1)):
        assert any(line.split() == [*label.split(), str(count)] for line in shown.splitlines()), label
    assert "worker-a: 1 in progress" in shown and f"{urls[2]} on worker-b" in shown
    control.close()
    batch.close(finished=False)


def test_progress_is_counted_without_reading_every_stored_site(tmp_path: Path, control: Control,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """What `batch --follow` reads every second: counts from the store and the leases, never the
    list of every stored site (a run of 100,000 would read 100,000 rows a second). A site stored
    whose lease is not released yet counts as stored, not in progress."""
    urls = [f"https://shop{n}.se/" for n in range(7)]
    batch = _batch(tmp_path, urls)
    key = run_ref(batch.run)
    for position, url in enumerate(urls[:3]):
        result = _not_audited(url) if position == 0 else SiteResult(url=url, status=SiteStatus.AUDITED,
                                                                    jurisdiction="se")
        store.save_site_once(batch.db, batch.run, position=position, url=url, name="", jurisdiction=None,
                             tags="", result=result, crawl=None, seconds=0.0)
    control.take(key, urls[2], "worker-a", ttl=30)  # stored, its lease not yet released
    control.take(key, urls[3], "worker-a", ttl=30)
    control.take(key, urls[4], "worker-b", ttl=30)

    def every_url(*args: object) -> set[str]:
        raise AssertionError("the progress read every stored site")

    monkeypatch.setattr(store, "done_urls", every_url)
    status = run_status(batch.db, batch.run, control)
    assert (status.audited, status.not_audited, status.stored) == (2, 1, 3)
    assert status.in_progress == {urls[3]: "worker-a", urls[4]: "worker-b"}
    assert status.queued == 2 and not status.complete and not status.cancelled
    assert status.by_worker() == {"worker-a": 1, "worker-b": 1}
    assert store.stored_among(batch.db, batch.run, set(urls[1:5]) | {"https://elsewhere.se/"}) == set(urls[1:3])
    assert store.stored_among(batch.db, batch.run, set()) == set()
    batch.close(finished=False)


def test_a_follower_hears_of_a_stored_site_at_once(control: Control) -> None:
    """`batch --follow` waits for a worker's word that it stored a site, not for a clock: told,
    it reads the store at once; not told, it reads it after the poll interval all the same."""
    with control.stored_news("run") as news:
        started = time.monotonic()
        assert not news(0.2)
        assert 0.15 < time.monotonic() - started < 5
        other = Control(control.url)
        threading.Timer(0.3, other.announce_stored, args=("run", "https://a.se/")).start()
        started = time.monotonic()
        assert news(30)
        assert time.monotonic() - started < 10
        for url in ("https://b.se/", "https://c.se/"):  # several while the follower reads: one wake for all
            other.announce_stored("run", url)
        time.sleep(0.1)
        assert news(30)
        assert not news(0.1)
        other.announce_stored("another-run", "https://d.se/")  # another run's news is not this one's
        assert not news(0.3)
        other.close()


def test_a_job_the_worker_cannot_do_is_tried_again_then_given_back(tmp_path: Path, redis_db: str,
                                                                 in_worker: worker.WorkerContext) -> None:
    """A store out of reach is the worker's trouble, not the site's: the job is tried again (here
    at once: run in place, Celery retries without waiting), and after the last try the site is no
    longer counted as queued, so that the batch command run again enqueues it."""
    batch = _batch(tmp_path, ["https://a.se/"])
    control = Control(redis_db)
    assert control.mark_queued(run_ref(batch.run), "https://a.se/")
    in_worker.where = tmp_path  # a folder: no store opens there
    task = worker.make_app(redis_db).tasks[TASK]
    job = Job(run=batch.run.id, key=run_ref(batch.run), position=0, site=BatchSite("https://a.se/"),
              settings=settings_payload(batch.settings), as_of=batch.as_of)
    assert task.apply(args=[job.payload()]).get() == "failed"
    assert control.mark_queued(run_ref(batch.run), "https://a.se/")  # not queued any more: queued again
    control.close()
    batch.close(finished=False)


@pytest.fixture
def stalling_site() -> Iterator[str]:
    """A server that answers nothing for ten seconds."""

    class Stall(QuietHandler):
        def do_GET(self) -> None:
            time.sleep(10)

    with loopback_server(Stall, "127.0.0.70") as url:
        yield url


def test_a_site_past_the_workers_time_limit_is_not_audited_with_the_reason(tmp_path: Path,
                                                                            stalling_site: str) -> None:
    settings = pipeline.AuditSettings(render="never", allow_private=True, output=tmp_path, site_timeout=60)
    done = pipeline.audit_batch_site(BatchSite(stalling_site), settings, label="run-1/0123456789ab",
                                     as_of=date(2026, 12, 6), time_limit=1)
    assert done.result.status == SiteStatus.NOT_AUDITED
    assert done.result.reason == "the worker's time limit of 1 s per site was reached"
    assert done.result.rules == [] and done.result.score is None


def test_crawl_slots_bound_the_crawls_and_a_dead_holder_frees_its_slot(tmp_path: Path) -> None:
    """A worker's N crawl slots: N holders at once, the next one waits until a slot is free; a
    process killed while it holds a slot (out of memory, SIGKILL) frees it with its death."""
    import os
    import signal
    import subprocess
    import sys

    slots = worker.CrawlSlots(tmp_path / "slots", 2)
    got: list[int] = []
    with slots.held() as first, slots.held() as second:
        assert {first, second} == {0, 1}
        waiting = threading.Thread(target=lambda: got.extend(slots.held().__enter__() for _ in [0]), daemon=True)
        waiting.start()
        time.sleep(0.3)
        assert got == []  # both slots taken: the third waits
    waiting.join(timeout=10)
    assert got and got[0] in (0, 1)

    one = worker.CrawlSlots(tmp_path / "one", 1)
    holder = subprocess.Popen(
        [sys.executable, "-c", "import fcntl, sys, time; f = open(sys.argv[1], 'rb'); fcntl.flock(f, fcntl.LOCK_EX); "
         "print('held', flush=True); time.sleep(120)", str(tmp_path / "one" / "slot-0")],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        taken = threading.Event()
        threading.Thread(target=lambda: (one.held().__enter__(), taken.set()), daemon=True).start()
        assert not taken.wait(0.3)
        os.kill(holder.pid, signal.SIGKILL)
        assert taken.wait(10)
    finally:
        holder.kill()
        holder.wait()


def test_a_worker_crawls_its_concurrency_and_audits_one_site_a_core_beside() -> None:
    assert worker.pool_size(1) == 1 + pipeline.usable_cores()
    assert worker.pool_size(4) == 4 + pipeline.usable_cores()


def test_a_workers_chromium_is_kept_from_site_to_site(monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker process renders each site with the Chromium it launched for its first one (a
    launch costs seconds a site), launches another when that one is gone, and a site past the
    time limit leaves the kept browser usable for the next. (Launch and render faked: what is
    counted is how often a browser is started and which one renders.)"""
    import asyncio
    from collections.abc import AsyncIterator
    from contextlib import asynccontextmanager

    launched: list[FakeBrowser] = []
    rendered: list[object] = []
    slow: list[bool] = [False]

    class FakeBrowser:
        alive = True

        def connected(self) -> bool:
            return self.alive

    @asynccontextmanager
    async def launch() -> AsyncIterator[FakeBrowser]:
        launched.append(FakeBrowser())
        yield launched[-1]

    async def render_crawl(crawl: object, mode: str, browser: object, **options: object) -> object:
        if slow[0]:
            await asyncio.sleep(30)
        rendered.append(browser)
        return crawl

    monkeypatch.setattr(pipeline, "launch", launch)
    monkeypatch.setattr(pipeline, "render_crawl", render_crawl)
    job = pipeline.AuditSettings(render="auto", allow_private=True, site_timeout=5).job("http://127.0.0.1:9/", None)
    kept = pipeline.KeptBrowser()
    try:
        for _ in range(3):
            pipeline.crawl_site(job, kept=kept)
        assert len(launched) == 1 and rendered == [launched[0]] * 3
        launched[0].alive = False  # Chromium crashed, or was killed for its memory
        pipeline.crawl_site(job, kept=kept)
        assert len(launched) == 2 and rendered[-1] is launched[1]
        slow[0] = True
        started = time.monotonic()
        assert "time limit" in (pipeline.crawl_site(job, time_limit=1, kept=kept).error or "")
        assert time.monotonic() - started < 20
        slow[0] = False
        pipeline.crawl_site(job, kept=kept)
        assert len(launched) == 2 and rendered[-1] is launched[1]
    finally:
        kept.close()
    pipeline.crawl_site(job)  # without a kept one: a browser for the site
    assert len(launched) == 3


def test_evidence_of_attempts_no_stored_site_names_is_pruned(tmp_path: Path) -> None:
    batch = _batch(tmp_path, ["https://a.se/"])
    out = tmp_path / "out"
    run = f"run-{batch.run.id}"
    for attempt in ("aaaaaaaaaaaa", "bbbbbbbbbbbb"):
        (out / "evidence" / run / attempt).mkdir(parents=True)
        (out / "evidence" / run / attempt / "a-se.warc.gz").write_bytes(b"x")
    (out / "evidence" / run / "notes").mkdir()  # not an attempt's folder: left alone
    assert prune_attempts(batch.db, batch.run, out) == 2
    assert sorted(p.name for p in (out / "evidence" / run).iterdir()) == ["notes"]
    batch.close(finished=False)


def test_the_deploy_files_run_workers_with_options_the_command_has() -> None:
    """deploy/compose.yaml and deploy/kubernetes/workers.yaml start `auditor worker` with options
    that parse (a renamed option would otherwise break them unseen)."""
    import yaml

    deploy = Path(__file__).resolve().parent.parent / "deploy"
    compose = yaml.safe_load((deploy / "compose.yaml").read_text(encoding="utf-8"))
    kube = list(yaml.safe_load_all((deploy / "kubernetes" / "workers.yaml").read_text(encoding="utf-8")))
    [deployment] = [doc for doc in kube if doc["kind"] == "Deployment"]
    [container] = deployment["spec"]["template"]["spec"]["containers"]
    for argv in (compose["services"]["worker"]["command"], container["args"]):
        args = cli.build_parser().parse_args(argv)
        assert args.func is cli.cmd_worker and args.concurrency == 4
    assert {"redis", "postgres", "worker"} <= set(compose["services"])


DEPLOY = Path(__file__).resolve().parent.parent / "deploy"


def test_the_kubernetes_manifest_is_valid_for_the_kubernetes_api() -> None:
    """Every resource of deploy/kubernetes/workers.yaml against its kind's schema in the Kubernetes
    API (kubernetes-validate bundles the schemas: no cluster is needed), strictly: a misspelt field
    fails as a cluster would refuse it. The check is seen to catch such a mistake."""
    import copy

    import kubernetes_validate
    import yaml

    version = kubernetes_validate.latest_version()
    docs = list(yaml.safe_load_all((DEPLOY / "kubernetes" / "workers.yaml").read_text(encoding="utf-8")))
    assert {doc["kind"] for doc in docs} == {"Secret", "PersistentVolumeClaim", "Deployment"}
    for doc in docs:
        kubernetes_validate.validate(doc, version, strict=True)
    [deployment] = [doc for doc in docs if doc["kind"] == "Deployment"]
    misspelt = copy.deepcopy(deployment)
    misspelt["spec"]["template"]["spec"]["terminationGracePeriod"] = 960
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(misspelt, version, strict=True)


def test_the_compose_file_is_valid_for_the_compose_specification(tmp_path: Path) -> None:
    """deploy/compose.yaml against the Compose specification's JSON schema, as check-jsonschema
    ships it (offline); a misspelt service key is seen to fail. (No Docker engine runs here: the
    file is checked, not run.)"""
    import subprocess
    import sys

    def check(path: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.compose-spec",
                               str(path)], capture_output=True, text=True, timeout=120)

    valid = check(DEPLOY / "compose.yaml")
    assert valid.returncode == 0, valid.stdout + valid.stderr
    text = (DEPLOY / "compose.yaml").read_text(encoding="utf-8")
    assert "stop_grace_period:" in text
    misspelt = tmp_path / "compose.yaml"
    misspelt.write_text(text.replace("stop_grace_period:", "stop_grace:"), encoding="utf-8")
    assert check(misspelt).returncode == 1
