"""The site report in real Chromium (issue 19, points 3, 5 and 9): axe-core finds nothing
serious or critical on every kind of site report (a site audited, a site not audited, in
English, Swedish and Finnish), as it opens, with every folded part opened, and with a picture
enlarged; a 390 px phone needs no horizontal scroll in any of these states; and the W3C Nu HTML
checker finds no error."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from auditor.reports.html import write_html_reports
from tests.reports.axe import axe_source, chromium, run_axe, serious
from tests.reports.test_site_report import build_result, write_assets
from tests.reports.vnu import errors, vnu_command

#: No skip when Chromium is missing: scripts/setup installs it, and a missing browser must fail loudly.
pytestmark = pytest.mark.e2e

#: The report kinds: (site index in the result, language).
KINDS = {"audited-en": (0, "en"), "not-audited-en": (1, "en"), "audited-sv": (0, "sv"), "audited-fi": (0, "fi"),
         "not-audited-fi": (1, "fi")}
#: What a reader can do to the page without scripts: nothing, open every <details>, enlarge a picture.
STATES = ("as-opened", "details-open", "zoomed")
PHONE = 390


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("site-reports")
    write_assets(out)
    result = build_result()
    written = {lang: write_html_reports(result, out, lang=lang) for lang in ("en", "sv", "fi")}
    return {kind: written[lang][index] for kind, (index, lang) in KINDS.items()}


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as launched:
        yield launched


def open_in(browser: Any, path: Path, width: int, state: str) -> Any:
    """The report at ``width`` in ``state`` (see :data:`STATES`)."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(path.resolve().as_uri())
    if state == "details-open":
        page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    elif state == "zoomed":
        target = page.evaluate("(document.querySelector('figure.zoom') || {}).id || ''")
        if target:
            page.goto(path.resolve().as_uri() + "#" + target)
            shown = page.evaluate("getComputedStyle(document.getElementById(location.hash.slice(1))).position")
            assert shown == "fixed"  # the picture is enlarged over the page
    return page


#: axe-core on every kind with its folded parts open (what a closed <details> hides axe skips), and
#: on an enlarged picture; a run takes a second or two, so not every kind in every state.
AXE_CASES = [(kind, width, "details-open") for kind in KINDS for width in (1280, PHONE)] + [
    ("audited-en", 1280, "zoomed"), ("audited-fi", PHONE, "zoomed"), ("audited-sv", PHONE, "as-opened")]


@pytest.mark.skipif(axe_source() is None, reason="axe-core is not installed (npm; see tests/reports/axe.py)")
@pytest.mark.parametrize(("kind", "width", "state"), AXE_CASES)
def test_axe_finds_nothing_serious(browser: Any, reports: dict[str, Path], kind: str, width: int, state: str) -> None:
    page = open_in(browser, reports[kind], width, state)
    try:
        assert serious(run_axe(page)) == []
    finally:
        page.close()


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("kind", list(KINDS))
def test_no_horizontal_scroll_on_a_phone(browser: Any, reports: dict[str, Path], kind: str, state: str) -> None:
    page = open_in(browser, reports[kind], PHONE, state)
    try:
        assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE
    finally:
        page.close()


def test_a_mark_link_opens_the_folded_screenshot_and_shows_the_element(browser: Any, reports: dict[str, Path]) -> None:
    page = open_in(browser, reports["audited-en"], 1280, "as-opened")
    try:
        link = page.locator("#rule-1 a[href^='#mark-']").first
        target = link.get_attribute("href")
        assert not page.evaluate(f"document.querySelector('{target}').closest('details').open")
        link.click()
        assert page.evaluate(f"document.querySelector('{target}').closest('details').open")
        box = page.locator(str(target)).bounding_box()
        assert box is not None and 0 <= box["y"] < 900  # scrolled into view
    finally:
        page.close()


@pytest.mark.skipif(vnu_command() is None, reason="the W3C Nu HTML checker is not installed (see tests/reports/vnu.py)")
def test_the_w3c_checker_finds_no_error(reports: dict[str, Path]) -> None:
    assert errors(sorted(set(reports.values()))) == []
