"""The matcher's gates give what the full reading gave.

* A clause is looked at for an amount (``@money``) only where it holds a currency mark
  (:func:`auditor.facts.concepts._may_state_money`): no text the amount pattern matches lacks
  one, on random text around amounts and on every sentence of the phrasing corpora
  (``tests/corpus/phrasings``, ``tests/corpus/fresh5``) and its clauses.
* A clause is asked only the patterns of its scope (:func:`auditor.facts.concepts._keys`): the
  patterns of each scope, in the data's order, are exactly the concept's patterns of that scope.
* The number-and-unit compound (``vierzehntägig``) kept by the word answers as its reading does.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.facts import concepts
from auditor.facts.concepts import _MONEY, _keys, _may_state_money, clauses, load
from auditor.facts.passages import common
from auditor.facts.passages._concepts import concept_names

PROPERTY = settings(deadline=None, max_examples=300, suppress_health_check=[HealthCheck.too_slow])
CORPORA = [Path(__file__).parents[1] / "corpus" / name for name in ("phrasings", "fresh5")]


def _corpus_texts() -> list[str]:
    texts: list[str] = []
    for folder in CORPORA:
        for file in sorted(folder.glob("*.toml")):
            data = tomllib.loads(file.read_text(encoding="utf-8"))
            for table in data.values():
                if not isinstance(table, dict):
                    continue
                for items in table.values():
                    for item in items if isinstance(items, list) else ():
                        if isinstance(item, dict):
                            texts.extend(str(item[k]) for k in ("text", "html") if k in item)
    return texts


def test_the_corpora_are_read() -> None:
    texts = _corpus_texts()
    assert len(texts) > 1000
    assert any(_MONEY.search(t) for t in texts)  # amounts are there to be found


def test_no_amount_of_the_phrasing_corpora_lacks_a_currency_mark() -> None:
    for text in _corpus_texts():
        for piece in (text, *clauses(text)):
            if _MONEY.search(piece):
                assert _may_state_money(piece), piece


_CURRENCIES = ["kr", "Kr.", "KR", "kronor", "kroner", "krona", "SEK", "sek", "NOK", "DKK", "EUR", "eur", "euro",
               "Euros", "€", "£", "$", "pounds", "Pound", ":-", "K\u212a", "\u212ar", "ſek"]


@PROPERTY
@given(
    before=st.text(max_size=12),
    amount=st.from_regex(r"\d{1,4}(?:[.,]\d{1,2})?(?:,-)?", fullmatch=True),
    currency=st.sampled_from(_CURRENCIES),
    space=st.sampled_from(["", " "]),
    after=st.text(max_size=12),
    currency_first=st.booleans(),
)
def test_an_amount_is_never_passed_over(
    before: str, amount: str, currency: str, space: str, after: str, currency_first: bool
) -> None:
    text = before + (currency + space + amount if currency_first else amount + space + currency) + after
    if _MONEY.search(text):
        assert _may_state_money(text)


@PROPERTY
@given(st.text(alphabet=st.sampled_from(list("0123456789 ,.:-krsekonduæøåKRSEUP€£$\u212a\u017f")), max_size=30))
def test_no_text_the_amount_pattern_matches_lacks_a_mark(text: str) -> None:
    if _MONEY.search(text):
        assert _may_state_money(text)


def test_a_clause_is_asked_the_patterns_of_its_scope_in_their_order() -> None:
    for name in concept_names():
        concept = load(name)
        for scope in ("clause", "sentence"):
            assert [k.pattern for k in _keys(concept, scope)] == [p for p in concept.patterns if p.scope == scope]


def test_a_concept_loaded_again_gets_keys_of_its_own() -> None:
    first = load("return_costs")
    again = load.__wrapped__("return_costs")
    assert again is not first
    assert [k.pattern for k in _keys(again, "clause")] == [p for p in again.patterns if p.scope == "clause"]
    assert concepts._KEYS["return_costs"][0] is again


def test_a_compound_kept_by_the_word_reads_as_before() -> None:
    for word in ("vierzehntägig", "zweijährige", "treårig", "kaksivuotinen", "Vierzehntägiges", "tägig", "dagar"):
        assert common._compound(word) == common._compound.__wrapped__(word)
    assert common._compound("vierzehntägig") == (14.0, "days")
    assert common._compound("tägig") is None


#: The corpora the whole-sentence gate is checked on (fresh7 too: written after the gate's data).
GATE_CORPORA = [Path(__file__).parents[1] / "corpus" / name for name in ("phrasings", "fresh5", "fresh7")]


def _gate_texts() -> list[str]:
    global CORPORA
    kept, CORPORA = CORPORA, GATE_CORPORA
    try:
        texts = _corpus_texts()
    finally:
        CORPORA = kept
    return [piece for text in texts for piece in dict.fromkeys((text, *clauses(text)))]


def test_a_sentence_is_read_whole_wherever_its_reading_could_fill_a_pattern() -> None:
    """:func:`concepts._fillable` bounds the slots the whole reading fills: no slot that
    :func:`concepts._clause` fills is missing from it, on every text of the phrasing corpora and
    on each of their clauses (so a sentence-scope pattern it rules out had no reading)."""
    table = concepts._table(concept_names())
    texts = _gate_texts()
    assert len(texts) > 1000
    for text in texts:
        terms = concepts._terms(table, text)
        assert concepts._clause(table, text, terms).filled <= concepts._fillable(table, text, terms[1]), text


def test_the_gated_matcher_reads_every_corpus_sentence_as_the_ungated_one() -> None:
    """Every concept's value of every corpus text is the same with the gate and with every
    sentence read whole (``_fillable`` answering every slot of every concept)."""
    names = concept_names()
    texts = _gate_texts()
    gated = concepts.PageConcepts((), names)
    fresh = concepts._table.__wrapped__(names)
    gated._table = fresh
    read = {text: gated.sentence(text) for text in texts}
    every = frozenset((name, slot) for name in names for p in load(name).patterns for slot in p.slots)
    original = concepts._fillable
    concepts._fillable = lambda table, text, found: every  # type: ignore[assignment]
    try:
        ungated = concepts.PageConcepts((), names)
        ungated._table = concepts._table.__wrapped__(names)
        for text in texts:
            assert ungated.sentence(text) == read[text], text
    finally:
        concepts._fillable = original
