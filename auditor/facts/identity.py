"""Who the trader is: registration numbers, VAT ids and legal names with their legal form.

Registration numbers (ECD Art. 5(1)(d), DDG § 5) are recognised per scheme and checked with
the scheme's own checksum:

* ``se-orgnr``: ``NNNNNN-NNNN``, Luhn over the ten digits;
* ``no-orgnr``: nine digits (``923 609 016 MVA``), mod 11 with weights 3 2 7 6 5 4 3 2;
* ``dk-cvr``: eight digits (``12 34 56 78``), mod 11 with weights 2 7 6 5 4 3 2 1;
* ``fi-ytunnus``: ``NNNNNNN-N``, mod 11 with weights 7 9 10 5 8 4 2;
* ``de-register``: ``HRB 12345 B`` with the register court nearby; no checksum exists, so a
  well-formed number is valid;
* ``vat``: the VAT id of every member state (``EL`` for Greece, ``XI`` for Northern Ireland),
  Norway, Switzerland and the UK, each with its country's published check;
* ``fr-siren``/``fr-siret``, ``pl-nip``/``pl-regon`` (checked), ``gb-company`` (Companies
  House: eight characters, no check digit), Ireland's ``ie-company`` and ``ie-business-name``
  (the CRO's, up to six digits, no check digit) and the British and Irish charity registers'
  numbers (``gb-charity``, ``ie-charity``) after their own labels;
* ``other``: a number right after a registration or VAT label that none of these reads
  (*KvK*, *Tax ID* ...): the trader is identified in a register the tool does not know.

The checks are python-stdnum's. A number that is there but wrong keeps ``problem``: its check
digit, its length or its format.

A bare group of digits on a shop page is far more often a phone, order or article number than
a registration number, so plain numbers are taken only after a label (*Org.nr*, *CVR*,
*Y-tunnus* …). A labelled number with a wrong checksum is still reported, with
``valid=False``: a mistyped registration number on a trader page is itself a finding. VAT ids
carry their country prefix and are taken without a label when their checksum holds.

Legal names are names followed by a legal form (*Kompis Hem AB*, *Hygge ApS*, *Muster GmbH*),
found after a copyright sign, after a label (*Säljare är*, *Anbieter:*), or as capitalised
words right before the form anywhere in the text. Each form carries the kind of trader it is
(a natural person, a partnership, a company), the countries whose law has it and whether it
exists only by an entry in a register (``legal_forms.toml``).

Traders without a legal form are natural persons: an owner label and the owner's name
(*Inhaberin Maria Muster*, *Innehavare: Anna Berg*), a sole trader's word (*enskild firma*,
*Einzelunternehmen*, *Tmi*), or a name heading the address block, which may be a person's or a
trading name (``TraderNameFact``). The persons who represent a company or partnership follow
their labels (*Geschäftsführer: Max Muster*, *VD Anna Berg*, *daglig leder*, *toimitusjohtaja*:
``RepresentativeFact``).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterator
from functools import cache, lru_cache
from importlib import resources
from typing import Any, Literal, NamedTuple, cast

import phonenumbers
from stdnum import luhn as stdnum_luhn
from stdnum.ch import vat as ch_vat
from stdnum.de import vat as de_vat
from stdnum.dk import cvr as dk_cvr
from stdnum.eu import vat as eu_vat
from stdnum.exceptions import InvalidChecksum, InvalidLength, ValidationError
from stdnum.fi import ytunnus as fi_ytunnus
from stdnum.fr import siren as fr_siren
from stdnum.fr import siret as fr_siret
from stdnum.gb import vat as gb_vat
from stdnum.no import mva as no_mva
from stdnum.no import orgnr as no_orgnr
from stdnum.pl import nip as pl_nip
from stdnum.pl import regon as pl_regon

from auditor.facts.addresses import parse_addresses
from auditor.facts.dom import Document, TextBlock, excerpt
from auditor.facts.literals import LiteralGate, fold, gate_of
from auditor.models import (
    CompanyNameFact,
    OrgNumberFact,
    OrgNumberProblem,
    OrgNumberScheme,
    RepresentativeFact,
    TraderKind,
    TraderNameFact,
)

_Scheme = OrgNumberScheme
_Problem = OrgNumberProblem
_NameMethod = Literal["structured_data", "copyright", "label", "text"]

# --------------------------------------------------------------------------- checksums
# Every check digit is python-stdnum's: a maintained library of national number formats with
# their published checks. The wrappers keep the names that callers and tests use.


def luhn_ok(digits: str) -> bool:
    """Luhn (mod 10) check, as used by Swedish organisation and personal numbers."""
    return bool(stdnum_luhn.is_valid(digits))


def no_orgnr_ok(digits: str) -> bool:
    """Norwegian organisasjonsnummer: mod 11 over eight digits; remainder 1 gives no number."""
    return len(digits) == 9 and bool(no_orgnr.is_valid(digits))


def dk_cvr_ok(digits: str) -> bool:
    """Danish CVR: the weighted sum of all eight digits is divisible by 11."""
    return len(digits) == 8 and bool(dk_cvr.is_valid(digits))


def fi_ytunnus_ok(digits: str) -> bool:
    """Finnish Y-tunnus (seven digits and a check digit); remainder 1 is never issued."""
    return len(digits) == 8 and bool(fi_ytunnus.is_valid(digits))


def de_vat_ok(digits: str) -> bool:
    """German USt-IdNr: ISO 7064 MOD 11,10 check digit over the first eight digits."""
    return len(digits) == 9 and bool(de_vat.is_valid(digits))


def _problem(validate: Callable[[str], object], number: str) -> _Problem:
    """What is wrong with ``number`` by ``validate`` (a stdnum module's): nothing, its check
    digit, its length or its format."""
    try:
        validate(number)
    except InvalidChecksum:
        return "checksum"
    except InvalidLength:
        return "length"
    except ValidationError:
        return "format"
    return ""


# --------------------------------------------------------------------------- registration numbers

# scheme, country, value, raw, problem ("" when valid), start, end
_Found = tuple[_Scheme, str, str, str, _Problem, int, int]

#: Labels of a registration number, in sv, nb, da, fi, de and en.
_ORG_LABEL = re.compile(
    r"\b(?:org(?:anisations|anisasjons|anization|anisation)?\.?\s?-?\s?(?:nr|nummer|no|number)\.?"
    r"|orgnr|organisations?nummer|organisasjonsnummer"
    r"|foretaks(?:nr|nummer|registeret)\.?|enhetsregisteret"
    r"|cvr(?:-?\s?(?:nr|nummer|no)\.?)?|se-nr\.?"
    r"|y-tunnus|ly-tunnus|yritys-\s?ja\s+yhteisötunnus|fo-nummer|business\s+id|company\s+(?:number|no\.?|reg(?:istration)?\.?\s+(?:no|number)\.?)"
    r"|reg(?:istration)?\.?\s?(?:nr|no|number)\.?|registreringsnummer|registration\s+number)",
    re.IGNORECASE,
)
#: Labels of a VAT id.
_VAT_LABEL = re.compile(
    r"\b(?:vat|moms|momsreg\w*|mva|ust\.?-?id\w*|ust|umsatzsteuer\w*|alv-?numero|alv|arvonlisävero\w*"
    r"|tva|btw|iva|nip|dph|dic|dič|áfa|pvm|pvn|kmkr|ddv|tax\s+id)",
    re.IGNORECASE,
)
#: Labels of registers whose numbers the tool does not check (or only some of them): a number
#: after one is reported as ``other``, so that a rule can say it saw a number it cannot read.
_OTHER_LABEL = re.compile(
    r"\b(?:kvk(?:-?nummer)?|krs|cif|nif|nipc|p\.?\s?iva|partita\s+iva|codice\s+fiscale|i[cč]o|firmenbuch\w*|fn"
    r"|uid(?:-?nr\.?)?|ein|abn|acn|registrikood|ondernemingsnummer|kbo|bce|handelsregister\w*|registernummer"
    r"|n[°º]\s?d'?entreprise|tax\s+(?:id|number)|company\s+id|steuer-?\s?(?:nummer|nr\.?)|st\.?-?\s?nr\.?"
    # Ireland's Companies Registration Office: "CRO number 612345", "Registered in Ireland No. 612345"
    r"|cro\b(?:\s+(?:no\.?|number|nr\.?))?|registered\s+in\s+ireland(?:\s+no\.?)?|companies\s+registration\s+office)",
    re.IGNORECASE,
)
#: How far before a number its label may stand.
_LABEL_WINDOW = 30

_PLAIN_NUMBER = re.compile(
    r"(?<![\w-])(?:"
    r"(?P<se>\d{6}-?\d{4})"
    r"|(?P<fi>\d{7}-\d)"
    r"|(?P<no>\d{3}\s?\d{3}\s?\d{3})(?:\s?MVA\b)?"
    r"|(?P<dk>\d{2}\s\d{2}\s\d{2}\s\d{2}|\d{8})"
    r")(?![\w-])"
)
#: VAT ids of every member state (EL is Greece, XI Northern Ireland), Norway, Switzerland and
#: the UK: the country prefix, then groups of digits and capitals; which of the groups belong
#: to the number is settled by the country's own check (``_vat_ids``).
_VAT = re.compile(
    r"(?<![\w-])(?P<cc>AT|BE|BG|CY|CZ|DE|DK|EE|EL|ES|FI|FR|GB|HR|HU|IE|IT|LT|LU|LV|MT|NL|PL|PT|RO|SE|SI|SK|XI|NO|CHE)"
    r"[\s-]?(?P<body>[0-9A-Z]*\d[0-9A-Z]*(?:[ .-][0-9A-Z]+){0,5})(?![\w-])"
)
#: stdnum's VAT module per prefix; member states go through ``stdnum.eu.vat``.
_VAT_MODULES: dict[str, Any] = {"GB": gb_vat, "NO": no_mva, "CHE": ch_vat}
_VAT_COUNTRY = {"EL": "GR", "XI": "GB", "CHE": "CH"}
_REGISTER = re.compile(r"\b(?P<kind>HRB|HRA|GnR|PR|VR)\s?(?P<number>\d{1,6})(?:\s(?P<suffix>[A-Z]{1,2}))?\b")
_COURT = re.compile(r"\b(?:Amtsgericht|Registergericht|Handelsregister)\b|\bAG\s[A-ZÄÖÜ]")
#: How far from an HRB number the register court must be named.
_COURT_WINDOW = 80


class _National(NamedTuple):
    """A national register whose numbers are taken only after their own label."""

    scheme: _Scheme
    country: str
    label: str
    number: str
    check: Callable[[str], _Problem]


def _no_check(_: str) -> _Problem:
    return ""  # Companies House numbers have no check digit: the format is all there is


_FILLER = r"[^\w\n]{0,4}(?:(?:n[°ºo]|nr|no|number|nummer|numéro|numer)\.?[^\w\n]{0,4})?"
_NATIONAL: tuple[_National, ...] = (
    _National("fr-siret", "FR", r"\bSIRET\b", r"\d{3}\s?\d{3}\s?\d{3}\s?\d{5}",
              lambda n: _problem(fr_siret.validate, n)),
    _National("fr-siren", "FR", r"\bSIREN\b|\bRCS(?:\s+[A-ZÉ][\w-]+){1,2}", r"\d{3}\s?\d{3}\s?\d{3}",
              lambda n: _problem(fr_siren.validate, n)),
    _National("pl-nip", "PL", r"\bNIP\b", r"\d{3}-\d{2}-\d{2}-\d{3}|\d{3}-?\d{3}-?\d{2}-?\d{2}",
              lambda n: _problem(pl_nip.validate, n)),
    _National("pl-regon", "PL", r"\bREGON\b", r"\d{9}(?:\d{5})?", lambda n: _problem(pl_regon.validate, n)),
    _National(
        "gb-company", "GB",
        r"(?i:\bcompany\s+(?:registration\s+)?(?:number|no\b\.?)|\bregistered\s+in\s+(?:england|scotland|wales"
        r"|northern\s+ireland)(?:\s+and\s+wales)?(?:\s+(?:under|with))?(?:\s+(?:company\s+)?(?:number|no\b\.?))?"
        r"|\bcompanies\s+house(?:\s+(?:number|no\b\.?))?)|\bCRN\b",
        r"(?:SC|NI|OC|SO|NC|R0|IP|SP|RS|SL|SF|NF|FC|GE|LP|NL|ZC|IC|SI|NP|RC|SR|NR)\d{6}|\d{6,8}",
        _no_check,
    ),
    # A registered charity that sells (tickets, shop goods) is identified by its register's
    # number: the Charity Commission's (six or seven digits), OSCR's (SC and six digits) or the
    # Charity Commission for Northern Ireland's (NIC and six); Ireland's Charities Regulator (RCN,
    # eight digits) and the Revenue's older CHY numbers.
    _National(
        "gb-charity", "GB",
        r"(?i:\b(?:registered\s+|scottish\s+)?charity\s+(?:registration\s+|reg\.?\s+)?(?:number|no\b\.?)"
        r"|\bcharity\s+(?:reg(?:istration|\.)?|registered\s+in\s+(?:england|scotland|wales)(?:\s+and\s+wales)?)"
        r"|\bcharity\s+commission(?:\s+for\s+(?:england\s+and\s+wales|northern\s+ireland))?(?:\s+(?:number|no\b\.?))?)"
        r"|\bOSCR\b",
        r"SC0\d{5}|NIC\d{6}|\d{6,7}",
        _no_check,
    ),
    _National("ie-charity", "IE", r"\bRCN\b|\bCHY\b", r"20\d{6}|\d{4,5}", _no_check),
    # Ireland's Companies Registration Office: a company's number ("CRO No. 654321", "Registered in
    # Ireland No. 654321") and a registered business name's, a sole trader's ("RBN 748213"); up to
    # six digits, no check digit.
    _National(
        "ie-company", "IE",
        r"\bCRO\b|(?i:\bregistered\s+in\s+(?:the\s+republic\s+of\s+)?ireland(?:\s+(?:under|with))?"
        r"(?:\s+(?:company\s+)?(?:number|no\b\.?))?|\bcompanies\s+registration\s+office(?:\s+(?:number|no\b\.?))?)",
        r"\d{4,6}",
        _no_check,
    ),
    _National(
        "ie-business-name", "IE",
        r"\bRBN\b|(?i:\bregistered\s+business\s+name(?:\s+(?:number|no\b\.?))?"
        r"|\bbusiness\s+name\s+(?:registration\s+)?(?:number|no\b\.?))",
        r"\d{4,6}",
        _no_check,
    ),
)
_NATIONAL_RES = tuple(
    (national, re.compile(rf"(?:{national.label}){_FILLER}(?P<n>{national.number})(?![\w-])"))
    for national in _NATIONAL
)
#: Each national pattern's label words, looked for in the folded text before the pattern's scan
#: (the labels open with ``\b``: each pattern tries every character of every block with a digit).
_NATIONAL_GATES = tuple(LiteralGate(pattern) for _, pattern in _NATIONAL_RES)
#: A number-like token right after a registration label.
_AFTER_LABEL = re.compile(
    # a number stays on its line: "Registrikood 16524834⏎c/o …" is the number alone
    rf"{_FILLER}[:#]?\s*(?P<n>(?:[A-Z]{{1,3}}[ \t\u00a0-]?)?\d[\d \t\u00a0./-]{{3,18}}[\dA-Z]"
    r"(?:[ \t\u00a0]?[A-Za-z](?![\w]))?)"
)

#: The digits every number of ``_AFTER_LABEL`` holds, to look for before its labels.
_LABELLED_DIGITS = re.compile(r"\d[\d\s./-]{3,18}[\dA-Z]")

_DIGIT = re.compile(r"\d")


def gather_org_numbers(doc: Document) -> list[OrgNumberFact]:
    """Registration numbers and VAT ids of the page, once per scheme and value."""
    seen: set[tuple[str, str]] = set()
    out: list[OrgNumberFact] = []
    for block, before in doc.blocks_with_before(1):
        if not _DIGIT.search(block.text):
            continue  # every number, VAT id and register entry below has a digit
        text = block.text
        if (before and before[-1][0] == doc.region(block.element) and _is_label(before[-1][1])
                and not _is_labelled(text)):
            # "FO-nummer" / "3174928-4": the label in a <dt> or cell of its own, the value in the next
            text = f"{before[-1][1]} {text}"
        for scheme, country, value, raw, problem, start, end in _block_numbers(text):
            if (scheme, value) in seen:
                continue
            seen.add((scheme, value))
            out.append(
                OrgNumberFact(
                    url=doc.url,
                    locator=doc.locator(block.element),
                    excerpt=excerpt(text, start, end),
                    region=doc.region(block.element),
                    scheme=scheme,
                    country=country,
                    value=value,
                    raw=raw,
                    valid=not problem,
                    problem=problem,
                )
            )
    return out


#: The most characters a label standing alone before its value may have ("Organisationsnummer:").
_LABEL_ALONE = 40


def _is_labelled(text: str) -> bool:
    """Whether a block has a registration or VAT label of its own."""
    return any(label.search(text) for label in (_ORG_LABEL, _VAT_LABEL, _OTHER_LABEL))


def _is_label(text: str) -> bool:
    """Whether a block is a registration number's label alone, with no number of its own
    ("FO-nummer", "Org.nr:", "USt-IdNr.") in a definition list's term or a table's cell."""
    if len(text) > _LABEL_ALONE or _DIGIT.search(text):
        return False
    return _is_labelled(text)


@lru_cache(maxsize=1 << 12)
def _block_numbers(text: str) -> tuple[_Found, ...]:
    """Every number of a block's text, recognised by a scheme or left unrecognised after a label,
    in that order. Kept by the text: a site's footer, with its numbers, is on every page."""
    folded = fold(text)
    recognised = [*_vat_ids(text), *_plain_numbers(text), *_registers(text), *_national_numbers(text, folded)]
    recognised += _unknown_prefixes(text, recognised)
    return (*recognised, *_unrecognised(text, recognised, folded))


def _labelled(text: str, start: int, label: re.Pattern[str]) -> bool:
    """A label ends within the window before ``start`` with no digits between it and ``start``
    ("Org.nr 556677-8899, tel 08-123 45 67" does not label the phone)."""
    window = text[max(0, start - _LABEL_WINDOW) : start]
    ends = [m.end() for m in label.finditer(window)]
    return bool(ends) and not re.search(r"\d", window[max(ends) :])


_UK_LABEL = re.compile(next(n.label for n in _NATIONAL if n.scheme == "gb-company"))


def _plain_numbers(text: str) -> list[_Found]:
    out: list[_Found] = []
    for match in _PLAIN_NUMBER.finditer(text):
        # "914 194 296 MVA": in Norway the MVA suffix is the label.
        suffixed = match.lastgroup == "no" and match.group().rstrip().endswith("MVA")
        if not suffixed and not _labelled(text, match.start(), _ORG_LABEL):
            continue
        kind = match.lastgroup or ""
        if kind == "dk" and _labelled(text, match.start(), _UK_LABEL):
            continue  # "Company number 01234567": a Companies House number (_national_numbers)
        digits = re.sub(r"\D", "", match.group(kind))
        raw = match.group().strip()
        if kind == "se":
            out.append(("se-orgnr", "SE", f"{digits[:6]}-{digits[6:]}", raw, _bad(luhn_ok(digits)), *match.span()))
        elif kind == "fi":
            out.append(("fi-ytunnus", "FI", f"{digits[:7]}-{digits[7]}", raw, _bad(fi_ytunnus_ok(digits)),
                        *match.span()))
        elif kind == "no":
            out.append(("no-orgnr", "NO", digits, raw, _bad(no_orgnr_ok(digits)), *match.span()))
        else:
            out.append(("dk-cvr", "DK", digits, raw, _bad(dk_cvr_ok(digits)), *match.span()))
    return out


def _bad(valid: bool) -> _Problem:
    return "" if valid else "checksum"


def _vat_ids(text: str) -> list[_Found]:
    out: list[_Found] = []
    for match in _VAT.finditer(text):
        cc = match.group("cc")
        groups = re.split(r"[ .-]", match.group("body"))
        validate = _VAT_MODULES[cc].validate if cc in _VAT_MODULES else eu_vat.validate
        # The longest run of groups that the country's check accepts ("DK 12 34 56 74 Tlf"), else
        # the groups up to the last one with a digit (or a suffix such as MVA), reported as wrong.
        best: tuple[str, _Problem] | None = None
        for size in range(len(groups), 0, -1):
            body = "".join(groups[:size])
            if _problem(validate, cc + body) == "":
                best = (body, "")
                break
        labelled = _labelled(text, match.start(), _VAT_LABEL)
        if best is None:
            size = max(i + 1 for i, g in enumerate(groups) if re.search(r"\d", g) or g in {"MVA", "MWST", "TVA", "IVA"})
            body = "".join(groups[:size])
            # Too few digits to be meant as a VAT id ("DE 2024", "SE 12 A"), unless a VAT label
            # says it is one: "USt-IdNr.: DE 123456" is a VAT id that is too short.
            if len(re.sub(r"\D", "", body)) < (5 if labelled else 7):
                continue
            best = (body, _problem(validate, cc + body))
        body, problem = best
        # Without a label a prefix and digits may be a product code; only a passing
        # checksum makes it a VAT id then.
        if problem and not labelled:
            continue
        raw = _span_of(text, match.start(), cc, body)
        out.append(("vat", _VAT_COUNTRY.get(cc, cc), f"{cc}{body}".upper(), raw, problem,
                    match.start(), match.start() + len(raw)))
    return out


#: Two capitals and digits, as a VAT id is written.
_PREFIXED = re.compile(r"(?<![\w-])(?P<cc>[A-Z]{2})[\s-]?(?P<body>\d[\d .-]{5,14}\d)(?![\w-])")
#: Prefixes that are no country's but stand before real numbers: the EU's (non-Union OSS scheme).
_OTHER_PREFIXES = frozenset({"EU"})


def _unknown_prefixes(text: str, recognised: list[_Found]) -> list[_Found]:
    """VAT ids, after a VAT label, whose two-letter prefix is no country's ("VAT: UK 123456789",
    the United Kingdom's being GB; "USt-IdNr.: DX123456789"): a malformed VAT id, reported with
    ``problem="prefix"``. A prefix that is a country's but not a VAT prefix ("US") is a foreign
    tax number, left to :func:`_unrecognised`."""
    out: list[_Found] = []
    for match in _PREFIXED.finditer(text):
        cc = match.group("cc")
        if cc in _VAT_MODULES or cc in _VAT_COUNTRY or cc.lower() in eu_vat.MEMBER_STATES:
            continue
        if cc in phonenumbers.SUPPORTED_REGIONS or cc in _OTHER_PREFIXES:
            continue
        start, end = match.span()
        if any(s < end and start < e for *_, s, e in recognised) or not _labelled(text, start, _VAT_LABEL):
            continue
        raw = match.group().strip()
        out.append(("vat", "", re.sub(r"[\s.-]", "", raw), raw, "prefix", start, start + len(raw)))
    return out


def _span_of(text: str, start: int, cc: str, body: str) -> str:
    """The raw text from ``start`` that spells ``cc`` then ``body`` with its separators."""
    wanted = len(cc) + len(body)
    taken = 0
    index = start
    while index < len(text) and taken < wanted:
        if text[index] not in " .-":
            taken += 1
        index += 1
    return text[start:index]


def _national_numbers(text: str, folded: str | None = None) -> list[_Found]:
    """``folded``: :func:`~auditor.facts.literals.fold` of ``text``, when made already."""
    out: list[_Found] = []
    folded = fold(text) if folded is None else folded
    for (national, pattern), gate in zip(_NATIONAL_RES, _NATIONAL_GATES, strict=True):
        if not gate.may_match(folded):
            continue  # none of its label's words: the pattern cannot match
        for match in pattern.finditer(text):
            raw = match.group("n")
            compact = re.sub(r"[\s.-]", "", raw).upper()
            value = compact.zfill(8) if national.scheme == "gb-company" else compact
            out.append((national.scheme, national.country, value, raw, national.check(compact), *match.span("n")))
    # "Charity registered in Scotland SC012345": the charity register's, not Companies House's
    charities = {found[5:] for found in out if found[0].endswith("-charity")}
    return [found for found in out if found[0] != "gb-company" or found[5:] not in charities]


#: Words of a bank account: a registration number beside one is the bank's (Danish account
#: numbers are written "Reg.nr. 1234 Kontonr. 1234567890").
_BANK_WORDS = re.compile(
    r"\b(?:konto|kontonr|kontonummer|kto|bankkonto|account|bank|banken|sparekass\w*|sparbank\w*|iban|bic|swift)\b",
    re.IGNORECASE,
)
_BANK_REACH = 25
#: What follows an amount, not a registration number: decimals, a per cent sign, a currency.
_PRICE_TAIL = re.compile(r"\s?(?:[.,]\d|%|:-|€|\$|£|(?:kr|sek|nok|dkk|eur|euro|gbp)\b)", re.IGNORECASE)


def _unrecognised(text: str, recognised: list[_Found], folded: str | None = None) -> list[_Found]:
    """Numbers right after a registration or VAT label that no scheme above took: a trader
    established where the tool does not know the registers ("KvK 12345678", "Tax ID 12-3456789")."""
    out: list[_Found] = []
    if not _LABELLED_DIGITS.search(text):
        return out  # no number of the shape taken after a label (the labels' search is slow)
    folded = fold(text) if folded is None else folded
    for label, gate in _LABEL_GATES:
        if not gate.may_match(folded):
            continue  # none of the label's words
        for found in label.finditer(text):
            match = _AFTER_LABEL.match(text, found.end())
            if match is None:
                continue
            start, end = match.span("n")
            if any(s < end and start < e for *_, s, e in (*recognised, *out)):
                continue
            if _BANK_WORDS.search(text, max(0, found.start() - _BANK_REACH), min(len(text), end + _BANK_REACH)):
                continue  # a bank's: Danish "Reg.nr. 9570 Kontonr. …", "Sparekassen, reg. nr. …"
            if _PRICE_TAIL.match(text, end):
                continue  # "Moms 1 250,00 kr": an amount after a tax word, not a VAT id
            raw = match.group("n").strip()
            out.append(("other", "", re.sub(r"[\s./-]", "", raw).upper(), raw, "unknown", start, start + len(raw)))
    return out


#: The labels read by :func:`_unrecognised`, in order, each with its words (:class:`LiteralGate`).
_LABEL_GATES = tuple((label, LiteralGate(label)) for label in (_ORG_LABEL, _VAT_LABEL, _OTHER_LABEL))


def _registers(text: str) -> list[_Found]:
    out: list[_Found] = []
    for match in _REGISTER.finditer(text):
        near = text[max(0, match.start() - _COURT_WINDOW) : match.end() + _COURT_WINDOW]
        if not _COURT.search(near):
            continue
        value = f"{match.group('kind')} {match.group('number')}"
        if match.group("suffix"):
            value += f" {match.group('suffix')}"
        out.append(("de-register", "DE", value, match.group(), "", *match.span()))
    return out


# --------------------------------------------------------------------------- legal names

_FOLDER = resources.files("auditor") / "facts"  # the package's, also when compiled (auditor.native)
_DATA = _FOLDER / "legal_forms.toml"


class LegalForm(NamedTuple):
    """One legal form of ``legal_forms.toml``: how it is written and what kind of trader it is."""

    form: str
    pattern: str
    kind: TraderKind
    countries: tuple[str, ...]
    registered: bool
    ambiguous: bool


@cache
def _data() -> dict[str, Any]:
    return tomllib.loads(_DATA.read_text(encoding="utf-8"))


@cache
def legal_forms() -> tuple[LegalForm, ...]:
    """Every legal form the tool knows, in the order they are tried (longest first)."""
    return tuple(
        LegalForm(
            form=spec["form"], pattern=spec["pattern"], kind=cast(TraderKind, spec["kind"]),
            countries=tuple(spec["countries"]), registered=bool(spec["registered"]),
            ambiguous=bool(spec.get("ambiguous", False)),
        )
        for spec in _data()["form"]
    )


#: Legal forms, longest first so that "GmbH & Co. KG" wins over "GmbH", with the form reported.
LEGAL_FORMS: tuple[tuple[str, str], ...] = tuple((f.pattern, f.form) for f in legal_forms())
_FORM = re.compile(
    r"(?<![\w&/.-])(?:" + "|".join(f"(?P<f{i}>{p})" for i, (p, _) in enumerate(LEGAL_FORMS)) + r")(?![\w/])"
)
#: :data:`_FORM` without its groups, and each form alone with what must follow it. The regex engine
#: tries a group's alternatives at every character of a line one by one, and without the groups
#: it skips at once those whose first letter is not there: four times faster over a page's lines.
#: A line holds few forms; which one matched is then found by trying them in the same order.
_ANY_FORM = re.compile(r"(?<![\w&/.-])(?:" + "|".join(p for p, _ in LEGAL_FORMS) + r")(?![\w/])")
_EACH_FORM = tuple(re.compile(rf"(?:{p})(?![\w/])") for p, _ in LEGAL_FORMS)


def _forms_in(line: str) -> Iterator[tuple[re.Match[str], LegalForm]]:
    """Every legal form on ``line`` with what the tool knows of it: :data:`_FORM`'s matches."""
    for match in _ANY_FORM.finditer(line):
        index = next(i for i, form in enumerate(_EACH_FORM) if form.match(line, match.start()))
        yield match, legal_forms()[index]


def form_info(form: str) -> LegalForm | None:
    """What the tool knows of a legal form as reported ("GmbH", "AB"), or None."""
    return next((f for f in legal_forms() if f.form == form), None)


# Words that introduce the trader's name: "Säljare är …", "Anbieter: …", "Company: …".
_NAME_LABELS = (
    r"(?:företagsnamn|firmanamn|firma|säljaren?\s+är|selger(?:en)?\s+er|sælger(?:en)?\s+er|virksomhed"
    r"|yritys|toiminimi|myyjä\s+on|anbieter|betreiber|verkäufer|company(?:\s+name)?|seller\s+is"
    r"|trader|legal\s+name|juridiskt\s+namn)"
)
_LABEL_THEN_NAME = re.compile(
    rf"\b{_NAME_LABELS}\s*:?\s*(?P<name>[^,;:!?()]{{1,60}}?)\s*$", re.IGNORECASE
)
_LABEL_LINE = re.compile(rf"^\s*{_NAME_LABELS}\s*:?\s*$", re.IGNORECASE)
_COPYRIGHT_NAME = re.compile(
    r"(?:©|\(c\)|&copy;|\bcopyright\b)\s*(?:\d{4}(?:\s*[-–]\s*\d{2,4})?\s*,?\s*)?"
    r"(?P<name>[^\W\d_][\w&'’.\- ]{0,60}?)\s*,?\s*$",
    re.IGNORECASE,
)
#: Capitalised words that start sentences or head labels rather than belong to a name.
_NOT_NAME_WORDS = frozenset(
    {
        "vi", "vår", "vårt", "våra", "ett", "en", "det", "den", "denna", "detta", "om", "hos",
        "till", "från", "med", "är", "välkommen", "kontakt", "kontakta", "alla",
        "we", "our", "the", "a", "an", "by", "from", "at", "to", "welcome", "contact",
        "about", "all", "copyright", "wir", "unser", "unsere", "die", "der", "das", "ein",
        "eine", "von", "bei", "willkommen", "impressum", "anbieter", "betreiber",
        "handelsregister", "registergericht", "amtsgericht", "sitz", "geschäftsführer",
        "velkommen", "et", "af", "fra", "tervetuloa", "meidän", "yhteystiedot",
        "säljare", "selger", "sælger", "firma", "företagsnamn", "org", "org.nr", "tel", "telefon",
        "adress", "address", "adresse", "e-post", "email",
    }
)
# A capitalised word, or one that starts with digits and goes on with letters (3M, 24Store):
# bare numbers are phone and house numbers, not names.
# A lower-case word counts only when it is brand-like, with a hyphen or a dot inside
# ("jpc-schallplatten", "notebooksbilliger.de"): plain lower-case words are running text.
_NAME_WORD = re.compile(
    r"[A-ZÅÄÖÆØÜÉ][\w&'’.-]*|\d+[^\W\d_][\w&'’.-]*|&|[a-zåäöæøü]+(?:[-.][a-zåäöæøü0-9]+)+"
)
_ABBREVIATIONS = frozenset({"Co.", "Bros.", "Dr.", "St."})
_JOINERS = frozenset({"&", "och", "og", "und", "and", "of"})
_NAME_RANK = {"label": 0, "copyright": 1, "text": 2}


def legal_form_of(name: str) -> str | None:
    """The legal form that ends ``name`` ("AB" for "Kompis Hem AB (publ)"), or ``None``."""
    name = name.strip().rstrip(",.")
    for match in _FORM.finditer(name):
        tail = name[match.end() :].strip()
        if match.start() > 0 and tail in {"", "(publ)"}:
            return _form_name(match)
    return None


def gather_company_names(doc: Document) -> list[CompanyNameFact]:
    """Legal names with a legal form, once per name, form and block, best-introduced first:
    a label beats a copyright line beats plain text. Every block keeps its sighting, because
    where a name stands matters (the same block may hold the trader's address or number)."""
    found: dict[tuple[str, str, str], CompanyNameFact] = {}
    for block in doc.blocks:
        for fact in _names_in(doc, block):
            key = (fact.name.lower(), fact.legal_form, fact.locator)
            kept = found.get(key)
            if kept is None or _NAME_RANK[fact.method] < _NAME_RANK[kept.method]:
                found[key] = fact
    return sorted(found.values(), key=lambda fact: _NAME_RANK[fact.method])


def _form_of(match: re.Match[str]) -> LegalForm:
    return legal_forms()[int((match.lastgroup or "f0")[1:])]


def _form_name(match: re.Match[str]) -> str:
    return _form_of(match).form


def _names_in(doc: Document, block: TextBlock) -> list[CompanyNameFact]:
    return [
        CompanyNameFact(
            url=doc.url,
            locator=doc.locator(block.element),
            excerpt=excerpt(block.text, start, end),
            region=doc.region(block.element),
            name=name,
            legal_form=info.form,
            method=method,
            kind=info.kind,
            registered=info.registered,
            countries=list(info.countries),
        )
        for start, end, name, method, info in _block_names(block.text)
    ]


@lru_cache(maxsize=1 << 12)
def _block_names(text: str) -> tuple[tuple[int, int, str, _NameMethod, LegalForm], ...]:
    """The legal names in a block's text: where their excerpt starts and ends, the name with its
    form, how it was introduced and the form. Kept by the text: a site's footer, with its name,
    is on every page."""
    out: list[tuple[int, int, str, _NameMethod, LegalForm]] = []
    lines = text.split("\n")
    offset = 0
    for index, line in enumerate(lines):
        for match, info in _forms_in(line):
            found = _name_before(line[: match.start()], lines[index - 1] if index else "")
            if found is None:
                continue
            name, method = found
            form = info.form
            after = line[match.end() :]
            if info.ambiguous and (_shouting(name, after) or _inside_name(after)):
                continue
            # German "ab" (from) is capitalised in headings: "Versand Ab 50 €". The Finnish
            # "Ab" closes a name, so it is taken only where the sentence or line ends.
            if form == "Ab" and re.match(r"\s*[\w€$£]", after):
                continue
            start = offset + match.start() - len(name) - 1
            out.append((max(start, 0), offset + match.end(), f"{name} {match.group().strip()}", method, info))
        offset += len(line) + 1
    return tuple(out)


def _name_before(before: str, previous_line: str) -> tuple[str, _NameMethod] | None:
    """The name in front of a legal form and how it was introduced, or ``None``.

    ``before`` is the line up to the form; a label may also stand alone on the line above
    ("Anbieter:" then "Muster GmbH" in an imprint).
    """
    label = _LABEL_THEN_NAME.search(before)
    if label and _plausible(label.group("name")):
        return label.group("name"), "label"
    copyright_ = _COPYRIGHT_NAME.search(before)
    if copyright_ and _plausible(copyright_.group("name")):
        return copyright_.group("name"), "copyright"
    name = _capitalised_tail(before)
    if name is None:
        return None
    if before.strip() == name and _LABEL_LINE.match(previous_line):
        return name, "label"
    return name, "text"


#: The most tokens :func:`_capitalised_tail` reads from the end of a text.
_TAIL_TOKENS = 6


def _capitalised_tail(before: str) -> str | None:
    """The one to five capitalised words that end ``before`` (joined by ``&``, *och*, *und* …)."""
    if not before.endswith(" ") or before.endswith("  "):
        return None
    words: list[str] = []
    # Six tokens at most are read (a sixth name word ends the search), so only the last six are
    # split off: ``before`` may be a long line.
    for token in reversed(before.rsplit(None, _TAIL_TOKENS)[-_TAIL_TOKENS:]):
        # Punctuation ends the name, except the dot of an initial or of "Co." and "Bros.".
        if token[-1] in ",;:!?)" or (token.endswith(".") and len(token) > 2 and token not in _ABBREVIATIONS):
            break
        # A stop word, or another legal form: that one closed an earlier name ("alla AB och HB").
        # "Oy" is the exception, as it opens the bilingual Finnish form "Oy Kompis Ab".
        if token.lower() in _NOT_NAME_WORDS or (_FORM.fullmatch(token) and token != "Oy"):
            break
        if token.lower() in _JOINERS or _NAME_WORD.fullmatch(token):
            words.append(token)
        else:
            break
        if len(words) >= _TAIL_TOKENS:
            return None  # a long run of capitalised words is a Title Case heading, not a name
    while words and words[-1].lower() in _JOINERS:
        words.pop()
    while words and words[0].lower() in _JOINERS:
        words.pop(0)
    name = " ".join(reversed(words))
    return name if _plausible(name) else None


def _plausible(name: str) -> bool:
    """One to six words, starting with a capital, a digit or a brand-like word, with at least
    two letters in a row."""
    words = name.split()
    return (
        0 < len(words) <= 6
        and bool(re.match(r"[A-ZÅÄÖÆØÜÉ0-9]|[a-zåäöæøü]+[-.][a-zåäöæøü0-9]", name))
        and bool(re.search(r"[^\W\d_]{2}", name))
        and words[0].lower() not in _NOT_NAME_WORDS
    )


def _inside_name(after: str) -> bool:
    """Two capitals inside a trading name, not its legal form: "Nordic AB Design" (a capitalised word
    follows, and the line or the name ends after it; "Kompis AB Storgatan 1" goes on to an address)."""
    return re.match(r"\s[A-ZÅÄÖÆØÜ][a-zåäöæøüß]+(?:\s[A-ZÅÄÖÆØÜ][a-zåäöæøüß]+)?\s*(?:$|[,;(|·•–—])", after) is not None


def _shouting(name: str, after: str) -> bool:
    """All-caps prose ("FREE SHIPPING AS STANDARD") rather than a name in capitals."""
    following = after.split()[:1]
    return name.isupper() and bool(following) and following[0].isupper() and following[0].isalpha()


# --------------------------------------------------------------------------- persons

#: A word of a person's name: a capital, then small letters ("Maria", "Müller-Lüdenscheidt",
#: "O'Brien", "McKay"), or an initial ("J.").
_SMALL = "a-zåäöæøüßéèáíóúñ"
_PERSON_WORD = rf"(?:[A-ZÅÄÖÆØÜÉÈÁ][{_SMALL}'’]+(?:[A-Z][{_SMALL}]+)?(?:-[A-ZÅÄÖÆØÜ][{_SMALL}]+)?|[A-Z]\.)"
_PARTICLE = r"(?:von|van|de|der|den|zu|af|di|da|la|le|du|ten|ter)"
_TITLE = r"(?:(?:Dr|Prof|Mag|Ing|Dipl\.-[A-Z][a-z]+|Dipl\.-Kfm|Dipl\.-Kffr)\.?\s)"
#: A person's full name: two to four words, after an optional title ("Dr. Maria von Muster").
PERSON_NAME = rf"{_TITLE}*{_PERSON_WORD}(?:\s(?:{_PARTICLE}\s)?{_PERSON_WORD}){{1,3}}"
_PERSON = re.compile(PERSON_NAME)
#: Where a label may start: a line's start, or after a comma, dash, dot, bracket or bar.
_LABEL_START = r"(?:^|(?<=[,;(|·•/])\s*|(?<=\s[-–—])\s*|(?<=\.)\s+)"
#: Norwegian and Danish "v/" (ved: run by) stands after the trading name with only a space before
#: it: "Strikkestua v/ Kari Nordmann".
_BY_START = r"(?:(?<=\s)(?=v/))"
_LABEL_END = r"\s*(?:[:–—-]\s*)?"
#: What may follow a name: the end of the line, or punctuation, or a joining word.
_NAME_END = r"(?=\s*(?:$|[,;.()|·•/–—]|\s-\s|\s(?:und|and|och|og|ja|&)\s))"


def _words(key: str, table: str) -> str:
    """The phrases of a list in ``legal_forms.toml`` as an alternation, longest first, spaces flexible."""
    phrases = sorted(_data()[table][key], key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases)


@cache
def _owner_re() -> re.Pattern[str]:
    return re.compile(
        rf"(?:{_LABEL_START}|{_BY_START})(?P<label>(?i:{_words('owner_labels', 'person')})){_LABEL_END}"
        rf"(?P<name>{PERSON_NAME}){_NAME_END}",
        re.MULTILINE,
    )


@cache
def _sole_trader_re() -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])(?P<label>(?i:{_words('sole_trader_words', 'person')}))(?![\w-])")


#: First words of a line that heads a block but names no one ("Kontakt", "Postadress", "Lager").
_HEADING_WORDS = frozenset(
    {
        "kontakt", "kontakta", "kontaktuppgifter", "adress", "adresse", "address", "anschrift", "postadress",
        "besöksadress", "postadresse", "besøksadresse", "besøgsadresse", "osoite", "postiosoite", "käyntiosoite",
        "yhteystiedot", "contact", "visiting", "postal", "registered", "head", "sitz", "hauptsitz", "firmensitz",
        "kundenservice", "kundtjänst", "kundservice", "kundeservice", "asiakaspalvelu", "customer", "lager",
        "warehouse", "returadress", "returadresse", "rücksendeadresse", "returns", "return", "showroom", "butik",
        "butikk", "butikken", "butikken:", "store", "shop", "office", "kontor", "kontoret", "büro", "toimisto",
        "impressum", "angaben", "information", "informationen", "tietoa", "om", "über", "about", "levering",
        "leverans", "lieferung", "delivery", "faktura", "rechnungsadresse", "billing", "abholung", "hämtning",
    }
)


def gather_trader_names(doc: Document, country_hint: str = "") -> list[TraderNameFact]:
    """Traders named without a legal form: an owner label and the owner's name, a sole trader's
    word, or a name heading the address block (``country_hint`` reads the address)."""
    out: list[TraderNameFact] = []
    seen: set[tuple[str, str, str]] = set()
    for block in doc.blocks:
        for fact in (*_owners(doc, block), *_sole_traders(doc, block), *_headings(doc, block, country_hint)):
            key = (fact.method, fact.name, fact.locator)
            if key not in seen:
                seen.add(key)
                out.append(fact)
    return out


def _trader_name(doc: Document, block: TextBlock, start: int, end: int, **fields: str) -> TraderNameFact:
    return TraderNameFact(url=doc.url, locator=doc.locator(block.element), excerpt=excerpt(block.text, start, end),
                          region=doc.region(block.element), **fields)


@cache
def _run_by_re() -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])(?P<label>(?i:{_words('run_by', 'person')}))\s+(?P<name>{PERSON_NAME}){_NAME_END}")


def _owners(doc: Document, block: TextBlock) -> list[TraderNameFact]:
    out: list[TraderNameFact] = []
    # Both patterns open with a lookbehind or a choice of places, tried at every character of every
    # block: each is searched where the folded text holds a word of its labels (LiteralGate).
    folded = fold(block.text)
    run_by, owner = _run_by_re(), _owner_re()
    for match in run_by.finditer(block.text) if gate_of(run_by).may_match(folded) else ():
        # "Stem & Twine is run by Chloe Harwood": the owner, a person by a common given name
        if not _person_name(match.group("name")):
            continue
        line_start = block.text.rfind("\n", 0, match.start()) + 1
        before = block.text[line_start : match.start()]
        out.append(_trader_name(doc, block, match.start(), match.end(), name=match.group("name"),
                                trading_name=_trading_name(before), label=" ".join(match.group("label").split()),
                                method="owner"))
    for match in owner.finditer(block.text) if gate_of(owner).may_match(folded) else ():
        line_start = block.text.rfind("\n", 0, match.start()) + 1
        before = block.text[line_start : match.start()].rstrip(" ,;(|·•/–—-")
        if not before and line_start:
            before = block.text[block.text.rfind("\n", 0, line_start - 1) + 1 : line_start - 1]
        out.append(_trader_name(doc, block, match.start(), match.end(), name=match.group("name"),
                                trading_name=_trading_name(before), label=" ".join(match.group("label").split()),
                                method="owner"))
    return out


def _trading_name(before: str) -> str:
    """The trading name before an owner label or a sole trader's word on its line: the whole of it when
    it reads as a name ("Nordic AB Design"), else its last capitalised words."""
    before = before.strip().rstrip(",;(|·•/–—-").strip()
    if not before or before.endswith(":"):
        return ""  # "Företagsform: enskild firma": a label, not a name
    if len(before) <= 60 and _plausible(before) and all(_NAME_WORD.fullmatch(w) or w.lower() in _JOINERS
                                                       for w in before.split()):
        return before
    return _capitalised_tail(before + " ") or ""


def _sole_traders(doc: Document, block: TextBlock) -> list[TraderNameFact]:
    """A sole trader's word on a short line: "Muster Design (Einzelunternehmen)", "Tmi Anna Virtanen"."""
    out: list[TraderNameFact] = []
    offset = 0
    for line in block.text.split("\n"):
        if len(line) <= 120:
            for match in _sole_trader_re().finditer(line):
                after = _PERSON.match(line, match.end() + 1) if line[match.end() : match.end() + 1] == " " else None
                before = line[: match.start()]
                name = after.group() if after and re.match(_NAME_END, line[after.end() :]) else ""
                label = " ".join(match.group("label").split())
                out.append(_trader_name(doc, block, offset + match.start(), offset + match.end(), name=name,
                                        trading_name=_trading_name(before), label=label, method="sole_trader"))
        offset += len(line) + 1
    return out


def _headings(doc: Document, block: TextBlock, country_hint: str) -> list[TraderNameFact]:
    """The first line of a block whose next lines hold a postal address, when it is a name of one to
    four capitalised words with no legal form ("Maria Muster", "Muster Design" above "Musterstraße 1")."""
    lines = block.text.split("\n")
    first = lines[0].strip()
    if len(lines) < 3 or len(first) > 60 or re.search(r"[\d:@§]", first) or _FORM.search(first):
        return []
    words = first.split()
    if not 1 <= len(words) <= 4 or words[0].lower().strip(",.") in _HEADING_WORDS | _NOT_NAME_WORDS:
        return []
    if not all(_NAME_WORD.fullmatch(w) or w.lower() in _JOINERS for w in words):
        return []
    limit = len(lines[0]) + 1 + len(lines[1]) + 1 + (len(lines[2]) + 1 if len(lines) > 3 else 0)
    if not any(a.start <= limit and not a.po_box for a in parse_addresses(block.text, country_hint)):
        return []
    if _person_name(first):
        # "Lena Vogt" above "Gartenweg 3": a natural person, so a sole trader whose name suffices
        return [_trader_name(doc, block, 0, len(lines[0]), name=first, method="owner")]
    second = lines[1].strip()
    if _person_name(second):
        # "Filzfabel" / "Anja Roth" / "Obere Königstraße 31": a trading name and its owner
        return [_trader_name(doc, block, 0, len(lines[0]) + 1 + len(lines[1]), name=second, trading_name=first,
                             method="owner")]
    return [_trader_name(doc, block, 0, len(lines[0]), name=first, method="heading")]


def _person_name(line: str) -> bool:
    """Whether a line is a person's name: a common given name and one or two capitalised words
    after it ("Lena Vogt", "Anna-Lena Berg", "Jonas van Dijk" is not read), nothing else."""
    words = line.split()
    if not 2 <= len(words) <= 3 or not all(_NAME_WORD.fullmatch(w) for w in words):
        return False
    return words[0].split("-")[0].casefold() in _given_names()


@cache
def _given_names() -> frozenset[str]:
    """Common given names of the languages read (``given_names.toml``), folded."""
    data = tomllib.loads((_FOLDER / "given_names.toml").read_text(encoding="utf-8"))
    return frozenset(name.casefold() for names in data.values() for name in names)


# --------------------------------------------------------------------------- representatives


@cache
def _representative_re() -> re.Pattern[str]:
    labels = _words("labels", "representative")
    partners = _words("partner_labels", "representative")
    return re.compile(
        rf"{_LABEL_START}(?:(?i:die|der|den|the)\s+)?(?P<label>(?i:{labels}|{partners}))"
        rf"(?:\s*\((?i:in|innen)\))?{_LABEL_END}"
        rf"(?:(?i:die|der|den|das|des|the|our|unsere?n?)\s+)?(?:(?i:{labels}|{partners})\s*:?\s+)?"
        rf"(?P<rest>[^\n]*)",
        re.MULTILINE,
    )


@cache
def _partner_labels() -> frozenset[str]:
    return frozenset(" ".join(p.split()) for p in _data()["representative"]["partner_labels"])


_NAME_LIST_SEP = re.compile(r"\s*(?:,|;|&|\s(?:und|and|och|og|ja|sowie)\s)\s*")


def _names_at(text: str) -> list[str]:
    """The persons (or companies with their form) named at the start of ``text``, one after another."""
    names: list[str] = []
    index = 0
    while True:
        person = _PERSON.match(text, index)
        company = re.match(rf"(?:[A-ZÅÄÖÆØÜ][\w&'’.-]*\s){{1,5}}(?:{_FORM.pattern})", text[index:])
        if company is not None:
            names.append(company.group().strip())
            end = index + company.end()
        elif person is not None and re.match(_NAME_END, text[person.end() :]):
            names.append(person.group())
            end = person.end()
        else:
            return names
        sep = _NAME_LIST_SEP.match(text, end)
        if sep is None:
            return names
        index = sep.end()


def gather_representatives(doc: Document) -> list[RepresentativeFact]:
    """The persons named after a representative's label ("Geschäftsführer: Max Muster, Erika Beispiel");
    a label that ends its block names the persons at the start of the next block."""
    out: list[RepresentativeFact] = []
    blocks = doc.blocks
    for index, block in enumerate(blocks):
        for match in _representative_re().finditer(block.text):
            rest = match.group("rest")
            holder = block
            names = _names_at(rest)
            if not names and not rest.strip() and index + 1 < len(blocks) and match.end() == len(block.text):
                holder = blocks[index + 1]
                lines = holder.text.split("\n")
                names = [n for line in lines[:3] for n in _names_at(line)][:4]
            if not names:
                continue
            label = " ".join(match.group("label").split())
            out.append(
                RepresentativeFact(
                    url=doc.url,
                    locator=doc.locator(holder.element),
                    excerpt=excerpt(block.text, match.start(), match.end()) if holder is block
                    else excerpt(f"{block.text} {holder.text}", 0, len(block.text) + 1 + len(holder.text)),
                    region=doc.region(holder.element),
                    names=names,
                    label=label,
                    partners_only=label.lower() in _partner_labels(),
                )
            )
    return out
