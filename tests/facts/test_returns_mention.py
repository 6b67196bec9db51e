"""Sentences that speak of returns in any words: recorded so that silence is not read into them."""

from __future__ import annotations

import pytest

from auditor.facts.dom import Document
from auditor.facts.passages.returns_mention import gather
from auditor.models import PassageTopic


def mentions(body: str, lang: str = "sv") -> list[str]:
    doc = Document(f"<html><body>{body}</body></html>", "https://www.butik.se/villkor")
    return [p.excerpt for p in gather(doc, lang) if p.topic == PassageTopic.RETURNS_MENTION]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Ändrar du dig går det bra att skicka tillbaka lampan i originalkartongen.", "sv"),
        ("Returer sker på kundens bekostnad och risk.", "sv"),
        ("Vil du angre, gir du beskjed innen fristen og sender varen til oss.", "nb"),
        ("Palautukset lähetetään Postin palautuskoodilla maksutta.", "fi"),
        ("Rücksendungen bitte nur nach vorheriger Absprache an unser Lager.", "de"),
        ("Unwanted items can be returned unused in their original packaging.", "en"),
        ("Due to the perishable nature of flowers, all sales are final.", "en"),
        ("Reduzierte Artikel sind vom Umtausch ausgeschlossen.", "de"),
        ("Beställda varor: köpet är bindande.", "sv"),
    ],
)
def test_a_sentence_about_returns_is_recorded(text: str, lang: str) -> None:
    assert mentions(f"<p>{text}</p>", lang) == [text]


@pytest.mark.parametrize(
    "text",
    [
        "Returer",  # a menu item
        "Du kan när som helst återkalla ditt samtycke genom att skicka tillbaka ett mejl.",  # consent
        "Sie können Ihre Einwilligung jederzeit widerrufen.",
        "You may withdraw your consent at any time.",
        "Kiitos palautteestasi, luemme jokaisen palautteen.",  # feedback, not returns
        "Voit peruuttaa suostumuksesi milloin tahansa.",
    ],
)
def test_menus_consent_and_feedback_are_no_returns(text: str) -> None:
    assert mentions(f"<p>{text}</p>") == []


def test_at_most_two_a_page() -> None:
    body = "".join(f"<p>Returer av vara {i} sker till vårt lager i Borås.</p>" for i in range(5))
    assert len(mentions(body)) == 2


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Tuoretuotteita ei vaihdeta eikä palauteta.", "fi"),
        ("Rea returneras ej.", "sv"),
        ("Salgsvarer returneres ikke.", "nb"),
    ],
)
def test_a_short_refusal_of_returns_speaks_of_them(text: str, lang: str) -> None:
    assert mentions(f"<p>{text}</p>", lang) == [text]


@pytest.mark.parametrize(("text", "lang"), [("Frakt, retur och byte", "sv"), ("Returer och reklamationer", "sv")])
def test_a_short_menu_item_does_not(text: str, lang: str) -> None:
    assert mentions(f"<p>{text}</p>", lang) == []


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Avbestiller du senest 24 timer før timen, får du depositumet tilbakebetalt.", "nb"),
        ("Avbokar du senare än 48 timmar före kursstart återbetalas inte kursavgiften.", "sv"),
        ("Tickets cannot be cancelled or refunded.", "en"),
        ("Bei einer Stornierung bis 7 Tage vor dem Termin erstatten wir die Anzahlung.", "de"),
        ("Jos perut varauksen viimeistään vuorokautta ennen, hyvitämme varausmaksun.", "fi"),
        ("Afbestiller du senest 2 dage før, tilbagebetaler vi depositummet.", "da"),
        # the money returned ("får du beløbet retur") is no return of goods
        ("Hvis et kursus aflyses, får du hele beløbet retur.", "da"),
        ("Melder du afbud senest en uge før, får du pengene retur.", "da"),
        ("If you cancel your booking 48 hours ahead we refund the deposit.", "en"),
        # a deposit kept on a late cancellation is refund information too
        ("Avbokar du senare än 24 timmar innan behåller vi depositionen.", "sv"),
    ],
)
def test_cancelling_for_a_refund_is_refund_information_flagged_apart(text: str, lang: str) -> None:
    doc = Document(f"<html><body><p>{text}</p></body></html>", "https://www.butik.se/villkor")
    [found] = gather(doc, lang)
    assert found.excerpt == text and found.flags == ["cancellation"]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Avbestilling må skje senest 24 timer før avtalt time.", "nb"),  # no refund
        ("Vi återbetalar beloppet så snart vi fått varan.", "sv"),  # no cancelling (and no return word)
        ("You may cancel your consent and we refund nothing.", "en"),  # consent
    ],
)
def test_a_cancellation_without_a_refund_is_none(text: str, lang: str) -> None:
    doc = Document(f"<html><body><p>{text}</p></body></html>", "https://www.butik.se/villkor")
    assert gather(doc, lang) == []


def test_cancellations_never_crowd_out_a_sentence_about_returns() -> None:
    body = "".join(f"<p>Avbokar du kurs {i} i tid återbetalar vi avgiften.</p>" for i in range(4))
    body += "<p>Returer sker på kundens bekostnad och risk.</p>"
    doc = Document(f"<html><body>{body}</body></html>", "https://www.butik.se/villkor")
    found = gather(doc, "sv")
    assert [f.flags for f in found] == [[], ["cancellation"], ["cancellation"]]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # English "cancel" is the right's own verb: an order cancelled for a refund speaks of the right
        ("You can cancel your order and return it within 14 days for a full refund.", "en"),
        # the right named beside a cancelled booking keeps the sentence about returns
        ("Ångrar du köpet och avbokar kursen får du pengarna tillbaka.", "sv"),
    ],
)
def test_a_cancellation_naming_the_right_stays_about_returns(text: str, lang: str) -> None:
    doc = Document(f"<html><body><p>{text}</p></body></html>", "https://www.butik.se/villkor")
    assert [f.flags for f in gather(doc, lang)] == [[]]
