"""The store: schema and migrations, one site per transaction, exactly-once saves, history, and
re-auditing without fetching; on SQLite and on a real PostgreSQL server (tests/services_postgres.py)."""

from __future__ import annotations

import gzip
import json
import sqlite3
import threading
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from auditor import store
from auditor.cli import demo_shops, main
from auditor.demo.server import serve_sites
from auditor.models import (
    Category,
    CrawlSummary,
    Outcome,
    PageKind,
    PageSummary,
    RobotsInfo,
    RuleOutcome,
    Severity,
    SiteCrawl,
    SiteResult,
    SiteStatus,
)


def outcome(rule: str, value: Outcome) -> RuleOutcome:
    return RuleOutcome(rule=rule, title=rule, outcome=value, message="", category=Category.CONTACT,
                       severity=Severity.HIGH, weight=1.0)


DAY = datetime(2026, 11, 24, tzinfo=UTC)


def site(*rules: RuleOutcome, url: str = "https://shop.se/", pages: int = 0) -> SiteResult:
    """A site's result with these outcomes and ``pages`` pages read."""
    crawl = CrawlSummary(
        started_at=DAY, finished_at=DAY, user_agent="ua", max_pages=10, max_depth=3, pages_fetched=pages,
        budget_exhausted=False, robots=RobotsInfo(url=f"{url}robots.txt"),
        pages=[PageSummary(url=f"{url}p{n}", status=200, kind=PageKind.OTHER, depth=1, fetched_at=DAY)
               for n in range(pages)]) if pages else None
    return SiteResult(url=url, status=SiteStatus.AUDITED, jurisdiction="se", rules=list(rules), crawl=crawl)


def new_run(db: store.Store, key: str = "k") -> store.Run:
    run, _ = store.start_run(db, key=key, source="x", as_of="2026-11-24", tool_version="t", settings={}, total=1)
    return run


def save(db: store.Store, run: store.Run, result: SiteResult, *, position: int = 0, once: bool = False) -> bool:
    kwargs = dict(position=position, url=result.url, name="Shop", jurisdiction="se", tags="", result=result,
                  crawl=None, seconds=1.0)
    if once:
        return store.save_site_once(db, run, **kwargs)  # type: ignore[arg-type]
    store.save_site(db, run, **kwargs)  # type: ignore[arg-type]
    return True


def rows(db: store.Store, sql: str) -> list[tuple[object, ...]]:
    with db.read() as connection:
        return [tuple(r) for r in connection.execute(sa.text(sql))]


# ----------------------------------------------------------------------------- schema and migrations


def test_the_schema_head_is_alembics_and_revisions_are_numbered_in_order() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(store._MIGRATIONS))
    config.set_main_option("path_separator", "os")
    script = ScriptDirectory.from_config(config)
    assert script.get_heads() == [store.SCHEMA_HEAD]
    chain = [s.revision for s in reversed(list(script.walk_revisions()))]
    assert chain == [f"{n:04d}" for n in range(1, store.SCHEMA_VERSION + 1)]


def test_schema_is_created_versioned_and_refuses_newer(store_where: Path | str, tmp_path: Path) -> None:
    db = store.open_store(store_where)
    assert rows(db, "SELECT version_num FROM alembic_version") == [(store.SCHEMA_HEAD,)]
    with db.write() as connection:
        connection.execute(sa.text("UPDATE alembic_version SET version_num = '9999'"))
    db.close()
    with pytest.raises(store.StoreError, match="newer"):
        store.open_store(store_where)
    if isinstance(store_where, Path):  # SQLite keeps user_version too: an older auditor refuses the store
        with sqlite3.connect(store_where) as raw:
            assert raw.execute("PRAGMA user_version").fetchone()[0] == store.SCHEMA_VERSION
        junk = tmp_path / "junk.sqlite"
        junk.write_bytes(b"not a database at all" * 100)
        with pytest.raises(store.StoreError, match="not an auditor store"):
            store.open_store(junk)


def test_a_store_migrated_down_and_opened_again_is_whole(store_where: Path | str) -> None:
    """The migrations go both ways: downgraded two steps (as an operator would to run an older
    auditor) and opened again, the store is at the head with its runs."""
    from alembic import command
    from alembic.config import Config

    db = store.open_store(store_where)
    run = new_run(db)
    save(db, run, site(outcome("a", Outcome.PASS)))
    config = Config()
    config.set_main_option("script_location", str(store._MIGRATIONS))
    config.set_main_option("path_separator", "os")
    with db.write() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0002")
    assert rows(db, "SELECT version_num FROM alembic_version") == [("0002",)]
    db.close()
    db = store.open_store(store_where)
    assert rows(db, "SELECT version_num FROM alembic_version") == [(store.SCHEMA_HEAD,)]
    again = store.find_run(db, "k")
    assert again is not None and again.cancelled_at is None and store.done_urls(db, again) == {"https://shop.se/"}
    db.close()


# The schema as auditor wrote it before its migrations were Alembic's (PRAGMA user_version 1, then
# 2 with runs.rule_catalogue): copied from the store module of that time, byte for byte.
OLD_SCHEMA_1 = """
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
"""
OLD_SCHEMA_2 = "ALTER TABLE runs ADD COLUMN rule_catalogue TEXT"


def old_store(path: Path, version: int) -> SiteCrawl:
    """A store as the old code left it at ``user_version`` 1 or 2: two runs, one site each with
    its crawl, pages and outcomes, written with the old statements."""
    crawl = SiteCrawl(start_url="https://old.se/", started_at=DAY, finished_at=DAY, user_agent="ua", max_pages=10,
                      max_depth=3, robots=RobotsInfo(url="https://old.se/robots.txt"))
    with sqlite3.connect(path) as db:
        db.executescript(OLD_SCHEMA_1 + (OLD_SCHEMA_2 + ";" if version == 2 else ""))
        db.execute(f"PRAGMA user_version = {version}")
        catalogue = ", rule_catalogue" if version == 2 else ""
        for run_id, value in ((1, Outcome.FAIL), (2, Outcome.PASS)):
            db.execute(f"INSERT INTO runs (key, source, started_at, as_of, tool_version, settings, total{catalogue}) "
                       f"VALUES (?, 'x', '2026-01-0{run_id}T00:00:00+00:00', '2026-01-0{run_id}', 't', '{{}}', 1"
                       + (", '[]'" if version == 2 else "") + ")", (f"old-{run_id}",))
            result = site(outcome("odr-link", value), url="https://old.se/", pages=2)
            db.execute("INSERT OR REPLACE INTO sites (run_id, position, url, name, jurisdiction, tags, status, score, "
                       "pages, seconds, finished_at, result, crawl) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                       (run_id, 0, "https://old.se/", "Old", "se", "t", "audited", 50.0, 2, 1.5,
                        f"2026-01-0{run_id}T00:02:00+00:00", result.model_dump_json(),
                        gzip.compress(crawl.model_dump_json().encode())))
            db.execute("INSERT INTO outcomes VALUES (?, 'https://old.se/', 'odr-link', ?)", (run_id, value.value))
            for n in range(2):
                db.execute("INSERT OR REPLACE INTO pages VALUES (?, 'https://old.se/', ?, 200, 'other', 1, "
                           "'2026-01-01T00:00:00+00:00', 0, '')", (run_id, f"https://old.se/p{n}"))
    return crawl


@pytest.mark.parametrize("version", [1, 2])
def test_a_store_of_the_old_code_opens_upgraded_with_nothing_lost(tmp_path: Path, version: int) -> None:
    from auditor.pipeline import run_catalogue

    path = tmp_path / f"v{version}.sqlite"
    crawl = old_store(path, version)
    with sqlite3.connect(path) as raw:
        before = {table: raw.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
                  for table in ("runs", "sites", "pages", "outcomes")}
    db = store.open_store(path)
    assert rows(db, "SELECT version_num FROM alembic_version") == [(store.SCHEMA_HEAD,)]
    db.close()
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == store.SCHEMA_VERSION
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        for table, old_rows in before.items():
            columns = len(old_rows[0])  # the old columns, in their order; new ones come after them
            assert [r[:columns] for r in raw.execute(f"SELECT * FROM {table} ORDER BY 1, 2")] == old_rows
    db = store.open_store(path)  # opened again: nothing more to do
    first, second = store.find_run(db, "old-1"), store.find_run(db, "2")
    assert first is not None and second is not None and second.key == "old-2"
    assert run_catalogue(first) == [] and first.cancelled_at is None
    [stored] = store.sites(db, second)
    assert (stored.name, stored.score, stored.pages, stored.result.rules[0].outcome) == ("Old", 50.0, 2, Outcome.PASS)
    assert store.stored_crawl(db, first, "https://old.se/") == crawl
    history = store.with_history(db, second, stored.result).history
    assert history is not None and [(c.rule, c.change) for c in history.changes] == [("odr-link", "fixed")]
    # The upgraded store takes new runs beside the old ones.
    run = new_run(db, "new")
    save(db, run, site(outcome("odr-link", Outcome.PASS), url="https://old.se/"))
    assert [r.id for r, _ in store.site_history(db, "https://old.se/")] == [1, 2, run.id]
    db.close()


# ----------------------------------------------------------------------------- where a store is


@pytest.mark.parametrize("path", ["auditor.sqlite", "out/a.sqlite", "./x/y.db", "/srv/audits/store", "a-b_c.d"])
def test_a_path_is_a_sqlite_file(path: str) -> None:
    assert store.sqlite_file(path) == Path(path)
    assert store.store_url(Path(path)).get_backend_name() == "sqlite"


def test_store_urls_and_how_messages_name_them() -> None:
    assert store.store_url("postgresql://u@127.0.0.1:5432/db").drivername == "postgresql+psycopg"
    assert store.store_url("postgres://u@h/db").drivername == "postgresql+psycopg"
    assert store.store_url("postgresql+psycopg://u@h/db").drivername == "postgresql+psycopg"
    assert store.sqlite_file("sqlite:///out/a.sqlite") == Path("out/a.sqlite")
    assert store.sqlite_file("postgresql://u@h/db") is None
    for wrong in ("mysql://u@h/db", "postgresql+asyncpg://u@h/db", "sqlite://", "not a url://"):
        with pytest.raises(store.StoreError):
            store.store_url(wrong)
    assert store.describe("postgresql://u:secret@h/db") == "postgresql://u:***@h/db"
    assert store.describe(Path("out/a.sqlite")) == "out/a.sqlite"


def test_the_command_line_refuses_a_store_it_cannot_use(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["history", "shop.se", "--store", "mysql://u@h/db"])
    assert exit_.value.code == 2 and "unsupported store" in capsys.readouterr().err


def test_a_database_without_a_store_is_said_to_be_none(postgres_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert not store.exists(postgres_url)
    assert main(["report", "latest", "--store", postgres_url]) == 2
    assert "no store at" in capsys.readouterr().err
    assert not store.exists(postgres_url)  # reading did not create one


# ----------------------------------------------------------------------------- sites


def test_compare_names_fixed_regressed_changed_and_new() -> None:
    before = site(outcome("a", Outcome.FAIL), outcome("b", Outcome.PASS), outcome("c", Outcome.PASS),
                  outcome("d", Outcome.NEEDS_REVIEW))
    after = site(outcome("a", Outcome.PASS), outcome("b", Outcome.PARTIAL), outcome("c", Outcome.PASS),
                 outcome("d", Outcome.FAIL), outcome("e", Outcome.PASS))
    changes, unchanged = store.compare(before, after)
    assert [(c.rule, c.change) for c in changes] == [("b", "regressed"), ("a", "fixed"), ("d", "changed"),
                                                     ("e", "new")]
    assert unchanged == 1


def test_a_site_is_stored_whole_and_a_run_is_found_again(store_where: Path | str) -> None:
    db = store.open_store(store_where)
    run, resumed = store.start_run(db, key="k", source="x", as_of="2026-11-24", tool_version="t", settings={},
                                   total=1)
    assert not resumed
    save(db, run, site(outcome("a", Outcome.PASS), pages=3))
    again, resumed = store.start_run(db, key="k", source="x", as_of="2026-11-24", tool_version="t", settings={},
                                     total=1)
    assert resumed and again.id == run.id and store.done_urls(db, run) == {"https://shop.se/"}
    assert rows(db, "SELECT COUNT(*) FROM pages") == [(3,)] and rows(db, "SELECT outcome FROM outcomes") == [("pass",)]
    assert store.site_counts(db, run) == {"audited": 1}
    assert store.latest_run(db) == run and store.find_run(db, str(run.id)) == run and store.find_run(db, "x") is None
    db.close()


def test_a_site_saved_again_replaces_and_saved_once_keeps_the_first(store_where: Path | str) -> None:
    db = store.open_store(store_where)
    run = new_run(db)
    save(db, run, site(outcome("a", Outcome.FAIL), outcome("b", Outcome.PASS), pages=3))
    save(db, run, site(outcome("a", Outcome.PASS), pages=1))  # the whole site replaced, no row of the first left
    assert rows(db, "SELECT rule, outcome FROM outcomes") == [("a", "pass")]
    assert rows(db, "SELECT url FROM pages") == [("https://shop.se/p0",)]
    assert not save(db, run, site(outcome("a", Outcome.FAIL), pages=2), once=True)
    assert rows(db, "SELECT rule, outcome FROM outcomes") == [("a", "pass")]
    stored = store.stored_site(db, run, "https://shop.se/")
    assert stored is not None and stored.result.rules[0].outcome == Outcome.PASS and stored.pages == 1
    assert save(db, run, site(outcome("a", Outcome.FAIL), url="https://other.se/"), once=True)
    assert store.done_urls(db, run) == {"https://shop.se/", "https://other.se/"}
    db.close()


def test_a_site_that_fails_to_store_leaves_nothing(store_where: Path | str, monkeypatch: pytest.MonkeyPatch) -> None:
    """One transaction a site: a failure after its row went in takes the row back out."""
    db = store.open_store(store_where)
    run = new_run(db)

    def broken(*_: object) -> None:
        raise RuntimeError("disk gone")

    monkeypatch.setattr(store, "_save_details", broken)
    with pytest.raises(RuntimeError):
        save(db, run, site(outcome("a", Outcome.PASS)))
    assert store.done_urls(db, run) == set() and rows(db, "SELECT COUNT(*) FROM sites") == [(0,)]
    db.close()


def test_processes_saving_the_same_site_at_once_store_it_once(store_where: Path | str) -> None:
    """Workers of a shared store: the same run started by several at once is one run, and a site
    saved by several at once (a job redelivered) is stored by exactly one of them."""
    store.open_store(store_where).close()
    stores = [store.open_store(store_where) for _ in range(6)]
    barrier = threading.Barrier(len(stores))
    runs: list[int] = []
    stored: list[bool] = []

    def worker(db: store.Store, n: int) -> None:
        barrier.wait()
        run, _ = store.start_run(db, key="shared", source="x", as_of="2026-11-24", tool_version="t", settings={},
                                 total=1)
        runs.append(run.id)
        barrier.wait()
        stored.append(save(db, run, site(outcome(f"rule-{n}", Outcome.PASS), pages=2), once=True))

    threads = [threading.Thread(target=worker, args=(db, n)) for n, db in enumerate(stores)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(set(runs)) == 1 and len(runs) == len(stores)
    assert sorted(stored) == [False] * (len(stores) - 1) + [True]
    db = stores[0]
    assert rows(db, "SELECT COUNT(*) FROM sites") == [(1,)] and rows(db, "SELECT COUNT(*) FROM outcomes") == [(1,)]
    assert rows(db, "SELECT COUNT(*) FROM pages") == [(2,)]
    for each in stores:
        each.close()


def test_a_process_forked_with_the_store_open_uses_connections_of_its_own(store_where: Path | str) -> None:
    """A worker pool that forks (Celery's does) after the store was opened: a child's write and
    the parent's reads, at the same moment, go through connections of their own (through one
    inherited connection, the parent's read would end the child's transaction and lose its write)."""
    import multiprocessing

    db = store.open_store(store_where)
    run = new_run(db)
    save(db, run, site(url="https://parent.se/"))  # the parent's pool now holds a connection
    forked = multiprocessing.get_context("fork")
    ready, go = forked.Event(), forked.Event()

    def child() -> None:
        with db.write() as connection:
            connection.execute(sa.insert(store.outcomes_table),
                               {"run_id": run.id, "url": "https://child.se/", "rule": "a", "outcome": "pass"})
            ready.set()
            go.wait(timeout=60)

    process = forked.Process(target=child)
    process.start()
    assert ready.wait(timeout=60)
    assert store.done_urls(db, run) == {"https://parent.se/"}  # the child's transaction is open meanwhile
    go.set()
    process.join(timeout=60)
    assert process.exitcode == 0
    assert rows(db, "SELECT url FROM outcomes") == [("https://child.se/",)]
    db.close()


def test_sites_are_read_in_list_order_a_few_at_a_time(store_where: Path | str,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store, "_PAGE", 3)
    db = store.open_store(store_where)
    run = new_run(db)
    order = [5, 0, 3, 6, 1, 4, 2]
    for position in order:
        save(db, run, site(url=f"https://s{position}.se/"), position=position)
    assert [s.url for s in store.sites(db, run)] == [f"https://s{n}.se/" for n in range(len(order))]
    db.close()


def test_a_run_is_cancelled_once_and_every_process_sees_it(store_where: Path | str) -> None:
    db, other = store.open_store(store_where), store.open_store(store_where)
    run = new_run(db)
    assert not store.run_cancelled(other, run)
    assert store.cancel_run(db, run) and not store.cancel_run(other, run)
    assert store.run_cancelled(other, run)
    found = store.find_run(other, "k")
    assert found is not None and found.cancelled_at is not None
    db.close()
    other.close()


def test_a_run_keeps_the_rule_words_of_its_day(store_where: Path | str) -> None:
    """``auditor report RUN`` shows the rule descriptions the run was judged with, not today's."""
    from auditor.models import RuleInfo
    from auditor.pipeline import stored_result

    then = RuleInfo(id="contact-email", title="Words of that day", failure_title="Failure words of that day",
                    description="Why it mattered then.", category=Category.CONTACT, severity=Severity.HIGH)
    db = store.open_store(store_where)
    run, _ = store.start_run(db, key="k", source="x", as_of="2026-11-24", tool_version="t", settings={}, total=1,
                             rule_catalogue=[then.model_dump(mode="json")])
    save(db, run, site(outcome("contact-email", Outcome.PASS)))
    found = store.find_run(db, str(run.id))
    assert found is not None
    assert stored_result(db, found).rule_catalogue == [then]
    db.close()


@pytest.mark.e2e
def test_history_reaudit_and_report_from_the_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    db_path = out / "auditor.sqlite"
    wanted = [root for root, _ in demo_shops() if root.name in {"sv-kompis", "de-werk"}]
    with serve_sites(wanted, first_host=70) as served:  # one server for both audits: the same URLs
        urls = [site.url for site in served]
        common = ["-o", str(out), "--render", "never", "--jurisdiction", "se", "--allow-private"]
        assert main(["audit", *urls, *common, "--as-of", "2026-11-24"]) == 0
        assert main(["audit", *urls, *common, "--as-of", "2025-06-01"]) == 0
    second = json.loads((out / "result.json").read_text(encoding="utf-8"))
    kompis = next(s for s in second["sites"] if s["url"] == urls[1])
    changes = {c["rule"]: c["change"] for c in kompis["history"]["changes"]}
    assert changes["odr-link"] == "changed" and kompis["history"]["previous_run"] == 1
    capsys.readouterr()
    assert main(["history", kompis["url"], "--store", str(db_path)]) == 0
    assert "odr-link" in capsys.readouterr().out
    # Judged again with the same rules and date, a stored crawl gives the same verdicts.
    assert main(["reaudit", "1", "--store", str(db_path), "-o", str(tmp_path / "re")]) == 0
    again = json.loads((tmp_path / "re" / "result.json").read_text(encoding="utf-8"))
    db = store.open_store(db_path)
    first_run = store.find_run(db, "1")
    assert first_run is not None
    first = {s.url: {o.rule: o.outcome for o in s.result.rules} for s in store.sites(db, first_run)}
    db.close()
    for result in again["sites"]:
        assert {o["rule"]: Outcome(o["outcome"]) for o in result["rules"]} == first[result["url"]]
        assert result["history"]["previous_run"] == 2  # compared with the latest audit before it
    assert main(["report", "1", "--store", str(db_path), "-o", str(tmp_path / "r1")]) == 0
    assert len(list((tmp_path / "r1").glob("*.html"))) == len(first)
    assert main(["report", "9", "--store", str(db_path)]) == 2
    assert date.fromisoformat(again["as_of"]) == date(2026, 11, 24)
