"""An email address of the trader is given for direct contact.

What it checks
    Some page of the site shows an email address of the trader, as a ``mailto:`` link, as text,
    or in a form the extractor decodes (``name [at] shop [dot] se``, Cloudflare protection),
    on the contact, customer-service, imprint, about or home page or in the site-wide header
    or footer. Addresses of third parties (payment providers, platforms, a data-protection
    authority named in a privacy policy) do not count.

Why it matters
    Art. 5(1)(c) Directive 2000/31/EC and Art. 6(1)(c) Directive 2011/83/EU: the consumer must
    be able to contact the trader rapidly, directly and by email. CJEU C-298/07: the email
    address is always required and a contact form does not replace it (KG Berlin 5 U 32/12).

Failing example      contact only through a form, or no email anywhere on the site
Partial example      an email only inside the terms or the privacy policy
Passing example      <a href="mailto:kundtjanst@shop.se">kundtjanst@shop.se</a> in the footer
Needs review when    the contact page could not be read, needs JavaScript, or the crawl did not
                     cover the site; or the address is only in structured data, not visible.
"""

from __future__ import annotations

from auditor.i18n import N_, Messages, join, kind_name, region_name
from auditor.models import Category, EmailFact, Evidence, RuleMeta, Severity
from auditor.rule import AuditContext, FactView, Rule, Verdict, failed, needs_review, partial, passed, register
from auditor.rules import legal
from auditor.rules.support import Pages, absence_doubt, fact_evidence, first_of_each, is_prominent

#: Every message of this rule, in English (translated in auditor/locale).
MESSAGES = Messages(
    found=N_("Email address given: {emails}."),
    elsewhere=N_(
        "An email address ({email}) appears only on {where} pages, not on a contact page or in the "
        "site-wide header or footer.",
    ),
    structured_only=N_(
        "An email address ({email}) is only in the page's structured data, not in its visible text; "
        "check what a visitor sees.",
    ),
    doubt=N_("No email address found, but {doubt}."),
    form_only=N_(
        "No email address anywhere on the site; only a contact form is offered, and a form does not "
        "replace an email address (CJEU C-298/07).",
    ),
    none=N_("No email address anywhere on the pages read."),
    note_form=N_("contact form"),
    note_email=N_("email {email} ({method}, {region})"),
)


@register
class ContactEmail(Rule):
    meta = RuleMeta(
        id="contact-email",
        title=N_("An email address is given for direct contact"),
        failure_title=N_("No email address is given for direct contact"),
        description=N_(
            "Consumers must be able to write to the trader directly. The law requires an email "
            "address; a contact form or a chat does not replace it."
        ),
        category=Category.CONTACT,
        severity=Severity.CRITICAL,
        requires=("emails", "forms", "pages", "coverage"),
        legal_refs=(legal.ECD_5_1, legal.CRD_6_1_C, legal.CJEU_C_298_07, *legal.NATIONAL_TRADER_INFO),
    )

    def evaluate(self, facts: FactView, ctx: AuditContext) -> Verdict:
        pages = Pages(facts.pages)
        visible = [e for e in facts.emails if not e.third_party and e.method != "structured_data"]
        prominent = [e for e in visible if is_prominent(e, pages)]
        if prominent:
            shown = first_of_each(prominent, _address)
            return passed(
                MESSAGES("found", emails=", ".join(e.address for e in shown[:3])),
                [_evidence(e, pages) for e in shown[:3]],
            )
        # Elsewhere on the site, an address of the shop's own domain still counts in part;
        # a foreign address in running text (a regulator, a partner) is not the trader's.
        own_elsewhere = [e for e in visible if e.same_site]
        if own_elsewhere:
            shown = first_of_each(own_elsewhere, _address)
            where = join(kind_name(kind) for kind in sorted({pages.kind(e.url).value for e in shown}))
            return partial(
                MESSAGES("elsewhere", email=shown[0].address, where=where),
                [_evidence(e, pages) for e in shown[:3]],
            )
        doubt = absence_doubt(pages, facts.coverage, "email")
        structured = [e for e in facts.emails if e.method == "structured_data" and not e.third_party]
        if structured:
            return needs_review(
                MESSAGES("structured_only", email=structured[0].address),
                [_evidence(structured[0], pages)],
            )
        if doubt:
            return needs_review(MESSAGES("doubt", doubt=doubt), pages.searched(5))
        contact_forms = [f for f in facts.forms if f.looks_like_contact]
        if contact_forms:
            form = contact_forms[0]
            return failed(
                MESSAGES("form_only"),
                [fact_evidence(form, pages, MESSAGES("note_form")),
                 *pages.searched(8)],
            )
        return failed(MESSAGES("none"), pages.searched(10))


def _address(email: EmailFact) -> str:
    return email.address


def _evidence(email: EmailFact, pages: Pages) -> Evidence:
    note = MESSAGES("note_email", email=email.address, method=email.method, region=region_name(email.region))
    return fact_evidence(email, pages, note, fallback=email.address)

