"""Downloader middleware of the audit spider.

:class:`OffsiteRedirectGuard` stops Scrapy from following a redirect that leaves the audited
site. Scrapy's RedirectMiddleware follows any ``Location``; for an audit that would fetch
pages of other sites (a partner shop, a tracking domain, an address the site chose) under our
name and count them as the shop's. The home page is the exception: ``shop.se`` redirecting to
``www.shop.se`` or ``shop.com`` is how the site tells us where it lives. The stopped response
reaches the spider, which records it as a fetch failure with the target it pointed to.
"""

from __future__ import annotations

from typing import Any, Self
from urllib.parse import urljoin

from scrapy.crawler import Crawler
from scrapy.http import Request, Response

from auditor.spiders.gatherers.links import same_site

#: Where the stopped target is left for the spider.
OFFSITE_META = "audit_offsite_redirect"
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


class OffsiteRedirectGuard:
    """Runs before RedirectMiddleware (higher order number: nearer the downloader)."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        if response.status not in REDIRECT_STATUSES or request.meta.get("audit_depth", 0) == 0:
            return response
        location = response.headers.get(b"Location")
        if not location:
            return response
        target = urljoin(request.url, location.decode("latin-1").strip())
        spider: Any = self.crawler.spider
        hosts = frozenset(getattr(getattr(spider, "state", None), "site_hosts", ()))
        if hosts and not same_site(target, hosts):
            request.meta["dont_redirect"] = True
            request.meta[OFFSITE_META] = target
        return response
