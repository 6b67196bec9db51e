"""The engine: narrowed facts, errors contained, sites that cannot be audited are not scored."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from auditor.engine import applicable_refs, audit_crawl, not_audited_reason, run_rules
from auditor.models import (
    Category,
    CrawlCoverage,
    FetchFailure,
    LegalRef,
    Outcome,
    RobotsInfo,
    RuleMeta,
    Severity,
    SiteCrawl,
    SiteFacts,
    SiteStatus,
)
from auditor.rule import AuditContext, FactView, Rule, UndeclaredFactError, Verdict, passed

NOW = datetime(2026, 11, 1, tzinfo=UTC)
REF = (LegalRef(instrument="Directive 2000/31/EC", provision="Art. 5"),)
#: A title for each outcome, each its own.
TITLES = {"title": "ok", "failure_title": "not ok", "partial_title": "partly ok", "review_title": "not decided",
          "na_title": "no duty"}


def facts() -> SiteFacts:
    robots = RobotsInfo(url="https://x.se/robots.txt")
    return SiteFacts(site="https://x.se/", jurisdiction="se",
                     coverage=CrawlCoverage(home_url="https://x.se/", pages_fetched=1, robots=robots,
                                            max_pages=30, max_depth=3, exhaustive=True))


class Boom(Rule):
    meta = RuleMeta(id="boom", **TITLES, description="d",
                    category=Category.CONTACT, severity=Severity.HIGH, requires=("emails",), legal_refs=REF)

    def evaluate(self, facts: FactView, ctx: AuditContext) -> Verdict:
        raise RuntimeError("kaputt")


class Nosy(Rule):
    meta = RuleMeta(id="nosy", **TITLES, description="d",
                    category=Category.CONTACT, severity=Severity.HIGH, requires=("emails",), legal_refs=REF)

    def evaluate(self, facts: FactView, ctx: AuditContext) -> Verdict:
        return passed(str(facts.phones), [])


class SwedishOnly(Rule):
    meta = RuleMeta(id="swedish-only", **TITLES, description="d",
                    category=Category.CONTACT, severity=Severity.HIGH, requires=(), legal_refs=REF,
                    jurisdictions=("se",))


def test_a_raising_rule_is_that_rules_error() -> None:
    [result] = run_rules(facts(), AuditContext("se", date(2026, 11, 1)), [Boom])
    assert result.outcome == Outcome.ERROR
    assert "kaputt" in result.message


def test_reading_an_undeclared_fact_is_an_error_not_a_verdict() -> None:
    with pytest.raises(UndeclaredFactError):
        FactView(facts(), ["emails"]).phones  # noqa: B018
    [result] = run_rules(facts(), AuditContext("se", date(2026, 11, 1)), [Nosy])
    assert result.outcome == Outcome.ERROR


def test_rule_outside_its_jurisdictions_is_not_applicable() -> None:
    [result] = run_rules(facts(), AuditContext("de", date(2026, 11, 1)), [SwedishOnly])
    assert result.outcome == Outcome.NOT_APPLICABLE
    # Not the rule's own not-applicable title (why the rule finds no duty) but the engine's.
    assert result.title == "Not checked in this jurisdiction" and result.title != SwedishOnly.meta.na_title
    assert set(result.title_i18n) == {"sv", "nb", "da", "fi", "de"}


def test_a_rule_that_could_not_run_shows_its_review_title() -> None:
    """An error is not a finding: its headline says what was not decided, never a pass or fail."""
    [result] = run_rules(facts(), AuditContext("se", date(2026, 11, 1)), [Boom])
    assert result.outcome == Outcome.ERROR and result.title == "not decided"


def test_verdicts_that_decide_need_evidence() -> None:
    with pytest.raises(ValueError, match="needs evidence"):
        passed("no proof", [])


def test_metadata_is_validated_at_definition() -> None:
    with pytest.raises(ValueError):
        RuleMeta(id="Not_Kebab", **TITLES, description="d", category=Category.CONTACT,
                 severity=Severity.LOW, requires=(), legal_refs=REF)
    with pytest.raises(ValueError):
        RuleMeta(id="no-basis", **TITLES, description="d", category=Category.CONTACT,
                 severity=Severity.LOW, requires=(), legal_refs=())
    with pytest.raises(ValueError):
        RuleMeta(id="bad-fact", **TITLES, description="d", category=Category.CONTACT,
                 severity=Severity.LOW, requires=("telepathy",), legal_refs=REF)
    # Each outcome its own title: a partial that reuses the fail title says something false.
    with pytest.raises(ValueError, match="title of its own"):
        RuleMeta(id="same-words", **{**TITLES, "partial_title": "not ok"}, description="d",
                 category=Category.CONTACT, severity=Severity.LOW, requires=(), legal_refs=REF)
    with pytest.raises(ValueError):
        RuleMeta(id="no-review-title", **{k: v for k, v in TITLES.items() if k != "review_title"}, description="d",
                 category=Category.CONTACT, severity=Severity.LOW, requires=(), legal_refs=REF)


def crawl(**kw: object) -> SiteCrawl:
    base: dict[str, object] = dict(start_url="https://x.se/", started_at=NOW, finished_at=NOW, user_agent="ua",
                                   max_pages=30, max_depth=3, robots=RobotsInfo(url="https://x.se/robots.txt"))
    base.update(kw)
    return SiteCrawl.model_validate(base)


def test_unreachable_site_is_not_audited_with_its_reason() -> None:
    failed = crawl(failures=[FetchFailure(url="https://x.se/", kind="network", reason="Connection refused")])
    result = audit_crawl(failed, jurisdiction="se", as_of=date(2026, 11, 1))
    assert result.status == SiteStatus.NOT_AUDITED
    assert result.score is None and not result.rules
    assert "Connection refused" in (result.reason or "")


def test_robots_blocked_home_is_not_audited() -> None:
    blocked = crawl(robots=RobotsInfo(url="https://x.se/robots.txt", status=200, home_allowed=False,
                                      blocked_urls=["https://x.se/"]))
    assert "robots.txt" in str(not_audited_reason(blocked) or "")


def test_report_cites_eu_and_own_jurisdiction_only() -> None:
    refs = [LegalRef(instrument="CRD", provision="Art. 6", jurisdiction="eu"),
            LegalRef(instrument="e-handelslagen", provision="8 §", jurisdiction="se"),
            LegalRef(instrument="Forbrugeraftaleloven", provision="§ 8", jurisdiction="dk")]
    assert [r.instrument for r in applicable_refs(refs, "dk")] == ["CRD", "Forbrugeraftaleloven"]
    national = refs[1:]
    assert applicable_refs(national, "fi") == national  # nothing matches: keep every source


def test_an_audit_collects_garbage_less_often_and_restores_the_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    from auditor import engine

    seen: list[tuple[int, int, int]] = []

    def audit(*args: object) -> object:
        seen.append(gc.get_threshold())
        raise RuntimeError("a crash still restores the setting")

    before = gc.get_threshold()
    monkeypatch.setattr(engine, "_audit", audit)
    with pytest.raises(RuntimeError):
        audit_crawl(crawl(), jurisdiction="se", as_of=date(2026, 11, 1))
    assert seen == [(max(before[0], engine.YOUNG_COLLECTION), *before[1:])]
    assert gc.get_threshold() == before


def test_an_audit_freezes_what_the_process_held_and_unfreezes_it(monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    from auditor import engine

    frozen: list[int] = []

    def audit(*args: object) -> object:
        frozen.append(gc.get_freeze_count())
        raise RuntimeError("a crash still unfreezes")

    assert gc.get_freeze_count() == 0
    monkeypatch.setattr(engine, "_audit", audit)
    with pytest.raises(RuntimeError):
        audit_crawl(crawl(), jurisdiction="se", as_of=date(2026, 11, 1))
    assert frozen and frozen[0] > 0
    assert gc.get_freeze_count() == 0
