"""The concepts of a page, matched once and shared by the gatherers that read them.

Every concept file under ``auditor/rules/lexicon/concepts/`` is matched over every sentence of
the page's text blocks in one pass (:class:`auditor.facts.concepts.PageConcepts`); a gatherer
asks for the value of its concept in a sentence.
"""

from __future__ import annotations

import re
import weakref
from functools import cache

from auditor.facts.concepts import PageConcepts, clauses, load, shipped_names
from auditor.facts.dom import Document
from auditor.facts.passages.common import sentences, word_list

_PAGES: weakref.WeakKeyDictionary[Document, PageConcepts] = weakref.WeakKeyDictionary()


def concept_names() -> tuple[str, ...]:
    """The concepts shipped as data, by file name (:func:`auditor.facts.concepts.shipped_names`)."""
    return shipped_names()


def page_concepts(doc: Document) -> PageConcepts:
    """The page's concepts, matched over all its sentences the first time a gatherer asks."""
    found = _PAGES.get(doc)
    if found is None:
        texts = (s.text for block in doc.blocks for s in sentences(block.text))
        found = PageConcepts(texts, concept_names())
        _PAGES[doc] = found
    return found


@cache
def text_concepts() -> PageConcepts:
    """A matcher of every concept with no page behind it, for a memory kept by a sentence's text
    (a site's header, footer and boilerplate repeat on every page). Its answers are those of any
    page's matcher: every matcher of the same concepts shares one table and what it read, and a
    sentence's reading rests on its text alone."""
    return PageConcepts((), concept_names())


#: A statement of at most this many clauses and words whose clauses say nothing alone is read
#: whole: a question and its answer, a label and its value ("Svarstid – 2 arbetsdagar"), a
#: clause pointing back at the one before ("Returportot ingår inte, det står du för").
WHOLE_CLAUSES = 4
WHOLE_WORDS = 24
#: A sentence ends at a full stop before a capital: "0 kr. – vi betaler" is one statement.
_FULL_STOP = re.compile(r"[.!]\s+[A-ZÅÄÖÆØÜ]")


def statement_value(page: PageConcepts, text: str, concept: str) -> str | None:
    """The value ``text`` states for ``concept``: clause by clause, or, when no clause says one
    alone, the short statement read as one clause."""
    value = page.value(text, concept)
    if value is not None:
        return value
    parts = clauses(text)
    if not 1 < len(parts) <= WHOLE_CLAUSES or len(word_list(text)) > WHOLE_WORDS:
        return None
    if _FULL_STOP.search(text.strip()):
        return None  # two sentences (a question and its answer is one statement; two sentences are not)
    if page.names_nothing(text, concept):
        return None  # no word of the concept in the statement: none in its clauses either
    suspend = load(concept).suspend
    if suspend and any(page.slots(parts[0], concept).get(slot) for slots in suspend.values() for slot in slots):
        # "Viallisen tuotteen palautuksesta ei aiheudu sinulle kuluja, vaan maksamme postituksen":
        # the statement's subject takes a value away (faulty goods); read whole, its clauses'
        # negation and contrast would give the value the concept withholds. (An exception after
        # the answer is no subject: "You do, unless the item arrived damaged".)
        return None
    if any(page.value(part, concept) is not None for part in parts):
        return None  # the clauses disagree: reading them whole would not settle it
    return page.value(" ".join(part.strip().rstrip(".!?") for part in parts), concept)

