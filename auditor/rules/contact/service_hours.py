"""Customer service states when it can be reached or how fast it answers.

What it checks
    Opening hours of customer service ("Mån–fre 9–17", "Åpningstider", "Åbningstider",
    "ma–pe klo 9–16", "Mo–Fr 9–17 Uhr", "Mon-Fri 9am-5pm", "dygnet runt" where customer
    service is named) or a promised response time ("Vi svarar inom 24 timmar", "ringer vi upp
    dig inom en timme", "innerhalb von 48 Stunden", "within 2 working days") on any page read.
    "Öppet köp" (a return promise) is not opening hours; neither is a range followed by a unit
    ("1–3 vardagar": a delivery time), by a month ("10–24 juli": dates) or by more digits
    ("08-12 34 56": a phone number), a closing time ("lunchstängt 12–13"), a delivery window,
    or a web shop "open around the clock". The consumer's own deadline ("Du måste svara inom 7
    dagar") and a condition ("if you have had no answer within 30 days") promise no response
    time.

    * pass: hours or a response time are given (the evidence shows where);
    * needs review: the only hours found are another place's (a café, a store, a warehouse);
    * fail: a contact or customer-service page was read and the crawl saw what it needed, and
      neither is given anywhere.

Why it matters
    Konsumentverket's 2023 checklist on customer service asks for channels that allow quick
    contact and efficient communication; slow or absent replies were the most common complaint
    in its mapping. CJEU C-649/17 (Amazon): the means offered must allow quick contact. Saying
    when the phone is answered, or how fast an email is, is best practice (severity LOW).

Failing example      a contact page with phone and email, no opening hours or response time
Passing example      "Kundtjänst: mån–fre 9–17" on the contact page; "Wir antworten innerhalb von 48 Stunden."
Needs review when    no contact or customer-service page was read, it could not be read or needs
                     JavaScript, or the crawl did not cover the site.
"""

from __future__ import annotations

from auditor import lexicon
from auditor.i18n import N_, Messages, Text
from auditor.models import Category, Evidence, LegalRef, PassageFact, PassageTopic, RuleMeta, Severity
from auditor.rule import AuditContext, FactView, Rule, Verdict, failed, needs_review, passed, register
from auditor.rules import legal
from auditor.rules.complaints.complaints_info import period_words
from auditor.rules.support import Pages, absence_doubt, is_prominent, one_per_place, passage_evidence

CJEU_C_649_17 = LegalRef(
    instrument=legal.CJEU_AMAZON,
    provision=N_("the means of communication offered must allow quick contact and efficient communication"),
    url="https://curia.europa.eu/juris/liste.jsf?num=C-649/17",
)

#: Every message of this rule, in English (translated in auditor/locale).
MESSAGES = Messages(
    found_hours=N_("Customer-service hours given: {excerpt}"),
    found_response=N_(
        "Customer-service response time given: {excerpt}",
    ),
    found_both=N_(
        "Customer-service response time and hours given: {excerpt}",
    ),
    doubt=N_(
        "No opening hours or response time found, but {doubt}.",
    ),
    other_place=N_(
        "No customer-service hours or response time found; the hours found are those of another "
        "place (a café, a store, a warehouse): {excerpt}. Whether customer service can be reached "
        "then needs a person.",
    ),
    no_contact_page=N_(
        "No opening hours or response time found, and no contact or customer-service page was read "
        "where they would stand.",
    ),
    none=N_(
        "Neither opening hours nor a response time on any of the pages read, including {url}.",
    ),
    note_around_the_clock=N_("customer service around the clock"),
    note_hours=N_("opening hours"),
    note_other_place=N_("hours of another place, not customer service"),
    note_response=N_("promised response time: {period}"),
)


@register
class ServiceHours(Rule):
    meta = RuleMeta(
        id="service-hours",
        title=N_("Customer-service hours or response time are given"),
        failure_title=N_("No customer-service hours or response time"),
        partial_title=N_("Customer-service hours or response time are given only in part"),
        review_title=N_("Whether service hours or a response time are given could not be determined"),
        na_title=N_("Customer-service hours are not required here"),
        description=N_(
            "Consumers should know when customer service answers the phone, or how soon an email "
            "is answered, so they can reach the trader quickly."
        ),
        fix=N_(
            "State when customer service can be reached (its opening hours) or how soon you answer messages, "
            "on the contact or customer-service page."
        ),
        category=Category.CONTACT,
        severity=Severity.LOW,
        requires=("passages", "pages", "coverage"),
        legal_refs=(legal.KOV_2023, CJEU_C_649_17, legal.CRD_6_1_C),
    )

    def evaluate(self, facts: FactView, ctx: AuditContext) -> Verdict:
        pages = Pages(facts.pages)
        passages = [p for p in facts.passages if p.topic == PassageTopic.SERVICE_HOURS]
        found = [p for p in passages if p.flags != ["other_place"]]
        others = [p for p in passages if p.flags == ["other_place"]]
        if found:
            # Contact pages and site-wide text first: that is where a consumer looks.
            found.sort(key=lambda p: (not is_prominent(p, pages), "response_time" in p.flags))
            best = one_per_place(found)
            kinds = {"hours" if "response_time" not in p.flags else "response" for p in best}
            key = "found_both" if len(kinds) == 2 else f"found_{kinds.pop()}"
            return passed(
                MESSAGES(key, excerpt=best[0].excerpt),
                [_evidence(p, pages) for p in best[:3]],
            )
        if others:  # set aside, never silently: another place's hours are not a failure to judge alone
            return needs_review(
                MESSAGES("other_place", excerpt=others[0].excerpt), [_evidence(p, pages) for p in others[:3]]
            )
        doubt = absence_doubt(pages, facts.coverage)
        if doubt:
            return needs_review(MESSAGES("doubt", doubt=doubt), pages.searched(5))
        contact = pages.of_kinds(lexicon.CONTACT_KINDS)
        if not contact:
            return needs_review(
                MESSAGES("no_contact_page"),
                pages.searched(5),
            )
        return failed(
            MESSAGES("none", url=contact[0].final_url),
            pages.searched(10),
        )


def _evidence(passage: PassageFact, pages: Pages) -> Evidence:
    note: Text
    if "response_time" in passage.flags and passage.amount is not None:
        # The period words the complaints rules use ("1 hour" / "1 timme").
        period = period_words(passage.amount, passage.unit, working="working_days" in passage.flags)
        note = MESSAGES("note_response", period=period)
    elif passage.flags == ["other_place"]:
        note = MESSAGES("note_other_place")
    elif "around_the_clock" in passage.flags and "hours" not in passage.flags:
        note = MESSAGES("note_around_the_clock")
    else:
        note = MESSAGES("note_hours")
    return passage_evidence(passage, pages, note)
