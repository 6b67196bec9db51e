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

A run too big to hold (a batch of thousands of sites) is written with ``write_reports_of(header,
sites, formats, out_dir, ...)``: ``header`` is the run without its sites, ``sites`` an iterable
read once, a site at a time (from the store). ``json``, ``html``, ``index``, ``csv`` and
``findings`` are written in one pass over them (:mod:`auditor.reports.stream`), keeping of each
site only its table row, the charts' counts and its report's path, so the memory does not grow
with the run; :func:`write_reports` writes those formats through the same pass, so both give the
same bytes. The CI formats read the whole result and are written by :func:`write_reports` only.

A writer is anything with ``name``, ``files`` and ``write(result, target) -> list[Path]``
(:class:`~auditor.reports.base.Writer`); :class:`~auditor.reports.base.ReportTarget` carries
the folder, the language and the extras above.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from auditor.i18n import DEFAULT_LANG, check_lang
from auditor.models import AuditResult, Gate, SiteResult
from auditor.reports.base import (
    BatchInfo,
    FormatUnavailable,
    Printer,
    ReportTarget,
    Writer,
    write_text_atomic,
)
from auditor.reports.junit import write_junit
from auditor.reports.markdown import write_markdown
from auditor.reports.result import write_json
from auditor.reports.sarif import write_sarif
from auditor.reports.stream import STREAMED, write_site_by_site

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
    "write_reports_of",
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


def _streamed(name: str) -> Callable[[AuditResult, ReportTarget], list[Path]]:
    """A writer of one of the formats written site by site (:mod:`auditor.reports.stream`)."""

    def render(result: AuditResult, target: ReportTarget) -> list[Path]:
        written, _ = write_site_by_site(_header(result), result.sites, {name}, target)
        return written[name]

    return render


def _header(result: AuditResult) -> AuditResult:
    """The run without its sites, what the writers site by site take besides them."""
    return result.model_copy(update={"sites": []})


_json = _streamed("json")
_html = _streamed("html")
_index = _streamed("index")
_csv = _streamed("csv")
_findings = _streamed("findings")


def _sarif(result: AuditResult, target: ReportTarget) -> list[Path]:
    return [write_sarif(result, target.require_gate("sarif"), target.out_dir / "auditor.sarif",
                        lang=target.lang, sources=target.sources)]


def _junit(result: AuditResult, target: ReportTarget) -> list[Path]:
    return [write_junit(result, target.require_gate("junit"), target.out_dir / "junit.xml", lang=target.lang)]


def _markdown(result: AuditResult, target: ReportTarget) -> list[Path]:
    return [write_markdown(result, target.require_gate("markdown"), target.out_dir / "summary.md",
                           lang=target.lang)]


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
    return write_reports_of(_header(result), result.sites, formats, out_dir, lang=lang, gate=gate, sources=sources,
                            assets_dir=assets_dir, batch=batch, printer=printer, whole=result)


def write_reports_of(
    header: AuditResult,
    sites: Iterable[SiteResult],
    formats: Iterable[str],
    out_dir: Path,
    *,
    lang: str = DEFAULT_LANG,
    gate: Gate | None = None,
    sources: Mapping[str, str] | None = None,
    assets_dir: Path | None = None,
    batch: BatchInfo | None = None,
    printer: Printer | None = None,
    on_site: Callable[[SiteResult], None] | None = None,
    whole: AuditResult | None = None,
) -> Written:
    """:func:`write_reports` of the run ``header`` (its ``sites`` empty) with ``sites``, read
    once, one at a time (a batch's sites from the store): ``json``, ``html``, ``index``, ``csv``
    and ``findings`` are written in one pass over them (:mod:`auditor.reports.stream`), holding
    no more than one site at a time; ``on_site`` sees each site as it passes. The CI formats
    (``sarif``, ``junit``, ``markdown``) read the whole result: only with ``whole`` (the result
    itself, what :func:`write_reports` passes), else ``ValueError``."""
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
    whole_only = sorted(chosen - {*STREAMED, "pdf"})
    if whole_only and whole is None:
        raise ValueError(f"the {', '.join(whole_only)} report(s) need the whole result, not its sites one by one")
    out_dir.mkdir(parents=True, exist_ok=True)
    streamed, site_reports = write_site_by_site(header, sites, chosen, target, on_site)
    written = Written(site_reports=site_reports if "html" in chosen else {})
    target = replace(target, site_reports=written.site_reports)
    for name, writer in WRITERS.items():
        if name not in chosen:
            continue
        if name in streamed:
            written.files[name] = streamed[name]
            continue
        try:
            paths = writer.write(whole if whole is not None else header, target)
        except FormatUnavailable as exc:
            written.unavailable[name] = str(exc)
            paths = []
        written.files[name] = paths
    return written
