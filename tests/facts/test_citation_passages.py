"""Citations of acts: "§ 5 TMG" in its written forms, the act's name, its statute-book number;
an abbreviation that cites nothing; a citation beside the act in force or presented as history."""

from __future__ import annotations

import pytest

from auditor.facts.dom import Document
from auditor.facts.passages import gather_passages
from auditor.models import PassageFact, PassageTopic


def citations(body: str, lang: str = "de") -> list[PassageFact]:
    doc = Document(f"<html><body>{body}</body></html>", "https://www.laden.de/impressum")
    return [p for p in gather_passages(doc, lang) if p.topic == PassageTopic.LEGAL_CITATION]


@pytest.mark.parametrize(
    ("text", "how"),
    [
        ("Angaben gemäß § 5 TMG", "section"),
        ("Angaben gemäß §5 TMG", "section"),
        ("Angaben gem. §5TMG", "section"),
        ("Anbieterkennzeichnung nach § 5 Abs. 1 TMG:", "section"),
        ("Pflichtangaben nach §§ 5, 6 TMG", "section"),
        ("Verantwortlich nach § 5 Abs. 1 S. 2 Nr. 1 TMG", "section"),
        ("Wir haften nach §§ 8 bis 10 TMG nicht für fremde Inhalte.", "section"),
        ("Impressum nach dem TMG", "cite"),
        ("Angaben i.S.d. TMG", "cite"),
        ("Pflichtangaben gemäß Telemediengesetz", "name"),
        ("Angaben gemäß § 5 des Telemediengesetzes", "name"),
        ("Information according to § 5 TMG", "section"),
        ("Information pursuant to the TMG", "cite"),
    ],
)
def test_the_ways_an_imprint_cites_the_tmg(text: str, how: str) -> None:
    [fact] = citations(f"<p>{text}</p>")
    assert fact.name == "TMG"
    assert fact.flags == [how]
    assert "TMG" in fact.excerpt or "Telemediengesetz" in fact.excerpt


@pytest.mark.parametrize(
    "text",
    [
        "Angaben gemäß § 5 DDG",
        "Antennenfuß TMG-200 in Schwarz",
        "Modell TMG 5, solange der Vorrat reicht",
        "Der Versand erfolgt mit TMG Logistik GmbH.",
        "Rabattcode: XTMG24",
        "Angaben gemäß § 5 BGB und TMG-konforme Texte",  # the section is the BGB's; "TMG-" is a compound
    ],
)
def test_look_alikes_cite_no_tmg(text: str) -> None:
    assert citations(f"<p>{text}</p>") == []


def test_the_current_act_beside_the_old_one() -> None:
    [fact] = citations("<p>Angaben gemäß § 5 DDG (früher § 5 TMG)</p>")
    assert "current_named" in fact.flags


def test_the_old_act_as_history() -> None:
    [fact] = citations("<p>Das Telemediengesetz gilt seit Mai 2024 nicht mehr.</p>")
    assert fact.flags == ["name", "historic"]


def test_a_plain_citation_in_the_statement_is_reported_before_a_qualified_one() -> None:
    facts = citations("<p>Gemäß § 7 Abs. 1 TMG sind wir für eigene Inhalte verantwortlich.</p>"
                      "<p>Angaben gemäß § 5 DDG (früher § 5 TMG)</p>")
    assert [f.flags for f in facts] == [["section"], ["section", "current_named", "historic"]]


def test_a_heading_is_read_with_the_block_it_labels() -> None:
    [fact] = citations("<h2>Angaben gemäß § 5 TMG</h2><p>Holzwerk GmbH<br>Sägeweg 3<br>79098 Freiburg</p>")
    assert fact.flags == ["section"]
    assert fact.excerpt.startswith("Angaben gemäß § 5 TMG")


@pytest.mark.parametrize(
    ("text", "flags"),
    [
        ("Vid fel på varan gäller konsumentköplagen (1990:932).", ["number"]),
        ("Enligt konsumentköplagen (SFS 1990: 932) har du rätt att reklamera.", ["number"]),
        ("För köp före den 1 maj 2022 gäller konsumentköplagen (1990:932).", ["number", "historic"]),
        ("Konsumentköplagen (2022:260) har ersatt konsumentköplagen (1990:932).",
         ["number", "current_named", "historic"]),
    ],
)
def test_the_swedish_act_by_its_number(text: str, flags: list[str]) -> None:
    [fact] = citations(f"<p>{text}</p>", "sv")
    assert fact.name == "1990:932"
    assert fact.flags == flags


@pytest.mark.parametrize("text", ["Konsumentköplagen (2022:260) gäller.", "Ring 1990:9320", "Order 21990:932"])
def test_other_numbers_are_no_citation_of_the_old_swedish_act(text: str) -> None:
    assert citations(f"<p>{text}</p>", "sv") == []


def test_a_long_paragraph_excerpt_shows_the_citation() -> None:
    filler = "Wir verkaufen Holzbretter aus heimischen Wäldern und liefern innerhalb von drei Tagen. " * 6
    [fact] = citations(f"<p>{filler}Als Diensteanbieter sind wir gemäß § 7 Abs. 1 TMG verantwortlich.</p>")
    assert "§ 7 Abs. 1 TMG" in fact.excerpt
