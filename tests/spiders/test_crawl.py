"""The spider against loopback servers with exact responses: budget, depth, best-first order,
robots.txt, redirects, failures and politeness. No verdicts here: only what the crawl saw."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from auditor.models import SiteCrawl
from auditor.spiders.crawl import CrawlSpec, crawl_sites
from tests.spiders.routes import Route, page, serve

pytestmark = pytest.mark.e2e

ROBOTS_OPEN = Route("User-agent: *\nAllow: /\n", content_type="text/plain")


def crawl(url: str, **kw: object) -> SiteCrawl:
    kw.setdefault("allow_private", True)  # the test sites live on loopback
    [result] = crawl_sites([CrawlSpec(url=url, **kw)])  # type: ignore[arg-type]
    return result


def paths(crawl_result: SiteCrawl) -> list[str]:
    return [urlsplit(p.final_url).path for p in crawl_result.pages]


def test_budget_goes_to_the_contact_page_first() -> None:
    products = "".join(f"<a href='/produkt/{i}'>Produkt {i}</a>" for i in range(40))
    routes = {"/robots.txt": ROBOTS_OPEN,
              "/": page("Butiken", products, footer="<a href='/kontakta-oss'>Kontakta oss</a>"),
              "/kontakta-oss": page("Kontakta oss")}
    routes |= {f"/produkt/{i}": page(f"Produkt {i}") for i in range(40)}
    with serve(routes) as site:
        result = crawl(site.url, max_pages=5)
    assert len(result.pages) == 5
    assert "/kontakta-oss" in paths(result)  # 1 of 41 links, taken first within a budget of 5
    assert result.budget_exhausted
    assert result.unvisited


def test_depth_limit_and_the_extra_depth_of_key_links() -> None:
    routes = {"/robots.txt": ROBOTS_OPEN,
              "/": page("Hem", "<a href='/a'>Inspiration</a>"),
              "/a": page("A", "<a href='/b'>Stuer</a>"),
              "/b": page("B", "<a href='/c'>Sofaer</a>"),
              "/c": page("C", "<a href='/d'>Mere</a> <a href='/kontakt'>Kontakt</a>"),
              "/d": page("D"),
              "/kontakt": page("Kontakt")}
    with serve(routes) as site:
        result = crawl(site.url, max_depth=3)
    by_path = {urlsplit(p.final_url).path: p for p in result.pages}
    assert "/d" not in by_path  # depth 4, an ordinary link: beyond the limit
    contact = by_path["/kontakt"]  # depth 4 too, but a contact link may go deeper
    assert contact.depth == 4
    assert [step.text for step in contact.click_path] == ["Inspiration", "Stuer", "Sofaer", "Kontakt"]


def test_robots_txt_is_obeyed_and_recorded() -> None:
    routes = {"/robots.txt": Route("User-agent: *\nDisallow: /kontakt\n", content_type="text/plain"),
              "/": page("Hem", footer="<a href='/kontakt'>Kontakt</a> <a href='/om-oss'>Om oss</a>"),
              "/kontakt": page("Kontakt"), "/om-oss": page("Om oss")}
    with serve(routes) as site:
        result = crawl(site.url)
        requested = [path for path, _ in site.requests]
    assert "/kontakt" not in requested
    assert result.robots.status == 200 and result.robots.obeyed
    assert any(url.endswith("/kontakt") for url in result.robots.blocked_urls)
    assert paths(result) == ["/", "/om-oss"]


def test_user_agent_names_the_tool_and_a_url() -> None:
    with serve({"/robots.txt": ROBOTS_OPEN, "/": page("Hem")}) as site:
        crawl(site.url, contact_url="https://agency.example/crawler")
        agents = {ua for _, ua in site.requests}
    assert len(agents) == 1
    [agent] = agents
    assert "auditor/" in agent and "+https://agency.example/crawler" in agent


def test_home_redirect_to_another_host_makes_that_host_the_site() -> None:
    """example.se -> www.example.se, modelled with two loopback addresses."""
    with serve({"/robots.txt": ROBOTS_OPEN,
                "/": page("Hem", footer="<a href='/kontakt'>Kontakt</a>"),
                "/kontakt": page("Kontakt")}, host="127.0.0.42") as www:
        bare = {"/robots.txt": ROBOTS_OPEN, "/": Route(status=301, headers={"Location": www.url})}
        with serve(bare, host="127.0.0.41") as site:
            result = crawl(site.url)
    assert result.home_url == www.url
    assert urlsplit(www.url).netloc in result.site_hosts
    assert paths(result) == ["/", "/kontakt"]
    assert result.pages[0].redirect_chain


def test_failures_keep_their_reason_and_click_path() -> None:
    routes = {"/robots.txt": ROBOTS_OPEN,
              "/": page("Hem", footer="<a href='/kontakt'>Kontakt</a> <a href='/villkor'>Villkor</a>"
                                      " <a href='/ut'>Partner</a>"),
              "/kontakt": Route("<h1>Fel</h1>", status=503),
              "/villkor": Route("%PDF-1.4", content_type="application/pdf"),
              "/ut": Route(status=302, headers={"Location": "http://127.0.0.44:9/"})}
    with serve(routes) as site:
        result = crawl(site.url)
    failures = {urlsplit(f.url).path: f for f in result.failures}
    assert failures["/kontakt"].kind == "http_status" and failures["/kontakt"].status == 503
    assert [s.text for s in failures["/kontakt"].click_path] == ["Kontakt"]
    assert failures["/villkor"].kind == "not_html"
    assert "redirected off the site" in failures["/ut"].reason
    assert paths(result) == ["/"]


def test_unreachable_site_is_an_empty_crawl_not_an_exception() -> None:
    result = crawl("http://127.0.0.45:9/", site_timeout=20)
    assert result.pages == []
    assert result.failures and result.failures[0].kind in ("network", "timeout")


def test_linked_documents_are_checked_with_head_not_read() -> None:
    """A PDF is no page to read, but whether it is there decides a finding (a model withdrawal
    form linked as a PDF that answers 404 is no form given): one HEAD request each, after the
    pages, legal documents first, none of the page budget."""
    manuals = "".join(f"<a href='/manualer/{i}.pdf'>Manual {i}</a>" for i in range(12))
    routes = {"/robots.txt": ROBOTS_OPEN,
              "/": page("Hem", manuals, footer="<a href='/villkor'>Köpvillkor</a>"),
              "/villkor": page("Köpvillkor", "<a href='/filer/angerblankett.pdf'>Ångerblankett</a> "
                               "<a href='/filer/villkor.pdf'>Köpvillkor (PDF)</a>"),
              "/filer/villkor.pdf": Route("%PDF-1.4", content_type="application/pdf")}
    routes |= {f"/manualer/{i}.pdf": Route("%PDF-1.4", content_type="application/pdf") for i in range(12)}
    with serve(routes) as site:
        result = crawl(site.url, max_pages=2)
    assert paths(result) == ["/", "/villkor"]  # no document read as a page
    # read with GET only to confirm a HEAD's 404 (the missing form below)
    assert [path for path, _ in site.requests if path.endswith(".pdf")] == ["/filer/angerblankett.pdf"]
    checked = {urlsplit(d.url).path: d for d in result.documents}
    assert len(checked) == 10 == len(site.heads)  # at most ten a site
    assert checked["/filer/villkor.pdf"].status == 200 and not checked["/filer/villkor.pdf"].missing
    assert checked["/filer/villkor.pdf"].content_type == "application/pdf"
    gone = checked["/filer/angerblankett.pdf"]  # its words name no kind, but a terms page links it
    assert gone.status == 404 and gone.missing and gone.reason == "HTTP 404"


def test_a_document_a_server_denies_to_head_is_asked_for_with_get() -> None:
    """Some servers answer HEAD with 404 or 405 for a file they serve: a GET of its first byte
    decides, and only a GET's 404 says the file is not there."""
    routes = {"/robots.txt": ROBOTS_OPEN,
              "/": page("Hem", footer="<a href='/villkor'>Köpvillkor</a>"),
              "/villkor": page("Köpvillkor", "<a href='/filer/angerblankett.pdf'>Ångerblankett</a> "
                               "<a href='/filer/gammal.pdf'>Gammal blankett</a>"),
              "/filer/angerblankett.pdf": Route("%PDF-1.4", content_type="application/pdf", head_status=404)}
    with serve(routes) as site:
        result = crawl(site.url)
    checked = {urlsplit(d.url).path: d for d in result.documents}
    assert checked["/filer/angerblankett.pdf"].status == 200 and not checked["/filer/angerblankett.pdf"].missing
    assert checked["/filer/gammal.pdf"].status == 404 and checked["/filer/gammal.pdf"].missing
    assert sorted(path for path, _ in site.requests if path.endswith(".pdf")) == [
        "/filer/angerblankett.pdf", "/filer/gammal.pdf"]
