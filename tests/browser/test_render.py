"""The real Chromium (Debian's) renders hostile and JavaScript-only pages without consenting or hanging."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest

from auditor.browser.render import BrowserUnavailable, RenderedPage, launch
from auditor.demo.server import serve_sites

#: No skip when Chromium is missing: scripts/setup installs it, and a missing browser must fail loudly.
pytestmark = pytest.mark.e2e

PAGES = {
    "index.html": """<!doctype html><html lang="sv"><head><title>JS Shop</title>
<style>#cb{position:fixed;bottom:0;left:0;right:0;background:#eee;padding:20px}</style></head>
<body><div id="app"></div>
<div id="cb"><p>Vi använder cookies för statistik.</p>
<button id="acc">Acceptera alla</button> <button id="rej">Avvisa alla</button></div>
<script>
document.getElementById('app').innerHTML = '<h1>Kontakta oss</h1><p>E-post: hej@jsshop.se</p>';
document.getElementById('acc').onclick = () => { document.title = 'ACCEPTED'; document.getElementById('cb').remove(); };
document.getElementById('rej').onclick = () => { document.title = 'REJECTED'; document.getElementById('cb').remove(); };
</script></body></html>""",
    "accept-only.html": """<!doctype html><html><head><title>Only accept</title>
<style>.bar{position:fixed;top:0;width:100%;background:#ddd;padding:20px}</style></head><body><p>Shop</p>
<div class="bar">We use cookies. <button onclick="document.title='ACCEPTED'">Accept all</button></div></body></html>""",
    "storm.html": """<!doctype html><html><head><title>Storm</title></head><body><p>Hello</p><script>
for (let i = 0; i < 20; i++) { alert('a' + i); }
for (let i = 0; i < 5; i++) { window.open('/index.html'); }
confirm('really?');
</script></body></html>""",
    "loop.html": """<!doctype html><html><head><title>Loop</title></head><body><p>Busy</p>
<script>setTimeout(() => { while (true) {} }, 10);</script></body></html>""",
}


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root: Path = tmp_path_factory.mktemp("browser-site")
    for name, html in PAGES.items():
        (root / name).write_text(html, encoding="utf-8")
    with serve_sites([root], first_host=40) as served:
        yield served[0].url


#: The pages the tests below read, each with its render timeout; the page that never stops
#: running comes last, so that a browser it may have left busy holds up no other page.
RENDERS = {"index.html": 8.0, "accept-only.html": 8.0, "storm.html": 8.0, "loop.html": 5.0}


@pytest.fixture(scope="module")
def rendered(site_url: str) -> dict[str, RenderedPage]:
    """Every page of ``PAGES`` rendered in one Chromium (one launch for the module), each in a
    session of its own, as the audit renders the pages of different sites."""
    async def run() -> dict[str, RenderedPage]:
        out = {}
        async with launch() as browser:
            for name, timeout in RENDERS.items():
                async with browser.site() as session:
                    out[name] = await session.render(site_url + ("" if name == "index.html" else name),
                                                     timeout=timeout)
        return out

    return asyncio.run(run())


def test_javascript_content_is_seen_and_the_banner_is_rejected(rendered: dict[str, RenderedPage]) -> None:
    page, accept_only = rendered["index.html"], rendered["accept-only.html"]
    assert "hej@jsshop.se" in page.html and page.status == 200
    assert page.banner is not None and page.banner.shown and page.banner.action == "rejected"
    assert page.title == "REJECTED"
    assert page.screenshot.startswith(b"\xff\xd8\xff")  # the full page as a JPEG
    # A banner that offers only "Accept all" is recorded, never clicked.
    assert accept_only.banner is not None and accept_only.banner.shown and accept_only.banner.action == ""
    assert accept_only.title == "Only accept"


def test_dialog_and_popup_storms_are_absorbed(rendered: dict[str, RenderedPage]) -> None:
    page = rendered["storm.html"]
    assert page.ok and "Hello" in page.html
    assert page.dialogs >= 20 and page.popups >= 1


def test_a_page_that_never_stops_running_does_not_hang_the_audit(rendered: dict[str, RenderedPage]) -> None:
    page = rendered["loop.html"]
    assert page.url.endswith("loop.html")  # returned, with what it got or the reason
    assert page.ok or page.error


def test_a_missing_browser_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    async def run() -> None:
        async with launch("/nonexistent/chromium"):
            pass

    with pytest.raises(BrowserUnavailable, match="/nonexistent/chromium"):
        asyncio.run(run())
