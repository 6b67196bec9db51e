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
from scrapy.http import Headers, Request, Response

from auditor.web.urls import same_site

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


#: Where the saved-copy middleware leaves why a URL was not served, for the spider's failure.
SAVED_NOTE_META = "audit_saved_note"


class SavedCopyServer:
    """Answer the crawl from a saved copy of the site (``spider.saved_copy``) instead of the network.

    Runs first of all downloader middleware: a response returned from ``process_request`` skips
    the download (and with it AutoThrottle's delays, which a folder does not need) while every
    middleware's ``process_response`` still runs, so redirects and the off-site guard behave
    as on a live site. Requests to other hosts are dropped: a saved copy never reaches out.
    Inactive when the spider has no saved copy.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def process_request(self, request: Request) -> Response | None:
        from scrapy.exceptions import IgnoreRequest
        from scrapy.responsetypes import responsetypes

        from auditor.web.saved import SavedCopy

        saved = getattr(self.crawler.spider, "saved_copy", None)
        if not isinstance(saved, SavedCopy):
            return None
        if not saved.owns(request.url):
            raise IgnoreRequest(f"{request.url} is not part of the saved copy of {saved.base_url}")
        answer = saved.lookup(request.url)
        if answer.status == 301 and answer.location:
            saved.record(request.url, answer)
            return Response(request.url, status=301, headers={"Location": answer.location}, request=request)
        if answer.status != 200 or answer.file is None:
            saved.record(request.url, answer)
            request.meta[SAVED_NOTE_META] = answer.note
            return Response(request.url, status=404, request=request)
        try:
            body = saved.read(answer.file)
        except OSError as exc:
            request.meta[SAVED_NOTE_META] = f"the saved file {answer.file} could not be read: {exc.strerror or exc}"
            return Response(request.url, status=404, request=request)
        saved.record(request.url, answer, body)
        content_type = saved.content_type(answer.file, body)
        headers = {"Content-Type": content_type}
        cls = responsetypes.from_args(headers=Headers(headers), url=request.url, body=body)
        return cls(request.url, status=200, headers=headers, body=body, request=request)


class PrivateAddressGuard:
    """Refuse requests to non-public addresses unless the spider allows them (``--allow-private``).

    Runs right after :class:`SavedCopyServer` (a saved copy never reaches the network) and before
    everything else, so a redirect to a private address is refused like a link to one."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    async def process_request(self, request: Request) -> None:
        from scrapy.exceptions import IgnoreRequest

        from auditor.web.netguard import private_reason

        spider = self.crawler.spider
        if getattr(spider, "allow_private", True) or getattr(spider, "saved_copy", None) is not None:
            return
        reason = await private_reason(request.url)
        if reason is not None:
            raise IgnoreRequest(f"not fetched: {reason}; audits of local or private servers need --allow-private")
