"""Chromium clicks the links to terms that only a script can follow, and tells "nothing happened"
from every way a script can show the terms (a dialog element, a new window, a page, an alert).

"nothing" is the one result that lets a rule call the terms absent, so every look-alike of a
dead link must come out as something else."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest

from auditor.browser.render import launch
from auditor.browser.stage import script_link_locators
from auditor.demo.server import serve_sites
from auditor.models import LinkClick

pytestmark = pytest.mark.e2e

_HEAD = '<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Kassa</title></head><body>'
PAGES = {
    # The link does nothing: no handler anywhere.
    "dead.html": _HEAD + '<main><label><input type="checkbox"> Jag godkänner <a href="#">köpvillkor</a></label>'
    "</main></body></html>",
    # Dead too, but in a later checkout step that is hidden: clicked through its click event.
    "hidden.html": _HEAD + '<main><section style="display:none"><a href="javascript:void(0)">Köpvillkor</a>'
    "</section></main></body></html>",
    # A handler opens a dialog with the terms (bound by delegation: nothing on the link says so).
    "dialog.html": _HEAD + '<main><p class="terms"><a href="#">Allmänna villkor</a></p>'
    '<div id="modal" hidden><h2>Allmänna villkor</h2><p>Ångerrätt 14 dagar.</p></div></main>'
    "<script>document.addEventListener('click', (e) => { if (e.target.closest('.terms a')) {"
    " e.preventDefault(); document.getElementById('modal').hidden = false; } });</script></body></html>",
    # A button opens the terms in a new window.
    "window.html": _HEAD + "<main><button type=\"button\" onclick=\"window.open('/terms.html')\">AGB</button>"
    "</main></body></html>",
    # A script navigates to the terms page.
    "navigate.html": _HEAD + "<main><a href=\"javascript:location.assign('/terms.html')\">Villkor</a></main>"
    "</body></html>",
    # An alert box says where the terms are.
    "alert.html": _HEAD + "<main><span role=\"link\" onclick=\"alert('Villkoren skickas med ordern')\">"
    "Köpvillkor</span></main></body></html>",
    # The page changes by itself (a banner rotates): a click cannot be shown to do nothing.
    "busy.html": _HEAD + '<main><p id="ticker">0</p><a href="#">köpvillkor</a></main><script>'
    "let n = 0; setInterval(() => { document.getElementById('ticker').textContent = String(++n); }, 200);"
    "</script></body></html>",
    "terms.html": _HEAD + "<main><h1>Villkor</h1></main></body></html>",
    # Hostile: the click never returns control to the browser.
    "hang.html": _HEAD + "<main><h1>Kassa</h1><a href=\"#\" onclick=\"while (true) {}\">Köpvillkor</a></main>"
    "</body></html>",
}


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root: Path = tmp_path_factory.mktemp("click-site")
    for name, html in PAGES.items():
        (root / name).write_text(html, encoding="utf-8")
    with serve_sites([root], first_host=43) as served:
        yield served[0].url


def clicks_on(site_url: str) -> dict[str, list[LinkClick]]:
    async def run() -> dict[str, list[LinkClick]]:
        out: dict[str, list[LinkClick]] = {}
        async with launch() as browser, browser.site() as session:
            for name in PAGES:
                if name in ("terms.html", "hang.html"):
                    continue
                page = await session.render(site_url + name, timeout=10, screenshot=False,
                                            clicks=script_link_locators)
                assert page.ok, page.error
                out[name] = page.clicks
        return out

    return asyncio.run(run())


def test_clicks_tell_a_dead_link_from_every_script_that_shows_something(site_url: str) -> None:
    found = clicks_on(site_url)
    results = {name: [c.result for c in clicks] for name, clicks in found.items()}
    assert results == {
        "dead.html": ["nothing"],
        "hidden.html": ["nothing"],
        "dialog.html": ["changed"],
        "window.html": ["popup"],
        "navigate.html": ["navigated"],
        "alert.html": ["dialog"],
        "busy.html": ["changed"],
    }
    assert "Ångerrätt 14 dagar" in found["dialog.html"][0].detail
    assert found["navigate.html"][0].url.endswith("/terms.html")
    assert found["alert.html"][0].detail == "Villkoren skickas med ordern"
    assert found["dead.html"][0].text == "köpvillkor" and found["dead.html"][0].locator


def test_a_terms_link_that_hangs_the_page_when_clicked_does_not_stall_the_audit(site_url: str) -> None:
    import time

    async def run() -> tuple[list[LinkClick], str, str]:
        async with launch() as browser, browser.site() as session:
            page = await session.render(site_url + "hang.html", timeout=4, screenshot=False,
                                        clicks=script_link_locators)
            return page.clicks, page.error, page.html

    started = time.monotonic()
    clicks, error, html = asyncio.run(run())
    assert time.monotonic() - started < 30
    assert "Kassa" in html  # what was rendered before the click is kept
    assert all(c.result != "nothing" for c in clicks)  # never taken for a dead link
    assert error  # the reason is recorded
