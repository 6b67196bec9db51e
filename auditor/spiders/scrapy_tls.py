"""The one place this project reaches into Scrapy's private code: one TLS context per process.

**Why.** Without Twisted's reactor, Scrapy 2.19 downloads with its aiohttp handler
(``scrapy.core.downloader.handlers._aiohttp.AiohttpDownloadHandler``, marked experimental), and
every handler builds its own ``ssl.SSLContext`` with ``scrapy.utils.ssl._make_ssl_context``,
which loads the system's CA certificates: 20-50 ms of CPU each time, twice a site (one handler
for ``http``, one for ``https``), because every site gets a crawler of its own. On the six demo
shops over loopback a site's crawl costs 49-57 ms of CPU with one shared context and 89-99 ms
without; in the benchmark's profile of 20 sites the loads took 4.3 s (BENCHMARKS.md, fix 8).
A context holds no per-connection state and serves any number of connections.

**Why not public API.** ``DOWNLOAD_HANDLERS`` can name another handler class, but the aiohttp
handler lives in a private module and builds its context inside ``__init__`` from the private
function; no setting, hook or argument hands it a context (Scrapy 2.19). Writing a handler of
our own would copy Scrapy's. So this module replaces the name the handler's module looks up,
``_aiohttp._make_ssl_context``, with one that returns the same context for the same TLS settings.

**Safety.** It patches only a Scrapy of the minor version it was checked against
(:data:`SCRAPY_CHECKED`, the same as pyproject's pin) whose function still exists; otherwise it
leaves Scrapy alone and crawls are only slower. ``tests/spiders/test_scrapy_tls.py`` fails
loudly when Scrapy changes what this relies on: the handler the reactorless crawl uses, the
name it looks up, the settings and environment the context is made from.
"""

from __future__ import annotations

import logging
import os
import sys
from functools import cache
from typing import Any

log = logging.getLogger(__name__)

#: The Scrapy minor version the patch was checked against.
SCRAPY_CHECKED = "2.19."

#: Every setting ``_make_ssl_context`` reads: crawlers whose values agree share a context.
TLS_SETTINGS = (
    "DOWNLOAD_VERIFY_CERTIFICATES",
    "DOWNLOAD_TLS_MIN_VERSION",
    "DOWNLOAD_TLS_MAX_VERSION",
    "DOWNLOADER_CLIENT_TLS_CIPHERS",
)


@cache
def share_tls_contexts() -> bool:
    """Make Scrapy's aiohttp handlers share one TLS context per configuration, once per process.
    True when they do; False (with a warning in the log) when Scrapy is not the checked one."""
    import scrapy
    from scrapy.core.downloader.handlers import _aiohttp

    make = getattr(_aiohttp, "_make_ssl_context", None)
    if make is None or not scrapy.__version__.startswith(SCRAPY_CHECKED):
        log.warning("Scrapy %s is not the checked %sx: each crawl builds its own TLS contexts",
                    scrapy.__version__, SCRAPY_CHECKED)
        return False
    contexts: dict[tuple[object, ...], Any] = {}

    def shared(settings: Any) -> Any:
        key = (
            settings.getbool(TLS_SETTINGS[0]),
            *(settings.get(name) for name in TLS_SETTINGS[1:]),
            None if sys.flags.ignore_environment else os.environ.get("SSLKEYLOGFILE"),
        )
        context = contexts.get(key)
        if context is None:
            context = contexts[key] = make(settings)
        return context

    setattr(_aiohttp, "_make_ssl_context", shared)  # noqa: B010 (a private name of Scrapy, see above)
    return True
