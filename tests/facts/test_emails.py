"""Email addresses: links, text, obfuscations, Cloudflare, look-alikes and classification."""

from __future__ import annotations

import pytest

from auditor.facts.dom import Document
from auditor.facts.emails import gather_emails, normalise_email
from auditor.models import Region


def emails(body: str, site: str = "www.kompis.se") -> dict[str, str]:
    doc = Document(f"<html><body>{body}</body></html>", "https://www.kompis.se/kontakt")
    return {fact.address: fact.method for fact in gather_emails(doc, site)}


def cloudflare(address: str, key: int = 0x42) -> str:
    """Encode like Cloudflare's email protection: key byte, then each byte XORed with it."""
    return f"{key:02x}" + "".join(f"{b ^ key:02x}" for b in address.encode())


def test_mailto_link_strips_query_and_decodes() -> None:
    found = emails('<p>Skriv till <a href="mailto:Kund%40Kompis.se?subject=Order%20123">oss</a></p>')
    assert found == {"kund@kompis.se": "mailto"}


def test_mailto_with_several_recipients() -> None:
    found = emails('<a href="mailto:a@kompis.se,b@kompis.se">mejla</a>')
    assert found == {"a@kompis.se": "mailto", "b@kompis.se": "mailto"}


@pytest.mark.parametrize(
    "text",
    [
        "E-post: kundtjanst@kompis.se",  # sv
        "E-post: kundeservice@kompis.no.",  # nb, sentence dot
        "Skriv til os på kundeservice@kompis.dk",  # da
        "Sähköposti: asiakaspalvelu@kompis.fi",  # fi
        "E-Mail: info@kompis-handel.de",  # de
        "Email us at hello@kompis.co.uk!",  # en
    ],
)
def test_plain_text_addresses(text: str) -> None:
    found = emails(f"<p>{text}</p>")
    assert list(found.values()) == ["text"]
    assert next(iter(found)).split("@")[1].startswith("kompis")


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("info [at] kompis [dot] se", "info@kompis.se"),
        ("info(at)kompis.se", "info@kompis.se"),
        ("info (at) kompis (dot) no", "info@kompis.no"),
        ("kundservice {at} kompis.dk", "kundservice@kompis.dk"),
        ("info snabel-a kompis.se", "info@kompis.se"),
        ("info [ät] kompis [punkt] de", "info@kompis.de"),
        ("E-post: info at kompis dot se", "info@kompis.se"),
        ("info&amp;#64;kompis.fi", "info@kompis.fi"),  # double-escaped: "&#64;" stays in the text
        ("info (a) kompis.se", "info@kompis.se"),
        ("post [krøllalfa] kompis.no", "post@kompis.no"),
        ("myynti (miukumauku) kompis.fi", "myynti@kompis.fi"),
        ("info [Klammeraffe] kompis.de", "info@kompis.de"),
        ("info @ kompis.se", "info@kompis.se"),
        ("info@ kompis.se", "info@kompis.se"),
    ],
)
def test_obfuscated_addresses(text: str, address: str) -> None:
    assert emails(f"<p>{text}</p>") == {address: "obfuscated"}


def test_entity_encoded_at_is_plain_text() -> None:
    # lxml decodes &#64; in the markup: the reader sees an ordinary address.
    assert emails("<p>info&#64;kompis.se</p>") == {"info@kompis.se": "text"}


def test_bare_at_in_prose_is_not_an_address() -> None:
    assert emails("<p>Write to us at kompis dot com or visit us at the shop dot com.</p>") == {}


def test_bare_at_after_a_colon_that_announces_it() -> None:
    # a sentence that ends in a colon and the address spelt out after it, bracketed remark after
    html = "<p>Email us the titles you want: <b>kompisbooks at btinternet dot com</b> (spam, sorry).</p>"
    assert emails(html) == {"kompisbooks@btinternet.com": "obfuscated"}
    assert emails("<p>Orders by post: we are at home dot com most days.</p>") == {}


def test_a_spaced_at_after_a_pronoun_is_a_social_handle() -> None:
    assert emails("<p>Follow us @ instagram.com and tweet me @ kompis.se</p>") == {}


def test_cloudflare_attribute_and_link_are_decoded_once() -> None:
    code = cloudflare("info@kompis.se")
    body = (
        f'<footer><a href="/cdn-cgi/l/email-protection#{code}">'
        f'<span class="__cf_email__" data-cfemail="{code}">[email&#160;protected]</span></a></footer>'
    )
    doc = Document(f"<html><body>{body}</body></html>", "https://www.kompis.se/")
    [fact] = gather_emails(doc, "kompis.se")
    assert (fact.address, fact.method, fact.region) == ("info@kompis.se", "cloudflare", Region.FOOTER)


def test_broken_cloudflare_code_is_ignored() -> None:
    assert emails('<span data-cfemail="zz12">x</span><span data-cfemail="42">y</span>') == {}


@pytest.mark.parametrize(
    "text",
    [
        "logo@2x.png",
        "icon@3x.webp",
        "hero@1.5x.jpg",
        "package@1.2.3",
        "jquery@3.6.0.min.js",
        "user@localhost",
        "mail@kompis.s",  # one-letter TLD
        "name@kompis.123",
    ],
)
def test_look_alikes_are_rejected(text: str) -> None:
    assert emails(f"<p>{text}</p>") == {}


def test_script_and_style_are_not_read() -> None:
    body = '<script>var c = "dev@kompis.se";</script><style>/* a@kompis.se */</style><p>Hej</p>'
    assert emails(body) == {}


def test_duplicates_keep_the_strongest_method() -> None:
    body = (
        "<p>info [at] kompis [dot] se</p>"
        '<p><a href="mailto:info@kompis.se">info@kompis.se</a></p>'
        "<p>INFO@KOMPIS.SE</p>"
    )
    doc = Document(f"<html><body>{body}</body></html>", "https://www.kompis.se/")
    [fact] = gather_emails(doc, "kompis.se")
    assert (fact.address, fact.method) == ("info@kompis.se", "mailto")
    assert fact.locator.endswith("> a")
    assert "info@kompis.se" in fact.excerpt


def test_payment_provider_is_third_party() -> None:
    body = (
        "<p>Frågor om din faktura? Kontakta Klarna på kundservice@klarna.se.</p>"
        "<p>Vår adress: order@kompis.se, butiken@shop.kompis.se</p>"
        "<p>Exempel: namn@example.com</p>"
    )
    doc = Document(f"<html><body>{body}</body></html>", "https://www.kompis.se/")
    facts = {f.address: (f.third_party, f.same_site) for f in gather_emails(doc, "https://www.kompis.se/")}
    assert facts == {
        "kundservice@klarna.se": (True, False),
        "order@kompis.se": (False, True),
        "butiken@shop.kompis.se": (False, True),
        "namn@example.com": (True, False),
    }


def test_registrable_domain_respects_multi_label_suffixes() -> None:
    doc = Document("<p>info@other.co.uk</p>", "https://kompis.co.uk/")
    [fact] = gather_emails(doc, "www.kompis.co.uk")
    assert not fact.same_site


def test_provider_auditing_itself_is_not_third_party() -> None:
    doc = Document("<p>kundservice@klarna.se</p>", "https://www.klarna.se/")
    [fact] = gather_emails(doc, "www.klarna.se")
    assert (fact.same_site, fact.third_party) == (True, False)


def test_normalise_email() -> None:
    assert normalise_email("mailto:Info%40Kompis.SE?cc=x") == "info@kompis.se"
    assert normalise_email("logo@2x.png") is None
    assert normalise_email("not an address") is None


def owners(body: str, site: str = "www.kompis.se") -> dict[str, tuple[bool, str, str | None]]:
    doc = Document(f"<html><body>{body}</body></html>", "https://www.kompis.se/villkor")
    return {f.address: (f.third_party, f.owner, f.owner_reason) for f in gather_emails(doc, site)}


@pytest.mark.parametrize(
    ("body", "owner", "reason"),
    [
        # A sentence naming a payment provider, a carrier, a marketplace or a public body (sv, fi, de, nb, en).
        ("<p>Frågor om fakturan besvaras av Klarna: kundservice@fakturahjalpen.se</p>", "Klarna", "context"),
        ("<p>Osamaksusta vastaa Walley, asiakaspalvelu@walley-apu.fi.</p>", "Walley", "context"),
        ("<p>Fragen zur Ratenzahlung beantwortet Easycredit unter service@ratenkauf-hilfe.de.</p>",
         "Easycredit", "context"),
        ('<p>Spørsmål om sendingen? <a href="mailto:kunde@sporing-hjelp.no">Brings kundeservice</a></p>',
         "", None),  # "Brings" is not the whole word "Bring"
        ('<p>Auction questions: <a href="mailto:help@auction-desk.com">eBay support</a></p>', "eBay", "role"),
        ("<p>Allmänna reklamationsnämnden nås på arn@arn.se.</p>", "Allmänna reklamationsnämnden", "public_body"),
        # A short block whose first line names the company.
        ("<p>Paytrail Oyj<br>Innova 2<br>asiakaspalvelu@maksu-apu.fi</p>", "Paytrail", "context"),
        # By domain, and example data.
        ("<p>Skriv till kundservice@klarna.se</p>", "klarna.se", "domain"),
        ("<p>Geben Sie z. B. E-Mail: max.mustermann@firma.de an.</p>", "", "example"),
        ("<p>Angiv fx navn@dinmail.dk i feltet.</p>", "", "example"),
        ("<p>Skriv till namn@exempel.se</p>", "", "example"),
    ],
)
def test_contact_details_belong_to_a_third_party_by_context(body: str, owner: str, reason: str | None) -> None:
    [(third_party, found_owner, found_reason)] = owners(body).values()
    assert (third_party, found_owner, found_reason) == (reason is not None, owner, reason)


@pytest.mark.parametrize(
    "body",
    [
        # The trader's own block in the terms keeps a webmail address.
        "<p>Säljare: Kompis Hem AB<br>Storgatan 4<br>123 45 Ås<br>Mail: kompishem@gmail.com</p>",
        # A webmail address is never a named company's by context.
        "<p>Har du frågor om Klarna-fakturan, mejla kompishem@gmail.com</p>",
        # A sentence that speaks for the shop (sv, da, de, en).
        "<p>Betalar du med Klarna, mejla oss på order@kompis-butik.com</p>",
        "<p>Vi sender med GLS; skriv til os på ordre@kompis-butik.dk</p>",
        "<p>Sie zahlen per PayPal, schreiben Sie uns an info@kompis-laden.de</p>",
        "<p>We ship with DHL; email us at hello@kompis-shop.co.uk</p>",
        # The site's own domain, whatever the sentence names.
        "<p>Frågor om Klarna-fakturan: order@kompis.se</p>",
        # An example word far from the address.
        "<p>Till exempel kan du beställa i butiken och skriva till info@kompisbutik.com</p>",
    ],
)
def test_the_trader_keeps_its_own_address(body: str) -> None:
    [(third_party, owner, reason)] = owners(body).values()
    assert (third_party, owner, reason) == (False, "", None)
