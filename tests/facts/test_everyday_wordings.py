"""Everyday and second-language wordings of the concepts, each beside a look-alike that must not
count: faults described in passing, colloquial Finnish, prepaid labels with a price, forms pasted
as lists, clock hours with their own "Uhr", a consumer's deadline to answer an offer, and a fault's
description between it and its complaint period."""

from __future__ import annotations

import pytest

from auditor.facts.dom import Document
from auditor.facts.passages import complaints, disputes, service, withdrawal
from auditor.facts.passages._concepts import text_concepts
from auditor.facts.passages.common import sentences, statement_view, word_list
from auditor.facts.passages.withdrawal import _SECTION_WORDS, _names_right, _right_not_negated
from auditor.models import PassageFact, PassageTopic
from bench import phrasings


def _page(body: str, lang: str) -> Document:
    return Document(f'<html lang="{lang}"><body><main>{body}</main></body></html>', "https://www.butik.example/info")


def _of(facts: list[PassageFact], topic: PassageTopic) -> list[PassageFact]:
    return [f for f in facts if f.topic == topic]


# --------------------------------------------------------------------------- complaints


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Om nåt är fel på din beställning, skicka en bild till oss på mejl så kollar vi på det.", "sv"),
        ("Er det noe feil med pakken din, send oss et bilde på e-post, så ordner vi det.", "nb"),
        ("If somethings not right, just email us a photo and we'll sort it.", "en"),
        ("Stimmt etwas nicht mit deiner Bestellung? Schick uns ein Foto per E-Mail.", "de"),
    ],
)
def test_something_wrong_with_the_order_and_a_channel_is_how_to_report_it(text: str, lang: str) -> None:
    [found] = _of(complaints.gather(_page(f"<p>{text}</p>", lang), lang), PassageTopic.COMPLAINT_PROCEDURE)
    assert "channel" in found.flags


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Vad kostar frakten? Skriv till oss i chatten, så svarar vi.", "sv"),
        ("Questions about sizes? Just email us and we'll help.", "en"),
    ],
)
def test_a_channel_without_a_fault_is_no_complaint_procedure(text: str, lang: str) -> None:
    assert _of(complaints.gather(_page(f"<p>{text}</p>", lang), lang), PassageTopic.COMPLAINT_PROCEDURE) == []


def test_a_fault_then_the_right_to_a_remedy_further_on_states_the_right() -> None:
    text = ("Oppdager du en feil ved en vare du har kjøpt av oss, har du rett til å få den rettet "
            "kostnadsfritt eller få en ny vare.")
    assert _of(complaints.gather(_page(f"<p>{text}</p>", "nb"), "nb"), PassageTopic.COMPLAINTS_RIGHT)


def test_a_remedy_without_a_fault_is_no_right() -> None:
    text = "Du har rett til å få en ny vare eller pengene tilbake innen 30 dager hvis du angrer."
    assert _of(complaints.gather(_page(f"<p>{text}</p>", "nb"), "nb"), PassageTopic.COMPLAINTS_RIGHT) == []


@pytest.mark.parametrize(
    ("text", "lang", "amount"),
    [
        # the fault's description ("present at delivery") between the fault and its period
        ("Efter købeloven kan du reklamere over mangler, der var til stede ved leveringen, i op til to år "
         "efter, at du modtog varen.", "da", 2),
        ("You've got up to 6 years to come back to us about a genuine fault.", "en", 6),
    ],
)
def test_the_complaint_period_across_the_faults_description(text: str, lang: str, amount: int) -> None:
    found = _of(complaints.gather(_page(f"<p>{text}</p>", lang), lang), PassageTopic.GUARANTEE_PERIOD)
    assert [(f.amount, f.unit) for f in found] == [(amount, "years")]


def test_a_delivery_time_beside_a_fault_is_no_complaint_period() -> None:
    text = "Mangler, der var til stede ved leveringen, dækkes; leveringen tager normalt to uger."
    found = _of(complaints.gather(_page(f"<p>{text}</p>", "da"), "da"), PassageTopic.GUARANTEE_PERIOD)
    assert found == []


# --------------------------------------------------------------------------- return costs


def _cost(text: str, lang: str) -> list[str]:
    found = _of(withdrawal.gather(_page(f"<p>{text}</p>", lang), lang), PassageTopic.RETURN_COSTS)
    return [flag for f in found for flag in f.flags if flag in ("consumer", "trader")]


@pytest.mark.parametrize(
    ("text", "lang", "who"),
    [
        ("Palautukset on meillä ilmasia, tulosta vaan palautuskoodi.", "fi", "trader"),
        ("Retoure geht bei uns aufs Haus, einfach das Label ausdrucken.", "de", "trader"),
        ("A prepaid returns label is in your parcel.", "en", "trader"),
    ],
)
def test_free_returns_in_everyday_words(text: str, lang: str, who: str) -> None:
    assert who in _cost(text, lang)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Prepaid returns label: £2.99", "en"),
        ("Vorfrankiertes Rücksendeetikett: 4,90 €", "de"),
    ],
)
def test_a_prepaid_label_with_a_price_says_nothing_of_who_pays(text: str, lang: str) -> None:
    assert "trader" not in _cost(text, lang)


@pytest.mark.parametrize(
    ("text", "lang", "who"),
    [
        ("Who pays for the return if I change my mind? You do – postage for change-of-mind returns isn't covered.",
         "en", "consumer"),
        ("Hvem betaler for returen? Det gør vi – også hvis du blot har fortrudt.", "da", "trader"),
        ("Vem står för returfrakten om jag ångrar mig? Du själv.", "sv", "consumer"),
        ("Kuka maksaa palautuskulut? Me, vaikka vain muuttaisit mielesi.", "fi", "trader"),
    ],
)
def test_a_question_of_who_pays_answered_by_naming_the_party(text: str, lang: str, who: str) -> None:
    assert _cost(text, lang) == [who]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Who pays for the return of a faulty item? We do.", "en"),  # a complaint's return, no withdrawal's
    ],
)
def test_a_question_of_who_pays_without_a_withdrawals_payer(text: str, lang: str) -> None:
    assert _cost(text, lang) == []


# --------------------------------------------------------------------------- withdrawal form


def _forms(body: str, lang: str) -> list[PassageFact]:
    return _of(withdrawal.gather(_page(body, lang), lang), PassageTopic.WITHDRAWAL_FORM)


def test_the_form_pasted_as_a_list_of_blanks_is_the_form() -> None:
    body = ("<p>Copy and fill in:</p><ul><li>To: Example Ltd, 8 Mill Lane, Leeds LS1 4AB</li>"
            "<li>I cancel my order for: ______</li><li>Order number: ______</li>"
            "<li>Date received: ______</li><li>Your name and address: ______</li><li>Date: ______</li></ul>")
    assert any("inline" in f.flags for f in _forms(body, "en"))


def test_a_list_of_blanks_without_a_withdrawing_line_is_no_form() -> None:
    body = ("<p>Returns slip:</p><ul><li>Order number: ______</li><li>Reason for return: ______</li>"
            "<li>Your name and address: ______</li><li>Date: ______</li></ul>")
    assert not any("inline" in f.flags for f in _forms(body, "en"))


def test_a_web_form_declaring_with_med_dette_is_the_form() -> None:
    body = ("<form><fieldset><legend>Angre kjøp</legend><label>Ordrenummer <input name='ordre'></label>"
            "<label>E-post <input type='email' name='epost'></label><label><input type='checkbox'> Jeg går "
            "med dette fra avtalen om kjøp av varene i ordren over</label><button>Send</button></fieldset></form>")
    assert any("web_form" in f.flags for f in _forms(body, "nb"))


# --------------------------------------------------------------------------- service hours


def _service(body: str, lang: str) -> list[PassageFact]:
    return service.gather(_page(body, lang), lang)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Unser Service ist erreichbar Montag bis Freitag von 10 Uhr bis 18 Uhr.", "de"),
        ("Our customer services team may be contacted between the hours of 9.00am and 5.00pm, Monday to Friday.",
         "en"),
    ],
)
def test_hours_written_with_their_own_clock_words(text: str, lang: str) -> None:
    assert any(f.flags == ["hours"] for f in _service(f"<p>{text}</p>", lang))


def test_a_pickup_places_hours_are_not_service_hours() -> None:
    body = "<dl><dt>Hentested Alnabru</dt><dd>Hverdager 8–20, lørdager 9–18</dd></dl>"
    assert not any(f.flags == ["hours"] for f in _service(body, "nb"))


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Offerten gäller i 30 dagar. Svara inom 10 dagar för att säkra priset.", "sv"),
        ("Tilbudet gjelder i 30 dager. Gi oss svar innen 10 dager for å sikre prisen.", "nb"),
        ("Tilbuddet gælder i 30 dage. Giv os svar inden for 10 dage for at sikre prisen.", "da"),
    ],
)
def test_the_consumers_deadline_to_answer_an_offer_is_no_response_time(text: str, lang: str) -> None:
    assert not any("response_time" in f.flags for f in _service(f"<p>{text}</p>", lang))


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Schreib uns, wir melden uns spätestens morgen!", "de"),
        ("Laita viestiä niin palataan asiaan viimeistään huomenna!", "fi"),
    ],
)
def test_an_answer_by_tomorrow_is_one_day(text: str, lang: str) -> None:
    [found] = [f for f in _service(f"<p>{text}</p>", lang) if "response_time" in f.flags]
    assert (found.amount, found.unit) == (1, "days")


def test_a_rows_label_asks_for_the_period_its_value_gives() -> None:
    body = ("<table><caption>Faulty goods</caption><tr><th>How long you have to claim</th>"
            "<td>Up to 6 years from delivery</td></tr></table>")
    found = _of(complaints.gather(_page(body, "en"), "en"), PassageTopic.GUARANTEE_PERIOD)
    assert [(f.amount, f.unit) for f in found] == [(6, "years")]


def test_a_rows_label_asking_for_a_return_time_gives_no_complaint_period() -> None:
    body = "<table><tr><th>How long you have to return it</th><td>Up to 30 days from delivery</td></tr></table>"
    assert _of(complaints.gather(_page(body, "en"), "en"), PassageTopic.GUARANTEE_PERIOD) == []


def test_liability_under_the_law_for_the_fault_the_heading_names_states_the_right() -> None:
    body = ("<details><summary>My item has stopped working</summary><p>As the retailer, we are responsible "
            "under consumer law. We'll repair or replace it.</p></details>")
    assert _of(complaints.gather(_page(body, "en"), "en"), PassageTopic.COMPLAINTS_RIGHT)


def test_liability_for_something_else_under_a_fault_heading_is_no_right() -> None:
    body = ("<details><summary>My item has stopped working</summary><p>We are responsible for the data you "
            "give us under data protection law.</p></details>")
    assert _of(complaints.gather(_page(body, "en"), "en"), PassageTopic.COMPLAINTS_RIGHT) == []


def test_the_seller_answering_a_fault_notice_gives_the_answer_time() -> None:
    text = ("Virheilmoitus tehdään sähköpostitse, minkä jälkeen myyjä vastaa ilmoitukseen viimeistään 14 päivän "
            "kuluessa.")
    found = _of(complaints.gather(_page(f"<p>{text}</p>", "fi"), "fi"), PassageTopic.COMPLAINT_PROCEDURE)
    assert [(f.amount, f.unit) for f in found if "answer_time" in f.flags] == [(14, "days")]


@pytest.mark.parametrize(
    ("label", "lang"),
    [("Klik for fortryde kontrakten", "da"), ("Ångra kontraktet", "sv"), ("Angre kontrakten", "nb"),
     # a booking or a registration is the contract of a course or a service
     ("Jag vill ångra min bokning", "sv"), ("Jeg vil fortryde min tilmelding", "da"),
     ("Anmeldung widerrufen", "de"), ("Withdraw from your booking", "en")],
)
def test_a_button_withdrawing_from_the_contract_is_the_function(label: str, lang: str) -> None:
    found = _of(withdrawal.gather(_page(f"<button type='button'>{label}</button>", lang), lang),
                PassageTopic.WITHDRAWAL_FUNCTION)
    assert found


@pytest.mark.parametrize(
    "body",
    [
        "<dl><dt>Return costs if you change your mind</dt><dd>We cover them – just use the label in the box.</dd></dl>",
        "<table><tr><th>Return costs if you change your mind</th><td>We cover them.</td></tr></table>",
    ],
)
def test_a_rows_label_names_the_cost_and_its_value_who_pays(body: str) -> None:
    # read as the audit reads it: through the statement view, which joins a dd to its dt
    found = _of(withdrawal.gather(statement_view(_page(body, "en")), "en"), PassageTopic.RETURN_COSTS)
    assert [flag for f in found for flag in f.flags if flag in ("consumer", "trader")] == ["trader"]


@pytest.mark.parametrize(
    ("text", "lang"),
    [("Return costs if you change your mind", "en"), ("Returkostnader om du ångrar dig", "sv")],
)
def test_the_consumer_named_in_a_condition_is_no_payer(text: str, lang: str) -> None:
    assert _cost(text, lang) == []


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("If you change your mind, the return costs are yours.", "en"),
        ("If you send it back because you changed your mind the postage is on you.", "en"),
        ("Om du ångrar dig står du för returkostnaden.", "sv"),
    ],
)
def test_the_consumer_paying_after_a_condition_still_pays(text: str, lang: str) -> None:
    assert _cost(text, lang) == ["consumer"]


def test_the_right_around_a_control_is_read_once_as_it_was_read_twice() -> None:
    """A short text is read as a heading only: whatever the plain reading finds there, the heading
    reading finds too (acts only add names of the right), on every sentence of the phrasing corpus."""
    concepts = text_concepts()
    for item in phrasings.load():
        for sentence in sentences(item.text or ""):
            text = sentence.text
            if len(word_list(text)) <= _SECTION_WORDS and _right_not_negated(concepts, text):
                assert _names_right(concepts, text), text


def test_a_services_work_done_again_when_the_customer_is_not_satisfied_states_the_right() -> None:
    text = ("Er du ikke fornøyd med slipingen eller smøringen, ta med skiene tilbake innen 14 dager så gjør "
            "vi jobben på nytt uten kostnad.")
    assert _of(complaints.gather(_page(f"<p>{text}</p>", "nb"), "nb"), PassageTopic.COMPLAINTS_RIGHT)


def test_not_satisfied_with_a_purchase_and_money_back_is_no_right() -> None:
    text = "Ikke fornøyd med kjøpet? Send varen tilbake innen 30 dager, så får du pengene tilbake."
    assert _of(complaints.gather(_page(f"<p>{text}</p>", "nb"), "nb"), PassageTopic.COMPLAINTS_RIGHT) == []


def test_a_fault_to_report_within_a_time_is_no_passing_invitation() -> None:
    text = "Om plagget har ett fel som inte stod i beskrivningen, mejla mig inom 7 dagar med bild så löser vi det."
    [found] = _of(complaints.gather(_page(f"<p>{text}</p>", "sv"), "sv"), PassageTopic.COMPLAINT_PROCEDURE)
    assert "defect" in found.flags and "general" not in found.flags


def test_a_fault_and_a_channel_without_a_time_stay_a_passing_invitation() -> None:
    text = "Är något fel på din vara? Hör av dig så löser vi det."
    found = _of(complaints.gather(_page(f"<p>{text}</p>", "sv"), "sv"), PassageTopic.COMPLAINT_PROCEDURE)
    assert found and all("general" in f.flags for f in found)


# --------------------------------------------------------------------------- dispute bodies of a sector


def _bodies(text: str, lang: str) -> list[PassageFact]:
    return _of(disputes.gather(_page(f"<p>{text}</p>", lang), lang), PassageTopic.ADR_BODY)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Bei Streitigkeiten aus Ihrem Stromliefervertrag können Sie sich an die Schlichtungsstelle Energie e.V. "
         "wenden.", "de"),
        ("If we cannot resolve your complaint about your phone contract, you may refer it to the Communications "
         "Ombudsman.", "en"),
        ("Gjelder klagen en flyreise du har bestilt gjennom oss, kan du bringe saken inn for Transportklagenemnda.",
         "nb"),
    ],
)
def test_a_sectors_dispute_body_named_for_the_shops_disputes_counts(text: str, lang: str) -> None:
    found = _bodies(text, lang)
    assert found and all("no_context" not in f.flags for f in found)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Die Schlichtungsstelle Energie ist für Strom- und Gasverträge zuständig.", "de"),
        ("Our blog explains how the Energy Ombudsman helps people in disputes with their electricity supplier.",
         "en"),
    ],
)
def test_a_sectors_dispute_body_described_is_named_as_something_else(text: str, lang: str) -> None:
    assert all("no_context" in f.flags for f in _bodies(text, lang))


# --------------------------------------------------------------------------- business buyers


@pytest.mark.parametrize(
    ("business", "consumer", "lang"),
    [
        ("Företagskunder ska reklamera fel inom 10 dagar från leveransen.",
         "Du ska reklamera fel inom 2 månader från att du upptäckt dem.", "sv"),
        ("Ist der Kunde Unternehmer, verjähren Mängelansprüche in einem Jahr ab Ablieferung der Ware.",
         "Mängelansprüche verjähren in zwei Jahren ab Ablieferung der Ware.", "de"),
        ("Business customers must tell us about any fault within 7 days of delivery.",
         "You must tell us about any fault within 2 months of noticing it.", "en"),
        ("Bedriftskunder må reklamere på feil innen 14 dager etter levering.",
         "Du må reklamere på feil innen 2 måneder etter at du oppdaget dem.", "nb"),
    ],
)
def test_a_period_for_business_buyers_is_not_the_consumers(business: str, consumer: str, lang: str) -> None:
    from auditor.facts.passages import for_business, gather_passages

    assert for_business(business) and not for_business(consumer)
    assert not _of(gather_passages(_page(f"<p>{business}</p>", lang), lang), PassageTopic.GUARANTEE_PERIOD)
    # the same words to the consumer are a period (the test reads what the filter took away)
    assert _of(gather_passages(_page(f"<p>{consumer}</p>", lang), lang), PassageTopic.GUARANTEE_PERIOD)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # both named: the consumer's part stands
        ("Konsumenter har tre års reklamationsrätt, företagskunder ett års.", "sv"),
        # a business buyer in an aside or a later clause
        ("Reklamationsret: 24 måneder (erhvervskøb: 12 måneder)", "da"),
        ("Der gælder 24 måneders reklamationsret på varer købt af private, mens erhvervskunder har 12 måneder.", "da"),
        # the trader named by the law's word for it is no business buyer
        ("Der Unternehmer haftet für Mängel nach den gesetzlichen Vorschriften; die Frist beträgt zwei Jahre.", "de"),
    ],
)
def test_a_business_buyer_beside_the_consumer_keeps_the_statement(text: str, lang: str) -> None:
    from auditor.facts.passages import for_business

    assert not for_business(text)


@pytest.mark.parametrize(
    ("text", "lang", "amount"),
    [
        ("Har du hittat ett fel på varan? Mejla en bild till oss, så kontaktar vi dig inom 3 arbetsdagar.", "sv", 3),
        ("Reklamasjon sendes til post@butikk.example, og vi kontakter deg igjen innen 5 virkedager.", "nb", 5),
        ("Reklamationer sendes til os på mail, hvorefter vi kontakter dig inden for 4 hverdage.", "da", 4),
        ("Mängel melden Sie bitte per E-Mail; wir teilen Ihnen innerhalb von 7 Tagen mit, wie es weitergeht.", "de", 7),
    ],
)
def test_the_seller_contacting_the_customer_within_a_time_answers_the_complaint(
    text: str, lang: str, amount: int
) -> None:
    found = _of(complaints.gather(_page(f"<p>{text}</p>", lang), lang), PassageTopic.COMPLAINT_PROCEDURE)
    assert [f.amount for f in found if f.amount is not None] == [amount]


# --------------------------------------------------------------------------- periods and statements


@pytest.mark.parametrize(
    ("text", "amount", "unit"),
    [
        ("We aim to answer within an hour.", 1, "hours"),
        ("om du behöver reklamera under de kommande 3 åren", 3, "years"),
        ("dersom feilen viser seg i løpet av de første 2 årene", 2, "years"),
        ("i de første 14 dagene etter levering", 14, "days"),
        ("inden for de første 24 månederne", 24, "months"),
    ],
)
def test_an_hour_and_definite_plurals_are_periods(text: str, amount: int, unit: str) -> None:
    from auditor.facts.passages.common import periods

    assert [(p.amount, p.unit) for p in periods(text)] == [(amount, unit)]


@pytest.mark.parametrize("text", ["Schreiben Sie uns an Werktagen.", "Sie erreichen uns an Tagen mit Messe nicht."])
def test_an_before_a_unit_other_than_hour_is_no_number(text: str) -> None:
    from auditor.facts.passages.common import periods

    assert list(periods(text, working_days=True)) == []


def test_a_badge_line_is_one_statement_an_item() -> None:
    text = "✓ Gratis frakt över 499 kr ✓ 30 dagars ångerrätt ✓ Snabb leverans"
    assert [s.text for s in sentences(text)] == ["Gratis frakt över 499 kr", "30 dagars ångerrätt", "Snabb leverans"]
    found = _of(withdrawal.gather(statement_view(_page(f"<p>{text}</p>", "sv")), "sv"), PassageTopic.WITHDRAWAL_PERIOD)
    assert [(f.amount, f.unit) for f in found] == [(30, "days")]


def test_by_the_next_working_day_in_finnish_illative_is_a_response_time() -> None:
    body = "<dl><dt>Vastaamme viesteihin</dt><dd>seuraavaan arkipäivään mennessä</dd></dl>"
    found = _of(service.gather(statement_view(_page(body, "fi")), "fi"), PassageTopic.SERVICE_HOURS)
    assert [(f.amount, f.unit) for f in found if "response_time" in f.flags] == [(1, "days")]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Every order comes with your statutory rights under the Consumer Rights Act 2015.", "notice"),
        ("Statutory rights (Sale of Goods Act): up to six years in Scotland, five.", "notice"),
        # look-alikes: a law named for something else, the right to cancel
        ("See the Consumer Rights Act for what counts as a digital item.", None),
        ("You have a statutory right to cancel under the Consumer Contracts Regulations.", None),
    ],
)
def test_the_statutory_rights_with_the_act_that_gives_them_are_the_notice(text: str, value: str | None) -> None:
    from auditor.facts.concepts import match_text

    assert match_text(text, "guarantee_notice") == value


@pytest.mark.parametrize(
    "text",
    [
        "Virheestä ilmoittaminen: kahden kuukauden kuluessa havaitsemisesta tehty ilmoitus on aina ajoissa.",
        "Jos reklamoit kahen kuukauen sisällä siitä, kun huomasit vian, olet aina ajoissa.",
        "Kaksi kuukautta virheen huomaamisesta on aina kohtuullinen aika ilmoittaa siitä.",
    ],
)
def test_the_finnish_two_months_always_in_time_is_the_complaint_period(text: str) -> None:
    found = _of(complaints.gather(_page(f"<p>{text}</p>", "fi"), "fi"), PassageTopic.GUARANTEE_PERIOD)
    assert [(f.amount, f.unit) for f in found] == [(2, "months")]


@pytest.mark.parametrize(
    "text",
    [
        "Claims for faulty goods should be sent in writing to Customer Relations, 4 Mill Lane, Leeds LS1 4AB.",
        "If an item is defective, write to our Customer Relations team at the address below.",
    ],
)
def test_writing_to_a_department_or_address_is_a_complaint_channel(text: str) -> None:
    found = _of(complaints.gather(_page(f"<p>{text}</p>", "en"), "en"), PassageTopic.COMPLAINT_PROCEDURE)
    assert found and "channel" in found[0].flags


@pytest.mark.parametrize(
    ("body", "lang"),
    [
        ("<p><b>Peruuttamislomake</b><br>(täytä ja palauta tämä lomake vain, jos haluat peruuttaa sopimuksen)</p>"
         "<p>Vastaanottaja: Esimerkki Oy, Kauppakatu 1, 00100 Helsinki</p>", "fi"),
        ("<p><b>Model cancellation form</b><br>(Complete and return this form only if you wish to withdraw from "
         "the contract)</p><p>To: Example Ltd, 4 Mill Lane, Leeds LS1 4AB</p>", "en"),
    ],
)
def test_the_model_forms_instruction_line_is_the_form_pasted(body: str, lang: str) -> None:
    found = _of(withdrawal.gather(statement_view(_page(body, lang)), lang), PassageTopic.WITHDRAWAL_FORM)
    assert any("inline" in f.flags for f in found)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("If a piece turns up with a flaw I did not list, email me within 14 days and I will refund you.", "en"),
        ("Om kursen skiljer sig väsentligt från beskrivningen har du rätt att klaga, och vi erbjuder då "
         "prisavdrag eller återbetalning.", "sv"),
    ],
)
def test_a_flaw_or_a_service_unlike_its_description_is_a_fault_to_complain_of(text: str, lang: str) -> None:
    assert _of(complaints.gather(_page(f"<p>{text}</p>", lang), lang), PassageTopic.COMPLAINTS_RIGHT)


def test_a_description_alone_is_no_fault() -> None:
    text = "Kursens innehåll följer beskrivningen på schemat; du kan klaga på schemat i vår enkät."
    assert _of(complaints.gather(_page(f"<p>{text}</p>", "sv"), "sv"), PassageTopic.COMPLAINTS_RIGHT) == []


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Inte nöjd med en reparation? Ring oss på 08-123 456 78, så tittar vi på den igen.", "sv"),
        ("Ikke fornøyd med reparasjonen? Send oss en e-post, så ser vi på saken.", "nb"),
        ("Not happy with a repair we did? Email us and we'll look at it again.", "en"),
        ("Mit der Reparatur nicht zufrieden? Rufen Sie uns an.", "de"),
    ],
)
def test_a_repair_the_consumer_is_not_satisfied_with_and_a_channel_is_how_to_complain(text: str, lang: str) -> None:
    [found] = _of(complaints.gather(_page(f"<p>{text}</p>", lang), lang), PassageTopic.COMPLAINT_PROCEDURE)
    assert "channel" in found.flags


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Vi hoppas att du blir nöjd med reparationen! Ring oss om du har frågor om priset.", "sv"),
        ("Inte nöjd med ditt köp? Returnera varan inom 30 dagar, mejla oss först.", "sv"),
    ],
)
def test_a_repair_or_purchase_without_dissatisfaction_with_the_work_is_no_complaint(text: str, lang: str) -> None:
    assert _of(complaints.gather(_page(f"<p>{text}</p>", lang), lang), PassageTopic.COMPLAINT_PROCEDURE) == []


def test_a_question_before_a_list_leads_into_each_item() -> None:
    """A short question the list answers joins each bullet, like a lead-in ending in ":"."""
    body = ("<p>Received a faulty item?</p><ul><li>Email us at help@shop.example</li>"
            "<li>Include your order number and a photo</li></ul>")
    found = _of(complaints.gather(statement_view(_page(body, "en")), "en"), PassageTopic.COMPLAINT_PROCEDURE)
    assert any("email" in f.flags and "defect" in f.flags for f in found)
    # a list under a question about something else stays something else
    body = "<p>Where do we deliver?</p><ul><li>Email us for delivery to the islands</li></ul>"
    assert _of(complaints.gather(statement_view(_page(body, "en")), "en"), PassageTopic.COMPLAINT_PROCEDURE) == []


@pytest.mark.parametrize(
    ("text", "lang", "who"),
    [
        # a negation in a trailing condition denies the condition, not who pays
        ("Returfrakten vid ångerrätt betalas av kunden om inget annat har avtalats.", "sv", "consumer"),
        ("Kunden betalar returfrakten om varan inte är felaktig.", "sv", "consumer"),
        ("We pay the return postage if you do not want to keep the item.", "en", "trader"),
        ("Die Rücksendekosten trägt der Kunde sofern nichts anderes vereinbart ist.", "de", "consumer"),
        # look-alike: the negation before the condition is the main clause's
        ("Vi betalar inte returfrakten om du ångrar dig.", "sv", "consumer"),
        ("We do not pay the return postage if you change your mind.", "en", "consumer"),
    ],
)
def test_a_negation_in_a_trailing_condition_is_the_conditions(text: str, lang: str, who: str) -> None:
    assert _cost(text, lang) == [who]


@pytest.mark.parametrize(
    ("body", "lang"),
    [
        ("<p><b>Jos levy ei vastaa kuvausta</b><br>Jos kunto on huonompi kuin ilmoitimme, ota yhteyttä heti. "
         "Saat rahat takaisin tai hyvityksen.</p>", "fi"),
        ("<p><b>Damaged in transit</b><br>Keep the box and take a photo. We will send a new one or refund you.</p>",
         "en"),
    ],
)
def test_a_fault_named_in_a_paragraphs_label_line_is_the_subject_of_its_remedy(body: str, lang: str) -> None:
    found = _of(complaints.gather(_page(body, lang), lang), PassageTopic.COMPLAINTS_RIGHT)
    assert found


def test_a_label_line_without_a_fault_gives_a_later_refund_no_fault() -> None:
    body = ("<p><b>Palautusoikeus</b><br>Ilmoita palautuksesta sähköpostilla. "
            "Saat rahat takaisin 14 päivän kuluessa.</p>")
    assert _of(complaints.gather(_page(body, "fi"), "fi"), PassageTopic.COMPLAINTS_RIGHT) == []


@pytest.mark.parametrize(("label", "lang"), [("Avboka", "sv"), ("Ångra borttagning", "sv"), ("Avbestill timen", "nb")])
def test_cancelling_a_booking_or_undoing_is_no_withdrawal_function(label: str, lang: str) -> None:
    found = _of(withdrawal.gather(_page(f"<button type='button'>{label}</button>", lang), lang),
                PassageTopic.WITHDRAWAL_FUNCTION)
    assert found == []


@pytest.mark.parametrize(
    ("text", "lang", "amount"),
    [
        # the subscription or booking bought earlier in the sentence is what the right is for
        ("Where you purchase a subscription or a booking for services, you may cancel within 14 days of the day "
         "on which the contract is entered into.", "en", 14),
        ("Can I cancel my subscription box? Yes – you can cancel within 14 days of signing up.", "en", 14),
    ],
)
def test_a_bare_cancel_verb_apart_from_the_subscription_names_the_right(text: str, lang: str, amount: int) -> None:
    found = _of(withdrawal.gather(_page(f"<p>{text}</p>", lang), lang), PassageTopic.WITHDRAWAL_PERIOD)
    assert [f.amount for f in found] == [amount]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("You can cancel your monthly subscription within 14 days.", "en"),
        ("Bookings can be cancelled free of charge within 14 days.", "en"),
    ],
)
def test_cancelling_a_subscription_or_a_booking_is_no_withdrawal_period(text: str, lang: str) -> None:
    assert _of(withdrawal.gather(_page(f"<p>{text}</p>", lang), lang), PassageTopic.WITHDRAWAL_PERIOD) == []


@pytest.mark.parametrize(
    ("text", "lang", "amount"),
    [
        # a return for which no reason is asked is the right in the shop's own words
        ("Not quite what you hoped for? Send it back within 30 days – no questions asked.", "en", 30),
        ("Palautusaika 30 pv – syytä ei kysytä", "fi", 30),
        ("Schicken Sie es einfach innerhalb von zwei Wochen zurück – Sie müssen uns nicht sagen, warum.", "de", 14),
        ("Du kan sende varen tilbage inden for to uger, helt uden at forklare hvorfor.", "da", 14),
        ("30 Tage Rückgaberecht – ohne Begründung", "de", 30),
    ],
)
def test_a_return_without_a_reason_asked_states_the_right_loosely(text: str, lang: str, amount: int) -> None:
    found = _of(withdrawal.gather(_page(f"<p>{text}</p>", lang), lang), PassageTopic.WITHDRAWAL_PERIOD)
    right = [f for f in found if "open_purchase" not in f.flags]
    assert [f.in_days() for f in right] == [amount] and all("loose" in f.flags for f in right)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Faulty items can be sent back within 30 days, no questions asked.", "en"),  # a fault: the complaint's
        ("Free exchanges for any reason within 30 days.", "en"),  # no return: an exchange
        ("Vi svarar på alla frågor inom 2 dagar, oavsett anledning.", "sv"),  # no return at all
    ],
)
def test_no_reason_asked_without_a_plain_return_is_no_right(text: str, lang: str) -> None:
    found = _of(withdrawal.gather(_page(f"<p>{text}</p>", lang), lang), PassageTopic.WITHDRAWAL_PERIOD)
    assert [f for f in found if "open_purchase" not in f.flags and f.amount is not None] == []


@pytest.mark.parametrize(
    ("text", "lang", "days"),
    [
        ("Går något sönder som inte borde? Hör av dig inom tre år från leveransen.", "sv", 1095),
        ("Går noe i stykker som ikke burde? Si fra innen to år etter levering.", "nb", 730),
        ("If something breaks that shouldn't have, let us know within 6 years of delivery.", "en", 2190),
    ],
)
def test_something_breaking_and_a_time_to_report_it_from_delivery_is_the_complaint_period(
        text: str, lang: str, days: int) -> None:
    found = _of(complaints.gather(_page(f"<p>{text}</p>", lang), lang), PassageTopic.GUARANTEE_PERIOD)
    assert [f.in_days() for f in found] == [days]


def test_something_breaking_and_a_remedy_states_the_right() -> None:
    text = "If something breaks that shouldn't have, let us know – we'll fix it, swap it or give you your money back."
    assert _of(complaints.gather(_page(f"<p>{text}</p>", "en"), "en"), PassageTopic.COMPLAINTS_RIGHT)


def test_a_parcel_broken_in_transport_gives_no_complaint_period() -> None:
    text = "Om paketet går sönder under transporten, hör av dig inom 7 dagar från leveransen."
    found = _of(complaints.gather(_page(f"<p>{text}</p>", "sv"), "sv"), PassageTopic.GUARANTEE_PERIOD)
    assert all("transport_damage" in f.flags or "notice_period" in f.flags for f in found)


@pytest.mark.parametrize(
    ("text", "lang", "days"),
    [
        ("Vastaillaan yleensä parin tunnin sisään, viimeistään 24 h kuluessa!", "fi", 1.0),
        ("We usually reply within 2 hours and at the latest within 2 days.", "en", 2.0),
        ("We'll get back to you by tomorrow at the latest – usually within a couple of hours.", "en", 1.0),
        ("Vi svarar oftast inom några timmar, senast inom 3 arbetsdagar.", "sv", 3.0),
        # one promise: as before
        ("We usually reply within a couple of hours.", "en", 2 / 24),
    ],
)
def test_of_several_promised_answer_times_the_latest_is_the_promise(text: str, lang: str, days: float) -> None:
    [found] = _of(service.gather(_page(f"<p>{text}</p>", lang), lang), PassageTopic.SERVICE_HOURS)
    assert found.in_days() == pytest.approx(days)


def test_the_sellers_liability_under_the_law_for_faults_set_far_apart_states_the_right() -> None:
    text = ("Unabhängig von einer Herstellergarantie haften wir als Verkäufer nach den gesetzlichen Vorschriften "
            "für Mängel, die bei Übergabe der Ware vorhanden waren.")
    assert _of(complaints.gather(_page(f"<p>{text}</p>", "de"), "de"), PassageTopic.COMPLAINTS_RIGHT)


def test_a_return_label_taken_off_the_refund_far_apart_is_the_consumers() -> None:
    assert _cost("Bei einem Widerruf ziehen wir die Kosten des Retourenlabels von 5,95 € von Ihrer Erstattung ab.",
                 "de") == ["consumer"]


def test_goods_not_as_agreed_with_the_remedies_state_the_right() -> None:
    text = ("Jos tuote ei vastaa sitä, mitä on sovittu tai mitä voit perustellusti odottaa, se on virheellinen, "
            "ja voit vaatia korjausta, vaihtoa, hinnanalennusta tai kaupan purkua.")
    assert _of(complaints.gather(_page(f"<p>{text}</p>", "fi"), "fi"), PassageTopic.COMPLAINTS_RIGHT)


def test_reaching_us_in_finnish_is_no_closing_time() -> None:
    """'saa kiinni' is reaching someone; 'kiinni' alone before hours is closed."""
    found = _of(service.gather(_page("<p>Meidät saa kiinni chatista arkisin 9-17.</p>", "fi"), "fi"),
                PassageTopic.SERVICE_HOURS)
    assert any("hours" in f.flags for f in found)
    closed = _of(service.gather(_page("<p>Asiakaspalvelu on kiinni arkisin 12-13.</p>", "fi"), "fi"),
                 PassageTopic.SERVICE_HOURS)
    assert not any("hours" in f.flags for f in closed)


def test_the_declaration_and_its_blanks_pasted_as_one_paragraph_is_the_form() -> None:
    text = ("Kopioi alla oleva teksti sähköpostiin: Ilmoitan, että perun ostoni. Tilausnumero: ____. "
            "Tuotteet: ____. Vastaanotettu: ____. Päiväys: ____.")
    found = _of(withdrawal.gather(_page(f"<p>{text}</p>", "fi"), "fi"), PassageTopic.WITHDRAWAL_FORM)
    assert any("inline" in f.flags for f in found)
    # a return slip with the same blanks, no withdrawing: no form
    slip = "Palautan tuotteen. Tilausnumero: ____. Tuotteet: ____. Vastaanotettu: ____. Päiväys: ____."
    found = _of(withdrawal.gather(_page(f"<p>{slip}</p>", "fi"), "fi"), PassageTopic.WITHDRAWAL_FORM)
    assert not any("inline" in f.flags for f in found)


def test_a_faulty_goods_return_read_whole_gives_no_payer() -> None:
    """Its clauses say nothing (faulty goods take the value away); read whole, the negation and the
    contrast would make the consumer the payer."""
    assert _cost("Viallisen tuotteen palautuksesta ei aiheudu sinulle kuluja, vaan maksamme postituksen.", "fi") == []


# --------------------------------------------------------------------------- session 16 (fresh19, rounds 24-26)


@pytest.mark.parametrize(
    ("text", "lang", "amount"),
    [
        # no reason asked, in the shop's words: nothing wrong with the goods, any reason, not wanting them
        ("Du kan lämna tillbaka oanvända varor inom 14 dagar och få pengarna tillbaka, även om inget är fel på dem.",
         "sv", 14),
        ("Du kan levere tilbake ubrukte varer innen 14 dager og få pengene tilbake, selv om det ikke er noe galt "
         "med dem.", "nb", 14),
        ("Meddela oss inom två veckor från leveransen så tar vi tillbaka varan, oavsett anledning.", "sv", 14),
        ("How long do I have to return something I don't want? You have 30 days from delivery.", "en", 30),
        ("Meillä saa palauttaa kuukauden sisällä eikä tarvi selitellä miksi.", "fi", 30),
    ],
)
def test_a_return_for_any_reason_in_everyday_words_states_the_right_loosely(text: str, lang: str, amount: int) -> None:
    found = _of(withdrawal.gather(_page(f"<p>{text}</p>", lang), lang), PassageTopic.WITHDRAWAL_PERIOD)
    right = [f for f in found if "open_purchase" not in f.flags]
    assert [f.in_days() for f in right] == [amount] and all("loose" in f.flags for f in right)


def test_releasing_oneself_from_the_purchase_names_the_right() -> None:
    text = "Sie können sich bis zu einem Monat nach Erhalt der Ware vom Kauf lösen, indem Sie es uns erklären."
    found = _of(withdrawal.gather(_page(f"<p>{text}</p>", "de"), "de"), PassageTopic.WITHDRAWAL_PERIOD)
    assert [f.in_days() for f in found] == [30]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # a fault outside the phrase asking no reason is still a complaint's return
        ("Defekta varor kan lämnas tillbaka inom 30 dagar, oavsett anledning.", "sv"),
        # the money got back after an "and" is the return's result, not a refund's period: but a refund
        # word right after the period still owns it
        ("Vi återbetalar beloppet inom 14 dagar, oavsett anledning till returen.", "sv"),
    ],
)
def test_no_reason_asked_beside_a_fault_or_a_refund_is_no_right(text: str, lang: str) -> None:
    found = _of(withdrawal.gather(_page(f"<p>{text}</p>", lang), lang), PassageTopic.WITHDRAWAL_PERIOD)
    assert [f for f in found if "open_purchase" not in f.flags and f.amount is not None] == []


@pytest.mark.parametrize(
    ("text", "lang", "days", "flags"),
    [
        # German puts the claiming verb after the period: its words do not part fault and claim
        ("Mängel an neuer Ware können Sie innerhalb von 24 Monaten nach Lieferung bei uns geltend machen.", "de",
         720, []),
        # the law's outer limit after a comma ("dock inte senare än"): the complaint period itself
        ("Konsumenten får åberopa att varan är felaktig om konsumenten underrättar näringsidkaren om felet inom "
         "skälig tid efter att ha märkt det, dock inte senare än tre år från det att konsumenten tog emot varan.",
         "sv", 1095, []),
        # the Nordic laws' "always in time": the two months are the time to notify
        ("Hör du av dig inom två månader är det alltid i tid.", "sv", 60, ["notice_period"]),
        ("Sier du fra innen to måneder, er det alltid tidsnok.", "nb", 60, ["notice_period"]),
        ("Siger du til inden for to måneder, er det altid rettidigt.", "da", 60, ["notice_period"]),
        # a fault notice as one Finnish word; a colloquial "kaks" is no Swedish cookie ("kakor")
        ("Virheilmoituksen voi tehdä myös takuuajan päätyttyä, kunhan se tehdään kahden kuukauden kuluessa virheen "
         "havaitsemisesta.", "fi", 60, ["notice_period"]),
        ("Reklamaatio kannattaa tehdä heti, mutta laki antaa sulle vähintään kaks kuukautta siitä kun vika "
         "huomattiin.", "fi", 60, ["notice_period", "floor"]),
    ],
)
def test_complaint_periods_in_the_words_of_the_law_and_the_shop(
        text: str, lang: str, days: int, flags: list[str]) -> None:
    found = _of(complaints.gather(_page(f"<p>{text}</p>", lang), lang), PassageTopic.GUARANTEE_PERIOD)
    assert [(f.in_days(), sorted(f.flags)) for f in found] == [(days, sorted(flags))]


def test_a_notice_within_two_months_always_in_time_is_never_a_short_complaint_period() -> None:
    text = "Reklamation: Hör du av dig inom två månader efter att du upptäckt felet är det alltid i tid."
    found = _of(complaints.gather(_page(f"<p>{text}</p>", "sv"), "sv"), PassageTopic.GUARANTEE_PERIOD)
    assert found and all("notice_period" in f.flags for f in found)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # a sentence whose leading condition is faulty goods speaks of a complaint's return
        ("Ist die Ware mangelhaft, erstatten wir Ihnen selbstverständlich die Kosten der Rücksendung.", "de"),
        ("If your item arrives damaged, we'll send you a prepaid label and cover the cost of the return.", "en"),
    ],
)
def test_a_return_of_faulty_goods_is_no_withdrawals_payer(text: str, lang: str) -> None:
    assert _cost(text, lang) == []


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Unless the item is faulty, you pay for the return postage.", "en"),  # an exception, not the subject
        ("If the item is faulty, we pay; otherwise you pay the return postage.", "en"),  # the other case follows
        ("Är varan felaktig, står vi för returen, annars betalar du returfrakten.", "sv"),
        ("If you withdraw from the contract, the cost of returning the goods to us is borne by you.", "en"),
        ("Wenn du etwas zurückschickst, weil es dir nicht gefällt, zahlst du das Porto selbst.", "de"),
        ("Tyvärr bjuder vi inte på returen om du bara ångrat dig, då får du betala frakten själv.", "sv"),
    ],
)
def test_the_consumer_paying_a_withdrawals_return_beside_faults_and_reasons(text: str, lang: str) -> None:
    assert _cost(text, lang) == ["consumer"]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # a time counted from the withdrawal itself: to send the goods back, or to refund
        ("Bitte senden Sie die Ware spätestens 14 Tage nach Ihrer Widerrufserklärung an uns zurück.", "de"),
        ("Please return the goods within 30 days after your cancellation.", "en"),
        ("Skicka tillbaka varan senast 14 dagar efter ditt ångrande.", "sv"),
    ],
)
def test_a_period_counted_from_the_withdrawal_is_no_withdrawal_period(text: str, lang: str) -> None:
    found = _of(withdrawal.gather(_page(f"<p>{text}</p>", lang), lang), PassageTopic.WITHDRAWAL_PERIOD)
    assert [f for f in found if f.amount is not None and "open_purchase" not in f.flags] == []


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("You have 14 days after receipt to cancel.", "en"),  # counted from receipt: the right's
        ("Sie haben 14 Tage nach Erhalt ein Widerrufsrecht.", "de"),
        ("Du har 14 dagar efter leveransen att ångra köpet.", "sv"),
    ],
)
def test_a_period_counted_from_the_delivery_before_the_right_is_the_rights(text: str, lang: str) -> None:
    found = _of(withdrawal.gather(_page(f"<p>{text}</p>", lang), lang), PassageTopic.WITHDRAWAL_PERIOD)
    assert [f.in_days() for f in found if "open_purchase" not in f.flags] == [14]
