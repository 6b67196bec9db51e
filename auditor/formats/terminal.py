"""A one-screen summary of an audit run for the terminal, drawn with rich.

One table row per site: URL, overall score, the score of each category and the findings that
need a reader's attention (fail, partial, needs review, error; passes are only counted), so
the table stays readable at 80 columns however many rules run. Below it, where each site's
report was written. Crawled strings (URLs, reasons) are passed through
:func:`rich.markup.escape` so that text such as ``[bold red]`` on a page is printed as it is
and never read as markup.
"""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from auditor.models import AuditResult, Category, Outcome, SiteResult, SiteStatus

__all__ = ["OUTCOME_CELLS", "print_summary"]

#: Short cell per outcome: rich markup with a symbol and a word, so colour is not the only cue.
OUTCOME_CELLS: dict[Outcome, str] = {
    Outcome.PASS: "[green]✔ pass[/]",
    Outcome.PARTIAL: "[yellow]◐ partial[/]",
    Outcome.FAIL: "[bold red]✘ fail[/]",
    Outcome.NEEDS_REVIEW: "[cyan]? review[/]",
    Outcome.NOT_APPLICABLE: "[dim]– n/a[/]",
    Outcome.ERROR: "[magenta]! error[/]",
}


def _score_cell(site: SiteResult) -> str:
    if site.status is not SiteStatus.AUDITED:
        return "[yellow]–[/]"
    if site.score is None:
        return "[dim]no score[/]"
    return f"[bold]{_number(site.score)}[/]"


#: Outcomes listed by name in the findings column, most serious first.
LISTED: tuple[Outcome, ...] = (Outcome.FAIL, Outcome.ERROR, Outcome.PARTIAL, Outcome.NEEDS_REVIEW)


def _number(value: float) -> str:
    number = round(value, 1)
    return f"{number:.0f}" if number.is_integer() else f"{number:.1f}"


def _categories(result: AuditResult) -> list[Category]:
    """Every category any site was scored in, in the order of :class:`Category`."""
    seen = {score.category for site in result.sites for score in site.categories}
    seen |= {rule.category for site in result.sites for rule in site.rules}
    return [category for category in Category if category in seen]


def _findings_cell(site: SiteResult) -> str:
    if site.status is not SiteStatus.AUDITED:
        return f"[yellow]not audited:[/] {escape(site.reason or 'no reason recorded')}"
    lines = [
        f"{OUTCOME_CELLS[outcome]} {escape(rule.rule)}"
        for outcome in LISTED
        for rule in site.rules
        if rule.outcome is outcome
    ]
    passed = sum(rule.outcome is Outcome.PASS for rule in site.rules)
    lines.append(f"[dim]{passed} of {len(site.rules)} rules pass[/]")
    return "\n".join(lines)


def print_summary(
    result: AuditResult,
    console: Console,
    report_paths: dict[str, Path] | None = None,
) -> None:
    """Print a summary table of ``result`` to ``console``, then the report path of each site.

    ``report_paths`` maps a site URL (``SiteResult.url``) to the file its report was written
    to; sites without an entry get no path line.
    """
    categories = _categories(result)
    table = Table(title=f"Audit as of {result.as_of.isoformat()}", title_justify="left", show_lines=True)
    table.add_column("Site", overflow="fold", min_width=16)
    table.add_column("Score", no_wrap=True, justify="right")
    for category in categories:
        table.add_column(category.value.capitalize(), no_wrap=True, justify="right")
    table.add_column("Findings", overflow="fold", min_width=20)

    for site in result.sites:
        scores = {score.category: score.score for score in site.categories}
        cells = [
            _number(value) if (value := scores.get(category)) is not None else "[dim]–[/]"
            for category in categories
        ]
        table.add_row(escape(site.url), _score_cell(site), *cells, _findings_cell(site))

    console.print(table)
    audited = sum(site.status is SiteStatus.AUDITED for site in result.sites)
    failed = sum(rule.outcome is Outcome.FAIL for site in result.sites for rule in site.rules)
    review = sum(rule.outcome is Outcome.NEEDS_REVIEW for site in result.sites for rule in site.rules)
    console.print(
        f"{len(result.sites)} site(s): {audited} audited, {len(result.sites) - audited} not audited; "
        f"{failed} failed and {review} needs-review finding(s)."
    )
    for site in result.sites:
        saved = site.crawl.saved_copy if site.crawl is not None else None
        if saved is None:
            continue
        when = (
            f"saved {saved.saved_at_earliest:%Y-%m-%d}" if saved.saved_at_earliest else "save date unknown"
        )
        console.print(
            f"[yellow]saved copy:[/] {escape(site.url)} was audited from {escape(saved.folder)} ({when}), "
            "not from the live site"
        )
        if saved.case_mismatches:
            console.print(
                f"  [yellow]{len(saved.case_mismatches)} link(s) differ in letter case from the saved file[/] "
                f"(e.g. {escape(saved.case_mismatches[0].url)} → {escape(saved.case_mismatches[0].file)}); "
                "reported, not fixed"
            )
        if saved.missing:
            console.print(f"  [dim]{len(saved.missing)} linked page(s) are not in the saved copy[/]")
    if report_paths and len(report_paths) > 10:
        folders = sorted({str(path.parent) for path in report_paths.values()})
        console.print(f"[dim]{len(report_paths)} reports written to[/] {escape(', '.join(folders))}")
    elif report_paths:
        for site in result.sites:
            path = report_paths.get(site.url)
            if path is not None:
                console.print(f"[dim]Report for[/] {escape(site.url)}[dim]:[/] {escape(str(path))}")
