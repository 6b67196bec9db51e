"""The trader is identified as the law of its kind asks: name, legal form, representative, register number.

What it checks
    What kind of trader the site names, and whether it shows what the law asks of that kind
    (docs/trader-kinds.md lists it per jurisdiction, with the sources; the profiles hold it as
    ``[params.trader_kinds]``):

    * a company or partnership, known by its legal form (AB, AS, ApS, Oy, GmbH, UG, GbR, HB,
      ANS, I/S, Ky, Ltd ...): its legal name with the form, and the register number where the
      form exists by registration (every form but a GbR, an I/S); in Germany also the persons
      authorised to represent it (Geschäftsführer, Vorstand, partners);
    * a natural person (a sole trader: "Inhaberin Maria Muster", "enskild firma",
      "Einzelunternehmen", "Tmi", "ENK"): the name, in Germany the person's own full name; a
      register number only where the trader is registered (an e.K. always is);
    * a registration number whose checksum is right (SE organisationsnummer, NO
      organisasjonsnummer, DK CVR, FI Y-tunnus, DE Handelsregister or a VAT id), on a trader
      page, in the terms, or in the site-wide header or footer. A number that is there but wrong
      is quoted with what is wrong: its check digit, its length, its format or a VAT id's
      country prefix. Names and numbers of known third parties (payment providers, carriers,
      platforms) are not the trader's.

Why it matters
    Art. 5(1)(a) and (d) Directive 2000/31/EC and Art. 6(1)(b) Directive 2011/83/EU: the
    consumer must know who the contracting party is, which a brand name alone does not say. SE
    e-handelslagen 8 §, NO ehandelsloven § 8, FI Y-tunnus, DE § 5 Abs. 1 Nr. 1 DDG (name, and
    for legal persons the legal form and the authorised representative) and Nr. 4 (register
    and number, where registered).

Failing example      a brand name only, and no registration number anywhere
Partial example      "Kompis Hem AB" but no organisation number, or a number with a wrong checksum;
                     "Muster GmbH, HRB 12345 B" without its Geschäftsführer
Passing example      "Kompis Hem AB · Org.nr 556677-8899" in the footer; "Muster Design,
                     Inhaberin Maria Muster" on a German imprint (a sole trader: no register
                     number is required unless registered)
Needs review when    the contact or imprint page could not be read or needs JavaScript, the
                     crawl did not cover the site, a number stands after a registration label in
                     a register the tool does not read ("KvK 12345678"), the trader is evidently
                     established where the tool does not know the registers (an address, a phone,
                     a page language or a legal form from there), or the kind of trader cannot be
                     told (a name heads the address without a legal form or an owner label, and is
                     no person's: a common given name and a surname, "Lena Vogt", make a natural
                     person, a sole trader): not recognised is not absent, and a sole trader needs
                     no register number.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from auditor.i18n import N_, Messages, Text, found_by, join, region_name
from auditor.models import (
    Category,
    CompanyNameFact,
    Evidence,
    OrgNumberFact,
    PageKind,
    RepresentativeFact,
    RuleMeta,
    Severity,
    TraderInfo,
    TraderNameFact,
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
    names_the_site,
    own_address_and_phone_countries,
    set_aside_note,
    trader_block,
    unknown_establishment,
    with_note,
)

#: Pages whose name and number are the trader's own.
_IDENTITY_PAGES = TRADER_PAGE_KINDS | {PageKind.TERMS, PageKind.RETURNS, PageKind.COMPLAINTS}
#: Pages where a name heading the address block is the trader's (not a shop's or warehouse's in the footer).
_HEADING_PAGES = frozenset({PageKind.IMPRINT, PageKind.CONTACT, PageKind.ABOUT, PageKind.CUSTOMER_SERVICE})

#: Countries whose company registers the tool reads (VAT ids alone it reads for every EU state).
_KNOWN_REGISTERS = frozenset({"SE", "NO", "DK", "FI", "DE", "FR", "PL", "GB", "IE"})
#: The EU and the EEA: where the E-Commerce Directive's register number applies.
_EEA = frozenset({
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU",
    "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "AX", "IS", "LI", "NO",
})
#: What the law asks of a kind where the profile says nothing: the ECD's name and register number.
_EU_DEFAULT = {"representative": False, "full_name": False, "source": "ECD Art. 5(1)(a), (d)"}

#: Every message of this rule, in English (translated in auditor/locale).
MESSAGES = Messages(
    identified=N_(
        "Trader identified as {name} ({kind}, legal form {form}), registration number {number}.",
    ),
    identified_rep=N_(
        "Trader identified as {name} ({kind}, legal form {form}), registration number {number}, represented by "
        "{representative}.",
    ),
    unregistered_form=N_(
        "Trader identified as {name} ({kind}, legal form {form}); the legal form {form} needs no entry in a register, "
        "so {source} asks for no registration number unless the trader is registered.",
    ),
    unregistered_form_rep=N_(
        "Trader identified as {name} ({kind}, legal form {form}), represented by {representative}; the legal form "
        "{form} needs no entry in a register, so {source} asks for no registration number unless the trader is "
        "registered.",
    ),
    sole_trader=N_(
        "Trader identified as a sole trader ({who}): the name is what {source} asks of a natural person; no "
        "registration number is required unless the trader is registered.",
    ),
    sole_trader_number=N_(
        "Trader identified as a sole trader ({who}), registration number {number}.",
    ),
    sole_trader_no_full_name=N_(
        "The trader appears to be a sole trader ({who}), but no person's full name is given: {source} asks a natural "
        "person for their own name, not only a trading name.",
    ),
    no_representative=N_(
        "Trader identified as {name} ({kind}, legal form {form}), registration number {number}, but no person "
        "authorised to represent it (managing director, board, partners) is named, which {source} asks of it.",
    ),
    no_representative_no_number=N_(
        "Legal name {name} ({kind}, legal form {form}) is given, but neither a valid registration number nor a person "
        "authorised to represent it (managing director, board, partners), which {source} asks of it.",
    ),
    no_representative_unregistered=N_(
        "Trader identified as {name} ({kind}, legal form {form}), but no person authorised to represent it "
        "(its partners or managing partner) is named, which {source} asks of it.",
    ),
    representative_doubt=N_(
        "Trader identified as {name} ({kind}, legal form {form}), but no person authorised to represent it was "
        "found, which {source} asks of it; {doubt}.",
    ),
    privacy_with_name=N_(
        "Registration number {number} is given only in the privacy policy, not on a contact, imprint or "
        "terms page or in the footer. Legal name: {name}.",
    ),
    privacy_owner=N_(
        "The owner of {who} is named only in the privacy policy, not on a contact, imprint or terms page "
        "or in the footer: a sole trader whose name suffices, but not where consumers look for it.",
    ),
    privacy_no_name=N_(
        "Registration number {number} is given only in the privacy policy, not on a contact, imprint or "
        "terms page or in the footer. No legal name with legal form was found.",
    ),
    bad_checksum=N_(
        "A registration number is shown ({raw}) but its checksum is wrong for a {scheme}; check it for a typo.",
    ),
    bad_checksum_with_name=N_(
        "A registration number is shown ({raw}) but its checksum is wrong for a {scheme}; check it for a typo. "
        "Legal name: {name}.",
    ),
    bad_form=N_(
        "A registration number is shown ({raw}) but its {problem} is not that of a {scheme}; check it for a typo.",
    ),
    bad_form_with_name=N_(
        "A registration number is shown ({raw}) but its {problem} is not that of a {scheme}; check it for a typo. "
        "Legal name: {name}.",
    ),
    bad_prefix=N_(
        "A VAT number is shown ({raw}) but its country prefix {prefix} is that of no country; check it for a typo.",
    ),
    bad_prefix_with_name=N_(
        "A VAT number is shown ({raw}) but its country prefix {prefix} is that of no country; check it for a typo. "
        "Legal name: {name}.",
    ),
    scheme_se_orgnr=N_("Swedish organisation number"),
    scheme_no_orgnr=N_("Norwegian organisation number"),
    scheme_dk_cvr=N_("Danish CVR number"),
    scheme_fi_ytunnus=N_("Finnish business ID (Y-tunnus)"),
    scheme_de_register=N_("German register number"),
    scheme_vat=N_("VAT number"),
    scheme_fr_siren=N_("French SIREN number"),
    scheme_fr_siret=N_("French SIRET number"),
    scheme_pl_nip=N_("Polish NIP number"),
    scheme_pl_regon=N_("Polish REGON number"),
    scheme_gb_company=N_("UK company number"),
    scheme_other=N_("registration number"),
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
    third_country_form=N_(
        "Trader identified as {name} ({kind}, legal form {form}, a form of {countries}): a trader established outside "
        "the EU and the EEA, which EU law asks for its name and address (CRD Art. 6(1)(b), (c)) but not for a "
        "register number (ECD Art. 5(1)(d) binds traders established in a member state).",
    ),
    foreign_form=N_(
        "Legal name {name} ({kind}, legal form {form}, a form of {countries}) is given without a registration number "
        "the tool can read; it does not read the registers there, so check the trader's identity by hand.",
    ),
    name_only=N_(
        "Legal name {name} ({kind}, legal form {form}) is given, but no valid registration number (organisation "
        "number, CVR, Y-tunnus, Handelsregister) was found; the legal form {form} exists only by an entry in a "
        "register, and {source} asks for its number.",
    ),
    number_only=N_(
        "Registration number {number} is given, but no legal name with its legal form (AB, AS, ApS, Oy, "
        "GmbH, ...) and no owner's name was found.",
    ),
    kind_unknown=N_(
        "The trader is named {name} above its address, without a legal form or an owner's label: whether it is a "
        "sole trader (whose name suffices) or a company or partnership (legal form and registration number "
        "required) cannot be told; check by hand.",
    ),
    kind_unknown_number=N_(
        "The trader is named {name} above its address, with registration number {number}, but without a legal form "
        "or an owner's label: if it is a company or partnership, its legal form is missing; check by hand.",
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
    note_person=N_("sole trader {who} ({region})"),
    note_heading=N_("name above the address: {name} ({region})"),
    note_representative=N_("represented by {names} ({label}, {region})"),
    checksum_valid=N_("checksum valid"),
    checksum_wrong=N_("checksum WRONG"),
    kind_company=N_("a company"),
    kind_partnership=N_("a partnership"),
    kind_person=N_("a sole trader"),
    kind_person_registered=N_("a registered sole trader"),
)


@dataclass(frozen=True)
class _Law:
    """What a jurisdiction's law asks of one kind of trader (``[params.trader_kinds.<kind>]``)."""

    representative: bool
    full_name: bool
    source: str

    @classmethod
    def of(cls, params: dict[str, Any], kind: str) -> _Law:
        spec = {**_EU_DEFAULT, **params.get("trader_kinds", {}).get(kind, {})}
        return cls(bool(spec["representative"]), bool(spec["full_name"]), str(spec["source"]))


@register
class TraderIdentity(Rule):
    meta = RuleMeta(
        id="trader-identity",
        title=N_("The trader's identity is given as the law requires"),
        failure_title=N_("The trader's legal identity is not given"),
        partial_title=N_("The trader's identity is given with shortcomings"),
        review_title=N_("Whether the trader is identified as the law requires could not be determined"),
        na_title=N_("Trader identification is not required here"),
        description=N_(
            "Consumers must know who they contract with: a company's legal name with its legal form and "
            "registration number (in Germany also its representative), a sole trader's name, not just a brand."
        ),
        fix=N_(
            "State your legal name with its legal form and your registration number (organisation number, CVR "
            "number, business ID, commercial register entry or VAT number) on the contact or imprint page and "
            "in the footer; in Germany, also name the persons authorised to represent the company."
        ),
        category=Category.CONTACT,
        severity=Severity.CRITICAL,
        requires=("company_names", "org_numbers", "trader_names", "representatives", "addresses", "phones",
                  "pages", "coverage"),
        legal_refs=(legal.ECD_5_1, legal.CRD_6_1_C, *legal.NATIONAL_TRADER_INFO, legal.DE_EGBGB),
    )

    def evaluate(self, facts: FactView, ctx: AuditContext) -> Verdict:
        """The verdict, with the trader it names (what a report puts first)."""
        return replace(self._judge(facts, ctx), trader=_identified(facts))

    def _judge(self, facts: FactView, ctx: AuditContext) -> Verdict:
        pages = Pages(facts.pages)
        home = facts.coverage.home_url
        names, numbers = _own_names(facts, pages), _own_numbers(facts, pages)
        valid = _unique_numbers([n for n in numbers if n.valid])
        # The privacy policy names the controller with its number ("Blomsterlen AB (org.nr
        # 556828-2007)"): the trader's own, but not where a consumer looks for it.
        in_privacy = _unique_numbers([
            n for n in facts.org_numbers
            if n.valid and pages.kind(n.url) == PageKind.PRIVACY and not THIRD_PARTIES.search(n.excerpt)
            and n.value not in {v.value for v in valid}
        ])
        invalid = _unique_numbers([n for n in numbers if not n.valid and n.scheme != "other"])
        # A number of a register the tool cannot check, on the trader's pages or in the privacy
        # notice's controller block ("Registrikood 16524834"): unread, never absent.
        unread = _unique_numbers([
            n for n in facts.org_numbers
            if n.scheme == "other" and (n in numbers or (pages.kind(n.url) == PageKind.PRIVACY
                                                         and not THIRD_PARTIES.search(n.excerpt)))
        ])
        persons = _persons(facts.trader_names, pages, facts.company_names, home)
        headings = [t for t in facts.trader_names if t.method == "heading" and pages.kind(t.url) in _HEADING_PAGES
                    and not THIRD_PARTIES.search(t.excerpt)]
        trader = names[0] if names else None
        evidence = [*(_name_evidence(n, pages) for n in names[:2]), *(_number_evidence(n, pages) for n in valid[:2])]
        if trader is None and persons:
            evidence = [*(_person_evidence(t, pages) for t in persons[:2]), *evidence]
        if trader and valid:
            return self._company(trader, valid[0], facts, ctx, pages, evidence)
        if in_privacy and not valid:
            number = in_privacy[0]
            return partial(
                MESSAGES("privacy_with_name", number=number.value, name=names[0].name) if names
                else MESSAGES("privacy_no_name", number=number.value),
                [*evidence, _number_evidence(number, pages)],
            )
        if invalid and not valid:
            return partial(_broken(invalid[0], names), [*evidence, _number_evidence(invalid[0], pages)])
        if unread and not valid:
            return needs_review(MESSAGES("unknown_register", raw=unread[0].raw),
                                [*evidence, _number_evidence(unread[0], pages)])
        if trader is None and persons:
            return _sole_trader(persons, valid, ctx, evidence)
        # "Stem & Twine is run by Chloe Harwood" in the privacy policy only: the site's own trading
        # name with its owner, a sole trader, named where consumers do not look
        owners = [t for t in facts.trader_names if t.method == "owner" and t.name and t.trading_name
                  and pages.kind(t.url) == PageKind.PRIVACY and names_the_site(t.trading_name, home)
                  and not THIRD_PARTIES.search(t.excerpt)]
        if trader is None and not valid and owners:
            return partial(MESSAGES("privacy_owner", who=owners[0].trading_name),
                           [_person_evidence(owners[0], pages), *evidence])
        established = own_address_and_phone_countries(facts.addresses, facts.phones, pages)
        # A company named with its legal form, established in the EU/EEA, and no number after any
        # registration label: the number the E-Commerce Directive asks for is missing wherever it
        # is registered (a number of a register the tool does not read comes with its label, and
        # is "unread" above). Outside the EEA the duty is not the tool's to judge.
        if trader is not None and all(code.upper() in _EEA for code, _ in established if code):
            return self._company(trader, None, facts, ctx, pages, evidence)
        abroad = None if valid else unknown_establishment(established, pages.all, _KNOWN_REGISTERS)
        if abroad:
            return needs_review(MESSAGES("unknown_country", seen=abroad), evidence or pages.searched(5))
        if trader is not None:
            return self._company(trader, None, facts, ctx, pages, evidence)
        if valid:
            if headings:
                return needs_review(MESSAGES("kind_unknown_number", name=headings[0].name, number=valid[0].value),
                                    [*evidence, _heading_evidence(headings[0], pages)])
            return partial(
                MESSAGES("number_only", number=valid[0].value),
                evidence,
            )
        if headings:
            return needs_review(MESSAGES("kind_unknown", name=headings[0].name),
                                [_heading_evidence(h, pages) for h in headings[:2]])
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

    def _company(self, trader: CompanyNameFact, number: OrgNumberFact | None, facts: FactView, ctx: AuditContext,
                 pages: Pages, evidence: list[Evidence]) -> Verdict:
        """A trader known by its legal form: the number its form asks for, and its representative
        where the jurisdiction's law asks for one of a form of its own country."""
        law = _Law.of(ctx.params, trader.kind)
        words = {"name": trader.name, "kind": _kind_name(trader), "form": trader.legal_form, "source": law.source}
        countries = ", ".join(trader.countries)
        ecd_states = set(ctx.params.get("ecd_scope", {}).get("states", ()))
        if number is None and ecd_states and not set(trader.countries) & (ecd_states | {"EU"}):
            # An Inc., an LLC: established outside the EU and the EEA, where no EU register is asked for.
            return passed(MESSAGES("third_country_form", countries=countries, **words), evidence)
        if number is None and trader.registered and not set(trader.countries) & (_KNOWN_REGISTERS | {"EU"}):
            # A B.V., an S.r.l.: registered where the tool does not read the registers.
            return needs_review(MESSAGES("foreign_form", countries=countries, **words), evidence)
        region = ctx.country.region
        asks = law.representative and bool(region) and (region in trader.countries or "EU" in trader.countries)
        reps = _representatives(facts.representatives, trader, pages, facts.company_names, facts.coverage.home_url)
        rep_evidence = [_representative_evidence(r, pages) for r in reps[:2]]
        representative = join([n for r in reps for n in r.names][:3]) if reps else None
        if asks and representative is None:
            doubt = absence_doubt(pages, facts.coverage, "identity")
            if doubt and (number is not None or not trader.registered):
                return needs_review(MESSAGES("representative_doubt", doubt=doubt, **words), evidence)
            if number is not None:
                return partial(MESSAGES("no_representative", number=number.value, **words), evidence)
            if trader.registered:
                return partial(MESSAGES("no_representative_no_number", **words), evidence)
            return partial(MESSAGES("no_representative_unregistered", **words), evidence)
        shown = representative if asks else None
        if number is not None:
            if shown:
                return passed(MESSAGES("identified_rep", number=number.value, representative=shown, **words),
                              [*evidence, *rep_evidence])
            return passed(MESSAGES("identified", number=number.value, **words), evidence)
        if trader.registered:
            return partial(MESSAGES("name_only", **words), evidence)
        if shown:
            return passed(MESSAGES("unregistered_form_rep", representative=shown, **words), [*evidence, *rep_evidence])
        return passed(MESSAGES("unregistered_form", **words), evidence)


def _own_names(facts: FactView, pages: Pages) -> list[CompanyNameFact]:
    """Legal names where the trader names itself, once each: not structured data, not a third party's."""
    home = facts.coverage.home_url
    return _unique_names([n for n in facts.company_names if n.method != "structured_data"
                          and _own(n, pages, facts.company_names, home) and not THIRD_PARTIES.search(n.name)])


def _own_numbers(facts: FactView, pages: Pages) -> list[OrgNumberFact]:
    """Registration numbers where the trader names itself (valid or not)."""
    return [n for n in facts.org_numbers if _own(n, pages, facts.company_names, facts.coverage.home_url)]


def _identified(facts: FactView) -> TraderInfo | None:
    """The trader as the verdict names it: its first own legal name (else the first sole trader
    named with a name) and its first valid registration number; None when neither was found."""
    pages = Pages(facts.pages)
    names = _own_names(facts, pages)
    valid = _unique_numbers([n for n in _own_numbers(facts, pages) if n.valid])
    number = next(iter(sorted(valid, key=lambda n: n.scheme == "vat")), None)  # a register's number first
    persons = [] if names else [t for t in _persons(facts.trader_names, pages, facts.company_names,
                                                    facts.coverage.home_url) if t.name or t.trading_name]
    if names:
        name, url = names[0].name, names[0].url
    elif persons:
        name, url = _who(persons[0]), persons[0].url
    else:
        name, url = "", number.url if number is not None else ""
    if not name and number is None:
        return None
    return TraderInfo(name=name, url=url, registration=number.value if number is not None else "",
                      scheme=number.scheme if number is not None else "")


def _sole_trader(persons: list[TraderNameFact], valid: list[OrgNumberFact], ctx: AuditContext,
                 evidence: list[Evidence]) -> Verdict:
    """A natural person trading in their own name: the name; a register number only where registered."""
    law = _Law.of(ctx.params, "person")
    named = [t for t in persons if t.name]
    who = _who(named[0] if named else persons[0])
    if law.full_name and not named:
        return partial(MESSAGES("sole_trader_no_full_name", who=who, source=law.source), evidence)
    if valid:
        return passed(MESSAGES("sole_trader_number", who=who, number=valid[0].value), evidence)
    return passed(MESSAGES("sole_trader", who=who, source=law.source), evidence)


def _broken(bad: OrgNumberFact, names: list[CompanyNameFact]) -> Text:
    """What is wrong with a number that is there: its check digit, length, format or country prefix."""
    name = {"name": names[0].name} if names else {}
    suffix = "_with_name" if names else ""
    if bad.problem == "prefix":
        return MESSAGES(f"bad_prefix{suffix}", raw=bad.raw, prefix=bad.value[:2], **name)
    scheme = _scheme_name(bad.scheme)
    if bad.problem in ("length", "format"):
        what = MESSAGES(f"problem_{bad.problem}")
        return MESSAGES(f"bad_form{suffix}", raw=bad.raw, problem=what, scheme=scheme, **name)
    return MESSAGES(f"bad_checksum{suffix}", raw=bad.raw, scheme=scheme, **name)


def _persons(trader_names: Sequence[TraderNameFact], pages: Pages, names: Sequence[CompanyNameFact],
             home_url: str) -> list[TraderNameFact]:
    """Owners and sole traders named where the trader gives its own details, those with a person's name first.
    A sole trader's word alone counts on a trader page or in the footer; in the terms it must come with a name
    (terms describe buyers too: "if you are a sole trader ...")."""
    out = []
    for fact in trader_names:
        if fact.method == "heading" or THIRD_PARTIES.search(fact.excerpt):
            continue
        if not _own(fact, pages, names, home_url):
            continue
        on_trader_page = fact.region in SITE_WIDE or pages.kind(fact.url) in TRADER_PAGE_KINDS
        if fact.method == "sole_trader" and not (fact.name or fact.trading_name) and not on_trader_page:
            continue
        out.append(fact)
    return sorted(out, key=lambda t: (not t.name, t.method != "owner"))


def _representatives(reps: Sequence[RepresentativeFact], trader: CompanyNameFact, pages: Pages,
                     names: Sequence[CompanyNameFact], home_url: str) -> list[RepresentativeFact]:
    """The trader's own representatives; partners count only for a partnership."""
    return [r for r in reps if _own(r, pages, names, home_url) and not THIRD_PARTIES.search(" ".join(r.names))
            and (trader.kind == "partnership" or not r.partners_only)]


def _kind_name(trader: CompanyNameFact) -> Text:
    """The kind of trader a legal form is, in words ("a company", "a registered sole trader")."""
    return MESSAGES(f"kind_{trader.kind}_registered" if trader.kind == "person" and trader.registered
                    else f"kind_{trader.kind}")


def _who(fact: TraderNameFact) -> str:
    """How a report names a sole trader: "Muster Design, Inhaberin Maria Muster", "enskild firma Lisa Lind"."""
    person = " ".join(p for p in (fact.label, fact.name) if p) if fact.method == "owner" or fact.name else fact.label
    return ", ".join(p for p in (fact.trading_name, person) if p)


def _own(fact: CompanyNameFact | OrgNumberFact | TraderNameFact | RepresentativeFact, pages: Pages,
         names: Sequence[CompanyNameFact], home_url: str) -> bool:
    """Seen where a trader names itself, and not next to a third party's name."""
    if fact.region not in SITE_WIDE and pages.kind(fact.url) not in _IDENTITY_PAGES:
        # Elsewhere ("Ihr Vertragspartner: jpc-schallplatten … mbH, … HRB 110327" on the cart
        # page) only a block that names the site's own company counts.
        return trader_block(fact, names, home_url, pages) is not None
    if isinstance(fact, OrgNumberFact) and pages.kind(fact.url) in {PageKind.TERMS, PageKind.RETURNS}:
        # Terms often quote the payment provider's number ("Klarna Bank AB, org.nr 556737-0431"),
        # in the number's own sentence; one naming Stripe before it speaks of something else
        # ("… paid securely by Stripe. For invoices I add my VAT number (IE6392158PA)").
        return not THIRD_PARTIES.search(_own_sentence(fact.excerpt, fact.raw))
    return True


#: Where one sentence of an excerpt ends and the next begins.
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖÆØÜ])")


def _own_sentence(excerpt: str, raw: str) -> str:
    """The sentence of ``excerpt`` that holds ``raw`` (the whole excerpt when none does)."""
    for sentence in _SENTENCE_BREAK.split(excerpt):
        if raw and raw in sentence:
            return sentence
    return excerpt


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


def _scheme_name(scheme: str) -> Text:
    """A number's scheme (``se-orgnr``, ``vat``) in words: "Swedish organisation number"."""
    key = f"scheme_{scheme.replace('-', '_')}"
    return MESSAGES(key if key in MESSAGES.entries else "scheme_other")


def _name_evidence(name: CompanyNameFact, pages: Pages) -> Evidence:
    note = MESSAGES("note_name", name=name.name, method=found_by(name.method), region=region_name(name.region))
    return fact_evidence(name, pages, note, fallback=name.name)


def _number_evidence(number: OrgNumberFact, pages: Pages) -> Evidence:
    check = MESSAGES("checksum_valid") if number.valid else MESSAGES("checksum_wrong")
    note = MESSAGES("note_number", scheme=_scheme_name(number.scheme), number=number.value, check=check,
                    region=region_name(number.region))
    return fact_evidence(number, pages, note, fallback=number.raw)


def _person_evidence(fact: TraderNameFact, pages: Pages) -> Evidence:
    note = MESSAGES("note_person", who=_who(fact), region=region_name(fact.region))
    return fact_evidence(fact, pages, note, fallback=fact.name or fact.label)


def _heading_evidence(fact: TraderNameFact, pages: Pages) -> Evidence:
    note = MESSAGES("note_heading", name=fact.name, region=region_name(fact.region))
    return fact_evidence(fact, pages, note, fallback=fact.name)


def _representative_evidence(fact: RepresentativeFact, pages: Pages) -> Evidence:
    note = MESSAGES("note_representative", names=", ".join(fact.names), label=fact.label,
                    region=region_name(fact.region))
    return fact_evidence(fact, pages, note, fallback=", ".join(fact.names))
