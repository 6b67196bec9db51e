"""The baseline of the benchmark: a bare Scrapy spider that fetches a given list of URLs and does
nothing with them.

It runs the way ``auditor batch`` crawls, so that only our own work differs: one crawler per
site with the very settings of the audit crawl (``auditor.spiders.settings.scrapy_settings``:
AutoThrottle, CONCURRENT_REQUESTS, CONCURRENT_REQUESTS_PER_DOMAIN, timeouts, retries,
redirects), ``--concurrency`` sites at once, but without our downloader middlewares and with a
callback that only counts the response. The URLs are those the audit crawl fetched (robots.txt,
pages, failed pages), read from the batch's store by bench/run.py.

    .venv/bin/python bench/baseline.py URLS.json --concurrency 8 --out baseline.json
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
from scrapy.crawler import AsyncCrawlerRunner
from scrapy.http import Response

from auditor.spiders.settings import scrapy_settings


class BareSpider(scrapy.Spider):
    """Fetch the URLs given, all at once (Scrapy's per-domain limit and AutoThrottle pace them)."""

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


def bare_settings() -> dict[str, Any]:
    """The audit crawl's Scrapy settings, without our middlewares."""
    settings = scrapy_settings()
    settings.pop("DOWNLOADER_MIDDLEWARES", None)
    return settings


async def crawl_all(sites: dict[str, list[str]], concurrency: int) -> dict[str, Any]:
    for name in ("scrapy", "asyncio", "aiohttp", "py.warnings"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    gate = asyncio.Semaphore(concurrency)
    totals = {"responses": 0, "bytes": 0, "errors": 0}

    async def one(urls: list[str]) -> None:
        async with gate:
            runner = AsyncCrawlerRunner(bare_settings())
            crawler = runner.create_crawler(BareSpider)

            def received(response: Response, **_: Any) -> None:
                totals["responses"] += 1
                totals["bytes"] += len(response.body)

            def failed(**_: Any) -> None:
                totals["errors"] += 1

            crawler.signals.connect(received, signal=signals.response_received)
            crawler.signals.connect(failed, signal=signals.spider_error)
            await runner.crawl(crawler, urls=urls)

    await asyncio.gather(*(one(urls) for urls in sites.values() if urls))
    return totals


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("urls", type=Path, help="JSON {site: [url, ...]}")
    parser.add_argument("--concurrency", type=int, default=8, help="sites crawled at once (as auditor batch)")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    sites: dict[str, list[str]] = json.loads(args.urls.read_text(encoding="utf-8"))
    started = time.perf_counter()
    totals = asyncio.run(crawl_all(sites, args.concurrency))
    seconds = time.perf_counter() - started
    args.out.write_text(json.dumps({**totals, "seconds": seconds, "sites": len(sites),
                                    "urls": sum(len(u) for u in sites.values())}), encoding="utf-8")


if __name__ == "__main__":
    main()
