"""One batch end to end through the command line on each store, a SQLite file and a real
PostgreSQL server: ``batch`` then ``history``, ``report``, ``reaudit`` and ``verify``, the same
outcomes whichever store holds them."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from auditor import store
from auditor.cli import main
from auditor.demo.server import serve_sites
from auditor.models import Outcome
from tests.e2e.test_batch import small_shop

pytestmark = pytest.mark.e2e


def test_a_batch_on_either_store_reads_back_reaudits_and_verifies(
    store_where: Path | str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    where = str(store_where)
    out = tmp_path / "out"
    with serve_sites([small_shop(tmp_path / "sites", n) for n in range(3)], first_host=110) as served:
        sites = tmp_path / "sites.csv"
        with sites.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["url", "name", "jurisdiction", "tags"])
            for site in served:
                writer.writerow([site.url, site.root.name, "se", "local"])
            writer.writerow(["http://127.0.0.119:9/", "Down", "se", "broken"])  # nothing listens there
        urls = [site.url for site in served]
        assert main(["batch", str(sites), "-o", str(out), "--store", where, "--render", "never", "--max-pages", "4",
                     "--concurrency", "4", "--allow-private", "--as-of", "2026-11-24"]) == 0
    assert not (out / "auditor.sqlite").exists()  # the store given, not the default beside the reports
    db = store.open_store(store_where)
    run = store.find_run(db, "1")
    assert run is not None and run.finished_at is not None
    stored = {s.url: {o.rule: o.outcome for o in s.result.rules} for s in store.sites(db, run)}
    assert store.site_counts(db, run) == {"audited": 3, "not_audited": 1}
    db.close()
    assert set(stored) == {*urls, "http://127.0.0.119:9/"}
    assert all(rules for url, rules in stored.items() if url in urls)
    index = (out / "index.html").read_text(encoding="utf-8")
    assert index.count("<tr data-position=") == 4

    capsys.readouterr()
    assert main(["history", urls[0], "--store", where]) == 0
    assert "Audits of" in capsys.readouterr().out
    for lang in ("sv", "fi", "de"):
        assert main(["history", urls[0], "--store", where, "--lang", lang]) == 0
        printed = capsys.readouterr().out
        assert max(len(line) for line in printed.splitlines()) <= 80
        assert "…" not in printed, "no word of the table cut short"
        if lang == "sv":
            swedish = " ".join(printed.split())
            assert "Granskningar av" in swedish and "Audits of" not in swedish
            assert "granskad" in swedish and "law as of" not in swedish
    assert main(["report", "1", "--store", where, "-o", str(tmp_path / "again")]) == 0
    assert len(list((tmp_path / "again").glob("127-0-0-*.html"))) == 4
    # Judged again from the stored crawls, with the same rules and date: the same verdicts, and
    # each site compared with its batch audit.
    assert main(["reaudit", "1", "--store", where, "-o", str(tmp_path / "re")]) == 0
    again = json.loads((tmp_path / "re" / "result.json").read_text(encoding="utf-8"))
    for result in again["sites"]:
        assert {o["rule"]: Outcome(o["outcome"]) for o in result["rules"]} == stored[result["url"]]
        if result["status"] == "audited":
            assert result["history"]["previous_run"] == 1 and result["history"]["changes"] == []
    capsys.readouterr()
    assert main(["verify", str(out)]) == 0  # the evidence of the batch, whichever store it went to
    assert "are as recorded; every WARC record checks" in " ".join(capsys.readouterr().out.split())
    assert main(["verify", str(out), "--lang", "de"]) == 0
    assert "sind unverändert; jeder WARC-Eintrag stimmt" in " ".join(capsys.readouterr().out.split())
