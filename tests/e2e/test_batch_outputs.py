"""A stored run's outputs (``batch``, ``report N``, ``reaudit``) are written from the store one
site at a time, never from the whole result in memory (issue 20): the commands never build it,
and what they write is what the whole result would give."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from auditor import pipeline, store
from auditor.cli import demo_shops, main
from auditor.demo.server import serve_sites
from auditor.models import AuditResult, SiteResult

pytestmark = pytest.mark.e2e


def test_stored_runs_are_written_site_by_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def whole(*_args: object, **_kwargs: object) -> AuditResult:
        raise AssertionError("a stored run's outputs read its sites one at a time, never the whole result")

    monkeypatch.setattr(pipeline.Batch, "result", whole)
    monkeypatch.setattr(pipeline, "stored_result", whole)
    read: list[str] = []
    sites_of = pipeline.stored_sites

    def counted(db: store.Store, run: store.Run) -> Iterator[SiteResult]:
        for site in sites_of(db, run):
            read.append(site.url)
            yield site

    monkeypatch.setattr(pipeline, "stored_sites", counted)
    out = tmp_path / "out"
    wanted = [root for root, _ in demo_shops()][:3]
    with serve_sites(wanted, first_host=245) as served:
        sites = tmp_path / "sites.csv"
        with sites.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["url", "name", "tags"])
            for site in served:
                writer.writerow([site.url, f"Shop {site.root.name}", "demo"])
        args = [str(sites), "-o", str(out), "--render", "never", "--allow-private", "--max-pages", "4"]
        assert main(["batch", *args]) == 0
    urls = [site.url for site in served]
    assert read == urls  # written from the store, one site after another, each read once
    result = (out / "result.json").read_text(encoding="utf-8")
    assert (out / "results" / "run-1.json").read_text(encoding="utf-8") == result
    assert [s["url"] for s in json.loads(result)["sites"]] == urls
    assert not list(out.rglob("*.tmp")) and not list(out.rglob("*.part"))
    with (out / "batch.csv").open(encoding="utf-8") as handle:
        assert [(row["url"], row["name"], row["tags"]) for row in csv.DictReader(handle)] == [
            (url, f"Shop {root.name}", "demo") for url, root in zip(urls, wanted, strict=True)]
    manifest = json.loads((out / "manifest-run-1.json").read_text(encoding="utf-8"))
    assert [entry["site"] for entry in manifest["robots"]] == urls

    read.clear()
    assert main(["report", "1", "--store", str(out / "auditor.sqlite"), "-o", str(tmp_path / "again")]) == 0
    assert read == urls
    assert sorted(p.name for p in (tmp_path / "again").glob("*.html")) == sorted(
        p.name for p in out.glob("*.html") if p.name != "index.html")

    assert main(["reaudit", "1", "--store", str(out / "auditor.sqlite"), "-o", str(tmp_path / "re")]) == 0
    again = json.loads((tmp_path / "re" / "result.json").read_text(encoding="utf-8"))
    first = json.loads(result)
    assert [s["url"] for s in again["sites"]] == urls
    for before, after in zip(first["sites"], again["sites"], strict=True):
        assert [(o["rule"], o["outcome"]) for o in before["rules"]] == [
            (o["rule"], o["outcome"]) for o in after["rules"]]
    assert (tmp_path / "re" / "results" / "run-2.json").read_text(encoding="utf-8") == (
        tmp_path / "re" / "result.json").read_text(encoding="utf-8")
