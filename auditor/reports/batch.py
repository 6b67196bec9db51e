"""The batch index: every site of a run with its scores, a score distribution and the rules
that fail most, as one self-contained HTML page (inline SVG and a small inline script for
sorting and filtering, no external assets), and the same table as ``batch.csv``.

The index is written in any report language (``lang``), like the site reports, one file per
language (``index.html``, ``index.sv.html``); ``batch.csv`` keeps its column names and status
codes in English (they are data for other programs), only a not-audited site's reason is in
``lang`` (``batch.sv.csv``).

Crawled text (site names come from the user's list, URLs from it too, but findings from the
sites) is escaped by Jinja's autoescape; the script reads only ``data-`` attributes.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from auditor.i18n import DEFAULT_LANG, Text, as_text, check_lang
from auditor.models import AuditResult, Category, Outcome, SiteStatus
from auditor.reports.base import write_text_atomic
from auditor.reports.html import _environment, report_file

CATEGORIES = [c.value for c in Category]


def batch_rows(result: AuditResult, reports: Mapping[str, str], names: Mapping[str, str],
               tags: Mapping[str, str], *, lang: str = DEFAULT_LANG) -> list[dict[str, Any]]:
    """One row per site: scores, counts of findings, and the reason (in ``lang``) when not audited."""
    check_lang(lang)
    rows = []
    for site in result.sites:
        scores = {c.category.value: c.score for c in site.categories}
        counts = Counter(o.outcome for o in site.rules)
        rows.append({
            "url": site.url,
            "name": names.get(site.url, ""),
            "tags": tags.get(site.url, ""),
            "jurisdiction": site.jurisdiction,
            "status": site.status.value,
            "reason": site.reason_i18n.get(lang) or site.reason or "",
            "score": site.score,
            "categories": {c: scores.get(c) for c in CATEGORIES},
            "fails": counts.get(Outcome.FAIL, 0),
            "partials": counts.get(Outcome.PARTIAL, 0),
            "reviews": counts.get(Outcome.NEEDS_REVIEW, 0),
            "report": reports.get(site.url, ""),
        })
    return rows


def write_batch_csv(rows: list[dict[str, Any]], path: Path) -> Path:
    """Write the rows as ``path`` (``batch.csv``), atomically."""
    handle = io.StringIO(newline="")
    writer = csv.writer(handle)
    writer.writerow(["url", "name", "tags", "jurisdiction", "status", "score", *CATEGORIES,
                     "fails", "partials", "needs_review", "reason", "report"])
    for r in rows:
        writer.writerow([
            _cell(r["url"]), _cell(r["name"]), _cell(r["tags"]), r["jurisdiction"], r["status"],
            "" if r["score"] is None else f"{r['score']:.1f}",
            *("" if r["categories"][c] is None else f"{r['categories'][c]:.1f}" for c in CATEGORIES),
            r["fails"], r["partials"], r["reviews"], _cell(r["reason"]), r["report"],
        ])
    return write_text_atomic(path, handle.getvalue(), newline="")


def _cell(text: str) -> str:
    """No spreadsheet formula injection: a cell starting with = + - @ is quoted as text."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def rule_failures(result: AuditResult) -> list[tuple[str, int, int]]:
    """(rule, fails, sites judged) for every rule that failed somewhere, most failures first."""
    fails: Counter[str] = Counter()
    judged: Counter[str] = Counter()
    for site in result.sites:
        if site.status is not SiteStatus.AUDITED:
            continue
        for o in site.rules:
            if o.outcome in (Outcome.PASS, Outcome.PARTIAL, Outcome.FAIL):
                judged[o.rule] += 1
            if o.outcome is Outcome.FAIL:
                fails[o.rule] += 1
    return sorted(((r, n, judged[r]) for r, n in fails.items()), key=lambda t: (-t[1], t[0]))


def distribution(result: AuditResult) -> list[int]:
    """Sites per score band 0-9, 10-19, ..., 90-100."""
    bands = [0] * 10
    for site in result.sites:
        if site.score is not None:
            bands[min(9, int(site.score // 10))] += 1
    return bands


def render_batch_html(result: AuditResult, rows: list[dict[str, Any]], run_label: Text | str, *,
                      lang: str = DEFAULT_LANG, versions: Sequence[Mapping[str, str]] = ()) -> str:
    """The batch index page in ``lang``; ``versions`` links the index in other languages
    (:func:`auditor.reports.html.language_versions`); ``run_label`` in words of ``lang``."""
    template = _environment(check_lang(lang)).get_template("batch.html.j2")
    audited = [r for r in rows if r["status"] == "audited"]
    return template.render(
        run=result.model_dump(mode="json"), rows=rows, run_label=as_text(run_label).get(lang), categories=CATEGORIES,
        bands=distribution(result), failures=rule_failures(result), audited=len(audited),
        not_audited=len(rows) - len(audited), versions=[v for v in versions if v.get("lang") != lang],
    )


def write_index_html(result: AuditResult, rows: list[dict[str, Any]], run_label: Text | str, path: Path, *,
                     lang: str = DEFAULT_LANG, versions: Sequence[Mapping[str, str]] = ()) -> Path:
    """Write the batch index page as ``path`` (``index.html``) in ``lang``, atomically."""
    return write_text_atomic(path, render_batch_html(result, rows, run_label, lang=lang, versions=versions))


def write_batch_index(result: AuditResult, out_dir: Path, reports: Mapping[str, str], names: Mapping[str, str],
                      tags: Mapping[str, str], run_label: str, *, lang: str = DEFAULT_LANG) -> tuple[Path, Path]:
    """Write ``index.html`` and ``batch.csv`` into ``out_dir`` in ``lang`` (``index.sv.html``
    and ``batch.sv.csv`` in Swedish: :func:`~auditor.reports.html.report_file`); both paths."""
    rows = batch_rows(result, reports, names, tags, lang=lang)
    index = write_index_html(result, rows, run_label, out_dir / report_file("index", lang), lang=lang)
    return index, write_batch_csv(rows, out_dir / report_file("batch", lang, ".csv"))
