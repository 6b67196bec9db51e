"""auditor/spiders/scrapy_tls.py patches a private function of Scrapy: these tests fail loudly
when Scrapy changes anything the patch relies on (then re-check the patch, or drop it)."""

from __future__ import annotations

import asyncio
import inspect
import re
import ssl
import tomllib
from pathlib import Path

import scrapy
from scrapy.core.downloader.handlers import _aiohttp
from scrapy.utils import ssl as scrapy_ssl
from scrapy.utils.misc import build_from_crawler
from scrapy.utils.test import get_crawler

from auditor.spiders import scrapy_tls
from auditor.spiders.settings import scrapy_settings

HANDLER = "scrapy.core.downloader.handlers._aiohttp.AiohttpDownloadHandler"


def test_scrapy_is_the_version_the_patch_was_checked_against() -> None:
    assert scrapy.__version__.startswith(scrapy_tls.SCRAPY_CHECKED), (
        f"Scrapy {scrapy.__version__}: re-check auditor/spiders/scrapy_tls.py, then update SCRAPY_CHECKED"
    )
    pyproject = tomllib.loads((Path(__file__).parents[2] / "pyproject.toml").read_text(encoding="utf-8"))
    [pin] = [d for d in pyproject["project"]["dependencies"] if d.startswith("scrapy>")]
    assert pin.startswith(f"scrapy>={scrapy_tls.SCRAPY_CHECKED.rstrip('.')},"), "pyproject pins another Scrapy"


def test_the_crawl_downloads_with_the_handler_that_is_patched() -> None:
    crawler = get_crawler(settings_dict=scrapy_settings())
    handlers = crawler.settings.getwithbase("DOWNLOAD_HANDLERS")
    assert handlers["http"] == handlers["https"] == HANDLER


def test_the_handler_builds_its_context_with_the_name_that_is_replaced() -> None:
    assert "_make_ssl_context(crawler.settings)" in inspect.getsource(_aiohttp.AiohttpDownloadHandler.__init__)
    assert hasattr(_aiohttp, "_make_ssl_context")


def test_the_context_depends_only_on_the_settings_and_environment_it_is_shared_by() -> None:
    read = inspect.getsource(scrapy_ssl._make_ssl_context) + inspect.getsource(scrapy_ssl._get_tls_version_limits)
    assert set(re.findall(r'"([A-Z][A-Z0-9_]+)"', read)) == set(scrapy_tls.TLS_SETTINGS)
    keylog = inspect.getsource(scrapy_ssl._get_keylog_filename)
    assert re.findall(r'environ\.get\("([A-Z_]+)"\)', keylog) == ["SSLKEYLOGFILE"]


def test_crawlers_with_the_same_tls_settings_share_one_context() -> None:
    assert scrapy_tls.share_tls_contexts() is True

    async def contexts() -> list[ssl.SSLContext]:
        handlers = [
            build_from_crawler(_aiohttp.AiohttpDownloadHandler, get_crawler(settings_dict=scrapy_settings(**kwargs)))
            for kwargs in ({}, {}, {"verify_tls": False})
        ]
        try:
            return [handler._ssl_context for handler in handlers]
        finally:
            for handler in handlers:
                await handler.close()

    first, second, unverified = asyncio.run(contexts())
    assert first is second
    assert first.verify_mode == ssl.CERT_REQUIRED
    assert unverified is not first and unverified.verify_mode == ssl.CERT_NONE
