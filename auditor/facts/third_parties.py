"""The companies on a shop's pages that are not the shop (payment, delivery, marketplaces,
platforms), from one data file, ``third_parties.toml``: their email domains and names for the
facts, their names for the rules that tell the trader's own company name and details from
someone else's.

A contact detail belongs to a third party by its domain (``kundservice@klarna.se``) or by its
context: the sentence leading up to it, or the first line of a short block it sits in, names a
third party or a public body ("Frågor om fakturan besvaras av Klarna: …", "Forbrukerrådet er
tilgjengelig på telefon …"). A sentence that speaks for the shop between the name and the detail
("Betalar du med Klarna, mejla oss på …") keeps the detail the trader's. Placeholders in privacy
notices and forms (``max.mustermann@beispiel.de``, "t.ex. namn@…") are example data.
:func:`owner_of` says which, and why; the rules decide what counts.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources

from auditor import lexicon
from auditor.models import OwnerReason

#: Tables of ``third_parties.toml`` that are not third parties.
_NOT_PARTIES = frozenset({"webmail", "examples", "credits", "partners", "institutions"})
#: How far back from a detail its sentence is read (characters).
_WINDOW = 150
#: A sentence ends at . ! ? before a capital, or at a line break (lines of a block are separate
#: statements: "Kompis Hem AB" / "Betalning: Klarna" / "Mail: …").
_SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-ZÅÄÖÆØÜ])|\n")
#: Words by which a sentence speaks for the shop itself (sv, nb, da, fi, de, en).
_FIRST_PERSON = re.compile(
    r"\b(?:oss|vi|vår|våra|vårt|våre|os|vores|me|meille|meihin|meitä|meidän|meiltä|uns|wir|unser\w*|"
    r"us|we|our)\b",
    re.IGNORECASE,
)
#: A block whose first line may name the company the block is about (an address block).
_BLOCK_LINES = 8
_HEAD_LENGTH = 60


@dataclass(frozen=True)
class Owner:
    """Whose a contact detail is when it is not the trader's, and why."""

    name: str
    reason: OwnerReason


@dataclass(frozen=True)
class ThirdParties:
    """Names (whole words in text) and registrable-domain labels of third parties."""

    names: tuple[str, ...]
    domains: frozenset[str]
    #: Any of the names as a whole word, any case.
    pattern: re.Pattern[str]
    #: Mail services anyone signs up to (gmail, outlook): never a named company's by context.
    webmail: frozenset[str] = frozenset()
    #: Example data: domain labels, parts of stand-in local parts, words announcing an example.
    example_domains: frozenset[str] = frozenset()
    example_locals: frozenset[str] = frozenset()
    example_marker: re.Pattern[str] | None = None
    #: A public or local institution's word (library, tourist office, municipality, hospital).
    institution: re.Pattern[str] | None = None
    #: The same words right before a number, nothing between (a phone number given as an example).
    number_marker: re.Pattern[str] | None = None
    #: A credit for the site's maker, its name after it ("Kotisivut: Verkkopaja · ").
    credit: re.Pattern[str] | None = None
    #: A partner introduced by its role, its name after it ("vår samarbeidspartner Nåløyet i Bergen").
    partner: re.Pattern[str] | None = None
    #: The names by the weak-grade stem Finnish writes before a case ending ("matkahuollo" → "matkahuolto").
    strong_grade: dict[str, str] = field(default_factory=dict)

    def named_in(self, text: str) -> bool:
        """Whether ``text`` names a third party ("Klarna Bank AB", "… Powered by Shopify")."""
        return self.pattern.search(text) is not None


#: Names whose s-form is another word ("brings", "ups"): no genitive read for them.
_NO_GENITIVE = frozenset({"bring", "ups", "tnt", "dao"})


@cache
def third_parties() -> ThirdParties:
    """The third parties of ``third_parties.toml``, every group together."""
    file = resources.files("auditor") / "facts" / "third_parties.toml"
    data = tomllib.loads(file.read_text(encoding="utf-8"))
    names: list[str] = []
    domains: set[str] = set()
    for key, group in data.items():
        if key in _NOT_PARTIES:
            continue
        for name in group.get("names", []):
            names.append(str(name).lower())
            domains.add(str(name).lower().replace(" ", ""))
        domains.update(str(label).lower() for label in group.get("domains", []))
    unique = tuple(dict.fromkeys(names))
    # A Nordic or English genitive names the party too ("PostNords kundeservice", "Klarna's
    # terms"), except where the s-form is a word of its own ("brings", "ups").
    genitive = "|".join(re.escape(n) for n in unique if n not in _NO_GENITIVE)
    plain = "|".join(re.escape(n) for n in _NO_GENITIVE if n in unique)
    # A Finnish case ending too ("Omnivan asiakaspalveluun", "DHL:n", "Postille"), on the weak
    # grade of the stem where Finnish has one ("Matkahuollon asiakaspalveluun").
    strong_grade = {stem: name for name in unique if (stem := _finnish_weak_grade(name))}
    weak = "|".join(re.escape(w) for w in strong_grade)
    weak_part = rf"|({weak})(?:n|lle|lta|ltä|sta|stä|lla|llä)" if weak else ""
    pattern = re.compile(
        rf"\b(?:({genitive})(?:s|'s|’s|:s|:?(?:n|lle|lta|ltä|sta|stä|lla|llä))?|({plain}){weak_part})\b",
        re.IGNORECASE,
    )
    examples = data.get("examples", {})
    markers = sorted((str(m).lower() for m in examples.get("markers", [])), key=len, reverse=True)
    # A marker ends the text before the address, give or take a label and a colon ("z. B. E-Mail: …").
    marker = re.compile(
        r"(?:^|(?<=[\s(]))(?:" + "|".join(re.escape(m) for m in markers) + r")(?:\s+\w+(?:-\w+)?)?\s*:?\s*$",
        re.IGNORECASE,
    )
    # A number right after the marker, with at most a colon or an opening bracket or quote between
    # ("esim. 040 123 4567", "z. B. (030) 1234567"): no label word, so that "t.ex. på 08-…" is not one.
    number_marker = re.compile(
        r"(?:^|(?<=[\s(]))(?:" + "|".join(re.escape(m) for m in markers) + r")\s*[:(«\"„“]?\s*$",
        re.IGNORECASE,
    )
    credits = data.get("credits", {})

    def alternatives(key: str) -> str:
        words = sorted((str(w).lower() for w in credits.get(key, [])), key=len, reverse=True)
        return "|".join(re.escape(w) for w in words)

    # "Kotisivut: Verkkopaja", "Website by Pixel & Co", "Nettside levert av Byrå AS", "Sivut
    # tehnyt Pixel": a credit, then the maker's name (no address of a site) up to the detail.
    by = rf"\s+(?:{alternatives('by')})\b"
    # "Webshop udviklet og hostet af Pixelbyg ApS · Support til butikken: tlf.": a second verb of
    # making after "and", and the maker's support line for the shop after its name
    made = rf"(?:\s+(?:{alternatives('made')})(?:\s+(?:og|och|and|und|ja|&)\s+\w+)?)?"
    credit = re.compile(
        rf"\b(?:(?:{alternatives('makers')})(?:\s*:|{by})|(?:{alternatives('works')}){made}{by}"
        rf"|(?:{alternatives('verbs')}))"
        r"\s+(?P<name>[^\W\d][^\n:/@·|]{1,59}?)[\s·|,:–-]*"
        r"(?:(?:support|hotline|helpdesk|tuki)\b[^\n:·|]{0,30}:?\s*)?(?:(?:tlf|tel|telefon|puh|phone)\.?:?\s*)?$",
        re.IGNORECASE,
    )
    partner_words = sorted((str(w).lower() for w in data.get("partners", {}).get("words", [])), key=len, reverse=True)
    # the role word (any ending), then a capitalised name of up to five words ("Spoke & Chain")
    partner = re.compile(
        # the role word in any case ("Valmistaja:", "Hersteller:"), the name capitalised
        # a word may stand between the role and its colon ("Sopimushuoltomme Suomessa: Huoltopiste Voltti")
        r"\b(?i:" + "|".join(re.escape(w) for w in partner_words) + r")\w*(?:\s+[^\W\d_][\w-]*(?=:))?:?\s+"
        # "hos ombudet på Coop Slite", "Pakkeshop hos Spar Ølgod": a preposition before the name
        r"(?:(?:på|hos|i|ved|bei|im|at|in)\s+)?"
        # "Vognmanden (Friis Fragt ApS) …": the name in brackets after the role
        r"\(?"
        r"(?P<name>[A-ZÅÄÖÆØÜ][\w&'’.-]*(?:\s+(?:[A-ZÅÄÖÆØÜ][\w&'’.-]*|&|og|och|und|and|ja)){0,4})",
    ) if partner_words else None
    institution_words = sorted(
        (str(w).lower() for w in data.get("institutions", {}).get("words", [])), key=len, reverse=True
    )
    # the word with a definite, genitive or Finnish case ending only ("biblioteket", "kommunens",
    # "kirjastoon"), not any: "kommunikation" is no municipality
    institution = re.compile(
        r"\b(?:" + "|".join(re.escape(w) for w in institution_words) + r")"
        r"(?:en|et|ens|ets|s|n|t|a|an|en|on|oon|ssa|ssä|lla|llä|lle|lta|ltä|sta|stä)?\b",
        re.IGNORECASE,
    ) if institution_words else None
    return ThirdParties(
        strong_grade=strong_grade,
        institution=institution,
        credit=credit,
        partner=partner,
        names=unique,
        domains=frozenset(domains) | frozenset(str(d).lower() for d in examples.get("domains", [])),
        pattern=pattern,
        webmail=frozenset(str(d).lower() for d in data.get("webmail", {}).get("domains", [])),
        example_domains=frozenset(str(d).lower() for d in examples.get("domains", [])),
        example_locals=frozenset(str(d).lower() for d in examples.get("locals", [])),
        example_marker=marker,
        number_marker=number_marker,
    )


def owner_by_context(text: str, start: int) -> Owner | None:
    """Who a contact detail at ``text[start:]`` belongs to by the words before it, or None when
    nothing there names anyone else (the trader's, as far as the words go).

    ``text`` is the block the detail sits in. Read: the sentence leading up to the detail (at
    most 150 characters, cut at a sentence end or a line break), then the first line of a short
    block ("Klarna Bank AB" / "Sveavägen 46" / "E-post: …"). A first-person word between the
    name and the detail ("… via Klarna; skriv till oss på …") keeps the detail the trader's.
    """
    before = text[:start]
    window = before[-_WINDOW:]
    ends = list(_SENTENCE_END.finditer(window))
    sentence = window[ends[-1].end():] if ends else window
    maker = _credited(sentence) or _partnered(sentence) or _institution(sentence) or _own_line_of(sentence)
    if maker is not None:
        return maker
    if ends:
        previous = window[ends[-2].end() if len(ends) >= 2 else 0 : ends[-1].start() + 1]
        # "… formidles av Bergen Kursformidling. Ring dem på 55 30 18 42": the detail is of
        # whoever the sentence before names; "… med Kystfuglregisteret om … Ring registeret på
        # 38 09 55 12": a definite noun that ends a name of the sentence before refers back to it
        named_before = (_last_name(previous) if _THEM.search(sentence) else "") or _referred(sentence, previous)
        if named_before:
            return Owner(named_before, "role")
    found = _named(sentence)
    if found is None:
        line = _genitive_line(sentence)
        if line is not None:
            return line
        lines = before.split("\n")
        if 1 < len(lines) <= _BLOCK_LINES and len(lines[0]) <= _HEAD_LENGTH:
            head = _named(lines[0])
            if head is not None and not _FIRST_PERSON.search(before[len(lines[0]):]):
                return head[0]
        return None
    owner, end = found
    if _FIRST_PERSON.search(sentence[end:]):
        return None
    if owner.reason == "context" and (_SERVICE_LINE.search(sentence[end:]) or _contacted(sentence, owner.name)):
        # "PostNords kundtjänst på", "Posten kundesenter på", "die DHL-Hotline unter", "ring til
        # deres kundeservice på": the named party's own service line; "Kontakt Klarna direkte på":
        # the party the reader is sent to
        return Owner(owner.name, "role")
    return owner


#: A verb that sends the reader to whoever is named right after it ("Kontakt Klarna direkte på",
#: "ring PostNord på", "please contact DHL on", "wenden Sie sich an Klarna unter").
_CONTACT_VERB = (
    r"(?:ring|ringa|ringe|call|phone|contact|kontakta|kontakt|kontakte|kontakter|skriv till|skriv til|write to|"
    r"vänd dig till|vend deg til|henvend deg til|henvend dig til|rufen sie|kontaktieren sie|wenden sie sich an|"
    r"wende dich an|soita|soittakaa|ota yhteyttä)"
)


def _contacted(sentence: str, name: str) -> bool:
    """Whether ``sentence`` sends the reader to ``name``: a contacting verb right before it."""
    return re.search(
        rf"\b{_CONTACT_VERB}\s+(?:(?:direkt|direkte|directly|suoraan)\s+)?{re.escape(name)}",
        sentence, re.IGNORECASE,
    ) is not None


#: A service line of the party just named: its name's genitive or a hyphen then the service word
#: ("PostNords kundtjänst", "DHL-Hotline", "Klarna kundeservice"), or "their" and the service word.
_SERVICE_WORDS = (
    r"(?:kundtjänst\w*|kundservice\w*|kundeservice\w*|kundesenter\w*|kundecenter\w*|kundetjeneste\w*|"
    r"asiakaspalvelu\w*|kundendienst\w*|kundenservice\w*|service-?hotline|hotline|helpline|"
    r"customer\s+services?|support(?:line)?|servicecenter\w*|service\s+centre|servicenter\w*)"
)
_SERVICE_LINE = re.compile(
    rf"^(?:s|'s|’s|:s)?(?:-|\s+){_SERVICE_WORDS}\b"
    rf"|\b(?:deres|deras|dess|their|its|ihre[nmr]?|ihrem|heidän|sen)\s+{_SERVICE_WORDS}\b",
    re.IGNORECASE,
)


#: Another party's own service line, named by its genitive and "own": "Garmin sin egen support …
#: har telefon", "Garmins egen kundtjänst", "Garmin's own support line", "Garmins eigener Kundendienst".
_OWN_LINE = re.compile(
    rf"\b(?P<name>[A-ZÅÄÖÆØÜ][\w&-]+)(?:\s+(?:sin|sitt|sine)|s|'s|’s)\s+(?:egen|eget|egne|own|eigene[nmrs]?|oma)\s+"
    rf"{_SERVICE_WORDS}"
)


#: The first line of a card under a heading, as far as its name goes: up to a comma or the line's end.
_CARD_NAME = re.compile(r"(?P<name>[A-ZÅÄÖÆØÜ][^\W\d][^\n,:\d]{0,58}?)\s*(?:,|\n)")


#: A card's first line that is a label, not a name ("Telefon", "Adresse", "Öffnungszeiten").
_CARD_LABEL = re.compile(
    r"(?:tel|telefon|telephone|phone|tlf|puh|puhelin|mobil|mobile|fax|e-?mail|e-?post|sähköposti|"
    r"adress|adresse|address|osoite|anschrift|kontakt|contact|yhteystiedot|öppettider|åpningstider|"
    r"åbningstider|aukioloajat|öffnungszeiten|opening hours)\b",
    re.IGNORECASE,
)


def owner_by_heading(heading: str, before: str) -> Owner | None:
    """The partner a short heading over a card introduces ("Partnergeschäft Dresden" over
    "Lichtgestalt Einrichtungen, Königsbrücker Straße 61 … Tel. 0351 …"), or None.

    ``heading`` is the heading element's text right above the block, ``before`` the block's
    text up to the contact detail. The heading must name a partner's role and a name after it
    (the card is not the shop's own "Partnerprogramm" contact), the card must open with a
    name of its own before the line of the detail, and neither may speak for the shop.
    """
    if len(heading) > _HEAD_LENGTH or "\n" in heading:
        return None
    role = third_parties().partner
    match = role.search(heading) if role is not None else None
    card = _CARD_NAME.match(before)
    if match is None or card is None or _FIRST_PERSON.search(heading[match.start("name"):]):
        return None
    if _FIRST_PERSON.search(before) or "\n" not in before[card.end() - 1:] or _CARD_LABEL.match(card.group("name")):
        return None
    return Owner(card.group("name").strip(), "role")


def _own_line_of(sentence: str) -> Owner | None:
    """The party whose own service line the sentence (up to a contact detail) names, if any."""
    match = _OWN_LINE.search(sentence)
    if match is None or _FIRST_PERSON.search(sentence[match.end():]):
        return None
    return Owner(match.group("name"), "role")


def _genitive_line(sentence: str) -> Owner | None:
    """The party whose service line the sentence names by its capitalised genitive inside the
    sentence ("ringe direkte til Nordleverings kundeservice på", "call Parcelway's helpline on"),
    not a first word ("Butikkens kundeservice" opens a sentence capitalised) and not followed by
    the shop speaking for itself. A name that is the site's own is given back to the trader
    (``facts/site.py``)."""
    match = _last_match(_GENITIVE_LINE, sentence)
    if match is None or _FIRST_PERSON.search(sentence[match.end():]):
        return None
    return Owner(match.group("name"), "role")


_GENITIVE_LINE = re.compile(
    rf"(?<=\w[\s,])\s*(?P<name>[A-ZÅÄÖÆØÜ][\w&-]{{2,}}?)(?:s|'s|’s|:n)?\s+{_SERVICE_WORDS}\b"
)


def owner_after(text: str, end: int, start: int | None = None) -> Owner | None:
    """The party the words right after a contact detail say it belongs to, when those before it
    said nothing: "0771-20 45 60 / Frågor om faktura … via Kassagruppen – deras kundservice har
    öppet …": a capitalised name, then "their" customer service. Read up to the next digit. With
    ``start``, also a name just before the detail that the words after it call "they" ("Ring til
    Nordlevering på 70 20 41 88 – de kan se din pakke i deres system")."""
    after = text[end : end + _AFTER_WINDOW]
    digit = re.search(r"\d{3}", after)
    match = _THEIR_LINE.search(after[: digit.start()] if digit else after)
    if match is not None:
        return Owner(match.group("name"), "role")
    if start is not None and _THEY_AFTER.match(after):
        before = text[max(0, start - _WINDOW) : start]
        ends = list(_SENTENCE_END.finditer(before))
        sentence = before[ends[-1].end():] if ends else before
        called = _CALLED.search(sentence)
        if called is not None and not _FIRST_PERSON.search(sentence[called.end():]):
            return Owner(called.group("name"), "role")
    return None


#: "They" right after a detail ("– de kan se din pakke", ", they will …", "– sie helfen …").
_THEY_AFTER = re.compile(r"\s*[–—,-]?\s*(?:de|dom|they|sie|he|ne)\s+\w", re.IGNORECASE)
#: A contacting verb and a capitalised name just before a detail ("Ring til Nordlevering på").
_CALLED = re.compile(
    rf"\b(?i:{_CONTACT_VERB}\s+(?:til\s+|to\s+|an\s+)?)(?P<name>[A-ZÅÄÖÆØÜ][\w&-]+(?:\s+[A-ZÅÄÖÆØÜ][\w&-]+){{0,2}})"
    r"\s+(?i:på|paa|on|at|unter|numerosta|numeroon|:)?\s*$"
)


#: How far after a detail its owner may be named.
_AFTER_WINDOW = 160
_THEIR_LINE = re.compile(
    rf"(?P<name>[A-ZÅÄÖÆØÜ][\w&-]{{2,}})\s*[–—-]?\s*(?:deras|deres|dess|their|its|ihre[nmr]?|heidän)\s+"
    rf"{_SERVICE_WORDS}\b"
)


#: Reaching someone else: "ring dem", "call them", "rufen Sie sie an", "soita heille".
_THEM = re.compile(
    r"\b(?:ring|ringa|ringe|call|phone|contact|kontakta|kontakt|kontakte|write to|email|e-mail|mail|skriv till|"
    r"skriv til|rufen sie|kontaktieren sie|schreiben sie|soita|soittakaa|kirjoita)\s+(?:dem|dom|them|sie|ihnen|"
    r"heille|heihin|hänelle)\b",
    re.IGNORECASE,
)
#: A contacting verb and, a few lower-case words on, a definite noun ("Ring registeret",
#: "ringe direkte til spinderiet", "kontakta verkstaden"): who that noun is, the sentence before says.
_REFERENCE = re.compile(
    r"\b(?i:ring|ringa|ringe|ringer|kontakta|kontakte|kontakt|soita|rufen sie|kontaktieren sie)\s+"
    r"(?:[a-zåäöæøü]+\s+){0,3}?(?P<ref>[a-zåäöæøü]{6,})\s+(?:på|paa|numero|numerossa|unter|on|at)\b"
)


#: English refers back by "the" and a noun's genitive: "… our courier partner, Liffey Couriers.
#: … ring the courier's dispatch desk on …".
_REFERENCE_THE = re.compile(
    r"\b(?i:ring|call|phone|contact)\s+the\s+(?P<ref>[a-z]{4,})(?:'s|’s)\s+(?:[a-z]+\s+){0,3}?(?:on|at)\b"
)


def _referred(sentence: str, previous: str) -> str:
    """The name in the sentence before that a definite noun of this one ends ("Kystfuglregisteret"
    for "registeret"; "Liffey Couriers" for "the courier's"), or ""."""
    words: list[str] = re.findall(r"[A-ZÅÄÖÆØÜ][\w-]+", previous)
    match = _REFERENCE.search(sentence)
    if match is not None:
        ref = match.group("ref").casefold()
        for word in reversed(words):
            if word.casefold().endswith(ref) and word.casefold() != ref:
                return word
    match = _REFERENCE_THE.search(sentence)
    if match is not None and not _FIRST_PERSON.search(sentence[match.end():]):
        ref = match.group("ref").casefold()
        names = [m.group(0).rstrip(".") for m in _NAME_IN.finditer(previous.strip())]
        for name in reversed(names):
            if name.split()[-1].casefold() in (ref, ref + "s") and " " in name:
                return name
    return ""


#: A capitalised name after a sentence's first word: "Bergen Kursformidling", "Spoke & Chain".
_NAME_IN = re.compile(r"(?<=\s)[A-ZÅÄÖÆØÜ][\w&'’.-]+(?:\s+(?:[A-ZÅÄÖÆØÜ][\w&'’.-]+|&))*")


def _last_name(sentence: str) -> str:
    """The last capitalised name in a sentence, its first word left out ("Vi" or "Kurs")."""
    text = sentence.strip()
    names = [m.group(0).rstrip(".") for m in _NAME_IN.finditer(text)
             if not _PLACE_BEFORE.search(text[:m.start()])]  # "in Leeds" is where, not who
    return names[-1] if names else ""


_PLACE_BEFORE = re.compile(r"\b(?:in|i|på|im|at|near|bei)\s+$", re.IGNORECASE)


#: Finnish consonant gradation before a case ending, strong to weak ("Matkahuolto" –
#: "Matkahuollon", "Rinta" – "Rinnan", "Kauppa" – "Kaupan").
_WEAK_GRADE = (("lt", "ll"), ("nt", "nn"), ("rt", "rr"), ("mp", "mm"), ("nk", "ng"), ("kk", "k"), ("pp", "p"),
               ("tt", "t"))


def _strong_grade(stem: str) -> str:
    """A name written in its weak grade ("Matkahuollo" of "Matkahuollon"), as listed, capitalised as written."""
    name = third_parties().strong_grade.get(stem.lower(), stem)
    return stem[:1] + name[1:]


def _finnish_weak_grade(name: str) -> str:
    """The weak-grade stem of a name ending in a consonant pair and a vowel, or ""."""
    if len(name) < 5 or name[-1] not in "aeiouyäö":
        return ""
    for strong, weak in _WEAK_GRADE:
        if name[:-1].endswith(strong):
            return name[: -1 - len(strong)] + weak + name[-1]
    return ""


@lru_cache(maxsize=2048)
def _credited(sentence: str) -> Owner | None:
    """The site's maker, when ``sentence`` (up to a contact detail) is a credit line for them:
    "© 2026 Savipaja Routa Kotisivut: Verkkoveistämö · " before the maker's email. Kept by the
    sentence, as :func:`_named`."""
    pattern = third_parties().credit
    # A link's own words count as leading up to it: its address is no part of the credit.
    sentence = re.sub(r"[\w.+-]+@[\w.-]+\s*$", "", sentence)
    match = pattern.search(sentence) if pattern is not None else None
    # "Vi har byggt vår webbplats …": a sentence speaking for the shop credits no one else.
    if match is None or _FIRST_PERSON.search(sentence) or re.search(r"www\.|\.\w{2,3}\b", match.group("name")):
        return None
    # the maker's name, not its town and label after a comma ("Kodkraft Studio, Gdynia, tel.")
    return Owner(match.group("name").split(",")[0].strip(), "role")


@lru_cache(maxsize=2048)
def _partnered(sentence: str) -> Owner | None:
    """The shop's partner, when ``sentence`` (up to a contact detail) introduces one by its role
    and name, and does not speak for the shop after the name ("… vår samarbeidspartner Nåløyet
    Sysalong i Bergen, tlf. " before the partner's number). Kept by the sentence, as
    :func:`_credited`."""
    # the last partner named before the detail
    match = _last_match(third_parties().partner, sentence)
    # "Produsent: Vi lager alt selv …": the shop itself after the role word, no one else
    if match is None or _FIRST_PERSON.search(sentence[match.start("name"):]):
        return None
    return Owner(match.group("name").strip(), "role")


def _institution(sentence: str) -> Owner | None:
    """A public or local institution the sentence (up to a contact detail) names, when the shop
    does not speak for itself after it ("Påmelding til biblioteket på tlf. …")."""
    match = _last_match(third_parties().institution, sentence)
    # a sentence that speaks for the shop anywhere ("Vi finns i Nesodden kommune, telefon …") names
    # where the shop is, not whose the number is
    if match is None or _FIRST_PERSON.search(sentence):
        return None
    return Owner(match.group(0).strip(), "role")


def _last_match(pattern: re.Pattern[str] | None, sentence: str) -> re.Match[str] | None:
    """The last match of ``pattern`` in ``sentence`` (the one nearest the detail after it)."""
    return next(reversed(list(pattern.finditer(sentence))), None) if pattern is not None else None


#: The fewest letters a name and a domain label share to be taken as one name.
OWN_NAME_LETTERS = 4


def folded_name(text: str) -> str:
    """``text`` as a domain would write it: normalised (case, diacritics), its words run together
    ("Ingrid Lie Foto" -> "ingridliefoto", "Verkkoveistämö" -> "verkkoveistamo")."""
    return re.sub(r"\W+", "", lexicon.normalise(text))


def names_own_site(owner: str, text: str, site_domain: str) -> bool:
    """Whether a third party's name read in ``text`` is part of the site's own name there: "Ingrid
    Lie Foto" on ingridliefoto.no names the photographer, not the delivery company Ingrid. The
    name is the site's when the site's domain label holds it and the text holds the whole label
    (its words written apart or together)."""
    label = site_label(site_domain)
    name = folded_name(owner)
    if len(label) < OWN_NAME_LETTERS or not name or name not in label:
        return False
    return label in folded_name(text)


def names_email_domain(owner: str, address: str) -> bool:
    """Whether an email address's domain is the named party's own ("Kotisivut: Verkkoveistämö ·
    hei@verkkoveistamo.fi"): its name part holds the party's name written together, diacritics
    folded. Then the words around it and the address agree on whose it is."""
    label = site_label(address.rpartition("@")[2])
    if len(label) < OWN_NAME_LETTERS:
        return False
    # "Finch & Ferrule Studio" at finchandferrule.co.uk: the ampersand written out in the domain
    names = {folded_name(owner)} | {
        folded_name(owner.replace("&", f" {word} ")) for word in (*AMPERSAND_WORDS, "et") if "&" in owner
    }
    return any(len(name) >= OWN_NAME_LETTERS and (name in label or label in name) for name in names)


#: "&" written out as a domain spells a name, in the languages read ("Stem & Twine",
#: stemandtwine.co.uk): one list for every check that reads a name against a domain.
AMPERSAND_WORDS = ("and", "och", "og", "und", "ja")


#: Second-level labels under which names are registered ("example.co.uk").
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "ac", "gov", "ltd", "plc"})


def site_label(site_domain: str) -> str:
    """The name part of a host: "ingridliefoto" of "shop.ingridliefoto.no" and of "ingridliefoto.co.uk"."""
    labels = site_domain.casefold().split(".")
    if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL:
        return labels[-3]
    return labels[-2] if len(labels) >= 2 else labels[0]


@lru_cache(maxsize=2048)
def _named(text: str) -> tuple[Owner, int] | None:
    """The last third party or public body named in ``text``, and where its name ends. Kept by
    the text: the words before a site's phone number and email are the same on every page (of 452
    sentences read on 60 bench pages, 30 differ)."""
    parties = third_parties()
    best: tuple[Owner, int] | None = None
    for match in parties.pattern.finditer(text):
        written = match.group(1) or match.group(2) or _strong_grade(match.group(3))
        best = (Owner(written, "context"), match.end())
    body = _public_body(text)
    if body is not None and (best is None or body[1] > best[1]):
        best = body
    return best


def _public_body(text: str) -> tuple[Owner, int] | None:
    """A public authority or dispute body named in ``text`` (the lexicon's list, else an agency by
    the form of its name: "Søfartsstyrelsen", "Sjøfartsdirektoratet", "Bundesamt für …"), as written."""
    lex = lexicon.load()
    if lex.public_body_in(text) is None:
        form = _last_match(_AUTHORITY_FORM, text)
        return (Owner(form.group(0), "public_body"), form.end()) if form is not None else None
    words = list(re.finditer(r"\w+", text))
    folded = [lexicon.normalise(w.group()) for w in words]
    found: tuple[Owner, int] | None = None
    for name in lex.public_bodies:
        parts = name.split()
        for i in range(len(folded) - len(parts) + 1):
            if folded[i : i + len(parts)] == parts and (found is None or words[i + len(parts) - 1].end() > found[1]):
                span = text[words[i].start() : words[i + len(parts) - 1].end()]
                found = (Owner(span, "public_body"), words[i + len(parts) - 1].end())
    return found


#: A public agency by the form of its name, one capitalised word with an agency's ending (Nordic
#: "-styrelsen", "-myndigheten", "-inspektionen", "-tilsynet", "-direktoratet", "-ministeriet";
#: Finnish "-virasto"; German "…behörde", "Bundesamt", "Landesamt"), never a shop's: "-verket" and
#: "-keskus" are left out ("Kaffeverket" is a shop, "kauppakeskus" a shopping centre).
_AUTHORITY_FORM = re.compile(
    r"\b[A-ZÅÄÖÆØÜ][\w-]*(?:styrelsen|myndigheten|inspektionen|tilsynet|direktoratet|ministeriet|departementet|"
    r"virasto|viraston|virastoon|virastosta|behörde)\b|\b(?:Bundesamt|Landesamt|Bundesanstalt)\b(?:\s+f(?:ü|ue)r\s+[\w-]+)?"
)


def example_address(address: str, text_before: str) -> bool:
    """Whether an email address is example data: a stand-in domain (``beispiel.de``) or name
    (``max.mustermann@``), or announced as an example right before it ("z. B.", "t.ex.")."""
    parties = third_parties()
    local, host = address.rsplit("@", 1)
    labels = host.split(".")
    if any(label in parties.example_domains for label in labels[:-1]):
        return True
    if any(part in parties.example_locals for part in re.split(r"[._+-]", local)):
        return True
    marker = parties.example_marker
    return marker is not None and marker.search(text_before[-40:]) is not None


def example_number(text_before: str) -> bool:
    """Whether a phone number is announced as an example right before it ("esim. 040 123 4567",
    "for example: 020 7946 0000"): example data, nobody's number."""
    marker = third_parties().number_marker
    return marker is not None and marker.search(text_before[-40:]) is not None


def is_webmail(label: str) -> bool:
    """Whether a registrable-domain label is a mail service anyone signs up to (gmail, outlook)."""
    return label.lower() in third_parties().webmail
