"""One crawled site audited, as a batch's audit worker process runs it: the evidence files
(screenshots, the WARC file), the facts, rules and score (:func:`auditor.engine.audit_crawl`)
and the crawl as the store keeps it.

Apart from :mod:`auditor.pipeline` so that a worker process, which unpickles a
:class:`SiteAuditor` and runs it, imports what it runs and not the crawler (Scrapy, Twisted)
or the browser's modules: about a third of a second of CPU in every worker.
"""

from __future__ import annotations

import atexit
import cProfile
import ctypes
import multiprocessing
import os
import signal
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from auditor import scoring, store
from auditor import settings as env
from auditor.engine import audit_crawl
from auditor.evidence import write_warc
from auditor.models import SiteCrawl, SiteResult
from auditor.reports.html import report_slug

if TYPE_CHECKING:
    from auditor.rule import Rule


def audit_site(
    crawl: SiteCrawl, *, jurisdiction: str | None, as_of: date, rules: Sequence[type[Rule]] | None = None,
    evidence_dir: Path | None = None, label: str = "",
) -> tuple[SiteCrawl, SiteResult]:
    """Evidence, facts, rules and score of one crawled site: the crawl with its evidence files
    recorded, and the site's result. Never raises for anything a site can do."""
    if evidence_dir is not None:
        crawl = store_evidence(crawl, evidence_dir, label)
    return crawl, scoring.site_with_coverage(audit_crawl(crawl, jurisdiction=jurisdiction, as_of=as_of, rules=rules))


def store_evidence(crawl: SiteCrawl, evidence_dir: Path, label: str = "") -> SiteCrawl:
    """Screenshots as image files and the pages as a WARC file, their paths recorded in the crawl.
    ``label`` (``run-3``) gives each run its own folders: no run overwrites another's evidence."""
    crawl = store_screenshots(crawl, evidence_dir, label)
    try:
        return write_warc(crawl, evidence_dir, label)
    except OSError:
        return crawl


def store_screenshots(crawl: SiteCrawl, evidence_dir: Path, label: str = "") -> SiteCrawl:
    """Write the crawl's screenshots (the full page a JPEG, the rest PNG) as files and record their
    paths relative to ``evidence_dir``.

    Nothing is lost when a file cannot be written: the path just stays empty."""
    folder = Path("screenshots") / label / report_slug(crawl.start_url) if label else (
        Path("screenshots") / report_slug(crawl.start_url))
    pages = []
    for number, page in enumerate(crawl.pages, start=1):
        render = page.render
        if render is None:
            pages.append(page)
            continue
        prefix = folder / f"page-{number:02d}"
        update: dict[str, object] = {}
        if render.screenshot_png:  # a JPEG since the browser compresses it, a PNG from older crawls
            suffix = ".jpg" if render.screenshot_png.startswith(b"\xff\xd8") else ".png"
            update["screenshot"] = _write(evidence_dir, Path(f"{prefix}{suffix}"), render.screenshot_png)
        update["chats"] = [
            chat.model_copy(update={"screenshot": _write(evidence_dir, Path(f"{prefix}-chat-{i}.png"),
                                                         chat.screenshot_png)}) if chat.screenshot_png else chat
            for i, chat in enumerate(render.chats, start=1)
        ]
        elements: dict[str, str] = {}
        for index, (locator, png) in enumerate(render.elements_png.items(), start=1):
            path = _write(evidence_dir, Path(f"{prefix}-element-{index:02d}.png"), png)
            if path:
                elements[locator] = path
        update["elements"] = elements
        update["submissions"] = [
            sent.model_copy(update={"screenshot": _write(evidence_dir, Path(f"{prefix}-sent-{i}.png"),
                                                         sent.screenshot_png)}) if sent.screenshot_png else sent
            for i, sent in enumerate(render.submissions, start=1)
        ]
        pages.append(page.model_copy(update={"render": render.model_copy(update=update)}))
    return crawl.model_copy(update={"pages": pages})


def _write(root: Path, relative: Path, data: bytes) -> str:
    try:
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    except OSError:
        return ""
    return relative.as_posix()


@dataclass(frozen=True)
class SiteAuditor:
    """The audit of one crawled batch site, as a picklable callable for a worker process:
    evidence, audit and the compressed crawl."""

    evidence_dir: Path | None
    label: str
    as_of: date

    def __call__(self, crawl: SiteCrawl, jurisdiction: str | None) -> tuple[SiteResult, bytes]:
        crawl, result = audit_site(crawl, jurisdiction=jurisdiction, as_of=self.as_of,
                                   evidence_dir=self.evidence_dir, label=self.label)
        return result, store.crawl_blob_of(crawl)


#: prctl(2)'s option that sends the calling process a signal when its parent dies (Linux).
_PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """An audit worker ends when the batch that started it dies, even by SIGKILL (an out-of-memory
    kill, a `kill -9`): otherwise it would wait on its pipe for ever, and a resumed batch would
    start a second set beside it. Linux only; elsewhere a no-op."""
    if not sys.platform.startswith("linux"):
        return
    # The signal follows the thread that started the worker: the batch's main thread, which
    # submits the audits from its event loop and lives as long as the pool.
    parent = multiprocessing.parent_process()
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if parent is not None and os.getppid() != parent.pid:  # it died before the signal was asked for
        os._exit(1)


def profile_process(role: str) -> Path | None:
    """With ``AUDITOR_PROFILE`` set to a folder, profile this process with cProfile from now on and
    write ``ROLE-PID.prof`` there when it exits (a batch's crawling process, each audit worker):
    the CPU of a batch's whole process tree, split by function. Returns the file to be written
    (None: not profiling)."""
    folder = env.profile_dir()
    if folder is None:
        return None
    target = Path(folder) / f"{role}-{os.getpid()}.prof"
    profiler = cProfile.Profile()

    def dump() -> None:
        profiler.disable()
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            profiler.dump_stats(target)
        except OSError:
            pass

    atexit.register(dump)
    profiler.enable()
    return target


def start_worker() -> None:
    """What an audit worker process does first: end with its batch (:func:`die_with_parent`),
    and profile itself when ``AUDITOR_PROFILE`` asks it to."""
    die_with_parent()
    profile_process("worker")
