"""Run the audit spider over one or many sites and return what each crawl saw.

Scrapy runs reactorless on plain asyncio (``TWISTED_REACTOR_ENABLED = False``), one crawler per
site so that every site has its own budget, robots.txt and time limit, with a bounded number of
sites crawled at once. A site whose crawl breaks gives a :class:`SiteCrawl` with ``error`` set;
it never takes the other sites down.

The crawl knows nothing of the browser: a caller that wants more done with each site before it
is handed over (the render stage, composed by :mod:`auditor.pipeline`) passes ``after``, an
async step that gets the site's index and crawl once its crawl slot is free and returns the
crawl amended.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
from collections.abc import Awaitable, Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import AsyncCrawlerRunner

from auditor.models import DocumentCheck, FetchFailure, PageSnapshot, RobotsInfo, SiteCrawl
from auditor.spiders import scrapy_tls
from auditor.spiders import settings as crawl_settings
from auditor.spiders.site import SiteSpider
from auditor.web.saved import SavedCopy

#: Sites crawled at the same time. Each site is itself polite (AutoThrottle, few requests), so
#: this bounds only how many hosts are asked at once. A site holds its slot for its whole crawl
#: (about 2 s at 100 ms a request, longer on slow servers), so by Little's law 8 slots crawl at
#: most ~4 sites a second and fall short of what the audit workers get through once the CPU
#: work is fast; 16 keeps the workers fed (BENCHMARKS.md, "Concurrency"). Memory grows with it:
#: at most ``MAX_PENDING_PER_SLOT`` crawled sites a slot wait for their audit.
DEFAULT_SITE_CONCURRENCY = 16
#: Seconds a crawl may overrun its site time limit before it is stopped, then cancelled.
HARD_DEADLINE_GRACE = 3.0

#: The step after a site's crawl (rendering, say): the site's index in the list and its crawl;
#: returns the crawl amended. It runs outside the crawl slot, so other sites crawl meanwhile.
AfterCrawl = Callable[[int, SiteCrawl], Awaitable[SiteCrawl]]

_QUIET = ("scrapy", "asyncio", "aiohttp", "protego", "py.warnings", "extruct", "filelock")


@dataclass(frozen=True)
class CrawlSpec:
    """What to crawl and within which limits."""

    url: str
    max_pages: int = crawl_settings.DEFAULT_MAX_PAGES
    max_depth: int = crawl_settings.DEFAULT_MAX_DEPTH
    obey_robots: bool = True
    contact_url: str = crawl_settings.DEFAULT_CONTACT_URL
    site_timeout: float = crawl_settings.DEFAULT_SITE_TIMEOUT
    #: Answer from these saved files instead of the network (``auditor audit PATH --base-url``).
    saved_copy: SavedCopy | None = None
    #: Fetch loopback, private and link-local addresses (a staging server, the demo, tests).
    allow_private: bool = False
    #: Audit a site whose TLS certificate is invalid (self-signed, expired); the report says so.
    accept_invalid_tls: bool = False


def crawl_sites(
    specs: Sequence[CrawlSpec],
    *,
    concurrency: int = DEFAULT_SITE_CONCURRENCY,
    on_done: Callable[[SiteCrawl], None] | None = None,
) -> list[SiteCrawl]:
    """Crawl every site and return the crawls in the order of ``specs``."""
    return asyncio.run(crawl_sites_async(specs, concurrency=concurrency, on_done=on_done))


async def crawl_sites_async(
    specs: Sequence[CrawlSpec],
    *,
    concurrency: int = DEFAULT_SITE_CONCURRENCY,
    on_done: Callable[[SiteCrawl], None] | None = None,
    after: AfterCrawl | None = None,
) -> list[SiteCrawl]:
    """The asynchronous form of :func:`crawl_sites`, for callers that own an event loop; ``after``
    amends each crawl before ``on_done`` sees it."""
    _quiet()
    gate = asyncio.Semaphore(max(1, concurrency))

    async def one(index: int, spec: CrawlSpec) -> SiteCrawl:
        async with gate:
            result = await crawl_one(spec)
        if after is not None:
            result = await after(index, result)
        if on_done is not None:
            on_done(result)
        return result

    return list(await asyncio.gather(*(one(index, spec) for index, spec in enumerate(specs))))


def _quiet() -> None:
    for name in _QUIET:
        logging.getLogger(name).setLevel(logging.CRITICAL)


def crawl_each(
    specs: Sequence[CrawlSpec],
    *,
    concurrency: int = DEFAULT_SITE_CONCURRENCY,
    on_done: Callable[[SiteCrawl], Awaitable[None] | None],
) -> None:
    """Crawl every site and hand each crawl to ``on_done`` as it ends; nothing is kept, so memory
    stays bounded however long the list is. A new site starts as soon as a crawl slot is free
    (no chunk waits for its slowest site). ``on_done`` may return an awaitable (work done in
    another process, say): crawls go on meanwhile, up to ``MAX_PENDING_PER_SLOT`` sites a slot."""
    asyncio.run(crawl_each_async(specs, concurrency=concurrency, on_done=on_done))


#: Sites started but not yet handed over, per crawl slot (crawling, rendering or in ``on_done``).
MAX_PENDING_PER_SLOT = 3


async def crawl_each_async(
    specs: Sequence[CrawlSpec],
    *,
    concurrency: int = DEFAULT_SITE_CONCURRENCY,
    on_done: Callable[[SiteCrawl], Awaitable[None] | None],
    after: AfterCrawl | None = None,
) -> None:
    """The asynchronous form of :func:`crawl_each`; ``after`` amends each crawl before
    ``on_done`` sees it."""
    _quiet()
    slots = max(1, concurrency)
    gate = asyncio.Semaphore(slots)
    errors: list[BaseException] = []
    pending: set[asyncio.Task[None]] = set()

    async def one(index: int, spec: CrawlSpec) -> None:
        try:
            result = await crawl_one(spec)
        finally:
            gate.release()
        if after is not None:
            result = await after(index, result)
        outcome = on_done(result)
        if inspect.isawaitable(outcome):
            await outcome

    def finished(task: asyncio.Task[None]) -> None:
        pending.discard(task)
        if not task.cancelled() and task.exception() is not None:
            errors.append(task.exception())  # type: ignore[arg-type]

    for index, spec in enumerate(specs):
        if errors:
            break
        await gate.acquire()
        while len(pending) >= slots * MAX_PENDING_PER_SLOT and not errors:
            await asyncio.wait(set(pending), return_when=asyncio.FIRST_COMPLETED)
        task = asyncio.ensure_future(one(index, spec))
        pending.add(task)
        task.add_done_callback(finished)
    if pending:
        await asyncio.wait(set(pending))
    if errors:
        raise errors[0]


async def crawl_one(spec: CrawlSpec) -> SiteCrawl:
    """Crawl one site. Never raises: a broken crawl is a SiteCrawl with ``error`` set."""
    started = datetime.now(UTC)
    ua = crawl_settings.user_agent(spec.contact_url)
    pages: list[PageSnapshot] = []
    failures: list[FetchFailure] = []
    documents: list[DocumentCheck] = []

    def collect(item: Any, **_: Any) -> None:
        if isinstance(item, PageSnapshot):
            pages.append(item)
        elif isinstance(item, FetchFailure):
            failures.append(item)
        elif isinstance(item, DocumentCheck):
            documents.append(item)

    error: str | None = None
    spider: Spider | None = None
    try:
        scrapy_tls.share_tls_contexts()
        runner = AsyncCrawlerRunner(
            crawl_settings.scrapy_settings(contact_url=spec.contact_url, site_timeout=spec.site_timeout,
                                           verify_tls=not spec.accept_invalid_tls)
        )
        crawler = runner.create_crawler(SiteSpider)
        crawler.signals.connect(collect, signal=signals.item_scraped)
        crawling = asyncio.ensure_future(runner.crawl(
            crawler,
            start_url=spec.url,
            max_pages=spec.max_pages,
            max_depth=spec.max_depth,
            key_extra_depth=crawl_settings.KEY_LINK_EXTRA_DEPTH,
            obey_robots=spec.obey_robots,
            saved_copy=spec.saved_copy,
            allow_private=spec.allow_private,
        ))
        # Scrapy's CLOSESPIDER_TIMEOUT asks the crawl to stop; a server that never answers can
        # still hold a download open past it. This deadline is hard: no site stalls a batch.
        done, _ = await asyncio.wait({crawling}, timeout=spec.site_timeout + HARD_DEADLINE_GRACE)
        if not done:
            crawling.cancel()
            with suppress(BaseException):
                await asyncio.wait_for(crawling, timeout=HARD_DEADLINE_GRACE)
            error = f"site time limit of {spec.site_timeout:.0f} s reached"
        else:
            crawling.result()
        spider = crawler.spider
        reason = crawler.stats.get_value("finish_reason") if crawler.stats else None
        if reason == "closespider_timeout" or error:
            error = f"site time limit of {spec.site_timeout:.0f} s reached"
    except Exception as exc:  # a crawl that breaks must not break the batch
        error = f"crawl failed: {type(exc).__name__}: {exc}"
    state = spider.state if isinstance(spider, SiteSpider) else None
    robots = (state.robots if state else None) or RobotsInfo(url=spec.url, obeyed=spec.obey_robots)
    return SiteCrawl(
        start_url=spec.url,
        home_url=state.home_url if state else None,
        site_hosts=sorted(state.site_hosts) if state else [],
        started_at=started,
        finished_at=datetime.now(UTC),
        user_agent=ua,
        max_pages=spec.max_pages,
        max_depth=spec.max_depth,
        pages=sorted(pages, key=lambda page: (page.depth, page.url)),
        failures=sorted(failures, key=lambda failure: failure.url),
        robots=robots,
        budget_exhausted=state.budget_exhausted if state else False,
        unvisited=state.unvisited if state else [],
        error=error,
        saved_copy=spec.saved_copy.info() if spec.saved_copy is not None else None,
        tls_verified=not spec.accept_invalid_tls,
        documents=sorted(documents, key=lambda document: document.url),
    )
