"""Withdrawal passages: the period of the right, the model form, the withdrawal function and
who pays the return shipping, in the six languages, with their look-alikes."""

from __future__ import annotations

import pytest

from auditor.facts.dom import Document
from auditor.facts.passages import gather_passages
from auditor.facts.passages.common import statement_view
from auditor.facts.passages.withdrawal import gather
from auditor.models import PassageFact, PassageTopic, Region

URL = "https://www.butik.se/villkor"


def _page(body: str) -> Document:
    return Document(f"<html><body>{body}</body></html>", URL)


def _of(facts: list[PassageFact], topic: PassageTopic) -> list[PassageFact]:
    return [f for f in facts if f.topic == topic]


def _periods(text: str, lang: str = "sv") -> list[PassageFact]:
    return _of(gather(_page(f"<main><p>{text}</p></main>"), lang), PassageTopic.WITHDRAWAL_PERIOD)


# --------------------------------------------------------------------------- period


@pytest.mark.parametrize(
    ("text", "lang", "amount"),
    [
        ("Du har 14 dagars ångerrätt från den dag du tog emot varan.", "sv", 14),
        ("Du har 14 dagers angrerett fra den dagen du mottok varen.", "nb", 14),
        ("Du har 14 dages fortrydelsesret, fra du har modtaget varen.", "da", 14),
        ("Sinulla on 14 päivän peruuttamisoikeus.", "fi", 14),
        ("Die Widerrufsfrist beträgt vierzehn Tage ab dem Tag der Lieferung.", "de", 14),
        ("You have a right of withdrawal of 14 days from delivery.", "en", 14),
        ("Ångerrätten gäller i 7 dagar från leverans.", "sv", 7),
        ("Efter leverans har du 30 dagars ångerrätt.", "sv", 30),
    ],
)
def test_the_period_of_the_right(text: str, lang: str, amount: int) -> None:
    [fact] = _periods(text, lang)
    assert (fact.amount, fact.unit) == (amount, "days")
    assert fact.lang == lang
    assert "no_period" not in fact.flags


@pytest.mark.parametrize(
    "text",
    [
        "Leveranstiden är 14 dagar och du har ångerrätt enligt distansavtalslagen.",
        "Vid ångerrätt återbetalar vi beloppet inom 30 dagar.",
        "Om du inte informerats om ångerrätten förlängs ångerfristen med 12 månader.",
    ],
)
def test_other_periods_in_the_sentence_are_not_the_withdrawal_period(text: str) -> None:
    [fact] = _periods(text)
    assert fact.amount is None
    assert "no_period" in fact.flags


def test_delivery_time_alone_is_no_withdrawal_passage() -> None:
    assert _periods("Beställ i dag: 14 dagars leveranstid på alla soffor.") == []
    assert _periods("Die Lieferzeit beträgt 14 Tage.", "de") == []


def test_open_purchase_is_flagged_and_keeps_its_own_period() -> None:
    facts = _periods("Öppet köp i 30 dagar utöver din lagstadgade ångerrätt på 14 dagar.")
    right = [f for f in facts if "open_purchase" not in f.flags]
    opened = [f for f in facts if "open_purchase" in f.flags]
    assert [f.amount for f in right] == [14]
    assert [f.amount for f in opened] == [30]
    assert "right_named" in opened[0].flags
    [alone] = _periods("Hos oss har du öppet köp i 7 dagar.")
    assert alone.flags == ["open_purchase"]
    assert alone.amount == 7


@pytest.mark.parametrize(
    ("text", "lang", "amount"),
    [
        # a refund in a clause of its own, after the return time, is no period of its own
        ("Oöppnade förpackningar kan skickas tillbaka inom 7 dagar och vi återbetalar varans pris.", "sv", 7),
        ("Unopened packets can be sent back within 7 days of delivery and we will refund the price.", "en", 7),
    ],
)
def test_a_return_time_beside_a_later_refund_is_a_return_promise(text: str, lang: str, amount: int) -> None:
    [promise] = [f for f in _periods(text, lang) if f.amount is not None]
    assert "open_purchase" in promise.flags and promise.in_days() == amount


@pytest.mark.parametrize(
    "text",
    [
        "You can return items and we refund you within 5 days.",
        "Returned items are refunded within 5 working days.",
        "Send the parcel back and we refund it within 14 days of receiving it.",
    ],
)
def test_a_refund_time_after_a_return_is_not_a_return_time(text: str) -> None:
    assert [f.amount for f in _periods(text, "en") if f.amount] == []


@pytest.mark.parametrize(
    ("text", "lang", "amount"),
    [
        # withdrawing named by a verb and its object, not a fixed phrase
        ("Köper du något och ångrar dig har du två veckor på dig att meddela oss.", "sv", 14),
        ("Kuluttajana voit perua tilauksesi 14 päivän kuluessa sen saapumisesta.", "fi", 14),
        ("As a consumer you may cancel your purchase within 14 days of receiving it.", "en", 14),
        # an extended right is still the right ("förlängd", "verlängert" without a "by")
        ("Vi ger dig förlängd ångerrätt: 60 dagar från leverans.", "sv", 60),
        ("Wir gewähren ein verlängertes Widerrufsrecht von 30 Tagen.", "de", 30),
        # a number in brackets after its word
        ("Du har fjorton (14) dagars ångerrätt.", "sv", 14),
        # abbreviated and calendar days; a bare verb with its period; ways of changing one's mind
        ("Ångerfrist: 14 dgr", "sv", 14),
        ("Peruutusaika 14 pv", "fi", 14),
        ("You can cancel within 14 calendar days.", "en", 14),
        ("Voit perua 14 päivän kuluessa.", "fi", 14),
        ("Die Wiederrufsfrist beträgt 14 Tage.", "de", 14),
    ],
)
def test_the_period_of_the_right_in_everyday_wording(text: str, lang: str, amount: int) -> None:
    facts = [f for f in _periods(text, lang) if f.amount is not None]
    assert [f.in_days() for f in facts] == [amount]
    assert "loose" not in facts[0].flags


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # another thing's period next to the right's name: exchange, invoice, gift cards
        ("Vill du ångra dig kan du byta varan inom 30 dagar.", "sv"),
        ("Betala med faktura inom 14 dagar – ångerrätten påverkas inte.", "sv"),
        ("Zahlen Sie per Rechnung innerhalb von 14 Tagen – Ihr Widerrufsrecht bleibt unberührt.", "de"),
        ("If you change your mind, you can exchange the item within 30 days.", "en"),
        # the right excluded: its name is no anchor for the number after it
        ("Ångerrätten gäller inte för livsmedel; hållbarheten är 5 dagar.", "sv"),
        ("Yritysasiakkailla ei ole peruutusoikeutta, ja lasku erääntyy 7 päivässä.", "fi"),
        # the extension of the period, with its "by"
        ("Wurden Sie nicht belehrt, verlängert sich die Widerrufsfrist um zwölf Monate.", "de"),
        ("If we have not told you about it, the cancellation period is extended by 12 months.", "en"),
        # hours: an order cancelled before dispatch, no withdrawal period
        ("You can cancel your order within 2 hours of placing it.", "en"),
        # the refund's period ("betaler tilbake")
        ("Vi betaler tilbake innen 14 dager etter at vi har fått beskjed om at du angrer.", "nb"),
    ],
)
def test_other_periods_beside_the_right_are_not_its_period(text: str, lang: str) -> None:
    assert [f.amount for f in _periods(text, lang) if "open_purchase" not in f.flags and f.amount] == []


@pytest.mark.parametrize(
    ("text", "lang"),
    [("Ändrat dig? Du har 14 dagar på dig.", "sv"), ("Had second thoughts? You have 14 days.", "en")],
)
def test_changing_ones_mind_asked_and_answered(text: str, lang: str) -> None:
    assert [f.in_days() for f in _periods(text, lang) if f.amount] == [14]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # a bare verb names no right without a period, nor what else is cancelled
        ("Oikeus peruuttaa suostumus milloin tahansa.", "fi"),
        ("You can cancel your newsletter subscription at any time.", "en"),
        ("You can cancel your subscription with 30 days' notice.", "en"),
    ],
)
def test_a_bare_verb_of_cancelling_is_no_right_by_itself(text: str, lang: str) -> None:
    assert _periods(text, lang) == []


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Fortrydelsesretten bortfalder, hvis forseglingen brydes inden 14 dage.", "da"),
        ("Du mister angreretten om du tar varen i bruk i løpet av 14 dager.", "nb"),
        ("You lose your right to cancel if you download the file within 14 days.", "en"),
    ],
)
def test_a_right_that_lapses_is_no_anchor_for_a_period(text: str, lang: str) -> None:
    assert [f.amount for f in _periods(text, lang) if f.amount] == []


@pytest.mark.parametrize(
    ("body", "lang"),
    [
        ("<h2>Ångerrätt</h2><p>Du har 14 dagar på dig.</p>", "sv"),
        ("<h2>Widerrufsrecht</h2><p>Sie haben 14 Tage Zeit.</p>", "de"),
        ("<h3>Can I cancel?</h3><p>Sure, you have got 14 days.</p>", "en"),
    ],
)
def test_a_period_under_a_heading_naming_the_right_is_its_own_read_loosely(body: str, lang: str) -> None:
    [fact] = [f for f in _of(gather(_page(f"<main>{body}</main>"), lang), PassageTopic.WITHDRAWAL_PERIOD) if f.amount]
    assert fact.in_days() == 14 and "loose" in fact.flags


def test_a_heading_naming_the_right_leaves_another_things_period_alone() -> None:
    body = "<main><h2>Ångerrätt</h2><p>Vi skickar alla paket inom 3 dagar.</p><p>Garantin gäller i 2 år.</p></main>"
    assert [f.amount for f in _of(gather(_page(body), "sv"), PassageTopic.WITHDRAWAL_PERIOD) if f.amount] == []


def test_a_period_read_loosely_is_flagged() -> None:
    """The right named in another clause, or a return word nearer to the number: the number may
    be the time to send the goods back, and the rule does not fail on it alone."""
    [fact] = _periods("Ångrat dig? Skicka tillbaka varan inom 7 dagar.")
    assert fact.amount == 7 and "loose" in fact.flags
    [fact] = _periods("Om du ångrar köpet ska varan returneras inom 7 dagar.")
    assert "loose" in fact.flags
    [fact] = _periods("Ångerrätten gäller i 7 dagar från leverans.")
    assert "loose" not in fact.flags
    # a label joined to its value by a dash is one statement ("Angrerett – 7 dager")
    doc = _page("<main><table><tr><th>Angrerett</th><td>7 dager fra du mottok varen</td></tr></table></main>")
    [fact] = _of(gather(doc, "nb"), PassageTopic.WITHDRAWAL_PERIOD)
    assert fact.amount == 7 and "loose" not in fact.flags


def test_commercial_return_and_exchange_periods_are_not_the_right() -> None:
    [fact] = _periods("Returrätt 60 dagar på oanvända varor.")
    assert fact.flags == ["open_purchase"] and fact.amount == 60
    assert _periods("Bytesrätt gäller i 30 dagar mot kvitto.") == []
    facts = _periods("Du har alltid 14 dagars ångerrätt, men vi erbjuder dessutom 100 dagars öppet köp.")
    assert {(f.amount, "open_purchase" in f.flags) for f in facts} == {(14, False), (100, True)}


def test_a_heading_naming_the_right_is_a_label() -> None:
    doc = _page("<main><h2>Widerrufsbelehrung</h2></main>")
    [fact] = _of(gather(doc, "de"), PassageTopic.WITHDRAWAL_PERIOD)
    assert {"no_period", "label"} <= set(fact.flags)


# --------------------------------------------------------------------------- form


def test_form_link_with_target() -> None:
    doc = _page('<main><p>Ladda ner vår <a href="/filer/angerblankett.pdf">ångerblankett</a>.</p></main>')
    [fact] = _of(gather(doc, "sv"), PassageTopic.WITHDRAWAL_FORM)
    assert fact.flags == ["link", "pdf"]
    assert fact.target == "https://www.butik.se/filer/angerblankett.pdf"


def test_form_link_named_by_its_url_only() -> None:
    doc = _page('<main><a href="/downloads/Muster-Widerrufsformular.pdf">Formular herunterladen</a></main>')
    [fact] = _of(gather(doc, "de"), PassageTopic.WITHDRAWAL_FORM)
    assert "link" in fact.flags


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Härmed meddelar jag/vi att jag/vi frånträder mitt/vårt avtal om köp av följande varor", "sv"),
        ("Hiermit widerrufe(n) ich/wir (*) den von mir/uns (*) abgeschlossenen Vertrag", "de"),
        ("Hiermit trete(n) ich/wir (*) von dem von mir/uns (*) abgeschlossenen Vertrag zurück", "de"),  # Austria
        ("Ich trete von meinem Kaufvertrag über folgende Waren zurück: ______", "de"),
        ("I/We hereby give notice that I/We withdraw from my/our contract", "en"),
        ("Ilmoitan/ilmoitamme täten, että peruutan/peruutamme tekemäni sopimuksen", "fi"),
    ],
)
def test_the_annex_text_is_an_inline_form(text: str, lang: str) -> None:
    facts = _of(gather(_page(f"<main><p>{text}</p></main>"), lang), PassageTopic.WITHDRAWAL_FORM)
    assert facts and all("inline" in f.flags for f in facts)


def test_a_heading_with_fields_is_a_form() -> None:
    doc = _page(
        "<main><h2>Angreskjema</h2><p>Til: Fjord AS</p><p>Navn:</p><p>Adresse:</p><p>Dato:</p></main>"
    )
    [fact] = _of(gather(doc, "nb"), PassageTopic.WITHDRAWAL_FORM)
    assert fact.flags == ["inline"]


@pytest.mark.parametrize(
    ("body", "lang"),
    [
        # a form word and a withdrawal word, apart or in one compound, in any inflection
        ('<p><a href="/dok/a.pdf">Blankett för utövande av ångerrätten</a></p>', "sv"),
        ('<p><a href="/dok/a">Ångerrättsblanketterna</a></p>', "sv"),
        ('<p><a href="/a">Skjema for å angre kjøpet</a></p>', "nb"),
        ('<p><a href="/a">Fortrydelsesblanket</a></p>', "da"),
        ('<p>Voit käyttää <a href="/a">peruutuslomakkeella</a> tehtyä ilmoitusta.</p>', "fi"),
        ('<p><a href="/a">Vordruck zum Widerruf des Vertrags</a></p>', "de"),
        ('<p><a href="/a">Standard form for cancelling an order</a></p>', "en"),
        # a link that points ("här", "PDF") from a sentence naming the form
        ('<p>Ångerblanketten hittar du <a href="/dokument/x.pdf">här</a>.</p>', "sv"),
        ('<p>Das Formular für den Widerruf können Sie <a href="/dl/123">hier herunterladen</a>.</p>', "de"),
        # "the form" at the link, withdrawing named in its block or section
        ('<p>Vill du ångra köpet? Skriv ut <a href="/files/blankett.pdf">blanketten</a>.</p>', "sv"),
        ('<h2>Peruuttamisoikeus</h2><p>Tulosta <a href="/lomake.pdf">lomake</a> ja lähetä se meille.</p>', "fi"),
        # document links under a heading naming the form
        ('<h3>Widerrufsformular</h3><p><a href="/w.pdf">PDF</a> · <a href="/w.docx">Word</a></p>', "de"),
    ],
)
def test_the_form_named_in_other_words_is_linked(body: str, lang: str) -> None:
    facts = _of(gather(_page(f"<main>{body}</main>"), lang), PassageTopic.WITHDRAWAL_FORM)
    assert facts and any("link" in f.flags for f in facts)


@pytest.mark.parametrize(
    ("body", "lang"),
    [
        ('<p>Fyll i <a href="/reklamationsblankett.pdf">reklamationsblanketten</a>.</p>', "sv"),
        ('<p><a href="/kontakt">Kontaktformular</a> für Fragen zum Widerruf</p>', "de"),
        ('<p><a href="/widerrufsbelehrung.pdf">Muster-Widerrufsbelehrung</a></p>', "de"),
        ('<p>Use our <a href="/subscription">form to cancel your subscription</a>.</p>', "en"),
        ('<p><a href="/villkor.pdf">Köpvillkor och ångerrätt (PDF)</a></p>', "sv"),
        ('<p>Ångerblanketten skickar vi på begäran, <a href="/kontakt">kontakta oss</a>.</p>', "sv"),
        # another site's page named as the form: a page about the right, not the form
        ('<p>Använd <a href="https://myndighet.example/angerratt/">standardblanketten för ångerrätt</a>.</p>', "sv"),
    ],
)
def test_links_that_do_not_give_the_form(body: str, lang: str) -> None:
    facts = _of(gather(_page(f"<main>{body}</main>"), lang), PassageTopic.WITHDRAWAL_FORM)
    assert not any("link" in f.flags for f in facts)


def test_the_declaration_in_own_words_with_blanks_is_an_inline_form() -> None:
    doc = _page(
        "<main><p>Jag meddelar att jag ångrar mitt köp av följande varor: ______</p>"
        "<p>Namn och adress: ______</p></main>"
    )
    facts = _of(gather(doc, "sv"), PassageTopic.WITHDRAWAL_FORM)
    assert facts and all("inline" in f.flags for f in facts)


def test_a_promise_without_the_form_is_a_mention() -> None:
    doc = _page(
        "<main><h2>Ångerblankett</h2><p>Använd gärna ångerblanketten nedan.</p><h2>Leverans</h2>"
        "<p>Vi levererar inom 3 dagar.</p></main>"
    )
    facts = _of(gather(doc, "sv"), PassageTopic.WITHDRAWAL_FORM)
    assert facts and all(f.flags == ["mention_only"] for f in facts)


# --------------------------------------------------------------------------- function


@pytest.mark.parametrize(
    ("html", "lang", "kind"),
    [
        ('<footer><a href="/angra">Ångra köpet här</a></footer>', "sv", "link"),
        ('<footer><a class="btn btn-primary" href="/widerruf">Vertrag widerrufen</a></footer>', "de", "button"),
        ("<main><button>Fortryd købet her</button></main>", "da", "button"),
        ('<main><a href="/angre">Angre kjøpet her</a></main>', "nb", "link"),
        ('<form action="/peru"><input type="submit" value="Peruuta sopimus tästä"></form>', "fi", "button"),
        ('<main><a href="/withdraw">Withdraw from contract here</a></main>', "en", "link"),
    ],
)
def test_withdrawal_function_labels(html: str, lang: str, kind: str) -> None:
    [fact] = _of(gather(_page(html), lang), PassageTopic.WITHDRAWAL_FUNCTION)
    assert fact.flags == [kind]
    assert fact.name


def test_function_records_target_and_region() -> None:
    [fact] = _of(gather(_page('<footer><a href="/angra">Ångra köpet här</a></footer>'), "sv"),
                 PassageTopic.WITHDRAWAL_FUNCTION)
    assert fact.target == "https://www.butik.se/angra"
    assert fact.region == Region.FOOTER
    [form] = _of(gather(_page('<form action="/peru"><input type="submit" value="Peruuta sopimus tästä"></form>'),
                        "fi"), PassageTopic.WITHDRAWAL_FUNCTION)
    assert form.target == "https://www.butik.se/peru"


def test_confirmation_step_and_prose_are_not_the_start_button() -> None:
    [confirm] = _of(gather(_page("<main><button>Widerruf bestätigen</button></main>"), "de"),
                    PassageTopic.WITHDRAWAL_FUNCTION)
    assert "confirm" in confirm.flags
    prose = '<a href="/info">Läs mer om hur du kan ångra köpet här på vår sida om ångerrätt och returer</a>'
    assert _of(gather(_page(prose), "sv"), PassageTopic.WITHDRAWAL_FUNCTION) == []
    assert _of(gather(_page('<footer><a href="/returer">Returer</a></footer>'), "sv"),
               PassageTopic.WITHDRAWAL_FUNCTION) == []


@pytest.mark.parametrize(
    ("label", "lang"),
    [
        # withdrawing with its object, in any order and form
        ("Ångra en beställning", "sv"),
        ("Jeg ønsker å angre ordren", "nb"),
        ("Fortryd din ordre", "da"),
        ("Peruuta tilauksesi", "fi"),
        ("Widerrufen Sie hier Ihre Bestellung", "de"),
        ("Cancel this purchase", "en"),
        # using the right, declaring the withdrawal, or the verb that says it alone
        ("Utnyttja din ångerrätt", "sv"),
        ("Widerruf jetzt absenden", "de"),
        ("Online widerrufen", "de"),
        # more verbs of declaring and using, the act as a noun with its object, "online"
        ("Skicka ångermeddelande", "sv"),
        ("Udnyt din fortrydelsesret", "da"),
        ("Trekk deg fra kjøpsavtalen", "nb"),
        ("Aloita ostoksen peruminen", "fi"),
        ("Von Ihrem Widerrufsrecht Gebrauch machen", "de"),
        ("Widerruf einer Bestellung", "de"),
        ("Online-Widerruf", "de"),
        ("Wiederruf erklären", "de"),  # as shops often misspell it
        ("Notify us of your withdrawal", "en"),
        ("Order cancellation", "en"),
    ],
)
def test_function_labels_in_everyday_wording(label: str, lang: str) -> None:
    [fact] = _of(gather(_page(f'<main><a class="btn" href="/x">{label}</a></main>'), lang),
                 PassageTopic.WITHDRAWAL_FUNCTION)
    assert "confirm" not in fact.flags


@pytest.mark.parametrize(
    ("label", "lang"),
    [
        ("Ångra", "sv"),  # undo, with nothing to undo named
        ("Ångra ändringen", "sv"),
        ("Så fortryder du et køb", "da"),  # a guide
        ("Angreskjema som PDF", "nb"),  # the model form
        ("Peru uutiskirjeen tilaus", "fi"),  # a newsletter
        ("Einwilligung widerrufen", "de"),  # consent
        ("Widerrufsbelehrung", "de"),
        ("Cancel", "en"),
        ("Read about cancelling your order", "en"),
        ("Ångra borttagning av produkt", "sv"),  # undoing a change in the cart
        ("SEPA-Mandat widerrufen", "de"),  # a direct-debit mandate
        ("Withdraw store credit", "en"),
        ("Cancellation policy", "en"),
    ],
)
def test_controls_that_are_not_the_function(label: str, lang: str) -> None:
    assert _of(gather(_page(f"<main><button>{label}</button></main>"), lang), PassageTopic.WITHDRAWAL_FUNCTION) == []


@pytest.mark.parametrize(
    "html",
    [
        '<a href="/angra"><img src="/i.svg" alt="Ångra köp"></a>',  # an image link
        '<input type="image" src="/b.png" alt="Ångra köp">',
        '<div role="button" tabindex="0">Ångra köpet här</div>',  # any element with a control's role
        '<span role="link" tabindex="0">Frånträd avtalet här</span>',
    ],
)
def test_controls_of_every_kind_are_read(html: str) -> None:
    assert _of(gather(_page(f"<main>{html}</main>"), "sv"), PassageTopic.WITHDRAWAL_FUNCTION)


def test_a_control_is_read_by_its_accessible_name_when_its_text_says_too_little() -> None:
    doc = _page(
        '<main><button aria-label="Ångra order 10045">Ångra</button>'
        '<button aria-label="Stäng">Ångra köp</button></main>'
    )
    facts = _of(gather(doc, "sv"), PassageTopic.WITHDRAWAL_FUNCTION)
    assert sorted(f.name for f in facts) == ["Ångra köp", "Ångra order 10045"]


# --------------------------------------------------------------------------- return costs


@pytest.mark.parametrize(
    ("text", "lang", "payer"),
    [
        ("Kunden står för returfrakten.", "sv", "consumer"),
        ("Returfrakten betalar du själv.", "sv", "consumer"),
        ("Returfrakt: 59 kr", "sv", "consumer"),
        ("Fri retur på alla beställningar.", "sv", "trader"),
        ("Du betaler selv for returen.", "nb", "consumer"),
        ("Gratis returfragt på alle ordrer.", "da", "trader"),
        ("Asiakas vastaa palautuskuluista.", "fi", "consumer"),
        ("Die unmittelbaren Kosten der Rücksendung trägt der Verbraucher.", "de", "consumer"),
        ("Kostenlose Rücksendung innerhalb Deutschlands.", "de", "trader"),
        ("We offer free returns on all orders.", "en", "trader"),
        ("You will have to bear the direct cost of returning the goods.", "en", "consumer"),
        # the shop by its name pays; the condition's "du" after it is no payer
        ("Granhuset betalar returkostnaden när du använder din ångerrätt.", "sv", "trader"),
        ("Fjordlys Interiør dekker returfrakten når du bruker angreretten.", "nb", "trader"),
        # the subject after the verb, and a question answered: the consumer pays
        ("Returfrakten betalar du själv när du ångrar köpet.", "sv", "consumer"),
        ("Die Rücksendekosten trägt der Kunde.", "de", "consumer"),
        ("Vem betalar returen? Du som kund betalar returfrakten när du ångrar dig.", "sv", "consumer"),
    ],
)
def test_who_pays_the_return(text: str, lang: str, payer: str) -> None:
    [fact] = _of(gather(_page(f"<main><p>{text}</p></main>"), lang), PassageTopic.RETURN_COSTS)
    assert fact.flags == [payer]


@pytest.mark.parametrize(
    "text",
    [
        "Vid reklamation av en felaktig vara står vi för returfrakten.",
        "Returfrakten skickas med PostNord.",
        "Fri frakt över 500 kr.",
    ],
)
def test_return_cost_look_alikes(text: str) -> None:
    assert _of(gather(_page(f"<main><p>{text}</p></main>"), "sv"), PassageTopic.RETURN_COSTS) == []


def test_the_module_is_found_by_the_passage_framework() -> None:
    facts = gather_passages(_page("<main><p>Du har 14 dagars ångerrätt.</p></main>"), "sv")
    assert any(f.topic == PassageTopic.WITHDRAWAL_PERIOD and f.amount == 14 for f in facts)


def test_free_return_by_verb() -> None:
    text = "Saat meiltä palautuskoodin, jolla voit palauttaa paketin maksutta mihin tahansa pakettiautomaattiin."
    [fact] = _of(gather(_page(f"<main><p>{text}</p></main>"), "fi"), PassageTopic.RETURN_COSTS)
    assert fact.flags == ["trader"]


def test_two_sentences_are_not_read_as_one() -> None:
    # help with returns, then an answer time: no one pays anything here ("kuluessa" is "within")
    body = ("<p>Autamme mielellämme palautuksiin liittyvissä kysymyksissä. "
            "Vastaamme sähköposteihin yhden arkipäivän kuluessa.</p>")
    assert _of(gather(statement_view(_page(f"<main>{body}</main>")), "fi"), PassageTopic.RETURN_COSTS) == []


@pytest.mark.parametrize(
    ("body", "payer"),
    [
        # a clause pointing back at the one before, a question and its answer, a label and its value
        ("<p>Returportot ingår inte, det får du som köpare stå för.</p>", "consumer"),
        ("<h3>Wer zahlt die Rücksendung?</h3><p>Die Kosten tragen Sie als Kunde.</p>", "consumer"),
        ("<table><tr><th>Tjänst</th><th>Pris</th></tr><tr><td>Retur</td><td>49 kr</td></tr></table>", "consumer"),
        ("<table><tr><th>Retur</th><td>Kostnadsfri</td></tr></table>", "trader"),
    ],
)
def test_a_short_statement_whose_clauses_say_nothing_alone_is_read_whole(body: str, payer: str) -> None:
    facts = _of(gather(statement_view(_page(f"<main>{body}</main>")), "sv"), PassageTopic.RETURN_COSTS)
    assert {f.flags[0] for f in facts} == {payer}



def test_an_austrian_form_is_named_for_the_rucktritt() -> None:
    doc = _page('<main><a href="/files/muster-ruecktrittsformular.pdf">Muster-Rücktrittsformular</a></main>')
    [fact] = _of(gather(doc, "de"), PassageTopic.WITHDRAWAL_FORM)
    assert "link" in fact.flags


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Varan kan skickas tillbaka inom 30 dagar.", "sv"),
        ("Varen kan sendes tilbake innen 30 dager.", "nb"),
        ("Du kan levere varen tilbage inden 30 dage.", "da"),
        ("Artikel können innerhalb von 30 Tagen zurückgegeben werden.", "de"),
        ("Items can be brought back to the shop within 30 days.", "en"),
        ("Uåbnede varer kan sendes retur inden for 30 dage.", "da"),
    ],
)
def test_everyday_return_verbs_give_a_return_promise(text: str, lang: str) -> None:
    assert [(p.amount, "open_purchase" in p.flags) for p in _periods(text, lang)] == [(30.0, True)]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Du kannst binnen 14 Tagen ab Erhalt vom Kauf zurücktreten.", "de"),
        ("Du hast vierzehn Tage Zeit, es dir anders zu überlegen.", "de"),
    ],
)
def test_austrian_and_everyday_german_name_the_right(text: str, lang: str) -> None:
    assert [(p.amount, "open_purchase" in p.flags) for p in _periods(text, lang)] == [(14.0, False)]


def test_a_refund_word_that_is_also_a_return_word_keeps_the_period_the_refunds() -> None:
    # "palautetaan" is a return word and (exactly) a refund word: the 14 days are the refund's
    found = _periods("Rahat palautetaan viimeistään 14 päivän kuluttua peruutusilmoituksen saapumisesta.", "fi")
    assert [p.amount for p in found] == [None]


def test_a_thing_bought_before_the_period_and_the_verb_last_is_what_the_right_is_for() -> None:
    found = _periods("Du kannst dein Plus-Abo innerhalb von 14 Tagen nach dem Kauf ohne Angabe von Gründen "
                     "widerrufen.", "de")
    assert [(p.amount, "loose" in p.flags) for p in found] == [(14.0, True)]


def test_a_validity_denied_its_withdrawal_is_no_period_of_the_right() -> None:
    found = _periods("Gutscheine sind 3 Jahre gültig und können nicht widerrufen werden.", "de")
    assert [p.amount for p in found] in ([], [None])


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Du har angrerett. Fristen er 14 dager fra du mottok varen.", "nb"),
        ("Sie haben ein Widerrufsrecht. Die Frist beträgt 14 Tage ab Erhalt der Ware.", "de"),
        ("You have the right to cancel. The period is 14 days from the day you receive the goods.", "en"),
    ],
)
def test_the_period_in_the_sentence_after_the_right_is_the_rights_read_loosely(text: str, lang: str) -> None:
    found = [p for p in _periods(text, lang) if p.amount]
    assert [(p.amount, "loose" in p.flags) for p in found] == [(14.0, True)]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Du har ångerrätt. Vi skickar varan inom 3 dagar.", "sv"),
        ("Ångerrätten gäller inte presentkort. De är giltiga i 12 månader.", "sv"),
        ("Sie haben ein Widerrufsrecht. Die Erstattung erfolgt binnen 14 Tagen.", "de"),
    ],
)
def test_another_things_period_after_the_right_stays_its_own(text: str, lang: str) -> None:
    assert [p.amount for p in _periods(text, lang) if p.amount] == []


@pytest.mark.parametrize(
    ("html", "lang"),
    [
        ("<h3>Peruutusoikeus</h3><table><tr><td>Aika</td><td>14 päivää</td></tr></table>", "fi"),
        ("<h2>Widerrufsrecht</h2><dl><dt>Frist</dt><dd>14 Tage</dd><dt>Erstattung</dt><dd>binnen 14 Tagen</dd></dl>",
         "de"),
    ],
)
def test_a_row_under_a_heading_naming_the_right_gives_its_period(html: str, lang: str) -> None:
    assert [(p.amount, "loose" in p.flags) for p in _stated(html, lang)] == [(14.0, True)]


def test_another_things_row_under_the_heading_keeps_its_period() -> None:
    assert _stated("<h3>Ångerrätt</h3><table><tr><td>Leveranstid</td><td>3 dagar</td></tr></table>", "sv") == []


def _stated(html: str, lang: str) -> list[PassageFact]:
    """Withdrawal periods read with an amount from a page's statements (labels joined)."""
    facts = gather(statement_view(_page(f"<main>{html}</main>")), lang)
    return [p for p in _of(facts, PassageTopic.WITHDRAWAL_PERIOD) if p.amount]


@pytest.mark.parametrize(
    ("body", "lang"),
    [
        ("<h2>Meddelande om frånträdande</h2><ul><li>Varor som avses: …</li><li>Konsumentens namn: …</li>"
         "<li>Konsumentens adress: …</li><li>Underskrift: …</li></ul>", "sv"),
        ("<h2>Meddelelse om fortrydelse</h2><p>Vare(r): ____</p><p>Navn og adresse: ____</p><p>Dato: ____</p>", "da"),
        ("<p>CANCELLATION FORM – To: Cobh Candles. I am cancelling my order: … Name: … Address: … Date: …</p>",
         "en"),
        ("<form id='angreskjema'><label>Ordrenr.<input name='o'></label><label>E-post<input name='e'></label>"
         "<label>Varer<textarea name='v'></textarea></label><input type='submit' value='Send angreskjema'></form>",
         "nb"),
        ("<p>Du hittar ångerblanketten här (PDF): stickspåret.se/media/angerblankett.pdf</p>", "sv"),
        # a form word as the link text, in a sentence naming the withdrawal form
        ("<p>Für den Widerruf können Sie unser <a href='/kontakt?betreff=widerruf'>Online-Formular</a> nutzen.</p>",
         "de"),
    ],
)
def test_the_form_under_any_title_or_written_out(body: str, lang: str) -> None:
    facts = _of(gather(_page(f"<main>{body}</main>"), lang), PassageTopic.WITHDRAWAL_FORM)
    assert any({"inline", "link"} & set(f.flags) for f in facts)


@pytest.mark.parametrize(
    ("body", "lang"),
    [
        # a heading on withdrawing over a contact form's fields with nothing to fill in by hand
        ("<h2>Ångerrätt</h2><p>Kontakta oss med namn, adress och ordernummer.</p>", "sv"),
        # blanks under a heading on another matter
        ("<h2>Reklamation</h2><p>Namn: ____</p><p>Adress: ____</p><p>Fel: ____</p>", "sv"),
        # a contact form named for questions about withdrawing
        ("<p>Fragen zum Widerruf? Nutzen Sie unser <a href='/kontakt'>Kontaktformular</a>.</p>", "de"),
        # a contact form sent by a button that names no withdrawal
        ("<form id='kontakt'><input name='namn'><input name='epost'><textarea name='msg'></textarea>"
         "<input type='submit' value='Skicka'></form>", "sv"),
    ],
)
def test_fields_without_a_title_on_withdrawing_are_no_form(body: str, lang: str) -> None:
    facts = _of(gather(_page(f"<main>{body}</main>"), lang), PassageTopic.WITHDRAWAL_FORM)
    assert not any({"inline", "link"} & set(f.flags) for f in facts)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Online gekaufte Gutscheine kannst du 14 Tage lang ohne Angabe von Gründen zurückgeben.", "de"),
        ("Du kan returnera varan inom 14 dagar utan att ange skäl.", "sv"),
        ("You can send it back within 14 days without giving any reason.", "en"),
    ],
)
def test_returning_without_giving_reasons_is_the_right(text: str, lang: str) -> None:
    found = [p for p in _periods(text, lang) if p.amount]
    assert found and all("open_purchase" not in p.flags for p in found)


@pytest.mark.parametrize(
    ("text", "lang", "amount"),
    [
        ("You may cancel your order within 7 working days of receiving the goods.", "en", 7),
        ("Du har rätt att ångra köpet inom 10 arbetsdagar från mottagandet.", "sv", 10),
        ("Sie können den Vertrag binnen 5 Werktagen widerrufen.", "de", 5),
    ],
)
def test_a_withdrawal_period_in_working_days_is_read_and_flagged(text: str, lang: str, amount: int) -> None:
    [fact] = _periods(text, lang)
    assert fact.amount == amount and fact.unit == "days" and "working" in fact.flags


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Ihren Widerruf bearbeiten wir innerhalb von 5 Werktagen nach Eingang der Ware.", "de"),
        ("Vi behandlar din retur inom 3 arbetsdagar efter att du har ångrat köpet.", "sv"),
    ],
)
def test_a_processing_time_beside_the_right_is_no_withdrawal_period(text: str, lang: str) -> None:
    assert all(f.amount is None for f in _periods(text, lang))


@pytest.mark.parametrize(("working_days", "lawful"), [(5, False), (9, False), (10, True), (15, True)])
def test_ten_working_days_span_the_laws_fourteen(working_days: int, lawful: bool) -> None:
    from auditor.rules.withdrawal.withdrawal_period import _calendar_days

    fact = PassageFact(url=URL, locator="p", excerpt="", region=Region.MAIN, topic=PassageTopic.WITHDRAWAL_PERIOD,
                       lang="en", amount=working_days, unit="days", flags=["working"])
    assert (_calendar_days(fact) >= 14) is lawful


def test_a_bar_of_selling_points_keeps_the_rights_period_its_own() -> None:
    [fact] = [f for f in _periods("Fortrydelsesret 14 dage · Fri retur · Hurtig levering", "da") if f.amount]
    assert (fact.amount, fact.unit) == (14, "days") and "open_purchase" not in fact.flags


def test_a_withdrawal_link_inside_a_chatty_sentence_is_the_function() -> None:
    html = "<main><p>Ångrat dig? Klicka <a href='/angra-kop'>här för att ångra köpet</a> så fixar vi resten.</p></main>"
    found = _of(gather(_page(html), "sv"), PassageTopic.WITHDRAWAL_FUNCTION)
    assert [f.name for f in found] == ["här för att ångra köpet"]


def test_the_model_form_pasted_without_its_blanks_under_a_bracketed_title() -> None:
    html = ("<main><h2>Cancellation notice (form)</h2><ul><li>To: Weir Cycles Ltd, 4 Quay Street, Galway</li>"
            "<li>Order / items being cancelled:</li><li>Ordered on / received on:</li>"
            "<li>Your name and address:</li><li>Signature and date:</li></ul></main>")
    found = _of(gather(statement_view(_page(html)), "en"), PassageTopic.WITHDRAWAL_FORM)
    assert any("inline" in f.flags for f in found)


def test_a_contact_form_list_with_colons_is_no_withdrawal_form() -> None:
    html = ("<main><h2>Contact (form)</h2><ul><li>Your name:</li><li>Your email:</li><li>Order number:</li>"
            "<li>Message:</li></ul></main>")
    assert not any("inline" in f.flags
                   for f in _of(gather(statement_view(_page(html)), "en"), PassageTopic.WITHDRAWAL_FORM))


@pytest.mark.parametrize(
    "question",
    [
        "<h4><button aria-expanded='false'><span>Can I change my mind?</span></button></h4>",
        "<div><button aria-expanded='false'>Can I change my mind?</button></div>",
    ],
)
def test_an_accordions_question_in_a_button_heads_its_answer(question: str) -> None:
    answer = "<div role='region'><p>Of course. You have two weeks from delivery to tell me.</p></div>"
    body = f"<main>{question}{answer}</main>"
    facts = [f for f in _of(gather(_page(body), "en"), PassageTopic.WITHDRAWAL_PERIOD) if f.amount]
    assert [f.in_days() for f in facts] == [14]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Jos peruutat yli 60 päivää ennen tuloa, palautamme maksetut summat.", "fi"),
        ("Avbokning senare än 14 dagar före kursstart återbetalas inte.", "sv"),
        ("Angrer du senere enn 30 dager før ankomst, refunderer vi halvparten.", "nb"),
        ("Bei Stornierung bis 30 Tage vor Reisebeginn erstatten wir den vollen Preis.", "de"),
        ("Cancellations made up to 14 days before the workshop are refunded in full.", "en"),
    ],
)
def test_a_period_before_an_event_is_a_cancellation_deadline(text: str, lang: str) -> None:
    # a booking's cancellation scale counts back from the event: never the right's period
    assert [f.amount for f in _periods(text, lang) if "no_period" not in f.flags] == []


def test_a_booking_form_link_beside_cancellation_terms_is_no_withdrawal_form() -> None:
    body = ("<main><p>To book, please use the <a href='/book'>booking form</a>. Cancellations less than "
            "30 days before arrival are not refunded.</p></main>")
    assert _of(gather(_page(body), "en"), PassageTopic.WITHDRAWAL_FORM) == []


def test_a_form_under_a_bold_paragraph_title_is_given() -> None:
    # editors title the pasted form with a bold paragraph, not a heading element
    body = ("<main><div><p><strong>Angreskjema</strong></p><p>Til: Kompis AS, post@kompis.no</p>"
            "<p>Jeg vil gå fra avtalen om kjøp av: ……………</p><p>Ordrenummer: …… Mottatt (dato): ……</p>"
            "<p>Navn: …… Adresse: ……</p></div></main>")
    forms = _of(gather(_page(body), "nb"), PassageTopic.WITHDRAWAL_FORM)
    assert forms and "inline" in forms[0].flags
    # a bold line that is a sentence is no title
    prose = "<main><p><strong>Angreskjemaet finner du i pakken.</strong></p><p>Navn: Adresse:</p></main>"
    assert all("inline" not in f.flags for f in _of(gather(_page(prose), "nb"), PassageTopic.WITHDRAWAL_FORM))


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Because tickets are for an event on specific dates, the statutory 14-day cancellation period does not apply.",
         "en"),
        ("Da es sich um eine Veranstaltung handelt, besteht das 14-tägige Widerrufsrecht nicht.", "de"),
    ],
)
def test_a_right_excluded_whole_grants_no_period(text: str, lang: str) -> None:
    assert [f.amount for f in _periods(text, lang) if f.amount] == []


def test_a_right_excluded_for_some_goods_keeps_its_period() -> None:
    # what it does not apply to follows: the right stands for everything else
    found = _periods("Vår ångerrätt på 14 dagar gäller inte för specialbeställda varor.", "sv")
    assert [f.amount for f in found] == [14.0]


@pytest.mark.parametrize(
    ("body", "lang"),
    [
        ("<table><caption>Peruutuslomake</caption><tr><td>Tilausnumero</td><td>________</td></tr>"
         "<tr><td>Nimi ja osoite</td><td>________</td></tr><tr><td>Päiväys ja allekirjoitus</td><td>________</td></tr>"
         "</table>", "fi"),
        ("<table><caption>Angreskjema</caption><tr><td>Ordrenummer:</td><td>______</td></tr>"
         "<tr><td>Navn og adresse:</td><td>______</td></tr><tr><td>Dato og signatur:</td><td>______</td></tr></table>",
         "nb"),
    ],
)
def test_a_table_captioned_as_the_form_over_its_fields_is_the_form(body: str, lang: str) -> None:
    [fact] = _of(gather(_page(f"<main>{body}</main>"), lang), PassageTopic.WITHDRAWAL_FORM)
    assert "inline" in fact.flags


def test_a_captioned_table_without_the_forms_fields_is_a_mention() -> None:
    body = "<table><caption>Cancellation form</caption><tr><td>Opening hours</td><td>9–17</td></tr></table>"
    facts = _of(gather(_page(f"<main>{body}</main>"), "en"), PassageTopic.WITHDRAWAL_FORM)
    assert [f.flags for f in facts] == [["mention_only"]]


@pytest.mark.parametrize(
    ("body", "lang"),
    [
        ("<dl><dt>Right to cancel</dt><dd>14 days from delivery. <a href='/withdraw'>Cancel here</a></dd></dl>", "en"),
        ("<p>Ångerrätt i 14 dagar från leveransen. <a href='/angra'>Ångra här</a></p>", "sv"),
        ("<details><summary>Angrerett</summary><p>Du har 14 dagers angrerett. <a href='/angre'>Angre nå</a></p>"
         "</details>", "nb"),
    ],
)
def test_a_bare_withdrawing_verb_where_the_right_is_named_is_the_function(body: str, lang: str) -> None:
    [fact] = _of(gather(_page(f"<main>{body}</main>"), lang), PassageTopic.WITHDRAWAL_FUNCTION)
    assert "confirm" not in fact.flags


@pytest.mark.parametrize(
    ("body", "lang"),
    [
        ("<p>Nyhetsbrev: <a href='/x'>Avsluta här</a></p><p>Du kan <a href='/y'>ångra här</a>.</p>", "sv"),
        ("<div class='modal'><p>Remove this item from your basket?</p><button>Cancel here</button></div>", "en"),
        ("<p>Ingen ångerrätt för företagskunder. <a href='/angra'>Ångra här</a></p>", "sv"),
    ],
)
def test_a_bare_withdrawing_verb_elsewhere_is_not_the_function(body: str, lang: str) -> None:
    assert _of(gather(_page(f"<main>{body}</main>"), lang), PassageTopic.WITHDRAWAL_FUNCTION) == []


@pytest.mark.parametrize(
    ("body", "lang"),
    [
        ("<p>Du kan bestille via <a href='/bestilling'>bestillingsskjemaet</a>. Ved postordre har du 14 dagers "
         "angrerett.</p>", "nb"),
        ("<p>Beställ via vårt <a href='/order'>beställningsformulär</a>; du har 14 dagars ångerrätt.</p>", "sv"),
        ("<p>Use our <a href='/order'>order form</a>. You have a 14-day right to cancel.</p>", "en"),
    ],
)
def test_an_order_form_beside_the_right_is_no_withdrawal_form(body: str, lang: str) -> None:
    facts = _of(gather(_page(f"<main>{body}</main>"), lang), PassageTopic.WITHDRAWAL_FORM)
    assert not any({"link", "inline"} & set(f.flags) for f in facts)


def test_a_button_that_opens_the_form_by_script_links_it() -> None:
    body = "<p><button type='button' onclick=\"window.open('/angerblankett.pdf')\">Öppna ångerblankett</button></p>"
    [fact] = _of(gather(_page(f"<main>{body}</main>"), "sv"), PassageTopic.WITHDRAWAL_FORM)
    assert "link" in fact.flags and fact.target.endswith("/angerblankett.pdf")


def test_a_header_cell_over_the_forms_fields_titles_the_form() -> None:
    body = ("<table><tr><th colspan='2'>Angreskjema</th></tr><tr><td>Til</td><td>Fjord AS</td></tr>"
            "<tr><td>Navn og adresse</td><td>&nbsp;</td></tr>"
            "<tr><td>Dato og underskrift</td><td>&nbsp;</td></tr></table>")
    [fact] = _of(gather(_page(f"<main>{body}</main>"), "nb"), PassageTopic.WITHDRAWAL_FORM)
    assert "inline" in fact.flags


def test_a_negation_in_a_leading_condition_does_not_exclude_the_right() -> None:
    [fact] = _periods("Jos tuote ei miellytä, voit perua kaupan 14 päivän sisällä.", "fi")
    assert (fact.amount, fact.unit) == (14, "days")
