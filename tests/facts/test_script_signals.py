"""Signs in static HTML that scripts may write content: labelled empty elements, requests to the
site's own endpoints, empty framework mounts, <noscript> notes; and what is none of these."""

from __future__ import annotations

from auditor.facts.dom import Document
from auditor.facts.scripts import detail_of, gather_script_signals
from auditor.models import Region

URL = "https://www.verkstan.se/kontakt"


def signals(body: str, url: str = URL) -> list[tuple[str, str]]:
    html = f"<html><head><title>t</title></head><body>{body}</body></html>"
    return [(s.kind, s.detail) for s in gather_script_signals(Document(html, url), url)]


def test_labels_name_their_detail_in_every_shop_language() -> None:
    assert detail_of("kontakt-epost") == "email"
    assert detail_of("shopEmailAddress") == "email"  # an email address, not a postal one
    assert detail_of("sahkoposti") == "email"
    assert detail_of("puhelin") == "phone"
    assert detail_of("data-tlf") == "phone"
    assert detail_of("butik.gatuadress") == "address"
    assert detail_of("Strasse") == "address"
    assert detail_of("org-nr") == "identity" == detail_of("ust-id")
    assert detail_of("yhteystiedot") == "contact"
    assert detail_of("email-icon") is None  # an icon beside the address writes nothing
    assert detail_of("company-logo") is None
    assert detail_of("newsletter-email") is None
    assert detail_of("product-grid") is None


def test_empty_labelled_elements_and_bindings_are_placeholders() -> None:
    assert signals('<p>E-post: <span class="kundtjanst-epost"></span></p>') == [("placeholder", "email")]
    assert signals('<p>Puhelin <a id="puhelin" href="tel:"></a></p>') == [("placeholder", "phone")]
    assert signals('<p>Ring <span x-text="shop.telefon"></span></p>') == [("placeholder", "phone")]
    assert signals('<div data-bind="text: adresse"></div>') == [("placeholder", "address")]
    assert signals('<div id="kontaktinfo"></div>') == [("placeholder", "contact")]
    assert signals("<p>Mail: {{ butik.email }}</p>") == [("placeholder", "email")]
    # Put together by a script from its parts, whatever the element shows meanwhile.
    assert signals('<a data-email-user="info" data-email-domain="verkstan.se">Skriv till oss</a>') == [
        ("placeholder", "email")]


def test_form_fields_icons_and_filled_elements_are_not_placeholders() -> None:
    assert signals('<form><label>E-post <input name="email"></label><span class="email"></span></form>') == []
    assert signals('<p><i class="email"></i> <span class="icon-phone"></span> Skriv till oss</p>') == []
    assert signals('<p class="email">info@verkstan.se</p>') == []
    assert signals('<div class="phone"><img src="/ring.png" alt=""></div>') == []
    assert signals('<a class="email" href="/kontakt"></a>') == []  # a link elsewhere


def test_requests_count_only_to_the_sites_own_endpoints() -> None:
    own = """<script>fetch('/api/kontakt').then(r => r.json())</script>
<script>const x = new XMLHttpRequest(); x.open("GET", "https://www.verkstan.se/info.json");</script>
<script>axios.get(`/api/store`)</script>"""
    found = gather_script_signals(Document(f"<html><body>{own}</body></html>", URL), URL)
    assert [(s.kind, s.detail, s.excerpt) for s in found] == [
        ("fetch", "contact", "/api/kontakt"), ("fetch", "", "https://www.verkstan.se/info.json"),
        ("fetch", "", "/api/store")]
    others = """<script>fetch('https://analytics.example.net/collect')</script>
<script src="/app.js"></script><script type="application/ld+json">{"url": "fetch('/x')"}</script>"""
    assert signals(others) == []


def test_empty_mounts_and_javascript_notes() -> None:
    found = gather_script_signals(Document(
        '<html><body><header><nav><a href="/">Hem</a></nav></header><main><h1>Kontakt</h1><div id="app"></div>'
        "<noscript>Du behöver aktivera JavaScript.</noscript></main></body></html>", URL), URL)
    assert [(s.kind, s.region, s.main_text) for s in found] == [
        ("mount", Region.MAIN, len("Kontakt")), ("noscript", Region.MAIN, len("Kontakt"))]
    # A server-rendered app (its mount holds the content) and a tracking pixel's noscript are not signals.
    assert signals('<div id="app"><p>Verkstan AB, Storgatan 1</p></div><noscript><img src="/px.gif"></noscript>') == []
    assert signals('<script id="__NEXT_DATA__" type="application/json">{}</script>') == [("mount", "")]
