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
