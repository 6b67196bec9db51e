"""Scores are weighted means that never count what could not be decided, and say what they rest on."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from auditor.models import AuditResult, Category, Outcome, RuleOutcome, Severity, SiteResult, SiteStatus, ToolInfo
from auditor.scoring import (
    BANDS,
    MIN_DECIDED_SHARE,
    band,
    category_scores,
    coverage,
    weighted_score,
    with_coverage,
)


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


# --------------------------------------------------------------------------- coverage and bands

_OUTCOMES = st.sampled_from(list(Outcome))
_WEIGHTS = st.sampled_from([0.0, 0.5, 1.0, 2.0, 3.0, 5.0])
_RULES = st.lists(st.tuples(_OUTCOMES, _WEIGHTS), max_size=30).map(
    lambda pairs: [outcome(f"r{i}", value, weight) for i, (value, weight) in enumerate(pairs)]
)


def test_the_demo_shop_with_eight_rules_in_review_is_incomplete() -> None:
    rules = ([outcome(f"p{i}", Outcome.PASS, 3) for i in range(8)]
             + [outcome(f"f{i}", Outcome.FAIL, 1) for i in range(3)]
             + [outcome(f"r{i}", Outcome.NEEDS_REVIEW, 3) for i in range(8)]
             + [outcome(f"n{i}", Outcome.NOT_APPLICABLE, 3) for i in range(2)])
    cov = coverage(rules)
    assert (cov.applicable, cov.decided, cov.outcomes[Outcome.NEEDS_REVIEW]) == (19, 11, 8)
    assert cov.decided_share is not None and cov.decided_share < MIN_DECIDED_SHARE
    assert cov.incomplete and cov.band is None


def test_a_fully_judged_site_is_ranked_in_its_band() -> None:
    cov = coverage([outcome("a", Outcome.PASS, 3), outcome("b", Outcome.FAIL, 1), outcome("c", Outcome.NOT_APPLICABLE)])
    assert cov.decided_share == 1.0 and not cov.incomplete and cov.band == "middle"  # 75.0


@pytest.mark.parametrize(("score", "expected"), [(100.0, "high"), (80.0, "high"), (79.9, "middle"), (50.0, "middle"),
                                                 (49.9, "low"), (0.0, "low"), (None, None)])
def test_bands(score: float | None, expected: str | None) -> None:
    assert band(score) == expected


def test_nothing_applies_is_incomplete_without_a_share() -> None:
    cov = coverage([outcome("a", Outcome.NOT_APPLICABLE)])
    assert cov.decided_share is None and cov.incomplete and cov.band is None and cov.applicable == 0


@given(_RULES)
def test_coverage_adds_up(rules: list[RuleOutcome]) -> None:
    cov = coverage(rules)
    assert sum(cov.outcomes.values()) == len(rules) and set(cov.outcomes) == set(Outcome)
    assert cov.applicable == len(rules) - cov.outcomes[Outcome.NOT_APPLICABLE]
    assert cov.decided == sum(cov.outcomes[o] for o in (Outcome.PASS, Outcome.PARTIAL, Outcome.FAIL))
    assert 0 <= cov.decided_weight <= cov.applicable_weight
    if cov.decided_share is not None:
        assert 0.0 <= cov.decided_share <= 1.0
    assert cov.incomplete == (cov.decided_share is None or cov.decided_share < MIN_DECIDED_SHARE)
    score = weighted_score(rules)
    assert cov.band == (None if cov.incomplete else band(score))
    if not cov.incomplete:
        assert score is not None and cov.band is not None
        assert score >= dict((name, bound) for bound, name in BANDS)[cov.band]


@given(_RULES, st.data())
def test_what_is_not_decided_moves_the_score_at_most_by_it(rules: list[RuleOutcome], data: st.DataObject) -> None:
    """The threshold's reason: once a reader judges the rules in review (or in error), the score
    moves by at most (1 - decided share) x 100 points."""
    cov = coverage(rules)
    before = weighted_score(rules)
    if before is None or cov.decided_share is None:
        return
    judged = [
        o.model_copy(update={"outcome": data.draw(st.sampled_from([Outcome.PASS, Outcome.PARTIAL, Outcome.FAIL]))})
        if o.outcome in (Outcome.NEEDS_REVIEW, Outcome.ERROR) else o
        for o in rules
    ]
    after = weighted_score(judged)
    assert after is not None
    assert abs(after - before) <= (1 - cov.decided_share) * 100 + 0.11  # both rounded to 0.1


@given(_RULES, _WEIGHTS.filter(lambda w: w > 0))
def test_a_rule_in_review_never_raises_the_decided_share(rules: list[RuleOutcome], weight: float) -> None:
    before = coverage(rules).decided_share
    after = coverage([*rules, outcome("extra", Outcome.NEEDS_REVIEW, weight)]).decided_share
    assert after is not None
    assert before is None or after <= before


def test_older_results_get_their_coverage_and_not_audited_sites_none() -> None:
    rules = [outcome("a", Outcome.PASS), outcome("b", Outcome.NEEDS_REVIEW)]
    audited = SiteResult(url="https://a.se/", status=SiteStatus.AUDITED, jurisdiction="se", score=100.0, rules=rules)
    skipped = SiteResult(url="https://b.se/", status=SiteStatus.NOT_AUDITED, jurisdiction="se")
    result = AuditResult(tool=ToolInfo(version="0"), generated_at=datetime(2026, 1, 1, tzinfo=UTC),
                         as_of=date(2026, 1, 1), sites=[audited, skipped])
    done = with_coverage(result)
    assert done.sites[0].coverage == coverage(rules) and done.sites[1].coverage is None
    assert with_coverage(done) is done
