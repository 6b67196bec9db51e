"""Service-hours passages: opening hours and promised response times, and what only looks like them."""

from __future__ import annotations

import pytest

from auditor.facts.dom import Document
from auditor.facts.passages.service import gather
from auditor.models import PassageFact


def passages(body: str) -> list[PassageFact]:
    return gather(Document(f"<html><body>{body}</body></html>", "https://www.butik.se/kundtjanst"), "sv")


@pytest.mark.parametrize(
    "html",
    [
        "<p>Kundtjänst: Mån–fre 9–17</p>",
        "<p>Öppettider: vardagar 08:00–16:30</p>",
        "<p>Åpningstider: man–fre 08–16</p>",
        "<p>Åbningstider: mandag til fredag kl. 9-16</p>",
        "<p>Aukioloajat: ma–pe klo 9–16</p>",
        "<p>Mo.–Fr. 9–17 Uhr</p>",
        "<p>Servicezeiten: Montag bis Freitag von 9 bis 17 Uhr</p>",
        "<p>Opening hours: Mon-Fri 9am-5pm</p>",
        "<h2>Öppettider</h2><p>10–18</p>",
        "<table><tr><td>Måndag–fredag</td><td>9–17</td></tr></table>",
    ],
)
def test_opening_hours(html: str) -> None:
    [fact] = passages(html)
    assert fact.flags == ["hours"]
    assert fact.amount is None


def test_round_the_clock() -> None:
    [fact] = passages("<p>Vår chatt är öppen dygnet runt.</p>")
    assert fact.flags == ["around_the_clock"]


@pytest.mark.parametrize(
    ("text", "amount", "unit", "working"),
    [
        ("Vi svarar inom 24 timmar.", 24, "hours", False),
        ("Vi svarer innen 2 virkedager.", 2, "days", True),
        ("Vi besvarer din henvendelse inden for 2 hverdage.", 2, "days", True),
        ("Vastaamme 1–2 arkipäivän kuluessa.", 2, "days", True),
        ("Wir antworten innerhalb von 48 Stunden.", 48, "hours", False),
        ("We reply within 2 working days.", 2, "days", True),
        ("We answer every email within 24h.", 24, "hours", False),
    ],
)
def test_response_time(text: str, amount: float, unit: str, working: bool) -> None:
    [fact] = passages(f"<p>{text}</p>")
    assert "response_time" in fact.flags
    assert (fact.amount, fact.unit) == (amount, unit)
    assert ("working_days" in fact.flags) == working


@pytest.mark.parametrize(
    "text",
    [
        "Öppet köp i 30 dagar!",
        "Leverans inom 1–3 vardagar.",
        "Levering 2–14 hverdage.",
        "Lieferzeit 10-14 Tage.",
        "Reklamation inom 3 år.",
        "Ring 08-123 45 67.",
        "Beställd 2024-09-17, måndag.",
        "Storlek 10-14 år.",
        "Widerruf innerhalb von 14 Tagen.",
    ],
)
def test_look_alikes_are_not_service_hours(text: str) -> None:
    assert passages(f"<p>{text}</p>") == []
