"""One list of third parties for the email facts and the rules."""

from __future__ import annotations

import pytest

from auditor.facts.dom import Document
from auditor.facts.emails import classify_email, gather_emails
from auditor.facts.phones import gather_phones
from auditor.facts.third_parties import owner_by_context, owner_by_heading, third_parties


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Klarna Bank AB", True),
        ("Checkout Finland Oy", True),
        ("Powered by WordPress", True),  # formerly only in the email list
        ("Fraktas med PostNord", True),  # formerly only in the rules' list
        ("Sofort lieferbar", False),  # a German word; sofort.com counts as a domain only
        ("for example the shop", False),
        ("Netshop AB", False),  # whole words only
    ],
)
def test_names_in_text(text: str, named: bool) -> None:
    assert third_parties().named_in(text) is named


@pytest.mark.parametrize(
    ("address", "third_party"),
    [
        ("info@klarna.se", True),
        ("kundservice@postnord.se", True),
        ("support@checkoutfinland.fi", True),
        ("x@getswish.se", True),
        ("x@sofort.com", True),
        ("info@example.com", True),
        ("info@butik.se", False),
    ],
)
def test_email_domains(address: str, third_party: bool) -> None:
    assert classify_email(address, "https://www.butik.se/")[0] is third_party


def test_the_shop_itself_is_not_a_third_party() -> None:
    assert classify_email("kundservice@klarna.se", "https://www.klarna.se/") == (False, True)


@pytest.mark.parametrize(
    ("text", "region", "owner", "reason"),
    [
        ("Spørsmål om sendingen besvares av Bring på telefon 22 03 00 00.", "NO", "Bring", "context"),
        ("Har du frågor om leveransen? PostNord kundtjänst: 0771-33 33 10", "SE", "PostNord", "role"),
        ("Forbrukerrådet er tilgjengelig på telefon 23 400 500.", "NO", "Forbrukerrådet", "public_body"),
        ("Vi skickar med PostNord, och undrar du något, ring oss på 08-123 45 67.", "SE", "", None),
        ("Vi sender med GLS. Ring til os på tlf. 33 12 34 56.", "DK", "", None),
        # a partner introduced by its role: the number after its name is the partner's
        ("Reparasjoner gjøres av vår samarbeidspartner Nåløyet Sysalong i Bergen, tlf. 55 31 62 07.", "NO",
         "Nåløyet Sysalong", "role"),
        ("Vår partner Cykelfixarna når du på tel. 08-555 123 90.", "SE", "Cykelfixarna", "role"),
        # a definite noun that ends a name of the sentence before refers back to it
        ("Vi samarbeider med Kystfuglregisteret om ringmerking. Ring registeret på 38 09 55 12.", "NO",
         "Kystfuglregisteret", "role"),
        ("Butikken ligger i Storgata. Ring butikken på 38 09 55 12.", "NO", "", None),
        # a parcel agent, named after a preposition
        ("Paketen lämnas hos ombudet på Coop Slite, tel. 0498-22 10 40.", "SE", "Coop Slite", "role"),
        # the shop speaks for itself after the partner's name
        ("Vi lagar cyklar med vår partner Cykelfixarna, ring oss på tel. 08-555 123 90.", "SE", "", None),
    ],
)
def test_a_phone_number_belongs_to_the_party_its_sentence_names(
    text: str, region: str, owner: str, reason: str | None
) -> None:
    from auditor.facts.dom import Document
    from auditor.facts.phones import gather_phones

    [phone] = gather_phones(Document(f"<html><body><p>{text}</p></body></html>", "https://www.butik.se/"), region)
    assert (phone.third_party, phone.owner, phone.owner_reason) == (reason is not None, owner, reason)


@pytest.mark.parametrize(
    ("owner", "text", "site", "own"),
    [
        # the carrier's name inside the site's own name: the photographer's block
        ("Ingrid", "Ingrid Lie Foto c/o Studio Polarlys Storgata 41", "ingridliefoto.no", True),
        ("Ingrid", "Ingrid Lie Foto, Storgata 41", "www.ingridliefoto.co.uk", True),
        # the carrier itself, on another site: not the trader's
        ("Ingrid", "Vi levererar med Ingrid, Kungsgatan 5", "ingridliefoto.no", False),
        ("Klarna", "Klarna Bank AB, Sveavägen 46", "kaffekvarnen.se", False),
    ],
)
def test_a_third_partys_name_inside_the_sites_own_is_the_trader(owner: str, text: str, site: str, own: bool) -> None:
    from auditor.facts.third_parties import names_own_site

    assert names_own_site(owner, text, site) is own


@pytest.mark.parametrize(
    ("text", "maker"),
    [
        ("© 2026 Savipaja Routa Kotisivut: Verkkoveistämö · hei@verkkoveistamo.fi", "Verkkoveistämö"),
        ("Website by Pixel & Co, hello@pixelco.example", "Pixel & Co"),
        ("Nettside levert av Byråhuset AS: post@byraahuset.no", "Byråhuset AS"),
        ("Sivut tehnyt Pikselipaja, pikseli@pikselipaja.fi", "Pikselipaja"),
        ("Webdesign: Studio Nord GmbH – kontakt@studionord.de", "Studio Nord GmbH"),
        ("Webbplatsen är gjord av Kodkollektivet, hej@kodkollektivet.se", "Kodkollektivet"),
        ("© Bigården 2012 | Hemsidan gjord av Larssons Webb – webb@larssonswebb.se", "Larssons Webb"),
        ("Nettsiden er laget av Fjordpiksel AS, post@fjordpiksel.no", "Fjordpiksel AS"),
        ("Webseite erstellt von Pixelwerk Rhein, info@pixelwerk.example", "Pixelwerk Rhein"),
        # the shop itself as the work credited
        ("© Grytebua AS · Nettbutikk levert av Piksel & Pepper AS, tlf. 22 33 44 55", "Piksel & Pepper AS"),
        ("Webshop erstellt von Shopwerk Ost GmbH, Tel. 0341 123456", "Shopwerk Ost GmbH"),
    ],
)
def test_a_detail_in_a_credit_line_is_the_site_makers(text: str, maker: str) -> None:
    owner = owner_by_context(text, text.rindex(" ") + 1)
    assert owner is not None and (owner.name, owner.reason) == (maker, "role")


@pytest.mark.parametrize(
    "text",
    [
        "Design by Lena Holm | lena@holmkeramik.se",  # a small shop's owner is often its designer
        "Vi har en webbplats: info@butiken.se",  # the shop speaks
        "Hemsida: www.butiken.se, info@butiken.se",  # how a shop labels its own site
        "Kotisivut: www.savipaja.fi, info@savipaja.fi",
        "Website: butiken.co.uk, hello@butiken.co.uk",
        "Kotisivut: info@savipaja.fi",  # no one named
        "Vi har gjort hemsidan själva, hej@bigarden.se",  # the shop speaks
        "Nettbutikken drives av Grytebua AS, tlf. 22 33 44 55",  # run by, not made by: the trader
    ],
)
def test_a_site_label_or_a_designer_is_no_credit_line(text: str) -> None:
    assert owner_by_context(text, text.rindex(" ") + 1) is None


def test_a_mailto_link_in_a_credit_line_is_the_makers() -> None:
    html = ("<html><body><footer><p>© 2026 Savipaja Routa</p><p>Kotisivut: Verkkoveistämö · "
            "<a href='mailto:hei@verkkoveistamo.fi'>hei@verkkoveistamo.fi</a></p></footer></body></html>")
    [fact] = gather_emails(Document(html, "https://savipajarouta.fi/"), "savipajarouta.fi")
    assert (fact.third_party, fact.owner, fact.owner_reason) == (True, "Verkkoveistämö", "role")


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        ("Bedriftskurs formidles av Bergen Kursformidling, som har avtalene. Ring dem på 55 30 18 42",
         "Bergen Kursformidling"),
        ("Our frames come from Oak & Ash in Leeds. Call them on 0113 496 0000", "Oak & Ash"),
        ("Die Rahmen baut die Tischlerei Holzmann. Rufen Sie sie an: 0761 123456", "Tischlerei Holzmann"),
    ],
)
def test_a_detail_after_call_them_is_whoever_the_sentence_before_names(text: str, owner: str) -> None:
    found = owner_by_context(text, len(text) - 11)
    assert found is not None and found.name == owner


def test_call_us_after_a_name_stays_the_shops() -> None:
    text = "Våra ramar kommer från Snickeri Ek. Ring oss på 08-123 45 67"
    assert owner_by_context(text, len(text) - 11) is None


@pytest.mark.parametrize(
    ("text", "number", "owner"),
    [
        # British and Irish carriers
        ("You can also contact Royal Mail directly on 03457 740 710", "03457 740 710", "Royal Mail"),
        ("Evri customer service: 0330 808 5456", "0330 808 5456", "Evri"),
        ("An Post helpline 01 705 7600", "01 705 7600", "An Post"),
        # a party's genitive
        ("Du kan også ringe til PostNords kundeservice på 70 19 38 52", "70 19 38 52", "PostNord"),
        ("Klarnas kundtjänst 08-120 120 10", "08-120 120 10", "Klarna"),
    ],
)
def test_a_party_named_before_a_number_owns_it(text: str, number: str, owner: str) -> None:
    found = owner_by_context(text, text.index(number))
    assert found is not None and found.name == owner


def test_a_verb_that_is_a_carriers_s_form_names_no_one() -> None:
    text = "This brings us to our own line, 08-123 45 67"
    assert owner_by_context(text, len(text) - 11) is None


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        ("Har paketet fastnat kan du ringa PostNords kundtjänst på ", "PostNord"),
        ("Spørsmål om sendingen? Ring Posten kundesenter på ", "Posten"),
        ("Liegt das Paket in einer Filiale, kannst du die DHL-Hotline unter ", "DHL"),
        ("Følg pakken hos PostNord på postnord.dk eller ring til deres kundeservice på ", "PostNord"),
        # the reader sent to the party by a contacting verb right before its name
        ("Spørgsmål om din Klarna-faktura? Kontakt Klarna direkte på ", "Klarna"),
        ("Fragen zur Sendung? Wenden Sie sich an DHL unter ", "DHL"),
    ],
)
def test_a_named_partys_service_line_is_theirs_by_its_role(text: str, owner: str) -> None:
    found = owner_by_context(text, len(text))
    assert found is not None and found.reason == "role" and found.name.casefold() == owner.casefold()


@pytest.mark.parametrize(
    "text",
    [
        "Vi tar Klarna och Swish. Kundtjänst: ",  # the trader's own line after naming a provider
        "Betala med Klarna, ring vår kundtjänst på ",
    ],
)
def test_a_service_word_of_the_shop_is_no_role(text: str) -> None:
    found = owner_by_context(text, len(text))
    assert found is None or found.reason != "role"


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        # a product's maker in its safety information (GPSR), the role word in any case
        ("Valmistaja: Tekstiilivabrik Vare OÜ, Vabriku 3, 71015 Viljandi · +372 435 2218", "Tekstiilivabrik Vare OÜ"),
        ("Hersteller: Filzwerk Ahrens GmbH, Tel. +49 30 1234567", "Filzwerk Ahrens GmbH"),
        # a public or local institution
        ("Trenger du overnatting, kan Valdres turistkontor hjelpe deg på tlf. 61 36 44 20", "turistkontor"),
        ("Påmelding til biblioteket på tlf. 64 93 57 00", "biblioteket"),
        # public transport's information line
        ("Questions about bus times: call the SL traffic information line on 08-686 20 40", "traffic information"),
        ("Frågor om bussar? Ring trafikupplysningen på 0771-91 91 91", "trafikupplysningen"),
        # a harbour office
        ("Skal du parkere hele weekenden, så spørg havnekontoret på tlf. 62 23 30 11", "havnekontoret"),
        # a Finnish case ending on a carrier's name
        ("voit olla yhteydessä myös Omnivan asiakaspalveluun (+372 661 4127)", "Omniva"),
        # development credited with a colon
        ("Design & utveckling: Veebikoda OÜ, +372 5823 4417", "Veebikoda OÜ"),
    ],
)
def test_makers_institutions_and_inflected_names_own_their_details(text: str, owner: str) -> None:
    found = owner_by_context(text, text.rindex("+") if "+" in text else len(text) - 11)
    assert found is not None and found.name.lower() == owner.lower()


def test_the_shop_speaking_after_an_institution_keeps_its_number() -> None:
    text = "Kursen hålls på biblioteket, men anmäl dig till oss på 08-123 45 67"
    assert owner_by_context(text, text.index("08-")) is None


@pytest.mark.parametrize(
    ("owner", "address", "own"),
    [
        ("Verkkoveistämö", "hei@verkkoveistamo.fi", True),
        ("Pixel & Co", "hello@pixelco.co.uk", True),
        ("Klarna", "kundservice@butiken.se", False),
        ("DHL", "info@dhl.de", False),  # too short a name to tell by letters
    ],
)
def test_an_email_at_the_named_partys_own_domain(owner: str, address: str, own: bool) -> None:
    from auditor.facts.third_parties import names_email_domain

    assert names_email_domain(owner, address) is own


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        ("Vil du leie verkstedet? Det formidles av Midtbyen Event, tlf. 73 10 20 44", "Midtbyen Event"),
        ("Bei Fragen zur Zustellung erreichen Sie PPL unter +420 225 331 100", "PPL"),
    ],
)
def test_an_arranger_or_a_carrier_abroad_owns_its_number(text: str, owner: str) -> None:
    start = text.index("+") if "+" in text else text.index("73 10")
    found = owner_by_context(text, start)
    assert found is not None and found.name == owner


def test_a_hosting_credit_names_the_maker_without_its_town() -> None:
    text = "© 2026 Bursztynova Sp. z o.o. | Design & hosting: Kodkraft Studio, Gdynia, tel. +48 58 712 40 19"
    found = owner_by_context(text, text.index("+48"))
    assert found is not None and found.name == "Kodkraft Studio"


@pytest.mark.parametrize(
    "text",
    [
        "Vi finns i Nesodden kommune, telefon 64 91 00 00",  # where the shop is, said by the shop
        "For all kommunikasjon med kundeservice: 22 33 44 55",  # no municipality
    ],
)
def test_an_institution_word_that_does_not_name_another_party(text: str) -> None:
    assert owner_by_context(text, text.rindex(" ") - 8) is None


def test_a_role_word_followed_by_the_shop_itself_names_no_one_else() -> None:
    text = "Produsent: Vi lager alt selv i verkstedet, tlf. 22 33 44 55"
    assert owner_by_context(text, text.index("22 33")) is None


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        # Finnish consonant gradation before the case ending: "Matkahuolto" – "Matkahuollon"
        ("Kadonneista paketeista voit soittaa myös Matkahuollon asiakaspalveluun, puh. ", "Matkahuolto"),
    ],
)
def test_a_finnish_name_in_its_weak_grade_names_the_party(text: str, owner: str) -> None:
    found = owner_by_context(text, len(text))
    assert found is not None and found.name == owner


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        ("Garmin sin egen support i Norden har telefon ", "Garmin"),
        ("Frågor om klockan? Garmins egen kundtjänst nås på ", "Garmin"),
        ("For the watch itself, call Garmin's own support line on ", "Garmin"),
    ],
)
def test_another_partys_own_service_line_is_theirs(text: str, owner: str) -> None:
    found = owner_by_context(text, len(text))
    assert found is not None and (found.name, found.reason) == (owner, "role")


def test_our_own_service_line_stays_the_shops() -> None:
    text = "Vår egen kundtjänst nås på "
    assert owner_by_context(text, len(text)) is None


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        ("Sopimushuoltomme Suomessa: Huoltopiste Voltti, Valimotie 12, 01510 Vantaa, puh. 040 718 2293.",
         "Huoltopiste Voltti"),
        ("Servicepartner: Elektro Nord AS, tlf. 22 33 44 55", "Elektro Nord AS"),
    ],
)
def test_an_authorised_repairers_number_is_the_repairers(text: str, owner: str) -> None:
    found = owner_by_context(text, text.rfind(" ") + 1)
    assert found is not None and found.name == owner


def test_the_shop_as_someone_elses_service_partner_keeps_its_number() -> None:
    text = "Vi er autorisert servicepartner for Bosch, tlf. 22 33 44 55"
    assert owner_by_context(text, text.rfind(" ") + 1) is None


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        # a haulier named by its trade, its firm in brackets
        ("Vognmanden (Friis Fragt ApS) sender en sms og ringer fra 61 22 04 18, når vognen er på vej.",
         "Friis Fragt ApS"),
        ("Åkeriet Berglunds Frakt ringer dagen innan från 070-123 45 67.", "Berglunds Frakt"),
    ],
)
def test_a_haulier_named_by_its_trade_owns_its_number(text: str, owner: str) -> None:
    found = owner_by_context(text, next(i for i, c in enumerate(text) if c.isdigit()))
    assert found is not None and found.name == owner


def test_a_haulier_the_shop_speaks_for_keeps_the_shops_number() -> None:
    text = "Vi kører med vognmand Friis Fragt, men ring til os på 61 22 04 18."
    assert owner_by_context(text, text.index("61 22")) is None


@pytest.mark.parametrize(
    ("heading", "before", "owner"),
    [
        ("Partnergeschäft Dresden", "Lichtgestalt Einrichtungen, Königsbrücker Straße 61, 01099 Dresden\nTel. ",
         "Lichtgestalt Einrichtungen"),
        ("Vår samarbetspartner i Umeå", "Cykelfixarna\nStorgatan 3, 903 26 Umeå\nTel. ", "Cykelfixarna"),
    ],
)
def test_a_card_under_a_partners_heading_is_the_partners(heading: str, before: str, owner: str) -> None:
    found = owner_by_heading(heading, before)
    assert found is not None and found.name == owner


@pytest.mark.parametrize(
    ("heading", "before"),
    [
        ("Kundeservice", "Lampehuset ApS, Vestergade 3, 8000 Aarhus\nTlf. "),  # no partner's role
        ("Partnergeschäft Dresden", "Tel. "),  # the number on the card's first line: no name of its own
        ("Partnergeschäft Dresden", "Telefon\n"),  # a label, not a name
        ("Partner werden", "Sie erreichen uns unter\n"),  # the shop speaks for itself
        ("Partnerprogramm", "Kabelpendel GmbH, Spinnereistraße 9\nTel. "),  # a role and no name after it
    ],
)
def test_a_card_under_another_heading_names_no_partner(heading: str, before: str) -> None:
    assert owner_by_heading(heading, before) is None


def test_a_store_locators_partner_card_keeps_its_number_from_the_shop() -> None:
    html = (
        "<html><body><main><div class='store'><h2>Kabelpendel Showroom</h2><p>Spinnereistraße 9<br>04179 Leipzig"
        "<br>Tel. 0341 22 33 44 55</p></div><div class='store'><h2>Partnergeschäft Dresden</h2>"
        "<p>Lichtgestalt Einrichtungen, Königsbrücker Straße 61, 01099 Dresden<br>Tel. 0351 21 84 55 09</p>"
        "</div></main></body></html>"
    )
    owners = {f.raw: f.owner for f in gather_phones(Document(html, "https://kabelpendel.de/showroom"), "DE")}
    assert owners["0341 22 33 44 55"] == ""
    assert owners["0351 21 84 55 09"] == "Lichtgestalt Einrichtungen"


def test_the_couriers_desk_is_the_courier_the_sentence_before_names() -> None:
    text = ("We deliver with our courier partner, Liffey Couriers. If you have a question about a delivery on "
            "the road, you can ring the courier's dispatch desk on 01 485 2291.")
    found = owner_by_context(text, text.index("01 485"))
    assert found is not None and found.name == "Liffey Couriers"


def test_calling_us_after_the_couriers_desk_is_the_shops_number() -> None:
    text = "We use Dublin Couriers for big items. Call the courier's desk on 01 485 2291 or call us on 01 222 3333."
    assert owner_by_context(text, text.index("01 222")) is None


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        ("Har du spørgsmål om beviset, kan du også kontakte Søfartsstyrelsen, tlf. 72 19 60 40", "Søfartsstyrelsen"),
        ("Frågor om körkort? Ring Transportstyrelsen på 0771-503 503", "Transportstyrelsen"),
        ("Bei Fragen zum Zoll wenden Sie sich an das Bundesamt für Zoll, Tel. 0351 44834510", "Bundesamt für Zoll"),
    ],
)
def test_an_agency_known_by_the_form_of_its_name_owns_its_number(text: str, owner: str) -> None:
    found = owner_by_context(text, len(text) - 11)
    assert found is not None and found.name == owner


@pytest.mark.parametrize(
    "text",
    [
        "Vi på Kaffeverket svarar på 08-123 45 67",  # "-verket" is a shop's name as often as an agency's
        "Besök oss i Mosseby köpcentrum eller ring 08-123 45 67",
    ],
)
def test_a_shop_named_like_a_works_is_no_agency(text: str) -> None:
    assert owner_by_context(text, len(text) - 11) is None


def test_a_named_partys_service_line_by_its_genitive_is_theirs() -> None:
    text = "Har du spørgsmål om din pakke, kan du ringe direkte til Nordleverings kundeservice på 70 20 41 88."
    found = owner_by_context(text, text.index("70 20"))
    assert found is not None and found.name == "Nordlevering"


@pytest.mark.parametrize(
    "text",
    [
        "Butikkens kundeservice nås på 70 20 41 88.",  # a first word is capitalised as such
        "Ring til Nordleverings kundeservice, eller til os på 70 20 41 88.",  # the shop speaks after the name
    ],
)
def test_a_genitive_opening_the_sentence_or_before_the_shop_speaking_names_no_one(text: str) -> None:
    assert owner_by_context(text, text.index("70 20")) is None


def test_a_makers_support_line_after_its_credit_is_the_makers() -> None:
    text = "© 2026 Flettekurven · Webshop udviklet og hostet af Pixelbyg ApS · Support til butikken: tlf. 42 17 90 36"
    found = owner_by_context(text, text.index("42 17"))
    assert found is not None and found.name == "Pixelbyg ApS"


def test_their_customer_service_after_a_number_names_its_owner() -> None:
    from auditor.facts.third_parties import owner_after

    text = ("0771-20 45 60\nFrågor om faktura eller delbetalning via Kassagruppen – deras kundservice har öppet "
            "08.00–18.00.")
    found = owner_after(text, len("0771-20 45 60"))
    assert found is not None and found.name == "Kassagruppen"
    assert owner_after("070-123 45 67\nRing oss vardagar.", len("070-123 45 67")) is None


def test_a_payment_service_named_by_its_trade_owns_its_address() -> None:
    text = "Maksuihin liittyvät kysymykset: maksupalvelu Maksulinkki, tugi@maksulinkki.ee"
    found = owner_by_context(text, text.index("tugi@"))
    assert found is not None and found.name == "Maksulinkki"


def test_a_community_house_rented_as_a_venue_owns_its_address() -> None:
    text = "Kurslokale: Storhaug bydelshus, Ryfylkegata 14, 4014 Stavanger"
    found = owner_by_context(text, text.index("Ryfylkegata"))
    assert found is not None and found.name.lower() == "bydelshus"


def test_a_venue_the_shop_is_in_stays_the_shops() -> None:
    text = "Vi holder til i Kulturhuset, Storgata 3, 0155 Oslo"
    assert owner_by_context(text, text.index("Storgata")) is None


def test_a_name_called_they_after_the_number_owns_it() -> None:
    from auditor.facts.third_parties import owner_after

    text = "Ring til Nordlevering på 70 20 41 88 – de kan se din pakke i deres system."
    found = owner_after(text, text.index("88") + 2, text.index("70 20"))
    assert found is not None and found.name == "Nordlevering"
    shop = "Ring til os på 70 20 41 88 – de kan se din pakke."
    assert owner_after(shop, shop.index("88") + 2, shop.index("70 20")) is None


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        ("Shop-Betreuung & Hosting: Deichwerk Digital GmbH · Tel. 040 / 88 17 42 30", "Deichwerk Digital GmbH"),
        ("Frågor om transporten ställer du direkt till Nordpaket kundtjänst, 010-455 12 00.", "Nordpaket"),
    ],
)
def test_a_hosts_line_and_a_named_service_line_are_theirs(text: str, owner: str) -> None:
    found = owner_by_context(text, next(i for i, c in enumerate(text) if c.isdigit()))
    assert found is not None and found.name == owner
