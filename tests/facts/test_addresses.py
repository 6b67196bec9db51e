"""Postal addresses: street, postal code and town in six languages, PO boxes, country
guessing, and the digit groups that must not become postal codes."""

from __future__ import annotations

import pytest

from auditor.facts.addresses import gather_addresses, postal_country
from auditor.facts.dom import Document
from auditor.models import Region


def addresses(body: str, hint: str = "SE") -> list[tuple[str, str, str, str, bool]]:
    doc = Document(f"<html><body>{body}</body></html>", "https://www.kompis.se/kontakt")
    return [(a.street, a.postal_code, a.town, a.country, a.po_box) for a in gather_addresses(doc, hint)]


@pytest.mark.parametrize(
    ("body", "hint", "expected"),
    [
        (
            "<address>Kompis Hem AB<br>Storgatan 12<br>111 22 Stockholm<br>Sverige</address>",
            "SE",
            ("Storgatan 12", "111 22", "Stockholm", "SE", False),
        ),
        (
            "<p>Besöksadress: Drottninggatan 7, SE-411 14 Göteborg</p>",
            "NO",
            ("Drottninggatan 7", "411 14", "Göteborg", "SE", False),
        ),
        (
            "<p>Kompis AS, Karl Johans gate 5, 0154 Oslo</p>",
            "NO",
            ("Karl Johans gate 5", "0154", "Oslo", "NO", False),
        ),
        (
            "<p>Hygge ApS · Vestergade 10, 2. sal · 1456 København K</p>",
            "DK",
            ("Vestergade 10, 2. sal", "1456", "København K", "DK", False),
        ),
        (
            "<p>Kompis Oy<br>Mannerheimintie 12 B 4<br>00100 Helsinki</p>",
            "FI",
            ("Mannerheimintie 12 B 4", "00100", "Helsinki", "FI", False),
        ),
        (
            "<p>Muster GmbH<br>Musterstraße 5a<br>60311 Frankfurt am Main</p>",
            "DE",
            ("Musterstraße 5a", "60311", "Frankfurt am Main", "DE", False),
        ),
        (
            "<p>Kompis Ltd<br>12 High Street<br>DK-2100 København Ø</p>",
            "GB",
            ("12 High Street", "2100", "København Ø", "DK", False),
        ),
        (
            "<p><span>Drottninggatan 7</span> <span>411 14 Göteborg</span></p>",
            "SE",
            ("Drottninggatan 7", "411 14", "Göteborg", "SE", False),
        ),
    ],
)
def test_street_postcode_town(body: str, hint: str, expected: tuple[str, str, str, str, bool]) -> None:
    assert addresses(body, hint) == [expected]


@pytest.mark.parametrize(
    ("body", "hint", "expected"),
    [
        ("<p>Box 123, 111 22 Stockholm</p>", "SE", ("Box 123", "111 22", "Stockholm", "SE", True)),
        ("<p>Postboks 45<br>0101 Oslo</p>", "NO", ("Postboks 45", "0101", "Oslo", "NO", True)),
        ("<p>Postfach 12 34<br>10115 Berlin</p>", "DE", ("Postfach 12 34", "10115", "Berlin", "DE", True)),
        ("<p>PL 123, 00101 Helsinki</p>", "FI", ("PL 123", "00101", "Helsinki", "FI", True)),
        ("<p>P.O. Box 12, 1050 København K</p>", "DK", ("P.O. Box 12", "1050", "København K", "DK", True)),
    ],
)
def test_po_boxes(body: str, hint: str, expected: tuple[str, str, str, str, bool]) -> None:
    assert addresses(body, hint) == [expected]


def test_town_stops_at_country_and_labels() -> None:
    found = addresses("<p>Storgatan 12, 111 22 Stockholm Tel 08-123 45 67</p>")
    assert found == [("Storgatan 12", "111 22", "Stockholm", "SE", False)]


@pytest.mark.parametrize(
    ("text", "hint", "country"),
    [
        ("Vestergade 10<br>1456 Odense", "DK", "DK"),
        ("Vestergade 10<br>1456 Odense", "NO", "NO"),
        ("Vestergade 10<br>1456 Odense<br>Danmark", "SE", "DK"),
        ("Vestergade 10<br>1456 Odense", "SE", "NO"),
        ("Hauptstraße 1<br>12345 Berlin", "FI", "FI"),
        ("Hauptstraße 1<br>12345 Berlin<br>Deutschland", "SE", "DE"),
        ("Hauptstraße 1<br>12345 Berlin", "NO", "DE"),
        ("Kauppakatu 1<br>12345 Turku<br>Suomi", "DE", "FI"),
    ],
)
def test_country_from_format_words_and_hint(text: str, hint: str, country: str) -> None:
    [found] = addresses(f"<p>{text}</p>", hint)
    assert found[3] == country


def test_postal_country_rejects_other_formats() -> None:
    assert postal_country("123", "SE") == ""
    assert postal_country("111 22", "DE") == "SE"


@pytest.mark.parametrize(
    "body",
    [
        "<p>12345 Berlin</p>",  # no street
        "<p>Besök oss i<br>111 22 Stockholm</p>",  # no house number
        "<p>Storgatan 12<br>Pris 1 299 kr</p>",
        "<p>Storgatan 12<br>© 2024 Kompis Hem AB</p>",
        "<p>Storgatan 12<br>Tel 08-123 45 67</p>",
        "<p>Storgatan 12<br>Org.nr 556677-8899 Stockholm</p>",
        "<p>Storgatan 12<br>Levereras 12.05.2024 Stockholm</p>",
        "<p>Storgatan 12<br>1999 kunder i Stockholm</p>",  # town must be capitalised
        "<p>Storgatan 12</p><p>111 22 Stockholm</p>",  # separate blocks
    ],
)
def test_no_false_addresses(body: str) -> None:
    # A street alone is reported as a street without postcode (below); no postal address here.
    assert [a for a in addresses(body) if a[1]] == []


@pytest.mark.parametrize(
    ("body", "street"),
    [
        ("<li><a href='/butikk'>Butikken i Bogstadveien 10</a></li>", "Bogstadveien 10"),
        ("<p>Besök oss på Storgatan 12, Stockholm</p>", "Storgatan 12"),
        ("<p>Karl Johans gate 22</p>", "Karl Johans gate 22"),
        ("<p>Lager: Lübecker Straße 9</p>", "Lübecker Straße 9"),
        ("<p>Musterstr. 5a</p>", "Musterstr. 5a"),
        ("<p>Mannerheimintie 12 B</p>", "Mannerheimintie 12"),
        ("<p>Kungsgatan 3-5</p>", "Kungsgatan 3-5"),
    ],
)
def test_a_street_without_postcode_is_reported_as_such(body: str, street: str) -> None:
    assert addresses(body, "NO") == [(street, "", "", "NO", False)]


@pytest.mark.parametrize(
    "body",
    [
        "<p>Rückweg 14 Tage kostenlos</p>",  # a period after a word ending like a street
        "<p>Angrerett 14 dager</p>",
        "<p>Hochzeitsring 585 Gold</p>",  # no street ending (ring is left out on purpose)
        "<p>Abholung am Flughafen Gate 4</p>",  # Gate is no Nordic street word when capitalised
        "<p>Levering 2-5 virkedager</p>",
        "<p>Version 2</p>",
        "<p>vägen 5 till framgång</p>",  # not capitalised
    ],
)
def test_numbers_after_words_are_not_streets(body: str) -> None:
    assert addresses(body, "NO") == []


def test_fact_carries_evidence() -> None:
    doc = Document(
        "<html><body><footer><address>Storgatan 12<br>111 22 Stockholm</address></footer></body></html>",
        "https://www.kompis.se/",
    )
    [fact] = gather_addresses(doc, "SE")
    assert fact.region is Region.FOOTER
    assert fact.locator == "body > footer > address"
    assert fact.excerpt == "Storgatan 12 111 22 Stockholm"
    assert fact.method == "text"


def test_same_address_reported_once() -> None:
    body = "<p>Storgatan 12, 111 22 Stockholm</p><footer><p>Storgatan 12, 111 22 Stockholm</p></footer>"
    assert len(addresses(body)) == 1
