"""Page names the phrase lists cannot enumerate: compounds ending with a kind's head word."""

from __future__ import annotations

import pytest

from auditor import lexicon
from auditor.models import PageKind

TERMS, RETURNS, COMPLAINTS = PageKind.TERMS, PageKind.RETURNS, PageKind.COMPLAINTS


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Salgs- og betalingsvilkår", TERMS),
        ("Leveringsbetingelser", TERMS),
        ("Handels- og leveringsbetingelser", TERMS),
        ("Leveransvillkor", TERMS),
        ("Liefer- und Zahlungsbedingungen", TERMS),
        ("Käyttöehdot", TERMS),  # folding makes "kayttohdot": the seam is undone
        ("Toimitus- ja maksuehdot", TERMS),
        ("Produktreklamationer", COMPLAINTS),
        ("Sachmängelgewährleistung", COMPLAINTS),
        ("Lovpålagt angrerett", RETURNS),
        ("Adresse og åbningstider", PageKind.CONTACT),  # the page a trader gives its address on
        ("Address and opening hours", PageKind.CONTACT),
    ],
)
def test_compound_titles_name_their_kind(text: str, kind: PageKind) -> None:
    assert lexicon.best_kind(lexicon.load().text_kinds(text)) == kind


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("https://butik.no/salgsvilkar.html", TERMS),
        ("https://shop.de/liefer-und-zahlungsbedingungen/", TERMS),
        ("https://kauppa.fi/toimitus-ja-maksuehdot", TERMS),
        ("https://butik.se/info/leveransvillkor", TERMS),
    ],
)
def test_compound_slugs_name_their_kind(url: str, kind: PageKind) -> None:
    assert lexicon.best_kind(lexicon.load().url_kinds(url)) == kind


@pytest.mark.parametrize(
    "text",
    [
        "Kontaktlinsen",  # a head must end the word, not begin it
        "Vilkårlige priser",
        "Ehdottomasti paras",
        "Bedingungslos gut",
        "Reklamationsfri leverans",
    ],
)
def test_heads_do_not_match_inside_or_at_the_start_of_words(text: str) -> None:
    kinds = lexicon.load().text_kinds(text)
    assert not {TERMS, RETURNS, COMPLAINTS} & set(kinds), kinds


def test_a_listed_phrase_outweighs_a_head() -> None:
    """A compound is a weaker sign than the page name itself."""
    lex = lexicon.load()
    assert lex.text_kinds("Vilkår")[TERMS] > lex.text_kinds("Betalingsvilkår og mer")[TERMS]
