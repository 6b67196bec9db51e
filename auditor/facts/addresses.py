"""Postal addresses in the visible text: street (or PO box), postal code and town.

The CRD (Art. 6(1)(c)) asks for the *geographic* address where the trader is established and
a PO box does not satisfy it, so a box is reported with ``po_box=True`` and the rules decide.
A c/o line ("c/o Kontorshotellet, Storgatan 12") is a street address: the letter reaches the
trader at a geographic place.

Addresses are recognised by the postal-code line, in the formats of every country in
``postal_formats.toml`` (the EU/EEA, Switzerland, the UK and the US): the postcode before the
town (``1234 AB Amsterdam``, ``00-950 Warszawa``, ``D-10115 Berlin``) or after it (``London SW1A
1AA``, ``Portland, OR 97205``, ``Rīga, LV-1010``). Such digit groups are everywhere on a shop page
(prices, years, order and phone numbers), so a postal code counts only when a capitalised town
stands by it and a street with a house number, or a PO box, stands on the same line before it
(after a separator) or alone on the line above. ``12345 Berlin`` alone is not an address.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any, NamedTuple

from babel import Locale

from auditor.facts.dom import Document, TextBlock, clean, excerpt
from auditor.facts.literals import LiteralGate, fold
from auditor.facts.third_parties import Owner, owner_by_context
from auditor.models import AddressFact, Region

#: Upper-case letters of the Latin and Greek scripts (Ł, Č, Ő, Ā, Ω ...).
_UPPER = "".join(c for c in map(chr, range(0x41, 0x3FF)) if c.isupper() and c.isalpha())
_UPPER_CLASS = re.escape(_UPPER)
# A capitalised word (or an all-caps one: STOCKHOLM), hyphens and apostrophes inside.
# A dot ends only a short word ("St. Gallen", "Ft."): "Oslo. Du når oss" ends the town at "Oslo".
_CAP_WORD = rf"(?:'s-)?(?:[{_UPPER_CLASS}][\w'’]{{0,2}}\.|[{_UPPER_CLASS}][\w'’]*(?:-[\w'’]+)*)"
# Lowercase words that sit inside town names: Frankfurt am Main, Santa Cruz de Tenerife.
_TOWN_JOIN = r"(?:am|an|der|im|in|bei|ob|upon|on|i|de|la|le|les|sur|del|di|da|do|dos|das|en|aan|den|op|nad|pod)"
_TOWN = rf"{_CAP_WORD}(?:\s(?:{_TOWN_JOIN}\s)*{_CAP_WORD}){{0,2}}"
_DATA = resources.files("auditor") / "facts" / "postal_formats.toml"  # also when compiled (auditor.native)
#: The languages a country's name is read in, besides its own.
_NAME_LANGUAGES = ("sv", "nb", "da", "fi", "de", "en")


@dataclass(frozen=True)
class PostalFormat:
    """How one country writes its postcode and town (a table of ``postal_formats.toml``)."""

    country: str
    postcode: re.Pattern[str]
    order: tuple[str, ...]
    prefixes: tuple[str, ...]
    between: str
    names: tuple[str, ...]


@cache
def _data() -> dict[str, Any]:
    """``postal_formats.toml``, read once."""
    return tomllib.loads(_DATA.read_text(encoding="utf-8"))


@cache
def postal_formats() -> dict[str, PostalFormat]:
    """Every country whose addresses the tool reads, in the order of preference of the file."""
    out: dict[str, PostalFormat] = {}
    for code, spec in _data()["country"].items():
        names = {*spec.get("names", ())}
        for lang in (*_NAME_LANGUAGES, *spec["languages"]):
            name = Locale.parse(lang).territories.get(code)
            if name:
                names.add(name)
        out[code] = PostalFormat(
            country=code, postcode=re.compile(spec["postcode"]), order=tuple(spec["order"]),
            prefixes=tuple(spec.get("prefixes", ())), between=spec.get("between", ""),
            names=tuple(sorted(names, key=len, reverse=True)),
        )
    return out


#: Countries whose postal addresses the tool reads: the contact rules' known countries. Read
#: from the file's tables, not from :func:`postal_formats`, whose country names (in the tool's
#: languages and each country's own) load Babel's data of some 30 locales, about a quarter of a
#: second: a process that imports the rules and reads no address (a batch's crawl) does without.
ADDRESS_COUNTRIES = frozenset(_data()["country"])


@cache
def _counties() -> frozenset[str]:
    """British counties, case-folded: a county is not the town ("Cornwall, PL28 8AX")."""
    return frozenset(n.casefold() for n in _data()["counties"]["names"])


def _is_county(text: str) -> bool:
    return bool(_COUNTY_NAME.match(text)) or text.strip().casefold() in _counties()


@cache
def _po_box_words() -> str:
    words = _data()["po_box"]["words"]
    return "|".join(sorted(words, key=len, reverse=True))


class _Grammar(NamedTuple):
    postcode_first: list[tuple[re.Pattern[str], tuple[str, ...]]]
    town_first: list[tuple[re.Pattern[str], tuple[str, ...]]]
    prefix_country: dict[str, str]
    #: per country, its names' pattern and their words (:class:`~auditor.facts.literals.LiteralGate`)
    country_names: list[tuple[str, re.Pattern[str], LiteralGate]]
    name_words: frozenset[str]
    #: Every pattern of ``postcode_first`` (``town_first``) as alternatives of one, names dropped:
    #: where it finds nothing, none of them does, so a line is scanned once instead of once a
    #: format (sentences with a date or a price are most lines with a digit).
    any_postcode_first: re.Pattern[str]
    any_town_first: re.Pattern[str]


#: Between a town and the postcode after it: a space, a comma, a pipe or a middle dot ("Galway · H91 X2K4").
_TOWN_CODE_GAP = r"(?:,?\s+|\s*[|·•]\s*)"


@cache
def _grammar() -> _Grammar:
    """The regular expressions built from the data: one per postcode shape and order."""
    formats = postal_formats()
    prefix_country: dict[str, str] = {}
    for fmt in formats.values():
        for prefix in fmt.prefixes:
            prefix_country.setdefault(prefix.upper(), fmt.country)
    prefixes = "|".join(sorted(prefix_country, key=len, reverse=True))
    first: dict[str, list[str]] = {}
    last: dict[tuple[str, str], list[str]] = {}
    for fmt in formats.values():
        if any(o.startswith("postcode town") for o in fmt.order):
            first.setdefault(fmt.postcode.pattern, []).append(fmt.country)
        if "town postcode" in fmt.order:
            last.setdefault((fmt.postcode.pattern, fmt.between), []).append(fmt.country)
    postcode_first = [
        (
            re.compile(
                # Not glued to another number, date or org number ("556677-8899", "12.05.2024").
                r"(?<![\w./:+-])"
                rf"(?:(?P<prefix>{prefixes})\s?-\s?)?"
                rf"(?P<code>{pattern})"
                rf",?\s+(?P<town>{_TOWN})"
            ),
            tuple(countries),
        )
        for pattern, countries in first.items()
    ]
    town_first = [
        (
            re.compile(
                rf"(?<![\w-])(?P<town>{_CAP_WORD}(?:\s{_CAP_WORD}){{0,2}}(?:\s[1-9]\d?)?)"
                + (rf",\s*{between}\s+" if between else _TOWN_CODE_GAP)
                + rf"(?P<code>{pattern})(?![\w-])"
            ),
            tuple(countries),
        )
        for (pattern, between), countries in last.items()
    ]
    names: list[tuple[str, re.Pattern[str], LiteralGate]] = []
    words: set[str] = set()
    for fmt in formats.values():
        alternatives = "|".join(re.escape(n) for n in fmt.names)
        upper = "|".join(re.escape(n.upper()) for n in fmt.names)
        pattern = re.compile(rf"(?<![\w-])(?:{alternatives}|{upper})(?![\w-])")
        names.append((fmt.country, pattern, LiteralGate(pattern)))
        words.update(n.split()[0].casefold().rstrip(".") for n in fmt.names)
    any_postcode_first = re.compile(
        rf"(?<![\w./:+-])(?:(?:{prefixes})\s?-\s?)?(?:{'|'.join(f'(?:{p})' for p in first)}),?\s+(?:{_TOWN})"
    )
    separated = "|".join(
        (rf",\s*{between}\s+" if between else _TOWN_CODE_GAP) + f"(?:{pattern})" for pattern, between in last
    )
    any_town_first = re.compile(
        rf"(?<![\w-])(?:{_CAP_WORD}(?:\s{_CAP_WORD}){{0,2}}(?:\s[1-9]\d?)?)(?:{separated})(?![\w-])"
    )
    return _Grammar(postcode_first, town_first, prefix_country, names, frozenset(words), any_postcode_first,
                    any_town_first)


#: Words that end a town: what follows a postcode and town on the same line in footers.
_AFTER_TOWN = frozenset(
    {
        "tel", "tel.", "tlf", "tlf.", "telefon", "phone", "puh", "puh.", "fon", "e-post", "email",
        "e-mail", "mail", "org", "org.nr", "cvr", "fax", "mob", "mob.", "kvk", "nip", "vat", "ust-id",
        "ust-idnr", "ust-idnr.", "btw", "tva", "iva", "p.iva", "regon", "krs", "nif", "cif", "uid",
    }
)
#: Capitalised words after a number that are not (in) towns: currencies and units after
#: prices and quantities, legal forms after a year ("2024 Kompis Hem AB").
_NOT_TOWN = frozenset(
    {
        "kr", "kr.", "sek", "nok", "dkk", "eur", "euro", "st", "st.", "stk", "stk.", "pcs", "zł", "zl",
        "pln", "czk", "huf", "ron", "chf", "gbp", "usd", "stück", "tage", "werktage", "dagar", "dager",
        "dage", "uhr", "minuten", "stunden", "wochen", "monate", "jahre", "prozent", "punkte", "kunden",
        "ab", "as", "asa", "aps", "a/s", "oy", "oyj", "gmbh", "ag", "kg", "ltd", "inc", "llc", "bv", "b.v.",
        "nv", "sa", "s.a.", "sarl", "srl", "s.r.l.", "spa", "s.p.a.", "sl", "s.l.", "sp", "kft", "s.r.o.",
        "sro", "oü", "uab", "sia", "ehf", "plc",
    }
)
_COPYRIGHT = re.compile(r"©|\(c\)|copyright", re.IGNORECASE)


def _after_copyright(before: str) -> bool:
    """Whether what stands before a postcode on its line is a copyright notice's own part ("©
    2024 Kompis Hem AB": the year is no postcode). A copyright in an earlier part of the line,
    apart by a bullet, bar or comma ("© 2026 Gerber GbR • Hauptstr. 102 • 69117 Heidelberg",
    "© 2026 Wee Dram Gifts Ltd, 56 Union Street, Aberdeen AB11 6BD"), leaves the address be."""
    return _COPYRIGHT.search(re.split(r"\s[•|·]\s|,\s", before)[-1]) is not None

_STREET_WORD = r"[^\W\d_][\w'’.-]*"
_HOUSE_NUMBER = (
    r"(?:n[º°o]\.?\s?|nr\.?\s?|Nr\.?\s?)?"
    r"[1-9]\d{0,3}[a-zA-Z]?"
    # a range or a slash: 3-5, 10/12, 832/19
    r"(?:\s?[-–/]\s?(?:\d{1,4}[a-zA-Z]?|[A-Z](?![\w])))?(?:/\d{1,4}){0,2}"
    # a flat after a building's corpus: "Vilisuu tn 9/2-14" (house 9, corpus 2, flat 14)
    r"(?:(?<=/\d)-\d{1,4}|(?<=/\d\d)-\d{1,4})?"
    # a Latin ordinal or a Dutch ground-floor mark after the number: "212 bis", "4 ter", "17 hs"
    r"(?:\s(?:bis|ter|quater|hs)(?![\w]))?"
    # a letter after a space ("24 A", "12 b"); not "i" or "o", which are words ("12 i Oslo")
    r"(?:\s(?:[A-Z]|[a-hj-np-z](?!\w))(?:\s\d{1,3})?)?"
    # a floor, flat or stair: 2. sal, 3 tv, 2.º Esq., lok. 5, Top 4, bus 2
    r"(?:,?\s(?:\d{1,2}\.?\s?(?:sal|tv|th|mf|etg|etasje|vån|vån\.|tr|OG|EG|krs|floor)\.?"
    # Danish ground floor and basement: "st. tv.", "kld."
    r"|(?:st|kld)\.(?:\s?(?:tv|th|mf)\.?)?"
    r"|\d{1,2}\.?\s?[º°ª]\.?(?:\s?(?:andar|piso|Esq|Dto|Dir|izq|dcha|[A-Z]))?\.?"
    r"|(?:lok|m|apt|app|Apt|Suite|Ste|bus|bte|Stiege|Top|piso|esc|int|scala|sc|as|bs|lgh|hus|lokale)\.?\s?\d{1,4}[a-zA-Z]?"
    r"|\d{1,2}\.\s?(?:Stock|Etage|krs|kerros)"
    # a Danish floor alone, between commas: "Nørregade 12, 1., 1165 København K"
    r"|\d{1,2}\.(?=\s?,)))?"
)
# Continental style: name, then house number ("Keizersgracht 123", "ul. Marszałkowska 10/12 lok. 5",
# "Via Roma, 10", "Mannerheimintie 12 B 4", "Vestergade 10, 2. sal").
_STREET_NUMBER_LAST = rf"{_STREET_WORD}(?:\s{_STREET_WORD}){{0,4}},?\s{_HOUSE_NUMBER}"
# English and French style: 12 High Street, 12 bis rue de la Paix, 12, rue du Port.
_STREET_NUMBER_FIRST = (
    rf"[1-9]\d{{0,4}}[a-zA-Z]?(?:\s?[-–]\s?\d{{1,5}})?(?:\s(?:bis|ter))?,?\s{_STREET_WORD}(?:\s{_STREET_WORD}){{0,5}}"
)
#: First words that make a "name and number" something else: an article, an order, a phone.
_NOT_STREET = frozenset(
    {
        "artikel", "art", "art.", "article", "artikkel", "artikelnummer", "artikkelnummer", "varenummer",
        "varenr", "varenr.", "tuotenumero", "tuote", "order", "ordernummer", "ordrenummer", "ordre", "ordrenr",
        "ordernr", "bestellung", "bestellnummer", "bestellnr", "auftrag", "auftragsnummer", "tilaus",
        "tilausnumero", "rechnung", "rechnungsnummer", "faktura", "fakturanummer", "lasku", "invoice",
        "kundennummer", "kundnummer", "kundenummer", "asiakasnumero", "sku", "ean", "item", "nr", "nr.",
        "no", "no.", "tel", "tel.", "telefon", "telephone", "phone", "fax", "puh", "puh.", "mob", "mobil",
        "version", "kapitel", "chapter", "sida", "side", "seite", "page", "pris", "preis", "price", "hinta",
        "öppet", "åpent", "åbent", "auki", "geöffnet", "open", "paket", "lieferung", "levering", "leverans",
        "toimitus", "delivery", "öppettider", "åpningstider", "åbningstider", "aukioloajat", "öffnungszeiten",
        "år", "jahr", "year", "vuosi", "ca", "ca.", "circa", "mindst", "minst", "mindestens", "vähintään",
        "inom", "innen", "within", "binnen", "innerhalb", "dagar", "dager", "dage", "tage", "days", "päivää",
        "kr", "eur", "sek", "summa", "total", "gesamt", "yhteensä", "rabatt", "alennus", "discount",
    }
)
#: A PO box word right before a number: the number is the box's ("Postboks 2214 Grünerløkka"), not
#: a postcode with its town.
_BOX_NUMBER = re.compile(rf"(?i:\b(?:{_po_box_words()}))\.?\s?(?:nr\.?\s?|no\.?\s?)?$")
#: "c/o", "co", "℅" before a name and then the street: "c/o Kontorshotellet Storgatan 12".
_CARE_OF = re.compile(r"(?:^|[\s,])(?:c/o|c\.o\.|℅)\s", re.IGNORECASE)
_PO_BOX = rf"(?:{_po_box_words()})\s?(?:nr\.?\s?|no\.?\s?)?\d{{1,6}}(?:\s\d{{2,4}}){{0,2}}"
_PO_BOX_RE = re.compile(_PO_BOX, re.IGNORECASE)
#: A PO box that may name its post office after the number ("Postboks 2214 Grünerløkka").
_NAMED_BOX = rf"(?i:{_PO_BOX})(?:\s[{_UPPER}][\w'’-]+){{0,2}}"
# The street is the last separated part of what it is given ("Kompis AB, Storgatan 12").
_STREET = re.compile(
    r"(?:^|[,:;|·•–]\s*|\s[-/]\s)"
    # a box may name its post office after the number ("Postboks 2214 Grünerløkka, 0505 Oslo")
    rf"(?:(?P<box>{_NAMED_BOX})|(?P<street>{_STREET_NUMBER_LAST}|{_STREET_NUMBER_FIRST}))"
    r"\s*[,;|·•–]?\s*$"
)
#: Labels that may stand before a street on its line: stripped from the street.
_STREET_LABEL = re.compile(
    r"^(?:besöks|post|leverans|gatu|käynti|posti|besøks|besøgs|retur|rücksende|firmen|geschäfts)?"
    r"(?:adress|adresse|osoite|address|anschrift|adres|indirizzo|dirección|direccion|morada|cím|adresa)"
    r"\s*:?\s*",
    re.IGNORECASE,
)


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
#: A PO box alone in its block ("Postboks 1187 Sentrum" in a paragraph of its own, the postcode
#: and town in the next): joined with them as a street alone is.
_BOX_LINE = re.compile(rf"^\s*(?P<street>{_NAMED_BOX})\s*[,.]?\s*$")
_STREET_ONLY = re.compile(
    # A capitalised name ending like a street ("Bogstadveien"), or capitalised words and a street
    # word, a house number (or range), then nothing more of a number: the end, a separator, or
    # a capitalised word (the town, the next item).
    rf"(?<![\w-])(?P<street>(?:[{_UPPER}][\w'’-]*?(?:{_ENDINGS})"
    rf"|(?:[{_UPPER}][\w'’.-]*\s){{1,2}}(?:{_STREET_WORDS}))"
    r"\s?\d{1,4}[a-zA-Z]?(?:\s?[-–]\s?\d{1,4}[a-zA-Z]?)?)"
    rf"(?=\s*$|\s*[,;|·•)–]|\s+[{_UPPER}]|\s*\([^()\d\n]{{1,30}}\)\s*$)",  # or a remark in brackets: "(Hinterhaus)"
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
    fields = _FieldReader()
    for block, previous in doc.blocks_with_before(_JOIN_REACH):
        fielded = fields.read(doc, block, country_hint, seen)
        if fielded is not None:
            out.append(fielded)
            continue
        parsed = parse_addresses(block.text, country_hint)
        if not parsed:
            streets = _streets_only(doc, block, country_hint, seen)
            unread = _unread_streets(doc, block, country_hint, seen)
            out.extend(streets)
            out.extend(_with_street_above(_with_british_street_above(fact, previous), previous) for fact in unread)
            if not streets and not unread:
                out.extend(_labelled(doc, block, country_hint, previous) or _abroad(doc, block))
        for found in parsed:
            key = (found.street.lower(), found.postal_code, found.town.lower())
            if key in seen:
                continue
            seen.add(key)
            # "Kuluttajariitalautakunta, PL 306, 00531 Helsinki": an authority's, not the trader's.
            owner = owner_by_context(block.text, found.start) or _returns_care_of(block.text, found.start)
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
                    third_party=owner is not None,
                    owner=owner.name if owner else "",
                    owner_reason=owner.reason if owner else None,
                )
            )
    return _joined_across_blocks(out)


#: How many facts back a street alone may stand before the postcode and town it goes with (a table
#: row, a list item or a paragraph each: street, a district line, postcode and town).
_JOIN_REACH = 2


def _joined_across_blocks(facts: list[AddressFact]) -> list[AddressFact]:
    """A street alone in one block and a postcode and town alone in a block just after it (table
    cells, list items, ``<dd>``s, paragraphs: "Königsallee 61" / "40212 Düsseldorf") are one
    address: the pair becomes a read address where both stand in the same region of the page."""
    out = list(facts)
    used: set[int] = set()
    for at, fact in enumerate(facts):
        if fact.method != "unread_street":
            continue
        for back in range(at - 1, max(-1, at - 1 - _JOIN_REACH), -1):
            street = facts[back]
            if (back not in used and street.method == "text" and not street.postal_code and street.street
                    and street.region == fact.region):
                out[at] = fact.model_copy(update={
                    "street": street.street, "method": "text", "locator": street.locator, "po_box": street.po_box,
                    "excerpt": f"{street.excerpt} … {fact.excerpt}",
                    "third_party": street.third_party or fact.third_party,
                    "owner": street.owner or fact.owner, "owner_reason": street.owner_reason or fact.owner_reason,
                })
                used.add(back)
                break
    return [f for i, f in enumerate(out) if i not in used]


def _with_british_street_above(fact: AddressFact, previous: list[tuple[Region, str]]) -> AddressFact:
    """A British or Irish postcode and town opening their block, under a street without a house
    number in a block of its own ("Northumberland Street" / "Alnmouth NE66 2RS", one paragraph
    a line as site builders write them): the street is that block's."""
    if fact.country not in _STREET_WORD_COUNTRIES:
        return fact
    for region, text in reversed(previous):
        line = text.strip().rstrip(",")
        if region != fact.region or "\n" in line or len(line) > _STREET_LINE:
            return fact
        if _british_street(line):
            return _with_street(fact, line)
    return fact


def _with_street(fact: AddressFact, line: str) -> AddressFact:
    """A postcode and town read with the street a block above gives them."""
    return fact.model_copy(update={"street": line, "method": "text", "excerpt": f"{line} … {fact.excerpt}"})


#: The longest line read as a street alone (a British street without a number).
_STREET_LINE = 60
#: The longest block read as a street with its number alone, above a postcode and town.
_NUMBERED_STREET_LINE = 40


def _with_street_above(fact: AddressFact, previous: list[tuple[Region, str]]) -> AddressFact:
    """A postcode and town alone in their block, right under a block that is a street and house
    number and nothing else, in the same region ("Bodarna 112" / "793 92 Leksand": a village
    address, one paragraph a line as site builders write them): the street is that block's."""
    if fact.method != "unread_street" or not previous:
        return fact
    region, text = previous[-1]
    line = text.strip().rstrip(",")
    if region != fact.region or "\n" in line or len(line) > _NUMBERED_STREET_LINE or any(c in line for c in ":.@/"):
        return fact
    span = _street(line)
    if span is None or span[0] != line or span[1]:
        return fact
    return _with_street(fact, line)


#: A form-like address, one field a cell or line: "Postnr:" / "411 38", "Ort: Göteborg".
_CODE_FIELD = re.compile(
    r"\s*(?:post\s?(?:nr|nummer|kod|code|al\s?code)|postnr|plz|postleitzahl|postinumero|zip(?:\s?code)?)\.?\s*:?"
    r"\s*(?P<value>[^\n]{0,12})\s*",
    re.IGNORECASE,
)
_TOWN_FIELD = re.compile(
    r"\s*(?:ort|postort|stad|sted|poststed|by|town|city|stadt|postitoimipaikka|paikkakunta|kaupunki)\.?\s*:?"
    r"\s*(?P<value>[^\n\d]{0,40})\s*",
    re.IGNORECASE,
)
#: How many blocks the town field may come after the postcode field (its value cell between).
_FIELD_REACH = 3


class _FieldReader:
    """Postcode and town given as separate fields of a table, list or form-like text ("Postnr:" /
    "411 38" / "Ort:" / "Göteborg"): read as a postcode and town whose street is its own field,
    which the street alone before it then joins (:func:`_joined_across_blocks`)."""

    def __init__(self) -> None:
        self.code = ""
        self.since = 0
        self.awaiting: str = ""  # the field whose value is the next block's text

    def read(
        self, doc: Document, block: TextBlock, country_hint: str, seen: set[tuple[str, str, str]]
    ) -> AddressFact | None:
        text = block.text.strip()
        if len(text) > 60 or "\n" in text:
            self.code = self.awaiting = ""
            return None
        self.since += 1
        if self.awaiting == "code":
            self.awaiting, self.code, self.since = "", text, 0
            return None
        if self.awaiting == "town":
            self.awaiting = ""
            return self._fact(doc, block, text, country_hint, seen)
        code = _CODE_FIELD.fullmatch(text)
        if code is not None:
            value = code.group("value").strip()
            self.code, self.since, self.awaiting = value, 0, "" if value else "code"
            return None
        town = _TOWN_FIELD.fullmatch(text) if self.code and self.since <= _FIELD_REACH else None
        if town is not None:
            value = town.group("value").strip()
            if not value:
                self.awaiting = "town"
                return None
            return self._fact(doc, block, value, country_hint, seen)
        return None

    def _fact(
        self, doc: Document, block: TextBlock, town: str, country_hint: str, seen: set[tuple[str, str, str]]
    ) -> AddressFact | None:
        line = f"{self.code} {town}"
        self.code = ""
        for code in _codes(line):
            country = postal_country(code.code, country_hint, prefix=code.prefix, town=code.town, text=line,
                                     among=code.countries)
            key = ("", code.code, code.town.lower())
            if not country or key in seen:
                continue
            seen.add(key)
            return _unread_fact(doc, block, line, code, country, None)
        return None


def _unread_streets(
    doc: Document, block: TextBlock, country_hint: str, seen: set[tuple[str, str, str]]
) -> list[AddressFact]:
    """A postcode and town whose street the tool could not read (a format or layout it does not
    know): not an address it can show, but no proof that none is given either, so the rules
    send it to review rather than say "no address"."""
    out: list[AddressFact] = []
    offset = 0
    lines = block.text.split("\n")
    for row, line in enumerate(lines):
        if re.search(r"\d", line):
            for code in _codes(line):
                if _after_copyright(line[: code.start]):
                    continue
                country = postal_country(code.code, country_hint, prefix=code.prefix, town=code.town,
                                         text=block.text, among=code.countries)
                key = ("", code.code, code.town.lower())
                if not country or key in seen:
                    continue
                if not _may_follow_street(line[: code.start], code, country, country_hint, line):
                    continue
                seen.add(key)
                start = offset + code.start
                shown = excerpt(block.text, start, offset + code.end)
                fact = _unread_fact(doc, block, shown, code, country, owner_by_context(block.text, start))
                places = _irish_places_above(lines, row) if country == "IE" and _EIRCODE.fullmatch(code.code) else ""
                out.append(fact.model_copy(update={"street": places, "method": "text"}) if places else fact)
        offset += len(line) + 1
    return out


#: A whole Eircode: its routing key and the four characters that name one building.
_EIRCODE = re.compile(r"[A-Z]\d[\dW] ?[0-9A-Z]{4}")


def _irish_places_above(lines: list[str], row: int) -> str:
    """The house name and townland on the lines right above an Eircode and its town ("The Old
    Creamery" / "Courtmacsherry" / "Co. Cork P72 X2K8"), joined: a rural Irish address has no
    street or number, and its Eircode names the building, so those lines are its street. Only
    lines that are place names and nothing else (no company name, label, number or email)."""
    places: list[str] = []
    for above in range(row - 1, max(-1, row - 3), -1):
        line = lines[above].strip().rstrip(",")
        if not line or len(line) > _NUMBERED_STREET_LINE or not _whole_town(line):
            break
        places.append(line)
    return ", ".join(reversed(places))


def _unread_fact(
    doc: Document, block: TextBlock, shown: str, code: _Code, country: str, owner: Owner | None
) -> AddressFact:
    """A postcode and town whose street was not read, as an ``unread_street`` fact."""
    return AddressFact(
        url=doc.url, locator=doc.locator(block.element), excerpt=shown, region=doc.region(block.element),
        postal_code=_show_code(code.code, country), town=code.town, country=country, method="unread_street",
        third_party=owner is not None, owner=owner.name if owner else "",
        owner_reason=owner.reason if owner else None,
    )


#: An address label at the start of a line, and what follows it (on its line and up to two
#: more): "Adresse: …", "Anschrift –", "Registered office:"; not "E-postadress", "IP address".
_LABEL_WORDS = (
    r"(?:(?:besöks|post|gatu)?adress|(?:besøks|besøgs|post|forretnings)?adresse|(?:käynti|posti)?osoite|"
    r"(?:post)?anschrift|firmensitz|(?:registered |postal |visiting |business |our )?address|registered office)"
)
_ADDRESS_LABEL = re.compile(
    rf"(?:^|\n)[ \t]*{_LABEL_WORDS}[ \t]*(?:[:–-][ \t]*|\n)(?P<value>[^\n]{{4,120}}(?:\n[^\n]{{2,60}}){{0,2}})",
    re.IGNORECASE,
)
#: A block that is only an address label (a ``<dt>``, a header cell).
_LABEL_ONLY = re.compile(rf"\s*{_LABEL_WORDS}\s*:?\s*", re.IGNORECASE)
#: A name and a number side by side: a street and its number, a number and a street or town.
_NAME_AND_NUMBER = re.compile(rf"[{_UPPER}][\w'’.-]+\s+\d{{1,5}}\b|\b\d{{1,5}}[a-zA-Z]?\s+[{_UPPER}]")


def _labelled(
    doc: Document, block: TextBlock, country_hint: str, previous: list[tuple[Region, str]]
) -> list[AddressFact]:
    """What an address label announces when the parser read no address in it ("Adresse:" / "Niels
    Finsens gøta 9, FO-100 Tórshavn"): a format the tool does not know is no proof that no
    address is given, so the rules send it to review with the text, not "no address". The label
    may stand on the block's line or alone in the block just above (a ``<dt>``, a table cell)."""
    out: list[AddressFact] = []
    text = block.text
    above = previous[-1][1].strip() if previous and previous[-1][0] == doc.region(block.element) else ""
    if above and _LABEL_ONLY.fullmatch(above):
        text = f"{above}\n{text}"
    shift = len(text) - len(block.text)
    for match in _ADDRESS_LABEL.finditer(text):
        value = match.group("value").strip()
        if not _NAME_AND_NUMBER.search(value) or re.search(r"@|https?:|www\.", value, re.IGNORECASE):
            continue  # no name beside a number, or an email or web address: not a postal address
        start, end = max(match.start("value") - shift, 0), max(match.end("value") - shift, 0)
        out.append(_labelled_fact(doc, block, value, country_hint.upper(), (start, end), start))
    return out


def _labelled_fact(
    doc: Document, block: TextBlock, value: str, country: str, shown: tuple[int, int], at: int
) -> AddressFact:
    """An address the tool could not read (``labelled``): ``value`` kept as its street, the text
    ``block.text[slice(*shown)]`` as its excerpt, its owner read from the text around ``at``."""
    owner = owner_by_context(block.text, at)
    return AddressFact(
        url=doc.url, locator=doc.locator(block.element), excerpt=excerpt(block.text, *shown),
        region=doc.region(block.element), street=clean(value)[:_LABELLED_LENGTH], postal_code="", town="",
        country=country, method="labelled", third_party=owner is not None,
        owner=owner.name if owner else "", owner_reason=owner.reason if owner else None,
    )


def _abroad(doc: Document, block: TextBlock) -> list[AddressFact]:
    """An address in a country whose formats the tool does not know, shown by its last line: the
    country's name alone ("Flat 1907, 19/F, Wing Fat Industrial Building" / "12 Wang Tai Road,
    Kowloon Bay" / "Hong Kong"), under a line with a number and words. Not read as a street and
    postcode, it is no proof that none is given: a ``labelled`` fact, which the rules send to
    review with its text, in that country."""
    lines = [line.strip().rstrip(",.") for line in block.text.split("\n")]
    for row, line in enumerate(lines):
        code = _foreign_countries().get(fold(line)) if 2 < len(line) <= _COUNTRY_LINE else None
        if code is None or row == 0:
            continue
        above = [text for text in lines[max(0, row - 2) : row] if text]
        if not any(_NAME_AND_NUMBER.search(text) for text in above):
            continue
        # the whole block is shown: the address's lines stand above its country's name
        return [_labelled_fact(doc, block, ", ".join(above), code, (0, len(block.text)), block.text.find(line))]
    return []


#: The longest line read as a country's name alone.
_COUNTRY_LINE = 40


@cache
def _foreign_countries() -> dict[str, str]:
    """Country names (folded) in the languages read, of the countries whose address formats the
    data does not hold, each to its code: Babel's names, and for a name with an administrative
    tail ("Hong Kong SAR China", "Sonderverwaltungsregion Hongkong") the place's own name too."""
    out: dict[str, str] = {}
    for lang in _NAME_LANGUAGES:
        for code, name in Locale(lang).territories.items():
            if len(code) != 2 or not code.isalpha() or code in ADDRESS_COUNTRIES:
                continue
            place = _PLACE_NAME.match(name)
            for variant in (name, *(place.groups() if place else ())):
                if variant:
                    out.setdefault(fold(variant.strip()), code)
    return out


#: The place in a name with an administrative tail or head: "Hong Kong" of "Hong Kong SAR China",
#: "Hongkong" of "Sonderverwaltungsregion Hongkong", "Hongkong" of "Hongkong – Kiinan erityishallintoalue".
_PLACE_NAME = re.compile(r"^(.+?)\s+(?:SAR\b.*|–.*)$|^Sonderverwaltungsregion\s+(.+)$")


#: The most of a labelled value kept as its street (on one line).
_LABELLED_LENGTH = 120


def _may_follow_street(before: str, code: _Code, country: str, hint: str, line: str = "") -> bool:
    """Whether a postcode and town may end an address whose street was not read: in the site's
    own country (or one named by its prefix), and not right after a number or a word that makes
    the number something else ("Tel. 030 12345 Berlin", "Bestellnummer 12345 Berlin", "inom 14
    dagar, 111 22 Stockholm")."""
    if country != hint.upper() and not code.prefix and not _named_country(line, country):
        return False
    words = before.replace(",", " ").split()
    if not words:
        return True
    last = words[-1].casefold()
    # a number right before is a phone's or an order's ("Tel. 030 12345 Berlin"), unless a comma
    # parts them, as after a house number the tool could not read ("Vilisuu tn 9/2-14, 10150")
    numbered = last[:1].isdigit() and not (
        before.rstrip().endswith(",") and len(words) >= 2 and words[-2].casefold().rstrip(".:") not in _NOT_STREET
        and not words[-2][:1].isdigit()
    )
    return not (numbered or last.rstrip(".:") in _NOT_STREET or last in _NOT_STREET)


def _named_country(line: str, country: str) -> bool:
    """Whether the address's line names ``country`` ("…, 10150 Tallinn, Estland"): a postcode and
    town of another country than the site's, named so, may end an address whose street was not
    read."""
    return bool(line and country) and _countries_named(line, (country,)) == [country]


def _countries_named(text: str, among: Sequence[str]) -> list[str]:
    """The countries of ``among`` whose name ``text`` writes ("Estland", "Sverige", "Germany").
    A name's pattern opens with a lookbehind, tried at every character of ``text``: it is
    searched where the folded text holds one of its names."""
    folded = fold(text)
    return [c for c, pattern, gate in _grammar().country_names
            if c in among and gate.may_match(folded) and pattern.search(text)]


def _streets_only(
    doc: Document, block: TextBlock, country_hint: str, seen: set[tuple[str, str, str]]
) -> list[AddressFact]:
    """Streets with a house number but no postcode or town in a block ("Butikken i Bogstadveien
    10"): an address a consumer cannot post to, which the rules report as incomplete."""
    out: list[AddressFact] = []
    box = _BOX_LINE.match(block.text)
    for match in [box] if box else _STREET_ONLY.finditer(block.text):
        street = match.group("street")
        if _UNIT_AFTER.match(block.text, match.end()):
            continue
        key = (street.lower(), "", "")
        if key in seen:
            continue
        seen.add(key)
        owner = owner_by_context(block.text, match.start("street"))
        out.append(
            AddressFact(
                url=doc.url, locator=doc.locator(block.element),
                excerpt=excerpt(block.text, match.start("street"), match.end("street")),
                region=doc.region(block.element), street=street, postal_code="", town="",
                country=country_hint.upper(), po_box=box is not None, third_party=owner is not None,
                owner=owner.name if owner else "", owner_reason=owner.reason if owner else None,
            )
        )
    return out


class _Code(NamedTuple):
    """A postcode and its town on a line, before the street is looked for."""

    start: int
    end: int
    code: str
    town: str
    prefix: str
    countries: tuple[str, ...]
    town_first: bool


#: A short remark in brackets right after a house number: where to enter, which floor.
_HOUSE_REMARK = re.compile(
    r"(\b\d{1,4}\s?[a-zA-Z]?)(\s*\((?:[^()\d\n]|\d{1,2}\.?\s)[^()\n]{0,28}\))(?=\s*(?:,|\n|$|\w))"
)


def parse_addresses(text: str, country_hint: str) -> list[ParsedAddress]:
    """Addresses in a text whose lines are separated by newlines (a block, or a structured
    ``streetAddress`` and locality joined)."""
    return list(_parse_addresses(text, country_hint))


@lru_cache(maxsize=4096)
def _parse_addresses(text: str, country_hint: str) -> tuple[ParsedAddress, ...]:
    """:func:`parse_addresses`, once per text: a site's footer repeats on every page, and the
    trader-name gatherer reads the same blocks again (every pattern of every postcode format runs
    over each line with a digit)."""
    if "(" in text:
        # "Gerbergässlein 14 (Hinterhaus)", "Storgatan 12 (gården)": a remark after the house
        # number is blanked, same length, so that offsets into the text still hold
        text = _HOUSE_REMARK.sub(lambda m: m.group(1) + " " * len(m.group(2)), text)
    lines = text.split("\n")
    offsets = [0]
    for line in lines[:-1]:
        offsets.append(offsets[-1] + len(line) + 1)
    out: list[ParsedAddress] = []
    for index, line in enumerate(lines):
        if not re.search(r"\d", line):
            continue
        codes = _codes(line)
        for code in codes:
            found = _address(lines, offsets, index, code, country_hint, text)
            if found is not None:
                out.append(found)
        if not codes and index >= 2:
            stacked = _stacked_address(lines, offsets, index, country_hint, text)
            if stacked is not None:
                out.append(stacked)
    return tuple(out)


#: British and Irish street words: a street there may have no house number ("Coast Road").
_UK_STREET = re.compile(
    r"(?:^|,\s*|\d[a-zA-Z]?\s+)(?:(?:[A-Z][\w'’-]*\s){0,3}(?:Road|Rd|Street|St|Lane|Ln|Avenue|Ave|Drive|Dr|Close|"
    r"Way|Place|Pl|Square|Sq|Terrace|Crescent|Court|Ct|Hill|Row|Quay|Parade|Grove|Gardens|Walk|Green|Mews|Park|"
    r"Business Park|Industrial Estate|Yard|Wharf|Rise|Vale|Heights|Boulevard|Embankment|"
    # units and centres named as the place: "Crag Road Enterprise Units", "Ennis Enterprise Centre"
    r"Enterprise (?:Units|Centre|Center|Park)|Business (?:Centre|Center)|Retail Park|Trading Estate|"
    r"Technology Park|Science Park|"
    # a named building where rural streets have none: "The Old Dairy, High Hill Farm"
    r"Farm|Cottages?|Barns?|Mill|Lodge|Manor|Dairy|Granary|Stables|Forge|Farmhouse|Steading|Nursery|Nurseries|Works|Studios?)\.?"
    # Irish names put the street word first ("Bóthar na gCurrach", "Sráid an Mhuilinn")
    r"|(?:Bóthar|Bothar|Sráid|Sraid|Lána|Ascaill|Cearnóg|Céide|Plás|Cé)(?:\s+[\w'’-]+){1,3})$"
)
#: An Irish county ending the line above the Eircode, the town's or its own ("Athea, Co.
#: Limerick", "County Galway").
_IRISH_COUNTY = re.compile(r"(?:^|,\s*)(?:Co\.?|County)\s+[A-Z][\w'’-]*\s*,?$")
#: A county after the town ("Ballyvara, Co. Clare", "Ennis, County Clare", "Truro, Cornwall").
_COUNTY = re.compile(r",\s*(?:Co\.?|County)\s+[A-Z][\w'’-]*$|,\s*[A-Z][\w'’-]*(?:shire)?$")


@cache
def _stacked_formats() -> tuple[PostalFormat, ...]:
    """The formats that write the town before the postcode with nothing required between them."""
    return tuple(fmt for fmt in postal_formats().values() if "town postcode" in fmt.order and not fmt.between)


def _british_street_above(lines: list[str], index: int) -> tuple[int, list[str]] | None:
    """The line of a British or Irish street (numbered or not) above a postcode's line ``index``,
    with up to two lines of places between (village, post town), and those places, top first."""
    places: list[str] = []
    for row in range(index - 1, max(-1, index - 4), -1):
        line = lines[row].strip().rstrip(",")
        if _british_street(line) or _street(line) is not None:
            return row, places[::-1]
        if not _whole_town(line) or (_is_county(line) and places):
            return None
        places.append(line)
    return None


def _british_street(text: str) -> bool:
    """Whether ``text`` ends like a British or Irish street, numbered or not ("Unit 7, Coast Road"),
    and holds no long number (an order or account number is no street)."""
    return _UK_STREET.search(text) is not None and not re.search(r"\d{5,}", text)


def _stacked_address(
    lines: list[str], offsets: list[int], index: int, hint: str, text: str
) -> ParsedAddress | None:
    """A British or Irish address written on lines of their own: street, town (with its county),
    then the postcode alone ("Unit 7, Coast Road" / "Ballyvara, Co. Clare" / "V95 X4K2")."""
    code = lines[index].strip().rstrip(".,")
    countries = tuple(fmt.country for fmt in _stacked_formats() if fmt.postcode.fullmatch(code))
    if not countries:
        return None
    above = index - 1
    if above >= 2 and _is_county(lines[above].strip().rstrip(",")):
        above -= 1  # "Padstow" / "Cornwall" / "PL28 8AX": the county on a line of its own
    town = _COUNTY.sub("", lines[above].strip().rstrip(","))
    if not _whole_town(town):
        return None
    row = above - 1
    span = _stacked_street(lines[row])
    locality = lines[row].strip().rstrip(",")
    if span is None and row >= 1 and _whole_town(locality):
        row -= 1  # "PO Box 417" / "Rothbury" / "Morpeth" / …: a village above the post town
        span = _stacked_street(lines[row])
    if span is None and "IE" in countries and _IRISH_COUNTY.search(lines[index - 1]):
        # "Creggandoo" / "Fanore" / "Co. Clare" / "V95 T6K2": a rural Irish address names its
        # townland, not a street, above the post town and county; the Eircode names the building
        row = above - 1
        span = (locality, False, 0) if _whole_town(locality) else None
    if span is None:
        return None
    country = postal_country(code, hint, town=town, text=text, among=countries)
    if not country:
        return None
    street, is_box, start = span
    lead = len(lines[row]) - len(lines[row].lstrip())
    return ParsedAddress(
        street=street, postal_code=_show_code(code, country), town=town, country=country, po_box=is_box,
        start=offsets[row] + lead + start, end=offsets[index] + len(lines[index].rstrip()),
    )


def _whole_town(text: str) -> bool:
    """Whether ``text`` is a town name and nothing else (a stacked address's town or village line)."""
    return re.fullmatch(_TOWN, text) is not None and _town(text) == text


def _stacked_street(line: str) -> tuple[str, bool, int] | None:
    """The street (or box) of a stacked address's line: numbered as anywhere, or a British one
    without a number ("Coast Road")."""
    street_line = line.strip().rstrip(",")
    span = _street(street_line)
    if span is None and _british_street(street_line):
        span = (street_line, False, 0)
    return span


@lru_cache(maxsize=4096)
def _codes(line: str) -> tuple[_Code, ...]:
    """Postcodes with a town on ``line``, in every format of the data; where two formats read
    the same place, the longer postcode (``1234 AB`` over ``1234``); never a PO box's number
    ("Postboks 2214 Grünerløkka"). Kept by the line: the address parser and the unread-street
    reader both ask it of every line with a digit, and a site's footer is on every page."""
    grammar = _grammar()
    found: list[_Code] = []
    # Where the union of a group's patterns first matches, the earliest match of each begins: no
    # pattern matches before it, so each is looked for from there (the lookbehind still sees the
    # text before), not from the line's start.
    first = grammar.any_postcode_first.search(line)
    start = first.start() if first is not None else -1
    for pattern, countries in grammar.postcode_first if first is not None else ():
        for match in pattern.finditer(line, start):
            prefix = match.group("prefix") or ""
            if prefix and not _fits_prefix(prefix, match.group("code")):
                continue  # "S-1148 Gustavsberg": an article number; a Swedish postcode has five digits
            town = _town(match.group("town"))
            if town:
                found.append(_Code(match.start(), match.end("code"), match.group("code"), town,
                                   prefix, countries, False))
    first = grammar.any_town_first.search(line)
    start = first.start() if first is not None else -1
    for pattern, countries in grammar.town_first if first is not None else ():
        for match in pattern.finditer(line, start):
            town = _town(match.group("town"))
            if town:
                found.append(_Code(match.start("town"), match.end(), match.group("code"), town, "",
                                   countries, True))
    found.sort(key=lambda c: (c.start, -(c.end - c.start)))
    out: list[_Code] = []
    for code in found:
        if out and code.start < out[-1].end:
            if code.start == out[-1].start and code.end == out[-1].end and code.town_first == out[-1].town_first:
                out[-1] = out[-1]._replace(countries=out[-1].countries + code.countries)
            continue
        out.append(code)
    return tuple(code for code in out if not _BOX_NUMBER.search(line, 0, code.start))


def _fits_prefix(prefix: str, code: str) -> bool:
    """Whether a postcode has the format of the country its prefix names ("S-" five digits)."""
    country = _grammar().prefix_country.get(prefix.upper())
    return country is None or bool(postal_formats()[country].postcode.fullmatch(code.strip()))


def _address(
    lines: list[str], offsets: list[int], index: int, code: _Code, hint: str, text: str
) -> ParsedAddress | None:
    """The address whose postcode line is ``code`` on line ``index``: the street before it on
    the line (after a separator), or alone on the line above, or (Hungary) after the town."""
    line = lines[index]
    before = line[: code.start]
    if _after_copyright(before):
        return None
    street_span = _street(before)
    street_line = index
    if street_span is None and index > 0 and _only_label(before):
        street_span, street_line = _street(lines[index - 1]), index - 1
    end = offsets[index] + code.end if code.town_first else offsets[index] + _town_end(line, code)
    country = postal_country(code.code, hint, prefix=code.prefix, town=code.town, text=text,
                             among=code.countries)
    if street_span is None and not code.town_first:
        after = _street_after(line, _town_end(line, code))
        writes_so = tuple(c for c in code.countries if "postcode town, street" in postal_formats()[c].order)
        if after is not None and writes_so:
            # The street after the town is itself a sign of the country that writes it so.
            country = postal_country(code.code, hint, prefix=code.prefix, town=code.town, text=text,
                                     among=writes_so)
            street, is_box, street_end = after
            return ParsedAddress(street, _show_code(code.code, country), code.town, country, is_box,
                                 offsets[index] + code.start, offsets[index] + street_end)
    town = code.town
    if street_span is None and code.town_first and country in _STREET_WORD_COUNTRIES:
        found = _british_line(before, code.town)
        if found is not None:
            street_span, town = found
        elif index > 0 and (_only_label(before) or _whole_town(before.strip().rstrip(",").strip())):
            # "Northumberland Street" / "Alnmouth NE66 2RS": a street without a number on the line
            # above; a locality may open the town's line ("Unit 4, Ballybane Retail Park" /
            # "Ballybane, Galway H91 T2C8"), and a village and post town may stand on lines
            # between ("High Hill Farm" / "Braithwaite" / "Keswick" / "Cumbria CA12 5TR")
            found_above = _british_street_above(lines, index)
            if found_above is not None:
                street_line, places = found_above
                above = lines[street_line]
                street_span = (above.strip().rstrip(","), False, len(above) - len(above.lstrip()))
                if places and _is_county(town):
                    town = places[-1]  # the post town above the county that opens the postcode's line
    if street_span is None and country not in _STREET_WORD_COUNTRIES:
        # "Kõrtsi tee 7, Kaali küla" / "93815 Saaremaa": a village between street and postcode
        street_span = _street_then_locality(before)
        if street_span is None and index > 0 and _only_label(before):
            street_span, street_line = _street_then_locality(lines[index - 1], own_line=True), index - 1
    if street_span is None or not country:
        return None
    street, is_box, street_start = street_span
    if (not is_box and street[:1].isdigit() and not code.prefix
            and not {country, hint.upper()} & _NUMBER_FIRST_COUNTRIES):
        return None  # "1200 Breite x 800 Tiefe": a number first is a street only where streets are written so
    return ParsedAddress(
        street=street, postal_code=_show_code(code.code, country), town=town, country=country,
        po_box=is_box, start=offsets[street_line] + street_start, end=end,
    )


#: Countries that write the house number before the street ("12 High Street", "12 rue du Port").
_NUMBER_FIRST_COUNTRIES = frozenset({"GB", "IE", "FR", "BE", "LU", "MC", "MT", "CY", "US", "CA", "AU", "NZ"})
#: Countries whose streets may go without a house number ("Main Street", "Coast Road").
_STREET_WORD_COUNTRIES = frozenset({"GB", "IE"})
_COUNTY_NAME = re.compile(r"^(?:Co\.?|County)\s")


def _british_line(before: str, town: str) -> tuple[tuple[str, bool, int], str] | None:
    """Street and town of a British or Irish address on one line, its parts apart by commas or
    bars, where the street is not right before the town: a street without a house number ("Main
    Street, Ennis, V95 X4K2"), a locality or a county between ("27 Castle Street, Shrewsbury,
    Shropshire, SY1 2BQ", "3 High Street | Hay-on-Wye | Hereford | HR3 5AE"), or a county that
    the pattern read as the town ("…, 64 Main Street, Letterkenny, Co. Donegal, F92 AB3C": the
    town is then the part before it). ``before`` is the text before what the pattern took for
    the town; the street is looked for in the last :data:`_BRITISH_PARTS` parts."""
    trimmed = before.rstrip(" ,|·•")
    # each part, and where it starts in ``before``
    spans = [(m.group().strip(), m.start() + len(m.group()) - len(m.group().lstrip()))
             for m in re.finditer(r"[^,|·•]+", trimmed)]
    parts = [part for part, _ in spans]
    if _is_county(town):
        if len(parts) < 2 or not re.fullmatch(rf"{_TOWN}", parts[-1]):
            return None
        town = parts[-1]
        parts = parts[:-1]
    for k in range(len(parts) - 1, max(-1, len(parts) - 1 - _BRITISH_PARTS), -1):
        part, start = spans[k]
        span = _street(part)
        if span is not None:
            street, is_box, at = span
            return (street, is_box, start + at), town
        if _british_street(part):
            return (part, False, start), town
        if not re.fullmatch(rf"{_TOWN}", part):
            return None  # a part that is neither street nor place: not one address
    return None


#: How many parts before the town a street may stand (a locality, a county between).
_BRITISH_PARTS = 3


def _town_end(line: str, code: _Code) -> int:
    return line.index(code.town, code.end) + len(code.town)


def _only_label(before: str) -> bool:
    """Whether what stands before a postcode at the start of its line lets the street be on the
    line above: nothing, a separator or a label ("Postadresse:"), never other words
    ("Bestellnummer 12345 Berlin" under a street is no address)."""
    rest = before.strip(" \t,;|·•–-")
    return not rest or (rest.endswith(":") and not re.search(r"\d", rest))


def _street_after(line: str, town_end: int) -> tuple[str, bool, int] | None:
    """The street after the town, where a country writes it so (1052 Budapest, Váci utca 12.)."""
    match = re.match(rf",\s*(?P<street>{_STREET_NUMBER_LAST})\.?(?=\s*(?:[,;|·•–]|$))", line[town_end:])
    if match is None or not _a_street(match.group("street")):
        return None
    return match.group("street"), False, town_end + match.end("street")


def _show_code(code: str, country: str) -> str:
    """The postcode as stored: Swedish with its space (111 22), others as written, one space."""
    code = re.sub(r"\s+", " ", code.strip())
    if country == "SE":
        digits = code.replace(" ", "")
        return f"{digits[:3]} {digits[3:]}"
    if country in ("FI", "DE", "NO", "DK"):
        return code.replace(" ", "")
    return code


def _street(text: str) -> tuple[str, bool, int] | None:
    """The street (or PO box) that ``text`` ends with, whether it is a box, and where it starts."""
    text = text.rstrip()
    match = _STREET.search(text)
    if match is None:
        return _care_of_street(text) or _street_ending_prose(text)
    if match.group("box"):
        return match.group("box"), True, match.start("box")
    street = match.group("street")
    label = _STREET_LABEL.match(street)
    start = match.start("street")
    if label:
        street, start = street[label.end():], start + label.end()
    care = _CARE_OF.search(street)
    if care:
        return _care_of_street(text)
    street, start = _prose_tail(street, start)
    if not _a_street(street):
        return None
    return street, False, start


#: A village or district after the street, before the postcode ("Kõrtsi tee 7, Kaali küla" /
#: "93815 Saaremaa"): a capitalised part of at most three words and no digits.
_LOCALITY_AFTER = re.compile(rf",\s*(?P<place>[{_UPPER}][^\W\d_]*(?:[ -][^\W\d_]+){{0,2}})\s*(?P<comma>,?)\s*$")


def _street_then_locality(text: str, *, own_line: bool = False) -> tuple[str, bool, int] | None:
    """The street of ``text`` when a locality follows it: the street is then the part before.
    Before a postcode on the same line the locality ends with a comma ("…, Kaali küla, 93815"),
    on a line of its own with the line; a label word is no place ("Artikel 100 …")."""
    match = _LOCALITY_AFTER.search(text.rstrip())
    if match is None or match.start() == 0 or not (own_line or match.group("comma")):
        return None
    if any(word.casefold() in _NOT_STREET for word in match.group("place").split()):
        return None
    return _street(text[: match.start()])


#: A street with this many words or more before its number may be a sentence ending in a street.
_PROSE_WORDS = 4


def _prose_tail(street: str, start: int) -> tuple[str, int]:
    """The street a sentence ends with ("Kuluttajaneuvonta palvelee osoitteessa Siltasaarenkatu
    12" → "Siltasaarenkatu 12"): in a long run of words with a lower-case word among them, the
    shortest tail that starts with a capitalised word having a street ending. Names written with
    particles ("Avenue de la République 12") have no such tail and stay whole."""
    words = list(re.finditer(r"\S+", street))
    if len(words) < _PROSE_WORDS or not any(w.group()[0].islower() for w in words[:-2]):
        return street, start
    for word in reversed(words[1:-1]):
        tail = street[word.start():]
        if word.group()[0].isupper() and re.match(rf"\S*(?:{_ENDINGS})(?!\w)", tail, re.IGNORECASE) \
                and _STREET_AT_END.fullmatch(tail):
            return tail, start + word.start()
    return street, start


def _street_ending_prose(text: str) -> tuple[str, bool, int] | None:
    """The street a sentence too long for :data:`_STREET` ends with ("Kurserne foregår i mit
    værksted på Hestehavevej 14, "): its tail from a capitalised word with a street ending."""
    found = _prose_tail(text, 0)
    if found[1] == 0:
        return None
    street = found[0].rstrip(" ,;|·•–")
    return (street, False, found[1]) if _a_street(street) else None


def _a_street(street: str) -> bool:
    """Whether a name-and-number is a street, not an article, an order, a price or a phone."""
    if not street or not re.search(r"[^\W\d_]{2}", street):
        return False
    written = re.findall(r"[^\W\d_][\w.]*", street)
    words = [w.casefold().rstrip(":") for w in written]
    if len(words) == 2 and words[1] in _HOUSE_NUMBER_WORDS and written[0][0].isupper():
        return words[0] not in _NOT_STREET  # a village's house "Satemin Nr. 9", not "Bestellung Nr. 4711"
    return not (words and (words[0] in _NOT_STREET or words[-1] in _NOT_STREET))


#: "Nr." before a house number: a village with numbered houses and no streets ("Satemin Nr. 9").
_HOUSE_NUMBER_WORDS = frozenset({"nr", "nr."})


_STREET_AT_END = re.compile(rf"(?:{_STREET_NUMBER_LAST}|{_STREET_NUMBER_FIRST})\s*[,;|·•–]?\s*$")


def _returns_care_of(text: str, start: int) -> Owner | None:
    """The company a returns or warehouse address is in the care of ("Wick Hollow Returns c/o
    ParcelNest Fulfilment Ltd, Unit 9 …", "Returadress: Butik AB c/o Lagerlogistik AB, …"): a
    logistics company's premises, not where the trader is established. A c/o address that names
    no returns or warehouse is left to the rules (a registered office at an accountant's)."""
    before = text[max(0, start - _CARE_OF_REACH) : start]
    found = list(_CARE_OF.finditer(before))
    if not found:
        return None
    care = found[-1]
    name = re.split(r"[,\n·|]", before[care.end():].strip(), maxsplit=1)[0].strip()
    if not name or not _RETURNS_PLACE.search(f"{before[: care.start()]} {name}"):
        return None
    return Owner(name, "role")


#: How far before a street its c/o may stand, and words of a returns or warehouse address.
_CARE_OF_REACH = 120
_RETURNS_PLACE = re.compile(
    r"\b(?:returns?|retur\w*|rücksend\w*|palautu\w*|lager\w*|warehouse|fulfil+ment|logisti\w*|varasto\w*)\b",
    re.IGNORECASE,
)


def _care_of_street(text: str) -> tuple[str, bool, int] | None:
    """The street after a c/o name with no separator between them ("Kompis AB c/o Kontorshotellet
    Storgatan 12"): the part that starts with a street name (Storgatan), else the longest that
    starts capitalised."""
    found = list(_CARE_OF.finditer(text))
    if not found:
        return None
    care = found[-1]
    starts = [m.start() for m in re.finditer(r"(?<=\s)\S", text[care.end():])]
    candidates: list[tuple[str, int]] = []
    for offset in starts:
        start = care.end() + offset
        match = _STREET_AT_END.fullmatch(text, start)
        if match and _a_street(match.group().strip(" ,;|·•–")):
            candidates.append((match.group().strip(" ,;|·•–"), start))
    if not candidates:
        return None
    ending = [c for c in candidates if re.match(rf"\S*(?:{_ENDINGS})(?!\w)", c[0], re.IGNORECASE)]
    capitalised = [c for c in candidates if c[0][:1].isupper()]
    ending = [c for c in ending if c in capitalised]
    if not (ending or capitalised):
        return None
    street, start = ending[0] if ending else capitalised[0]
    return street, False, start


def _town(raw: str) -> str:
    """The town, cut before a country name or label that follows it on the line."""
    names = _grammar().name_words
    words: list[str] = []
    for word in raw.split():
        bare = word.casefold().rstrip(",")
        if bare in _AFTER_TOWN or (words and bare.rstrip(".") in names):
            break
        words.append(word.rstrip(","))
    while words and re.fullmatch(_TOWN_JOIN, words[-1]):
        words.pop()
    if not words or any(word.casefold() in _NOT_TOWN for word in words):
        return ""
    return " ".join(words).rstrip(".")


def _is_district(word: str) -> bool:
    """Danish postal districts: København K, Aarhus C, København SV."""
    return bool(re.fullmatch(r"[A-ZÆØÅ]{1,2}", word))


def is_po_box(street: str) -> bool:
    """Whether a street line is a PO box (``Box 123``, ``Postboks 45``, ``Postfach 12 34``)."""
    return bool(_PO_BOX_RE.fullmatch(street.strip()))


def postal_country(
    code: str,
    hint: str,
    *,
    prefix: str | None = None,
    town: str = "",
    text: str = "",
    among: tuple[str, ...] = (),
) -> str:
    """The country of a postal code: its prefix, its format, then the country named in the
    text around it, then the hint, then the first country of the data with that format.

    Four digits are Norwegian, Danish, Austrian, Swiss ...; a Danish postal district after the
    town (København K, Aarhus C) settles it. ``among`` narrows the countries to those whose
    order the postcode was found in.
    """
    grammar = _grammar()
    hint = hint.upper()
    if prefix and prefix.upper() in grammar.prefix_country:
        return grammar.prefix_country[prefix.upper()]
    code = code.strip()
    candidates = [c for c, fmt in postal_formats().items()
                  if fmt.postcode.fullmatch(code) and (not among or c in among)]
    if not candidates:
        return ""
    if len(candidates) == 1:
        return candidates[0]
    if "DK" in candidates and town and _is_district(town.split()[-1]):
        return "DK"
    named = _countries_named(text, candidates)
    if len(named) == 1:
        return named[0]
    if hint in candidates:
        return hint
    return candidates[0]
