"""The batch index: every site of a run with its scores, what each score rests on, a score
distribution and the rules that fail most often, as one self-contained HTML page, the same
table as ``batch.csv``, and every finding of every site as ``findings.csv``.

The index is written in any report language (``lang``), like the site reports, one file per
language (``index.html``, ``index.sv.html``); ``batch.csv`` keeps its column names and status
codes in English (they are data for other programs), only a not-audited site's reason is in
``lang`` (``batch.sv.csv``).

The index ranks: its table starts sorted by score, highest first, and a site whose score is
*incomplete* (too little of its rules' weight decided, ``auditor/reports/coverage.py``) is
never ranked among the others: it comes after every ranked site, whatever the direction of the
sort, and the distribution counts it apart. The charts are HTML (a table with bars), so no
label is ever clipped and a screen reader reads them as tables; the failures chart shows each
rule's failure *rate* (sites failing / sites where it was decided), not a count that grows with
the number of sites that happen to be judged.

Sorting and filtering need a script. The page's Content-Security-Policy allows exactly one:
the inline script of ``batch.js``, by its SHA-256 hash (no ``'unsafe-inline'``), so nothing a
crawled page brought into the index could ever run. Without scripts the page is complete:
the table is already ranked and its header says so (``aria-sort``); the script adds a button
to each column header (keyboard: Tab, Enter or Space) and the filter form, which stays hidden
until then. Pre-sorted copies of the page, one per column and direction, were the other way
without scripts: 26 files per language for one table, and the filter would still need a
script. The filter matches the site's status exactly (``audited`` never shows ``not audited``).

``findings.csv`` (:func:`write_findings_csv`) is for journalists and analysts: one row per site
and rule, RFC 4180, UTF-8 with a byte-order mark so that spreadsheet programs read its letters
right, and every text cell guarded against formula injection (:func:`csv_cell`): a page that
writes ``=HYPERLINK(...)`` where a message quotes it gets a quote before it, never a formula.

Crawled text (site names come from the user's list, URLs from it too, but findings from the
sites) is escaped by Jinja's autoescape; the script reads only ``data-`` attributes.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, TextIO

from markupsafe import Markup, escape

from auditor.i18n import (
    DEFAULT_LANG,
    Text,
    as_text,
    check_lang,
    country_name,
    format_number,
    format_share,
    localized,
    ui_plural,
)
from auditor.models import AuditResult, Category, Outcome, RuleInfo, SiteResult, SiteStatus
from auditor.reports.base import write_text_atomic
from auditor.reports.coverage import (
    RANK_GROUPS,
    band_class,
    band_label,
    band_legend,
    coverage_of,
    coverage_words,
    rank_group,
    ranking_label,
)
from auditor.reports.html import _environment, report_file

CATEGORIES = [c.value for c in Category]

#: The columns of ``findings.csv``, in order.
FINDINGS_COLUMNS: tuple[str, ...] = (
    "site", "trader", "jurisdiction", "status", "rule", "title", "category", "severity", "outcome", "message",
    "evidence_url", "report",
)


# --------------------------------------------------------------------------- the table


def batch_rows(result: AuditResult, reports: Mapping[str, str], names: Mapping[str, str],
               tags: Mapping[str, str], *, lang: str = DEFAULT_LANG) -> list[dict[str, Any]]:
    """One row per site, in the list's order: scores, what the score rests on, counts of
    findings, and the reason (in ``lang``) when not audited."""
    check_lang(lang)
    return [batch_row(position, site, reports.get(site.url, ""), names, tags, lang=lang)
            for position, site in enumerate(result.sites)]


def batch_row(position: int, site: SiteResult, report: str, names: Mapping[str, str], tags: Mapping[str, str], *,
              lang: str = DEFAULT_LANG) -> dict[str, Any]:
    """The row of one site (:func:`batch_rows`), ``position`` in the list, linked to ``report``:
    all the batch table keeps of a site, so that a batch's index is built one site at a time."""
    scores = {c.category.value: c.score for c in site.categories}
    counts = Counter(o.outcome for o in site.rules)
    coverage = coverage_of(site) or {}
    return {
        "position": position,
        "url": site.url,
        "name": names.get(site.url, ""),
        "tags": tags.get(site.url, ""),
        "jurisdiction": site.jurisdiction,
        "status": site.status.value,
        "reason": site.reason_i18n.get(lang) or site.reason or "",
        "score": site.score,
        "rank": rank_group(site),
        "band": band_class(site),
        "band_label": band_label(site, lang),
        "coverage": coverage_words(site, lang),
        "not_ranked": ranking_label(site, lang),
        "decided": coverage.get("decided"),
        "applicable": coverage.get("applicable"),
        "decided_share": coverage.get("decided_share"),
        "categories": {c: scores.get(c) for c in CATEGORIES},
        "fails": counts.get(Outcome.FAIL, 0),
        "partials": counts.get(Outcome.PARTIAL, 0),
        "reviews": counts.get(Outcome.NEEDS_REVIEW, 0),
        "report": report,
    }


def ranked(rows: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The rows as the index first shows them: ranked sites by score, highest first, then
    incomplete scores (by score), sites without a score, and sites not audited; the list's
    order among equals."""
    def key(row: Mapping[str, Any]) -> tuple[int, float, int]:
        score = row["score"]
        return (RANK_GROUPS[row["rank"]], -score if score is not None else 0.0, row["position"])

    return sorted(rows, key=key)


def write_batch_csv(rows: list[dict[str, Any]], path: Path) -> Path:
    """Write the rows as ``path`` (``batch.csv``), atomically. The columns after ``report``
    (since schema 1.7) say what each score rests on: rules decided of those that apply, the
    decided share of their weight, the band, and whether the site is ranked."""
    handle = io.StringIO(newline="")
    writer = csv.writer(handle)
    writer.writerow(["url", "name", "tags", "jurisdiction", "status", "score", *CATEGORIES,
                     "fails", "partials", "needs_review", "reason", "report",
                     "decided", "applicable", "decided_weight_share", "band", "ranking"])
    for r in rows:
        share = r["decided_share"]
        writer.writerow([
            csv_cell(r["url"]), csv_cell(r["name"]), csv_cell(r["tags"]), r["jurisdiction"], r["status"],
            "" if r["score"] is None else f"{r['score']:.1f}",
            *("" if r["categories"][c] is None else f"{r['categories'][c]:.1f}" for c in CATEGORIES),
            r["fails"], r["partials"], r["reviews"], csv_cell(r["reason"]), csv_cell(r["report"]),
            "" if r["decided"] is None else r["decided"], "" if r["applicable"] is None else r["applicable"],
            "" if share is None else f"{share:.3f}", r["band"] if r["rank"] == "ranked" else "", r["rank"],
        ])
    return write_text_atomic(path, handle.getvalue(), newline="")


#: What makes a spreadsheet read a cell as a formula (or a command, in older programs), after
#: any leading blanks: OWASP's list, and the full-width forms some programs take for the same.
_FORMULA_START = re.compile("^[\\s\u3000]*[=+\\-@\uff1d\uff0b\uff0d\uff20]|^[\t\r\n]")


def csv_cell(text: str) -> str:
    """A text cell that no spreadsheet runs: one that starts (after blanks) with ``=``, ``+``,
    ``-`` or ``@``, or with a tab or line break, gets a ``'`` before it, which the programs show
    as text. Applied to every cell whose text the tool did not write itself."""
    return "'" + text if _FORMULA_START.match(text) else text


# --------------------------------------------------------------------------- findings.csv


def _first_evidence_url(evidence: Sequence[Any]) -> str:
    return next((str(item.url) for item in evidence if item.url), "")


def findings_rows(result: AuditResult, names: Mapping[str, str], reports: Mapping[str, str], *,
                  lang: str = DEFAULT_LANG) -> list[dict[str, str]]:
    """One row per site and rule (:data:`FINDINGS_COLUMNS`), sites in the list's order, each
    site's rules most urgent first (fail, partial, needs review, error, pass, not applicable); a
    site not audited is one row with its reason as the message. Codes (status, rule, category,
    severity, outcome) in English, title and message in ``lang``."""
    check_lang(lang)
    return [row for site in result.sites for row in site_findings_rows(site, names, reports, lang=lang)]


_URGENCY = {o: n for n, o in enumerate((Outcome.FAIL, Outcome.PARTIAL, Outcome.NEEDS_REVIEW, Outcome.ERROR,
                                        Outcome.PASS, Outcome.NOT_APPLICABLE))}


def site_findings_rows(site: SiteResult, names: Mapping[str, str], reports: Mapping[str, str], *,
                       lang: str = DEFAULT_LANG) -> list[dict[str, str]]:
    """The rows of :func:`findings_rows` of one site."""
    base = {"site": site.url, "trader": names.get(site.url, ""), "jurisdiction": site.jurisdiction,
            "status": site.status.value, "report": reports.get(site.url, "")}
    if site.status is not SiteStatus.AUDITED:
        return [{**base, "rule": "", "title": "", "category": "", "severity": "", "outcome": "not_audited",
                 "message": localized(site, "reason", lang), "evidence_url": ""}]
    return [{**base, "rule": rule.rule, "title": localized(rule, "title", lang), "category": rule.category.value,
             "severity": rule.severity.value, "outcome": rule.outcome.value,
             "message": localized(rule, "message", lang), "evidence_url": _first_evidence_url(rule.evidence)}
            for rule in sorted(site.rules, key=lambda o: (_URGENCY.get(o.outcome, 9), o.rule))]


def findings_csv(rows: Sequence[Mapping[str, str]]) -> str:
    """The rows as CSV text for a spreadsheet: a byte-order mark, a header, CRLF line ends,
    fields quoted where RFC 4180 asks, every cell guarded by :func:`csv_cell`."""
    handle = io.StringIO(newline="")
    writer = findings_writer(handle)
    for row in rows:
        writer(row)
    return handle.getvalue()


def findings_writer(handle: TextIO) -> Callable[[Mapping[str, str]], None]:
    """Start ``findings.csv`` on ``handle`` (opened with ``newline=""``): the byte-order mark and
    the header; the function returned writes one row (:func:`findings_csv`, row by row)."""
    handle.write("\ufeff")
    writer = csv.writer(handle, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(FINDINGS_COLUMNS)

    def write(row: Mapping[str, str]) -> None:
        writer.writerow([csv_cell(_one_line_end(row.get(column, ""))) for column in FINDINGS_COLUMNS])

    return write


def _one_line_end(text: str) -> str:
    """Line breaks inside a cell as one kind (LF), which every spreadsheet program reads."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def write_findings_csv(result: AuditResult, path: Path, names: Mapping[str, str] | None = None,
                       reports: Mapping[str, str] | None = None, *, lang: str = DEFAULT_LANG) -> Path:
    """Write ``findings.csv`` (every site's every rule, :func:`findings_rows`) as ``path``, atomically."""
    rows = findings_rows(result, names or {}, reports or {}, lang=lang)
    return write_text_atomic(path, findings_csv(rows), newline="")


# --------------------------------------------------------------------------- the charts


class BatchTotals:
    """What the index's charts count over the sites, added one site at a time (:meth:`add`):
    fails and judgements per rule, ranked sites per score band, and the least decided share a
    score may rest on (from the first site with a coverage)."""

    def __init__(self) -> None:
        self.fails: Counter[str] = Counter()
        self.judged: Counter[str] = Counter()
        self.bands = [0] * 10
        self.min_share: float | None = None

    @classmethod
    def of(cls, sites: Iterable[SiteResult]) -> BatchTotals:
        totals = cls()
        for site in sites:
            totals.add(site)
        return totals

    def add(self, site: SiteResult) -> None:
        if self.min_share is None and (c := coverage_of(site)):
            self.min_share = float(c["min_share"])
        if site.score is not None and rank_group(site) == "ranked":
            self.bands[min(9, int(site.score // 10))] += 1
        if site.status is not SiteStatus.AUDITED:
            return
        for o in site.rules:
            if o.outcome in (Outcome.PASS, Outcome.PARTIAL, Outcome.FAIL):
                self.judged[o.rule] += 1
            if o.outcome is Outcome.FAIL:
                self.fails[o.rule] += 1

    def rule_failures(self) -> list[tuple[str, int, int]]:
        """:func:`rule_failures` of the sites added."""
        judged = self.judged
        return sorted(((r, n, judged[r]) for r, n in self.fails.items()), key=lambda t: (-t[1] / t[2], -t[1], t[0]))


def rule_failures(result: AuditResult) -> list[tuple[str, int, int]]:
    """(rule, fails, sites judged) for every rule that failed somewhere, the highest failure
    rate first (then the most failures, then the rule). A site judges a rule when the rule
    passed, partly passed or failed there."""
    return BatchTotals.of(result.sites).rule_failures()


def distribution(result: AuditResult) -> list[int]:
    """Ranked sites per score band 0-9, 10-19, ..., 90-100 (incomplete scores are not ranked)."""
    return BatchTotals.of(result.sites).bands


def _rule_titles(catalogue: Iterable[RuleInfo], lang: str) -> dict[str, str]:
    """Each rule's name (its title) in ``lang``, from the result's catalogue."""
    return {info.id: localized(info, "title", lang) for info in catalogue}


def _failure_bars(header: AuditResult, totals: BatchTotals, lang: str) -> list[dict[str, Any]]:
    titles = _rule_titles(header.rule_catalogue, lang)
    return [{"rule": rule, "title": titles.get(rule) or rule, "width": f"{100 * fails / judged:.1f}",
             "text": ui_plural("{fails} of {n} site", "{fails} of {n} sites", judged, lang, fails=fails),
             "rate": format_share(fails / judged, lang)}
            for rule, fails, judged in totals.rule_failures()]


def _distribution_bars(totals: BatchTotals, lang: str) -> list[dict[str, Any]]:
    bands = totals.bands
    top = max(bands) or 1
    bars = []
    for index in reversed(range(10)):  # 90-100 first, as a ranking reads
        low, high = index * 10, 100 if index == 9 else index * 10 + 9
        band = "high" if low >= 80 else "middle" if low >= 50 else "low"
        bars.append({"label": f"{format_number(low, lang)}–{format_number(high, lang)}", "n": bands[index],
                     "width": f"{100 * bands[index] / top:.1f}", "band": band})
    return bars


# --------------------------------------------------------------------------- the page

#: Where a URL may wrap in a narrow column: after a slash, before a query or fragment, after a
#: dot or hyphen between letters. Never inside a number (an address, a port, a date in a path).
_URL_BREAK = re.compile(r"(?<=/)(?=[^/])|(?=[?&#])|(?<=[^\W\d_][.-])(?=[^\W\d_])")


def breakable_url(url: str) -> Markup:
    """``url`` escaped, with ``<wbr>`` where it may wrap (:data:`_URL_BREAK`)."""
    parts = _URL_BREAK.split(url)
    return Markup("<wbr>").join(escape(part) for part in parts)


@cache
def index_script() -> tuple[str, str]:
    """The index's one script (``templates/batch.js``) and its CSP source, ``'sha256-…'``."""
    text = (resources.files("auditor") / "reports" / "templates" / "batch.js").read_text(encoding="utf-8")
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return text, f"'sha256-{digest}'"


def _view_rows(rows: Sequence[Mapping[str, Any]], lang: str) -> list[dict[str, Any]]:
    """The rows as the template shows them: ranked, with words and sort keys."""
    out = []
    for row in ranked(rows):
        code = str(row["jurisdiction"])
        share = row["decided_share"]
        out.append({
            **row,
            "url_html": breakable_url(str(row["url"])),
            "country": country_name(code, lang) if len(code) == 2 else code.upper(),
            "search": " ".join(str(row[k]) for k in ("url", "name", "tags", "jurisdiction")).lower(),
            "share_sort": "" if share is None else f"{share:.4f}",
        })
    return out


def render_batch_html(result: AuditResult, rows: list[dict[str, Any]], run_label: Text | str, *,
                      lang: str = DEFAULT_LANG, versions: Sequence[Mapping[str, str]] = (),
                      totals: BatchTotals | None = None) -> str:
    """The batch index page in ``lang``; ``versions`` links the index in other languages
    (:func:`auditor.reports.html.language_versions`); ``run_label`` in words of ``lang``.
    ``totals``: the charts' counts when ``result`` is the run without its sites (a batch written
    site by site); else they are counted from ``result.sites``. The page reads nothing else of
    the sites than ``rows`` and ``totals``."""
    template = _environment(check_lang(lang)).get_template("batch.html.j2")
    if totals is None:
        totals = BatchTotals.of(result.sites)
    audited = [r for r in rows if r["status"] == "audited"]
    script, script_hash = index_script()
    return template.render(
        run=result.model_dump(mode="json", exclude={"sites"}), rows=_view_rows(rows, lang),
        run_label=as_text(run_label).get(lang),
        categories=CATEGORIES, bands=_distribution_bars(totals, lang), failures=_failure_bars(result, totals, lang),
        audited=len(audited), not_audited=len(rows) - len(audited),
        incomplete=sum(1 for r in rows if r["rank"] == "incomplete"),
        legend=band_legend(lang, totals.min_share) if totals.min_share is not None else [],
        show_tags=any(r["tags"] for r in rows),
        script=Markup(script), script_hash=script_hash,  # the package's own file, never crawled text
        versions=[v for v in versions if v.get("lang") != lang],
    )


def write_index_html(result: AuditResult, rows: list[dict[str, Any]], run_label: Text | str, path: Path, *,
                     lang: str = DEFAULT_LANG, versions: Sequence[Mapping[str, str]] = (),
                     totals: BatchTotals | None = None) -> Path:
    """Write the batch index page as ``path`` (``index.html``) in ``lang``, atomically."""
    return write_text_atomic(path, render_batch_html(result, rows, run_label, lang=lang, versions=versions,
                                                     totals=totals))


def write_batch_index(result: AuditResult, out_dir: Path, reports: Mapping[str, str], names: Mapping[str, str],
                      tags: Mapping[str, str], run_label: str, *, lang: str = DEFAULT_LANG) -> tuple[Path, Path]:
    """Write ``index.html`` and ``batch.csv`` into ``out_dir`` in ``lang`` (``index.sv.html``
    and ``batch.sv.csv`` in Swedish: :func:`~auditor.reports.html.report_file`); both paths."""
    rows = batch_rows(result, reports, names, tags, lang=lang)
    index = write_index_html(result, rows, run_label, out_dir / report_file("index", lang), lang=lang)
    return index, write_batch_csv(rows, out_dir / report_file("batch", lang, ".csv"))


__all__ = [
    "CATEGORIES",
    "FINDINGS_COLUMNS",
    "BatchTotals",
    "batch_row",
    "batch_rows",
    "breakable_url",
    "csv_cell",
    "distribution",
    "findings_csv",
    "findings_rows",
    "findings_writer",
    "index_script",
    "ranked",
    "render_batch_html",
    "rule_failures",
    "site_findings_rows",
    "write_batch_csv",
    "write_batch_index",
    "write_findings_csv",
    "write_index_html",
]
