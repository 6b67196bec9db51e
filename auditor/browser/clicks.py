"""Click the links to terms that only a script can follow, and record what the consumer would see.

A shop without a terms page of its own may still show its terms: in a dialog opened by a
``<a href="#">Köpvillkor</a>``, in a window opened by ``javascript:``, on a page a button leads
to. A crawler cannot tell these from a link that does nothing, so the rules would have to say
"needs review" for every such shop. The browser can tell: it clicks the link and watches for a
navigation, a new window, a dialog box, or any change to the page (a ``MutationObserver`` on the
whole document). Only when none of these happens within the waiting time is the click recorded as
``nothing``, the one result that lets a rule treat the terms as absent. A page that changes by
itself (a carousel, a clock) makes every click ``changed``: doubt, never a wrong "absent".
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from datetime import UTC, datetime
from functools import partial
from typing import Any
from urllib.parse import urldefrag

from auditor.browser.chat import short_error
from auditor.models import LinkClick

#: Links clicked per page at most, and how long to watch after each click (seconds).
MAX_CLICKS = 4
WATCH = 1.5

_START = """() => {
  if (window.__auditorClickObserver) window.__auditorClickObserver.disconnect();
  window.__auditorClickChanges = 0;
  const observer = new MutationObserver((records) => { window.__auditorClickChanges += records.length; });
  observer.observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
  window.__auditorClickObserver = observer;
  return document.body ? document.body.innerText : '';
}"""
_STOP = """() => {
  if (window.__auditorClickObserver) window.__auditorClickObserver.disconnect();
  return [Number(window.__auditorClickChanges) || 0, document.body ? document.body.innerText : ''];
}"""


def _page_url(url: str) -> str:
    """The URL without its fragment: ``href="#"`` only moves to the top of the same page."""
    return urldefrag(url)[0]


async def click_links(
    page: Any,
    links: list[tuple[str, str]],
    *,
    popups: Callable[[], int],
    dialogs: Callable[[], int],
    last_popup: Callable[[], str] = lambda: "",
    dialog_text: Callable[[], str] = lambda: "",
    watch: float = WATCH,
) -> list[LinkClick]:
    """Click each ``(locator, text)`` on ``page`` and say what happened; never raises.

    ``popups`` and ``dialogs`` count the windows and dialog boxes the session has seen so far
    (they are closed and dismissed as they open). After a click that navigated, the page is
    loaded again before the next click."""
    start = page.url
    out: list[LinkClick] = []
    for css, text in list(dict.fromkeys(links))[:MAX_CLICKS]:
        made = partial(LinkClick, locator=css, text=text, clicked_at=datetime.now(UTC))
        try:
            if _page_url(page.url) != _page_url(start):
                await page.goto(start, wait_until="domcontentloaded", timeout=15_000)
                await page.wait_for_timeout(1000)
            element = page.locator(css).first
            if await element.count() == 0:
                out.append(made(result="failed", detail="the link is not in the rendered page"))
                continue
            before = str(await page.evaluate(_START))
            windows, boxes = popups(), dialogs()
            await _click(element)
            await page.wait_for_timeout(watch * 1000)
            if _page_url(page.url) != _page_url(start):
                out.append(made(result="navigated", url=page.url[:500]))
            elif popups() > windows:
                out.append(made(result="popup", url=last_popup()[:500]))
            elif dialogs() > boxes:
                out.append(made(result="dialog", detail=dialog_text()[:300]))
            else:
                changes, after = await page.evaluate(_STOP)
                if int(changes) == 0 and after == before:
                    out.append(made(result="nothing"))
                else:
                    out.append(made(result="changed", detail=_new_text(before, str(after))))
        except Exception as exc:  # not knowing what happened is never "nothing"
            out.append(made(result="failed", detail=short_error(exc)[:300]))
    if _page_url(page.url) != _page_url(start):  # what comes next (the chat widgets) needs the page back
        with suppress(Exception):
            await page.goto(start, wait_until="domcontentloaded", timeout=15_000)
    return out


async def _click(element: Any) -> None:
    """A real click where the link can be seen; else (a later step of a checkout, a hidden panel,
    something in front of it) the click event itself, which runs the same handlers."""
    if await element.is_visible():
        try:
            await element.click(timeout=3000)
            return
        except Exception:
            pass
    await element.dispatch_event("click")


def _new_text(before: str, after: str) -> str:
    """The lines of visible text the click added (first 300 characters)."""
    old = {line.strip() for line in before.splitlines()}
    new = [line.strip() for line in after.splitlines() if line.strip() and line.strip() not in old]
    return " / ".join(new)[:300]
