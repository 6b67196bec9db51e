"""The HTML of the elements that evidence points at, for a report to show beside the excerpt.

A locator says where on a page a fact stood (``body > footer > p:nth-of-type(2)``); the report
shows the element's own markup too, so a reader can tell a ``tel:`` link from a number in an
image's ``alt`` text without opening the page. The markup is the page's as it was read: the
static HTML, or the DOM after scripts ran for a fact only a browser saw. Scripts, styles and
comments inside the element are left out, whitespace is folded and long markup is cut.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from copy import deepcopy

import lxml.html

from auditor.facts.dom import Document

#: Characters of markup kept per element; longer markup ends with "…".
SNIPPET_MAX = 600

_WS = re.compile(r"\s+")


def element_snippet(doc: Document, locator: str) -> str:
    """The outer HTML of the first element at ``locator`` in ``doc``, abbreviated; ``""`` when the
    locator is no CSS path (a JSON-LD path ``$...``) or matches nothing."""
    if not locator or locator.startswith("$"):
        return ""
    try:
        found = doc.root.cssselect(locator)
    except Exception:  # a locator the selector engine cannot read
        return ""
    if not found:
        return ""
    element = _without_noise(found[0])
    markup = lxml.html.tostring(element, encoding="unicode", with_tail=False)
    markup = _WS.sub(" ", markup).strip()
    return markup if len(markup) <= SNIPPET_MAX else markup[: SNIPPET_MAX - 1].rstrip() + "…"


def snippets(
    pages: Mapping[str, Iterable[str]], wanted: Iterable[tuple[str, str]]
) -> dict[tuple[str, str], str]:
    """``(page key, locator) → snippet`` for each wanted pair whose page is in ``pages`` (page key
    → its HTML versions, the first that has the element wins). Each page is parsed once."""
    by_page: dict[str, set[str]] = {}
    for key, locator in wanted:
        if key in pages and locator and not locator.startswith("$"):
            by_page.setdefault(key, set()).add(locator)
    out: dict[tuple[str, str], str] = {}
    for key, locators in by_page.items():
        docs = [Document(html, "") for html in pages[key] if html]
        for locator in sorted(locators):
            for doc in docs:
                text = element_snippet(doc, locator)
                if text:
                    out[(key, locator)] = text
                    break
    return out


def _without_noise(element: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """A copy of ``element`` without the scripts, styles and comments inside it."""
    copy = deepcopy(element)
    for node in copy.xpath(".//script | .//style | .//template | .//comment()"):
        parent = node.getparent()
        if parent is None:
            continue
        if node.tail:
            previous = node.getprevious()
            if previous is not None:
                previous.tail = (previous.tail or "") + node.tail
            else:
                parent.text = (parent.text or "") + node.tail
        parent.remove(node)
    return copy
