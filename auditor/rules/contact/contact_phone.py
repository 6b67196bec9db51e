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

from auditor.models import Category, Evidence, PageKind, PhoneFact, RuleMeta, Severity
from auditor.registry import register
from auditor.rule import AuditContext, FactView, Rule, Verdict, failed, needs_review, partial, passed
from auditor.rules import legal
from auditor.rules.support import SITE_WIDE, TRADER_PAGE_KINDS, Pages, absence_doubt
from auditor.spiders.gatherers.phones import MISSING_TRUNK_PREFIX


@register
class ContactPhone(Rule):
    meta = RuleMeta(
        id="contact-phone",
        title="A telephone number is given",
        failure_title="No telephone number is given",
        description=(
            "Since the Omnibus Directive the pre-contract information names the trader's "
            "telephone number alongside the email address, so consumers can reach a person quickly."
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
        prominent = _unique([p for p in visible if _prominent(p, pages)])
        if prominent:
            ordinary = [p for p in prominent if not p.premium_rate]
            if ordinary:
                return passed(
                    f"Telephone number given: {', '.join(p.raw for p in ordinary[:3])}.",
                    [_evidence(p, pages) for p in ordinary[:3]],
                )
            return partial(
                f"The only telephone number ({prominent[0].raw}) is premium-rate; a customer "
                "line may not cost more than a basic-rate call (CRD Art. 21, CJEU C-568/15).",
                [_evidence(p, pages) for p in prominent[:3]],
            )
        if visible:
            listed = _unique(visible)
            where = ", ".join(sorted({pages.kind(p.url).value for p in listed}))
            return partial(
                f"A telephone number ({listed[0].raw}) appears only on {where} pages, not on a "
                "contact page or in the site-wide header or footer.",
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
                f"A telephone number ({number.raw}) appears only in the privacy policy, next to the trader's "
                "own email address; it belongs on the contact page or in the footer.",
                [_evidence(p, pages) for p in _unique(beside)[:3]],
            )
        repairable = [
            p for p in malformed
            if p.number_type == MISSING_TRUNK_PREFIX and (_prominent(p, pages) or _beside_own_email(p, facts, pages))
        ]
        if repairable:
            number = repairable[0]
            where = "" if _prominent(number, pages) else " It appears only in the privacy policy."
            return partial(
                f"A telephone number is given ('{number.raw}'), but without its leading 0, so it cannot be "
                f"dialled as written (meant: {number.e164}).{where}",
                [_evidence(p, pages) for p in repairable[:3]],
            )
        if malformed:
            return needs_review(
                f"A number is written after a phone word ('{malformed[0].excerpt}'), but "
                f"'{malformed[0].raw}' cannot be dialled as written; check whether it is the trader's line.",
                [_evidence(p, pages) for p in malformed[:3]],
            )
        if in_privacy:
            return needs_review(
                f"A telephone number ({in_privacy[0].raw}) appears only in the privacy policy; it may be "
                "the trader's or a data-protection authority's.",
                [_evidence(p, pages) for p in _unique(in_privacy)[:3]],
            )
        # A public body's number where the trader's own would stand (footer, contact page) may
        # be the trader's after all, in a sentence that also names the body: a person decides.
        bodies_prominent = [p for p in shown if p.third_party and _prominent(p, pages)]
        if bodies_prominent:
            return needs_review(
                f"The only telephone number where the trader's would stand ({bodies_prominent[0].raw}) is "
                "in a sentence naming a public authority or dispute body; check whose it is.",
                [_evidence(p, pages) for p in _unique(bodies_prominent)[:3]],
            )
        structured = [p for p in facts.phones if p.method == "structured_data"]
        if structured:
            return needs_review(
                f"A telephone number ({structured[0].raw}) is only in structured data, not in the "
                "visible text; check what a visitor sees.",
                [_evidence(structured[0], pages)],
            )
        doubt = absence_doubt(pages, facts.coverage)
        if doubt:
            return needs_review(f"No telephone number found, but {doubt}.", pages.searched(5))
        bodies = _unique([p for p in shown if p.third_party])
        note = f" ({', '.join(p.raw for p in bodies[:3])} belong to public bodies named with them)" if bodies else ""
        return failed(f"No telephone number of the trader on any of the pages read{note}.", pages.searched(10))


def _beside_own_email(phone: PhoneFact, facts: FactView, pages: Pages) -> bool:
    """The number shares its block with an email address the site shows as its own elsewhere."""
    elsewhere = {
        e.address for e in facts.emails
        if not e.third_party and e.method != "structured_data" and pages.kind(e.url) != PageKind.PRIVACY
    }
    return any(
        e.url == phone.url and e.locator == phone.locator and e.address in elsewhere and not e.third_party
        for e in facts.emails
    )


def _prominent(phone: PhoneFact, pages: Pages) -> bool:
    return phone.region in SITE_WIDE or pages.kind(phone.url) in TRADER_PAGE_KINDS


def _unique(phones: list[PhoneFact]) -> list[PhoneFact]:
    seen: dict[str, PhoneFact] = {}
    for phone in phones:
        seen.setdefault(phone.e164, phone)
    return list(seen.values())


def _evidence(phone: PhoneFact, pages: Pages) -> Evidence:
    kind = phone.number_type.replace("_", " ")
    return pages.evidence(
        phone.url,
        locator=phone.locator,
        excerpt=phone.excerpt or phone.raw,
        note=f"phone {phone.e164} ({kind}, {phone.method}, {phone.region.value})"
        + (", in a sentence naming a public body" if phone.third_party else ""),
    )
