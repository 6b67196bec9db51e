"""Session 13's cuts find what the readings they replace found (speed12, issue 20).

* the concept prefilter's bound is kept per text (:meth:`PageConcepts._bound`): a text asked
  for several concepts, in any order, is answered as a matcher that never kept a bound answers;
  a word that fills no term part has the one shared entry, equal to the entry read afresh;
* the script signals' walks (``scripts._mounts``, ``scripts._placeholders``) ask an element's
  attribute names once and find the elements inside a form once: the same signals as the walks
  that asked each element's attributes one by one and each element's ancestors.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import lxml.html
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.facts import scripts
from auditor.facts.concepts import _NO_ENTRY, PageConcepts, _entry, clauses
from auditor.facts.dom import Document, clean
from auditor.facts.passages._concepts import concept_names
from auditor.facts.passages.common import sentences
from auditor.lexicon import normalise
from bench import phrasings

PROPERTY = settings(deadline=None, max_examples=150, suppress_health_check=[HealthCheck.too_slow])
CORPORA = Path(__file__).resolve().parent.parent / "corpus"


def _texts(limit: int = 3000) -> list[str]:
    """Sentences of the phrasing corpus's tuning items and their clauses (what gatherers ask)."""
    seen: dict[str, None] = {}
    for item in phrasings.load():
        if item.held_out:
            continue
        body = lxml.html.fragment_fromstring(item.fragment, create_parent="div").text_content()
        for sentence in sentences(body):
            for text in (sentence.text, *clauses(sentence.text)):
                if text.strip():
                    seen.setdefault(text, None)
    return list(seen)[:limit]


def _fresh_may_state(matcher: PageConcepts, text: str, concept: str | None) -> bool:
    """``_may_state`` with nothing kept of ``text``: the bound made again."""
    matcher._table.bounds.pop(text, None)
    answer = matcher._may_state(text, concept)
    matcher._table.bounds.pop(text, None)
    return answer


def test_a_kept_bound_answers_every_concept_as_a_fresh_one() -> None:
    names = concept_names()
    every = PageConcepts((), names)
    texts = _texts()
    assert len(texts) > 1000
    fresh = {(text, name): _fresh_may_state(every, text, name) for text in texts for name in (None, *names)}
    # asked again with the bounds kept, concepts in the reverse order: the same answers
    for text in reversed(texts):
        for name in reversed((None, *names)):
            assert every._may_state(text, name) == fresh[(text, name)], (text, name)
    assert any(fresh.values()) and not all(fresh.values())


def test_the_shared_empty_entry_is_the_entry_read_afresh() -> None:
    every = PageConcepts((), concept_names())
    table = every._table
    words = {word for text in _texts(800) for word in normalise(text).split()}
    empty = 0
    for word in sorted(words):
        found = _entry(table, word)
        if found == _NO_ENTRY:  # compiled, each a tuple of its own: equal, not the same object
            empty += 1
            assert table.entry(word) == (frozenset(), (), (), frozenset(), (), frozenset())
        else:
            assert table.entry(word) == found
    assert empty, "some words fill no term part"


# ------------------------------------------------------------------------------ script signals

def _mounts_reference(doc: Document) -> Iterator[tuple[str, str]]:
    """``scripts._mounts`` as it was: every element asked each mount attribute."""
    for element in doc.root.iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.lower()
        if tag == "script":
            code = element.text or ""
            if element.get("id") == "__NEXT_DATA__" or "window.__NUXT__" in code:
                yield doc.locator(element), "__NEXT_DATA__" if element.get("id") else "window.__NUXT__"
            continue
        named = (element.get("id") or "").lower() in scripts._MOUNT_IDS or tag in scripts._MOUNT_TAGS
        marked = any(element.get(attr) is not None for attr in scripts._MOUNT_ATTRS)
        if (named or marked) and not clean(doc.element_text(element)):
            yield doc.locator(element), scripts._opening_tag(element)


def _in_form_reference(element: lxml.html.HtmlElement) -> bool:
    return any(isinstance(a.tag, str) and a.tag.lower() == "form" for a in element.iterancestors())


def _placeholders_reference(doc: Document) -> list[tuple[str, str, str]]:
    """The elements ``scripts._placeholders`` read, found as they were: each element's ancestors asked."""
    body = doc.root.find("body")
    if body is None:
        return []
    out = []
    for element in body.iter():
        if not isinstance(element.tag, str) or element.tag.lower() in scripts._SKIP_TAGS or _in_form_reference(element):
            continue
        out.append(doc.locator(element))
    return out


def _placeholders_read(doc: Document) -> list[str]:
    body = doc.root.find("body")
    if body is None:
        return []
    in_forms = set(body.iterfind(".//form//*"))
    return [doc.locator(e) for e in body.iter()
            if isinstance(e.tag, str) and e.tag.lower() not in scripts._SKIP_TAGS and e not in in_forms]


def _same_signals(html: str) -> None:
    doc = Document(html, "https://butik.example/")
    assert [(s.locator, s.excerpt) for s in scripts._mounts(doc)] == list(_mounts_reference(doc))
    assert _placeholders_read(doc) == _placeholders_reference(doc)


def _saved_pages(limit: int = 400) -> Iterator[str]:
    count = 0
    for folder in ("sites11", "sites17", "sites9"):
        for path in sorted((CORPORA / folder).rglob("*.htm*")):
            yield path.read_text(encoding="utf-8", errors="replace")
            count += 1
            if count >= limit:
                return


def test_script_walks_agree_on_saved_pages() -> None:
    pages = list(_saved_pages())
    assert len(pages) > 50
    for html in pages:
        _same_signals(html)


_TAGS = ["div", "span", "form", "section", "script", "app-root", "my-app", "p", "a", "input", "label"]
_ATTRS = ["id", "class", "data-reactroot", "ng-app", "x-data", "v-cloak", "data-email", "data-v-app", "name"]
_VALUES = ["", "app", "root", "__next", "kontakt-epost", "x", "APP"]


@st.composite
def _markup(draw: st.DrawFn, depth: int = 0) -> str:
    tag = draw(st.sampled_from(_TAGS))
    attrs = draw(st.lists(st.tuples(st.sampled_from(_ATTRS), st.sampled_from(_VALUES)), max_size=3,
                          unique_by=lambda a: a[0]))
    inner = "" if depth >= 3 else "".join(draw(st.lists(_markup(depth + 1), max_size=3)))
    text = draw(st.sampled_from(["", "text", " ", "{{ shop.email }}"]))
    opening = " ".join([tag, *(f'{name}="{value}"' for name, value in attrs)])
    return f"<{opening}>{text}{inner}</{tag}>"


@PROPERTY
@given(body=_markup())
def test_script_walks_agree_on_random_markup(body: str) -> None:
    _same_signals(f"<html><head><title>t</title></head><body>{body}</body></html>")
