"""A contact form tells the consumer how to keep a copy of what was sent.

What it checks
    For every contact form (a form with a message field, or one whose fields a script draws on
    a contact page, or one embedded from a form service), whether the form or the text around
    it offers a copy of the message ("Skicka en kopia till mig", "Kopie an mich senden"), or at
    least a case number, an email confirmation that the message arrived, or a case thread kept
    in the consumer's account. Text shown only after sending counts, as the consumer sees it.
    A reply promise ("we answer within 24 hours") or an on-screen "thank you" keeps no copy.

Why it matters
    A complaint (reklamation) or a withdrawal must be made in time, and the consumer must be
    able to prove it. Art. 6(1)(c) Directive 2011/83/EU as amended by Directive (EU) 2019/2161
    lets a trader offer other means of online communication only where the consumer can keep
    the correspondence with its date and time on a durable medium (Art. 2(10)); Konsumentverket
    (2023) asks traders with a contact form to say whether and how the message can be saved.

Failing example      a form with name, email and message, and nothing about a copy or confirmation
Partial example      "You will get a ticket number by email" (a receipt without the message)
Passing example      a checkbox "Send me a copy of my message"
Needs review when    the form's fields are drawn by a script or embedded from a form service,
                     or no contact form was found but the contact page could not be read.
Not applicable when  the site has no contact form.
"""

from __future__ import annotations

from auditor.models import Category, Evidence, FormFact, RuleMeta, Severity
from auditor.registry import register
from auditor.rule import (
    AuditContext,
    FactView,
    Rule,
    Verdict,
    failed,
    needs_review,
    not_applicable,
    partial,
    passed,
)
from auditor.rules import legal
from auditor.rules.support import Pages, absence_doubt

_PARTIAL_TEXT = {
    "case_number": "a case or ticket number",
    "confirmation": "an email confirmation that the message arrived",
    "thread": "a case thread kept in the consumer's account",
}


@register
class FormReceipt(Rule):
    meta = RuleMeta(
        id="form-receipt",
        title="A contact form lets the consumer keep a copy of the message",
        failure_title="A contact form says nothing about a copy of the message",
        description=(
            "A consumer who complains or withdraws through a web form must be able to prove what was "
            "sent and when: the form should offer a copy of the message, or at least a confirmation."
        ),
        category=Category.CHANNELS,
        severity=Severity.MEDIUM,
        requires=("forms", "emails", "pages", "coverage"),
        legal_refs=(legal.CRD_6_1_C_KEEP, legal.CRD_2_10, legal.KOV_2023_EVIDENCE),
    )

    def evaluate(self, facts: FactView, ctx: AuditContext) -> Verdict:
        pages = Pages(facts.pages)
        forms = _unique([f for f in facts.forms if f.purpose == "contact"])
        if not forms:
            # A contact page hosted on another site is that site's page: its form is not audited
            # here, so it is no reason to doubt that this site has none.
            coverage = facts.coverage.model_copy(update={"offsite_contact_pages": []})
            doubt = absence_doubt(pages, coverage)
            if doubt:
                return needs_review(f"No contact form found, but {doubt}.", pages.searched(5))
            return not_applicable("The site offers no contact form on the pages read.")
        copies = [f for f in forms if f.receipt == "copy"]
        if copies:
            form = copies[0]
            offer = form.copy_option or form.receipt_excerpt
            return passed(
                f"The contact form at {form.url} offers a copy of the message: '{offer}'"
                + (" (shown after sending)." if form.receipt_hidden else "."),
                [_evidence(f, pages, "copy of the message offered") for f in copies[:3]],
            )
        receipts = [f for f in forms if f.receipt in _PARTIAL_TEXT]
        if receipts:
            form = receipts[0]
            return partial(
                f"The contact form at {form.url} promises {_PARTIAL_TEXT[form.receipt]} "
                f"('{form.receipt_excerpt}'{', shown after sending' if form.receipt_hidden else ''}), "
                "but no copy of the message itself.",
                [_evidence(f, pages, f"receipt: {_PARTIAL_TEXT[f.receipt]}") for f in receipts[:3]],
            )
        readable = [f for f in forms if not f.scripted and not _js_shell(f, pages)]
        if not readable:
            form = forms[0]
            source = f"embedded from {form.vendor}" if form.vendor else "drawn by a script"
            return needs_review(
                f"The contact form at {form.url} is {source}; whether it offers a copy of the message "
                "cannot be seen without a browser.",
                [_evidence(f, pages, f"contact form {source}") for f in forms[:3]],
            )
        form = readable[0]
        own_email = any(not e.third_party for e in facts.emails)
        only = "" if own_email else " It is the only written channel: no email address of the trader was found."
        return failed(
            f"The contact form at {form.url} says nothing about a copy of the message, a confirmation or a "
            "case number, so a consumer who writes through it cannot prove what was sent and when." + only,
            [_evidence(f, pages, "contact form without copy or confirmation") for f in readable[:3]],
        )


def _unique(forms: list[FormFact]) -> list[FormFact]:
    """One form per page and position: a site-wide form is judged once per page it is on."""
    seen: dict[tuple[str, str], FormFact] = {}
    for form in forms:
        seen.setdefault((form.url, form.locator), form)
    return list(seen.values())


def _js_shell(form: FormFact, pages: Pages) -> bool:
    page = pages.get(form.url)
    return bool(page and page.js_shell)


def _evidence(form: FormFact, pages: Pages, note: str) -> Evidence:
    fields = ", ".join(form.fields[:8]) or "no visible fields"
    if form.order_required:
        note += "; an order number is required, which blocks a question or complaint without one"
    if form.captcha:
        note += f"; guarded by {form.captcha}"
    if form.submission is not None:
        sent = form.submission
        note += f"; a test message was sent (CI mode) and {sent.final_url} showed: {sent.confirmation[:160]!r}"
        evidence = pages.evidence(form.url, locator=form.locator,
                                  excerpt=form.receipt_excerpt or sent.confirmation[:200], note=note)
        return evidence.model_copy(update={"screenshot": sent.screenshot}) if sent.screenshot else evidence
    return pages.evidence(
        form.url,
        locator=form.locator,
        excerpt=form.receipt_excerpt or form.copy_option or form.excerpt or f"form with {fields}",
        note=f"{note} (fields: {fields})",
    )
