"""The complaints passage gatherer: what a sentence says about the right to complain, the
complaint procedure, a complaints period and the harmonised notice, in six languages."""

from __future__ import annotations

import pytest

from auditor.facts.dom import Document
from auditor.facts.passages import gatherers
from auditor.facts.passages.complaints import gather
from auditor.models import PassageFact, PassageTopic, Region

RIGHT = PassageTopic.COMPLAINTS_RIGHT
PROCEDURE = PassageTopic.COMPLAINT_PROCEDURE
PERIOD = PassageTopic.GUARANTEE_PERIOD
NOTICE = PassageTopic.GUARANTEE_NOTICE


def _gather(body: str, title: str = "Butiken", lang: str = "sv") -> list[PassageFact]:
    html = f"<html><head><title>{title}</title></head><body>{body}</body></html>"
    return gather(Document(html, "https://www.butik.se/sida"), lang)


def _read_as_statements(body: str, lang: str, title: str = "Butiken") -> list[PassageFact]:
    """The gatherer on the statement view, as the passage framework runs it (labels joined to values)."""
    from auditor.facts.passages.common import statement_view

    html = f"<html><head><title>{title}</title></head><body>{body}</body></html>"
    return gather(statement_view(Document(html, "https://www.butik.se/sida")), lang)


def _topic(facts: list[PassageFact], topic: PassageTopic) -> list[PassageFact]:
    return [f for f in facts if f.topic == topic]


def _periods(body: str) -> list[tuple[float | None, str | None, list[str]]]:
    return [(f.amount, f.unit, f.flags) for f in _topic(_gather(body), PERIOD)]


def test_the_module_is_found_by_the_passage_framework() -> None:
    assert gather in [getattr(g, "__wrapped__", g) for g in gatherers()]  # run on the statement view


@pytest.mark.parametrize(
    "sentence",
    [
        "Om varan är felaktig har du rätt att reklamera den enligt konsumentköplagen.",
        "Er det feil ved varen, kan du reklamere innen rimelig tid.",
        "Du har reklamationsret efter købeloven, hvis varen er mangelfuld.",
        "Jos tuotteessa on virhe, voit tehdä reklamaation.",
        "Es gilt das gesetzliche Mängelhaftungsrecht.",
        "Faulty goods are covered by your statutory rights.",
    ],
)
def test_the_right_to_complain_in_six_languages(sentence: str) -> None:
    facts = _topic(_gather(f"<main><p>{sentence}</p></main>"), RIGHT)
    assert len(facts) == 1
    assert facts[0].excerpt == sentence
    assert facts[0].locator == "body > main > p"


@pytest.mark.parametrize(
    "sentence",
    [
        "Om du är missnöjd med hur vi behandlar dina personuppgifter kan du lämna klagomål till IMY.",
        "Sie können sich bei der Aufsichtsbehörde für Datenschutz beschweren.",
        "Alla våra kaffemaskiner har 3 års garanti från tillverkaren.",
        "Vi har normalt 14 dagars leveranstid.",
        "Pidätämme oikeuden virheisiin hinnoissa.",
    ],
)
def test_look_alikes_are_not_the_right_to_complain(sentence: str) -> None:
    assert not _topic(_gather(f"<main><p>{sentence}</p></main>"), RIGHT)


def test_a_footer_link_or_a_heading_names_the_topic_but_does_not_explain_it() -> None:
    facts = _gather('<main><h2>Reklamation</h2></main><footer><a href="/reklamation">Reklamation</a> '
                    '<a href="/kontakt">Kontakta oss</a></footer>')
    assert not _topic(facts, RIGHT)
    assert not [f for f in _topic(facts, PROCEDURE) if f.region == Region.FOOTER]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("<p>Reklamation inom 14 dagar.</p>", [(14, "days", [])]),
        ("<p>Du kan reklamera en felaktig vara i upp till tre år från leverans.</p>", [(3, "years", [])]),
        ("<p>Reklamationsrätt: 3 år</p>", [(3, "years", [])]),
        ("<p>Du har 24 mdr. reklamationsret efter købeloven.</p>", [(24, "months", [])]),
        ("<p>Die gesetzliche Gewährleistungsfrist beträgt zwei Jahre ab Lieferung.</p>", [(2, "years", [])]),
        ("<p>You have 30 days to complain about faulty goods.</p>", [(30, "days", [])]),
        ("<p>Reklamasjonsfristen er fem år for varer som er ment å vare vesentlig lenger.</p>",
         [(5, "years", ["long_lived"])]),
        ("<p>Reklamasjonsfristen er to år, og fem år for varer som er ment å vare vesentlig lenger.</p>",
         [(2, "years", []), (5, "years", ["long_lived"])]),
        ("<p>Alla kaffemaskiner har 3 års garanti från tillverkaren.</p>",
         [(3, "years", ["commercial_guarantee", "maker"])]),
        ("<p>Utöver reklamationsrätten lämnar vi 2 års garanti.</p>", [(2, "years", ["commercial_guarantee"])]),
        ("<p>Zusätzlich gewähren wir eine freiwillige Herstellergarantie von 1 Jahr.</p>",
         [(1, "years", ["commercial_guarantee", "maker"])]),
        ("<p>Du kan reklamera i tre år, men meddela oss inom två månader efter att du upptäckt felet.</p>",
         [(3, "years", []), (2, "months", ["notice_period"])]),
        ("<p>Transportskador ska reklameras inom 7 dagar.</p>", [(7, "days", ["transport_damage"])]),
        ("<p>Bei gebrauchten Waren beträgt die Gewährleistungsfrist ein Jahr.</p>", [(1, "years", ["used_goods"])]),
        ("<p>Fel som visar sig inom två år antas ha funnits vid köpet, och reklamationsrätten gäller i tre år.</p>",
         [(2, "years", ["presumption"]), (3, "years", [])]),
    ],
)
def test_periods_and_what_they_are_about(body: str, expected: list[tuple[float, str, list[str]]]) -> None:
    assert _periods(f"<main>{body}</main>") == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Vid reklamation skickar vi en ny vara med 14 dagars leveranstid.",
        "Vi svarar på reklamationer inom 5 dagar.",
        "Vid godkänd reklamation återbetalas beloppet inom 14 dagar.",
        "Du har 14 dagars ångerrätt.",
        "We answer all complaints within 14 days.",
        "Reklamationen behandles innen 14 dager.",
    ],
)
def test_other_periods_next_to_a_complaint_word_are_not_complaints_periods(sentence: str) -> None:
    assert _periods(f"<main><p>{sentence}</p></main>") == []


def test_procedure_channel_steps_and_answer_time_under_a_complaints_heading() -> None:
    facts = _topic(_gather(
        "<main><h2>Så reklamerar du</h2><ul>"
        "<li>Skicka en beskrivning av felet och en bild till kundtjanst@butik.se.</li>"
        "<li>Vi svarar inom 3 arbetsdagar.</li></ul>"
        "<h2>Leverans</h2><p>Kontakta oss om du har frågor om leveransen.</p></main>"
    ), PROCEDURE)
    heading, channel, answer = facts
    assert heading.flags == ["howto"]
    assert {"channel", "email", "howto"} <= set(channel.flags)
    assert channel.name == "kundtjanst@butik.se"
    assert answer.flags == ["answer_time", "working_days"]
    assert (answer.amount, answer.unit) == (3, "days")


@pytest.mark.parametrize(
    ("body", "lang", "flags"),
    [
        ("<p>Mängel melden Sie bitte über unser Reklamationsformular.</p>", "de", {"channel", "form"}),
        ("<p>Reklamasjoner sendes til kundeservice på telefon 22 33 44 55.</p>", "nb", {"channel", "phone"}),
        ("<p>Voit tehdä reklamaation asiakaspalveluumme sähköpostitse.</p>", "fi", {"channel", "email"}),
        ("<p>To make a complaint, include your order number and a photo.</p>", "en", {"howto"}),
    ],
)
def test_procedure_in_other_languages(body: str, lang: str, flags: set[str]) -> None:
    [fact] = _topic(_gather(f"<main>{body}</main>", lang=lang), PROCEDURE)
    assert flags <= set(fact.flags)
    assert fact.lang == lang


def test_a_complaint_to_a_public_body_is_not_the_traders_channel() -> None:
    body = "<main><p>Om vi inte kommer överens kan du klaga hos Allmänna reklamationsnämnden, arn.se.</p></main>"
    assert not _topic(_gather(body), PROCEDURE)


def test_notice_candidate_with_eu_reference_and_duration() -> None:
    facts = _topic(_gather(
        '<main><aside><h3>Lagstadgad garanti om överensstämmelse</h3>'
        "<p>Minst 2 år enligt EU-rätten.</p></aside></main>"
    ), NOTICE)
    [fact] = [f for f in facts if "heading" in f.flags]  # the text alone states a duration under EU law too
    assert {"candidate", "heading", "eu", "minimum", "duration"} <= set(fact.flags)
    assert (fact.amount, fact.unit) == (2, "years")
    assert fact.name == "lagstadgad garanti om overensstammelse"
    assert fact.locator == "body > main > aside > h3"


def test_notice_candidate_in_an_image_alt_text() -> None:
    [fact] = _topic(_gather('<main><img alt="Gesetzliche Gewährleistung: mindestens 2 Jahre (EU)"></main>', lang="de"),
                    NOTICE)
    assert {"candidate", "image", "eu", "duration"} <= set(fact.flags)


def test_notice_wording_in_prose_is_only_a_candidate() -> None:
    [fact] = _topic(_gather("<main><p>Du omfattas av lagstadgad garanti enligt konsumentköplagen.</p></main>"), NOTICE)
    assert fact.flags == ["candidate"]


# --------------------------------------------------------------------------- concepts (issue 18)


@pytest.mark.parametrize(
    ("body", "lang"),
    [
        # a verb-first condition: the fault and the remedy in different clauses
        ("<p>Hat der Artikel einen Mangel, können Sie Nacherfüllung verlangen.</p>", "de"),
        ("<p>Visar sig varan vara defekt, har du rätt till reparation eller en ny vara.</p>", "sv"),
        # imperatives and compounds the fixed phrases never held
        ("<p>Reklamer på mangelfulle produkter via kundeservice.</p>", "nb"),
        ("<p>Tuotteen virheistä voit tehdä reklamaation asiakaspalveluumme.</p>", "fi"),
        # a fault under a heading that names the right
        ("<h2>Reklamationer</h2><p>Har något gått fel med din vara? Hör av dig så ordnar vi det.</p>", "sv"),
        ("<h2>Legal guarantee</h2><p>Is anything wrong with the product? Tell us and we will sort it out.</p>", "en"),
        # the seller's liability for faults; goods not as agreed, and the complaint in the next clause
        ("<p>Vi tar ansvar för fel i produkterna under tre år.</p>", "sv"),
        ("<p>Er varen ikke som avtalt, har du rett til å klage.</p>", "nb"),
        # faults by their kind, remedies in everyday verbs
        ("<p>Hat der Artikel einen Fabrikationsfehler, übernehmen wir die Kosten für die Instandsetzung.</p>", "de"),
        ("<p>Jos tuotteessa on valmistusvika, maksamme sen korjauskulut.</p>", "fi"),
    ],
)
def test_the_right_to_complain_by_concept(body: str, lang: str) -> None:
    assert _topic(_gather(f"<main>{body}</main>", lang=lang), RIGHT)


@pytest.mark.parametrize(
    ("body", "lang"),
    [
        ("<p>Klager over reklamer i nyhedsbrevet sendes til marketing.</p>", "da"),
        ("<p>Ärenden som gäller ARN skickas till Allmänna reklamationsnämnden.</p>", "sv"),
        ("<p>Hittar du fel på webbplatsen får du gärna rapportera dem.</p>", "sv"),
        ("<p>Har du beställt fel storlek byter vi gärna till en ny vara.</p>", "sv"),
        ("<p>Die Herstellergarantie umfasst die Reparatur defekter Teile.</p>", "de"),
        # no liability for errors of other sites, data or deliveries
        ("<p>Vi tar inget ansvar för fel i tredje parts webbplatser som vi länkar till.</p>", "sv"),
        ("<p>Emme vastaa linkittämiemme kolmansien osapuolten sivustojen virheistä.</p>", "fi"),
        ("<p>Wir haften nicht für Verzögerungen durch das Transportunternehmen.</p>", "de"),
        # damage on arrival under a heading that names no right
        ("<h2>Returer och reklamation</h2><h3>Leveransskador</h3><p>Kommer paketet fram skadat, "
         "mejla oss en bild.</p>", "sv"),
    ],
)
def test_look_alikes_of_the_right_by_concept(body: str, lang: str) -> None:
    assert not _topic(_gather(f"<main>{body}</main>", lang=lang), RIGHT)


@pytest.mark.parametrize(
    ("body", "lang", "expected"),
    [
        # a fault with a word of liability or claiming: the legal period
        ("<p>Laut Gesetz haften wir für Mängel an der Ware 24 Monate lang.</p>", "de", [(24, "months", [])]),
        ("<p>Under consumer law we are liable for faulty goods for 2 years.</p>", "en", [(2, "years", [])]),
        # a fault to report: a time to notify (never read as the liability period) ...
        ("<p>Please report faults within 14 days.</p>", "en", [(14, "days", ["notice_period"])]),
        # ... unless counted from the delivery: then it cuts the right short
        ("<p>Faults must be reported within 14 days of delivery.</p>", "en", [(14, "days", [])]),
        # the notice words after the period
        ("<p>Reklamér over fejlen senest 2 måneder efter, at du opdagede den.</p>", "da",
         [(2, "months", ["notice_period"])]),
        # the guarantee word inside the right's name is not a commercial guarantee
        ("<table><tr><th>Legal guarantee</th><td>2 years</td></tr></table>", "en", [(2, "years", [])]),
        # an order error is no fault of the goods; a delivery time is no complaint period
        ("<p>Fel i beställningen ska anmälas inom 24 timmar.</p>", "sv", []),
        ("<p>Vid reklamation skickas ersättningsvaran inom 3 dagar.</p>", "sv", []),
        # the money after an accepted complaint, the shop's years in business
        ("<p>Om reklamationen godkänns får du pengarna inom 5 dagar.</p>", "sv", []),
        ("<p>We have been in business for 25 years and take complaints seriously.</p>", "en", []),
        # the seller's liability names the right; the delivery as the moment the fault existed is
        # the fault's, neither a delivery matter nor transport damage
        ("<p>Vi ansvarar för fel som fanns vid leveransen i tre år.</p>", "sv", [(3, "years", [])]),
        ("<p>You may claim for goods that were faulty when delivered for two years.</p>", "en", [(2, "years", [])]),
        # a subject in the period's own clause reaches further than one across a comma
        ("<p>Under the Consumer Rights Act you can claim for faults present at the time of sale for up to six "
         "years.</p>", "en", [(6, "years", [])]),
        # a verb-final claim far from its fault
        ("<p>Nach dem BGB können Sie Mängel, die bei Übergabe vorhanden waren, bis zu 24 Monate lang geltend "
         "machen.</p>", "de", [(24, "months", [])]),
        # the presumption said in the clause after the period's is the presumption period ...
        ("<p>Zeigt sich innerhalb eines Jahres ein Sachmangel, wird vermutet, dass er schon bei Übergabe "
         "bestand.</p>", "de", [(1, "years", ["presumption"])]),
        # ... unless that clause has a period of its own
        ("<p>Du kan klage på feil ved varen i to år, men feil som viser seg innen seks måneder antas å ha vært "
         "der ved levering.</p>", "nb", [(2, "years", [])]),
    ],
)
def test_complaint_periods_by_concept(body: str, lang: str, expected: list[tuple[float, str, list[str]]]) -> None:
    found = [(f.amount, f.unit, f.flags) for f in _topic(_gather(f"<main>{body}</main>", lang=lang), PERIOD)]
    assert found == expected


@pytest.mark.parametrize(
    ("body", "lang", "flags"),
    [
        ("<p>Reklamationer tar vi emot i chatten på vår webbplats.</p>", "sv", {"channel", "chat"}),
        ("<p>Täytä reklamaatiolomakkeella tiedot tuotteesta.</p>", "fi", {"channel", "form"}),
        ("<p>Wir prüfen jede Reklamation sorgfältig, spätestens innerhalb von 5 Werktagen.</p>", "de",
         {"answer_time", "working_days"}),
        ("<p>Svarstid på reklamationer: 2 arbetsdagar.</p>", "sv", {"answer_time", "working_days"}),
        ("<p>Reklamer via Min side, så vender vi tilbage hurtigst muligt.</p>", "da", {"channel", "answer_asap"}),
        # a postal address after a comma is where to send it; a button is a form
        ("<p>Reklamationen skickar du till: Butiken AB, Box 12, 123 45 Stad.</p>", "sv", {"channel", "address"}),
        ("<p>Vill du reklamera? Använd knappen Reklamera under din order.</p>", "sv", {"channel", "form"}),
    ],
)
def test_complaint_channels_and_answers_by_concept(body: str, lang: str, flags: set[str]) -> None:
    facts = _topic(_gather(f"<main>{body}</main>", lang=lang), PROCEDURE)
    assert facts and flags <= set(facts[0].flags)


@pytest.mark.parametrize(
    ("body", "lang", "howto"),
    [
        # the consumer asked to describe the fault: a step of the procedure
        ("<p>Ved fejl på varen: beskriv fejlen i en mail til os.</p>", "da", True),
        ("<p>Send os en mail, hvor du beskriver fejlen.</p>", "da", True),
        ("<p>Feilen må beskrives så nøyaktig som mulig når du sender oss en e-post.</p>", "nb", True),
        # the seller describing its used goods' faults: no step of a complaint
        ("<p>Jeg beskriver fejl og mangler ved hver vare i annoncen.</p>", "da", False),
        ("<p>Vi beskriver alltid eventuella fel på varan i produkttexten.</p>", "sv", False),
    ],
)
def test_describing_the_fault_is_a_step_when_the_consumer_does_it(body: str, lang: str, howto: bool) -> None:
    facts = _topic(_gather(f"<main>{body}</main>", lang=lang), PROCEDURE)
    assert any("howto" in f.flags for f in facts) is howto


@pytest.mark.parametrize(
    ("sentence", "lang"),
    [
        ("Tillverkarens garanti påverkar inte din reklamationsrätt enligt konsumentköplagen.", "sv"),
        ("The guarantee we give does not limit your statutory rights.", "en"),
        # "no influence on", "not a weaker protection", "apply in full, separately from"
        ("Fabrikantens garanti har ingen indflydelse på din lovbestemte reklamationsret.", "da"),
        ("Garantien kommer i tillegg til rettighetene etter forbrukerkjøpsloven og gir deg ikke dårligere vern.", "nb"),
        ("Your statutory rights apply in full, separately from the maker's guarantee.", "en"),
        ("Diese Garantie ersetzt nicht Ihre gesetzliche Gewährleistung.", "de"),
        ("Kaikki tuotteet kuuluvat lakisääteisen takuun piiriin vähintään kahden vuoden ajan.", "fi"),
        ("Du har lovfestet reklamasjonsrett for varer som ikke er brukt.", "nb"),
        ("Garantien er en ekstra fordel, som ikke ændrer ved, at du altid har din reklamationsret i 2 år.", "da"),
        ("Erstatter garantien min reklamationsret? Nej, den lovbestemte reklamationsret gælder uanset garantien.",
         "da"),
        ("Die Garantie schränkt Ihre gesetzlichen Rechte gegenüber dem Verkäufer nicht ein.", "de"),
        ("Your legal rights against the retailer are not cut down by any warranty.", "en"),
    ],
)
def test_guarantee_notice_in_prose(sentence: str, lang: str) -> None:
    assert _topic(_gather(f"<main><p>{sentence}</p></main>", lang=lang), NOTICE)


@pytest.mark.parametrize(
    ("sentence", "lang"),
    [
        ("Vår garanti gäller i stället för reklamationsrätten.", "sv"),
        ("Outlet-varer selges uten lovfestet reklamasjonsrett.", "nb"),
        ("Die gesetzliche Gewährleistung ist bei B-Ware ausgeschlossen.", "de"),
        ("A lifetime warranty is included on all frames.", "en"),
        ("Ersetzt die Garantie meine Rechte? Ja, die Garantie gilt anstelle der Gewährleistung.", "de"),
    ],
)
def test_guarantee_notice_look_alikes(sentence: str, lang: str) -> None:
    assert not _topic(_gather(f"<main><p>{sentence}</p></main>", lang=lang), NOTICE)


@pytest.mark.parametrize(
    ("sentence", "lang"),
    [
        # an error in data, an address or a website is no fault of the goods: no complaint channel
        ("Fehlerhafte Angaben in Ihrem Kundenkonto können Sie selbst korrigieren.", "de"),
        ("Jos osoite on virheellinen, ota yhteyttä asiakaspalveluun.", "fi"),
        ("If a delay is our fault, contact customer service for a voucher.", "en"),
        ("Hittar du fel på webbplatsen, mejla webmaster@butik.se.", "sv"),
        # returns of unused goods and a general response time
        ("Palauta käyttämätön tuote lomakkeella 14 päivän kuluessa.", "fi"),
        ("Vi besvarer alle henvendelser inden for 24 timer.", "da"),
        # complaints about something else than goods: marketing, a newsletter, the website
        ("Klagomål på vår marknadsföring skickar du till marknad@butik.se.", "sv"),
        ("Complaints about our marketing emails can be sent to marketing@shop.com.", "en"),
        ("Palautetta verkkosivuista voit lähettää osoitteeseen palaute@kauppa.fi.", "fi"),
        # a year before a place is no postal address
        ("Reklamationsrätten gäller i tre år från 2022 Stockholm.", "sv"),
    ],
)
def test_no_complaint_channel_without_complaints(sentence: str, lang: str) -> None:
    assert not _topic(_gather(f"<main><p>{sentence}</p></main>", lang=lang), PROCEDURE)


@pytest.mark.parametrize(
    ("body", "lang", "amount", "unit"),
    [
        # the period in the answering clause, in days rather than the months to complain in
        ("<p>Reklamationer som görs inom två månader besvaras inom fem dagar.</p>", "sv", 5, "days"),
        ("<p>Wir bearbeiten Reklamationen binnen 3 Werktagen, die Erstattung erfolgt innerhalb von 14 Tagen.</p>",
         "de", 3, "days"),
        # a promised period outranks "as soon as possible" in another clause
        ("<p>Reklamationer besvaras så snart som möjligt, dock senast inom 10 dagar.</p>", "sv", 10, "days"),
        ("<p>Complaints are answered as soon as possible and no later than 10 days after receipt.</p>", "en", 10,
         "days"),
        # a Finnish unit alone before its postposition is one of it
        ("<p>Käsittelemme reklamaation viikon kuluessa.</p>", "fi", 1, "weeks"),
        ("<p>Vastaamme reklamaatioon viimeistään vuorokauden kuluessa.</p>", "fi", 1, "days"),
        ("<p>Vastaamme reklamaatioihin kahden viikon kuluessa.</p>", "fi", 2, "weeks"),
        # abbreviated units; a clock range before "h" is opening hours, not an answer time
        ("<p>Reklamationen beantworten wir innerhalb von 24 Std.</p>", "de", 24, "hours"),
        ("<p>Reklamationer besvaras vardagar 8–17 h, senast inom 48 h.</p>", "sv", 48, "hours"),
        # "by the next working day" is one (working) day
        ("<p>Vi besvarar din reklamation senast nästa arbetsdag.</p>", "sv", 1, "days"),
        ("<p>Vi besvarer reklamasjonen din innen neste virkedag.</p>", "nb", 1, "days"),
        ("<p>Vi besvarer din reklamation senest næste hverdag.</p>", "da", 1, "days"),
        ("<p>Vastaamme reklamaatioihin seuraavana arkipäivänä.</p>", "fi", 1, "days"),
        ("<p>Wir beantworten Reklamationen am nächsten Werktag.</p>", "de", 1, "days"),
        ("<p>We answer complaints by the next working day.</p>", "en", 1, "days"),
        # ... but a period in numbers in the sentence is the one read
        ("<p>Reklamationer besvaras inom 3 arbetsdagar, ej nästa arbetsdag.</p>", "sv", 3, "days"),
    ],
)
def test_the_answer_time_is_the_answers_period(body: str, lang: str, amount: float, unit: str) -> None:
    facts = [f for f in _topic(_gather(f"<main>{body}</main>", lang=lang), PROCEDURE) if "answer_time" in f.flags]
    assert [(f.amount, f.unit) for f in facts] == [(amount, unit)]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # A floor: the least the right lasts, stated as its period.
        ("<p>Du har en lagstadgad reklamationsrätt på minst två år.</p>", [(2.0, "years", ["floor"])]),
        # A comparison is still no period.
        ("<p>För varor som ska hålla längre än två år gäller reklamationsrätt.</p>", []),
        # Under a heading that names the period, or answering a question that asks for it.
        ("<h2>Reklamationstid</h2><p>För porslin gäller ett års frist.</p>", [(1.0, "years", ["asked"])]),
        (
            "<h3>När måste jag reklamera?</h3><p>Så snart du har märkt felet, och helst inom 2 månader.</p>",
            [(2.0, "months", ["asked", "notice_period"])],
        ),
        # A heading about something else gives no subject.
        ("<h2>Leverans</h2><p>Paketet kommer inom ett år.</p>", []),
        ("<h2>Om oss</h2><p>Vi har funnits i tre år.</p>", []),
    ],
)
def test_floors_and_periods_answering_their_heading_or_question(
    body: str, expected: list[tuple[float, str, list[str]]]
) -> None:
    assert _periods(body) == expected


def test_a_later_row_of_a_table_about_complaints_gives_the_answer_time() -> None:
    body = (
        "<table><tr><th>Reklamation</th><td>Formular im Kundenkonto</td></tr>"
        "<tr><th>Bearbeitungszeit</th><td>max. 10 Tage</td></tr></table>"
    )
    facts = _topic(_gather(body, title="Service", lang="de"), PROCEDURE)
    timed = [f for f in facts if "answer_time" in f.flags]
    assert [(f.amount, f.unit) for f in timed] == [(10.0, "days")]
    # The same row in a table about delivery says nothing about complaints.
    other = (
        "<table><tr><th>Versand</th><td>DHL</td></tr><tr><th>Bearbeitungszeit</th><td>max. 10 Tage</td></tr></table>"
    )
    assert not _topic(_gather(other, title="Service", lang="de"), PROCEDURE)


@pytest.mark.parametrize(
    ("body", "lang", "expected"),
    [
        ("<p>Artikel defekt? Sie haben Anspruch auf Nachbesserung nach den gesetzlichen Vorschriften.</p>", "de", True),
        ("<h2>Mängelhaftung</h2><p>Es gelten die gesetzlichen Bestimmungen.</p>", "de", True),
        ("<p>Myyjä vastaa tavaran virheestä, joka on olemassa tavaran luovutushetkellä.</p>", "fi", True),
        # A refund after a withdrawal is no remedy of the legal guarantee; an invoice error no fault.
        (
            "<p>Nach einem Widerruf haben Sie Anspruch auf Erstattung nach den gesetzlichen Vorschriften.</p>",
            "de",
            False,
        ),
        ("<p>Virhe laskussa? Ota yhteyttä laskutukseemme, niin korjaamme sen.</p>", "fi", False),
        ("<h2>Lieferung</h2><p>Es gelten die gesetzlichen Bestimmungen.</p>", "de", False),
    ],
)
def test_the_right_as_remedies_claimed_by_law_or_the_law_under_its_heading(
    body: str, lang: str, expected: bool
) -> None:
    assert bool(_topic(_gather(body, title="AGB", lang=lang), RIGHT)) is expected


@pytest.mark.parametrize(
    ("body", "lang"),
    [
        ("<main><p>Ist ein Artikel zerbrochen angekommen? Wir reparieren ihn oder erstatten den Preis.</p></main>",
         "de"),
        ("<main><p>If your mug arrives cracked, send us a photo. We will replace it or refund you.</p></main>", "en"),
        ("<main><p>Jos kehys on haljennut tai lasi irronnut, lähetä kuva. Korjaan sen, lähetän uuden tai "
         "maksan rahat takaisin.</p></main>", "fi"),
        # the fault ends one paragraph, the remedy opens the next
        ("<main><p>Kommt ein Glas zerbrochen an, machen Sie ein Foto.</p><p>Wir reparieren es oder erstatten "
         "den Preis.</p></main>", "de"),
    ],
)
def test_a_fault_in_one_sentence_and_the_remedy_in_the_next_state_the_right(body: str, lang: str) -> None:
    assert _topic(_gather(body, lang=lang), RIGHT)


def test_a_new_item_for_a_damaged_one_tells_how_to_complain_not_the_right() -> None:
    facts = _gather("<main><p>Kommt ein Glas zerbrochen an, machen Sie ein Foto. Dann schicken wir Ihnen "
                    "kostenlos ein neues Glas.</p></main>", lang="de")
    assert not _topic(facts, RIGHT)
    assert any({"howto", "defect"} <= set(f.flags) for f in _topic(facts, PROCEDURE))


def test_a_fault_and_an_unrelated_next_sentence_say_nothing() -> None:
    facts = _gather("<main><p>Kommt ein Glas zerbrochen an, ist das ärgerlich. Wir versenden montags.</p></main>",
                    lang="de")
    assert not _topic(facts, RIGHT)
    facts = _gather("<main><p>Kommt ein Glas zerbrochen an, ist das ärgerlich.</p><h2>Versand</h2>"
                    "<p>Wir erstatten die Versandkosten ab 50 €.</p></main>", lang="de")
    assert not _topic(facts, RIGHT)


def test_warranty_claims_sent_to_the_maker_are_the_guarantees_procedure() -> None:
    facts = _gather("<main><p>Warranty claims for the plates go directly to the maker at "
                    "warranty@maker.example.</p></main>", lang="en")
    assert all("warranty" in f.flags for f in _topic(facts, PROCEDURE)) and _topic(facts, PROCEDURE)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Reklamationsbearbeitung: max. 14 Tage", "de"),
        ("Reklamaatioiden käsittelyaika on 14 päivää.", "fi"),
        ("Handläggningstid för reklamationer: 14 dagar.", "sv"),
    ],
)
def test_a_processing_time_is_the_answer_time_not_the_complaint_period(text: str, lang: str) -> None:
    facts = _gather(f"<main><p>{text}</p></main>", lang=lang)
    assert not _topic(facts, PERIOD)
    assert [(f.amount, f.unit) for f in _topic(facts, PROCEDURE) if "answer_time" in f.flags] == [(14.0, "days")]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Märker du ett fel, hör av dig senast 2 månader efter att du upptäckte det.", "sv"),
        ("Husk at give os besked senest to måneder efter, at du har opdaget fejlen.", "da"),
    ],
)
def test_reporting_within_a_time_after_discovering_is_a_notice_period(text: str, lang: str) -> None:
    facts = _topic(_gather(f"<main><p>{text}</p></main>", lang=lang), PERIOD)
    assert [(f.amount, f.unit, "notice_period" in f.flags) for f in facts] == [(2.0, "months", True)]


def test_noticing_before_reporting_a_delivery_is_no_complaint_period() -> None:
    facts = _gather("<main><p>Märker du att paketet inte har kommit, hör av dig inom 7 dagar.</p></main>")
    assert not _topic(facts, PERIOD)


def test_the_uk_conformity_standard_states_the_right() -> None:
    facts = _gather("<main><p>Goods must be as described, fit for purpose and of satisfactory quality.</p></main>",
                    lang="en")
    assert _topic(facts, RIGHT)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Du kan klage på feil i inntil to år etter at du fikk trykket.", "nb"),
        ("Du kan klage over fejl i to år efter købet.", "da"),
    ],
)
def test_complaining_about_faults_names_the_right(text: str, lang: str) -> None:
    facts = _gather(f"<main><p>{text}</p></main>", lang=lang)
    assert _topic(facts, RIGHT) and [(f.amount, f.unit) for f in _topic(facts, PERIOD)] == [(2.0, "years")]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Fel på varan? Kontakta oss inom två månader efter att du upptäckt felet.", "sv"),
        ("Er det noe galt med varen, må du si ifra innen rimelig tid.", "nb"),
        ("Opdager du en fejl ved varen, skal du give os besked inden rimelig tid.", "da"),
        ("Jos tuotteessa ilmenee virhe, ilmoita siitä meille kohtuullisessa ajassa.", "fi"),
        ("Mängel sind uns innerhalb angemessener Frist anzuzeigen.", "de"),
        ("If your item is faulty, let us know within a reasonable time.", "en"),
    ],
)
def test_telling_of_a_fault_within_a_reasonable_time_states_the_right(text: str, lang: str) -> None:
    assert _topic(_gather(f"<main><p>{text}</p></main>", lang=lang), RIGHT)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Är något fel, hör av dig så löser vi det.", "sv"),
        ("If your parcel is late, contact us within 2 months.", "en"),
    ],
)
def test_getting_in_touch_without_a_time_or_a_fault_states_no_right(text: str, lang: str) -> None:
    assert not _topic(_gather(f"<main><p>{text}</p></main>", lang=lang), RIGHT)


@pytest.mark.parametrize(
    ("body", "lang", "days"),
    [
        ("<main><p>Reklamationer: mejla oss. Du får besked om reparation, byte eller återbetalning inom "
         "två veckor.</p></main>", "sv", 14),
        ("<main><p>Mängelanzeigen prüfen wir und teilen Ihnen binnen zwei Wochen mit, ob wir den Artikel "
         "reparieren, ersetzen oder den Kaufpreis erstatten.</p></main>", "de", 14),
        ("<main><table><tr><th>Faulty or damaged?</th><td>Call us or use our online form</td></tr>"
         "<tr><th>We respond within</th><td>3 working days</td></tr></table></main>", "en", 3),
        ("<main><table><tr><th>Reklamaatio</th><td>verkkolomake</td></tr><tr><th>Käsittelyaika</th>"
         "<td>n. 2 viikkoa</td></tr></table></main>", "fi", 14),
    ],
)
def test_the_answer_time_of_a_complaint_in_other_words(body: str, lang: str, days: int) -> None:
    times = [f.in_days() for f in _topic(_gather(body, lang=lang), PROCEDURE) if "answer_time" in f.flags]
    assert days in times


def test_a_refund_time_is_still_no_answer_time() -> None:
    facts = _gather("<main><p>Reklamation: Vi återbetalar pengarna inom 14 dagar.</p></main>", lang="sv")
    assert not any("answer_time" in f.flags for f in _topic(facts, PROCEDURE))


def test_a_long_sentence_on_damage_and_its_remedy_in_the_next() -> None:
    facts = _gather("<main><p>If a print arrives creased, scratched or bent, email me a photo of it and the "
                    "packaging. I'll reprint it and send it again at no cost, or refund you if you'd rather."
                    "</p></main>", lang="en")
    assert _topic(facts, RIGHT)


def test_a_list_item_on_something_not_working_gives_no_later_item_its_subject() -> None:
    facts = _gather("<main><ul><li>Hosting: kostenlos bei Netlify, ohne HTTPS funktioniert es nicht.</li>"
                    "<li>Play Store: ein Android-Paket per E-Mail an uns senden.</li></ul></main>", lang="de")
    assert not _topic(facts, PROCEDURE)


@pytest.mark.parametrize(
    ("text", "lang", "maker"),
    [
        ("Produsenten gir 10 års garanti mot sprekker.", "nb", True),
        ("Uusilla osilla on valmistajan takuu 2 vuotta.", "fi", True),
        ("Wir geben 3 Jahre Garantie auf alle Taschen.", "de", False),
    ],
)
def test_a_manufacturers_guarantee_is_flagged_as_the_makers(text: str, lang: str, maker: bool) -> None:
    facts = _gather(f"<main><p>{text}</p></main>", lang=lang)
    periods = [f for f in facts if f.topic == PassageTopic.GUARANTEE_PERIOD]
    assert periods and all("commercial_guarantee" in f.flags for f in periods)
    assert any("maker" in f.flags for f in periods) is maker


@pytest.mark.parametrize(
    ("text", "lang", "amount", "unit", "flags"),
    [
        # a label longer than a short one, its value a bare period after the colon
        ("Time limit for faulty goods claims: 6 years", "en", 6, "years", []),
        # goods that do not conform to the contract are faulty goods
        ("You may bring a claim for goods that do not conform to the contract within six years of delivery.", "en",
         6, "years", []),
        # the noticing before the report: a time to notify
        ("Kahden kuukauden kuluessa havaitsemisesta tehty ilmoitus on aina ajoissa.", "fi", 2, "months",
         ["notice_period"]),
    ],
)
def test_complaint_periods_in_more_words(text: str, lang: str, amount: float, unit: str, flags: list[str]) -> None:
    found = [(f.amount, f.unit, f.flags) for f in _topic(_gather(f"<main><p>{text}</p></main>", lang=lang), PERIOD)]
    assert found == [(amount, unit, flags)]


@pytest.mark.parametrize(
    ("html", "lang", "kind"),
    [
        ("<p>Complaints line: 0161 496 0732</p>", "en", "phone"),
        ("<p>Reklamationen: Tel. 089 2345 6789 (Mo–Fr)</p>", "de", "phone"),
        ("<dl><dt>Written complaints</dt><dd>Customer Relations, Fenwick Ltd, 22 Quay Street, Bristol BS1 4DB.</dd>"
         "</dl>", "en", "address"),
        ("<p>Noget der ikke virker? Send en mail til hej@garn.example med et billede.</p>", "da", "email"),
        ("<p>Ist was kaputt gegangen? Schick uns einfach eine Mail mit Foto an hilfe@tee.example.</p>", "de", "email"),
        ("<p>Something broke? Drop us a message at hello@lantern.example with a pic.</p>", "en", "email"),
    ],
)
def test_a_complaint_channel_given_by_its_number_address_or_in_everyday_words(html: str, lang: str, kind: str) -> None:
    facts = _read_as_statements(f"<main>{html}</main>", lang, title="Shop")
    procedures = _topic(facts, PassageTopic.COMPLAINT_PROCEDURE)
    assert any("channel" in f.flags and kind in f.flags for f in procedures)


def test_a_number_that_is_no_telephone_gives_no_phone_channel() -> None:
    facts = _topic(_gather("<main><p>Reklamationer inom 24 månader, ordernummer 2026-5531.</p></main>"),
                   PassageTopic.COMPLAINT_PROCEDURE)
    assert not any("phone" in f.flags for f in facts)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Om varan avviker från vad som avtalats har du rätt att välja mellan avhjälpande och omleverans.", "sv"),
        ("Er varen mangelfull, kan du også holde tilbake betalingen til mangelen er rettet.", "nb"),
        ("Dine lovbestemte rettigheder ved fejl og mangler gælder altid, også på udsalg.", "da"),
        ("Something not right with your order? You're protected by consumer law, so we'll sort a repair.", "en"),
    ],
)
def test_the_right_in_the_laws_words_and_in_everyday_ones(text: str, lang: str) -> None:
    assert _topic(_gather(f"<main><p>{text}</p></main>", lang=lang), PassageTopic.COMPLAINTS_RIGHT)


def test_a_form_fields_label_gives_no_channel() -> None:
    """'E-post:' before an input asks for the sender's address: under a complaints heading it is no
    channel, and neither is a course menu whose option 'Pasta från scratch' holds a damage word."""
    form = (
        "<h2>Reklamation</h2><form><table>"
        "<tr><td>Kurs:</td><td><select><option>Pasta från scratch</option></select></td></tr>"
        "<tr><td>E-post:</td><td><input name='epost'></td></tr>"
        "<tr><td>Telefon:</td><td><input name='tel'></td></tr></table></form>"
    )
    assert _topic(_gather(form), PROCEDURE) == []


def test_a_label_outside_a_form_still_names_the_channel() -> None:
    body = "<h2>Reklamation</h2><table><tr><td>E-post:</td><td>reklamation@butik.se</td></tr></table>"
    found = _topic(_gather(body), PROCEDURE)
    assert found and all(f.flags[:2] == ["channel", "email"] for f in found)
    assert "reklamation@butik.se" in [f.name for f in found]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Hör du av dig inom två månader från att du märkte felet är det alltid i tid.", "sv"),
        ("Sier du fra innen to måneder etter at du oppdaget feilen, er det alltid i tide.", "nb"),
        ("Siger du til inden to måneder efter, at du opdagede fejlen, er det altid rettidigt.", "da"),
    ],
)
def test_notice_within_two_months_of_finding_the_fault(text: str, lang: str) -> None:
    found = [(f.amount, f.unit) for f in _topic(_gather(f"<p>{text}</p>", lang=lang), PERIOD)]
    assert found == [(2.0, "months")]


@pytest.mark.parametrize(
    ("label", "value", "lang"),
    [
        ("Återbetalning", "Inom 14 dagar efter att vi har godkänt reklamationen.", "sv"),
        ("Refunds", "Within 14 days after we accept your claim for a faulty item.", "en"),
    ],
)
def test_a_refund_label_makes_its_value_a_refund_time(label: str, value: str, lang: str) -> None:
    facts = _read_as_statements(f"<dl><dt>{label}</dt><dd>{value}</dd></dl>", lang)
    assert _topic(facts, PERIOD) == []


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Ersetzt die Garantie die Gewährleistung? Nein. Die Garantie ist eine freiwillige Zusatzleistung; "
         "Ihre gesetzlichen Rechte gegenüber uns als Verkäufer bestehen unabhängig davon.", "de"),
        ("Does the guarantee replace my legal rights? No. The guarantee is extra. Your rights under the "
         "Consumer Rights Act against us as the seller stay exactly the same.", "en"),
        ("Erstatter garantien reklamasjonsretten? Nei. Garantien er en ekstra fordel, og dine lovfestede "
         "rettigheter ved mangler gjelder fullt ut.", "nb"),
    ],
)
def test_a_question_whether_the_guarantee_replaces_the_right_answered_no(text: str, lang: str) -> None:
    assert _topic(_gather(f"<p>{text}</p>", lang=lang), NOTICE)


def test_a_question_answered_yes_is_no_notice() -> None:
    text = "Does the guarantee replace my legal rights? Yes. The guarantee replaces them."
    assert _topic(_gather(f"<p>{text}</p>", lang="en"), NOTICE) == []


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Har något gått sönder? Skriv till oss i chatten, så löser vi det!", "sv"),
        ("Kaputt angekommen? Einfach Foto und Bestellnummer an hilfe@teeladen.example schicken.", "de"),
        ("Noget gået i stykker? Send et billede til hej@butik.example, så ordner vi det.", "da"),
    ],
)
def test_a_question_about_broken_goods_answered_by_a_channel_is_a_general_invitation(text: str, lang: str) -> None:
    """How to report it, but no word of complaints or of the right: flagged general, which the
    complaints-info rule does not count as complaints information."""
    [found] = _topic(_gather(f"<p>{text}</p>", lang=lang), PROCEDURE)
    assert {"channel", "general"} <= set(found.flags)


def test_a_question_about_something_else_gives_no_channel() -> None:
    assert _topic(_gather("<p>Vad kostar frakten? Skriv till oss i chatten, så svarar vi.</p>"), PROCEDURE) == []


def test_a_remedy_promised_under_an_accordions_damage_question_says_how_to_complain() -> None:
    body = ("<h4><button aria-expanded='false'>My print arrived bent / damaged</button></h4>"
            "<div><p>Oh no! Send me a photo within 48 hours and I'll post a replacement or refund you.</p></div>")
    found = _topic(_gather(body, lang="en"), PROCEDURE)
    assert found and all("general" not in f.flags for f in found) and any("defect" in f.flags for f in found)


def test_a_damage_question_heading_without_a_remedy_stays_a_general_invitation() -> None:
    body = "<h3>Har något gått sönder?</h3><p>Kontakta oss i chatten så hjälper vi dig.</p>"
    assert all("general" in f.flags for f in _topic(_gather(body), PROCEDURE))


@pytest.mark.parametrize(
    "sentence",
    [
        # deficiencies reported by phone, to be put right (an accommodation's terms)
        "Jos mökissä tai sen varusteissa on puutteita, ilmoita niistä heti puhelimitse, jotta voimme korjata asian.",
        # a parcel arriving broken: a photo and a message, and a replacement sent
        "Jos paketti tulee perille rikkinäisenä, ota kuva ja laita viestiä, niin sovitaan korvaava lähetys.",
    ],
)
def test_finnish_faults_with_a_channel_and_a_remedy(sentence: str) -> None:
    facts = _gather(f"<main><p>{sentence}</p></main>", lang="fi")
    assert any(f.excerpt == sentence for f in facts if f.topic in (RIGHT, PassageTopic.COMPLAINT_PROCEDURE))


def test_the_consumers_notice_deadline_is_no_answer_time() -> None:
    # "ilmoita" (tell us) stems like "ilmoitamme" (we tell you): only the latter is the shop's answer
    sentence = "Jos tuotteessa on virhe, ilmoita siitä viimeistään seuraavana päivänä puhelimitse."
    facts = _gather(f"<main><p>{sentence}</p></main>", lang="fi")
    assert [f.amount for f in facts if f.topic == PassageTopic.COMPLAINT_PROCEDURE and f.amount] == []


@pytest.mark.parametrize(
    ("sentence", "lang"),
    [
        ("Something's gone wrong? Drop us a message on live chat with a photo and we'll put it right.", "en"),
        ("Ist die Ware mangelhaft, können Sie verlangen: Beseitigung des Mangels oder Lieferung einer "
         "mangelfreien Sache.", "de"),
    ],
)
def test_everyday_and_list_wording_of_faults_and_remedies(sentence: str, lang: str) -> None:
    facts = _gather(f"<main><p>{sentence}</p></main>", lang=lang)
    assert any(f.topic in (RIGHT, PassageTopic.COMPLAINT_PROCEDURE) for f in facts)


@pytest.mark.parametrize(
    ("sentence", "lang"),
    [
        ("Är du inte nöjd med resultatet? Hör av dig inom 7 dagar, så rättar vi till det utan kostnad.", "sv"),
        ("Er du ikke fornøyd med resultatet, ring oss innen en uke, så retter vi det opp.", "nb"),
        ("Not happy with the result? Call us within a week and we'll put it right free of charge.", "en"),
    ],
)
def test_a_service_result_put_right(sentence: str, lang: str) -> None:
    # for a service (a haircut, a repair), the result not as it should be is the fault
    facts = _gather(f"<main><p>{sentence}</p></main>", lang=lang)
    assert any(f.topic in (RIGHT, PassageTopic.COMPLAINT_PROCEDURE) for f in facts)


def test_a_change_of_mind_promise_is_no_complaint() -> None:
    facts = _gather("<main><p>Inte nöjd? Returnera varan inom 30 dagar så får du pengarna tillbaka.</p></main>")
    assert not [f for f in facts if f.topic in (RIGHT, PassageTopic.COMPLAINT_PROCEDURE)]


def test_damage_with_its_remedy_refused_states_no_right() -> None:
    facts = _gather("<main><p>Lost or damaged wristbands cannot be replaced.</p></main>", lang="en")
    assert not [f for f in facts if f.topic == RIGHT]


@pytest.mark.parametrize(
    ("body", "lang"),
    [
        ("<h3>Dina rättigheter vid fel på varan</h3><ul><li>avhjälpande (reparation)</li><li>omleverans</li>"
         "<li>prisavdrag</li><li>hävning av köpet</li></ul>", "sv"),
        ("<p>Ist die Ware mangelhaft, können Sie</p><ul><li>Nachbesserung oder Ersatzlieferung verlangen,</li>"
         "<li>den Kaufpreis mindern,</li><li>vom Vertrag zurücktreten.</li></ul>", "de"),
    ],
)
def test_a_list_of_three_of_the_laws_remedies_states_the_right(body: str, lang: str) -> None:
    assert _topic(_gather(f"<main>{body}</main>", lang=lang), RIGHT)


@pytest.mark.parametrize(
    ("body", "lang"),
    [
        ("<h3>Service</h3><ul><li>Repair</li><li>Replacement parts</li><li>Refund of the delivery fee</li></ul>", "en"),
        ("<h3>Kampanj</h3><ul><li>Prisavdrag på rea</li><li>Reparation av cyklar</li></ul>", "sv"),
    ],
)
def test_lists_naming_fewer_of_the_laws_remedies_state_no_right(body: str, lang: str) -> None:
    assert not _topic(_gather(f"<main>{body}</main>", lang=lang), RIGHT)


@pytest.mark.parametrize(
    ("body", "lang"),
    [
        ("<p>Sollte ein Glas beschädigt bei Ihnen ankommen, schicken Sie mir bitte ein Foto per E-Mail.</p>", "de"),
        ("<p>Om en kopp kommer fram trasig, mejla en bild till oss.</p>", "sv"),
        ("<p>If a print arrives creased or damaged, email me a photo.</p>", "en"),
    ],
)
def test_goods_arriving_damaged_make_the_sentence_a_complaint_step(body: str, lang: str) -> None:
    assert _topic(_gather(f"<main>{body}</main>", lang=lang), PROCEDURE)


def test_the_imprints_liability_under_the_general_laws_is_no_right_to_complain() -> None:
    body = ("<p>Als Diensteanbieter sind wir für eigene Inhalte auf diesen Seiten nach den allgemeinen "
            "Gesetzen verantwortlich.</p>")
    assert not _topic(_gather(f"<main>{body}</main>", lang="de"), RIGHT)
