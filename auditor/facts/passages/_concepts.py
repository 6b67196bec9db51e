"""The concepts of a page, matched once and shared by the gatherers that read them.

Every concept file under ``auditor/rules/lexicon/concepts/`` is matched over every sentence of
the page's text blocks in one pass (:class:`auditor.facts.concepts.PageConcepts`); a gatherer
asks for the value of its concept in a sentence.
"""

from __future__ import annotations

import weakref
from functools import cache
from importlib import resources

from auditor.facts.concepts import PageConcepts
from auditor.facts.dom import Document
from auditor.facts.passages.common import sentences

_PAGES: weakref.WeakKeyDictionary[Document, PageConcepts] = weakref.WeakKeyDictionary()


@cache
def concept_names() -> tuple[str, ...]:
    """The concepts shipped as data, by file name."""
    folder = resources.files("auditor") / "rules" / "lexicon" / "concepts"
    return tuple(sorted(p.name[: -len(".toml")] for p in folder.iterdir() if p.name.endswith(".toml")))


def page_concepts(doc: Document) -> PageConcepts:
    """The page's concepts, matched over all its sentences the first time a gatherer asks."""
    found = _PAGES.get(doc)
    if found is None:
        texts = (s.text for block in doc.blocks for s in sentences(block.text))
        found = PageConcepts(texts, concept_names())
        _PAGES[doc] = found
    return found
