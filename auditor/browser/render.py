"""Render pages in Chromium: the DOM after JavaScript, a full-page screenshot, the cookie banner.

Safety first, because the pages are hostile: every site gets a fresh browser context (no shared
cookies or storage), downloads are refused, no permission is granted (geolocation,
notifications, clipboard), ``alert``/``confirm``/``prompt`` are dismissed, pop-up windows are
closed as they open, service workers are blocked, and every step has a time limit. A page that
never reaches a load state is rendered as far as it got and marked with the reason.

Cookie banners: we record that one was shown and close it with its own *reject* control
("Avvisa alla", "Nur notwendige", "Reject all", ...) or its close button; we never click accept,
so a page is never judged on what it shows after the consumer gave up their privacy.

Speed: one Chromium serves the whole run; a site's context is cheap (no browser start) and its
pages are rendered side by side, at most :data:`PAGES_AT_ONCE` open in the whole browser. What a
screenshot does not need is not downloaded (video, audio, web fonts, images past the first
:data:`IMAGES_PER_PAGE` of a page), waits end on events (DOMContentLoaded, load, then a DOM that
stayed quiet a moment, see :mod:`auditor.browser.waits`), and the full-page
screenshot is a JPEG at most :data:`SHOT_MAX_HEIGHT` CSS pixels high.
"""

from __future__ import annotations

import asyncio
import base64
import os
import shutil
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from auditor import settings as env
from auditor.browser.chat import open_chats, short_error
from auditor.browser.clicks import click_links
from auditor.browser.submit import submit_forms
from auditor.browser.waits import settle
from auditor.models import ChatObservation, FormSubmission, LinkClick
from auditor.web.saved import SavedCopy

#: Flags that keep Chromium quiet on a machine without internet (shared/environment.md).
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--disable-notifications",
)
#: Where Debian and Ubuntu put Chromium; AUDITOR_CHROMIUM overrides.
CANDIDATES = (
    "/usr/lib/chromium/chromium-headless-shell",
    "/usr/lib/chromium/chromium",
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
)
ENV_VAR = env.CHROMIUM
_T = TypeVar("_T")

#: Time limits (seconds): the whole page, the load state after navigation, settling of scripts.
PAGE_TIMEOUT = 25.0
#: Pages open in the browser at once, over all sites (each page holds a renderer's memory: about
#: 25 MiB of PSS each on the benchmark's shops; measured with :mod:`bench.timeline`, 4 to 12).
PAGES_AT_ONCE = 8
#: Pages of one site rendered side by side (after its first page, which sets the consent choice).
SITE_PAGES_AT_ONCE = 3
#: Resource types never downloaded: nothing a screenshot or an extractor needs.
BLOCKED_TYPES = frozenset({"media", "font", "texttrack"})
#: Images a page may load (logos and icons come first in a page); later ones are refused. The
#: request does not say how large an image is, so the budget is a count, not bytes.
IMAGES_PER_PAGE = 16
#: The full-page screenshot: JPEG of this quality, cut at this height (CSS pixels). Cropped
#: screenshots of elements stay PNG: they are small and show the words a finding cites.
SHOT_QUALITY = 70
SHOT_MAX_HEIGHT = 6000
#: PNGs (the element crops, the chat widget's viewport) compressed for speed: the same pixels,
#: about a third more bytes, and Chromium's deflate was the larger part of a crop's CPU (30 shops,
#: 66 pages, ~300 crops: about -2 s of the render stage's ~30 CPU s, see BENCHMARKS.md).
PNG_FOR_SPEED = True


class BrowserUnavailable(RuntimeError):
    """No Chromium to launch: browser rules are then needs_review with this message."""


def find_chromium() -> str | None:
    """The Chromium binary to launch: AUDITOR_CHROMIUM, then Debian's; None means Playwright's own."""
    override = env.chromium()
    if override:
        path = shutil.which(override) or override
        return path if Path(path).is_file() else None
    for candidate in CANDIDATES:
        if Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


@dataclass
class Banner:
    """A cookie or consent banner seen on a page, and what we did about it."""

    shown: bool
    vendor: str = ""
    action: str = ""  # "rejected", "closed", or "" when no reject or close control was found
    control: str = ""  # the text or label of the control we used


@dataclass
class RenderedPage:
    """One page as the consumer's browser showed it."""

    url: str
    final_url: str = ""
    status: int | None = None
    html: str = ""
    title: str = ""
    screenshot: bytes = b""
    elements: dict[str, bytes] = field(default_factory=dict)  # locator -> cropped screenshot
    boxes: dict[str, list[int]] = field(default_factory=dict)  # locator -> the element on the full screenshot
    crops: dict[str, list[int]] = field(default_factory=dict)  # locator -> the area its cropped screenshot shows
    banner: Banner | None = None
    rendered_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    dialogs: int = 0
    popups: int = 0
    error: str = ""
    chats: list[ChatObservation] = field(default_factory=list)
    submissions: list[FormSubmission] = field(default_factory=list)
    clicks: list[LinkClick] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.html) and not self.error


# Known consent-manager roots (CMP): their banners are found even when worded in an image.
_CMP_ROOTS = {
    "OneTrust": "#onetrust-banner-sdk, #onetrust-consent-sdk",
    "Cookiebot": "#CybotCookiebotDialog",
    "Usercentrics": "#usercentrics-root, #uc-center-container",
    "Didomi": "#didomi-host, #didomi-popup",
    "CookieYes": ".cky-consent-container, #cookie-law-info-bar",
    "Complianz": "#cmplz-cookiebanner-container, .cmplz-cookiebanner",
    "Cookie Script": "#cookiescript_injected",
    "Osano / cookieconsent": ".cc-window, .cc-banner",
    "Quantcast": "#qc-cmp2-container",
    "Iubenda": "#iubenda-cs-banner",
    "TrustArc": "#truste-consent-track, #consent_blackbar",
    "Klaro": ".klaro .cookie-notice, .klaro .cookie-modal",
}
#: Words of a consent banner, in the six languages.
_BANNER_WORDS = (
    "cookie", "cookies", "kakor", "kaka", "informasjonskapsler", "informationskapsler", "evästeet",
    "evästeitä", "samtycke", "samtykke", "consent", "einwilligung", "suostumus", "datenschutz",
)
#: A control that refuses tracking. Checked before the close controls; accept is never clicked.
_REJECT = (
    "avvisa alla", "avvisa", "neka alla", "neka", "endast nödvändiga", "bara nödvändiga", "tillåt endast nödvändiga",
    "avvis alle", "avvis", "bare nødvendige", "kun nødvendige", "afvis alle", "afvis", "kun nødvendige cookies",
    "hylkää kaikki", "hylkää", "vain välttämättömät", "salli vain välttämättömät",
    "alle ablehnen", "ablehnen", "nur notwendige", "nur essenzielle", "nur erforderliche",
    "reject all", "reject", "decline all", "decline", "only necessary", "necessary only", "refuse",
    "deny", "use necessary cookies only", "continue without accepting",
)
_CLOSE = ("close", "stäng", "lukk", "luk", "sulje", "schließen", "×", "✕", "x")
_ACCEPT = (
    "accept", "godkänn", "acceptera", "tillåt alla", "godta", "aksepter", "tillat alle", "accepter",
    "tillad alle", "hyväksy", "salli kaikki", "akzeptieren", "zustimmen", "alle erlauben", "allow all",
    "agree", "ok", "jag förstår", "forstått", "i understand",
)

_BANNER_SCRIPT = """
({cmpRoots, words}) => {
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    return r.width > 40 && r.height > 20 && s.visibility !== 'hidden' && s.display !== 'none' && s.opacity !== '0';
  };
  for (const [vendor, selector] of Object.entries(cmpRoots)) {
    for (const el of document.querySelectorAll(selector)) {
      if (visible(el)) { el.setAttribute('data-auditor-banner', '1'); return vendor; }
    }
  }
  const candidates = [...document.querySelectorAll('body *')].filter((el) => {
    const s = getComputedStyle(el);
    return (s.position === 'fixed' || s.position === 'sticky' || el.getAttribute('role') === 'dialog'
            || el.tagName === 'DIALOG') && visible(el);
  });
  for (const el of candidates) {
    const text = (el.innerText || '').toLowerCase();
    const controls = 'button, a, [role=button], input[type=button], input[type=submit]';
    if (text.length < 2000 && words.some((w) => text.includes(w)) && el.querySelector(controls)) {
      el.setAttribute('data-auditor-banner', '1');
      return '';
    }
  }
  return null;
}
"""


def _label(text: str) -> str:
    return " ".join(text.lower().replace("\u00a0", " ").split())


async def _dismiss_banner(page: Any) -> Banner | None:
    """Find a consent banner; close it with its reject control, else its close control."""
    try:
        vendor = await page.evaluate(_BANNER_SCRIPT, {"cmpRoots": _CMP_ROOTS, "words": list(_BANNER_WORDS)})
    except Exception:
        return None
    if vendor is None:
        return None
    banner = Banner(shown=True, vendor=str(vendor))
    controls = page.locator(
        "[data-auditor-banner] button, [data-auditor-banner] a, [data-auditor-banner] [role=button], "
        "[data-auditor-banner] input[type=button], [data-auditor-banner] input[type=submit]"
    )
    found: list[tuple[int, int, str]] = []  # (preference, index, label)
    for index in range(min(await controls.count(), 40)):
        control = controls.nth(index)
        try:
            if not await control.is_visible():
                continue
            text = _label(await control.inner_text() or await control.get_attribute("value") or "")
            aria = _label(await control.get_attribute("aria-label") or "")
        except Exception:
            continue
        label = text or aria
        if any(label == a or label.startswith(a + " ") for a in _ACCEPT) and not any(r in label for r in _REJECT):
            continue  # never consent on the consumer's behalf
        if any(r == label or label.startswith(r) for r in _REJECT):
            found.append((0, index, label))
        elif label in _CLOSE or aria in _CLOSE or any(aria.startswith(c) for c in _CLOSE[:6]):
            found.append((1, index, label or aria))
    if not found:
        return banner
    preference, index, label = min(found)
    try:
        await controls.nth(index).click(timeout=3000)
        await page.wait_for_timeout(300)
        banner.action, banner.control = ("rejected" if preference == 0 else "closed"), label
    except Exception:
        pass
    return banner


class Browser:
    """One Chromium for a batch; a fresh, locked-down context per site."""

    def __init__(self, playwright: Any, browser: Any, pages_at_once: int | None = None) -> None:
        self._playwright = playwright
        self._browser = browser
        # every site's pages share the one browser
        self._pages = asyncio.Semaphore(pages_at_once or PAGES_AT_ONCE)

    def connected(self) -> bool:
        """Whether Chromium is still there (it may have crashed, or been killed for its memory)."""
        return bool(self._browser.is_connected())

    async def bare_context(self, **options: Any) -> Any:
        """A context with ``options`` and none of a site's guards: for files this tool wrote
        (printing a report, :mod:`auditor.browser.pdf`), never for a crawled page."""
        return await self._browser.new_context(**options)

    @asynccontextmanager
    async def site(
        self, saved: SavedCopy | None = None, allow_private: bool = True, ignore_https_errors: bool = False
    ) -> AsyncIterator[SiteSession]:
        """A fresh context for one site; with ``saved``, every request is answered from the saved
        copy's files and anything else is refused (a saved copy never reaches the network)."""
        context = await self._browser.new_context(
            accept_downloads=False,
            permissions=[],
            service_workers="block",
            java_script_enabled=True,
            viewport={"width": 1280, "height": 900},
            locale="en-GB",
            ignore_https_errors=ignore_https_errors,
        )
        session = SiteSession(context, self._pages)
        context.on("page", session.on_page)
        if saved is not None:
            await context.route("**/*", _saved_route(saved))
        elif not allow_private:
            await context.route("**/*", _public_only)
        try:
            yield session
        finally:
            with suppress(Exception):
                await asyncio.wait_for(context.close(), timeout=10)


class SiteSession:
    """Renders the pages of one site in its own context, several at once."""

    def __init__(self, context: Any, gate: asyncio.Semaphore | None = None) -> None:
        self.context = context
        self._gate = gate or asyncio.Semaphore(PAGES_AT_ONCE)
        self._opening = 0  # pages we are opening ourselves: the context's "page" event is not a pop-up
        self._closing: set[asyncio.Task[None]] = set()

    def on_page(self, page: Any) -> None:
        """A new page in the context: ours while we open one, else a window nobody asked for
        (a pop-up is also counted by the page that opened it, see :meth:`render`)."""
        if self._opening == 0:
            self._close_later(page)

    def _close_later(self, page: Any) -> None:
        task = asyncio.ensure_future(_close_quietly(page))
        self._closing.add(task)
        task.add_done_callback(self._closing.discard)

    async def new_page(self) -> Any:
        """A page of our own in this context (not taken for a pop-up); the caller closes it."""
        self._opening += 1
        try:
            return await self.context.new_page()
        finally:
            self._opening -= 1

    async def render_many(self, jobs: list[tuple[str, dict[str, Any]]]) -> list[RenderedPage]:
        """Render each ``(url, keyword arguments of render)``: the first alone (its consent choice
        is the site's cookie, as when a consumer goes on browsing), then the rest side by side,
        :data:`SITE_PAGES_AT_ONCE` at most. In the order given; never raises."""
        if not jobs:
            return []
        first = await self.render(jobs[0][0], **jobs[0][1])
        gate = asyncio.Semaphore(SITE_PAGES_AT_ONCE)

        async def one(url: str, options: dict[str, Any]) -> RenderedPage:
            async with gate:
                return await self.render(url, **options)

        rest = await asyncio.gather(*(one(url, options) for url, options in jobs[1:]))
        return [first, *rest]

    async def render(
        self, url: str, *, timeout: float = PAGE_TIMEOUT, screenshot: bool = True, chats: bool = False,
        elements: Callable[[str, str], list[str]] | None = None,
        submit: Callable[[str, str], list[str]] | None = None,
        clicks: Callable[[str, str], list[tuple[str, str]]] | None = None,
    ) -> RenderedPage:
        """Render ``url``; never raises. A page that stalls is taken as far as it got.

        ``elements`` names the elements to crop screenshots of, ``clicks`` the script-only links
        to click (locator, text), ``submit`` the forms to send a test message through; each is
        asked with the rendered HTML and URL."""
        async with self._gate:
            return await self._render(url, timeout=timeout, screenshot=screenshot, chats=chats,
                                      elements=elements, submit=submit, clicks=clicks)

    async def _render(
        self, url: str, *, timeout: float, screenshot: bool, chats: bool,
        elements: Callable[[str, str], list[str]] | None,
        submit: Callable[[str, str], list[str]] | None,
        clicks: Callable[[str, str], list[tuple[str, str]]] | None,
    ) -> RenderedPage:
        result = RenderedPage(url=url)
        page = await self.new_page()
        dialogs = 0
        dialog_text = ""
        popups = 0
        last_popup = ""

        async def dismiss(dialog: Any) -> None:
            nonlocal dialogs, dialog_text
            dialogs += 1
            with suppress(Exception):
                dialog_text = str(dialog.message)
                await dialog.dismiss()

        def popup(window: Any) -> None:  # counted here, on the page that opened it, and closed
            nonlocal popups, last_popup
            popups += 1
            with suppress(Exception):
                last_popup = str(window.url)
            self._close_later(window)

        page.on("dialog", dismiss)
        page.on("popup", popup)
        with suppress(Exception):
            await page.route("**/*", _Budget())
        # Which elements to crop is asked as soon as the HTML is read: the question (Python, in a
        # thread) and the full-page screenshot (Chromium) then run at the same time.
        asked: asyncio.Future[list[str]] | None = None

        def ask_early() -> None:
            nonlocal asked
            if elements is not None and screenshot and result.html:
                asked = asyncio.ensure_future(_ask(elements, result.html, result.final_url or url))

        try:
            async with asyncio.timeout(timeout * 2):
                camera = _Camera(page)
                await self._load(page, url, result, timeout, screenshot, camera, ask_early)
                if asked is not None:
                    crops = await _crop(page, await asked, camera)
                    result.elements = {css: crop.png for css, crop in crops.items()}
                    result.boxes = {css: crop.box for css, crop in crops.items()}
                    result.crops = {css: crop.area for css, crop in crops.items()}
                if clicks is not None and result.html and not result.error.startswith("could not load"):
                    links = await _ask(clicks, result.html, result.final_url or url)
                    if links:
                        result.clicks = await click_links(
                            page, links, popups=lambda: popups, dialogs=lambda: dialogs,
                            last_popup=lambda: last_popup, dialog_text=lambda: dialog_text,
                        )
                if submit is not None and result.html:
                    forms = await _ask(submit, result.html, result.final_url or url)
                    if forms:
                        result.submissions = await submit_forms(page, forms)
                if chats and not result.error.startswith("could not load"):
                    async def refuse() -> bool:  # a banner that came late, or on a click, may hide the chat
                        banner = await _dismiss_banner(page)
                        if banner is not None and (result.banner is None or not result.banner.action):
                            result.banner = banner
                        return banner is not None

                    result.chats = await asyncio.wait_for(open_chats(page, refuse, camera.viewport), timeout=timeout)
        except TimeoutError:
            result.error = result.error or f"rendering took longer than {timeout * 2:.0f} s and was stopped"
        except Exception as exc:
            result.error = result.error or f"rendering failed: {short_error(exc)}"
        finally:
            if asked is not None:  # stopped before the crops: the answer is not waited for
                asked.cancel()
                asked.add_done_callback(_forget)
            result.dialogs = dialogs
            result.popups = popups
            await _close_quietly(page)
        return result

    @staticmethod
    async def _load(
        page: Any, url: str, result: RenderedPage, timeout: float, screenshot: bool, camera: _Camera | None = None,
        read: Callable[[], None] | None = None,
    ) -> None:
        """Navigate, let scripts settle, deal with the banner, then read the DOM (and call ``read``)
        and take the picture. Each step fills ``result`` as it goes, so a stop at the deadline keeps
        what was read."""
        try:
            response = await page.goto(url, wait_until="domcontentloaded", timeout=timeout * 1000)
            result.status = response.status if response is not None else None
            try:
                await page.wait_for_load_state("load", timeout=min(timeout, 10) * 1000)
            except Exception:
                result.error = "the page did not finish loading within the time limit"
            await settle(page)
        except Exception as exc:
            result.error = f"could not load: {short_error(exc)}"
        result.final_url = page.url
        result.banner = await asyncio.wait_for(_dismiss_banner(page), timeout=10)
        result.html = await asyncio.wait_for(page.content(), timeout=10)
        if read is not None:
            read()
        result.title = await asyncio.wait_for(page.title(), timeout=5)
        if screenshot:
            result.screenshot = await _full_page_shot(page, camera)


#: One question at a time: the facts gatherers keep process-wide memories (phrase hits, concept
#: answers) that are not written for threads, and under the GIL two questions at once would take
#: no less CPU time anyway.
_ASKING = threading.Lock()


def _one_at_a_time(question: Callable[[str, str], list[_T]], html: str, url: str) -> list[_T]:
    with _ASKING:
        return question(html, url)


def _forget(future: asyncio.Future[Any]) -> None:
    """Marks a future's outcome as seen (an answer nobody waits for any more is no error)."""
    if not future.cancelled():
        future.exception()


async def _ask(question: Callable[[str, str], list[_T]], html: str, url: str) -> list[_T]:
    """A question about a rendered page (the elements to crop, the links to click, the forms to
    send): facts extraction, seconds of CPU on a long page, so it runs beside the event loop and
    the other pages in the browser go on meanwhile (one question at a time, :data:`_ASKING`)."""
    return await asyncio.to_thread(_one_at_a_time, question, html, url)


# The page's size as Playwright measures a full page (the largest of the body's and the root's
# scroll, offset and client sizes), and the viewport's.
_SIZE = """
() => {
  const b = document.body, d = document.documentElement;
  const most = (k) => Math.max(b ? b[k] : 0, d ? d[k] : 0);
  return {width: Math.max(most('scrollWidth'), most('offsetWidth'), most('clientWidth')),
          height: Math.max(most('scrollHeight'), most('offsetHeight'), most('clientHeight')),
          view: [window.innerWidth, window.innerHeight]};
}
"""


class _Camera:
    """Pictures of one page taken straight from Chromium, one DevTools message each, through a
    DevTools session of the page's own (opened at the first picture); Playwright's screenshot
    where Chromium gives no session. A Playwright screenshot costs more than its message: it
    styles every frame of the page before and after (a hidden caret: two style recalculations
    and repaints of the whole page) and waits for the fonts, which are never loaded here."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self._session: Any = None
        self._opened = False

    async def _devtools(self) -> Any:
        if not self._opened:
            self._opened = True
            with suppress(Exception):
                self._session = await asyncio.wait_for(self.page.context.new_cdp_session(self.page), timeout=3)
        return self._session

    async def viewport(self) -> bytes:
        """A PNG of the viewport as the page shows it now (scrolled or not)."""
        session = await self._devtools()
        if session is None:
            shot: bytes = await self.page.screenshot(full_page=False, timeout=10_000, type="png")
            return shot
        request = {"format": "png", "optimizeForSpeed": PNG_FOR_SPEED}
        answer = await asyncio.wait_for(session.send("Page.captureScreenshot", request), timeout=10)
        return base64.b64decode(answer["data"])

    async def take(self, area: list[int], *, beyond: bool = True, jpeg: int = 0, timeout: float = 3) -> bytes:
        """The ``area`` (x, y, width, height: CSS pixels from the page's top left) as a PNG, or a
        JPEG of quality ``jpeg``; ``beyond``: the area may reach past the viewport (Chromium then
        draws the page taller for the picture, so an area inside the viewport is cheaper)."""
        session = await self._devtools()
        if session is None:
            clip = {"x": area[0], "y": area[1], "width": area[2], "height": area[3]}
            options: dict[str, Any] = {"type": "jpeg", "quality": jpeg} if jpeg else {"type": "png"}
            shot: bytes = await self.page.screenshot(clip=clip, full_page=True, timeout=timeout * 1000, **options)
            return shot
        request: dict[str, Any] = {
            "format": "jpeg" if jpeg else "png",
            "clip": {"x": area[0], "y": area[1], "width": area[2], "height": area[3], "scale": 1},
            "captureBeyondViewport": beyond}
        if jpeg:
            request["quality"] = jpeg
        else:
            request["optimizeForSpeed"] = PNG_FOR_SPEED
        answer = await asyncio.wait_for(session.send("Page.captureScreenshot", request), timeout=timeout)
        return base64.b64decode(answer["data"])


async def _full_page_shot(page: Any, camera: _Camera | None = None) -> bytes:
    """The page from its top as a JPEG, :data:`SHOT_MAX_HEIGHT` CSS pixels high at most; a page
    no larger than the viewport is taken as the viewport shows it (as Playwright's full-page
    screenshot does)."""
    camera = camera or _Camera(page)
    try:
        size = await asyncio.wait_for(page.evaluate(_SIZE), timeout=5)
        width, height = int(size["width"]), int(size["height"])
        view_width, view_height = (int(v) for v in size["view"])
    except Exception:
        shot: bytes = await page.screenshot(full_page=True, timeout=15_000, type="jpeg", quality=SHOT_QUALITY)
        return shot
    fits = width <= view_width and height <= view_height
    if height > SHOT_MAX_HEIGHT:  # cut at the viewport's width too, as before
        width, height = min(width, view_width), SHOT_MAX_HEIGHT
    area = [0, 0, max(1, width), max(1, height)]
    return await camera.take(area, beyond=not fits, jpeg=SHOT_QUALITY, timeout=15)


class _Budget:
    """A page's request filter: video, audio and fonts refused, images past the page's budget
    refused, everything else passed on (to the site's own guards, if any)."""

    def __init__(self, images: int = IMAGES_PER_PAGE) -> None:
        self.images = images

    async def __call__(self, route: Any) -> None:
        with suppress(Exception):
            kind = route.request.resource_type
            if kind == "image":
                self.images -= 1
            if kind in BLOCKED_TYPES or (kind == "image" and self.images < 0):
                await route.abort("blockedbyclient")
            else:
                await route.fallback()


#: Cropped screenshots per page at most, and the time each may take.
MAX_ELEMENTS = 12
#: Around an element's crop: CSS pixels of margin, and the least height and width a crop has, so
#: that a one-line footer shows its neighbours and reads at the size the page had.
CROP_MARGIN = 16
CROP_MIN_HEIGHT = 96
CROP_MIN_WIDTH = 360
#: A context block taller than this is not cropped whole: the element with its margin is.
CROP_MAX_HEIGHT = 900

# Where each element is on the page and the block that gives it context: an inline element (a
# link, a number in a sentence) is read with the sentence around it ("0600 123 456 (1,95 €/min)"),
# a block of one line with its parent when that is still small. Page coordinates, CSS pixels.
# All the page's elements in one call (a round trip each cost more than the measuring): a
# locator that matches nothing, matches an element with no box or one hidden is left out, as
# Playwright's visibility test would (an empty box or ``visibility: hidden``).
_MEASURE = """
(locators) => {
  const abs = (r) => [r.left + window.scrollX, r.top + window.scrollY, r.width, r.height];
  const doc = document.documentElement;
  const page = [Math.max(doc.scrollWidth, document.body ? document.body.scrollWidth : 0),
                Math.max(doc.scrollHeight, document.body ? document.body.scrollHeight : 0)];
  const out = {};
  // The part of the page in the viewport now: an area inside it is taken as shown, no taller page drawn.
  out[''] = [window.scrollX, window.scrollY, window.innerWidth, window.innerHeight];
  for (const css of locators) {
    let el = null;
    try { el = document.querySelector(css); } catch (e) { continue; }
    if (!el) continue;
    const box = el.getBoundingClientRect();
    if (box.width <= 0 || box.height <= 0 || getComputedStyle(el).visibility === 'hidden') continue;
    let ctx = el;
    while (ctx.parentElement && ctx.parentElement !== document.body
           && getComputedStyle(ctx).display.startsWith("inline")) {
      ctx = ctx.parentElement;
    }
    let area = ctx.getBoundingClientRect();
    while (ctx.parentElement && ctx.parentElement !== document.body && area.height < 40) {
      const up = ctx.parentElement.getBoundingClientRect();
      if (up.height > 240) break;
      ctx = ctx.parentElement;
      area = up;
    }
    out[css] = {box: abs(box), context: abs(area), page};
  }
  return out;
}
"""


@dataclass(frozen=True)
class Crop:
    """What :func:`_crop` took of one element: the picture, where the element is on the page and
    the area the picture shows (x, y, width, height in CSS pixels from the page's top left)."""

    png: bytes
    box: list[int]
    area: list[int]


def crop_area(box: list[float], context: list[float], page: list[float]) -> list[int]:
    """The area to crop for an element at ``box`` whose context block is ``context``: the block
    (or, when it is very tall, the element) with a margin, at least :data:`CROP_MIN_HEIGHT` high
    and :data:`CROP_MIN_WIDTH` wide around the element, inside the page."""
    x, y, w, h = context if context[3] <= CROP_MAX_HEIGHT else box
    left, top = min(x, box[0]) - CROP_MARGIN, min(y, box[1]) - CROP_MARGIN
    right = max(x + w, box[0] + box[2]) + CROP_MARGIN
    bottom = max(y + h, box[1] + box[3]) + CROP_MARGIN
    centre_x, centre_y = box[0] + box[2] / 2, box[1] + box[3] / 2
    if right - left < CROP_MIN_WIDTH:
        left, right = min(left, centre_x - CROP_MIN_WIDTH / 2), max(right, centre_x + CROP_MIN_WIDTH / 2)
    if bottom - top < CROP_MIN_HEIGHT:
        top, bottom = min(top, centre_y - CROP_MIN_HEIGHT / 2), max(bottom, centre_y + CROP_MIN_HEIGHT / 2)
    left, right = _fit(left, right, max(page[0], 1))
    top, bottom = _fit(top, bottom, max(page[1], 1))
    return [round(left), round(top), max(1, round(right - left)), max(1, round(bottom - top))]


def _fit(low: float, high: float, limit: float) -> tuple[float, float]:
    """The span ``low``-``high`` moved inside 0-``limit`` (shrunk only when it is longer)."""
    if low < 0:
        low, high = 0.0, high - low
    if high > limit:
        low, high = max(0.0, low - (high - limit)), limit
    return low, high


async def _crop(page: Any, locators: list[str], camera: _Camera | None = None) -> dict[str, Crop]:
    """A screenshot of each element behind a finding (CSS locators from the rendered DOM), with
    the text around it, and where the element is on the full-page screenshot. The elements are
    measured in one call and each area is taken straight from Chromium (:class:`_Camera`), once
    (the elements of one block share its area), and an area inside the viewport without drawing
    the page taller."""
    wanted = [css for css in dict.fromkeys(locators) if css][:MAX_ELEMENTS]
    if not wanted:
        return {}
    try:
        measured = await asyncio.wait_for(page.evaluate(_MEASURE, wanted), timeout=5)
    except Exception:
        return {}
    if not isinstance(measured, dict):
        return {}
    camera = camera or _Camera(page)
    view = _numbers(measured.get(""))
    taken: dict[tuple[int, ...], bytes] = {}  # elements of one block share its area: one picture
    out: dict[str, Crop] = {}
    for css in wanted:
        found = measured.get(css)
        if not found:
            continue
        with suppress(Exception):
            box = [float(v) for v in found["box"]]
            if box[2] < 1 or box[3] < 1:
                continue
            area = crop_area(box, [float(v) for v in found["context"]], [float(v) for v in found["page"]])
            png = taken.get(tuple(area)) or await camera.take(area, beyond=not _inside(area, view))
            taken[tuple(area)] = png
            out[css] = Crop(png=png, box=[round(v) for v in box], area=area)
    return out


def _numbers(value: Any) -> list[float]:
    try:
        return [float(v) for v in value]
    except (TypeError, ValueError):
        return []


def _inside(area: list[int], view: list[float]) -> bool:
    """Whether ``area`` lies in the viewport ``view`` (x, y, width, height; page coordinates)."""
    if len(view) != 4:
        return False
    x, y, width, height = view
    return x <= area[0] and y <= area[1] and area[0] + area[2] <= x + width and area[1] + area[3] <= y + height


async def _public_only(route: Any) -> None:
    """The browser's side of the SSRF guard: no request of a public audit reaches a private address."""
    from urllib.parse import urlsplit

    from auditor.web.netguard import private_reason_sync

    host = (urlsplit(route.request.url).hostname or "").lower()
    try:
        blocked = bool(host) and await asyncio.to_thread(private_reason_sync, host) is not None
    except Exception:
        blocked = True
    with suppress(Exception):
        await (route.abort("blockedbyclient") if blocked else route.continue_())


def _saved_route(saved: SavedCopy) -> Any:
    async def handle(route: Any) -> None:
        url = route.request.url
        try:
            if not saved.owns(url):
                await route.abort()
                return
            answer = saved.lookup(url)
            if answer.status == 301 and answer.location:
                await route.fulfill(status=301, headers={"Location": answer.location})
            elif answer.status != 200 or answer.file is None:
                await route.fulfill(status=404, body="not in the saved copy", content_type="text/plain")
            else:
                body = saved.read(answer.file)
                await route.fulfill(status=200, body=body, content_type=saved.content_type(answer.file, body))
        except Exception:
            with suppress(Exception):
                await route.abort()

    return handle


async def _close_quietly(page: Any) -> None:
    with suppress(Exception):
        await asyncio.wait_for(page.close(), timeout=5)


@asynccontextmanager
async def launch(executable: str | None = None) -> AsyncIterator[Browser]:
    """Start Chromium (Debian's, or Playwright's own when none is found); BrowserUnavailable if none runs."""
    try:
        from playwright.async_api import async_playwright
    except ImportError as exc:  # pragma: no cover - playwright is a dependency
        raise BrowserUnavailable("Playwright is not installed") from exc
    path = executable or find_chromium()
    manager = async_playwright()
    playwright = await manager.start()
    try:
        try:
            browser = await playwright.chromium.launch(
                executable_path=path, headless=True, args=list(CHROMIUM_ARGS), timeout=30_000
            )
        except Exception as exc:
            where = path or "Playwright's own Chromium"
            raise BrowserUnavailable(
                f"no browser could be started ({where}: {short_error(exc)}); install Debian's chromium "
                f"or set {ENV_VAR}"
            ) from exc
        try:
            yield Browser(playwright, browser)
        finally:
            with suppress(Exception):
                await asyncio.wait_for(browser.close(), timeout=15)
    finally:
        await manager.__aexit__(None, None, None)
