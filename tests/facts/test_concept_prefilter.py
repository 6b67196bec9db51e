"""The concept matcher's prefilter (:meth:`PageConcepts._may_state`) never skips a reading that
states something: a sentence it passes over reads ``{}`` when read in full, and every answer of
the matcher (values, spans) is the one it gives without the prefilter.

Checked on the phrasing corpus's tuning items (every sentence, clause and clauses joined, for the
matcher of every concept and for each concept's own) and as a property on random sentences made
of the concept data's own words, negations, amounts and clause breaks.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from unittest.mock import patch

import lxml.html
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.facts.concepts import _DIGIT, PageConcepts, _may_state_money, clauses, load
from auditor.facts.dom import Document
from auditor.facts.passages._concepts import concept_names
from auditor.facts.passages.common import sentences
from auditor.lexicon import normalise
from bench import phrasings

PROPERTY = settings(deadline=None, max_examples=200, suppress_health_check=[HealthCheck.too_slow])


def _read(matcher: PageConcepts, text: str, *, prefilter: bool) -> tuple[dict[str, str], object]:
    """``text``'s values and spans as a fresh reading gives them (what the process kept of it is
    dropped first), with the prefilter or with it always passing the text on."""
    table = matcher._table
    table.found.pop(text, None)
    table.spans.pop(text, None)
    if prefilter:
        found = matcher.sentence(text)
    else:
        with patch.object(PageConcepts, "_may_state", lambda self, text, concept=None: True):
            found = matcher.sentence(text)
    values = {name: match.value + "|" + match.clause for name, match in found.items()}
    return values, {name: matcher.spans(text, name) for name in matcher.names}


def _matchers() -> list[PageConcepts]:
    names = concept_names()
    return [PageConcepts((), names), *(PageConcepts((), (name,)) for name in names)]


def _same_reading(text: str) -> None:
    matchers = _matchers()
    for matcher in matchers:
        full = _read(matcher, text, prefilter=False)
        fast = _read(matcher, text, prefilter=True)
        assert fast == full, (matcher.names, text)
        if full[0]:
            assert matcher._may_state(text), (matcher.names, text)
    # The matcher of every concept bounds one concept's patterns (``value`` of a text it has not
    # read, before the concept's own matcher reads it) as that concept's own matcher does.
    every = matchers[0]
    for alone in matchers[1:]:
        (name,) = alone.names
        assert every._may_state(text, name) == alone._may_state(text), (name, text)


def _texts() -> Iterator[str]:
    """Every sentence of the tuning items, its clauses and its clauses joined (what
    ``statement_value`` asks), once each."""
    seen: set[str] = set()
    for item in phrasings.load():
        if item.held_out:
            continue
        body = lxml.html.fragment_fromstring(item.fragment, create_parent="div").text_content()
        for sentence in sentences(body):
            parts = clauses(sentence.text)
            for text in (sentence.text, *parts, " ".join(p.strip().rstrip(".!?") for p in parts)):
                if text.strip() and text not in seen:
                    seen.add(text)
                    yield text


def test_the_prefilter_changes_no_reading_of_the_phrasing_corpus() -> None:
    texts = list(_texts())
    assert len(texts) > 1000
    skipped = 0
    every = PageConcepts((), concept_names())
    for text in texts:
        _same_reading(text)
        skipped += not every._may_state(text)
    assert skipped, "the prefilter passes over some sentences (else it only costs)"


def test_a_sentence_with_no_word_of_a_pattern_is_passed_over() -> None:
    matcher = PageConcepts((), ("return_costs",))
    text = "Vi skickar alla paket inom tre dagar."
    assert not matcher._may_state(text)
    assert matcher.value(text, "return_costs") is None


def test_an_amount_fills_every_money_slot_for_the_prefilter() -> None:
    matcher = PageConcepts((), ("return_costs",))
    text = "Returfrakt: 59 kr"
    assert matcher._may_state(text)
    _same_reading(text)


@pytest.fixture(scope="module")
def vocabulary() -> list[str]:
    """Words as the data writes them (a term's words, its wildcards taken off), of every concept."""
    words: set[str] = set()
    for name in concept_names():
        for term in load(name).terms:
            words.update(part.text for part in term.parts)
    return sorted(words)


_FILLERS = ["du", "vi", "the", "och", "und", "ja", "inte", "nicht", "ikke", "ei", "not", "59", "kr", "€", "14"]
_BREAKS = [" ", " ", " ", ", ", "; ", " – ", " (", ") ", ". ", ": "]


@PROPERTY
@given(data=st.data())
def test_the_prefilter_changes_no_reading_of_random_sentences(data: st.DataObject, vocabulary: list[str]) -> None:
    words = data.draw(st.lists(st.one_of(st.sampled_from(vocabulary), st.sampled_from(_FILLERS)), min_size=1,
                               max_size=14))
    gaps = data.draw(st.lists(st.sampled_from(_BREAKS), min_size=len(words), max_size=len(words)))
    text = "".join(word + gap for word, gap in zip(words, gaps, strict=True)).strip()
    if data.draw(st.booleans()):
        text = text[:1].upper() + text[1:]
    _same_reading(text)



# ---------------------------------------------------------------- the text's words are its clauses'
# ``_may_state`` reads a text's words and its digit and currency mark only, not its clauses': it
# rests on every clause being a slice of the text (or slices joined at a break) cut where the
# normalisation makes a space, so that no clause holds a word, a digit or a currency mark the
# text lacks. Checked on every block and sentence of the tuning corpora's saved pages and on
# random texts of words, breaks and the characters the normalisation treats apart.

_CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def _clause_words_within(text: str) -> None:
    words = set(normalise(text).split())
    money = bool(_DIGIT.search(text)) and _may_state_money(text)
    for piece in clauses(text):
        assert set(normalise(piece).split()) <= words, (text, piece)
        assert money or not (_DIGIT.search(piece) and _may_state_money(piece)), (text, piece)


def _corpus_texts() -> Iterator[str]:
    seen: set[str] = set()
    for corpus in ("sites11", "sites12", "fresh8"):
        for page in sorted((_CORPUS / corpus).glob("*/**/*.html")):
            doc = Document(page.read_text(encoding="utf-8", errors="replace"), "http://example.test/")
            for block in doc.blocks:
                for text in (block.text, *(s.text for s in sentences(block.text))):
                    if text not in seen:
                        seen.add(text)
                        yield text


def test_the_clauses_of_every_corpus_text_hold_only_its_words() -> None:
    count = 0
    for text in _corpus_texts():
        _clause_words_within(text)
        count += 1
    assert count > 1000


_HOSTILE = ["a", "e", "o", "u", "aa", "ae", "ue", "oe", "Rück", "sende", "kosten", "und", "Om", "och", "59",
            "5", "kr", "€", ":-", "SEK", "ß", "ø", "å", "ﬁ", "½", "\u0301", "\u00ad", "\u200b", "İ", "ſ", "K"]
_HOSTILE_BREAKS = [" ", ",", ", ", ";", "–", "—", " - ", "-\n", "- \n", "-\n ", "(", ")", "[", "]", "·", "•", "|",
                   ". ", "! ", "? ", ".\n", "\n", "", "(14)", " (fjorton) ", ",-", "99,- "]


@PROPERTY
@given(data=st.data())
def test_the_clauses_of_random_texts_hold_only_its_words(data: st.DataObject) -> None:
    words = data.draw(st.lists(st.sampled_from(_HOSTILE), min_size=1, max_size=16))
    gaps = data.draw(st.lists(st.sampled_from(_HOSTILE_BREAKS), min_size=len(words), max_size=len(words)))
    text = "".join(word + gap for word, gap in zip(words, gaps, strict=True))
    if data.draw(st.booleans()):
        text = text[:1].upper() + text[1:]
    _clause_words_within(text)
