"""A simulated web of shops for the benchmark: generated in code, served from many loopback hosts.

Each shop is a site of 10-40 pages in Swedish, Norwegian, Danish, Finnish or German: a home page,
categories and products, a contact page, terms, returns (withdrawal) and often a complaints, FAQ,
shipping, imprint and privacy page, with a header mega-menu and a footer of service links, as
real shops have. By default (``--sentences 100-400``) the terms, returns, complaints, FAQ,
service and shipping pages carry 100-400 sentences of legal wording with tables and lists, and
product pages a description (bench/textpages.py), as real ones do; ``--sentences 0`` gives the
light pages of the first benchmark (a few sentences each). Some shops load a chat widget, some
draw their contact details with JavaScript and a few are single-page apps whose static HTML is an
empty shell. Pages weigh what real shop pages weigh (inline CSS, a state JSON, SVG icons,
JSON-LD): 25-150 kB of HTML, gzip on the wire.

Every shop is served on its own address (127.64.0.1, 127.64.0.2, ...; one port for all) by one
asyncio process. Each answer waits ``latency`` seconds before its first byte, and its body is
paced to ``bandwidth`` bytes per second. Nothing is stored on disk: a page is generated from the
shop's seed when it is asked for, so the same seed always gives the same web.

    .venv/bin/python -m bench.simweb --sites 500 --latency 0.1 --list sites.csv
    .venv/bin/python -m bench.simweb --sites 100 --sentences 0      # the light shops of old
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import gzip
import json
import random
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench import textpages

#: First address of the simulated web; shop n is served on this address + n.
BASE_ADDRESS = (127, 64, 0, 1)
DEFAULT_SITES = 500
DEFAULT_LATENCY = 0.1
#: Bytes per second per answer; 0 means no limit. 2 MB/s is a modest shop server.
DEFAULT_BANDWIDTH = 2_000_000
_CHUNK = 16 * 1024


def address(index: int, base: tuple[int, int, int, int] = BASE_ADDRESS) -> str:
    """Loopback address of shop ``index`` (0-based): 127.64.0.1 ... 127.64.0.250, 127.64.1.1 ..."""
    number = base[3] - 1 + index
    third, fourth = divmod(number, 250)
    return f"{base[0]}.{base[1]}.{base[2] + third}.{fourth + 1}"


# ---------------------------------------------------------------------------------------- words

@dataclass(frozen=True)
class Lang:
    """What a shop in one language calls its pages and writes on them."""

    code: str
    company_form: str
    currency: str
    cities: tuple[tuple[str, str, str], ...]  # street, postal code, city
    phone: str  # format with {a} {b} {c} digits
    org_label: str
    slugs: dict[str, str]
    titles: dict[str, str]
    texts: dict[str, str]
    words: tuple[str, ...]
    categories: tuple[str, ...]
    products: tuple[str, ...]
    ui: dict[str, str] = field(default_factory=dict)


SV = Lang(
    code="sv", company_form="AB", currency="kr",
    cities=(("Storgatan {n}", "111 22", "Stockholm"), ("Kungsgatan {n}", "411 19", "Göteborg"),
            ("Södergatan {n}", "211 34", "Malmö"), ("Drottninggatan {n}", "753 10", "Uppsala")),
    phone="08-{a} {b} {c}", org_label="Org.nr",
    slugs={"contact": "kontakta-oss", "service": "kundtjanst", "terms": "kopvillkor", "returns": "angerratt",
           "complaints": "reklamation", "about": "om-oss", "privacy": "integritetspolicy", "shipping": "leverans",
           "faq": "vanliga-fragor", "imprint": "foretagsinformation", "form": "angerblankett",
           "category": "kategori", "product": "produkt", "checkout": "kassa", "account": "mitt-konto"},
    titles={"contact": "Kontakta oss", "service": "Kundtjänst", "terms": "Köpvillkor",
            "returns": "Ångerrätt & returer", "complaints": "Reklamation", "about": "Om oss",
            "privacy": "Integritetspolicy", "shipping": "Leverans", "faq": "Vanliga frågor",
            "imprint": "Företagsinformation", "form": "Ångerblankett", "home": "Startsida",
            "checkout": "Kassa", "account": "Mitt konto"},
    texts={
        "intro": "Välkommen till {name}. Vi säljer {topic} från små tillverkare i Norden och skickar inom "
                 "1–3 vardagar.",
        "contact": "Har du frågor om en beställning? Hör av dig till vår kundtjänst så hjälper vi dig. "
                   "Vi svarar på e-post inom en arbetsdag.",
        "hours": "Telefontider: mån–fre 9–17, lör 10–14.",
        "terms": "Dessa köpvillkor gäller när du handlar av {company} ({org}). Priserna anges inklusive moms. "
                 "Vi levererar inom Sverige. Du har alltid 14 dagars ångerrätt enligt distansavtalslagen.",
        "returns": "Du har 14 dagars ångerrätt från den dag du tog emot varan. Meddela oss att du ångrar köpet "
                   "via e-post eller med standardformuläret för ånger. Returfrakten betalar du själv. "
                   "Vi återbetalar beloppet inom 14 dagar.",
        "complaints": "Du har rätt att reklamera fel på varan i tre år enligt konsumentköplagen. Reklamera "
                      "inom skälig tid, två månader räknas alltid som skälig tid. Om vi inte kommer överens "
                      "kan du vända dig till Allmänna reklamationsnämnden (ARN), Box 174, 101 23 Stockholm.",
        "odr": "EU-kommissionens plattform för tvistlösning online:",
        "about": "{company} grundades {year} i {city}. Vi är {staff} personer som brinner för {topic}.",
        "privacy": "Vi behandlar dina personuppgifter enligt dataskyddsförordningen (GDPR). "
                   "Personuppgiftsansvarig är {company}.",
        "shipping": "Vi skickar med PostNord och DHL. Fri frakt över 799 kr. Leveranstid 1–3 vardagar.",
        "faq": "Hur lång är leveranstiden? Normalt 1–3 vardagar. Kan jag ändra min order? Kontakta kundtjänst "
               "så snart som möjligt.",
        "form": "Fyll i och skicka detta formulär endast om du vill utnyttja din ångerrätt. Till {company}: "
                "Jag meddelar härmed att jag vill frånträda mitt avtal om köp av följande varor.",
        "product": "Tillverkad i hållbart material med omsorg om detaljerna. Tål daglig användning.",
        "noscript": "Aktivera JavaScript för att se våra kontaktuppgifter.",
        "spa": "Du behöver aktivera JavaScript för att handla hos {name}.",
        "cart": "Varukorg", "search": "Sök", "newsletter": "Prenumerera på vårt nyhetsbrev",
        "price_incl": "inkl. moms", "buy": "Lägg i varukorgen", "email": "E-post", "phone": "Telefon",
        "name": "Namn", "message": "Meddelande", "send": "Skicka", "address": "Adress",
    },
    words=("hållbar", "trä", "ull", "keramik", "handgjord", "nordisk", "klassisk", "mjuk", "tålig", "ek",
           "lin", "sommar", "vinter", "design", "kvalitet", "färg", "storlek", "leverans", "present", "hem"),
    categories=("Inredning", "Trädgård", "Kök", "Textil", "Belysning", "Barn", "Förvaring", "Presenter"),
    products=("Ullpläd", "Odlingsbank", "Skärbräda", "Bordslampa", "Kudde", "Kruka", "Pall", "Korg", "Ljusstake",
              "Matta", "Glas", "Skål", "Handduk", "Förkläde", "Vas"),
)

NB = Lang(
    code="nb", company_form="AS", currency="kr",
    cities=(("Storgata {n}", "0155", "Oslo"), ("Bryggen {n}", "5003", "Bergen"),
            ("Munkegata {n}", "7013", "Trondheim")),
    phone="+47 22 {a} {b}", org_label="Org.nr.",
    slugs={"contact": "kontakt-oss", "service": "kundeservice", "terms": "kjopsvilkar", "returns": "angrerett",
           "complaints": "reklamasjon", "about": "om-oss", "privacy": "personvern", "shipping": "frakt",
           "faq": "ofte-stilte-sporsmal", "imprint": "firmainformasjon", "form": "angreskjema",
           "category": "kategori", "product": "produkt", "checkout": "kasse", "account": "min-side"},
    titles={"contact": "Kontakt oss", "service": "Kundeservice", "terms": "Kjøpsvilkår",
            "returns": "Angrerett og retur", "complaints": "Reklamasjon", "about": "Om oss",
            "privacy": "Personvern", "shipping": "Frakt og levering", "faq": "Ofte stilte spørsmål",
            "imprint": "Firmainformasjon", "form": "Angreskjema", "home": "Hjem", "checkout": "Kasse",
            "account": "Min side"},
    texts={
        "intro": "Velkommen til {name}. Vi selger {topic} fra små produsenter i Norden og sender innen 1–3 virkedager.",
        "contact": "Har du spørsmål om en bestilling? Ta kontakt med kundeservice, så hjelper vi deg.",
        "hours": "Åpningstider kundeservice: man–fre 9–16.",
        "terms": "Disse kjøpsvilkårene gjelder når du handler hos {company} ({org}). Alle priser er inkludert mva. "
                 "Du har 14 dagers angrerett etter angrerettloven.",
        "returns": "Du har 14 dagers angrerett fra du mottok varen. Gi oss beskjed på e-post eller med "
                   "angreskjemaet. Du betaler selv returfrakten. Vi tilbakebetaler innen 14 dager.",
        "complaints": "Reklamasjonsfristen er to år, og fem år for varer som skal vare vesentlig lenger, etter "
                      "forbrukerkjøpsloven. Ved uenighet kan du kontakte Forbrukertilsynet og Forbrukerrådet.",
        "odr": "EU-kommisjonens plattform for tvisteløsning på nett:",
        "about": "{company} ble startet i {year} i {city}. Vi er {staff} ansatte som er glade i {topic}.",
        "privacy": "Vi behandler personopplysninger etter personopplysningsloven og GDPR. "
                   "Behandlingsansvarlig er {company}.",
        "shipping": "Vi sender med Posten og Bring. Fri frakt over 999 kr. Leveringstid 2–4 virkedager.",
        "faq": "Hvor lang er leveringstiden? Vanligvis 2–4 virkedager. Kan jeg endre ordren? Kontakt kundeservice.",
        "form": "Fyll ut og returner dette skjemaet dersom du ønsker å gå fra avtalen. Til {company}.",
        "product": "Laget i slitesterkt materiale med omtanke for detaljene. Tåler daglig bruk.",
        "noscript": "Slå på JavaScript for å se kontaktinformasjonen vår.",
        "spa": "Du må slå på JavaScript for å handle hos {name}.",
        "cart": "Handlekurv", "search": "Søk", "newsletter": "Meld deg på nyhetsbrevet",
        "price_incl": "inkl. mva", "buy": "Legg i handlekurven", "email": "E-post", "phone": "Telefon",
        "name": "Navn", "message": "Melding", "send": "Send", "address": "Adresse",
    },
    words=("holdbar", "tre", "ull", "keramikk", "håndlaget", "nordisk", "klassisk", "myk", "slitesterk", "eik",
           "lin", "sommer", "vinter", "design", "kvalitet", "farge", "størrelse", "levering", "gave", "hjem"),
    categories=("Interiør", "Hage", "Kjøkken", "Tekstil", "Belysning", "Barn", "Oppbevaring", "Gaver"),
    products=("Ullpledd", "Plantekasse", "Skjærebrett", "Bordlampe", "Pute", "Potte", "Krakk", "Kurv",
              "Lysestake", "Teppe", "Glass", "Bolle", "Håndkle", "Forkle", "Vase"),
)

DA = Lang(
    code="da", company_form="ApS", currency="kr.",
    cities=(("Vestergade {n}", "1456", "København K"), ("Søndergade {n}", "8000", "Aarhus C"),
            ("Kongensgade {n}", "5000", "Odense C")),
    phone="+45 33 {a} {b}", org_label="CVR-nr.",
    slugs={"contact": "kontakt-os", "service": "kundeservice", "terms": "handelsbetingelser",
           "returns": "fortrydelsesret", "complaints": "reklamation", "about": "om-os",
           "privacy": "privatlivspolitik", "shipping": "levering", "faq": "ofte-stillede-sporgsmal",
           "imprint": "virksomhedsoplysninger", "form": "fortrydelsesformular", "category": "kategori",
           "product": "produkt", "checkout": "kassen", "account": "min-konto"},
    titles={"contact": "Kontakt os", "service": "Kundeservice", "terms": "Handelsbetingelser",
            "returns": "Fortrydelsesret og returnering", "complaints": "Reklamation", "about": "Om os",
            "privacy": "Privatlivspolitik", "shipping": "Levering", "faq": "Ofte stillede spørgsmål",
            "imprint": "Virksomhedsoplysninger", "form": "Fortrydelsesformular", "home": "Forside",
            "checkout": "Kassen", "account": "Min konto"},
    texts={
        "intro": "Velkommen til {name}. Vi sælger {topic} fra små producenter i Norden og sender inden for "
                 "1–3 hverdage.",
        "contact": "Har du spørgsmål til en ordre? Kontakt vores kundeservice, så hjælper vi dig.",
        "hours": "Åbningstider: man–fre 9–16.",
        "terms": "Disse handelsbetingelser gælder for køb hos {company} ({org}). Alle priser er inkl. moms. "
                 "Du har 14 dages fortrydelsesret efter forbrugeraftaleloven.",
        "returns": "Du har 14 dages fortrydelsesret fra den dag, du modtager varen. Giv os besked pr. e-mail eller "
                   "med standardfortrydelsesformularen. Du betaler selv returfragten.",
        "complaints": "Du har 2 års reklamationsret efter købeloven. Hvis vi ikke kan blive enige, kan du klage "
                      "til Nævnenes Hus, Toldboden 2, 8800 Viborg.",
        "odr": "EU-Kommissionens online klageportal:",
        "about": "{company} blev grundlagt i {year} i {city}. Vi er {staff} medarbejdere med passion for {topic}.",
        "privacy": "Vi behandler dine personoplysninger efter databeskyttelsesforordningen. "
                   "Dataansvarlig er {company}.",
        "shipping": "Vi sender med PostNord og GLS. Fri fragt over 499 kr. Leveringstid 1–3 hverdage.",
        "faq": "Hvor lang er leveringstiden? Normalt 1–3 hverdage. Kan jeg ændre min ordre? Kontakt kundeservice.",
        "form": "Udfyld og returner kun denne formular, hvis du ønsker at fortryde aftalen. Til {company}.",
        "product": "Fremstillet i holdbart materiale med sans for detaljen. Tåler daglig brug.",
        "noscript": "Slå JavaScript til for at se vores kontaktoplysninger.",
        "spa": "Du skal slå JavaScript til for at handle hos {name}.",
        "cart": "Kurv", "search": "Søg", "newsletter": "Tilmeld dig nyhedsbrevet",
        "price_incl": "inkl. moms", "buy": "Læg i kurv", "email": "E-mail", "phone": "Telefon",
        "name": "Navn", "message": "Besked", "send": "Send", "address": "Adresse",
    },
    words=("holdbar", "træ", "uld", "keramik", "håndlavet", "nordisk", "klassisk", "blød", "slidstærk", "eg",
           "hør", "sommer", "vinter", "design", "kvalitet", "farve", "størrelse", "levering", "gave", "hjem"),
    categories=("Bolig", "Have", "Køkken", "Tekstiler", "Belysning", "Børn", "Opbevaring", "Gaver"),
    products=("Uldplaid", "Plantekasse", "Skærebræt", "Bordlampe", "Pude", "Urtepotte", "Skammel", "Kurv",
              "Lysestage", "Tæppe", "Glas", "Skål", "Håndklæde", "Forklæde", "Vase"),
)

FI = Lang(
    code="fi", company_form="Oy", currency="€",
    cities=(("Mannerheimintie {n}", "00100", "Helsinki"), ("Hämeenkatu {n}", "33100", "Tampere"),
            ("Aurakatu {n}", "20100", "Turku")),
    phone="+358 9 {a} {b}{c}", org_label="Y-tunnus",
    slugs={"contact": "yhteystiedot", "service": "asiakaspalvelu", "terms": "toimitusehdot",
           "returns": "palautukset", "complaints": "reklamaatiot", "about": "tietoa-meista",
           "privacy": "tietosuoja", "shipping": "toimitus", "faq": "usein-kysyttya",
           "imprint": "yritystiedot", "form": "peruuttamislomake", "category": "kategoria",
           "product": "tuote", "checkout": "kassa", "account": "oma-tili"},
    titles={"contact": "Yhteystiedot", "service": "Asiakaspalvelu", "terms": "Toimitusehdot",
            "returns": "Palautukset ja peruutusoikeus", "complaints": "Reklamaatiot", "about": "Tietoa meistä",
            "privacy": "Tietosuojaseloste", "shipping": "Toimitus", "faq": "Usein kysyttyä",
            "imprint": "Yritystiedot", "form": "Peruuttamislomake", "home": "Etusivu", "checkout": "Kassa",
            "account": "Oma tili"},
    texts={
        "intro": "Tervetuloa {name} -verkkokauppaan. Myymme {topic} pohjoismaisilta valmistajilta.",
        "contact": "Onko sinulla kysyttävää tilauksesta? Ota yhteyttä asiakaspalveluumme, autamme mielellämme.",
        "hours": "Asiakaspalvelu palvelee ma–pe klo 9–16.",
        "terms": "Nämä toimitusehdot koskevat ostoksia {company} ({org}) verkkokaupasta. Hinnat sisältävät "
                 "arvonlisäveron. Sinulla on 14 päivän peruuttamisoikeus kuluttajansuojalain mukaan.",
        "returns": "Sinulla on 14 päivän peruuttamisoikeus tuotteen vastaanottamisesta. Ilmoita peruutuksesta "
                   "sähköpostilla tai peruuttamislomakkeella. Palautuskulut maksat itse.",
        "complaints": "Jos tuotteessa on virhe, tee reklamaatio kohtuullisessa ajassa. Erimielisyydet voit "
                      "saattaa kuluttajariitalautakunnan käsiteltäviksi.",
        "odr": "EU:n verkkovälitteinen riidanratkaisufoorumi:",
        "about": "{company} perustettiin vuonna {year} {city}ssa. Meitä on {staff} ja rakastamme {topic}.",
        "privacy": "Käsittelemme henkilötietoja EU:n tietosuoja-asetuksen mukaisesti. Rekisterinpitäjä on {company}.",
        "shipping": "Toimitamme Postin ja Matkahuollon kautta. Toimitusaika 1–3 arkipäivää.",
        "faq": "Kauanko toimitus kestää? Yleensä 1–3 arkipäivää. Voinko muuttaa tilaustani? Ota yhteyttä.",
        "form": "Täytä ja palauta tämä lomake vain, jos haluat peruuttaa sopimuksen. Vastaanottaja: {company}.",
        "product": "Valmistettu kestävästä materiaalista huolella. Kestää päivittäistä käyttöä.",
        "noscript": "Ota JavaScript käyttöön nähdäksesi yhteystietomme.",
        "spa": "Ota JavaScript käyttöön asioidaksesi {name} -kaupassa.",
        "cart": "Ostoskori", "search": "Haku", "newsletter": "Tilaa uutiskirje",
        "price_incl": "sis. alv", "buy": "Lisää ostoskoriin", "email": "Sähköposti", "phone": "Puhelin",
        "name": "Nimi", "message": "Viesti", "send": "Lähetä", "address": "Osoite",
    },
    words=("kestävä", "puu", "villa", "keramiikka", "käsintehty", "pohjoismainen", "klassinen", "pehmeä",
           "tammi", "pellava", "kesä", "talvi", "design", "laatu", "väri", "koko", "toimitus", "lahja", "koti"),
    categories=("Sisustus", "Puutarha", "Keittiö", "Tekstiilit", "Valaisimet", "Lapset", "Säilytys", "Lahjat"),
    products=("Villahuopa", "Kasvulaatikko", "Leikkuulauta", "Pöytävalaisin", "Tyyny", "Ruukku", "Jakkara",
              "Kori", "Kynttilänjalka", "Matto", "Lasi", "Kulho", "Pyyhe", "Esiliina", "Maljakko"),
)

DE = Lang(
    code="de", company_form="GmbH", currency="€",
    cities=(("Hauptstraße {n}", "10115", "Berlin"), ("Schillerstraße {n}", "80336", "München"),
            ("Mönckebergstraße {n}", "20095", "Hamburg"), ("Hohe Straße {n}", "50667", "Köln")),
    phone="+49 30 {a}{b}{c}", org_label="Handelsregister: Amtsgericht Berlin, HRB",
    slugs={"contact": "kontakt", "service": "hilfe", "terms": "agb", "returns": "widerrufsbelehrung",
           "complaints": "gewaehrleistung", "about": "ueber-uns", "privacy": "datenschutz", "shipping": "versand",
           "faq": "faq", "imprint": "impressum", "form": "widerrufsformular", "category": "kategorie",
           "product": "produkt", "checkout": "kasse", "account": "mein-konto"},
    titles={"contact": "Kontakt", "service": "Hilfe & Kundenservice", "terms": "AGB",
            "returns": "Widerrufsbelehrung", "complaints": "Gewährleistung", "about": "Über uns",
            "privacy": "Datenschutz", "shipping": "Versand & Lieferung", "faq": "Häufige Fragen",
            "imprint": "Impressum", "form": "Muster-Widerrufsformular", "home": "Startseite", "checkout": "Kasse",
            "account": "Mein Konto"},
    texts={
        "intro": "Willkommen bei {name}. Wir verkaufen {topic} von kleinen Herstellern und versenden in 1–3 Werktagen.",
        "contact": "Sie haben Fragen zu Ihrer Bestellung? Unser Kundenservice hilft Ihnen gern weiter.",
        "hours": "Erreichbar Mo–Fr 9–17 Uhr.",
        "terms": "Diese AGB gelten für alle Bestellungen bei der {company} ({org}). Alle Preise inkl. MwSt. "
                 "Verbrauchern steht ein Widerrufsrecht von 14 Tagen zu.",
        "returns": "Sie haben das Recht, binnen vierzehn Tagen ohne Angabe von Gründen diesen Vertrag zu "
                   "widerrufen. Die Widerrufsfrist beträgt vierzehn Tage ab dem Tag, an dem Sie die Waren in "
                   "Besitz genommen haben. Sie tragen die unmittelbaren Kosten der Rücksendung.",
        "complaints": "Es gilt das gesetzliche Mängelhaftungsrecht. Die Gewährleistungsfrist beträgt zwei Jahre. "
                      "Wir sind nicht bereit und nicht verpflichtet, an Streitbeilegungsverfahren vor einer "
                      "Verbraucherschlichtungsstelle teilzunehmen.",
        "odr": "Plattform der EU-Kommission zur Online-Streitbeilegung:",
        "about": "Die {company} wurde {year} in {city} gegründet. Wir sind {staff} Menschen, die {topic} lieben.",
        "privacy": "Wir verarbeiten Ihre Daten gemäß DSGVO. Verantwortlicher ist die {company}.",
        "shipping": "Wir versenden mit DHL. Versandkostenfrei ab 50 €. Lieferzeit 1–3 Werktage.",
        "faq": "Wie lange dauert die Lieferung? In der Regel 1–3 Werktage. Kann ich meine Bestellung ändern? "
               "Kontaktieren Sie uns.",
        "form": "Wenn Sie den Vertrag widerrufen wollen, dann füllen Sie bitte dieses Formular aus und senden "
                "Sie es zurück. An {company}.",
        "product": "Aus langlebigem Material mit viel Liebe zum Detail gefertigt. Für den täglichen Gebrauch.",
        "noscript": "Bitte aktivieren Sie JavaScript, um unsere Kontaktdaten zu sehen.",
        "spa": "Bitte aktivieren Sie JavaScript, um bei {name} einzukaufen.",
        "cart": "Warenkorb", "search": "Suche", "newsletter": "Newsletter abonnieren",
        "price_incl": "inkl. MwSt.", "buy": "In den Warenkorb", "email": "E-Mail", "phone": "Telefon",
        "name": "Name", "message": "Nachricht", "send": "Senden", "address": "Anschrift",
    },
    words=("nachhaltig", "Holz", "Wolle", "Keramik", "handgemacht", "nordisch", "klassisch", "weich",
           "robust", "Eiche", "Leinen", "Sommer", "Winter", "Design", "Qualität", "Farbe", "Größe", "Geschenk"),
    categories=("Wohnen", "Garten", "Küche", "Textilien", "Leuchten", "Kinder", "Aufbewahrung", "Geschenke"),
    products=("Wolldecke", "Hochbeet", "Schneidebrett", "Tischleuchte", "Kissen", "Topf", "Hocker", "Korb",
              "Kerzenhalter", "Teppich", "Glas", "Schale", "Handtuch", "Schürze", "Vase"),
)

LANGS = {"sv": SV, "nb": NB, "da": DA, "fi": FI, "de": DE}
#: Share of shops per language (Swedish shops first: the tool's home market).
LANG_WEIGHTS = (("sv", 0.4), ("nb", 0.15), ("da", 0.15), ("fi", 0.15), ("de", 0.15))
_NAMES = ("Kompis", "Fjord", "Dybde", "Paketti", "Werk", "Lykta", "Nord", "Skog", "Strand", "Havet", "Björk",
          "Lunden", "Vik", "Ekdal", "Tuva", "Saga", "Viken", "Fjäll", "Ljus", "Ask", "Lind", "Sten", "Ro")
_CHAT = ("crisp", "intercom", "tidio", "zendesk")

# ---------------------------------------------------------------------------------------- shops


@dataclass
class Page:
    """One page of a shop: its path, its kind and, for products and categories, an index."""

    path: str
    kind: str
    title: str
    index: int = 0


@dataclass
class Shop:
    """One generated shop: everything a page needs, decided once from the shop's seed."""

    index: int
    seed: str
    lang: Lang
    name: str
    company: str
    org: str
    email: str
    phone: str
    street: str
    postal: str
    city: str
    year: int
    staff: int
    weight: int  # bytes of filler per page (inline CSS, state JSON, icons)
    pages: dict[str, Page]
    nav: list[Page]
    footer: list[Page]
    categories: list[Page]
    products: list[Page]
    chat: str = ""
    js_contact: bool = False
    spa: bool = False
    robots: bool = True
    contact_form: bool = True
    email_on_contact: bool = True
    footer_address: bool = False
    redirect: str = ""  # an old path that redirects to the customer-service or contact page
    broken_links: list[str] = field(default_factory=list)
    #: Sentences per legal page (a number, or a range drawn per page); 0: the light pages of old.
    sentences: int | tuple[int, int] = textpages.DEFAULT_SENTENCES

    @property
    def host(self) -> str:
        return address(self.index)

    @property
    def trader(self) -> textpages.Trader:
        return textpages.Trader(company=self.company, org=f"{self.lang.org_label} {self.org}", email=self.email,
                                phone=self.phone, street=self.street, postal=self.postal, city=self.city,
                                currency=self.lang.currency)


def make_shop(index: int, seed: int = 1, *, sentences: int | tuple[int, int] = textpages.DEFAULT_SENTENCES,
              size: int | tuple[int, int] | None = None) -> Shop:
    """Shop ``index`` of the web made from ``seed``: the same arguments always give the same shop.
    ``sentences`` per legal page (0: the light shops of old); ``size``: pages a shop has (default 10-40)."""
    rng = random.Random(f"shop-{seed}-{index}")
    roll = rng.random()
    code = "sv"
    for lang_code, share in LANG_WEIGHTS:
        roll -= share
        if roll < 0:
            code = lang_code
            break
    lang = LANGS[code]
    base = rng.choice(_NAMES)
    topic = rng.choice(lang.categories).lower()
    name = f"{base} {rng.choice(lang.categories)}"
    slug_name = base.lower().replace("ä", "a").replace("ö", "o")
    company = f"{base} {rng.choice(['Handel', 'Hem', 'Design', 'Nordic', 'Living'])} {lang.company_form}"
    street, postal, city = rng.choice(lang.cities)
    digits = [rng.randint(10, 99) for _ in range(3)]
    phone = lang.phone.format(a=rng.randint(100, 999), b=f"{digits[0]} {digits[1]}", c=digits[2])
    org = _org_number(code, rng)
    total = rng.randint(10, 40)
    if size is not None:
        total = size if isinstance(size, int) else rng.randint(*size)
    s = lang.slugs
    pages: dict[str, Page] = {"/": Page("/", "home", name)}

    def add(kind: str) -> Page:
        page = Page(f"/{s[kind]}", kind, lang.titles[kind])
        pages[page.path] = page
        return page

    service = [add(k) for k in ("contact", "terms", "returns", "about", "privacy")]
    optional = {"complaints": 0.7, "service": 0.5, "shipping": 0.6, "faq": 0.4, "form": 0.3,
                "imprint": 1.0 if code == "de" else 0.15}
    for kind, share in optional.items():
        if rng.random() < share:
            service.append(add(kind))
    n_categories = rng.randint(2, 6)
    categories: list[Page] = []
    for i, label in enumerate(rng.sample(lang.categories, n_categories)):
        page = Page(f"/{s['category']}/{_slug(label)}", "category", label, i)
        pages[page.path] = page
        categories.append(page)
    products: list[Page] = []
    i = 0
    while len(pages) < total:
        label = f"{rng.choice(lang.products)} {rng.choice(lang.words)}"
        path = f"/{s['product']}/{_slug(label)}-{i + 1}"
        i += 1
        if path not in pages:
            page = Page(path, "product", label.capitalize(), len(products))
            pages[path] = page
            products.append(page)
    footer = sorted(service, key=lambda p: ("contact", "service", "faq", "returns", "form", "complaints",
                                            "shipping", "terms", "about", "privacy", "imprint").index(p.kind))
    nav = [*categories, *(p for p in service if p.kind in ("about", "service", "contact"))]
    weight = rng.choices((18_000, 60_000, 130_000), weights=(0.3, 0.5, 0.2))[0] + rng.randint(0, 15_000)
    shop = Shop(
        index=index, seed=f"{seed}-{index}", lang=lang, name=name, company=company, org=org,
        email=f"{rng.choice(['kundservice', 'info', 'hej', 'support', 'order'])}@{slug_name}{index}.example",
        phone=phone, street=street.format(n=rng.randint(1, 80)), postal=postal, city=city,
        year=rng.randint(1985, 2022), staff=rng.randint(3, 60), weight=weight, pages=pages, nav=nav,
        footer=footer, categories=categories, products=products,
        chat=rng.choice(_CHAT) if rng.random() < 0.3 else "",
        js_contact=rng.random() < 0.1, spa=rng.random() < 0.04, robots=rng.random() < 0.9,
        contact_form=rng.random() < 0.6, email_on_contact=rng.random() < 0.9,
        footer_address=rng.random() < 0.5,
        redirect=f"/{s['service']}-gammal" if rng.random() < 0.1 else "",
        broken_links=[f"/{s['product']}/utgangen-{n}" for n in range(rng.choice((0, 0, 0, 1, 2)))],
        sentences=sentences,
    )
    _ = topic
    return shop


def _slug(text: str) -> str:
    table = str.maketrans({"å": "a", "ä": "a", "ö": "o", "ø": "o", "æ": "ae", "ü": "u", "ß": "ss", " ": "-"})
    return "".join(c for c in text.lower().translate(table) if c.isalnum() or c == "-")


def _org_number(code: str, rng: random.Random) -> str:
    if code == "sv":
        body = [5, 5, 6] + [rng.randint(0, 9) for _ in range(6)]
        total = 0
        for i, d in enumerate(body):
            v = d * (2 if i % 2 == 0 else 1)
            total += v - 9 if v > 9 else v
        check = (10 - total % 10) % 10
        digits = "".join(map(str, [*body, check]))
        return f"{digits[:6]}-{digits[6:]}"
    if code == "nb":
        return f"9{rng.randint(10, 99)} {rng.randint(100, 999)} {rng.randint(100, 999)}"
    if code == "da":
        return f"{rng.randint(10000000, 99999999)}"
    if code == "fi":
        return f"{rng.randint(1000000, 9999999)}-{rng.randint(0, 9)}"
    return f"{rng.randint(10000, 199999)} B"


def make_web(sites: int, seed: int = 1, *, sentences: int | tuple[int, int] = textpages.DEFAULT_SENTENCES,
             size: int | tuple[int, int] | None = None) -> list[Shop]:
    return [make_shop(i, seed, sentences=sentences, size=size) for i in range(sites)]


# ---------------------------------------------------------------------------------------- pages

_ICON = ('<svg class="icon icon-{n}" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true">'
         '<path d="M12 2l3.09 6.26L22 9.27l-5 4.87 1.18 6.88L12 17.77l-6.18 3.25L7 14.14 2 9.27l6.91-1.01L12 2z'
         ' M4 4h16v16H4z M6 6h12v12H6z M8 8h8v8H8z"/></svg>')


def _filler_css(rng: random.Random, size: int) -> str:
    rules: list[str] = []
    used = 0
    while used < size:
        name = f".c-{rng.randint(0, 99999):05d}-{rng.choice(['card', 'grid', 'btn', 'nav', 'hero', 'ft'])}"
        rule = (f"{name}{{display:flex;margin:{rng.randint(0, 32)}px {rng.randint(0, 32)}px;"
                f"padding:{rng.randint(0, 24)}px;color:#{rng.randint(0, 0xFFFFFF):06x};"
                f"font-size:{rng.randint(11, 32)}px;line-height:1.{rng.randint(1, 9)}}}")
        rules.append(rule)
        used += len(rule)
    return "\n".join(rules)


def _state_json(shop: Shop, rng: random.Random, size: int) -> str:
    items: list[dict[str, Any]] = []
    used = 0
    while used < size:
        item = {"id": rng.randint(100000, 999999), "sku": f"SKU-{rng.randint(0, 10**8):08d}",
                "name": f"{rng.choice(shop.lang.products)} {rng.choice(shop.lang.words)}",
                "price": rng.randint(99, 4999), "stock": rng.randint(0, 40),
                "variants": [{"id": rng.randint(10**6, 10**7), "size": rng.choice("SMLX")} for _ in range(3)]}
        text = json.dumps(item, ensure_ascii=False)
        items.append(item)
        used += len(text)
    return json.dumps({"shop": shop.name, "currency": shop.lang.currency, "products": items}, ensure_ascii=False)


def _para(shop: Shop, rng: random.Random, sentences: int) -> str:
    words = shop.lang.words
    out = []
    for _ in range(sentences):
        n = rng.randint(6, 14)
        out.append(" ".join(rng.choice(words) for _ in range(n)).capitalize() + ".")
    return " ".join(out)


def _fmt(shop: Shop, text: str) -> str:
    return text.format(name=shop.name, company=shop.company, org=f"{shop.lang.org_label} {shop.org}",
                       year=shop.year, city=shop.city, staff=shop.staff, topic=shop.lang.categories[0].lower())


def _link(page: Page, cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return f'<a href="{page.path}"{attr}>{_esc(page.title)}</a>'


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _contact_block(shop: Shop) -> str:
    t = shop.lang.texts
    parts = []
    if shop.email_on_contact:
        parts.append(f'{t["email"]}: <a href="mailto:{shop.email}">{shop.email}</a>')
    parts.append(f'{t["phone"]}: <a href="tel:{shop.phone.replace(" ", "").replace("-", "")}">{shop.phone}</a>')
    return (f'<section class="contact-details"><h2>{t["address"]}</h2><p>{"<br>".join(parts)}</p>'
            f'<p class="muted">{t["hours"]}</p><address>{_esc(shop.company)}<br>{shop.street}<br>'
            f'{shop.postal} {shop.city}</address><p>{shop.lang.org_label} {shop.org}</p></section>')


def _form(shop: Shop, path: str) -> str:
    t = shop.lang.texts
    return (f'<form class="contact-form" action="{path}" method="post">'
            f'<label for="n">{t["name"]}</label><input id="n" name="name" type="text" required>'
            f'<label for="e">{t["email"]}</label><input id="e" name="email" type="email" required>'
            f'<label for="m">{t["message"]}</label><textarea id="m" name="message" rows="6" required></textarea>'
            f'<button type="submit">{t["send"]}</button></form>')


def _chat_snippet(shop: Shop) -> str:
    kind = shop.chat
    if kind == "crisp":
        head = f'<script>window.$crisp=[];window.CRISP_WEBSITE_ID="sim-{shop.index}";</script>'
    elif kind == "intercom":
        head = f'<script>window.intercomSettings={{app_id:"sim{shop.index}"}};</script>'
    elif kind == "tidio":
        head = '<div id="tidio-chat"></div>'
    else:
        head = '<script>window.zESettings={webWidget:{}};</script>'
    return head + '<script src="/chat.js" defer></script>'


def _main(shop: Shop, page: Page, rng: random.Random) -> str:
    lang = shop.lang
    t = lang.texts
    kind = page.kind
    h1 = f"<h1>{_esc(page.title)}</h1>"
    if kind == "home":
        cards = "".join(
            f'<li class="card"><div class="thumb"></div><h3>{_link(p)}</h3>'
            f'<p class="price">{rng.randint(99, 2999)} {lang.currency}</p></li>'
            for p in shop.products[:8])
        cats = "".join(f"<li>{_link(c)}</li>" for c in shop.categories)
        return (f'<section class="hero"><h1>{_esc(shop.name)}</h1><p>{_esc(_fmt(shop, t["intro"]))}</p></section>'
                f'<ul class="grid">{cards}</ul><ul class="cats">{cats}</ul><p>{_para(shop, rng, 4)}</p>')
    if kind == "category":
        mine = [p for p in shop.products if p.index % max(1, len(shop.categories)) == page.index]
        cards = "".join(
            f'<li class="card"><div class="thumb"></div><h3>{_link(p)}</h3>'
            f'<p class="price">{rng.randint(99, 2999)} {lang.currency} <span>{t["price_incl"]}</span></p></li>'
            for p in mine)
        broken = "".join(f'<li><a href="{b}">{_esc(page.title)} {n}</a></li>'
                         for n, b in enumerate(shop.broken_links))
        return f'{h1}<p>{_para(shop, rng, 3)}</p><ul class="grid">{cards}{broken}</ul>'
    if kind == "product":
        price = rng.randint(99, 4999)
        ld = json.dumps({"@context": "https://schema.org", "@type": "Product", "name": page.title,
                         "sku": f"{shop.index}-{page.index}",
                         "offers": {"@type": "Offer", "price": str(price), "priceCurrency":
                                    "EUR" if lang.currency == "€" else "SEK", "availability":
                                    "https://schema.org/InStock"}}, ensure_ascii=False)
        description = (textpages.product_text(lang.code, shop.trader, rng, rng.randint(8, 30)) if shop.sentences
                       else f"<p>{_para(shop, rng, 6)}</p>")
        return (f'{h1}<p class="price">{price} {lang.currency} {t["price_incl"]}</p>'
                f'<button type="button" class="buy">{t["buy"]}</button><p>{_esc(t["product"])}</p>'
                f'{description}<script type="application/ld+json">{ld}</script>'
                f'<p><a href="/{lang.slugs["returns"]}">{_esc(lang.titles["returns"])}</a></p>')
    if kind == "contact":
        if shop.js_contact:
            data = json.dumps({"email": shop.email if shop.email_on_contact else "", "phone": shop.phone,
                               "street": shop.street, "postal": shop.postal, "city": shop.city,
                               "company": shop.company}, ensure_ascii=False)
            details = (f'<div id="contact-root" data-contact=\'{_esc(data)}\'></div>'
                       f'<noscript>{t["noscript"]}</noscript><script src="/contact.js" defer></script>')
        else:
            details = _contact_block(shop)
        form = _form(shop, page.path) if shop.contact_form else ""
        return f'{h1}<p>{_esc(t["contact"])}</p>{details}{form}'
    if kind == "imprint":
        return f'{h1}{_contact_block(shop)}<p>{_esc(_fmt(shop, t["about"]))}</p>'
    if kind in ("terms", "returns", "complaints"):
        odr = ('<p>' + t["odr"] + ' <a href="https://ec.europa.eu/consumers/odr">ec.europa.eu/consumers/odr</a></p>'
               if kind == "complaints" or rng.random() < 0.5 else "")
        if shop.sentences:
            sections = textpages.legal_text(kind, lang.code, shop.trader, rng,
                                            textpages.sentence_count(rng, shop.sentences))
        else:
            sections = "".join(f"<h2>{n + 1}. {_esc(rng.choice(lang.words).capitalize())}</h2>"
                               f"<p>{_para(shop, rng, 5)}</p>" for n in range(rng.randint(3, 9)))
        body = _fmt(shop, t[kind])
        extra = ""
        if kind == "terms" and "complaints" not in {p.kind for p in shop.pages.values()}:
            extra = f"<h2>{_esc(lang.titles['complaints'])}</h2><p>{_esc(_fmt(shop, t['complaints']))}</p>"
        if kind == "returns" and "form" in {p.kind for p in shop.pages.values()}:
            extra = f'<p><a href="/{lang.slugs["form"]}">{_esc(lang.titles["form"])}</a></p>'
        return f'{h1}<p>{_esc(body)}</p>{extra}{sections}{odr}'
    if kind in ("service", "faq"):
        contact = shop.pages[f"/{lang.slugs['contact']}"]
        more = (textpages.legal_text(kind, lang.code, shop.trader, rng, textpages.sentence_count(rng, shop.sentences))
                if shop.sentences else f"<p>{_para(shop, rng, 5)}</p>")
        return (f'{h1}<p>{_esc(t["faq"])}</p><p>{_esc(t["contact"])} {_link(contact)}</p>'
                f'<p class="muted">{t["hours"]}</p>{more}')
    if kind == "form":
        return (f'{h1}<p>{_esc(_fmt(shop, t["form"]))}</p><p>{_esc(shop.company)}, {shop.street}, '
                f'{shop.postal} {shop.city}, {shop.email}</p><p>{_para(shop, rng, 2)}</p>')
    more = (textpages.legal_text(kind, lang.code, shop.trader, rng, textpages.sentence_count(rng, shop.sentences))
            if shop.sentences and kind == "shipping" else f"<p>{_para(shop, rng, 6)}</p>")
    return f'{h1}<p>{_esc(_fmt(shop, t.get(kind, t["intro"])))}</p>{more}'


_CHROME: dict[str, tuple[str, str, str]] = {}


def _chrome(shop: Shop) -> tuple[str, str, str]:
    """What every page of a shop carries, as on real shops: inline CSS, a state JSON, icons."""
    found = _CHROME.get(shop.seed)
    if found is None:
        rng = random.Random(f"{shop.seed}-chrome")
        found = (_filler_css(rng, shop.weight * 2 // 10), _state_json(shop, rng, shop.weight * 5 // 10),
                 "".join(_ICON.format(n=n) for n in range(max(1, shop.weight * 2 // 10 // 520))))
        _CHROME[shop.seed] = found
    return found


def render_page(shop: Shop, page: Page) -> str:
    """The HTML of one page, the same every time it is asked for."""
    rng = random.Random(f"{shop.seed}-{page.path}")
    lang = shop.lang
    t = lang.texts
    css, state, icons = _chrome(shop)
    title = shop.name if page.kind == "home" else f"{page.title} – {shop.name}"
    head = (f'<!doctype html><html lang="{lang.code}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{_esc(title)}</title>'
            f'<meta name="description" content="{_esc(_fmt(shop, t["intro"]))}">'
            f'<link rel="stylesheet" href="/style.css"><style>{css}</style>'
            f'<script>window.__STATE__={state};</script></head>')
    if shop.spa:
        return (f'{head}<body><div id="app"></div><noscript>{_esc(_fmt(shop, t["spa"]))}</noscript>'
                f'<script src="/app.js"></script><script src="/vendor.js"></script>'
                f'<script src="/analytics.js"></script></body></html>')
    nav = "".join(f"<li>{_link(p)}</li>" for p in shop.nav)
    header = (f'<div class="topbar">{_esc(t["newsletter"])}</div><header class="site-header">'
              f'<a class="logo" href="/">{_esc(shop.name)}</a><nav class="main-nav"><ul>{nav}</ul></nav>'
              f'<form class="search" action="/sok"><input name="q" aria-label="{t["search"]}"></form>'
              f'<a href="/{lang.slugs["account"]}">{lang.titles["account"]}</a> '
              f'<a href="/{lang.slugs["checkout"]}/">{t["cart"]}</a></header>')
    columns = [shop.footer[i:i + 4] for i in range(0, len(shop.footer), 4)]
    cols = "".join("<section><ul>" + "".join(f"<li>{_link(p)}</li>" for p in col) + "</ul></section>"
                   for col in columns)
    if shop.redirect:
        cols += f'<section><ul><li><a href="{shop.redirect}">{_esc(lang.titles["service"])}</a></li></ul></section>'
    address_line = (f'<p>{_esc(shop.company)} · {shop.street} · {shop.postal} {shop.city} · '
                    f'{lang.org_label} {shop.org}</p>' if shop.footer_address else
                    f"<p>© 2026 {_esc(shop.company)}</p>")
    footer = (f'<footer class="site-footer"><div class="cols">{cols}</div>'
              f'<div class="pay">{icons}</div>{address_line}'
              f'<p><a href="https://www.facebook.com/{shop.index}">Facebook</a> '
              f'<a href="https://www.instagram.com/{shop.index}">Instagram</a></p></footer>')
    chat = _chat_snippet(shop) if shop.chat else ""
    return (f'{head}<body>{header}<main class="wrap">{_main(shop, page, rng)}</main>{footer}{chat}'
            f'<script async src="https://www.googletagmanager.com/gtag/js?id=G-SIM{shop.index}"></script>'
            f'</body></html>')


_STYLE = "body{font-family:system-ui;margin:0}.muted{color:#666}.grid{display:grid}"
_CHAT_JS = """(function(){function b(){var r=document.createElement('div');r.className='chat-client';
r.innerHTML='<button type="button" class="chat-launcher" aria-label="Chat">Chat</button>'+
'<div class="chat-panel" role="dialog" hidden><p>Hej! Vi svarar vardagar 9-17.</p>'+
'<label>Meddelande <textarea rows="3"></textarea></label></div>';document.body.appendChild(r);
var l=r.querySelector('.chat-launcher'),p=r.querySelector('.chat-panel');
l.addEventListener('click',function(){p.hidden=!p.hidden;});}
if(document.readyState==='loading')document.addEventListener('DOMContentLoaded',b);else b();})();"""
_CONTACT_JS = """(function(){function b(){var r=document.getElementById('contact-root');if(!r)return;
var d=JSON.parse(r.getAttribute('data-contact'));var h='<section class="contact-details"><p>';
if(d.email)h+='E-mail: <a href="mailto:'+d.email+'">'+d.email+'</a><br>';
h+='Tel: <a href="tel:'+d.phone.replace(/[ -]/g,'')+'">'+d.phone+'</a></p><address>'+d.company+'<br>'+
d.street+'<br>'+d.postal+' '+d.city+'</address></section>';r.innerHTML=h;}
if(document.readyState==='loading')document.addEventListener('DOMContentLoaded',b);else b();})();"""


def _app_js(shop: Shop) -> str:
    links = [{"href": p.path, "text": p.title} for p in [*shop.nav, *shop.footer]]
    data = json.dumps({"name": shop.name, "links": links, "email": shop.email, "phone": shop.phone},
                      ensure_ascii=False)
    return ("(function(){var d=" + data + ";function b(){var a=document.getElementById('app');"
            "var h='<header><h1>'+d.name+'</h1><nav><ul>';d.links.forEach(function(l){h+='<li><a href=\"'+"
            "l.href+'\">'+l.text+'</a></li>';});h+='</ul></nav></header><footer><p>'+d.email+' · '+d.phone+"
            "'</p></footer>';a.innerHTML=h;}if(document.readyState==='loading')"
            "document.addEventListener('DOMContentLoaded',b);else b();})();")


_NOT_FOUND = b"<!doctype html><html><head><title>404</title></head><body><h1>404</h1></body></html>"


@dataclass(frozen=True)
class Answer:
    status: int
    content_type: str
    body: bytes
    location: str = ""


def answer(shop: Shop, path: str) -> Answer:
    """What the shop answers for ``path`` (query and fragment ignored)."""
    path = path.split("?", 1)[0].split("#", 1)[0] or "/"
    if path != "/" and path.endswith("/") and path.rstrip("/") in shop.pages:
        path = path.rstrip("/")
    html = "text/html; charset=utf-8"
    if path == "/robots.txt":
        if not shop.robots:
            return Answer(404, html, b"<!doctype html><title>404</title><h1>404</h1>")
        s = shop.lang.slugs
        return Answer(200, "text/plain; charset=utf-8",
                      f"User-agent: *\nDisallow: /{s['checkout']}/\nDisallow: /sok\n".encode())
    if path == "/style.css":
        return Answer(200, "text/css; charset=utf-8", _STYLE.encode())
    if path == "/chat.js":
        return Answer(200, "application/javascript; charset=utf-8", _CHAT_JS.encode())
    if path == "/contact.js":
        return Answer(200, "application/javascript; charset=utf-8", _CONTACT_JS.encode())
    if path == "/app.js":
        return Answer(200, "application/javascript; charset=utf-8", _app_js(shop).encode())
    if path in ("/vendor.js", "/analytics.js"):
        return Answer(200, "application/javascript; charset=utf-8", b"/* sim */")
    if shop.redirect and path == shop.redirect:
        target = shop.pages.get(f"/{shop.lang.slugs['service']}") or shop.pages[f"/{shop.lang.slugs['contact']}"]
        return Answer(301, html, b"", location=target.path)
    page = shop.pages.get(path)
    if page is None or (shop.spa and path != "/"):
        if shop.spa and page is not None:
            return Answer(200, html, render_page(shop, shop.pages["/"]).encode())
        return Answer(404, html, _NOT_FOUND)
    return Answer(200, html, render_page(shop, page).encode())


# ---------------------------------------------------------------------------------------- server

_REASONS = {200: "OK", 301: "Moved Permanently", 400: "Bad Request", 404: "Not Found", 405: "Method Not Allowed"}


@dataclass
class Stats:
    requests: int = 0
    bytes_sent: int = 0


class SimWeb:
    """The asyncio server: one listening socket per shop address, all on one port."""

    def __init__(self, shops: list[Shop], latency: float = DEFAULT_LATENCY, bandwidth: int = DEFAULT_BANDWIDTH,
                 gzip_level: int = 6) -> None:
        self.shops = {shop.host: shop for shop in shops}
        self.latency = latency
        self.bandwidth = bandwidth
        self.gzip_level = gzip_level
        self.stats = Stats()
        self.port = 0
        self._servers: list[asyncio.Server] = []
        self._cache: dict[tuple[str, str, bool], tuple[bytes, bytes]] = {}

    async def start(self, port: int = 0) -> int:
        hosts = list(self.shops)
        first = await asyncio.start_server(self._handle, hosts[0], port, backlog=256)
        self.port = first.sockets[0].getsockname()[1]
        self._servers.append(first)
        for host in hosts[1:]:
            self._servers.append(await asyncio.start_server(self._handle, host, self.port, backlog=256))
        return self.port

    async def close(self) -> None:
        for server in self._servers:
            server.close()
        for server in self._servers:
            with suppress(Exception):
                await server.wait_closed()

    def url(self, shop: Shop) -> str:
        return f"http://{shop.host}:{self.port}/"

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        shop = self.shops.get(writer.get_extra_info("sockname")[0])
        try:
            while True:
                try:
                    head = await reader.readuntil(b"\r\n\r\n")
                except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
                    return
                lines = head.decode("latin-1").split("\r\n")
                parts = lines[0].split(" ")
                headers = {}
                for line in lines[1:]:
                    key, _, value = line.partition(":")
                    if key:
                        headers[key.strip().lower()] = value.strip()
                length = int(headers.get("content-length") or 0)
                if length:
                    await reader.readexactly(min(length, 1 << 20))
                method = parts[0] if parts else ""
                target = parts[1] if len(parts) > 1 else "/"
                zipped = "gzip" in headers.get("accept-encoding", "")
                if shop is None or method not in ("GET", "HEAD", "POST"):
                    result = Answer(405, "text/plain", b"method not allowed")
                    status, body = self._encode(result, zipped)
                elif method == "POST":
                    status, body = self.response(shop, "/" + shop.lang.slugs["contact"], zipped)
                else:
                    status, body = self.response(shop, target, zipped)
                close = headers.get("connection", "").lower() == "close"
                if self.latency > 0:
                    await asyncio.sleep(self.latency)
                writer.write(status + (b"Connection: close\r\n\r\n" if close else b"Connection: keep-alive\r\n\r\n"))
                if method != "HEAD":
                    await self._send(writer, body)
                await writer.drain()
                self.stats.requests += 1
                self.stats.bytes_sent += len(body)
                if close:
                    return
        except (ConnectionError, asyncio.CancelledError):
            return
        finally:
            with suppress(Exception):
                writer.close()

    def response(self, shop: Shop, target: str, zipped: bool) -> tuple[bytes, bytes]:
        """Status line and headers (without Connection) and body; a shop's pages are cached."""
        key = (shop.host, target, zipped)
        found = self._cache.get(key)
        if found is None:
            found = self._encode(answer(shop, target), zipped)
            if target.split("?", 1)[0] in shop.pages or target == "/robots.txt":
                self._cache[key] = found
        return found

    def warm(self, zipped: bool = True) -> int:
        """Generate (and compress) every page now, so that no measured run pays for it."""
        for shop in self.shops.values():
            for path in (*shop.pages, "/robots.txt"):
                self.response(shop, path, zipped)
        return len(self._cache)

    def _encode(self, result: Answer, zipped: bool) -> tuple[bytes, bytes]:
        body = result.body
        extra = ""
        if body and zipped and result.content_type.startswith("text/h"):
            body = gzip.compress(body, compresslevel=self.gzip_level, mtime=0)
            extra = "Content-Encoding: gzip\r\nVary: Accept-Encoding\r\n"
        if result.location:
            extra += f"Location: {result.location}\r\n"
        status = (f"HTTP/1.1 {result.status} {_REASONS.get(result.status, 'OK')}\r\n"
                  f"Content-Type: {result.content_type}\r\nContent-Length: {len(body)}\r\n{extra}"
                  f"Server: simweb\r\n")
        return status.encode("latin-1"), body

    async def _send(self, writer: asyncio.StreamWriter, body: bytes) -> None:
        if self.bandwidth <= 0:
            writer.write(body)
            return
        for start in range(0, len(body), _CHUNK):
            chunk = body[start:start + _CHUNK]
            writer.write(chunk)
            await writer.drain()
            await asyncio.sleep(len(chunk) / self.bandwidth)


def write_site_list(path: Path, web: SimWeb) -> None:
    """The sites as ``auditor batch`` reads them: a CSV with url and name."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["url", "name"])
        for shop in web.shops.values():
            out.writerow([web.url(shop), shop.name])


@contextmanager
def serve_in_thread(shops: list[Shop], latency: float = 0.0, bandwidth: int = 0) -> Iterator[SimWeb]:
    """Serve ``shops`` from a background thread (for tests); yields the running server."""
    import threading

    loop = asyncio.new_event_loop()
    web = SimWeb(shops, latency=latency, bandwidth=bandwidth)
    ready = threading.Event()

    def run() -> None:
        asyncio.set_event_loop(loop)
        loop.run_until_complete(web.start())
        ready.set()
        loop.run_forever()

    thread = threading.Thread(target=run, name="simweb", daemon=True)
    thread.start()
    ready.wait(30)
    try:
        yield web
    finally:
        asyncio.run_coroutine_threadsafe(web.close(), loop).result(30)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(30)
        loop.close()


async def _serve(args: argparse.Namespace) -> None:
    shops = make_web(args.sites, args.seed, sentences=args.sentences, size=args.site_pages)
    web = SimWeb(shops, latency=args.latency, bandwidth=args.bandwidth)
    if not args.cold:
        web.warm()
    await web.start(args.port)
    if args.list:
        write_site_list(Path(args.list), web)
    print(f"ready {len(shops)} sites on port {web.port}", flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    await web.close()
    print(f"served {web.stats.requests} requests, {web.stats.bytes_sent} bytes", file=sys.stderr, flush=True)


def sentences_arg(text: str) -> int | tuple[int, int]:
    """``250`` or ``100-400`` (a range drawn per page or shop)."""
    low, _, high = text.partition("-")
    return (int(low), int(high)) if high else int(low)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sites", type=int, default=DEFAULT_SITES)
    parser.add_argument("--latency", type=float, default=DEFAULT_LATENCY, help="seconds before each answer")
    parser.add_argument("--bandwidth", type=int, default=DEFAULT_BANDWIDTH,
                        help="bytes per second per answer (0: unlimited)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--sentences", type=sentences_arg, default=textpages.DEFAULT_SENTENCES,
                        help="sentences per legal page: N or LO-HI (default 100-400); 0: the light pages of old")
    parser.add_argument("--site-pages", type=sentences_arg, default=None,
                        help="pages per shop: N or LO-HI (default 10-40)")
    parser.add_argument("--cold", action="store_true", help="generate pages when asked (default: all at start)")
    parser.add_argument("--list", default="", help="write the site list (CSV) here once serving")
    args = parser.parse_args(argv)
    asyncio.run(_serve(args))


if __name__ == "__main__":
    main()
