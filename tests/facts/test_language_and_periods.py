"""Page language detection and the period parser the passage gatherers share."""

from __future__ import annotations

import pytest

from auditor.facts.language import detect_language
from auditor.facts.passages.common import periods, sentences

DA = ("Handelsbetingelser. Når du køber hos os, har du 14 dages fortrydelsesret. Det er ikke muligt at "
      "returnere varen efter fristen, og du skal selv betale for returneringen af varen. Hvis du har "
      "spørgsmål, kan du kontakte os på mail eller telefon, og vi svarer hurtigst muligt efter at vi "
      "har modtaget din henvendelse af hensyn til din ordre.")
SV = ("Köpvillkor. När du handlar hos oss har du 14 dagars ångerrätt. Det är inte möjligt att returnera "
      "varan efter fristen och du betalar själv för returen av varan. Om du har frågor kan du kontakta "
      "oss via mejl eller telefon, och vi svarar så snart som möjligt efter att vi har fått ditt ärende.")


@pytest.mark.parametrize(
    ("text", "declared", "expected"),
    [
        (DA, "en", "da"),  # a Danish page on an English template
        (SV, "sv", "sv"),
        (SV, "", "sv"),
        ("Kjøpsvilkår", "no", "nb"),  # too little text: the declared language, normalised
        ("", "de-DE", "de"),
        ("Hello", "", ""),
    ],
)
def test_language_from_text_when_clear_else_declared(text: str, declared: str, expected: str) -> None:
    assert detect_language(text, declared) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Reklamation inom 14 dagar", [(14, "days")]),
        ("du har tre års reklamationsrätt", [(3, "years")]),
        ("binnen vierzehn Tagen", [(14, "days")]),
        ("14-tägiges Widerrufsrecht", [(14, "days")]),
        ("reklamasjonsfristen er 5 år", [(5, "years")]),
        ("24 mdr. reklamationsret", [(24, "months")]),
        ("virheestä on ilmoitettava 2 vuoden kuluessa", [(2, "years")]),
        ("30 days to complain", [(30, "days")]),
        ("Öppettider 9-17", []),
    ],
)
def test_periods_in_six_languages(text: str, expected: list[tuple[int, str]]) -> None:
    assert [(p.amount, p.unit) for p in periods(text)] == expected


def test_sentences_keep_offsets() -> None:
    text = "Du har 14 dagars ångerrätt. Returfrakten betalar du.\nKontakt: info@x.se"
    for sentence in sentences(text):
        assert text[sentence.start : sentence.end] == sentence.text
    assert len(sentences(text)) == 3


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("Vi svarar inom fem arbetsdagar.", 5),
        ("Vi svarar inom 3 vardagar.", 3),
        ("Svar innen tre virkedager.", 3),
        ("Vi svarer inden for to hverdage.", 2),
        ("Vastaamme viiden arkipäivän kuluessa.", 5),
        ("Antwort binnen drei Werktagen.", 3),
        ("Antwort innerhalb eines Werktages.", 1),
        ("We reply within two working days.", 2),
        ("We reply within 10 business days.", 10),
    ],
)
def test_working_days_are_a_period_only_when_asked_for(text: str, amount: int) -> None:
    [period] = periods(text, working_days=True)
    assert (period.amount, period.unit, period.working) == (amount, "days", True)
    # Calendar readers (withdrawal, guarantee) are unchanged: a working day is not a calendar day.
    assert list(periods(text)) == []


def test_calendar_periods_are_not_flagged_working() -> None:
    found = [(p.amount, p.unit, p.working) for p in periods("innerhalb von zwei Wochen", working_days=True)]
    assert found == [(2, "weeks", False)]


def test_a_number_in_brackets_after_its_word_reaches_the_unit() -> None:
    """ "fjorton (14) dagar": the bracketed digits repeat the word and are the period."""
    for text, amount in (("Du har fjorton (14) dagars ångerrätt.", 14), ("You have fourteen (14) days.", 14)):
        found = list(periods(text))
        assert [(p.amount, p.unit) for p in found] == [(amount, "days")]
    assert list(periods("Artikel 14) Tage")) == []  # a closing bracket without its opening one


def test_the_finnish_day_of_twenty_four_hours_is_a_day() -> None:
    """ "vuorokausi" (a day and night) is Finnish for the Swedish "dygn", the Danish "døgn"."""
    assert [(p.amount, p.unit) for p in periods("14 vuorokauden peruutusoikeus")] == [(14, "days")]
    assert [(p.amount, p.unit) for p in periods("kolme vuorokautta")] == [(3, "days")]


@pytest.mark.parametrize(
    "text",
    ["Ångerfrist 14 dgr", "Angrefrist: 14 dgr.", "Fortrydelsesfrist 14 dg.", "Peruutusaika 14 pv", "Frist 14 Tg.",
     "14 kalenderdagar", "vierzehn Kalendertage", "14 kalenteripäivää", "within 14 calendar days"],
)
def test_abbreviated_and_calendar_days_are_days(text: str) -> None:
    assert [(p.amount, p.unit) for p in periods(text)] == [(14, "days")]


def test_a_unit_modifier_without_a_unit_is_no_period() -> None:
    assert list(periods("14 calendar entries")) == []


@pytest.mark.parametrize("text", ["inom 24 h", "innerhalb von 24 Std.", "within 24 hrs", "within 24 hr"])
def test_abbreviated_hours_are_hours(text: str) -> None:
    assert [(p.amount, p.unit) for p in periods(text)] == [(24, "hours")]


@pytest.mark.parametrize(("text", "weeks"), [("within a fortnight", 2), ("two fortnights", 4)])
def test_a_fortnight_is_two_weeks(text: str, weeks: int) -> None:
    assert [(p.amount, p.unit) for p in periods(text)] == [(weeks, "weeks")]


@pytest.mark.parametrize(("text", "hours"), [("Svar innen 24t", 24), ("svar inden 48 t.", 48)])
def test_hours_as_t_beside_the_number(text: str, hours: int) -> None:
    assert [(p.amount, p.unit) for p in periods(text)] == [(hours, "hours")]


@pytest.mark.parametrize("text", ["Modell 24tx", "art. 12t3"])
def test_a_t_inside_a_code_is_no_hour(text: str) -> None:
    assert list(periods(text)) == []
