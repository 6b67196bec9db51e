"""URLs as the tool sees them: one site (``www.`` or not), one page (``/`` or ``/index.html``),
what a person browses to as a page. Every stage uses these; none of them needs Scrapy."""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import urljoin, urlsplit, urlunsplit

_INDEX_FILES = frozenset({"index.html", "index.htm"})

#: File types a person does not browse to as a page; never fetched as pages.
SKIP_EXTENSIONS = frozenset(
    {
        "jpg", "jpeg", "png", "gif", "webp", "svg", "ico", "bmp", "tif", "tiff", "avif",
        "mp3", "mp4", "webm", "mov", "avi", "wav", "ogg", "zip", "gz", "tgz", "rar", "7z",
        "exe", "dmg", "msi", "apk", "css", "js", "json", "xml", "rss", "woff", "woff2", "ttf",
        "eot", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "csv", "pdf",
    }
)


@lru_cache(maxsize=1 << 14)
def joined_url(base: str, href: str) -> str:
    """``urljoin(base, href)``, once per page and link: the link facts, the withdrawal form and
    dispute-body readers and the ODR link reader each resolve every link of a page (5,372 joins
    of 1,338 links on the 60 bench pages). Raises as ``urljoin`` does (a ``ValueError`` is not kept)."""
    return urljoin(base, href)


def absolute(base: str, href: str) -> str | None:
    """Resolve ``href`` against ``base``; ``None`` for non-web schemes and unusable values."""
    href = href.strip()
    if not href or href.startswith("#"):
        return None
    try:
        joined = joined_url(base, href)
        parts = urlsplit(joined)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return urlunsplit((parts.scheme, parts.netloc.lower(), parts.path or "/", parts.query, ""))


def host_key(netloc: str) -> str:
    """The host (with port) as one site: ``www.`` is the same site as the bare domain."""
    netloc = netloc.lower()
    return netloc[4:] if netloc.startswith("www.") else netloc


def same_site(url: str, site_hosts: frozenset[str]) -> bool:
    """Whether ``url`` belongs to the audited site (www/non-www and http/https alike)."""
    return host_key(urlsplit(url).netloc) in site_hosts


def is_page_url(url: str) -> bool:
    """False for URLs that point at downloads and media rather than pages, and for
    Cloudflare's own endpoints (``/cdn-cgi/l/email-protection`` stands in for an obfuscated
    email address; it is not a page of the shop)."""
    path = urlsplit(url).path.lower()
    if path.startswith("/cdn-cgi/"):
        return False
    last = path.rsplit("/", 1)[-1]
    return not ("." in last and last.rsplit(".", 1)[-1] in SKIP_EXTENSIONS)

#: Extensions of documents a shop may publish its terms or forms in (read by people, not the crawl).
DOCUMENT_EXTENSIONS = frozenset({"pdf", "doc", "docx", "odt", "rtf"})


def is_document_url(url: str) -> bool:
    """Whether ``url`` points at a document (PDF, Word, ...) rather than a page."""
    last = urlsplit(url).path.lower().rsplit("/", 1)[-1]
    return "." in last and last.rsplit(".", 1)[-1] in DOCUMENT_EXTENSIONS


@lru_cache(maxsize=8192)
def url_key(url: str) -> str:
    """Identity of a page for de-duplication: scheme, ``www.`` and a trailing ``index.html``
    (``/`` and ``/index.html`` are one page on every static server) do not make a new page.
    Kept by the URL: the crawl, the page infos and the rules ask it of the same few hundred
    link targets of a site again and again (22,628 times on 60 bench pages)."""
    parts = urlsplit(url)
    path = parts.path or "/"
    head, _, last = path.rpartition("/")
    if last.lower() in _INDEX_FILES:
        path = head + "/"
    return urlunsplit(("", host_key(parts.netloc), path, parts.query, ""))
