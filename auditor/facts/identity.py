"""Who the trader is: registration numbers, VAT ids and legal names with their legal form.

Registration numbers (ECD Art. 5(1)(d), DDG § 5) are recognised per scheme and checked with
the scheme's own checksum:

* ``se-orgnr``: ``NNNNNN-NNNN``, Luhn over the ten digits;
* ``no-orgnr``: nine digits (``923 609 016 MVA``), mod 11 with weights 3 2 7 6 5 4 3 2;
* ``dk-cvr``: eight digits (``12 34 56 78``), mod 11 with weights 2 7 6 5 4 3 2 1;
* ``fi-ytunnus``: ``NNNNNNN-N``, mod 11 with weights 7 9 10 5 8 4 2;
* ``de-register``: ``HRB 12345 B`` with the register court nearby; no checksum exists, so a
  well-formed number is valid;
* ``vat``: ``SE…01``, ``NO…MVA``, ``DK…``, ``FI…`` with the national check above, ``DE…`` with
  ISO 7064 MOD 11,10, other member states by format only.

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
from typing import Literal

from auditor.facts.dom import Document, TextBlock, excerpt
from auditor.models import CompanyNameFact, OrgNumberFact

_Scheme = Literal["se-orgnr", "no-orgnr", "dk-cvr", "fi-ytunnus", "de-register", "vat"]
_NameMethod = Literal["structured_data", "copyright", "label", "text"]

# --------------------------------------------------------------------------- checksums


def luhn_ok(digits: str) -> bool:
    """Luhn (mod 10) check, as used by Swedish organisation and personal numbers."""
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char) * (2 if index % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def no_orgnr_ok(digits: str) -> bool:
    """Norwegian organisasjonsnummer: mod 11 over eight digits; remainder 1 gives no number."""
    if len(digits) != 9:
        return False
    remainder = sum(int(d) * w for d, w in zip(digits, (3, 2, 7, 6, 5, 4, 3, 2), strict=False)) % 11
    check = 0 if remainder == 0 else 11 - remainder
    return check != 10 and check == int(digits[8])


def dk_cvr_ok(digits: str) -> bool:
    """Danish CVR: the weighted sum of all eight digits is divisible by 11."""
    if len(digits) != 8:
        return False
    return sum(int(d) * w for d, w in zip(digits, (2, 7, 6, 5, 4, 3, 2, 1), strict=True)) % 11 == 0


def fi_ytunnus_ok(digits: str) -> bool:
    """Finnish Y-tunnus (seven digits and a check digit); remainder 1 is never issued."""
    if len(digits) != 8:
        return False
    remainder = sum(int(d) * w for d, w in zip(digits, (7, 9, 10, 5, 8, 4, 2), strict=False)) % 11
    if remainder == 1:
        return False
    return (0 if remainder == 0 else 11 - remainder) == int(digits[7])


def de_vat_ok(digits: str) -> bool:
    """German USt-IdNr: ISO 7064 MOD 11,10 check digit over the first eight digits."""
    if len(digits) != 9:
        return False
    product = 10
    for char in digits[:8]:
        total = (int(char) + product) % 10 or 10
        product = (2 * total) % 11
    return (11 - product) % 10 == int(digits[8])


# --------------------------------------------------------------------------- registration numbers

# scheme, country, value, raw, valid, start, end
_Found = tuple[_Scheme, str, str, str, bool, int, int]

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
    r"|tva|btw|iva|tax\s+id)",
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
# Other member states' VAT formats are reported as format-valid; the list is not exhaustive.
_VAT = re.compile(
    r"(?<![\w-])(?:"
    r"SE\s?(?P<se>\d{10})\s?01"
    r"|NO\s?(?P<no>\d{3}\s?\d{3}\s?\d{3})\s?MVA"
    r"|DK\s?(?P<dk>\d{2}\s?\d{2}\s?\d{2}\s?\d{2})"
    r"|FI\s?(?P<fi>\d{8})"
    r"|DE\s?(?P<de>\d{9})"
    r"|(?P<other>ATU\d{8}|BE[01]\d{9}|NL\d{9}B\d{2}|FR[0-9A-HJ-NP-Z]{2}\d{9}|IT\d{11}|ES[0-9A-Z]\d{7}[0-9A-Z]"
    r"|PL\d{10}|EE\d{9}|LT\d{9}(?:\d{3})?|LV\d{11}|IE\d{7}[A-W][A-IW]?|GB\d{9}(?:\d{3})?|CHE-?\d{3}\.?\d{3}\.?\d{3})"
    r")(?![\w-])"
)
_VAT_CHECKS: dict[str, Callable[[str], bool]] = {
    "se": luhn_ok,
    "no": no_orgnr_ok,
    "dk": dk_cvr_ok,
    "fi": fi_ytunnus_ok,
    "de": de_vat_ok,
}
_REGISTER = re.compile(r"\b(?P<kind>HRB|HRA|GnR|PR|VR)\s?(?P<number>\d{1,6})(?:\s(?P<suffix>[A-Z]{1,2}))?\b")
_COURT = re.compile(r"\b(?:Amtsgericht|Registergericht|Handelsregister)\b|\bAG\s[A-ZÄÖÜ]")
#: How far from an HRB number the register court must be named.
_COURT_WINDOW = 80


def gather_org_numbers(doc: Document) -> list[OrgNumberFact]:
    """Registration numbers and VAT ids of the page, once per scheme and value."""
    seen: set[tuple[str, str]] = set()
    out: list[OrgNumberFact] = []
    for block in doc.blocks:
        for scheme, country, value, raw, valid, start, end in (
            *_vat_ids(block.text),
            *_plain_numbers(block.text),
            *_registers(block.text),
        ):
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
                    valid=valid,
                )
            )
    return out


def _labelled(text: str, start: int, label: re.Pattern[str]) -> bool:
    """A label ends within the window before ``start`` with no digits between it and ``start``
    ("Org.nr 556677-8899, tel 08-123 45 67" does not label the phone)."""
    window = text[max(0, start - _LABEL_WINDOW) : start]
    ends = [m.end() for m in label.finditer(window)]
    return bool(ends) and not re.search(r"\d", window[max(ends) :])


def _plain_numbers(text: str) -> list[_Found]:
    out: list[_Found] = []
    for match in _PLAIN_NUMBER.finditer(text):
        # "914 194 296 MVA": in Norway the MVA suffix is the label.
        suffixed = match.lastgroup == "no" and match.group().rstrip().endswith("MVA")
        if not suffixed and not _labelled(text, match.start(), _ORG_LABEL):
            continue
        kind = match.lastgroup or ""
        digits = re.sub(r"\D", "", match.group(kind))
        raw = match.group().strip()
        if kind == "se":
            out.append(("se-orgnr", "SE", f"{digits[:6]}-{digits[6:]}", raw, luhn_ok(digits), *match.span()))
        elif kind == "fi":
            out.append(
                ("fi-ytunnus", "FI", f"{digits[:7]}-{digits[7]}", raw, fi_ytunnus_ok(digits), *match.span())
            )
        elif kind == "no":
            out.append(("no-orgnr", "NO", digits, raw, no_orgnr_ok(digits), *match.span()))
        else:
            out.append(("dk-cvr", "DK", digits, raw, dk_cvr_ok(digits), *match.span()))
    return out


def _vat_ids(text: str) -> list[_Found]:
    out: list[_Found] = []
    for match in _VAT.finditer(text):
        kind = match.lastgroup or ""
        raw = match.group()
        value = re.sub(r"[\s.-]", "", raw).upper()
        check = _VAT_CHECKS.get(kind)
        valid = check(re.sub(r"\D", "", match.group(kind))) if check else True
        # Without a label a prefix and digits may be a product code; only a passing
        # checksum makes it a VAT id then. Format-only countries need the label.
        if not _labelled(text, match.start(), _VAT_LABEL) and not (check and valid):
            continue
        out.append(("vat", kind.upper() if check else value[:2], value, raw, valid, *match.span()))
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
        out.append(("de-register", "DE", value, match.group(), True, *match.span()))
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
