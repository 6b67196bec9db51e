"""Audit a saved copy of a site: the site's URLs answered from files in a folder.

Agencies and journalists hold saved pages (a wget or HTTrack mirror, a browser's "save page
as", a static export) and must audit what they saved. :class:`SavedCopy` maps a URL of the
site's host onto a file the way a static web server would, so that the same spider, the same
extraction and the same rules run as for a live site and click depth is measured the same way:

* ``/`` → ``index.html`` (or ``index.htm``); ``/villkor/`` → ``villkor/index.html``;
* ``/villkor`` → ``villkor`` or ``villkor.html`` / ``villkor.htm``; when only
  ``villkor/index.html`` exists the answer is a redirect to ``/villkor/``, as a server gives,
  so that relative links on that page resolve as they did on the live site;
* percent-encoded paths are tried decoded and as saved; a query string first picks wget's
  ``page?q=1.html`` / ``page@q=1.html`` names, then falls back to the file itself (a static
  server ignores the query);
* an explicit URL → file map (``--url-map``, or a corpus's list of saved URLs) comes first.

A URL whose file exists only in another letter case is **not** served: on the case-sensitive
servers most sites run on, that link is broken, so it is answered 404 and reported with the
file it nearly matched, never silently fixed. URLs with no file are "not in the saved copy":
the rules treat such a page as unread (could not check), never as proof of absence.

Only files found by walking the folder can be served (no path from a URL ever reaches the file
system), and a symbolic link is followed only when it stays inside the folder.

Where the files say when and from where they were saved (HTTrack's "Mirrored from" comment,
SingleFile's header, a browser's ``saved from url`` mark, Save Page WE's meta tags), the
report says so; otherwise it gives the files' modification times, marked as such.
"""

from __future__ import annotations

import csv
import json
import mimetypes
import os
import posixpath
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from auditor.models import CaseMismatch, SavedCopyInfo
from auditor.web.urls import host_key

#: A folder with more files than this is refused: a saved shop has hundreds, not millions.
MAX_FILES = 200_000
#: Bytes of a file's start searched for a "saved by" marker.
MARKER_BYTES = 8192
INDEX_NAMES = ("index.html", "index.htm")
#: Error pages of a static site (404.html) are not pages of the shop.
_ERROR_PAGE = re.compile(r"^[45]\d\d\.html?$")
PAGE_SUFFIXES = (".html", ".htm")


class SavedCopyError(Exception):
    """The folder or the base URL cannot make a saved copy: a message for the user."""


@dataclass(frozen=True)
class Lookup:
    """How the saved copy answers a URL."""

    status: int  # 200 served, 301 to a folder's index, 404 not saved
    file: str | None = None  # relative POSIX path of the served file
    location: str | None = None  # target of a 301
    note: str = ""  # why a 404: not saved, or a case mismatch
    case_mismatch: str | None = None  # the file that differs only in letter case


@dataclass(frozen=True)
class Marker:
    """What a saving tool wrote into a file about its origin."""

    tool: str
    url: str | None = None
    saved_at: datetime | None = None


@dataclass
class SavedCopy:
    """A folder of saved pages standing in for the site at ``base_url``."""

    root: Path
    base_url: str
    host: str
    files: dict[str, Path]
    url_map: dict[str, str] = field(default_factory=dict)
    mapped_urls: dict[str, str] = field(default_factory=dict)  # map key -> the URL as given
    # What the crawl asked for: filled while it runs, read by :meth:`info`.
    served: dict[str, str] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    mismatches: list[CaseMismatch] = field(default_factory=list)
    markers: dict[str, Marker] = field(default_factory=dict)
    #: The folder is every file the site published (a static site's repository, not a handful
    #: of saved pages): a URL with no file answers 404 as the site's own server would, so a link
    #: to it is a dead link, not a page left unread.
    complete: bool = False

    # ------------------------------------------------------------------ opening

    @classmethod
    def open(
        cls, root: Path | str, base_url: str, url_map: Mapping[str, str] | None = None, *, complete: bool = False
    ) -> SavedCopy:
        """Index ``root`` and check ``base_url``; raises :class:`SavedCopyError` with a clear message."""
        folder = Path(root).expanduser()
        if not folder.exists():
            raise SavedCopyError(f"{folder} does not exist")
        if not folder.is_dir():
            raise SavedCopyError(f"{folder} is not a folder of saved pages")
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise SavedCopyError(f"--base-url {base_url!r} must be an http(s) URL such as https://shop.example.se/")
        files = _index(folder.resolve())
        if not files:
            raise SavedCopyError(f"{folder} holds no files")
        copy = cls(root=folder.resolve(), base_url=base_url, host=host_key(parts.netloc), files=files,
                   complete=complete)
        for url, file in (url_map or {}).items():
            rel = _clean_rel(file)
            if rel is None or rel not in files:
                raise SavedCopyError(f"the URL map names {file!r}, which is not a file in {folder}")
            copy.url_map[_map_key(url)] = rel
            copy.mapped_urls.setdefault(_map_key(url), url.strip())
        return copy

    # ------------------------------------------------------------------ answering

    def owns(self, url: str) -> bool:
        """Whether ``url`` belongs to the saved site (the host of the base URL, with or without www)."""
        return host_key(urlsplit(url).netloc) == self.host

    def lookup(self, url: str) -> Lookup:
        """The answer to a URL of the site, without touching the file system."""
        parts = urlsplit(url)
        mapped = self.url_map.get(_map_key(url))
        if mapped is not None:
            return Lookup(200, file=mapped)
        paths = [parts.path or "/"]
        decoded = unquote(paths[0])
        if decoded != paths[0]:
            paths.insert(0, decoded)
        for path in paths:
            answer = self._answer(path, parts.query)
            if answer is not None:
                return answer
        for path in paths:
            near = self._case_twin(path)
            if near is not None:
                return Lookup(
                    404,
                    note=f"not in the saved copy: the link's letter case differs from the saved file {near} "
                    "(a broken link on a case-sensitive server)",
                    case_mismatch=near,
                )
        return Lookup(404, note="not in the saved copy (no file for this URL)")

    def _answer(self, path: str, query: str) -> Lookup | None:
        rel = _clean_rel(path)
        if rel is None:
            return None
        if path.endswith("/") or rel == "":
            names = [posixpath.join(rel, name) if rel else name for name in INDEX_NAMES]
            if query:
                names = [f"{n}?{query}.html" for n in names] + [f"{n}@{query}.html" for n in names] + names
            for name in names:
                if name in self.files:
                    return Lookup(200, file=name)
            return None
        candidates = [rel, *(rel + suffix for suffix in PAGE_SUFFIXES)]
        if query:
            wget = [f"{rel}{sep}{query}{suffix}" for sep in "?@" for suffix in ("", *PAGE_SUFFIXES)]
            candidates = wget + candidates
        for name in candidates:
            if name in self.files:
                return Lookup(200, file=name)
        if any(posixpath.join(rel, name) in self.files for name in INDEX_NAMES):
            location = path + "/" + (f"?{query}" if query else "")
            return Lookup(301, location=location)
        return None

    def _case_twin(self, path: str) -> str | None:
        rel = _clean_rel(path)
        if rel is None:
            return None
        if path.endswith("/") or rel == "":
            wanted = [posixpath.join(rel, name) if rel else name for name in INDEX_NAMES]
        else:
            wanted = [rel, *(rel + s for s in PAGE_SUFFIXES), *(posixpath.join(rel, n) for n in INDEX_NAMES)]
        folded = {name.casefold() for name in wanted}
        for name in self.files:
            if name.casefold() in folded:
                return name
        return None

    def unread_pages(self) -> list[str]:
        """URLs of the saved HTML pages the crawl has not read, mapped ones first.

        A saved copy holds pages its maker chose to keep, including pages the site links only
        through scripts (a checkout button) or pages saved on their own; after the links run
        out the crawl reads them too, marked as not linked from the home page.
        """
        done = set(self.served.values())
        origin = f"{urlsplit(self.base_url).scheme}://{urlsplit(self.base_url).netloc}"
        urls: dict[str, None] = {}
        mapped_files = set(self.url_map.values())
        for key, rel in self.url_map.items():
            if rel not in done:
                urls.setdefault(self.mapped_urls[key], None)
        for rel in sorted(self.files):
            if rel in done or rel in mapped_files or not rel.lower().endswith(PAGE_SUFFIXES):
                continue
            name = posixpath.basename(rel).lower()
            if _ERROR_PAGE.match(name) or any(part.startswith(".") for part in rel.split("/")):
                continue
            path = rel[: -len(name)] if name in INDEX_NAMES else rel
            urls.setdefault(f"{origin}/{quote(path)}", None)
        return list(urls)

    def read(self, rel: str) -> bytes:
        """The bytes of an indexed file (``rel`` comes from :meth:`lookup`, never from a URL)."""
        return self.files[rel].read_bytes()

    @staticmethod
    def content_type(rel: str, body: bytes) -> str:
        """The Content-Type a static server would send for the file."""
        guessed, _ = mimetypes.guess_type(rel.split("?")[0].split("@")[0])
        if guessed:
            return guessed
        head = body[:1024].lstrip().lower()
        if head.startswith((b"<!doctype html", b"<html", b"<!--", b"<head", b"<meta")) or b"<html" in head:
            return "text/html"
        return "application/octet-stream"

    # ------------------------------------------------------------------ recording

    def record(self, url: str, answer: Lookup, body: bytes | None = None) -> None:
        """Note what the crawl got for ``url`` (served file, missing page, case mismatch)."""
        if answer.status == 200 and answer.file is not None:
            self.served[url] = answer.file
            if body is not None and answer.file not in self.markers:
                marker = find_marker(body[:MARKER_BYTES])
                if marker is not None:
                    self.markers[answer.file] = marker
        elif answer.status == 404 and not url.endswith("/robots.txt"):
            if answer.case_mismatch is not None:
                self.mismatches.append(CaseMismatch(url=url, file=answer.case_mismatch))
            elif url not in self.missing:
                self.missing.append(url)

    def info(self) -> SavedCopyInfo:
        """What the report says about the copy: where it came from and when it was saved."""
        markers = list(self.markers.values())
        tools = Counter(m.tool for m in markers)
        dates = sorted(m.saved_at for m in markers if m.saved_at is not None)
        origins = sorted({m.url for m in markers if m.url})
        mtimes: list[datetime] = []
        for rel in set(self.served.values()):
            try:
                mtimes.append(datetime.fromtimestamp(self.files[rel].stat().st_mtime, UTC))
            except OSError:
                continue
        mtimes.sort()
        return SavedCopyInfo(
            folder=str(self.root),
            base_url=self.base_url,
            saved_with=tools.most_common(1)[0][0] if tools else None,
            saved_from=origins[:5],
            saved_at_earliest=dates[0] if dates else None,
            saved_at_latest=dates[-1] if dates else None,
            files_modified_earliest=mtimes[0] if mtimes else None,
            files_modified_latest=mtimes[-1] if mtimes else None,
            files_served=len(set(self.served.values())),
            missing=self.missing[:200],
            case_mismatches=self.mismatches[:200],
        )


# ----------------------------------------------------------------------------- the folder


def _index(root: Path) -> dict[str, Path]:
    """Every regular file under ``root`` by relative POSIX path; links leaving ``root`` are skipped."""
    files: dict[str, Path] = {}
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        here = Path(dirpath)
        dirnames[:] = [d for d in dirnames if not d.startswith(".") and _inside(here / d, root)]
        for name in filenames:
            path = here / name
            if not _inside(path, root) or not path.is_file():
                continue
            files[path.relative_to(root).as_posix()] = path
            if len(files) > MAX_FILES:
                raise SavedCopyError(f"{root} holds more than {MAX_FILES} files; point PATH at the site's folder")
    return files


def _inside(path: Path, root: Path) -> bool:
    if not path.is_symlink():
        return True
    try:
        return path.resolve().is_relative_to(root)
    except (OSError, RuntimeError):  # a loop or an unreadable link
        return False


def _clean_rel(path: str) -> str | None:
    """A URL path or a map entry as a relative POSIX path inside the folder, or None if it leaves it."""
    if "\x00" in path:
        return None
    text = path.replace("\\", "/").lstrip("/")
    if not text:
        return ""
    normal = posixpath.normpath(text)
    if normal == ".":
        return ""
    if normal.startswith("../") or normal == "..":
        return None
    return normal


def _map_key(url: str) -> str:
    """A URL as a map key: scheme, ``www.``, fragment and a trailing ``index.html`` do not count."""
    parts = urlsplit(url.strip())
    path = parts.path or "/"
    return f"{host_key(parts.netloc)}{path}?{parts.query}"


def load_url_map(path: Path) -> dict[str, str]:
    """Read ``--url-map``: a JSON object ``{url: file}`` or a CSV with the columns ``url,file``."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise SavedCopyError(f"cannot read the URL map {path}: {exc.strerror or exc}") from None
    if path.suffix.lower() == ".json" or text.lstrip().startswith("{"):
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise SavedCopyError(f"the URL map {path} is not valid JSON: {exc}") from None
        if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
            raise SavedCopyError(f"the URL map {path} must be a JSON object of URL → file")
        return {str(k): v for k, v in data.items()}
    mapping: dict[str, str] = {}
    for number, row in enumerate(csv.reader(text.splitlines()), start=1):
        if not row or row[0].strip().lower() in ("url", "") or row[0].lstrip().startswith("#"):
            continue
        if len(row) < 2 or not row[1].strip():
            raise SavedCopyError(f"{path}, line {number}: expected 'url,file'")
        mapping[row[0].strip()] = row[1].strip()
    if not mapping:
        raise SavedCopyError(f"the URL map {path} maps no URL")
    return mapping


# ----------------------------------------------------------------------------- markers

_SAVED_FROM = re.compile(rb"<!--\s*saved from url=\(\d+\)\s*(\S+?)\s*-->", re.I)
_HTTRACK = re.compile(
    rb"<!--\s*Mirrored from\s+(\S+)\s+by HTTrack Website Copier[^,]*,\s*([^>]*?)\s*-->", re.I | re.S
)
_SINGLEFILE = re.compile(rb"Page saved with SingleFile\s*(.*?)-->", re.I | re.S)
_SF_URL = re.compile(r"^\s*url:\s*(\S+)", re.M)
_SF_DATE = re.compile(r"^\s*saved date:\s*(.+?)\s*$", re.M)
_META = re.compile(rb"<meta\s+[^>]*name=[\"']savepage-(url|date)[\"'][^>]*content=[\"']([^\"']+)[\"']", re.I)


def find_marker(head: bytes) -> Marker | None:
    """The saving tool's own note about a page's origin and date, when it left one."""
    if m := _HTTRACK.search(head):
        url = m.group(1).decode("utf-8", "replace")
        return Marker("HTTrack", url if "://" in url else f"http://{url}", _parse_date(m.group(2).decode("latin-1")))
    if m := _SINGLEFILE.search(head):
        block = m.group(1).decode("utf-8", "replace")
        url_m, date_m = _SF_URL.search(block), _SF_DATE.search(block)
        return Marker("SingleFile", url_m.group(1) if url_m else None, _parse_date(date_m.group(1)) if date_m else None)
    metas = {k.decode().lower(): v.decode("utf-8", "replace") for k, v in _META.findall(head)}
    if metas:
        return Marker("Save Page WE", metas.get("url"), _parse_date(metas.get("date", "")))
    if m := _SAVED_FROM.search(head):
        return Marker("a browser's “save page as”", m.group(1).decode("utf-8", "replace"))
    return None


def _parse_date(text: str) -> datetime | None:
    """Dates as saving tools write them: RFC 2822, ISO 8601, or JavaScript's Date.toString()."""
    text = text.strip()
    if not text:
        return None
    # JavaScript: "Tue Mar 01 2022 10:00:00 GMT+0100 (Central European Standard Time)"
    m = re.match(r"\w{3} (\w{3} \d{1,2} \d{4} \d{2}:\d{2}:\d{2}) GMT([+-]\d{4})", text)
    if m:
        try:
            return datetime.strptime(f"{m.group(1)} {m.group(2)}", "%b %d %Y %H:%M:%S %z").astimezone(UTC)
        except ValueError:
            return None
    try:
        parsed = parsedate_to_datetime(text)
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    except (TypeError, ValueError, IndexError):
        pass
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    except ValueError:
        pass
    return None
