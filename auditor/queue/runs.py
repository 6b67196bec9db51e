"""A run on the queue as the command line sees it: enqueue what is missing, read where it stands."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from auditor import pipeline, store
from auditor.objectstore import Bucket, S3Location
from auditor.queue.control import Control
from auditor.queue.jobs import Job, run_ref, settings_payload
from auditor.queue.worker import enqueue, make_app


@dataclass(frozen=True)
class Enqueued:
    """What :func:`enqueue_missing` did."""

    queued: int
    #: Sites the store holds already, and sites queued by an earlier batch command and not done yet.
    stored: int
    pending: int
    #: The run had been cancelled, and is not any more.
    reopened: bool


def enqueue_missing(batch: pipeline.Batch, broker: str) -> Enqueued:
    """One job for each site of the batch that is neither stored nor queued already; a cancelled
    run is taken up again."""
    control = Control(broker)
    try:
        control.check()
        key = run_ref(batch.run)
        reopened = store.reopen_run(batch.db, batch.run)
        if reopened:  # its jobs were dropped by the workers: queue again what is missing
            control.forget_queued(key)
        done = store.done_urls(batch.db, batch.run)
        app = make_app(broker)
        carried = settings_payload(batch.settings)
        queued = pending = 0
        for position, site in enumerate(batch.sites):
            if site.url in done:
                continue
            if not control.mark_queued(key, site.url):
                pending += 1
                continue
            try:
                enqueue(app, Job(run=batch.run.id, key=key, position=position, site=site, settings=carried,
                                 as_of=batch.as_of))
            except Exception:
                control.unmark_queued(key, site.url)
                raise
            queued += 1
        return Enqueued(queued=queued, stored=len(done), pending=pending, reopened=reopened)
    finally:
        control.close()


@dataclass(frozen=True)
class RunStatus:
    """Where a run on the queue stands: from the store what is done, from Redis what is in hand."""

    run: store.Run
    audited: int
    not_audited: int
    #: Sites being audited now: url -> worker (empty without the queue).
    in_progress: dict[str, str] = field(default_factory=dict)
    cancelled: bool = False

    @property
    def stored(self) -> int:
        return self.audited + self.not_audited

    @property
    def queued(self) -> int:
        """Sites neither stored nor in hand: on the queue, or due back on it from a dead worker."""
        return max(0, self.run.total - self.stored - len(self.in_progress))

    @property
    def complete(self) -> bool:
        return self.stored >= self.run.total

    def by_worker(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for worker in self.in_progress.values():
            counts[worker] = counts.get(worker, 0) + 1
        return dict(sorted(counts.items()))


def run_status(db: store.Store, run: store.Run, control: Control | None) -> RunStatus:
    """Counts from the store (one grouped count, however many sites the run has), and the leases
    from Redis: a ``--follow`` reads this every second of a run of any size. A site stored whose
    lease is not released yet (the worker is between the two) counts as stored, not in progress:
    of the leased sites, and of those only, the store says which it holds."""
    counts = store.site_counts(db, run)
    audited = counts.get("audited", 0)
    not_audited = sum(counts.values()) - audited
    cancelled = store.run_cancelled(db, run)
    if control is None:
        return RunStatus(run, audited, not_audited, cancelled=cancelled)
    leases = control.leases(run_ref(run))
    stored = store.stored_among(db, run, set(leases))
    working = {url: worker for url, worker in leases.items() if url not in stored}
    return RunStatus(run, audited, not_audited, working, cancelled)


#: The folder of one attempt at a site (:mod:`auditor.queue.worker`): 12 hex digits.
_ATTEMPT = re.compile(r"[0-9a-f]{12}")


def prune_attempts(db: store.Store, run: store.Run, evidence: Path | S3Location) -> int:
    """Remove the evidence folders of attempts whose site was stored by another attempt and
    that their worker could not remove (it was killed after writing them): evidence that no
    stored result names, kept out of the run's manifest. The folders left are those the stored
    results' WARC records point to. On a bucket, the same for the keys under those folders. How
    many attempts' folders were removed."""
    kept: set[str] = set()
    for site in store.sites(db, run):
        for page in site.result.crawl.pages if site.result.crawl is not None else []:
            for path in (page.warc.split("#", 1)[0], page.screenshot):
                parts = Path(path).parts
                if len(parts) > 3 and parts[1] == f"run-{run.id}":
                    kept.add(parts[2])
    if isinstance(evidence, S3Location):
        return _prune_keys(Bucket(evidence), run, kept)
    removed = 0
    for top in ("evidence", "screenshots"):
        folder = evidence / top / f"run-{run.id}"
        if not folder.is_dir():
            continue
        for attempt in folder.iterdir():
            if attempt.is_dir() and _ATTEMPT.fullmatch(attempt.name) and attempt.name not in kept:
                shutil.rmtree(attempt, ignore_errors=True)
                removed += 1
    return removed


def _prune_keys(bucket: Bucket, run: store.Run, kept: set[str]) -> int:
    removed = 0
    for top in ("evidence", "screenshots"):
        folder = f"{top}/run-{run.id}"
        attempts: dict[str, list[str]] = {}
        for relative in bucket.under(folder):
            attempt, _, rest = relative[len(folder) + 1:].partition("/")
            if rest and _ATTEMPT.fullmatch(attempt) and attempt not in kept:
                attempts.setdefault(attempt, []).append(relative)
        for keys in attempts.values():
            bucket.delete(keys)
            removed += 1
    return removed
