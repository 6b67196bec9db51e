"""Scores are weighted means that never count what could not be decided."""

from __future__ import annotations

from auditor.models import Category, Outcome, RuleOutcome, Severity
from auditor.scoring import category_scores, weighted_score


def outcome(rule: str, value: Outcome, weight: float = 1.0, category: Category = Category.CONTACT) -> RuleOutcome:
    return RuleOutcome(rule=rule, title="t", outcome=value, message="m", category=category,
                       severity=Severity.HIGH, weight=weight)


def test_pass_partial_fail_weigh_one_half_zero() -> None:
    assert weighted_score([outcome("a", Outcome.PASS, 2), outcome("b", Outcome.PARTIAL, 2),
                           outcome("c", Outcome.FAIL, 4)]) == 37.5


def test_undecided_outcomes_weigh_nothing() -> None:
    scores = [outcome("a", Outcome.PASS), outcome("b", Outcome.NEEDS_REVIEW),
              outcome("c", Outcome.ERROR), outcome("d", Outcome.NOT_APPLICABLE)]
    assert weighted_score(scores) == 100.0
    [contact] = category_scores(scores)
    assert contact.counted == 1
    assert contact.not_counted == ["b", "c", "d"]


def test_nothing_decided_is_no_score_not_zero() -> None:
    assert weighted_score([outcome("a", Outcome.NEEDS_REVIEW)]) is None
    assert category_scores([outcome("a", Outcome.NEEDS_REVIEW)])[0].score is None


def test_categories_are_scored_separately() -> None:
    scores = category_scores([outcome("a", Outcome.PASS),
                              outcome("b", Outcome.FAIL, category=Category.COMPLAINTS)])
    assert [(s.category, s.score) for s in scores] == [(Category.CONTACT, 100.0), (Category.COMPLAINTS, 0.0)]
