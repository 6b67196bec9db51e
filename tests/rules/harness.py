"""Build a site's crawl from an HTML fixture file, offline, the way the spider would see it.

A fixture holds one or more pages. The first page is the home page ``/``; every further page
starts with a marker comment ``<!-- page: /path -->``. The harness "crawls" the pages like the
spider: breadth-first from the home page over the links between them, so a page no link leads
to is never seen, and each page gets its click depth and path. Directives in the first lines:

* ``<!-- fixture: jurisdiction=se -->`` the law to apply (default ``se``);
* ``<!-- fixture: budget_exhausted -->`` the crawl ran out of budget (absence is unproven);
* ``<!-- fixture: fail=/kontakt 503 -->`` fetching that path failed with that status (on a live
  site: ``404`` and ``410`` say the page is gone); ``fail=/kontakt timeout`` it timed out;
  ``fail=/kontakt not_saved`` the audit read a saved copy that has no file for it;
  ``fail=/kontakt robots`` robots.txt kept the crawler from it;
* ``<!-- fixture: host=www.butik.dk -->`` the site's host (default ``www.butik.se``);
* ``<!-- fixture: as_of=2025-01-10 -->`` the audit date whose law applies (default 2026-11-24);
* ``<!-- fixture: render=never -->`` the audit ran without a browser (default ``auto`` when a
  page was rendered, else ``never``); ``<!-- fixture: no_browser -->`` a browser was wanted but
  none could be started.

A link to a document (PDF, Word, ...) is not crawled, as the spider does not read documents; it
is checked, as the spider asks with a HEAD request: a ``<!-- page: /file.pdf -->`` in the fixture
(its content unused) makes the document answer 200, no such page 404, and ``fail=/file.pdf 503``
that status.

A page is "rendered" when it holds ``<!-- rendered -->``: the HTML before the marker is what the
crawler fetched, the HTML after it what the browser showed (the same page when nothing follows).
``<!-- chat: {json} -->`` in a rendered page adds what the browser saw when it opened a chat
widget there (fields of :class:`~auditor.models.ChatObservation`); ``<!-- click: {json} -->``
what it saw when it clicked a link only a script can follow (fields of
:class:`~auditor.models.LinkClick`; without ``locator``, the script-only link with that ``text``).

Annotations, semgrep-style, mark elements: ``<!-- finding: RULE -->`` right before an element
means that element must be among the rule's evidence; ``<!-- ok: RULE -->`` means it must not.
"""

from __future__ import annotations

import json
import re
from collections import deque
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml import etree

from auditor.facts.dom import Document, locator
from auditor.facts.links import gather_links, gather_script_links
from auditor.models import (
    ChatObservation,
    ClickStep,
    DocumentCheck,
    FetchFailure,
    LinkClick,
    PageSnapshot,
    RenderInfo,
    RobotsInfo,
    SiteCrawl,
)
from auditor.web.urls import host_key, is_document_url

BASE = "https://www.butik.se/"
_PAGE = re.compile(r"<!--\s*page:\s*(\S+)\s*-->")
_DIRECTIVE = re.compile(r"<!--\s*fixture:\s*(.+?)\s*-->")
_ANNOTATION = re.compile(r"^\s*(finding|ok):\s*([a-z0-9-]+)\s*$")
_RENDERED = re.compile(r"<!--\s*rendered\s*-->")
_CHAT = re.compile(r"<!--\s*chat:\s*(\{.*?\})\s*-->", re.S)
_CLICK = re.compile(r"<!--\s*click:\s*(\{.*?\})\s*-->", re.S)
FETCHED_AT = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
AS_OF = date(2026, 11, 24)


@dataclass
class Fixture:
    """A parsed fixture: its crawl, directives and element annotations."""

    crawl: SiteCrawl
    jurisdiction: str
    findings: dict[str, set[tuple[str, str]]] = field(default_factory=dict)  # rule -> {(url, locator)}
    oks: dict[str, set[tuple[str, str]]] = field(default_factory=dict)
    as_of: date = AS_OF


def split_pages(text: str) -> dict[str, str]:
    """Path -> HTML of every page in a fixture file."""
    pieces = _PAGE.split(text)
    pages = {"/": pieces[0]}
    for i in range(1, len(pieces), 2):
        pages[pieces[i]] = pieces[i + 1]
    return pages


def load_fixture(path: Path) -> Fixture:
    text = path.read_text(encoding="utf-8")
    directives = [d for m in _DIRECTIVE.finditer(text) for d in m.group(1).split()]
    jurisdiction = "se"
    failing: dict[str, str] = {}
    budget_exhausted = False
    as_of = AS_OF
    base = BASE
    for directive in directives:
        if directive.startswith("host="):
            base = f"https://{directive.split('=', 1)[1]}/"
        elif directive.startswith("jurisdiction="):
            jurisdiction = directive.split("=", 1)[1]
        elif directive.startswith("as_of="):
            as_of = date.fromisoformat(directive.split("=", 1)[1])
        elif directive == "budget_exhausted":
            budget_exhausted = True
    for m in re.finditer(r"<!--\s*fixture:\s*fail=(\S+)\s+(\d+|timeout|not_saved|robots)\s*-->", text):
        failing[m.group(1)] = m.group(2)
    sources = split_pages(text)
    pages, failures, documents = _crawl(sources, failing, base)
    blocked = [urljoin(base, path) for path, how in failing.items() if how == "robots"]
    rendered = any(p.render is not None for p in pages)
    render_mode = "never" if "render=never" in directives else ("auto" if rendered or "no_browser" in directives
                                                                else "never")
    render_error = "no browser could be started (fixture)" if "no_browser" in directives else ""
    crawl = SiteCrawl(
        start_url=base, home_url=base, site_hosts=[host_key(urlsplit(base).netloc)],
        started_at=FETCHED_AT, finished_at=FETCHED_AT, user_agent="fixture",
        max_pages=30, max_depth=3, pages=pages, failures=failures,
        robots=RobotsInfo(url=urljoin(base, "/robots.txt"), status=200 if blocked else 404, blocked_urls=blocked),
        budget_exhausted=budget_exhausted,
        unvisited=[urljoin(base, "/unvisited")] if budget_exhausted else [],
        render_mode=render_mode, render_error=render_error, documents=documents,
    )
    fixture = Fixture(crawl=crawl, jurisdiction=jurisdiction, as_of=as_of)
    for page_path, html in sources.items():
        _annotations(urljoin(base, page_path), html, fixture)
    return fixture


def _failure(url: str, how: str, click_path: list[ClickStep]) -> FetchFailure | None:
    """What the spider records for a path the fixture says failed (None: robots.txt, recorded apart)."""
    if how == "robots":
        return None
    if how == "timeout":
        return FetchFailure(url=url, kind="timeout", reason="TimeoutError: the server did not answer in 20 s",
                            click_path=click_path)
    if how == "not_saved":
        return FetchFailure(url=url, kind="not_saved", reason="not in the saved copy", status=404,
                            click_path=click_path)
    status = int(how)
    return FetchFailure(url=url, kind="http_status", reason=f"HTTP {status}", status=status, click_path=click_path,
                        final_url=url, fetched_at=FETCHED_AT)


def _crawl(
    sources: dict[str, str], failing: dict[str, str], base: str = BASE
) -> tuple[list[PageSnapshot], list[FetchFailure], list[DocumentCheck]]:
    hosts = frozenset({host_key(urlsplit(base).netloc)})
    pages: list[PageSnapshot] = []
    failures: list[FetchFailure] = []
    documents: list[DocumentCheck] = []
    queue: deque[tuple[str, list[ClickStep]]] = deque([("/", [])])
    seen = {"/"}
    while queue:
        path, click_path = queue.popleft()
        url = urljoin(base, path)
        if is_document_url(url):
            documents.append(_document(url, path, sources, failing))
            continue
        if path in failing or path not in sources:
            failure = _failure(url, failing.get(path, "404"), click_path)
            failures.extend([failure] if failure is not None else [])
            continue
        html, render = _split_render(url, sources[path])
        pages.append(PageSnapshot(url=url, final_url=url, status=200, content_type="text/html",
                                  fetched_at=FETCHED_AT, depth=len(click_path), click_path=click_path, html=html,
                                  render=render))
        for link in gather_links(Document(html, url), hosts):
            target = urlsplit(link.target).path or "/"
            if link.internal and target not in seen:
                seen.add(target)
                queue.append((target, [*click_path, ClickStep(text=link.text, url=link.target)]))
    return pages, failures, documents


def _document(url: str, path: str, sources: dict[str, str], failing: dict[str, str]) -> DocumentCheck:
    """What the spider's HEAD request learns of a linked document."""
    how = failing.get(path)
    if how is not None and how.isdigit():
        return DocumentCheck(url=url, status=int(how), reason=f"HTTP {how}")
    if how is not None:
        return DocumentCheck(url=url, reason=how)
    if path in sources:
        return DocumentCheck(url=url, status=200, content_type="application/pdf")
    return DocumentCheck(url=url, status=404, reason="HTTP 404")


def _split_render(url: str, source: str) -> tuple[str, RenderInfo | None]:
    """The static HTML of a page, and what the browser showed when the page is marked rendered."""
    parts = _RENDERED.split(source, maxsplit=1)
    if len(parts) == 1:
        return source, None
    static, after = parts
    chats = [ChatObservation(**json.loads(m.group(1))) for m in _CHAT.finditer(source)]
    html = after if _CLICK.sub("", after).strip() else static
    links = {link.text: link.locator for link in gather_script_links(Document(html, url))}
    clicks = []
    for m in _CLICK.finditer(source):
        data = {"clicked_at": FETCHED_AT, **json.loads(m.group(1))}
        data.setdefault("locator", links[data["text"]])
        clicks.append(LinkClick(**data))
    return static, RenderInfo(rendered_at=FETCHED_AT, final_url=url, status=200, html=html, chats=chats,
                              clicks=clicks)


def _annotations(url: str, html: str, fixture: Fixture) -> None:
    """Read finding/ok comments; each marks the next element sibling."""
    if not html.strip():
        return
    parser = lxml.html.HTMLParser(remove_comments=False)
    root = lxml.html.document_fromstring(html, parser=parser)
    for comment in root.iter(etree.Comment):
        match = _ANNOTATION.match(comment.text or "")
        if not match:
            continue
        element = comment.getnext()
        while element is not None and not isinstance(element.tag, str):
            element = element.getnext()
        if element is None:
            raise ValueError(f"annotation '{comment.text}' in {url} is not followed by an element")
        target = fixture.findings if match.group(1) == "finding" else fixture.oks
        target.setdefault(match.group(2), set()).add((url, locator(element)))
