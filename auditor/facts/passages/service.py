"""Passages about when customer service can be reached: ``service_hours``.

* Opening hours: a time range that reads as hours of the day ("9–17", "09:00-17:00",
  "9am-5pm", "klo 9–16", "klockan 9–16", "9 bis 17 Uhr", "9-9" on a 12-hour clock) next to a
  weekday or day range ("Mån–fre", "Mo.–Fr.", "ma–pe", "Mon-Fri") or an hours label
  ("Öppettider", "Åpningstider", "Servicezeiten", "Opening hours"), on the same line, the line
  before, or in the block before (a heading, a table cell), or a customer-service, phone or
  chat word instead of the weekday or label ("Chatten är bemannad 8–22"); ranges in words too
  ("mellan 9 och 17", "zwischen 9 und 17 Uhr", "kello 9 ja 17 välillä"). Flag ``hours``. Hours
  whose line or heading names another place (a café, a store, a warehouse, pickup, a gym) and
  no customer-service word are a passage of their own flagged ``other_place``: they are not
  customer service's; a word saying only that someone is there to reach ("Vi finns här", "für
  Sie da", "palvelee") is weaker than a place named in the same line. Round-the-clock service
  ("dygnet runt", "24/7", "rund um die Uhr") is ``around_the_clock`` where the line or its
  heading names customer service, support, a phone or a chat ("Webbutiken har öppet dygnet
  runt" is the shop's, not anyone to reach).
* A promised response time: a statement the ``response_time`` concept
  (``lexicon/concepts/response_time.toml``) reads as one: an answer word ("svarar", "ringer
  upp", "melden uns", "get back to you", "Svarstid") with a time unit or "by the next working
  day", not the consumer's deadline ("Du måste svara inom 7 dagar"), a condition ("if you have
  had no answer within 30 days"), another thing's time (dispatch, refunds, an offer) or a
  negation. The period is the one right after a "within" word ("inom 24 timmar", "innerhalb
  von 48 Stunden", "24 tunnin kuluessa"), else the first stated ("Svarstid – 2 arbetsdagar").
  Flag ``response_time`` with ``amount`` and ``unit``; ``working_days`` when the period counts
  working days. "By the next working day" and "within one day" in words ("senast nästa vardag",
  "innerhalb eines Werktages") are one working day.

"Öppet köp" (a return promise) is no opening hours: neither a label nor a time range. A range
followed by a unit ("1–3 vardagar", "2–14 Tage") is a delivery time, by a month ("10–24 juli")
dates, by more digits ("08-12 34 56", not past a comma) a phone number, and one next to
"closed" ("lunchstängt 12–13") a closing time: none of them hours. Hours whose line names a
delivery, a courier or a pickup and no service word are another activity's (``other_place``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from auditor.facts.dom import Document
from auditor.facts.passages._concepts import statement_value, text_concepts
from auditor.facts.passages.common import (
    KEPT_READINGS,
    NUMBER_WORDS,
    UNIT_WORDS,
    Phrases,
    Unit,
    has_phrase,
    passage_fact,
    periods,
    phrase_spans,
    sentences,
    topic_phrases,
    word_list,
)
from auditor.lexicon import normalise
from auditor.models import PassageFact, PassageTopic

_SEP = r"\s*(?:[-–—]|\s(?:bis|till|til|to|until|–)\s|\s(?P<conj>och|og|und|and|ja)\s)\s*"
#: Words before a range written with "and" ("mellan 9 och 17", "zwischen 9 und 17 Uhr"); the
#: Finnish "kello 9 ja 17 välillä" puts it after.
_BETWEEN = frozenset({"mellan", "mellom", "mellem", "zwischen", "between"})
_BETWEEN_AFTER = frozenset({"valilla", "valissa"})
_HOUR = r"(?:[01]?\d|2[0-4])"
_MERIDIEM = r"(?:am|pm|a\.m\.|p\.m\.)"
#: "kl.", "klo", "klockan", "klokken", "kello": the hour follows.
_CLOCK = r"(?:kl|klo|kello|klockan|klokken|klokka)\.?\s*"
#: A Finnish case ending on a clock hour ("kello 8:n ja 16:n välillä", "9:stä 17:ään").
_FI_CASE = r"(?::(?:n|ään|een|stä|sta|lle|llä|lla))?"
_TIME_RANGE = re.compile(
    rf"(?<![\w.,:/–-])(?P<pre>{_CLOCK}|von\s+|from\s+|fra\s+|från\s+"
    rf"|(?:mellan|mellom|mellem|zwischen|between)\s+(?:the\s+hours\s+of\s+)?(?:{_CLOCK})?)?"
    # "von 10 Uhr bis 18 Uhr": the first hour may carry its own "Uhr"
    rf"(?P<h1>{_HOUR})(?:[:.](?P<m1>[0-5]\d))?{_FI_CASE}\s*(?:(?P<ap1>{_MERIDIEM})|uhr\b)?"
    rf"{_SEP}(?:{_CLOCK})?"
    rf"(?P<h2>{_HOUR})(?:[:.](?P<m2>[0-5]\d))?{_FI_CASE}(?:\s*(?P<post>{_MERIDIEM}|uhr\b|h\b))?(?![\w:])",
    re.IGNORECASE,
)
#: Hours of the clock written as words ("mellan klockan nio och fyra", "von acht bis sechzehn
#: Uhr", "from eight in the morning until six in the evening"): read as their digits.
_HOUR_WORDS: dict[str, int] = {
    word: value
    for words, value in (
        # Not "en", "ett", "ein" (articles) nor "to" (English "from 8 to 22"): one and two
        # o'clock are no opening hours anyway.
        ("one eins yksi", 1), ("två two zwei kaksi", 2), ("tre three drei kolme", 3),
        ("fyra fire four vier neljä", 4), ("fem five fünf viisi", 5), ("sex seks six sechs kuusi", 6),
        ("sju syv seven sieben seitsemän", 7), ("åtta åtte otte eight acht kahdeksan", 8),
        ("nio ni nine neun yhdeksän", 9), ("tio ti ten zehn kymmenen", 10),
        ("elva elleve eleven elf yksitoista", 11), ("tolv twelve zwölf kaksitoista", 12),
        ("tretton tretten thirteen dreizehn", 13), ("fjorton fjorten fourteen vierzehn", 14),
        ("femton femten fifteen fünfzehn", 15), ("sexton seksten sixteen sechzehn", 16),
        ("sjutton sytten seventeen siebzehn", 17), ("arton atten eighteen achtzehn", 18),
        ("nitton nitten nineteen neunzehn", 19), ("tjugo tjue tyve twenty zwanzig", 20),
    )
    for word in words.split()
}
# Finnish says "from nine to four" by case endings alone ("yhdeksästä neljään"): the elative
# hour opens the range, the illative one closes it (read as "9 – 4").
_FI_FROM = {"kahdeksasta": 8, "yhdeksästä": 9, "kymmenestä": 10, "yhdestätoista": 11, "kahdestatoista": 12,
            "seitsemästä": 7, "kuudesta": 6}
_FI_TO = {"kahteen": 2, "kolmeen": 3, "neljään": 4, "viiteen": 5, "kuuteen": 6, "seitsemään": 7,
          "kahdeksaan": 8, "yhdeksään": 9, "kymmeneen": 10, "kahteentoista": 12, "kuuteentoista": 16,
          "seitsemääntoista": 17, "kahdeksaantoista": 18, "kahteenkymmeneen": 20}
_HOUR_WORDS.update(_FI_FROM)
_HOUR_WORDS.update({word: -value for word, value in _FI_TO.items()})  # negative: closes a range
_HOUR_WORD = re.compile(r"\b(" + "|".join(sorted(_HOUR_WORDS, key=len, reverse=True)) + r")\b", re.IGNORECASE)
#: "eight in the morning", "six in the evening", "früh um acht", "abends um sechs", "klokken
#: fire om eftermiddagen": the hour with its half of the day.
_DAY_HALF = re.compile(r"\b(\d{1,2})\s+(?:in\s+the|om|på)\s+(morning|afternoon|evening|morgenen|eftermiddagen|aftenen|"
                       r"ettermiddagen|kvelden|morgonen|kvällen)\b", re.IGNORECASE)
_DAY_HALF_BEFORE = re.compile(r"\b(früh|morgens|vormittags|nachmittags|abends)\s+um\s+(\d{1,2})\b", re.IGNORECASE)
_MORNING = frozenset({"morning", "morgenen", "morgonen", "früh", "morgens", "vormittags"})


def _spelled_hours(line: str) -> str:
    """``line`` with hours written as words in digits, for the range pattern only (the passage
    keeps the line as written); "in the morning" and "in the evening" after an hour (or "früh
    um", "abends um" before it) become am and pm. A line without an hour word or half of the
    day is returned as it is."""
    # Hour words turned into digits run by run (``_hour_word_digits``): a line holds one exactly
    # when that changes it (a run the pattern ``_HOUR_WORD`` matches turns into digits).
    digits = _WORD.sub(_hour_word_digits, line) if _may_spell_hours(line) else line
    spelled = digits != line
    # without an hour word, only digits can have a half of the day (most lines have neither)
    if not spelled and not (_DIGIT.search(line) and (" um " in line or _DAY_HALF.search(line))):
        return line
    digits = _DAY_HALF.sub(lambda m: f"{m.group(1)} {'am' if m.group(2).lower() in _MORNING else 'pm'}", digits)
    return _DAY_HALF_BEFORE.sub(lambda m: f"{m.group(2)} {'am' if m.group(1).lower() in _MORNING else 'pm'}", digits)


def _hour_digits(match: re.Match[str]) -> str:
    """The digits of an hour word as the pattern matched it: case-insensitive matching also takes
    "İ", "ı" and "ſ" for i and s, which lower() does not fold back, so they are folded here; a
    word still unknown stays as written (no passage lost to a KeyError)."""
    word = match.group(match.lastindex or 0)
    value = _HOUR_WORDS.get(_hour_key(word))
    if value is None:
        return match.group(0)
    return match.group(0).replace(word, str(value) if value > 0 else f"– {-value}", 1)


_WORD = re.compile(r"\w+")


def _hour_word_digits(match: re.Match[str]) -> str:
    """:func:`_hour_digits` of a run of word characters (``_WORD``), the run itself when it is no
    hour word: what ``_HOUR_WORD.sub(_hour_digits, …)`` gives, without its case-blind choice of
    forty words tried at every character. A match of ``_HOUR_WORD`` lies between word boundaries
    and is all letters, so it is a whole run; a run that folds (as :func:`_hour_digits` folds it)
    to an hour word is one the pattern matches (``tests/facts/test_service_passages.py``)."""
    return _hour_digits(match) if _hour_key(match.group()) in _HOUR_WORDS else match.group()


def _hour_key(word: str) -> str:
    """``word`` as :data:`_HOUR_WORDS` holds it: lower case, with the "İ", "ı" and "ſ" that
    case-insensitive matching takes for i and s folded to them (lower() does not)."""
    return word.lower().replace("i\u0307", "i").replace("ı", "i").replace("ſ", "s")
_HOUR_WORD_SET = frozenset(_HOUR_WORDS)


def _may_spell_hours(line: str) -> bool:
    """Whether a word of ``line`` is an hour word in any case: a look before ``_HOUR_WORD``,
    which tries each of its words at every character of a line (a fortieth of an audit's CPU).
    A word the pattern matches is a whole run of word characters here, and folds to the hour
    word: case-insensitive matching equates "İ" and "ı" with "i", which case folding does not,
    so they are folded to it too."""
    words = " ".join(_WORD.findall(line)).casefold().replace("i\u0307", "i").replace("ı", "i")
    return not _HOUR_WORD_SET.isdisjoint(words.split(" "))


_TOPIC = PassageTopic.SERVICE_HOURS
#: How many words before a range a "closed" word makes it a closing time ("stängd mellan 12 och 13").
_CLOSED_BEFORE = 3
#: How many words a "within" word may sit before the number ("inom ca 24 timmar", "within 1-2 days").
_WITHIN_BEFORE = 3


@dataclass(frozen=True)
class _Lex:
    labels: Phrases
    days: Phrases
    around: Phrases
    answer: Phrases
    within: Phrases
    working: Phrases
    service: Phrases
    reachable: Phrases
    places: Phrases
    next_day: Phrases
    months: Phrases
    closed: Phrases
    latest: Phrases


@cache
def _lex() -> _Lex:
    data = topic_phrases("service_hours")
    keys = (
        "labels", "days", "around", "answer", "within", "working", "service", "reachable", "places", "next_day",
        "months", "closed", "latest",
    )
    return _Lex(*(data.get(k, ()) for k in keys))


@cache
def _units() -> dict[str, Unit]:
    """Normalised unit words: the shared periods' units and the working-day words (as days)."""
    units: dict[str, Unit] = {normalise(word): unit for word, unit in UNIT_WORDS.items() if normalise(word)}
    units.pop("man", None)  # "mån" (månad) normalises to the weekday abbreviation "man"
    for _, phrase in _lex().working:
        units[phrase] = "days"
    return units


@cache
def _numbers() -> dict[str, int]:
    return {normalise(word): value for word, value in NUMBER_WORDS.items() if not word.endswith("_")}


def gather(doc: Document, lang: str) -> list[PassageFact]:
    """Every service-hours passage of one page."""
    return [*_hours(doc, lang), *_responses(doc, lang)]


# --------------------------------------------------------------------------- opening hours


def _hours(doc: Document, lang: str) -> list[PassageFact]:
    lex = _lex()
    out: list[PassageFact] = []
    previous = ""
    for block in doc.blocks:
        lines = [line for line in block.text.split("\n") if line.strip()]
        found: list[str] = []
        flags: list[str] = []
        others: list[str] = []
        for i, line in enumerate(lines):
            around = _line_hours(line)
            if around is None:
                continue
            # Whose hours they are is asked only of a line that states some: it reads the line
            # and the lines before it for phrases, and most lines of a page state no hours.
            before = lines[i - 1] if i else previous
            whose = _whose(line, [before, *reversed(lines[: max(i - 1, 0)]), previous], lex)
            if whose == "other":  # a café's or a warehouse's hours: kept, but not customer service's
                others.append(line)
                continue
            if around:
                # Round the clock counts only where customer service is named: a web shop that
                # is "open around the clock" says nothing about reaching anyone.
                if whose == "service":
                    flags.append("around_the_clock")
                    found.append(line)
                continue
            if whose == "service" or find_any(line, lex.days + lex.labels):
                found.append(line)
                flags.append("hours")
            elif find_any(before, lex.days + lex.labels):
                found.append(line if before in found else f"{before} {line}")
                flags.append("hours")
        if found:
            out.append(passage_fact(doc, block.element, _TOPIC, lang, " · ".join(found), flags=sorted(set(flags))))
        if others:
            out.append(passage_fact(doc, block.element, _TOPIC, lang, " · ".join(others), flags=["other_place"]))
        previous = lines[-1] if lines else previous
    return out


@lru_cache(maxsize=KEPT_READINGS)
def _line_hours(line: str) -> bool | None:
    """Whether a line says round the clock (True) or states a range of hours (False), or None
    when it states no hours: most lines. Kept by the line's text: a site's header and footer
    repeat on every page."""
    if find_any(line, _lex().around):
        return True
    return False if _has_hours(line) else None


def _has_hours(line: str) -> bool:
    """Whether ``line`` states a range of hours of the day (in digits or in words)."""
    spelled = _spelled_hours(line)
    if not _DIGIT.search(spelled):
        return False  # a range is of hours in digits (words are turned into digits first)
    return any(_is_hours(spelled, m) for m in _TIME_RANGE.finditer(spelled))


_DIGIT = re.compile(r"\d")


def _whose(line: str, context: list[str], lex: _Lex) -> str | None:
    """``service`` when the line (or, if it names no place, the lines before it in its block or
    the block before) names customer service, support, a phone or a chat; ``other`` when it
    names another place (a café, a store, a warehouse, a gym) instead; ``service`` again when
    it names neither but says someone is there to reach ("Vi finns här", "für Sie da"); None
    when none of these."""
    for text in (line, *context):
        if find_any(text, lex.service):
            return "service"
        if find_any(text, lex.places):
            return "other"
        if find_any(text, lex.reachable):
            return "service"
    return None


def find_any(text: str, phrases: Phrases) -> bool:
    return has_phrase(word_list(text), phrases)


def _is_hours(text: str, match: re.Match[str]) -> bool:
    """Whether a range reads as hours of the day, not a delivery time or a size."""
    h1, h2 = int(match.group("h1")), int(match.group("h2"))
    following = normalise(text[match.end() :]).split()[:2]
    if match.group("conj"):  # "9 och 17" is a range only after "mellan" or before "välillä"
        pre = normalise(match.group("pre") or "").split()
        if not (pre and pre[0] in _BETWEEN) and not (following and following[0] in _BETWEEN_AFTER):
            return False
    marked = any(match.group(g) for g in ("pre", "m1", "m2", "ap1", "post"))
    # "9–5", "9-9": the afternoon hour written on a 12-hour clock.
    twelve_hour = 6 <= h1 <= 11 and (1 <= h2 <= 7 or 1 <= h2 <= h1)
    if not marked and not (h1 < h2 and h2 >= 12) and not twelve_hour:
        return False
    # More digits right after the range make it a number: "08-12 34 56" is a phone number (not
    # past a comma: "8am to 8pm, 7 days a week"); a month makes it dates: "10–24 juli".
    digits_follow = re.match(r"\s*\d", text[match.end() :]) is not None
    joined = text[match.end() :].lstrip()[:1].isalnum()  # not past a comma: "10.00–15.00, heinäkuussa ..."
    if following and (digits_follow or (joined and has_phrase(following[:1], _lex().months))):
        return False
    # "lunchstängt 12–13", "von 12 bis 13 Uhr geschlossen": when customer service is closed.
    preceding = normalise(text[: match.start()]).split()
    before = preceding[-_CLOSED_BEFORE:]
    after = following[:1] if text[match.end() :].lstrip()[:1].isalnum() else []  # not past a comma
    # ("Meidät saa kiinni chatista arkisin 9–17": "kiinni" is reaching us there, not closed.)
    if (has_phrase(before, _lex().closed) and not has_phrase(preceding, _lex().reachable)) or has_phrase(
            after, _lex().closed):
        return False
    # A unit right after the range makes it a period: "2–14 vardagar", "10-14 Tage" (not past a
    # full stop: "09:00–16:00. Dag före helgdag …" opens the next sentence).
    return not (joined and following and (following[0] in _units() or " ".join(following) in _units()))


# --------------------------------------------------------------------------- response time


def _responses(doc: Document, lang: str) -> list[PassageFact]:
    out: list[PassageFact] = []
    for block in doc.blocks:
        for sentence in sentences(block.text):
            period = _response_period(sentence.text)
            if period is None:
                continue
            amount, unit, working = period
            flags = ["response_time"] + (["working_days"] if working else [])
            out.append(
                passage_fact(doc, block.element, _TOPIC, lang, sentence.text, flags=flags, amount=amount, unit=unit)
            )
    return out


#: A promised time: its word span and its reading (amount, unit, working days).
_Promise = tuple[int, int, tuple[float, Unit, bool]]


@lru_cache(maxsize=KEPT_READINGS)
def _response_period(text: str) -> tuple[float, Unit, bool] | None:
    """The answer time a sentence promises (amount, unit, working days), read from its text
    alone and kept by it: a site's service texts repeat on its pages."""
    if statement_value(text_concepts(), text, "response_time") != "period":
        return None
    lex = _lex()
    words = normalise(text).split()
    # the periods with a "within" word (the first is the promise), then "by the next working day"
    promised = _promises(words, lex)
    next_day: list[_Promise] = [(start, end, (1.0, "days", True)) for start, end in phrase_spans(words, lex.next_day)]
    latest = _latest_promise(words, lex, [*promised, *next_day])
    if latest is not None:
        return latest
    first = promised or next_day
    return first[0][2] if first else _first_period(text)


def _latest_promise(words: list[str], lex: _Lex, promises: list[_Promise]) -> tuple[float, Unit, bool] | None:
    """Of several promised times, the one said to be the latest ("usually within a couple of
    hours, at the latest within 24 h", "by tomorrow at the latest"): the period or next-day words
    an "at the latest" word stands right before or after. None when the sentence has no such word
    or only one promise."""
    if len(promises) < 2:
        return None
    marks = phrase_spans(words, lex.latest)
    if not marks:
        return None
    # the word before a time ("…, viimeistään 24 h kuluessa") before one after it ("by tomorrow at
    # the latest"): a mark between two times is the later one's
    before = [found for start, _, found in sorted(promises)
              if any(start - _LATEST_BEFORE <= stop <= start for _, stop in marks)]
    after = [found for _, end, found in sorted(promises) if any(end <= mark <= end + 1 for mark, _ in marks)]
    chosen = before or after
    return chosen[0] if chosen else None


#: How many words before a promised time an "at the latest" word may stand ("senast inom 2 dagar",
#: "viimeistään 24 h kuluessa").
_LATEST_BEFORE = 3


def _first_period(text: str) -> tuple[float, Unit, bool] | None:
    """The first period stated, working days counted as days ("Svarstid – 2 arbetsdagar")."""
    found = next(periods(text, working_days=True), None)
    return None if found is None else (found.amount, found.unit, found.working)


def _promises(words: list[str], lex: _Lex) -> list[_Promise]:
    """Every period with a "within" word right before it (or right after it), in order: its word
    span, and its amount, unit and whether it counts working days."""
    out: list[_Promise] = []
    within = phrase_spans(words, lex.within)
    working = {phrase for _, phrase in lex.working}
    units = _units()
    numbers = _numbers()
    for i, word in enumerate(words):
        amount: float | None = None
        unit: Unit | None = None
        end = i + 1
        compact = re.fullmatch(r"(\d{1,3})h", word)
        if compact:
            amount, unit = float(compact.group(1)), "hours"
        elif word.isdigit() or word in numbers:
            for size in (2, 1):
                phrase = " ".join(words[i + 1 : i + 1 + size])
                if len(words) > i + size and phrase in units:
                    amount = float(word) if word.isdigit() else float(numbers[word])
                    unit, end = units[phrase], i + 1 + size
                    break
        if amount is None or unit is None:
            continue
        before = any(i - _WITHIN_BEFORE <= stop <= i for _, stop in within)
        after = any(start == end for start, _ in within)
        if before or after:
            out.append((i, end, (amount, unit, " ".join(words[i + 1 : end]) in working)))
    return out
