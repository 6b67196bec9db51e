"""Telephone numbers on a page: ``tel:`` links and numbers written in the visible text.

Parsing and classification are left to ``phonenumbers`` (Google's libphonenumber metadata):
it knows which ranges are valid in each country and which are premium-rate or toll-free,
which is what CONTACT-PHONE-RATE (CRD Art. 21) needs.

The hard part is precision. A shop page is full of digit groups that a phone matcher happily
accepts: article numbers, EANs, order numbers, org numbers, bank giros, prices and dates. A
number in the text is therefore taken only when it is written in international form
(``+46 …``, ``0046 …``) or when a phone word (*Tel*, *Telefon*, *Puh*, *Ring oss* …) stands
just before it, and never when the nearest label before it names something else (*Org.nr*,
*Art.nr*, *EAN*, *Bankgiro* …) or when it is cut out of a longer run of digits.

A number in a sentence or short block that names a carrier, a payment provider or a public body
("Frågor om leveransen besvarar PostNord på 0771-…") is that party's: ``third_party`` with
``owner`` and ``owner_reason`` (``facts/third_parties.owner_by_context``).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from itertools import pairwise
from typing import Literal
from urllib.parse import unquote

import lxml.html
import phonenumbers
from phonenumbers import Leniency, PhoneMetadata, PhoneNumber, PhoneNumberMatcher, PhoneNumberType
from phonenumbers.phonenumberutil import _PLUS_CHARS, _VALID_PUNCTUATION

from auditor.facts.dom import Document, TextBlock, excerpt
from auditor.facts.numbers import mask_non_phones
from auditor.facts.third_parties import Owner, example_number, owner_after, owner_by_context, owner_by_heading
from auditor.models import PhoneFact, Region

#: Words that name a telephone and nothing else, in sv, nb, da, fi, de and en, as regular
#: expressions matched case-insensitively from a word start. Only long stems take any ending
#: (*Telefonnummer*, *Puhelinnumero*); short ones are whole words, or "Tel" would match "Tell us".
#: Only these label a number in a block of its own above it ("PUH." / "044 582 9016").
TELEPHONE_WORDS: tuple[str, ...] = (
    r"tel", r"tlf", r"tfn", r"puh", r"fon", r"mob", r"ring", r"ringe", r"call", r"gsm",
    r"phone", r"telephone", r"hotline", r"helpline", r"växel", r"vaxel", r"sentralbord", r"soita",
    r"anrufen", r"rufen", r"telefon\w*", r"puhelin\w*", r"mobil\w*", r"servicenummer",
    r"whatsapp", r"sms", r"handy", r"kännykkä", r"matkapuhelin\w*", r"tekstiviesti\w*",
    # a line or telephone named for its errand ("Our order line is 0871 …", "Bestelltelefon",
    # "ordretelefon", "tilauspuhelin"): ending after the errand's word, it outweighs an "order"
    # label ("order" before digits is an order number's)
    r"(?:order|sales|enquiry|enquiries|advice|customer|booking|service)\s?line", r"\w+telefon\w*",
    r"\w+puhelin\w*",
)
#: Words that announce a telephone number after them: the telephone words, and customer-service
#: and contact words ("Kundtjänst 08-…", "Kontakt: …"), which above a bare number may head anything.
PHONE_WORDS: tuple[str, ...] = (
    *TELEPHONE_WORDS,
    r"kundtjänst\w*", r"kundservice\w*", r"kundeservice\w*", r"kundesenter\w*", r"asiakaspalvelu\w*",
    r"service-hotline", r"\w*hotline", r"kundenservice\w*", r"kundendienst", r"kundesupport", r"kundsupport",
    r"support", r"kontakt", r"contact", r"asiakastuki", r"ruf", r"telefonisch",
    # the customers a line is for, as a label before it ("Privatkunder: 0939-10 44 72",
    # "Geschäftskunden: 030 …", "Business customers: 0161 …")
    r"privatkund\w*", r"företagskund\w*", r"foretagskund\w*", r"bedriftskund\w*", r"erhvervskund\w*",
    r"privatperson\w*", r"geschäftskund\w*", r"geschaftskund\w*", r"yksityisasiak\w*", r"yritysasiak\w*",
    r"(?:private|business|trade) customers?",
    # "T: 08-123 45 67" / "T. +49 …" in a footer: a capital T alone before a colon or dot.
    r"(?-i:T)(?=[.:]\s*(?:[+(\d]|$))",
    # "p. 050 364 8871": Finnish "puhelin" cut to its letter, only with its dot and digits
    # after it (a page reference, "p. 12", is too short to be a valid number).
    r"(?-i:[pP])(?=\.\s*(?:[+(\d]|$))",
)
#: Telephone signs used as labels ("☎ 0900 …", "📞 22 12 34 56").
PHONE_SIGNS = "☎☏✆📞📱"

#: Labels of numbers that are not telephone numbers. When one of these is the nearest label
#: before a digit group, the group is what the label says, whatever its shape. Fax is here
#: too: a fax line is not a channel a consumer can call (and the CRD dropped it in 2022).
NOT_PHONE_WORDS: tuple[str, ...] = (
    "org", "orgnr", "org.nr", "organisationsnummer", "organisasjonsnummer", "foretaksnr",
    "cvr", "se-nr", "y-tunnus", "business id", "ly-tunnus", "art", "art.nr", "artnr",
    "artikelnummer", "artikkelnummer", "varenummer", "varenr", "sku", "ean", "gtin", "isbn",
    "bankgiro", "bg", "plusgiro", "pg", "iban", "bic", "swift", "konto", "kontonummer",
    "reg.nr", "clearing", "hrb", "hra", "ust", "ust-idnr", "steuernummer", "vat", "moms",
    "momsreg", "mva", "alv", "order", "ordernummer", "ordrenummer", "bestellnummer",
    "kundnummer", "kundenummer", "rechnungsnummer", "faktura", "fakturanummer",
    "tilausnumero", "tuotenumero", "modell", "model", "serienummer", "fax", "telefax",
    # order, article, parcel and register numbers, postcodes, bank details (de, fi, nb, da, en)
    "bestell-nr", "bestellnr", "auftragsnummer", "auftrags-nr", "auftragsnr", "art.-nr", "artikel-nr",
    "artikelnr", "kundennummer", "kunden-nr", "kundennr", "ordrenr", "ordre", "tilaus", "tilausnro",
    "tuotenro", "tuotekoodi", "produktnummer", "produktnr", "item", "item no", "order no", "order #",
    "sendungsnummer", "tracking", "trackingnummer", "sporingsnummer", "sändningsnummer",
    "kollinummer", "paketnummer", "plz", "postnummer", "postnr", "postinumero", "handelsregister",
    "registernummer", "ust-id", "ust-idnr", "ust.-idnr", "uid", "steuer-nr", "st.-nr", "cvr-nr",
    "mva-nr", "blz", "konto-nr", "kontonr", "bankkonto", "kontonro", "tilinumero", "viitenumero",
    "referenz", "reference", "ref", "ocr", "rechnung", "invoice", "lasku", "laskunumero",
)


def _labels(words: tuple[str, ...]) -> re.Pattern[str]:
    """Any of ``words`` as a whole word, or a telephone sign, any case."""
    return re.compile(r"(?:\b(?:" + "|".join(words) + r")(?!\w)|[" + PHONE_SIGNS + "])", re.IGNORECASE)


_PHONE_WORD = _labels(PHONE_WORDS)
# "Tel/Fax: …" is one number for both, so a "fax" right after a slash does not veto it.
_NOT_PHONE_WORD = re.compile(
    r"(?<![/\w])(?:"
    + "|".join(re.escape(w) for w in sorted(NOT_PHONE_WORDS, key=len, reverse=True))
    # "Ordernr", "Order-Nr.", "Kunden-No.", "Tilausnro": a label with a number word run on.
    + r")(?:[-.]?\s?(?:nr|no|nro|num|nummer|numero|number)\.?)?(?![a-zåäöæø])",
    re.IGNORECASE,
)
#: How far before a number its label may stand (one short line of text).
_LABEL_WINDOW = 40
#: A telephone word or sign: a label in a block of its own above a number ("PUH." / "044 582
#: 9016", "Call the studio" / hours / "01665 830472", as site builders write one-line paragraphs).
_TELEPHONE_WORD = _labels(TELEPHONE_WORDS)
#: Blocks above a bare number that may hold its label, and how long such a block may be.
_ABOVE_BLOCKS = 2
_ABOVE_LENGTH = 60
_CURRENCY_AFTER = re.compile(r"^\s*(?:kr\b|:-|,-|sek\b|nok\b|dkk\b|eur\b|€|\$|£|euro\b)", re.IGNORECASE)
_DATE = re.compile(r"^\d{1,4}[-./]\d{1,2}[-./]\d{1,4}$")
#: What may follow the phone word before its colon: a second word for the same line ("Tel/Fax",
#: "Telefon & fax", "Puh./faksi") and a short remark in brackets ("Mobile (fairs only)").
_LABEL_TAIL = r"(?:\s*[/&+]\s*[^\W\d_]{2,8}\.?)?(?:\s*\([^()\n\d]{1,30}\))?"
#: A phone word, an optional colon, then a run of digits with the usual separators.
_LABELLED_DIGITS = re.compile(
    _PHONE_WORD.pattern + r"\.?" + _LABEL_TAIL + r"\s*:?\s*(?P<number>\+?\(?\d[\d \t()./-]{4,22}\d)",
    re.IGNORECASE,
)

PhoneMethod = Literal["tel", "text", "structured_data"]
#: Heading elements: a card's title above its block ("Partnergeschäft Dresden").
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})

_TYPE_NAMES = {
    value: name.lower()
    for name, value in vars(PhoneNumberType).items()
    if name.isupper() and isinstance(value, int)
}


def gather_phones(doc: Document, default_region: str) -> list[PhoneFact]:
    """Telephone numbers of the page, once per E.164 number: ``tel:`` links first, then text.

    ``default_region`` (``"SE"``, ``"NO"``, ``"DE"`` …) is how a number without a country code
    is read, normally the audited site's jurisdiction.
    """
    region = default_region.upper()
    seen: set[str] = set()
    out: list[PhoneFact] = []

    def add(fact: PhoneFact | None) -> None:
        if fact is not None and fact.e164 not in seen:
            seen.add(fact.e164)
            out.append(fact)

    for element in doc.root.iter("a", "area"):
        href = (element.get("href") or "").strip()
        if href.lower().startswith("tel:"):
            add(_from_link(doc, element, href, region))
    fewest = fewest_digits(region)
    last: TextBlock | None = None
    for block, previous in doc.blocks_with_before(_ABOVE_BLOCKS):
        # the block right before, when it is a heading of the same region (a card's title)
        heading, last = last, block
        # Most blocks of a text-heavy page hold no number at all: a look at their runs of
        # number characters spares them the masking, the matcher and the label search, none of
        # which can find a number in fewer digits than a valid number has (``fewest_digits``)
        # or than ``_labelled_invalid`` takes (6).
        if not _may_hold_number(block.text, fewest):
            continue
        spans: list[tuple[int, int]] = []
        offset = 0
        here = doc.region(block.element)
        above = [text for where, text in previous if where == here]
        title = (
            heading.text
            if heading is not None and heading.element.tag in _HEADINGS and previous and previous[-1][0] == here
            else ""
        )
        # Times, dates, prices, IBANs and postcodes are blanked first (same offsets): opening
        # hours "09.00-17.00" are a valid number as digits, and often follow the phone label.
        masked = mask_non_phones(block.text)
        # Match line by line so that a house number and the postal code below it cannot be
        # joined into one "number"; the label window still looks across lines of the block.
        for line in masked.split("\n"):
            for match_start, match_end, raw, number in _matches(line, region, fewest):
                start, end = offset + match_start, offset + match_end
                if _accept(masked, start, end, raw) or _labelled_above(
                    masked, start, end, raw, above
                ) or _marked_as_phone(block.element, masked, start, end, raw) or _in_contact_block(
                    masked, start, end, raw, above
                ):
                    spans.append((start, end))
                    add(
                        phone_fact(
                            number,
                            raw=raw,
                            url=doc.url,
                            locator=doc.locator(block.element),
                            excerpt=excerpt(block.text, start, end),
                            region=doc.region(block.element),
                            method="text",
                            owner=EXAMPLE if example_number(block.text[:start]) else (
                                owner_by_context(block.text, start)
                                or (owner_by_heading(title, block.text[:start]) if title else None)
                                or owner_after(block.text, end, start)
                            ),
                        )
                    )
            offset += len(line) + 1
        for fact in _labelled_invalid(doc, block, masked, region, spans):
            add(fact)
    return out


#: What a candidate of the matcher is made of before any extension, besides digits: its
#: punctuation (spaces, dashes, dots, slashes, brackets, "x"), plus signs and opening brackets.
#: A number's digits all stand in one run of digits and these.
_NUMBER_RUN = rf"{_VALID_PUNCTUATION}{_PLUS_CHARS}(\[\uFF08\uFF3B"
#: What ``_LABELLED_DIGITS``'s number is made of besides digits: spaces, tabs, brackets, dots,
#: slashes, dashes and a plus sign.
_LABELLED_RUN = r" \t()./+-"


def _holds_digits(run: str, text: str, count: int) -> bool:
    """Whether one run of digits and the characters ``run`` lists holds ``count`` digits in
    ``text`` (a digit as the matcher reads one: ``phonenumbers`` matches ``\\d`` too)."""
    return count <= 0 or _run_of(run, count).search(text) is not None


@lru_cache(maxsize=64)
def _run_of(run: str, count: int) -> re.Pattern[str]:
    # A digit, then count - 1 more, each after any of the run's other characters. One search that
    # opens with a digit, instead of listing every run and counting its digits; the other
    # characters are no digits, so they are taken whole (possessive: nothing is given back).
    return re.compile(rf"\d(?:[{run}]*+\d){{{count - 1}}}", re.IGNORECASE)


def _may_hold_number(text: str, fewest: int) -> bool:
    """Whether ``text`` has a run of number characters with the digits of a valid number
    (``fewest``) or of a labelled one (``_LABELLED_MIN``); masking only takes digits away."""
    return _holds_digits(_NUMBER_RUN, text, fewest) or _holds_digits(_LABELLED_RUN, text, _LABELLED_MIN)


@lru_cache(maxsize=4096)
def _matches(line: str, region: str, fewest: int) -> tuple[tuple[int, int, str, PhoneNumber], ...]:
    """The valid numbers ``PhoneNumberMatcher`` finds on ``line``, once per line and region (a
    site's footer repeats on every page); none where no run of number characters holds
    ``fewest`` digits (the matcher then finds none: :func:`fewest_digits`)."""
    if not _holds_digits(_NUMBER_RUN, line, fewest):
        return ()
    return tuple(
        (match.start, match.end, match.raw_string, match.number)
        for match in PhoneNumberMatcher(line, region, leniency=Leniency.VALID)
    )
#: The fewest digits ``_labelled_invalid`` takes as a number.
_LABELLED_MIN = 6


@cache
def fewest_digits(region: str) -> int:
    """The fewest digits a text must hold for ``PhoneNumberMatcher`` to find a valid number in
    it, read with ``region``: the shortest national significant number of the region, or the
    shortest country code and number of any country (from libphonenumber's metadata: its possible
    lengths, local-only ones included). A number needs every one of its digits in the text."""
    national = _shortest(PhoneMetadata.metadata_for_region(region.upper()))
    return min([_international_fewest(), *([national] if national is not None else [])])


def _shortest(metadata: PhoneMetadata | None) -> int | None:
    desc = metadata.general_desc if metadata is not None else None
    if desc is None:
        return None
    lengths = [n for n in (*(desc.possible_length or ()), *(desc.possible_length_local_only or ())) if n > 0]
    return min(lengths) if lengths else None


#: :func:`_international_fewest` as computed for a version of ``phonenumbers``: computing it loads
#: the metadata of every country (254 modules, about 50 ms of CPU in every process that audits,
#: where a site's audit needs a few of them). Another version is computed (and may be added here);
#: ``tests/facts/test_phones.py`` checks the figure of the version installed.
KNOWN_INTERNATIONAL_FEWEST: dict[str, int] = {"9.0.43": 4}


@cache
def _international_fewest() -> int:
    known = KNOWN_INTERNATIONAL_FEWEST.get(phonenumbers.__version__)
    return known if known is not None else international_fewest()


def international_fewest() -> int:
    """The fewest digits of a number written with its country code, over every country."""
    return min(
        len(str(metadata.country_code)) + length
        for metadata in (
            *(PhoneMetadata.metadata_for_region(r) for r in phonenumbers.SUPPORTED_REGIONS),
            *(PhoneMetadata.metadata_for_nongeo_region(c) for c in phonenumbers.COUNTRY_CODES_FOR_NON_GEO_REGIONS),
        )
        if metadata is not None and (length := _shortest(metadata)) is not None
    )


def _labelled_invalid(
    doc: Document, block: TextBlock, masked: str, region: str, found: list[tuple[int, int]]
) -> list[PhoneFact]:
    """Digits right after a phone word that are not a valid number as written.

    "Telefon: 17641857862" (a German mobile without its 0) is still the trader telling us its
    number; dropping it would turn a badly written number into a missing one, and so into a
    wrong "fail". These are kept with ``valid=False`` for the rule to send to review.
    """
    out: list[PhoneFact] = []
    if not _holds_digits(_LABELLED_RUN, masked, _LABELLED_MIN):
        return out  # no run of number characters with the digits taken below
    for match in _LABELLED_DIGITS.finditer(masked):
        raw = match.group("number").strip()
        digits = re.sub(r"\D", "", raw)
        if not 6 <= len(digits) <= 15:
            continue
        start, end = match.span("number")
        if any(start < f_end and f_start < end for f_start, f_end in found):
            continue  # overlaps a number the matcher took
        if not _accept(masked, start, end, raw):
            continue
        # Valid numbers written as a person dials them were taken by the matcher (they overlap a
        # span in ``found``); what is left is not dialable as written, even where libphonenumber
        # can guess the number (17641857862 is +49 176 41857862 once the missing 0 is added).
        repaired = _with_trunk_prefix(digits, region)
        owner = EXAMPLE if placeholder_digits(digits) else owner_by_context(block.text, start)
        out.append(
            PhoneFact(
                url=doc.url,
                locator=doc.locator(block.element),
                excerpt=excerpt(block.text, start, end),
                region=doc.region(block.element),
                raw=raw,
                e164=repaired or digits,
                number_type=MISSING_TRUNK_PREFIX if repaired else "invalid",
                method="text",
                valid=False,
                third_party=owner is not None,
                owner=owner.name if owner else "",
                owner_reason=owner.reason if owner else None,
            )
        )
    return out


#: Whose a stand-in number is: nobody's ("Telefon: +45 12 34 56 78" in a privacy template).
EXAMPLE = Owner("", "example")
#: Numbers a trader may choose for their digits.
_SERVICE_TYPES = frozenset({
    PhoneNumberType.TOLL_FREE, PhoneNumberType.PREMIUM_RATE, PhoneNumberType.SHARED_COST, PhoneNumberType.UAN,
})
#: A run of this many digits counting up or down (12345678, 98765432) is a stand-in; "08-123 45 67"
#: (seven) is left alone: fixtures and real lines alike use it.
_RUN = 8
#: This many of one digit (0000000) is a stand-in too.
_SAME = 7


def _subscriber(number: PhoneNumber) -> str:
    """The digits after the area or operator code ("1234567" of 030 1234567): a run that only
    reaches into the area code is a real line's chance."""
    national = str(number.national_number)
    return national[phonenumbers.length_of_national_destination_code(number):]


def placeholder_digits(digits: str) -> bool:
    """Whether ``digits`` (a number's digits, country code or not) are a stand-in a template
    leaves where a real number goes: a run of eight digits counting up or down by one, or one
    digit seven times over. No operator issues these; a real number holds such a run about once
    in a million."""
    digits = re.sub(r"\D", "", digits)
    if re.search(rf"(\d)\1{{{_SAME - 1}}}", digits):
        return True
    for step in (1, -1):
        run = 1
        for a, b in pairwise(digits):
            run = run + 1 if (int(b) - int(a)) % 10 == step % 10 else 1
            if run >= _RUN:
                return True
    return False


#: ``number_type`` of a number written without its national trunk prefix ("17641857862").
MISSING_TRUNK_PREFIX = "missing_trunk_prefix"


def _with_trunk_prefix(digits: str, region: str) -> str | None:
    """The E.164 form of ``digits`` read with the national "0" in front, when that makes a valid
    number of the region; else None. Only for regions whose trunk prefix is 0."""
    if region.upper() in {"ZZ", ""} or digits.startswith("0"):
        return None
    try:
        number = phonenumbers.parse("0" + digits, region.upper())
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def parse_phone(raw: str, default_region: str) -> PhoneNumber | None:
    """``raw`` parsed as a possible number, or ``None``. For numbers someone marked as phones
    (``tel:`` links, ``telephone`` in structured data) possibility is enough: libphonenumber's
    validity data lags behind newly opened number ranges."""
    try:
        number = phonenumbers.parse(raw, default_region.upper())
    except phonenumbers.NumberParseException:
        return None
    return number if phonenumbers.is_possible_number(number) else None


def phone_fact(
    number: PhoneNumber,
    *,
    raw: str,
    url: str,
    locator: str,
    excerpt: str,
    region: Region,
    method: PhoneMethod,
    owner: Owner | None = None,
) -> PhoneFact:
    """A :class:`PhoneFact` for a parsed number, classified by libphonenumber."""
    kind = phonenumbers.number_type(number)
    # Service numbers may be bought for their digits ("0800 1234567"): never taken as stand-ins.
    if owner is None and kind not in _SERVICE_TYPES and placeholder_digits(_subscriber(number)):
        owner = EXAMPLE
    return PhoneFact(
        url=url,
        locator=locator,
        excerpt=excerpt,
        region=region,
        raw=raw.strip(),
        e164=phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164),
        number_type=_TYPE_NAMES.get(kind, "unknown"),
        premium_rate=kind == PhoneNumberType.PREMIUM_RATE,
        toll_free=kind == PhoneNumberType.TOLL_FREE,
        method=method,
        third_party=owner is not None,
        owner=owner.name if owner else "",
        owner_reason=owner.reason if owner else None,
    )


def _from_link(doc: Document, element: lxml.html.HtmlElement, href: str, region: str) -> PhoneFact | None:
    raw = unquote(href[4:]).lstrip("/").strip()
    number = parse_phone(raw, region)
    if number is None:
        return None
    context = _context(doc, element)
    own = doc.element_text(element)
    at = context.find(own) if own else -1
    return phone_fact(
        number,
        raw=raw,
        url=doc.url,
        locator=doc.locator(element),
        excerpt=context,
        region=doc.region(element),
        method="tel",
        owner=owner_by_context(context, at) if at >= 0 else None,
    )


def _accept(text: str, start: int, end: int, raw: str) -> bool:
    """Whether a number the matcher found in ``text[start:end]`` is written as a phone number."""
    before, after = text[:start], text[end:]
    if not _stands_alone(before, after, raw):
        return False
    label = _label(before[-_LABEL_WINDOW:], _PHONE_WORD)
    if label is not None:
        return label
    return raw.lstrip("(").startswith(("+", "00"))


def _stands_alone(before: str, after: str, raw: str) -> bool:
    """Whether a number is not part of a longer digit run on its line (an EAN, an IBAN, a longer
    article number; a postal code on the next line is not part of it), a price or a date."""
    if re.search(r"\d[ \t.-]?$", before) or re.match(r"^[ \t.-]?\d", after):
        return False
    return not (_CURRENCY_AFTER.match(after) or _DATE.match(raw.strip()))


def _bare(before: str, after: str, raw: str) -> bool:
    """Whether a number stands alone on its block's first line, words neither before nor after it
    there (a remark may follow on lines of its own: "0171 / 4 82 93 06" / "Während Shootings bin
    ich nicht erreichbar"), or a remark in brackets after it, and is no part of a longer number, a
    price or a date."""
    # a remark in brackets after it is no words of the line ("936 41 207 (SMS eller ring etter kl. 16)")
    rest = _REMARK.sub("", after.split("\n", 1)[0])
    return not re.search(r"[^\W\d_]", before + rest) and _stands_alone(before, after, raw)


_REMARK = re.compile(r"^\s*\([^()]*\)\s*$")


#: "Telefon & Fax:", "Tel. und Fax", "Puh. ja faksi": one number for both, so the fax word after a
#: phone word and a joiner is no label of its own.
_AND_FAX = re.compile(
    _PHONE_WORD.pattern + r"\.?(?:\s*[/&+]\s*|\s+(?:und|and|og|och|ja|sekä)\s+)(?P<fax>fa(?:x|ksi)\w*)", re.IGNORECASE
)


def _label(window: str, phone_word: re.Pattern[str]) -> bool | None:
    """What the labels in ``window`` say of the number after it: the nearest decides ("Org.nr
    556677-8899, Tel 08-123 45 67" has both before the phone); None when there is none."""
    folded = window.casefold()  # the pattern ignores case, so its gate must too ("TELEFON & FAX:")
    if "ax" in folded or "aks" in folded:
        window = _AND_FAX.sub(lambda m: m.group(0)[: m.start("fax") - m.start()] + " " * len(m.group("fax")), window)
    positive = [m.end() for m in phone_word.finditer(window)]
    negative = [m.end() for m in _NOT_PHONE_WORD.finditer(window)]
    if negative and (not positive or max(negative) > max(positive)):
        return False
    return True if positive else None


def _labelled_above(text: str, start: int, end: int, raw: str, above: list[str]) -> bool:
    """Whether a number that stands alone in its block is labelled by a short block just above
    it: the nearest block with a label decides, a block with another number in it ends the
    search, and a block of words besides the number is no bare number."""
    before, after = text[:start], text[end:]
    if not _bare(before, after, raw) or _NOT_PHONE_WORD.search(before):
        return False
    for line in reversed(above):
        if len(line) > _ABOVE_LENGTH:
            return False
        masked = mask_non_phones(line)
        if re.search(r"\d(?:[ \t.()/-]*\d){5}", masked):  # another number: a label there is its own
            return False
        label = _label(masked, _TELEPHONE_WORD)
        if label is not None:
            return label
    return False


#: A postcode and town ("724 63 Västerås", "0155 Oslo", "D-10115 Berlin") or an email address:
#: what a contact block's lines above a bare number hold.
_CONTACT_LINE = re.compile(
    # a postcode and a town written with its capital ("1800 mAh" in a product table is no town)
    r"(?:^|\s)(?:[A-Z]{1,2}-)?(?:\d{3}\s?\d{2}|\d{4,5})\s+(?-i:(?![a-zß-ÿ]))[^\W\d_][\w-]+"
    r"|[\w.+-]+\s?(?:@|\[at\]|\(at\))\s?[\w-]+\.",
    re.IGNORECASE,
)


def _in_contact_block(text: str, start: int, end: int, raw: str, above: list[str]) -> bool:
    """Whether a number alone in its block stands right under the trader's postal address or
    email, one short block a line as site builders write a contact block ("Sågverksgatan 4" /
    "724 63 Västerås" / "070-318 44 52"): a phone with no label but its place."""
    if not _bare(text[:start], text[end:], raw):
        return False
    near = [line for line in above if line.strip(" \t\u200b\u00a0")]
    return bool(near) and len(near[-1]) <= _ABOVE_LENGTH and _CONTACT_LINE.search(near[-1]) is not None


#: A class, id or ARIA label that names a telephone: a theme's top-bar item ("et-info-phone"),
#: an icon before the number ("fa-phone-alt", "icon-tel"). Whole parts only: "hotel", "callout".
_PHONE_MARK = re.compile(
    r"(?:^|[-_\s])(?:phone|telephone|tel|telefon|puhelin|mobile|mobil|call)(?:$|[-_\s])", re.IGNORECASE
)
#: How many characters of other text the element holding a number may have besides it.
_MARKED_SLACK = 3


def _marked_as_phone(block: lxml.html.HtmlElement, text: str, start: int, end: int, raw: str) -> bool:
    """Whether a number alone in its own element is named a telephone by the markup: the
    element or one of its ancestors within the block, or the element just before it (an icon),
    has a class, id or label naming a phone. Site builders draw the label as an icon."""
    if not _stands_alone(text[:start], text[end:], raw):
        return False
    digits = re.sub(r"\D", "", raw)
    for element in block.iter():
        if not isinstance(element.tag, str):
            continue
        own = element.text_content()
        if re.sub(r"\D", "", own) != digits or len(re.sub(r"[\d\s().+/-]", "", own)) > _MARKED_SLACK:
            continue  # not the element that holds just this number
        node: lxml.html.HtmlElement | None = element
        while node is not None:
            before = node.getprevious()
            if _names_phone(node) or (before is not None and not re.search(r"\d", before.text_content() or "")
                                      and any(_names_phone(e) for e in before.iter() if isinstance(e.tag, str))):
                return True
            if node is block:
                break
            node = node.getparent()
    return False


#: Responsive classes that name a phone-sized screen, not a telephone ("hidden-phone",
#: "et_pb_animation_top_phone", "phone-only", "visible-phone-up").
_SCREEN_CLASS = re.compile(
    r"\S*(?:hidden|visible|show|hide|top|bottom|left|right|animation|only)[-_]phone\S*|\S*phone[-_](?:only|up|down|portrait|landscape|hidden|visible)\S*",
    re.IGNORECASE,
)


def _names_phone(element: lxml.html.HtmlElement) -> bool:
    marks = " ".join(element.get(a) or "" for a in ("class", "id", "aria-label", "title"))
    return bool(marks.strip()) and _PHONE_MARK.search(_SCREEN_CLASS.sub(" ", marks)) is not None


def _context(doc: Document, element: lxml.html.HtmlElement) -> str:
    """Text around a link: that of the nearest ancestor with more text than the link itself."""
    own = doc.element_text(element)
    node: lxml.html.HtmlElement | None = element
    while node is not None:
        text = doc.element_text(node)
        parent = node.getparent()
        if text and (len(text) > len(own) or parent is None):
            start = max(text.find(own), 0) if own else 0
            return excerpt(text, start, start + len(own))
        node = parent
    return own[:200]
