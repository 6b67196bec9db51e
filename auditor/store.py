"""The store: runs, the sites of each run with their results and crawls, pages, outcomes.

Two backends, one schema: a SQLite file (the embedded default, in WAL mode) or a PostgreSQL
database shared by many machines (``postgresql://user@host:5432/db``, through psycopg 3). Both
are reached through SQLAlchemy Core, and the schema has one migration history for both, kept by
Alembic in ``auditor/store_migrations``: :func:`open_store` creates a new store or upgrades an
old one to the newest revision, in one transaction. A SQLite store written before the migrations
were Alembic's (``PRAGMA user_version`` 1 or 2) is recognised and upgraded in place, nothing lost;
``user_version`` still follows the revision, so an older auditor refuses a store it cannot read.

Each finished site is written in one transaction, so a process killed at any moment leaves every
finished site intact and no half-written one: a batch run again with the same command resumes
where it stopped. Several processes may write one store at once (workers of a shared PostgreSQL
store): a site saved twice is stored once, the later write replacing the earlier
(:func:`save_site`), or the first kept (:func:`save_site_once`).

The crawl of each site is kept (gzip-compressed JSON of :class:`~auditor.models.SiteCrawl`,
the HTML included) so that a stored run can be audited again with newer rules without
fetching anything.
"""

from __future__ import annotations

import gzip
import json
import os
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from typing import Any, TypeAlias

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql as pg
from sqlalchemy.dialects import sqlite
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from auditor.models import RuleChange, SiteCrawl, SiteHistory, SiteResult

#: Where a store is: a SQLite file (a path, or a ``str`` without ``://``), or a URL
#: (``sqlite:///FILE``, ``postgresql://user@host:port/db``).
Where: TypeAlias = Path | str

#: The newest revision of the schema (``auditor/store_migrations/versions``; a test checks that
#: this is Alembic's head). Revisions are numbered, and a SQLite store's ``PRAGMA user_version``
#: is the number of its revision.
SCHEMA_HEAD = "0004"
SCHEMA_VERSION = int(SCHEMA_HEAD)

_MIGRATIONS = Path(__file__).with_name("store_migrations")
#: Held (transaction-scoped) while a PostgreSQL store is migrated, so that workers starting at
#: the same moment upgrade it once. Any fixed number: it names the lock.
_MIGRATION_LOCK = 0x617564_69746F72

# The tables as the statements below use them (the migrations, not these, create them).
_meta = sa.MetaData()
runs_table = sa.Table(
    "runs", _meta,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("key", sa.Text, nullable=False, unique=True),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("started_at", sa.Text, nullable=False),
    sa.Column("finished_at", sa.Text),
    sa.Column("as_of", sa.Text, nullable=False),
    sa.Column("tool_version", sa.Text, nullable=False),
    sa.Column("settings", sa.Text, nullable=False),
    sa.Column("total", sa.Integer, nullable=False),
    sa.Column("rule_catalogue", sa.Text),
    sa.Column("cancelled_at", sa.Text),
)
sites_table = sa.Table(
    "sites", _meta,
    sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id"), primary_key=True),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("url", sa.Text, primary_key=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("jurisdiction", sa.Text),
    sa.Column("tags", sa.Text, nullable=False),
    sa.Column("status", sa.Text, nullable=False),
    sa.Column("score", sa.Float),
    sa.Column("pages", sa.Integer, nullable=False),
    sa.Column("seconds", sa.Float, nullable=False),
    sa.Column("finished_at", sa.Text, nullable=False),
    sa.Column("result", sa.Text, nullable=False),
    sa.Column("crawl", sa.LargeBinary),
)
pages_table = sa.Table(
    "pages", _meta,
    sa.Column("run_id", sa.Integer, primary_key=True),
    sa.Column("site", sa.Text, primary_key=True),
    sa.Column("url", sa.Text, primary_key=True),
    sa.Column("status", sa.Integer, nullable=False),
    sa.Column("kind", sa.Text, nullable=False),
    sa.Column("depth", sa.Integer, nullable=False),
    sa.Column("fetched_at", sa.Text, nullable=False),
    sa.Column("rendered", sa.Integer, nullable=False),
    sa.Column("warc", sa.Text, nullable=False),
)
outcomes_table = sa.Table(
    "outcomes", _meta,
    sa.Column("run_id", sa.Integer, primary_key=True),
    sa.Column("url", sa.Text, primary_key=True),
    sa.Column("rule", sa.Text, primary_key=True),
    sa.Column("outcome", sa.Text, nullable=False),
)


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
    #: When the run was cancelled (:func:`cancel_run`), if it was.
    cancelled_at: datetime | None = None


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


class Store:
    """An open store: a pool of connections to one database, each statement group in its own
    short transaction. Made by :func:`open_store`; :meth:`close` when done (or ``with``).

    Threads may share one. A process forked from one that had it open (a worker pool that
    forks) opens connections of its own: the parent's are never used by two processes."""

    def __init__(self, engine: Engine, where: str) -> None:
        self.engine = engine
        #: The store for messages: the file, or the URL without its password.
        self.where = where
        # Writes on SQLite take the write lock at BEGIN (see _sqlite_engine): no deadlock between
        # two writers that both read first, and the busy timeout applies.
        self._writer = engine.execution_options(auditor_write=True)
        _open_stores.add(self)

    @property
    def backend(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return self.engine.dialect.name

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self.engine.connect() as connection:
            yield connection

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """One transaction: committed when the block ends, rolled back if it raises."""
        with self._writer.begin() as connection:
            yield connection

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


_open_stores: weakref.WeakSet[Store] = weakref.WeakSet()


def _after_fork() -> None:
    # The child leaves the inherited connections to the parent (close=False: closing them here
    # would end the parent's sessions) and opens its own when it first needs one.
    for db in list(_open_stores):
        db.engine.dispose(close=False)


os.register_at_fork(after_in_child=_after_fork)


# ----------------------------------------------------------------------------- where and open


def store_url(where: Where) -> URL:
    """The SQLAlchemy URL of a store: a path is a SQLite file; ``postgresql://`` (or
    ``postgres://``) means PostgreSQL through psycopg 3."""
    if isinstance(where, Path) or "://" not in where:
        return URL.create("sqlite", database=str(Path(where)))
    try:
        url = make_url(where)
    except ArgumentError:
        raise StoreError(f"{where!r} is not a store URL") from None
    backend, _, driver = url.drivername.partition("+")
    if backend in ("postgresql", "postgres") and driver in ("", "psycopg"):
        return url.set(drivername="postgresql+psycopg")
    if backend == "sqlite" and driver in ("", "pysqlite") and url.database:
        return url.set(drivername="sqlite")
    raise StoreError(f"unsupported store {describe(where)}: give a SQLite file, sqlite:///FILE or "
                     "postgresql://USER@HOST:PORT/DATABASE")


def describe(where: Where) -> str:
    """The store as messages name it: the file, or the URL without its password."""
    if isinstance(where, Path) or "://" not in where:
        return str(where)
    try:
        return make_url(where).render_as_string(hide_password=True)
    except ArgumentError:
        return where


def sqlite_file(where: Where) -> Path | None:
    """The file of a SQLite store (None for PostgreSQL)."""
    url = store_url(where)
    return Path(url.database) if url.get_backend_name() == "sqlite" and url.database else None


def exists(where: Where) -> bool:
    """Whether there is a store there (a SQLite file, or a database with the store's tables),
    without creating one."""
    file = sqlite_file(where)
    if file is not None:
        return file.is_file()
    engine = _engine(store_url(where))
    try:
        with engine.connect() as connection:
            return sa.inspect(connection).has_table("alembic_version")
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot open the store {describe(where)}: {_reason(exc)}") from None
    finally:
        engine.dispose()


def open_store(path: Where) -> Store:
    """Open the store at ``path`` (a SQLite file or a URL), creating it or upgrading its schema
    to the newest revision."""
    url = store_url(path)
    name = describe(path)
    file = sqlite_file(path)
    if file is not None:
        try:
            file.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot open the store {name}: {exc}") from None
    engine = _engine(url)
    db = Store(engine, name)
    try:
        _migrate(db)
    except StoreError:
        db.close()
        raise
    except SQLAlchemyError as exc:
        db.close()
        if file is not None and isinstance(exc, sa.exc.DatabaseError):
            raise StoreError(f"{name} is not an auditor store: {_reason(exc)}") from None
        raise StoreError(f"cannot open the store {name}: {_reason(exc)}") from None
    return db


def _engine(url: URL) -> Engine:
    if url.get_backend_name() == "sqlite":
        return _sqlite_engine(url)
    # pre_ping: a worker's pooled connection may have been closed by the server since its last
    # site; a server that does not answer is an error after a while, not a hang.
    timeout = {} if "connect_timeout" in url.query else {"connect_timeout": 15}
    return sa.create_engine(url, pool_pre_ping=True, connect_args=timeout)


def _sqlite_engine(url: URL) -> Engine:
    engine = sa.create_engine(url, connect_args={"timeout": 30})

    @sa.event.listens_for(engine, "connect")
    def connected(dbapi_connection: Any, _record: Any) -> None:
        # The driver's own transaction handling off: SQLAlchemy's "begin" below decides.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "foreign_keys=ON"):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def begin(connection: Connection) -> None:
        # A write takes the write lock at once; a read runs each statement on its own, as the
        # store always did (no transaction to open and close around a single SELECT).
        if connection.get_execution_options().get("auditor_write", False):
            connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def _reason(exc: SQLAlchemyError) -> str:
    original = getattr(exc, "orig", None)
    return str(original if original is not None else exc).strip().splitlines()[0]


def _migrate(db: Store) -> None:
    """Bring the schema to :data:`SCHEMA_HEAD`, in one transaction; nothing when it is there."""
    with db.read() as connection:
        if _revision(connection) == SCHEMA_HEAD and _user_version_ok(connection):
            return
    from alembic import command  # only when there is something to do: importing it costs time
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    config.set_main_option("path_separator", "os")
    known = {script.revision for script in ScriptDirectory.from_config(config).walk_revisions()}
    with db.write() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
        current = _revision(connection)
        version = _user_version(connection)
        if (current is not None and current not in known) or version > SCHEMA_VERSION:
            raise StoreError(f"{db.where} was written by a newer auditor (store schema "
                             f"{current or version} > {SCHEMA_HEAD})")
        config.attributes["connection"] = connection
        if current is None and version > 0:
            # A SQLite store of the days before Alembic: its user_version is its revision.
            command.stamp(config, f"{version:04d}")
        command.upgrade(config, SCHEMA_HEAD)
        if connection.dialect.name == "sqlite":
            connection.exec_driver_sql(f"PRAGMA user_version={SCHEMA_VERSION}")


def _revision(connection: Connection) -> str | None:
    if not sa.inspect(connection).has_table("alembic_version"):
        return None
    row = connection.execute(sa.text("SELECT version_num FROM alembic_version")).first()
    return str(row[0]) if row is not None else None


def _user_version(connection: Connection) -> int:
    if connection.dialect.name != "sqlite":
        return 0
    return int(connection.exec_driver_sql("PRAGMA user_version").scalar_one())


def _user_version_ok(connection: Connection) -> bool:
    return connection.dialect.name != "sqlite" or _user_version(connection) == SCHEMA_VERSION


# ----------------------------------------------------------------------------- statements

# Built once: a statement's compiled form is cached by SQLAlchemy, and making it anew for every
# call would cost more than running it.
_r, _s, _o, _p = runs_table.c, sites_table.c, outcomes_table.c, pages_table.c
_FIND_RUN = sa.select(runs_table).where((_r.key == sa.bindparam("ref"))
                                        | (sa.cast(_r.id, sa.Text) == sa.bindparam("ref")))
_RUN = sa.select(runs_table).where(_r.id == sa.bindparam("run_id"))
_LATEST_RUN = sa.select(runs_table).order_by(_r.id.desc()).limit(1)
_FINISH_RUN = sa.update(runs_table).where(_r.id == sa.bindparam("run_id")).values(finished_at=sa.bindparam("at"))
_CANCEL_RUN = (sa.update(runs_table).where((_r.id == sa.bindparam("run_id")) & _r.cancelled_at.is_(None))
               .values(cancelled_at=sa.bindparam("at")))
_CANCELLED = sa.select(_r.cancelled_at).where(_r.id == sa.bindparam("run_id"))
_DONE_URLS = sa.select(_s.url).where(_s.run_id == sa.bindparam("run_id"))
_STORED_AMONG = sa.select(_s.url).where((_s.run_id == sa.bindparam("run_id"))
                                        & _s.url.in_(sa.bindparam("urls", expanding=True)))
_SITE_COUNTS = sa.select(_s.status, sa.func.count()).where(_s.run_id == sa.bindparam("run_id")).group_by(_s.status)
_SITE_COLUMNS = [c for c in sites_table.c if c.name not in ("run_id", "crawl")]
_SITE = sa.select(*_SITE_COLUMNS).where((_s.run_id == sa.bindparam("run_id")) & (_s.url == sa.bindparam("url")))
_CRAWL = sa.select(_s.crawl).where((_s.run_id == sa.bindparam("run_id")) & (_s.url == sa.bindparam("url")))
_PREVIOUS = (sa.select(_s.run_id).where((_s.url == sa.bindparam("url")) & (_s.run_id < sa.bindparam("before"))
                                        & (_s.status == "audited")).order_by(_s.run_id.desc()).limit(1))
_SITE_RUNS = sa.select(_s.run_id).where(_s.url == sa.bindparam("url")).order_by(_s.run_id)
_DELETE_OUTCOMES = sa.delete(outcomes_table).where((_o.run_id == sa.bindparam("run_id"))
                                                   & (_o.url == sa.bindparam("url")))
_DELETE_PAGES = sa.delete(pages_table).where((_p.run_id == sa.bindparam("run_id")) & (_p.site == sa.bindparam("url")))
_INSERT_OUTCOMES = sa.insert(outcomes_table)
_INSERT_PAGES = sa.insert(pages_table)


@dataclass(frozen=True)
class _Upserts:
    """The statements with ON CONFLICT, which SQLite and PostgreSQL spell alike but SQLAlchemy
    builds with one construct for each."""

    new_run: Any  # a run unless its key is there; RETURNING says whether it went in
    replace_site: Any  # the site's row, replacing the run's earlier one
    add_site: Any  # the site's row unless the run has it; RETURNING says whether it went in


@cache
def _upserts(dialect: str) -> _Upserts:
    insert = pg.insert if dialect == "postgresql" else sqlite.insert
    site = insert(sites_table)
    return _Upserts(
        new_run=insert(runs_table).on_conflict_do_nothing(index_elements=["key"]).returning(_r.id),
        replace_site=site.on_conflict_do_update(
            index_elements=["run_id", "url"],
            set_={c.name: site.excluded[c.name] for c in sites_table.c if c.name not in ("run_id", "url")}),
        add_site=insert(sites_table).on_conflict_do_nothing(index_elements=["run_id", "url"]).returning(_s.url),
    )


# ----------------------------------------------------------------------------- runs


def start_run(
    db: Store, *, key: str, source: str, as_of: str, tool_version: str,
    settings: dict[str, object], total: int, rule_catalogue: list[dict[str, Any]] | None = None,
) -> tuple[Run, bool]:
    """The run with ``key`` (resumed: True) or a new one (False). ``rule_catalogue`` is what the
    reports show of the rules the run is judged with (``AuditResult.rule_catalogue`` as JSON).
    Processes starting the same run at once get the same run, one of them ``False``."""
    found = find_run(db, key)
    if found is not None:
        return found, True
    row = {"key": key, "source": source, "started_at": _now(), "as_of": as_of, "tool_version": tool_version,
           "settings": json.dumps(settings, sort_keys=True), "total": total,
           "rule_catalogue": None if rule_catalogue is None else json.dumps(rule_catalogue, ensure_ascii=False)}
    with db.write() as connection:
        added = connection.execute(_upserts(connection.dialect.name).new_run, row).first()
    run = find_run(db, key)
    assert run is not None
    return run, added is None


def find_run(db: Store, key_or_id: str) -> Run | None:
    """A run by its key, or by its number."""
    with db.read() as connection:
        return _find_run(connection, key_or_id)


def _find_run(connection: Connection, key_or_id: str) -> Run | None:
    row = connection.execute(_FIND_RUN, {"ref": key_or_id}).first()
    return _run(row._mapping) if row else None


def latest_run(db: Store) -> Run | None:
    with db.read() as connection:
        row = connection.execute(_LATEST_RUN).first()
    return _run(row._mapping) if row else None


def _run(row: sa.RowMapping) -> Run:
    return Run(
        id=int(row["id"]), key=str(row["key"]), source=str(row["source"]),
        started_at=datetime.fromisoformat(str(row["started_at"])),
        finished_at=datetime.fromisoformat(str(row["finished_at"])) if row["finished_at"] else None,
        as_of=str(row["as_of"]), tool_version=str(row["tool_version"]), settings=json.loads(str(row["settings"])),
        total=int(row["total"]),
        rule_catalogue=json.loads(str(row["rule_catalogue"])) if row["rule_catalogue"] else None,
        cancelled_at=datetime.fromisoformat(str(row["cancelled_at"])) if row["cancelled_at"] else None,
    )


def finish_run(db: Store, run: Run) -> None:
    with db.write() as connection:
        connection.execute(_FINISH_RUN, {"run_id": run.id, "at": _now()})


def cancel_run(db: Store, run: Run) -> bool:
    """Mark the run cancelled (workers stop taking its sites); False if it already was."""
    with db.write() as connection:
        return connection.execute(_CANCEL_RUN, {"run_id": run.id, "at": _now()}).rowcount > 0


def run_cancelled(db: Store, run: Run) -> bool:
    """Whether the run has been cancelled since ``run`` was read (by any process)."""
    with db.read() as connection:
        return connection.execute(_CANCELLED, {"run_id": run.id}).scalar() is not None


# ----------------------------------------------------------------------------- sites


def done_urls(db: Store, run: Run) -> set[str]:
    with db.read() as connection:
        return {str(url) for url in connection.execute(_DONE_URLS, {"run_id": run.id}).scalars()}


def stored_among(db: Store, run: Run, urls: set[str]) -> set[str]:
    """Which of ``urls`` the run holds (reading those rows only, however many the run has)."""
    if not urls:
        return set()
    with db.read() as connection:
        return {str(url) for url in connection.execute(_STORED_AMONG, {"run_id": run.id, "urls": sorted(urls)})
                .scalars()}


def site_counts(db: Store, run: Run) -> dict[str, int]:
    """How many sites of the run are stored, by status (``audited``, ``not_audited``)."""
    with db.read() as connection:
        return {str(status): int(n) for status, n in connection.execute(_SITE_COUNTS, {"run_id": run.id})}


def save_site(
    db: Store, run: Run, *, position: int, url: str, name: str, jurisdiction: str | None,
    tags: str, result: SiteResult, crawl: SiteCrawl | None, seconds: float, crawl_blob: bytes | None = None,
) -> None:
    """Store one finished site in one transaction (all of it, or nothing), replacing what the
    run held of it. ``crawl_blob`` is :func:`crawl_blob_of` ``crawl`` when it was made already
    (in a worker process)."""
    row = _site_row(run, position=position, url=url, name=name, jurisdiction=jurisdiction, tags=tags,
                    result=result, crawl=crawl, seconds=seconds, crawl_blob=crawl_blob)
    with db.write() as connection:
        # The site's row first: on PostgreSQL it locks out a concurrent save of the same site
        # until this one commits, so the outcomes and pages below are never mixed from two.
        connection.execute(_upserts(connection.dialect.name).replace_site, row)
        _save_details(connection, run, url, result)


def save_site_once(
    db: Store, run: Run, *, position: int, url: str, name: str, jurisdiction: str | None,
    tags: str, result: SiteResult, crawl: SiteCrawl | None, seconds: float, crawl_blob: bytes | None = None,
) -> bool:
    """Store one finished site in one transaction unless the run holds it already (a job done
    twice, by a worker thought dead and by another): True if this call stored it, False if the
    stored one is kept as it was. Exactly once, however many processes try at the same time."""
    row = _site_row(run, position=position, url=url, name=name, jurisdiction=jurisdiction, tags=tags,
                    result=result, crawl=crawl, seconds=seconds, crawl_blob=crawl_blob)
    with db.write() as connection:
        # RETURNING says whether the row went in (the driver's rowcount does not, for an INSERT
        # that may return rows).
        if connection.execute(_upserts(connection.dialect.name).add_site, row).first() is None:
            return False
        _save_details(connection, run, url, result)
    return True


def _site_row(
    run: Run, *, position: int, url: str, name: str, jurisdiction: str | None, tags: str, result: SiteResult,
    crawl: SiteCrawl | None, seconds: float, crawl_blob: bytes | None,
) -> dict[str, Any]:
    blob = crawl_blob if crawl_blob is not None else (crawl_blob_of(crawl) if crawl is not None else None)
    return {"run_id": run.id, "position": position, "url": url, "name": name, "jurisdiction": jurisdiction,
            "tags": tags, "status": result.status.value, "score": result.score,
            "pages": result.crawl.pages_fetched if result.crawl is not None else 0, "seconds": seconds,
            "finished_at": _now(), "result": result.model_dump_json(), "crawl": blob}


def _save_details(connection: Connection, run: Run, url: str, result: SiteResult) -> None:
    """The site's outcomes and pages, in the transaction that wrote its row."""
    key = {"run_id": run.id, "url": url}
    connection.execute(_DELETE_OUTCOMES, key)
    connection.execute(_DELETE_PAGES, key)
    outcomes = {o.rule: {"run_id": run.id, "url": url, "rule": o.rule, "outcome": o.outcome.value}
                for o in result.rules}
    if outcomes:
        connection.execute(_INSERT_OUTCOMES, list(outcomes.values()))
    if result.crawl is not None and result.crawl.pages:
        # A page read twice (a redirect back to it) is one row: the last reading, as before.
        pages = {page.url: {"run_id": run.id, "site": url, "url": page.url, "status": page.status,
                            "kind": page.kind.value, "depth": page.depth, "fetched_at": page.fetched_at.isoformat(),
                            "rendered": int(page.rendered), "warc": page.warc}
                 for page in result.crawl.pages}
        connection.execute(_INSERT_PAGES, list(pages.values()))


def crawl_blob_of(crawl: SiteCrawl) -> bytes:
    """The crawl as stored: gzip-compressed JSON. Level 6 (zlib's default) rather than gzip's 9:
    three times faster on HTML, a few per cent larger."""
    return gzip.compress(crawl.model_dump_json().encode("utf-8"), compresslevel=6)


#: Sites read at a time by :func:`sites` (no connection is held between two reads).
_PAGE = 200


def sites(db: Store, run: Run) -> Iterator[StoredSite]:
    """The finished sites of a run, in input order, read a few hundred at a time."""
    after: tuple[int, str] | None = None
    while True:
        query = sa.select(*_SITE_COLUMNS).where(_s.run_id == run.id)
        if after is not None:
            query = query.where(sa.tuple_(_s.position, _s.url) > sa.tuple_(sa.literal(after[0]), sa.literal(after[1])))
        with db.read() as connection:
            rows = connection.execute(query.order_by(_s.position, _s.url).limit(_PAGE)).all()
        for row in rows:
            yield _site(row._mapping)
        if len(rows) < _PAGE:
            return
        last = rows[-1]._mapping
        after = (int(last["position"]), str(last["url"]))


def site_labels(db: Store, run: Run) -> dict[str, tuple[str, str]]:
    """Each finished site's name and tags from the list, by URL, in input order (no results read)."""
    query = sa.select(_s.url, _s.name, _s.tags).where(_s.run_id == run.id).order_by(_s.position, _s.url)
    with db.read() as connection:
        return {str(url): (str(name), str(tags)) for url, name, tags in connection.execute(query)}


def stored_site(db: Store, run: Run, url: str) -> StoredSite | None:
    """One finished site of a run (without reading the others)."""
    with db.read() as connection:
        return _stored_site(connection, run.id, url)


def _stored_site(connection: Connection, run_id: int, url: str) -> StoredSite | None:
    row = connection.execute(_SITE, {"run_id": run_id, "url": url}).first()
    return _site(row._mapping) if row else None


def _site(row: sa.RowMapping) -> StoredSite:
    return StoredSite(
        position=int(row["position"]), url=str(row["url"]), name=str(row["name"]), jurisdiction=row["jurisdiction"],
        tags=str(row["tags"]), status=str(row["status"]), score=row["score"], pages=int(row["pages"]),
        seconds=float(row["seconds"]), finished_at=datetime.fromisoformat(str(row["finished_at"])),
        result=SiteResult.model_validate_json(row["result"]),
    )


def stored_crawl(db: Store, run: Run, url: str) -> SiteCrawl | None:
    """The crawl of a site as stored with the run (for re-auditing without fetching)."""
    with db.read() as connection:
        blob = connection.execute(_CRAWL, {"run_id": run.id, "url": url}).scalar()
    if blob is None:
        return None
    return SiteCrawl.model_validate_json(gzip.decompress(bytes(blob)))


def _now() -> str:
    return datetime.now(UTC).isoformat()


# ----------------------------------------------------------------------------- history

_GOOD = frozenset({"pass"})
_BAD = frozenset({"fail", "partial"})


def previous_site(db: Store, url: str, before_run: int) -> tuple[Run, StoredSite] | None:
    """The latest audit of ``url`` in a run older than ``before_run``."""
    with db.read() as connection:
        run_id = connection.execute(_PREVIOUS, {"url": url, "before": before_run}).scalar()
        if run_id is None:
            return None
        row = connection.execute(_RUN, {"run_id": run_id}).first()
        site = _stored_site(connection, int(run_id), url)
    return (_run(row._mapping), site) if row is not None and site is not None else None


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


def with_history(db: Store, run: Run, result: SiteResult) -> SiteResult:
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


def site_history(db: Store, url: str) -> list[tuple[Run, StoredSite]]:
    """Every stored audit of ``url``, oldest first."""
    out: list[tuple[Run, StoredSite]] = []
    with db.read() as connection:
        for run_id in list(connection.execute(_SITE_RUNS, {"url": url}).scalars()):
            row = connection.execute(_RUN, {"run_id": run_id}).first()
            site = _stored_site(connection, int(run_id), url)
            if row is not None and site is not None:
                out.append((_run(row._mapping), site))
    return out


# ----------------------------------------------------------------------------- a queued run taken up again


def reopen_run(db: Store, run: Run) -> bool:
    """Undo :func:`cancel_run` (the batch command run again on a cancelled run): True if the run
    was cancelled."""
    r = runs_table.c
    with db.write() as connection:
        return connection.execute(sa.update(runs_table).where((r.id == run.id) & r.cancelled_at.is_not(None))
                                  .values(cancelled_at=None)).rowcount > 0
