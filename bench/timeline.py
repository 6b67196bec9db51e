"""A timeline of one ``auditor batch``: when each site's crawl, render and audit start and end,
how many of each run at once, and where the CPU of the process tree goes meanwhile.

    PYTHONPATH=$PWD .venv/bin/python -m bench.timeline --sites 30 --work /tmp/tl

Serves the simulated web (as :mod:`bench.run` does), then runs ``auditor batch --render auto``
(or ``--render`` as given) on its first ``--sites`` shops *in this process*, with timers wrapped
by name around the crawl of a site (``crawl_one``), its render (``render_crawl``, entered once
the site has its render slot), each rendered page (``SiteSession._render``, entered once the
page has its browser slot) and its audit (``_audit_elsewhere``: handed to the worker pool until
its result is back). A thread samples the CPU of every process of the tree (this one, the audit
workers, Chromium) every ``--interval`` seconds. Prints a table per time slice and the totals:
the mean and peak of crawls, renders (sites and pages) and audits at once, how long sites waited
for a render slot, and the share of the run in which an audit worker had nothing to do. Writes
every event to ``WORK/timeline.json``. Wraps by name, so it runs against another tree too (put
that one first on ``PYTHONPATH``). For notes, never for a timed test.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import json
import os
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from bench.run import _TICKS, PeakMemory, _children, _pss, _rss, sentences_arg, start_web, stop_web, write_subset

T0 = time.monotonic()
#: (seconds since start, kind, site, what): kind is crawl/render/page/audit, what start or end.
EVENTS: list[tuple[float, str, str, str]] = []


def _note(kind: str, site: str, what: str) -> None:
    EVENTS.append((time.monotonic() - T0, kind, site, what))


def _restart_clock() -> None:
    global T0
    T0 = time.monotonic()
    EVENTS.clear()


def _wrap_async(owner: Any, name: str, kind: str, site_of: Any) -> None:
    original = getattr(owner, name, None)
    if original is None:
        print(f"timeline: {owner.__name__}.{name} not found, not timed", file=sys.stderr)
        return

    @functools.wraps(original)
    async def timed(*args: Any, **kwargs: Any) -> Any:
        site = site_of(*args, **kwargs)
        _note(kind, site, "start")
        try:
            return await original(*args, **kwargs)
        finally:
            _note(kind, site, "end")

    setattr(owner, name, timed)


class CpuSampler(PeakMemory):
    """Besides the peak memory, the CPU seconds of each part of the tree at each sample:
    this process, the audit workers (its Python children), Chromium (everything else)."""

    def __init__(self, pid: int, interval: float, leave_out: int = 0) -> None:
        super().__init__(pid, interval)
        self.leave_out = leave_out
        self.samples: list[tuple[float, dict[str, float]]] = []
        self._last: dict[int, tuple[str, float]] = {}

    def sample(self) -> None:
        tree = _children()
        tree[self.pid] = [pid for pid in tree.get(self.pid, []) if pid != self.leave_out]
        rss = pss = 0
        for pid in self._tree(tree):
            rss += _rss(pid)
            pss += _pss(pid)
        self.peak, self.peak_pss = max(self.peak, rss), max(self.peak_pss, pss)
        for pid in self._tree(tree):
            try:
                with open(f"/proc/{pid}/stat", "rb") as handle:
                    stat = handle.read()
                comm = stat[stat.index(b"(") + 1 : stat.rindex(b")")].decode(errors="replace")
                fields = stat[stat.rindex(b")") + 2 :].split()
                cpu = (int(fields[11]) + int(fields[12])) / _TICKS
            except (OSError, ValueError, IndexError):
                continue
            part = "main" if pid == self.pid else "workers" if comm.startswith("python") else "chromium"
            self._last[pid] = (part, cpu)  # a process gone keeps its last figure
        totals: dict[str, float] = defaultdict(float)
        for part, cpu in self._last.values():
            totals[part] += cpu
        self.samples.append((time.monotonic() - T0, dict(totals)))

    def _tree(self, tree: dict[int, list[int]]) -> list[int]:
        out, todo = [], [self.pid]
        while todo:
            pid = todo.pop()
            out.append(pid)
            todo.extend(tree.get(pid, ()))
        return out


def levels(kind: str, start: float, end: float) -> tuple[float, int]:
    """Time-weighted mean and peak of how many ``kind`` run at once within [start, end]."""
    moves = sorted((t, 1 if what == "start" else -1) for t, k, _, what in EVENTS if k == kind)
    now = peak = 0
    area = 0.0
    last = start
    for t, step in moves:
        if t > end:
            break
        if t > start:
            area += now * (t - max(last, start))
            last = t
        now += step
        peak = max(peak, now)
    area += now * (end - max(last, start))
    return (area / (end - start) if end > start else 0.0), peak


def spans(kind: str) -> dict[str, list[float]]:
    """Per site, [start, end] of its (first) ``kind``."""
    out: dict[str, list[float]] = {}
    for t, k, site, what in EVENTS:
        if k != kind:
            continue
        if what == "start" and site not in out:
            out[site] = [t, t]
        elif what == "end" and site in out:
            out[site][1] = t
    return out


def report(sampler: CpuSampler, wall: float, workers: int, step: float) -> str:
    lines = ["| from s | crawls | renders (sites) | pages in browser | audits "
             "| CPU main | CPU workers | CPU chromium |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|"]
    samples = sampler.samples
    t = 0.0
    while t < wall:
        end = min(wall, t + step)
        row = [f"{t:.0f}"]
        for kind in ("crawl", "render", "page", "audit"):
            row.append(f"{levels(kind, t, end)[0]:.1f}")
        inside = [s for s in samples if t <= s[0] <= end]
        if len(inside) >= 2:
            (t1, a), (t2, b) = inside[0], inside[-1]
            for part in ("main", "workers", "chromium"):
                row.append(f"{(b.get(part, 0) - a.get(part, 0)) / (t2 - t1) * 100:.0f} %" if t2 > t1 else "-")
        else:
            row += ["-"] * 3
        lines.append("| " + " | ".join(row) + " |")
        t = end
    crawls, renders, audits = spans("crawl"), spans("render"), spans("audit")
    waits = [renders[s][0] - crawls[s][1] for s in renders if s in crawls]
    after = [audits[s][0] - renders[s][1] for s in audits if s in renders]
    idle = 0.0  # worker-seconds with no audit handed over, from the first audit to the end
    first_audit = min((v[0] for v in audits.values()), default=wall)
    moves = sorted((t, 1 if what == "start" else -1) for t, k, _, what in EVENTS if k == "audit")
    now, last = 0, first_audit
    for t, move in moves:
        idle += max(0, workers - now) * (t - last)
        now, last = now + move, t
    idle += max(0, workers - now) * (wall - last)
    first, last_s = samples[0][1], samples[-1][1]
    cpu = {part: last_s.get(part, 0) - first.get(part, 0) for part in ("main", "workers", "chromium")}
    summary = {
        "wall_s": round(wall, 1),
        "sites": len(crawls),
        "last_crawl_end_s": round(max((v[1] for v in crawls.values()), default=0), 1),
        "last_render_end_s": round(max((v[1] for v in renders.values()), default=0), 1),
        "last_audit_end_s": round(max((v[1] for v in audits.values()), default=0), 1),
        "crawl_s_median": round(statistics.median([v[1] - v[0] for v in crawls.values()]), 2) if crawls else 0,
        "render_s_median": round(statistics.median([v[1] - v[0] for v in renders.values()]), 2) if renders else 0,
        "render_slot_wait_s_median": round(statistics.median(waits), 2) if waits else 0,
        "render_slot_wait_s_max": round(max(waits), 2) if waits else 0,
        "render_end_to_audit_s_median": round(statistics.median(after), 2) if after else 0,
        "pages_rendered": sum(1 for e in EVENTS if e[1] == "page" and e[3] == "start"),
        "renders_at_once": [round(x, 2) for x in levels("render", 0, wall)],
        "pages_at_once": [round(x, 2) for x in levels("page", 0, wall)],
        "audits_at_once": [round(x, 2) for x in levels("audit", 0, wall)],
        "crawls_at_once": [round(x, 2) for x in levels("crawl", 0, wall)],
        "worker_idle_share": round(idle / (workers * (wall - first_audit)), 3) if wall > first_audit else 0,
        "cpu_s": {k: round(v, 1) for k, v in cpu.items()},
        "cpu_use_of_cores": round(sum(cpu.values()) / (wall * (os.cpu_count() or 1)), 3),
        "peak_pss_mib": round(sampler.peak_pss / 2**20),
    }
    return "\n".join(lines) + "\n\n" + json.dumps(summary, indent=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sites", type=int, default=30, help="shops of the batch (the web has as many)")
    parser.add_argument("--render", default="auto")
    parser.add_argument("--latency", type=float, default=0.1)
    parser.add_argument("--bandwidth", type=int, default=2_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--sentences", type=sentences_arg, default=(100, 400))
    parser.add_argument("--site-pages", type=sentences_arg, default=None)
    parser.add_argument("--concurrency", type=int, default=None)
    parser.add_argument("--render-concurrency", type=int, default=None,
                        help="sites in the browser at once (pipeline.RENDER_CONCURRENCY)")
    parser.add_argument("--pages-at-once", type=int, default=None,
                        help="pages open in the browser at once (render.PAGES_AT_ONCE)")
    parser.add_argument("--site-pages-at-once", type=int, default=None,
                        help="pages of one site side by side (render.SITE_PAGES_AT_ONCE)")
    parser.add_argument("--interval", type=float, default=0.5, help="seconds between CPU samples")
    parser.add_argument("--step", type=float, default=4.0, help="seconds a row of the table covers")
    parser.add_argument("--work", type=Path, required=True)
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    web, sites = start_web(args.work, args)
    try:
        from auditor import cli, pipeline
        from auditor.browser import render
        from auditor.spiders import crawl

        for owner, name, value in ((pipeline, "RENDER_CONCURRENCY", args.render_concurrency),
                                   (render, "PAGES_AT_ONCE", args.pages_at_once),
                                   (render, "SITE_PAGES_AT_ONCE", args.site_pages_at_once)):
            if value is not None:
                setattr(owner, name, value)
        print(f"timeline: RENDER_CONCURRENCY {pipeline.RENDER_CONCURRENCY}, PAGES_AT_ONCE {render.PAGES_AT_ONCE}, "
              f"SITE_PAGES_AT_ONCE {render.SITE_PAGES_AT_ONCE}", file=sys.stderr)
        _wrap_async(crawl, "crawl_one", "crawl", lambda spec, *a, **k: spec.url)
        _wrap_async(pipeline, "render_crawl", "render", lambda c, *a, **k: c.start_url)
        _wrap_async(render.SiteSession, "_render", "page", lambda self, url, *a, **k: url)
        _wrap_async(pipeline, "_audit_elsewhere", "audit", lambda pool, audit, site, c, *a, **k: c.start_url)
        subset = args.work / "subset.csv"
        write_subset(sites, subset, args.sites)
        out = args.work / "batch"
        command = ["batch", str(subset), "--render", args.render, "--allow-private", "--output", str(out),
                   "--store", str(out / "store.sqlite")]
        if args.concurrency:
            command += ["--concurrency", str(args.concurrency)]
        workers = pipeline._workers(None, args.sites)
        _restart_clock()
        with CpuSampler(os.getpid(), args.interval, web.pid) as sampler:
            asyncio.set_event_loop(None)
            code = cli.main(command)
        wall = time.monotonic() - T0
    finally:
        stop_web(web)
    print(report(sampler, wall, workers, args.step))
    print(f"batch exit {code}", file=sys.stderr)
    (args.work / "timeline.json").write_text(json.dumps({"events": EVENTS, "cpu": sampler.samples}), encoding="utf-8")


if __name__ == "__main__":
    main()
