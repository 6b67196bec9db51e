"""Scrapy settings of the audit crawl and the crawl's defaults, in one place (the ``AUDITOR_*``
environment settings live in :mod:`auditor.settings`).

Politeness first: an honest User-Agent that names the tool and where to read about it,
AutoThrottle per host, few concurrent requests per site, robots.txt obeyed by default (the
spider applies it itself so that it can record what robots.txt blocked).
"""

from __future__ import annotations

from typing import Any

from auditor import __version__

#: Where a site owner reads what this crawler is and why it visited; override with --contact-url.
DEFAULT_CONTACT_URL = "https://github.com/auditor-project/auditor/blob/main/docs/crawler.md"

#: Default page budget and depth limit of one site (issue: 30 pages, 3 clicks).
DEFAULT_MAX_PAGES = 30
DEFAULT_MAX_DEPTH = 3

#: Links whose text names contact, imprint, terms, returns... may go this many levels past the
#: depth limit: a contact page four clicks deep is a finding to measure, not a page to miss.
KEY_LINK_EXTRA_DEPTH = 2

#: A site gets at most this long; a stalling server cannot hold up a batch.
DEFAULT_SITE_TIMEOUT = 180.0


def user_agent(contact_url: str = DEFAULT_CONTACT_URL) -> str:
    """The User-Agent header: tool name, version, purpose and a URL to read more."""
    return f"auditor/{__version__} (consumer-law compliance audit; +{contact_url})"


def scrapy_settings(
    *, contact_url: str = DEFAULT_CONTACT_URL, site_timeout: float = DEFAULT_SITE_TIMEOUT, verify_tls: bool = True
) -> dict[str, Any]:
    """Settings for one site's crawler."""
    return {
        # Reactorless: Scrapy runs on plain asyncio with its aiohttp download handler, so a
        # process (or a test session) can run any number of crawls one after another.
        "TWISTED_REACTOR_ENABLED": False,
        "USER_AGENT": user_agent(contact_url),
        # The spider fetches robots.txt itself, obeys it and records what it blocked.
        "ROBOTSTXT_OBEY": False,
        "AUTOTHROTTLE_ENABLED": True,
        "AUTOTHROTTLE_START_DELAY": 0.1,
        "AUTOTHROTTLE_MAX_DELAY": 10.0,
        "AUTOTHROTTLE_TARGET_CONCURRENCY": 2.0,
        "CONCURRENT_REQUESTS": 16,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 4,
        "DOWNLOAD_DELAY": 0,
        "DOWNLOAD_TIMEOUT": 20,
        "DOWNLOAD_MAXSIZE": 10 * 1024 * 1024,
        # A self-signed or expired certificate makes the site unreadable unless the user accepts
        # it (--accept-invalid-tls), and then the report says the certificates were not checked.
        "DOWNLOAD_VERIFY_CERTIFICATES": verify_tls,
        "DOWNLOAD_WARNSIZE": 0,
        "RETRY_TIMES": 1,
        "REDIRECT_MAX_TIMES": 6,
        "METAREFRESH_ENABLED": True,
        # Ours runs before RedirectMiddleware (600) sees the response: no redirect off the site.
        # A saved copy (auditor audit PATH --base-url) is answered from files before anything else.
        "DOWNLOADER_MIDDLEWARES": {
            "auditor.spiders.middlewares.SavedCopyServer": 10,
            "auditor.spiders.middlewares.PrivateAddressGuard": 20,
            "auditor.spiders.middlewares.OffsiteRedirectGuard": 650,
        },
        "COOKIES_ENABLED": True,
        # The spider decides depth itself (it needs the click path, not Scrapy's counter).
        "DEPTH_LIMIT": 0,
        "CLOSESPIDER_TIMEOUT": site_timeout,
        "HTTPERROR_ALLOW_ALL": True,
        "TELNETCONSOLE_ENABLED": False,
        "LOG_LEVEL": "ERROR",
        "LOG_ENABLED": True,
        "STATS_DUMP": False,
        # A developer's lint: Scrapy reads and parses the source of every callback of every new
        # spider (one per site) to warn about generators that return a value. Ours do not.
        "WARN_ON_GENERATOR_RETURN_VALUE": False,
        # Items handled at once per response. We have no item pipeline and a page yields one item
        # and a few requests; Scrapy's 100 would start 100 asyncio tasks for every page.
        "CONCURRENT_ITEMS": 4,
    }
