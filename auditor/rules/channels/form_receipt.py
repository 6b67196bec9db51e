"""A contact form tells the consumer how to keep a copy of what was sent.

What it checks
    For every contact form (a form with a message field, or one whose fields a script draws on
    a contact page, or one embedded from a form service), whether the form or the text around
    it offers a copy of the message ("Skicka en kopia till mig", "Kopie an mich senden"), or at
    least a case number, an email confirmation that the message arrived, or a case thread kept
    in the consumer's account. Text shown only after sending counts, as the consumer sees it.
    A reply promise ("we answer within 24 hours") or an on-screen "thank you" keeps no copy.
    When the contact or customer-service page has a form, that form is the channel judged; a
    form elsewhere (a commission or order form with a message box) only when none has.

Why it matters
    A complaint (reklamation) or a withdrawal must be made in time, and the consumer must be
    able to prove it. Art. 6(1)(c) Directive 2011/83/EU as amended by Directive (EU) 2019/2161
    lets a trader offer other means of online communication only where the consumer can keep
    the correspondence with its date and time on a durable medium (Art. 2(10)); Konsumentverket
    (2023) asks traders with a contact form to say whether and how the message can be saved.

Failing example      a form with name, email and message, and nothing about a copy or confirmation
Partial example      "You will get a ticket number by email" (a receipt without the message); or
                     the contact page's form keeps nothing, but another form of the site (a
                     booking or request form) sends the sender a copy of the message
Passing example      a checkbox "Send me a copy of my message"
Needs review when    the form's fields are drawn by a script or embedded from a form service,
                     or no contact form was found but the contact page could not be read.
Not applicable when  the site has no contact form.
"""

from __future__ import annotations

from auditor.i18n import N_, Messages, Text
from auditor.models import Category, Evidence, FormFact, PageKind, RuleMeta, Severity
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
    register,
)
from auditor.rules import legal
from auditor.rules.support import Pages, absence_doubt, one_per_place

#: Every message of this rule, in English (translated in auditor/locale).
MESSAGES = Messages(
    receipt_case_number=N_("a case or ticket number"),
    receipt_confirmation=N_(
        "an email confirmation that the message arrived",
    ),
    receipt_thread=N_(
        "a case thread kept in the consumer's account",
    ),
    doubt=N_("No contact form found, but {doubt}."),
    no_form=N_(
        "The site offers no contact form on the pages read.",
    ),
    copy=N_(
        "The contact form at {url} offers a copy of the message: '{offer}'.",
    ),
    copy_after_sending=N_(
        "The contact form at {url} offers a copy of the message: '{offer}' (shown after sending).",
    ),
    note_copy=N_("copy of the message offered"),
    receipt=N_(
        "The contact form at {url} promises {what} ('{excerpt}'), but no copy of the message itself.",
    ),
    receipt_after_sending=N_(
        "The contact form at {url} promises {what} ('{excerpt}', shown after sending), but no copy of the "
        "message itself.",
    ),
    note_receipt=N_("receipt: {what}"),
    source_vendor=N_("embedded from {vendor}"),
    source_script=N_("drawn by a script"),
    scripted=N_(
        "The contact form at {url} is {source}; whether it offers a copy of the message cannot be seen "
        "without a browser.",
    ),
    note_scripted=N_("contact form {source}"),
    nothing=N_(
        "The contact form at {url} says nothing about a copy of the message, a confirmation or a case "
        "number, so a consumer who writes through it cannot prove what was sent and when.",
    ),
    elsewhere=N_(
        "The contact form at {url} says nothing about a copy of the message; another form of the site, "
        "at {other}, does: '{offer}'.",
    ),
    only_channel=N_(
        " It is the only written channel: no email address of the trader was found.",
    ),
    note_nothing=N_("contact form without copy or confirmation"),
    no_fields=N_("no visible fields"),
    note_order_required=N_(
        "; an order number is required, which blocks a question or complaint without one",
    ),
    note_captcha=N_("; guarded by {captcha}"),
    note_submitted=N_(
        "; a test message was sent (CI mode) and {url} showed: {confirmation!r}",
    ),
    note_fields=N_("{note} (fields: {fields})"),
    # Evidence.excerpt has no translations (it quotes the page): this stand-in stays in English.
    excerpt_fields=N_("form with {fields}"),
)

#: What a form promises short of a copy, by its ``receipt`` value.
_PARTIAL_TEXT = {
    "case_number": MESSAGES("receipt_case_number"),
    "confirmation": MESSAGES("receipt_confirmation"),
    "thread": MESSAGES("receipt_thread"),
}


@register
class FormReceipt(Rule):
    meta = RuleMeta(
        id="form-receipt",
        title=N_("A contact form lets the consumer keep a copy of the message"),
        failure_title=N_("A contact form says nothing about a copy of the message"),
        partial_title=N_("No copy from the contact form itself: only a receipt, or another form's copy"),
        review_title=N_("Whether a contact form offers a copy of the message could not be determined"),
        na_title=N_("No contact form was found on the pages read"),
        description=N_(
            "A consumer who complains or withdraws through a web form must be able to prove what was "
            "sent and when: the form should offer a copy of the message, or at least a confirmation."
        ),
        fix=N_(
            "Send the consumer a copy of each message sent through the form, with its date and time (a “Send "
            "me a copy” option or an automatic confirmation email containing the message), and say next to "
            "the form that they will receive it."
        ),
        category=Category.CHANNELS,
        severity=Severity.MEDIUM,
        requires=("forms", "emails", "pages", "coverage"),
        legal_refs=(legal.CRD_6_1_C_KEEP, legal.CRD_2_10, legal.KOV_2023_EVIDENCE),
    )

    def evaluate(self, facts: FactView, ctx: AuditContext) -> Verdict:
        pages = Pages(facts.pages)
        forms = one_per_place([f for f in facts.forms if f.purpose == "contact"])  # a site-wide form once a page
        if not forms:
            # A contact page hosted on another site is that site's page: its form is not audited
            # here, so it is no reason to doubt that this site has none.
            coverage = facts.coverage.model_copy(update={"offsite_contact_pages": []})
            doubt = absence_doubt(pages, coverage)
            if doubt:
                return needs_review(MESSAGES("doubt", doubt=doubt), pages.searched(5))
            return not_applicable(MESSAGES("no_form"))
        # The customer-service channel is the contact page's form: another page's form with a
        # message box (a commission or order form, a product question) confirms its own errand,
        # so it speaks for the site only when no contact page has a form.
        on_contact_page = [f for f in forms if _on_contact_page(f, pages)]
        everywhere = forms
        forms = on_contact_page or forms
        copies = [f for f in forms if f.receipt == "copy"]
        if copies:
            form = copies[0]
            offer = form.copy_option or form.receipt_excerpt
            return passed(
                MESSAGES("copy_after_sending" if form.receipt_hidden else "copy", url=form.url, offer=offer),
                [_evidence(f, pages, MESSAGES("note_copy")) for f in copies[:3]],
            )
        receipts = [f for f in forms if f.receipt in _PARTIAL_TEXT]
        if receipts:
            form = receipts[0]
            return partial(
                MESSAGES("receipt_after_sending" if form.receipt_hidden else "receipt", url=form.url,
                         what=_PARTIAL_TEXT[form.receipt], excerpt=form.receipt_excerpt),
                [_evidence(f, pages, MESSAGES("note_receipt", what=_PARTIAL_TEXT[f.receipt])) for f in receipts[:3]],
            )
        readable = [f for f in forms if not f.scripted and not _js_shell(f, pages)]
        if not readable:
            form = forms[0]
            source = MESSAGES("source_vendor", vendor=form.vendor) if form.vendor else MESSAGES("source_script")
            return needs_review(
                MESSAGES("scripted", url=form.url, source=source),
                [_evidence(f, pages, MESSAGES("note_scripted", source=source)) for f in forms[:3]],
            )
        form = readable[0]
        # Another form of the site (a booking or request form with a message box) that sends
        # the sender a copy of what they wrote: the site offers a way to keep a message, though
        # not through the contact page's form. Less than a pass, not a failure. (A confirmation
        # or a number from such a form confirms its own errand, an order or a booking: no copy.)
        elsewhere = [f for f in everywhere if f not in forms and f.receipt == "copy"]
        if elsewhere:
            other = elsewhere[0]
            return partial(
                MESSAGES("elsewhere", url=form.url, other=other.url,
                         offer=other.copy_option or other.receipt_excerpt),
                [_evidence(form, pages, MESSAGES("note_nothing")), _evidence(other, pages, MESSAGES("note_copy"))],
            )
        own_email = any(not e.third_party for e in facts.emails)
        message = MESSAGES("nothing", url=form.url)
        if not own_email:
            message += MESSAGES("only_channel")
        return failed(message, [_evidence(f, pages, MESSAGES("note_nothing")) for f in readable[:3]])


def _on_contact_page(form: FormFact, pages: Pages) -> bool:
    page = pages.get(form.url)
    return page is not None and page.kind in (PageKind.CONTACT, PageKind.CUSTOMER_SERVICE)


def _js_shell(form: FormFact, pages: Pages) -> bool:
    page = pages.get(form.url)
    return bool(page and page.js_shell)


def _evidence(form: FormFact, pages: Pages, note: Text) -> Evidence:
    fields: Text | str = ", ".join(form.fields[:8]) or MESSAGES("no_fields")
    if form.order_required:
        note += MESSAGES("note_order_required")
    if form.captcha:
        note += MESSAGES("note_captcha", captcha=form.captcha)
    if form.submission is not None:
        sent = form.submission
        note += MESSAGES("note_submitted", url=sent.final_url, confirmation=sent.confirmation[:160])
        evidence = pages.evidence(form.url, locator=form.locator,
                                  excerpt=form.receipt_excerpt or sent.confirmation[:200], note=note)
        return evidence.model_copy(update={"screenshot": sent.screenshot}) if sent.screenshot else evidence
    return pages.evidence(
        form.url,
        locator=form.locator,
        excerpt=(form.receipt_excerpt or form.copy_option or form.excerpt
                 or MESSAGES("excerpt_fields", fields=fields).en),
        note=MESSAGES("note_fields", note=note, fields=fields),
    )
