"""section_doubt: when absence of terms-page information is proven, and when it is not."""

from __future__ import annotations

from datetime import UTC, datetime

from auditor.models import CrawlCoverage, PageInfo, PageKind, RobotsInfo
from auditor.rules.support import TERMS_PAGE_KINDS, Pages, section_doubt

NOW = datetime(2026, 11, 1, tzinfo=UTC)


def page(path: str, kind: PageKind, depth: int = 1) -> PageInfo:
    url = f"https://butik.se{path}"
    return PageInfo(url=url, final_url=url, status=200, fetched_at=NOW, kind=kind, depth=depth)


def coverage(**kw: object) -> CrawlCoverage:
    base: dict[str, object] = dict(home_url="https://butik.se/", pages_fetched=3, max_pages=30, max_depth=3,
                                   robots=RobotsInfo(url="https://butik.se/robots.txt"), exhaustive=True)
    base.update(kw)
    return CrawlCoverage(**base)  # type: ignore[arg-type]


PAGES = Pages([page("/", PageKind.HOME, 0), page("/kontakt", PageKind.CONTACT), page("/villkor", PageKind.TERMS)])


def test_absence_is_proven_when_terms_were_read_and_nothing_is_missing() -> None:
    assert section_doubt(PAGES, coverage(), TERMS_PAGE_KINDS, "terms") is None


def test_an_unvisited_returns_page_leaves_absence_unproven() -> None:
    doubt = section_doubt(PAGES, coverage(unvisited=["https://butik.se/returer"]), TERMS_PAGE_KINDS, "terms")
    assert doubt == "the page https://butik.se/returer was not visited"


def test_no_terms_page_read_leaves_absence_unproven() -> None:
    pages = Pages([page("/", PageKind.HOME, 0), page("/kontakt", PageKind.CONTACT)])
    assert section_doubt(pages, coverage(), TERMS_PAGE_KINDS, "terms") == "no terms page was read"
