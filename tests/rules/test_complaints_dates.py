"""The legal-guarantee notice is date-gated: CRD Art. 22a applies from 27 September 2026.

The fixture harness audits as of 2026-11-24, so the gate itself is tested here: the same site
is audited before, on and after the date, and only the audit date changes the outcome.
"""

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

NOTICE = Path(__file__).parent.parent / "fixtures" / "rules" / "legal-guarantee-notice"


def _facts(name: str) -> SiteFacts:
    fixture = load_fixture(NOTICE / name)
    return gather_site(fixture.crawl, fixture.jurisdiction)


@pytest.mark.parametrize(
    ("fixture", "as_of", "expected"),
    [
        ("pass_sv_notice_block_on_product_page.html", date(2026, 6, 1), Outcome.NOT_APPLICABLE),
        ("pass_sv_notice_block_on_product_page.html", date(2026, 9, 26), Outcome.NOT_APPLICABLE),
        ("pass_sv_notice_block_on_product_page.html", date(2026, 9, 27), Outcome.PASS),
        ("review_da_no_notice_found.html", date(2026, 6, 1), Outcome.NOT_APPLICABLE),
        ("review_da_no_notice_found.html", date(2027, 1, 1), Outcome.NEEDS_REVIEW),
        ("fail_en_notice_states_one_year.html", date(2025, 12, 31), Outcome.NOT_APPLICABLE),
    ],
)
def test_notice_is_required_from_27_september_2026(fixture: str, as_of: date, expected: Outcome) -> None:
    facts = _facts(fixture)
    ctx = AuditContext(jurisdiction=facts.jurisdiction, as_of=as_of)
    [outcome] = run_rules(facts, ctx, [get_rule("legal-guarantee-notice")])
    assert outcome.outcome == expected, outcome.message


def test_se_before_the_date_is_not_applicable_with_the_date_in_the_message() -> None:
    facts = _facts("review_da_no_notice_found.html")
    ctx = AuditContext(jurisdiction="se", as_of=date(2026, 6, 1))
    [outcome] = run_rules(facts, ctx, [get_rule("legal-guarantee-notice")])
    assert outcome.outcome == Outcome.NOT_APPLICABLE
    assert "2026-09-27" in outcome.message and "2026-06-01" in outcome.message


def test_the_other_complaints_rules_do_not_depend_on_the_date() -> None:
    facts = _facts("pass_sv_notice_block_on_product_page.html")
    for as_of in (date(2026, 6, 1), date(2026, 11, 24)):
        ctx = AuditContext(jurisdiction="se", as_of=as_of)
        [outcome] = run_rules(facts, ctx, [get_rule("legal-guarantee-period")])
        assert outcome.outcome == Outcome.PASS, outcome.message
