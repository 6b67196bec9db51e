"""A consumer can reach a person, not only a chat bot.

What it checks
    When the site has a chat bot (a bot-first vendor, or a widget that presents a bot or virtual
    assistant when the browser opens it), that a human channel exists too: the trader's email
    address, a telephone number, or a contact form. A bot that hands over to a person counts
    in part.

Why it matters
    Art. 6(1)(c) Directive 2011/83/EU: the trader's telephone number and email address must be
    given so that the consumer can contact it quickly and communicate efficiently; a bot is no
    substitute (Konsumentverket 2023 found customer service hidden behind chat bots to be one of
    the main problems).

Failing example      the only way to write is a bot that answers from a script
Partial example      a bot that offers "Prata med en medarbetare", and no email, phone or form
Passing example      a bot on the home page and "kundtjanst@shop.se" on the contact page
Needs review when    the contact page could not be read, or the audit ran without a browser.
Not applicable when  the site has no chat bot.
"""

from __future__ import annotations

from auditor.i18n import N_, Messages, Text
from auditor.models import Category, ChatFact, Evidence, RuleMeta, Severity
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
from auditor.rules.support import Pages, absence_doubt

#: Every message of this rule, in English (translated in auditor/locale).
MESSAGES = Messages(
    not_looked=N_(
        "Chat bots load with JavaScript and were not looked for: {why}.",
    ),
    render_never=N_("the audit ran with --render never"),
    no_bot=N_(
        "No chat bot was found; the contact rules judge the other channels.",
    ),
    person=N_(
        "Besides the {vendor} chat bot, a person can be reached: {channel}.",
    ),
    doubt=N_(
        "A {vendor} chat bot is on the site and no other channel was found, but {doubt}.",
    ),
    handover=N_(
        "The only channel is the {vendor} chat bot; it offers a person ('{option}'), but there is no "
        "email address, telephone number or contact form.",
    ),
    bot_only=N_(
        "The only channel is the {vendor} chat bot: no email address, telephone number or contact form "
        "of the trader on any page read.",
    ),
    note_email=N_("email {email}"),
    note_phone=N_("telephone {number}"),
    note_form=N_("contact form"),
    note_bot=N_("{vendor} chat bot"),
    vendor_unrecognised=N_("unrecognised"),
)


@register
class ContactNotOnlyBot(Rule):
    meta = RuleMeta(
        id="contact-not-only-bot",
        title=N_("A person can be reached, not only a chat bot"),
        failure_title=N_("Only a chat bot can be reached"),
        partial_title=N_("A person can be reached only through the chat bot"),
        review_title=N_("Whether a person can be reached, not only a chat bot, could not be determined"),
        na_title=N_("No chat bot was found"),
        description=N_(
            "Consumers must be able to reach the trader itself: a chat bot does not replace an email "
            "address, a telephone number or a contact form."
        ),
        fix=N_(
            "Let consumers reach a person: give an email address, a telephone number or a contact form beside "
            "the chat bot, or a visible way in the chat to be handed over to a human agent."
        ),
        category=Category.CONTACT,
        severity=Severity.HIGH,
        requires=("chats", "emails", "phones", "forms", "pages", "coverage"),
        legal_refs=(legal.CRD_6_1_C, legal.KOV_2023),
    )

    def evaluate(self, facts: FactView, ctx: AuditContext) -> Verdict:
        pages = Pages(facts.pages)
        bots = [c for c in facts.chats if c.bot]
        no_browser = facts.coverage.render_mode == "never" or bool(facts.coverage.render_error)
        human = _human_channels(facts, pages)
        if not bots:
            if no_browser and not human:
                why = facts.coverage.render_error or MESSAGES("render_never")
                return needs_review(MESSAGES("not_looked", why=why))
            return not_applicable(MESSAGES("no_bot"))
        bot = bots[0]
        if human:
            return passed(
                MESSAGES("person", vendor=_vendor(bot.vendor), channel=_note(human[0])),
                human[:3],
            )
        handover = [b for b in bots if b.observed is not None and b.observed.human_option]
        bot_evidence = [_bot_evidence(b, pages) for b in (handover or bots)[:2]]
        doubt = absence_doubt(pages, facts.coverage)
        if doubt:
            return needs_review(MESSAGES("doubt", vendor=_vendor(bot.vendor), doubt=doubt), bot_evidence)
        if handover:
            observed = handover[0].observed
            assert observed is not None
            return partial(
                MESSAGES("handover", vendor=_vendor(bot.vendor), option=observed.human_option),
                bot_evidence,
            )
        return failed(
            MESSAGES("bot_only", vendor=_vendor(bot.vendor)),
            [*bot_evidence, *pages.searched(5)],
        )


def _human_channels(facts: FactView, pages: Pages) -> list[Evidence]:
    out: list[Evidence] = []
    for email in facts.emails:
        if not email.third_party and email.method != "structured_data":
            out.append(pages.evidence(email.url, locator=email.locator, excerpt=email.excerpt,
                                      note=MESSAGES("note_email", email=email.address)))
            break
    for phone in facts.phones:
        if phone.valid and not phone.third_party and phone.method != "structured_data":
            out.append(pages.evidence(phone.url, locator=phone.locator, excerpt=phone.excerpt,
                                      note=MESSAGES("note_phone", number=phone.raw)))
            break
    for form in facts.forms:
        if form.purpose == "contact":
            out.append(pages.evidence(form.url, locator=form.locator, excerpt=form.excerpt, note=MESSAGES("note_form")))
            break
    return out


def _vendor(name: str) -> Text | str:
    """A chat vendor's name; a widget whose vendor is unknown in words."""
    return MESSAGES("vendor_unrecognised") if name == "unrecognised" else name


def _note(evidence: Evidence) -> Text:
    """An evidence note in every language, to quote in a message."""
    return Text(evidence.note, **evidence.note_i18n)


def _bot_evidence(chat: ChatFact, pages: Pages) -> Evidence:
    observed = chat.observed
    excerpt = observed.text[:200] if observed is not None and observed.opened else chat.excerpt
    evidence = pages.evidence(chat.url, locator=chat.locator, excerpt=excerpt,
                              note=MESSAGES("note_bot", vendor=_vendor(chat.vendor)))
    if observed is not None and observed.screenshot:
        evidence = evidence.model_copy(update={"screenshot": observed.screenshot})
    return evidence
