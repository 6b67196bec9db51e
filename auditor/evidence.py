"""Evidence that holds: a WARC file per site, and a manifest of hashes per run.

Every page read goes into ``evidence/<site>.warc.gz`` (warcio): a request and a response
record per page, and for a page the browser rendered a ``resource`` record with the DOM as the
consumer's browser showed it. An error answer (a link that answers 404, a 503) gets its request
and response records too: a dead contact link is a finding, and its answer is the evidence. The
response body is stored as Scrapy handed it over, that is decompressed: ``Content-Encoding`` is
dropped from the stored headers and ``Content-Length`` set to what is stored, so the record is
consistent and warcio's digests check.

``manifest.json`` lists every evidence file of the output folder (WARC files, screenshots,
reports, result.json) with its SHA-256, size and modification time (UTC), plus the tool
version, the rule catalogue's version (a hash of the rules and their data), the run's settings
and the robots.txt decision per site. :func:`verify` recomputes every hash and reads every WARC
record, and names each file that was altered, removed or does not parse.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from collections.abc import Callable
from datetime import UTC, date, datetime
from io import BytesIO
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from auditor import __version__
from auditor.models import AuditResult, SiteCrawl, SiteResult

MANIFEST = "manifest.json"
_SKIP_HEADERS = {"content-encoding", "transfer-encoding", "content-length"}


def write_warc(crawl: SiteCrawl, evidence_dir: Path, label: str = "") -> SiteCrawl:
    """Write the crawl's pages and error answers as ``evidence/<slug>.warc.gz``; the crawl gets each
    page's and each error answer's record."""
    from warcio.warcwriter import WARCWriter

    from auditor.reports.html import report_slug

    relative = Path("evidence") / label / f"{report_slug(crawl.start_url)}.warc.gz" if label else (
        Path("evidence") / f"{report_slug(crawl.start_url)}.warc.gz")
    target = evidence_dir / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    pages = []
    failures = []
    with target.open("wb") as handle:
        writer = WARCWriter(_GzipMembers(handle), gzip=False)
        writer.write_record(writer.create_warcinfo_record(relative.name, {
            "software": f"auditor {__version__}",
            "format": "WARC File Format 1.1",
            "description": f"Pages read for the audit of {crawl.start_url}",
            "robots": "obeyed" if crawl.robots.obeyed else "not obeyed (--ignore-robots)",
            "user-agent": crawl.user_agent,
        }))
        for page in crawl.pages:
            when = _warc_date(page.fetched_at)
            body = page.body or page.html.encode("utf-8")
            record = _write_exchange(writer, crawl.user_agent, page.final_url, page.status, page.headers, body, when)
            if page.render is not None and page.render.html:
                writer.write_record(writer.create_warc_record(
                    page.final_url, "resource", payload=BytesIO(page.render.html.encode("utf-8")),
                    warc_content_type="text/html; charset=utf-8",
                    warc_headers_dict={"WARC-Date": _warc_date(page.render.rendered_at), "WARC-Concurrent-To": record,
                                       "WARC-Description": "DOM after JavaScript ran (Chromium)"},
                ))
            pages.append(page.model_copy(update={"warc": f"{relative.as_posix()}#{record}"}))
        for failure in crawl.failures:
            # An error answer the server gave (a 404 behind a contact link): evidence like a page.
            if failure.fetched_at is None or failure.status is None:
                failures.append(failure)
                continue
            record = _write_exchange(writer, crawl.user_agent, failure.final_url or failure.url, failure.status,
                                     failure.headers, failure.body, _warc_date(failure.fetched_at))
            failures.append(failure.model_copy(update={"warc": f"{relative.as_posix()}#{record}"}))
    return crawl.model_copy(update={"pages": pages, "failures": failures})


class _GzipMembers:
    """A file that gzips each WARC record as a member of its own, as warcio's ``gzip=True`` does,
    at zlib's default level 6 rather than warcio's 9: the same records (headers, payloads,
    digests) in a file a few per cent larger, for about a third of the CPU (compression was
    three quarters of writing a WARC of HTML pages). warcio writes a record, then flushes once."""

    LEVEL = 6

    def __init__(self, out: Any) -> None:
        self.out = out
        self.compressor = self._member()

    def _member(self) -> Any:
        return zlib.compressobj(self.LEVEL, zlib.DEFLATED, zlib.MAX_WBITS + 16)

    def write(self, data: bytes) -> None:
        self.out.write(self.compressor.compress(data))

    def flush(self) -> None:
        self.out.write(self.compressor.flush())
        self.out.flush()
        self.compressor = self._member()


def _warc_date(when: datetime) -> str:
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _write_exchange(
    writer: Any, user_agent: str, url: str, status: int, headers: dict[str, str], body: bytes, when: str
) -> str:
    """A request and response record pair for one answer; the response record's id."""
    from warcio.statusandheaders import StatusAndHeaders

    parts = urlsplit(url)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    request = writer.create_warc_record(
        url, "request",
        http_headers=StatusAndHeaders(f"GET {path} HTTP/1.1", [("Host", parts.netloc), ("User-Agent", user_agent)],
                                      is_http_request=True),
        warc_headers_dict={"WARC-Date": when},
    )
    kept = [(k, v) for k, v in headers.items() if k.lower() not in _SKIP_HEADERS]
    kept.append(("Content-Length", str(len(body))))
    response = writer.create_warc_record(
        url, "response", payload=BytesIO(body),
        http_headers=StatusAndHeaders(f"{status} {_reason(status)}", kept, protocol="HTTP/1.1"),
        warc_headers_dict={"WARC-Date": when},
    )
    writer.write_request_response_pair(request, response)
    return str(response.rec_headers.get_header("WARC-Record-ID"))


def _reason(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"


def catalogue_version() -> str:
    """A short hash of the rule catalogue: rule ids, their modules and their data files, and
    the words of every report language (the catalogs' entries, not their dates)."""
    from importlib import resources

    from auditor import i18n, registry

    digest = hashlib.sha256()
    for rule in registry.all_rules():
        digest.update(rule.meta.model_dump_json().encode("utf-8"))
    for lang in i18n.LANGS[1:]:
        digest.update(repr(sorted(i18n.catalog(lang).items(), key=repr)).encode("utf-8"))
    data = resources.files("auditor") / "rules"
    for folder in ("lexicon", "lexicon/topics", "lexicon/concepts", "profiles"):
        directory = data / folder
        for entry in sorted(directory.iterdir(), key=lambda e: e.name):
            if entry.name.endswith(".toml"):
                digest.update(entry.name.encode() + entry.read_bytes())
    return digest.hexdigest()[:16]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _entry(out_dir: Path, path: Path) -> dict[str, Any]:
    stat = path.stat()
    return {
        "path": path.relative_to(out_dir).as_posix(),
        "sha256": _sha256(path),
        "size": stat.st_size,
        "modified": datetime.fromtimestamp(stat.st_mtime, UTC).isoformat(),
    }


def write_manifest(out_dir: Path, result: AuditResult, settings: dict[str, Any], run: int | None = None) -> Path:
    """``manifest.json``: every evidence file now in ``out_dir`` with its hash. With ``run``, also
    ``results/run-N.json`` (this run's result) and ``manifest-run-N.json``, listing only the
    run's own files, which later runs never overwrite: what the site showed stays provable."""
    def snapshot(path: Path) -> None:
        path.write_text(result.model_dump_json(indent=2), encoding="utf-8")

    return write_manifest_of(out_dir, result.as_of, [robots_entry(s) for s in result.sites if s.crawl is not None],
                             settings, run, snapshot)


def robots_entry(site: SiteResult) -> dict[str, Any]:
    """What the manifest records of a site's robots.txt (a site with its crawl)."""
    assert site.crawl is not None
    robots = site.crawl.robots
    return {"site": site.url, "robots_url": robots.url, "obeyed": robots.obeyed, "status": robots.status,
            "home_allowed": robots.home_allowed, "blocked": robots.blocked_urls}


def write_manifest_of(out_dir: Path, as_of: date, robots: list[dict[str, Any]], settings: dict[str, Any],
                      run: int | None, snapshot: Callable[[Path], object]) -> Path:
    """:func:`write_manifest` from what it records of a result: its date, each site's
    :func:`robots_entry`, and ``snapshot``, which writes the result's JSON to the path it is
    given (``results/run-N.json``): a batch's result is written there site by site."""
    header: dict[str, Any] = {
        "tool": {"name": "auditor", "version": __version__},
        "rule_catalogue": catalogue_version(),
        "run": run,
        "written_at": datetime.now(UTC).isoformat(),
        "as_of": as_of.isoformat(),
        "settings": settings,
        "robots": robots,
    }
    if run is not None:
        snapshot_path = out_dir / "results" / f"run-{run}.json"
        snapshot_path.parent.mkdir(parents=True, exist_ok=True)
        snapshot(snapshot_path)
        own = [snapshot_path]
        for folder in (out_dir / "evidence" / f"run-{run}", out_dir / "screenshots" / f"run-{run}"):
            own += sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []
        _write_json(out_dir / f"manifest-run-{run}.json", {**header, "files": [_entry(out_dir, p) for p in own]})
    files = [
        _entry(out_dir, path)
        for path in sorted(out_dir.rglob("*"))
        if path.is_file() and not path.name.startswith("manifest") and path.suffix not in (".sqlite", ".tmp")
        and not path.name.endswith(("-wal", "-shm", "-journal"))
    ]
    return _write_json(out_dir / MANIFEST, {**header, "files": files})


def _write_json(target: Path, data: dict[str, Any]) -> Path:
    tmp = target.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    tmp.replace(target)
    return target


def manifests(target: Path) -> list[Path]:
    """The manifests of an output folder: the folder's and every run's."""
    if target.is_file():
        return [target]
    found = [target / MANIFEST] if (target / MANIFEST).is_file() else []
    return found + sorted(target.glob("manifest-run-*.json"))


def verify(manifest_path: Path) -> tuple[int, list[str]]:
    """Recompute every hash of the manifest and read every WARC record; (files checked, problems)."""
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        entries = list(manifest["files"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return 0, [f"{manifest_path}: not a readable manifest ({exc})"]
    root = manifest_path.parent
    problems: list[str] = []
    for entry in entries:
        rel = str(entry.get("path", ""))
        path = root / rel
        if ".." in Path(rel).parts or not path.is_file():
            problems.append(f"{rel}: missing")
            continue
        if _sha256(path) != entry.get("sha256"):
            problems.append(f"{rel}: altered (SHA-256 differs from the manifest)")
            continue
        if rel.endswith((".warc.gz", ".warc")):
            problems.extend(f"{rel}: {p}" for p in check_warc(path))
    return len(entries), problems


def check_warc(path: Path) -> list[str]:
    """Every record parses and its block and payload digests match (as ``warcio check`` does)."""
    from warcio.archiveiterator import ArchiveIterator

    problems: list[str] = []
    records = 0
    try:
        with path.open("rb") as handle:
            for record in ArchiveIterator(handle, check_digests=True):
                record.content_stream().read()
                records += 1
                for digest in ("WARC-Block-Digest", "WARC-Payload-Digest"):
                    if record.rec_headers.get_header(digest) and record.digest_checker.passed is False:
                        problems.append(f"record {records} fails its {digest}")
                        break
    except Exception as exc:  # a truncated or corrupt file
        problems.append(f"not a valid WARC ({type(exc).__name__}: {exc})")
    if records == 0 and not problems:
        problems.append("holds no record")
    return problems
