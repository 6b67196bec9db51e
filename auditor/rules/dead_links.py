"""Dead links: a link the site shows to its contact, imprint or terms page that answers 404 or 410.

A consumer who follows such a link finds an error page instead of the information the law asks
to be "easily, directly and permanently accessible", so the link is a finding with the server's
answer as its evidence (the crawl keeps an error answer in the WARC file like a page).

Only a live site's own answer says a page is gone. A 5xx answer, a timeout, a page robots.txt
kept the crawler from and a file missing from a saved copy (``not_saved``) say only that the
page was not read: the rules keep those in doubt (needs_review), never call them dead. Nor is a
404 whose answer is a near-empty page with a script or a refresh (``FetchFailure.scripted``): a
single-page application hosted as static files answers its own routes that way and still shows
the page in a browser.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from http import HTTPStatus

from auditor import lexicon
from auditor.i18n import N_, Messages, as_text
from auditor.models import CrawlCoverage, Evidence, FetchFailure, LinkFact, PageKind
from auditor.rules.support import SITE_WIDE, Pages, gone
from auditor.web.urls import url_key

MESSAGES = Messages(
    note_link=N_("link to {url}, which answers HTTP {status}; on {count} of the pages read"),
    note_answer=N_("the server's answer when the crawler followed the link: HTTP {status}"),
)


@dataclass(frozen=True)
class DeadLink:
    """A link to a page of ``kind`` whose target answered 404 or 410, and where it stands."""

    failure: FetchFailure
    kind: PageKind
    text: str
    links: tuple[LinkFact, ...]

    @property
    def status(self) -> int:
        return self.failure.status or 0

    @property
    def url(self) -> str:
        return self.failure.url

    def evidence(self, pages: Pages) -> list[Evidence]:
        """The link where it stands (a site-wide one first) and the answer it got, with its
        WARC record."""
        out: list[Evidence] = []
        if self.links:
            link = self.links[0]
            count = len({url_key(item.url) for item in self.links})
            out.append(pages.evidence(link.url, locator=link.locator, excerpt=link.text,
                                      note=MESSAGES("note_link", url=self.url, status=self.status, count=count)))
        note = as_text(MESSAGES("note_answer", status=self.status))
        out.append(Evidence(
            url=self.failure.final_url or self.url,
            excerpt=f"HTTP {self.status} {_phrase(self.status)}",
            fetched_at=self.failure.fetched_at,
            click_path=self.failure.click_path,
            note=note.en,
            note_i18n=note.translations(),
            warc=self.failure.warc,
        ))
        return out


def dead_links(coverage: CrawlCoverage, links: Sequence[LinkFact], kinds: Collection[PageKind]) -> list[DeadLink]:
    """The site's links to a page of ``kinds`` whose target answered 404 or 410, site-wide ones first.

    What a link leads to is what its words name (all the links to that URL together), or its URL
    when no link's words name a kind of page: "Impressum" to ``/imprint.html``, an envelope icon
    to ``/kontakt``. Words that name another kind ("Om oss") or nothing the lexicon knows
    ("Kontaktlinsen" to ``/kontaktlinsen``) make no contact link."""
    lex = lexicon.load()
    by_target: dict[str, list[LinkFact]] = {}
    for link in links:
        if link.internal:
            by_target.setdefault(url_key(link.target), []).append(link)
    found: list[DeadLink] = []
    for failure in coverage.failures:
        if not gone(failure):
            continue
        shown = sorted(by_target.get(url_key(failure.url), []), key=lambda item: item.region not in SITE_WIDE)
        texts = [item.text for item in shown] or [failure.click_path[-1].text if failure.click_path else ""]
        votes: dict[PageKind, float] = {}
        for text in texts:
            for named, strength in lex.text_kinds(text).items():
                votes[named] = votes.get(named, 0.0) + strength
        kind = lexicon.best_kind(votes) or lexicon.best_kind(lex.url_kinds(failure.url))
        if kind is not None and kind in kinds:
            text = next((t for t in texts if lex.text_kinds(t)), texts[0])
            found.append(DeadLink(failure=failure, kind=kind, text=text, links=tuple(shown)))
    found.sort(key=lambda dead: (not any(item.region in SITE_WIDE for item in dead.links), dead.url))
    return found


def without(coverage: CrawlCoverage, dead: Sequence[DeadLink]) -> CrawlCoverage:
    """The coverage without the dead links' failures: a page that is gone is no page left unread."""
    if not dead:
        return coverage
    gone = {id(item.failure) for item in dead}
    return coverage.model_copy(update={"failures": [f for f in coverage.failures if id(f) not in gone]})


def dead_keys(dead: Sequence[DeadLink]) -> set[str]:
    """The URL keys of the dead links' targets."""
    return {url_key(item.url) for item in dead}


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""
