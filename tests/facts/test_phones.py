"""Telephone numbers: tel: links, labelled and international numbers, and the digit groups
of a shop page that must not become phones."""

from __future__ import annotations

import pytest

from auditor.facts.dom import Document
from auditor.facts.phones import gather_phones
from auditor.models import Region


def phones(body: str, region: str = "SE") -> dict[str, str]:
    doc = Document(f"<html><body>{body}</body></html>", "https://www.kompis.se/kontakt")
    return {fact.e164: fact.method for fact in gather_phones(doc, region)}


def test_tel_link() -> None:
    doc = Document(
        '<html><body><footer><p>Ring <a href="tel:+46701234567">070-123 45 67</a></p></footer></body></html>',
        "https://www.kompis.se/",
    )
    [fact] = gather_phones(doc, "SE")
    assert (fact.e164, fact.method, fact.number_type) == ("+46701234567", "tel", "mobile")
    assert fact.region is Region.FOOTER
    assert fact.raw == "+46701234567"
    assert "070-123 45 67" in fact.excerpt


def test_tel_link_with_national_number_and_escapes() -> None:
    assert phones('<a href="tel:08%20123%2045%2067">ring</a>') == {"+4681234567": "tel"}


@pytest.mark.parametrize(
    ("text", "region", "e164"),
    [
        ("Telefon: 08-123 45 67", "SE", "+4681234567"),
        ("Kundtjänst 031-123 45 67", "SE", "+46311234567"),
        ("Tlf. 22 12 34 56", "NO", "+4722123456"),
        ("Ring til os på 33 12 34 56", "DK", "+4533123456"),
        ("Puh. 09 1234 5678", "FI", "+358912345678"),
        ("Tel.: 030 1234567", "DE", "+49301234567"),
        ("Call us: 020 7946 0123", "GB", "+442079460123"),
        ("Mobil\n070-123 45 67", "SE", "+46701234567"),  # label on the line above, same block
        ("WhatsApp: 070-123 45 67", "SE", "+46701234567"),
        ("SMS/ring 040 123 4567", "FI", "+358401234567"),
        ("Handy: 0171 1234567", "DE", "+491711234567"),
        ("Kuusikuja 3, 41900 Petäjävesi · p. 050 364 8870", "FI", "+358503648870"),  # "p." = puhelin
    ],
)
def test_labelled_numbers(text: str, region: str, e164: str) -> None:
    body = "<p>" + text.replace("\n", "<br>") + "</p>"
    assert phones(body, region) == {e164: "text"}


@pytest.mark.parametrize("text", ["+46 8 123 45 67", "0046 8 123 45 67", "(+46) 8-123 45 67"])
def test_international_form_needs_no_label(text: str) -> None:
    assert phones(f"<p>Kompis Hem AB · {text}</p>") == {"+4681234567": "text"}


def test_tel_fax_counts_but_fax_alone_does_not() -> None:
    assert phones("<p>Fax: +46 8 123 45 68</p>") == {}
    assert phones("<p>Tel/Fax: 08-123 45 69</p>") == {"+4681234569": "text"}


@pytest.mark.parametrize(
    "text",
    [
        "Art.nr 0812345678",
        "Artikelnummer: 08-123 45 67",
        "SKU 081234567",
        "EAN 7350012345678",
        "Telefonhållare, EAN 7350081234567",  # a phone word, but the digits are an EAN
        "Org.nr 556677-8899",
        "Bankgiro 5123-4567",
        "Ordernummer 081234567",
        "IBAN SE45 5000 0000 0583 9825 7466",
        "Pris 1 299 kr",
        "Leverans 2024-05-12",
        "081234567",  # national form with no label
        "See p. 12 in the manual, Tel.-Nr. not given",  # "p." of a page: too short for a number
    ],
)
def test_non_phones_in_text(text: str) -> None:
    assert phones(f"<p>{text}</p>") == {}


def test_nearest_label_decides() -> None:
    found = phones("<p>Org.nr 556677-8899, Tel 08-123 45 67</p>")
    assert found == {"+4681234567": "text"}
    found = phones("<p>Tel 08-123 45 67, Org.nr 556677-8899</p>")
    assert found == {"+4681234567": "text"}


def test_the_customers_a_line_is_for_label_it() -> None:
    assert phones("<h3>Kundtjänst</h3><p><b>Privatkunder:</b> 0939-10 44 72</p>") == {"+46939104472": "text"}
    assert phones("<p>Geschäftskunden: 030 12345678</p>", "DE") == {"+493012345678": "text"}
    # what else such a label may head is no phone
    assert phones("<p>Företagskunder: org.nr 556677-8899</p>") == {}
    assert phones("<p>Privatkunder: 14 dagars ångerrätt från 2024-05-01</p>") == {}


def test_a_line_named_for_its_errand_is_a_phone_label_where_order_alone_is_not() -> None:
    assert phones("<p>Our order line is 0161 496 0123 on weekdays.</p>", "GB") == {"+441614960123": "text"}
    assert phones("<p>Bestelltelefon: 030 12345678</p>", "DE") == {"+493012345678": "text"}
    assert phones("<p>Order 0161 496 0123 has been sent.</p>", "GB") == {}


@pytest.mark.parametrize(
    ("body", "region", "e164"),
    [
        # site builders write the label and the number as one-line paragraphs of their own
        ("<div><p><b>PUH.</b></p><p>044&nbsp;582&nbsp;9016</p></div>", "FI", "+358445829016"),
        ("<p><strong>Call the studio</strong></p><p>Thu–Sun, 10.30–16.00</p><p><span>01665 </span>"
         "<span>830472</span></p>", "GB", "+441665830472"),
        ("<footer><p>Telefon</p><p>22 12 34 56</p></footer>", "NO", "+4722123456"),
    ],
)
def test_a_bare_number_under_a_label_block(body: str, region: str, e164: str) -> None:
    assert phones(body, region) == {e164: "text"}


@pytest.mark.parametrize(
    "body",
    [
        "<p>Kontakt</p><p>08-123 45 67</p>",  # a heading that may head anything
        "<p>Telefon</p><p>Org.nr</p><p>08-123 45 67</p>",  # the nearest label decides
        "<p>Telefon 031-12 34 56</p><p>08-123 45 67</p>",  # the label above is another number's
        "<p>Telefon</p><p>Artikel 08-123 45 67</p>",  # not a bare number
        "<p>Telefon</p><p>Vi svarar snabbt, ofta inom en timme på vardagar, utom helger.</p><p>08-123 45 67</p>",
        "<main><p>Telefon</p></main><footer><p>08-123 45 67</p></footer>",  # another part of the page
    ],
)
def test_a_bare_number_without_a_label_above(body: str) -> None:
    assert "+4681234567" not in phones(body)


def test_house_number_and_postal_code_are_not_joined() -> None:
    assert phones("<address>Storgatan 12<br>111 22 Stockholm</address>") == {}


def test_premium_and_toll_free_are_classified() -> None:
    doc = Document(
        "<p>Telefonsupport: 0900-123 45 67</p><p>Kundtjänst: 020-12 34 56</p>", "https://www.kompis.se/"
    )
    facts = {f.e164: (f.number_type, f.premium_rate, f.toll_free) for f in gather_phones(doc, "SE")}
    assert facts == {
        "+469001234567": ("premium_rate", True, False),
        "+4620123456": ("toll_free", False, True),
    }


def test_deduplicated_by_e164_tel_link_first() -> None:
    body = '<p>Tel: 08-123 45 67</p><p><a href="tel:+4681234567">Ring oss</a></p><p>Tel +46 8 123 45 67</p>'
    assert phones(body) == {"+4681234567": "tel"}


def test_unparsable_tel_link_is_ignored() -> None:
    assert phones('<a href="tel:ring-oss">Ring</a>') == {}


def test_labelled_but_invalid_number_is_kept_as_invalid() -> None:
    from auditor.facts.dom import Document
    from auditor.facts.phones import gather_phones

    doc = Document("<p>Verantwortlich: Max Muster<br>Telefon: 17641857862<br>E-Mail: a@b.de</p>",
                   "https://shop.de/datenschutz")
    [fact] = gather_phones(doc, "DE")
    assert not fact.valid
    assert fact.raw == "17641857862"
    # Read with the missing trunk 0 it is a German mobile number.
    assert (fact.number_type, fact.e164) == ("missing_trunk_prefix", "+4917641857862")
    doc = Document("<p>Telefon: 12345678</p>", "https://shop.de/impressum")
    [fact] = gather_phones(doc, "DE")
    assert (fact.valid, fact.number_type) == (False, "invalid")


def test_valid_labelled_number_is_not_duplicated_as_invalid() -> None:
    from auditor.facts.dom import Document
    from auditor.facts.phones import gather_phones

    doc = Document("<p>Tel: 08-123 45 67<br>123 45 Stockholm</p><p>Org.nr: 556677-8899</p>", "https://x.se/")
    facts = gather_phones(doc, "SE")
    assert [(f.e164, f.valid) for f in facts] == [("+4681234567", True)]


def test_labelled_short_digits_or_order_numbers_are_not_phones() -> None:
    from auditor.facts.dom import Document
    from auditor.facts.phones import gather_phones

    doc = Document("<p>Ring oss 24/7. Ordernummer: 12345678901</p><p>Tel: 123</p>", "https://x.se/")
    assert gather_phones(doc, "SE") == []


@pytest.mark.parametrize(
    ("html", "region", "third_party"),
    [
        ("<p>Forbrukerrådet er tilgjengelig på telefon 23 400 500.</p>", "NO", True),
        ("<p>Du kan klaga hos Integritetsskyddsmyndigheten, telefon 08-657 61 00.</p>", "SE", True),
        ("<p>Vid tvist följer vi ARN:s beslut. Kundtjänst når du på telefon 08-545 123 45.</p>", "SE", False),
        ("<p>Ring oss på 08-545 123 45.</p>", "SE", False),
    ],
)
def test_number_in_a_sentence_about_a_public_body_is_theirs(html: str, region: str, third_party: bool) -> None:
    from auditor.facts.dom import Document
    from auditor.facts.phones import gather_phones

    [fact] = gather_phones(Document(html, "https://x.se/villkor"), region)
    assert fact.third_party is third_party


@pytest.mark.parametrize(
    ("html", "region"),
    [
        ("<p>Telefon: +45 12 34 56 78</p>", "DK"),  # a privacy template's stand-in, not dialable
        ("<p>Tel. 08-123 456 78</p>", "SE"),
        ("<p>Puhelin 09 12345678</p>", "FI"),
        ("<p>Puhelin 040 123 45678</p>", "FI"),
        ("<p>Telefon: 0000 0000</p>", "NO"),
        ("<p>Telefon: +49 30 98765432</p>", "DE"),
    ],
)
def test_stand_in_numbers_are_example_data(html: str, region: str) -> None:
    facts = gather_phones(Document(html, "https://x.dk/privatlivspolitik"), region)
    assert facts, "the number is still a fact: the rules name it as set aside"
    assert all(f.third_party and f.owner_reason == "example" for f in facts)


@pytest.mark.parametrize(
    ("html", "region"),
    [
        ("<p>Telefon: +45 33 12 87 54</p>", "DK"),
        ("<p>Kundtjänst: 08-545 123 45</p>", "SE"),
        ("<p>Kundtjänst: 08-123 45 67</p>", "SE"),  # seven in a run: left alone
        ("<p>Kostenlose Hotline: 0800 1234567</p>", "DE"),  # a service number may be chosen for its digits
    ],
)
def test_real_numbers_are_not_stand_ins(html: str, region: str) -> None:
    facts = gather_phones(Document(html, "https://x.dk/kontakt"), region)
    assert facts and not any(f.owner_reason == "example" for f in facts)


@pytest.mark.parametrize(
    ("digits", "expected"),
    [("12345678", True), ("4512345678", True), ("0123456789", True), ("98765432", True),
     ("11111111", True), ("3312875", False), ("0854512345", False), ("1234567", False),
     ("81234567", False)],
)
def test_placeholder_digits(digits: str, expected: bool) -> None:
    from auditor.facts.phones import placeholder_digits

    assert placeholder_digits(digits) is expected


def test_the_kept_international_bound_is_the_installed_metadatas() -> None:
    """The fewest digits of an international number, kept per phonenumbers version so that a
    process does not load every country's metadata: the figure of the installed version."""
    import phonenumbers

    from auditor.facts import phones

    known = phones.KNOWN_INTERNATIONAL_FEWEST.get(phonenumbers.__version__)  # another version: computed
    assert known is None or known == phones.international_fewest()
    assert phones.fewest_digits("SE") <= phones.international_fewest()


def test_a_run_of_number_characters_holds_its_digits() -> None:
    """The look before the matcher: one run of digits and number characters with so many digits
    (the same answer as counting the digits of every run, on made-up strings)."""
    import random
    import re

    from auditor.facts import phones

    def most(run: str, text: str) -> int:
        runs = re.findall(rf"(?:[{run}]|\d)+", text, re.IGNORECASE)
        return max((len(re.findall(r"\d", found)) for found in runs), default=0)

    assert phones._holds_digits(phones._NUMBER_RUN, "Ring 08-123 45 67 idag", 9)
    assert not phones._holds_digits(phones._NUMBER_RUN, "Ring 08-123 45 67 idag", 10)
    assert not phones._holds_digits(phones._LABELLED_RUN, "tel 12x34", 3)
    assert phones._holds_digits(phones._LABELLED_RUN, "nothing", 0)
    alphabet = [*"0123456789 -x.X()[]/+a\t", "\u00a0", "\u3000", "\uff10", "\u0663", "kr "]
    draw = random.Random(3)
    for _ in range(3000):
        text = "".join(draw.choice(alphabet) for _ in range(draw.randint(0, 24)))
        for run in (phones._NUMBER_RUN, phones._LABELLED_RUN):
            for count in range(8):
                assert phones._holds_digits(run, text, count) == (most(run, text) >= count), (text, count)


@pytest.mark.parametrize(
    ("body", "region", "e164"),
    [
        # a second word or a remark on the label
        ("<p>Fenwick &amp; Daughter<br>Tel/Fax: 01632 960 412</p>", "GB", "01632960412"),
        ("<p>Mobile (fairs only): 07700 900 583</p>", "GB", "07700900583"),
        ("<p>Telefon &amp; Fax: 040 123 45 67</p>", "DE", "+49401234567"),
        ("<p>TELEFON &amp; FAX: 040 123 45 67</p>", "DE", "+49401234567"),
        # a label in a heading above, a remark on a line of its own under the number
        ("<h4>Telefon</h4><p>0171 / 4 82 93 06<br><small>Während Shootings nicht erreichbar.</small></p>", "DE",
         "+491714829306"),
        # the markup names it a phone: a theme's top-bar item, an icon before it
        ('<div id="et-info"><span id="et-info-phone">01947 600 318</span> <span>Open Wed–Sun</span></div>', "GB",
         "+441947600318"),
        ('<ul><li><span><i aria-hidden="true" class="fas fa-phone-alt"></i></span><span>070-284 31 95</span></li>'
         '<li><span><i class="fas fa-truck"></i></span><span>Fri frakt över 900 kr</span></li></ul>', "SE",
         "+46702843195"),
    ],
)
def test_a_number_labelled_in_the_words_or_the_markup_is_a_phone(body: str, region: str, e164: str) -> None:
    doc = Document(f"<html><body>{body}</body></html>", "https://www.kompis.se/kontakt")
    assert e164 in {fact.e164 for fact in gather_phones(doc, region)}


@pytest.mark.parametrize(
    "body",
    [
        # a class for a phone-sized screen, or words that only contain "tel"/"call"
        '<ul><li><span><i class="et_pb_animation_top_phone"></i></span><span>070-284 31 95</span></li></ul>',
        '<ul><li><span><i class="hidden-phone fa-box"></i></span><span>070-284 31 95</span></li></ul>',
        '<p class="hotel-info">070-284 31 95</p>',
        '<p class="callout">070-284 31 95</p>',
        # an icon that is no phone's
        '<ul><li><span><i class="fas fa-box"></i></span><span>070-284 31 95</span></li></ul>',
    ],
)
def test_markup_that_names_no_telephone_labels_no_number(body: str) -> None:
    assert phones(body) == {}


@pytest.mark.parametrize(
    ("html", "region", "e164"),
    [
        ("<p>Sågverksgatan 4</p><p>724&nbsp;63 Västerås</p><p><span>&#8203;</span></p><p>070-318&nbsp;44&nbsp;52</p>",
         "SE", "+46703184452"),
        ("<p>post@verksted.no</p><p>912 34 567</p>", "NO", "+4791234567"),
    ],
)
def test_a_bare_number_under_the_address_or_email_of_a_contact_block(html: str, region: str, e164: str) -> None:
    doc = Document(f"<html><body><main>{html}</main></body></html>", "https://shop.example/kontakt")
    assert [p.e164 for p in gather_phones(doc, region)] == [e164]


def test_a_bare_invalid_number_under_a_postcode_is_no_phone() -> None:
    doc = Document("<html><body><main><p>724 63 Västerås</p><p>12345678</p></main></body></html>",
                   "https://shop.example/kontakt")
    assert gather_phones(doc, "SE") == []


def test_a_number_under_a_label_cell_with_a_remark_in_brackets() -> None:
    html = ("<html lang='nb'><body><main><table><tr><td><b>Telefon:</b></td>"
            "<td>936 41 207 (SMS eller ring etter kl. 16)</td></tr></table></main></body></html>")
    [found] = gather_phones(Document(html, "https://lysestaken.example/kontakt"), "NO")
    assert found.e164 == "+4793641207"


def test_a_product_tables_numbers_under_a_unit_are_no_contact_block() -> None:
    """"1800 mAh" in the cell before is no postcode and town: the article number after it is no
    phone standing under an address."""
    body = ("<table><tr><th>Produkt</th><th>Batteri</th><th>Varenr.</th></tr>"
            "<tr><td>Nordlys H600</td><td>Li-ion 1800 mAh</td><td>4012 8819</td></tr></table>")
    assert phones(body, "DK") == {}


def test_a_number_under_a_postcode_and_town_is_the_contact_blocks_phone() -> None:
    body = "<p>Vesterbrogade 12</p><p>1800 Frederiksberg</p><p>40 12 88 19</p>"
    assert phones(body, "DK") == {"+4540128819": "text"}
