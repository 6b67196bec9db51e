"""The benchmark, in one go, on one simulated web (bench/simweb.py, text-heavy by default):

1. the baseline: a plain Scrapy crawl (bench/baseline.py) of exactly the URLs our crawler fetched,
   with ordinary politeness (16 requests at once, 8 per host, no AutoThrottle), one process,
   no processing; ``--same-settings`` adds the old baseline (one crawler per site with the audit
   crawl's own settings);
2. ``auditor batch --render never`` on all the sites;
3. ``auditor batch --render auto`` on a subset;
4. ``auditor batch --render never`` under cProfile on a subset: where the time goes.

It prints sites per hour, pages per second, the ratio of (2) to (1), rendered pages per site
(median, p95), the peak memory of each run (RSS of the whole process tree, Chromium included,
sampled from /proc) and the top functions of the profile.

Two more modes run a grid of ``--render never`` batches (each with its own baseline unless
``--no-baseline``) and write ``results.json`` and a markdown table:

* ``--scaling``: cost against sentences per legal page, pages per site and number of sites, one
  factor at a time (``--scaling-sentences``, ``--scaling-pages``, ``--scaling-sites``);
* ``--grid``: site concurrency against audit workers (``--grid-concurrency``, ``--grid-workers``).

    .venv/bin/python -m bench.run                        # 500 sites, 100 ms latency
    .venv/bin/python -m bench.run --sites 60 --render-sites 10 --profile-sites 20
    .venv/bin/python -m bench.run --scaling --scaling-sites 100,500 --work /tmp/scaling
    .venv/bin/python -m bench.run --grid --sites 60 --grid-concurrency 4,8,16,32 --grid-workers 1,2
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import os
import platform
import pstats
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Self

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
_PAGE = os.sysconf("SC_PAGE_SIZE")


# ------------------------------------------------------------------------------------- memory

def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:
            continue
        # The command name may hold spaces and brackets: the fields start after the last ")".
        fields = stat[stat.rindex(b")") + 2 :].split()
        tree.setdefault(int(fields[1]), []).append(int(entry.name))
    return tree


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm", "rb") as handle:
            return int(handle.read().split()[1]) * _PAGE
    except (OSError, IndexError, ValueError):
        return 0


def _pss(pid: int) -> int:
    """Proportional set size: shared pages (Chromium's renderers share most of theirs) counted
    once over all processes, so the sum over a tree is the memory the tree really holds."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as handle:
            for line in handle:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, IndexError, ValueError):
        pass
    return 0


_TICKS = os.sysconf("SC_CLK_TCK")


def _own_cpu(pid: int) -> float:
    """User + system CPU seconds of ``pid`` alone (its children not counted)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            stat = handle.read()
        fields = stat[stat.rindex(b")") + 2 :].split()
        return (int(fields[11]) + int(fields[12])) / _TICKS
    except (OSError, IndexError, ValueError):
        return 0.0


def tree_rss(pid: int) -> tuple[int, int, int]:
    """RSS and PSS of ``pid`` and all its descendants (bytes), and how many processes."""
    tree = _children()
    todo, seen = [pid], 0
    rss = pss = 0
    while todo:
        current = todo.pop()
        seen += 1
        rss += _rss(current)
        pss += _pss(current)
        todo.extend(tree.get(current, ()))
    return rss, pss, seen


class Sampler:
    """Calls :meth:`sample` every ``interval`` seconds on a thread of its own, from entering the
    ``with`` block until leaving it (the first sample at once)."""

    def __init__(self, interval: float) -> None:
        self.interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.interval)

    def sample(self) -> None:
        raise NotImplementedError


class PeakMemory(Sampler):
    """Samples the RSS of a process tree every ``interval`` seconds; keeps the peak."""

    def __init__(self, pid: int, interval: float = 0.25) -> None:
        super().__init__(interval)
        self.pid = pid
        self.peak = 0
        self.peak_pss = 0
        self.processes = 0
        #: CPU seconds of the root process itself (not its children), at the last sample.
        self.own_cpu = 0.0

    def sample(self) -> None:
        rss, pss, count = tree_rss(self.pid)
        self.peak = max(self.peak, rss)
        self.peak_pss = max(self.peak_pss, pss)
        self.processes = max(self.processes, count)
        self.own_cpu = max(self.own_cpu, _own_cpu(self.pid))


# ------------------------------------------------------------------------------------- runs

@dataclass
class Run:
    """One measured command."""

    name: str
    sites: int = 0
    urls: int = 0
    seconds: float = 0.0
    peak_rss: int = 0
    peak_pss: int = 0
    processes: int = 0
    rendered: list[int] = field(default_factory=list)
    load: str = ""
    returncode: int = 0
    #: CPU seconds (user + system) of the whole process tree, audit workers included.
    cpu_seconds: float = 0.0
    #: CPU seconds of the main process alone (the crawl; sampled, so up to a sample late).
    main_cpu_seconds: float = 0.0

    @property
    def sites_per_hour(self) -> float:
        return self.sites / self.seconds * 3600 if self.seconds else 0.0

    @property
    def pages_per_second(self) -> float:
        return self.urls / self.seconds if self.seconds else 0.0


def load_average() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def measure(name: str, command: list[str], log: Path, env: dict[str, str] | None = None) -> Run:
    """Run ``command``, timing it and sampling the memory of its process tree."""
    run = Run(name=name, load=load_average())
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with log.open("wb") as out:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT,
                                   env={**os.environ, **(env or {})})
        with PeakMemory(process.pid) as memory:
            run.returncode = process.wait()
        run.seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    # Descendants the batch waited for (its audit workers) are counted in with it.
    run.cpu_seconds = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    run.main_cpu_seconds = memory.own_cpu
    run.peak_rss = memory.peak
    run.peak_pss = memory.peak_pss
    run.processes = memory.processes
    if run.returncode not in (0, 1):
        raise SystemExit(f"{name} failed (exit {run.returncode}); see {log}")
    return run


def workers_env(workers: int | None) -> dict[str, str] | None:
    """The environment that asks ``auditor batch`` for ``workers`` audit processes (None: its default)."""
    return None if workers is None else {"AUDITOR_AUDIT_WORKERS": str(workers)}


def batch_command(sites: Path, out: Path, render: str, concurrency: int, max_pages: int) -> list[str]:
    return ["-m", "auditor", "batch", str(sites), "--render", render, "--allow-private",
            "--concurrency", str(concurrency), "--max-pages", str(max_pages),
            "--output", str(out), "--store", str(out / "store.sqlite")]


def fetched_urls(store: Path) -> dict[str, list[str]]:
    """Per site, every URL the audit crawl fetched: robots.txt, the pages, the failed pages."""
    db = sqlite3.connect(store)
    out: dict[str, list[str]] = {}
    for url, blob in db.execute("SELECT url, crawl FROM sites ORDER BY position"):
        crawl = json.loads(gzip.decompress(blob)) if blob else {}
        urls: list[str] = []
        robots = (crawl.get("robots") or {}).get("url")
        if robots:
            urls.append(robots)
        urls.extend(page["url"] for page in crawl.get("pages", []))
        urls.extend(f["url"] for f in crawl.get("failures", []) if f.get("kind") in (
            "http_status", "not_html", "network", "timeout", "other"))
        out[url] = urls
    db.close()
    return out


def crawl_seconds(store: Path) -> list[float]:
    """Per site, seconds from the start of its crawl to its end (the time it holds a crawl slot)."""
    from datetime import datetime

    db = sqlite3.connect(store)
    out: list[float] = []
    for (blob,) in db.execute("SELECT crawl FROM sites ORDER BY position"):
        crawl = json.loads(gzip.decompress(blob)) if blob else {}
        if crawl.get("started_at") and crawl.get("finished_at"):
            out.append((datetime.fromisoformat(crawl["finished_at"])
                        - datetime.fromisoformat(crawl["started_at"])).total_seconds())
    db.close()
    return out


def rendered_per_site(store: Path) -> list[int]:
    db = sqlite3.connect(store)
    rows = db.execute("SELECT s.url, COALESCE(SUM(p.rendered), 0) FROM sites s LEFT JOIN pages p "
                      "ON p.run_id = s.run_id AND p.site = s.url GROUP BY s.url").fetchall()
    db.close()
    return [int(n) for _, n in rows]


def write_subset(sites: Path, target: Path, count: int) -> int:
    rows = list(csv.reader(sites.open(encoding="utf-8")))
    with target.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([rows[0], *rows[1 : count + 1]])
    return len(rows[1 : count + 1])


#: Where the time of a batch goes: (label, file name part, function name) whose cumulative time counts.
PHASES = (
    ("waiting for the network (epoll)", "", "<method 'poll' of 'select.epoll' objects>"),
    ("Scrapy + the spider's own parsing and link ranking", "spiders/site.py", "parse_page"),
    ("extraction (gather_site: every gatherer, every page)", "facts/site.py", "gather_site"),
    ("  of which passages (withdrawal, complaints, ...)", "facts/passages/", "gather"),
    ("  of which schema.org (extruct)", "facts/structured.py", "gather_structured"),
    ("rules and scoring (run_rules)", "auditor/engine.py", "run_rules"),
    ("WARC evidence (write_warc)", "auditor/evidence.py", "write_warc"),
    ("store: one transaction a site (save_site)", "auditor/store.py", "save_site"),
    ("reports, index and manifest at the end", "auditor/reports/html.py", "write_html_reports"),
)


def profile_table(path: Path, top: int = 20) -> str:
    """Where the time goes: phases of the batch, then the top functions by own time and the top
    functions of our own code by cumulative time."""
    stats = pstats.Stats(str(path))
    table: dict[tuple[str, int, str], tuple[int, int, float, float, object]] = stats.stats  # type: ignore[attr-defined]
    total = max((ct for (_, _, _, ct, _) in table.values()), default=1.0)
    lines = [f"Profiled wall time {total:.1f} s. Phases (cumulative time, share of the run):"]
    for label, where, name in PHASES:
        seconds = sum(ct for (file, _, func), (_, _, _, ct, _) in table.items()
                      if func == name and where in file)
        if name.startswith("<method 'poll'"):
            seconds = sum(tt for (file, _, func), (_, _, tt, _, _) in table.items() if func == name)
        lines.append(f"  {label:55} {seconds:7.1f} s  {seconds / total:5.1%}")

    def short(key: tuple[str, int, str]) -> str:
        file, line, func = key
        if file == "~":
            return func
        parts = Path(file).parts
        if "auditor" in parts:
            file = "/".join(parts[parts.index("auditor"):])
        elif "site-packages" in parts:
            file = "/".join(parts[parts.index("site-packages") + 1:])
        else:
            file = Path(file).name
        return f"{file}:{line}({func})"

    def block(title: str, rows: list[tuple[tuple[str, int, str], tuple[int, int, float, float, object]]]) -> None:
        lines.append("")
        lines.append(title)
        lines.append(f"  {'calls':>9} {'own s':>8} {'cum s':>8}  function")
        for key, (_, calls, tt, ct, _) in rows:
            lines.append(f"  {calls:9d} {tt:8.2f} {ct:8.2f}  {short(key)}")

    by_own = sorted(table.items(), key=lambda item: item[1][2], reverse=True)[:top]
    block(f"Top {top} functions by own time (tottime):", by_own)
    ours = [item for item in table.items() if "/auditor/" in item[0][0] and "cli.py" not in item[0][0]
            and "__main__" not in item[0][0]]
    by_cum = sorted(ours, key=lambda item: item[1][3], reverse=True)[:top]
    block(f"Top {top} functions of auditor by cumulative time:", by_cum)
    return "\n".join(lines)


# ------------------------------------------------------------------------------------- table

def percentile(values: list[int], share: float) -> float:
    """Nearest-rank percentile (p95 of 20 values is the 19th smallest)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, -(-int(share * 100) * len(ordered) // 100))
    return float(ordered[min(rank, len(ordered)) - 1])


def format_table(results: dict[str, Any]) -> str:
    """The benchmark's table (markdown), from the results bench/run.py writes as JSON."""
    runs = {r["name"]: r for r in results["runs"]}
    cfg = results["config"]
    lines = [
        f"Simulated web: {cfg['sites']} shops ({cfg.get('site_pages', '10-40')} pages, "
        f"{cfg.get('sentences', '0')} sentences a legal page), latency {cfg['latency'] * 1000:.0f} ms per answer, "
        f"bandwidth {_bandwidth(cfg['bandwidth'])} per answer; site concurrency {cfg['concurrency']}, "
        f"page budget {cfg['max_pages']}, audit workers {cfg.get('workers', 'default')}; "
        f"machine: {results['machine']}",
        "",
        "| run | sites | URLs fetched | wall s | sites/hour | pages/s | peak PSS (tree) | peak RSS sum | processes "
        "| load before |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for name in ("baseline", "same_settings", "never", "auto", "profile"):
        run = runs.get(name)
        if run is None:
            continue
        seconds = run["seconds"] or 1e-9
        lines.append(
            f"| {_LABELS[name]} | {run['sites']} | {run['urls']} | {run['seconds']:.1f} | "
            f"{run['sites'] / seconds * 3600:,.0f} | {run['urls'] / seconds:.1f} | "
            f"{run.get('peak_pss', 0) / 2**20:,.0f} MiB | {run['peak_rss'] / 2**20:,.0f} MiB | {run['processes']} "
            f"| {run['load']} |")
    lines.append("")
    base, never = runs.get("baseline"), runs.get("never")
    if base and never and base["seconds"] and never["seconds"]:
        ratio = (never["urls"] / never["seconds"]) / (base["urls"] / base["seconds"])
        lines.append(f"Ratio (2)/(1), pages/s of `--render never` to the plain Scrapy crawl: **{ratio:.0%}** "
                     f"(target ≥ 70 %)")
    if never:
        lines.append(f"Sites/hour with `--render never`: **{never['sites'] / (never['seconds'] or 1e-9) * 3600:,.0f}** "
                     f"(target ≥ 10,000)")
    auto = runs.get("auto")
    if auto and auto["rendered"]:
        median = statistics.median(auto["rendered"])
        lines.append(f"Rendered pages per site with `--render auto`: median **{median:g}**, "
                     f"p95 {percentile(auto['rendered'], 0.95):g}, max {max(auto['rendered'])} "
                     f"over {len(auto['rendered'])} sites (target: median ≤ 3; ≥ 3,000 sites/h)")
    audits = [r for r in results["runs"] if r["name"] in ("never", "auto")]
    if audits:
        pss = max(r.get("peak_pss", 0) for r in audits)
        rss = max(r["peak_rss"] for r in audits)
        lines.append(f"Peak memory of an audit run (whole process tree, audit workers and Chromium included): "
                     f"**{pss / 2**20:,.0f} MiB PSS** ({rss / 2**20:,.0f} MiB if every process's RSS is summed, "
                     f"shared pages counted once per process) (target ≤ 1.5 GB); the simulated web's server "
                     f"peaked at {results.get('server_peak_rss', 0) / 2**20:,.0f} MiB RSS (not counted)")
    return "\n".join(lines)


_LABELS = {
    "baseline": "(1) plain Scrapy, same URLs",
    "same_settings": "(1b) Scrapy with the audit crawl's settings",
    "never": "(2) `auditor batch --render never`",
    "auto": "(3) `auditor batch --render auto` (subset)",
    "profile": "(4) (2) under cProfile (subset)",
}


def _bandwidth(value: int) -> str:
    return "unlimited" if value <= 0 else f"{value / 1e6:g} MB/s"


def machine() -> str:
    cores = os.cpu_count() or 0
    try:
        mem = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal"))
        memory = f"{mem / 2**20:.0f} GiB"
    except (OSError, StopIteration):
        memory = "?"
    try:
        distro = next(line.split("=", 1)[1].strip('"') for line in Path("/etc/os-release").read_text().splitlines()
                      if line.startswith("PRETTY_NAME="))
    except (OSError, StopIteration):
        distro = platform.platform()
    return f"{cores} cores, {memory}, {distro}, Python {platform.python_version()}"


# ------------------------------------------------------------------------------------- main

def _range(value: int | tuple[int, int]) -> str:
    return f"{value[0]}-{value[1]}" if isinstance(value, tuple) else str(value)


def start_web(work: Path, args: argparse.Namespace) -> tuple[subprocess.Popen[bytes], Path]:
    sites = work / "sites.csv"
    log = (work / "simweb.log").open("wb")
    process = subprocess.Popen(
        [PYTHON, "-m", "bench.simweb", "--sites", str(args.sites), "--latency", str(args.latency),
         "--bandwidth", str(args.bandwidth), "--seed", str(args.seed), "--list", str(sites),
         "--sentences", _range(args.sentences),
         *(["--site-pages", _range(args.site_pages)] if args.site_pages else [])],
        stdout=subprocess.PIPE, stderr=log, cwd=ROOT)
    assert process.stdout is not None
    line = process.stdout.readline().decode()
    if not line.startswith("ready"):
        process.kill()
        raise SystemExit(f"the simulated web did not start: {line!r}; see {work / 'simweb.log'}")
    return process, sites


def stop_web(web: subprocess.Popen[bytes]) -> None:
    """Stop the simulated web started by :func:`start_web`: asked first, killed after 30 s."""
    web.terminate()
    try:
        web.wait(30)
    except subprocess.TimeoutExpired:
        web.kill()


# ------------------------------------------------------------------------------------- grids

def batch_point(label: str, sites: Path, work: Path, args: argparse.Namespace, concurrency: int,
                workers: int | None, say: Any) -> dict[str, Any]:
    """One ``--render never`` batch of the sites in ``sites`` and, unless ``--no-baseline``, the
    plain Scrapy crawl of the URLs it fetched. The batch's output is removed afterwards."""
    out = work / label
    say(f"  {label}: auditor batch --render never, concurrency {concurrency}, workers {workers} ...")
    never = measure("never", [PYTHON, *batch_command(sites, out, "never", concurrency, args.max_pages)],
                    work / f"{label}.log", env=workers_env(workers))
    urls = fetched_urls(out / "store.sqlite")
    never.sites, never.urls = len(urls), sum(len(u) for u in urls.values())
    say(f"    {never.seconds:.1f} s, {never.urls} URLs, {never.cpu_seconds:.1f} CPU s")
    held = crawl_seconds(out / "store.sqlite")
    row: dict[str, Any] = {"label": label, "concurrency": concurrency,
                           "workers": "default" if workers is None else workers, "never": asdict(never),
                           "crawl_seconds_median": statistics.median(held) if held else 0.0}
    if not args.no_baseline:
        listing = work / f"{label}-urls.json"
        listing.write_text(json.dumps(urls), encoding="utf-8")
        base = measure("baseline", [PYTHON, "-m", "bench.baseline", str(listing), "--out",
                                    str(work / f"{label}-baseline.json")], work / f"{label}-baseline.log")
        base.sites, base.urls = never.sites, never.urls
        say(f"    plain Scrapy {base.seconds:.1f} s")
        row["baseline"] = asdict(base)
    shutil.rmtree(out, ignore_errors=True)
    return row


def _with_web(args: argparse.Namespace, work: Path, say: Any, body: Any) -> tuple[list[dict[str, Any]], int]:
    web, sites = start_web(work, args)
    try:
        with PeakMemory(web.pid, interval=1.0) as server:
            rows: list[dict[str, Any]] = body(sites)
        return rows, server.peak
    finally:
        stop_web(web)


def run_scaling(args: argparse.Namespace, work: Path, say: Any) -> dict[str, Any]:
    """Cost against sentences per legal page and pages per site (on the smallest number of sites)
    and against the number of sites, one factor at a time; each point on a fresh simulated web."""
    small = min(args.scaling_sites)
    points: list[tuple[str, int, int | tuple[int, int], int | tuple[int, int] | None]] = []
    points += [("sentences", small, n, args.site_pages) for n in args.scaling_sentences]
    points += [("pages per site", small, args.sentences, n) for n in args.scaling_pages]
    points += [("sites", n, args.sentences, args.site_pages) for n in args.scaling_sites]
    rows: list[dict[str, Any]] = []
    for factor, sites, sentences, site_pages in points:
        point = argparse.Namespace(**{**vars(args), "sites": sites, "sentences": sentences, "site_pages": site_pages})
        label = f"s{sites}-n{_range(sentences)}-p{_range(site_pages) if site_pages else 'default'}"
        known = next((r for r in rows if r["label"] == label), None)
        if known is not None:
            rows.append({**known, "factor": factor})
            continue
        say(f"{factor}: {sites} sites, {_range(sentences)} sentences, {_range(site_pages) if site_pages else '10-40'}"
            " pages a site")
        found, server = _with_web(point, work, say, lambda csv_, p=point, lb=label: [
            batch_point(lb, csv_, work, p, p.concurrency, p.workers, say)])
        rows.append({**found[0], "factor": factor, "sites": sites, "sentences": _range(sentences),
                     "site_pages": _range(site_pages) if site_pages else "10-40", "server_peak_rss": server})
    return _grid_results("scaling", args, work, rows)


def run_grid(args: argparse.Namespace, work: Path, say: Any) -> dict[str, Any]:
    """Site concurrency against audit workers, on one simulated web."""
    def body(sites: Path) -> list[dict[str, Any]]:
        rows = []
        for workers in args.grid_workers:
            for concurrency in args.grid_concurrency:
                row = batch_point(f"c{concurrency}-w{workers}", sites, work, args, concurrency, workers, say)
                rows.append({**row, "factor": "concurrency", "sites": args.sites, "sentences": _range(args.sentences),
                             "site_pages": _range(args.site_pages) if args.site_pages else "10-40"})
        return rows

    rows, _ = _with_web(args, work, say, body)
    return _grid_results("grid", args, work, rows)


def _grid_results(kind: str, args: argparse.Namespace, work: Path, rows: list[dict[str, Any]]) -> dict[str, Any]:
    results = {"kind": kind, "config": config_of(args), "machine": machine(), "rows": rows,
               "finished": time.strftime("%Y-%m-%d %H:%M:%S")}
    (work / "results.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    return results


def _share(run: dict[str, Any]) -> str:
    total = run.get("cpu_seconds", 0)
    return f"{run.get('main_cpu_seconds', 0) / total:.0%}" if total else "–"


def format_grid(results: dict[str, Any]) -> str:
    """The scaling or concurrency grid as a markdown table."""
    cfg = results["config"]
    lines = [f"{results['kind']}: latency {cfg['latency'] * 1000:.0f} ms, bandwidth {_bandwidth(cfg['bandwidth'])}, "
             f"page budget {cfg['max_pages']}; machine: {results['machine']}", "",
             "| factor | sites | sentences | pages/site | concurrency | workers | URLs | wall s | sites/h | pages/s "
             "| CPU s/page | CPU use | of which main | crawl s/site | plain Scrapy s | ratio | peak PSS "
             "| load before |",
             "|---|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    cores = os.cpu_count() or 1
    for row in results["rows"]:
        never = row["never"]
        wall = never["seconds"] or 1e-9
        base = row.get("baseline")
        cells = [row["factor"], row["sites"], row["sentences"], row["site_pages"], row["concurrency"], row["workers"],
                 never["urls"], f"{wall:.1f}", f"{never['sites'] / wall * 3600:,.0f}", f"{never['urls'] / wall:.1f}",
                 f"{never.get('cpu_seconds', 0) / max(1, never['urls']):.3f}",
                 f"{never.get('cpu_seconds', 0) / (wall * cores):.0%}", _share(never),
                 f"{row.get('crawl_seconds_median', 0):.1f}",
                 f"{base['seconds']:.1f}" if base else "–",
                 f"{never['urls'] / wall / (base['urls'] / base['seconds']):.0%}" if base and base["seconds"] else "–",
                 f"{never.get('peak_pss', 0) / 2**20:,.0f} MiB", never["load"]]
        lines.append("| " + " | ".join(str(c) for c in cells) + " |")
    lines.append("")
    lines.append(f"CPU use: CPU seconds of the batch's process tree over wall seconds × {cores} cores; "
                 "of which main: the share of those CPU seconds spent in the crawling process itself "
                 "(the rest is the audit workers); crawl s/site: median seconds a site's crawl held its slot "
                 "(by Little's law, sites/s ≤ concurrency / crawl s/site).")
    return "\n".join(lines)


def config_of(args: argparse.Namespace) -> dict[str, Any]:
    return {"sites": args.sites, "latency": args.latency, "bandwidth": args.bandwidth,
            "concurrency": args.concurrency, "max_pages": args.max_pages, "seed": args.seed,
            "sentences": _range(args.sentences), "site_pages": _range(args.site_pages) if args.site_pages else "10-40",
            "workers": "default" if args.workers is None else args.workers}


def run_bench(args: argparse.Namespace, work: Path, say: Any = print) -> dict[str, Any]:
    """Serve the web, run the measurements, return the results (also written to work/results.json)."""
    web, sites = start_web(work, args)
    server_peak = 0
    runs: list[Run] = []
    try:
        say(f"simulated web: {args.sites} shops; work folder {work}")
        with PeakMemory(web.pid, interval=1.0) as server_memory:
            never_out = work / "never"
            if not args.render_only:
                say("(2) auditor batch --render never ...")
                never = measure("never", [PYTHON, *batch_command(sites, never_out, "never", args.concurrency,
                                                                 args.max_pages)], work / "never.log",
                                env=workers_env(args.workers))
                urls = fetched_urls(never_out / "store.sqlite")
                never.sites, never.urls = len(urls), sum(len(u) for u in urls.values())
                (work / "urls.json").write_text(json.dumps(urls), encoding="utf-8")
                say(f"    {never.seconds:.1f} s, {never.urls} URLs")
                say("(1) plain Scrapy on the same URLs ...")
                base = measure("baseline", [PYTHON, "-m", "bench.baseline", str(work / "urls.json"),
                                            "--out", str(work / "baseline.json")], work / "baseline.log")
                base.sites, base.urls = never.sites, never.urls
                say(f"    {base.seconds:.1f} s")
                runs += [base, never]
                if args.same_settings:
                    say("(1b) one crawler per site with the audit crawl's settings, same URLs ...")
                    same = measure("same_settings", [PYTHON, "-m", "bench.baseline", str(work / "urls.json"),
                                                     "--mode", "same-settings", "--concurrency", str(args.concurrency),
                                                     "--out", str(work / "same-settings.json")],
                                   work / "same-settings.log")
                    same.sites, same.urls = never.sites, never.urls
                    say(f"    {same.seconds:.1f} s")
                    runs.append(same)
            runs += render_run(args, work, sites, say)
            if args.profile_sites > 0:
                subset = work / "subset-profile.csv"
                count = write_subset(sites, subset, args.profile_sites)
                say(f"(4) auditor batch --render never under cProfile on {count} sites ...")
                prof_out = work / "profile"
                # Audited in the crawling process, so that one profile holds all the work.
                prof = measure("profile", [PYTHON, "-m", "cProfile", "-o", str(work / "never.prof"),
                                           *batch_command(subset, prof_out, "never", args.concurrency,
                                                          args.max_pages)], work / "profile.log",
                               env={"AUDITOR_AUDIT_WORKERS": "0"})
                prof_urls = fetched_urls(prof_out / "store.sqlite")
                prof.sites, prof.urls = len(prof_urls), sum(len(u) for u in prof_urls.values())
                runs.append(prof)
        server_peak = server_memory.peak
    finally:
        stop_web(web)
    return _finish(args, work, runs, server_peak)


def render_run(args: argparse.Namespace, work: Path, sites: Path, say: Any) -> list[Run]:
    """(3): ``--render auto`` on the first ``--render-sites`` sites (none when 0)."""
    if args.render_sites <= 0:
        return []
    subset = work / "subset-auto.csv"
    count = write_subset(sites, subset, args.render_sites)
    say(f"(3) auditor batch --render auto on {count} sites ...")
    auto_out = work / "auto"
    auto = measure("auto", [PYTHON, *batch_command(subset, auto_out, "auto", args.concurrency,
                                                   args.max_pages)], work / "auto.log")
    auto_urls = fetched_urls(auto_out / "store.sqlite")
    auto.sites, auto.urls = len(auto_urls), sum(len(u) for u in auto_urls.values())
    auto.rendered = rendered_per_site(auto_out / "store.sqlite")
    say(f"    {auto.seconds:.1f} s, {auto.cpu_seconds:.1f} CPU s")
    return [auto]


def _finish(args: argparse.Namespace, work: Path, runs: list[Run], server_peak: int) -> dict[str, Any]:
    results: dict[str, Any] = {
        "config": config_of(args),
        "machine": machine(),
        "runs": [asdict(r) for r in runs],
        "server_peak_rss": server_peak,
        "finished": time.strftime("%Y-%m-%d %H:%M:%S"),
    }
    profile = work / "never.prof"
    if profile.exists():
        results["profile"] = profile_table(profile, args.top)
    (work / "results.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    return results


def sentences_arg(text: str) -> int | tuple[int, int]:
    low, _, high = text.partition("-")
    return (int(low), int(high)) if high else int(low)


def _ints(text: str) -> list[int]:
    return [int(part) for part in text.split(",") if part.strip()]


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description="Benchmark auditor batch on a simulated web against bare Scrapy.")
    p.add_argument("--sites", type=int, default=500, help="shops in the simulated web (default 500)")
    p.add_argument("--latency", type=float, default=0.1, help="seconds before each answer (default 0.1)")
    p.add_argument("--bandwidth", type=int, default=2_000_000,
                   help="bytes per second per answer, 0 for unlimited (default 2000000)")
    p.add_argument("--concurrency", type=int, default=8, help="sites at once, as auditor batch --concurrency")
    p.add_argument("--max-pages", type=int, default=30, help="page budget per site (auditor's default 30)")
    p.add_argument("--render-sites", type=int, default=30, help="sites of the --render auto run (0: skip)")
    p.add_argument("--profile-sites", type=int, default=60, help="sites of the profiled run (0: skip)")
    p.add_argument("--top", type=int, default=20, help="functions shown of the profile")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--sentences", type=sentences_arg, default=(100, 400),
                   help="sentences per legal page: N or LO-HI (default 100-400); 0: the light pages of old")
    p.add_argument("--site-pages", type=sentences_arg, default=None, help="pages per shop: N or LO-HI (default 10-40)")
    p.add_argument("--workers", type=int, default=None,
                   help="audit worker processes of the batch (AUDITOR_AUDIT_WORKERS; default: the batch decides)")
    p.add_argument("--same-settings", action="store_true",
                   help="also run the old baseline: one crawler per site with the audit crawl's settings")
    p.add_argument("--scaling", action="store_true", help="run the scaling grid instead (see --scaling-*)")
    p.add_argument("--scaling-sites", type=_ints, default=[100, 500, 2000], help="numbers of sites (comma-separated)")
    p.add_argument("--scaling-sentences", type=_ints, default=[50, 150, 400],
                   help="sentences per legal page, on the smallest number of sites")
    p.add_argument("--scaling-pages", type=_ints, default=[10, 20, 40],
                   help="pages per site, on the smallest number of sites")
    p.add_argument("--grid", action="store_true", help="run the concurrency grid instead (see --grid-*)")
    p.add_argument("--grid-concurrency", type=_ints, default=[4, 8, 16, 32], help="sites crawled at once")
    p.add_argument("--grid-workers", type=_ints, default=[1, 2], help="audit worker processes")
    p.add_argument("--render-only", action="store_true",
                   help="only (3), the --render auto run (no plain Scrapy, no --render never run)")
    p.add_argument("--no-baseline", action="store_true", help="grids: no plain Scrapy run for each point")
    p.add_argument("--work", type=Path, default=None, help="folder for stores, logs and results (default: a temp dir)")
    p.add_argument("--keep", action="store_true", help="keep the temp work folder")
    return p


def main(argv: list[str] | None = None) -> None:
    args = parser().parse_args(argv)
    temporary = args.work is None
    work = Path(tempfile.mkdtemp(prefix="auditor-bench-")) if temporary else args.work
    work.mkdir(parents=True, exist_ok=True)
    try:
        say = lambda text: print(text, file=sys.stderr, flush=True)  # noqa: E731
        if args.scaling or args.grid:
            grid = run_scaling(args, work, say) if args.scaling else run_grid(args, work, say)
            print(format_grid(grid))
            return
        results = run_bench(args, work, say=say)
        print(format_table(results))
        if "profile" in results:
            print()
            print("Where the time goes (cProfile of the --render never run on the subset):")
            print(results["profile"])
    finally:
        if temporary and not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"\nresults: {work / 'results.json'}", file=sys.stderr)


if __name__ == "__main__":
    main()
