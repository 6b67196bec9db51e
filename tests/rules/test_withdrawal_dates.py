"""The withdrawal function (CRD Art. 11a) is date-gated: it applies from 2026-06-19."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from auditor.engine import run_rules
from auditor.facts.site import gather_site
from auditor.models import Outcome, SiteFacts
from auditor.registry import get_rule
from auditor.rule import AuditContext
from tests.rules.harness import load_fixture

FIXTURES = Path(__file__).parent.parent / "fixtures" / "rules" / "withdrawal-function"


def _facts(name: str) -> SiteFacts:
    fixture = load_fixture(FIXTURES / name)
    return gather_site(fixture.crawl, fixture.jurisdiction)


def _outcome(facts: SiteFacts, as_of: date) -> Outcome:
    ctx = AuditContext(jurisdiction="se", as_of=as_of)
    [outcome] = run_rules(facts, ctx, [get_rule("withdrawal-function")])
    return outcome.outcome


@pytest.mark.parametrize("name", ["pass_sv_footer_button.html", "fail_sv_no_function.html"])
def test_not_applicable_before_19_june_2026(name: str) -> None:
    facts = _facts(name)
    assert _outcome(facts, date(2026, 6, 1)) == Outcome.NOT_APPLICABLE
    assert _outcome(facts, date(2026, 6, 18)) == Outcome.NOT_APPLICABLE


def test_applies_from_19_june_2026() -> None:
    assert _outcome(_facts("pass_sv_footer_button.html"), date(2026, 6, 19)) == Outcome.PASS
    assert _outcome(_facts("fail_sv_no_function.html"), date(2026, 6, 19)) == Outcome.FAIL


def test_the_message_names_the_date() -> None:
    ctx = AuditContext(jurisdiction="se", as_of=date(2026, 6, 1))
    [outcome] = run_rules(_facts("pass_sv_footer_button.html"), ctx, [get_rule("withdrawal-function")])
    assert "2026-06-19" in outcome.message
