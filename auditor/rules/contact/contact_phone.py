"""A telephone number of the trader is given.

What it checks
    A phone number (``tel:`` link, or a number next to a word such as Telefon, Tlf, Puh or
    Phone, or in international form) on a contact, customer-service, imprint, about or home
    page, or in the site-wide header or footer. Numbers only in the privacy policy are not
    counted: they are usually a data-protection authority's. A site whose only numbers are
    premium-rate is partial (CRD Art. 21, CJEU C-568/15).

Why it matters
    Art. 6(1)(c) Directive 2011/83/EU as amended by Directive (EU) 2019/2161 asks for the
    telephone number and the email address. Konsumentverket's checklist: give phone and email
    under a clear "Kontakta oss" heading. CJEU C-649/17: no duty to set up a line, but a number
    the trader uses for consumers must be disclosed.

Failing example      no phone number on any page read
Partial example      a number only in the terms; or only a premium-rate number
Passing example      <a href="tel:+4681234567">08-123 45 67</a> on the contact page
Needs review when    the contact page could not be read or needs JavaScript, or the crawl did
                     not cover the site.
"""

from __future__ import annotations

from auditor.models import Category, Evidence, PageKind, PhoneFact, RuleMeta, Severity
from auditor.registry import register
from auditor.rule import AuditContext, FactView, Rule, Verdict, failed, needs_review, partial, passed
from auditor.rules import legal
from auditor.rules.support import SITE_WIDE, TRADER_PAGE_KINDS, Pages, absence_doubt


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
        requires=("phones", "pages", "coverage"),
        legal_refs=(legal.CRD_6_1_C, legal.KOV_2023, *legal.NATIONAL_TRADER_INFO),
    )

    def evaluate(self, facts: FactView, ctx: AuditContext) -> Verdict:
        pages = Pages(facts.pages)
        visible = [
            p for p in facts.phones
            if p.method != "structured_data"
            and not (pages.kind(p.url) == PageKind.PRIVACY and p.region not in SITE_WIDE)
        ]
        prominent = _unique([p for p in visible if p.region in SITE_WIDE or pages.kind(p.url) in TRADER_PAGE_KINDS])
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
            shown = _unique(visible)
            where = ", ".join(sorted({pages.kind(p.url).value for p in shown}))
            return partial(
                f"A telephone number ({shown[0].raw}) appears only on {where} pages, not on a "
                "contact page or in the site-wide header or footer.",
                [_evidence(p, pages) for p in shown[:3]],
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
        return failed("No telephone number on any of the pages read.", pages.searched(10))


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
        note=f"phone {phone.e164} ({kind}, {phone.method}, {phone.region.value})",
    )
