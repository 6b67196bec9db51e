"""The audit spider: a focused, best-first crawl of one site. It fetches and records; it never judges.

Why the spider keeps its own frontier instead of handing every link to Scrapy's scheduler:
the page budget must go to the *best* links known at any moment, not to the first ones found.
The spider holds a priority queue of discovered links and releases only a few requests at a
time (as many as may be in flight), so a contact link found on page 12 still beats a product
link found on page 2.

Each page records the click path the crawler followed from the home page. The extractor later
recomputes the *shortest* path over every link seen, which does not depend on fetch order.
"""

from __future__ import annotations

import heapq
import itertools
import re
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import scrapy
from protego import Protego
from scrapy.http import Response, TextResponse
from twisted.python.failure import Failure

from auditor import lexicon
from auditor.facts.dom import Document
from auditor.facts.links import link_fact, link_targets
from auditor.models import (
    UNLINKED_DEPTH,
    ClickStep,
    DocumentCheck,
    FailureKind,
    FetchFailure,
    PageKind,
    PageSnapshot,
    RobotsInfo,
)
from auditor.spiders import ranking
from auditor.spiders.middlewares import OFFSITE_META, SAVED_NOTE_META
from auditor.web.saved import SavedCopy
from auditor.web.urls import host_key, is_document_url, is_page_url, same_site, url_key

#: Requests released to Scrapy at once; the rest wait in the spider's priority queue.
IN_FLIGHT = 4
#: Links of a saved copy that have no saved file are recorded up to this many (they cost no budget).
MAX_NOT_SAVED = 300
#: Same-site documents (PDF, Word, ...) asked for with a HEAD request once the pages are read, at
#: most this many a site, those whose link names terms, returns or complaints first. The crawl
#: reads no document, but whether one is there decides a finding: a model withdrawal form linked
#: as a PDF that answers 404 is no form given.
MAX_DOCUMENT_CHECKS = 10
_LEGAL_KINDS = frozenset({PageKind.TERMS, PageKind.RETURNS, PageKind.COMPLAINTS})
#: The most a document check downloads when a server sends the whole file for a one-byte range.
DOCUMENT_MAX_BYTES = 1 << 20




#: Download errors as a reader of the report understands them (the technical text follows).
_PLAIN = (
    (re.compile(r"larger than download (max|warn) ?size|Ignored response .* because its body", re.I),
     "the page is larger than the 10 MB limit, or expands beyond it when decompressed"),
    (re.compile(r"max redirections reached", re.I), "its redirects never end (a redirect loop)"),
    (re.compile(r"payload is not completed|ContentLengthError|data loss", re.I),
     "the server ended its answer early (a truncated body)"),
    (re.compile(r"Name or service not known|nodename nor servname|getaddrinfo|Temporary failure in name", re.I),
     "the host name does not resolve"),
    (re.compile(r"certificate verify failed|CERTIFICATE_VERIFY_FAILED", re.I), "its TLS certificate is not valid"),
)


def plain_reason(reason: str) -> str:
    """A download error in words, with the technical message kept after it."""
    for pattern, words in _PLAIN:
        if pattern.search(reason):
            return f"{words} ({reason[:160]})"
    return reason


def decode(response: TextResponse) -> str:
    """The page's text. A body that is not valid in its declared encoding (Swedish text saved as
    Windows-1252 but labelled UTF-8, as old shops often are) is read as Windows-1252, which is
    what browsers fall back to for these languages; otherwise "Kundtjänst" becomes "Kundtj\ufffdnst"."""
    text = response.text
    if "\ufffd" not in text or response.encoding.lower().replace("-", "") not in ("utf8", "utf_8"):
        return text
    body = response.body
    try:
        body.decode("utf-8")
        return text  # the replacement characters are in the page itself
    except UnicodeDecodeError:
        return body.decode("cp1252", errors="replace")


def _reason(failure: Failure) -> str:
    """Why a request failed, in words: the error's message (aiohttp names its SSL context object
    in connection errors; the address is what counts), or the error's name."""
    error_name = failure.type.__name__ if failure.type is not None else "error"
    return plain_reason(re.sub(r"\s*ssl:(<[^>]*>|default|None)", "", failure.getErrorMessage() or error_name))


def _headers(response: Response) -> dict[str, str]:
    """The response headers as received, one string per name."""
    return {k.decode("latin-1"): b", ".join(v).decode("latin-1") for k, v in response.headers.items()}


#: An error answer with less visible text than this is no error page a person reads.
_THIN_ANSWER = 200
_SCRIPT_OR_REFRESH = re.compile(r"<script\b|<meta[^>]+http-equiv=[\"']?refresh", re.I)


def _scripted_answer(response: Response) -> bool:
    """Whether an error answer is a near-empty page with a script or a refresh: a single-page
    application's fallback (a static host's 404.html that loads the application, which then shows
    the page) may still show the consumer a page, so the answer does not prove the page is gone."""
    if not isinstance(response, TextResponse):
        return False
    html = decode(response)
    return bool(_SCRIPT_OR_REFRESH.search(html)) and len(Document(html, response.url).text) < _THIN_ANSWER


def _binary(body: bytes) -> bool:
    """Binary junk served as a page: NUL bytes or mostly control characters in its first 4 kB."""
    head = body[:4096]
    if not head or head.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        return False  # empty, or a byte-order mark (UTF-16 text has NUL bytes)
    if b"\x00" in head:
        return True
    # The control bytes counted by what deleting them takes away (one C call, not a Python loop
    # over 4,096 bytes of every page).
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls > len(head) // 10


#: Control characters that do not occur in text: all below 32 but tab, line feed, form feed and
#: carriage return.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))




@dataclass
class CrawlState:
    """What the spider learnt besides the pages: read by the runner when the crawl ends."""

    robots: RobotsInfo | None = None
    home_url: str | None = None
    site_hosts: set[str] = field(default_factory=set)
    unvisited: list[str] = field(default_factory=list)
    budget_exhausted: bool = False
    scheduled: int = 0


@dataclass(order=True)
class _Pending:
    neg_score: float
    depth: int
    seq: int
    url: str = field(compare=False)
    path: list[ClickStep] = field(compare=False)
    linked: bool = field(default=True, compare=False)


class SiteSpider(scrapy.Spider):
    """Crawl one site from its home page within a page budget and a depth limit."""

    name = "auditor-site"

    def __init__(
        self,
        start_url: str,
        max_pages: int,
        max_depth: int,
        key_extra_depth: int,
        obey_robots: bool = True,
        saved_copy: SavedCopy | None = None,
        allow_private: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.start_url = start_url
        self.max_pages = max_pages
        self.max_depth = max_depth
        self.key_extra_depth = key_extra_depth
        self.obey_robots = obey_robots
        #: Read by :class:`~auditor.spiders.middlewares.SavedCopyServer`: answer from these files.
        self.saved_copy = saved_copy
        #: Read by :class:`~auditor.spiders.middlewares.PrivateAddressGuard`.
        self.allow_private = allow_private
        self.state = CrawlState(site_hosts={host_key(urlsplit(start_url).netloc)})
        self._robots: Protego | None = None
        self._frontier: list[_Pending] = []
        self._seen: set[str] = set()
        self._in_flight = 0
        self._seq = itertools.count()
        self._not_saved = 0
        self._unlinked_done = False
        #: url key -> (rank, order found, URL) of the same-site documents the pages link to.
        self._documents: dict[str, tuple[int, int, str]] = {}
        self._documents_done = False

    # ------------------------------------------------------------------ start

    async def start(self) -> AsyncIterator[Any]:
        parts = urlsplit(self.start_url)
        robots_url = urlunsplit((parts.scheme, parts.netloc, "/robots.txt", "", ""))
        yield scrapy.Request(
            robots_url,
            callback=self.parse_robots,
            errback=self.robots_failed,
            dont_filter=True,
            meta={"dont_redirect": False, "handle_httpstatus_all": True},
        )

    def parse_robots(self, response: Response) -> Iterator[Any]:
        """Record robots.txt; a 4xx means no rules (everything allowed), as crawlers agree."""
        body = response.text if isinstance(response, TextResponse) and response.status == 200 else ""
        self._robots = Protego.parse(body) if body else None
        yield from self._begin(response.url, response.status)

    def robots_failed(self, failure: Failure) -> Iterator[Any]:
        request = getattr(failure, "request", None)
        yield from self._begin(request.url if request is not None else self.start_url, None)

    def _begin(self, robots_url: str, status: int | None) -> Iterator[Any]:
        home_allowed = self._allowed(self.start_url)
        self.state.robots = RobotsInfo(
            url=robots_url, obeyed=self.obey_robots, status=status, home_allowed=home_allowed
        )
        self._push(self.start_url, 0, [], float("inf"))
        yield from self._release()

    # ------------------------------------------------------------------ pages

    def parse_page(self, response: Response) -> Iterator[Any]:
        self._in_flight -= 1
        depth: int = response.meta["audit_depth"]
        path: list[ClickStep] = response.meta["audit_path"]
        requested: str = response.meta["audit_url"]
        redirects = [str(u) for u in response.meta.get("redirect_urls", [])]
        if depth == 0:
            # The home page decides the site's hosts: example.se may redirect to www.example.se
            # or to https; both are the same site from now on.
            self.state.home_url = response.url
            self.state.site_hosts.add(host_key(urlsplit(response.url).netloc))
        offsite = response.meta.get(OFFSITE_META)
        if offsite:
            yield self._failure(requested, "other", f"redirected off the site to {offsite}", path, response.status)
            yield from self._release()
            return
        self._seen.add(url_key(response.url))  # the final URL of a redirect is not fetched again
        if not same_site(response.url, frozenset(self.state.site_hosts)):
            yield self._failure(requested, "other", f"redirected off the site to {response.url}", path)
            yield from self._release()
            return
        content_type = (response.headers.get(b"Content-Type") or b"").decode("latin-1")
        is_html = isinstance(response, TextResponse) and (
            "html" in content_type.lower() or not content_type
        )
        saved_note = response.meta.get(SAVED_NOTE_META)
        if response.status >= 400 and saved_note:
            yield self._failure(requested, "not_saved", str(saved_note), path, response.status)
        elif response.status >= 400:
            # The error answer is evidence (a contact link that answers 404 is a finding): keep it
            # for the WARC file, as a page's answer is kept.
            yield FetchFailure(
                url=requested, kind="http_status", reason=f"HTTP {response.status}", status=response.status,
                click_path=path, final_url=response.url, fetched_at=datetime.now(UTC), headers=_headers(response),
                body=response.body, scripted=_scripted_answer(response),
            )
        elif not is_html:
            yield self._failure(requested, "not_html", f"not an HTML page ({content_type or 'unknown type'})", path)
        elif isinstance(response, TextResponse) and _binary(response.body):
            yield self._failure(requested, "not_html", "the body is binary data, not text, although it is labelled "
                                f"{content_type or 'as a page'}", path)
        else:
            assert isinstance(response, TextResponse)
            html = decode(response)
            yield PageSnapshot(
                url=requested,
                final_url=response.url,
                status=response.status,
                content_type=content_type,
                fetched_at=datetime.now(UTC),
                depth=depth,
                click_path=path,
                redirect_chain=redirects,
                html=html,
                linked=bool(response.meta.get("audit_linked", True)),
                headers=_headers(response),
                body=response.body,
            )
            self._discover(Document(html, response.url), depth, path)
        yield from self._release()

    def page_failed(self, failure: Failure) -> Iterator[Any]:
        self._in_flight -= 1
        request = failure.request  # type: ignore[attr-defined]
        error_name = failure.type.__name__ if failure.type is not None else "error"
        kind: FailureKind = "timeout" if "timeout" in error_name.lower() else "network"
        yield self._failure(request.meta["audit_url"], kind, _reason(failure), request.meta["audit_path"])
        yield from self._release()

    # ------------------------------------------------------------------ frontier

    def _discover(self, doc: Document, depth: int, path: list[ClickStep]) -> None:
        """Queue the page's same-site links; links past the depth limit are only remembered."""
        hosts = frozenset(self.state.site_hosts)
        legal_page: bool | None = None  # computed on the page's first document link
        for element, target, internal in link_targets(doc, hosts):
            if not internal:
                continue
            # The link's fact (its text and region) only where it is read: most links of a page
            # (its menu and footer) were queued from another page already.
            link = None
            if is_document_url(target):
                link = link_fact(doc, element, target, internal, locator=False)
                if legal_page is None:
                    legal_page = lexicon.named_kind(doc.url, doc.title) in _LEGAL_KINDS
                self._note_document(target, link.text, legal_page)
            if not is_page_url(target) or url_key(target) in self._seen:
                continue
            link = link or link_fact(doc, element, target, internal, locator=False)
            score = ranking.score_link(link)
            child_depth = depth + 1
            limit = self.max_depth
            if score >= ranking.KEY_LINK_SCORE:
                limit += self.key_extra_depth
            if child_depth > limit:
                continue
            self._push(target, child_depth, [*path, ClickStep(text=link.text, url=target)], score)

    def _push(self, url: str, depth: int, path: list[ClickStep], score: float, linked: bool = True) -> None:
        key = url_key(url)
        if key in self._seen:
            return
        self._seen.add(key)
        # Depth breaks ties, so among equally promising links the shallower goes first.
        heapq.heappush(self._frontier, _Pending(-score, depth, next(self._seq), url, path, linked))

    def _release(self) -> Iterator[scrapy.Request | FetchFailure | DocumentCheck]:
        """Hand the best pending links to Scrapy while the budget and the in-flight cap allow.

        When the links run out with budget left, a saved copy's pages that no link reached are
        read as well (marked not linked): they are pages of the site its maker kept. When every
        page is read, the documents the pages link to are checked.
        """
        yield from self._release_pending()
        if self._frontier or self._in_flight:
            return
        saved = self.saved_copy
        if saved is not None and not self._unlinked_done:
            self._unlinked_done = True
            if self.state.scheduled < self.max_pages:
                for url in saved.unread_pages():
                    self._push(url, UNLINKED_DEPTH, [], -1.0, linked=False)
                yield from self._release_pending()
                if self._frontier or self._in_flight:
                    return
        if not self._documents_done:
            self._documents_done = True
            yield from self._check_documents()

    def _release_pending(self) -> Iterator[scrapy.Request | FetchFailure]:
        while self._frontier and self._in_flight < IN_FLIGHT:
            if self.state.scheduled >= self.max_pages:
                linked = [p for p in sorted(self._frontier) if p.linked]
                # Unlinked saved pages left unread say nothing about the site's coverage.
                self.state.budget_exhausted = self.state.budget_exhausted or bool(linked)
                self.state.unvisited.extend(p.url for p in linked)
                self._frontier.clear()
                return
            pending = heapq.heappop(self._frontier)
            if self.saved_copy is not None:
                answer = self.saved_copy.lookup(pending.url)
                if answer.status == 404:
                    # Not in the saved copy: nothing to fetch, so it costs no page of the budget.
                    self.saved_copy.record(pending.url, answer)
                    if self._not_saved < MAX_NOT_SAVED:
                        self._not_saved += 1
                        yield self._missing(pending, answer.note)
                    continue
            if not self._allowed(pending.url):
                assert self.state.robots is not None
                self.state.robots = self.state.robots.model_copy(
                    update={"blocked_urls": [*self.state.robots.blocked_urls, pending.url]}
                )
                continue
            self.state.scheduled += 1
            self._in_flight += 1
            yield scrapy.Request(
                pending.url,
                callback=self.parse_page,
                errback=self.page_failed,
                dont_filter=True,
                meta={"audit_depth": pending.depth, "audit_path": pending.path, "audit_url": pending.url,
                      "audit_linked": pending.linked},
            )

    # ------------------------------------------------------------------ documents

    def _note_document(self, url: str, text: str, on_legal_page: bool) -> None:
        """Remember a same-site document link. One whose words name legal information ranks first,
        then one on a terms, returns or complaints page ("Ångerblankett" on /kopvillkor), then
        the rest (product sheets, manuals)."""
        key = url_key(url)
        rank = 0 if lexicon.named_kind(url, text) in _LEGAL_KINDS else (1 if on_legal_page else 2)
        known = self._documents.get(key)
        if known is None:
            self._documents[key] = (rank, len(self._documents), url)
        elif rank < known[0]:
            self._documents[key] = (rank, known[1], known[2])

    def _check_documents(self) -> Iterator[scrapy.Request | DocumentCheck]:
        """Ask whether the linked documents are there: a HEAD request each (the saved copy's own
        answer when the crawl reads one), without reading them and without using the page budget."""
        for _, _, url in sorted(self._documents.values())[:MAX_DOCUMENT_CHECKS]:
            if self.saved_copy is not None:
                answer = self.saved_copy.lookup(url)
                if answer.status >= 400 and not self.saved_copy.complete:
                    # a copy of some pages only: a file it lacks says nothing of the site's server
                    yield DocumentCheck(url=url, reason=answer.note)
                    continue
                yield DocumentCheck(url=url, status=answer.status, reason=answer.note if answer.status >= 400 else "")
            elif self._allowed(url):
                yield scrapy.Request(
                    url, method="HEAD", callback=self.document_checked, errback=self.document_failed,
                    dont_filter=True, meta={"audit_url": url, "handle_httpstatus_all": True},
                )

    def document_checked(self, response: Response) -> Iterator[DocumentCheck | scrapy.Request]:
        url: str = response.meta["audit_url"]
        if response.meta.get(OFFSITE_META) or not same_site(response.url, frozenset(self.state.site_hosts)):
            # Moved to another site: what is there is not for this crawl to say.
            yield DocumentCheck(url=url, reason=f"redirected off the site to {response.url}")
            return
        if response.request is not None and response.request.method == "HEAD" and response.status >= 400:
            # Some servers answer HEAD wrongly (404, 405, 501) for a file they serve: ask once more
            # for its first byte before saying it is not there. A server that ignores the range
            # sends the file, up to a cap; past it the answer is "unknown", never "not there".
            yield scrapy.Request(
                url, callback=self.document_checked, errback=self.document_failed, dont_filter=True,
                headers={"Range": "bytes=0-0"},
                meta={"audit_url": url, "handle_httpstatus_all": True, "download_maxsize": DOCUMENT_MAX_BYTES},
            )
            return
        content_type = (response.headers.get(b"Content-Type") or b"").decode("latin-1")
        reason = f"HTTP {response.status}" if response.status >= 400 else ""
        yield DocumentCheck(url=url, status=response.status, reason=reason, content_type=content_type)

    def document_failed(self, failure: Failure) -> Iterator[DocumentCheck]:
        request = failure.request  # type: ignore[attr-defined]
        yield DocumentCheck(url=request.meta["audit_url"], reason=_reason(failure))

    def _missing(self, pending: _Pending, note: str) -> FetchFailure:
        """A URL the saved copy has no file for: not read, or (a complete copy: every file the
        site published) gone, as the site's own server would answer 404."""
        if self.saved_copy is not None and self.saved_copy.complete:
            return FetchFailure(
                url=pending.url, kind="http_status", reason=f"HTTP 404 ({note})", status=404,
                click_path=pending.path, final_url=pending.url, fetched_at=datetime.now(UTC),
            )
        return self._failure(pending.url, "not_saved", note, pending.path, 404)

    def _allowed(self, url: str) -> bool:
        if not self.obey_robots or self._robots is None:
            return True
        agent = str(self.settings.get("USER_AGENT", "auditor"))
        return bool(self._robots.can_fetch(url, agent))

    @staticmethod
    def _failure(
        url: str, kind: FailureKind, reason: str, path: list[ClickStep], status: int | None = None
    ) -> FetchFailure:
        return FetchFailure(url=url, kind=kind, reason=reason, status=status, click_path=path)
