"""Sentences do not end at an abbreviation before a number or a capital ("max. 14 Tage", "z. B.
Montag"), abbreviated units after a number are periods ("24 tim", "6 mnd", "3 Mon.", "2 v."),
and both hold for any number (hypothesis)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.facts.passages.common import SENTENCE_ABBREVIATIONS, periods, sentences

_ABBREVIATIONS = sorted({(lang, a) for lang, forms in SENTENCE_ABBREVIATIONS.items() for a in forms})
_NUMBERS = st.integers(min_value=1, max_value=999)


@settings(max_examples=60, deadline=None)
@given(pair=st.sampled_from(_ABBREVIATIONS), number=_NUMBERS)
def test_an_abbreviation_before_a_number_keeps_the_sentence_whole(pair: tuple[str, str], number: int) -> None:
    _, abbreviation = pair
    text = f"Die Frist ist {abbreviation} {number} Tage. Danach gilt nichts mehr."
    cut = [s.text for s in sentences(text)]
    assert cut == [f"Die Frist ist {abbreviation} {number} Tage.", "Danach gilt nichts mehr."]


@settings(max_examples=60, deadline=None)
@given(pair=st.sampled_from(_ABBREVIATIONS), word=st.sampled_from(["Montag", "Ring", "Kontakt", "Alla"]))
def test_an_abbreviation_before_a_capital_keeps_the_sentence_whole(pair: tuple[str, str], word: str) -> None:
    _, abbreviation = pair
    text = f"Wir antworten {abbreviation} {word} oder so. Sonst nicht."
    assert [s.text for s in sentences(text)] == [f"Wir antworten {abbreviation} {word} oder so.", "Sonst nicht."]


@settings(max_examples=60, deadline=None)
@given(first=_NUMBERS, second=_NUMBERS, word=st.sampled_from(["dagar", "Tage", "days", "päivää", "dage"]))
def test_two_real_sentences_still_split(first: int, second: int, word: str) -> None:
    text = f"Returrätten gäller {first} {word}. Garantin gäller {second} {word}. {second} Kunden zahlen."
    assert [s.text for s in sentences(text)] == [
        f"Returrätten gäller {first} {word}.",
        f"Garantin gäller {second} {word}.",
        f"{second} Kunden zahlen.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Wir antworten i. d. R. 3 Tage nach Eingang.",
        "Sie erhalten z. B. Montag eine Antwort.",
        "Vi svarar bl.a. 14 dagar efter.",
        "Vi svarer f.eks. 14 dage efter.",
        "Vastaamme enint. 14 päivässä.",
        "Ring kl. 16 i dag.",
    ],
)
def test_inner_full_stops_of_an_abbreviation_do_not_cut(text: str) -> None:
    assert [s.text for s in sentences(text)] == [text]


def test_a_word_ending_like_an_abbreviation_still_ends_its_sentence() -> None:
    assert [s.text for s in sentences("Das ist Maximum. Danach nicht.")] == ["Das ist Maximum.", "Danach nicht."]


_ABBREVIATED_UNITS = [
    ("tim", "hours"), ("h", "hours"), ("Std.", "hours"), ("t.", "hours"), ("t", "hours"),
    ("mnd", "months"), ("mån", "months"), ("Mon.", "months"), ("kk", "months"),
    ("J.", "years"), ("år", "years"), ("v.", "years"),
]  # fmt: skip


@settings(max_examples=80, deadline=None)
@given(unit=st.sampled_from(_ABBREVIATED_UNITS), number=_NUMBERS)
def test_an_abbreviated_unit_right_after_a_number_is_a_period(unit: tuple[str, str], number: int) -> None:
    word, expected = unit
    found = [(p.amount, p.unit) for p in periods(f"Garanti {number} {word} från köpet")]
    assert found == [(float(number), expected)]


@settings(max_examples=40, deadline=None)
@given(word=st.sampled_from(["T", "v", "j", "Mon"]), number=_NUMBERS)
def test_a_one_letter_unit_without_its_full_stop_is_no_period(word: str, number: int) -> None:
    assert list(periods(f"Artikel {number} {word} Fri")) == []


def test_hours_written_t_need_digits_before() -> None:
    assert list(periods("fem t senare")) == []


@settings(max_examples=40, deadline=None)
@given(word=st.sampled_from(["t.", "v.", "J.", "Mon."]))
def test_a_dotted_unit_without_a_number_before_it_is_no_period(word: str) -> None:
    assert list(periods(f"Öppet 24/7 {word} – Fri. och {word} Sat.")) == []
