"""Open a page's chat widget the way a consumer would, without sending anything, and read it.

The launcher is found by the vendor's own markers (``auditor/facts/vendors.toml``), by a
vendor's iframe, or by what a person sees (a button or link named "chat"). After one click the
widget's new text (in the page and in its frames) is read for a way to keep the conversation
("Email transcript", "Skicka chattlogg", "Verlauf per E-Mail"), for a bot, and for an offer of a
human; a screenshot shows the open widget. Nothing is typed and no message is sent.

Launchers are looked for in every frame of the page, the shop's own and other sites' iframes
alike (Playwright reaches cross-origin frames through the browser, not the page's scripts). The
render stage has already refused the consent banner; a launcher that still cannot be opened (a
banner that came late covers it, the widget loaded slowly) gets one more try after the banner is
refused again and the widget had time to load; so does a page with no launcher yet where one may
still come (a banner was shown, a chat vendor is named, scripts are still writing the page). A
chat that cannot be opened even then is recorded with the reason and a screenshot of what the
consumer saw.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from contextlib import suppress
from typing import Any
from urllib.parse import urlsplit

from auditor.browser.waits import is_quiet, settle
from auditor.facts.chat import vendors
from auditor.facts.passages.common import lexicon, phrase_hits, word_list
from auditor.models import ChatObservation

#: Launchers tried per page, and how long a widget may take to open.
MAX_LAUNCHERS = 3
OPEN_WAIT_MS = 1500
#: A widget of the page's own is open once its text is there and the DOM stayed quiet this long (s).
OPEN_QUIET = 0.5

_FIND_LAUNCHERS = """
({markers, limit}) => {
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    return r.width > 4 && r.height > 4 && s.visibility !== 'hidden' && s.display !== 'none';
  };
  const clickable = 'button, [role=button], a, [onclick]';
  for (const el of document.querySelectorAll('[data-auditor-launcher]')) el.removeAttribute('data-auditor-launcher');
  const out = [];
  const add = (el, vendor) => {
    if (!el || el.hasAttribute('data-auditor-launcher') || !visible(el) || out.length >= limit) return;
    el.setAttribute('data-auditor-launcher', String(out.length));
    const label = (el.getAttribute('aria-label') || el.getAttribute('title') || el.innerText || '').trim();
    out.push({vendor, label: label.slice(0, 80)});
  };
  for (const [vendor, selectors] of Object.entries(markers)) {
    for (const selector of selectors) {
      let found = [];
      try { found = document.querySelectorAll(selector); } catch (e) { continue; }
      for (const el of found) add(el.matches(clickable) ? el : (el.querySelector(clickable) || el), vendor);
    }
  }
  // "chat" and its forms in the shop languages: chatta, chatten, chattaa, chatbot, kundechat, livechat.
  const words = /(^|[^a-zåäöæøü])(live ?|kunde)?(chat[a-zåäöæøü]{0,4}|messenger|launcher)([^a-zåäöæøü]|$)/i;
  for (const el of document.querySelectorAll(clickable)) {
    const text = [el.getAttribute('aria-label'), el.id, el.className && String(el.className),
                  el.getAttribute('title'), el.innerText].filter(Boolean).join(' ');
    if (words.test(text) && text.length < 200) add(el, '');
  }
  return out;
}
"""
_TEXT = "() => document.body ? document.body.innerText : ''"
# Whether a chat widget may still be on its way: a script, frame or link of a chat vendor's host
# (or with "chat" in its address), a vendor's host in an inline loader, or a vendor's global.
_COMING = """
({hosts, globals}) => {
  const sources = [...document.querySelectorAll('script[src], iframe[src], link[href]')]
    .map((el) => (el.getAttribute('src') || el.getAttribute('href') || '').toLowerCase());
  if (sources.some((s) => s.includes('chat') || hosts.some((h) => s.includes(h)))) return true;
  const inline = [...document.querySelectorAll('script:not([src])')]
    .map((el) => el.textContent).join('\\n').toLowerCase();
  if (hosts.some((h) => inline.includes(h))) return true;
  return globals.some((g) => { try { return window[g] !== undefined; } catch (e) { return true; } });
}
"""
#: The DOM counts as finished when it stays unchanged this long (s) within RETRY_QUIET_MOST.
RETRY_QUIET = 0.3
RETRY_QUIET_MOST = 0.6


def _markers() -> dict[str, list[str]]:
    return {v.name: list(v.markers) for v in vendors() if v.markers}


def _vendor_of_frame(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    for vendor in vendors():
        if any(h in host or h in url for h in vendor.hosts):
            return vendor.name
    return ""


def read_widget(text: str) -> tuple[str, bool, str]:
    """From an open widget's text: a transcript option, whether it is a bot, and a human option."""
    words = word_list(text)

    def first(key: str) -> str:
        hits = phrase_hits(words, lexicon("chat", key))
        return hits[0][1] if hits else ""

    return first("transcript"), bool(first("bot")), first("human")


#: Refuses a consent banner if one is shown; True when one was shown (refused or not).
Refuse = Callable[[], Awaitable[bool]]
#: A PNG of the viewport, what the consumer sees of the page now.
Shoot = Callable[[], Awaitable[bytes]]


async def _no_banner() -> bool:
    return False


async def open_chats(
    page: Any, refuse_banner: Refuse | None = None, shoot: Shoot | None = None,
) -> list[ChatObservation]:
    """Try the page's chat launchers, in every frame, one by one; never raises.

    ``refuse_banner`` is the render stage's consent-banner refusal: it runs before each click,
    and a click that brings up a banner instead of a chat does not count as opening it. When
    none opens, the banner is refused again and the launchers are looked for and tried once
    more (a widget that loads late, or only after the consent choice); a chat still not opened
    keeps a screenshot of what the consumer saw. The second round is skipped when it could find
    nothing new: no launcher was found, no banner was shown, no chat vendor's script, frame or
    global is on the page and its scripts have stopped writing it (:func:`_may_come`). ``shoot``
    takes the screenshots (the render stage's, straight from Chromium; else Playwright's)."""
    refuse = refuse_banner or _no_banner
    shoot = shoot or (lambda: _viewport_shot(page))
    out = await _attempt(page, refuse, shoot)
    if any(o.opened for o in out):
        return out
    banner = await _quietly(refuse)
    if not out and not banner and not await _may_come(page):
        return out
    with suppress(Exception):
        await page.wait_for_timeout(OPEN_WAIT_MS)
    retry = await _attempt(page, refuse, shoot)
    if any(o.opened for o in retry):
        return retry
    out = retry or out
    if out:
        shot = b""
        with suppress(Exception):
            shot = await shoot()
        out[-1] = out[-1].model_copy(update={"screenshot_png": shot})
    return out


async def _may_come(page: Any) -> bool:
    """Whether a launcher may still appear on a page that shows none: a chat vendor is named in
    the page or its frames, or the page's scripts are still writing it; True when unsure."""
    if any(_vendor_of_frame(frame.url) for frame in page.frames if frame != page.main_frame):
        return True
    table = vendors()
    try:
        named = await asyncio.wait_for(page.evaluate(_COMING, {
            "hosts": [h for v in table for h in v.hosts], "globals": [g for v in table for g in v.globals]}),
            timeout=5)
    except Exception:
        return True
    return bool(named) or not await is_quiet(page, RETRY_QUIET, RETRY_QUIET_MOST)


async def _launchers(page: Any) -> list[tuple[Any, int, str, str]]:
    """(frame, index, vendor, label) of every launcher found, the page's own frame first."""
    found: list[tuple[Any, int, str, str]] = []
    for frame in [page.main_frame, *(f for f in page.frames if f != page.main_frame)]:
        if len(found) >= MAX_LAUNCHERS:
            break
        try:
            items = await asyncio.wait_for(
                frame.evaluate(_FIND_LAUNCHERS, {"markers": _markers(), "limit": MAX_LAUNCHERS}), timeout=5)
        except Exception:
            if frame == page.main_frame:
                raise
            continue  # a frame that went away or never loaded
        for index, item in enumerate(items or []):
            found.append((frame, index, str(item.get("vendor") or ""), str(item.get("label") or "")))
    return found[:MAX_LAUNCHERS]


async def _quietly(refuse: Refuse) -> bool:
    try:
        return bool(await asyncio.wait_for(refuse(), timeout=10))
    except Exception:
        return False


async def _viewport_shot(page: Any) -> bytes:
    shot: bytes = await page.screenshot(full_page=False, timeout=10_000, type="png")
    return shot


async def _attempt(page: Any, refuse: Refuse, shoot: Shoot) -> list[ChatObservation]:
    """One round: every launcher in every frame until one opens, then the vendors' own frames."""
    out: list[ChatObservation] = []
    try:
        launchers = await _launchers(page)
    except Exception as exc:
        return [ChatObservation(error=f"could not look for a chat launcher: {short_error(exc)}")]
    for frame, index, vendor, label in launchers:
        vendor = vendor or _vendor_of_frame(frame.url)
        out.append(await _try(page, frame, f'[data-auditor-launcher="{index}"]', vendor, label, refuse, shoot))
        if out[-1].opened:
            return out
    framed = [f for f in page.frames if f != page.main_frame and _vendor_of_frame(f.url)]
    for frame in framed[:MAX_LAUNCHERS]:
        out.append(await _try(page, frame, "button, [role=button]", _vendor_of_frame(frame.url),
                              "(in the widget's frame)", refuse, shoot))
        if out[-1].opened:
            break
    return out


async def _before(page: Any) -> str:
    with suppress(Exception):
        return str(await page.evaluate(_TEXT))
    return ""


async def _frames_text(page: Any) -> str:
    parts: list[str] = []
    for frame in page.frames:
        if frame == page.main_frame:
            continue
        with suppress(Exception):
            parts.append(str(await asyncio.wait_for(frame.evaluate(_TEXT), timeout=3)))
    return "\n".join(parts)


async def _wait_open(page: Any, before: str) -> None:
    """After a click on a launcher: :data:`OPEN_WAIT_MS`, or less when the widget is the page's
    own (no frame on the page), its new text is there and the DOM was quiet for
    :data:`OPEN_QUIET` seconds. A widget in a frame loads on its own: it gets the whole time."""
    start = asyncio.get_running_loop().time()
    await settle(page, quiet=OPEN_QUIET, most=OPEN_WAIT_MS / 1000)
    waited = asyncio.get_running_loop().time() - start
    if waited * 1000 >= OPEN_WAIT_MS - 50:
        return
    with suppress(Exception):
        if len(page.frames) == 1 and _new_lines(before, await _before(page)):
            return
    await page.wait_for_timeout(max(0.0, OPEN_WAIT_MS - waited * 1000))


def _new_lines(before: str, after: str) -> list[str]:
    seen = set(before.splitlines())
    return [line for line in after.splitlines() if line.strip() and line not in seen]


async def _observe(
    page: Any, vendor: str, label: str, before: str, frames_before: str, shoot: Shoot,
) -> ChatObservation:
    await _wait_open(page, before)
    after = await _before(page)
    frames_after = await _frames_text(page)
    seen_before = set(before.splitlines()) | set(frames_before.splitlines())
    lines = (after + "\n" + frames_after).splitlines()
    new_lines = [line for line in lines if line.strip() and line not in seen_before]
    text = "\n".join(new_lines)
    if not text.strip():
        return ChatObservation(
            vendor=vendor, launcher=label, opened=False,
            error="clicking the launcher showed nothing new (the widget may need consent or agents online)",
        )
    transcript, bot, human = read_widget(text)
    shot = b""
    with suppress(Exception):
        shot = await shoot()
    frame_vendor = next((_vendor_of_frame(f.url) for f in page.frames if _vendor_of_frame(f.url)), "")
    return ChatObservation(
        vendor=vendor or frame_vendor, launcher=label, opened=True, transcript_option=transcript, bot=bot,
        human_option=human, text=text[:1000], screenshot_png=shot,
    )


async def _try(
    page: Any, frame: Any, selector: str, vendor: str, label: str, refuse: Refuse, shoot: Shoot,
) -> ChatObservation:
    """Refuse any consent banner, click one launcher, and read what opened."""
    banner_before = await _quietly(refuse)
    before, frames_before = await _before(page), await _frames_text(page)
    try:
        await frame.locator(selector).first.click(timeout=3000)
    except Exception as exc:
        return ChatObservation(vendor=vendor, launcher=label,
                               error=f"the launcher could not be clicked: {short_error(exc)}")
    observation = await _observe(page, vendor, label, before, frames_before, shoot)
    if observation.opened and not banner_before and await _quietly(refuse):
        # What appeared was a consent banner asking first, not the chat (it was refused).
        return ChatObservation(vendor=vendor, launcher=label,
                               error="clicking the launcher brought up a cookie consent banner instead of the chat")
    return observation


def short_error(exc: BaseException) -> str:
    """The first line of an exception's message, at most 200 characters (for reports)."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:200]
