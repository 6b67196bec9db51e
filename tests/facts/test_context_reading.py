"""Reading a statement with what stands around it: a question before the answer, a paragraph that
stays on its subject, a term's words spread out, a number glued to its unit, Finnish periods without
their "one". Sentences written for these tests (issue 18)."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType

import pytest

from auditor.facts.concepts import clauses, match_text
from auditor.facts.dom import Document
from auditor.facts.passages import complaints, service, withdrawal
from auditor.facts.passages.common import periods, sentences
from auditor.models import PassageFact, PassageTopic

URL = "https://www.butik.example/villkor"


def _facts(module: ModuleType, html: str, lang: str) -> list[PassageFact]:
    gather: Callable[[Document, str], list[PassageFact]] = module.gather
    return gather(Document(f"<html><body><main>{html}</main></body></html>", URL), lang)


def _of(facts: list[PassageFact], topic: PassageTopic) -> list[PassageFact]:
    return [f for f in facts if f.topic == topic]


# --------------------------------------------------------------------------- matching


@pytest.mark.parametrize(
    "text",
    [
        # the second "von" is the term's: the first one has no "uns" after it
        "Sie hören spätestens innerhalb von 3 Tagen von uns.",
        # a number with its unit as one word
        "Mails are answered within 48hrs on weekdays.",
        # answer and period in different clauses of one sentence
        "Vi besvarar alla meddelanden i den ordning de kommer in, och normalt inom 2 arbetsdagar.",
        # next day in words
        "Skriv til oss, så svarer vi deg senest dagen etter.",
        "Schreiben Sie uns, eine Antwort bekommen Sie spätestens am nächsten Tag.",
        "Message us today and we will get back to you by tomorrow.",
    ],
)
def test_a_promised_answer_time_however_it_is_spread(text: str) -> None:
    assert match_text(text, "response_time") == "period"


@pytest.mark.parametrize(
    "text",
    [
        # the consumer's answer, not the shop's
        "Svara på vårt mejl inom 10 dagar så behåller vi din reservation.",
        "Vi skal have dit svar inden for 5 dage for at holde varen.",
        "We need your reply within 3 days to keep the item on hold.",
    ],
)
def test_the_consumers_own_deadline_is_no_promise(text: str) -> None:
    assert match_text(text, "response_time") is None


def test_a_one_letter_abbreviation_is_no_clause_break() -> None:
    assert clauses("Antwort i. d. R. innerhalb von zwei Tagen") == ["Antwort i. d. R. innerhalb von zwei Tagen"]
    assert len(clauses("Vi svarar snabbt. Ring oss gärna")) == 2


def test_finnish_that_is_no_negation() -> None:
    # "että" stems as the negation "et": a negation only as the exact word
    assert match_text("Huomaathan, että palautuksen postikulut maksat itse.", "return_costs") == "consumer"
    assert match_text("Et maksa palautuksen postikuluja itse.", "return_costs") == "trader"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Returfrakten vid ångerrätt betalas av Exempelbutiken AB.", "trader"),
        ("Die Kosten der Rücksendung trägt die Musterhaus GmbH.", "trader"),
        ("Return postage after a cancellation is paid by Example Goods Ltd.", "trader"),
    ],
)
def test_a_company_named_by_its_legal_form_is_the_trader(text: str, value: str) -> None:
    assert match_text(text, "return_costs") == value


# --------------------------------------------------------------------------- periods


@pytest.mark.parametrize(
    ("text", "amount", "unit"),
    [
        ("vastaamme viikon sisällä", 1.0, "weeks"),
        ("oikeus on voimassa kuukauden ajan", 1.0, "months"),
        ("vastaus tulee 6 tunnissa", 6.0, "hours"),
        ("vi ger en månads ångerrätt", 1.0, "months"),
        ("ein zweiwöchiges Rückgaberecht", 2.0, "weeks"),
    ],
)
def test_periods_in_more_forms(text: str, amount: float, unit: str) -> None:
    found = next(periods(text), None)
    assert found is not None and (found.amount, found.unit) == (amount, unit)


def test_a_finnish_unit_after_a_number_is_that_number() -> None:
    assert [(p.amount, p.unit) for p in periods("kolmen viikon sisällä")] == [(3.0, "weeks")]


@pytest.mark.parametrize("text", ["Co. Mayo", "Hauptstr. 12", "Muster GmbH & Co. KG"])
def test_abbreviations_of_addresses_and_firms_end_no_sentence(text: str) -> None:
    assert len(sentences(f"Schreiben Sie an {text} oder per E-Mail.")) == 1


# --------------------------------------------------------------------------- context


def test_a_question_naming_the_right_gives_its_period_to_a_later_answer() -> None:
    html = "<p>Har du ångrat dig? Inget konstigt alls! Du har 14 dagar på dig att skicka tillbaka varan.</p>"
    found = _of(_facts(withdrawal, html, "sv"), PassageTopic.WITHDRAWAL_PERIOD)
    assert [(f.amount, f.unit) for f in found if f.amount] == [(14.0, "days")]
    assert all("loose" in f.flags for f in found if f.amount)  # read from a topic: never a fail


def test_a_question_about_damage_makes_a_free_return_a_complaints_one() -> None:
    html = "<p>Är varan skadad vid leverans? Hör av dig så ordnar vi en kostnadsfri retur.</p>"
    assert not _of(_facts(withdrawal, html, "sv"), PassageTopic.RETURN_COSTS)


def test_a_paragraph_on_complaints_keeps_its_subject_for_the_answer_time() -> None:
    html = (
        "<p>Reklamationer sendes til service@butik.example med ordrenummer og et billede af fejlen. "
        "Vi vender tilbage inden for 4 hverdage.</p>"
    )
    found = _of(_facts(complaints, html, "da"), PassageTopic.COMPLAINT_PROCEDURE)
    assert any("answer_time" in f.flags and f.amount == 4.0 for f in found)


def test_a_paragraph_on_something_else_gives_no_complaint_answer_time() -> None:
    html = "<p>Vi sender alle ordrer med GLS. Vi vender tilbage inden for 4 hverdage, hvis du skriver til os.</p>"
    assert not _of(_facts(complaints, html, "da"), PassageTopic.COMPLAINT_PROCEDURE)


def test_a_finnish_answer_time_without_its_number() -> None:
    found = _of(_facts(service, "<p>Vastaamme viesteihin viikon sisällä.</p>", "fi"), PassageTopic.SERVICE_HOURS)
    assert [(f.amount, f.unit) for f in found] == [(1.0, "weeks")]


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("Die Bearbeitung einer Reklamation dauert nicht länger als zehn Tage.", "complaint_answer"),
        ("Vi besvarar reklamationer inte senare än fem arbetsdagar efter att de kommit in.", "complaint_answer"),
        ("We reply to every message no later than 48 hours after it arrives.", "response_time"),
    ],
)
def test_a_limit_is_no_negation(text: str, concept: str) -> None:
    # "not longer than" says "at most": its negation word is the limit's own
    assert match_text(text, concept) == "period"


def test_a_negated_promise_is_still_none() -> None:
    assert match_text("Wir beantworten Reklamationen nicht innerhalb von 24 Stunden.", "complaint_answer") is None
