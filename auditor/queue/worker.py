"""The Celery side: the app, the task that audits one site, the worker that runs it.

The app acknowledges a job only after the task returned (``acks_late``), and gives it back when the
process running it dies (``task_reject_on_worker_lost``); each worker process takes one job at a
time (prefetch 1). A job taken by a worker that was then killed is handed out again once the
broker's visibility timeout has passed since it was taken (Redis has no connection-bound delivery).

A worker with ``--concurrency N`` crawls N sites at once, as a local batch does, and audits others
meanwhile: it runs one process a core more than its N crawl slots (:func:`pool_size`), and a
process holds one of the slots (:class:`CrawlSlots`) only while it crawls and renders its site.
Each process keeps one Chromium from site to site (:class:`auditor.pipeline.KeptBrowser`).
A site's crawl mostly waits on the network and its audit is CPU: with one process a site, crawl
then audit, N processes left the cores idle while all of them waited on the network.
"""

from __future__ import annotations

import fcntl
import logging
import os
import shutil
import socket
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from celery import Celery, Task
from celery.exceptions import Retry

from auditor import pipeline, store
from auditor.objectstore import Bucket, S3Location
from auditor.queue.control import Control
from auditor.queue.jobs import DEFAULT_LEASE, DEFAULT_TIME_LIMIT, DEFAULT_VISIBILITY_TIMEOUT, QUEUE, TASK, Job, run_ref

log = logging.getLogger(__name__)



def make_app(broker: str, *, visibility_timeout: float = DEFAULT_VISIBILITY_TIMEOUT) -> Celery:
    """The Celery app on the Redis at ``broker``, with the audit task registered."""
    app = Celery("auditor", broker=broker, set_as_current=False)
    app.conf.update(
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        task_default_queue=QUEUE,
        task_ignore_result=True,
        task_serializer="json",
        accept_content=["json"],
        broker_connection_retry_on_startup=True,
        worker_hijack_root_logger=False,
        worker_redirect_stdouts=False,
        broker_transport_options={
            "visibility_timeout": visibility_timeout,
            # How often an idle worker looks for jobs of dead workers to give out again.
            "unacked_restore_interval": max(1.0, min(10.0, visibility_timeout / 4)),
            "unacked_restore_throttle": 1,
        },
    )
    app.task(name=TASK, bind=True, max_retries=None)(_audit_job)
    return app


def enqueue(app: Celery, job: Job) -> None:
    app.send_task(TASK, args=[job.payload()], queue=QUEUE)


class CrawlSlots:
    """``count`` slots shared by the processes of one worker, each a file in ``folder`` locked
    (``flock``) by the process crawling in it. The kernel drops the lock of a process that dies,
    so a worker process killed mid-crawl (out of memory) frees its slot with it."""

    #: Seconds between two looks for a free slot.
    POLL = 0.02

    def __init__(self, folder: Path, count: int) -> None:
        self.folder = folder
        self.count = count
        folder.mkdir(parents=True, exist_ok=True)
        for index in range(count):
            (folder / f"slot-{index}").touch()

    @contextmanager
    def held(self) -> Iterator[int]:
        """Wait for a free slot and hold it until the block ends; the slot's number."""
        files = [open(self.folder / f"slot-{index}", "rb") for index in range(self.count)]  # noqa: SIM115
        try:
            while True:
                for index, handle in enumerate(files):
                    try:
                        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    except BlockingIOError:
                        continue
                    try:
                        yield index
                    finally:
                        fcntl.flock(handle, fcntl.LOCK_UN)
                    return
                time.sleep(self.POLL)
        finally:
            for handle in files:
                handle.close()


def pool_size(concurrency: int) -> int:
    """Worker processes for ``concurrency`` sites crawled at once: as many more as the cores, to
    audit the sites crawled meanwhile (as a local batch has one audit process a core)."""
    return concurrency + pipeline.usable_cores()


@dataclass
class WorkerContext:
    """What a worker process audits with: where its store and evidence are, its limits."""

    broker: str
    where: store.Where
    #: A folder, or a place in a bucket (the evidence is then written to a spool folder and uploaded).
    evidence: Path | S3Location
    name: str
    time_limit: float = DEFAULT_TIME_LIMIT
    lease: float = DEFAULT_LEASE
    #: The worker's crawl slots (None: no bound, one process crawls one site as it likes).
    slots: CrawlSlots | None = None
    _db: tuple[int, store.Store] | None = field(default=None, repr=False)
    _control: tuple[int, Control] | None = field(default=None, repr=False)
    _bucket: Bucket | None = field(default=None, repr=False)
    _browser: tuple[int, pipeline.KeptBrowser] | None = field(default=None, repr=False)

    def db(self) -> store.Store:
        """This process's connection to the store (a forked pool process opens its own)."""
        if self._db is None or self._db[0] != os.getpid():
            self._db = (os.getpid(), pipeline.open_store(self.where))
        return self._db[1]

    def bucket(self) -> Bucket | None:
        """The evidence's bucket (None for a folder); its client is made per process."""
        if not isinstance(self.evidence, S3Location):
            return None
        if self._bucket is None:
            self._bucket = Bucket(self.evidence)
        return self._bucket

    def browser(self) -> pipeline.KeptBrowser:
        """This process's Chromium, kept from site to site (launched at the first site rendered)."""
        if self._browser is None or self._browser[0] != os.getpid():
            self._browser = (os.getpid(), pipeline.KeptBrowser())
        return self._browser[1]

    def control(self) -> Control:
        if self._control is None or self._control[0] != os.getpid():
            self._control = (os.getpid(), Control(self.broker))
        return self._control[1]


_context: WorkerContext | None = None


def default_name() -> str:
    return f"{socket.gethostname()}-{os.getpid()}"


def run_worker(context: WorkerContext, *, concurrency: int = 1,
               visibility_timeout: float = DEFAULT_VISIBILITY_TIMEOUT) -> None:
    """Take jobs until stopped (SIGTERM or Ctrl-C: the jobs in hand are finished first):
    ``concurrency`` sites crawled at once, and one a core audited meanwhile."""
    global _context
    control = context.control()
    control.check()
    app = make_app(context.broker, visibility_timeout=visibility_timeout)
    processes = pool_size(concurrency)
    with tempfile.TemporaryDirectory(prefix="auditor-worker-") as folder:
        context.slots = CrawlSlots(Path(folder), concurrency)
        _context = context
        app.worker_main(["--quiet", "worker", "--loglevel=WARNING", f"--concurrency={processes}", "--pool=prefork",
                         f"--queues={QUEUE}", f"--hostname={context.name}@%h", "--without-gossip",
                         "--without-mingle", "--without-heartbeat"])


#: Times a job is tried again after the worker could not do it (the store or the evidence folder
#: out of reach: nothing a site does), waiting twice as long each time, at most ``_RETRY_MAX`` s.
MAX_RETRIES = 12
_RETRY_FIRST = 10
_RETRY_MAX = 600


def _audit_job(task: Task, payload: dict[str, Any]) -> str:
    """Audit one site of a run and store it; what became of the job (for the worker's log).

    Nothing a site does raises here (the pipeline makes it a site not audited); what does raise
    is the worker's own trouble, and the job is tried again later. After the last try the site
    is no longer counted as queued, so that the batch command run again enqueues it."""
    if _context is None:
        raise RuntimeError("the audit task runs in `auditor worker` only")
    job = Job.from_payload(payload)
    try:
        return _audit_job_once(task, _context, job)
    except Retry:
        raise
    except Exception as exc:
        tries = int(task.request.retries or 0)
        if tries >= MAX_RETRIES:
            log.exception("giving up on %s of run %s after %d tries", job.site.url, job.run, tries + 1)
            with suppress(Exception):
                _context.control().unmark_queued(job.key, job.site.url)
            return "failed"
        log.warning("cannot audit %s of run %s now (%s: %s); trying again later", job.site.url, job.run,
                    type(exc).__name__, exc)
        raise task.retry(exc=exc, countdown=min(_RETRY_MAX, _RETRY_FIRST * 2 ** tries), max_retries=None) from exc


def _audit_job_once(task: Task, context: WorkerContext, job: Job) -> str:
    db = context.db()
    run = store.find_run(db, str(job.run))
    if run is None or run_ref(run) != job.key:
        log.warning("run %s of job %s is not in the store %s: skipped", job.run, job.site.url,
                    store.describe(context.where))
        return "unknown run"
    if store.run_cancelled(db, run):
        return "cancelled"
    if store.stored_site(db, run, job.site.url) is not None:
        return "stored already"
    control = context.control()
    if not control.take(job.key, job.site.url, context.name, context.lease):
        # Another worker audits this site right now (this is a second delivery of its job): come
        # back when its lease would have lapsed, in case it dies before it stores the site.
        raise task.retry(countdown=context.lease, max_retries=None)
    with control.holding(job.key, job.site.url, context.name, context.lease):
        if store.stored_site(db, run, job.site.url) is not None:  # stored by the lease's last holder meanwhile
            return "stored already"
        return _audit_held(context, db, run, job)


def _audit_held(context: WorkerContext, db: store.Store, run: store.Run, job: Job) -> str:
    attempt = uuid.uuid4().hex[:12]
    label = f"run-{run.id}/{attempt}"
    bucket = context.bucket()
    if bucket is None:
        assert isinstance(context.evidence, Path)
        return _audit_into(context.evidence, context, db, run, job, label, bucket)
    # Evidence on a bucket: written to a spool folder of this attempt's own exactly as into a
    # shared folder, uploaded whole, and only then stored (the stored result names uploaded keys).
    with tempfile.TemporaryDirectory(prefix="auditor-spool-") as spool:
        return _audit_into(Path(spool), context, db, run, job, label, bucket)


def _audit_into(evidence: Path, context: WorkerContext, db: store.Store, run: store.Run, job: Job, label: str,
                bucket: Bucket | None) -> str:
    settings = job.audit_settings(evidence, context.where)
    done = pipeline.audit_batch_site(job.site, settings, label=label, as_of=job.as_of,
                                     time_limit=context.time_limit,
                                     crawl_slot=context.slots.held() if context.slots is not None else None,
                                     kept=context.browser())
    uploaded: list[str] = []
    if bucket is not None:
        try:
            uploaded = bucket.upload_tree(evidence)
        except Exception:
            # Nothing stored names these keys: take back what went up (batch --follow prunes any
            # left if this fails too), and let the job be tried again.
            with suppress(Exception):
                bucket.delete(p.relative_to(evidence).as_posix() for p in evidence.rglob("*") if p.is_file())
            raise
    site = job.site
    stored = store.save_site_once(
        db, run, position=job.position, url=site.url, name=site.name, jurisdiction=site.jurisdiction,
        tags=site.tags, result=done.result, crawl=done.crawl,
        seconds=(done.crawl.finished_at - done.crawl.started_at).total_seconds(), crawl_blob=done.blob)
    if not stored:  # another attempt stored the site first: its evidence is the one its result names
        if bucket is not None:
            with suppress(Exception):  # what stays is pruned by batch --follow (no stored result names it)
                bucket.delete(uploaded)
        for folder in ("evidence", "screenshots"):
            shutil.rmtree(evidence / folder / label, ignore_errors=True)
        return "stored by another attempt"
    with suppress(Exception):  # news for a follower only: the site is stored, the job done either way
        context.control().announce_stored(job.key, site.url)
    return "stored"
