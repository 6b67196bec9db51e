"""Locators counted in one pass per parent are the locators counted sibling by sibling."""

from __future__ import annotations

import lxml.html
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.facts.dom import Document, SiblingPlaces, locator

_TAGS = ("div", "p", "a", "span", "li", "ul", "section")
_IDS = ("", "", "", "main", "x1", "1bad", "nav-top")


@st.composite
def _trees(draw: st.DrawFn, depth: int = 0) -> str:
    """Random nested HTML: repeated tags among siblings, ids good and bad, comments and text."""
    parts: list[str] = []
    for _ in range(draw(st.integers(0, 5 if depth < 3 else 0))):
        kind = draw(st.sampled_from(("element", "element", "element", "comment", "text")))
        if kind == "comment":
            parts.append("<!-- c -->")
        elif kind == "text":
            parts.append("t ")
        else:
            tag = draw(st.sampled_from(_TAGS))
            ident = draw(st.sampled_from(_IDS))
            attr = f" id='{ident}'" if ident else ""
            parts.append(f"<{tag}{attr}>{draw(_trees(depth + 1))}</{tag}>")
    return "".join(parts)


@settings(max_examples=150, deadline=None)
@given(_trees())
def test_one_pass_locator_equals_the_sibling_count(body: str) -> None:
    root = lxml.html.document_fromstring(f"<html><body>{body}<p>end</p></body></html>")
    places: SiblingPlaces = {}
    doc = Document(url="https://butik.se/", html=lxml.html.tostring(root, encoding="unicode"))
    for element in root.iter():
        if isinstance(element.tag, str):
            assert locator(element, places) == locator(element)
    assert places  # the one-pass counts were used
    for element in doc.root.iter():
        if isinstance(element.tag, str):
            assert doc.locator(element) == locator(element)
