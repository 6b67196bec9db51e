"""Links on a page, with their visible text and the region (header, nav, footer, main) they sit in.

Used twice with one definition: by the spider to decide what to fetch next, and by the
extractor as the ``links`` fact from which click depth and footer presence are computed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cache

import lxml.html

from auditor import lexicon
from auditor.facts.dom import Document, clean
from auditor.models import LinkFact, ScriptLinkFact
from auditor.web.urls import absolute, same_site


def gather_links(doc: Document, site_hosts: frozenset[str], *, locators: bool = True) -> list[LinkFact]:
    """Every ``<a href>`` (and ``<area href>``) of the page, in document order.

    The text is the visible text, or the ``aria-label`` / ``title`` / image ``alt`` when the
    link has none, because that is what a person (or a screen reader) reads.
    """
    return [link_fact(doc, element, target, internal, locator=locators)
            for element, target, internal in link_targets(doc, site_hosts)]


def link_targets(doc: Document, site_hosts: frozenset[str]) -> Iterator[tuple[lxml.html.HtmlElement, str, bool]]:
    """``(element, target, internal)`` of every link :func:`gather_links` reads, in document
    order: for a reader that wants the :func:`link_fact` of a few of them only (the crawler, of
    the links it has not queued yet; a site's menu and footer are on every page)."""
    base = doc.url
    base_el = doc.root.find(".//base[@href]")
    if base_el is not None:
        base = absolute(doc.url, base_el.get("href", "")) or doc.url
    for element in doc.root.iter("a", "area"):
        target = absolute(base, element.get("href") or "")
        if target is not None:
            yield element, target, same_site(target, site_hosts)


def link_fact(doc: Document, element: lxml.html.HtmlElement, target: str, internal: bool, *,
              locator: bool = True) -> LinkFact:
    """The link ``element`` to ``target`` as a fact (see :func:`gather_links`); the crawler,
    which only ranks links, asks none of a ``locator`` (the evidence of a finding)."""
    text = doc.element_text(element)
    if not text:
        text = clean(element.get("aria-label") or element.get("title") or "")
    if not text:
        img = element.find(".//img[@alt]")
        text = clean(img.get("alt", "")) if img is not None else ""
    return LinkFact(
        url=doc.url,
        locator=doc.locator(element) if locator else "",
        excerpt=text[:200],
        region=doc.region(element),
        target=target,
        text=text[:200],
        internal=internal,
    )


#: What a link to terms, returns or complaints information is called: short labels, not sentences.
_LABEL_CHARS = 60
_LABEL_WORDS = 4


def script_target(element: lxml.html.HtmlElement, ids: Callable[[], frozenset[str]]) -> str | None:
    """The ``href`` of a link only a script can follow (``""`` for none), or None when a crawler
    can follow it or it jumps to a part of the same page (``ids``: the page's element ids and
    anchor names, asked only for such a jump)."""
    if element.tag == "button":
        if element.get("type", "submit").lower() == "submit" and next(element.iterancestors("form"), None) is not None:
            return None  # sends its form: not a link
        return ""
    href = element.get("href")
    if element.tag != "a" or href is None:
        scripted = element.get("onclick") is not None or element.get("role") in ("link", "button")
        return "" if element.tag == "a" or scripted else None
    value = str(href).strip()
    if value.lower().startswith("javascript:"):
        return value[:200]
    if not value or value.startswith("#"):
        fragment = value[1:]
        return None if fragment and fragment in ids() else value
    return None


def gather_script_links(doc: Document) -> list[ScriptLinkFact]:
    """Links and buttons named like terms, returns or complaints pages that lead nowhere a crawler
    can follow (``href="#"``, ``javascript:``, no ``href``, a button): a script may open the
    terms in a dialog, or nothing may happen. The render stage clicks them to find out.

    Runs on every page: the cheap test (the href) comes first, the text only for what passes it."""
    candidates = doc.root.xpath("//a | //button | //*[@onclick] | //*[@role='link' or @role='button']")
    if not candidates:
        return []
    lex = lexicon.load()

    @cache
    def ids() -> frozenset[str]:
        return frozenset(
            value for el in doc.root.iter() if isinstance(el.tag, str)
            for value in (el.get("id"), el.get("name") if el.tag == "a" else None) if value
        )

    found: dict[str, tuple[lxml.html.HtmlElement, ScriptLinkFact]] = {}
    for element in candidates:
        href = script_target(element, ids)
        if href is None:
            continue
        text = doc.element_text(element) or clean(element.get("aria-label") or element.get("title") or "")
        if not text or len(text) > _LABEL_CHARS or len(text.split()) > _LABEL_WORDS:
            continue  # a question or a sentence (an FAQ toggle), not the name of a page
        kind = lexicon.best_kind(lex.text_kinds(text))
        if kind not in lexicon.TERMS_KINDS:
            continue
        earlier = found.get(text)
        if earlier is not None and element not in earlier[0].iterdescendants():
            continue  # the same words again (header and footer): one click tells
        found[text] = (element, ScriptLinkFact(
            url=doc.url, locator=doc.locator(element), excerpt=text[:200], region=doc.region(element),
            text=text[:200], kind=kind, href=href,
        ))  # a link inside a clickable item replaces the item: it is what a person clicks
    return [fact for _, fact in found.values()]
