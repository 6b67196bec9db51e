"""The return-cost fallback (a cost noun and a payer word) reads the concept's refund and defect
words: a refunded return cost is no "consumer pays", and a faulty item's return is a complaint."""

from __future__ import annotations

import pytest

from auditor.facts.dom import Document
from auditor.facts.passages.common import statement_view
from auditor.facts.passages.withdrawal import gather
from auditor.models import PassageTopic


def _payers(text: str, lang: str) -> list[str]:
    doc = Document(f"<html lang='{lang}'><body><main><p>{text}</p></main></body></html>", "https://shop.test/")
    return [f.flags[0] for f in gather(doc, lang) if f.topic == PassageTopic.RETURN_COSTS]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # look-alikes: a faulty item's return postage refunded is a complaint, not a withdrawal
        ("If your item is faulty, we refund the return postage you paid.", "en"),
        ("If your item is faulty, we will refund your return postage costs.", "en"),
        ("If your item is faulty, you will be refunded the return postage.", "en"),
        ("Faulty items: we refund your return postage.", "en"),
        ("Om varan är felaktig återbetalar vi den returfrakt du har betalat.", "sv"),
        ("Hvis varen er defekt, refunderer vi dine returkostnader.", "nb"),
        ("Er varen defekt, refunderer vi dine returomkostninger.", "da"),
        ("Bei defekter Ware erstatten wir Ihnen Ihre Rücksendekosten.", "de"),
        ("Jos tuote on viallinen, hyvitämme palautuskulut.", "fi"),
    ],
)
def test_a_refunded_return_cost_of_faulty_goods_says_no_payer(text: str, lang: str) -> None:
    assert _payers(text, lang) == []


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # the return cost of a withdrawal refunded: the shop pays
        ("We refund your return shipping costs.", "en"),
        ("We refund the return shipping costs you paid.", "en"),
        ("Vi återbetalar dina returfraktkostnader.", "sv"),
        ("Dine returkostnader refunderes.", "nb"),
        ("Vi refunderer dine returomkostninger.", "da"),
        ("Ihre Rücksendekosten werden erstattet.", "de"),
        ("Hyvitämme palautuskulusi.", "fi"),
    ],
)
def test_a_refunded_return_cost_is_the_shops(text: str, lang: str) -> None:
    assert _payers(text, lang) == ["trader"]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("You pay the return shipping costs.", "en"),
        ("The return shipping costs are paid by you.", "en"),
        ("Du betalar själv returfrakten.", "sv"),
        ("Du betaler selv for returen.", "nb"),
        ("Die Kosten der Rücksendung trägt der Käufer.", "de"),
        ("Return shipping: EUR 4,95", "en"),
        ("Returfrakt: kr 99,-", "nb"),
    ],
)
def test_the_consumer_still_pays_where_nothing_is_refunded(text: str, lang: str) -> None:
    assert _payers(text, lang) == ["consumer"]


@pytest.mark.parametrize(
    ("text", "lang", "payer"),
    [
        ("Im Widerrufsfall können wir die Kosten der Rücksendung leider nicht übernehmen.", "de", "consumer"),
        ("Changed your mind? It won't cost you a penny to send it back.", "en", "trader"),
        ("Peruuttaessasi palautuksen lähetyskulut jäävät maksettavaksesi.", "fi", "consumer"),
        ("u pay return postage if u cancel", "en", "consumer"),
    ],
)
def test_who_pays_in_everyday_words(text: str, lang: str, payer: str) -> None:
    assert _payers(text, lang) == [payer]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("A returns label costs £2.99 from any parcel shop.", "en"),
        ("En returetikett kostar 79 kr och kan köpas i vår returportal.", "sv"),
        ("Ein Retourenlabel kostet 5,90 €.", "de"),
    ],
)
def test_the_price_of_a_return_label_alone_names_no_payer(text: str, lang: str) -> None:
    assert _payers(text, lang) == []


def test_a_table_row_is_read_with_its_column_headings_and_the_first_columns_header() -> None:
    doc = Document(
        "<html lang='da'><body><main><table><tr><th>Årsag til retur</th><th>Hvem betaler fragten?</th></tr>"
        "<tr><td>Fortrydelse</td><td>Du</td></tr><tr><td>Reklamation</td><td>Os</td></tr></table></main></body></html>",
        "https://shop.test/",
    )
    payers = [f.flags[0] for f in gather(statement_view(doc), "da") if f.topic == PassageTopic.RETURN_COSTS]
    assert payers == ["consumer"]


def _payers_html(html: str, lang: str) -> list[str]:
    doc = Document(f"<html lang='{lang}'><body><main>{html}</main></body></html>", "https://shop.test/")
    return [f.flags[0] for f in gather(statement_view(doc), lang) if f.topic == PassageTopic.RETURN_COSTS]


@pytest.mark.parametrize(
    ("html", "lang", "payer"),
    [
        # a yes-or-no question says who pays only by its answer, in its block or the next
        ("<details><summary>Er returen gratis?</summary><p>Nei.</p></details>", "nb", "consumer"),
        ("<h3>Är returen gratis?</h3><p>Ja, helt och hållet.</p>", "sv", "trader"),
        ("<p>Ist die Rücksendung kostenlos? – Nein.</p>", "de", "consumer"),
        ("<details><summary>Er det gratis at returnere?</summary><p>Nej, fortryder du købet, trækker vi 45 kr. "
         "for returlabelen fra det beløb, du får refunderet.</p></details>", "da", "consumer"),
    ],
)
def test_a_question_is_read_by_its_answer(html: str, lang: str, payer: str) -> None:
    assert set(_payers_html(html, lang)) == {payer}


def test_a_question_without_a_yes_or_no_answer_states_nothing() -> None:
    assert _payers_html("<h3>Är returen gratis?</h3><p>Läs mer under Frakt.</p>", "sv") == []


def test_a_negation_in_a_coordinated_clause_is_not_the_payers() -> None:
    # the leading "Om …" clause ends without a comma; ", och …" opens a clause of its own
    text = ("Om du utövar din ångerrätt ska du själv bära de direkta kostnaderna för att returnera varorna, och "
            "för varor som på grund av sin vikt inte kan skickas tillbaka med vanlig post, till exempel soffor, "
            "uppskattas kostnaden till högst 995 kr.")
    assert set(_payers(text, "sv")) == {"consumer"}


def test_a_table_of_return_prices_is_read_row_by_row_and_its_header_states_nothing() -> None:
    table = ("<table><tr><th>Palautustapa</th><th>Hinta sinulle</th></tr>"
             "<tr><td>Posti</td><td>0 €</td></tr><tr><td>Matkahuolto</td><td>0 €</td></tr></table>")
    assert _payers_html(table, "fi") == ["trader", "trader"]


@pytest.mark.parametrize(
    ("html", "lang", "payer"),
    [
        ("<dl><dt>Angrerett – returkostnad</dt><dd>Kr 0,- (betales av oss)</dd></dl>", "nb", "trader"),
        ("<dl><dt>Returnering efter fortrydelse</dt><dd>0 kr. – vi betaler</dd></dl>", "da", "trader"),
        ("<p>Wenn du widerrufst, zahlst du die Rücksendung selbst.</p>", "de", "consumer"),
        ("<p>Du zahlst nichts für die Rücksendung, wenn du widerrufst.</p>", "de", "trader"),
    ],
)
def test_labels_with_their_values_and_the_informal_german_you(html: str, lang: str, payer: str) -> None:
    assert set(_payers_html(html, lang)) == {payer}


@pytest.mark.parametrize(
    ("text", "lang", "payer"),
    [
        ("Ångrar du dig betalar vi returen, du behöver bara lämna paketet hos ombudet.", "sv", "trader"),
        ("Angrer du kjøpet betaler vi returfrakten.", "nb", "trader"),
        ("Ångrar du köpet betalar du själv returfrakten.", "sv", "consumer"),
    ],
)
def test_a_condition_opening_with_its_verb_names_no_payer(text: str, lang: str, payer: str) -> None:
    assert _payers(text, lang) == [payer]
