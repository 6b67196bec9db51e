"""Auditing a saved copy: URL → file mapping, save markers, and the same audit as a live site."""

from __future__ import annotations

import json
import os
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from auditor import pipeline
from auditor.cli import demo_shops, main
from auditor.engine import audit_crawl
from auditor.spiders.crawl import CrawlSpec, crawl_sites
from auditor.web.saved import SavedCopy, SavedCopyError, find_marker, load_url_map

BASE = "https://butik.example.se/"


def page(title: str, body: str = "") -> str:
    return f"<!doctype html><html lang='sv'><head><title>{title}</title></head><body>{body}</body></html>"


@pytest.fixture
def copy_dir(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    (root / "om").mkdir(parents=True)
    (root / "villkor").mkdir()
    files = {
        "index.html": page("Hem"),
        "kontakt.html": page("Kontakt"),
        "villkor/index.html": page("Villkor"),
        "om/index.html": page("Om oss"),
        "köpvillkor.html": page("Köpvillkor"),
        "sok?q=lampa.html": page("Sök"),
        "produkter.htm": page("Produkter"),
        "Returer.html": page("Returer"),
    }
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    (tmp_path / "secret.txt").write_text("outside", encoding="utf-8")
    return root


def test_clean_urls_map_onto_files(copy_dir: Path) -> None:
    saved = SavedCopy.open(copy_dir, BASE)
    assert saved.lookup(BASE).file == "index.html"
    assert saved.lookup(BASE + "kontakt").file == "kontakt.html"
    assert saved.lookup(BASE + "kontakt.html").file == "kontakt.html"
    assert saved.lookup(BASE + "villkor/").file == "villkor/index.html"
    assert saved.lookup(BASE + "produkter").file == "produkter.htm"
    # www. and the scheme do not make another site.
    assert saved.owns("http://www.butik.example.se/kontakt") and not saved.owns("https://klarna.com/")


def test_a_folder_without_slash_redirects_like_a_server(copy_dir: Path) -> None:
    answer = SavedCopy.open(copy_dir, BASE).lookup(BASE + "om")
    assert (answer.status, answer.location) == (301, "/om/")


def test_percent_encoding_and_wget_query_names(copy_dir: Path) -> None:
    saved = SavedCopy.open(copy_dir, BASE)
    assert saved.lookup(BASE + "k%C3%B6pvillkor").file == "köpvillkor.html"
    assert saved.lookup(BASE + "sok?q=lampa").file == "sok?q=lampa.html"
    # A static server ignores a query it has no file for.
    assert saved.lookup(BASE + "kontakt?utm_source=x").file == "kontakt.html"


def test_case_mismatch_is_reported_not_fixed(copy_dir: Path) -> None:
    saved = SavedCopy.open(copy_dir, BASE)
    answer = saved.lookup(BASE + "returer")
    assert answer.status == 404 and answer.case_mismatch == "Returer.html"
    assert "letter case" in answer.note
    saved.record(BASE + "returer", answer)
    assert saved.info().case_mismatches[0].file == "Returer.html"


def test_nothing_outside_the_folder_is_served(copy_dir: Path) -> None:
    os.symlink(copy_dir.parent / "secret.txt", copy_dir / "link.txt")
    saved = SavedCopy.open(copy_dir, BASE)
    for url in (BASE + "../secret.txt", BASE + "%2e%2e/secret.txt", BASE + "link.txt", BASE + "x%00y"):
        assert saved.lookup(url).status == 404, url


def test_url_map_names_pages_saved_under_other_names(copy_dir: Path, tmp_path: Path) -> None:
    csv_file = tmp_path / "map.csv"
    csv_file.write_text("url,file\nhttps://www.butik.example.se/kundservice/,kontakt.html\n", encoding="utf-8")
    saved = SavedCopy.open(copy_dir, BASE, url_map=load_url_map(csv_file))
    assert saved.lookup("https://butik.example.se/kundservice/").file == "kontakt.html"
    json_file = tmp_path / "map.json"
    json_file.write_text(json.dumps({BASE + "a": "nowhere.html"}), encoding="utf-8")
    with pytest.raises(SavedCopyError, match=r"nowhere\.html"):
        SavedCopy.open(copy_dir, BASE, url_map=load_url_map(json_file))


def test_bad_input_gives_clear_errors(tmp_path: Path, copy_dir: Path) -> None:
    with pytest.raises(SavedCopyError, match="does not exist"):
        SavedCopy.open(tmp_path / "nope", BASE)
    with pytest.raises(SavedCopyError, match="http"):
        SavedCopy.open(copy_dir, "ftp://x")
    (tmp_path / "empty").mkdir()
    with pytest.raises(SavedCopyError, match="no files"):
        SavedCopy.open(tmp_path / "empty", BASE)


@pytest.mark.parametrize(
    ("head", "tool", "url", "when"),
    [
        (b"<!-- Mirrored from www.shop.se/kontakt by HTTrack Website Copier/3.x [XR&CO'2014], "
         b"Tue, 01 Mar 2022 10:00:00 GMT -->", "HTTrack", "http://www.shop.se/kontakt",
         datetime(2022, 3, 1, 10, tzinfo=UTC)),
        (b"<!--\n Page saved with SingleFile \n url: https://shop.se/ \n saved date: Tue Mar 01 2022 "
         b"11:00:00 GMT+0100 (Central European Standard Time)\n-->", "SingleFile", "https://shop.se/",
         datetime(2022, 3, 1, 10, tzinfo=UTC)),
        (b'<meta name="savepage-url" content="https://shop.se/a"><meta name="savepage-date" '
         b'content="Tue, 01 Mar 2022 10:00:00 GMT">', "Save Page WE", "https://shop.se/a",
         datetime(2022, 3, 1, 10, tzinfo=UTC)),
        (b"<!-- saved from url=(0017)https://shop.se/ -->", "a browser", "https://shop.se/", None),
    ],
)
def test_save_markers_tell_origin_and_date(head: bytes, tool: str, url: str, when: datetime | None) -> None:
    marker = find_marker(b"<!doctype html>\n" + head)
    assert marker is not None and marker.tool.startswith(tool)
    assert marker.url == url and marker.saved_at == when


def test_no_marker_in_an_ordinary_page() -> None:
    assert find_marker(page("Hem").encode()) is None


@pytest.mark.e2e
def test_a_demo_shop_saved_to_disk_gets_the_same_verdicts_as_served() -> None:
    """The same crawl, extraction and rules run on a saved copy as on the live site."""
    shops = demo_shops()
    jobs = [
        pipeline.SiteJob(CrawlSpec(url=f"https://{root.name}.example/",
                                   saved_copy=SavedCopy.open(root, f"https://{root.name}.example/")),
                         render="auto")  # the browser is served the saved files too
        for root, _ in shops
    ]
    crawls = pipeline.crawl_sites(jobs)
    for (root, meta), crawl in zip(shops, crawls, strict=True):
        assert crawl.saved_copy is not None and crawl.saved_copy.files_served >= 1
        result = audit_crawl(crawl, jurisdiction=str(meta["jurisdiction"]), as_of=date(2026, 11, 24))
        got = {o.rule: o.outcome.value for o in result.rules}
        expected = dict(meta["expected"])  # type: ignore[call-overload]
        assert {rule: got.get(rule) for rule in expected} == expected, root.name
        assert all(e.url.startswith(f"https://{root.name}.example/") for o in result.rules for e in o.evidence)


@pytest.mark.e2e
def test_audit_command_on_a_saved_copy(copy_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (copy_dir / "index.html").write_text(
        "<!-- Mirrored from butik.example.se/ by HTTrack Website Copier/3.x [XR&CO'2014], "
        "Tue, 01 Mar 2022 10:00:00 GMT -->\n"
        + page("Hem", "<a href='/kontakt'>Kontakt</a> <a href='/returer'>Returer</a> <a href='/saknas'>x</a>"),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    assert main(["audit", str(copy_dir), "--base-url", "butik.example.se", "-o", str(out)]) == 0
    result = json.loads((out / "result.json").read_text(encoding="utf-8"))
    saved = result["sites"][0]["crawl"]["saved_copy"]
    assert saved["saved_with"] == "HTTrack" and saved["saved_at_earliest"].startswith("2022-03-01")
    assert saved["case_mismatches"] == [{"url": BASE + "returer", "file": "Returer.html"}]
    assert saved["missing"] == [BASE + "saknas"]
    failures = {f["url"]: f["kind"] for f in result["sites"][0]["crawl"]["failures"]}
    assert failures[BASE + "saknas"] == "not_saved"
    html = next(out.glob("*.html")).read_text(encoding="utf-8")
    assert "saved copy of the site" in html and "Returer.html" in html and "1 Mar 2022" in html  # dates by locale
    assert "saved copy" in capsys.readouterr().out


def test_audit_command_input_errors(copy_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", str(copy_dir)]) == 2
    assert "--base-url" in capsys.readouterr().err
    assert main(["audit", str(tmp_path / "nope"), "--base-url", BASE]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert main(["audit", str(copy_dir), "--url-map", str(tmp_path / "m.csv")]) == 2
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2]", encoding="utf-8")
    assert main(["audit", str(copy_dir), "--base-url", BASE, "--url-map", str(bad)]) == 2
    assert "JSON object" in capsys.readouterr().err


@pytest.mark.e2e
def test_saved_pages_no_link_reaches_are_read_last_and_marked(tmp_path: Path) -> None:
    root = tmp_path / "site"
    root.mkdir()
    (root / "index.html").write_text(page("Hem", "<a href='/kontakt'>Kontakt</a>"), encoding="utf-8")
    (root / "kontakt.html").write_text(page("Kontakt", "<p>E-post: hej@butik.example.se</p>"), encoding="utf-8")
    (root / "villkor.html").write_text(
        page("Köpvillkor", "<h1>Köpvillkor</h1><p>Du har 14 dagars ångerrätt från det att du tagit emot varan.</p>"),
        encoding="utf-8",
    )
    (root / "404.html").write_text(page("Hittades inte"), encoding="utf-8")
    saved = SavedCopy.open(root, BASE)
    [crawl] = crawl_sites([CrawlSpec(url=BASE, saved_copy=saved)])
    linked = {p.url: p.linked for p in crawl.pages}
    assert linked == {BASE: True, BASE + "kontakt": True, BASE + "villkor.html": False}
    result = audit_crawl(crawl, jurisdiction="se", as_of=date(2026, 11, 24))
    outcomes = {o.rule: o for o in result.rules}
    assert outcomes["withdrawal-period"].outcome.value == "pass"
    findable = outcomes["terms-findable"]
    assert findable.outcome.value == "needs_review" and "no link from the home page" in findable.message
    assert result.crawl is not None
    assert [p.linked for p in result.crawl.pages if p.url.endswith("villkor.html")] == [False]


@pytest.mark.e2e
def test_the_page_budget_still_holds_for_unlinked_pages(tmp_path: Path) -> None:
    root = tmp_path / "site"
    root.mkdir()
    (root / "index.html").write_text(page("Hem"), encoding="utf-8")
    for n in range(10):
        (root / f"sida{n}.html").write_text(page(f"Sida {n}"), encoding="utf-8")
    [crawl] = crawl_sites([CrawlSpec(url=BASE, max_pages=4, saved_copy=SavedCopy.open(root, BASE))])
    assert len(crawl.pages) == 4
    assert not crawl.budget_exhausted and crawl.unvisited == []  # unread unlinked files are no lost links


@pytest.mark.e2e
def test_a_saved_copy_answers_for_its_documents(tmp_path: Path) -> None:
    """A document linked from a saved copy is checked against the folder: there, not saved (a copy
    of some pages), or not there (a copy of every file the site published)."""
    root = tmp_path / "site"
    (root / "filer").mkdir(parents=True)
    (root / "index.html").write_text(page("Hem", "<a href='/villkor'>Köpvillkor</a>"), encoding="utf-8")
    (root / "villkor.html").write_text(
        page("Köpvillkor", "<a href='/filer/angerblankett.pdf'>Ångerblankett</a> "
                           "<a href='/filer/villkor.pdf'>Villkor (PDF)</a>"), encoding="utf-8")
    (root / "filer" / "villkor.pdf").write_bytes(b"%PDF-1.4")
    for complete in (False, True):
        [crawl] = crawl_sites([CrawlSpec(url=BASE, saved_copy=SavedCopy.open(root, BASE, complete=complete))])
        checked = {d.url: d for d in crawl.documents}
        assert checked[BASE + "filer/villkor.pdf"].status == 200
        missing = checked[BASE + "filer/angerblankett.pdf"]
        # a copy of some pages does not know the file; a copy of every file says it is not there
        assert missing.missing is complete and "not in the saved copy" in missing.reason
        assert [p.url for p in crawl.pages] == [BASE, BASE + "villkor"]


@pytest.mark.e2e
def test_a_whole_site_copy_answers_404_for_a_missing_file(tmp_path: Path) -> None:
    """A folder of every file the site published: a link to a missing file is a dead link (the
    site's server would answer 404), not a page left unread."""
    root = tmp_path / "site"
    root.mkdir()
    (root / "index.html").write_text(page("Hem", "<a href='/villkor'>Köpvillkor</a>"), encoding="utf-8")
    for complete, kind in ((False, "not_saved"), (True, "http_status")):
        [crawl] = crawl_sites([CrawlSpec(url=BASE, saved_copy=SavedCopy.open(root, BASE, complete=complete))])
        [failure] = crawl.failures
        assert (failure.url, failure.kind, failure.status) == (BASE + "villkor", kind, 404)


def test_whole_site_needs_a_saved_copy(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", "https://shop.example.se/", "--whole-site"]) == 2
    assert "--whole-site only works with --base-url" in capsys.readouterr().err
