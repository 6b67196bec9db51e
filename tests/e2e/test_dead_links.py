"""A shop whose only contact link, the footer's "Impressum", answers 404: through the real spider
on a loopback server and the command line, contact-page-findable fails, and its evidence points
at the WARC record that holds the 404 answer the crawler got (read back with warcio). A 503
behind the same link is no dead link: the page was not read, and the rule asks for review; nor is
a 404 whose answer is a near-empty page with a script (a single-page application's fallback)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from warcio.archiveiterator import ArchiveIterator

from auditor.cli import main
from auditor.evidence import check_warc
from tests.spiders.routes import Route, serve

pytestmark = pytest.mark.e2e

ROBOTS = Route("User-agent: *\nAllow: /\n", content_type="text/plain")
GONE = ("<!doctype html><html lang='de'><head><title>Seite nicht gefunden</title></head>"
        "<body>Gibt es nicht.</body></html>")


def shop(footer: str) -> dict[str, Route]:
    def page(title: str, body: str) -> Route:
        return Route(f"<!doctype html><html lang='de'><head><meta charset='utf-8'><title>{title}</title></head>"
                     f"<body><header><a href='/'>Kerzen Licht</a> <a href='/kerzen'>Kerzen</a></header>"
                     f"<main><h1>{title}</h1>{body}</main><footer>{footer}</footer></body></html>")

    return {
        "/robots.txt": ROBOTS,
        "/": page("Kerzen Licht", "<p>Kerzen aus Bienenwachs.</p>"),
        "/kerzen": page("Kerzen", "<p>Stumpenkerzen und Teelichter.</p>"),
    }


def audit(url: str, out: Path) -> dict[str, Any]:
    assert main(["audit", url, "-o", str(out), "--format", "json", "--jurisdiction", "de", "--render", "never",
                 "--allow-private"]) in (0, 1)
    [site] = json.loads((out / "result.json").read_text(encoding="utf-8"))["sites"]
    return dict(site)


def test_a_404_imprint_link_fails_with_the_warc_record_of_the_answer(tmp_path: Path) -> None:
    routes = shop("<a href='/impressum'>Impressum</a>") | {"/impressum": Route(GONE, status=404)}
    with serve(routes) as site:
        result = audit(site.url, tmp_path / "out")
    rule = next(r for r in result["rules"] if r["rule"] == "contact-page-findable")
    assert rule["outcome"] == "fail", rule["message"]
    assert "HTTP 404" in rule["message"]
    answer = next(e for e in rule["evidence"] if e["excerpt"].startswith("HTTP 404"))
    assert answer["url"] == site.url + "impressum"
    link = next(e for e in rule["evidence"] if e["excerpt"] == "Impressum")
    assert link["locator"].endswith("footer > a")
    # The failure in the crawl summary names the same record.
    [failure] = [f for f in result["crawl"]["failures"] if f["url"].endswith("/impressum")]
    assert failure["status"] == 404 and failure["warc"] == answer["warc"]
    # The record is in the WARC file, and it is the 404 answer with its body.
    file, record_id = answer["warc"].split("#", 1)
    with (tmp_path / "out" / file).open("rb") as handle:
        found = [(record.rec_type, record.rec_headers.get_header("WARC-Target-URI"),
                  record.http_headers.get_statuscode(), record.content_stream().read())
                 for record in ArchiveIterator(handle) if record.rec_headers.get_header("WARC-Record-ID") == record_id]
    assert len(found) == 1, f"no record {record_id} in {file}"
    [(kind, target, status, body)] = found
    assert (kind, target, status) == ("response", site.url + "impressum", "404")
    assert b"Seite nicht gefunden" in body
    assert check_warc(tmp_path / "out" / file) == []  # every record parses and its digests hold


def test_a_503_behind_the_imprint_link_stays_in_review(tmp_path: Path) -> None:
    routes = shop("<a href='/impressum'>Impressum</a>") | {"/impressum": Route("<h1>Wartung</h1>", status=503)}
    with serve(routes) as site:
        result = audit(site.url, tmp_path / "out")
    rule = next(r for r in result["rules"] if r["rule"] == "contact-page-findable")
    assert rule["outcome"] == "needs_review", rule["message"]
    [failure] = [f for f in result["crawl"]["failures"] if f["url"].endswith("/impressum")]
    assert failure["status"] == 503 and failure["warc"]  # kept as evidence too, but no dead link


def test_a_404_that_loads_an_application_is_no_dead_link(tmp_path: Path) -> None:
    """A single-page application on a static host: its 404.html loads the application, which shows
    the imprint in a browser. The answer proves nothing gone: review, not fail."""
    fallback = "<!doctype html><html><head><script>location.replace('/?p=' + location.pathname)</script></head></html>"
    routes = shop("<a href='/impressum'>Impressum</a>") | {"/impressum": Route(fallback, status=404)}
    with serve(routes) as site:
        result = audit(site.url, tmp_path / "out")
    rule = next(r for r in result["rules"] if r["rule"] == "contact-page-findable")
    assert rule["outcome"] == "needs_review", rule["message"]
    [failure] = [f for f in result["crawl"]["failures"] if f["url"].endswith("/impressum")]
    assert failure["status"] == 404 and failure["scripted"]
