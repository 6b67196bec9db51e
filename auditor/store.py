"""The embedded store: runs, the sites of each run with their results and crawls, pages, outcomes.

SQLite (stdlib) in WAL mode. Each finished site is written in one transaction, so a process
killed at any moment leaves every finished site intact and no half-written one: a batch run
again with the same command resumes where it stopped. The schema is versioned with
``PRAGMA user_version`` and migrated by :func:`open_store` step by step.

The crawl of each site is kept (gzip-compressed JSON of :class:`~auditor.models.SiteCrawl`,
the HTML included) so that a stored run can be audited again with newer rules without
fetching anything.
"""

from __future__ import annotations

import gzip
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from auditor.models import RuleChange, SiteCrawl, SiteHistory, SiteResult

SCHEMA_VERSION = 2

_MIGRATIONS: dict[int, str] = {
    1: """
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        source TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        as_of TEXT NOT NULL,
        tool_version TEXT NOT NULL,
        settings TEXT NOT NULL,
        total INTEGER NOT NULL
    );
    CREATE TABLE sites (
        run_id INTEGER NOT NULL REFERENCES runs(id),
        position INTEGER NOT NULL,
        url TEXT NOT NULL,
        name TEXT NOT NULL DEFAULT '',
        jurisdiction TEXT,
        tags TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL,
        score REAL,
        pages INTEGER NOT NULL DEFAULT 0,
        seconds REAL NOT NULL DEFAULT 0,
        finished_at TEXT NOT NULL,
        result TEXT NOT NULL,
        crawl BLOB,
        PRIMARY KEY (run_id, url)
    );
    CREATE TABLE pages (
        run_id INTEGER NOT NULL,
        site TEXT NOT NULL,
        url TEXT NOT NULL,
        status INTEGER NOT NULL,
        kind TEXT NOT NULL,
        depth INTEGER NOT NULL,
        fetched_at TEXT NOT NULL,
        rendered INTEGER NOT NULL DEFAULT 0,
        warc TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (run_id, site, url)
    );
    CREATE TABLE outcomes (
        run_id INTEGER NOT NULL,
        url TEXT NOT NULL,
        rule TEXT NOT NULL,
        outcome TEXT NOT NULL,
        PRIMARY KEY (run_id, url, rule)
    );
    CREATE INDEX outcomes_by_site ON outcomes (url, rule);
    """,
    # The rules a run was judged with, as its reports show them (AuditResult.rule_catalogue, JSON):
    # a stored run re-rendered later shows the words of its own day, not today's. NULL for runs
    # stored before this column existed: their reports show no rule descriptions.
    2: """
    ALTER TABLE runs ADD COLUMN rule_catalogue TEXT
    """,
}


class StoreError(Exception):
    """The store cannot be opened or is from a newer tool: a message for the user."""


@dataclass(frozen=True)
class Run:
    id: int
    key: str
    source: str
    started_at: datetime
    finished_at: datetime | None
    as_of: str
    tool_version: str
    settings: dict[str, object]
    total: int
    rule_catalogue: list[dict[str, Any]] | None = None


@dataclass(frozen=True)
class StoredSite:
    position: int
    url: str
    name: str
    jurisdiction: str | None
    tags: str
    status: str
    score: float | None
    pages: int
    seconds: float
    finished_at: datetime
    result: SiteResult


def open_store(path: Path) -> sqlite3.Connection:
    """Open (and create or migrate) the store at ``path``."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(path, timeout=30, isolation_level=None)
    except (OSError, sqlite3.Error) as exc:
        raise StoreError(f"cannot open the store {path}: {exc}") from None
    try:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute("PRAGMA foreign_keys=ON")
        version = int(db.execute("PRAGMA user_version").fetchone()[0])
    except sqlite3.DatabaseError as exc:
        db.close()
        raise StoreError(f"{path} is not an auditor store: {exc}") from None
    if version > SCHEMA_VERSION:
        db.close()
        raise StoreError(f"{path} was written by a newer auditor (store schema {version} > {SCHEMA_VERSION})")
    for step in range(version + 1, SCHEMA_VERSION + 1):
        with _transaction(db):
            for statement in _statements(_MIGRATIONS[step]):
                db.execute(statement)
            db.execute(f"PRAGMA user_version={step}")
    return db


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]


class _transaction:
    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> sqlite3.Connection:
        self.db.execute("BEGIN IMMEDIATE")
        return self.db

    def __exit__(self, kind: object, value: object, traceback: object) -> None:
        self.db.execute("COMMIT" if kind is None else "ROLLBACK")


def start_run(
    db: sqlite3.Connection, *, key: str, source: str, as_of: str, tool_version: str,
    settings: dict[str, object], total: int, rule_catalogue: list[dict[str, Any]] | None = None,
) -> tuple[Run, bool]:
    """The run with ``key`` (resumed: True) or a new one (False). ``rule_catalogue`` is what the
    reports show of the rules the run is judged with (``AuditResult.rule_catalogue`` as JSON)."""
    found = find_run(db, key)
    if found is not None:
        return found, True
    with _transaction(db):
        db.execute(
            "INSERT INTO runs (key, source, started_at, as_of, tool_version, settings, total, rule_catalogue) "
            "VALUES (?,?,?,?,?,?,?,?)",
            (key, source, _now(), as_of, tool_version, json.dumps(settings, sort_keys=True), total,
             None if rule_catalogue is None else json.dumps(rule_catalogue, ensure_ascii=False)),
        )
    run = find_run(db, key)
    assert run is not None
    return run, False


_RUN_SELECT = (
    "SELECT id, key, source, started_at, finished_at, as_of, tool_version, settings, total, rule_catalogue FROM runs "
)
_SITE_SELECT = (
    "SELECT position, url, name, jurisdiction, tags, status, score, pages, seconds, finished_at, result FROM sites "
)


def find_run(db: sqlite3.Connection, key_or_id: str) -> Run | None:
    """A run by its key, or by its number."""
    row = db.execute(
        _RUN_SELECT +
        "WHERE key = ? OR CAST(id AS TEXT) = ?",
        (key_or_id, key_or_id),
    ).fetchone()
    return _run(row) if row else None


def latest_run(db: sqlite3.Connection) -> Run | None:
    row = db.execute(
        _RUN_SELECT +
        "ORDER BY id DESC LIMIT 1"
    ).fetchone()
    return _run(row) if row else None


def _run(row: tuple[object, ...]) -> Run:
    return Run(
        id=int(str(row[0])), key=str(row[1]), source=str(row[2]),
        started_at=datetime.fromisoformat(str(row[3])),
        finished_at=datetime.fromisoformat(str(row[4])) if row[4] else None,
        as_of=str(row[5]), tool_version=str(row[6]), settings=json.loads(str(row[7])), total=int(str(row[8])),
        rule_catalogue=json.loads(str(row[9])) if row[9] else None,
    )


def finish_run(db: sqlite3.Connection, run: Run) -> None:
    with _transaction(db):
        db.execute("UPDATE runs SET finished_at = ? WHERE id = ?", (_now(), run.id))


def done_urls(db: sqlite3.Connection, run: Run) -> set[str]:
    return {str(r[0]) for r in db.execute("SELECT url FROM sites WHERE run_id = ?", (run.id,))}


def save_site(
    db: sqlite3.Connection, run: Run, *, position: int, url: str, name: str, jurisdiction: str | None,
    tags: str, result: SiteResult, crawl: SiteCrawl | None, seconds: float, crawl_blob: bytes | None = None,
) -> None:
    """Store one finished site in one transaction (all of it, or nothing). ``crawl_blob`` is
    :func:`crawl_blob_of` ``crawl`` when it was made already (in a worker process)."""
    blob = crawl_blob if crawl_blob is not None else (crawl_blob_of(crawl) if crawl is not None else None)
    pages = result.crawl.pages_fetched if result.crawl is not None else 0
    with _transaction(db):
        db.execute("DELETE FROM outcomes WHERE run_id = ? AND url = ?", (run.id, url))
        db.execute("DELETE FROM pages WHERE run_id = ? AND site = ?", (run.id, url))
        db.execute(
            "INSERT OR REPLACE INTO sites (run_id, position, url, name, jurisdiction, tags, status, score, pages, "
            "seconds, finished_at, result, crawl) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (run.id, position, url, name, jurisdiction, tags, result.status.value, result.score, pages, seconds,
             _now(), result.model_dump_json(), blob),
        )
        db.executemany(
            "INSERT INTO outcomes (run_id, url, rule, outcome) VALUES (?,?,?,?)",
            [(run.id, url, o.rule, o.outcome.value) for o in result.rules],
        )
        if result.crawl is not None:
            db.executemany(
                "INSERT OR REPLACE INTO pages (run_id, site, url, status, kind, depth, fetched_at, rendered, warc) "
                "VALUES (?,?,?,?,?,?,?,?,?)",
                [(run.id, url, p.url, p.status, p.kind.value, p.depth, p.fetched_at.isoformat(), int(p.rendered),
                  p.warc) for p in result.crawl.pages],
            )


def crawl_blob_of(crawl: SiteCrawl) -> bytes:
    """The crawl as stored: gzip-compressed JSON. Level 6 (zlib's default) rather than gzip's 9:
    three times faster on HTML, a few per cent larger."""
    return gzip.compress(crawl.model_dump_json().encode("utf-8"), compresslevel=6)


def sites(db: sqlite3.Connection, run: Run) -> Iterator[StoredSite]:
    """The finished sites of a run, in input order."""
    for row in db.execute(_SITE_SELECT + "WHERE run_id = ? ORDER BY position", (run.id,)):
        yield _site(row)


def stored_site(db: sqlite3.Connection, run: Run, url: str) -> StoredSite | None:
    """One finished site of a run (without reading the others)."""
    row = db.execute(_SITE_SELECT + "WHERE run_id = ? AND url = ?", (run.id, url)).fetchone()
    return _site(row) if row else None


def _site(row: tuple[Any, ...]) -> StoredSite:
    return StoredSite(
        position=int(row[0]), url=str(row[1]), name=str(row[2]), jurisdiction=row[3], tags=str(row[4]),
        status=str(row[5]), score=row[6], pages=int(row[7]), seconds=float(row[8]),
        finished_at=datetime.fromisoformat(str(row[9])), result=SiteResult.model_validate_json(row[10]),
    )


def stored_crawl(db: sqlite3.Connection, run: Run, url: str) -> SiteCrawl | None:
    """The crawl of a site as stored with the run (for re-auditing without fetching)."""
    row = db.execute("SELECT crawl FROM sites WHERE run_id = ? AND url = ?", (run.id, url)).fetchone()
    if row is None or row[0] is None:
        return None
    return SiteCrawl.model_validate_json(gzip.decompress(row[0]))


def _now() -> str:
    return datetime.now(UTC).isoformat()


# ----------------------------------------------------------------------------- history

_GOOD = frozenset({"pass"})
_BAD = frozenset({"fail", "partial"})


def previous_site(db: sqlite3.Connection, url: str, before_run: int) -> tuple[Run, StoredSite] | None:
    """The latest audit of ``url`` in a run older than ``before_run``."""
    row = db.execute(
        "SELECT run_id FROM sites WHERE url = ? AND run_id < ? AND status = 'audited' ORDER BY run_id DESC LIMIT 1",
        (url, before_run),
    ).fetchone()
    if row is None:
        return None
    run = find_run(db, str(row[0]))
    if run is None:
        return None
    site = stored_site(db, run, url)
    return (run, site) if site is not None else None


def compare(before: SiteResult, after: SiteResult) -> tuple[list[RuleChange], int]:
    """Rule by rule: fixed (a fail or partial now passes), regressed (a pass now fails or is
    partial), changed (any other move), new (no such rule before); and how many stayed."""
    old = {o.rule: o.outcome for o in before.rules}
    changes: list[RuleChange] = []
    unchanged = 0
    for outcome in after.rules:
        was = old.get(outcome.rule)
        now = outcome.outcome
        if was is None:
            changes.append(RuleChange(rule=outcome.rule, before=None, after=now, change="new"))
        elif was == now:
            unchanged += 1
        elif was.value in _BAD and now.value in _GOOD:
            changes.append(RuleChange(rule=outcome.rule, before=was, after=now, change="fixed"))
        elif was.value in _GOOD and now.value in _BAD:
            changes.append(RuleChange(rule=outcome.rule, before=was, after=now, change="regressed"))
        else:
            changes.append(RuleChange(rule=outcome.rule, before=was, after=now, change="changed"))
    order = {"regressed": 0, "fixed": 1, "changed": 2, "new": 3}
    return sorted(changes, key=lambda c: (order[c.change], c.rule)), unchanged


def with_history(db: sqlite3.Connection, run: Run, result: SiteResult) -> SiteResult:
    """``result`` with its comparison to the site's previous audit in the store, if any."""
    if result.status.value != "audited":
        return result
    found = previous_site(db, result.url, run.id)
    if found is None:
        return result
    previous_run, previous = found
    changes, unchanged = compare(previous.result, result)
    history = SiteHistory(
        previous_run=previous_run.id, previous_at=previous.finished_at,
        previous_as_of=date.fromisoformat(previous_run.as_of), previous_score=previous.score,
        changes=changes, unchanged=unchanged,
    )
    return result.model_copy(update={"history": history})


def site_history(db: sqlite3.Connection, url: str) -> list[tuple[Run, StoredSite]]:
    """Every stored audit of ``url``, oldest first."""
    out: list[tuple[Run, StoredSite]] = []
    for (run_id,) in db.execute("SELECT run_id FROM sites WHERE url = ? ORDER BY run_id", (url,)).fetchall():
        run = find_run(db, str(run_id))
        if run is None:
            continue
        site = stored_site(db, run, url)
        if site is not None:
            out.append((run, site))
    return out


# ----------------------------------------------------------------------------- many writers


def save_site_once(
    db: sqlite3.Connection, run: Run, *, position: int, url: str, name: str, jurisdiction: str | None,
    tags: str, result: SiteResult, crawl: SiteCrawl | None, seconds: float, crawl_blob: bytes | None = None,
) -> bool:
    """Store one finished site unless the run has it already: True when this call stored it.

    For writers that may audit the same site twice (queue workers, whose job is handed to another
    worker when one is slow or dies): the first to finish is kept, whole, and a later one changes
    nothing, in one transaction; :func:`save_site` replaces instead."""
    blob = crawl_blob if crawl_blob is not None else (crawl_blob_of(crawl) if crawl is not None else None)
    pages = result.crawl.pages_fetched if result.crawl is not None else 0
    with _transaction(db):
        inserted = db.execute(
            "INSERT INTO sites (run_id, position, url, name, jurisdiction, tags, status, score, pages, "
            "seconds, finished_at, result, crawl) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) "
            "ON CONFLICT (run_id, url) DO NOTHING",
            (run.id, position, url, name, jurisdiction, tags, result.status.value, result.score, pages, seconds,
             _now(), result.model_dump_json(), blob),
        ).rowcount == 1
        if not inserted:
            return False
        db.execute("DELETE FROM outcomes WHERE run_id = ? AND url = ?", (run.id, url))
        db.execute("DELETE FROM pages WHERE run_id = ? AND site = ?", (run.id, url))
        db.executemany(
            "INSERT INTO outcomes (run_id, url, rule, outcome) VALUES (?,?,?,?)",
            [(run.id, url, o.rule, o.outcome.value) for o in result.rules],
        )
        if result.crawl is not None:
            db.executemany(
                "INSERT OR REPLACE INTO pages (run_id, site, url, status, kind, depth, fetched_at, rendered, warc) "
                "VALUES (?,?,?,?,?,?,?,?,?)",
                [(run.id, url, p.url, p.status, p.kind.value, p.depth, p.fetched_at.isoformat(), int(p.rendered),
                  p.warc) for p in result.crawl.pages],
            )
    return True


def site_counts(db: sqlite3.Connection, run: Run) -> dict[str, int]:
    """How many sites of a run are stored, by status (``audited``, ``not_audited``)."""
    return {str(status): int(n) for status, n in
            db.execute("SELECT status, COUNT(*) FROM sites WHERE run_id = ? GROUP BY status", (run.id,))}
