"""The outputs of a result written one site at a time, so that a batch of any size is written in
the memory of a few sites.

A batch's result is too big to hold at once (each stored site is some 165 KB of JSON and many
times that as objects: 2,000 sites took 2.7 GB). :func:`write_site_by_site` takes the run
without its sites (``header``: an :class:`~auditor.models.AuditResult` whose ``sites`` is empty)
and the sites as an iterable read once (from the store, a site at a time) and writes, in one
pass over them:

* ``result.json``: the header's JSON with each site's JSON put in its place as it comes, the
  same bytes as ``AuditResult.model_dump_json(indent=2)`` of the whole result;
* each site's HTML report (and its other language versions), as the ``html`` writer does;
* ``findings.csv``, row by row into its temporary file;
* ``index.html`` and ``batch.csv`` from what they keep of each site: its row of the table
  (:func:`~auditor.reports.batch.batch_row`) and the charts' counts
  (:class:`~auditor.reports.batch.BatchTotals`), a few hundred bytes a site.

What is kept from site to site is that small summary and the path of each report, never a
site's result. :func:`auditor.reports.write_reports` writes these formats of a whole result
through the same pass, so every output has one implementation.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, TextIO

from auditor.models import AuditResult, SiteResult
from auditor.reports.base import ReportTarget, write_text_atomic
from auditor.reports.batch import (
    BatchTotals,
    batch_row,
    findings_writer,
    site_findings_rows,
    write_batch_csv,
    write_index_html,
)
from auditor.reports.html import (
    language_versions,
    languages_written,
    render_site_html,
    rendered_from,
    report_file,
    report_slug,
)
from auditor.reports.result import FILE_NAME as RESULT_FILE

#: The formats written site by site, in the order of :data:`auditor.reports.WRITERS`.
STREAMED: tuple[str, ...] = ("json", "html", "index", "csv", "findings")

#: Where the sites go in the header's ``model_dump_json(indent=2)``: its one top-level
#: ``sites`` key (top-level keys alone are indented by two spaces).
_SITES_KEY = '\n  "sites": [],\n'


class ReportNames:
    """Each site's report name as :func:`~auditor.reports.html.site_report_names` gives it,
    one site after another: :func:`~auditor.reports.html.report_slug`, and ``-2``, ``-3``, ...
    after a slug an earlier site has."""

    def __init__(self) -> None:
        self._used: set[str] = set()

    def next(self, url: str) -> str:
        base = report_slug(url)
        name, n = base, 1
        while name in self._used:
            n += 1
            name = f"{base}-{n}"
        self._used.add(name)
        return name


class _Atomic:
    """A text file written bit by bit into ``<name>.tmp`` beside it, put in place by
    :meth:`done` (a reader never sees half a file), removed by :meth:`abort`."""

    def __init__(self, path: Path, *, newline: str | None = None) -> None:
        self.path = path
        self._tmp = path.with_name(path.name + ".tmp")
        self.handle: TextIO = self._tmp.open("w", encoding="utf-8", newline=newline)

    def done(self) -> Path:
        self.handle.close()
        self._tmp.replace(self.path)
        return self.path

    def abort(self) -> None:
        self.handle.close()
        self._tmp.unlink(missing_ok=True)


class ResultJson:
    """``result.json`` written site by site: the same text as the whole result's
    ``model_dump_json(indent=2)`` (:mod:`auditor.reports.result`)."""

    def __init__(self, header: AuditResult, handle: TextIO) -> None:
        text = header.model_dump_json(indent=2)
        if header.sites or text.count(_SITES_KEY) != 1:
            raise ValueError("the header of a result written site by site has no sites")
        self._head, self._tail = text.split(_SITES_KEY)
        self._handle = handle
        self._count = 0
        handle.write(self._head + '\n  "sites": [')

    def add(self, site: SiteResult) -> None:
        # A nested object is the site's own indented JSON indented two levels deeper; JSON
        # strings hold no line break, so every line break is one of the layout's.
        self._handle.write(("\n    " if self._count == 0 else ",\n    ")
                           + site.model_dump_json(indent=2).replace("\n", "\n    "))
        self._count += 1

    def finish(self) -> None:
        self._handle.write(("\n  ],\n" if self._count else "],\n") + self._tail)


def result_json_text(header: AuditResult, sites: Iterable[SiteResult]) -> str:
    """The JSON of ``header`` with ``sites``, as :class:`ResultJson` writes it (for tests)."""
    handle = io.StringIO()
    out = ResultJson(header, handle)
    for site in sites:
        out.add(site)
    out.finish()
    return handle.getvalue()


class ResultJsonFile:
    """A result's JSON written site by site into ``path`` (:class:`ResultJson`), put in place
    by :meth:`done` (a reader never sees half a file), removed by :meth:`abort`."""

    def __init__(self, header: AuditResult, path: Path) -> None:
        self._file = _Atomic(path)
        try:
            self._json = ResultJson(header, self._file.handle)
        except BaseException:
            self._file.abort()
            raise

    def add(self, site: SiteResult) -> None:
        self._json.add(site)

    def done(self) -> Path:
        self._json.finish()
        return self._file.done()

    def abort(self) -> None:
        self._file.abort()


def write_result_json(header: AuditResult, sites: Iterable[SiteResult], path: Path) -> Path:
    """Write ``header`` with ``sites`` as ``path`` (``result.json``, a run's snapshot), site by
    site, atomically."""
    file = ResultJsonFile(header, path)
    try:
        for site in sites:
            file.add(site)
    except BaseException:
        file.abort()
        raise
    return file.done()


class SiteByPass:
    """The state of one pass over the sites: see :func:`write_site_by_site`."""

    def __init__(self, header: AuditResult, chosen: set[str], target: ReportTarget) -> None:
        self.header = header
        self.chosen = chosen
        self.target = target
        self.out_dir = target.out_dir
        self.run = header.model_dump(mode="json", exclude={"sites"})
        self.mark = {"generated_at": self.run["generated_at"]}
        self.names = ReportNames()
        self.assets = target.assets_dir or target.out_dir
        #: Each site's HTML report in the target's language (the ``html`` written now, else
        #: those the target was given).
        self.site_reports: dict[str, Path] = dict(target.site_reports)
        self.html_paths: list[Path] = []
        self._reports_known = bool(target.site_reports) or "html" in chosen
        self.totals = BatchTotals()
        # The index is written in the target's language and each other one the folder holds
        # from the same result (the target's first); batch.csv in the target's.
        index_langs = (languages_written(self.out_dir, "index", self.mark, target.lang)
                       if "index" in chosen else [])
        self.index_langs = sorted(index_langs, key=lambda other: other != target.lang)
        self.row_langs = list(self.index_langs)
        if "csv" in chosen and target.lang not in self.row_langs:
            self.row_langs.append(target.lang)
        self.rows: dict[str, list[dict[str, Any]]] = {lang: [] for lang in self.row_langs}
        self.position = 0
        self._files: dict[str, _Atomic] = {}
        self._json: ResultJsonFile | None = None
        self._findings: Callable[[Mapping[str, str]], None] | None = None
        if "json" in chosen:
            self._json = ResultJsonFile(header, self.out_dir / RESULT_FILE)
        if "findings" in chosen:
            self._files["findings"] = _Atomic(self.out_dir / report_file("findings", target.lang, ".csv"), newline="")
            self._findings = findings_writer(self._files["findings"].handle)

    def add(self, site: SiteResult) -> None:
        name = self.names.next(site.url)
        if self._json is not None:
            self._json.add(site)
        if "html" in self.chosen:
            self._html(site, name)
        for lang in self.row_langs:
            self.rows[lang].append(batch_row(self.position, site, self._link(site.url, name, lang),
                                             self.target.batch.names, self.target.batch.tags, lang=lang))
        if "index" in self.chosen:
            self.totals.add(site)
        if self._findings is not None:
            links = {site.url: self.site_reports[site.url].name} if site.url in self.site_reports else {}
            for row in site_findings_rows(site, self.target.batch.names, links, lang=self.target.lang):
                self._findings(row)
        self.position += 1

    def _html(self, site: SiteResult, name: str) -> None:
        """The site's report in the target's language, and again in each other language the
        folder holds from the same result, each linking to the others (``write_html_reports``)."""
        lang = self.target.lang
        data = site.model_dump(mode="json")
        listed = self.target.batch.names.get(site.url, "")
        if listed:
            data = {**data, "name": listed}
        langs = languages_written(self.out_dir, name, self.mark, lang)
        versions = language_versions(name, langs)
        for each in sorted(langs, key=lambda other: other != lang):  # this language first
            path = write_text_atomic(self.out_dir / report_file(name, each),
                                     render_site_html(data, self.run, self.assets, lang=each, versions=versions))
            if each == lang:
                self.html_paths.append(path)
                self.site_reports[site.url] = path

    def _link(self, url: str, name: str, lang: str) -> str:
        """The report a row links to: in the target's language, the report written (or given);
        in another, the one the folder holds from the same result, if any."""
        if lang == self.target.lang and self._reports_known:
            path = self.site_reports.get(url)
            return path.name if path is not None else ""
        file = report_file(name, lang)
        return file if rendered_from(self.out_dir / file, self.mark) else ""

    def finish(self) -> dict[str, list[Path]]:
        written: dict[str, list[Path]] = {}
        if self._json is not None:
            written["json"] = [self._json.done()]
            self._json = None
        if "html" in self.chosen:
            written["html"] = list(self.html_paths)
        if "index" in self.chosen:
            versions = language_versions("index", self.index_langs)
            paths = [write_index_html(self.header, self.rows[lang], self.target.batch.run_label,
                                      self.out_dir / report_file("index", lang), lang=lang, versions=versions,
                                      totals=self.totals)
                     for lang in self.index_langs]
            written["index"] = paths[:1]
        if "csv" in self.chosen:
            lang = self.target.lang
            written["csv"] = [write_batch_csv(self.rows[lang], self.out_dir / report_file("batch", lang, ".csv"))]
        if self._findings is not None:
            written["findings"] = [self._files.pop("findings").done()]
        return written

    def abort(self) -> None:
        if self._json is not None:
            self._json.abort()
            self._json = None
        for file in self._files.values():
            file.abort()
        self._files.clear()


def write_site_by_site(header: AuditResult, sites: Iterable[SiteResult], chosen: set[str],
                       target: ReportTarget, on_site: Callable[[SiteResult], None] | None = None,
                       ) -> tuple[dict[str, list[Path]], dict[str, Path]]:
    """Write the :data:`STREAMED` formats in ``chosen`` of ``header`` (the run, its ``sites``
    empty) with ``sites`` (each read once, in order) into ``target.out_dir``; ``on_site`` sees
    each site after its files were written. The paths by format, and each site's HTML report in
    the target's language by site URL. Nothing of a site but its table row, its counts and its
    report's path outlives its turn."""
    state = SiteByPass(header, chosen & set(STREAMED), target)
    try:
        for site in sites:
            state.add(site)
            if on_site is not None:
                on_site(site)
        written = state.finish()
    except BaseException:
        state.abort()
        raise
    return written, state.site_reports
