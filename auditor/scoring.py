"""Scores: a weighted mean per category and overall, 0-100, and what the score rests on.

``pass`` counts 1, ``partial`` 0.5 and ``fail`` 0, each times the rule's weight. Outcomes that
decide nothing (``needs_review``, ``not_applicable``, ``error``) weigh 0 and are listed
instead, so an audit that could not see something is never scored as if it had failed. A
category with nothing decided has no score (``None``), not 0.

A score over a few rules hides what was not judged, so every audited site also gets its
:class:`~auditor.models.Coverage`: the rules per outcome, how many of the rules that apply were
decided, and the share of their weight. A site whose decided share is below
:data:`MIN_DECIDED_SHARE` is *incomplete*: its score is shown with that word and is never ranked
or put in a band. Why three quarters: the undecided rest could move the score by up to
``(1 - share) × 100`` points once a reader has judged it, and from a quarter on that is most of a
band's width (:data:`BANDS`), so two sites' order would say nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from auditor.models import (
    AuditResult,
    Category,
    CategoryScore,
    Coverage,
    Outcome,
    RuleOutcome,
    ScoreBand,
    SiteResult,
    SiteStatus,
)

VALUE: dict[Outcome, float] = {Outcome.PASS: 1.0, Outcome.PARTIAL: 0.5, Outcome.FAIL: 0.0}

#: Below this share of the applicable weight decided, a site's score is incomplete: not ranked.
MIN_DECIDED_SHARE = 0.75

#: Score bands, highest first: a score at or above the bound is in the band.
BANDS: tuple[tuple[float, ScoreBand], ...] = ((80.0, "high"), (50.0, "middle"), (0.0, "low"))


def weighted_score(outcomes: Sequence[RuleOutcome]) -> float | None:
    """0-100 over the outcomes that count, or None when none does."""
    counted = [o for o in outcomes if o.outcome in VALUE and o.weight > 0]
    total = sum(o.weight for o in counted)
    if total == 0:
        return None
    return round(100.0 * sum(o.weight * VALUE[o.outcome] for o in counted) / total, 1)


def category_scores(outcomes: Sequence[RuleOutcome]) -> list[CategoryScore]:
    """One score per category that has at least one rule, in the Category enum's order."""
    scores: list[CategoryScore] = []
    for category in Category:
        members = [o for o in outcomes if o.category == category]
        if not members:
            continue
        scores.append(
            CategoryScore(
                category=category,
                score=weighted_score(members),
                counted=sum(1 for o in members if o.outcome in VALUE and o.weight > 0),
                not_counted=[o.rule for o in members if o.outcome not in VALUE],
            )
        )
    return scores


def band(score: float | None) -> ScoreBand | None:
    """The band of a 0-100 score (:data:`BANDS`); None for no score."""
    if score is None:
        return None
    for bound, name in BANDS:
        if score >= bound:
            return name
    return BANDS[-1][1]


def coverage(outcomes: Sequence[RuleOutcome], min_share: float = MIN_DECIDED_SHARE) -> Coverage:
    """What the score over ``outcomes`` rests on, and whether it may be ranked."""
    counts = Counter(o.outcome for o in outcomes)
    applicable = [o for o in outcomes if o.outcome is not Outcome.NOT_APPLICABLE]
    decided = [o for o in applicable if o.outcome in VALUE]
    applicable_weight = sum(max(o.weight, 0.0) for o in applicable)
    decided_weight = sum(max(o.weight, 0.0) for o in decided)
    share = decided_weight / applicable_weight if applicable_weight > 0 else None
    incomplete = share is None or share < min_share
    return Coverage(
        outcomes={outcome: counts.get(outcome, 0) for outcome in Outcome},
        applicable=len(applicable),
        decided=len(decided),
        applicable_weight=round(applicable_weight, 4),
        decided_weight=round(decided_weight, 4),
        decided_share=None if share is None else round(share, 4),
        min_share=min_share,
        incomplete=incomplete,
        band=None if incomplete else band(weighted_score(outcomes)),
    )


def site_with_coverage(site: SiteResult) -> SiteResult:
    """``site`` with its coverage when it was audited and has none yet."""
    if site.coverage is not None or site.status is not SiteStatus.AUDITED:
        return site
    return site.model_copy(update={"coverage": coverage(site.rules)})


def with_coverage(result: AuditResult) -> AuditResult:
    """``result`` with the coverage of every audited site that has none (a result written before
    schema 1.7, or a site stored by an older run), so that its reports say what a score rests on."""
    sites = [site_with_coverage(site) for site in result.sites]
    if all(new is old for new, old in zip(sites, result.sites, strict=True)):
        return result
    return result.model_copy(update={"sites": sites})
