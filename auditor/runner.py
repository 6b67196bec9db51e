"""Audit a list of sites end to end: crawl, extract, judge, score, and collect one AuditResult."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from auditor import __version__
from auditor.engine import audit_crawl
from auditor.models import AuditResult, SiteCrawl, SiteResult, ToolInfo
from auditor.spiders.crawl import CrawlSpec, crawl_sites

if TYPE_CHECKING:
    from auditor.rule import Rule


@dataclass(frozen=True)
class SiteJob:
    """One site to audit: what to crawl and which law to apply (None: guess from the site)."""

    crawl: CrawlSpec
    jurisdiction: str | None = None
    rules: Sequence[type[Rule]] | None = None  # None: every rule; ``auditor ci`` skips some


def audit_sites(
    jobs: Sequence[SiteJob],
    *,
    as_of: date,
    on_site_done: Callable[[SiteCrawl], None] | None = None,
    evidence_dir: Path | None = None,
    on_audited: Callable[[int, SiteCrawl, SiteResult], SiteResult] | None = None,
    evidence_label: str = "",
) -> AuditResult:
    """Crawl and audit every site; the result lists the sites in the order given. Screenshots go
    to ``evidence_dir/screenshots/`` (paths in the result are relative to that folder).
    ``on_audited`` sees each site's crawl and result (to store them) and may return the result
    amended (with its history)."""
    crawls = crawl_sites([job.crawl for job in jobs], on_done=on_site_done)
    if evidence_dir is not None:
        crawls = [store_evidence(crawl, evidence_dir, evidence_label) for crawl in crawls]
    sites: list[SiteResult] = []
    for index, (job, crawl) in enumerate(zip(jobs, crawls, strict=True)):
        result = audit_crawl(crawl, jurisdiction=job.jurisdiction, as_of=as_of, rules=job.rules)
        sites.append(on_audited(index, crawl, result) if on_audited is not None else result)
    return AuditResult(
        tool=ToolInfo(version=__version__),
        generated_at=datetime.now(UTC),
        as_of=as_of,
        sites=sites,
    )


def write_json(result: AuditResult, out_dir: Path) -> Path:
    """Write ``result.json``: the AuditResult every other output is rendered from."""
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "result.json"
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(result.model_dump_json(indent=2), encoding="utf-8")
    tmp.replace(path)  # atomic: a reader never sees half a file
    return path


def store_evidence(crawl: SiteCrawl, evidence_dir: Path, label: str = "") -> SiteCrawl:
    """Screenshots as PNG files and the pages as a WARC file, their paths recorded in the crawl.
    ``label`` (``run-3``) gives each run its own folders: no run overwrites another's evidence."""
    from auditor.evidence import write_warc

    crawl = store_screenshots(crawl, evidence_dir, label)
    try:
        return write_warc(crawl, evidence_dir, label)
    except OSError:
        return crawl


def store_screenshots(crawl: SiteCrawl, evidence_dir: Path, label: str = "") -> SiteCrawl:
    """Write the crawl's screenshots as PNG files and record their paths relative to ``evidence_dir``.

    Nothing is lost when a file cannot be written: the path just stays empty."""
    from auditor.reports.html import report_slug

    folder = Path("screenshots") / label / report_slug(crawl.start_url) if label else (
        Path("screenshots") / report_slug(crawl.start_url))
    pages = []
    for number, page in enumerate(crawl.pages, start=1):
        render = page.render
        if render is None:
            pages.append(page)
            continue
        update: dict[str, object] = {}
        if render.screenshot_png:
            update["screenshot"] = _write(evidence_dir, folder / f"page-{number:02d}.png", render.screenshot_png)
        chats = []
        for index, chat in enumerate(render.chats, start=1):
            if chat.screenshot_png:
                path = _write(evidence_dir, folder / f"page-{number:02d}-chat-{index}.png", chat.screenshot_png)
                chat = chat.model_copy(update={"screenshot": path})
            chats.append(chat)
        update["chats"] = chats
        elements: dict[str, str] = {}
        for index, (locator, png) in enumerate(render.elements_png.items(), start=1):
            path = _write(evidence_dir, folder / f"page-{number:02d}-element-{index:02d}.png", png)
            if path:
                elements[locator] = path
        update["elements"] = elements
        submissions = []
        for index, submission in enumerate(render.submissions, start=1):
            if submission.screenshot_png:
                path = _write(evidence_dir, folder / f"page-{number:02d}-sent-{index}.png", submission.screenshot_png)
                submission = submission.model_copy(update={"screenshot": path})
            submissions.append(submission)
        update["submissions"] = submissions
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
