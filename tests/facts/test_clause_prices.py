"""Prices and numbers are no clause breaks, and an amount is money with its currency on either side."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from auditor.facts.concepts import _MONEY, clauses, match_text

# A currency as shops write it before the amount, and after it.
_BEFORE = ["kr", "kr.", "Kr", "€", "£", "$", "SEK", "NOK", "DKK", "EUR"]
_AFTER = ["kr", "kr.", "Kr", "sek", "SEK", "nok", "NOK", "dkk", "DKK", "eur", "EUR", "euro", "€", "£", ":-"]


@st.composite
def _amounts(draw: st.DrawFn) -> str:
    whole = str(draw(st.integers(min_value=0, max_value=99999)))
    tail = draw(st.sampled_from(["", ",-", ".-", ",–", ",{:02d}", ".{:02d}", ",{:d}"]))
    return whole + tail.format(draw(st.integers(min_value=0, max_value=99)) % (100 if "02" in tail else 10))


@given(_amounts(), st.sampled_from(_BEFORE), st.sampled_from(["", " "]))
def test_a_currency_before_the_amount_is_money(amount: str, currency: str, space: str) -> None:
    text = f"Returfrakt {currency}{space}{amount} per paket"
    [found] = [m.group() for m in _MONEY.finditer(text)]
    assert found == f"{currency}{space}{amount}"


@given(_amounts(), st.sampled_from(_AFTER), st.sampled_from(["", " "]))
def test_a_currency_after_the_amount_is_money(amount: str, currency: str, space: str) -> None:
    text = f"Returfrakt {amount}{space}{currency} per paket"
    assert [m.group() for m in _MONEY.finditer(text)] == [f"{amount}{space}{currency}"]


@given(_amounts(), st.sampled_from(_BEFORE + _AFTER), st.booleans())
def test_a_price_is_never_cut_from_its_clause(amount: str, currency: str, before: bool) -> None:
    price = f"{currency} {amount}" if before and currency != ":-" else f"{amount} {currency}"
    assert clauses(f"Returen koster {price} per pakke, det trekkes fra") == [
        f"Returen koster {price} per pakke",
        " det trekkes fra",
    ]


@given(st.integers(min_value=0, max_value=999))
def test_a_number_alone_is_no_money(number: int) -> None:
    # "nok" is Swedish for "probably": a lowercase code before a number is no currency
    for text in (f"Det tar nok {number} dagar", f"inom {number} dagar", f"kronor{number}", f"krone {number}"):
        assert not _MONEY.search(text)


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("Returfrakt kr 99,- trekkes fra", ["Returfrakt kr 99,- trekkes fra"]),
        ("Returfrakt 99,- kr trekkes fra", ["Returfrakt 99,- kr trekkes fra"]),
        ("Returfrakt kr 99,– trekkes fra", ["Returfrakt kr 99,– trekkes fra"]),
        ("Rücksendung 49,90 € pro Paket", ["Rücksendung 49,90 € pro Paket"]),
        ("Du har fjorten (14) dager angrerett", ["Du har fjorten (14) dager angrerett"]),
        ("Du har 14 (fjorton) dagar på dig", ["Du har 14 (fjorton) dagar på dig"]),
        ("Sie haben (14) Tage Zeit", ["Sie haben (14) Tage Zeit"]),
        ("You have fourteen (14) days", ["You have fourteen (14) days"]),
        # a short aside after a word, inside a clause that goes on, is read with it; a
        # capitalised word in brackets after a number still cuts
        ("Du betalar returen (se nedan) själv", ["Du betalar returen (se nedan) själv"]),
        ("Artikel 5 (Retur) gäller", ["Artikel 5 ", "Retur", " gäller"]),
        ("Vi betalar frakten, du betalar returen", ["Vi betalar frakten", " du betalar returen"]),
        ("Vi betalar frakten – du betalar returen", ["Vi betalar frakten ", " du betalar returen"]),
    ],
)
def test_clause_breaks_around_numbers(text: str, parts: list[str]) -> None:
    assert clauses(text) == parts


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Returfrakt: kr 99,-", "consumer"),
        ("Returfrakt: 99,- kr", "consumer"),
        ("Returfrakt: NOK 99", "consumer"),
        ("Rücksendekosten: € 4,95", "consumer"),
        ("Return shipping: EUR 4,95", "consumer"),
        ("Returfrakt: SEK 49", "consumer"),
        ("Returfrakt: 49,90 €", "consumer"),
    ],
)
def test_a_price_on_either_side_of_its_currency_says_the_consumer_pays(text: str, value: str) -> None:
    assert match_text(text, "return_costs") == value
