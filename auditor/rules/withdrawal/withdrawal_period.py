"""The right of withdrawal and its 14-day period are stated.

What it checks
    A sentence naming the right of withdrawal (ångerrätt, angrerett, fortrydelsesret,
    peruuttamisoikeus, Widerrufsrecht, right of withdrawal) with the period stated next to it.
    The jurisdiction's period (``withdrawal_days``, 14) or longer passes; a shorter period is a
    fail. The right named without a period is partial. A commercial "öppet köp 30 dagar"
    counts only where the statutory right is named too; on its own it is not the right. A
    return right of exactly the law's period ("14 vrk palautusoikeus") not named as the right
    of withdrawal is partial: the shop's own words for the right, unclear rather than missing. A
    return period shorter than the law's ("7 dagars returrätt") is no extra beyond the right but
    the shop's own version of it: a fail that says it is too short.
    Numbers next to delivery, refund, extension or exchange words ("14 dagars leveranstid",
    "refund within 14 days", "bytesrätt 30 dagar") are not the withdrawal period. A shorter
    period read loosely (the right named in another clause, or a return word nearer to the
    number: "Ångrat dig? Skicka tillbaka varan inom 7 dagar") may be the time to send the goods
    back: it is never a fail on its own.

Why it matters
    CRD Art. 6(1)(h) asks for the conditions, time limit and procedure of the right of
    withdrawal before the contract, and Art. 9 sets the period at 14 days. In the CPC sweep of
    2019 about half the shops were unclear on the 14-day deadline. A period stated shorter than
    the law misleads consumers about their rights.

Failing example      "Ångerrätt gäller i 7 dagar från leverans."; or no word of the right on
                     a site whose terms and returns pages were read
Partial example      "Vi följer distansavtalslagens regler om ångerrätt." (no period)
Passing example      "Du har 14 dagars ångerrätt från den dag du tog emot varan."
Needs review when    the terms or returns page could not be read, needs JavaScript, or was not
                     found (also when the right is named only in a link or heading); or the site
                     states both a lawful and a shorter period; or the only shorter period is read
                     loosely; or no statement of the right was read but a sentence speaks of
                     returns ("Returer sker på kundens bekostnad"): not recognised, not absent.
"""

from __future__ import annotations

from auditor.i18n import N_, NC_, Messages, Text
from auditor.models import (
    Category,
    CrawlCoverage,
    Evidence,
    LegalRef,
    PageKind,
    PassageFact,
    PassageTopic,
    RuleMeta,
    Severity,
)
from auditor.rule import AuditContext, FactView, Rule, Verdict, failed, needs_review, partial, passed, register
from auditor.rules import legal
from auditor.rules.support import (
    TERMS_PAGE_KINDS,
    Pages,
    dead_link_evidence,
    one_per_place,
    passage_evidence,
    section_doubt,
)

CRD_6_1_H = LegalRef(
    instrument=legal.CRD,
    provision=N_("Art. 6(1)(h) (conditions, time limit and procedure of the right of withdrawal)"),
    url=legal.CRD_URL,
)
CRD_9 = LegalRef(instrument=legal.CRD, provision=N_("Art. 9 (14-day withdrawal period)"), url=legal.CRD_URL)
SE_DAL_2_10 = LegalRef(
    instrument=legal.SE_DAL_ACT,
    provision=N_("2 kap. 2 § (information) and 2 kap. 10 § (14-day withdrawal period)"),
    jurisdiction="se",
)
NO_ANGR = LegalRef(
    instrument=legal.NO_ANGRL,
    provision=N_("§ 8 (information) and the chapter on the right of withdrawal (14-day period)"),
    jurisdiction="no",
)
DK_FAL_18 = LegalRef(
    instrument=legal.DK_FAL,
    provision=N_("§ 8 and §§ 18 ff. (right of withdrawal)"),
    jurisdiction="dk",
)
FI_KSL_6 = LegalRef(
    instrument=legal.FI_KSL_ACT,
    provision=N_("6 luku 9 § (pre-contract information) and 6 luku (right of withdrawal, 14 days)"),
    jurisdiction="fi",
)
DE_BGB_355 = LegalRef(
    instrument=legal.DE_BGB_AND_EGBGB, provision="§§ 355, 356 BGB; Art. 246a § 1 Abs. 2 EGBGB", jurisdiction="de"
)

#: The national withdrawal provisions, cited by every withdrawal rule.
NATIONAL_WITHDRAWAL = (SE_DAL_2_10, NO_ANGR, DK_FAL_18, FI_KSL_6, DE_BGB_355)

#: Pages where a shop states its withdrawal terms.
WITHDRAWAL_PAGE_KINDS = frozenset({PageKind.TERMS, PageKind.RETURNS})

#: Every message of this rule (and of the withdrawal helpers below), in English (translated in auditor/locale).
MESSAGES = Messages(
    section=N_("terms or returns"),
    note_searched=N_("searched, not found here"),
    conflicting=N_(
        "The site states the right of withdrawal both with {lawful} and with {short}; check which "
        "applies (a shorter period for some goods may be unlawful).",
    ),
    note_lawful=N_("lawful period"),
    note_shorter=N_("shorter period"),
    stated=N_(
        "The right of withdrawal is stated with a period of {period}.",
    ),
    note_period=N_("withdrawal period {period}"),
    short=N_(
        "The right of withdrawal is stated with {period}, shorter than the {days:g} days the law gives.",
    ),
    note_short=N_(
        "withdrawal period {period}, shorter than {days:g} days",
    ),
    short_loose=N_(
        "A period of {period} stands near the right of withdrawal, shorter than the {days:g} days the law "
        "gives, but the sentence may mean another period (such as the time to send the goods back); check "
        "which period the site gives for the right of withdrawal.",
    ),
    note_loose=N_(
        "period {period} near the right of withdrawal, perhaps another period",
    ),
    open_covers=N_(
        "The right of withdrawal is named and the shop's open purchase ({period}) covers at least the "
        "{days:g} days of the law.",
    ),
    note_named=N_("right of withdrawal named"),
    note_open=N_("open purchase {period}"),
    label_only=N_(
        "The right of withdrawal is named only in a heading or link ('{excerpt}'), and its terms were "
        "not seen: {doubt}.",
    ),
    note_label=N_("right of withdrawal named in a label"),
    no_period=N_(
        "The right of withdrawal is named but its period of {days:g} days is not stated.",
    ),
    note_no_period=N_("right of withdrawal named without a period"),
    note_open_only=N_(
        "commercial open purchase, not the statutory right",
    ),
    open_doubt=N_(
        "Only a commercial open purchase is offered and the statutory right of withdrawal was not "
        "found, but {doubt}.",
    ),
    open_short=N_(
        "A return period of {period} is offered, shorter than the {days:g} days of the statutory right of "
        "withdrawal, which is not named on any page read: if it stands for that right, it is too short.",
    ),
    note_open_short=N_(
        "return period {period}, shorter than {days:g} days",
    ),
    open_as_law=N_(
        "A return right of {period} is stated, the period of the statutory right of withdrawal, but not "
        "named as that right: tell consumers it is their right of withdrawal, and how it works.",
    ),
    note_open_as_law=N_(
        "return right of {period}, the right of withdrawal not named",
    ),
    open_only=N_(
        "Only a commercial open purchase is offered; the statutory right of withdrawal and its "
        "{days:g}-day period are not named on any page read.",
    ),
    doubt=N_(
        "No statement of the right of withdrawal found, but {doubt}.",
    ),
    mention=N_(
        "No statement of the right of withdrawal could be read, but the site speaks of returns ('{excerpt}'): "
        "check whether it states the right and its period in words the tool does not know.",
    ),
    note_mention=N_("returns spoken of; no statement of the right read"),
    none_site=N_(
        "No page states the right of withdrawal; the site has no terms or returns page: the crawl read every "
        "page, and no link leads to one.",
    ),
    none=N_(
        "No statement of the right of withdrawal on any page read, terms and returns pages included.",
    ),
    # A stated period: "14 days" / "14 dagar"; Swedish has a singular ("1 dag").
    period=N_("{amount} {unit}"),
    unit_hours=N_("hours"),
    unit_days=N_("days"),
    unit_weeks=N_("weeks"),
    unit_months=N_("months"),
    unit_years=N_("years"),
    unit_hours_one=NC_("unit after the number 1", "hours"),
    unit_days_one=NC_("unit after the number 1", "days"),
    unit_working_days=N_("working days"),
    unit_working_days_one=NC_("unit after the number 1", "working days"),
    unit_weeks_one=NC_("unit after the number 1", "weeks"),
    unit_months_one=NC_("unit after the number 1", "months"),
    unit_years_one=NC_("unit after the number 1", "years"),
)


def withdrawal_absence_doubt(pages: Pages, coverage: CrawlCoverage) -> Text | None:
    """Why withdrawal information not found may still exist, or None when its absence is shown."""
    return section_doubt(pages, coverage, WITHDRAWAL_PAGE_KINDS, MESSAGES("section"))


def searched_for_withdrawal(pages: Pages, coverage: CrawlCoverage, limit: int = 10) -> list[Evidence]:
    """Evidence of absence: the site's dead links to its terms (when it has no terms page), terms
    and returns pages, then the other pages read."""
    first = [
        pages.evidence(p.final_url, excerpt=p.title, note=MESSAGES("note_searched"))
        for p in pages.of_kinds(WITHDRAWAL_PAGE_KINDS)
    ]
    seen = {e.url for e in first}
    rest = [e for e in pages.searched(limit) if e.url not in seen]
    return dead_link_evidence(pages, coverage) + (first + rest)[:limit]


@register
class WithdrawalPeriod(Rule):
    meta = RuleMeta(
        id="withdrawal-period",
        title=N_("The right of withdrawal is stated with a lawful period"),
        failure_title=N_("The right of withdrawal or its period is missing or too short"),
        partial_title=N_("The right of withdrawal is named, but not its period"),
        review_title=N_("Whether a lawful withdrawal period is stated could not be determined"),
        na_title=N_("The right of withdrawal does not apply here"),
        description=N_(
            "Consumers buying at a distance may withdraw within 14 days without giving a reason; "
            "the shop must say so, with the period, before the contract."
        ),
        fix=N_(
            "State the right of withdrawal, its period of at least 14 days and how to withdraw, in the terms "
            "or on the returns page; keep a longer commercial return offer (such as an “open purchase”) apart "
            "from it."
        ),
        category=Category.WITHDRAWAL,
        severity=Severity.CRITICAL,
        requires=("passages", "pages", "coverage"),
        legal_refs=(CRD_6_1_H, CRD_9, *NATIONAL_WITHDRAWAL),
    )

    def evaluate(self, facts: FactView, ctx: AuditContext) -> Verdict:
        pages = Pages(facts.pages)
        days = float(ctx.params.get("withdrawal_days", 14))
        found = [p for p in facts.passages if p.topic == PassageTopic.WITHDRAWAL_PERIOD]
        right = [p for p in found if "open_purchase" not in p.flags]
        opens = [p for p in found if "open_purchase" in p.flags]
        stated = [p for p in right if p.in_days() is not None]
        lawful = [p for p in stated if _calendar_days(p) >= days]
        # A shorter period read loosely may be another period: never a fail, nor a conflict; nor
        # is one in working days (a processing time beside the right is often counted so).
        loose = [p for p in stated if _calendar_days(p) < days and {"loose", "working"} & set(p.flags)]
        short = [p for p in stated if _calendar_days(p) < days and not {"loose", "working"} & set(p.flags)]
        if lawful and short:
            return needs_review(
                MESSAGES("conflicting", lawful=_period(lawful[0]), short=_period(short[0])),
                [passage_evidence(p, pages, MESSAGES("note_lawful")) for p in lawful[:2]]
                + [passage_evidence(p, pages, MESSAGES("note_shorter")) for p in short[:2]],
            )
        if lawful:
            return passed(
                MESSAGES("stated", period=_period(lawful[0])),
                [passage_evidence(p, pages, MESSAGES("note_period", period=_period(p)))
                 for p in one_per_place(lawful)[:3]],
            )
        if short:
            return failed(
                MESSAGES("short", period=_period(short[0]), days=days),
                [passage_evidence(p, pages, MESSAGES("note_short", period=_period(p), days=days))
                 for p in one_per_place(short)[:3]],
            )
        if loose:
            return needs_review(
                MESSAGES("short_loose", period=_period(loose[0]), days=days),
                [passage_evidence(p, pages, MESSAGES("note_loose", period=_period(p)))
                 for p in one_per_place(loose)[:3]],
            )
        named = bool(right) or any("right_named" in p.flags for p in opens)
        long_open = [p for p in opens if p.in_days() is not None and (p.in_days() or 0) >= days]
        if named and long_open:
            return passed(
                MESSAGES("open_covers", period=_period(long_open[0]), days=days),
                [passage_evidence(p, pages, MESSAGES("note_named")) for p in one_per_place(right)[:2]]
                + [passage_evidence(p, pages, MESSAGES("note_open", period=_period(p)))
                   for p in one_per_place(long_open)[:2]],
            )
        doubt = withdrawal_absence_doubt(pages, facts.coverage)
        if named and doubt and all("label" in p.flags for p in right):
            return needs_review(
                MESSAGES("label_only", excerpt=right[0].excerpt, doubt=doubt),
                [passage_evidence(p, pages, MESSAGES("note_label")) for p in one_per_place(right)[:3]],
            )
        if named:
            shown = (one_per_place([p for p in right if "label" not in p.flags]) or one_per_place(right)
                     or one_per_place(opens))
            return partial(
                MESSAGES("no_period", days=days),
                [passage_evidence(p, pages, MESSAGES("note_no_period")) for p in shown[:3]],
            )
        if opens:
            evidence = [passage_evidence(p, pages, MESSAGES("note_open_only")) for p in one_per_place(opens)[:3]]
            if doubt:
                return needs_review(MESSAGES("open_doubt", doubt=doubt), evidence)
            # A return period shorter than the law's is no extra beyond the right: the shop's own
            # (wrong) version of it ("7 dagars returrätt"), so it is read as the right stated short.
            short_open = one_per_place([p for p in opens if p.in_days() is not None and (p.in_days() or 0) < days])
            if short_open:
                return failed(
                    MESSAGES("open_short", period=_period(short_open[0]), days=days),
                    [passage_evidence(p, pages, MESSAGES("note_open_short", period=_period(p), days=days))
                     for p in short_open[:3]] + searched_for_withdrawal(pages, facts.coverage, 5),
                )
            # A return right of exactly the law's period ("14 vrk palautusoikeus") is most likely
            # the right of withdrawal in the shop's own words: unclear, not missing.
            as_law = one_per_place([p for p in opens if p.in_days() == days])
            if as_law:
                return partial(
                    MESSAGES("open_as_law", period=_period(as_law[0])),
                    [passage_evidence(p, pages, MESSAGES("note_open_as_law", period=_period(p))) for p in as_law[:3]],
                )
            return failed(
                MESSAGES("open_only", days=days),
                evidence + searched_for_withdrawal(pages, facts.coverage, 5),
            )
        if doubt:
            return needs_review(MESSAGES("doubt", doubt=doubt), pages.searched(5))
        # The site speaks of returns in words the tool read as no statement of the right: not
        # recognised is not absent.
        # (cancelling a booking for a refund is no other wording of the right)
        mentions = one_per_place([p for p in facts.passages if p.topic == PassageTopic.RETURNS_MENTION
                                  and "cancellation" not in p.flags and pages.kind(p.url) != PageKind.PRIVACY])
        if mentions:
            return needs_review(
                MESSAGES("mention", excerpt=mentions[0].excerpt),
                [passage_evidence(p, pages, MESSAGES("note_mention")) for p in mentions[:3]],
            )
        none = "none" if pages.of_kinds(TERMS_PAGE_KINDS) else "none_site"
        return failed(MESSAGES(none), searched_for_withdrawal(pages, facts.coverage))


def _calendar_days(passage: PassageFact) -> float:
    """The calendar days a stated period spans at the least: one in working days ("10
    arbetsdagar", "7 working days", the UK's rule before 2014) spans seven days for every five."""
    days = passage.in_days() or 0.0
    return days * 7 / 5 if "working" in passage.flags else days


def _period(passage: PassageFact) -> Text:
    """A stated period in words: "14 days" / "14 dagar"."""
    amount = f"{passage.amount:g}" if passage.amount is not None else "?"
    if passage.unit is None:
        return Text(amount)
    one = "_one" if passage.amount == 1 else ""
    unit = "working_days" if "working" in passage.flags and passage.unit == "days" else passage.unit
    return MESSAGES("period", amount=amount, unit=MESSAGES(f"unit_{unit}{one}"))
