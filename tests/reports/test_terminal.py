"""Terminal summary: outcomes per rule, not-audited reasons, no rich markup injection."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from rich.console import Console

from auditor.models import (
    AuditResult,
    Category,
    CategoryScore,
    Outcome,
    RuleOutcome,
    Severity,
    SiteResult,
    SiteStatus,
    ToolInfo,
)
from auditor.reports.terminal import print_summary

HOSTILE_URL = "https://evil.example/[bold red]pwned[/bold red]"


def _rule(rule: str, outcome: Outcome) -> RuleOutcome:
    return RuleOutcome(
        rule=rule,
        title=rule,
        outcome=outcome,
        message="",
        category=Category.CONTACT,
        severity=Severity.MEDIUM,
        weight=1.0,
    )


def _result() -> AuditResult:
    audited = SiteResult(
        url=HOSTILE_URL,
        status=SiteStatus.AUDITED,
        jurisdiction="se",
        score=62.5,
        categories=[CategoryScore(category=Category.CONTACT, score=62.5, counted=3)],
        rules=[
            _rule("email-address", Outcome.PASS),
            _rule("postal-address", Outcome.FAIL),
            _rule("phone-number", Outcome.PARTIAL),
            _rule("company-identity", Outcome.NEEDS_REVIEW),
            _rule("vat-number", Outcome.NOT_APPLICABLE),
            _rule("complaints-body", Outcome.ERROR),
        ],
    )
    skipped = SiteResult(
        url="https://www.shop.se",
        status=SiteStatus.NOT_AUDITED,
        reason="DNS lookup failed [red]x[/red]",
        jurisdiction="se",
    )
    return AuditResult(
        tool=ToolInfo(version="0.1.0"),
        generated_at=datetime(2025, 3, 4, 9, 20, tzinfo=UTC),
        as_of=date(2025, 3, 1),
        sites=[audited, skipped],
    )


def _render(report_paths: dict[str, Path] | None = None) -> str:
    console = Console(record=True, width=200, color_system=None)
    print_summary(_result(), console, report_paths)
    return console.export_text()


def test_outcomes_and_scores() -> None:
    text = _render()
    for needle in ["✘ fail postal-address", "◐ partial phone-number", "? review company-identity",
                   "! error complaints-body", "62.5", "1 of 6 rules pass"]:
        assert needle in text, needle
    # Passes and n/a are counted, not listed: the table stays narrow however many rules run.
    assert "email-address" not in text
    assert "vat-number" not in text
    assert "2 sites: 1 audited, 1 not audited; findings: 1 failed, 1 need review." in text
    assert "Audit as of 1 March 2025" in text
    assert "not audited: DNS lookup failed" in text


def test_markup_in_crawled_strings_is_literal() -> None:
    text = _render()
    assert "[bold red]pwned[/bold red]" in text
    assert "[red]x[/red]" in text


def test_report_paths_listed(tmp_path: Path) -> None:
    paths = {
        HOSTILE_URL: tmp_path / "evil-example.html",
        "https://www.shop.se": tmp_path / "[b]www-shop-se.html",
    }
    text = _render(paths)
    assert str(paths[HOSTILE_URL]) in text
    assert "[b]www-shop-se.html" in text


def test_category_columns_and_narrow_terminal() -> None:
    wide = Console(record=True, width=160, color_system=None)
    print_summary(_result(), wide)
    assert "Contact" in wide.export_text()
    console = Console(record=True, width=80, color_system=None)  # a CI log: findings first
    print_summary(_result(), console)
    text = console.export_text()
    assert "Contact" not in text
    assert max(len(line) for line in text.splitlines()) <= 80
    assert "postal-address" in text


def test_many_reports_are_summarised_by_folder(tmp_path: Path) -> None:
    sites = [SiteResult(url=f"https://shop{i}.se/", status=SiteStatus.AUDITED, jurisdiction="se") for i in range(12)]
    result = AuditResult(tool=ToolInfo(version="0.1.0"), generated_at=datetime(2025, 3, 4, tzinfo=UTC),
                         as_of=date(2025, 3, 1), sites=sites)
    console = Console(record=True, width=120, color_system=None)
    print_summary(result, console, {s.url: tmp_path / f"{i}.html" for i, s in enumerate(sites)})
    text = console.export_text()
    assert f"12 reports written to {tmp_path}" in text.replace("\n", "")
    assert "Report for" not in text


def test_swedish_summary() -> None:
    console = Console(record=True, width=200, color_system=None)
    print_summary(_result(), console, lang="sv")
    text = console.export_text()
    for needle in ["✘ underkänd postal-address", "◐ delvis phone-number", "? granskas company-identity",
                   "! fel complaints-body", "1 av 6 regler godkända", "2 webbplatser – granskade: 1, inte granskade: 1",
                   "inte granskad: DNS lookup failed [red]x[/red]", "Kontakt"]:
        assert needle in text, needle
    assert "[bold red]pwned[/bold red]" in text
