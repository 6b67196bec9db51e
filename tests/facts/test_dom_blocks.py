"""Text blocks: what the passage gatherers read as one statement."""

from __future__ import annotations

import pytest

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


def test_an_elements_text_sets_its_blocks_apart_as_a_browser_does() -> None:
    doc = Document(
        "<main><table><tr><td>Till</td><td>Trädgårdsboden AB</td></tr><tr><td>Konsumentens namn</td>"
        "<td></td></tr></table><a href='/p'><div>Soffa</div><div>4 995 kr</div></a>"
        "<p>Fri<b>frakt</b> <span>över 500 kr</span></p></main>",
        "https://x.se/",
    )
    table = next(doc.root.iter("table"))
    link = next(doc.root.iter("a"))
    paragraph = next(doc.root.iter("p"))
    assert doc.element_text(table) == "Till Trädgårdsboden AB Konsumentens namn"
    assert doc.element_text(link) == "Soffa 4 995 kr"
    assert doc.element_text(paragraph) == "Frifrakt över 500 kr"  # inline elements stay joined
    assert "Soffa 4 995 kr" in texts("<main><p>Se <a href='/p'><div>Soffa</div><div>4 995 kr</div></a></p></main>")[0]


def test_a_components_header_or_footer_is_no_page_region() -> None:
    from auditor.models import Region

    doc = Document(
        '<html><body><header class="site-header"><p>Shop</p></header><main>'
        '<article><header class="entry-header"><p>Post title</p></header><p>Post</p></article>'
        '<div class="card"><div class="card-footer"><p>Card footer</p></div></div>'
        '<h4 class="et_pb_module_header">Telefon</h4></main>'
        '<div id="top-header"><p>Top bar</p></div><div class="site-footer"><p>Foot</p></div></body></html>',
        "https://www.butik.se/",
    )
    regions = {b.text: doc.region(b.element) for b in doc.blocks}
    assert regions == {
        "Shop": Region.HEADER, "Post title": Region.MAIN, "Post": Region.MAIN, "Card footer": Region.MAIN,
        "Telefon": Region.MAIN, "Top bar": Region.HEADER, "Foot": Region.FOOTER,
    }


def test_panels_the_pages_own_controls_reveal_are_read() -> None:
    html = (
        '<button role="tab" aria-controls="t2">Absage</button>'
        '<div role="tabpanel" id="t1"><p>Erster Reiter</p></div>'
        '<div role="tabpanel" id="t2" hidden><p>Zweiter Reiter</p></div>'
        '<div id="faq" style="display:none"><p>Named by a control</p></div><a aria-controls="faq">FAQ</a>'
        '<div class="accordion-body collapse" style="display: none"><p>Accordion body</p></div>'
    )
    assert texts(html) == ["Absage", "Erster Reiter", "Zweiter Reiter", "Named by a control", "FAQ", "Accordion body"]


def test_accordion_bodies_by_widget_role_trigger_or_collapse_target_are_read() -> None:
    html = (
        # Magento's collapsible: a trigger, then its content hidden until clicked
        '<div data-role="collapsible"><div data-role="trigger"><h3>Can I phone you?</h3></div></div>'
        '<div data-role="content" style="display:none"><p>Our order line is open on weekdays.</p></div>'
        # a button that says whether the element after it is open
        '<button aria-expanded="false">Returns</button><div hidden><p>Within 30 days.</p></div>'
        # Bootstrap's collapse named by its target
        '<a data-bs-toggle="collapse" data-bs-target="#q3">Fees</a><div id="q3" class="x" hidden><p>None.</p></div>'
    )
    assert texts(html) == [
        "Can I phone you?", "Our order line is open on weekdays.", "Returns", "Within 30 days.", "Fees", "None.",
    ]


def test_hidden_elements_no_control_reveals_stay_unread() -> None:
    html = (
        '<div hidden><p>Template</p></div><p aria-hidden="true">Decor</p>'
        '<div id="x" hidden><p>Spare</p></div><p>Seen</p>'
    )
    assert texts(html) == ["Seen"]


def test_many_hidden_elements_are_read_in_one_pass() -> None:
    """The ids controls name are collected once a page: 20,000 hidden panels, two named by a button."""
    panels = "".join(f'<div id="d{i}" hidden><p>x{i}</p></div>' for i in range(20_000))
    assert texts(f'{panels}<button aria-controls="d5 d7">b</button>') == ["x5", "x7", "b"]


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<p>Laksevåg&shy;bakken 12<br>5160 Laksevåg</p>", "Laksevågbakken 12\n5160 Laksevåg"),
        ("<p>post&#8203;@dykker&#8203;bua.no</p>", "post@dykkerbua.no"),
        ("<p>Tel. 55\u200b 12\u2060 34 56</p>", "Tel. 55 12 34 56"),
        ("<p>\ufeffKund\u00adtjänst</p>", "Kundtjänst"),
    ],
)
def test_characters_a_reader_does_not_see_are_not_in_a_blocks_text(html: str, text: str) -> None:
    """Soft hyphens, zero-width spaces and joiners, word joiners and a byte-order mark are no
    letters and no spaces for a reader: a street, an email or a number written with them is the
    one the reader reads."""
    [block] = Document(f"<html><body>{html}</body></html>", "https://shop.example/").blocks
    assert block.text == text
