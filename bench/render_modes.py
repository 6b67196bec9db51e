"""Cost of the browser: the demo shops crawled with --render never, auto and always.

    .venv/bin/python bench/render_modes.py [--repeat 3]

Prints, per mode, pages read and pages rendered per site and the wall-clock seconds of the whole
batch (one Chromium launch included) and per site (batch time / sites). Loopback only; the
figures go into the issue note, never into a timed test.
"""

from __future__ import annotations

import argparse
import statistics
import time

from auditor.cli import demo_shops
from auditor.demo.server import serve_sites
from auditor.pipeline import SiteJob, crawl_sites
from auditor.spiders.crawl import CrawlSpec


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    shops = demo_shops()
    with serve_sites([root for root, _ in shops]) as served:
        for mode in ("never", "auto", "always"):
            times: list[float] = []
            rendered: list[int] = []
            pages: list[int] = []
            for _ in range(args.repeat):
                started = time.perf_counter()
                crawls = crawl_sites([SiteJob(CrawlSpec(url=site.url, allow_private=True), render=mode)  # type: ignore[arg-type]
                                      for site in served])
                times.append(time.perf_counter() - started)
                rendered = [sum(p.render is not None for p in c.pages) for c in crawls]
                pages = [len(c.pages) for c in crawls]
            batch = statistics.median(times)
            print(
                f"--render {mode:6}  sites {len(served)}  pages read {sum(pages):3}  rendered {sum(rendered):3} "
                f"(per site {', '.join(map(str, rendered))})  batch {batch:5.1f} s  "
                f"per site {batch / len(served):4.1f} s"
            )


if __name__ == "__main__":
    main()
