"""The CI gate without a crawl: configuration loading and its errors, waivers, thresholds,
the baseline, and the SARIF / JUnit / Markdown outputs of a result full of hostile text."""

from __future__ import annotations

import json
import tomllib
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime
from pathlib import Path

import jsonschema
import pytest
from lxml import etree

from auditor import HOMEPAGE, ci, rule_page
from auditor.engine import rule_catalogue
from auditor.models import (
    AuditResult,
    Category,
    Evidence,
    Outcome,
    RuleOutcome,
    Severity,
    SiteResult,
    SiteStatus,
    ToolInfo,
)
from auditor.reports.junit import render_junit
from auditor.reports.markdown import escape_md, render_markdown
from auditor.reports.sarif import render_sarif

SARIF_SCHEMA = json.loads((Path(__file__).parent / "schemas" / "sarif-schema-2.1.0.json").read_text("utf-8"))
SITE = "https://staging.shop.se/"
EVIL = "<img src=x onerror=alert(1)> | [click](javascript:alert(2)) **bold** `code`\x00\x07 ]]> &amp;"


def outcome(rule: str, result: Outcome, severity: Severity, message: str = "found", url: str = SITE) -> RuleOutcome:
    return RuleOutcome(
        rule=rule, title=f"title of {rule}", title_i18n={"sv": f"titel för {rule}"}, outcome=result,
        message=message, message_i18n={"sv": f"svenska: {message}"}, category=Category.WITHDRAWAL,
        severity=severity, weight=1.0,
        evidence=[Evidence(url=url, locator="main > p:nth-of-type(2)", excerpt=EVIL, note="searched",
                           note_i18n={"sv": "genomsökt"}),
                  Evidence(url=url + "villkor", excerpt="Ångerrätt 14 dagar")],
    )


def make_result(*rules: RuleOutcome, url: str = SITE) -> AuditResult:
    site = SiteResult(url=url, status=SiteStatus.AUDITED, jurisdiction="se", score=50.0, rules=list(rules))
    return AuditResult(tool=ToolInfo(version="0.1.0"), generated_at=datetime(2026, 12, 2, 9, 0, tzinfo=UTC),
                       as_of=date(2026, 12, 2), sites=[site])


FAILING = (
    outcome("withdrawal-form", Outcome.FAIL, Severity.HIGH, EVIL),
    outcome("return-costs", Outcome.FAIL, Severity.MEDIUM),
    outcome("withdrawal-period", Outcome.PARTIAL, Severity.CRITICAL),
    outcome("chat-transcript", Outcome.NEEDS_REVIEW, Severity.MEDIUM),
    outcome("contact-email", Outcome.PASS, Severity.CRITICAL),
)


# --------------------------------------------------------------------------- configuration


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_a_file() -> None:
    config, source = ci.load_config(None)
    assert source is None and config.fail_on == Severity.HIGH and config.fail_under is None


def test_pyproject_table_is_found_from_a_subfolder(tmp_path: Path) -> None:
    write(tmp_path, "pyproject.toml", '[project]\nname = "x"\n[tool.auditor]\nfail-under = 75\nlang = "sv"\n')
    (tmp_path / ".git").mkdir()
    sub = tmp_path / "src" / "deep"
    sub.mkdir(parents=True)
    found = ci.find_config(sub)
    assert found == tmp_path / "pyproject.toml"
    config, _ = ci.load_config(found)
    assert config.fail_under == 75 and config.lang == "sv"


def test_auditor_toml_wins_and_pyproject_without_table_is_ignored(tmp_path: Path) -> None:
    write(tmp_path, "pyproject.toml", '[project]\nname = "x"\n')
    (tmp_path / ".git").mkdir()
    assert ci.find_config(tmp_path) is None
    write(tmp_path, "auditor.toml", 'fail-on = "medium"\n')
    assert ci.find_config(tmp_path) == tmp_path / "auditor.toml"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("fail_under = 3\n", "unknown key 'fail_under'"),
        ("render = 'sometimes'\n", "render"),
        ("max-pages = 0\n", "max-pages"),
        ("format = ['pdf']\n", "unknown format 'pdf'"),
        ("skip = ['contact-mail']\n", "did you mean contact-email"),
        ("[[waivers]]\nrule = 'return-costs'\nreason = 'x'\nexpires = 2027-01-01\nowner = 'me'\n",
         "unknown key 'waivers[0].owner'"),
        ("[[waivers]]\nrule = 'return-costs'\nreason = 'x'\nexpires = 'soon'\n", "waivers[0].expires"),
        ("skip = ['return-costs']\n[[waivers]]\nrule = 'return-costs'\nreason = 'x'\nexpires = 2027-01-01\n",
         "skip leaves out"),
    ],
)
def test_bad_configuration_names_the_key(tmp_path: Path, text: str, expected: str) -> None:
    path = write(tmp_path, "auditor.toml", text)
    with pytest.raises(ci.ConfigError) as caught:
        ci.load_config(path)
    assert expected in str(caught.value) and str(path) in str(caught.value)


def test_unknown_key_in_pyproject_names_the_table(tmp_path: Path) -> None:
    path = write(tmp_path, "pyproject.toml", "[tool.auditor]\nfailunder = 1\n")
    with pytest.raises(ci.ConfigError, match=r"unknown key 'failunder' in \[tool.auditor\]; known keys: .*fail-under"):
        ci.load_config(path)


# --------------------------------------------------------------------------- the gate


def config(**keys: object) -> ci.CiConfig:
    return ci.CiConfig.model_validate(keys)


def test_fail_on_threshold_and_partials() -> None:
    result = make_result(*FAILING)
    gate = ci.decide(result, config())
    states = {f.outcome.rule: f.state for f in gate.findings}
    assert states == {"withdrawal-form": "counts", "return-costs": "below_threshold", "withdrawal-period": "partial"}
    assert gate.exit_code() == 1 and gate.exit_code(exit_zero=True) == 0
    assert ci.decide(result, config(**{"fail-on": "critical"})).exit_code() == 0
    strict = ci.decide(result, config(**{"fail-on": "critical", "fail-on-partial": True}))
    assert [f.outcome.rule for f in strict.counting] == ["withdrawal-period"]


def test_waiver_until_its_last_day_then_counts_again() -> None:
    waiver = ci.Waiver(rule="withdrawal-form", url="https://staging.shop.se/*", reason="release 4.2",
                       expires=date(2027, 1, 31))
    result = make_result(*FAILING)
    on_last_day = ci.apply_waivers(result, [waiver], date(2027, 1, 31))
    gate = ci.decide(on_last_day, config())
    assert gate.exit_code() == 0 and not gate.expired
    waived = next(o for o in on_last_day.sites[0].rules if o.rule == "withdrawal-form")
    assert waived.outcome == Outcome.FAIL and waived.waiver is not None and not waived.waiver.expired
    after = ci.decide(ci.apply_waivers(result, [waiver], date(2027, 2, 1)), config())
    assert after.exit_code() == 1 and [f.outcome.rule for f in after.expired] == ["withdrawal-form"]


def test_waiver_url_pattern_must_match() -> None:
    waiver = ci.Waiver(rule="withdrawal-form", url="https://www.shop.se/*", reason="r", expires=date(2030, 1, 1))
    gate = ci.decide(ci.apply_waivers(make_result(*FAILING), [waiver], date(2026, 12, 2)), config())
    assert gate.exit_code() == 1


def test_fail_under_leaves_waived_findings_out_of_the_score() -> None:
    rules = (outcome("withdrawal-form", Outcome.FAIL, Severity.LOW), outcome("contact-email", Outcome.PASS,
                                                                            Severity.LOW))
    result = make_result(*rules)
    assert ci.decide(result, config(**{"fail-under": 80})).low_scores
    waiver = ci.Waiver(rule="withdrawal-form", reason="r", expires=date(2030, 1, 1))
    waived = ci.apply_waivers(result, [waiver], date(2026, 12, 2))
    assert ci.decide(waived, config(**{"fail-under": 80})).exit_code() == 0


def test_baseline_matches_the_single_site_under_another_url() -> None:
    baseline = make_result(outcome("withdrawal-form", Outcome.FAIL, Severity.HIGH),
                           outcome("adr-body", Outcome.FAIL, Severity.HIGH), url="https://www.shop.se/")
    now = make_result(outcome("withdrawal-form", Outcome.FAIL, Severity.HIGH),
                      outcome("contact-email", Outcome.FAIL, Severity.CRITICAL))
    gate = ci.decide(now, config(), baseline)
    assert {f.outcome.rule: f.state for f in gate.findings} == {"withdrawal-form": "in_baseline",
                                                                  "contact-email": "counts"}
    assert [rule for _, rule in gate.fixed] == ["adr-body"]


def test_not_audited_site_and_broken_rule_exit_2() -> None:
    down = SiteResult(url=SITE, status=SiteStatus.NOT_AUDITED, reason="the host name does not resolve",
                      jurisdiction="se")
    result = AuditResult(tool=ToolInfo(version="0"), generated_at=datetime.now(UTC), as_of=date(2026, 12, 2),
                         sites=[down])
    assert ci.decide(result, config()).exit_code(exit_zero=True) == 2
    broken = make_result(outcome("adr-body", Outcome.ERROR, Severity.HIGH))
    assert ci.decide(broken, config()).exit_code() == 2


def test_baseline_that_is_not_a_result(tmp_path: Path) -> None:
    with pytest.raises(ci.ConfigError, match=r"not a result\.json"):
        ci.load_baseline(write(tmp_path, "r.json", '{"sites": 3}'))
    with pytest.raises(ci.ConfigError, match="no such file"):
        ci.load_baseline(tmp_path / "missing.json")


# --------------------------------------------------------------------------- outputs


def gated(lang: str = "en") -> tuple[AuditResult, ci.Gate]:
    waiver = ci.Waiver(rule="return-costs", reason="accepted <b>for now</b>", expires=date(2027, 1, 1))
    result = ci.apply_waivers(make_result(*FAILING), [waiver], date(2026, 12, 2))
    return result, ci.decide(result, config(), make_result(outcome("withdrawal-period", Outcome.PARTIAL,
                                                                   Severity.CRITICAL)))


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_sarif_is_valid_and_maps_the_finding(lang: str) -> None:
    result, gate = gated()
    html = "<html>\n<body>\n<main><p>x</p><p><img src=x onerror=alert(1)> | [click](javascript:alert(2))</p>"
    log = render_sarif(result, gate, lang=lang, sources={SITE: html})
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(log)
    results = {r["ruleId"]: r for r in log["runs"][0]["results"]}
    form = results["withdrawal-form"]
    assert form["level"] == "error" and form["baselineState"] == "new"
    location = form["locations"][0]
    assert location["physicalLocation"]["artifactLocation"]["uri"] == SITE
    assert location["physicalLocation"]["region"] == {"startLine": 3, "snippet": {"text": EVIL}}
    assert location["logicalLocations"][0]["fullyQualifiedName"] == "main > p:nth-of-type(2)"
    assert results["return-costs"]["suppressions"][0]["status"] == "accepted"
    assert results["withdrawal-period"]["baselineState"] == "unchanged"
    assert results["chat-transcript"]["kind"] == "review" and results["chat-transcript"]["level"] == "none"
    assert "contact-email" not in results
    assert form["message"]["text"] == (f"svenska: {EVIL}" if lang == "sv" else EVIL)


def test_junit_has_a_case_per_rule_and_survives_hostile_text() -> None:
    result, gate = gated()
    root = ET.fromstring(render_junit(result, gate).encode("utf-8"))
    [suite] = root.findall("testsuite")
    cases = {c.get("name", "").split(":")[0]: c for c in suite.findall("testcase")}
    assert set(cases) == {o.rule for o in result.sites[0].rules}
    assert cases["withdrawal-form"].find("failure") is not None
    assert cases["return-costs"].find("skipped") is not None  # waived
    assert cases["chat-transcript"].find("skipped") is not None
    assert cases["contact-email"].find("failure") is None
    assert (suite.get("tests"), suite.get("failures"), suite.get("skipped")) == ("5", "2", "2")


def test_markdown_escapes_crawled_text() -> None:
    result, gate = gated()
    text = render_markdown(result, gate)
    assert "<img" not in text and "](javascript" not in text and "**bold**" not in text
    assert "&lt;img src=x onerror=alert\\(1\\)&gt;" in text
    assert "### Since the baseline" in text and "`withdrawal-period`" in text.split("Still failing")[1]
    assert "accepted &lt;b&gt;for now&lt;/b&gt;" in text
    sv = render_markdown(result, gate, lang="sv")
    assert "underkänd" in sv and "Sedan baslinjen" in sv


def test_escape_md_keeps_one_bounded_line() -> None:
    assert escape_md("a\nb|c") == "a b\\|c"
    assert len(escape_md("x" * 1000)) <= 300


# --------------------------------------------------------------------------- what the consumers check

JUNIT_XSD = Path(__file__).parent / "schemas" / "junit-10.xsd"
ROOT = Path(__file__).parent.parent


def junit_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(JUNIT_XSD)))


def every_kind_of_case() -> AuditResult:
    """Two sites: one with an outcome of each kind (hostile text in every field a page feeds),
    one that could not be audited."""
    result, _ = gated()
    broken = outcome("odr-link", Outcome.ERROR, Severity.LOW, EVIL)
    na = outcome("premium-rate-phone", Outcome.NOT_APPLICABLE, Severity.HIGH, EVIL)
    site = result.sites[0].model_copy(update={"rules": [*result.sites[0].rules, broken, na]})
    down = SiteResult(url="https://down.shop.se/", status=SiteStatus.NOT_AUDITED, jurisdiction="se",
                      reason=f"the host said {EVIL}")
    return result.model_copy(update={"sites": [site, down]})


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_junit_is_valid_against_the_jenkins_schema(lang: str) -> None:
    result = every_kind_of_case()
    gate = ci.decide(result, config())
    doc = etree.fromstring(render_junit(result, gate, lang=lang).encode("utf-8"))
    schema = junit_schema()
    assert schema.validate(doc), [e.message for e in schema.error_log]
    assert doc.get("skipped") is None  # the schema has no skipped count on <testsuites>
    assert (doc.get("tests"), doc.get("failures"), doc.get("errors")) == ("8", "2", "2")
    [site, down] = doc.findall("testsuite")
    assert (site.get("failures"), site.get("errors"), site.get("skipped")) == ("2", "1", "3")  # waived, review, n/a
    assert [c.get("name") for c in down.findall("testcase")] == ["site-audit"]
    assert EVIL.replace("\x00", "").replace("\x07", "") in down.find("testcase/error").get("message", "")


def _cases(result: AuditResult) -> dict[tuple[str, str], etree._Element]:
    doc = etree.fromstring(render_junit(result, ci.decide(result, config())).encode("utf-8"))
    return {(c.get("classname", ""), c.get("name", "")): c for c in doc.iter("testcase")}


@pytest.mark.parametrize("flip", [Outcome.PASS, Outcome.PARTIAL, Outcome.NEEDS_REVIEW, Outcome.NOT_APPLICABLE,
                                  Outcome.ERROR])
def test_junit_test_names_do_not_change_with_the_outcome(flip: Outcome) -> None:
    """A CI dashboard keeps a test's history by classname and name: a rule that flips from fail
    to anything else is the same test, its outcome and title in the body."""
    failing = make_result(*FAILING)
    flipped = make_result(*(o.model_copy(update={"outcome": flip, "title": f"{flip.value} title"})
                            if o.rule == "withdrawal-form" else o for o in FAILING))
    before, after = _cases(failing), _cases(flipped)
    assert set(before) == set(after)
    key = ("auditor.staging-shop-se", "withdrawal-form")
    assert before[key].find("failure") is not None
    body = "".join(after[key].itertext())
    assert f"{flip.value} title" in body


def test_junit_keeps_two_sites_apart() -> None:
    one, other = make_result(*FAILING), make_result(*FAILING, url="https://www.other.se/")
    both = one.model_copy(update={"sites": [*one.sites, *other.sites]})
    cases = _cases(both)
    assert len(cases) == 2 * len(FAILING)
    assert {c for c, _ in cases} == {"auditor.staging-shop-se", "auditor.www-other-se"}


def catalogued() -> tuple[AuditResult, ci.Gate]:
    result, gate = gated()
    rules = [r for r in rule_catalogue() if r.id in {o.rule for o in result.sites[0].rules}]
    return result.model_copy(update={"rule_catalogue": rules}), gate


def test_sarif_names_the_tools_home_and_each_rules_page() -> None:
    result, gate = catalogued()
    log = render_sarif(result, gate, sources={})
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(log)
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["informationUri"] == HOMEPAGE
    assert {r["id"] for r in driver["rules"]} == {o.rule for o in result.sites[0].rules}
    for rule in driver["rules"]:
        assert rule["helpUri"] == rule_page(rule["id"])
        assert rule["helpUri"].startswith("https://") and rule["helpUri"].endswith(f"/docs/rules/{rule['id']}.md")
        assert (ROOT / "docs" / "rules" / f"{rule['id']}.md").is_file(), "helpUri names a page that exists"


def test_every_sarif_location_has_a_region() -> None:
    """GitHub code scanning places a result by region.startLine: where the excerpt is not in
    the page's HTML (or there is none), line 1 stands for the page and no snippet is claimed."""
    result, gate = catalogued()
    html = "<html>\n<body>\n<main><p>x</p><p><img src=x onerror=alert(1)> | [click](javascript:alert(2))</p>"
    for sources in ({}, {SITE: html}):
        log = render_sarif(result, gate, sources=sources)
        jsonschema.Draft4Validator(SARIF_SCHEMA).validate(log)
        locations = [loc for item in log["runs"][0]["results"]
                     for loc in [*item["locations"], *item.get("relatedLocations", [])]]
        assert len(locations) == 8  # four results, each with two pieces of evidence
        assert all(loc["physicalLocation"]["region"]["startLine"] >= 1 for loc in locations)
    form = next(r for r in render_sarif(result, gate)["runs"][0]["results"] if r["ruleId"] == "withdrawal-form")
    [location] = form["locations"]
    assert location["physicalLocation"]["region"] == {"startLine": 1}
    assert location["message"]["text"] == f"\u201c{EVIL}\u201d"


def test_the_homepage_is_the_one_in_pyproject() -> None:
    urls = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["urls"]
    assert urls["Homepage"] == HOMEPAGE
    assert rule_page("x").startswith(urls["Homepage"] + "/")
