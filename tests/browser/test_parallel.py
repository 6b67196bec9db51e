"""The browser at crawl speed: a site's pages side by side in one context, what a screenshot does
not need refused, waits that end on a quiet DOM, and a JPEG full-page screenshot of capped height,
with nothing the audit reads lost on the way."""

from __future__ import annotations

import asyncio
import base64
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from auditor.browser.render import IMAGES_PER_PAGE, SHOT_MAX_HEIGHT, RenderedPage, launch
from auditor.demo.server import serve_sites
from auditor.reports.site_view import image_size

pytestmark = pytest.mark.e2e

#: A 1x1 PNG.
DOT = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQ"
                       "AAAABJRU5ErkJggg==")
EXTRA_IMAGES = 4

_MARK = ("function mark(id, what){document.getElementById('log')"
         ".insertAdjacentHTML('beforeend','<i>'+id+':'+what+'</i>');}")

PAGES = {
    # Written 150 ms after load, then left alone: the settle waits for it.
    "late.html": """<!doctype html><html><head><title>Late</title></head><body><div id="out"></div><script>
window.addEventListener('load', () => setTimeout(() => {
  document.getElementById('out').innerHTML = '<p>Kundtjänst: hej@sent.se</p>'; }, 150));
</script></body></html>""",
    "media.html": "<!doctype html><html><head><title>Media</title><style>@font-face{font-family:Shop;"
    "src:url(/shop.woff2) format('woff2')} body{font-family:Shop,sans-serif}</style></head><body>"
    f"<div id='log'></div><script>{_MARK}</script>"
    + "".join(f'<img src="/dot.png?{i}" onload="mark({i},\'ok\')" onerror="mark({i},\'no\')">'
              for i in range(IMAGES_PER_PAGE + EXTRA_IMAGES))
    + """<video src="/clip.mp4" preload="auto" onerror="mark('video','no')"></video>
<script>document.fonts.load('16px Shop')
  .then((f) => mark('font', f.length ? 'ok' : 'no'), () => mark('font', 'no'));
</script></body></html>""",
    "tall.html": """<!doctype html><html><head><title>Tall</title></head><body style="margin:0">
<div style="height:9000px;background:linear-gradient(#fff,#cde)"><p>Top</p></div></body></html>""",
    "opener.html": """<!doctype html><html><head><title>Opener</title></head><body><p>Opens</p>
<script>window.open('/late.html');</script></body></html>""",
    # A widget of the page's own that writes its greeting at once and its transcript offer a
    # moment later: both are read, the wait after the click ends on a quiet DOM, not the first change.
    "chat.html": """<!doctype html><html lang="sv"><head><title>Chatt</title></head><body><h1>Butiken</h1>
<div id="panel"></div><button id="open" style="position:fixed;bottom:10px;right:10px">Chatta med oss</button>
<script>document.getElementById('open').onclick = () => {
  const panel = document.getElementById('panel');
  panel.innerHTML = '<p>Hej! Du pratar med Lisa på kundservice.</p>';
  setTimeout(() => { panel.innerHTML += '<p><a href="#">Skicka chattlogg till din e-post</a></p>'; }, 300);
};</script></body></html>""",
    "quiet.html": """<!doctype html><html><head><title>Quiet</title></head><body><p>Nothing opens</p></body></html>""",
}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, RenderedPage]]:
    root: Path = tmp_path_factory.mktemp("parallel-site")
    for name, html in PAGES.items():
        (root / name).write_text(html, encoding="utf-8")
    (root / "dot.png").write_bytes(DOT)
    (root / "shop.woff2").write_bytes(b"wOF2 not really")
    (root / "clip.mp4").write_bytes(b"\x00" * 64)
    names = ["quiet.html", "late.html", "media.html", "tall.html", "opener.html", "chat.html"]

    async def run(base: str) -> list[RenderedPage]:
        options: dict[str, Any] = {"timeout": 8.0}
        async with launch() as browser, browser.site() as session:
            # Behind each page's own filter, as a saved copy's or the SSRF guard's route would be.
            await session.context.route("**/*", passed)
            return await session.render_many([(base + name, options | {"chats": name == "chat.html"})
                                               for name in names])

    async def passed(route: Any) -> None:
        PASSED.append(route.request.url)
        await route.continue_()

    with serve_sites([root], first_host=43) as served:
        pages = asyncio.run(run(served[0].url))
    yield dict(zip(names, pages, strict=True))


#: Every request that got past the pages' filters to the site's route.
PASSED: list[str] = []


def test_pages_come_back_in_the_order_asked(rendered: dict[str, RenderedPage]) -> None:
    assert [name for name, page in rendered.items() if not page.url.endswith(name)] == []
    assert all(page.ok for page in rendered.values())


def test_content_a_script_writes_after_load_is_read(rendered: dict[str, RenderedPage]) -> None:
    assert "hej@sent.se" in rendered["late.html"].html


def test_media_fonts_and_images_past_the_budget_are_not_downloaded(rendered: dict[str, RenderedPage]) -> None:
    html = rendered["media.html"].html
    loaded = [i for i in range(IMAGES_PER_PAGE + EXTRA_IMAGES) if f"<i>{i}:ok</i>" in html]
    refused = [i for i in range(IMAGES_PER_PAGE + EXTRA_IMAGES) if f"<i>{i}:no</i>" in html]
    assert len(loaded) == IMAGES_PER_PAGE and len(refused) == EXTRA_IMAGES
    assert "<i>font:no</i>" in html and "<i>video:no</i>" in html
    assert len([url for url in PASSED if "/dot.png" in url]) == IMAGES_PER_PAGE
    assert [url for url in PASSED if url.endswith((".woff2", ".mp4"))] == []
    assert any(url.endswith("/media.html") for url in PASSED)  # the page itself went through


def test_the_full_page_screenshot_is_a_jpeg_of_capped_height(rendered: dict[str, RenderedPage]) -> None:
    tall = rendered["tall.html"].screenshot
    assert tall.startswith(b"\xff\xd8\xff") and image_size(tall) == (1280, SHOT_MAX_HEIGHT)
    short = rendered["quiet.html"].screenshot
    assert short.startswith(b"\xff\xd8\xff") and image_size(short) == (1280, 900)


def test_a_popup_counts_on_the_page_that_opened_it(rendered: dict[str, RenderedPage]) -> None:
    assert rendered["opener.html"].popups == 1
    assert [name for name, page in rendered.items() if page.popups and name != "opener.html"] == []


def test_a_chat_widget_is_read_once_it_has_finished_writing(rendered: dict[str, RenderedPage]) -> None:
    (chat,) = rendered["chat.html"].chats
    assert chat.opened and "Lisa" in chat.text and chat.transcript_option
