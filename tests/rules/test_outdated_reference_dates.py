"""outdated-legal-reference is date-gated on the audit date and informative: a citation of the
TMG is correct until 13 May 2024 and outdated from 14 May 2024 (§ 5 DDG), and whatever it finds
never fails and never moves a score."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from auditor import scoring
from auditor.engine import run_rules
from auditor.facts.site import gather_site
from auditor.models import Outcome, RuleOutcome, SiteFacts
from auditor.registry import all_rules, get_rule
from auditor.rule import AuditContext
from tests.rules.harness import load_fixture

FIXTURES = Path(__file__).parent.parent / "fixtures" / "rules" / "outdated-legal-reference"
TMG = "na_de_tmg_imprint.html"
DDG = "pass_de_ddg_imprint.html"
SV_1990 = "na_sv_old_konsumentkoplag.html"


def _facts(name: str) -> SiteFacts:
    fixture = load_fixture(FIXTURES / name)
    return gather_site(fixture.crawl, fixture.jurisdiction)


def _run(facts: SiteFacts, as_of: date, jurisdiction: str = "de") -> RuleOutcome:
    [outcome] = run_rules(facts, AuditContext(jurisdiction=jurisdiction, as_of=as_of),
                          [get_rule("outdated-legal-reference")])
    return outcome


@pytest.mark.parametrize("as_of", [date(2024, 1, 10), date(2024, 5, 13)])
def test_citing_the_tmg_was_correct_before_14_may_2024(as_of: date) -> None:
    outcome = _run(_facts(TMG), as_of)
    assert outcome.outcome == Outcome.NOT_APPLICABLE
    assert not outcome.evidence
    assert "2024-05-14" in outcome.message


@pytest.mark.parametrize("as_of", [date(2024, 5, 14), date(2026, 11, 24)])
def test_citing_the_tmg_is_outdated_from_14_may_2024(as_of: date) -> None:
    outcome = _run(_facts(TMG), as_of)
    assert outcome.outcome == Outcome.NOT_APPLICABLE
    assert "Outdated legal reference" in outcome.message
    assert "Digitale-Dienste-Gesetz (DDG)" in outcome.message
    [evidence] = outcome.evidence
    assert evidence.url.endswith("/impressum")
    assert "§ 5 TMG" in evidence.excerpt
    assert "2024-05-14" in evidence.note
    assert [ref.jurisdiction for ref in outcome.legal_refs] == ["de"]


def test_the_ddg_passes_with_the_pages_read() -> None:
    outcome = _run(_facts(DDG), date(2026, 11, 24))
    assert outcome.outcome == Outcome.PASS
    assert {e.url.rsplit("/", 1)[-1] for e in outcome.evidence} == {"", "impressum"}


def test_the_swedish_act_of_1990_from_1_may_2022() -> None:
    facts = _facts(SV_1990)
    assert _run(facts, date(2022, 4, 30), "se").outcome == Outcome.NOT_APPLICABLE
    assert not _run(facts, date(2022, 4, 30), "se").evidence
    found = _run(facts, date(2022, 5, 1), "se")
    assert found.evidence and "konsumentköplagen (2022:260)" in found.message


def test_a_german_act_is_not_judged_under_another_jurisdictions_law() -> None:
    for jurisdiction in ("no", "dk", "fi", "eu"):
        outcome = _run(_facts(TMG), date(2026, 11, 24), jurisdiction)
        assert outcome.outcome == Outcome.NOT_APPLICABLE
        assert not outcome.evidence


def test_informative_it_weighs_nothing_and_never_fails() -> None:
    rule = get_rule("outdated-legal-reference")
    found = _run(_facts(TMG), date(2026, 11, 24))
    assert found.weight == 0
    others = run_rules(_facts(TMG), AuditContext(jurisdiction="de", as_of=date(2026, 11, 24)),
                       [r for r in all_rules() if r is not rule])
    assert scoring.weighted_score([*others, found]) == scoring.weighted_score(others)
    passing = _run(_facts(DDG), date(2026, 11, 24))
    assert scoring.weighted_score([*others, passing]) == scoring.weighted_score(others)
