"""The shop states who pays the return shipping when the consumer withdraws.

What it checks
    A sentence saying that the consumer pays the return ("Kunden står för returfrakten", "Die
    unmittelbaren Kosten der Rücksendung trägt der Verbraucher", "Du betaler selv for
    returen", "Returfrakt: 59 kr") or that the shop does ("Fri retur", "Kostenlose
    Rücksendung", "Free returns"). Return costs of faulty goods (a complaint, not a
    withdrawal) do not count.

Why it matters
    CRD Art. 6(1)(i) asks the trader to inform, before the contract, that the consumer bears
    the cost of returning the goods on withdrawal; under Art. 14(1) a trader who did not say so
    bears that cost itself. Consumers need to know what a withdrawal will cost them.

Failing example      nothing about return shipping on a site whose terms and returns pages
                     were read
Passing example      "Vid utövande av ångerrätten står kunden för returfrakten."
Needs review when    the terms or returns page could not be read, needs JavaScript, or was not
                     found, or the crawl did not cover the site.
"""

from __future__ import annotations

from auditor.i18n import N_, Messages, Text
from auditor.models import Category, LegalRef, PassageFact, PassageTopic, RuleMeta, Severity
from auditor.rule import AuditContext, FactView, Rule, Verdict, failed, needs_review, passed, register
from auditor.rules import legal
from auditor.rules.support import Pages, one_per_place, passage_evidence
from auditor.rules.withdrawal.withdrawal_period import (
    NATIONAL_WITHDRAWAL,
    searched_for_withdrawal,
    withdrawal_absence_doubt,
)

CRD_6_1_I = LegalRef(
    instrument=legal.CRD,
    provision=N_("Art. 6(1)(i) (the consumer bears the cost of returning the goods) and Art. 14(1)"),
    url=legal.CRD_URL,
)
DE_BGB_357 = LegalRef(
    instrument=legal.DE_BGB_AND_EGBGB, provision="§ 357 BGB; Art. 246a § 1 Abs. 2 Satz 1 Nr. 2 EGBGB",
    jurisdiction="de",
)

#: Every message of this rule, in English (translated in auditor/locale).
MESSAGES = Messages(
    found=N_(
        "The shop states who pays the return shipping: {who}.",
    ),
    who_both=N_(
        "the consumer in some cases and the shop in others",
    ),
    who_consumer=N_("the consumer"),
    who_shop=N_("the shop (free returns)"),
    note_consumer=N_("return costs paid by the consumer"),
    note_trader=N_("return costs paid by the trader"),
    doubt=N_(
        "Nothing found on who pays the return shipping, but {doubt}.",
    ),
    none=N_(
        "No page read says who pays the return shipping on withdrawal (so by law the shop bears it).",
    ),
)


@register
class ReturnCosts(Rule):
    meta = RuleMeta(
        id="return-costs",
        title=N_("Who pays the return shipping is stated"),
        failure_title=N_("Who pays the return shipping is not stated"),
        partial_title=N_("Who pays the return shipping is stated only in part"),
        review_title=N_("Whether who pays the return shipping is stated could not be determined"),
        na_title=N_("Return costs need not be stated here"),
        description=N_(
            "Before buying, consumers must learn whether a withdrawal costs them the return shipping; "
            "if the shop does not say so, it bears the cost itself."
        ),
        fix=N_(
            "State who pays for sending goods back after a withdrawal; if the consumer pays, say so before "
            "the purchase, with an estimate of the cost for goods that cannot be returned by post."
        ),
        category=Category.WITHDRAWAL,
        severity=Severity.MEDIUM,
        requires=("passages", "pages", "coverage"),
        legal_refs=(CRD_6_1_I, *NATIONAL_WITHDRAWAL, DE_BGB_357),
    )

    def evaluate(self, facts: FactView, ctx: AuditContext) -> Verdict:
        pages = Pages(facts.pages)
        found = [
            p for p in facts.passages
            if p.topic == PassageTopic.RETURN_COSTS and ({"consumer", "trader"} & set(p.flags))
        ]
        if found:
            consumer = [p for p in found if "consumer" in p.flags]
            trader = [p for p in found if "trader" in p.flags]
            if consumer and trader:
                who = MESSAGES("who_both")
            elif consumer:
                who = MESSAGES("who_consumer")
            else:
                who = MESSAGES("who_shop")
            return passed(
                MESSAGES("found", who=who),
                [passage_evidence(p, pages, _payer_note(p)) for p in one_per_place(found)[:3]],
            )
        doubt = withdrawal_absence_doubt(pages, facts.coverage)
        if doubt:
            return needs_review(MESSAGES("doubt", doubt=doubt), pages.searched(5))
        return failed(MESSAGES("none"), searched_for_withdrawal(pages, facts.coverage))


def _payer_note(passage: PassageFact) -> Text:
    return MESSAGES("note_consumer" if "consumer" in passage.flags else "note_trader")
