"""Helpers the rules share: evidence from facts, where on a site a fact counts, and whether a
missing fact is really missing or only not seen.

The last question guards against the worst bug this tool can have, a wrong "fail". A fact is
*absent* only when the crawl saw the page where it belongs (a contact or imprint page was
fetched) or saw the whole site within its limits; otherwise the rule says ``needs_review``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from auditor import lexicon
from auditor.models import (
    CrawlCoverage,
    Evidence,
    FetchFailure,
    PageInfo,
    PageKind,
    PassageFact,
    Region,
)
from auditor.spiders.site import url_key

#: Pages where a trader puts its own contact and identity details.
TRADER_PAGE_KINDS = frozenset(
    {PageKind.HOME, PageKind.CONTACT, PageKind.CUSTOMER_SERVICE, PageKind.IMPRINT, PageKind.ABOUT}
)
#: Pages where a shop states its terms: withdrawal, returns, complaints, dispute bodies.
TERMS_PAGE_KINDS = frozenset({PageKind.TERMS, PageKind.RETURNS, PageKind.COMPLAINTS})
#: Site-wide regions: what sits there is on every page.
SITE_WIDE = frozenset({Region.HEADER, Region.FOOTER, Region.NAV})


class Pages:
    """Look up the fetched page a fact was seen on, by requested or final URL."""

    def __init__(self, pages: Sequence[PageInfo]) -> None:
        self.all = list(pages)
        self._by_key: dict[str, PageInfo] = {}
        for page in pages:
            self._by_key.setdefault(url_key(page.final_url), page)
            self._by_key.setdefault(url_key(page.url), page)

    def get(self, url: str) -> PageInfo | None:
        return self._by_key.get(url_key(url))

    def kind(self, url: str) -> PageKind:
        page = self.get(url)
        return page.kind if page else PageKind.OTHER

    def of_kinds(self, kinds: Iterable[PageKind]) -> list[PageInfo]:
        wanted = frozenset(kinds)
        return [p for p in self.all if p.kind in wanted and p.status < 400]

    def evidence(self, url: str, *, locator: str = "", excerpt: str = "", note: str = "") -> Evidence:
        """Evidence for something seen on ``url``, with the page's fetch time and click path."""
        page = self.get(url)
        return Evidence(
            url=page.final_url if page else url,
            locator=locator,
            excerpt=excerpt,
            fetched_at=page.fetched_at if page else None,
            click_path=page.click_path if page else [],
            note=note,
        )

    def searched(self, limit: int = 10, note: str = "searched, not found here") -> list[Evidence]:
        """Evidence of absence: the pages that were read, most relevant kinds first."""
        order = {kind: i for i, kind in enumerate(lexicon.KIND_ORDER)}
        ranked = sorted(
            (p for p in self.all if p.status < 400),
            key=lambda p: (p.kind != PageKind.HOME, order.get(p.kind, 99), p.depth, p.url),
        )
        return [self.evidence(p.final_url, excerpt=p.title, note=note) for p in ranked[:limit]]


def passage_evidence(passage: PassageFact, pages: Pages, note: str) -> Evidence:
    """Evidence for a passage: its page, element and sentence."""
    return pages.evidence(passage.url, locator=passage.locator, excerpt=passage.excerpt, note=note)


def _failure_kinds(failure: FetchFailure) -> dict[PageKind, float]:
    """What a page that could not be read may have been, by its URL and the link text to it."""
    lex = lexicon.load()
    kinds = dict(lex.url_kinds(failure.url))
    if failure.click_path:
        kinds.update(lex.text_kinds(failure.click_path[-1].text))
    return kinds


def is_contact_url(failure: FetchFailure) -> bool:
    """Whether a URL that could not be read looks like a contact or imprint page."""
    return any(kind in lexicon.CONTACT_KINDS for kind in _failure_kinds(failure))


def section_doubt(
    pages: Pages, coverage: CrawlCoverage, kinds: frozenset[PageKind], what: str
) -> str | None:
    """Why information that belongs on pages of ``kinds`` (terms, returns, ...) may exist
    although it was not found, or None when its absence is established.

    On top of :func:`absence_doubt`: a page of those kinds must have been read, and none that
    looks like one may need JavaScript, have been blocked by robots.txt, have failed, or have
    been left unvisited when the budget ran out. ``what`` names the pages in the message.
    """
    doubt = absence_doubt(pages, coverage)
    if doubt:
        return doubt
    shells = [p for p in pages.all if p.js_shell and p.kind in kinds]
    if shells:
        return f"{shells[0].final_url} appears to be built by JavaScript and its content was not seen"
    lex = lexicon.load()
    for url in coverage.robots.blocked_urls:
        if lexicon.best_kind(lex.url_kinds(url)) in kinds:
            return f"robots.txt kept the crawler from {url}"
    for failure in coverage.failures:
        if lexicon.best_kind(_failure_kinds(failure)) in kinds:
            return f"the page {failure.url} could not be read ({failure.reason})"
    for url in coverage.unvisited:
        if lexicon.best_kind(lex.url_kinds(url)) in kinds:
            return f"the page {url} was not visited"
    if not pages.of_kinds(kinds):
        return f"no {what} page was read"
    return None


def absence_doubt(pages: Pages, coverage: CrawlCoverage) -> str | None:
    """Why a fact not found may still exist on the site, or None when its absence is established.

    Absence is established when a contact, customer-service or imprint page was read (that is
    where the law wants the details) and nothing that looks like such a page failed, or when
    the crawl read every page within its limits.
    """
    shells = [p for p in pages.all if p.js_shell and (p.kind in TRADER_PAGE_KINDS)]
    if shells:
        return (
            f"{shells[0].final_url} appears to be built by JavaScript and its content was not "
            "seen without a browser"
        )
    blocked_contact = [
        url for url in coverage.robots.blocked_urls if lexicon.best_kind(lexicon.load().url_kinds(url))
        in lexicon.CONTACT_KINDS
    ]
    if blocked_contact:
        return f"robots.txt kept the crawler from {blocked_contact[0]}"
    failed_contact = [f for f in coverage.failures if is_contact_url(f)]
    if failed_contact:
        f = failed_contact[0]
        return f"the page {f.url} could not be read ({f.reason})"
    if coverage.offsite_contact_pages:
        elsewhere = coverage.offsite_contact_pages[0]
        return f"the site links to a contact or imprint page on another site ({elsewhere}), which was not read"
    if pages.of_kinds(lexicon.CONTACT_KINDS):
        return None
    if coverage.exhaustive:
        return None
    if coverage.budget_exhausted:
        return (
            f"no contact page was found and the page budget ({coverage.max_pages}) ran out "
            "before the whole site was read"
        )
    return "no contact page was found and not every page of the site could be read"
