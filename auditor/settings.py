"""Every ``AUDITOR_*`` environment setting of the tool, in one place, with its meaning and default.

The command line is the usual way to configure an audit; these settings are for what an option
would be wrong for: the machine the tool runs on (where Chromium lives) and measurements (how
the work is spread over processes). Each setting is read when it is needed, not at import, so a
test may set it with ``monkeypatch.setenv``. Nothing else in the package reads ``os.environ``
for an ``AUDITOR_*`` name; read the setting through a function here.

========================  ==================================================================
``AUDITOR_CHROMIUM``      The Chromium (or headless shell) binary to launch, a path or a name
                          on ``PATH``. Default: Debian's Chromium, else Playwright's own.
``AUDITOR_AUDIT_WORKERS`` Audit worker processes of ``auditor batch``. Default: one per core
                          but one, at most four, and none for fewer than eight sites; ``0``
                          audits in the crawling process (one profile holds all the work).
``AUDITOR_PROFILE``       A folder: every process of a batch (the crawling one and each audit
                          worker) profiles itself with cProfile and writes
                          ``ROLE-PID.prof`` there when it exits, so that the CPU of the whole
                          process tree can be split (BENCHMARKS.md). Default: no profiling.
``AUDITOR_PURE_PYTHON``   ``1``: import every module from its source even where a compiled
                          build of the same sources is there (:mod:`auditor.native`; read
                          once, when :mod:`auditor` is imported). Default: the build if usable.
========================  ==================================================================

Two more names are not read by the package: ``AUDITOR_SKIP_APT=1`` makes ``scripts/setup``
skip its apt step (a shell script), and ``AUDITOR_UPDATE_GOLDEN=1`` makes the golden test
rewrite its expected demo result (``tests/golden``).
"""

from __future__ import annotations

import os

CHROMIUM = "AUDITOR_CHROMIUM"
AUDIT_WORKERS = "AUDITOR_AUDIT_WORKERS"
PROFILE = "AUDITOR_PROFILE"
PURE_PYTHON = "AUDITOR_PURE_PYTHON"


def chromium() -> str | None:
    """``AUDITOR_CHROMIUM``: the browser binary asked for, or None (find one)."""
    return os.environ.get(CHROMIUM) or None


def audit_workers() -> int | None:
    """``AUDITOR_AUDIT_WORKERS``: the number of audit worker processes asked for, or None (the
    batch decides). A value that is not a whole number is ignored."""
    value = os.environ.get(AUDIT_WORKERS, "").strip()
    return int(value) if value.isdigit() else None


def profile_dir() -> str | None:
    """``AUDITOR_PROFILE``: the folder each process writes its cProfile to, or None (no profiling)."""
    return os.environ.get(PROFILE, "").strip() or None


def pure_python() -> bool:
    """``AUDITOR_PURE_PYTHON``: whether the pure-Python modules are asked for instead of a
    compiled build (any value but empty and ``0``)."""
    return os.environ.get(PURE_PYTHON, "").strip() not in ("", "0")
