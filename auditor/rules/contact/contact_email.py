"""An email address of the trader is given for direct contact.

What it checks
    Some page of the site shows an email address of the trader, as a ``mailto:`` link, as text,
    or in a form the extractor decodes (``name [at] shop [dot] se``, Cloudflare protection),
    on the contact, customer-service, imprint, about or home page or in the site-wide header
    or footer. Addresses of third parties (payment providers, platforms, a data-protection
    authority named in a privacy policy) do not count. Elsewhere (the terms), an address at the
    site's own domain, named after the site, or in a block naming the trader or stating its
    registration number counts in part.

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

from auditor.facts.third_parties import names_email_domain
from auditor.i18n import N_, Messages, found_by, join, kind_name, region_name
from auditor.models import Category, EmailFact, Evidence, PageKind, RuleMeta, Severity
from auditor.rule import AuditContext, FactView, Rule, Verdict, failed, needs_review, partial, passed, register
from auditor.rules import legal
from auditor.rules.support import (
    Pages,
    absence_doubt,
    aside,
    fact_evidence,
    first_of_each,
    is_prominent,
    names_the_site,
    numbered_block,
    owner_reason,
    set_aside_note,
    trader_block,
    with_note,
)

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
    foreign=N_(
        "An email address ({email}) appears only on {where} pages, at a domain that is not the site's and "
        "not in a block naming the trader; check whether it is the trader's.",
    ),
    named_other=N_(
        "The only email address where the trader's would stand ({email}) is in a sentence or block naming "
        "{owner}; check whose it is.",
    ),
    doubt=N_("No email address found, but {doubt}."),
    doubt_aside=N_("No email address of the trader found, but {doubt}."),
    form_only=N_(
        "No email address anywhere on the site; only a contact form is offered, and a form does not "
        "replace an email address (CJEU C-298/07).",
    ),
    none=N_("No email address anywhere on the pages read."),
    none_aside=N_("No email address of the trader on the pages read."),
    form_only_aside=N_(
        "No email address of the trader on the pages read; only a contact form is offered, and a form does "
        "not replace an email address (CJEU C-298/07).",
    ),
    note_form=N_("contact form"),
    note_email=N_("email {email} ({method}, {region})"),
)


@register
class ContactEmail(Rule):
    meta = RuleMeta(
        id="contact-email",
        title=N_("An email address is given for direct contact"),
        failure_title=N_("No email address is given for direct contact"),
        partial_title=N_("An email address is given, but not where consumers look for it"),
        review_title=N_("Whether an email address of the trader is given could not be determined"),
        na_title=N_("An email address is not required here"),
        description=N_(
            "Consumers must be able to write to the trader directly. The law requires an email "
            "address; a contact form or a chat does not replace it."
        ),
        fix=N_(
            "Give an email address that consumers can write to directly, as text or a mailto link, on the "
            "contact page and in the footer; a contact form does not replace it."
        ),
        category=Category.CONTACT,
        severity=Severity.CRITICAL,
        requires=("emails", "forms", "pages", "coverage", "company_names", "org_numbers"),
        legal_refs=(legal.ECD_5_1, legal.CRD_6_1_C, legal.CJEU_C_298_07, *legal.NATIONAL_TRADER_INFO),
    )

    def evaluate(self, facts: FactView, ctx: AuditContext) -> Verdict:
        pages = Pages(facts.pages)
        home = facts.coverage.home_url

        def own_block(email: EmailFact) -> bool:
            if trader_block(email, facts.company_names, home, pages) is not None:
                return True
            # A block with the trader's registration number (a sole trader's name has no legal form).
            return pages.kind(email.url) != PageKind.PRIVACY and numbered_block(email, facts.org_numbers) is not None

        # A sentence naming another company does not take an address out of the trader's own
        # block ("Kompis Hem AB · … · Betalning via Klarna, frågor: kompishem@gmail.com"), unless
        # the address is at that company's own domain ("… · Website by Finch & Ferrule Studio ·
        # hello@finchandferrule.co.uk" in the footer beside the trader's company number).
        visible = [
            e for e in facts.emails if e.method != "structured_data"
            and (not e.third_party or (
                e.owner_reason in _BY_CONTEXT and not names_email_domain(e.owner, e.address) and own_block(e)
            ))
        ]
        prominent = [e for e in visible if is_prominent(e, pages)]
        if prominent:
            shown = first_of_each(prominent, _address)
            return passed(
                MESSAGES("found", emails=", ".join(e.address for e in shown[:3])),
                [_evidence(e, pages) for e in shown[:3]],
            )
        # Elsewhere on the site, an address counts in part when it is the shop's: at its own
        # domain, in a block naming the trader (a webmail address under the company name in the
        # terms), or named after the site ("kompishem@gmail.com" on kompishem.se).
        own_elsewhere = [
            e for e in visible
            if e.same_site or own_block(e) or names_the_site(e.address.split("@", 1)[0], home)
        ]
        if own_elsewhere:
            shown = first_of_each(own_elsewhere, _address)
            where = join(kind_name(kind) for kind in sorted({pages.kind(e.url).value for e in shown}))
            return partial(
                MESSAGES("elsewhere", email=shown[0].address, where=where),
                [_evidence(e, pages) for e in shown[:3]],
            )
        # Any other address (a partner's, a regulator's, or the trader's at another domain) is
        # not silently dropped: a person decides whose it is.
        foreign = first_of_each(visible, _address)
        if foreign:
            where = join(kind_name(kind) for kind in sorted({pages.kind(e.url).value for e in foreign}))
            return needs_review(
                MESSAGES("foreign", email=foreign[0].address, where=where),
                [_evidence(e, pages) for e in foreign[:3]],
            )
        doubt = absence_doubt(pages, facts.coverage, "email")
        structured = [e for e in facts.emails if e.method == "structured_data" and not e.third_party]
        if structured:
            return needs_review(
                MESSAGES("structured_only", email=structured[0].address),
                [_evidence(structured[0], pages)],
            )
        # Another company's or body's address where the trader's would stand, known only by the
        # words around it: the words may be read wrong, so a person decides (not when the
        # address's own domain is the named party's: then words and address agree).
        named = [
            e for e in facts.emails
            if e.owner_reason in _BY_CONTEXT and e.method != "structured_data" and is_prominent(e, pages)
            and not names_email_domain(e.owner, e.address)
        ]
        if named:
            return needs_review(
                MESSAGES("named_other", email=named[0].address, owner=named[0].owner),
                [_evidence(e, pages) for e in first_of_each(named, _address)[:3]],
            )
        # Every address left is someone else's: the message names them and why.
        note = set_aside_note([
            aside(e.address, e.url, why, pages)
            for e in first_of_each(facts.emails, _address) if (why := owner_reason(e)) is not None
        ])
        if doubt:
            return needs_review(
                with_note(MESSAGES("doubt_aside" if note else "doubt", doubt=doubt), note), pages.searched(5)
            )
        contact_forms = [f for f in facts.forms if f.looks_like_contact]
        if contact_forms:
            form = contact_forms[0]
            return failed(
                with_note(MESSAGES("form_only_aside" if note else "form_only"), note),
                [fact_evidence(form, pages, MESSAGES("note_form")),
                 *pages.searched(8)],
            )
        return failed(with_note(MESSAGES("none_aside" if note else "none"), note), pages.searched(10))


#: Owners known only by the words around an address (not by its domain).
_BY_CONTEXT = frozenset({"context", "role", "public_body"})


def _address(email: EmailFact) -> str:
    return email.address


def _evidence(email: EmailFact, pages: Pages) -> Evidence:
    note = MESSAGES("note_email", email=email.address, method=found_by(email.method),
                    region=region_name(email.region))
    return fact_evidence(email, pages, note, fallback=email.address)

