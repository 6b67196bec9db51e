"""Waits that end on events: a page's scripts are done once its DOM stayed quiet for a moment.

Shared by the render stage (after the load event) and the chat widgets (after a click), so that
neither waits a fixed time when the page has long finished, nor reads a page still being written.
"""

from __future__ import annotations

import asyncio
from contextlib import suppress
from typing import Any

#: Seconds at most that a page's scripts get to settle after the load event.
SETTLE = 1.0
#: The DOM counts as settled once no element changed for this long (seconds), SETTLE at most:
#: a script that writes contact details on load is done by then, a ticking clock is cut at SETTLE.
QUIET = 0.3

# Resolves once no element, attribute or text of the document changed for ``quiet`` ms, or after
# ``most`` ms: the number of ms it waited.
_QUIET_SCRIPT = """
({quiet, most}) => new Promise((resolve) => {
  const start = performance.now();
  let last = start;
  const observer = new MutationObserver(() => { last = performance.now(); });
  observer.observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
  const check = () => {
    const now = performance.now();
    if (now - last >= quiet || now - start >= most) { observer.disconnect(); resolve(now - start); }
    else setTimeout(check, Math.min(50, quiet));
  };
  setTimeout(check, Math.min(50, quiet));
})
"""


async def settle(page: Any, quiet: float = QUIET, most: float = SETTLE) -> None:
    """Let the page's scripts finish writing: until the DOM was quiet for ``quiet`` seconds, at
    most ``most`` (a page whose scripts never yield is left after ``most`` too)."""
    try:
        await asyncio.wait_for(page.evaluate(_QUIET_SCRIPT, {"quiet": quiet * 1000, "most": most * 1000}),
                               timeout=most + 0.5)
    except Exception:  # a busy or navigating page: half the bound more, then go on
        with suppress(Exception):
            await page.wait_for_timeout(most * 500)


async def is_quiet(page: Any, quiet: float, most: float) -> bool:
    """Whether the page's DOM stays unchanged for ``quiet`` seconds within ``most``: False when
    scripts are still writing it (or the page cannot say)."""
    try:
        waited = await asyncio.wait_for(
            page.evaluate(_QUIET_SCRIPT, {"quiet": quiet * 1000, "most": most * 1000}), timeout=most + 0.5)
    except Exception:
        return False
    return float(waited) < most * 1000
