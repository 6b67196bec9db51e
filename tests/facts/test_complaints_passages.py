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
        ("<p>Alla kaffemaskiner har 3 års garanti från tillverkaren.</p>", [(3, "years", ["commercial_guarantee"])]),
        ("<p>Utöver reklamationsrätten lämnar vi 2 års garanti.</p>", [(2, "years", ["commercial_guarantee"])]),
        ("<p>Zusätzlich gewähren wir eine freiwillige Herstellergarantie von 1 Jahr.</p>",
         [(1, "years", ["commercial_guarantee"])]),
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
    [fact] = _topic(_gather(
        '<main><aside><h3>Lagstadgad garanti om överensstämmelse</h3>'
        "<p>Minst 2 år enligt EU-rätten.</p></aside></main>"
    ), NOTICE)
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
