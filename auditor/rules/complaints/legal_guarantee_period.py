"""A period stated for complaints is not shorter than the law allows.

What it checks
    Every period the site states for complaints about faulty goods ("reklamera inom 3 år",
    "Reklamation inom 14 dagar", "Gewährleistungsfrist 2 Jahre", "30 days to complain") is
    compared with the jurisdiction's statutory minimum (profile parameter
    ``guarantee_min_months``: SE 36, NO 24, DK 24, DE 24; 0 in FI, which has no absolute
    limit). Ignored: a manufacturer's or extra commercial guarantee ("3 års garanti från
    tillverkaren"), the burden-of-proof period, and periods that belong to another topic
    ("14 dagars leveranstid", "vi svarar inom 5 dagar"). A period to notify after discovering
    the defect, or to report transport damage, is lawful from two months (SE, NO, DK); a
    shorter one goes to review, never to fail; so does a time to report a fault ("report
    faults within 14 days") unless it is counted from the delivery or the purchase. In Finland
    a stated fixed limit goes to review.

Why it matters
    Directive (EU) 2019/771 Art. 10 makes the seller liable for at least two years, and the
    national laws are mandatory in the consumer's favour (konsumentköplagen 3 years,
    forbrukerkjøpsloven § 27 2 or 5 years, købeloven § 83 2 years, BGB § 438 2 years). A term
    that shortens the period misleads consumers about their rights (UCPD Art. 7, CRD Art.
    6(1)(l)); the 2019 CPC sweep and Konsumentverket flag exactly this.

Failing example      "Reklamation inom 14 dagar" on a Swedish shop; "2 års reklamationsrätt" in SE
Passing example      "Du har rätt att reklamera en felaktig vara i upp till tre år."
Needs review when    no period is found and the site's complaints information could not be
                     read; a notice or transport-damage period under two months is stated; a
                     floor below the statutory period ("minst två år" in SE) is stated; a
                     short period for used goods or for long-lived goods (NO) is stated; a
                     fixed limit is stated in Finland.
"""

from __future__ import annotations

from auditor.i18n import N_, Messages, Text, country
from auditor.models import Category, LegalRef, PassageFact, PassageTopic, RuleMeta, Severity
from auditor.rule import AuditContext, FactView, Rule, Verdict, failed, needs_review, not_applicable, passed, register
from auditor.rules import legal
from auditor.rules.complaints.complaints_info import (
    CRD_6_1_L,
    NATIONAL_GUARANTEE,
    SGD_10,
    complaints_absence_doubt,
    counts,
    period_words,
    ranked,
    unique,
)
from auditor.rules.support import Pages, passage_evidence

UCPD_7 = LegalRef(
    instrument=legal.UCPD,
    provision=N_("Art. 6(1)(g) and Art. 7 (misleading about the consumer's rights)"),
    url="https://eur-lex.europa.eu/eli/dir/2005/29/oj",
)

#: Flags that make a period something other than the legal complaints period.
_NOT_LEGAL = frozenset({"commercial_guarantee", "presumption", "notice_period", "transport_damage"})
#: A notice period of two months is always in time (SGD Art. 12; SE, NO, DK).
_NOTICE_MIN_MONTHS = 2.0
#: DE: for used goods the period may be shortened to one year by agreement (§ 476(2) BGB).
_DE_USED_MONTHS = 12.0
#: Rounding slack: "730 dagar" or "104 weeks" is two years.
_SLACK = 0.5

#: Every message of this rule, in English (translated in auditor/locale).
MESSAGES = Messages(
    too_short=N_(
        "A complaints period of {period} is stated ('{excerpt}'); the law of {country} gives the consumer "
        "at least {minimum}.",
    ),
    doubtful=N_(
        "{what} is stated ('{excerpt}'); it may cut the consumer's rights short, which the wording alone "
        "does not settle: check it.",
    ),
    not_shorter=N_(
        "The complaints period stated ({period}) is not shorter than the statutory {minimum}.",
    ),
    no_fixed_limit=N_(
        "A complaints period of {period} is stated ('{excerpt}'); the law has no fixed limit (only a "
        "reasonable time after discovering the defect), so check whether it cuts off the consumer's rights.",
    ),
    without_limit=N_(
        "The right to complain is explained without a fixed cut-off, as the law (no absolute limit) requires.",
    ),
    none_stated=N_("No period for complaints is stated{commercial}."),
    none_found=N_(
        "No period for complaints was found{commercial}, but {doubt}.",
    ),
    commercial=N_(
        " (a commercial guarantee of {period} is mentioned, which is not the legal period)",
    ),
    # What makes a stated period doubtful, in the message and the evidence note.
    doubt_transport=N_(
        "a deadline of {period} to report transport damage (under two months)",
    ),
    doubt_notice=N_(
        "a notice period of {period} after discovering the defect (under two months)",
    ),
    doubt_used=N_(
        "a complaints period of {period} for used goods",
    ),
    doubt_long_lived=N_(
        "a complaints period of {period} for goods meant to last longer ({minimum} by law)",
    ),
    doubt_period=N_("a complaints period of {period}"),
    doubt_floor=N_("a complaints period of at least {period}, less than the statutory {minimum}"),
    # Evidence notes.
    note_too_short=N_(
        "stated complaints period {period}, shorter than {minimum}",
    ),
    note_stated=N_("stated complaints period {period}"),
    note_stated_period=N_("stated period {period}"),
    note_without_limit=N_(
        "complaints information without a fixed limit",
    ),
    # The statutory minimum.
    one_year=N_("{years} year"),
    years=N_("{years} years"),
    months=N_("{months:g} months"),
)


@register
class LegalGuaranteePeriod(Rule):
    meta = RuleMeta(
        id="legal-guarantee-period",
        title=N_("No complaints period shorter than the law is stated"),
        failure_title=N_("A complaints period shorter than the law is stated"),
        partial_title=N_("A complaints period is stated that partly falls short of the law"),
        review_title=N_("Whether a too-short complaints period is stated could not be determined"),
        na_title=N_("No complaints period is stated to compare with the law"),
        description=N_(
            "The statutory period to complain about faulty goods cannot be shortened. A shop "
            "that tells consumers they must complain within weeks misleads them about their rights."
        ),
        fix=N_(
            "Correct every complaints period shorter than the law allows (such as “complaints within 14 "
            "days”): state the statutory period of your country, and keep a commercial guarantee's period "
            "clearly apart from it."
        ),
        category=Category.COMPLAINTS,
        severity=Severity.HIGH,
        requires=("passages", "pages", "coverage"),
        legal_refs=(SGD_10, CRD_6_1_L, UCPD_7, *NATIONAL_GUARANTEE),
    )

    def evaluate(self, facts: FactView, ctx: AuditContext) -> Verdict:
        pages = Pages(facts.pages)
        stated = ranked(unique(
            p for p in facts.passages
            if p.topic == PassageTopic.GUARANTEE_PERIOD and p.in_months() is not None and counts(p, pages)
        ), pages)
        legal = [p for p in stated if not _NOT_LEGAL & set(p.flags)]
        notices = [
            p for p in stated
            if {"notice_period", "transport_damage"} & set(p.flags)
            and "commercial_guarantee" not in p.flags
            and _months(p) < _NOTICE_MIN_MONTHS - 0.01
        ]
        minimum = float(ctx.params.get("guarantee_min_months", 24) or 0)
        long_lived = float(ctx.params.get("guarantee_long_lived_months", 0) or 0)

        if minimum <= 0:
            return self._no_fixed_limit(facts, pages, legal, notices)

        short: list[PassageFact] = []
        doubtful: list[PassageFact] = []
        low_floors: list[PassageFact] = []
        for p in legal:
            months = _months(p)
            if "floor" in p.flags:
                # "minst två år": the least the right lasts never cuts it short; below the
                # statutory period, and with no full period stated beside it, it may still
                # mislead, which a person judges.
                if months < minimum - _SLACK:
                    low_floors.append(p)
            elif "used_goods" in p.flags and months < minimum - _SLACK:
                # Used goods: DE allows one year by agreement; elsewhere a person checks.
                if ctx.jurisdiction != "de":
                    doubtful.append(p)
                elif months < _DE_USED_MONTHS - _SLACK:
                    short.append(p)
            elif months < minimum - _SLACK:
                # Read from a heading or question ("Reklamationstid" – "30 dagar"): short enough
                # to fail only when the sentence says it all itself; else a person checks.
                (doubtful if "asked" in p.flags else short).append(p)
            elif long_lived and "long_lived" in p.flags and months < long_lived - _SLACK:
                doubtful.append(p)
        if short:
            p = short[0]
            return failed(
                MESSAGES("too_short", period=_period(p), excerpt=p.excerpt, country=country(ctx.jurisdiction),
                         minimum=_show_months(minimum)),
                [passage_evidence(s, pages, MESSAGES("note_too_short", period=_period(s),
                                                     minimum=_show_months(minimum))) for s in short[:3]],
            )
        if not any("floor" not in p.flags and p not in doubtful for p in legal):
            doubtful.extend(low_floors)
        legal = [p for p in legal if p not in low_floors]
        if doubtful or notices:
            listed = [*doubtful, *notices]
            p = listed[0]
            return needs_review(
                MESSAGES("doubtful", what=_upper_first(_doubt(p, long_lived, minimum)), excerpt=p.excerpt),
                [passage_evidence(s, pages, _doubt(s, long_lived, minimum)) for s in listed[:3]],
            )
        if legal:
            return passed(
                MESSAGES("not_shorter", period=_period(legal[0]), minimum=_show_months(minimum)),
                [passage_evidence(p, pages, MESSAGES("note_stated", period=_period(p))) for p in legal[:3]],
            )
        return self._none_stated(facts, pages, stated)

    def _no_fixed_limit(
        self, facts: FactView, pages: Pages, legal: list[PassageFact], notices: list[PassageFact]
    ) -> Verdict:
        """Finland: no absolute limit; a stated limit may cut rights short, a person decides. A
        floor ("vähintään kaksi vuotta") is no limit: it says the right lasts at least that long."""
        floors = [p for p in legal if "floor" in p.flags]
        legal = [p for p in legal if "floor" not in p.flags]
        if legal or notices:
            listed = [*legal, *notices]
            p = listed[0]
            return needs_review(
                MESSAGES("no_fixed_limit", period=_period(p), excerpt=p.excerpt),
                [passage_evidence(s, pages, MESSAGES("note_stated_period", period=_period(s))) for s in listed[:3]],
            )
        rights = ranked(unique(
            p for p in facts.passages if p.topic == PassageTopic.COMPLAINTS_RIGHT and counts(p, pages)
        ), pages)
        if rights or floors:
            return passed(
                MESSAGES("without_limit"),
                [passage_evidence(p, pages, MESSAGES("note_without_limit")) for p in [*rights, *floors][:3]],
            )
        return self._none_stated(facts, pages, [])

    def _none_stated(self, facts: FactView, pages: Pages, stated: list[PassageFact]) -> Verdict:
        commercial = [p for p in stated if "commercial_guarantee" in p.flags]
        note: Text | str = (
            MESSAGES("commercial", period=_period(commercial[0])) if commercial else ""
        )
        rights = [p for p in facts.passages if p.topic == PassageTopic.COMPLAINTS_RIGHT and counts(p, pages)]
        if rights or complaints_absence_doubt(pages, facts.coverage) is None:
            return not_applicable(MESSAGES("none_stated", commercial=note))
        doubt = complaints_absence_doubt(pages, facts.coverage)
        return needs_review(MESSAGES("none_found", commercial=note, doubt=doubt), pages.searched(5))


def _doubt(passage: PassageFact, long_lived: float, minimum: float) -> Text:
    """What makes a stated period doubtful, for the message and the evidence note."""
    period = _period(passage)
    if "floor" in passage.flags:
        return MESSAGES("doubt_floor", period=period, minimum=_show_months(minimum))
    if "transport_damage" in passage.flags:
        return MESSAGES("doubt_transport", period=period)
    if "notice_period" in passage.flags:
        return MESSAGES("doubt_notice", period=period)
    if "used_goods" in passage.flags:
        return MESSAGES("doubt_used", period=period)
    if "long_lived" in passage.flags:
        return MESSAGES("doubt_long_lived", period=period, minimum=_show_months(long_lived))
    return MESSAGES("doubt_period", period=period)


def _upper_first(text: Text) -> Text:
    """The words with a capital first letter, in every language (they open a sentence)."""
    return text.map(lambda words: words[:1].upper() + words[1:])


def _months(passage: PassageFact) -> float:
    return passage.in_months() or 0.0


def _period(passage: PassageFact) -> Text:
    return period_words(passage.amount, passage.unit)


def _show_months(months: float) -> Text:
    if months % 12 == 0:
        years = int(months // 12)
        return MESSAGES("one_year" if years == 1 else "years", years=years)
    return MESSAGES("months", months=months)
