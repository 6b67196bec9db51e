"""Audit a list of sites end to end: crawl, extract, judge, score, and collect one AuditResult."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from auditor import __version__
from auditor.engine import audit_crawl
from auditor.models import AuditResult, SiteCrawl, SiteResult, ToolInfo
from auditor.spiders.crawl import CrawlSpec, crawl_sites


@dataclass(frozen=True)
class SiteJob:
    """One site to audit: what to crawl and which law to apply (None: guess from the site)."""

    crawl: CrawlSpec
    jurisdiction: str | None = None


def audit_sites(
    jobs: Sequence[SiteJob],
    *,
    as_of: date,
    on_site_done: Callable[[SiteCrawl], None] | None = None,
) -> AuditResult:
    """Crawl and audit every site; the result lists the sites in the order given."""
    crawls = crawl_sites([job.crawl for job in jobs], on_done=on_site_done)
    sites: list[SiteResult] = [
        audit_crawl(crawl, jurisdiction=job.jurisdiction, as_of=as_of)
        for job, crawl in zip(jobs, crawls, strict=True)
    ]
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
