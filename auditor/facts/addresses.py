"""Postal addresses in the visible text: street (or PO box), postal code and town.

The CRD (Art. 6(1)(c)) asks for the *geographic* address where the trader is established and
a PO box does not satisfy it, so a box is reported with ``po_box=True`` and the rules decide.

Addresses are recognised by the postal-code line, in the five formats of the audited
jurisdictions: ``123 45`` (SE), four digits (NO, DK) and five digits (FI, DE), each with an
optional country prefix (``SE-``, ``NO-``, ``DK-``, ``FI-``, ``D-``). Such digit groups are
everywhere on a shop page (prices, years, phone numbers), so a postal code counts only when
a capitalised town follows it and a street with a house number, or a PO box, stands on the
same line before it (after a comma) or on the line above. ``12345 Berlin`` alone is not an
address.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from auditor.facts.dom import Document, TextBlock, excerpt
from auditor.models import AddressFact

_UPPER = "A-ZÅÄÖÆØÜÉÈÁÓÚÍÑŠŽ"
# A capitalised word (or an all-caps one: STOCKHOLM), hyphens and apostrophes inside.
_CAP_WORD = rf"[{_UPPER}][\w'’]*(?:-[\w'’]+)*\.?"
# Lowercase words that sit inside town names: Frankfurt am Main, Halle an der Saale.
_TOWN_JOIN = r"(?:am|an|der|im|in|bei|ob|upon|on|i|de|la|sur)"

_POSTCODE_TOWN = re.compile(
    # Not glued to another number, date or org number ("556677-8899", "12.05.2024").
    r"(?<![\w./:+-])"
    r"(?:(?P<prefix>SE|S|NO|N|DK|FI|FIN|DE|D)-\s?)?"
    r"(?P<code>\d{3} \d{2}|\d{4,5})"
    rf"\s+(?P<town>{_CAP_WORD}(?:\s(?:{_TOWN_JOIN}\s)*{_CAP_WORD}){{0,2}})"
)
_US_STATES = (
    "AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND"
    "|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY"
)
#: Formats where the town comes first: the UK ("London NW1 6XE") and the US ("Springfield, IL 62704").
_TOWN_POSTCODE = re.compile(
    rf"(?<![\w-])(?P<town>{_CAP_WORD}(?:\s{_CAP_WORD}){{0,2}})"
    r"(?:,?\s+(?P<gb>[A-Z]{1,2}\d[A-Z\d]?\s?\d[ABD-HJLNP-UW-Z]{2})"
    rf"|,\s*(?:{_US_STATES})\s+(?P<us>\d{{5}}(?:-\d{{4}})?))(?![\w-])"
)
#: Words that end a town: what follows a postcode and town on the same line in footers.
_AFTER_TOWN = frozenset(
    {
        "sverige", "sweden", "norge", "norway", "danmark", "denmark", "suomi", "finland",
        "deutschland", "germany", "tel", "tel.", "tlf", "tlf.", "telefon", "phone", "puh",
        "puh.", "fon", "e-post", "email", "e-mail", "mail", "org", "org.nr", "cvr", "fax",
    }
)
#: Capitalised words after a number that are not (in) towns: currencies and units after
#: prices and quantities, legal forms after a year ("2024 Kompis Hem AB").
_NOT_TOWN = frozenset(
    {
        "kr", "kr.", "sek", "nok", "dkk", "eur", "euro", "st", "st.", "stk", "stk.", "pcs",
        "ab", "as", "asa", "aps", "a/s", "oy", "oyj", "gmbh", "ag", "kg", "ltd", "inc", "llc",
    }
)
_COPYRIGHT = re.compile(r"©|\(c\)|copyright", re.IGNORECASE)

_STREET_WORD = r"[^\W\d_][\w'’.-]*"
# Nordic and German style: name, then house number, letter, range, stair, and floor.
# Storgatan 12 · Vestergade 10, 2. sal · Musterstraße 5a · Mannerheimintie 12 B 4 · Gata 3-5
_STREET_NUMBER_LAST = (
    rf"{_STREET_WORD}(?:\s{_STREET_WORD}){{0,4}}\s\d{{1,4}}[a-zA-Z]?"
    r"(?:\s?[-–]\s?\d{1,4}[a-zA-Z]?)?"
    # a letter after a space ("24 A", "12 b"); not "i" or "o", which are words ("12 i Oslo")
    r"(?:\s(?:[A-Z]|[a-hj-np-z](?!\w))(?:\s\d{1,3})?)?"
    r"(?:,?\s\d{1,2}\.?\s?(?:sal|tv|th|mf|etg|etasje|vån|vån\.|tr|OG|EG|krs|floor)\.?)?"
)
# English style: 12 High Street.
_STREET_NUMBER_FIRST = rf"\d{{1,5}}[a-zA-Z]?\s{_STREET_WORD}(?:\s{_STREET_WORD}){{0,3}}"
_PO_BOX = (
    r"(?:Box|Postboks|Pb\.?|Postbox|Postfach|PL|Postilokero|P\.?\s?O\.?\s?Box|Postbus|BP|B\.P\.)"
    r"\s\d{1,6}(?:\s\d{2,4}){0,2}"
)
# The street is the last separated part of what it is given ("Kompis AB, Storgatan 12").
_STREET = re.compile(
    r"(?:^|[,:;|·•–]\s*|\s[-/]\s)"
    rf"(?:(?P<box>{_PO_BOX})|(?P<street>{_STREET_NUMBER_LAST}|{_STREET_NUMBER_FIRST}))"
    r"\s*[,;|·•–]?\s*$"
)
#: Labels that may stand before a street on its line: stripped from the street.
_STREET_LABEL = re.compile(
    r"^(?:besöks|post|leverans|gatu|käynti|posti|besøks|besøgs|retur|rücksende)?"
    r"(?:adress|adresse|osoite|address|anschrift)\s*:?\s*",
    re.IGNORECASE,
)
_COUNTRY_WORDS = (
    ("DK", re.compile(r"\b(?:danmark|denmark|dänemark)\b", re.IGNORECASE)),
    ("NO", re.compile(r"\b(?:norge|norway|norwegen)\b", re.IGNORECASE)),
    ("FI", re.compile(r"\b(?:finland|suomi|finnland)\b", re.IGNORECASE)),
    ("DE", re.compile(r"\b(?:deutschland|germany|tyskland)\b", re.IGNORECASE)),
    ("SE", re.compile(r"\b(?:sverige|sweden|schweden|ruotsi)\b", re.IGNORECASE)),
)
_PREFIX_COUNTRY = {"SE": "SE", "S": "SE", "NO": "NO", "N": "NO", "DK": "DK", "FI": "FI", "FIN": "FI",
                   "DE": "DE", "D": "DE"}


#: Endings of street names in the audited languages: a word ending so, then a house number, is a
#: street even without a postcode ("Butikken i Bogstadveien 10"). Short, generic endings (ring,
#: damm, ranta) are left out: "Hochzeitsring 585" is gold, not an address.
_STREET_ENDINGS = (
    "gatan", "gata", "vägen", "väg", "gränd", "torget", "torg", "allén", "backe", "backen", "stigen", "esplanaden",
    "veien", "vegen", "vei", "veg", "gaten", "gate", "alléen", "plassen", "plass",
    "vej", "vejen", "gade", "gaden", "stræde", "torv", "plads",
    "tie", "katu", "kuja", "polku", "tori", "väylä", "kaari",
    "straße", "strasse", "str.", "weg", "allee", "platz", "gasse",
)
_ENDINGS = "|".join(re.escape(e) for e in _STREET_ENDINGS)
#: Street words written apart: German capitalised ("Lübecker Straße"), Nordic lower-case after a
#: name in the genitive ("Karl Johans gate", "Kongens vej"). Never "Gate 4" at an airport.
_STREET_WORDS = "Straße|Strasse|Str\\.|Weg|Allee|Platz|Gasse|gate|gata|gatan|vei|veg|vej|gade|allé|plass|plads|torg"
_STREET_ONLY = re.compile(
    # A capitalised name ending like a street ("Bogstadveien"), or capitalised words and a street
    # word, a house number (or range), then nothing more of a number: the end, a separator, or
    # a capitalised word (the town, the next item).
    rf"(?<![\w-])(?P<street>(?:[{_UPPER}][\w'’-]*?(?:{_ENDINGS})"
    rf"|(?:[{_UPPER}][\w'’.-]*\s){{1,2}}(?:{_STREET_WORDS}))"
    r"\s?\d{1,4}[a-zA-Z]?(?:\s?[-–]\s?\d{1,4}[a-zA-Z]?)?)"
    rf"(?=\s*$|\s*[,;|·•)–]|\s+[{_UPPER}])",
)
#: Capitalised words after a number that make it an amount, not a house number ("Weg 14 Tage").
_UNIT_AFTER = re.compile(
    r"\s+(?:tage?n?|wochen|monate?n?|jahre?n?|euro|eur|kr|sek|nok|dkk|stk|stück|prozent|dagar|dager|dage|"
    r"päivää|days?|min|minuten|uhr)\b",
    re.IGNORECASE,
)


class ParsedAddress(NamedTuple):
    """An address found in a text, with the span it covers."""

    street: str
    postal_code: str
    town: str
    country: str
    po_box: bool
    start: int
    end: int


def gather_addresses(doc: Document, country_hint: str) -> list[AddressFact]:
    """Postal addresses of the page, once each (same street, postal code and town).

    ``country_hint`` (the site's jurisdiction) decides between countries that share a
    postal-code format (NO/DK, FI/DE) when the text does not name the country.
    """
    seen: set[tuple[str, str, str]] = set()
    out: list[AddressFact] = []
    for block in doc.blocks:
        parsed = parse_addresses(block.text, country_hint)
        if not parsed:
            out.extend(_streets_only(doc, block, country_hint, seen))
        for found in parsed:
            key = (found.street.lower(), found.postal_code, found.town.lower())
            if key in seen:
                continue
            seen.add(key)
            out.append(
                AddressFact(
                    url=doc.url,
                    locator=doc.locator(block.element),
                    excerpt=excerpt(block.text, found.start, found.end),
                    region=doc.region(block.element),
                    street=found.street,
                    postal_code=found.postal_code,
                    town=found.town,
                    country=found.country,
                    po_box=found.po_box,
                )
            )
    return out


def _streets_only(
    doc: Document, block: TextBlock, country_hint: str, seen: set[tuple[str, str, str]]
) -> list[AddressFact]:
    """Streets with a house number but no postcode or town in a block ("Butikken i Bogstadveien
    10"): an address a consumer cannot post to, which the rules report as incomplete."""
    out: list[AddressFact] = []
    for match in _STREET_ONLY.finditer(block.text):
        street = match.group("street")
        if _UNIT_AFTER.match(block.text, match.end()):
            continue
        key = (street.lower(), "", "")
        if key in seen:
            continue
        seen.add(key)
        out.append(
            AddressFact(
                url=doc.url, locator=doc.locator(block.element),
                excerpt=excerpt(block.text, match.start("street"), match.end("street")),
                region=doc.region(block.element), street=street, postal_code="", town="",
                country=country_hint.upper(),
            )
        )
    return out


def parse_addresses(text: str, country_hint: str) -> list[ParsedAddress]:
    """Addresses in a text whose lines are separated by newlines (a block, or a structured
    ``streetAddress`` and locality joined)."""
    lines = text.split("\n")
    offsets = [0]
    for line in lines[:-1]:
        offsets.append(offsets[-1] + len(line) + 1)
    out: list[ParsedAddress] = []
    for index, line in enumerate(lines):
        for match in _POSTCODE_TOWN.finditer(line):
            town = _town(match.group("town"))
            if not town:
                continue
            before = line[: match.start()]
            if _COPYRIGHT.search(before):
                continue
            street_span = _street(before)
            street_line = index
            if street_span is None and index > 0 and not re.search(r"\d", before):
                street_span = _street(lines[index - 1])
                street_line = index - 1
            if street_span is None:
                continue
            street, is_box, street_start = street_span
            code = re.sub(r"\s", "", match.group("code"))
            country = postal_country(
                match.group("code"), country_hint, prefix=match.group("prefix"), town=town, text=text
            )
            out.append(
                ParsedAddress(
                    street=street,
                    postal_code=f"{code[:3]} {code[3:]}" if country == "SE" else code,
                    town=town,
                    country=country,
                    po_box=is_box,
                    start=offsets[street_line] + street_start,
                    end=offsets[index] + match.start("town") + len(town),
                )
            )
        out.extend(_town_first(lines, offsets, index))
    return out


def _town_first(lines: list[str], offsets: list[int], index: int) -> list[ParsedAddress]:
    """UK and US addresses on line ``index``: the street before the town (after a comma) or on
    the line above, then the town and the postcode."""
    out: list[ParsedAddress] = []
    line = lines[index]
    for match in _TOWN_POSTCODE.finditer(line):
        town = _town(match.group("town"))
        before = line[: match.start()]
        if not town or _COPYRIGHT.search(before):
            continue
        street_span = _street(before)
        street_line = index
        if street_span is None and index > 0 and not re.search(r"\d", before):
            street_span, street_line = _street(lines[index - 1]), index - 1
        if street_span is None:
            continue
        street, is_box, street_start = street_span
        country = "GB" if match.group("gb") else "US"
        out.append(
            ParsedAddress(
                street=street, postal_code=match.group("gb") or match.group("us"), town=town, country=country,
                po_box=is_box, start=offsets[street_line] + street_start, end=offsets[index] + match.end(),
            )
        )
    return out


def _street(text: str) -> tuple[str, bool, int] | None:
    """The street (or PO box) that ``text`` ends with, whether it is a box, and where it starts."""
    match = _STREET.search(text.rstrip())
    if match is None:
        return None
    if match.group("box"):
        return match.group("box"), True, match.start("box")
    street = match.group("street")
    label = _STREET_LABEL.match(street)
    start = match.start("street")
    if label:
        street, start = street[label.end():], start + label.end()
    if not street or not re.search(r"[^\W\d_]{2}", street):
        return None
    return street, False, start


def _town(raw: str) -> str:
    """The town, cut before a country name or label that follows it on the line."""
    words: list[str] = []
    for word in raw.split():
        if word.lower().rstrip(",") in _AFTER_TOWN:
            break
        words.append(word.rstrip(","))
    while words and re.fullmatch(_TOWN_JOIN, words[-1]):
        words.pop()
    if not words or any(word.lower() in _NOT_TOWN for word in words):
        return ""
    return " ".join(words).rstrip(".")


def _is_district(word: str) -> bool:
    """Danish postal districts: København K, Aarhus C, København SV."""
    return bool(re.fullmatch(r"[A-ZÆØÅ]{1,2}", word))


def is_po_box(street: str) -> bool:
    """Whether a street line is a PO box (``Box 123``, ``Postboks 45``, ``Postfach 12 34``)."""
    return bool(re.fullmatch(_PO_BOX, street.strip()))


def postal_country(code: str, hint: str, *, prefix: str | None = None, town: str = "", text: str = "") -> str:
    """The country of a postal code: its prefix, its format, then the country named in the
    text around it, then the hint.

    Four digits are Norwegian or Danish; a Danish postal district after the town (København K,
    Aarhus C) settles it. Five digits are Finnish or German, or Swedish written without the
    space.
    """
    hint = hint.upper()
    if prefix:
        return _PREFIX_COUNTRY[prefix.upper()]
    code = code.strip()
    if not re.fullmatch(r"\d{3} ?\d{2}|\d{4}", code):
        return ""
    if " " in code:
        return "SE"
    if len(code) == 4:
        candidates: tuple[str, ...] = ("NO", "DK")
        if town and _is_district(town.split()[-1]):
            return "DK"
    else:
        candidates = ("FI", "DE", "SE")
    for country, pattern in _COUNTRY_WORDS:
        if country in candidates and pattern.search(text):
            return country
    if hint in candidates:
        return hint
    return candidates[0] if len(code) == 4 else "DE"
