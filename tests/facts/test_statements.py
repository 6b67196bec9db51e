"""Statement units (issue 18, item 1): a heading or question with its answer, a term with its
description, a header cell with its value and a lead-in with each bullet are read as one
statement by every passage gatherer, with the evidence still pointing at the page's elements."""

from __future__ import annotations

import pytest

from auditor.facts.dom import Document
from auditor.facts.passages import gather_passages
from auditor.facts.passages.common import sentences, statement_blocks, statement_view
from auditor.models import PassageFact, PassageTopic


def _doc(body: str, lang: str = "sv") -> Document:
    return Document(f'<html lang="{lang}"><body><main>{body}</main></body></html>', "https://shop.example/villkor")


def _units(body: str) -> list[str]:
    return [b.text for b in statement_blocks(_doc(body))]


def _facts(body: str, lang: str, topic: PassageTopic) -> list[PassageFact]:
    return [p for p in gather_passages(_doc(body, lang), lang) if p.topic == topic]


def _days(facts: list[PassageFact]) -> set[float | None]:
    return {p.in_days() for p in facts if p.amount is not None}


# --------------------------------------------------------------------------- sentences


def test_a_short_label_and_its_value_are_one_sentence() -> None:
    text = "Bytesrätt: 30 dagar. Vi skickar med PostNord."
    assert [s.text for s in sentences(text)] == ["Bytesrätt: 30 dagar.", "Vi skickar med PostNord."]


def test_a_question_and_its_answer_are_one_sentence_sliced_exactly() -> None:
    text = "Hvor lang tid har jeg? Du har 30 dager. Send pakken med sporing."
    first, second = sentences(text)
    assert first.text == text[first.start : first.end] == "Hvor lang tid har jeg? Du har 30 dager."
    assert second.text == "Send pakken med sporing."


def test_a_long_sentence_ending_in_a_colon_is_not_a_label() -> None:
    text = "Om du vill returnera en vara som du har köpt hos oss gör du så här: Fyll i blanketten."
    assert len(sentences(text)) == 2


# --------------------------------------------------------------------------- structure


def test_a_term_joins_each_of_its_descriptions() -> None:
    units = _units("<dl><dt>Fortrydelsesfrist</dt><dd>14 dage</dd><dd>Gælder ikke for gavekort</dd></dl>")
    assert units == ["Fortrydelsesfrist", "Fortrydelsesfrist – 14 dage", "Fortrydelsesfrist – Gælder ikke for gavekort"]


def test_a_column_header_joins_each_cell_below_it() -> None:
    body = (
        "<table><tr><th>Produkt</th><th>Peruutusaika</th></tr>"
        "<tr><td>Kengät</td><td>30 päivää</td></tr></table>"
    )
    # the row's own short label is the subject, the column's header what is said of it
    assert "Produkt: Kengät Peruutusaika – 30 päivää" in _units(body)
    body = "<table><tr><th>Tjänst</th><th>Pris</th></tr><tr><td>Retur</td><td>49 kr</td></tr></table>"
    assert "Tjänst: Retur Pris – 49 kr" in _units(body)
    # a first cell with digits is a value, not a label
    body = "<table><tr><th>Datum</th><th>Öppet</th></tr><tr><td>24/12</td><td>Stängt</td></tr></table>"
    assert "Öppet – Stängt" in _units(body)


def test_a_two_cell_row_reads_its_first_cell_as_the_label() -> None:
    body = "<table><tr><td>Rücksendekosten</td><td>trägt der Kunde</td></tr></table>"
    assert "Rücksendekosten – trägt der Kunde" in _units(body)


def test_a_lead_in_joins_each_bullet() -> None:
    body = "<p>Wenn Sie widerrufen, gilt:</p><ul><li>Die Frist beträgt 30 Tage.</li><li>Wir erstatten alles.</li></ul>"
    units = _units(body)
    assert "Wenn Sie widerrufen, gilt – Die Frist beträgt 30 Tage." in units
    assert "Wenn Sie widerrufen, gilt – Wir erstatten alles." in units


def test_a_list_after_a_paragraph_without_a_colon_is_read_alone() -> None:
    units = _units("<p>Vi har 30 dagars öppet köp.</p><ul><li>Fri frakt</li></ul>")
    assert units == ["Vi har 30 dagars öppet köp.", "Fri frakt"]


@pytest.mark.parametrize(
    ("body", "joined"),
    [
        # a question heading is answered by what follows it
        ("<h3>Hur lång tid har jag på mig?</h3><p>Du har 30 dagar.</p>",
         "Hur lång tid har jag på mig? – Du har 30 dagar."),
        # the sentence points back at the heading's subject
        ("<h2>Right to cancel</h2><p>The period is 30 days.</p>", "Right to cancel – The period is 30 days."),
        # a bare value
        ("<h4>Peruutusoikeus</h4><p>30 päivää</p>", "Peruutusoikeus – 30 päivää"),
        # a period with when it starts
        ("<h2>Right to cancel</h2><p>30 days from the day you receive the goods.</p>",
         "Right to cancel – 30 days from the day you receive the goods."),
        # a bold paragraph is a heading
        ("<p><strong>Widerrufsrecht</strong></p><p>Die Frist beträgt 30 Tage.</p>",
         "Widerrufsrecht – Die Frist beträgt 30 Tage."),
    ],
)
def test_a_heading_joins_the_sentence_that_continues_it(body: str, joined: str) -> None:
    assert joined in _units(body)


@pytest.mark.parametrize(
    "body",
    [
        "<h2>Ångerrätt</h2><p>Vi skickar alla paket inom 3 dagar.</p>",
        "<h2>Fortrydelsesret</h2><p>Alle pakker sendes med GLS.</p>",
        # a sentence with its own subject stands alone; the heading would only repeat it
        "<h2>Angrerett</h2><p>Angrefristen er 30 dager.</p>",
        "<h2>Widerrufsrecht und Versand</h2><p>Unsere Pakete kommen meist nach 2 Tagen an.</p>",
        # a long heading is prose
        "<h2>Så här gör du när du vill ångra ett köp som du har gjort hos oss</h2><p>Vi skickar inom 3 dagar.</p>",
    ],
)
def test_a_heading_over_an_unrelated_sentence_is_not_joined(body: str) -> None:
    assert not any(" – " in unit for unit in _units(body))


# --------------------------------------------------------------------------- through the gatherers


@pytest.mark.parametrize(
    ("body", "lang", "days"),
    [
        ("<dl><dt>Ångerrätt</dt><dd>30 dagar från leveransdagen</dd></dl>", "sv", 30),
        ("<table><tr><th>Vilkår</th><th>Angrerett</th></tr><tr><td>Sko</td><td>30 dager</td></tr></table>", "nb", 30),
        ("<h3>Fortrydelsesret</h3><p>Fristen er 30 dage.</p>", "da", 30),
        ("<ul><li>Peruutusoikeus: 30 päivää</li><li>Maksuton toimitus</li></ul>", "fi", 30),
        ("<h3>Kann ich den Kauf widerrufen?</h3><p>Ja, Sie haben 30 Tage Zeit.</p>", "de", 30),
        ("<p>Our promise:</p><ul><li>a right to cancel of 30 days</li></ul>", "en", 30),
    ],
)
def test_the_withdrawal_period_is_read_from_structure(body: str, lang: str, days: int) -> None:
    assert _days(_facts(body, lang, PassageTopic.WITHDRAWAL_PERIOD)) == {days}


def test_a_heading_over_a_delivery_time_gives_no_withdrawal_period() -> None:
    facts = _facts("<h2>Ångerrätt</h2><p>Vi skickar alla paket inom 3 dagar.</p>", "sv", PassageTopic.WITHDRAWAL_PERIOD)
    assert _days(facts) == set()


def test_a_term_with_its_payer_states_the_return_cost() -> None:
    [fact] = _facts("<dl><dt>Returfrakt</dt><dd>Du betalar själv</dd></dl>", "sv", PassageTopic.RETURN_COSTS)
    assert "consumer" in fact.flags


def test_the_evidence_points_at_the_value_and_quotes_both() -> None:
    body = "<h2>Intro</h2><dl><dt>Angrerett</dt><dd>30 dager fra mottak</dd></dl>"
    [fact] = [f for f in _facts(body, "nb", PassageTopic.WITHDRAWAL_PERIOD) if f.amount is not None]
    assert fact.locator.endswith("dl > dd")
    assert fact.excerpt == "Angrerett – 30 dager fra mottak"
    doc = _doc(body, "nb")
    [unit] = [b for b in statement_view(doc).blocks if b.label is not None]
    assert unit.label is not None and unit.label.tag == "dt" and unit.element.tag == "dd"


def test_the_view_shares_the_page_and_keeps_its_text() -> None:
    doc = _doc("<dl><dt>Angrerett</dt><dd>30 dager</dd></dl>", "nb")
    view = statement_view(doc)
    assert view is statement_view(doc)
    assert view.root is doc.root and view.text == doc.text == "Angrerett\n\n30 dager"
    assert [b.text for b in doc.blocks] == ["Angrerett", "30 dager"]
