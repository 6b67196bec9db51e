"""Micro-benchmark of the audit's CPU work alone: pages per second per core of
``auditor.engine.audit_crawl`` (parsing, fact gathering, rules, snippets) on crawls held in memory.
No network, no store, no browser.

The pages are the simulated web's text-heavy shops (bench/simweb.py, bench/textpages.py): terms,
returns, complaints, FAQ and shipping pages of 100-400 sentences in Swedish, Norwegian, Danish,
Finnish or German, with tables, lists and definition lists, and product pages with descriptions.
The same options always give the same pages. Generating them is not measured.

    .venv/bin/python -m bench.extract                          # 60 pages, 3 repeats
    .venv/bin/python -m bench.extract --pages 60 --sentences 300 --repeat 5
    .venv/bin/python -m bench.extract --profile extract.prof   # and the top functions
    .venv/bin/python -m bench.extract --saved /work/shared/realworld/sv-versen --json
    .venv/bin/python -m bench.extract --digest /tmp/before.json    # what the audit finds, to compare

It prints pages per second (per core: the figure is CPU time of this one process, which also
gives wall-clock), milliseconds per page, the median of ``--repeat`` runs, and the first run
alone: the process keeps what the concept matcher read, so later runs over the same pages are
warm; the first, cold run is the figure of record.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import logging
import pstats
import statistics
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from auditor.engine import audit_crawl
from auditor.models import PageSnapshot, RobotsInfo, SiteCrawl
from bench import simweb, textpages

AS_OF = date(2026, 12, 1)
_AT = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
#: Pages of a simulated shop that go into its crawl (the crawler's own budget is 30).
DEFAULT_SITE_PAGES = 20


def simulated_crawls(pages: int, sentences: int | tuple[int, int], seed: int = 1,
                     site_pages: int = DEFAULT_SITE_PAGES) -> list[SiteCrawl]:
    """Crawls of simulated shops, in memory, ``pages`` pages in all: each shop's home page, then its
    service and legal pages, then products, at most ``site_pages`` a shop. Single-page-app shops
    (an empty shell without a browser) are left out: their audit stops early."""
    crawls: list[SiteCrawl] = []
    left = pages
    index = 0
    while left > 0:
        shop = simweb.make_shop(index, seed, sentences=sentences)
        index += 1
        if shop.spa:
            continue
        order = {"home": 0, "contact": 1, "terms": 2, "returns": 2, "complaints": 2, "faq": 2, "shipping": 2,
                 "service": 2, "form": 3, "imprint": 3, "about": 4, "privacy": 4, "category": 5, "product": 6}
        chosen = sorted(shop.pages.values(), key=lambda p: order.get(p.kind, 9))[:min(site_pages, left)]
        base = f"http://{shop.host}/"
        snapshots = [
            PageSnapshot(url=urljoin(base, p.path), final_url=urljoin(base, p.path), status=200,
                         content_type="text/html; charset=utf-8", fetched_at=_AT, depth=0 if p.kind == "home" else 1,
                         html=simweb.render_page(shop, p))
            for p in chosen
        ]
        crawls.append(_crawl(base, snapshots))
        left -= len(snapshots)
    return crawls


def _crawl(base: str, pages: list[PageSnapshot]) -> SiteCrawl:
    return SiteCrawl(start_url=base, home_url=base, site_hosts=[urlsplit(base).netloc], started_at=_AT,
                     finished_at=_AT, user_agent="bench-extract", max_pages=max(30, len(pages)), max_depth=3,
                     pages=pages, robots=RobotsInfo(url=urljoin(base, "/robots.txt"), status=404))


def saved_crawl(folder: Path, base_url: str) -> SiteCrawl:
    """The crawl of a saved copy of a site (auditor/web/saved.py), made once by the real spider
    with no network; only its audit is measured. Nothing of the folder is copied anywhere."""
    from auditor.pipeline import AuditSettings, crawl_sites
    from auditor.web.saved import SavedCopy

    copy = SavedCopy.open(folder, base_url)
    settings = AuditSettings(render="never", max_pages=1000)
    crawls = crawl_sites([settings.job(base_url, saved_copy=copy)], concurrency=1)
    return crawls[0]


def corpus_crawls(folder: Path) -> list[tuple[str, str | None, SiteCrawl]]:
    """Every labelled site of a corpus folder (the format of shared/realworld), crawled as a saved
    copy the way the accuracy table does: ``(site id, jurisdiction, crawl)``."""
    from auditor.evaluation import load_corpus
    from auditor.pipeline import AuditSettings, crawl_sites
    from auditor.web.saved import SavedCopy

    sites = load_corpus(folder)
    settings = AuditSettings(render="never", max_pages=1000)
    jobs = [settings.job(s.base_url, s.jurisdiction, SavedCopy.open(s.folder, s.base_url, url_map=s.url_map))
            for s in sites]
    crawls = crawl_sites(jobs, concurrency=1)
    return [(s.id, s.jurisdiction, crawl) for s, crawl in zip(sites, crawls, strict=True)]


def hostile_crawl(links: int = 3000) -> SiteCrawl:
    """One shop whose pages carry thousands of distinct links and long link texts: the worst case
    of the per-link matching (withdrawal forms, page kinds). Deterministic."""
    words = ["ångerblankett", "villkor", "retur", "formulär", "kundtjänst", "reklamation", "frakt", "köp",
             "Widerrufsformular", "angrefrist", "skjema", "lomake", "peruutus", "fortrydelse", "produkt"]
    anchors = "".join(
        f"<a href='/p/{n}'>{words[n % len(words)]} {words[(n * 7) % len(words)]} {n} "
        f"{'hämta ångerblankett här' if n % 97 == 0 else 'visa mer'}</a> " for n in range(links))
    base = "http://hostile.example/"
    html = (f"<html lang='sv'><head><title>Kalender</title></head><body><main><h1>Alla produkter</h1>{anchors}"
            "<p>Du har 14 dagars ångerrätt. Kontakta oss på hej@butik.se.</p></main></body></html>")
    page = PageSnapshot(url=base, final_url=base, status=200, content_type="text/html; charset=utf-8",
                        fetched_at=_AT, depth=0, html=html)
    return _crawl(base, [page])


def _stable(value: Any) -> Any:
    """A JSON value without the clock: the times a saved copy's crawl was made change per run."""
    if isinstance(value, dict):
        return {k: _stable(v) for k, v in value.items() if k not in _CLOCK_KEYS}
    if isinstance(value, list):
        return [_stable(v) for v in value]
    return value


_CLOCK_KEYS = frozenset({"fetched_at", "started_at", "finished_at", "duration_s", "elapsed_s"})


def digest(pages: int, sentences: int | tuple[int, int], seed: int, site_pages: int,
           corpus: Path | None, hostile_links: int = 3000) -> dict[str, Any]:
    """What the audit finds, in canonical JSON form: for every simulated shop, every saved site of
    ``corpus`` and one hostile page, the facts that reach the rules and the whole result (outcomes,
    messages, evidence, snippets). An optimisation of extraction must leave it byte for byte equal."""
    from auditor.facts.site import gather_site

    sites: list[tuple[str, str | None, SiteCrawl]] = [
        (crawl.start_url, None, crawl) for crawl in simulated_crawls(pages, sentences, seed, site_pages)]
    sites.append(("hostile", None, hostile_crawl(hostile_links)))
    if corpus is not None:
        sites.extend(corpus_crawls(corpus))
    out: dict[str, Any] = {}
    for name, jurisdiction, crawl in sites:
        facts = gather_site(crawl, jurisdiction)
        result = audit_crawl(crawl, jurisdiction=jurisdiction, as_of=AS_OF)
        out[name] = _stable({"facts": facts.model_dump(mode="json"), "result": result.model_dump(mode="json")})
    return out


def load_once() -> None:
    """Load what an audit process loads once, on first use, before any run is timed: the address
    formats with their country names (Babel's data) and extruct with its parsers. Both were
    loaded on import until they became lazy (a batch's crawling process needs neither), and a
    cold run measures empty caches, not a process starting."""
    import extruct  # noqa: F401  (imported for its import's cost alone)

    from auditor.facts.addresses import postal_formats

    postal_formats()


def measure(crawls: list[SiteCrawl], repeat: int, jurisdiction: str | None = None,
            profile: Path | None = None, top: int = 25) -> dict[str, Any]:
    """Audit every crawl ``repeat`` times; the medians of CPU and wall-clock time per page."""
    pages = sum(len(c.pages) for c in crawls)
    cpu: list[float] = []
    wall: list[float] = []
    statuses: dict[str, int] = {}
    profiler = cProfile.Profile() if profile else None
    for run in range(repeat):
        started_cpu, started = time.process_time(), time.perf_counter()
        if profiler and run == 0:
            profiler.enable()
        for crawl in crawls:
            result = audit_crawl(crawl, jurisdiction=jurisdiction, as_of=AS_OF)
            if run == 0:
                statuses[result.status.value] = statuses.get(result.status.value, 0) + 1
        if profiler and run == 0:
            profiler.disable()
        cpu.append(time.process_time() - started_cpu)
        wall.append(time.perf_counter() - started)
    cpu_median = statistics.median(cpu[1:] if profiler and repeat > 1 else cpu)
    wall_median = statistics.median(wall[1:] if profiler and repeat > 1 else wall)
    # The first run starts with empty caches (the concept matcher keeps what it read for the
    # process, so a later run over the same pages is cheaper than any first reading): it is the
    # figure of record; the later runs show the warm, repeated-text case.
    cold_cpu = cpu[0] if not profiler else None
    out: dict[str, Any] = {
        "sites": len(crawls), "pages": pages, "repeat": repeat,
        "cold_ms_per_page_cpu": None if cold_cpu is None else 1000 * cold_cpu / max(1, pages),
        "cold_pages_per_s_per_core": None if not cold_cpu else pages / cold_cpu,
        "html_bytes_per_page": sum(len(p.html) for c in crawls for p in c.pages) // max(1, pages),
        "ms_per_page_cpu": 1000 * cpu_median / max(1, pages),
        "ms_per_page_wall": 1000 * wall_median / max(1, pages),
        "pages_per_s_per_core": pages / cpu_median if cpu_median else 0.0,
        "pages_per_s_wall": pages / wall_median if wall_median else 0.0,
        "cpu_s": cpu, "wall_s": wall, "statuses": statuses,
    }
    if profiler and profile:
        profiler.dump_stats(str(profile))
        text = io.StringIO()
        pstats.Stats(profiler, stream=text).sort_stats("cumulative").print_stats(top)
        tottime = io.StringIO()
        pstats.Stats(profiler, stream=tottime).sort_stats("tottime").print_stats(top)
        out["profile"] = {"file": str(profile), "cumulative": text.getvalue(), "tottime": tottime.getvalue()}
    return out


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    p.add_argument("--pages", type=int, default=60, help="pages in all (simulated shops)")
    p.add_argument("--sentences", type=simweb.sentences_arg, default=textpages.DEFAULT_SENTENCES,
                   help="sentences per legal page: N, or LO-HI drawn per page (default 100-400)")
    p.add_argument("--site-pages", type=int, default=DEFAULT_SITE_PAGES, help="at most this many pages a shop")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--repeat", type=int, default=3, help="runs over the same crawls; the median is reported")
    p.add_argument("--profile", type=Path, default=None, help="cProfile the first run into this file")
    p.add_argument("--top", type=int, default=25, help="functions listed from the profile")
    p.add_argument("--saved", type=Path, default=None, help="a saved site's folder instead of the simulated shops")
    p.add_argument("--base-url", default="https://saved-shop.example/", help="the URL the saved copy stands for")
    p.add_argument("--jurisdiction", default=None, help="whose law (default: guessed per site)")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.add_argument("--digest", type=Path, default=None,
                   help="write what the audit finds (facts and results, canonical JSON) to this file instead "
                        "of timing: the simulated shops, a hostile page and every site of --corpus")
    p.add_argument("--corpus", type=Path, default=None,
                   help=f"labelled saved sites for --digest (default {DEFAULT_CORPUS}, skipped when that folder "
                        "is missing; a folder given here must hold a labels.yaml)")
    return p


#: The corpus --digest reads when none is given, where the team's machines keep it.
DEFAULT_CORPUS = Path("/work/shared/realworld")


def main(argv: list[str] | None = None) -> None:
    cli = parser()
    args = cli.parse_args(argv)
    logging.getLogger("auditor").setLevel(logging.ERROR)
    if args.corpus is not None and not (args.corpus / "labels.yaml").is_file():
        cli.error(f"--corpus {args.corpus}: no labels.yaml there (a relative path is read from {Path.cwd()})")
    if args.digest:
        corpus = args.corpus or (DEFAULT_CORPUS if (DEFAULT_CORPUS / "labels.yaml").is_file() else None)
        found = digest(args.pages, args.sentences, args.seed, args.site_pages, corpus)
        args.digest.write_text(json.dumps(found, sort_keys=True, indent=1, ensure_ascii=False) + "\n",
                               encoding="utf-8")
        print(f"{len(found)} sites digested into {args.digest}" + ("" if corpus else " (no corpus)"))
        return
    started = time.perf_counter()
    if args.saved:
        crawls = [saved_crawl(args.saved, args.base_url)]
        source = f"saved copy {args.saved}"
    else:
        crawls = simulated_crawls(args.pages, args.sentences, args.seed, args.site_pages)
        source = f"simulated shops, seed {args.seed}, sentences {args.sentences}"
    prepared = time.perf_counter() - started
    load_once()
    result = measure(crawls, max(1, args.repeat), args.jurisdiction, args.profile, args.top)
    result.update(source=source, prepare_s=prepared)
    if args.json:
        json.dump({k: v for k, v in result.items() if k != "profile"} |
                  ({"profile": result["profile"]["file"]} if "profile" in result else {}), sys.stdout, indent=1)
        print()
    else:
        print(f"{source}: {result['sites']} sites, {result['pages']} pages, "
              f"{result['html_bytes_per_page'] // 1000} kB HTML a page; statuses {result['statuses']}")
        if result["cold_ms_per_page_cpu"] is not None:
            print(f"first run, cold caches: {result['cold_pages_per_s_per_core']:.1f} pages/s per core, "
                  f"{result['cold_ms_per_page_cpu']:.1f} ms/page CPU")
        print(f"{result['pages_per_s_per_core']:.1f} pages/s per core, {result['ms_per_page_cpu']:.1f} ms/page CPU "
              f"({result['ms_per_page_wall']:.1f} ms/page wall), median of {result['repeat']} "
              "(later runs read the same pages again: warm caches)")
    if "profile" in result:  # with --json, on stderr so that stdout stays JSON
        out = sys.stderr if args.json else sys.stdout
        print(result["profile"]["tottime"], file=out)
        print(result["profile"]["cumulative"], file=out)


if __name__ == "__main__":
    main()
