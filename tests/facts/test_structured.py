"""schema.org organisation data from JSON-LD and microdata."""

from __future__ import annotations

import json
from typing import Any

from auditor.facts.structured import StructuredContact, gather_structured

URL = "https://www.kompis.se/kontakt"


def page(*objects: Any, body: str = "") -> str:
    scripts = "".join(
        f'<script type="application/ld+json">{o if isinstance(o, str) else json.dumps(o)}</script>'
        for o in objects
    )
    return f"<html><head>{scripts}</head><body>{body}</body></html>"


STORE = {
    "@context": "https://schema.org",
    "@type": "OnlineStore",
    "name": "Kompis",
    "legalName": "Kompis Hem AB",
    "email": "mailto:Info@kompis.se",
    "telephone": "08-123 45 67",
    "address": {
        "@type": "PostalAddress",
        "streetAddress": "Storgatan 12",
        "postalCode": "111 22",
        "addressLocality": "Stockholm",
        "addressCountry": "SE",
    },
    "contactPoint": [
        {"@type": "ContactPoint", "contactType": "customer service", "telephone": "+46 20 123 456",
         "email": "kund@kompis.se"}
    ],
}


def test_json_ld_organisation() -> None:
    found = gather_structured(page(STORE), URL, "SE")
    assert [(e.address, e.locator, e.same_site, e.method) for e in found.emails] == [
        ("info@kompis.se", "json-ld[0].email", True, "structured_data"),
        ("kund@kompis.se", "json-ld[0].contactPoint[0].email", True, "structured_data"),
    ]
    assert [(p.e164, p.locator, p.number_type) for p in found.phones] == [
        ("+4681234567", "json-ld[0].telephone", "fixed_line"),
        ("+4620123456", "json-ld[0].contactPoint[0].telephone", "toll_free"),
    ]
    [address] = found.addresses
    assert (address.street, address.postal_code, address.town, address.country, address.po_box) == (
        "Storgatan 12", "111 22", "Stockholm", "SE", False,
    )
    assert (address.locator, address.method) == ("json-ld[0].address", "structured_data")
    # The brand "Kompis" has no legal form and is not a legal name.
    assert [(n.name, n.legal_form, n.locator) for n in found.company_names] == [
        ("Kompis Hem AB", "AB", "json-ld[0].legalName")
    ]


def test_graph_and_nested_seller() -> None:
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebSite", "publisher": {"@type": "Organization", "name": "Nordlys Handel AS",
                                               "telephone": "+47 22 12 34 56"}},
            {"@type": "Product", "brand": {"@type": "Organization", "name": "Brand Maker GmbH"}},
        ],
    }
    found = gather_structured(page(graph), "https://nordlys.no/", "NO")
    assert [n.name for n in found.company_names] == ["Nordlys Handel AS"]
    [phone] = found.phones
    assert (phone.e164, phone.locator) == ("+4722123456", "json-ld[0].@graph[0].publisher.telephone")


def test_microdata_with_po_box_and_country_name() -> None:
    body = """
    <div itemscope itemtype="https://schema.org/Organization">
      <span itemprop="legalName">Hygge Design ApS</span>
      <span itemprop="email">hej@hygge.dk</span>
      <div itemprop="address" itemscope itemtype="https://schema.org/PostalAddress">
        <span itemprop="postOfficeBoxNumber">45</span>
        <span itemprop="postalCode">1456</span>
        <span itemprop="addressLocality">København K</span>
        <span itemprop="addressCountry">Danmark</span>
      </div>
    </div>"""
    found = gather_structured(page(body=body), URL, "SE")
    [email] = found.emails
    assert (email.address, email.same_site, email.locator) == ("hej@hygge.dk", False, "microdata[0].email")
    [address] = found.addresses
    assert (address.street, address.postal_code, address.country) == ("Box 45", "1456", "DK")
    assert address.po_box
    assert [n.name for n in found.company_names] == ["Hygge Design ApS"]


def test_string_address_and_country_from_postal_code() -> None:
    org = {"@type": "Organization", "name": "Kompis Oy", "address": "Mannerheimintie 12, 00100 Helsinki"}
    found = gather_structured(page(org), "https://kompis.fi/", "FI")
    [address] = found.addresses
    assert (address.street, address.postal_code, address.town, address.country) == (
        "Mannerheimintie 12", "00100", "Helsinki", "FI",
    )


def test_payment_provider_email_is_third_party() -> None:
    org = {"@type": "Organization", "name": "Kompis", "email": "support@stripe.com"}
    [email] = gather_structured(page(org), URL, "SE").emails
    assert email.third_party and not email.same_site


def test_other_types_and_bad_values_are_ignored() -> None:
    product = {"@type": "Product", "name": "Soffa AB", "email": "x@kompis.se"}
    org = {"@type": "Organization", "email": "logo@2x.png", "telephone": "ring oss"}
    assert gather_structured(page(product, org), URL, "SE") == StructuredContact()


def test_broken_json_ld_never_raises_and_keeps_good_scripts() -> None:
    broken = '{"@type": "Organization", "name": "Trasig AB",'
    found = gather_structured(page(broken, STORE), URL, "SE")
    assert [n.name for n in found.company_names] == ["Kompis Hem AB"]
    assert gather_structured("", URL, "SE") == StructuredContact()
    garbage = "<html><script type='application/ld+json'>[[[</script>"
    assert gather_structured(garbage, URL, "SE") == StructuredContact()
