"""The baseline of the benchmark: the crawl a user would write without the tool, over the very
URLs the audit crawl fetched (robots.txt, pages, failed pages; read from the batch's store by
bench/run.py), doing nothing with the answers.

``--mode plain`` (the default) is a plain Scrapy crawl with ordinary politeness: one
CrawlerProcess over all the URLs, ``CONCURRENT_REQUESTS = 16``, ``CONCURRENT_REQUESTS_PER_DOMAIN
= 8``, no AutoThrottle, Scrapy's default retries, timeouts, compression and redirects.

``--mode same-settings`` is the old baseline, kept to show what our crawl settings cost: one
crawler per site with the audit crawl's own Scrapy settings (AutoThrottle included,
``auditor.spiders.settings.scrapy_settings``), ``--concurrency`` sites at once, without our
downloader middlewares.

    .venv/bin/python -m bench.baseline URLS.json --out baseline.json
    .venv/bin/python -m bench.baseline URLS.json --mode same-settings --concurrency 8 --out same.json
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import scrapy
from scrapy import signals
from scrapy.crawler import AsyncCrawlerRunner, CrawlerProcess
from scrapy.http import Response

#: The politeness of a plain crawl: Scrapy's default total, 8 requests at once per host.
PLAIN_SETTINGS: dict[str, Any] = {
    "CONCURRENT_REQUESTS": 16,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
    "AUTOTHROTTLE_ENABLED": False,
    "ROBOTSTXT_OBEY": False,  # robots.txt is one of the URLs fetched, as the audit crawl fetched it
    "LOG_LEVEL": "ERROR",
    "TELNETCONSOLE_ENABLED": False,
}


class BareSpider(scrapy.Spider):
    """Fetch the URLs given, all at once (Scrapy's limits pace them)."""

    name = "bare"

    def __init__(self, urls: list[str], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.urls = urls

    async def start(self) -> AsyncIterator[Any]:
        for url in self.urls:
            yield scrapy.Request(url, callback=self.parse, errback=self.failed, dont_filter=True)

    def parse(self, response: Response) -> None:
        return None

    def failed(self, failure: Any) -> None:
        return None


def _count(crawler: Any, totals: dict[str, int]) -> None:
    def received(response: Response, **_: Any) -> None:
        totals["responses"] += 1
        totals["bytes"] += len(response.body)

    def failed(**_: Any) -> None:
        totals["errors"] += 1

    crawler.signals.connect(received, signal=signals.response_received, weak=False)
    crawler.signals.connect(failed, signal=signals.spider_error, weak=False)


def crawl_plain(sites: dict[str, list[str]]) -> dict[str, int]:
    """One plain Scrapy crawl of every URL of every site."""
    totals = {"responses": 0, "bytes": 0, "errors": 0}
    process = CrawlerProcess(PLAIN_SETTINGS, install_root_handler=False)
    crawler = process.create_crawler(BareSpider)
    _count(crawler, totals)
    process.crawl(crawler, urls=[url for urls in sites.values() for url in urls])
    process.start()
    return totals


def bare_settings() -> dict[str, Any]:
    """The audit crawl's Scrapy settings, without our middlewares (the same-settings mode)."""
    from auditor.spiders.settings import scrapy_settings

    settings = scrapy_settings()
    settings.pop("DOWNLOADER_MIDDLEWARES", None)
    return settings


async def crawl_same_settings(sites: dict[str, list[str]], concurrency: int) -> dict[str, int]:
    """One crawler per site with the audit crawl's settings, ``concurrency`` sites at once."""
    gate = asyncio.Semaphore(concurrency)
    totals = {"responses": 0, "bytes": 0, "errors": 0}

    async def one(urls: list[str]) -> None:
        async with gate:
            runner = AsyncCrawlerRunner(bare_settings())
            crawler = runner.create_crawler(BareSpider)
            _count(crawler, totals)
            await runner.crawl(crawler, urls=urls)

    await asyncio.gather(*(one(urls) for urls in sites.values() if urls))
    return totals


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("urls", type=Path, help="JSON {site: [url, ...]}")
    parser.add_argument("--mode", choices=("plain", "same-settings"), default="plain")
    parser.add_argument("--concurrency", type=int, default=8, help="sites at once (same-settings mode only)")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    for name in ("scrapy", "asyncio", "py.warnings"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    sites: dict[str, list[str]] = json.loads(args.urls.read_text(encoding="utf-8"))
    started = time.perf_counter()
    totals = crawl_plain(sites) if args.mode == "plain" else asyncio.run(crawl_same_settings(sites, args.concurrency))
    seconds = time.perf_counter() - started
    args.out.write_text(json.dumps({**totals, "mode": args.mode, "seconds": seconds, "sites": len(sites),
                                    "urls": sum(len(u) for u in sites.values())}), encoding="utf-8")


if __name__ == "__main__":
    main()
