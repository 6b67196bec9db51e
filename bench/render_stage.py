"""The render stage alone: the browser's share of ``--render auto``, without crawl or audit.

    PYTHONPATH=$PWD .venv/bin/python bench/render_stage.py --sites 20

Serves the simulated web (:mod:`bench.simweb`), crawls its shops once without the browser, then
times the pipeline's render stage over all of them as ``auditor batch`` runs it (one Chromium,
``RENDER_CONCURRENCY`` sites, the pages ``--render auto`` picks). Prints one JSON line: seconds,
rendered pages, sites and pages per second of the stage, the bytes of the full-page screenshots
and of the element crops, chats opened, pages that ended with an error, the CPU seconds of the
stage by process kind (this process, Playwright's driver, Chromium's browser, renderers, GPU
process, utilities) and the peak memory of the process tree (Chromium included). Run it with
another tree first on ``PYTHONPATH`` to compare two versions back to back on the same crawls;
the figures go into notes, never into a timed test.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace

from auditor import pipeline
from auditor.models import SiteCrawl
from bench.run import _TICKS, PeakMemory, _children
from bench.simweb import make_web, serve_in_thread


@contextmanager
def crawled_web(sites: int, seed: int, latency: float) -> Iterator[tuple[list[pipeline.SiteJob], list[SiteCrawl]]]:
    """The simulated web served, its shops crawled once without a browser: the jobs as
    ``--render auto`` gives them and the crawls, while the web is up."""
    shops = make_web(sites, seed)
    with serve_in_thread(shops, latency=latency, bandwidth=2_000_000) as web:
        settings = pipeline.AuditSettings(allow_private=True, render="never")
        jobs = [settings.job(web.url(shop)) for shop in shops]
        crawls = pipeline.crawl_sites(jobs, concurrency=8)
        yield [replace(job, render="auto") for job in jobs], crawls


class ProcessCpu(PeakMemory):
    """The peak memory of the tree and the CPU seconds of each of its processes by kind: this
    process (``python``: the stage's own Python, the crop question included), Playwright's driver
    (``driver``), Chromium's browser process, renderers, GPU process and utilities (``--type=``);
    a process gone keeps its last sample (so up to one interval is missed at its end)."""

    def __init__(self, pid: int, interval: float = 0.25) -> None:
        super().__init__(pid, interval)
        self._last: dict[int, tuple[str, float]] = {}

    def sample(self) -> None:
        super().sample()
        tree, todo = _children(), [self.pid]
        while todo:
            pid = todo.pop()
            todo.extend(tree.get(pid, ()))
            try:
                with open(f"/proc/{pid}/stat", "rb") as handle:
                    stat = handle.read()
                with open(f"/proc/{pid}/cmdline", "rb") as handle:
                    command = handle.read().replace(b"\0", b" ").split()  # Chromium rewrites its argv
            except OSError:
                continue
            fields = stat[stat.rindex(b")") + 2 :].split()
            if not command:
                continue
            kind = next((arg[7:].decode() for arg in command if arg.startswith(b"--type=")), "")
            if pid == self.pid:
                kind = "python"
            elif not kind:
                kind = "browser" if b"chrom" in command[0] else "driver"
            self._last[pid] = (kind, (int(fields[11]) + int(fields[12])) / _TICKS)

    def by_kind(self) -> dict[str, float]:
        totals: dict[str, float] = {}
        for kind, cpu in self._last.values():
            totals[kind] = totals.get(kind, 0.0) + cpu
        return {kind: round(cpu, 2) for kind, cpu in sorted(totals.items())}


async def render_all(jobs: list[pipeline.SiteJob], crawls: list[SiteCrawl]) -> list[SiteCrawl]:
    """The pipeline's render stage over every crawl, as ``auditor batch`` runs it."""
    async with pipeline._render_stage(jobs) as render:
        assert render is not None
        return list(await asyncio.gather(*(render(i, crawl) for i, crawl in enumerate(crawls))))


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sites", type=int, default=20)
    parser.add_argument("--latency", type=float, default=0.1, help="seconds before each answer")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with crawled_web(args.sites, args.seed, args.latency) as (auto, crawls):
        own = os.times()
        with ProcessCpu(os.getpid()) as memory:
            started = time.monotonic()
            rendered = asyncio.run(render_all(auto, crawls))
            seconds = time.monotonic() - started
        own_after = os.times()
    cpu = memory.by_kind()
    # this process's own CPU (every thread) over the stage alone, not since it started
    cpu["python"] = round(own_after.user + own_after.system - own.user - own.system, 2)
    pages = [page.render for crawl in rendered for page in crawl.pages if page.render is not None]
    per_site = [sum(page.render is not None for page in crawl.pages) for crawl in rendered]
    shots = [len(info.screenshot_png) for info in pages if info.screenshot_png]
    print(json.dumps({
        "sites": args.sites, "seconds": round(seconds, 1), "rendered": len(pages),
        "rendered_per_site_median": statistics.median(per_site) if per_site else 0,
        "sites_per_hour": round(args.sites / seconds * 3600), "pages_per_second": round(len(pages) / seconds, 2),
        "page_shot_bytes_median": statistics.median(shots) if shots else 0, "page_shot_bytes_total": sum(shots),
        "crop_bytes_total": sum(len(png) for info in pages for png in info.elements_png.values()),
        "chats_opened": sum(chat.opened for info in pages for chat in info.chats),
        "errors": sorted({info.error[:80] for info in pages if info.error}),
        "crops": sum(len(info.elements_png) for info in pages),
        "cpu_s": round(sum(cpu.values()), 1), "cpu_s_by_kind": cpu,
        "peak_pss_mib": round(memory.peak_pss / 2**20), "peak_rss_sum_mib": round(memory.peak / 2**20),
        "load_average": os.getloadavg(),
    }))


if __name__ == "__main__":
    main()
