"""Batch audits: many sites from a list, concurrently, resumable after any interruption.

Each site is audited and written to the store the moment its crawl ends (one transaction per
site), so killing the process loses at most the sites in flight. Running the same command again
finds the run by its key (the list and the settings) and audits only the sites not stored yet.
Crawled sites are handed over as they end, and only a few wait at a time, so memory stays
bounded however long the list is; the CPU work of auditing them runs in worker processes.
"""

from __future__ import annotations

import asyncio
import csv
import hashlib
import json
import multiprocessing
import os
import sqlite3
from collections.abc import Awaitable, Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from auditor import store
from auditor.engine import audit_crawl
from auditor.models import SiteCrawl, SiteResult
from auditor.runner import store_evidence
from auditor.spiders.crawl import CrawlSpec, crawl_each

JURISDICTIONS = ("se", "no", "dk", "fi", "de", "eu")


class BatchInputError(Exception):
    """The site list cannot be read: a message naming the lines at fault."""


@dataclass(frozen=True)
class BatchSite:
    """One line of the site list."""

    url: str
    name: str = ""
    jurisdiction: str | None = None
    tags: str = ""
    line: int = 0


def read_sites(path: Path, normalise: Callable[[str], str]) -> list[BatchSite]:
    """Sites from a CSV (header with ``url``; optional ``name``, ``jurisdiction``, ``tags``) or a
    plain list of URLs, one a line. Blank lines and ``#`` comments are skipped; a URL listed twice
    is audited once. Every bad line is named in one error."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise BatchInputError(f"cannot read {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise BatchInputError(f"{path} is not UTF-8 text") from None
    lines = text.splitlines()
    first = next((line for line in lines if line.strip() and not line.lstrip().startswith("#")), "")
    header = [c.strip().lower() for c in next(csv.reader([first]))] if first else []
    rows: list[tuple[int, dict[str, str]]] = []
    if "url" in header:
        reader = csv.DictReader(
            (line for line in lines if not line.lstrip().startswith("#")), fieldnames=None
        )
        start = lines.index(first) + 1
        for offset, row in enumerate(reader, start=start + 1):
            clean = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items() if k is not None}
            if any(clean.values()):
                rows.append((offset, clean))
    else:
        for number, line in enumerate(lines, start=1):
            if line.strip() and not line.lstrip().startswith("#"):
                rows.append((number, {"url": line.strip()}))
    errors: list[str] = []
    out: dict[str, BatchSite] = {}
    for number, row in rows:
        raw = row.get("url", "")
        try:
            url = normalise(raw)
        except Exception as exc:
            errors.append(f"line {number}: {exc}")
            continue
        jurisdiction = (row.get("jurisdiction") or "").lower() or None
        if jurisdiction in ("auto", ""):
            jurisdiction = None
        if jurisdiction is not None and jurisdiction not in JURISDICTIONS:
            errors.append(f"line {number}: unknown jurisdiction {jurisdiction!r} (use {', '.join(JURISDICTIONS)})")
            continue
        out.setdefault(url, BatchSite(url=url, name=row.get("name", ""), jurisdiction=jurisdiction,
                                      tags=row.get("tags", ""), line=number))
    if errors:
        shown = "; ".join(errors[:10]) + (f" (and {len(errors) - 10} more)" if len(errors) > 10 else "")
        raise BatchInputError(f"{path}: {shown}")
    if not out:
        raise BatchInputError(f"{path} lists no site")
    return list(out.values())


def run_key(sites: Sequence[BatchSite], settings: dict[str, object]) -> str:
    """What makes "the same command": the sites and the settings."""
    data = json.dumps(
        {"sites": [[s.url, s.name, s.jurisdiction, s.tags] for s in sites], "settings": settings}, sort_keys=True
    )
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:20]


@dataclass
class Progress:
    """What the progress bar shows."""

    done: int = 0
    not_audited: int = 0
    pages: int = 0


def run_batch(
    db: sqlite3.Connection,
    run: store.Run,
    sites: Sequence[BatchSite],
    *,
    spec: Callable[[BatchSite], CrawlSpec],
    as_of: date,
    evidence_dir: Path | None,
    concurrency: int,
    on_site: Callable[[BatchSite, SiteResult, Progress], None] | None = None,
    workers: int | None = None,
) -> Progress:
    """Audit the sites of ``run`` that are not stored yet; each is stored as soon as it is done.

    The crawl runs in this process; the audit of each crawled site (WARC evidence, extraction,
    rules, the compressed crawl) runs in ``workers`` other processes (default: one per core but
    one, at most four), so that the CPU work of one site never stalls the crawls in flight. With
    one core, few sites or ``workers=0`` everything runs here. Only this process writes the store.
    """
    finished = store.done_urls(db, run)
    todo = [s for s in sites if s.url not in finished]
    position = {s.url: i for i, s in enumerate(sites)}
    progress = Progress(done=len(finished))
    by_url = {s.url: s for s in todo}
    label = f"run-{run.id}"
    if workers is None and os.environ.get(WORKERS_ENV, "").strip().isdigit():
        workers = int(os.environ[WORKERS_ENV])
    if workers is None:
        workers = min(MAX_WORKERS, (os.cpu_count() or 1) - 1) if len(todo) >= MIN_SITES_FOR_WORKERS else 0
    pool = _pool(workers)

    def save(site: BatchSite, crawl: SiteCrawl, result: SiteResult, blob: bytes) -> None:
        seconds = (crawl.finished_at - crawl.started_at).total_seconds()
        store.save_site(db, run, position=position[site.url], url=site.url, name=site.name,
                        jurisdiction=site.jurisdiction, tags=site.tags, result=result, crawl=crawl,
                        seconds=seconds, crawl_blob=blob)
        progress.done += 1
        progress.pages += len(crawl.pages)
        progress.not_audited += result.status.value != "audited"
        if on_site is not None:
            on_site(site, result, progress)

    def done(crawl: SiteCrawl) -> Awaitable[None] | None:
        site = by_url.get(crawl.start_url)
        if site is None:
            return None
        if pool is None:
            result, blob = audit_site(crawl, evidence_dir, label, site.jurisdiction, as_of)
            save(site, crawl, result, blob)
            return None
        return _audit_elsewhere(pool, site, crawl, evidence_dir, label, as_of, save)

    try:
        crawl_each([spec(s) for s in todo], concurrency=concurrency, on_done=done)
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
    return progress


#: Overrides the number of audit worker processes (0: audit in the crawling process, as a
#: profile of the whole batch needs).
WORKERS_ENV = "AUDITOR_AUDIT_WORKERS"
#: Audit worker processes at most, and the fewest sites for which starting them pays.
MAX_WORKERS = 4
MIN_SITES_FOR_WORKERS = 8


def audit_site(
    crawl: SiteCrawl, evidence_dir: Path | None, label: str, jurisdiction: str | None, as_of: date
) -> tuple[SiteResult, bytes]:
    """Evidence, audit and the compressed crawl of one site (run in a worker process)."""
    if evidence_dir is not None:
        crawl = store_evidence(crawl, evidence_dir, label)
    result = audit_crawl(crawl, jurisdiction=jurisdiction, as_of=as_of)
    return result, store.crawl_blob_of(crawl)


def _pool(workers: int) -> ProcessPoolExecutor | None:
    if workers <= 0:
        return None
    # spawn, not fork: the crawling process has threads (a fork would copy their locks).
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))


async def _audit_elsewhere(
    pool: ProcessPoolExecutor,
    site: BatchSite,
    crawl: SiteCrawl,
    evidence_dir: Path | None,
    label: str,
    as_of: date,
    save: Callable[[BatchSite, SiteCrawl, SiteResult, bytes], None],
) -> None:
    loop = asyncio.get_running_loop()
    try:
        result, blob = await loop.run_in_executor(
            pool, audit_site, crawl, evidence_dir, label, site.jurisdiction, as_of)
    except BrokenProcessPool:  # a worker died (out of memory, killed): audit here instead
        result, blob = audit_site(crawl, evidence_dir, label, site.jurisdiction, as_of)
    save(site, crawl, result, blob)
