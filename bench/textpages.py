"""Text-heavy pages for the benchmark: terms, returns, complaints and FAQ pages of real length, and
product descriptions, in Swedish, Norwegian, Danish, Finnish or German, generated from a seed.

Real shops' legal pages carry 100-400 sentences: numbered sections under headings, lists, a
table of delivery prices, definition lists, and wording full of periods ("14 dagar"), prices,
dates, telephone numbers, addresses and order numbers. That text, not the markup, is what the
audit's extraction spends its time on, so the benchmark needs it (bench/extract.py measures the
extraction alone on these pages; bench/simweb.py serves them in its default "heavy" mode).

The sentences are written here for the benchmark; they read like shop terms but are not any
shop's terms. The same ``random.Random`` state always gives the same page.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

#: Sentences per legal page when none are asked for: drawn per page from this range.
DEFAULT_SENTENCES = (100, 400)
#: Kinds of page this module writes the main text of.
LEGAL_KINDS = ("terms", "returns", "complaints", "faq", "shipping", "service")


@dataclass(frozen=True)
class Words:
    """What a language's legal pages say: sentence templates and the words around them."""

    sentences: tuple[str, ...]  # fields: company org email phone street postal city cur price days date order n
    questions: tuple[str, ...]  # FAQ questions
    headings: dict[str, tuple[str, ...]]  # kind -> section headings
    terms: tuple[str, ...]  # defined words (a definition list)
    table: tuple[str, str, str]  # carrier, delivery time, price
    carriers: tuple[str, ...]
    product: tuple[str, ...]  # product description sentences; fields: material, cm, price, cur
    materials: tuple[str, ...]
    days_word: str
    order_prefix: str


SV = Words(
    sentences=(
        "Du har rätt att ångra ditt köp inom {days} dagar från den dag du tog emot varan.",
        "Ångerfristen börjar löpa den dag du eller någon du utsett tar emot den sista varan i beställningen.",
        "För att utöva ångerrätten ska du meddela {company} ({org}) via e-post till {email} eller per telefon "
        "{phone}.",
        "Vi återbetalar hela beloppet, inklusive standardfrakt, senast {days} dagar efter att vi fick ditt "
        "meddelande.",
        "Returfrakten betalar du själv; en retursedel kostar {price} {cur} och dras från återbetalningen.",
        "Varan ska skickas till {company}, {street}, {postal} {city}, väl förpackad och med ordernummer "
        "{order} angivet.",
        "Du har rätt att reklamera fel på varan i tre år från köpet enligt konsumentköplagen.",
        "Ett fel som visar sig inom sex månader från leveransen antas ha funnits vid köpet.",
        "Reklamation ska ske inom skälig tid efter att du märkt felet; två månader räknas alltid som skälig tid.",
        "Om vi inte kan enas kan du vända dig till Allmänna reklamationsnämnden, Box 174, 101 23 Stockholm.",
        "Alla priser anges i svenska kronor inklusive 25 % moms; fraktkostnaden visas i kassan.",
        "Beställningar som läggs före kl. 14 skickas samma vardag; leveranstiden är normalt 1–3 vardagar.",
        "Erbjudandet gäller till och med {date} eller så långt lagret räcker.",
        "Betalning sker med kort, Swish eller faktura; fakturan ska betalas inom {days} dagar.",
        "Vid försenad betalning tillkommer en påminnelseavgift på {price} {cur} samt dröjsmålsränta.",
        "Vi behandlar dina personuppgifter enligt dataskyddsförordningen och sparar dem i högst {n} år.",
        "Om en vara skadats under transporten ska du anmäla det till oss inom {days} dagar.",
        "Presentkort gäller i {n} år från inköpsdagen och kan inte lösas in mot kontanter.",
        "Dessa villkor gäller från och med {date} och ersätter tidigare versioner.",
        "Kundtjänst nås på {phone} vardagar 9–16 och på {email} dygnet runt.",
    ),
    questions=("Hur lång är leveranstiden?", "Kan jag ångra mitt köp?", "Hur returnerar jag en vara?",
               "Vad gör jag om varan är trasig?", "När får jag tillbaka mina pengar?",
               "Kan jag ändra min beställning {order}?", "Vilka betalsätt finns?", "Hur kontaktar jag er?"),
    headings={
        "terms": ("Allmänt", "Beställning", "Priser och betalning", "Leverans", "Ångerrätt", "Reklamation",
                  "Personuppgifter", "Tvister", "Ändringar av villkoren"),
        "returns": ("Ångerrätt", "Så ångrar du ditt köp", "Returfrakt", "Återbetalning", "Undantag"),
        "complaints": ("Reklamationsrätt", "Så reklamerar du", "Transportskador", "Tvistlösning"),
        "faq": ("Beställning", "Leverans", "Retur", "Betalning", "Kundtjänst"),
    },
    terms=("Konsument", "Näringsidkare", "Vara", "Avtal", "Ångerfrist"),
    table=("Fraktsätt", "Leveranstid", "Pris"),
    carriers=("PostNord ombud", "PostNord hem", "DHL Express", "Instabox", "Budbee"),
    product=("Tillverkad i {material} med omsorg om detaljerna.", "Måtten är {cm} × {cm} cm.",
             "Tvättas i 40 grader och tål daglig användning.", "Priset {price} {cur} gäller inklusive moms.",
             "Levereras i en återvunnen kartong utan plast."),
    materials=("ekologisk bomull", "massiv ek", "återvunnen ull", "glaserad keramik", "linne"),
    days_word="dagar", order_prefix="SE",
)

NB = Words(
    sentences=(
        "Du har rett til å gå fra avtalen innen {days} dager etter at du mottok varen.",
        "Angrefristen løper fra den dagen du eller en du har utpekt tar imot den siste varen.",
        "Du må gi {company} ({org}) beskjed på e-post til {email} eller på telefon {phone}.",
        "Vi tilbakebetaler hele beløpet, inkludert standard frakt, senest {days} dager etter at vi mottok "
        "angremeldingen.",
        "Du betaler selv returfrakten; en returlapp koster {price} {cur} og trekkes fra tilbakebetalingen.",
        "Varen sendes til {company}, {street}, {postal} {city}, godt pakket og merket med ordrenummer {order}.",
        "Reklamasjonsfristen er to år, og fem år for varer som skal vare vesentlig lenger.",
        "Du må reklamere innen rimelig tid etter at du oppdaget mangelen.",
        "Ved uenighet kan du kontakte Forbrukertilsynet og deretter Forbrukerklageutvalget.",
        "Alle priser er oppgitt i norske kroner inkludert 25 % merverdiavgift.",
        "Bestillinger før kl. 13 sendes samme virkedag; leveringstiden er normalt 2–4 virkedager.",
        "Tilbudet gjelder til og med {date} eller så langt lageret rekker.",
        "Betaling skjer med kort, Vipps eller faktura med {days} dagers forfall.",
        "Ved forsinket betaling påløper et purregebyr på {price} {cur} og forsinkelsesrente.",
        "Vi behandler personopplysninger etter personopplysningsloven og lagrer dem i høyst {n} år.",
        "Transportskader må meldes til oss innen {days} dager.",
        "Gavekort er gyldige i {n} år fra kjøpsdato.",
        "Disse vilkårene gjelder fra {date}.",
        "Kundeservice svarer på {phone} hverdager 9–16 og på {email}.",
    ),
    questions=("Hvor lang er leveringstiden?", "Kan jeg angre kjøpet?", "Hvordan returnerer jeg en vare?",
               "Hva gjør jeg hvis varen er skadet?", "Når får jeg pengene tilbake?",
               "Kan jeg endre ordre {order}?", "Hvilke betalingsmåter finnes?"),
    headings={
        "terms": ("Generelt", "Bestilling", "Priser og betaling", "Levering", "Angrerett", "Reklamasjon",
                  "Personopplysninger", "Tvister"),
        "returns": ("Angrerett", "Slik angrer du", "Returfrakt", "Tilbakebetaling"),
        "complaints": ("Reklamasjonsrett", "Slik reklamerer du", "Transportskader", "Tvisteløsning"),
        "faq": ("Bestilling", "Levering", "Retur", "Betaling"),
    },
    terms=("Forbruker", "Selger", "Vare", "Avtale", "Angrefrist"),
    table=("Fraktmåte", "Leveringstid", "Pris"),
    carriers=("Posten", "Bring hjem", "PostNord", "Helthjem"),
    product=("Laget av {material} med omtanke for detaljene.", "Målene er {cm} × {cm} cm.",
             "Tåler vask på 40 grader.", "Prisen {price} {cur} er inkludert mva.", "Sendes i resirkulert eske."),
    materials=("økologisk bomull", "heltre eik", "resirkulert ull", "glasert keramikk", "lin"),
    days_word="dager", order_prefix="NO",
)

DA = Words(
    sentences=(
        "Du har {days} dages fortrydelsesret fra den dag, du modtager varen.",
        "Fortrydelsesfristen løber fra den dag, du eller en af dig udpeget person får varen i fysisk besiddelse.",
        "Du skal give {company} ({org}) besked pr. e-mail til {email} eller på telefon {phone}.",
        "Vi tilbagebetaler hele beløbet, inklusive standardlevering, senest {days} dage efter din meddelelse.",
        "Du betaler selv returfragten; en returlabel koster {price} {cur} og trækkes fra beløbet.",
        "Varen sendes til {company}, {street}, {postal} {city}, forsvarligt emballeret med ordrenummer {order}.",
        "Du har 2 års reklamationsret efter købeloven.",
        "Reklamationen skal ske inden for rimelig tid; meddeler du os manglen inden for to måneder, er det altid "
        "rettidigt.",
        "Du kan klage til Nævnenes Hus, Toldboden 2, 8800 Viborg, eller bruge EU's klageportal.",
        "Alle priser er i danske kroner inklusive 25 % moms.",
        "Ordrer afgivet før kl. 15 sendes samme hverdag; leveringstiden er 1–3 hverdage.",
        "Tilbuddet gælder til og med {date} så længe lager haves.",
        "Du kan betale med Dankort, MobilePay eller faktura med {days} dages betalingsfrist.",
        "Ved for sen betaling opkræves et rykkergebyr på {price} {cur}.",
        "Vi behandler dine personoplysninger efter databeskyttelsesforordningen og gemmer dem i {n} år.",
        "Transportskader skal anmeldes inden for {days} dage.",
        "Gavekort er gyldige i {n} år.",
        "Disse betingelser gælder fra {date}.",
        "Kundeservice kan kontaktes på {phone} alle hverdage 9–16 og på {email}.",
    ),
    questions=("Hvor lang er leveringstiden?", "Kan jeg fortryde mit køb?", "Hvordan returnerer jeg en vare?",
               "Hvad gør jeg, hvis varen er defekt?", "Hvornår får jeg pengene tilbage?",
               "Kan jeg ændre ordre {order}?", "Hvilke betalingsmåder findes?"),
    headings={
        "terms": ("Generelt", "Bestilling", "Priser og betaling", "Levering", "Fortrydelsesret", "Reklamation",
                  "Persondata", "Klagemuligheder"),
        "returns": ("Fortrydelsesret", "Sådan fortryder du", "Returfragt", "Tilbagebetaling"),
        "complaints": ("Reklamationsret", "Sådan reklamerer du", "Transportskader", "Klageadgang"),
        "faq": ("Bestilling", "Levering", "Returnering", "Betaling"),
    },
    terms=("Forbruger", "Sælger", "Vare", "Aftale", "Fortrydelsesfrist"),
    table=("Leveringsmetode", "Leveringstid", "Pris"),
    carriers=("PostNord", "GLS pakkeshop", "DAO", "Bring"),
    product=("Fremstillet i {material} med sans for detaljen.", "Målene er {cm} × {cm} cm.",
             "Kan vaskes ved 40 grader.", "Prisen {price} {cur} er inkl. moms.", "Sendes i genbrugspap."),
    materials=("økologisk bomuld", "massiv eg", "genanvendt uld", "glaseret keramik", "hør"),
    days_word="dage", order_prefix="DK",
)

FI = Words(
    sentences=(
        "Sinulla on oikeus peruuttaa ostoksesi {days} päivän kuluessa tuotteen vastaanottamisesta.",
        "Peruuttamisaika alkaa päivästä, jona sinä tai nimeämäsi henkilö on vastaanottanut viimeisen tuotteen.",
        "Ilmoita peruuttamisesta yritykselle {company} ({org}) sähköpostitse osoitteeseen {email} tai puhelimitse "
        "{phone}.",
        "Palautamme koko summan toimituskuluineen viimeistään {days} päivän kuluttua ilmoituksestasi.",
        "Palautuskulut maksat itse; palautuslipuke maksaa {price} {cur}.",
        "Tuote palautetaan osoitteeseen {company}, {street}, {postal} {city} tilausnumerolla {order}.",
        "Virheestä on ilmoitettava kohtuullisessa ajassa sen havaitsemisesta kuluttajansuojalain mukaisesti.",
        "Jos emme pääse sopuun, voit kääntyä kuluttajaneuvonnan ja kuluttajariitalautakunnan puoleen.",
        "Kaikki hinnat sisältävät arvonlisäveron 25,5 %.",
        "Ennen klo 14 tehdyt tilaukset lähetetään samana arkipäivänä; toimitusaika on 1–4 arkipäivää.",
        "Tarjous on voimassa {date} asti tai niin kauan kuin tuotteita riittää.",
        "Voit maksaa kortilla, MobilePaylla tai laskulla, jonka maksuaika on {days} päivää.",
        "Myöhästyneestä maksusta peritään {price} {cur} muistutusmaksu.",
        "Käsittelemme henkilötietojasi tietosuoja-asetuksen mukaisesti ja säilytämme ne enintään {n} vuotta.",
        "Kuljetusvauriot on ilmoitettava {days} päivän kuluessa.",
        "Lahjakortti on voimassa {n} vuotta.",
        "Nämä ehdot ovat voimassa {date} alkaen.",
        "Asiakaspalvelu palvelee numerossa {phone} arkisin 9–16 ja osoitteessa {email}.",
    ),
    questions=("Kuinka pitkä on toimitusaika?", "Voinko peruuttaa tilaukseni?", "Miten palautan tuotteen?",
               "Mitä teen, jos tuote on viallinen?", "Milloin saan rahani takaisin?",
               "Voinko muuttaa tilausta {order}?"),
    headings={
        "terms": ("Yleistä", "Tilaaminen", "Hinnat ja maksaminen", "Toimitus", "Peruuttamisoikeus", "Virheet",
                  "Henkilötiedot", "Riitojen ratkaisu"),
        "returns": ("Peruuttamisoikeus", "Näin peruutat", "Palautuskulut", "Hyvitys"),
        "complaints": ("Reklamaatiot", "Näin teet reklamaation", "Kuljetusvauriot", "Riitojen ratkaisu"),
        "faq": ("Tilaaminen", "Toimitus", "Palautus", "Maksaminen"),
    },
    terms=("Kuluttaja", "Myyjä", "Tuote", "Sopimus", "Peruuttamisaika"),
    table=("Toimitustapa", "Toimitusaika", "Hinta"),
    carriers=("Posti", "Matkahuolto", "DB Schenker", "Budbee"),
    product=("Valmistettu materiaalista {material} huolella.", "Mitat ovat {cm} × {cm} cm.",
             "Konepestävä 40 asteessa.", "Hinta {price} {cur} sisältää arvonlisäveron.",
             "Toimitetaan kierrätyspahvissa."),
    materials=("luomupuuvilla", "täystammi", "kierrätetty villa", "lasitettu keramiikka", "pellava"),
    days_word="päivää", order_prefix="FI",
)

DE = Words(
    sentences=(
        "Sie haben das Recht, binnen {days} Tagen ohne Angabe von Gründen diesen Vertrag zu widerrufen.",
        "Die Widerrufsfrist beträgt {days} Tage ab dem Tag, an dem Sie oder ein von Ihnen benannter Dritter die "
        "Waren in Besitz genommen haben.",
        "Um Ihr Widerrufsrecht auszuüben, müssen Sie uns ({company}, {street}, {postal} {city}, Telefon "
        "{phone}, E-Mail {email}) mittels einer eindeutigen Erklärung informieren.",
        "Wir zahlen Ihnen alle Zahlungen einschließlich der Lieferkosten unverzüglich und spätestens binnen "
        "{days} Tagen zurück.",
        "Sie tragen die unmittelbaren Kosten der Rücksendung der Waren in Höhe von {price} {cur}.",
        "Bitte geben Sie bei der Rücksendung die Bestellnummer {order} an.",
        "Es gilt das gesetzliche Mängelhaftungsrecht; die Gewährleistungsfrist beträgt zwei Jahre ab Ablieferung.",
        "Zur Teilnahme an einem Streitbeilegungsverfahren vor einer Verbraucherschlichtungsstelle sind wir nicht "
        "verpflichtet und nicht bereit.",
        "Alle Preise verstehen sich in Euro inklusive der gesetzlichen Mehrwertsteuer von 19 %.",
        "Bestellungen bis 14 Uhr versenden wir am selben Werktag; die Lieferzeit beträgt 2–4 Werktage.",
        "Das Angebot gilt bis einschließlich {date}, solange der Vorrat reicht.",
        "Sie können per Kreditkarte, PayPal oder auf Rechnung mit einem Zahlungsziel von {days} Tagen zahlen.",
        "Bei Zahlungsverzug berechnen wir eine Mahngebühr von {price} {cur} sowie Verzugszinsen.",
        "Ihre personenbezogenen Daten verarbeiten wir nach der DSGVO und speichern sie höchstens {n} Jahre.",
        "Transportschäden melden Sie bitte innerhalb von {days} Tagen.",
        "Gutscheine sind {n} Jahre ab Kaufdatum gültig.",
        "Diese Allgemeinen Geschäftsbedingungen gelten ab dem {date}.",
        "Unser Kundenservice ist unter {phone} montags bis freitags von 9 bis 16 Uhr erreichbar.",
        "Vertragspartner ist die {company}, eingetragen im Handelsregister unter HRB {org}.",
    ),
    questions=("Wie lange dauert die Lieferung?", "Kann ich meine Bestellung widerrufen?",
               "Wie sende ich einen Artikel zurück?", "Was tue ich bei einem Mangel?",
               "Wann erhalte ich mein Geld zurück?", "Kann ich die Bestellung {order} ändern?"),
    headings={
        "terms": ("Geltungsbereich", "Vertragsschluss", "Preise und Zahlung", "Lieferung", "Widerrufsrecht",
                  "Gewährleistung", "Datenschutz", "Streitbeilegung", "Schlussbestimmungen"),
        "returns": ("Widerrufsbelehrung", "Widerrufsrecht", "Folgen des Widerrufs", "Muster-Widerrufsformular"),
        "complaints": ("Gewährleistung", "Mängelanzeige", "Transportschäden", "Streitbeilegung"),
        "faq": ("Bestellung", "Versand", "Rücksendung", "Zahlung"),
    },
    terms=("Verbraucher", "Unternehmer", "Ware", "Vertrag", "Widerrufsfrist"),
    table=("Versandart", "Lieferzeit", "Preis"),
    carriers=("DHL Paket", "Hermes", "DPD", "GLS"),
    product=("Gefertigt aus {material} mit viel Liebe zum Detail.", "Die Maße betragen {cm} × {cm} cm.",
             "Waschbar bei 40 Grad.", "Der Preis von {price} {cur} enthält die Mehrwertsteuer.",
             "Versand im recycelten Karton."),
    materials=("Bio-Baumwolle", "massiver Eiche", "recycelter Wolle", "glasierter Keramik", "Leinen"),
    days_word="Tage", order_prefix="DE",
)

WORDS = {"sv": SV, "nb": NB, "da": DA, "fi": FI, "de": DE}


@dataclass(frozen=True)
class Trader:
    """Who the pages are about: the details that sentences quote."""

    company: str
    org: str
    email: str
    phone: str
    street: str
    postal: str
    city: str
    currency: str


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _fill(template: str, trader: Trader, rng: random.Random, words: Words) -> str:
    return template.format(
        company=trader.company, org=trader.org, email=trader.email, phone=trader.phone, street=trader.street,
        postal=trader.postal, city=trader.city, cur=trader.currency,
        price=f"{rng.randint(19, 1999)}", days=rng.choice((14, 14, 14, 30, 7, 10, 20)),
        date=f"{rng.randint(1, 28)}.{rng.randint(1, 12)}.{rng.choice((2025, 2026, 2027))}",
        order=f"{words.order_prefix}-{rng.randint(100000, 999999)}", n=rng.randint(2, 10))


def sentence_count(rng: random.Random, sentences: int | tuple[int, int] | None) -> int:
    """How many sentences a page gets: a fixed number, or one drawn from a range."""
    if sentences is None:
        sentences = DEFAULT_SENTENCES
    if isinstance(sentences, tuple):
        return rng.randint(*sentences)
    return sentences


def legal_text(kind: str, lang: str, trader: Trader, rng: random.Random, sentences: int) -> str:
    """The body (no ``<h1>``) of a ``kind`` page with about ``sentences`` sentences: numbered sections
    of paragraphs, a list, a delivery table, a definition list; FAQ pages as questions and answers."""
    words = WORDS[lang]
    headings = words.headings.get(kind) or words.headings["faq" if kind in ("service", "shipping") else "terms"]
    out: list[str] = []
    left = sentences
    section = 0

    def some(count: int) -> str:
        return " ".join(_fill(rng.choice(words.sentences), trader, rng, words) for _ in range(count))

    while left > 0:
        heading = headings[section % len(headings)]
        section += 1
        out.append(f"<h2>{section}. {_esc(heading)}</h2>")
        shape = rng.random()
        if kind in ("faq", "service"):
            count = min(left, rng.randint(2, 5))
            question = _fill(rng.choice(words.questions), trader, rng, words)
            out.append(f'<details><summary>{_esc(question)}</summary><p>{_esc(some(count))}</p></details>')
            left -= count + 1
            continue
        if shape < 0.15 and left >= 6:
            rows = "".join(f"<tr><td>{_esc(c)}</td><td>{rng.randint(1, 3)}–{rng.randint(4, 7)} {words.days_word}"
                           f"</td><td>{rng.choice((0, 29, 49, 59, 79, 99))} {_esc(trader.currency)}</td></tr>"
                           for c in words.carriers)
            head = "".join(f"<th>{_esc(h)}</th>" for h in words.table)
            out.append(f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
            left -= len(words.carriers)
        elif shape < 0.3 and left >= 5:
            items = "".join(f"<dt>{_esc(t)}</dt><dd>{_esc(some(1))}</dd>" for t in words.terms)
            out.append(f"<dl>{items}</dl>")
            left -= len(words.terms)
        elif shape < 0.5:
            count = min(left, rng.randint(3, 7))
            tag = rng.choice(("ul", "ol"))
            out.append(f"<{tag}>" + "".join(f"<li>{_esc(some(1))}</li>" for _ in range(count)) + f"</{tag}>")
            left -= count
        for _ in range(rng.randint(1, 3)):
            if left <= 0:
                break
            count = min(left, rng.randint(3, 8))
            out.append(f"<p>{_esc(some(count))}</p>")
            left -= count
    return "".join(out)


def product_text(lang: str, trader: Trader, rng: random.Random, sentences: int) -> str:
    """A product description: a few paragraphs and a list of properties, about ``sentences`` sentences."""
    words = WORDS[lang]

    def one() -> str:
        return rng.choice(words.product).format(material=rng.choice(words.materials), cm=rng.randint(10, 200),
                                                price=rng.randint(99, 4999), cur=trader.currency)

    paras = []
    left = sentences
    while left > 0:
        count = min(left, rng.randint(2, 5))
        paras.append(f"<p>{_esc(' '.join(one() for _ in range(count)))}</p>")
        left -= count
    props = "".join(f"<li>{_esc(one())}</li>" for _ in range(4))
    return f'<div class="description">{"".join(paras)}<ul class="props">{props}</ul></div>'
