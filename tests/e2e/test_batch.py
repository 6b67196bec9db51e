"""Batch audits end to end: 24 local sites (some down, one slow), killed with SIGKILL mid-run,
resumed by running the same command again."""

from __future__ import annotations

import csv
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from auditor.batch import BatchInputError, read_sites
from auditor.cli import demo_shops, normalise_url
from auditor.demo.server import serve_sites
from tests.loopback import QuietHandler, loopback_server

pytestmark = pytest.mark.e2e

SMALL_SHOPS = 16


def small_shop(root: Path, n: int) -> Path:
    folder = root / f"shop{n:02d}"
    folder.mkdir(parents=True)
    (folder / "index.html").write_text(
        f"<!doctype html><html lang='sv'><head><title>Butik {n}</title></head><body><main><h1>Butik {n}</h1>"
        "</main><footer><a href='/kontakt'>Kontakt</a></footer></body></html>", encoding="utf-8")
    (folder / "kontakt.html").write_text(
        f"<!doctype html><html lang='sv'><head><title>Kontakt</title></head><body><main><h1>Kontakt</h1>"
        f"<p>E-post: hej@butik{n}.se · Telefon 08-123 45 {n:02d}</p></main></body></html>", encoding="utf-8")
    return folder


@pytest.fixture
def slow_site() -> Iterator[str]:
    """A server that takes two seconds for every answer."""

    class Slow(QuietHandler):
        def do_GET(self) -> None:
            time.sleep(2)
            body = b"<!doctype html><html><head><title>Slow</title></head><body><p>Slow shop</p></body></html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    with loopback_server(Slow, "127.0.0.60") as url:
        yield url


def stored(db_path: Path) -> dict[str, str]:
    if not db_path.exists():
        return {}
    try:
        with sqlite3.connect(db_path, timeout=5) as db:
            return {str(u): str(t) for u, t in db.execute("SELECT url, finished_at FROM sites")}
    except sqlite3.OperationalError:
        return {}


def run_batch(args: list[str], cwd: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "auditor", "batch", *args], cwd=cwd, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "COLUMNS": "200"})


def test_batch_survives_a_kill_and_resumes(tmp_path: Path, slow_site: str) -> None:
    roots = [root for root, _ in demo_shops()] + [small_shop(tmp_path / "sites", n) for n in range(SMALL_SHOPS)]
    with serve_sites(roots, first_host=20) as served:
        sites = tmp_path / "sites.csv"
        with sites.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["url", "name", "jurisdiction", "tags"])
            for site in served:
                writer.writerow([site.url, site.root.name, "se", "local"])
            writer.writerow(["http://127.0.0.61:9/", "Down", "se", "broken"])  # nothing listens there
            writer.writerow(["http://127.0.0.62:9/", "Down too", "", "broken"])
            writer.writerow([slow_site, "Slow", "", "slow"])
        total = len(served) + 3
        assert total >= 24
        out = tmp_path / "out"
        args = [str(sites), "-o", str(out), "--render", "never", "--concurrency", "3", "--max-pages", "6",
                "--site-timeout", "60", "--allow-private"]
        first = run_batch(args, tmp_path)
        deadline = time.monotonic() + 120
        while len(stored(out / "auditor.sqlite")) < 5 and time.monotonic() < deadline and first.poll() is None:
            time.sleep(0.2)
        before_kill = stored(out / "auditor.sqlite")
        assert first.poll() is None, "the batch ended before it could be killed"
        workers = _children(first.pid)
        os.kill(first.pid, signal.SIGKILL)
        first.wait(timeout=30)
        assert 5 <= len(before_kill) < total
        # Its audit workers end with it: none is left waiting on its pipe for ever.
        deadline = time.monotonic() + 20
        while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert workers and not [pid for pid in workers if _alive(pid)]

        second = run_batch(args, tmp_path)
        _stdout, stderr = second.communicate(timeout=300)
        assert second.returncode == 0, stderr
        assert "resuming run 1" in stderr
        after = stored(out / "auditor.sqlite")
        assert len(after) == total
        # Sites finished before the kill were not audited again.
        assert all(after[url] == when for url, when in before_kill.items())
    with sqlite3.connect(out / "auditor.sqlite") as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        statuses = dict(db.execute("SELECT url, status FROM sites"))
    assert statuses["http://127.0.0.61:9/"] == "not_audited"
    assert statuses[slow_site] == "audited"
    rows = list(csv.DictReader((out / "batch.csv").open(encoding="utf-8")))
    assert len(rows) == total and {r["tags"] for r in rows} == {"local", "broken", "slow"}
    index = (out / "index.html").read_text(encoding="utf-8")
    assert index.count("<tr data-position=") == total and 'id="distribution"' in index
    with (out / "findings.csv").open(encoding="utf-8-sig", newline="") as handle:  # one row per site and rule
        findings = list(csv.DictReader(handle))
    assert {f["site"] for f in findings} == {r["url"] for r in rows}
    assert {f["outcome"] for f in findings if f["site"] == "http://127.0.0.61:9/"} == {"not_audited"}
    assert len(list(out.glob("127-0-0-*.html"))) == total
    # The evidence of the resumed run holds together: every file as recorded, every WARC valid.
    from auditor.evidence import verify

    checked, problems = verify(out / "manifest.json")
    assert problems == [] and checked > total


def test_site_list_errors_name_their_lines(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("url,jurisdiction\nhttps://ok.se/,se\nftp://nope,se\nhttps://x.se/,mars\n", encoding="utf-8")
    with pytest.raises(BatchInputError, match=r"line 3.*line 4"):
        read_sites(bad, normalise_url)
    plain = tmp_path / "plain.txt"
    plain.write_text("# shops\nshop.se\n\nhttps://shop.se/\nother.dk\n", encoding="utf-8")
    assert [s.url for s in read_sites(plain, normalise_url)] == ["https://shop.se/", "https://other.dk/"]


def _children(parent: int) -> list[int]:
    """The processes the batch started (its audit workers and their resource tracker)."""
    found: list[int] = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == parent:
            found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    """Whether a process still runs (a zombie waiting for its reaper does not)."""
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"
