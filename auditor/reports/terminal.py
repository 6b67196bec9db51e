"""A one-screen summary of an audit run for the terminal, drawn with rich.

One table row per site: URL, overall score, the score of each category and the findings that
need a reader's attention (fail, partial, needs review, error; passes are only counted), so
the table stays readable at 80 columns however many rules run. Below it, where each site's
report was written. Crawled strings (URLs, reasons) are passed through
:func:`rich.markup.escape` so that text such as ``[bold red]`` on a page is printed as it is
and never read as markup.

Beside each score it says what the score rests on (``auditor/reports/coverage.py``): over how
many of the rules that apply, how many need review; a score with too little decided is marked
*incomplete* and not coloured by its band, and the closing line counts those not ranked.

The summary is printed in any report language (``lang``), numbers in its way (``62,5``); its
words come from the report catalogs (``auditor/locale``) through :func:`auditor.i18n.ui`; they
hold no markup.
"""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from auditor.i18n import DEFAULT_LANG, N_, check_lang, format_day, format_number, ui, ui_plural
from auditor.models import AuditResult, Category, Outcome, SiteResult, SiteStatus
from auditor.reports.coverage import band_class, coverage_words, rank_group, ranking_label
from auditor.reports.html import category_short

__all__ = ["OUTCOME_CELLS", "outcome_cell", "print_summary"]

#: Style, symbol and short word per outcome, so colour is not the only cue.
_OUTCOME_STYLE: dict[Outcome, tuple[str, str, str]] = {
    Outcome.PASS: ("green", "✔", N_("pass")),
    Outcome.PARTIAL: ("yellow", "◐", N_("partial")),
    Outcome.FAIL: ("bold red", "✘", N_("fail")),
    Outcome.NEEDS_REVIEW: ("cyan", "?", N_("review")),
    Outcome.NOT_APPLICABLE: ("dim", "–", N_("n/a")),
    Outcome.ERROR: ("magenta", "!", N_("error")),
}


def outcome_cell(outcome: Outcome, lang: str = DEFAULT_LANG) -> str:
    """Short cell for an outcome in ``lang``: rich markup with a symbol and a word."""
    style, symbol, word = _OUTCOME_STYLE[outcome]
    return f"[{style}]{symbol} {escape(ui(word, lang))}[/]"


#: The English cells (``[bold red]✘ fail[/]``), as before report languages existed.
OUTCOME_CELLS: dict[Outcome, str] = {outcome: outcome_cell(outcome) for outcome in _OUTCOME_STYLE}


#: Style of a score by its band (the number itself tells the band too); an incomplete score is
#: dim, with the word under it.
_BAND_STYLE: dict[str, str] = {"high": "bold green", "middle": "bold yellow", "low": "bold red", "none": "bold"}


def _score_cell(site: SiteResult, lang: str) -> str:
    if site.status is not SiteStatus.AUDITED:
        return "[yellow]–[/]"
    if site.score is None:
        return f"[dim]{escape(ui('no score', lang))}[/]"
    number = escape(format_number(site.score, lang))
    if rank_group(site) == "incomplete":
        word = escape(ui("incomplete", lang))  # outside the f-string, where Babel finds it
        return f"[dim]{number}[/]\n[yellow]{word}[/]"
    return f"[{_BAND_STYLE.get(band_class(site), 'bold')}]{number}[/]"


#: Outcomes listed by name in the findings column, most serious first.
LISTED: tuple[Outcome, ...] = (Outcome.FAIL, Outcome.ERROR, Outcome.PARTIAL, Outcome.NEEDS_REVIEW)


def _categories(result: AuditResult) -> list[Category]:
    """Every category any site was scored in, in the order of :class:`Category`."""
    seen = {score.category for site in result.sites for score in site.categories}
    seen |= {rule.category for site in result.sites for rule in site.rules}
    return [category for category in Category if category in seen]


def _findings_cell(site: SiteResult, lang: str) -> str:
    if site.status is not SiteStatus.AUDITED:
        reason = site.reason_i18n.get(lang) or site.reason or ui("no reason recorded", lang)
        label = escape(ui("not audited:", lang))  # outside the f-string, where Babel finds it
        return f"[yellow]{label}[/] {escape(reason)}"
    lines = [
        f"{outcome_cell(outcome, lang)} {escape(rule.rule)}"
        for outcome in LISTED
        for rule in site.rules
        if rule.outcome is outcome
    ]
    passed = sum(rule.outcome is Outcome.PASS for rule in site.rules)
    tally = escape(ui("{passed} of {total} rules pass", lang, passed=passed, total=len(site.rules)))
    lines.append(f"[dim]{tally}[/]")
    if covered := coverage_words(site, lang):  # what the score rests on
        lines.append(f"[dim]{escape(covered)}[/]")
    if unranked := ranking_label(site, lang):
        lines.append(f"[yellow]{escape(unranked)}[/]")
    return "\n".join(lines)


#: Terminal width from which the per-category score columns are shown.
_WIDE = 110


def summary_site(site: SiteResult) -> SiteResult:
    """What :func:`print_summary` reads of a site (its status, scores, outcomes and saved-copy
    notes), without the evidence, the pages and the history: the summary of a run too big to
    hold is printed from these."""
    crawl = site.crawl.model_copy(update={"pages": [], "failures": []}) if site.crawl is not None else None
    return site.model_copy(update={"rules": [rule.model_copy(update={"evidence": [], "legal_refs": []})
                                             for rule in site.rules],
                                   "crawl": crawl, "history": None})


def print_summary(
    result: AuditResult,
    console: Console,
    report_paths: dict[str, Path] | None = None,
    *,
    lang: str = DEFAULT_LANG,
) -> None:
    """Print a summary table of ``result`` to ``console``, then the report path of each site.

    ``report_paths`` maps a site URL (``SiteResult.url``) to the file its report was written
    to; sites without an entry get no path line. ``lang`` is a report language
    (:data:`auditor.i18n.LANGS`): words, numbers and dates are written in its way.
    """
    check_lang(lang)

    def words(text: str, **params: object) -> str:
        """Catalogue words in ``lang``, escaped for rich; crawled values are escaped too."""
        return escape(ui(text, lang, **params))

    # A narrow terminal (a CI log is 80 columns) keeps the findings whole and drops the
    # per-category scores, which the reports show anyway.
    categories = _categories(result) if console.width >= _WIDE else []
    table = Table(title=words("Audit as of {date}", date=format_day(result.as_of, lang)), title_justify="left",
                  show_lines=True)
    table.add_column(words("Site"), overflow="fold", min_width=16)
    table.add_column(words("Score"), no_wrap=True, justify="right")
    for category in categories:
        table.add_column(escape(category_short(category.value, lang)), no_wrap=True, justify="right")
    table.add_column(words("Findings"), overflow="fold", min_width=20)

    for site in result.sites:
        scores = {score.category: score.score for score in site.categories}
        cells = [
            escape(format_number(value, lang)) if (value := scores.get(category)) is not None else "[dim]–[/]"
            for category in categories
        ]
        table.add_row(escape(site.url), _score_cell(site, lang), *cells, _findings_cell(site, lang))

    console.print(table)
    audited = sum(site.status is SiteStatus.AUDITED for site in result.sites)
    failed = sum(rule.outcome is Outcome.FAIL for site in result.sites for rule in site.rules)
    review = sum(rule.outcome is Outcome.NEEDS_REVIEW for site in result.sites for rule in site.rules)
    console.print(escape(ui_plural(
        "{n} site: {audited} audited, {not_audited} not audited; findings: {failed} failed, {review} need review.",
        "{n} sites: {audited} audited, {not_audited} not audited; findings: {failed} failed, {review} need review.",
        len(result.sites), lang, audited=audited, not_audited=len(result.sites) - audited, failed=failed,
        review=review,
    )))
    incomplete = sum(rank_group(site) == "incomplete" for site in result.sites)
    if incomplete:
        console.print("[yellow]" + escape(ui_plural(
            "{n} score is incomplete (too little of it decided) and is not ranked.",
            "{n} scores are incomplete (too little of them decided) and are not ranked.", incomplete, lang)) + "[/]")
    for site in result.sites:
        saved = site.crawl.saved_copy if site.crawl is not None else None
        if saved is None:
            continue
        when = (
            words("saved {date}", date=format_day(saved.saved_at_earliest, lang))
            if saved.saved_at_earliest else words("save date unknown")
        )
        console.print(
            "[yellow]" + words("saved copy:") + "[/] "
            + ui("{url} was audited from {folder} ({when}), not from the live site", lang,
                 url=escape(site.url), folder=escape(saved.folder), when=when)
        )
        if saved.case_mismatches:
            first = saved.case_mismatches[0]
            differ = escape(ui_plural("{n} link differs in letter case from the saved file",
                                      "{n} links differ in letter case from the saved file",
                                      len(saved.case_mismatches), lang))
            console.print(
                f"  [yellow]{differ}[/] "
                + ui("(e.g. {url} → {file}); reported, not fixed", lang, url=escape(first.url), file=escape(first.file))
            )
        if saved.missing:
            missing = escape(ui_plural("{n} linked page is not in the saved copy",
                                       "{n} linked pages are not in the saved copy", len(saved.missing), lang))
            console.print(f"  [dim]{missing}[/]")
    if report_paths and len(report_paths) > 10:
        folders = sorted({str(path.parent) for path in report_paths.values()})
        written = escape(ui_plural("{n} report written to", "{n} reports written to", len(report_paths), lang))
        console.print(f"[dim]{written}[/] {escape(', '.join(folders))}")
    elif report_paths:
        for site in result.sites:
            path = report_paths.get(site.url)
            if path is not None:
                console.print("[dim]" + words("Report for") + f"[/] {escape(site.url)}[dim]:[/] {escape(str(path))}")
