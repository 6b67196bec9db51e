"""Forms: purpose from the controls, receipts promised near a contact form, embedded services."""

from __future__ import annotations

import pytest

from auditor.facts.dom import Document
from auditor.facts.forms import form_vendor, gather_forms


def forms(body: str, *, contact_page: bool = False) -> list[tuple[str, str, bool]]:
    doc = Document(f"<html><body>{body}</body></html>", "https://www.butik.se/kontakt")
    return [(f.purpose, f.receipt, f.receipt_hidden) for f in gather_forms(doc, contact_page=contact_page)]


@pytest.mark.parametrize(
    ("form", "purpose"),
    [
        ("<form><input type=search name=q></form>", "search"),
        ("<form><input name=search_query></form>", "search"),
        ("<form><input type=email name=email><button>Prenumerera</button></form>", "newsletter"),
        ("<form><input name=user><input type=password name=pw></form>", "login"),
        ("<form><input name=qty value=1><input type=hidden name=id></form>", "order"),
        ("<form><input name=name><input type=email name=email><textarea name=msg></textarea></form>", "contact"),
        ("<form><input name=name><input name=email><input name=nachricht></form>", "contact"),
        # an old shop's order form: a text box for the articles wanted, a submit that orders
        ("<form><input name=name><textarea name=anschrift></textarea><textarea name=bestellung></textarea>"
         "<input type=submit value='Bestellung absenden'></form>", "order"),
        ("<form><input name=namn><textarea name=varor></textarea><button>Skicka beställning</button></form>",
         "order"),
        ("<form><input name=nimi><textarea name=tuotteet></textarea><button type=submit>Lähetä tilaus</button>"
         "</form>", "order"),
        # look-alikes: a contact form asking for an order number, a message box beside an order word
        ("<form><input name=ordernummer><textarea name=meddelande></textarea><button>Skicka</button></form>",
         "contact"),
        ("<form><input name=order><textarea name=message></textarea><button>Place order enquiry</button>"
         "</form>", "contact"),
        ("<form><input name=email><textarea name=frage></textarea><input type=submit value='Absenden'></form>",
         "contact"),
        # an order form whose text box also takes questions, labelled in the cell before it
        ("<form><table><tr><td>Hva vil du bestille? Spørsmål/kommentar:</td><td><textarea name=bestilling>"
         "</textarea></td></tr></table><input type=submit value='Send bestilling'></form>", "contact"),
        # the withdrawal function's form: an order number, the goods, a confirmation that withdraws
        ("<form><input name=order required><input type=email name=email><label for=i>Hvilke varer gjelder det?"
         "</label><textarea id=i name=items></textarea><label><input type=checkbox name=confirm required>"
         "Jeg bekrefter at jeg vil gå fra avtalen.</label><input type=submit value='Bekreft angring'></form>",
         "withdrawal"),
        ("<form><input name=bestellnummer><textarea name=artikel></textarea><button>Vertrag widerrufen</button>"
         "</form>", "withdrawal"),
        ("<form><input name=tilausnumero><textarea name=tuotteet></textarea><button>Lähetä peruutus</button>"
         "</form>", "withdrawal"),
        # look-alikes: a message box beside a withdrawing submit; a consent box that withdraws nothing
        ("<form><input name=order><textarea name=message></textarea><button>Cancel my purchase</button></form>",
         "contact"),
        ("<form><input name=email><textarea name=viesti></textarea><label><input type=checkbox required>"
         "Hyväksyn tietosuojaselosteen</label><button>Lähetä</button></form>", "contact"),
    ],
)
def test_purpose(form: str, purpose: str) -> None:
    assert forms(form)[0][0] == purpose


def test_an_empty_form_is_a_contact_form_only_on_a_contact_page_or_by_its_action() -> None:
    assert forms("<form action='/x'></form>") == [("other", "", False)]
    assert forms("<form action='/x'></form>", contact_page=True) == [("contact", "", False)]
    assert forms("<form action='/kontakt/senden'></form>")[0][0] == "contact"


@pytest.mark.parametrize(
    ("around", "receipt", "hidden"),
    [
        ("<label><input type=checkbox name=x> Skicka en kopia till mig</label>", "copy", False),
        ("<p>Du får ett ärendenummer via e-post.</p>", "case_number", False),
        ("<p>After sending you will get an email with a ticket reference (for example SMS-24031).</p>",
         "case_number", False),
        ("<p hidden>Wir senden Ihnen eine Eingangsbestätigung per E-Mail.</p>", "confirmation", True),
        ("<p>Vi svarar inom 24 timmar.</p>", "", False),
        # the concept's reading: a copy with the message, with sending, "to you"; a case and its number
        ("<p>Lähetämme kopion kirjoittamastasi viestistä sähköpostiisi.</p>", "copy", False),
        ("<p>Ihr bekommt die Kopie automatisch an eure E-Mail-Adresse zugeschickt.</p>", "copy", False),
        ("<p>Du får en kopi av det du har skrevet, og et nummer på saken din.</p>", "copy", False),
        ("<p>Saat tukipyynnöllesi numeron heti lähetyksen jälkeen.</p>", "case_number", False),
        ("<p>We'll send you an email to confirm that your message reached us.</p>", "confirmation", False),
        # look-alikes: a copy the consumer sends the shop, a copy denied, an order's confirmation
        ("<p>Skicka oss gärna en kopia av kvittot och en bild på felet.</p>", "", False),
        ("<p>Please attach a copy of your receipt or invoice.</p>", "", False),
        ("<p>Kopien af din besked gemmes ikke hos os.</p>", "", False),
        ("<p>You will receive an order confirmation by email once you buy.</p>", "", False),
        ("<p>Oppgi ordrenummer og saken din kort.</p>", "", False),
        ("<p>Täytä tilaus, niin lähetämme sähköpostiisi vahvistuksen ja maksulinkin.</p>", "", False),
        ("<p>Thanks! Check your inbox to confirm.</p>", "", False),  # a sign-up's double opt-in
        # text the consumer copies to paste elsewhere: the shop keeps nothing
        ("<p>You can copy and paste this into an email, or fill in the form below it.</p>", "", False),
        ("<p>Kopiera texten och klistra in den i ett mejl till oss.</p>", "", False),
        ("<p>Kopieren Sie den Text und fügen Sie ihn in Ihre E-Mail ein.</p>", "", False),
        # a receipt of a withdrawal made on its own page, not of the message (a set phrase too)
        ("<p>Vil du træde tilbage fra en ordre, så brug vores fortrydelsesside – så får du en kvittering på mail.</p>",
         "", False),
        ("<p>Möchten Sie widerrufen, nutzen Sie bitte unsere Widerrufsseite; dort erhalten Sie eine "
         "Eingangsbestätigung per E-Mail.</p>", "", False),
        ("<p>Du får en kvittering på mail, når vi har modtaget din besked.</p>", "confirmation", False),
        ("<p style='display: none'>Thank you, your message was sent.</p>", "", False),
    ],
)
def test_receipt_near_a_contact_form(around: str, receipt: str, hidden: bool) -> None:
    body = f"<div><form><input name=email><textarea name=msg></textarea>{around}</form></div>"
    assert forms(body) == [("contact", receipt, hidden)]


def test_receipt_words_far_from_the_form_do_not_count() -> None:
    filler = "<p>" + "Lorem ipsum dolor sit amet. " * 120 + "</p>"
    body = (f"<section><p>Du får en orderbekräftelse och ett ärendenummer.</p>{filler}"
            "<div><form><textarea name=msg></textarea></form></div></section>")
    assert forms(body) == [("contact", "", False)]


def test_scripts_are_not_read_as_text() -> None:
    body = "<div><script>var t='Skicka en kopia till mig';</script><form><textarea name=m></textarea></form></div>"
    assert forms(body) == [("contact", "", False)]


@pytest.mark.parametrize(
    ("src", "vendor"),
    [
        ("https://docs.google.com/forms/d/e/x/viewform", "Google Forms"),
        ("https://share.hsforms.com/1abc", "HubSpot Forms"),
        ("https://form.typeform.com/to/abc", "Typeform"),
        ("https://docs.google.com/document/d/x", None),
        ("https://www.youtube.com/embed/x", None),
    ],
)
def test_form_vendors(src: str, vendor: str | None) -> None:
    assert form_vendor(src) == vendor


def test_an_embedded_form_is_a_scripted_contact_form() -> None:
    doc = Document("<html><body><iframe src='https://tally.so/embed/abc'></iframe></body></html>", "https://b.se/")
    [form] = gather_forms(doc)
    assert (form.purpose, form.scripted, form.vendor) == ("contact", True, "Tally")


def test_required_order_number_and_captcha_are_recorded() -> None:
    body = ("<form><input name=email required><input name=ordernummer required><textarea name=msg></textarea>"
            "<div class='g-recaptcha' data-sitekey='x'></div></form>")
    doc = Document(f"<html><body>{body}</body></html>", "https://www.butik.se/kontakt")
    [form] = gather_forms(doc)
    assert form.required == ["email", "ordernummer"] and form.order_required
    assert form.captcha == "Google reCAPTCHA"


@pytest.mark.parametrize(
    ("name", "receipt"),
    [
        ("send_copy", "copy"),
        ("ccMe", "copy"),
        ("kopia_till_mig", "copy"),
        ("send-me", "copy"),
        # The right to the files a form uploads, and other words holding the letters, ask no copy.
        ("copyright", ""),
        ("copyright_ok", ""),
        ("accept", ""),
    ],
)
def test_a_checkbox_asks_for_a_copy_by_a_whole_word_of_its_name(name: str, receipt: str) -> None:
    body = (
        "<form action='/kontakt'><input name='email' type='email'><textarea name='message'></textarea>"
        f"<input type='checkbox' name='{name}'><button>Send</button></form>"
    )
    [(purpose, found, _)] = forms(body, contact_page=True)
    assert purpose == "contact" and found == receipt


def test_a_form_naming_its_product_in_a_nordic_or_german_word_is_an_order_form() -> None:
    body = (
        "<form class='contact-form'><select name='produkt'><option>Tavla</option></select>"
        "<input name='size'><input name='email' type='email'><input name='firstName'><button>Beställ</button></form>"
    )
    assert [purpose for purpose, _, _ in forms(body)] == ["order"]


@pytest.mark.parametrize(
    ("label", "receipt"),
    [
        ("Email me a copy of my message", "copy"),
        ("Kopia till min e-post", "copy"),
        ("Lähetä minulle kopio", "copy"),
        ("Jag godkänner integritetspolicyn", ""),
        ("I have read the copyright notice", ""),
    ],
)
def test_a_checkbox_speaking_of_a_copy_asks_for_one(label: str, receipt: str) -> None:
    form = (f"<form><input name=name><input type=email name=email><textarea name=msg></textarea>"
            f"<label><input type=checkbox name=opt1> {label}</label></form>")
    assert forms(form)[0][1] == receipt
