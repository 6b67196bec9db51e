"""A telephone number of the trader is given.

What it checks
    A phone number (``tel:`` link, or a number next to a word such as Telefon, Tlf, Puh or
    Phone, or in international form) on a contact, customer-service, imprint, about or home
    page, or in the site-wide header or footer. A site whose only numbers are premium-rate is
    partial (CRD Art. 21, CJEU C-568/15). A number only in the privacy policy may be a
    data-protection authority's, and digits after a phone word that cannot be dialled as
    written (a German mobile without its 0) may be a typo: both go to review, never to fail.

Why it matters
    Art. 6(1)(c) Directive 2011/83/EU as amended by Directive (EU) 2019/2161 asks for the
    telephone number and the email address. Konsumentverket's checklist: give phone and email
    under a clear "Kontakta oss" heading. CJEU C-649/17: no duty to set up a line, but a number
    the trader uses for consumers must be disclosed.

Failing example      no phone number on any page read
Partial example      a number only in the terms; or only a premium-rate number
Passing example      <a href="tel:+4681234567">08-123 45 67</a> on the contact page
Needs review when    the contact page could not be read or needs JavaScript, or the crawl did
                     not cover the site; the only number is in the privacy policy, or is
                     malformed ("Telefon: 17641857862").
"""

from __future__ import annotations

from auditor.facts.phones import MISSING_TRUNK_PREFIX
from auditor.i18n import N_, Messages, Text, found_by, join, kind_name, message, region_name
from auditor.models import Category, Evidence, PageKind, PhoneFact, RuleMeta, Severity
from auditor.rule import AuditContext, FactView, Rule, Verdict, failed, needs_review, partial, passed, register
from auditor.rules import legal
from auditor.rules.support import (
    SITE_WIDE,
    Pages,
    absence_doubt,
    aside,
    fact_evidence,
    is_prominent,
    one_per_number,
    owner_reason,
    set_aside_note,
    with_note,
)

#: Every message of this rule, in English (translated in auditor/locale).
MESSAGES = Messages(
    found=N_("Telephone number given: {numbers}."),
    premium_only=N_(
        "The only telephone number ({number}) is premium-rate; a customer line may not cost more than a "
        "basic-rate call (CRD Art. 21, CJEU C-568/15).",
    ),
    elsewhere=N_(
        "A telephone number ({number}) appears only on {where} pages, not on a contact page or in the "
        "site-wide header or footer.",
    ),
    privacy_beside_email=N_(
        "A telephone number ({number}) appears only in the privacy policy, next to the trader's own email "
        "address; it belongs on the contact page or in the footer.",
    ),
    no_trunk_zero=N_(
        "A telephone number is given ('{raw}'), but without its leading 0, so it cannot be dialled as "
        "written (meant: {number}).",
    ),
    no_trunk_zero_privacy=N_(
        "A telephone number is given ('{raw}'), but without its leading 0, so it cannot be dialled as "
        "written (meant: {number}). It appears only in the privacy policy.",
    ),
    malformed=N_(
        "A number is written after a phone word ('{excerpt}'), but '{raw}' cannot be dialled as written; "
        "check whether it is the trader's line.",
    ),
    privacy_only=N_(
        "A telephone number ({number}) appears only in the privacy policy; it may be the trader's or a "
        "data-protection authority's.",
    ),
    public_body=N_(
        "The only telephone number where the trader's would stand ({number}) is in a sentence naming a "
        "public authority or dispute body; check whose it is.",
    ),
    structured_only=N_(
        "A telephone number ({number}) is only in structured data, not in the visible text; check what a "
        "visitor sees.",
    ),
    named_other=N_(
        "The only telephone number where the trader's would stand ({number}) is in a sentence or block "
        "naming {owner}; check whose it is.",
    ),
    doubt=N_("No telephone number found, but {doubt}."),
    doubt_aside=N_("No telephone number of the trader found, but {doubt}."),
    none=N_(
        "No telephone number of the trader on any of the pages read.",
    ),
    note_phone=N_(
        "phone {number} ({kind}, {method}, {region})",
    ),
    note_phone_public_body=N_(
        "phone {number} ({kind}, {method}, {region}), in a sentence naming a public body",
    ),
    note_phone_named=N_(
        "phone {number} ({kind}, {method}, {region}), in a sentence or block naming {owner}",
    ),
)

#: libphonenumber's number types (``PhoneFact.number_type``) in words; shared with premium-rate-phone.
PHONE_TYPES: dict[str, Text] = {
    "fixed_line": message(N_("fixed line")),
    "mobile": message(N_("mobile")),
    "fixed_line_or_mobile": message(N_("fixed line or mobile")),
    "toll_free": message(N_("toll free")),
    "premium_rate": message(N_("premium rate")),
    "shared_cost": message(N_("shared cost")),
    "voip": message(N_("voip")),
    "personal_number": message(N_("personal number")),
    "pager": message(N_("pager")),
    "uan": message(N_("uan")),
    "voicemail": message(N_("voicemail")),
    "unknown": message(N_("unknown")),
    "invalid": message(N_("invalid")),
    MISSING_TRUNK_PREFIX: message(N_("missing trunk prefix")),
}


def phone_type_name(number_type: str) -> Text:
    """A number type in words ("fixed_line" → "fixed line", "fastnätsnummer")."""
    return PHONE_TYPES.get(number_type, Text(number_type.replace("_", " ")))


@register
class ContactPhone(Rule):
    meta = RuleMeta(
        id="contact-phone",
        title=N_("A telephone number is given"),
        failure_title=N_("No telephone number is given"),
        partial_title=N_("A telephone number is given, but with shortcomings"),
        review_title=N_("Whether a telephone number of the trader is given could not be determined"),
        na_title=N_("A telephone number is not required here"),
        description=N_(
            "Since the Omnibus Directive the pre-contract information names the trader's "
            "telephone number alongside the email address, so consumers can reach a person quickly."
        ),
        fix=N_(
            "Give a telephone number at no more than the basic rate (a geographic, mobile or freephone "
            "number) on the contact page and in the footer."
        ),
        category=Category.CONTACT,
        severity=Severity.HIGH,
        requires=("phones", "emails", "pages", "coverage"),
        legal_refs=(legal.CRD_6_1_C, legal.KOV_2023, *legal.NATIONAL_TRADER_INFO),
    )

    def evaluate(self, facts: FactView, ctx: AuditContext) -> Verdict:
        pages = Pages(facts.pages)
        shown = [p for p in facts.phones if p.method != "structured_data" and p.valid]
        own = [p for p in shown if not p.third_party]
        in_privacy = [p for p in own if pages.kind(p.url) == PageKind.PRIVACY and p.region not in SITE_WIDE]
        visible = [p for p in own if p not in in_privacy]
        prominent = one_per_number([p for p in visible if is_prominent(p, pages)])
        if prominent:
            ordinary = [p for p in prominent if not p.premium_rate]
            if ordinary:
                return passed(
                    MESSAGES("found", numbers=", ".join(p.raw for p in ordinary[:3])),
                    [_evidence(p, pages) for p in ordinary[:3]],
                )
            return partial(
                MESSAGES("premium_only", number=prominent[0].raw),
                [_evidence(p, pages) for p in prominent[:3]],
            )
        if visible:
            listed = one_per_number(visible)
            where = join(kind_name(kind) for kind in sorted({pages.kind(p.url).value for p in listed}))
            return partial(
                MESSAGES("elsewhere", number=listed[0].raw, where=where),
                [_evidence(p, pages) for p in listed[:3]],
            )
        malformed = [p for p in facts.phones if not p.valid and not p.third_party]
        # The privacy policy's controller block ("Verantwortlich: …, E-Mail: shop@…, Telefon: …")
        # gives the trader's number when it sits beside the email the trader uses elsewhere; a
        # data-protection authority's block carries the authority's address, not the shop's.
        beside = [p for p in in_privacy if _beside_own_email(p, facts, pages)]
        if beside:
            number = beside[0]
            return partial(
                MESSAGES("privacy_beside_email", number=number.raw),
                [_evidence(p, pages) for p in one_per_number(beside)[:3]],
            )
        repairable = [
            p for p in malformed
            if p.number_type == MISSING_TRUNK_PREFIX and (is_prominent(p, pages) or _beside_own_email(p, facts, pages))
        ]
        if repairable:
            number = repairable[0]
            key = "no_trunk_zero" if is_prominent(number, pages) else "no_trunk_zero_privacy"
            return partial(
                MESSAGES(key, raw=number.raw, number=number.e164),
                [_evidence(p, pages) for p in repairable[:3]],
            )
        if malformed:
            return needs_review(
                MESSAGES("malformed", excerpt=malformed[0].excerpt, raw=malformed[0].raw),
                [_evidence(p, pages) for p in malformed[:3]],
            )
        if in_privacy:
            return needs_review(
                MESSAGES("privacy_only", number=in_privacy[0].raw),
                [_evidence(p, pages) for p in one_per_number(in_privacy)[:3]],
            )
        # A public body's number where the trader's own would stand (footer, contact page) may
        # be the trader's after all, in a sentence that also names the body: a person decides.
        # Not one the sentence gives as another's by its role ("PostNords kundtjänst på …",
        # "vår samarbetspartner X, tel. …", "ring dem på …"): that is set aside.
        bodies_prominent = [p for p in shown if p.third_party and is_prominent(p, pages) and p.owner_reason != "role"]
        if bodies_prominent:
            first = bodies_prominent[0]
            return needs_review(
                MESSAGES("named_other", number=first.raw, owner=first.owner) if first.owner_reason == "context"
                else MESSAGES("public_body", number=first.raw),
                [_evidence(p, pages) for p in one_per_number(bodies_prominent)[:3]],
            )
        structured = [p for p in facts.phones if p.method == "structured_data"]
        if structured:
            return needs_review(
                MESSAGES("structured_only", number=structured[0].raw),
                [_evidence(structured[0], pages)],
            )
        doubt = absence_doubt(pages, facts.coverage, "phone")
        # Every number left is someone else's: the message names them and why.
        note = set_aside_note([
            aside(p.raw, p.url, why, pages)
            for p in one_per_number(facts.phones) if (why := owner_reason(p)) is not None
        ])
        if doubt:
            return needs_review(
                with_note(MESSAGES("doubt_aside" if note else "doubt", doubt=doubt), note), pages.searched(5)
            )
        return failed(with_note(MESSAGES("none"), note), pages.searched(10))


def _beside_own_email(phone: PhoneFact, facts: FactView, pages: Pages) -> bool:
    """The number shares its block with an email address the site shows as its own elsewhere, or
    one at the site's own domain ("vores databeskyttelseskontakt på privacy@ugeplan.app eller
    telefon …"): an authority's block carries the authority's address, not one at the shop's."""
    elsewhere = {
        e.address for e in facts.emails
        if not e.third_party and e.method != "structured_data" and pages.kind(e.url) != PageKind.PRIVACY
    }
    return any(
        e.url == phone.url and _same_block(e.locator, phone.locator) and (e.address in elsewhere or e.same_site)
        and not e.third_party
        for e in facts.emails
    )


def _same_block(one: str, other: str) -> bool:
    """Whether two locators name one block, or one of them a link inside the other's block."""
    return one == other or one.startswith(other + " > ") or other.startswith(one + " > ")


def _evidence(phone: PhoneFact, pages: Pages) -> Evidence:
    key = "note_phone_named" if phone.owner_reason in ("context", "role") else (
        "note_phone_public_body" if phone.third_party else "note_phone"
    )
    note = MESSAGES(
        key,
        owner=phone.owner,
        number=phone.e164,
        kind=phone_type_name(phone.number_type),
        method=found_by(phone.method),
        region=region_name(phone.region),
    )
    return fact_evidence(phone, pages, note, fallback=phone.raw)
