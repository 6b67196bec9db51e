"""An extractor that raises costs only the rules that need its facts (issue 17).

A small German shop is audited twice: as is, and with one extractor broken (a ``KeyError`` in
the withdrawal period parser, the bug that once made every German shop of a batch "not
audited"; a ``ValueError`` in the phone extractor). The site stays audited and scored; exactly
the rules that require the broken extractor's facts are ``error``, naming the extractor and the
exception; every other rule keeps its outcome and message.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

import auditor.facts.passages.withdrawal as withdrawal
import auditor.facts.site as site
from auditor import native, profiles, registry, scoring
from auditor.engine import audit_crawl, run_rules
from auditor.facts.dom import Document
from auditor.facts.guard import FEEDS, Guard
from auditor.facts.site import gather_site
from auditor.models import (
    FACT_NAMES,
    Category,
    LegalRef,
    Outcome,
    PassageFact,
    RuleMeta,
    RuleOutcome,
    Severity,
    SiteStatus,
)
from auditor.rule import AuditContext, Rule
from tests.rules.harness import AS_OF, BASE, Fixture, load_fixture

SHOP = """<!-- fixture: jurisdiction=de -->
<!doctype html><html lang="de"><head><title>Werkstatt</title></head><body>
<main><h1>Werkzeug für Profis</h1></main>
<footer><a href="/impressum">Impressum</a> <a href="/agb">AGB</a> <a href="/widerrufsbelehrung">Widerrufsbelehrung</a>
<a href="/kontakt">Kontakt</a></footer>
</body></html>
<!-- page: /impressum -->
<html lang="de"><head><title>Impressum</title></head><body><main><h1>Impressum</h1>
<p>Werkstatt GmbH, Hauptstraße 5, 10115 Berlin. Handelsregister HRB 123456 B.</p>
<p>E-Mail: <a href="mailto:info@werkstatt.de">info@werkstatt.de</a>,
Telefon: <a href="tel:+4930123456">030 123456</a></p>
</main></body></html>
<!-- page: /kontakt -->
<html lang="de"><head><title>Kontakt</title></head><body><main><h1>Kontakt</h1>
<p>Schreiben Sie uns: <a href="mailto:info@werkstatt.de">info@werkstatt.de</a> oder rufen Sie an: 030 123456.</p>
</main></body></html>
<!-- page: /agb -->
<html lang="de"><head><title>AGB</title></head><body><main><h1>Allgemeine Geschäftsbedingungen</h1>
<p>Die Lieferzeit beträgt 5 Tage.</p></main></body></html>
<!-- page: /widerrufsbelehrung -->
<html lang="de"><head><title>Widerrufsbelehrung</title></head><body><main><h1>Widerrufsbelehrung</h1>
<h2>Widerrufsrecht</h2>
<p>Sie haben das Recht, binnen vierzehn Tagen ohne Angabe von Gründen diesen Vertrag zu widerrufen.</p>
</main></body></html>
"""


@pytest.fixture
def shop(tmp_path: Path) -> Fixture:
    path = tmp_path / "shop.html"
    path.write_text(SHOP, encoding="utf-8")
    return load_fixture(path)


def _outcomes(fixture: Fixture) -> dict[str, RuleOutcome]:
    result = audit_crawl(fixture.crawl, jurisdiction=fixture.jurisdiction, as_of=AS_OF)
    assert result.status == SiteStatus.AUDITED
    return {o.rule: o for o in result.rules}


def _needs(fact: str, jurisdiction: str) -> set[str]:
    """The rules that require ``fact`` and apply in ``jurisdiction`` (the others stay not applicable)."""
    return {
        rule.meta.id for rule in registry.all_rules()
        if fact in rule.meta.requires
        and (not rule.meta.jurisdictions or jurisdiction in rule.meta.jurisdictions)
        and rule.meta.id not in profiles.disabled(jurisdiction)
    }


def test_a_broken_period_parser_costs_only_the_rules_that_read_passages(
    shop: Fixture, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    before = _outcomes(shop)
    assert before["withdrawal-period"].outcome == Outcome.PASS  # the fixture decides something

    if native.is_compiled(withdrawal):  # its call to ``_periods`` was bound when it was compiled
        pytest.skip("auditor.facts.passages.withdrawal is compiled (auditor.native): run with AUDITOR_PURE_PYTHON=1")
    periods = withdrawal._periods

    def broken(doc: Document, lang: str) -> list[PassageFact]:
        if "vierzehn" in doc.text:  # the page that states a period
            raise KeyError("P")
        return periods(doc, lang)

    monkeypatch.setattr(withdrawal, "_periods", broken)
    with caplog.at_level(logging.ERROR, logger="auditor.facts.guard"):
        result = audit_crawl(shop.crawl, jurisdiction=shop.jurisdiction, as_of=AS_OF)

    assert result.status == SiteStatus.AUDITED
    assert result.score is not None
    after = {o.rule: o for o in result.rules}
    assert after.keys() == before.keys()
    needing = _needs("passages", "de")
    assert needing and needing < after.keys()
    for rule, outcome in after.items():
        if rule in needing:
            assert outcome.outcome == Outcome.ERROR, rule
            assert "passages.withdrawal: KeyError: 'P'" in outcome.message
            assert f"{BASE}widerrufsbelehrung" in outcome.message  # the page it failed on
            assert "passages.withdrawal" in outcome.message_i18n["sv"]
        else:
            assert (outcome.outcome, outcome.message) == (before[rule].outcome, before[rule].message), rule
    # The score counts what could be judged, as for any error outcome.
    assert result.score == scoring.weighted_score(result.rules)
    errors = {o.rule for o in result.rules if o.outcome == Outcome.ERROR}
    assert errors <= {rule for c in result.categories for rule in c.not_counted}
    # The traceback is in the log.
    [record] = [r for r in caplog.records if "passages.withdrawal" in r.getMessage()]
    assert record.exc_info is not None and record.exc_info[0] is KeyError


def test_a_broken_phone_extractor_costs_only_the_phone_rules(shop: Fixture, monkeypatch: pytest.MonkeyPatch) -> None:
    before = _outcomes(shop)

    def broken(*_: object) -> list[object]:
        raise ValueError("bad region")

    monkeypatch.setattr(site, "gather_phones", broken)
    facts = gather_site(shop.crawl, shop.jurisdiction)
    assert set(facts.failed) == {"phones"}
    assert facts.failed["phones"].extractor == "gather_phones"
    assert facts.failed["phones"].error == "ValueError: bad region"
    assert facts.emails and facts.passages  # every other extractor still ran

    after = _outcomes(shop)
    needing = _needs("phones", "de")
    assert needing
    for rule, outcome in after.items():
        if rule in needing:
            assert outcome.outcome == Outcome.ERROR, rule
            assert "gather_phones: ValueError: bad region" in outcome.message
        else:
            assert (outcome.outcome, outcome.message) == (before[rule].outcome, before[rule].message), rule


class NorwegianPhones(Rule):
    meta = RuleMeta(id="norwegian-phones", title="ok", failure_title="not ok", partial_title="partly ok",
                    review_title="not decided", na_title="no duty", description="d",
                    category=Category.CONTACT, severity=Severity.HIGH, requires=("phones",),
                    legal_refs=(LegalRef(instrument="Directive 2000/31/EC", provision="Art. 5"),),
                    jurisdictions=("no",))


def test_a_rule_outside_its_jurisdiction_stays_not_applicable(shop: Fixture, monkeypatch: pytest.MonkeyPatch) -> None:
    """Not applying comes first: a broken extractor does not turn that into an error."""
    monkeypatch.setattr(site, "gather_phones", lambda *_: 1 / 0)
    facts = gather_site(shop.crawl, shop.jurisdiction)
    assert "phones" in facts.failed
    [outcome] = run_rules(facts, AuditContext("de", AS_OF), [NorwegianPhones])
    assert outcome.outcome == Outcome.NOT_APPLICABLE


def test_parsing_that_cannot_be_isolated_still_meets_the_outer_safety_net(
    shop: Fixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    def unparsable(*_: object) -> object:
        raise RuntimeError("no tree")

    monkeypatch.setattr(site, "Document", unparsable)
    result = audit_crawl(shop.crawl, jurisdiction=shop.jurisdiction, as_of=AS_OF)
    assert result.status == SiteStatus.NOT_AUDITED
    assert "RuntimeError: no tree" in (result.reason or "")


def test_every_extractor_feeds_known_facts() -> None:
    for extractor, feeds in FEEDS.items():
        assert feeds and set(feeds) <= FACT_NAMES, extractor


def test_the_guard_keeps_the_first_failure_of_each_fact() -> None:
    guard = Guard()
    assert guard.run("gather_emails", "https://a/", lambda: ["ok"]) == ["ok"]
    assert guard.run("gather_structured", "https://a/x", lambda: [][0]) is None
    assert guard.run("gather_emails", "https://a/y", lambda: int("x")) is None
    assert set(guard.failed) == {"emails", "phones", "addresses", "company_names"}
    assert guard.failed["emails"].extractor == "gather_structured"
    assert guard.failed["emails"].error == "IndexError: list index out of range"
    assert guard.failed["emails"].url == "https://a/x"
