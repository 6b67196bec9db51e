"""``auditor ci`` end to end: a local staging shop, the gate's exit codes, waivers, the baseline
and the CI formats, run as a pipeline runs it (subprocess, real loopback server, --render never
so that the gate is decided by the static checks)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import jsonschema
import pytest
from lxml import etree

from auditor.demo.server import serve_sites
from auditor.registry import all_rules

pytestmark = pytest.mark.e2e

STAGING = Path(__file__).parent.parent / "fixtures" / "staging"
SARIF_SCHEMA = json.loads((Path(__file__).parent.parent / "schemas" / "sarif-schema-2.1.0.json").read_text("utf-8"))
JUNIT_XSD = Path(__file__).parent.parent / "schemas" / "junit-10.xsd"
TODAY = "2026-12-02"


@pytest.fixture(scope="module")
def shops(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """The compliant staging shop and a copy that lost its withdrawal information."""
    broken = tmp_path_factory.mktemp("broken") / "shop"
    shutil.copytree(STAGING, broken)
    terms = broken / "villkor.html"
    text, n = re.subn(r'<section id="angerratt">.*?</section>\n', "", terms.read_text("utf-8"), flags=re.S)
    assert n == 1
    terms.write_text(text, encoding="utf-8")
    with serve_sites([STAGING, broken], first_host=70) as served:
        yield {"good": served[0].url, "broken": served[1].url}


def ci(url: str, cwd: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "200"}
    return subprocess.run(
        [sys.executable, "-m", "auditor", "ci", url, "--render", "never", "--as-of", TODAY, *extra],
        cwd=cwd, capture_output=True, text=True, timeout=240, env=env,
    )


def sarif(cwd: Path) -> dict:  # type: ignore[type-arg]
    """The SARIF log, valid against the OASIS schema, with what GitHub code scanning reads: the
    tool's home, each rule's page, a region on every location."""
    log = json.loads((cwd / "audit-reports" / "auditor.sarif").read_text("utf-8"))
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(log)
    run = log["runs"][0]
    assert run["tool"]["driver"]["informationUri"].startswith("https://")
    assert all(r["helpUri"].endswith(f"/docs/rules/{r['id']}.md") for r in run["tool"]["driver"]["rules"])
    for result in run["results"]:
        for location in [*result["locations"], *result.get("relatedLocations", [])]:
            assert location["physicalLocation"]["region"]["startLine"] >= 1, result["ruleId"]
    return log  # type: ignore[no-any-return]


def junit_cases(cwd: Path) -> dict[str, ET.Element]:
    """The JUnit file's test cases by name (the rule id), the file valid against Jenkins' XSD."""
    path = cwd / "audit-reports" / "junit.xml"
    schema = etree.XMLSchema(etree.parse(str(JUNIT_XSD)))
    assert schema.validate(etree.parse(str(path))), [e.message for e in schema.error_log]
    root = ET.parse(path).getroot()
    return {case.get("name", ""): case for case in root.iter("testcase")}


def test_compliant_shop_passes_with_every_output(shops: dict[str, str], tmp_path: Path) -> None:
    proc = ci(shops["good"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    out = tmp_path / "audit-reports"
    for name in ("auditor.sarif", "junit.xml", "summary.md", "result.json", "manifest.json"):
        assert (out / name).is_file(), name
    assert list(out.glob("*.html"))
    log = sarif(tmp_path)
    driver = log["runs"][0]["tool"]["driver"]
    assert {r["id"] for r in driver["rules"]} == {r.meta.id for r in all_rules()}
    withdrawal = next(r for r in driver["rules"] if r["id"] == "withdrawal-form")
    assert "Directive 2011/83/EU" in withdrawal["help"]["text"] and withdrawal["properties"]["legalReferences"]
    assert not [r for r in log["runs"][0]["results"] if r["kind"] == "fail"]
    cases = junit_cases(tmp_path)
    assert set(cases) == {r.meta.id for r in all_rules()}, "one test case per rule"
    assert cases["contact-email"].find("failure") is None
    assert "✅" in (out / "summary.md").read_text("utf-8")


def test_lost_withdrawal_information_fails_the_build(shops: dict[str, str], tmp_path: Path) -> None:
    proc = ci(shops["broken"], tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert "withdrawal-form" in proc.stderr
    results = sarif(tmp_path)["runs"][0]["results"]
    form = next(r for r in results if r["ruleId"] == "withdrawal-form")
    assert form["kind"] == "fail" and form["level"] == "error" and form["properties"]["failsBuild"]
    assert form["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].startswith(shops["broken"])
    failure = junit_cases(tmp_path)["withdrawal-form"].find("failure")
    assert failure is not None and "withdrawal form" in failure.get("message", "")
    summary = (tmp_path / "audit-reports" / "summary.md").read_text("utf-8")
    assert "❌" in summary and "`withdrawal-form`" in summary


def test_exit_zero_reports_but_does_not_fail(shops: dict[str, str], tmp_path: Path) -> None:
    proc = ci(shops["broken"], tmp_path, "--exit-zero", "--format", "markdown")
    assert proc.returncode == 0, proc.stderr
    assert "--exit-zero" in proc.stderr
    assert sorted(p.name for p in (tmp_path / "audit-reports").iterdir() if p.suffix == ".md") == ["summary.md"]


WAIVERS = """
[[tool.auditor.waivers]]
rule = "withdrawal-form"
url = "http://127.0.0.71:*"
reason = "New terms page with the model form ships in release 4.2"
expires = 2027-01-31
"""


def test_waiver_passes_until_it_expires(shops: dict[str, str], tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "shop"\n\n[tool.auditor]\nfail-on = "high"\n'
                                             + WAIVERS, encoding="utf-8")
    proc = ci(shops["broken"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "pyproject.toml" in proc.stderr
    form = next(r for r in sarif(tmp_path)["runs"][0]["results"] if r["ruleId"] == "withdrawal-form")
    assert form["suppressions"][0]["justification"].startswith("New terms page")
    skipped = junit_cases(tmp_path)["withdrawal-form"].find("skipped")
    assert skipped is not None and "31 January 2027" in skipped.get("message", "")  # dates by locale
    summary = (tmp_path / "audit-reports" / "summary.md").read_text("utf-8")
    assert "release 4\\.2" in summary
    [site] = json.loads((tmp_path / "audit-reports" / "result.json").read_text("utf-8"))["sites"]
    waived = next(o for o in site["rules"] if o["rule"] == "withdrawal-form")
    assert waived["outcome"] == "fail" and waived["waiver"]["expired"] is False, "waived findings stay visible"
    html = next((tmp_path / "audit-reports").glob("*.html")).read_text("utf-8")
    assert "Waived" in html and "release 4.2" in html

    expired = ci(shops["broken"], tmp_path, "--as-of", "2027-02-01")
    assert expired.returncode == 1, expired.stderr
    assert "expired" in expired.stderr
    assert "Expired waivers" in (tmp_path / "audit-reports" / "summary.md").read_text("utf-8")


@pytest.mark.parametrize(
    ("config", "named"),
    [
        ('fail-unde = 80\n', "fail-unde"),
        ('fail-under = 180\n', "fail-under"),
        ('fail-on = "severe"\n', "fail-on"),
        ('skip = ["no-such-rule"]\n', "no-such-rule"),
        ('[[waivers]]\nrule = "withdrawal-form"\nreason = "later"\n', "expires"),
        ('[[waivers]]\nrule = "withdrawal-form"\nreason = " "\nexpires = 2027-01-01\n', "reason"),
        ('fail-under = \n', "not valid TOML"),
    ],
)
def test_broken_configuration_exits_2_naming_the_key(
    shops: dict[str, str], tmp_path: Path, config: str, named: str
) -> None:
    (tmp_path / "auditor.toml").write_text(config, encoding="utf-8")
    proc = ci(shops["good"], tmp_path)
    assert proc.returncode == 2, proc.stderr
    assert named in proc.stderr and "auditor.toml" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "audit-reports").exists(), "nothing is crawled with a broken configuration"


def test_baseline_reports_only_new_failures(shops: dict[str, str], tmp_path: Path) -> None:
    first = ci(shops["broken"], tmp_path, "--exit-zero", "--output", "base")
    assert first.returncode == 0, first.stderr
    proc = ci(shops["broken"], tmp_path, "--baseline", "base/result.json")
    assert proc.returncode == 0, proc.stderr
    form = next(r for r in sarif(tmp_path)["runs"][0]["results"] if r["ruleId"] == "withdrawal-form")
    assert form["baselineState"] == "unchanged"
    summary = (tmp_path / "audit-reports" / "summary.md").read_text("utf-8")
    assert "Since the baseline" in summary and "Still failing" in summary
    # The compliant shop against the broken baseline: everything is fixed, nothing new.
    fixed = ci(shops["good"], tmp_path, "--baseline", "base/result.json")
    assert fixed.returncode == 0, fixed.stderr
    assert "`withdrawal-form`" in (tmp_path / "audit-reports" / "summary.md").read_text("utf-8").split("Fixed")[1]


def test_fail_under_and_unreachable_site(shops: dict[str, str], tmp_path: Path) -> None:
    low = ci(shops["broken"], tmp_path, "--fail-on", "critical", "--fail-under", "99")
    assert low.returncode == 1, low.stderr
    assert "below fail-under 99" in low.stderr
    down = ci("http://127.0.0.1:9/", tmp_path)
    assert down.returncode == 2, down.stderr
    assert "was not audited" in down.stderr


def test_reports_in_swedish(shops: dict[str, str], tmp_path: Path) -> None:
    (tmp_path / "auditor.toml").write_text('lang = "sv"\n', encoding="utf-8")
    proc = ci(shops["broken"], tmp_path, "--exit-zero")
    assert proc.returncode == 0, proc.stderr
    out = tmp_path / "audit-reports"
    assert "auditor: underkänd" in (out / "summary.md").read_text("utf-8")
    log = sarif(tmp_path)
    form = next(r for r in log["runs"][0]["results"] if r["ruleId"] == "withdrawal-form")
    assert "ångerblankett" in form["message"]["text"].lower() or "standardformulär" in form["message"]["text"]
    rule = next(r for r in log["runs"][0]["tool"]["driver"]["rules"] if r["id"] == "withdrawal-form")
    assert "Rättslig grund" in rule["help"]["text"]
    html = next(out.glob("*.html")).read_text("utf-8")
    assert '<html lang="sv"' in html and "Varför det är viktigt" in html
    failure = junit_cases(tmp_path)["withdrawal-form"].find("failure")
    assert failure is not None and "Bevis:" in (failure.text or "")
