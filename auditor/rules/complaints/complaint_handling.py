"""How and where to complain is described.

What it checks
    Sentences about complaints that name a channel (customer service, an email address, a
    complaints form, a postal address, a phone number, a chat) and sentences that describe the
    procedure (what to include, "Så reklamerar du", an answer time such as "vi svarar inom 3
    arbetsdagar" or "inom fem arbetsdagar", or a promise to answer "så snart som möjligt").
    A sentence counts when it is about complaints by its own words (a complaint, the right to
    complain, a fault of the goods: "Mängel können Sie telefonisch melden") or sits under a
    complaints heading or on a complaints page. The words are concepts matched over word
    stems (lexicon/concepts/complaint_channel.toml, complaint_answer.toml). Both a channel and a procedure: pass;
    one of them: partial. A sentence that sends the consumer to a public body (ARN, IMY) is
    dispute resolution, not the trader's complaint handling.

Why it matters
    Art. 6(1)(g) Directive 2011/83/EU asks for the trader's complaint-handling policy and Art.
    6(1)(d) for the address complaints go to, if different. Konsumentverket's checklist:
    "Ha tydlig information om hur konsumenter kan reklamera"; its 2023 mapping found unkept
    answer-time promises among the most common complaints about customer service.

Failing example      terms and contact pages read, and nothing says where or how to complain
Partial example      "Reklamationer skickas till reklamation@butik.se." with no procedure; or
                     steps ("ange ordernummer och beskriv felet") with no channel
Passing example      "Så reklamerar du" followed by "Skicka en beskrivning av felet till vår
                     kundtjänst på kundtjanst@butik.se. Vi svarar inom 3 arbetsdagar."
Needs review when    no terms, returns or complaints page was read, such a page could not be
                     read, or the crawl did not cover the site.
"""

from __future__ import annotations

from auditor.i18n import N_, Messages, Text, join
from auditor.models import Category, LegalRef, PassageFact, PassageTopic, RuleMeta, Severity
from auditor.rule import AuditContext, FactView, Rule, Verdict, failed, needs_review, partial, passed, register
from auditor.rules import legal
from auditor.rules.complaints.complaints_info import (
    NATIONAL_GUARANTEE,
    SE_KOV_REKLAMATION,
    complaints_absence_doubt,
    counts,
    period_words,
    ranked,
    unique,
)
from auditor.rules.support import TERMS_PAGE_KINDS, Pages, passage_evidence, searched_for_terms

CRD_6_1_G = LegalRef(
    instrument=legal.CRD,
    provision=N_("Art. 6(1)(g) (the trader's complaint-handling policy) and Art. 6(1)(d) (complaint address)"),
    url=legal.CRD_URL,
)

#: "As soon as possible" is a promise of when complaints are answered, without a period.
_STEPS = frozenset({"howto", "answer_time", "answer_asap"})
#: The channel flags a passage may carry, in the order a message names them.
_CHANNELS = ("email", "form", "phone", "address", "customer_service")

#: Every message of this rule, in English (translated in auditor/locale).
MESSAGES = Messages(
    described=N_(
        "Complaints go to {channel}, and the procedure is described{answer}.",
    ),
    channel_only=N_(
        "A channel for complaints is named ({channel}: '{excerpt}'), but not how complaints are handled "
        "(what to include, when the consumer gets an answer).",
    ),
    steps_only=N_(
        "The complaints procedure is described ('{excerpt}'){answer}, but no channel (email, form, postal "
        "address) for complaints is named with it.",
    ),
    doubt=N_(
        "No description of how to complain found, but {doubt}.",
    ),
    none_site=N_(
        "No page says where or how to complain about a purchase; the site has no terms, returns or complaints "
        "page: the crawl read every page, and no link leads to one.",
    ),
    none=N_(
        "No page read says where or how to complain about a purchase, although the terms or returns "
        "pages were read.",
    ),
    answer=N_("; an answer is promised within {period}"),
    answer_asap=N_("; an answer is promised as soon as possible"),
    # The channel a passage names, when it names no address.
    email=N_("email"),
    form=N_("form"),
    phone=N_("phone"),
    address=N_("address"),
    customer_service=N_("customer service"),
    named_channel=N_("a named channel"),
    # Evidence notes, joined by commas.
    note_channel=N_("complaint channel ({channel})"),
    note_procedure=N_("procedure"),
    note_answer_time=N_("answer time {period}"),
    note_answer_asap=N_("answer as soon as possible"),
)


@register
class ComplaintHandling(Rule):
    meta = RuleMeta(
        id="complaint-handling",
        title=N_("How and where to complain is described"),
        failure_title=N_("How and where to complain is not described"),
        partial_title=N_("Only where or only how to complain is described"),
        review_title=N_("Whether how and where to complain is described could not be determined"),
        na_title=N_("A description of how to complain is not required here"),
        description=N_(
            "Consumers need to know where to send a complaint and what happens next: the "
            "channel, what to include, and when they will get an answer."
        ),
        fix=N_(
            "Tell consumers how to complain: where to send a complaint (an email address, a form or a postal "
            "address), what it should contain and when you will answer, on a complaints or customer-service "
            "page linked from the footer."
        ),
        category=Category.COMPLAINTS,
        severity=Severity.MEDIUM,
        requires=("passages", "pages", "coverage"),
        legal_refs=(CRD_6_1_G, SE_KOV_REKLAMATION, *NATIONAL_GUARANTEE),
    )

    def evaluate(self, facts: FactView, ctx: AuditContext) -> Verdict:
        pages = Pages(facts.pages)
        procedure = ranked(unique(
            p for p in facts.passages if p.topic == PassageTopic.COMPLAINT_PROCEDURE and counts(p, pages)
        ), pages)
        channels = [p for p in procedure if "channel" in p.flags]
        steps = [p for p in procedure if _STEPS & set(p.flags)]
        if channels and steps:
            timed = [p for p in steps if {"answer_time", "answer_asap"} & set(p.flags)]
            chosen = unique([*channels[:2], *timed[:1], *steps[:2]])[:4]
            return passed(
                MESSAGES("described", channel=_channel(channels[0]), answer=_answer(steps)),
                [passage_evidence(p, pages, _note(p)) for p in chosen],
            )
        if channels:
            return partial(
                MESSAGES("channel_only", channel=_channel(channels[0]), excerpt=channels[0].excerpt),
                [passage_evidence(p, pages, _note(p)) for p in channels[:3]],
            )
        if steps:
            return partial(
                MESSAGES("steps_only", excerpt=steps[0].excerpt, answer=_answer(steps)),
                [passage_evidence(p, pages, _note(p)) for p in steps[:3]],
            )
        doubt = complaints_absence_doubt(pages, facts.coverage)
        if doubt:
            return needs_review(MESSAGES("doubt", doubt=doubt), pages.searched(5))
        none = "none" if pages.of_kinds(TERMS_PAGE_KINDS) else "none_site"
        return failed(MESSAGES(none), searched_for_terms(pages, facts.coverage))


def _channel(passage: PassageFact) -> Text | str:
    if passage.name:
        return passage.name
    kinds = [f for f in _CHANNELS if f in passage.flags]
    return MESSAGES(kinds[0] if kinds else "named_channel")


def _answer(steps: list[PassageFact]) -> Text | str:
    timed = [p for p in steps if "answer_time" in p.flags and p.amount is not None]
    if not timed:
        return MESSAGES("answer_asap") if any("answer_asap" in p.flags for p in steps) else ""
    p = timed[0]
    period = period_words(p.amount, p.unit, working="working_days" in p.flags)
    return MESSAGES("answer", period=period)


def _note(passage: PassageFact) -> Text:
    parts = []
    if "channel" in passage.flags:
        parts.append(MESSAGES("note_channel", channel=_channel(passage)))
    if "howto" in passage.flags:
        parts.append(MESSAGES("note_procedure"))
    if "answer_time" in passage.flags:
        parts.append(MESSAGES("note_answer_time", period=period_words(passage.amount, passage.unit,
                                                                    working="working_days" in passage.flags)))
    elif "answer_asap" in passage.flags:
        parts.append(MESSAGES("note_answer_asap"))
    return join(parts)
