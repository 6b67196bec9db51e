"""The harmonised EU notice on the legal guarantee of conformity is shown (from 27 Sep 2026).

What it checks
    From 27 September 2026 (the audit date decides, never the clock) a shop must show the
    harmonised notice on the legal guarantee of conformity. The tool looks for its label
    ("legal guarantee of conformity", "lagstadgad garanti", "gesetzliche Gewährleistung", ...)
    as a heading, a label or an image's alt text, and reads the block around it: a reference
    to EU law and the guarantee's duration. A sentence reminding that the legal guarantee
    applies beside a commercial one ("Garantin påverkar inte din reklamationsrätt") is a
    candidate too; one denying it ("säljs utan lagstadgad garanti") or replacing it with a
    commercial guarantee is not. Because the official wording per language (Annex
    of Implementing Regulation (EU) 2025/1960) is not confirmed, every match is a candidate:
    the rule passes only for a label with an EU reference and a duration of at least two
    years, and it never fails for a missing notice. It fails only when a notice with the EU
    label states a legal guarantee shorter than the EU floor of two years.

Why it matters
    Art. 22a Directive 2011/83/EU, inserted by Directive (EU) 2024/825, requires the harmonised
    notice so that consumers everywhere recognise their legal guarantee rights; its design and
    content are set by Implementing Regulation (EU) 2025/1960.

Failing example      a notice headed "Lagstadgad garanti" with an EU reference that says "1 år"
Passing example      "Lagstadgad garanti om överensstämmelse – minst 2 år enligt EU-rätten" as a
                     heading with the notice text on the product page
Needs review when    no notice is recognised, or a candidate is found whose wording cannot be
                     confirmed (no EU reference or no duration); in Norway the directive's EEA
                     incorporation is not confirmed.
"""

from __future__ import annotations

from datetime import date

from auditor.i18n import N_, Messages, Text, join
from auditor.models import Category, LegalRef, PassageFact, PassageTopic, RuleMeta, Severity
from auditor.rule import AuditContext, FactView, Rule, Verdict, failed, needs_review, not_applicable, passed, register
from auditor.rules import legal
from auditor.rules.complaints.complaints_info import period_words, ranked, unique
from auditor.rules.support import Pages, passage_evidence

#: CRD Art. 22a applies from this date (the application date set by Directive (EU) 2024/825).
NOTICE_FROM = date(2026, 9, 27)
#: Directive (EU) 2019/771 Art. 10: the legal guarantee lasts at least two years everywhere.
_EU_FLOOR_MONTHS = 24.0
_SLACK = 0.5

CRD_22A = LegalRef(
    instrument=legal.CRD,
    provision=N_("Art. 22a (harmonised notice), inserted by Directive (EU) 2024/825, applicable from 27 September "
                 "2026"),
    url="https://eur-lex.europa.eu/eli/dir/2024/825/oj",
)
IR_2025_1960 = LegalRef(
    instrument=legal.HARMONISED_NOTICE,
    provision=N_("Annex: design and content of the harmonised notice on the legal guarantee of conformity"),
    url="https://eur-lex.europa.eu/eli/reg_impl/2025/1960/oj",
)
SGD_10 = LegalRef(
    instrument=legal.SGD,
    provision=N_("Art. 10 (liability for at least two years)"),
    url="https://eur-lex.europa.eu/eli/dir/2019/771/oj",
)

#: Every message of this rule, in English (translated in auditor/locale).
MESSAGES = Messages(
    not_yet=N_(
        "The harmonised legal-guarantee notice is required from {start} (CRD Art. 22a); the audit date "
        "is {as_of}.",
    ),
    too_short=N_(
        "A legal-guarantee notice states {period} ('{excerpt}'); the legal guarantee lasts at least two "
        "years everywhere in the EU.",
    ),
    shown=N_(
        "A legal-guarantee notice with an EU reference and a duration of at least two years is shown "
        "('{excerpt}').",
    ),
    candidate=N_(
        "A possible legal-guarantee notice was found ('{excerpt}'), but its wording cannot be confirmed "
        "against Implementing Regulation (EU) 2025/1960.{eea}",
    ),
    none=N_(
        "No harmonised legal-guarantee notice was recognised. Its official wording per language is not "
        "confirmed, so a missing match is not reported as a failure; check the product and checkout "
        "pages.{eea}",
    ),
    # Added to the review messages for Norway.
    eea=N_(
        " Directive (EU) 2024/825 is not confirmed as incorporated in the EEA Agreement, so the duty "
        "itself is uncertain in Norway.",
    ),
    # Evidence notes: a candidate, with what the gatherer saw around its label.
    note_short=N_(
        "legal-guarantee notice with a duration under two years",
    ),
    note_candidate=N_("notice candidate"),
    note_candidate_flags=N_("notice candidate ({flags})"),
    flag_heading=N_("heading"),
    flag_image=N_("image"),
    flag_eu=N_("eu"),
    flag_minimum=N_("minimum"),
    flag_duration=N_("duration"),
    flag_commercial=N_("commercial"),
)


@register
class LegalGuaranteeNotice(Rule):
    meta = RuleMeta(
        id="legal-guarantee-notice",
        title=N_("A legal-guarantee notice with an EU reference is shown"),
        failure_title=N_("The legal-guarantee notice misstates the guarantee"),
        partial_title=N_("A legal-guarantee notice is shown, but incomplete"),
        review_title=N_("Whether the legal-guarantee notice is shown could not be determined"),
        na_title=N_("The harmonised legal-guarantee notice is not required yet"),
        description=N_(
            "From 27 September 2026 shops show an EU-wide harmonised notice telling consumers "
            "that they have a legal guarantee of conformity of at least two years."
        ),
        fix=N_(
            "Show the harmonised notice on the legal guarantee of conformity (Implementing Regulation (EU) "
            "2025/1960), with its reference to EU law and the guarantee's duration, and remove any wording "
            "that denies or limits the legal guarantee."
        ),
        category=Category.COMPLAINTS,
        severity=Severity.MEDIUM,
        requires=("passages", "pages"),
        legal_refs=(CRD_22A, IR_2025_1960, SGD_10),
    )

    def evaluate(self, facts: FactView, ctx: AuditContext) -> Verdict:
        if ctx.as_of < NOTICE_FROM:
            return not_applicable(MESSAGES("not_yet", start=NOTICE_FROM.isoformat(), as_of=ctx.as_of.isoformat()))
        pages = Pages(facts.pages)
        found = ranked(unique(p for p in facts.passages if p.topic == PassageTopic.GUARANTEE_NOTICE), pages)
        labelled = [p for p in found if {"heading", "image"} & set(p.flags) and "commercial" not in p.flags]
        eu_notices = [p for p in labelled if "eu" in p.flags and "duration" in p.flags]
        wrong = [p for p in eu_notices if (p.in_months() or 0.0) < _EU_FLOOR_MONTHS - _SLACK]
        if wrong:
            p = wrong[0]
            return failed(
                MESSAGES("too_short", period=period_words(p.amount, p.unit), excerpt=p.excerpt),
                [passage_evidence(w, pages, MESSAGES("note_short")) for w in wrong[:3]],
            )
        eea: Text | str = MESSAGES("eea") if ctx.jurisdiction == "no" else ""
        if eu_notices:
            p = eu_notices[0]
            return passed(
                MESSAGES("shown", excerpt=p.excerpt),
                [passage_evidence(n, pages, _note(n)) for n in eu_notices[:3]],
            )
        if found:
            return needs_review(
                MESSAGES("candidate", excerpt=found[0].excerpt, eea=eea),
                [passage_evidence(p, pages, _note(p)) for p in found[:3]],
            )
        return needs_review(MESSAGES("none", eea=eea), pages.searched(5))


def _note(passage: PassageFact) -> Text:
    shown = [f for f in passage.flags if f != "candidate"]
    if not shown:
        return MESSAGES("note_candidate")
    flags = join(MESSAGES(f"flag_{f}") if f"flag_{f}" in MESSAGES.entries else f for f in shown)
    return MESSAGES("note_candidate_flags", flags=flags)
