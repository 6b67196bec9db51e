"""Digit groups that say what they are by their shape: times, dates, prices, IBANs, postcodes.

A shop page writes opening hours ("09.00–17.00", "kl. 9–16", "0800-1700"), dates ("24.12.2025",
"2025-12-24", "24.12."), prices ("1 299,00 kr", "€ 19.90", "199:-"), IBANs and postcodes next to
its telephone number, often right after the same label ("Telefon: mån–fre 09.00–17.00"). A phone
matcher reads many of them as numbers: "09.00-17.00" is a valid Swedish premium-rate number as
digits. :func:`mask_non_phones` blanks every such group (same length, so offsets still hold)
before the phone matcher sees the text.

Each shape is checked for what it claims (an hour is 0–24, a minute 0–59, a month 1–12), so a
phone written with dots ("22.12.34.56") is not taken for a date: a group that runs on into more
digits is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache

_DASH = r"[-–—‒]"
#: Not preceded by a digit (or a digit and one separator): the group starts here.
_START = r"(?<![\d])(?<!\d[.,:/])"
#: Not followed by a digit (or one separator and a digit): the group ends here.
_END = r"(?![\d])(?![.,:/-]\d)"

#: "09.00", "9:00", "17.30 Uhr", and ranges of them: "09.00–17.00", "9:00 - 17", "kl. 9–16".
_TIME = re.compile(
    rf"{_START}(?P<h1>\d{{1,2}})[.:](?P<m1>\d{{2}})"
    rf"(?:\s*(?:{_DASH}|till?|bis|to|til|-)\s*(?P<h2>\d{{1,2}})(?:[.:](?P<m2>\d{{2}}))?)?{_END}",
    re.IGNORECASE,
)
#: Hour ranges without minutes, announced by a time word: "kl. 9–16", "klo 8-16", "9–16 Uhr".
_HOUR_RANGE = re.compile(
    rf"(?:\b(?:kl|klo|kello|klockan|klokka|klokken)\.?\s*{_START}(?P<h1>\d{{1,2}})\s*{_DASH}\s*(?P<h2>\d{{1,2}}){_END}"
    rf"|{_START}(?P<h3>\d{{1,2}})\s*{_DASH}\s*(?P<h4>\d{{1,2}})\s*(?:uhr|h)\b)",
    re.IGNORECASE,
)
#: Four-digit clock times in a range: "0800-1700", "0930 – 1800".
_HHMM_RANGE = re.compile(rf"{_START}(?P<a>\d{{4}})\s*{_DASH}\s*(?P<b>\d{{4}}){_END}")
#: ISO dates and day-month-year in the orders the six languages use: "2025-12-24", "24.12.2025",
#: "24/12/25", "24-12-2025", "24.12." (German, year left out), "12/24/2025" (US).
_DATE = re.compile(
    rf"{_START}(?:(?P<y>\d{{4}})-(?P<ym>\d{{1,2}})-(?P<yd>\d{{1,2}})"
    rf"|(?P<d>\d{{1,2}})(?P<sep>[./-])(?P<m>\d{{1,2}})(?P=sep)(?P<yy>\d{{2}}|\d{{4}})?){_END}"
)
#: Prices: an amount with a currency before or after it. Amounts are grouped by thousands.
_AMOUNT = r"\d{1,3}(?:[  . ]\d{3})*(?:[.,]\d{1,2}|,-|:-|\.-)?"
_CURRENCY = r"(?:kr\.?|sek|nok|dkk|eur|euro|€|\$|£|usd|gbp)"
_PRICE = re.compile(
    rf"{_START}(?:(?<![^\W\d_]){_CURRENCY}\s?{_AMOUNT}|{_AMOUNT}\s?(?:{_CURRENCY}(?![^\W\d_])|:-|,-))",
    re.IGNORECASE,
)
#: IBAN: two letters, two check digits, then groups of letters and digits.
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?\b")
#: A postcode before a town name: "111 22 Stockholm", "D-10115 Berlin", "0150 Oslo", "00100 Helsinki".
_POSTCODE = re.compile(
    rf"{_START}(?<![\d] )(?:\b[A-Z]{{1,2}}-)?(?:\d{{3}} \d{{2}}|\d{{4,5}})(?=[ ,]+[A-ZÅÄÖÆØÜ][a-zåäöæøü])"
)
#: "#12345", "Nr. 12345" after an order word is left to the labels; a hash is always a reference.
_HASH_REF = re.compile(r"#\s?\d[\d-]*(?: \d[\d-]*)*")  # "#123 456789" is one reference


def _time_ok(hour: str | None, minute: str | None = None) -> bool:
    if hour is None:
        return True
    return int(hour) <= 24 and (minute is None or int(minute) <= 59)


#: What every time holds (an hour, a separator, two digits of minutes), and every hour range (a
#: number and a dash). The shapes' patterns open with look-behinds, which the regular expression
#: engine tries at every character of a block; these open with a digit and are scanned for
#: quickly. A block of prose with a phone number or a price in it mostly holds neither.
_TIME_HINT = re.compile(r"\d[.:]\d\d")
_RANGE_HINT = re.compile(rf"\d\s*{_DASH}")
#: What every date holds: a number, a separator, a number.
_DATE_HINT = re.compile(r"\d[./-]\d")


def _times(text: str) -> Iterator[tuple[int, int]]:
    if _TIME_HINT.search(text):
        yield from _clock_times(text)
    if _RANGE_HINT.search(text):
        yield from _hour_ranges(text)


def _clock_times(text: str) -> Iterator[tuple[int, int]]:
    for m in _TIME.finditer(text):
        if _time_ok(m["h1"], m["m1"]) and _time_ok(m["h2"], m["m2"]):
            # "08.12 34 56" is not a time followed by noise but a number: a minute group must
            # not run on into a further digit group on the same line.
            if m["h2"] is None and re.match(r"[ \t]\d", text[m.end() :]):
                continue
            yield m.span()


def _hour_ranges(text: str) -> Iterator[tuple[int, int]]:
    for m in _HOUR_RANGE.finditer(text):
        first, second = (m["h1"], m["h2"]) if m["h1"] is not None else (m["h3"], m["h4"])
        if _time_ok(first) and _time_ok(second) and int(first) < int(second):
            yield m.span()
    for m in _HHMM_RANGE.finditer(text):
        a, b = m["a"], m["b"]
        # Opening hours begin and end on the quarter hour, and end after they begin.
        if all(int(t[:2]) <= 24 and t[2:] in {"00", "15", "30", "45"} for t in (a, b)) and a < b:
            yield m.span()


def _dates(text: str) -> Iterator[tuple[int, int]]:
    if not _DATE_HINT.search(text):
        return
    for m in _DATE.finditer(text):
        if m["y"] is not None:
            if 1 <= int(m["ym"]) <= 12 and 1 <= int(m["yd"]) <= 31:
                yield m.span()
            continue
        day, month = int(m["d"]), int(m["m"])
        if m["yy"] is None and m["sep"] != ".":
            continue  # "12-34" or "12/3" is no date; "24.12." is
        if (1 <= day <= 31 and 1 <= month <= 12) or (1 <= day <= 12 and 1 <= month <= 31 and m["sep"] == "/"):
            yield m.span()


def _spans(pattern: re.Pattern[str]) -> Callable[[str], Iterator[tuple[int, int]]]:
    def find(text: str) -> Iterator[tuple[int, int]]:
        for m in pattern.finditer(text):
            yield m.span()

    return find


#: What every postcode holds: its last digit, then a town's capitalised word.
_POSTCODE_HINT = re.compile(r"\d[ ,]+[A-ZÅÄÖÆØÜ][a-zåäöæøü]")
#: What every price holds: a currency or a price's ":-" or ",-", as case-folded text holds them
#: (case folding turns every letter ``_PRICE`` equates with one of these, "K" and "ſ" too, into it).
_PRICE_SIGNS = ("kr", "sek", "nok", "dkk", "eur", "usd", "gbp", "€", "$", "£", ":-", ",-")


def _prices(text: str) -> Iterator[tuple[int, int]]:
    folded = text.casefold()
    if any(sign in folded for sign in _PRICE_SIGNS):
        for m in _PRICE.finditer(text):
            yield m.span()


def _postcodes(text: str) -> Iterator[tuple[int, int]]:
    if _POSTCODE_HINT.search(text):
        for m in _POSTCODE.finditer(text):
            yield m.span()


_FINDERS: tuple[Callable[[str], Iterator[tuple[int, int]]], ...] = (
    _spans(_IBAN),
    _dates,
    _times,
    _prices,
    _postcodes,
    _spans(_HASH_REF),
)


def non_phone_spans(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` that are times, dates, prices, IBANs, postcodes or references."""
    return sorted({span for find in _FINDERS for span in find(text)})


@lru_cache(maxsize=1 << 12)
def mask_non_phones(text: str) -> str:
    """``text`` with every time, date, price, IBAN, postcode and reference blanked to spaces
    (newlines kept), so that offsets into it are offsets into ``text``. Kept by the text: the
    phone gatherer masks every block with digits, and a site's footer is on every page."""
    chars = list(text)
    for start, end in non_phone_spans(text):
        for i in range(start, end):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)
