"""Text blocks: what the passage gatherers read as one statement."""

from __future__ import annotations

from auditor.facts.dom import Document


def texts(html: str) -> list[str]:
    return [b.text for b in Document(html, "https://x.se/").blocks]


def test_a_label_row_is_one_statement() -> None:
    html = (
        "<table><tr><th>Ångerrätt</th><td>14 dagar</td></tr>"
        "<tr><th>Betalning:</th><td>Kort</td><td>Swish</td></tr></table>"
    )
    assert texts(html) == ["Ångerrätt – 14 dagar", "Betalning – Kort Swish"]


def test_rows_of_data_cells_or_with_paragraphs_are_read_cell_by_cell() -> None:
    assert texts("<table><tr><td>a</td><td>b</td></tr></table>") == ["a", "b"]
    assert texts("<table><tr><th>Villkor</th><td><p>Första</p><p>Andra</p></td></tr></table>") == [
        "Villkor", "Första", "Andra"
    ]


def test_hidden_cells_are_not_read() -> None:
    html = '<table><tr><th>Ångerrätt</th><td hidden>7 dagar</td><td>14 dagar</td></tr></table>'
    assert texts(html) == ["Ångerrätt – 14 dagar"]


def test_c1_controls_read_as_windows_1252() -> None:
    """A page labelled ISO-8859-1 is Windows-1252 in browsers: U+0096 is the en dash it shows."""
    assert texts("<p>Muster GmbH \x96 Hauptstraße 1 \x96 10115 Berlin</p>") == [
        "Muster GmbH – Hauptstraße 1 – 10115 Berlin"
    ]
