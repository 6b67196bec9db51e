"""Which pages ``--render auto`` shows to the browser: few, and the ones that need it."""

from __future__ import annotations

from datetime import UTC, datetime

from auditor.browser.stage import chosen_pages
from auditor.models import PageSnapshot, RobotsInfo, SiteCrawl

NOW = datetime(2026, 12, 2, tzinfo=UTC)
BASE = "https://shop.se"
FILLER = "<p>" + "Vi säljer verktyg och förvaring till hemmet. " * 20 + "</p>"


def page(path: str, depth: int, body: str) -> PageSnapshot:
    html = f"<html><head><title>{path}</title></head><body>{body}</body></html>"
    return PageSnapshot(url=BASE + path, final_url=BASE + path, status=200, fetched_at=NOW, depth=depth, html=html)


def crawl(*pages: PageSnapshot) -> SiteCrawl:
    return SiteCrawl(start_url=BASE + "/", started_at=NOW, finished_at=NOW, user_agent="t", max_pages=30,
                     max_depth=4, pages=list(pages), robots=RobotsInfo(url=BASE + "/robots.txt"))


def test_auto_renders_home_one_contact_page_and_what_a_script_may_fill() -> None:
    site = crawl(
        page("/", 0, FILLER),
        page("/kundtjanst", 1, FILLER + "<p>Mejla kundtjanst@shop.se</p>"),
        page("/impressum", 1, FILLER + "<p>info@shop.se, Storgatan 1</p>"),      # details already static
        page("/kontakt", 1, FILLER + "<form><textarea name=m></textarea></form><p>hej@shop.se</p>"),  # form
        page("/om-oss", 1, FILLER + '<div id="contact"></div>'),
        page("/kategori", 1, FILLER),
        page("/app", 2, '<div id="root"></div><script src="/app.js"></script>'),  # a JavaScript shell
    )
    chosen = {site.pages[i].url.removeprefix(BASE): chats for i, chats in chosen_pages(site, "auto")}
    assert set(chosen) == {"/", "/kundtjanst", "/kontakt", "/app"}
    assert chosen["/"] and chosen["/kontakt"] and not chosen["/app"]
    assert chosen_pages(site, "never") == []
    assert len(chosen_pages(site, "always")) == len(site.pages)


def test_auto_renders_pages_with_script_only_terms_links_only_when_no_terms_page_was_read() -> None:
    pages = (
        page("/", 0, FILLER),
        page("/kassa", 1, FILLER + '<label><input type="checkbox"> Jag godkänner <a href="#">köpvillkor</a></label>'),
        page("/produkt", 1, FILLER + '<a href="javascript:void(0)">Reklamation</a>'),
        page("/varukorg", 1, FILLER + '<a href="#">Villkor</a>'),  # a third: two pages are enough
        page("/kategori", 1, FILLER),
    )
    site = crawl(*pages)
    chosen = {site.pages[i].url.removeprefix(BASE) for i, _ in chosen_pages(site, "auto")}
    assert chosen == {"/", "/kassa", "/produkt"}
    # With a terms page read, the links are not worth a render of their own.
    with_terms = crawl(*pages, page("/kopvillkor", 1, FILLER))
    chosen = {with_terms.pages[i].url.removeprefix(BASE) for i, _ in chosen_pages(with_terms, "auto")}
    assert chosen == {"/"}
