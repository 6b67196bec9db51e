"""A parsed page that every gatherer shares, so each page is parsed once.

:class:`Document` wraps an lxml tree with the three things gatherers ask for: where an element
sits on the page (:meth:`Document.region`), a stable CSS-like locator for evidence
(:meth:`Document.locator`), and the visible text cut into blocks (:attr:`Document.blocks`) so
that a street line and the postal-code line below it stay together while two paragraphs do
not run into each other.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from functools import cached_property

import lxml.html
from lxml import etree

from auditor.models import Region

#: Elements whose text a person never sees.
_INVISIBLE = frozenset({"script", "style", "noscript", "template", "head", "title", "meta", "link", "svg"})

#: Elements that start a new block of text.
_BLOCK = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "dd", "details", "dialog", "div",
        "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
        "h5", "h6", "header", "hr", "html", "li", "main", "nav", "ol", "p", "pre", "section",
        "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "button", "label",
    }
)

_REGION_TAGS = {"footer": Region.FOOTER, "header": Region.HEADER, "nav": Region.NAV}
_REGION_ROLES = {"contentinfo": Region.FOOTER, "banner": Region.HEADER, "navigation": Region.NAV}
_REGION_WORDS = (
    (re.compile(r"(^|[-_\s])(site-?)?footer|(^|[-_\s])foot($|[-_\s])|colophon", re.I), Region.FOOTER),
    (re.compile(r"(^|[-_\s])(site-?|page-?)?header|masthead|topbar|top-bar", re.I), Region.HEADER),
    (re.compile(r"(^|[-_\s])(main-?)?(nav|navbar|navigation|menu)($|[-_\s])", re.I), Region.NAV),
)
_WS = re.compile(r"[ \t\r\f\v\u00a0\u200b]+")


@dataclass(frozen=True)
class TextBlock:
    """Visible text of one block element, lines kept (``<br>`` and nested blocks break lines).

    A statement unit of the passage gatherers (:func:`auditor.facts.passages.common.statements`)
    may join a label to the block: ``text`` is then "label – block text", ``element`` the block
    that holds the value and ``label`` the element the label was read from (a heading, a ``dt``,
    a header cell, a list's lead-in)."""

    text: str
    element: lxml.html.HtmlElement
    label: lxml.html.HtmlElement | None = None


class Document:
    """One parsed HTML page.

    Parsing never raises: broken markup gives whatever lxml recovers, and an empty or
    unparsable body gives an empty document.
    """

    def __init__(self, html: str, url: str) -> None:
        self.url = url
        self.root: lxml.html.HtmlElement = _parse(html)
        self._region_cache: dict[lxml.html.HtmlElement, Region] = {}

    # ------------------------------------------------------------------ structure

    def region(self, element: lxml.html.HtmlElement) -> Region:
        """Footer, header, nav or main: the nearest landmark ancestor decides."""
        if element in self._region_cache:
            return self._region_cache[element]
        found = Region.MAIN
        node: lxml.html.HtmlElement | None = element
        chain: list[lxml.html.HtmlElement] = []
        while node is not None and isinstance(node.tag, str):
            if node in self._region_cache:
                found = self._region_cache[node]
                break
            chain.append(node)
            mark = _landmark(node)
            if mark is not None:
                found = mark
                break
            node = node.getparent()
        for seen in chain:
            self._region_cache[seen] = found
        return found

    def locator(self, element: lxml.html.HtmlElement) -> str:
        """A CSS-like path: ``tag#id`` stops the walk, otherwise ``tag:nth-of-type(n)`` steps."""
        return locator(element)

    def with_blocks(self, blocks: list[TextBlock]) -> Document:
        """The same parsed page read as other blocks (the passage gatherers' statement units):
        the tree, regions and locators are shared, ``text`` stays the page's visible text."""
        view = copy.copy(self)
        view.__dict__["text"] = self.text
        view.__dict__["blocks"] = blocks
        return view

    # ------------------------------------------------------------------ text

    @cached_property
    def blocks(self) -> list[TextBlock]:
        """Visible text per innermost block element, in document order."""
        out: list[TextBlock] = []
        body = self.root.find("body")
        start = body if body is not None else self.root
        self._collect(start, out)
        return out

    @cached_property
    def text(self) -> str:
        """All visible text, one block a paragraph."""
        return "\n\n".join(b.text for b in self.blocks)

    @cached_property
    def title(self) -> str:
        node = next(self.root.iterdescendants("title"), None)  # the first, as .find(".//title"), lazily
        return clean(node.text_content()) if node is not None else ""

    @cached_property
    def lang(self) -> str:
        value = self.root.get("lang") or ""
        return value.split("-")[0].lower()[:8]

    def element_text(self, element: lxml.html.HtmlElement) -> str:
        """Visible text of one element, whitespace folded."""
        parts: list[str] = []
        _text_into(element, parts)
        return clean("".join(parts))

    def _collect(self, element: lxml.html.HtmlElement, out: list[TextBlock]) -> None:
        """Walk blocks; text that sits directly in a block (not in child blocks) forms its own block."""
        own: list[str] = []

        def flush() -> None:
            text = "\n".join(line for line in (clean(x) for x in "".join(own).split("\n")) if line)
            if text:
                out.append(TextBlock(text, element))
            own.clear()

        if element.text:
            own.append(element.text)
        for child in element:
            if not isinstance(child.tag, str):
                if child.tail:
                    own.append(child.tail)
                continue
            tag = child.tag.lower()
            if tag in _INVISIBLE or is_hidden(child):
                pass
            elif tag == "br":
                own.append("\n")
            elif tag in _BLOCK:
                flush()
                row = _label_row(child)
                if row is not None:
                    out.append(row)
                else:
                    self._collect(child, out)
            else:
                _text_into(child, own)
            if child.tail:
                own.append(child.tail)
        flush()


def _label_row(element: lxml.html.HtmlElement) -> TextBlock | None:
    """A table row of a header cell and value cells (``<th>Ångerrätt</th><td>14 dagar</td>``) is
    one statement, "Ångerrätt – 14 dagar": read apart, the label has no period and the period no
    subject. Only rows of plain cells qualify; a row holding paragraphs or lists is walked as usual."""
    if element.tag != "tr":
        return None
    cells = [c for c in element if isinstance(c.tag, str) and c.tag.lower() not in _INVISIBLE]
    if len(cells) < 2 or cells[0].tag != "th" or any(c.tag not in ("th", "td") for c in cells):
        return None
    if any(isinstance(d.tag, str) and d.tag.lower() in _BLOCK for c in cells for d in c.iterdescendants()):
        return None
    texts = [clean(c.text_content()) for c in cells if not is_hidden(c)]
    texts = [t for t in texts if t]
    if len(texts) < 2:
        return None
    return TextBlock(f"{texts[0].rstrip(':')} – {' '.join(texts[1:])}", element)


def locator(element: lxml.html.HtmlElement) -> str:
    """A CSS-like path to ``element``: ``tag#id`` ends the walk, else ``tag:nth-of-type(n)`` steps."""
    parts: list[str] = []
    node: lxml.html.HtmlElement | None = element
    while node is not None and isinstance(node.tag, str) and node.tag != "html":
        ident = node.get("id")
        if ident and re.fullmatch(r"[A-Za-z][\w-]{0,60}", ident):
            parts.append(f"{node.tag}#{ident}")
            break
        parent = node.getparent()
        if parent is None:
            parts.append(node.tag)
            break
        same = [c for c in parent if c.tag == node.tag]
        parts.append(node.tag if len(same) == 1 else f"{node.tag}:nth-of-type({same.index(node) + 1})")
        node = parent
    return " > ".join(reversed(parts))


def clean(text: str) -> str:
    """Fold runs of whitespace (including no-break spaces) to one space and strip."""
    return _WS.sub(" ", text.replace("\n", " ")).strip()


def excerpt(text: str, start: int, end: int, width: int = 90) -> str:
    """The text around ``text[start:end]``, at most ``2 * width`` characters, on one line."""
    lo = max(0, start - width)
    hi = min(len(text), end + width)
    snippet = clean(text[lo:hi])
    return ("…" if lo > 0 else "") + snippet + ("…" if hi < len(text) else "")


def _text_into(element: lxml.html.HtmlElement, parts: list[str]) -> None:
    """Inline text of an element; ``<br>`` becomes a newline, invisible elements are skipped."""
    if not isinstance(element.tag, str):
        return
    tag = element.tag.lower()
    if tag in _INVISIBLE or is_hidden(element):
        return
    if tag == "br":
        parts.append("\n")
        return
    if element.text:
        parts.append(element.text)
    for child in element:
        _text_into(child, parts)
        if child.tail:
            parts.append(child.tail)


def is_hidden(element: lxml.html.HtmlElement) -> bool:
    """Hidden by the ``hidden`` attribute, ``aria-hidden`` or an inline display/visibility style."""
    if element.get("hidden") is not None or element.get("aria-hidden") == "true":
        return True
    style = (element.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


def _landmark(node: lxml.html.HtmlElement) -> Region | None:
    tag = node.tag.lower() if isinstance(node.tag, str) else ""
    if tag in _REGION_TAGS:
        return _REGION_TAGS[tag]
    role = (node.get("role") or "").lower()
    if role in _REGION_ROLES:
        return _REGION_ROLES[role]
    if tag in {"body", "html", "main"}:
        return None
    names = f"{node.get('id') or ''} {node.get('class') or ''}"
    if names.strip():
        for pattern, region in _REGION_WORDS:
            if pattern.search(names):
                return region
    return None


#: C1 control characters as Windows-1252 reads them. Pages labelled ISO-8859-1 (or numeric
#: references such as ``&#150;``) are Windows-1252 in every browser (WHATWG Encoding, HTML
#: § 13.2.5.80); decoded literally they leave U+0096 where the page shows "–".
_C1_AS_CP1252 = {
    code: bytes([code]).decode("cp1252", errors="ignore") or None for code in range(0x80, 0xA0)
}
_HAS_C1 = re.compile("[\x80-\x9f]")


def _parse(html: str) -> lxml.html.HtmlElement:
    if html and _HAS_C1.search(html):
        html = html.translate(_C1_AS_CP1252)
    if not html or not html.strip():
        return lxml.html.fromstring("<html><body></body></html>")
    try:
        parser = lxml.html.HTMLParser(recover=True, remove_comments=True, remove_pis=True)
        root = lxml.html.document_fromstring(html, parser=parser)
    except (etree.ParserError, ValueError):
        root = lxml.html.fromstring("<html><body></body></html>")
    return root
