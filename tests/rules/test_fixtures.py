"""Every rule fixture: the outcome its file name states, and its annotated elements.

``tests/fixtures/rules/<rule-id>/<outcome>_<what>.html`` with outcome one of pass, partial,
fail, review (needs_review), na (not_applicable). The fixture is crawled offline by the
harness, its facts come from the same gatherers the spider's pages go through, and only the
rule named by the folder runs.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.engine import run_rules
from auditor.facts.site import gather_site
from auditor.models import Outcome, Severity
from auditor.registry import get_rule
from auditor.rule import AuditContext
from auditor.web.urls import url_key
from tests.rules.harness import load_fixture

FIXTURES = Path(__file__).parent.parent / "fixtures" / "rules"
PREFIX = {
    "pass": Outcome.PASS,
    "partial": Outcome.PARTIAL,
    "fail": Outcome.FAIL,
    "review": Outcome.NEEDS_REVIEW,
    "na": Outcome.NOT_APPLICABLE,
}
CASES = sorted(FIXTURES.glob("*/*.html"))


@pytest.mark.parametrize("path", CASES, ids=[f"{p.parent.name}/{p.stem}" for p in CASES])
def test_fixture(path: Path) -> None:
    rule_id = path.parent.name
    expected = PREFIX[path.stem.split("_", 1)[0]]
    fixture = load_fixture(path)
    facts = gather_site(fixture.crawl, fixture.jurisdiction)
    ctx = AuditContext(jurisdiction=facts.jurisdiction, as_of=fixture.as_of)
    [outcome] = run_rules(facts, ctx, [get_rule(rule_id)])
    assert outcome.outcome == expected, f"{outcome.outcome}: {outcome.message}"
    if outcome.outcome in (Outcome.PASS, Outcome.PARTIAL, Outcome.FAIL):
        assert outcome.evidence, "a decided verdict must carry evidence"
    flagged = {(url_key(e.url), e.locator) for e in outcome.evidence}
    for url, loc in fixture.findings.get(rule_id, set()):
        assert (url_key(url), loc) in flagged, f"expected evidence at {url} {loc}; got {sorted(flagged)}"
    for url, loc in fixture.oks.get(rule_id, set()):
        assert (url_key(url), loc) not in flagged, f"look-alike at {url} {loc} was taken as evidence"
    # The headline is the outcome's own title, in every language (a partial never shows the
    # fail title, a review never the pass title).
    meta = get_rule(rule_id).meta
    assert outcome.title == meta.title_for(outcome.outcome)
    assert outcome.title_i18n == {lang: words.title_for(outcome.outcome) for lang, words in meta.translations.items()}
    # Every word the report shows exists in Swedish too (--lang sv).
    assert outcome.message_i18n.get("sv"), f"no Swedish message for: {outcome.message}"
    assert outcome.title_i18n.get("sv"), "no Swedish title"
    for item in outcome.evidence:
        assert not item.note or item.note_i18n.get("sv"), f"no Swedish evidence note for: {item.note}"


def test_every_rule_has_pass_and_fail_fixtures() -> None:
    from auditor.registry import all_rules

    for rule in all_rules():
        names = [p.stem for p in (FIXTURES / rule.meta.id).glob("*.html")]
        assert any(n.startswith("pass_") for n in names), f"{rule.meta.id} has no pass_ fixture"
        if rule.meta.severity == Severity.INFO:
            # An observation never fails (requirements.md, Conventions): what it reports is an
            # na_ fixture with evidence, and none of its fixtures fails.
            assert any(n.startswith("na_") for n in names), f"{rule.meta.id} has no na_ fixture"
            assert not any(n.startswith(("fail_", "partial_")) for n in names), f"{rule.meta.id} is info: never fails"
            continue
        assert any(n.startswith("fail_") for n in names), f"{rule.meta.id} has no fail_ fixture"
