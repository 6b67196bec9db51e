"""Every output of an audit, written from the :class:`~auditor.models.AuditResult` alone.

The reports read nothing but the result (and, for the CI formats, the gate decided on it):
rule titles, messages and evidence notes come from the result's ``*_i18n`` fields, what a rule
is and why it matters from its ``rule_catalogue``. They import only the models, i18n and each
other, never the registry, the engine, the crawler or the application.

The interface
-------------
``write_reports(result, formats, out_dir, *, lang="en", gate=None, sources=None,
assets_dir=None, batch=None) -> Written`` writes the chosen formats into ``out_dir`` (created
if need be) in ``lang`` (``"en"`` or a language with a catalog), in the order of
:data:`WRITERS`, each file atomically. ``formats`` are names of :data:`WRITERS` (unknown ones
raise ``ValueError`` before anything is written):

=========  ===================  ==================================================
format     writes               needs
=========  ===================  ==================================================
json       ``result.json``      -
html       ``<site>.html``      ``assets_dir`` (screenshots; default ``out_dir``)
sarif      ``auditor.sarif``    ``gate``; ``sources`` (page URL -> HTML) for lines
junit      ``junit.xml``        ``gate``
markdown   ``summary.md``       ``gate``
index      ``index.html``       ``batch`` (names, tags, run label); links the html
csv        ``batch.csv``        ``batch``
findings   ``findings.csv``     ``batch`` (names); one row per site and rule
pdf        ``<site>.pdf``       ``printer``; prints the html reports (written too)
=========  ===================  ==================================================

The reports a person reads (html, index, csv, findings) have a file per language: the names
above in English, ``<site>.sv.html``, ``index.sv.html``, ``batch.sv.csv`` in Swedish and so on
(:func:`~auditor.reports.html.report_file`), so a report in one language never overwrites
another; each HTML report links to the same report in the other languages the folder holds
from the same result. The CI formats keep their one name whatever the language: the tools that
read them look for that name, and a pipeline writes them in one language.

The PDFs follow the HTML reports' names (``<site>.pdf``, ``<site>.sv.pdf``): each is its HTML
report as Chromium prints it, with the report's print style sheet, for a letter to the trader.
The ``printer`` comes from the caller (the browser layer), so that the reports never import a
browser; when it cannot print, every other format is still written and
:attr:`Written.unavailable` says why.

:class:`Written` gives the paths by format (``written.files["sarif"]``), all of them in order
(``written.paths()``), and each site's HTML report by site URL (``written.site_reports``,
what :func:`auditor.reports.terminal.print_summary` takes). The terminal summary is no file
writer: call ``print_summary(result, console, written.site_reports, lang=lang)``.

A writer is anything with ``name``, ``files`` and ``write(result, target) -> list[Path]``
(:class:`~auditor.reports.base.Writer`); :class:`~auditor.reports.base.ReportTarget` carries
the folder, the language and the extras above.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from auditor.i18n import DEFAULT_LANG, check_lang
from auditor.models import AuditResult, Gate
from auditor.reports.base import (
    BatchInfo,
    FormatUnavailable,
    Printer,
    ReportTarget,
    Writer,
    write_text_atomic,
)
from auditor.reports.batch import batch_rows, write_batch_csv, write_findings_csv, write_index_html
from auditor.reports.html import (
    language_versions,
    languages_written,
    rendered_from,
    report_file,
    site_report_names,
    write_html_reports,
)
from auditor.reports.junit import write_junit
from auditor.reports.markdown import write_markdown
from auditor.reports.result import write_json
from auditor.reports.sarif import write_sarif

__all__ = [
    "WRITERS",
    "BatchInfo",
    "FileWriter",
    "FormatUnavailable",
    "Printer",
    "ReportTarget",
    "Writer",
    "Written",
    "write_json",
    "write_reports",
    "write_text_atomic",
]


@dataclass(frozen=True)
class FileWriter:
    """A :class:`Writer` made of a function: the writers of this package."""

    name: str
    files: str
    render: Callable[[AuditResult, ReportTarget], list[Path]]

    def write(self, result: AuditResult, target: ReportTarget) -> list[Path]:
        return self.render(result, target)


def _json(result: AuditResult, target: ReportTarget) -> list[Path]:
    return [write_json(result, target.out_dir)]


def _html(result: AuditResult, target: ReportTarget) -> list[Path]:
    return write_html_reports(result, target.out_dir, target.assets_dir, lang=target.lang, names=target.batch.names)


def _sarif(result: AuditResult, target: ReportTarget) -> list[Path]:
    return [write_sarif(result, target.require_gate("sarif"), target.out_dir / "auditor.sarif",
                        lang=target.lang, sources=target.sources)]


def _junit(result: AuditResult, target: ReportTarget) -> list[Path]:
    return [write_junit(result, target.require_gate("junit"), target.out_dir / "junit.xml", lang=target.lang)]


def _markdown(result: AuditResult, target: ReportTarget) -> list[Path]:
    return [write_markdown(result, target.require_gate("markdown"), target.out_dir / "summary.md",
                           lang=target.lang)]


def _rows(result: AuditResult, target: ReportTarget, lang: str | None = None) -> list[dict[str, Any]]:
    """The batch table in ``lang`` (default the target's), each site linked to its report in
    that language: the one just written, else one the folder holds from the same result."""
    lang = lang or target.lang
    if lang == target.lang and target.site_reports:
        links = {url: path.name for url, path in target.site_reports.items()}
    else:
        run = result.model_dump(mode="json", include={"generated_at"})
        links = {site.url: report_file(name, lang) for site, name in zip(result.sites, site_report_names(result),
                                                                         strict=True)
                 if rendered_from(target.out_dir / report_file(name, lang), run)}
    return batch_rows(result, links, target.batch.names, target.batch.tags, lang=lang)


def _index(result: AuditResult, target: ReportTarget) -> list[Path]:
    """The batch index in the target's language, linked to (and from) the index in each other
    language the folder holds from the same result."""
    run = result.model_dump(mode="json", include={"generated_at"})
    langs = languages_written(target.out_dir, "index", run, target.lang)
    versions = language_versions("index", langs)
    paths = []
    for lang in sorted(langs, key=lambda other: other != target.lang):  # the target's language first
        paths.append(write_index_html(result, _rows(result, target, lang), target.batch.run_label,
                                      target.out_dir / report_file("index", lang), lang=lang, versions=versions))
    return paths[:1]


def _csv(result: AuditResult, target: ReportTarget) -> list[Path]:
    return [write_batch_csv(_rows(result, target), target.out_dir / report_file("batch", target.lang, ".csv"))]


def _findings(result: AuditResult, target: ReportTarget) -> list[Path]:
    links = {url: path.name for url, path in target.site_reports.items()}
    return [write_findings_csv(result, target.out_dir / report_file("findings", target.lang, ".csv"),
                               target.batch.names, links, lang=target.lang)]


def _pdf(result: AuditResult, target: ReportTarget) -> list[Path]:
    """Each site's HTML report (just written) printed beside it: ``<site>.pdf``, ``<site>.sv.pdf``."""
    if target.printer is None:
        raise ValueError("the pdf report needs a printer (a browser to print the HTML reports with)")
    jobs = [(html, html.with_suffix(".pdf")) for html in target.site_reports.values()]
    try:
        return target.printer(jobs)
    except RuntimeError as exc:
        raise FormatUnavailable(str(exc)) from exc


#: Every file writer by format name, in the order :func:`write_reports` writes them (the batch
#: index after the site reports it links).
WRITERS: dict[str, Writer] = {
    writer.name: writer
    for writer in (
        FileWriter("json", "result.json", _json),
        FileWriter("html", "<site>.html", _html),  # <site>.<lang>.html in another language
        FileWriter("sarif", "auditor.sarif", _sarif),
        FileWriter("junit", "junit.xml", _junit),
        FileWriter("markdown", "summary.md", _markdown),
        FileWriter("index", "index.html", _index),
        FileWriter("csv", "batch.csv", _csv),
        FileWriter("findings", "findings.csv", _findings),
        FileWriter("pdf", "<site>.pdf", _pdf),  # printed from the HTML reports, so last
    )
}


@dataclass(frozen=True)
class Written:
    """What :func:`write_reports` wrote: paths by format in writing order, each site's HTML
    report by site URL (empty without ``html``), and the formats that could not be written this
    time with the reason (``unavailable["pdf"]``: no browser to print with)."""

    files: dict[str, list[Path]] = field(default_factory=dict)
    site_reports: dict[str, Path] = field(default_factory=dict)
    unavailable: dict[str, str] = field(default_factory=dict)

    def paths(self) -> list[Path]:
        return [path for paths in self.files.values() for path in paths]


def write_reports(
    result: AuditResult,
    formats: Iterable[str],
    out_dir: Path,
    *,
    lang: str = DEFAULT_LANG,
    gate: Gate | None = None,
    sources: Mapping[str, str] | None = None,
    assets_dir: Path | None = None,
    batch: BatchInfo | None = None,
    printer: Printer | None = None,
) -> Written:
    """Write ``formats`` of ``result`` into ``out_dir`` in ``lang``; see the module docstring.

    Raises ``ValueError`` for an unknown format or language, a CI format without ``gate`` or
    ``pdf`` without ``printer`` (before anything is written), and ``OSError`` when a file cannot
    be written. ``pdf`` writes the ``html`` reports too: it prints them."""
    check_lang(lang)
    chosen = set(formats)
    if "pdf" in chosen:
        chosen.add("html")
    unknown = sorted(chosen - WRITERS.keys())
    if unknown:
        raise ValueError(f"unknown report format(s) {', '.join(unknown)}; choose from {', '.join(WRITERS)}")
    target = ReportTarget(out_dir=out_dir, lang=lang, gate=gate, sources=sources, assets_dir=assets_dir,
                          batch=batch or BatchInfo(), printer=printer)
    if gate is None and (needing := sorted(chosen & {"sarif", "junit", "markdown"})):
        raise ValueError(f"the {', '.join(needing)} report(s) need the CI gate")
    if printer is None and "pdf" in chosen:
        raise ValueError("the pdf report needs a printer (a browser to print the HTML reports with)")
    out_dir.mkdir(parents=True, exist_ok=True)
    written = Written()
    for name, writer in WRITERS.items():
        if name not in chosen:
            continue
        try:
            paths = writer.write(result, target)
        except FormatUnavailable as exc:
            written.unavailable[name] = str(exc)
            paths = []
        written.files[name] = paths
        if name == "html":
            reports = {site.url: path for site, path in zip(result.sites, paths, strict=True)}
            written.site_reports.update(reports)
            target = replace(target, site_reports=reports)
    return written
