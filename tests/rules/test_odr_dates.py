"""The ODR link is date-gated: required before 20 July 2025 (Regulation 524/2013 Art. 14), never
demanded from that day on (Regulation (EU) 2024/3228), when a remaining link is only reported."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from auditor.engine import run_rules
from auditor.facts.site import gather_site
from auditor.models import Outcome, RuleOutcome, SiteFacts
from auditor.registry import get_rule
from auditor.rule import AuditContext
from tests.rules.harness import load_fixture

FIXTURES = Path(__file__).parent.parent / "fixtures" / "rules" / "odr-link"
LINKED = "pass_de_link_before_closure.html"
MISSING = "fail_de_missing_before_closure.html"


def _facts(name: str) -> SiteFacts:
    fixture = load_fixture(FIXTURES / name)
    return gather_site(fixture.crawl, fixture.jurisdiction)


def _run(facts: SiteFacts, as_of: date, jurisdiction: str = "de") -> RuleOutcome:
    ctx = AuditContext(jurisdiction=jurisdiction, as_of=as_of)
    [outcome] = run_rules(facts, ctx, [get_rule("odr-link")])
    return outcome


@pytest.mark.parametrize("as_of", [date(2025, 1, 10), date(2025, 7, 19)])
def test_required_before_20_july_2025(as_of: date) -> None:
    assert _run(_facts(LINKED), as_of).outcome == Outcome.PASS
    assert _run(_facts(MISSING), as_of).outcome == Outcome.FAIL


@pytest.mark.parametrize("as_of", [date(2025, 7, 20), date(2026, 11, 24)])
def test_never_fails_from_20_july_2025(as_of: date) -> None:
    missing = _run(_facts(MISSING), as_of)
    assert missing.outcome == Outcome.NOT_APPLICABLE
    assert "20 July 2025" in missing.message
    assert not missing.evidence


def test_a_remaining_link_is_reported_as_outdated() -> None:
    linked = _run(_facts(LINKED), date(2025, 7, 20))
    assert linked.outcome == Outcome.NOT_APPLICABLE
    assert "the reference is outdated and should be removed" in linked.message
    assert linked.evidence and linked.evidence[0].url.endswith("/agb")
    assert "ec.europa.eu/consumers/odr" in linked.evidence[0].note


def test_norway_is_not_failed_while_eea_status_is_unverified() -> None:
    assert _run(_facts(MISSING), date(2025, 1, 10), "no").outcome == Outcome.NEEDS_REVIEW


def test_the_fixture_directive_sets_the_audit_date() -> None:
    assert load_fixture(FIXTURES / LINKED).as_of == date(2025, 1, 10)
    assert load_fixture(FIXTURES / "na_de_outdated_link.html").as_of == date(2026, 11, 24)
