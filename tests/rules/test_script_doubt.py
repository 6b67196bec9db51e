"""When a script may write a missing detail (``support.script_doubt``): only where the detail
belongs, and only as strongly as the signal points at it (a rendered page has no signals: see the
fixture contact-email/fail_sv_rendered_placeholder_stays_empty)."""

from __future__ import annotations

from datetime import UTC, datetime

from auditor.models import CrawlCoverage, PageInfo, PageKind, Region, RobotsInfo, ScriptSignal
from auditor.rules.support import Pages, absence_doubt, script_doubt

NOW = datetime(2026, 12, 2, tzinfo=UTC)


def page(path: str, kind: PageKind, *signals: ScriptSignal) -> PageInfo:
    url = "https://www.laden.de" + path
    return PageInfo(url=url, final_url=url, status=200, fetched_at=NOW, kind=kind, depth=1,
                    script_signals=list(signals))


def sig(kind: str, detail: str = "", region: Region = Region.MAIN, main_text: int = 500,
        excerpt: str = "<x>") -> ScriptSignal:
    return ScriptSignal.model_validate(
        {"kind": kind, "detail": detail, "region": region, "main_text": main_text, "excerpt": excerpt})


COMPLETE = CrawlCoverage(home_url="https://www.laden.de/", pages_fetched=3, robots=RobotsInfo(url="r"),
                         max_pages=30, max_depth=3, exhaustive=True)


def test_a_placeholder_counts_for_its_own_detail_where_the_detail_belongs() -> None:
    footer_phone = sig("placeholder", "phone", Region.FOOTER, excerpt='<span class="telefon">')
    pages = Pages([page("/", PageKind.HOME), page("/kontakt", PageKind.CONTACT),
                   page("/produkt/tisch", PageKind.OTHER, footer_phone)])
    doubt = script_doubt(pages, "phone")
    assert doubt is not None and "/produkt/tisch" in doubt.en and 'class="telefon"' in doubt.en
    assert script_doubt(pages, "email") is None  # a phone's place says nothing about the email
    # In a product's own text (a seller's box, a review form) a placeholder is not the trader's.
    in_text = Pages([page("/kontakt", PageKind.CONTACT), page("/produkt", PageKind.OTHER, sig("placeholder", "email"))])
    assert script_doubt(in_text, "email") is None
    # A place for contact details in general covers every detail.
    general = Pages([page("/impressum", PageKind.IMPRINT, sig("placeholder", "contact"))])
    assert script_doubt(general, "address") is not None and script_doubt(general, "identity") is not None


def test_page_level_signals_count_only_on_a_contact_page_that_shows_little() -> None:
    thin = Pages([page("/", PageKind.HOME), page("/kontakt", PageKind.CONTACT, sig("mount", main_text=20))])
    assert script_doubt(thin, "email") is not None
    assert absence_doubt(thin, COMPLETE, "email") is not None
    assert absence_doubt(thin, COMPLETE) is None  # rules that do not name a detail are unchanged
    # The look-alike: a complete contact page with a cart widget's mount and an unrelated request.
    full = Pages([page("/", PageKind.HOME),
                  page("/kontakt", PageKind.CONTACT, sig("mount", main_text=600), sig("fetch", main_text=600))])
    assert absence_doubt(full, COMPLETE, "email") is None
    # ...but a request that names the details does count, however much the page shows.
    named = Pages([page("/kontakt", PageKind.CONTACT, sig("fetch", "contact", main_text=600, excerpt="/api/kontakt"))])
    doubt = script_doubt(named, "phone")
    assert doubt is not None and "/api/kontakt" in doubt.en
    # The home page's application counts only when no contact page was read.
    home_app = [page("/", PageKind.HOME, sig("noscript", main_text=0, excerpt="JavaScript aktivieren"))]
    assert script_doubt(Pages(home_app), "address") is not None
    assert script_doubt(Pages([*home_app, page("/kontakt", PageKind.CONTACT)]), "address") is None

