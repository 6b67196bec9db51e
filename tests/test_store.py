"""The store: schema, one site per transaction, history, and re-auditing without fetching."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from auditor import store
from auditor.cli import demo_shops, main
from auditor.demo.server import serve_sites
from auditor.models import Category, Outcome, RuleOutcome, Severity, SiteResult, SiteStatus


def outcome(rule: str, value: Outcome) -> RuleOutcome:
    return RuleOutcome(rule=rule, title=rule, outcome=value, message="", category=Category.CONTACT,
                       severity=Severity.HIGH, weight=1.0)


def site(*rules: RuleOutcome) -> SiteResult:
    return SiteResult(url="https://shop.se/", status=SiteStatus.AUDITED, jurisdiction="se", rules=list(rules))


def test_schema_is_created_versioned_and_refuses_newer(tmp_path: Path) -> None:
    path = tmp_path / "a.sqlite"
    store.open_store(path).close()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == store.SCHEMA_VERSION
        db.execute("PRAGMA user_version = 99")
    with pytest.raises(store.StoreError, match="newer"):
        store.open_store(path)
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(store.StoreError):
        store.open_store(junk)


def test_compare_names_fixed_regressed_changed_and_new() -> None:
    before = site(outcome("a", Outcome.FAIL), outcome("b", Outcome.PASS), outcome("c", Outcome.PASS),
                  outcome("d", Outcome.NEEDS_REVIEW))
    after = site(outcome("a", Outcome.PASS), outcome("b", Outcome.PARTIAL), outcome("c", Outcome.PASS),
                 outcome("d", Outcome.FAIL), outcome("e", Outcome.PASS))
    changes, unchanged = store.compare(before, after)
    assert [(c.rule, c.change) for c in changes] == [("b", "regressed"), ("a", "fixed"), ("d", "changed"),
                                                     ("e", "new")]
    assert unchanged == 1


def test_a_site_is_stored_whole_and_a_run_is_found_again(tmp_path: Path) -> None:
    db = store.open_store(tmp_path / "s.sqlite")
    run, resumed = store.start_run(db, key="k", source="x", as_of="2026-11-24", tool_version="t", settings={},
                                   total=1)
    assert not resumed
    store.save_site(db, run, position=0, url="https://shop.se/", name="Shop", jurisdiction="se", tags="",
                    result=site(outcome("a", Outcome.PASS)), crawl=None, seconds=1.0)
    again, resumed = store.start_run(db, key="k", source="x", as_of="2026-11-24", tool_version="t", settings={},
                                     total=1)
    assert resumed and again.id == run.id and store.done_urls(db, run) == {"https://shop.se/"}


@pytest.mark.e2e
def test_history_reaudit_and_report_from_the_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    db_path = out / "auditor.sqlite"
    wanted = [root for root, _ in demo_shops() if root.name in {"sv-kompis", "de-werk"}]
    with serve_sites(wanted, first_host=70) as served:  # one server for both audits: the same URLs
        urls = [site.url for site in served]
        common = ["-o", str(out), "--render", "never", "--jurisdiction", "se", "--allow-private"]
        assert main(["audit", *urls, *common, "--as-of", "2026-11-24"]) == 0
        assert main(["audit", *urls, *common, "--as-of", "2025-06-01"]) == 0
    second = json.loads((out / "result.json").read_text(encoding="utf-8"))
    kompis = next(s for s in second["sites"] if s["url"] == urls[1])
    changes = {c["rule"]: c["change"] for c in kompis["history"]["changes"]}
    assert changes["odr-link"] == "changed" and kompis["history"]["previous_run"] == 1
    capsys.readouterr()
    assert main(["history", kompis["url"], "--store", str(db_path)]) == 0
    assert "odr-link" in capsys.readouterr().out
    # Judged again with the same rules and date, a stored crawl gives the same verdicts.
    assert main(["reaudit", "1", "--store", str(db_path), "-o", str(tmp_path / "re")]) == 0
    again = json.loads((tmp_path / "re" / "result.json").read_text(encoding="utf-8"))
    db = store.open_store(db_path)
    first_run = store.find_run(db, "1")
    assert first_run is not None
    first = {s.url: {o.rule: o.outcome for o in s.result.rules} for s in store.sites(db, first_run)}
    db.close()
    for result in again["sites"]:
        assert {o["rule"]: Outcome(o["outcome"]) for o in result["rules"]} == first[result["url"]]
        assert result["history"]["previous_run"] == 2  # compared with the latest audit before it
    assert main(["report", "1", "--store", str(db_path), "-o", str(tmp_path / "r1")]) == 0
    assert len(list((tmp_path / "r1").glob("*.html"))) == len(first)
    assert main(["report", "9", "--store", str(db_path)]) == 2
    assert date.fromisoformat(again["as_of"]) == date(2026, 11, 24)


def test_a_run_keeps_the_rule_words_of_its_day_and_old_stores_migrate(tmp_path: Path) -> None:
    """``auditor report RUN`` shows the rule descriptions the run was judged with, not today's; a
    store written before runs kept their catalogue opens (migrated) and its runs have none."""
    from auditor.models import RuleInfo
    from auditor.pipeline import run_catalogue, stored_result

    old = tmp_path / "v1.sqlite"
    with sqlite3.connect(old) as db:
        for statement in store._statements(store._MIGRATIONS[1]):
            db.execute(statement)
        db.execute("PRAGMA user_version = 1")
        db.execute("INSERT INTO runs (key, source, started_at, as_of, tool_version, settings, total) "
                   "VALUES ('old', 'x', '2026-01-01T00:00:00+00:00', '2026-01-01', 't', '{}', 0)")
    db = store.open_store(old)
    assert db.execute("PRAGMA user_version").fetchone()[0] == store.SCHEMA_VERSION
    run = store.find_run(db, "old")
    assert run is not None and run.rule_catalogue is None and run_catalogue(run) == []
    db.close()

    then = RuleInfo(id="contact-email", title="Words of that day", failure_title="Failure words of that day",
                    description="Why it mattered then.", category=Category.CONTACT, severity=Severity.HIGH)
    db = store.open_store(tmp_path / "v2.sqlite")
    run, _ = store.start_run(db, key="k", source="x", as_of="2026-11-24", tool_version="t", settings={}, total=1,
                             rule_catalogue=[then.model_dump(mode="json")])
    store.save_site(db, run, position=0, url="https://shop.se/", name="", jurisdiction="se", tags="",
                    result=site(outcome("contact-email", Outcome.PASS)), crawl=None, seconds=1.0)
    found = store.find_run(db, str(run.id))
    assert found is not None
    assert stored_result(db, found).rule_catalogue == [then]
