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
* ``fr-siren``/``fr-siret``, ``pl-nip``/``pl-regon`` (checked) and ``gb-company`` (Companies
  House: eight characters, no check digit) after their own labels;
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
words right before the form anywhere in the text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Literal, NamedTuple

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

from auditor.facts.dom import Document, TextBlock, excerpt
from auditor.models import CompanyNameFact, OrgNumberFact, OrgNumberProblem, OrgNumberScheme

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
    r"|y-tunnus|ly-tunnus|fo-nummer|business\s+id|company\s+(?:number|no\.?|reg(?:istration)?\.?\s+(?:no|number)\.?)"
    r"|reg(?:istration)?\.?\s?(?:nr|no|number)\.?|registreringsnummer|registration\s+number)",
    re.IGNORECASE,
)
#: Labels of a VAT id.
_VAT_LABEL = re.compile(
    r"\b(?:vat|moms|momsreg\w*|mva|ust|ust-?id\w*|umsatzsteuer\w*|alv|alv-?numero|arvonlisävero\w*"
    r"|tva|btw|iva|nip|dph|dic|dič|áfa|pvm|pvn|kmkr|ddv|tax\s+id)",
    re.IGNORECASE,
)
#: Labels of registers whose numbers the tool does not check (or only some of them): a number
#: after one is reported as ``other``, so that a rule can say it saw a number it cannot read.
_OTHER_LABEL = re.compile(
    r"\b(?:kvk(?:-?nummer)?|krs|cif|nif|nipc|p\.?\s?iva|partita\s+iva|codice\s+fiscale|i[cč]o|firmenbuch\w*|fn"
    r"|uid(?:-?nr\.?)?|ein|abn|acn|registrikood|ondernemingsnummer|kbo|bce|handelsregister\w*|registernummer"
    r"|n[°º]\s?d'?entreprise|tax\s+(?:id|number)|company\s+id)",
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
)
_NATIONAL_RES = tuple(
    (national, re.compile(rf"(?:{national.label}){_FILLER}(?P<n>{national.number})(?![\w-])"))
    for national in _NATIONAL
)
#: A number-like token right after a registration label.
_AFTER_LABEL = re.compile(
    rf"{_FILLER}[:#]?\s*(?P<n>(?:[A-Z]{{1,3}}[\s-]?)?\d[\d\s./-]{{3,18}}[\dA-Z](?:\s?[A-Za-z](?![\w]))?)"
)


def gather_org_numbers(doc: Document) -> list[OrgNumberFact]:
    """Registration numbers and VAT ids of the page, once per scheme and value."""
    seen: set[tuple[str, str]] = set()
    out: list[OrgNumberFact] = []
    for block in doc.blocks:
        recognised = [*_vat_ids(block.text), *_plain_numbers(block.text), *_registers(block.text),
                      *_national_numbers(block.text)]
        for scheme, country, value, raw, problem, start, end in (*recognised, *_unrecognised(block.text, recognised)):
            if (scheme, value) in seen:
                continue
            seen.add((scheme, value))
            out.append(
                OrgNumberFact(
                    url=doc.url,
                    locator=doc.locator(block.element),
                    excerpt=excerpt(block.text, start, end),
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


def _labelled(text: str, start: int, label: re.Pattern[str]) -> bool:
    """A label ends within the window before ``start`` with no digits between it and ``start``
    ("Org.nr 556677-8899, tel 08-123 45 67" does not label the phone)."""
    window = text[max(0, start - _LABEL_WINDOW) : start]
    ends = [m.end() for m in label.finditer(window)]
    return bool(ends) and not re.search(r"\d", window[max(ends) :])


_UK_LABEL = re.compile(_NATIONAL[-1].label)


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
        if best is None:
            size = max(i + 1 for i, g in enumerate(groups) if re.search(r"\d", g) or g in {"MVA", "MWST", "TVA", "IVA"})
            body = "".join(groups[:size])
            if len(re.sub(r"\D", "", body)) < 7:
                continue  # too few digits to be meant as a VAT id ("DE 2024", "SE 12 A")
            best = (body, _problem(validate, cc + body))
        body, problem = best
        # Without a label a prefix and digits may be a product code; only a passing
        # checksum makes it a VAT id then.
        if problem and not _labelled(text, match.start(), _VAT_LABEL):
            continue
        raw = _span_of(text, match.start(), cc, body)
        out.append(("vat", _VAT_COUNTRY.get(cc, cc), f"{cc}{body}".upper(), raw, problem,
                    match.start(), match.start() + len(raw)))
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


def _national_numbers(text: str) -> list[_Found]:
    out: list[_Found] = []
    for national, pattern in _NATIONAL_RES:
        for match in pattern.finditer(text):
            raw = match.group("n")
            compact = re.sub(r"[\s.-]", "", raw).upper()
            value = compact.zfill(8) if national.scheme == "gb-company" else compact
            out.append((national.scheme, national.country, value, raw, national.check(compact), *match.span("n")))
    return out


def _unrecognised(text: str, recognised: list[_Found]) -> list[_Found]:
    """Numbers right after a registration or VAT label that no scheme above took: a trader
    established where the tool does not know the registers ("KvK 12345678", "Tax ID 12-3456789")."""
    out: list[_Found] = []
    for label in (_ORG_LABEL, _VAT_LABEL, _OTHER_LABEL):
        for found in label.finditer(text):
            match = _AFTER_LABEL.match(text, found.end())
            if match is None:
                continue
            start, end = match.span("n")
            if any(s < end and start < e for *_, s, e in (*recognised, *out)):
                continue
            raw = match.group("n").strip()
            out.append(("other", "", re.sub(r"[\s./-]", "", raw).upper(), raw, "unknown", start, start + len(raw)))
    return out


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

#: Legal forms, longest first so that "GmbH & Co. KG" wins over "GmbH", with the form reported.
LEGAL_FORMS: tuple[tuple[str, str], ...] = (
    (r"GmbH\s?&\s?Co\.?\s?KG", "GmbH & Co. KG"),
    (r"UG\s?\(haftungsbeschränkt\)", "UG (haftungsbeschränkt)"),
    (r"Aktiebolag", "Aktiebolag"),
    (r"Limited", "Limited"),
    (r"GmbH", "GmbH"),
    # "…gesellschaft mbH" ("Versandhandelsgesellschaft mbH") is a GmbH written out.
    (r"(?<=gesellschaft )mbH", "GmbH"),
    (r"SARL", "SARL"),
    (r"ASA", "ASA"),
    (r"ApS", "ApS"),
    (r"A/S", "A/S"),
    (r"I/S", "I/S"),
    (r"P/S", "P/S"),
    (r"Oyj", "Oyj"),
    (r"OHG", "OHG"),
    (r"LLC", "LLC"),
    (r"SAS", "SAS"),
    (r"Inc\.?", "Inc."),
    (r"Ltd\.?", "Ltd"),
    (r"e\.\s?K\.", "e.K."),
    (r"B\.\s?V\.", "B.V."),
    (r"N\.\s?V\.", "N.V."),
    (r"S\.\s?L\.", "S.L."),
    (r"AB", "AB"),
    (r"HB", "HB"),
    (r"KB", "KB"),
    (r"AS", "AS"),
    (r"Oy", "Oy"),
    (r"Ab", "Ab"),
    (r"Ky", "Ky"),
    (r"AG", "AG"),
    (r"KG", "KG"),
)
_FORM = re.compile(
    r"(?<![\w&/.-])(?:" + "|".join(f"(?P<f{i}>{p})" for i, (p, _) in enumerate(LEGAL_FORMS)) + r")(?![\w/])"
)
# Two-letter forms that are also ordinary words in capitals ("SHIPPED AS ORDERED").
_AMBIGUOUS_FORMS = frozenset({"AB", "AS", "AG", "KG", "HB", "KB", "Ab", "Oy", "Ky"})

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


def _form_name(match: re.Match[str]) -> str:
    index = int((match.lastgroup or "f0")[1:])
    return LEGAL_FORMS[index][1]


def _names_in(doc: Document, block: TextBlock) -> list[CompanyNameFact]:
    out: list[CompanyNameFact] = []
    lines = block.text.split("\n")
    offset = 0
    for index, line in enumerate(lines):
        for match in _FORM.finditer(line):
            found = _name_before(line[: match.start()], lines[index - 1] if index else "")
            if found is None:
                continue
            name, method = found
            form = _form_name(match)
            after = line[match.end() :]
            if form in _AMBIGUOUS_FORMS and _shouting(name, after):
                continue
            # German "ab" (from) is capitalised in headings: "Versand Ab 50 €". The Finnish
            # "Ab" closes a name, so it is taken only where the sentence or line ends.
            if form == "Ab" and re.match(r"\s*[\w€$£]", after):
                continue
            start = offset + match.start() - len(name) - 1
            out.append(
                CompanyNameFact(
                    url=doc.url,
                    locator=doc.locator(block.element),
                    excerpt=excerpt(block.text, max(start, 0), offset + match.end()),
                    region=doc.region(block.element),
                    name=f"{name} {match.group().strip()}",
                    legal_form=form,
                    method=method,
                )
            )
        offset += len(line) + 1
    return out


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


def _capitalised_tail(before: str) -> str | None:
    """The one to five capitalised words that end ``before`` (joined by ``&``, *och*, *und* …)."""
    if not before.endswith(" ") or before.endswith("  "):
        return None
    words: list[str] = []
    for token in reversed(before.split()):
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
        if len(words) > 5:
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


def _shouting(name: str, after: str) -> bool:
    """All-caps prose ("FREE SHIPPING AS STANDARD") rather than a name in capitals."""
    following = after.split()[:1]
    return name.isupper() and bool(following) and following[0].isupper() and following[0].isalpha()
