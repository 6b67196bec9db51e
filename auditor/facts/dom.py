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
import weakref
from collections.abc import Iterator
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
# "header"/"footer" as a class or id word names the page's own header or footer only on its own or
# after a word for the page ("site-header", "top-header", "elementor-location-footer"): a
# component's ("entry-header", "card-footer", "et_pb_module_header", "modal-footer") is part of
# the content it heads.
_PAGE_WORD = (
    r"(?:^|\s|(?:^|[\s_-])"
    r"(?:site|page|main|global|top|bottom|theme|location|fixed|sticky|shopify-section(?:-group)?)[-_]?)"
)
_REGION_WORDS = (
    (re.compile(rf"{_PAGE_WORD}footer|(^|[-_\s])foot($|[-_\s])|colophon", re.I), Region.FOOTER),
    (re.compile(rf"{_PAGE_WORD}header|masthead|topbar|top-bar", re.I), Region.HEADER),
    (re.compile(r"(^|[-_\s])(main-?)?(nav|navbar|navigation|menu)($|[-_\s])", re.I), Region.NAV),
)
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
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
        self._text_cache: dict[lxml.html.HtmlElement, str] = {}
        self._locator_cache: dict[lxml.html.HtmlElement, str] = {}
        #: Per parent and tag: each child's place among its siblings of that tag (see ``locator``).
        self._sibling_places: SiblingPlaces = {}

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
        found = self._locator_cache.get(element)
        if found is None:
            found = self._locator_cache[element] = locator(element, self._sibling_places)
        return found

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
        body = self.root.find("body")
        return _blocks(body if body is not None else self.root)

    def blocks_with_before(self, count: int) -> Iterator[tuple[TextBlock, list[tuple[Region, str]]]]:
        """Each block, with the region and text of the ``count`` blocks just before it, nearest
        last: a label or a street in a one-line paragraph of its own above a value, as site
        builders write them."""
        before: list[tuple[Region, str]] = []
        for block in self.blocks:
            yield block, before
            before = [*before, (self.region(block.element), block.text)][-count:]

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
        """Visible text of one element, whitespace folded (once per element: gatherers ask for the
        text of the same links and of their ancestors again and again)."""
        found = self._text_cache.get(element)
        if found is None:
            found = self._text_cache[element] = clean(inline_text(element))
        return found


def _blocks(start: lxml.html.HtmlElement) -> list[TextBlock]:
    """The blocks under ``start``, in one walk of lxml's own iteration (no recursion in Python).

    A block element's text that sits directly in it (not in child blocks) forms its own block,
    cut where a child block starts; ``<br>`` breaks lines; the text of an inline element is read
    whole, blocks nested in it included; invisible and hidden elements are skipped with their
    content, their tails kept. A table row of a header cell and value cells is one block
    (:func:`_label_row`)."""
    out: list[TextBlock] = []
    # The open block elements, each with its own text so far; ``inline`` counts the inline
    # elements open inside the innermost one (blocks in them are read as inline text).
    frames: list[tuple[lxml.html.HtmlElement, list[str]]] = [(start, [start.text] if start.text else [])]
    kinds: list[int] = []  # per open element: _SKIPPED, _FRAME or _INLINE
    inline = 0
    walk = etree.iterwalk(start, events=("start", "end", "comment", "pi"))
    next(walk)  # ``start`` itself: its text is in its frame already
    for event, element in walk:
        if event == "start":
            tag = element.tag
            if not isinstance(tag, str):
                walk.skip_subtree()
                kinds.append(_SKIPPED)
                continue
            tag = tag.lower()
            own = frames[-1][1]
            if tag in _INVISIBLE or is_hidden(element):
                walk.skip_subtree()
                kinds.append(_SKIPPED)
            elif tag == "br":
                walk.skip_subtree()
                own.append("\n")
                kinds.append(_SKIPPED)
            elif inline == 0 and tag in _BLOCK:
                _flush(frames[-1], out)
                row = _label_row(element)
                if row is not None:
                    out.append(row)
                    walk.skip_subtree()
                    kinds.append(_SKIPPED)
                else:
                    frames.append((element, [element.text] if element.text else []))
                    kinds.append(_FRAME)
            else:
                inline += 1
                # A block inside an inline element (a card link's <div>s, a table in a <span>)
                # is read with it, set apart by a space as a browser sets it on its own line.
                if tag in _BLOCK:
                    own.append(" ")
                if element.text:
                    own.append(element.text)
                kinds.append(_INLINE_BLOCK if tag in _BLOCK else _INLINE)
        elif event == "end":
            if not kinds:  # the end of ``start``
                break
            kind = kinds.pop()
            if kind == _FRAME:
                _flush(frames.pop(), out)
            elif kind in (_INLINE, _INLINE_BLOCK):
                inline -= 1
                if kind == _INLINE_BLOCK:
                    frames[-1][1].append(" ")
            if element.tail:
                frames[-1][1].append(element.tail)
        elif element.tail:  # a comment or processing instruction: only its tail is text
            frames[-1][1].append(element.tail)
    _flush(frames[0], out)
    return out


_SKIPPED, _FRAME, _INLINE, _INLINE_BLOCK = 0, 1, 2, 3


def _flush(frame: tuple[lxml.html.HtmlElement, list[str]], out: list[TextBlock]) -> None:
    """The text gathered in a block so far as one :class:`TextBlock` (lines folded, empty ones
    dropped), and the block's buffer emptied."""
    element, own = frame
    if own:
        text = "\n".join(line for line in (clean(x) for x in "".join(own).split("\n")) if line)
        if text:
            out.append(TextBlock(text, element))
        own.clear()


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


#: Per parent element and child tag: each such child's index among them and how many there are.
SiblingPlaces = dict[tuple[lxml.html.HtmlElement, str], tuple[dict[lxml.html.HtmlElement, int], int]]


def locator(element: lxml.html.HtmlElement, places: SiblingPlaces | None = None) -> str:
    """A CSS-like path to ``element``: ``tag#id`` ends the walk, else ``tag:nth-of-type(n)`` steps.

    With ``places`` (kept by the caller for one tree) a parent's children of a tag are counted
    once: counting the siblings at every step made a page of thousands of links quadratic."""
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
        # Counted by lxml's own sibling iteration: a list of the parent's children at every step
        # made a long list's locators quadratic.
        place = _place(node, parent, places) if places is not None else None
        if place is None:
            before = sum(1 for _ in node.itersiblings(node.tag, preceding=True))
            alone = before == 0 and next(node.itersiblings(node.tag), None) is None
        else:
            before, alone = place
        parts.append(node.tag if alone else f"{node.tag}:nth-of-type({before + 1})")
        node = parent
    return " > ".join(reversed(parts))


def _place(node: lxml.html.HtmlElement, parent: lxml.html.HtmlElement,
           places: SiblingPlaces) -> tuple[int, bool] | None:
    """How many of ``node``'s siblings of its tag come before it and whether it is the only one,
    from one pass over ``parent``'s children by lxml's own tag matching (None: not among them)."""
    key = (parent, node.tag)
    known = places.get(key)
    if known is None:
        children = {child: n for n, child in enumerate(parent.iterchildren(node.tag))}
        known = places[key] = (children, len(children))
    index = known[0].get(node)
    return None if index is None else (index, known[1] == 1)


def clean(text: str) -> str:
    """Fold runs of whitespace (including no-break spaces) to one space and strip; characters a
    reader does not see (soft hyphens, zero-width spaces and joiners, a byte-order mark) are
    dropped, so "Laksevåg\u00adbakken 12" is the street a reader reads."""
    if _UNSEEN.search(text):
        text = text.translate(_DROPPED)
    return _WS_TO_FOLD.sub(" ", text.replace("\n", " ")).strip()


#: What :func:`clean` drops: soft hyphen, zero-width space, non-joiner and joiner, word joiner, BOM.
_UNSEEN = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_DROPPED = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))


#: The runs of :data:`_WS` that folding changes: two or more characters, or one that is not a plain
#: space. A text's single spaces (most of its whitespace) are then no match each, replaced by
#: itself; the result is the same.
_WS_TO_FOLD = re.compile(r"[ \t\r\f\v\u00a0\u200b]{2,}|[\t\r\f\v\u00a0\u200b]")


def excerpt(text: str, start: int, end: int, width: int = 90) -> str:
    """The text around ``text[start:end]``, at most ``2 * width`` characters, on one line."""
    lo = max(0, start - width)
    hi = min(len(text), end + width)
    snippet = clean(text[lo:hi])
    return ("…" if lo > 0 else "") + snippet + ("…" if hi < len(text) else "")


def inline_text(element: lxml.html.HtmlElement) -> str:
    """Inline text of an element, unfolded; ``<br>`` becomes a newline, invisible and hidden
    elements are skipped (their tails kept), a block inside (a table's cells, a list's items, a
    card link's <div>s) is set apart by spaces as a browser sets it on lines of its own: "Till"
    and "Trädgårdsboden AB" in two cells are not one word. One walk of lxml's own iteration."""
    if not isinstance(element.tag, str):
        return ""
    tag = element.tag.lower()
    if tag in _INVISIBLE or is_hidden(element):
        return ""
    if tag == "br":
        return "\n"
    parts: list[str] = [element.text] if element.text else []
    walk = etree.iterwalk(element, events=("start", "end", "comment", "pi"))
    next(walk)
    # Per element open below ``element``: whether it is a block read (its end is set apart too).
    blocks: list[bool] = []
    for event, node in walk:
        if event == "start":
            tag = node.tag
            if not isinstance(tag, str):
                walk.skip_subtree()
                blocks.append(False)
                continue
            tag = tag.lower()
            if tag in _INVISIBLE or is_hidden(node):
                walk.skip_subtree()
                blocks.append(False)
            elif tag == "br":
                walk.skip_subtree()
                parts.append("\n")
                blocks.append(False)
            else:
                block = tag in _BLOCK
                if block:
                    parts.append(" ")
                if node.text:
                    parts.append(node.text)
                blocks.append(block)
        elif event == "end":
            if not blocks:  # the end of ``element``
                break
            if blocks.pop():
                parts.append(" ")
            if node.tail:
                parts.append(node.tail)
        elif node.tail:
            parts.append(node.tail)
    return "".join(parts)


def is_hidden(element: lxml.html.HtmlElement) -> bool:
    """Hidden by the ``hidden`` attribute, ``aria-hidden`` or an inline display/visibility style,
    unless it is a panel the page's own controls reveal (a tab panel, an accordion's body): a
    consumer reads those with one click, as a reader of the page does."""
    if element.get("aria-hidden") == "true":
        return True
    style = (element.get("style") or "").replace(" ", "").lower()
    if element.get("hidden") is None and "display:none" not in style and "visibility:hidden" not in style:
        return False
    return not _revealable(element)


#: Class words of the panels tab and accordion widgets show and hide.
_PANEL_CLASS = re.compile(
    r"(?:^|[\s_-])(?:tab-?pane|tab-?panel|tab-content|accordion|collapse|collapsible)(?:$|[\s_-])", re.IGNORECASE
)


def _revealable(element: lxml.html.HtmlElement) -> bool:
    """Whether a hidden element is a panel that a control on the page shows: a tab panel, an
    accordion's body (by its class or widget role: Magento's ``data-role="content"``), the
    element right after an accordion's trigger (``data-role="trigger"``, ``aria-expanded``), or
    an element a control names by ``aria-controls`` or a collapse target (``data-bs-target``)."""
    if (element.get("role") or "").lower() == "tabpanel" or _PANEL_CLASS.search(element.get("class") or ""):
        return True
    if (element.get("data-role") or "").lower() in _PANEL_ROLES:
        return True
    before = element.getprevious()
    if before is not None and isinstance(before.tag, str) and (
        (before.get("data-role") or "").lower() in _TRIGGER_ROLES or before.get("aria-expanded") is not None
    ):
        return True
    ident = element.get("id")
    if not ident:
        return False
    return ident in _controlled_ids(element.getroottree().getroot())


#: Widget roles (``data-role``) of the bodies accordion and tab widgets show and hide, and of the
#: triggers that show the element after them (Magento's collapsible: "title"/"trigger", "content").
_PANEL_ROLES = frozenset({"content", "collapsible-content", "panel", "tabpanel"})
_TRIGGER_ROLES = frozenset({"trigger", "title", "collapsible-title"})


#: Per page (its root, held weakly: a page's tree goes when its Document does), the ids its
#: controls name by ``aria-controls``.
_CONTROLLED: weakref.WeakKeyDictionary[lxml.html.HtmlElement, frozenset[str]] = weakref.WeakKeyDictionary()


def _controlled_ids(root: lxml.html.HtmlElement) -> frozenset[str]:
    """The ids a page's controls name by ``aria-controls`` (space-separated lists included) or as a
    collapse's target (``data-target="#faq3"``, ``data-bs-target``), read once a page: a page of
    many hidden elements must not walk its tree for each."""
    found = _CONTROLLED.get(root)
    if found is None:
        found = _CONTROLLED[root] = frozenset(
            ident.lstrip("#")
            for value in root.xpath("//@aria-controls | //@data-target | //@data-bs-target")
            for ident in str(value).split()
        )
    return found


def _landmark(node: lxml.html.HtmlElement) -> Region | None:
    tag = node.tag.lower() if isinstance(node.tag, str) else ""
    if tag in _REGION_TAGS:
        # a post's or card's <header>/<footer> inside an <article> or <aside> heads that, not the
        # page (the HTML-AAM landmark mapping)
        if tag != "nav" and any(isinstance(a.tag, str) and a.tag.lower() in {"article", "aside"}
                                for a in node.iterancestors()):
            return None
        return _REGION_TAGS[tag]
    if tag in _HEADINGS:
        return None  # a heading's class ("et_pb_module_header") names no region
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
_C1 = tuple(chr(code) for code in range(0x80, 0xA0))


def _has_c1(html: str) -> bool:
    """Whether ``html`` holds a C1 control character: 32 searches for one character (each a
    ``memchr``-like scan in C) take a fifth of the time of one regular expression over a page,
    which was a quarter of parsing it; an ASCII text (a flag of the string) holds none."""
    return not html.isascii() and any(c in html for c in _C1)


def _parse(html: str) -> lxml.html.HtmlElement:
    if html and _has_c1(html):
        html = html.translate(_C1_AS_CP1252)
    if not html or not html.strip():
        return lxml.html.fromstring("<html><body></body></html>")
    try:
        parser = lxml.html.HTMLParser(recover=True, remove_comments=True, remove_pis=True)
        root = lxml.html.document_fromstring(html, parser=parser)
    except (etree.ParserError, ValueError):
        root = lxml.html.fromstring("<html><body></body></html>")
    return root
