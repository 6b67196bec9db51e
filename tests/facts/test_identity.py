"""Registration numbers, VAT ids and legal names.

The checksum-valid numbers below are fictional; each was checked by hand:

* SE 556677-8899, Luhn: 9 + 9(18) + 8 + 7(16) + 7 + 5(14) + 6 + 3(12) + 5 + 1(10) = 60.
* NO 912345688: 9·3 + 1·2 + 2·7 + 3·6 + 4·5 + 5·4 + 6·3 + 8·2 = 135, 135 mod 11 = 3, 11 − 3 = 8.
* DK 12345674: 1·2 + 2·7 + 3·6 + 4·5 + 5·4 + 6·3 + 7·2 + 4·1 = 110 = 10 · 11.
* FI 1234567-1: 1·7 + 2·9 + 3·10 + 4·5 + 5·8 + 6·4 + 7·2 = 153, 153 mod 11 = 10, 11 − 10 = 1.
* DE 123456788: ISO 7064 MOD 11,10 products 2 8 2 1 1 3 9 3, check 11 − 3 = 8.
"""

from __future__ import annotations

import pytest

from auditor.facts.dom import Document
from auditor.facts.identity import (
    de_vat_ok,
    dk_cvr_ok,
    fi_ytunnus_ok,
    gather_company_names,
    gather_org_numbers,
    gather_representatives,
    gather_trader_names,
    legal_form_of,
    luhn_ok,
    no_orgnr_ok,
)
from auditor.models import OrgNumberFact


def numbers(body: str) -> list[tuple[str, str, str, bool]]:
    doc = Document(f"<html><body>{body}</body></html>", "https://www.kompis.se/om-oss")
    return [(f.scheme, f.country, f.value, f.valid) for f in gather_org_numbers(doc)]


def names(body: str) -> list[tuple[str, str, str]]:
    doc = Document(f"<html><body>{body}</body></html>", "https://www.kompis.se/om-oss")
    return [(f.name, f.legal_form, f.method) for f in gather_company_names(doc)]


# --------------------------------------------------------------------------- checksums


def test_checksums() -> None:
    assert luhn_ok("5566778899") and not luhn_ok("5566778890")
    assert luhn_ok("5560360793")  # 3 + 9(18) + 7 + 0 + 6 + 6 + 0 + 3(12) + 5 + 1(10) = 40
    assert no_orgnr_ok("912345688") and not no_orgnr_ok("912345689")
    assert not no_orgnr_ok("912345671")  # remainder 1: check digit 10, never issued
    assert dk_cvr_ok("12345674") and not dk_cvr_ok("12345675")
    assert fi_ytunnus_ok("12345671") and not fi_ytunnus_ok("12345672")
    assert de_vat_ok("123456788") and not de_vat_ok("123456789")


# --------------------------------------------------------------------------- registration numbers


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Org.nr: 556677-8899", ("se-orgnr", "SE", "556677-8899", True)),
        ("Organisationsnummer 5566778899", ("se-orgnr", "SE", "556677-8899", True)),
        ("Org. nr. 912 345 688 MVA", ("no-orgnr", "NO", "912345688", True)),
        ("Organisasjonsnummer: 912345688", ("no-orgnr", "NO", "912345688", True)),
        ("CVR-nr. 12 34 56 74", ("dk-cvr", "DK", "12345674", True)),
        ("CVR: 12345674", ("dk-cvr", "DK", "12345674", True)),
        ("Y-tunnus: 1234567-1", ("fi-ytunnus", "FI", "1234567-1", True)),
        ("Business ID 1234567-1", ("fi-ytunnus", "FI", "1234567-1", True)),
        ("Yritys- ja yhteisötunnus 1234567-1", ("fi-ytunnus", "FI", "1234567-1", True)),
        ("Vårt organisationsnummer är 556677-8899", ("se-orgnr", "SE", "556677-8899", True)),
    ],
)
def test_labelled_numbers(text: str, expected: tuple[str, str, str, bool]) -> None:
    assert numbers(f"<p>{text}</p>") == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Org.nr 556677-8890", ("se-orgnr", "SE", "556677-8890", False)),
        ("Foretaksnr 912345689", ("no-orgnr", "NO", "912345689", False)),
        ("CVR 12345675", ("dk-cvr", "DK", "12345675", False)),
        ("Y-tunnus 1234567-2", ("fi-ytunnus", "FI", "1234567-2", False)),
    ],
)
def test_labelled_wrong_checksum_is_reported_invalid(text: str, expected: tuple[str, str, str, bool]) -> None:
    assert numbers(f"<p>{text}</p>") == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Ordernummer 5566778899",
        "Ring 556677-8899",
        "556677-8890",
        "Artikel 12345674",
        "Kundnummer: 912 345 688",
        "1234567-1",
        "Org.nr 556677-8899, tel 12 34 56 74",  # the label belongs to the first number only
    ],
)
def test_unlabelled_digit_groups_are_ignored(text: str) -> None:
    assert all(value != "12345674" for _, _, value, _ in numbers(f"<p>{text}</p>"))
    if "Org.nr" not in text:
        assert numbers(f"<p>{text}</p>") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Momsreg.nr: SE556677889901", ("vat", "SE", "SE556677889901", True)),
        ("VAT SE 5566778899 01", ("vat", "SE", "SE556677889901", True)),
        ("MVA: NO912345688MVA", ("vat", "NO", "NO912345688MVA", True)),
        ("Moms: DK12345674", ("vat", "DK", "DK12345674", True)),
        ("ALV: FI12345671", ("vat", "FI", "FI12345671", True)),
        ("USt-IdNr.: DE123456788", ("vat", "DE", "DE123456788", True)),
        ("USt-IdNr.: DE123456789", ("vat", "DE", "DE123456789", False)),
        ("BTW: NL123456782B01", ("vat", "NL", "NL123456782B01", True)),
        ("BTW: NL123456789B01", ("vat", "NL", "NL123456789B01", False)),
    ],
)
def test_vat_ids(text: str, expected: tuple[str, str, str, bool]) -> None:
    assert numbers(f"<p>{text}</p>") == [expected]


def test_unlabelled_vat_needs_a_valid_checksum() -> None:
    assert numbers("<p>DE123456788</p>") == [("vat", "DE", "DE123456788", True)]
    assert numbers("<p>Produkt DE123456789</p>") == []
    assert numbers("<p>Modell NL123456789B01</p>") == []


def test_norwegian_number_with_mva_is_both_orgnr_and_vat_when_labelled() -> None:
    assert numbers("<p>Org.nr. NO 912 345 688 MVA</p>") == [
        ("vat", "NO", "NO912345688MVA", True),
        ("no-orgnr", "NO", "912345688", True),
    ]


def test_german_register_needs_a_court() -> None:
    body = "<p>Registergericht: Amtsgericht Charlottenburg<br>Registernummer: HRB 12345 B</p>"
    assert numbers(body) == [("de-register", "DE", "HRB 12345 B", True)]
    assert numbers("<p>Amtsgericht München, HRA 987</p>") == [("de-register", "DE", "HRA 987", True)]
    assert numbers("<p>Unsere PR 2024 Kampagne, HRB 12345</p>") == []


def test_evidence_fields() -> None:
    html = "<html><body><footer><p>Kompis Hem AB · Org.nr 556677-8899</p></footer></body></html>"
    doc = Document(html, "https://www.kompis.se/")
    [fact] = gather_org_numbers(doc)
    assert fact.raw == "556677-8899"
    assert fact.locator == "body > footer > p"
    assert "Org.nr 556677-8899" in fact.excerpt


# --------------------------------------------------------------------------- legal names


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("© 2026 Kompis Hem AB. Alla rättigheter förbehållna.", ("Kompis Hem AB", "AB", "copyright")),
        ("Copyright © 2020–2026 Nordlys Handel AS", ("Nordlys Handel AS", "AS", "copyright")),
        ("(c) 2026 Hygge Design ApS", ("Hygge Design ApS", "ApS", "copyright")),
        ("Säljare är Kompis Hem AB, org.nr 556677-8899.", ("Kompis Hem AB", "AB", "label")),
        ("Selger er Nordlys Handel AS.", ("Nordlys Handel AS", "AS", "label")),
        ("Anbieter: Muster Handel GmbH", ("Muster Handel GmbH", "GmbH", "label")),
        (
            "Anbieter:<br>Muster Handel GmbH &amp; Co. KG",
            ("Muster Handel GmbH & Co. KG", "GmbH & Co. KG", "label"),
        ),
        ("Company: Kompis Trading Ltd", ("Kompis Trading Ltd", "Ltd", "label")),
        ("Butiken drivs av Kompis Oy i Helsingfors.", ("Kompis Oy", "Oy", "text")),
        ("Verkkokauppaa ylläpitää Kompis Oyj.", ("Kompis Oyj", "Oyj", "text")),
        ("Hygge Design A/S, Vestergade 10", ("Hygge Design A/S", "A/S", "text")),
        ("Muster Werke AG – Hauptstraße 1", ("Muster Werke AG", "AG", "text")),
        (
            "Kompis UG (haftungsbeschränkt)",
            ("Kompis UG (haftungsbeschränkt)", "UG (haftungsbeschränkt)", "text"),
        ),
        ("Musterhandel e.K., Inhaber Max Muster", ("Musterhandel e.K.", "e.K.", "text")),
        ("Operated by Kompis Trading Inc. in Delaware", ("Kompis Trading Inc.", "Inc.", "text")),
        ("Kompis Europe B.V., Amsterdam", ("Kompis Europe B.V.", "B.V.", "text")),
        ("Oy Kompis Ab, Helsingfors", ("Oy Kompis Ab", "Ab", "text")),
        ("Möbler från Lind &amp; Söner AB", ("Lind & Söner AB", "AB", "text")),
        ("Levereras av Berg och Dal AB idag", ("Berg och Dal AB", "AB", "text")),
        ("Tel 08-123 45 67 Kompis AB", ("Kompis AB", "AB", "text")),
        # the forms of other member states, for traders selling from abroad
        ("Lukunurk OÜ, Tallinn", ("Lukunurk OÜ", "OÜ", "text")),
        ("Myyjä: Dzintars Dizains SIA, Rīga", ("Dzintars Dizains SIA", "SIA", "text")),
        ("Kávovar Brno s.r.o., Brno", ("Kávovar Brno s.r.o.", "s.r.o.", "text")),
        ("Szatyor Kft., Budapest", ("Szatyor Kft.", "Kft.", "text")),
        ("Artesanato Lda., Porto", ("Artesanato Lda.", "Lda.", "text")),
    ],
)
def test_company_names(text: str, expected: tuple[str, str, str]) -> None:
    assert names(f"<p>{text}</p>") == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Vi är ett AB sedan 1999.",
        "Detta gäller alla AB och HB.",
        "FREE SHIPPING AS STANDARD",
        "DEN NYA KOLLEKTIONEN SIA OCH UAB",  # two or three capitals in all-capitals prose
        "LABBET och KABEL",  # AB inside words
        "Fraktfritt ab 50 €",
        "Versand Ab 50 € Bestellwert",
        "Vi är ett familjeföretag.",
        "Registergericht: AG Charlottenburg",
    ],
)
def test_not_company_names(text: str) -> None:
    assert names(f"<p>{text}</p>") == []


def test_best_method_comes_first_and_every_block_keeps_its_sighting() -> None:
    body = "<p>Kompis Hem AB säljer möbler.</p><p>Säljare är Kompis Hem AB.</p><p>© 2026 Kompis Hem AB</p>"
    assert names(body) == [
        ("Kompis Hem AB", "AB", "label"), ("Kompis Hem AB", "AB", "copyright"), ("Kompis Hem AB", "AB", "text")
    ]


def test_legal_form_of() -> None:
    assert legal_form_of("Kompis Hem AB (publ)") == "AB"
    assert legal_form_of("Muster GmbH & Co. KG") == "GmbH & Co. KG"
    assert legal_form_of("Kompis") is None
    assert legal_form_of("AB") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("jpc-schallplatten Versandhandelsgesellschaft mbH – Lübecker Straße 9",
         ("jpc-schallplatten Versandhandelsgesellschaft mbH", "GmbH")),
        ("Ihr Vertragspartner ist notebooksbilliger.de AG, Wiedemannstraße 3", ("notebooksbilliger.de AG", "AG")),
    ],
)
def test_brand_like_lower_case_names_and_written_out_gmbh(text: str, expected: tuple[str, str]) -> None:
    assert [n[:2] for n in names(f"<p>{text}</p>")] == [expected]


def test_plain_lower_case_words_are_not_a_name() -> None:
    assert names("<p>wir arbeiten mit einer gesellschaft mbH zusammen</p>") == []


# --------------------------------------------------------------------------- every member state (python-stdnum)

#: One fictional VAT id per state, written as shops write them; each passes its country's
#: published check (found by trying the check digits with python-stdnum, not taken from a site).
EU_VAT_IDS = [
    ("ATU12345675", "AT"), ("BE 0123.456.749", "BE"), ("BG123456786", "BG"), ("CZ12345679", "CZ"),
    ("DE 123 456 788", "DE"), ("DK 12 34 56 74", "DK"), ("EE102345676", "EE"), ("EL123456783", "GR"),
    ("ES B12345674", "ES"), ("FI12345671", "FI"), ("FR 11 123456782", "FR"), ("HR12345678903", "HR"),
    ("HU12345676", "HU"), ("IE1234567T", "IE"), ("IT12345670124", "IT"), ("LU12345613", "LU"),
    ("LV41234567891", "LV"), ("MT12345634", "MT"), ("NL123456782B01", "NL"), ("PL1234567802", "PL"),
    ("PT 123 456 789", "PT"), ("RO12345674", "RO"), ("SE123456780601", "SE"), ("SI12345679", "SI"),
    ("SK2123456786", "SK"), ("XI123456782", "GB"), ("GB 123 4567 82", "GB"), ("CHE-123.456.788 MWST", "CH"),
    ("NO 912 345 688 MVA", "NO"),
]


@pytest.mark.parametrize(("raw", "country"), EU_VAT_IDS)
def test_vat_ids_of_every_member_state_with_and_without_label(raw: str, country: str) -> None:
    for text in (f"VAT: {raw}", f"Kompis Hem, {raw}"):
        found = [f for f in _facts(f"<p>{text}</p>") if f.scheme == "vat"]
        assert [(f.country, f.valid, f.problem) for f in found] == [(country, True, "")], text
        assert found[0].raw == raw


@pytest.mark.parametrize(
    ("text", "value", "problem"),
    [
        ("USt-IdNr.: DE 123 456 789", "DE123456789", "checksum"),
        ("TVA intracommunautaire : FR 11 12345678", "FR1112345678", "length"),
        ("VAT no. ATU1234567", "ATU1234567", "length"),
        ("NIP: PL 1234567803", "PL1234567803", "checksum"),
    ],
)
def test_malformed_vat_id_is_a_fact_with_what_is_wrong(text: str, value: str, problem: str) -> None:
    [fact] = [f for f in _facts(f"<p>{text}</p>") if f.scheme == "vat"]
    assert (fact.value, fact.valid, fact.problem) == (value, False, problem)


def test_malformed_vat_id_without_label_is_not_taken() -> None:
    assert _facts("<p>Artikel DE123456789, Modell ATU1234567</p>") == []
    assert _facts("<p>Lieferung DE 2024, Größe SE 12 A</p>") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SIRET : 123 456 782 00010", ("fr-siret", "FR", "12345678200010", True)),
        ("RCS Lyon 123 456 782", ("fr-siren", "FR", "123456782", True)),
        ("SIREN 123 456 783", ("fr-siren", "FR", "123456783", False)),
        ("NIP: 123-456-32-18", ("pl-nip", "PL", "1234563218", True)),
        ("NIP 123-456-32-19", ("pl-nip", "PL", "1234563219", False)),
        ("REGON: 123456785", ("pl-regon", "PL", "123456785", True)),
        ("Registered in England and Wales, company number 01234567", ("gb-company", "GB", "01234567", True)),
        ("Company No. SC123456", ("gb-company", "GB", "SC123456", True)),
        ("Registered in England No. 1234567", ("gb-company", "GB", "01234567", True)),
        # a registered charity that sells is identified by its register's number
        ("Scottish charity number SC051234.", ("gb-charity", "GB", "SC051234", True)),
        ("Registered Charity No. 1098765", ("gb-charity", "GB", "1098765", True)),
        ("Charity registered in Scotland SC012345", ("gb-charity", "GB", "SC012345", True)),
        ("Charity Commission for Northern Ireland: NIC104321", ("gb-charity", "GB", "NIC104321", True)),
        ("Charities Regulator RCN 20098765", ("ie-charity", "IE", "20098765", True)),
        # Ireland's Companies Registration Office: a company, a sole trader's business name
        ("Registered in Ireland No. 654321", ("ie-company", "IE", "654321", True)),
        ("CRO: 612345", ("ie-company", "IE", "612345", True)),
        ("Sole trader · RBN 748213", ("ie-business-name", "IE", "748213", True)),
        ("Business name registration number 712345", ("ie-business-name", "IE", "712345", True)),
    ],
)
def test_national_registers_after_their_labels(text: str, expected: tuple[str, str, str, bool]) -> None:
    assert numbers(f"<p>{text}</p>") == [expected]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("KvK-nummer: 12345678", "12345678"),
        ("Tax ID: 12-3456789", "123456789"),
        ("Firmenbuchnummer FN 123456 a", "FN123456A"),
        ("Org.nr 556677-889", "556677889"),  # a digit short: still a number the trader gave
        ("Steuernummer 143/123/45678", "14312345678"),  # a German tax office's number
        ("St.-Nr.: 12/345/67890", "1234567890"),
    ],
)
def test_labelled_number_of_an_unknown_register_is_other(text: str, value: str) -> None:
    assert [(f.scheme, f.value, f.valid, f.problem) for f in _facts(f"<p>{text}</p>")] == [
        ("other", value, False, "unknown")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Betal til vores konto i Sparekassen: Reg.nr. 9570 Kontonr. 0012 345 678",
        "Bank: Nordea, reg. nr. 2191, konto 7654321",
    ],
)
def test_a_banks_registration_number_is_no_traders(text: str) -> None:
    assert _facts(f"<p>{text}</p>") == []


def test_a_company_name_beginning_like_an_account_word_is_no_bank() -> None:
    # "Kontoripesa" (an office hotel) is no "konto"
    found = _facts("<p>Lukuhetki OÜ<br>Registrikood 16524834<br>c/o Kontoripesa OÜ</p>")
    assert [f.value for f in found] == ["16524834"]


def test_unknown_register_label_without_a_number_is_nothing() -> None:
    assert _facts("<p>Wir sind im Handelsregister eingetragen. Die EIN finden Sie auf der Rechnung.</p>") == []


def _facts(body: str) -> list[OrgNumberFact]:
    return gather_org_numbers(Document(f"<html><body>{body}</body></html>", "https://www.kompis.se/om-oss"))


# --------------------------------------------------------------------------- kinds of trader


def _doc(body: str) -> Document:
    return Document(f"<html><body>{body}</body></html>", "https://www.kompis.de/impressum")


@pytest.mark.parametrize(
    ("text", "form", "kind", "registered"),
    [
        ("Muster &amp; Beispiel GbR", "GbR", "partnership", False),
        ("Lichtgießer UG (haftungsbeschränkt)", "UG (haftungsbeschränkt)", "company", True),
        ("Teekontor Brandt e.K.", "e.K.", "person", True),
        ("Weinhaus Berg OHG", "OHG", "partnership", True),
        ("Hjul og Sykkel Berg ANS", "ANS", "partnership", True),
        ("Strikkestua Kari Nordmann ENK", "ENK", "person", False),
        ("Hansen &amp; Holm Bageri I/S", "I/S", "partnership", False),
        ("Paahtimo Virtanen Ky", "Ky", "partnership", True),
        ("Kompis Hem AB", "AB", "company", True),
        ("Chart Room Prints LLP", "LLP", "partnership", True),
        # British charities' forms: a Scottish and an English charitable incorporated organisation,
        # a community interest company
        ("Loch Awe Music Gathering SCIO", "SCIO", "company", True),
        ("Wheelwright Arts Trust CIO", "CIO", "company", True),
        ("Repair Café Leeds CIC", "CIC", "company", True),
    ],
)
def test_legal_forms_carry_their_kind(text: str, form: str, kind: str, registered: bool) -> None:
    [fact] = gather_company_names(_doc(f"<p>{text}</p>"))
    assert (fact.legal_form, fact.kind, fact.registered) == (form, kind, registered)
    assert fact.countries


def test_two_capitals_inside_a_trading_name_are_no_legal_form() -> None:
    assert names("<p>Nordic AB Design, innehavare: Lisa Lind</p>") == []
    assert names("<p>Kompis AB Storgatan 1, 111 22 Stockholm</p>") == [("Kompis AB", "AB", "text")]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("<p>Muster Design<br>Inhaberin Maria Muster<br>Lindenstraße 4<br>10969 Berlin</p>",
         ("owner", "Maria Muster", "Muster Design", "Inhaberin")),
        ("<p>Strikkestua v/ Kari Nordmann</p>", ("owner", "Kari Nordmann", "Strikkestua", "v/")),
        ("<p>Kukkapuoti Kielo, omistaja Anna Virtanen</p>", ("owner", "Anna Virtanen", "Kukkapuoti Kielo", "omistaja")),
        ("<p>Paper Lantern Bindery, proprietor: Jane Fletcher</p>",
         ("owner", "Jane Fletcher", "Paper Lantern Bindery", "proprietor")),
        ("<p>Bladvändaren (enskild firma)</p>", ("sole_trader", "", "Bladvändaren", "enskild firma")),
        ("<p>Tmi Anna Virtanen</p>", ("sole_trader", "Anna Virtanen", "", "Tmi")),
        ("<p>Företagsform: enskild firma</p>", ("sole_trader", "", "", "enskild firma")),
    ],
)
def test_sole_traders(body: str, expected: tuple[str, str, str, str]) -> None:
    found = [(f.method, f.name, f.trading_name, f.label) for f in gather_trader_names(_doc(body), "DE")
             if f.method != "heading"]
    assert found == [expected]


def test_a_name_heading_the_address_block() -> None:
    found = gather_trader_names(_doc("<p>Atelier Winter<br>Lindenstraße 4<br>10969 Berlin</p>"), "DE")
    assert [(f.method, f.name) for f in found] == [("heading", "Atelier Winter")]
    # A heading word, a legal form or a line without an address below heads no trader.
    assert gather_trader_names(_doc("<p>Postadresse<br>Lindenstraße 4<br>10969 Berlin</p>"), "DE") == []
    assert gather_trader_names(_doc("<p>Lena Winter<br>Illustration<br>Grafik</p>"), "DE") == []


def test_an_owner_label_in_running_text_names_no_one() -> None:
    assert gather_trader_names(_doc("<p>Der Inhaber des Kontos haftet.</p>"), "DE") == []
    assert gather_trader_names(_doc("<p>See the owner's manual for details.</p>"), "DE") == []


@pytest.mark.parametrize(
    ("body", "names_", "label", "partners"),
    [
        ("<p>Geschäftsführer: Dr. Hans Beispiel, Eva Probe</p>", ["Dr. Hans Beispiel", "Eva Probe"], "Geschäftsführer",
         False),
        ("<p>vertreten durch die Geschäftsführerin Maria von Muster</p>", ["Maria von Muster"], "vertreten durch",
         False),
        ("<h3>Vertreten durch:</h3><p>Max Muster</p>", ["Max Muster"], "Vertreten durch", False),
        ("<dl><dt>Geschäftsführer</dt><dd>Erika Beispiel</dd></dl>", ["Erika Beispiel"], "Geschäftsführer", False),
        ("<p>Gesellschafter: Max Muster und Eva Beispiel</p>", ["Max Muster", "Eva Beispiel"], "Gesellschafter", True),
        ("<p>Persönlich haftende Gesellschafterin: Muster Verwaltungs GmbH</p>", ["Muster Verwaltungs GmbH"],
         "Persönlich haftende Gesellschafterin", False),
        ("<p>VD: Anna Berg</p>", ["Anna Berg"], "VD", False),
        ("<p>Daglig leder Ola Nordmann</p>", ["Ola Nordmann"], "Daglig leder", False),
        ("<p>Toimitusjohtaja Matti Virtanen</p>", ["Matti Virtanen"], "Toimitusjohtaja", False),
    ],
)
def test_representatives(body: str, names_: list[str], label: str, partners: bool) -> None:
    [fact] = gather_representatives(_doc(body))
    assert (fact.names, fact.label, fact.partners_only) == (names_, label, partners)


def test_a_representative_label_without_names_is_no_representative() -> None:
    assert gather_representatives(_doc("<p>Die Geschäftsführung behält sich Änderungen vor.</p>")) == []


# --------------------------------------------------------------------------- broken numbers, quoted


@pytest.mark.parametrize(
    ("text", "raw", "problem"),
    [
        ("USt-IdNr.: DE12345678", "DE12345678", "length"),  # eight digits of nine
        ("USt-IdNr. DE 123456", "DE 123456", "length"),
        ("VAT: UK 123 4567 89", "UK 123 4567 89", "prefix"),  # the United Kingdom's prefix is GB
        ("USt-IdNr.: DX123456789", "DX123456789", "prefix"),
    ],
)
def test_malformed_vat_ids_are_quoted_with_what_is_wrong(text: str, raw: str, problem: str) -> None:
    [fact] = gather_org_numbers(_doc(f"<p>{text}</p>"))
    assert (fact.scheme, fact.raw, fact.problem, fact.valid) == ("vat", raw, problem, False)


def test_a_foreign_tax_number_is_no_prefix_problem() -> None:
    # "US" is a country: a tax number of a register the tool does not read, not a typo.
    [fact] = gather_org_numbers(_doc("<p>VAT: US 12 3456789</p>"))
    assert fact.problem == "unknown"


@pytest.mark.parametrize(
    "text",
    ["CRO number 612345", "Registered in Ireland No. 612345.", "Companies Registration Office: 612345"],
)
def test_an_irish_company_number_is_the_companies_registration_offices(text: str) -> None:
    # six digits at most and no check digit: the format is all there is, as for Companies House
    assert numbers(f"<p>{text}</p>") == [("ie-company", "IE", "612345", True)]


@pytest.mark.parametrize("text", ["Crossing 12345 Street", "We cross 612345 items"])
def test_cro_only_as_a_word(text: str) -> None:
    assert numbers(f"<p>{text}</p>") == []


@pytest.mark.parametrize(
    "body",
    [
        "<dl><dt>FO-nummer</dt><dd>3174928-4</dd></dl>",
        "<table><tr><th>Org.nr:</th><td>3174928-4</td></tr></table>",
        "<p>Y-tunnus</p><p>3174928-4</p>",
    ],
)
def test_a_label_alone_names_the_number_in_the_next_block(body: str) -> None:
    assert numbers(body) == [("fi-ytunnus", "FI", "3174928-4", True)]


@pytest.mark.parametrize(
    "body",
    [
        "<dl><dt>Leveranstid</dt><dd>3174928-4</dd></dl>",  # no label before the number
        "<p>Org.nr 556677-8899 och mycket mer text i ett stycke</p><p>3174928-4</p>",  # not a label alone
    ],
)
def test_only_a_label_alone_names_the_next_block(body: str) -> None:
    assert all(value != "3174928-4" for _, _, value, _ in numbers(body))


@pytest.mark.parametrize(
    "body", ["<p>Moms 1 250,00 kr</p>", "<table><tr><td>Moms</td><td>1 250,00</td></tr></table>", "<p>MwSt 1234 €</p>"]
)
def test_an_amount_after_a_tax_word_is_no_registration_number(body: str) -> None:
    assert numbers(body) == []


@pytest.mark.parametrize(
    ("body", "name", "trading", "method"),
    [
        ("<p>Lena Vogt<br>Gartenweg 3<br>10115 Berlin</p>", "Lena Vogt", "", "owner"),
        ("<p>Filzfabel<br>Anja Roth<br>Obere Königstraße 31<br>96052 Bamberg</p>", "Anja Roth", "Filzfabel", "owner"),
        # not a given name: a trading name or a person, the tool cannot tell
        ("<p>Sykkelsmia<br>Storgata 5<br>0155 Oslo</p>", "Sykkelsmia", "", "heading"),
        ("<p>Kvarn Design<br>Storgatan 5<br>111 22 Stockholm</p>", "Kvarn Design", "", "heading"),
    ],
)
def test_a_persons_name_heading_an_address_is_a_sole_trader(body: str, name: str, trading: str, method: str) -> None:
    [fact] = gather_trader_names(_doc(body), "DE" if "Berlin" in body or "Bamberg" in body else "SE")
    assert (fact.name, fact.trading_name, fact.method) == (name, trading, method)


@pytest.mark.parametrize(
    "text",
    [
        "Ring our charity shop on 01234 567890",
        "Charity runs 2024: 1,250 runners",
        "Charity Christmas cards, 10 for £6.50",
    ],
)
def test_a_charity_without_its_register_label_has_no_number(text: str) -> None:
    assert numbers(f"<p>{text}</p>") == []


@pytest.mark.parametrize(
    ("text", "name", "trading"),
    [
        ("Stem &amp; Twine is run by Chloe Harwood, Bristol.", "Chloe Harwood", "Stem & Twine"),
        ("Garnboden drivs av Anna Berg.", "Anna Berg", "Garnboden"),
    ],
)
def test_a_sentence_saying_who_runs_the_business_names_its_owner(text: str, name: str, trading: str) -> None:
    facts = gather_trader_names(_doc(f"<p>{text}</p>"))
    assert [(f.name, f.trading_name, f.method) for f in facts] == [(name, trading, "owner")]


@pytest.mark.parametrize("text", ["The shop is run by Klarna Bank AB.", "Our café is run by volunteers."])
def test_run_by_needs_a_persons_name(text: str) -> None:
    assert gather_trader_names(_doc(f"<p>{text}</p>")) == []


def test_an_ampersand_is_written_out_in_the_sites_name() -> None:
    from auditor.rules.support import names_the_site

    assert names_the_site("Stem & Twine", "https://stemandtwine.co.uk/")
    assert names_the_site("Lin & Ull AB", "https://linochull.se/")
    assert not names_the_site("Bark & Bast", "https://stemandtwine.co.uk/")
