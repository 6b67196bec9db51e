"""Real Chromium opens chat launchers where shops put them: inside the shop's own iframe, inside
another site's iframe, and under a cookie banner, which is refused, never accepted; a chat that
cannot be opened keeps the reason and a screenshot. Two loopback hosts stand for the shop and
the chat vendor."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest

from auditor.browser.render import RenderedPage, launch
from auditor.demo.server import serve_sites

pytestmark = pytest.mark.e2e

#: The chat widget, served by the shop (same origin) and by the "vendor" (another 127.x host).
WIDGET = """<!doctype html><html lang="sv"><head><title>Chatt</title>
<style>body{margin:0} #open{position:absolute;bottom:10px;right:10px;padding:12px}</style></head><body>
<div id="panel" hidden><p>Hej! Du pratar med Lisa på kundservice.</p>
<p><a href="#">Skicka chattlogg till din e-post</a></p></div>
<button id="open" aria-label="Öppna chatten">Chatta med oss</button>
<script>document.getElementById('open').onclick = () => { document.getElementById('panel').hidden = false; };</script>
</body></html>"""
FRAME_STYLE = "position:fixed;bottom:0;right:0;width:340px;height:260px;border:0;z-index:10"
BANNER = """<div id="cb" style="position:fixed;inset:0;z-index:100;background:rgba(0,0,0,.6)">
<div style="background:#fff;margin:20vh auto;width:60%;padding:20px"><p>Vi använder cookies för statistik och
marknadsföring.</p>{buttons}</div></div>"""
REJECT_BUTTONS = """<button onclick="document.title='ACCEPTED';document.getElementById('cb').remove()">
Acceptera alla</button>
<button onclick="document.title='REJECTED';document.getElementById('cb').remove()">Avvisa alla</button>"""


def shop_pages(vendor_url: str) -> dict[str, str]:
    head = '<!doctype html><html lang="sv"><head><title>Butiken</title></head><body><h1>Välkommen</h1>'
    return {
        "widget.html": WIDGET,
        "same.html": f'{head}<iframe src="/widget.html" style="{FRAME_STYLE}"></iframe></body></html>',
        "cross.html": f'{head}<iframe src="{vendor_url}widget.html" style="{FRAME_STYLE}"></iframe></body></html>',
        # The banner covers the whole page, the launcher in the vendor's frame included.
        "covered.html": f'{head}<iframe src="{vendor_url}widget.html" style="{FRAME_STYLE}"></iframe>'
                        f'{BANNER.format(buttons=REJECT_BUTTONS)}</body></html>',
        # A widget that asks for the consent choice first: the first click shows the banner.
        "gated.html": head + """<div id="chat" hidden style="position:fixed;bottom:60px;right:10px">
<p>Hej! Du pratar med Lisa på kundservice.</p><p><a href="#">Skicka chattlogg till din e-post</a></p></div>
<button id="launch" style="position:fixed;bottom:10px;right:10px">Chatta med oss</button>
<script>
let decided = false;
document.getElementById('launch').onclick = () => {
  if (decided) { document.getElementById('chat').hidden = false; return; }
  const box = document.createElement('div');
  box.innerHTML = `""" + BANNER.format(buttons=REJECT_BUTTONS) + """`;
  document.body.appendChild(box.firstElementChild);
  for (const b of document.querySelectorAll('#cb button')) b.addEventListener('click', () => { decided = true; });
};
</script></body></html>""",
        # A vendor's loader that puts its launcher in the page a while after load: the first
        # look finds none, and since the page names a chat vendor the second look waits for it.
        "late.html": head + """<div id="chat" hidden><p>Hej! Du pratar med Lisa på kundservice.</p>
<p><a href="#">Skicka chattlogg till din e-post</a></p></div>
<script>/* loader of //widget.intercom.io/widget/abc */
window.addEventListener('load', () => setTimeout(() => {
  const b = document.createElement('button');
  b.textContent = 'Chatta med oss';
  b.style = 'position:fixed;bottom:10px;right:10px';
  b.onclick = () => { document.getElementById('chat').hidden = false; };
  document.body.appendChild(b);
}, 1200));
</script></body></html>""",
        # Only "accept" is offered: never clicked, so the launcher stays covered.
        "stuck.html": f'{head}<iframe src="{vendor_url}widget.html" style="{FRAME_STYLE}"></iframe>'
                      + BANNER.format(buttons="<button onclick=\"document.title='ACCEPTED'\">Acceptera alla</button>")
                      + "</body></html>",
    }


@pytest.fixture(scope="module")
def shop_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    shop: Path = tmp_path_factory.mktemp("chat-shop")
    vendor: Path = tmp_path_factory.mktemp("chat-vendor")
    (vendor / "widget.html").write_text(WIDGET, encoding="utf-8")
    with serve_sites([shop, vendor], first_host=61) as (served_shop, served_vendor):
        assert served_shop.url.split(":")[1] != served_vendor.url.split(":")[1]  # two hosts: cross-origin
        for name, html in shop_pages(served_vendor.url).items():
            (shop / name).write_text(html, encoding="utf-8")
        yield served_shop.url


def render_with_chats(urls: list[str]) -> list[RenderedPage]:
    async def run() -> list[RenderedPage]:
        out = []
        async with launch() as browser:
            for url in urls:
                async with browser.site() as session:
                    out.append(await session.render(url, timeout=10.0, chats=True))
        return out

    return asyncio.run(run())


def test_launchers_in_same_and_cross_origin_frames_and_under_a_banner_are_opened(shop_url: str) -> None:
    same, cross, covered, gated = render_with_chats(
        [shop_url + name for name in ("same.html", "cross.html", "covered.html", "gated.html")])
    for page in (same, cross, covered, gated):
        opened = [c for c in page.chats if c.opened]
        assert opened, (page.url, page.chats)
        assert "chattlogg" in opened[0].transcript_option.casefold()
        assert opened[0].screenshot_png.startswith(b"\x89PNG")
    # The banners were refused, never accepted: the one shown on load and the one a click brought up.
    for page in (covered, gated):
        assert page.banner is not None and page.banner.action == "rejected", page.banner
    assert covered.title == "REJECTED"
    # The gated widget's first click showed the banner, not the chat; the retry after refusing it opened it.
    assert gated.chats[-1].opened and gated.chats[-1].launcher == "Chatta med oss"


def test_a_launcher_a_named_vendor_adds_late_is_found_on_the_second_look(shop_url: str) -> None:
    (late,) = render_with_chats([shop_url + "late.html"])
    assert [c.launcher for c in late.chats if c.opened] == ["Chatta med oss"], late.chats


def test_a_chat_that_cannot_be_opened_keeps_the_reason_and_a_screenshot(shop_url: str) -> None:
    (stuck,) = render_with_chats([shop_url + "stuck.html"])
    assert stuck.chats and not any(c.opened for c in stuck.chats)
    last = stuck.chats[-1]
    assert last.error and last.screenshot_png.startswith(b"\x89PNG")
    assert stuck.title != "ACCEPTED"
