"""Where the render stage's wall time goes: the phases of a rendered page, summed over a run.

    PYTHONPATH=$PWD .venv/bin/python -m bench.render_phases --sites 30

Runs :mod:`bench.render_stage`'s measurement (the simulated web, crawled once without a browser,
then the pipeline's render stage over every shop) with timers wrapped around the browser's
steps: context creation, navigation, the load state, settling, the consent banner, the page's
HTML, the full-page screenshot, the questions about a rendered page (and the share of them spent
waiting for another question), the crops, the chat probe with its fixed waits, the clicks and the
form probes. Steps nest (a chat probe takes screenshots and settles), so the rows do not add up
to the wall time; each row is the sum over all pages, in seconds, and its count. Also: the mean
number of pages and of sites in the browser at once. Wraps by name, so it runs against another
tree too (put that one first on ``PYTHONPATH``) as long as the names are there; a name missing
is skipped. For notes, never for a timed test.
"""

from __future__ import annotations

import argparse
import asyncio
import contextvars
import functools
import inspect
import json
import os
import resource
import statistics
import time
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from auditor import pipeline
from bench.render_stage import crawled_web, render_all
from bench.run import PeakMemory, Sampler, _children, _own_cpu

TOTALS: dict[str, float] = defaultdict(float)
COUNTS: dict[str, int] = defaultdict(int)
#: Messages to Playwright's driver, by the innermost phase that sent them: a count that the
#: load of a shared machine does not change, where seconds do.
MESSAGES: dict[str, int] = defaultdict(int)
PHASE: contextvars.ContextVar[str] = contextvars.ContextVar("phase", default="(outside)")


class Level:
    """A time-weighted mean of how many of something are open at once."""

    def __init__(self) -> None:
        self.now = 0
        self.area = 0.0
        self.since = time.monotonic()
        self.peak = 0

    def move(self, by: int) -> None:
        t = time.monotonic()
        self.area += self.now * (t - self.since)
        self.since, self.now = t, self.now + by
        self.peak = max(self.peak, self.now)


PAGES = Level()
SITES = Level()


def timed(name: str, fn: Callable[..., Any], level: Level | None = None) -> Callable[..., Any]:
    if asyncio.iscoroutinefunction(fn):
        @functools.wraps(fn)
        async def wrapper(*args: Any, **kwargs: Any) -> Any:
            start = time.monotonic()
            if level is not None:
                level.move(1)
            token = PHASE.set(name)
            try:
                return await fn(*args, **kwargs)
            finally:
                PHASE.reset(token)
                if level is not None:
                    level.move(-1)
                TOTALS[name] += time.monotonic() - start
                COUNTS[name] += 1
        return wrapper

    @functools.wraps(fn)
    def sync_wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.monotonic()
        try:
            return fn(*args, **kwargs)
        finally:
            TOTALS[name] += time.monotonic() - start
            COUNTS[name] += 1
    return sync_wrapper


def patch(owner: Any, attr: str, name: str, level: Level | None = None) -> None:
    fn = getattr(owner, attr, None)
    if fn is None:
        return
    wrapped = timed(name, fn, level)
    is_static = isinstance(inspect.getattr_static(owner, attr), staticmethod)
    setattr(owner, attr, staticmethod(wrapped) if is_static else wrapped)


def instrument() -> None:
    from playwright._impl.connection import Connection
    from playwright.async_api import Browser as PwBrowser
    from playwright.async_api import BrowserContext, Frame, Locator, Page

    from auditor.browser import chat, render, stage

    send = Connection.send_message_to_server

    def counted(self: Any, *args: Any, **kwargs: Any) -> Any:
        MESSAGES[PHASE.get()] += 1
        return send(self, *args, **kwargs)

    Connection.send_message_to_server = counted  # type: ignore[method-assign]

    patch(PwBrowser, "new_context", "context: new")
    patch(BrowserContext, "close", "context: close")
    patch(BrowserContext, "new_page", "page: new")
    patch(Page, "close", "page: close")
    patch(Page, "goto", "goto (domcontentloaded)")
    patch(Page, "wait_for_load_state", "load state")
    patch(Page, "content", "page.content()")
    patch(Page, "screenshot", "screenshot (any)")
    patch(Page, "wait_for_timeout", "fixed sleep (any)")
    patch(Frame, "wait_for_timeout", "fixed sleep (frame)")
    patch(Locator, "click", "locator click (any)")
    patch(render.SiteSession, "_render", "page: whole render", PAGES)
    patch(render.SiteSession, "_load", "load: goto..shot")
    patch(render, "settle", "settle after load")
    patch(render, "_dismiss_banner", "consent banner")
    patch(render, "_full_page_shot", "full-page shot")
    patch(render, "_crop", "crops")
    if hasattr(render, "_Camera"):
        patch(render._Camera, "take", "picture by DevTools (any)")
    patch(render, "_ask", "question (await)")
    patch(render, "_one_at_a_time", "question (thread, lock incl.)")
    patch(render, "click_links", "script-link clicks")
    patch(render, "submit_forms", "form probes")
    patch(render, "open_chats", "chat probe")
    patch(chat, "_attempt", "chat: attempt round")
    patch(chat, "_launchers", "chat: find launchers")
    patch(chat, "_wait_open", "chat: wait open")
    patch(chat, "settle", "chat: settle")
    patch(chat, "_frames_text", "chat: frames text")
    for question in ("finding_locators", "script_link_locators", "contact_form_locators"):
        patch(stage, question, f"question: {question}")
    patch(pipeline, "render_crawl", "site: render_crawl", SITES)


class CpuByKind(Sampler):
    """CPU seconds of each kind of process in this tree (this Python, Playwright's driver,
    Chromium's browser, renderer, GPU and utility processes), sampled until the stage ends."""

    def __init__(self, interval: float = 0.5) -> None:
        super().__init__(interval)
        self.last: dict[int, tuple[str, float]] = {}
        self.start = _own_cpu(os.getpid())

    def sample(self) -> None:
        tree = _children()
        todo = [os.getpid()]
        while todo:
            pid = todo.pop()
            todo.extend(tree.get(pid, ()))
            kind = self.last[pid][0] if pid in self.last else ""
            if kind in ("", "chromium zygote"):  # a fresh fork has its zygote's title a moment
                kind = _kind(pid)
            self.last[pid] = (kind, _own_cpu(pid))

    def totals(self) -> dict[str, float]:
        out: dict[str, float] = defaultdict(float)
        for pid, (kind, cpu) in self.last.items():
            out[kind] += cpu - (self.start if pid == os.getpid() else 0.0)
        return {kind: round(cpu, 1) for kind, cpu in sorted(out.items(), key=lambda item: -item[1])}


def _kind(pid: int) -> str:
    if pid == os.getpid():
        return "python"
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            # Chromium rewrites its children's titles as one line: split on spaces too.
            words = handle.read().decode(errors="replace").replace("\0", " ").split()
    except OSError:
        return "?"
    if not words:
        return "?"
    if "node" in os.path.basename(words[0]):
        return "driver"
    kind = next((w.split("=", 1)[1] for w in words if w.startswith("--type=")), "browser")
    return f"chromium {kind}"


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sites", type=int, default=30)
    parser.add_argument("--latency", type=float, default=0.1, help="seconds before each answer")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-instrument", action="store_true", help="time the stage without the timers")
    args = parser.parse_args()
    if not args.no_instrument:
        instrument()
    with (crawled_web(args.sites, args.seed, args.latency) as (auto, crawls),
          PeakMemory(os.getpid()) as memory, CpuByKind() as by_kind):
        cpu_before = _cpu()
        started = time.monotonic()
        rendered = asyncio.run(render_all(auto, crawls))
        seconds = time.monotonic() - started
        cpu = _cpu() - cpu_before
    pages = [page.render for crawl in rendered for page in crawl.pages if page.render is not None]
    per_site = [sum(page.render is not None for page in crawl.pages) for crawl in rendered]
    for level in (PAGES, SITES):
        level.move(0)
    print(json.dumps({
        "sites": args.sites, "seconds": round(seconds, 1), "rendered": len(pages),
        "rendered_per_site_median": statistics.median(per_site) if per_site else 0,
        "sites_per_hour": round(args.sites / seconds * 3600),
        "cpu_seconds_tree": round(cpu, 1), "cpu_by_kind": by_kind.totals(), "driver_messages": sum(MESSAGES.values()),
        "pages_at_once_mean": round(PAGES.area / seconds, 2), "pages_at_once_peak": PAGES.peak,
        "sites_at_once_mean": round(SITES.area / seconds, 2), "sites_at_once_peak": SITES.peak,
        "chats_opened": sum(chat.opened for info in pages for chat in info.chats),
        "banners": sum(info.banner is not None for info in pages),
        "errors": sorted({info.error[:80] for info in pages if info.error}),
        "peak_pss_mib": round(memory.peak_pss / 2**20),
        "load_average": os.getloadavg(),
    }))
    print("  seconds  calls  messages  phase (messages: sent by the phase itself, not by phases inside it)")
    for name in sorted(TOTALS, key=lambda n: -TOTALS[n]):
        print(f"{TOTALS[name]:9.1f} {COUNTS[name]:6d} {MESSAGES.get(name, 0):9d}  {name}")


def _cpu() -> float:
    """CPU seconds of this process and of its children that ended (Chromium and the driver, once
    the stage closed them)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


if __name__ == "__main__":
    main()
