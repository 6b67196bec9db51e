"""One interface for every writer (``auditor.reports.write_reports``): the same bytes as each
writer alone, the batch index linking the site reports, refusals before anything is written,
the SARIF rule list from the result's catalogue, and reports that import no application code."""

from __future__ import annotations

import ast
import json
from datetime import date
from importlib import resources
from pathlib import Path

import pytest

from auditor import ci
from auditor.engine import rule_catalogue
from auditor.models import AuditResult, Outcome, Severity, SiteResult, SiteStatus
from auditor.registry import get_rule
from auditor.reports import WRITERS, BatchInfo, write_reports
from auditor.reports.batch import write_batch_index
from auditor.reports.html import write_html_reports
from auditor.reports.junit import render_junit
from auditor.reports.markdown import render_markdown
from auditor.reports.sarif import render_sarif
from tests import quiet_ast
from tests.test_ci_gate import FAILING, SITE, config, make_result, outcome

REPORTS = Path(str(resources.files("auditor"))) / "reports"


DOWN = "https://nere.example.se/"


def build_result() -> AuditResult:
    """One audited site with findings (and the catalogue of its rules), one not audited."""
    result = make_result(*FAILING)
    down = SiteResult(url=DOWN, status=SiteStatus.NOT_AUDITED, reason="robots.txt disallows the home page",
                      reason_i18n={"sv": "robots.txt förbjuder startsidan"}, jurisdiction="se")
    return result.model_copy(update={"sites": [*result.sites, down],
                                     "rule_catalogue": rule_catalogue(get_rule(o.rule) for o in FAILING)})


def _gated() -> tuple[AuditResult, ci.Gate]:
    result = build_result()
    baseline = make_result(outcome("withdrawal-period", Outcome.PARTIAL, Severity.CRITICAL))
    return result, ci.decide(result, config(), baseline)


def test_every_format_has_a_writer() -> None:
    assert list(WRITERS) == ["json", "html", "sarif", "junit", "markdown", "index", "csv", "findings", "pdf"]
    assert set(ci.CI_FORMATS) <= set(WRITERS)
    assert all(name == writer.name and writer.files for name, writer in WRITERS.items())


def test_ci_formats_are_the_writers_bytes(tmp_path: Path) -> None:
    result, gate = _gated()
    sources = {SITE: "<html>\n<p>x</p>"}
    written = write_reports(result, ["markdown", "junit", "sarif", "json", "html"], tmp_path / "out",
                            lang="sv", gate=gate, sources=sources)
    assert list(written.files) == ["json", "html", "sarif", "junit", "markdown"], "written in one fixed order"
    out = tmp_path / "out"
    assert written.paths() == [out / "result.json", *written.files["html"], out / "auditor.sarif",
                               out / "junit.xml", out / "summary.md"]
    assert AuditResult.model_validate_json((out / "result.json").read_bytes()) == result
    sarif = render_sarif(result, gate, lang="sv", sources=sources)
    assert (out / "auditor.sarif").read_text("utf-8") == json.dumps(sarif, indent=2, ensure_ascii=False) + "\n"
    assert (out / "junit.xml").read_text("utf-8") == render_junit(result, gate, lang="sv")
    assert (out / "summary.md").read_text("utf-8") == render_markdown(result, gate, lang="sv")
    alone = write_html_reports(result, tmp_path / "alone", lang="sv")
    assert [p.read_bytes() for p in written.files["html"]] == [p.read_bytes() for p in alone]
    assert written.site_reports == dict(zip([SITE, DOWN], written.files["html"], strict=True))
    assert not list(out.glob("*.tmp")), "no temporary file is left"


def test_batch_index_and_csv_link_the_site_reports(tmp_path: Path) -> None:
    result = build_result()
    batch = BatchInfo(names={SITE: "Butiken"}, tags={SITE: "kläder"}, run_label="run 4")
    written = write_reports(result, ["csv", "index", "html"], tmp_path / "new", lang="sv", batch=batch)
    [html, _] = written.files["html"]
    assert written.site_reports[SITE] == html
    old = tmp_path / "old"
    write_html_reports(result, old, lang="sv")
    links = {url: path.name for url, path in written.site_reports.items()}
    index, table = write_batch_index(result, old, links, batch.names, batch.tags, "run 4", lang="sv")
    assert written.files["index"][0].read_bytes() == index.read_bytes()
    assert written.files["csv"][0].read_bytes() == table.read_bytes()
    assert f",{html.name},".encode() in table.read_bytes()
    # Without the html format the index links nothing.
    bare = write_reports(result, ["index", "csv"], tmp_path / "bare", batch=batch)
    assert f",{html.name}" not in bare.files["csv"][0].read_text("utf-8")
    assert bare.site_reports == {}


@pytest.mark.parametrize(("formats", "message"), [
    (["json", "docx"], "unknown report format"),
    (["json", "pdf"], "needs a printer"),
    (["json", "sarif"], "need the CI gate"),
])
def test_refused_before_anything_is_written(tmp_path: Path, formats: list[str], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        write_reports(build_result(), formats, tmp_path / "out")
    assert not (tmp_path / "out").exists()
    with pytest.raises(ValueError, match="unknown report language"):
        write_reports(build_result(), ["json"], tmp_path / "out", lang="xx")


def test_sarif_lists_the_rules_of_the_result_not_of_today() -> None:
    result, gate = _gated()
    entry = result.rule_catalogue[0].model_copy(update={
        "description": "Words of back then.", "description_i18n": {"sv": "Dåtidens ord."}})
    then = result.model_copy(update={"rule_catalogue": [entry, *result.rule_catalogue[1:]]})
    for lang, words in (("en", "Words of back then."), ("sv", "Dåtidens ord.")):
        driver = render_sarif(then, gate, lang=lang)["runs"][0]["tool"]["driver"]
        assert [r["id"] for r in driver["rules"]] == [o.rule for o in FAILING]
        assert driver["rules"][0]["fullDescription"]["text"] == words
    # A result older than the catalogue: no rule list, and no result points into one.
    old = render_sarif(make_result(*FAILING), gate)["runs"][0]
    assert old["tool"]["driver"]["rules"] == [] and all("ruleIndex" not in r for r in old["results"])


FORBIDDEN = ("auditor.registry", "auditor.ci", "auditor.engine", "auditor.spiders", "auditor.browser",
             "auditor.store", "auditor.pipeline", "auditor.runner", "auditor.cli", "auditor.batch",
             "auditor.rules", "auditor.rule", "auditor.facts", "auditor.evidence", "auditor.scoring")


def _imports(path: Path) -> list[str]:
    names = []
    for node in ast.walk(quiet_ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names += [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
    return names


@pytest.mark.parametrize("module", sorted(REPORTS.glob("*.py")), ids=lambda p: p.name)
def test_reports_import_no_application_code(module: Path) -> None:
    bad = [name for name in _imports(module) if name.startswith("auditor")
           and any(name == f or name.startswith(f + ".") for f in FORBIDDEN)]
    assert not bad, f"{module.name} imports {bad}"


def test_an_old_result_without_a_catalogue_still_loads() -> None:
    data = build_result().model_dump(mode="json")
    del data["rule_catalogue"]
    data["schema_version"] = "1.5"
    old = AuditResult.model_validate(data)
    assert old.rule_catalogue == [] and old.as_of == date(2026, 12, 2)
