"""The trader is identified: legal name with legal form, and a valid registration number.

What it checks
    A legal name with its legal form (AB, AS, ApS, Oy, GmbH, ...) and a registration number
    whose checksum is right (SE organisationsnummer, NO organisasjonsnummer, DK CVR, FI
    Y-tunnus, DE Handelsregister or a VAT id), on a trader page, in the terms, or in the
    site-wide header or footer. Names and numbers of known third parties (payment providers,
    carriers, platforms) are not the trader's.

Why it matters
    Art. 5(1)(a) and (d) Directive 2000/31/EC and Art. 6(1)(b) Directive 2011/83/EU: the
    consumer must know who the contracting party is, which a brand name alone does not say.
    SE e-handelslagen 8 §, NO ehandelsloven § 8, FI Y-tunnus, DE § 5 Abs. 1 Nr. 1 and 4 DDG.

Failing example      a brand name only, and no registration number anywhere
Partial example      "Kompis Hem AB" but no organisation number, or a number with a wrong checksum
Passing example      "Kompis Hem AB · Org.nr 556677-8899" in the footer
Needs review when    the contact or imprint page could not be read or needs JavaScript, the
                     crawl did not cover the site, a number stands after a registration label in
                     a register the tool does not read ("KvK 12345678"), or the trader is
                     evidently established where the tool does not know the registers (an
                     address, a phone or a page language from there): not recognised is not
                     absent.
"""

from __future__ import annotations

from collections.abc import Sequence

from auditor.i18n import N_, Messages, Text, region_name
from auditor.models import (
    AddressFact,
    Category,
    CompanyNameFact,
    Evidence,
    OrgNumberFact,
    PageKind,
    PhoneFact,
    RuleMeta,
    Severity,
)
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
    own_phone_countries,
    set_aside_note,
    trader_block,
    unknown_establishment,
    with_note,
)

#: Pages whose name and number are the trader's own.
_IDENTITY_PAGES = TRADER_PAGE_KINDS | {PageKind.TERMS, PageKind.RETURNS, PageKind.COMPLAINTS}

#: Countries whose company registers the tool reads (VAT ids alone it reads for every EU state).
_KNOWN_REGISTERS = frozenset({"SE", "NO", "DK", "FI", "DE", "FR", "PL", "GB"})

#: Every message of this rule, in English (translated in auditor/locale).
MESSAGES = Messages(
    identified=N_(
        "Trader identified as {name} ({form}), registration number {number}.",
    ),
    privacy_with_name=N_(
        "Registration number {number} is given only in the privacy policy, not on a contact, imprint or "
        "terms page or in the footer. Legal name: {name}.",
    ),
    privacy_no_name=N_(
        "Registration number {number} is given only in the privacy policy, not on a contact, imprint or "
        "terms page or in the footer. No legal name with legal form was found.",
    ),
    bad_checksum=N_(
        "A registration number is shown ({raw}) but its checksum is wrong for a {scheme} number; check it "
        "for a typo.",
    ),
    bad_checksum_with_name=N_(
        "A registration number is shown ({raw}) but its checksum is wrong for a {scheme} number; check it "
        "for a typo. Legal name: {name}.",
    ),
    bad_form=N_(
        "A registration number is shown ({raw}) but its {problem} is not that of a {scheme} number; check "
        "it for a typo.",
    ),
    bad_form_with_name=N_(
        "A registration number is shown ({raw}) but its {problem} is not that of a {scheme} number; check "
        "it for a typo. Legal name: {name}.",
    ),
    problem_length=N_("length"),
    problem_format=N_("format"),
    unknown_register=N_(
        "A number is given after a registration label ({raw}), in a register the tool does not read; "
        "check that it identifies the trader.",
    ),
    unknown_country=N_(
        "No registration number the tool can read, but the trader appears to be established where it "
        "does not know the registers ({seen}); check the trader's identity by hand.",
    ),
    name_only=N_(
        "Legal name {name} is given, but no valid registration number (organisation number, CVR, "
        "Y-tunnus, Handelsregister) was found.",
    ),
    number_only=N_(
        "Registration number {number} is given, but no legal name with its legal form (AB, AS, ApS, Oy, "
        "GmbH, ...) was found.",
    ),
    doubt=N_(
        "No legal name or registration number found, but {doubt}.",
    ),
    none=N_(
        "Neither a legal name with legal form nor a registration number on any page read.",
    ),
    doubt_aside=N_("No legal name or registration number of the trader found, but {doubt}."),
    none_aside=N_("Neither a legal name with legal form nor a registration number of the trader on the pages read."),
    note_name=N_("legal name {name} ({method}, {region})"),
    note_number=N_("{scheme} {number} ({check}, {region})"),
    checksum_valid=N_("checksum valid"),
    checksum_wrong=N_("checksum WRONG"),
)


@register
class TraderIdentity(Rule):
    meta = RuleMeta(
        id="trader-identity",
        title=N_("The trader's legal name and registration number are given"),
        failure_title=N_("The trader's legal identity is not given"),
        description=N_(
            "Consumers must know which company they contract with: its legal name with legal "
            "form and its registration number, not just a brand."
        ),
        category=Category.CONTACT,
        severity=Severity.CRITICAL,
        requires=("company_names", "org_numbers", "addresses", "phones", "pages", "coverage"),
        legal_refs=(legal.ECD_5_1, legal.CRD_6_1_C, *legal.NATIONAL_TRADER_INFO, legal.DE_EGBGB),
    )

    def evaluate(self, facts: FactView, ctx: AuditContext) -> Verdict:
        pages = Pages(facts.pages)
        home = facts.coverage.home_url
        names = _unique_names(
            [n for n in facts.company_names if n.method != "structured_data"
             and _own(n, pages, facts.company_names, home) and not THIRD_PARTIES.search(n.name)]
        )
        numbers = [n for n in facts.org_numbers if _own(n, pages, facts.company_names, home)]
        valid = _unique_numbers([n for n in numbers if n.valid])
        # The privacy policy names the controller with its number ("Blomsterlen AB (org.nr
        # 556828-2007)"): the trader's own, but not where a consumer looks for it.
        in_privacy = _unique_numbers([
            n for n in facts.org_numbers
            if n.valid and pages.kind(n.url) == PageKind.PRIVACY and not THIRD_PARTIES.search(n.excerpt)
            and n.value not in {v.value for v in valid}
        ])
        invalid = _unique_numbers([n for n in numbers if not n.valid and n.scheme != "other"])
        unread = _unique_numbers([n for n in numbers if n.scheme == "other"])
        evidence = [*(_name_evidence(n, pages) for n in names[:2]), *(_number_evidence(n, pages) for n in valid[:2])]
        if names and valid:
            return passed(
                MESSAGES("identified", name=names[0].name, form=names[0].legal_form, number=valid[0].value),
                evidence,
            )
        if in_privacy and not valid:
            number = in_privacy[0]
            return partial(
                MESSAGES("privacy_with_name", number=number.value, name=names[0].name) if names
                else MESSAGES("privacy_no_name", number=number.value),
                [*evidence, _number_evidence(number, pages)],
            )
        if invalid and not valid:
            bad = invalid[0]
            if bad.problem in ("length", "format"):
                what = MESSAGES(f"problem_{bad.problem}")
                message = (
                    MESSAGES("bad_form_with_name", raw=bad.raw, problem=what, scheme=bad.scheme, name=names[0].name)
                    if names else MESSAGES("bad_form", raw=bad.raw, problem=what, scheme=bad.scheme)
                )
            else:
                message = (
                    MESSAGES("bad_checksum_with_name", raw=bad.raw, scheme=bad.scheme, name=names[0].name) if names
                    else MESSAGES("bad_checksum", raw=bad.raw, scheme=bad.scheme)
                )
            return partial(message, [*evidence, _number_evidence(bad, pages)])
        if unread and not valid:
            return needs_review(MESSAGES("unknown_register", raw=unread[0].raw),
                                [*evidence, _number_evidence(unread[0], pages)])
        abroad = None if valid else unknown_establishment(
            _where_established(facts.addresses, facts.phones, pages), pages.all, _KNOWN_REGISTERS
        )
        if abroad:
            return needs_review(MESSAGES("unknown_country", seen=abroad), evidence or pages.searched(5))
        if names:
            return partial(
                MESSAGES("name_only", name=names[0].name),
                evidence,
            )
        if valid:
            return partial(
                MESSAGES("number_only", number=valid[0].value),
                evidence,
            )
        doubt = absence_doubt(pages, facts.coverage, "identity")
        # Every name and number left is someone else's or stands elsewhere: named, with the reason.
        note = set_aside_note([
            *(aside(n.name, n.url, _why_aside(n, pages), pages) for n in _unique_names(facts.company_names)),
            *(aside(n.raw, n.url, _why_aside(n, pages), pages) for n in _unique_numbers(facts.org_numbers)),
        ])
        if doubt:
            return needs_review(
                with_note(MESSAGES("doubt_aside" if note else "doubt", doubt=doubt), note), pages.searched(5)
            )
        return failed(with_note(MESSAGES("none_aside" if note else "none"), note), pages.searched(10))


def _where_established(
    addresses: Sequence[AddressFact], phones: Sequence[PhoneFact], pages: Pages
) -> list[tuple[str, str]]:
    """Countries the trader's own addresses and phones point to, with what showed each."""
    seen = [
        (a.country, ", ".join(p for p in (a.street, f"{a.postal_code} {a.town}".strip()) if p))
        for a in addresses
        if a.method == "text" and (a.region in SITE_WIDE or pages.kind(a.url) in TRADER_PAGE_KINDS)
    ]
    return seen + own_phone_countries(phones, pages)


def _own(fact: CompanyNameFact | OrgNumberFact, pages: Pages, names: Sequence[CompanyNameFact],
         home_url: str) -> bool:
    """Seen where a trader names itself, and not next to a third party's name."""
    if fact.region not in SITE_WIDE and pages.kind(fact.url) not in _IDENTITY_PAGES:
        # Elsewhere ("Ihr Vertragspartner: jpc-schallplatten … mbH, … HRB 110327" on the cart
        # page) only a block that names the site's own company counts.
        return trader_block(fact, names, home_url, pages) is not None
    if isinstance(fact, OrgNumberFact) and pages.kind(fact.url) in {PageKind.TERMS, PageKind.RETURNS}:
        # Terms often quote the payment provider's number ("Klarna Bank AB, org.nr 556737-0431").
        return not THIRD_PARTIES.search(fact.excerpt)
    return True


def _why_aside(fact: CompanyNameFact | OrgNumberFact, pages: Pages) -> Text:
    """Why a name or number was not the trader's."""
    if isinstance(fact, CompanyNameFact) and fact.method == "structured_data":
        return SUPPORT("why_structured")
    if THIRD_PARTIES.search(fact.name if isinstance(fact, CompanyNameFact) else fact.excerpt):
        return SUPPORT("why_named_third_party")
    if pages.kind(fact.url) == PageKind.PRIVACY:
        return SUPPORT("why_privacy")
    return SUPPORT("why_not_trader")


def _unique_names(names: list[CompanyNameFact]) -> list[CompanyNameFact]:
    return first_of_each(names, lambda name: name.name.casefold())


def _unique_numbers(numbers: list[OrgNumberFact]) -> list[OrgNumberFact]:
    return first_of_each(numbers, lambda number: number.value)


def _name_evidence(name: CompanyNameFact, pages: Pages) -> Evidence:
    note = MESSAGES("note_name", name=name.name, method=name.method, region=region_name(name.region))
    return fact_evidence(name, pages, note, fallback=name.name)


def _number_evidence(number: OrgNumberFact, pages: Pages) -> Evidence:
    check = MESSAGES("checksum_valid") if number.valid else MESSAGES("checksum_wrong")
    note = MESSAGES("note_number", scheme=number.scheme, number=number.value, check=check,
                    region=region_name(number.region))
    return fact_evidence(number, pages, note, fallback=number.raw)
