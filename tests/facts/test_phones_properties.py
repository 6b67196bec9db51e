"""Property-based: the digit groups of a shop page that are not telephone numbers never become
one, next to any phone label; real numbers in each country's written forms always do.

Times, time ranges, dates, prices, order and article numbers, IBANs and postcodes are generated
in the formats of every supported locale (sv, nb, da, fi, de, en) and set right after a phone
label, where a phone matcher is most easily fooled. Phone numbers are generated from
libphonenumber's own ranges for each jurisdiction's region, written as people write them, and
must come back with their E.164 form and, where the jurisdiction's premium prefixes or
libphonenumber say so, as premium-rate.
"""

from __future__ import annotations

import phonenumbers
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from phonenumbers import PhoneNumberFormat, PhoneNumberType

from auditor import profiles
from auditor.facts.dom import Document
from auditor.facts.phones import gather_phones
from auditor.rules.contact.premium_rate_phone import is_premium

#: (jurisdiction, region) of every profile with a national numbering plan, plus English (GB).
JURISDICTIONS = [(j, profiles.country(j).region) for j in profiles.jurisdictions() if profiles.country(j).region]
REGIONS = sorted({region for _, region in JURISDICTIONS} | {"GB"})

LABELS = [
    "Tel.", "Tel:", "Telefon:", "Telefon", "Puhelin", "Puh.", "Ring oss", "Ring os på", "Phone:", "Call us",
    "Tlf.", "Kundtjänst", "Kundeservice:", "Asiakaspalvelu", "Hotline:", "Telefontid:", "Telefonzeiten:",
    "Puhelinaika", "Kundenservice:", "T:", "☎",
]
DAYS = ["", "mån–fre ", "Mo–Fr ", "ma–pe ", "man–fre ", "Mon–Fri ", "vardagar ", "arkisin ", "hverdage "]
DASHES = ["-", "–", " - ", " – ", "—"]

PROPERTY = settings(deadline=None, max_examples=300, suppress_health_check=[HealthCheck.too_slow])


def phones_of(text: str, region: str) -> list[tuple[str, bool]]:
    doc = Document(f"<html><body><footer><p>{text}</p></footer></body></html>", "https://www.butik.example/")
    return [(f.e164, f.valid) for f in gather_phones(doc, region)]


# --------------------------------------------------------------------------- not phones

hours = st.integers(0, 23)
minutes = st.sampled_from([0, 15, 30, 45])


@st.composite
def times(draw: st.DrawFn) -> str:
    """"09.00", "9:00", "kl. 9", "17.30 Uhr"."""
    h, m = draw(hours), draw(minutes)
    sep = draw(st.sampled_from([".", ":"]))
    hh = f"{h:02d}" if draw(st.booleans()) else str(h)
    text = f"{hh}{sep}{m:02d}"
    return text + draw(st.sampled_from(["", " Uhr", " h"]))


@st.composite
def time_ranges(draw: st.DrawFn) -> str:
    """"09.00–17.00", "9:00 - 17:00", "kl. 9–16", "klo 8-16", "9–18 Uhr", "0800-1700"."""
    start = draw(st.integers(0, 22))
    end = draw(st.integers(start + 1, 23))
    m1, m2 = draw(minutes), draw(minutes)
    dash = draw(st.sampled_from(DASHES))
    style = draw(st.sampled_from(["dot", "colon", "hours", "hhmm", "words"]))
    if style == "hours":
        word = draw(st.sampled_from(["kl. ", "kl ", "klo ", "kello ", "klokken ", ""]))
        suffix = " Uhr" if not word else draw(st.sampled_from(["", " Uhr"]))
        return f"{word}{start}{dash}{end}{suffix}"
    if style == "hhmm":
        return f"{start:02d}{m1:02d}{dash}{end:02d}{m2:02d}"
    sep = "." if style == "dot" else ":"
    pad = draw(st.booleans())
    first = f"{start:02d}" if pad else str(start)
    joiner = dash if style != "words" else draw(st.sampled_from([" till ", " til ", " bis ", " to "]))
    second = f"{end:02d}{sep}{m2:02d}" if draw(st.booleans()) else str(end)
    return f"{first}{sep}{m1:02d}{joiner}{second}"


@st.composite
def dates(draw: st.DrawFn) -> str:
    """ISO (sv), d.m.yyyy (de, fi, nb, da), dd/mm/yyyy (en), d-m-yyyy, "24.12." and ranges."""
    year = draw(st.integers(2000, 2030))
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, 28))
    style = draw(st.sampled_from(["iso", "dot", "dot2", "slash", "dash", "short", "us"]))
    match style:
        case "iso":
            return f"{year}-{month:02d}-{day:02d}"
        case "dot":
            return f"{day}.{month}.{year}"
        case "dot2":
            return f"{day:02d}.{month:02d}.{year % 100:02d}"
        case "slash":
            return f"{day:02d}/{month:02d}/{year}"
        case "dash":
            return f"{day:02d}-{month:02d}-{year}"
        case "short":
            return f"{day}.{month}."
        case _:
            return f"{month}/{day}/{year}"


@st.composite
def prices(draw: st.DrawFn) -> str:
    """"1 299,00 kr", "199:-", "€ 19.90", "19,90 €", "1.299,00 EUR", "kr 49", "£4.99"."""
    whole = draw(st.integers(1, 99999))
    cents = draw(st.integers(0, 99))
    grouping = draw(st.sampled_from([" ", ".", " ", ""]))
    grouped = f"{whole:,}".replace(",", grouping)
    decimal = draw(st.sampled_from([",", "."]))
    amount = draw(st.sampled_from([grouped, f"{grouped}{decimal}{cents:02d}", f"{grouped},-"]))
    before = draw(st.sampled_from(["€ ", "€", "kr ", "EUR ", "£", "$", "SEK "]))
    after = draw(st.sampled_from([" kr", " kr.", ":-", " €", "€", " EUR", " SEK", " NOK", " DKK", " euro"]))
    return draw(st.sampled_from([f"{before}{amount}", f"{amount}{after}", f"{grouped}:-"]))


ORDER_LABELS = [
    "Ordernummer", "Ordernr", "Ordrenummer", "Bestellnummer", "Bestell-Nr.", "Auftragsnummer", "Art.nr",
    "Artikelnummer", "Art.-Nr.", "Varenummer", "Tilausnumero", "Tuotenumero", "Order no.", "SKU", "EAN",
    "Kundennummer", "Kundnummer", "Sendungsnummer", "Order #",
]


@st.composite
def order_numbers(draw: st.DrawFn) -> str:
    """An order or article number after its label, or after a hash, in any shape."""
    digits = draw(st.text("0123456789", min_size=6, max_size=13))
    if draw(st.booleans()):
        digits = digits[:3] + draw(st.sampled_from([" ", "-", ""])) + digits[3:]
    if draw(st.integers(0, 4)) == 0:
        return f"#{digits}"
    return f"{draw(st.sampled_from(ORDER_LABELS))}: {digits}"


IBAN_LENGTHS = {"SE": 24, "NO": 15, "DK": 18, "FI": 18, "DE": 22, "GB": 22}


@st.composite
def ibans(draw: st.DrawFn) -> str:
    """An IBAN of one of the six countries, grouped by four or written in one run."""
    country = draw(st.sampled_from(sorted(IBAN_LENGTHS)))
    length = IBAN_LENGTHS[country]
    body = draw(st.text("0123456789", min_size=length - 4, max_size=length - 4))
    if country == "GB":
        body = "NWBK" + body[4:]
    raw = f"{country}{draw(st.integers(10, 99))}{body}"
    if draw(st.booleans()):
        raw = " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))
    return draw(st.sampled_from([raw, f"IBAN {raw}", f"IBAN: {raw}"]))


@st.composite
def postcodes(draw: st.DrawFn) -> str:
    """A street, then the postcode and town in the country's form."""
    form = draw(st.sampled_from(["se", "no", "dk", "fi", "de", "de_prefixed", "se_prefixed"]))
    n = draw(st.integers(10000, 99999))
    town = draw(st.sampled_from(["Stockholm", "Oslo", "København", "Helsinki", "Berlin", "Åre", "Östersund"]))
    code = {
        "se": f"{str(n)[:3]} {str(n)[3:]}",
        "se_prefixed": f"SE-{str(n)[:3]} {str(n)[3:]}",
        "no": f"{n % 10000:04d}",
        "dk": f"{1000 + n % 9000}",
        "fi": f"{n:05d}",
        "de": f"{n:05d}",
        "de_prefixed": f"D-{n:05d}",
    }[form]
    street = draw(st.sampled_from(["Storgatan 12", "Hauptstraße 5", "Mannerheimintie 3 B", "Karl Johans gate 7"]))
    sep = draw(st.sampled_from([", ", " · ", " | "]))
    return f"{street}{sep}{code} {town}"


NOT_PHONES = st.one_of(times(), time_ranges(), dates(), prices(), order_numbers(), ibans(), postcodes())


@PROPERTY
@given(
    label=st.sampled_from(LABELS),
    days=st.sampled_from(DAYS),
    value=NOT_PHONES,
    region=st.sampled_from(REGIONS),
    colon=st.sampled_from(["", ":", " "]),
)
@example(label="Tel.", days="", value="#000 000000", region="DE", colon="")  # a reference with a space in it
def test_numbers_that_are_not_phones_never_become_one(
    label: str, days: str, value: str, region: str, colon: str
) -> None:
    text = f"{label}{colon} {days}{value}"
    assert phones_of(text, region) == [], text


@PROPERTY
@given(first=time_ranges(), second=time_ranges(), region=st.sampled_from(REGIONS))
def test_opening_hours_in_a_row_are_not_phones(first: str, second: str, region: str) -> None:
    text = f"Telefon: mån–fre {first}, lör {second}"
    assert phones_of(text, region) == [], text


# --------------------------------------------------------------------------- real phones

TYPES = [PhoneNumberType.FIXED_LINE, PhoneNumberType.MOBILE, PhoneNumberType.PREMIUM_RATE, PhoneNumberType.TOLL_FREE]


@st.composite
def real_numbers(draw: st.DrawFn) -> tuple[str, str, phonenumbers.PhoneNumber]:
    """(jurisdiction, region, number): a valid number of the region, from libphonenumber's example
    for a type with its last digits redrawn."""
    jurisdiction, region = draw(st.sampled_from(JURISDICTIONS))
    kind = draw(st.sampled_from(TYPES))
    example = phonenumbers.example_number_for_type(region, kind)
    assume(example is not None)
    assert example is not None
    national = str(example.national_number)
    tail = draw(st.text("0123456789", min_size=3, max_size=3))
    number = phonenumbers.parse("+" + str(example.country_code) + national[:-3] + tail, None)
    assume(phonenumbers.is_valid_number(number) and phonenumbers.number_type(number) == kind)
    return jurisdiction, region, number


def written_forms(number: phonenumbers.PhoneNumber) -> list[str]:
    """The ways shops write a number: national and international format, with dashes or slashes
    after the area code, run together, "+49 (0)30 …"."""
    national = phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
    international = phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)
    forms = [national, international, phonenumbers.format_number(number, PhoneNumberFormat.E164)]
    forms.append(national.replace(" ", ""))
    area, sep, rest = national.partition("-") if "-" in national else national.partition(" ")
    if sep:
        forms += [f"{area}-{rest}", f"{area} {rest}", f"{area}/{rest.replace(' ', '')}", f"({area}) {rest}"]
    forms.append("00" + international[1:])
    return forms


@PROPERTY
@given(
    drawn=real_numbers(),
    label=st.sampled_from(LABELS),
    form=st.integers(0, 10),
    hours=st.one_of(st.just(""), time_ranges()),
)
def test_real_numbers_are_found_with_their_rate(
    drawn: tuple[str, str, phonenumbers.PhoneNumber], label: str, form: int, hours: str
) -> None:
    jurisdiction, region, number = drawn
    forms = written_forms(number)
    written = forms[form % len(forms)]
    text = f"{label} {written}" + (f" ({hours})" if hours else "")
    doc = Document(f"<html><body><footer><p>Butik AB</p><p>{text}</p></footer></body></html>", "https://b.example/")
    facts = gather_phones(doc, region)
    e164 = phonenumbers.format_number(number, PhoneNumberFormat.E164)
    assert [(f.e164, f.valid) for f in facts] == [(e164, True)], text
    prefixes = [str(p) for p in profiles.params(jurisdiction).get("premium_prefixes", [])]
    national = phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
    national_digits = "".join(ch for ch in national if ch.isdigit())
    expected = phonenumbers.number_type(number) == PhoneNumberType.PREMIUM_RATE or any(
        national_digits.startswith(p) for p in prefixes
    )
    assert is_premium(facts[0], prefixes, region) is expected, text


def test_premium_rate_numbers_in_a_footer_are_found() -> None:
    cases = [
        ("se", "Support: 0900-123 45 67 (24,90 kr/min)", "+469001234567"),
        ("de", "Kundenservice: 0900 1 234567 (1,99 €/Min. aus dem dt. Festnetz)", "+499001234567"),
        ("de", "☎ 0900-5123456", "+499005123456"),
        ("de", "T: 0180 6 123456", "+491806123456"),
        ("no", "Kundeservice 820 12 345 (kr 9,50 per min)", "+4782012345"),
        ("fi", "Asiakaspalvelu 0600 12345 (1,99 €/min + pvm)", "+35860012345"),
    ]
    for jurisdiction, text, e164 in cases:
        region = profiles.country(jurisdiction).region
        doc = Document(
            f"<html><body><footer><div>Butik AB · Storgatan 1 · {text} · Öppet 09.00–17.00</div></footer>"
            "</body></html>",
            "https://b.example/",
        )
        facts = gather_phones(doc, region)
        assert [f.e164 for f in facts] == [e164], text
        prefixes = [str(p) for p in profiles.params(jurisdiction).get("premium_prefixes", [])]
        assert is_premium(facts[0], prefixes, region), text
