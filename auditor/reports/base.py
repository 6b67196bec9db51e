"""What every writer shares: the :class:`Writer` interface, what it is told besides the result
(:class:`ReportTarget`), and the atomic file write.

Kept apart from ``auditor/reports/__init__.py`` so that the writer modules can use it without
importing the package's registry of writers (which imports them).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from auditor.i18n import DEFAULT_LANG, Text
from auditor.models import AuditResult, Gate

#: Prints HTML files to PDF: takes ``(html, pdf)`` pairs, returns the PDFs written; raises
#: ``RuntimeError`` with a one-line reason when it cannot. The browser layer has one
#: (:func:`auditor.browser.pdf.print_pdfs`); the reports never import a browser.
Printer = Callable[[Sequence[tuple[Path, Path]]], list[Path]]


class FormatUnavailable(RuntimeError):
    """A format that could not be written this time (no browser to print with): the other
    formats are written as usual, and :class:`auditor.reports.Written` names it with the reason."""


@dataclass(frozen=True)
class BatchInfo:
    """What the batch index and ``batch.csv`` show besides the result: each site's name and tags
    from the user's list (by site URL), and the run's label (``run 4 of shops.csv``; a
    :class:`~auditor.i18n.Text` to have it in each report language)."""

    names: Mapping[str, str] = field(default_factory=dict)
    tags: Mapping[str, str] = field(default_factory=dict)
    run_label: Text | str = ""


@dataclass(frozen=True)
class ReportTarget:
    """Where and how to write, and what some writers need besides the result.

    ``gate``: the CI gate (``sarif``, ``junit`` and ``markdown`` need it). ``sources``: page URL
    -> HTML as served, for SARIF line numbers. ``assets_dir``: where the result's screenshot
    paths are relative to (default ``out_dir``). ``batch``: names, tags and run label for the
    batch index and CSV. ``site_reports``: site URL -> its HTML report, filled by
    :func:`auditor.reports.write_reports` once the ``html`` writer ran, so the index links them.
    ``printer``: what prints the HTML reports to PDF (the ``pdf`` writer needs it).
    """

    out_dir: Path
    lang: str = DEFAULT_LANG
    gate: Gate | None = None
    sources: Mapping[str, str] | None = None
    assets_dir: Path | None = None
    batch: BatchInfo = field(default_factory=BatchInfo)
    site_reports: Mapping[str, Path] = field(default_factory=dict)
    printer: Printer | None = None

    def require_gate(self, writer: str) -> Gate:
        if self.gate is None:
            raise ValueError(f"the {writer} report needs the CI gate (auditor ci)")
        return self.gate


class Writer(Protocol):
    """One output format: its name (``sarif``), what it writes (``auditor.sarif``, or a pattern
    such as ``<site>.html``), and the writing itself, from the result alone."""

    @property
    def name(self) -> str: ...

    @property
    def files(self) -> str: ...

    def write(self, result: AuditResult, target: ReportTarget) -> list[Path]:
        """Write into ``target.out_dir`` (which exists) in ``target.lang``; the paths written."""
        ...


def write_text_atomic(path: Path, text: str, *, newline: str | None = None) -> Path:
    """Write ``text`` as UTF-8 to ``path`` through a temporary file beside it, so that a reader
    never sees half a file; ``newline`` as :meth:`Path.write_text` (``""``: written as given)."""
    tmp = path.with_name(path.name + ".tmp")
    try:
        tmp.write_text(text, encoding="utf-8", newline=newline)
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path
