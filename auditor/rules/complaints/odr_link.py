"""A link to the EU online dispute resolution (ODR) platform, while the platform existed.

What it checks
    Date-gated on the audit date (``as_of``), never the clock:

    * before 20 July 2025: a link to ``ec.europa.eu/consumers/odr`` (or its address written
      out) passes; the platform named without a link is partial; no reference fails when
      the terms were read and the crawl saw the contact pages;
    * on or after 20 July 2025 the rule never fails: Regulation (EU) 524/2013 was repealed by
      Regulation (EU) 2024/3228 and the platform closed. Without a reference the rule is not
      applicable; a reference still on the site is reported, as not applicable, as an
      outdated reference to the closed platform, with the link as evidence (informative).

Why it matters
    Art. 14(1) Regulation (EU) 524/2013 obliged online traders in the EU to link to the ODR
    platform and give an email address. The obligation ended on 20 July 2025 (Regulation (EU)
    2024/3228); a link left on the site now points consumers to a dead service (some German
    commentators see a risk under § 5 UWG).

Failing example      (audit before 20 July 2025) terms read, no link to the ODR platform
Partial example      (before 20 July 2025) "OS-Plattform der EU" named without a link
Passing example      (before 20 July 2025) <a href="https://ec.europa.eu/consumers/odr">OS-Plattform</a>
Needs review when    before 20 July 2025, nothing was found but the terms were not read or the
                     contact pages could not be read; or the shop is Norwegian, where the EEA
                     status of the regulation is unverified.
"""

from __future__ import annotations

from datetime import date

from auditor.i18n import N_, Messages, Text, country
from auditor.models import (
    Category,
    Evidence,
    LegalRef,
    Outcome,
    PassageFact,
    PassageTopic,
    RuleMeta,
    Severity,
)
from auditor.rule import AuditContext, FactView, Rule, Verdict, failed, needs_review, partial, passed, register
from auditor.rules import legal
from auditor.rules.complaints.complaints_info import complaints_absence_doubt
from auditor.rules.support import TERMS_PAGE_KINDS, Pages, one_per_place, passage_evidence, searched_for_terms

ODR_REG_14 = LegalRef(
    instrument=legal.ODR,
    provision=N_("Art. 14(1): electronic link to the ODR platform on the trader's web site (until 19 July 2025)"),
    url="https://eur-lex.europa.eu/eli/reg/2013/524/oj",
)
REG_2024_3228 = LegalRef(
    instrument=legal.ODR_REPEAL,
    provision=N_("repeal of Regulation (EU) No 524/2013 with effect from 20 July 2025"),
    url="https://eur-lex.europa.eu/eli/reg/2024/3228/oj",
)
DE_UWG_5 = LegalRef(
    instrument="Gesetz gegen den unlauteren Wettbewerb (UWG)",
    provision=N_("§ 5: a link to the closed platform may mislead (commentators' view)"),
    jurisdiction="de",
)

#: The ODR platform closed and Regulation 524/2013 was repealed on this day.
ODR_CLOSED = date(2025, 7, 20)
#: Pages whose reading makes the absence of the link established.
#: EEA incorporation of Regulation 524/2013 is unverified for these jurisdictions.
_UNVERIFIED = frozenset({"no"})

#: Every message of this rule, in English (translated in auditor/locale).
MESSAGES = Messages(
    closed_outdated=N_(
        "The site still refers to the EU's ODR platform, which closed on 20 July 2025 (Regulation (EU) "
        "2024/3228); the reference is outdated and should be removed.",
    ),
    closed=N_(
        "The ODR platform closed on 20 July 2025 (Regulation (EU) 2024/3228); no link is required.",
    ),
    linked=N_("The ODR platform is linked ({url})."),
    mentioned=N_(
        "The ODR platform is named, but not linked; Art. 14 of Regulation 524/2013 asks for a link.",
    ),
    eea=N_(
        "No link to the ODR platform; whether Regulation 524/2013 applied in {country}, an EEA state, "
        "is unverified.",
    ),
    doubt=N_(
        "No link to the ODR platform found, but {doubt}.",
    ),
    none=N_(
        "No link to the ODR platform on any of the pages read, including {url}.",
    ),
    none_no_terms=N_(
        "No link to the ODR platform on any of the pages read; the site has no terms page: the crawl read "
        "every page, and no link leads to one.",
    ),
    # Evidence notes; a link's address follows in parentheses.
    note_outdated=N_(
        "outdated reference to the closed ODR platform",
    ),
    note_link=N_("link to the ODR platform"),
    note_mention=N_("ODR platform named without a link"),
    note_target=N_("{note} ({target})"),
)


@register
class OdrLink(Rule):
    meta = RuleMeta(
        id="odr-link",
        title=N_("The ODR platform is linked"),
        failure_title=N_("No link to the ODR platform"),
        partial_title=N_("The ODR platform is named, but not linked"),
        review_title=N_("Whether the ODR-link requirement is met could not be determined"),
        na_title=N_("The ODR platform has closed; no link is required"),
        description=N_(
            "Until 20 July 2025 EU online traders had to link to the EU's online dispute resolution "
            "platform. The platform has closed since; a link left on the site is outdated."
        ),
        fix=N_(
            "Until 20 July 2025 the site had to link the EU online dispute resolution platform "
            "(ec.europa.eu/consumers/odr), as Regulation (EU) No 524/2013 required; the platform has since "
            "closed, so remove such links now."
        ),
        category=Category.COMPLAINTS,
        severity=Severity.LOW,
        requires=("passages", "pages", "coverage"),
        legal_refs=(ODR_REG_14, REG_2024_3228, DE_UWG_5),
    )

    def evaluate(self, facts: FactView, ctx: AuditContext) -> Verdict:
        pages = Pages(facts.pages)
        found = [p for p in facts.passages if p.topic == PassageTopic.ODR_LINK]
        linked = one_per_place([p for p in found if "link" in p.flags or "web_address" in p.flags])
        mentioned = one_per_place([p for p in found if "mention" in p.flags])
        if ctx.as_of >= ODR_CLOSED:
            shown = linked or mentioned
            if shown:
                return Verdict(
                    Outcome.NOT_APPLICABLE,
                    MESSAGES("closed_outdated"),
                    tuple(_evidence(p, pages, MESSAGES("note_outdated")) for p in shown[:3]),
                )
            return Verdict(Outcome.NOT_APPLICABLE, MESSAGES("closed"))
        if linked:
            return passed(
                MESSAGES("linked", url=linked[0].target),
                [_evidence(p, pages, MESSAGES("note_link")) for p in linked[:3]],
            )
        if mentioned:
            return partial(
                MESSAGES("mentioned"),
                [_evidence(p, pages, MESSAGES("note_mention")) for p in mentioned[:3]],
            )
        if ctx.jurisdiction in _UNVERIFIED:
            return needs_review(MESSAGES("eea", country=country(ctx.jurisdiction)), pages.searched(5))
        doubt = complaints_absence_doubt(pages, facts.coverage)
        if doubt:
            return needs_review(MESSAGES("doubt", doubt=doubt), pages.searched(5))
        terms = pages.of_kinds(TERMS_PAGE_KINDS)
        evidence = searched_for_terms(pages, facts.coverage)
        if not terms:  # no terms page, and the site's links to its terms lead nowhere
            return failed(MESSAGES("none_no_terms"), evidence)
        return failed(MESSAGES("none", url=terms[0].final_url), evidence)


def _evidence(passage: PassageFact, pages: Pages, note: Text) -> Evidence:
    if passage.target:
        note = MESSAGES("note_target", note=note, target=passage.target)
    return passage_evidence(passage, pages, note)
