"""The trader's geographic address is given.

What it checks
    A postal address with street and house number, postal code and town, on a trader page
    (contact, customer service, imprint, about, home), in the terms (where the seller is named),
    or in the site-wide header or footer. A PO box (Box, Postboks, Postfach, PL) is not a
    geographic address: a site that gives only a PO box is partial. Addresses in the privacy
    policy are not counted (they are usually a data-protection authority's), except in the block
    naming the trader as controller (by that word, the site's legal name or a registration
    number); nor is an address in a sentence or block that names another company or a public body
    ("Kuluttajariitalautakunta, PL 306, 00531 Helsinki"): it is named in the message as set aside,
    with whose it is. An address that no fact makes anyone else's but stands where a trader does
    not give its own (a page of another kind) is no proof of absence: a person decides.

Why it matters
    Art. 5(1)(b) Directive 2000/31/EC and Art. 6(1)(c) Directive 2011/83/EU require the
    geographic address at which the trader is established; in Germany it must be an address
    where documents can be served (§ 5 DDG).

Failing example      no address on any page read
Partial example      "Postadress: PL 123, 00101 Helsinki" only
Passing example      "Storgatan 12, 111 22 Stockholm" in the footer
Needs review when    the contact page could not be read or needs JavaScript, the crawl did not
                     cover the site, the address is only in structured data, an address
                     nobody else's stands only on a page of another kind, a postcode and
                     town stand whose street the tool could not read, or an address label
                     ("Adresse:") announces a street and number in a form the tool does not
                     know ("Niels Finsens gøta 9, FO-100 Tórshavn").
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from auditor.facts.addresses import ADDRESS_COUNTRIES
from auditor.facts.third_parties import AMPERSAND_WORDS, folded_name, site_label
from auditor.i18n import N_, Messages, Text, country, kind_name, region_name
from auditor.models import AddressFact, Category, Evidence, PageKind, RuleMeta, Severity
from auditor.rule import AuditContext, FactView, Rule, Verdict, failed, needs_review, partial, passed, register
from auditor.rules import legal
from auditor.rules.support import MESSAGES as SUPPORT
from auditor.rules.support import (
    SITE_WIDE,
    THIRD_PARTIES,
    TRADER_PAGE_KINDS,
    Pages,
    absence_doubt,
    aside,
    fact_evidence,
    first_of_each,
    numbered_block,
    other_company_block,
    own_phone_countries,
    owner_reason,
    set_aside_note,
    trader_block,
    unknown_establishment,
    with_note,
)

#: Pages whose addresses are the trader's: its own pages, and terms that name the seller.
_ADDRESS_PAGES = TRADER_PAGE_KINDS | {PageKind.TERMS, PageKind.RETURNS, PageKind.COMPLAINTS}

#: Countries whose postal addresses the tool reads: those of facts/postal_formats.toml.
_KNOWN_ADDRESSES = ADDRESS_COUNTRIES
#: The controller's block of a privacy notice names the trader as the data controller.
_CONTROLLER = re.compile(
    r"personuppgiftsansvarig|behandlingsansvarlig|dataansvarlig|rekisterinpitäjä|verantwortlich|controller",
    re.IGNORECASE,
)

#: Every message of this rule, in English (translated in auditor/locale).
MESSAGES = Messages(
    found=N_("Geographic address given: {address}."),
    po_box_only=N_(
        "Only a PO box is given ({address}); the law asks for the geographic address where the "
        "trader is established.",
    ),
    street_only=N_(
        "Only a street is given ({address}), without postcode and town: a consumer cannot tell where "
        "the trader is established or send a letter there.",
    ),
    street_only_doubt=N_(
        "Only a street is given on the pages read ({address}), without postcode and town; {doubt}, and it "
        "may give the full address.",
    ),
    structured_only=N_(
        "An address ({address}) is only in structured data, not in the visible text; check what a "
        "visitor sees.",
    ),
    doubt=N_("No postal address found, but {doubt}."),
    unknown_country=N_(
        "No postal address the tool can read, but the trader appears to be established where it does not "
        "know the address formats ({seen}); check the address by hand.",
    ),
    none=N_("No postal address on any of the pages read."),
    doubt_aside=N_("No postal address of the trader found, but {doubt}."),
    none_aside=N_("No postal address of the trader on the pages read."),
    elsewhere=N_(
        "No postal address where a trader gives its own details, but {place} stands on a {where} page, in "
        "no block naming another company; check whether it is the trader's.",
    ),
    unread_street=N_(
        "No postal address the tool can read, but a postcode and town ({place}) stand on a {where} page; the "
        "street before them was not recognised. Check the address.",
    ),
    labelled=N_(
        "No postal address the tool can read, but '{place}' follows an address label on a {where} page, in a "
        "form the tool does not know. Check the address.",
    ),
    note_labelled=N_("after an address label, not read as an address ({region})"),
    note_po_box=N_("PO box ({country}, {region})"),
    note_street=N_("street address ({country}, {region})"),
    note_street_only=N_("street without postcode and town ({region})"),
)


@register
class ContactAddress(Rule):
    meta = RuleMeta(
        id="contact-address",
        title=N_("A geographic address is given"),
        failure_title=N_("No geographic address is given"),
        partial_title=N_("Only a PO box or an incomplete address is given"),
        review_title=N_("Whether a geographic address is given could not be determined"),
        na_title=N_("A geographic address is not required here"),
        description=N_(
            "Consumers must know where the trader is established, to send a complaint or take "
            "legal action. A PO box alone is not enough."
        ),
        fix=N_(
            "Give the geographic address where you are established (street and number, postal code, town and "
            "country) on the contact or imprint page and in the footer or terms; a PO box alone is not "
            "enough."
        ),
        category=Category.CONTACT,
        severity=Severity.CRITICAL,
        requires=("addresses", "company_names", "org_numbers", "phones", "emails", "pages", "coverage"),
        legal_refs=(legal.ECD_5_1, legal.CRD_6_1_C, *legal.NATIONAL_TRADER_INFO),
    )

    def evaluate(self, facts: FactView, ctx: AuditContext) -> Verdict:
        pages = Pages(facts.pages)
        registered = _registered_names(facts, pages)
        visible = [
            a for a in facts.addresses
            if a.method == "text" and not a.third_party
            and (a.region in SITE_WIDE or pages.kind(a.url) in _ADDRESS_PAGES
                 or _controller(a, facts, pages, registered)
                 or trader_block(a, facts.company_names, facts.coverage.home_url, pages) is not None
                 or _beside_own_email(a, facts) or _own_place(a, facts))
        ]
        # The privacy notice's controller block counts, but the trader's own pages are shown first.
        visible.sort(key=lambda a: pages.kind(a.url) == PageKind.PRIVACY)
        street = first_of_each([a for a in visible if not a.po_box and a.postal_code], _same_address)
        if street:
            return passed(
                MESSAGES("found", address=_show(street[0])),
                [_evidence(a, pages) for a in street[:3]],
            )
        boxes = first_of_each([a for a in visible if a.po_box], _same_address)
        if boxes:
            return partial(
                MESSAGES("po_box_only", address=_show(boxes[0])),
                [_evidence(a, pages) for a in boxes[:3]],
            )
        streets_only = first_of_each([a for a in visible if not a.postal_code], _same_address)
        if streets_only:
            doubt = absence_doubt(pages, facts.coverage, "address")
            return partial(
                MESSAGES("street_only_doubt", address=streets_only[0].street, doubt=doubt) if doubt
                else MESSAGES("street_only", address=streets_only[0].street),
                [_evidence(a, pages) for a in streets_only[:3]],
            )
        structured = [a for a in facts.addresses if a.method == "structured_data"]
        if structured:
            return needs_review(
                MESSAGES("structured_only", address=_show(structured[0])),
                [_evidence(structured[0], pages)],
            )
        abroad = unknown_establishment(_where_established(facts, pages), pages.all, _KNOWN_ADDRESSES)
        if abroad:
            shown = [_evidence(a, pages) for a in first_of_each(_foreign(facts), _same_address)[:3]]
            return needs_review(MESSAGES("unknown_country", seen=abroad), shown or pages.searched(5))
        # No proof of absence, first an address no fact makes another's (no third party, body or
        # other company named with it) on a page of another kind ("Find os", a blog post), then a
        # postcode and town whose street the tool could not read (a format or layout it does not know).
        for method, key in (("text", "elsewhere"), ("unread_street", "unread_street"), ("labelled", "labelled")):
            unplaced = _unplaced(facts, method, registered)
            if unplaced:
                return needs_review(
                    MESSAGES(key, place=_show(unplaced[0]), where=kind_name(pages.kind(unplaced[0].url).value)),
                    [_evidence(a, pages) for a in unplaced[:3]],
                )
        doubt = absence_doubt(pages, facts.coverage, "address")
        # Every address left stands where a trader does not give its own: named, with the reason.
        note = set_aside_note([
            aside(_show(a), a.url, owner_reason(a) or SUPPORT("why_privacy" if pages.kind(a.url) == PageKind.PRIVACY
                                                             else "why_not_trader"), pages)
            for a in first_of_each(facts.addresses, _same_address)
        ])
        if doubt:
            return needs_review(
                with_note(MESSAGES("doubt_aside" if note else "doubt", doubt=doubt), note), pages.searched(5)
            )
        return failed(with_note(MESSAGES("none_aside" if note else "none"), note), pages.searched(10))


def _unplaced(facts: FactView, method: str, registered: frozenset[str]) -> list[AddressFact]:
    """One of each address read by ``method`` with a postcode (or, after an address label, the
    text the label announces) that no fact gives to anyone else (a company named beside it is
    another's unless the site's own pages give it as the trader's: :func:`_registered_names`)."""
    home = facts.coverage.home_url
    return first_of_each(
        [a for a in facts.addresses if a.method == method and (a.postal_code or method == "labelled")
         and owner_reason(a) is None
         and ((other := other_company_block(a, facts.company_names, home)) is None
              or other.name.casefold() in registered)],
        _same_address,
    )


def _controller(address: AddressFact, facts: FactView, pages: Pages, registered: frozenset[str]) -> bool:
    """In a privacy notice, the block that names the trader as controller (not an authority's):
    by that word, or by the site's legal name (its domain's, or one the site's own pages give with
    a valid registration number: :func:`_registered_names`) or a registration number beside the
    address."""
    if pages.kind(address.url) != PageKind.PRIVACY or THIRD_PARTIES.search(address.excerpt):
        return False
    return (
        bool(_CONTROLLER.search(address.excerpt))
        or trader_block(address, facts.company_names, facts.coverage.home_url) is not None
        or numbered_block(address, facts.org_numbers) is not None
        or _names_site(address.excerpt, facts.coverage.home_url)
        or any(name in address.excerpt.casefold() for name in registered)
    )


def _registered_names(facts: FactView, pages: Pages) -> frozenset[str]:
    """Legal names the site's own pages (not its privacy notice) give in a block with a valid
    registration or VAT number ("Nordlight Commerce OÜ Registrikood: 16151014 KMKR / VAT:
    EE102996591" in the terms), or as the one that runs the site ("Lumen Petal is a trading name
    of Brightway Trading Co., Limited", "Denne webshop drives af Havlys ApS"): the trader's,
    whatever its domain is called; no named third party's."""
    return frozenset(
        n.name.casefold() for n in facts.company_names
        if pages.kind(n.url) != PageKind.PRIVACY and not THIRD_PARTIES.search(n.name)
        and (numbered_block(n, facts.org_numbers) is not None or _runs_the_site(n.excerpt, n.name))
    )


#: Words that name the one running the site, right before its name.
_RUNS_THE_SITE = re.compile(
    r"(?:trading name of|operated by|run by|owned by|drivs av|drives af|drevet av|drives av|betrieben von|"
    r"ein angebot (?:der|von)|ylläpitäjä on|ylläpitää)\s*:?\s*$",
    re.IGNORECASE,
)


def _runs_the_site(text: str, name: str) -> bool:
    """Whether ``text`` names ``name`` as the one that runs the site (:data:`_RUNS_THE_SITE`)."""
    at = text.casefold().find(name.casefold())
    return at > 0 and _RUNS_THE_SITE.search(text[:at]) is not None


#: How "&" is read in a name that a domain spells out ("Stem & Twine" on stemandtwine.co.uk):
#: written out, or left out ("stemtwine").
_AND_WORDS = (*AMPERSAND_WORDS, "")


def _names_site(text: str, home_url: str) -> bool:
    """Whether a text names the site itself: its domain's name, written apart or together ("Stem
    & Twine is run by Chloe Harwood, Studio 2, 14 Wellesley Row …" on stemandtwine.co.uk)."""
    label = site_label(urlsplit(home_url).hostname or "")
    if len(label) < 5:
        return False
    folded = [folded_name(text.replace("&", f" {word} ")) for word in _AND_WORDS]
    return any(label in spelled for spelled in folded)


def _beside_own_email(address: AddressFact, facts: FactView) -> bool:
    """Whether the address's block, or the list or table it stands in, also gives an email at the
    site's own domain ("Sandvik Slip / Postboks 84 / 8301 Svolvær / post [at] lofotstein.no" in a
    privacy notice, a controller's <dl>, "Kontakt" on an about page): the shop's own contact
    block, wherever the page."""
    excerpt = address.excerpt.lower()
    listing = _listing(address.locator)
    return any(
        e.same_site and not e.third_party and e.url == address.url
        and (e.address.lower() in excerpt or e.address.rpartition("@")[2].lower() in excerpt
             or (listing and e.locator.startswith(listing)))
        for e in facts.emails
    )


def _own_place(address: AddressFact, facts: FactView) -> bool:
    """Whether the trader speaks of the address as its own place, right before it, in a block that
    names no other company: "Kurserne foregår i mit værksted på Hestehavevej 14", "Du hittar oss
    på Storgatan 12", "Our studio is at 4 Mill Lane"."""
    at = address.excerpt.find(address.street) if address.street else -1
    if at < 0 or other_company_block(address, facts.company_names, facts.coverage.home_url) is not None:
        return False
    return _OWN_PLACE.search(address.excerpt[max(0, at - _OWN_REACH):at]) is not None


#: A first-person word, then a place word or a preposition of place ending the text before a street.
_OWN_PLACE = re.compile(
    r"\b(?i:vi|oss|vår\w*|min|mitt|mina|os|vores|mit|mine|wir|uns\w*|mein\w*|we|us|our|my|me|meidät|meidän|minun)\b"
    # lower-case words only between: "Vi holder kurser hos Kunstskolen på …" is another's place
    r"(?:\s+[a-zåäöæøüéß][\w-]*){0,5}?\s+"
    r"(?i:på|i|hos|ved|at|in|on|auf|an|im|am|bei|osoitteessa|adressen|adresse|address|osoite)(?:\s+(?:der|dem|den))?"
    r"\s*:?\s*$"
)
_OWN_REACH = 60


def _listing(locator: str) -> str:
    """The innermost list, table or definition list an element stands in, as a locator prefix
    ("body > main > dl > "), or "" when none: a controller's <dl> gives the address and the email
    each in a <dd> of their own."""
    parts = locator.split(" > ")
    for i in range(len(parts) - 1, -1, -1):
        if parts[i].split(":", 1)[0] in _LISTINGS:
            return " > ".join(parts[: i + 1]) + " > "
    return ""


_LISTINGS = frozenset({"dl", "table", "ul", "ol", "address"})


def _where_established(facts: FactView, pages: Pages) -> list[tuple[str, str]]:
    """Countries the trader's own addresses, numbers and phones point to, with what showed each."""
    seen = [(n.country, n.raw) for n in facts.org_numbers
            if n.valid and (n.region in SITE_WIDE or pages.kind(n.url) in TRADER_PAGE_KINDS)
            and not THIRD_PARTIES.search(n.excerpt)]
    return [(a.country, a.street) for a in _foreign(facts)] + seen + own_phone_countries(facts.phones, pages)


def _foreign(facts: FactView) -> list[AddressFact]:
    """Addresses that end in the name of a country the data has no format of
    (:func:`auditor.facts.addresses.gather_addresses` keeps them as ``labelled``), no one else's."""
    return [a for a in facts.addresses
            if a.method == "labelled" and a.country not in _KNOWN_ADDRESSES and owner_reason(a) is None]


def _show(address: AddressFact) -> str:
    parts = [address.street, f"{address.postal_code} {address.town}".strip()]
    return ", ".join(p for p in parts if p)


def _same_address(address: AddressFact) -> tuple[str, str]:
    """What makes two sightings one address: the street (any case) and the postcode (any spacing)."""
    return (address.street.casefold(), address.postal_code.replace(" ", ""))


def _evidence(address: AddressFact, pages: Pages) -> Evidence:
    key = ("note_labelled" if address.method == "labelled" else "note_po_box" if address.po_box
           else "note_street" if address.postal_code else "note_street_only")
    where = country(address.country) if address.country else Text("?")
    note = MESSAGES(key, country=where, region=region_name(address.region))
    return fact_evidence(address, pages, note, fallback=_show(address))
