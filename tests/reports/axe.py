"""axe-core in real Chromium (Debian's): the accessibility check of the HTML reports.

``violations(path, width)`` opens a report file in Chromium at a viewport ``width`` and returns
axe-core's violations as axe reports them (``id``, ``impact``, ``help``, ``nodes``);
``serious(found)`` keeps those of ``serious`` or ``critical`` impact, the ones a report must
never have. axe is evaluated through the DevTools protocol (Playwright's ``evaluate``), which
the reports' Content-Security-Policy does not block, so a report is checked with its CSP in
force, as a reader's browser has it.

axe-core is an npm package (``axe.min.js``): ``AUDITOR_AXE`` names the file, else it is looked
for in ``node_modules/axe-core`` of the repository and of ``.venv/node`` (``npm install
--prefix .venv/node axe-core``). Without it, :func:`axe_source` returns None and the tests that
need it are skipped with the reason, so that a machine set up before axe joined the set-up
still runs every other test.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
CANDIDATES = (
    ROOT / "node_modules" / "axe-core" / "axe.min.js",
    ROOT / ".venv" / "node" / "node_modules" / "axe-core" / "axe.min.js",
)
#: Impacts a report must not have.
BLOCKING = frozenset({"serious", "critical"})


@cache
def axe_source() -> str | None:
    """The text of ``axe.min.js``, or None when axe-core is not installed."""
    named = os.environ.get("AUDITOR_AXE")
    for path in ([Path(named)] if named else []) + list(CANDIDATES):
        if path.is_file():
            return path.read_text(encoding="utf-8")
    return None


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless Chromium (the one the crawler uses) through Playwright's sync API."""
    from playwright.sync_api import sync_playwright

    from auditor.browser.render import CHROMIUM_ARGS, find_chromium

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=find_chromium(), headless=True,
                                             args=list(CHROMIUM_ARGS))
        try:
            yield browser
        finally:
            browser.close()


def run_axe(page: Any) -> list[dict[str, Any]]:
    """axe-core's violations on the page as it is now (WCAG 2.x A and AA rules and best practices)."""
    source = axe_source()
    if source is None:
        raise RuntimeError("axe-core is not installed (see tests/reports/axe.py)")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(source)
    result: dict[str, Any] = page.evaluate(
        "() => axe.run(document, {resultTypes: ['violations'],"
        " runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}})"
    )
    violations: list[dict[str, Any]] = result["violations"]
    return violations


def violations(browser: Any, path: Path, width: int = 1280) -> list[dict[str, Any]]:
    """axe-core's violations on the report at ``path`` shown ``width`` pixels wide."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        page.goto(path.resolve().as_uri())
        return run_axe(page)
    finally:
        page.close()


def serious(found: list[dict[str, Any]]) -> list[str]:
    """The serious and critical violations, one line each: rule, impact, help, first element."""
    return [f"{v['id']} ({v['impact']}): {v['help']} — {v['nodes'][0]['target'] if v['nodes'] else ''}"
            for v in found if v.get("impact") in BLOCKING]
