"""Scores: a weighted mean per category and overall, 0-100.

``pass`` counts 1, ``partial`` 0.5 and ``fail`` 0, each times the rule's weight. Outcomes that
decide nothing (``needs_review``, ``not_applicable``, ``error``) weigh 0 and are listed
instead, so an audit that could not see something is never scored as if it had failed. A
category with nothing decided has no score (``None``), not 0.
"""

from __future__ import annotations

from collections.abc import Sequence

from auditor.models import Category, CategoryScore, Outcome, RuleOutcome

VALUE: dict[Outcome, float] = {Outcome.PASS: 1.0, Outcome.PARTIAL: 0.5, Outcome.FAIL: 0.0}


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
