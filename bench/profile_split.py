"""Where a batch's CPU goes, process by process: the split of the cProfile files that
``AUDITOR_PROFILE=DIR auditor batch ...`` writes (``batch-PID.prof`` for the crawling process,
``worker-PID.prof`` for each audit worker).

Each process's time is split by the cumulative time of a few marker functions (the stages of
the batch), in the order listed: a marker's time is counted where it is first met, its callers
in the list and its callees in later markers are not counted twice only because the markers do
not nest (they are chosen so). What no marker holds is the rest: for the crawling process,
Scrapy, its download handler and the event loop. Waiting (the event loop's ``poll``, a thread's
lock) is no CPU and is left out of the total. cProfile slows pure-Python code more than C
code, so the shares lean towards the Python-heavy stages; compare runs with each other, and
the CPU seconds of a run with ``bench.run``'s (sampled from ``/proc``, no profiler).

    .venv/bin/python -m bench.profile_split DIR
"""

from __future__ import annotations

import argparse
import pstats
from pathlib import Path
from typing import Any

#: (stage, (file suffix, function name)) per kind of process, outermost stages first.
MARKERS: dict[str, list[tuple[str, tuple[str, str]]]] = {
    "worker": [
        ("facts (parse + gatherers)", ("auditor/facts/site.py", "gather_site")),
        ("WARC file", ("auditor/evidence.py", "write_warc")),
        ("stored crawl (JSON + gzip)", ("auditor/store.py", "crawl_blob_of")),
        ("snippets", ("auditor/engine.py", "with_snippets")),
        ("rules", ("auditor/engine.py", "run_rules")),
        ("score", ("auditor/scoring.py", "site_with_coverage")),
    ],
    "batch": [
        ("links of each page (spider)", ("auditor/spiders/site.py", "_discover")),
        ("reports at the end", ("auditor/cli.py", "_batch_outputs")),
        ("store writes", ("auditor/store.py", "save_site")),
    ],
}
#: Functions whose time is waiting, not CPU.
WAITING = {("~", "<method 'poll' of 'select.epoll' objects>"), ("~", "<method 'acquire' of '_thread.lock' objects>"),
           ("~", "<method 'select' of 'select.epoll' objects>")}
IMPORTS = ("<frozen importlib._bootstrap>", "_find_and_load")


def _cumulative(stats: dict[Any, Any], where: tuple[str, str]) -> float:
    suffix, name = where
    return sum(entry[3] for (path, _, function), entry in stats.items()
               if function == name and path.endswith(suffix))


def split(path: Path) -> tuple[str, float, list[tuple[str, float]]]:
    """The kind of process of one profile, its CPU seconds (waiting left out) and its stages."""
    kind = path.name.split("-", 1)[0]
    stats: dict[Any, Any] = pstats.Stats(str(path)).stats  # type: ignore[attr-defined]
    waiting = sum(entry[2] for (path_, _, function), entry in stats.items() if (path_, function) in WAITING)
    total = sum(entry[2] for entry in stats.values()) - waiting
    stages = [(stage, _cumulative(stats, where)) for stage, where in MARKERS.get(kind, [])]
    stages.append(("imports", _cumulative(stats, IMPORTS)))
    stages.append(("the rest" if kind == "worker" else "crawl (Scrapy, downloads, event loop) and the rest",
                   max(0.0, total - sum(seconds for _, seconds in stages))))
    return kind, total, stages


def table(folder: Path) -> str:
    """A markdown table of every profile in ``folder``: each stage's seconds and share of the tree."""
    rows = [split(path) for path in sorted(folder.glob("*.prof"))]
    tree = sum(total for _, total, _ in rows) or 1.0
    lines = ["| process | stage | profiled s | share of the process | share of the tree |",
             "|---|---|---:|---:|---:|"]
    for kind, total, stages in rows:
        lines.append(f"| {kind} | (all) | {total:.1f} | 100% | {total / tree:.0%} |")
        lines += [f"| {kind} | {stage} | {seconds:.1f} | {seconds / (total or 1):.0%} | {seconds / tree:.0%} |"
                  for stage, seconds in stages]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="the AUDITOR_PROFILE folder of a batch")
    print(table(parser.parse_args(argv).folder))


if __name__ == "__main__":
    main()
