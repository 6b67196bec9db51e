"""Service-hours passages: opening hours and promised response times, and what only looks like them."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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
        # a unit word opening the next sentence is no unit of the range ("Dag före helgdag …")
        "<h3>Öppettider kundservice</h3><p>Måndag till fredag 09:00–16:00. Dag före helgdag stänger vi kl. 12.</p>",
        "<p>Asiakaspalvelu on paikalla arkipäivisin kello 8:n ja 16:n välillä.</p>",  # Finnish case endings
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
        ("Vi svarar normalt inom 24 h.", 24, "hours", False),
        ("Wir antworten innerhalb von 24 Std.", 24, "hours", False),
        ("Vi besvarar alla mejl samma dag.", 1, "days", True),
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
        "Sizes 8 to 16 in stock.",
        "Widerruf innerhalb von 14 Tagen.",
    ],
)
def test_look_alikes_are_not_service_hours(text: str) -> None:
    assert passages(f"<p>{text}</p>") == []


@pytest.mark.parametrize(
    "html",
    [
        # A customer-service word stands in for a weekday or an hours label.
        "<p>Vår support svarar i telefon 8.30–16.</p>",
        "<p>Kundesenteret betjener telefonen fra 10 til 15.</p>",
        "<h3>Puhelinpalvelu</h3><p>Asiakaspalvelumme päivystää klo 10–15.</p>",
        # Ranges written with words.
        "<p>Du når oss vardagar mellan kl. 8 och 16.</p>",
        "<p>Kundeservice: hverdage mellem 10 og 15.</p>",
        "<p>Unsere Hotline ist zwischen 8 und 18 Uhr für Sie da.</p>",
        "<p>Asiakastuki vastaa puheluihin kello 10 ja 16 välillä.</p>",
        "<p>Our helpdesk picks up between 8 and 4 on weekdays.</p>",
        # A 12-hour afternoon hour next to a weekday.
        "<p>Support: Mon–Sat 10–6</p>",
        "<p>Live chat 9-9 daily.</p>",
        # the hour after "klockan", "klokken"; days in other forms; being there as the service
        "<p>Vi finns här för dig alla vardagar mellan klockan 8 och 16.</p>",
        "<p>Du når oss på telefon mellom klokken 10 og 14.</p>",
        "<p>Palvelemme sinua kaikkina arkipäivinä kello 8–16.</p>",
        "<p>Wir sind an allen Werktagen zwischen 8 und 16 Uhr für Sie da.</p>",
        # a comma ends the range: the digits after it are no phone number
        "<p>Our lines are open 8am to 8pm, 7 days a week.</p>",
    ],
)
def test_service_hours_without_a_label(html: str) -> None:
    [fact] = passages(html)
    assert fact.flags == ["hours"]


@pytest.mark.parametrize(
    "html",
    [
        "<p>Kaffebaren i butiken har öppet mån–fre 7–19.</p>",
        "<p>Lageret har åpent for henting hverdager 12–18.</p>",
        "<h2>Afhentning</h2><p>Mandag til fredag 9–15</p>",
        "<p>Myymälä on avoinna ma–la 10–20.</p>",
        "<p>Die Filiale in Köln öffnet Mo–Fr 9–19 Uhr.</p>",
        "<p>Our restaurant serves lunch Monday to Friday 11:30–14:00.</p>",
        "<p>Studions gym är öppet dygnet runt.</p>",
        # "and" between two numbers with no "between" word is no range.
        "<p>Ring oss på måndag: vi har 3 och 17 kvar i lager.</p>",
        # a showroom ("showrom" in Norwegian), an exhibition, a course
        "<p>Showrommet i Bergen er åpent lørdager 11–15.</p>",
        "<p>Näyttely on avoinna viikonloppuisin 11–17.</p>",
        "<p>Der Kurs findet samstags von 10 bis 14 Uhr statt.</p>",
        # a pickup at home, a webinar
        "<p>Vi hämtar returer hemma hos dig mån–fre 8–16.</p>",
        "<p>Webinariet hålls tisdag kl. 13–14.</p>",
        # a place named beside a word that only says someone is there
        "<p>Myymälä palvelee ma–pe 10–18.</p>",
    ],
)
def test_other_places_hours_are_not_service_hours(html: str) -> None:
    assert [p for p in passages(html) if "hours" in p.flags or "around_the_clock" in p.flags] == []


def test_service_named_beside_a_place_counts() -> None:
    [fact] = passages("<p>Butiken stänger 18, men kundtjänst i chatten svarar mån–fre 9–20.</p>")
    assert fact.flags == ["hours"]


@pytest.mark.parametrize(
    "text",
    [
        "Vi återkommer till dig senast nästa arbetsdag.",
        "Du får svar innen ett døgn.",
        "Vi vender tilbage senest følgende hverdag.",
        "Vastaamme viestiisi seuraavana työpäivänä.",
        "Wir antworten spätestens am folgenden Arbeitstag.",
        "We respond within one business day.",
    ],
)
def test_response_time_in_words(text: str) -> None:
    [fact] = passages(f"<p>{text}</p>")
    assert "response_time" in fact.flags
    assert (fact.amount, fact.unit) == (1, "days")


def test_next_day_without_an_answer_word_is_no_response_time() -> None:
    assert passages("<p>Beställ före 14 så skickar vi paketet nästa vardag.</p>") == []


@pytest.mark.parametrize(
    "html",
    [
        "<p>Ring kundtjänst på 08-12 34 56.</p>",  # a phone number, not 8–12
        "<p>Kundtjänsten har semesterstängt 10–24 juli.</p>",  # dates
        "<p>Der Kundenservice ist vom 10–24 Juli im Urlaub.</p>",
        "<p>Vi levererar vardagar mellan 8 och 16.</p>",  # a delivery window
        "<p>Toimitamme arkisin klo 8–16 välisenä aikana.</p>",
        "<p>Kundtjänsten har lunchstängt 12–13.</p>",  # when it is closed
        "<p>Our phone line is closed from 12 to 1 for lunch.</p>",
        "<p>Webbutiken har öppet dygnet runt.</p>",  # the shop, not anyone to reach
        "<p>Shop online 24/7.</p>",
    ],
)
def test_numbers_and_words_that_only_look_like_service_hours(html: str) -> None:
    assert [f for f in passages(html) if f.flags != ["other_place"]] == []


def test_closed_on_another_day_beside_the_hours_is_still_hours() -> None:
    [fact] = passages("<p>Customer care: weekdays 9–5, closed on Saturdays.</p>")
    assert fact.flags == ["hours"]


@pytest.mark.parametrize(
    ("text", "amount", "unit"),
    [
        ("Lämna ditt nummer så ringer vi upp dig inom en timme.", 1, "hours"),  # a call back
        ("Wir rufen Sie innerhalb von 3 Stunden zurück.", 3, "hours"),
        ("Pyrimme vastaamaan kaikkiin viesteihin 12 tunnin sisällä.", 12, "hours"),
        ("Svarstid: 2 arbetsdagar", 2, "days"),  # no "within" word
        ("Sesonkiaikana vastaaminen voi kestää 3 päivää, muuten vastaamme vuorokauden kuluessa.", 1, "days"),
    ],
)
def test_response_time_in_everyday_wording(text: str, amount: float, unit: str) -> None:
    [fact] = [f for f in passages(f"<p>{text}</p>") if "response_time" in f.flags]
    assert (fact.amount, fact.unit) == (amount, unit)


@pytest.mark.parametrize(
    "text",
    [
        "Du måste svara på vårt erbjudande inom 7 dagar.",  # the consumer's deadline
        "Har du inte fått svar inom 30 dagar kan du vända dig till ARN.",  # a condition
        "If you have had no answer within 30 days, contact the dispute body.",
        "Vi hör av oss när paketet har skickats, normalt inom 2 dagar.",  # dispatch
        "Wir antworten nicht innerhalb von 24 Stunden am Wochenende.",  # negated
    ],
)
def test_answer_words_that_promise_no_response_time(text: str) -> None:
    assert [f for f in passages(f"<p>{text}</p>") if "response_time" in f.flags] == []


@pytest.mark.parametrize(
    "html",
    [
        "<p>Kundtjänsten nås på telefon vardagar mellan klockan åtta och fyra.</p>",
        "<p>Kundeservice har åpent hverdager fra klokken ni til seksten.</p>",
        "<p>Servicezeiten: werktags von acht bis sechzehn Uhr.</p>",
        "<p>Customer service lines are open from nine in the morning until five in the evening on weekdays.</p>",
        "<p>Asiakaspalvelu palvelee puhelimitse ma–pe kello 10.00–15.00, heinäkuussa lyhennetyin ajoin.</p>",
    ],
)
def test_opening_hours_written_in_words_or_followed_by_a_month_after_a_comma(html: str) -> None:
    [fact] = passages(html)
    assert fact.flags == ["hours"]


@pytest.mark.parametrize(
    "html",
    [
        "<p>Leverans mellan fem och sju dagar.</p>",  # a period, not hours
        "<p>Kundtjänst: vi har semesterstängt 10–24 juli.</p>",  # dates
        "<p>Vi är två till tre personer i kundtjänst.</p>",  # people, no clock
    ],
)
def test_number_words_that_are_no_opening_hours(html: str) -> None:
    assert not [p for p in passages(html) if "hours" in p.flags]


@pytest.mark.parametrize("line", ["open from nİne to fİve", "fra åtte til ſeks", "from NINE till FIVE"])
def test_hour_words_in_odd_cases_are_read_without_a_crash(line: str) -> None:
    from auditor.facts.passages.service import _spelled_hours

    spelled = _spelled_hours(line)
    assert any(ch.isdigit() for ch in spelled)


@pytest.mark.parametrize(
    "html",
    [
        "<p>We're here to help from 8 in the morning till 6 in the evening, Monday to Saturday.</p>",
        "<p>Vi sidder ved telefonen fra kl. otte til klokken fire om eftermiddagen på hverdage.</p>",
        "<p>Asiakaspalvelu palvelee arkisin kello yhdeksästä neljään.</p>",
        "<p>Unser Kundenservice ist werktags von früh um acht bis abends um sechs erreichbar.</p>",
    ],
)
def test_hours_written_as_words_and_halves_of_the_day(html: str) -> None:
    assert [f.flags for f in passages(html)] == [["hours"]]


def test_a_helpline_round_the_clock() -> None:
    assert [f.flags for f in passages("<p>Our helpline is open 24 hours a day.</p>")] == [["around_the_clock"]]


# ---------------------------------------------------------------- hour words by runs of word characters
# ``_spelled_hours`` turns hour words into digits run by run (``_hour_word_digits``) where it ran
# ``_HOUR_WORD``'s case-blind choice of forty words at every character: the same line.

_HOUR_TEXT = st.lists(
    st.sampled_from(["acht", "ACHT", "Sechs", "ſechs", "SİEBEN", "sıeben", "nio", "ni", "ti", "tio", "kahdeksasta",
                     "neljään", "NELJÄÄN", "fünf", "fu\u0308nf", "8acht", "acht_", "achtzig", "zwölf", "eins",
                     "one", "to", "en", "9", "–", "-", " ", ", ", ".", "\u00a0", "Uhr", "kl.", "bis", "och", "ja",
                     "klockan", "ＡＣＨＴ", "K", "ı", "İ"]),
    max_size=12,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(_HOUR_TEXT)
def test_hour_words_turned_run_by_run_are_the_patterns(line: str) -> None:
    from auditor.facts.passages import service

    assert service._WORD.sub(service._hour_word_digits, line) == service._HOUR_WORD.sub(service._hour_digits, line)


def _spelled_hours_by_the_pattern(line: str) -> str:
    """``_spelled_hours`` as it read with ``_HOUR_WORD``'s search and substitution."""
    from auditor.facts.passages import service as s

    spelled = s._may_spell_hours(line) and s._HOUR_WORD.search(line)
    if not spelled and not (s._DIGIT.search(line) and (" um " in line or s._DAY_HALF.search(line))):
        return line
    digits = s._HOUR_WORD.sub(s._hour_digits, line) if spelled else line
    digits = s._DAY_HALF.sub(lambda m: f"{m.group(1)} {'am' if m.group(2).lower() in s._MORNING else 'pm'}", digits)
    return s._DAY_HALF_BEFORE.sub(
        lambda m: f"{m.group(2)} {'am' if m.group(1).lower() in s._MORNING else 'pm'}", digits)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["acht", "Sechs", "SİEBEN", "nio", "ni", "8", "18", "in the", "om", "morning",
                                 "kvällen", "früh", "abends", "um", "bis", "–", " ", ", ", "Uhr", "achtzig"]),
                max_size=12).map(" ".join))
def test_lines_read_for_hours_as_with_the_pattern(line: str) -> None:
    from auditor.facts.passages.service import _spelled_hours

    assert _spelled_hours(line) == _spelled_hours_by_the_pattern(line)
