"""Customer service states when it can be reached or how fast it answers.

What it checks
    Opening hours of customer service ("Mån–fre 9–17", "Åpningstider", "Åbningstider",
    "ma–pe klo 9–16", "Mo–Fr 9–17 Uhr", "Mon-Fri 9am-5pm", "dygnet runt") or a promised
    response time ("Vi svarar inom 24 timmar", "innerhalb von 48 Stunden", "within 2 working
    days") on any page read. "Öppet köp" (a return promise) is not opening hours, and a range
    followed by a unit ("1–3 vardagar") is a delivery time.

    * pass: hours or a response time are given (the evidence shows where);
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
from auditor.models import Category, Evidence, LegalRef, PassageFact, PassageTopic, RuleMeta, Severity
from auditor.registry import register
from auditor.rule import AuditContext, FactView, Rule, Verdict, failed, needs_review, passed
from auditor.rules import legal
from auditor.rules.support import SITE_WIDE, TRADER_PAGE_KINDS, Pages, absence_doubt

CJEU_C_649_17 = LegalRef(
    instrument="CJEU C-649/17 (Amazon EU)",
    provision="the means of communication offered must allow quick contact and efficient communication",
    url="https://curia.europa.eu/juris/liste.jsf?num=C-649/17",
)


@register
class ServiceHours(Rule):
    meta = RuleMeta(
        id="service-hours",
        title="Customer-service hours or response time are given",
        failure_title="No customer-service hours or response time",
        description=(
            "Consumers should know when customer service answers the phone, or how soon an email "
            "is answered, so they can reach the trader quickly."
        ),
        category=Category.CONTACT,
        severity=Severity.LOW,
        requires=("passages", "pages", "coverage"),
        legal_refs=(legal.KOV_2023, CJEU_C_649_17, legal.CRD_6_1_C),
    )

    def evaluate(self, facts: FactView, ctx: AuditContext) -> Verdict:
        pages = Pages(facts.pages)
        found = [p for p in facts.passages if p.topic == PassageTopic.SERVICE_HOURS]
        if found:
            # Contact pages and site-wide text first: that is where a consumer looks.
            found.sort(key=lambda p: (not _prominent(p, pages), "response_time" in p.flags))
            best = _unique(found)
            kinds = {"hours" if "response_time" not in p.flags else "response time" for p in best}
            what = " and ".join(sorted(kinds, reverse=True))
            return passed(
                f"Customer-service {what} given: {best[0].excerpt}",
                [_evidence(p, pages) for p in best[:3]],
            )
        doubt = absence_doubt(pages, facts.coverage)
        if doubt:
            return needs_review(f"No opening hours or response time found, but {doubt}.", pages.searched(5))
        contact = pages.of_kinds(lexicon.CONTACT_KINDS)
        if not contact:
            return needs_review(
                "No opening hours or response time found, and no contact or customer-service page was read "
                "where they would stand.",
                pages.searched(5),
            )
        return failed(
            f"Neither opening hours nor a response time on any of the pages read, including {contact[0].final_url}.",
            pages.searched(10),
        )


def _prominent(passage: PassageFact, pages: Pages) -> bool:
    return passage.region in SITE_WIDE or pages.kind(passage.url) in TRADER_PAGE_KINDS


def _unique(passages: list[PassageFact]) -> list[PassageFact]:
    seen: dict[tuple[str, str], PassageFact] = {}
    for passage in passages:
        seen.setdefault((passage.url, passage.locator), passage)
    return list(seen.values())


def _evidence(passage: PassageFact, pages: Pages) -> Evidence:
    if "response_time" in passage.flags and passage.amount is not None:
        unit = f"working {passage.unit}" if "working_days" in passage.flags else str(passage.unit)
        note = f"promised response time: {passage.amount:g} {unit}"
    elif "around_the_clock" in passage.flags and "hours" not in passage.flags:
        note = "customer service around the clock"
    else:
        note = "opening hours"
    return pages.evidence(passage.url, locator=passage.locator, excerpt=passage.excerpt, note=note)
