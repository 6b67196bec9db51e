"""Dispute passages: ADR bodies named or linked, the § 36 VSBG statement, and the ODR platform."""

from __future__ import annotations

import pytest

from auditor.facts.dom import Document
from auditor.facts.passages.disputes import bodies_named, gather
from auditor.models import PassageFact, PassageTopic


def passages(body: str, topic: PassageTopic, lang: str = "sv") -> list[PassageFact]:
    doc = Document(f"<html><body>{body}</body></html>", "https://www.butik.se/villkor")
    return [p for p in gather(doc, lang) if p.topic == topic]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Du kan vända dig till Allmänna reklamationsnämnden.", "Allmänna reklamationsnämnden"),
        ("Vid tvist följer vi ARN:s rekommendationer.", "ARN"),
        ("Saken kan bringes inn for Forbrukerklageutvalget.", "Forbrukerklageutvalget"),
        ("Du kan klage til Center for Klageløsning.", "Center for Klageløsning"),
        ("Voit viedä asian Kuluttajariitalautakunnalle.", "Kuluttajariitalautakunta"),
        ("Zuständig ist die Universalschlichtungsstelle des Bundes.", "Universalschlichtungsstelle des Bundes"),
    ],
)
def test_bodies_in_six_languages(text: str, name: str) -> None:
    [fact] = passages(f"<p>{text}</p>", PassageTopic.ADR_BODY)
    assert fact.name == name
    assert fact.flags == []


@pytest.mark.parametrize("text", ["Leksaker för barn.", "Arne och Arn", "Garn och arnika", "https://www.butik.se/arn"])
def test_acronym_only_in_capitals_and_as_a_word(text: str) -> None:
    assert bodies_named(text) == []
    assert passages(f"<p>{text}</p>", PassageTopic.ADR_BODY) == []


def test_web_site_and_postal_address_in_the_block() -> None:
    [fact, *_] = passages(
        "<p>Allmänna reklamationsnämnden, Box 174, 101 23 Stockholm, www.arn.se.</p>", PassageTopic.ADR_BODY
    )
    assert fact.name == "Allmänna reklamationsnämnden"
    assert set(fact.flags) == {"web_address", "postal_address"}
    assert fact.target == "https://www.arn.se"


def test_link_to_a_body_site() -> None:
    facts = passages('<p>Klag til <a href="https://www.naevneneshus.dk/">Nævnenes Hus</a></p>', PassageTopic.ADR_BODY)
    link = next(f for f in facts if "link" in f.flags)
    assert (link.name, link.target) == ("Nævnenes Hus", "https://www.naevneneshus.dk/")
    text = next(f for f in facts if "link" not in f.flags)
    assert text.flags == ["web_address"]


def test_the_shops_own_site_is_no_body_web_address() -> None:
    [fact] = passages("<p>Du kan vända dig till ARN. Läs mer på www.butik.se/villkor.</p>", PassageTopic.ADR_BODY)
    assert "web_address" not in fact.flags


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("Wir sind nicht bereit und nicht verpflichtet, an Streitbeilegungsverfahren vor einer "
         "Verbraucherschlichtungsstelle teilzunehmen.", "vsbg_unwilling"),
        ("Zur Teilnahme an einem Streitbeilegungsverfahren vor einer Verbraucherschlichtungsstelle sind "
         "wir weder verpflichtet noch bereit.", "vsbg_unwilling"),
        ("Wir sind bereit, an Streitbeilegungsverfahren vor der Universalschlichtungsstelle teilzunehmen.",
         "vsbg_willing"),
    ],
)
def test_vsbg_statement(text: str, flag: str) -> None:
    [fact] = passages(f"<p>{text}</p>", PassageTopic.ADR_BODY, "de")
    assert flag in fact.flags


def test_odr_sentence_is_no_vsbg_statement() -> None:
    text = "Die Europäische Kommission stellt eine Plattform zur Online-Streitbeilegung (OS) bereit."
    assert passages(f"<p>{text}</p>", PassageTopic.ADR_BODY, "de") == []
    [fact] = passages(f"<p>{text}</p>", PassageTopic.ODR_LINK, "de")
    assert fact.flags == ["mention"]


def test_odr_link_and_written_address() -> None:
    html = '<p><a href="https://ec.europa.eu/consumers/odr/">OS-Plattform</a></p>'
    [link, *_] = passages(html, PassageTopic.ODR_LINK)
    assert (link.flags, link.target) == (["link"], "https://ec.europa.eu/consumers/odr/")
    [written] = passages("<p>Plattform: https://ec.europa.eu/consumers/odr/.</p>", PassageTopic.ODR_LINK)
    assert written.flags == ["web_address"]
    assert written.target == "https://ec.europa.eu/consumers/odr/"


@pytest.mark.parametrize(
    "text",
    [
        "EU-kommissionens plattform för tvistlösning online.",
        "EUs klageplattform for tvisteløsning på nett.",
        "Platformen for onlinetvistbilæggelse.",
        "EU:n verkkovälitteisen riidanratkaisun foorumi.",
        "The EU's ODR platform.",
    ],
)
def test_odr_platform_named(text: str) -> None:
    [fact] = passages(f"<p>{text}</p>", PassageTopic.ODR_LINK)
    assert fact.flags == ["mention"]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Erimielisyydet voi viedä Kuluttajariitalautakuntaan.", "fi"),  # illative
        ("Kuluttajariitalautakunnassa riidan käsittely on maksutonta.", "fi"),  # inessive
        ("Riitatilanteessa pyydä apua Kuluttajaneuvonnalta.", "fi"),  # ablative of Kuluttajaneuvonta
        ("Ved uenighed følger vi Forbrugerklagenævnets afgørelser.", "da"),  # genitive
        ("Vid en tvist rättar vi oss efter Allmänna reklamationsnämndens beslut.", "sv"),
    ],
)
def test_inflected_body_names(text: str, lang: str) -> None:
    [fact] = passages(f"<p>{text}</p>", PassageTopic.ADR_BODY, lang)
    assert fact.name
    assert "no_context" not in fact.flags


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Vår grundare satt tidigare i styrelsen och arbetade på Allmänna reklamationsnämnden.", "sv"),
        ("Forbrukerrådet kåret nettbutikken vår som en av de beste i Norden.", "nb"),
        ("Vi sender varer til hele landet, også til Nævnenes Hus' kantine.", "da"),
        ("Blogissamme kerromme, miksi Kuluttajariitalautakunnan ratkaisut kiinnostavat.", "fi"),
        ("Behörden wie die Schlichtungsstelle können eine Auskunft verlangen.", "de"),
        ("Die Schlichtungsstelle Energie ist für Strom- und Gasverträge zuständig.", "de"),
    ],
)
def test_body_named_as_something_else_is_flagged(text: str, lang: str) -> None:
    facts = passages(f"<p>{text}</p>", PassageTopic.ADR_BODY, lang)
    assert facts
    assert all("no_context" in f.flags for f in facts)


def test_a_heading_gives_the_context() -> None:
    [fact] = passages("<h2>Tvistlösning</h2><p>Allmänna reklamationsnämnden.</p>", PassageTopic.ADR_BODY)
    assert "no_context" not in fact.flags
    [fact] = passages("<h2>Om oss</h2><p>Allmänna reklamationsnämnden.</p>", PassageTopic.ADR_BODY)
    assert "no_context" in fact.flags


@pytest.mark.parametrize(
    ("text", "lang", "name"),
    [
        ("Missnöjd med vårt beslut? Läs mer på arn.se om hur du gör en anmälan.", "sv", "Allmänna reklamationsnämnden"),
        ("Not happy with our final response? Visit retailadr.org.uk to raise your case.", "en", "Retail ADR"),
    ],
)
def test_a_bodys_web_address_written_out_names_it(text: str, lang: str, name: str) -> None:
    [fact] = passages(f"<p>{text}</p>", PassageTopic.ADR_BODY, lang)
    assert fact.name == name and "no_context" not in fact.flags


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # handling, solving, following its decisions: the body to turn to
        ("Saker vi ikke klarer å løse sammen, kan behandles av Forbrukerklageutvalget.", "nb"),
        ("Sager, vi ikke kan løse sammen, kan behandles af Nævnenes Hus.", "da"),
        ("As members of a trade association we follow the rulings of the Furniture Ombudsman.", "en"),
        ("Anschließend können Sie die Universalschlichtungsstelle einschalten.", "de"),
        # membership, its web site, being in contact with it
        ("We are a member of the Furniture Ombudsman scheme.", "en"),
        ("Läs mer om ARN på deras hemsida.", "sv"),
        ("Ennen kuluttajariitalautakuntaa sinun tulee olla yhteydessä kuluttajaneuvontaan.", "fi"),
    ],
)
def test_more_ways_to_say_a_body_is_the_one_to_turn_to(text: str, lang: str) -> None:
    facts = passages(f"<p>{text}</p>", PassageTopic.ADR_BODY, lang)
    assert facts and all("no_context" not in f.flags for f in facts)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("If we can't solve a complaint together, you can take it to De Geschillencommissie in The Hague, which "
         "handles disputes about online purchases.", "en"),
        ("Vid tvist kan du vända dig till Le Médiateur du e-commerce.", "sv"),
        ("Riita-asiat voi viedä Junta Arbitral de Consumo -elimelle.", "fi"),
    ],
)
def test_another_countrys_body_by_how_its_name_ends_is_an_unknown_body(text: str, lang: str) -> None:
    [fact] = passages(f"<p>{text}</p>", PassageTopic.ADR_BODY, lang)
    assert "unknown_body" in fact.flags and not fact.name


def test_a_body_ending_without_a_dispute_word_is_no_body() -> None:
    assert passages("<p>Our founder sat on De Geschillencommissie's board in 2010.</p>", PassageTopic.ADR_BODY,
                    "en") == []


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("We aren't members of an alternative dispute resolution scheme, so we won't be using one.", "en"),
        ("Vi deltar inte i alternativ tvistlösning.", "sv"),
        ("Vi er ikke medlem av noe utenomrettslig klageorgan.", "nb"),
        ("Vi deltager ikke i alternativ tvistløsning.", "da"),
        ("Emme osallistu vaihtoehtoiseen riidanratkaisuun.", "fi"),
    ],
)
def test_a_trader_declining_dispute_resolution_is_flagged_declined(text: str, lang: str) -> None:
    [fact] = passages(f"<p>{text}</p>", PassageTopic.ADR_BODY, lang)
    assert fact.flags == ["declined"] and not fact.name


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("We do not use cookies for advertising.", "en"),  # declining, but not dispute resolution
        ("Alternative dispute resolution is explained on our help pages.", "en"),  # nothing declined
        ("Vi deltar inte i mässor.", "sv"),
    ],
)
def test_declining_needs_both_dispute_resolution_and_a_refusal(text: str, lang: str) -> None:
    assert passages(f"<p>{text}</p>", PassageTopic.ADR_BODY, lang) == []


def test_a_named_body_is_read_as_named_even_beside_a_refusal() -> None:
    [fact] = passages("<p>We are not members of an ADR scheme, but you may contact Retail ADR.</p>",
                      PassageTopic.ADR_BODY, "en")
    assert fact.name == "Retail ADR" and "declined" not in fact.flags


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("You may refer the dispute to the Norwegian Consumer Council.", "Forbrukerrådet"),
        ("You may contact the Swedish National Board for Consumer Disputes.", "Allmänna reklamationsnämnden"),
    ],
)
def test_nordic_bodies_named_in_english_are_their_bodies(text: str, name: str) -> None:
    found = passages(f"<p>{text}</p>", PassageTopic.ADR_BODY, "en")
    assert found and found[0].name == name


@pytest.mark.parametrize(
    ("text", "lang", "name"),
    [
        ("Vi är inte anslutna till ARN.", "sv", "ARN"),
        ("Vi deltar inte i tvistlösning hos Allmänna reklamationsnämnden.", "sv", "Allmänna reklamationsnämnden"),
        ("Vi deltar ikke i saker for Forbrukerklageutvalget.", "nb", "Forbrukerklageutvalget"),
        ("Vi deltager ikke i sager ved Forbrugerklagenævnet.", "da", "Forbrugerklagenævnet"),
        ("We are not members of the Furniture Ombudsman.", "en", "Furniture Ombudsman"),
    ],
)
def test_a_body_the_trader_takes_no_part_in_is_flagged_declined(text: str, lang: str, name: str) -> None:
    [fact] = passages(f"<p>{text}</p>", PassageTopic.ADR_BODY, lang)
    assert fact.name == name and "declined" in fact.flags


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Om vi inte blir överens kan du vända dig till Allmänna reklamationsnämnden.", "sv"),
        ("Vi deltar inte i mässor, men tvister prövas av Allmänna reklamationsnämnden.", "sv"),
    ],
)
def test_a_refusal_of_something_else_leaves_the_body_named(text: str, lang: str) -> None:
    facts = passages(f"<p>{text}</p>", PassageTopic.ADR_BODY, lang)
    assert facts and all("declined" not in f.flags for f in facts)


@pytest.mark.parametrize(
    ("text", "lang", "name"),
    [
        ("Du kan vända dig till Allmäna reklamationsnämnden.", "sv", "Allmänna reklamationsnämnden"),
        ("Du kan alltid ta kontakt med Forbrukerådet.", "nb", "Forbrukerrådet"),
        ("Du kan klage til Center for Klagelsning.", "da", "Center for Klageløsning"),
    ],
)
def test_a_body_named_with_one_letter_missing(text: str, lang: str, name: str) -> None:
    [fact] = passages(f"<p>{text}</p>", PassageTopic.ADR_BODY, lang)
    assert fact.name == name


def test_no_word_of_a_body_name_is_taken_for_another_misspelt() -> None:
    from auditor.facts.passages.disputes import _bodies, _misspellings

    words = {word for body in _bodies()[0] for word in body.norm.split()}
    assert _misspellings() and words.isdisjoint(_misspellings())


@pytest.mark.parametrize(
    ("text", "lang", "name"),
    [
        ("Schlichtungsstelle: Universalschlichtungsstelle des Bundes", "de", "Universalschlichtungsstelle des Bundes"),
        ("Riidat: Kuluttajariitalautakunta", "fi", "Kuluttajariitalautakunta"),
        ("ADR: Consumer Dispute Resolution Ltd", "en", "Consumer Dispute Resolution Limited"),
    ],
)
def test_a_body_under_a_label_of_dispute_resolution_is_the_one_to_turn_to(text: str, lang: str, name: str) -> None:
    facts = passages(f"<p>{text}</p>", PassageTopic.ADR_BODY, lang)
    assert any(f.name == name and "no_context" not in f.flags for f in facts)


def test_a_body_named_as_a_supervisor_is_named_as_something_else() -> None:
    text = "Forbrukertilsynet fører tilsyn med markedsføring, men behandler ikke enkeltklager."
    [fact] = passages(f"<p>{text}</p>", PassageTopic.ADR_BODY, "nb")
    assert "no_context" in fact.flags


def test_a_body_under_a_table_label_is_named_as_the_one_to_turn_to() -> None:
    # the statement view joins the row's label to its value: the label says what the body is for
    from auditor.facts.passages.common import statement_view

    body = ("<table><tr><th>Verbraucherschlichtungsstelle</th>"
            "<td>Universalschlichtungsstelle des Bundes, Kehl</td></tr></table>")
    doc = statement_view(Document(f"<html><body>{body}</body></html>", "https://www.butik.de/agb"))
    found = [p for p in gather(doc, "de") if p.topic == PassageTopic.ADR_BODY]
    assert found and all("no_context" not in p.flags for p in found)


@pytest.mark.parametrize(
    "body",
    [
        # a body the lexicon does not know, under a heading on resolving disputes out of court
        "<h2>Out-of-court dispute resolution</h2><p>If we cannot agree, you can apply to the Permanent "
        "Consumer Arbitration Court at the Inspectorate of Trade Inspection in Gdańsk.</p>",
        # the sentence itself speaks of out-of-court procedures
        "<p>A Consumer may use out-of-court procedures, in particular the Permanent Consumer Arbitration "
        "Court at the Provincial Inspectorate of Trade Inspection.</p>",
    ],
)
def test_an_unknown_body_beside_out_of_court_words_is_read_as_one(body: str) -> None:
    found = passages(body, PassageTopic.ADR_BODY, "en")
    assert found and "unknown_body" in found[0].flags


@pytest.mark.parametrize(
    "html",
    [
        "<table><tr><th>Schlichtungsstelle</th><td>Schlichtungsstelle Energie e.V.</td></tr></table>",
        "<p>Zuständige Schlichtungsstelle: Schlichtungsstelle Energie e.V., Friedrichstraße 133, 10117 Berlin</p>",
    ],
)
def test_a_sectors_body_under_a_label_of_dispute_resolution_is_the_shops(html: str) -> None:
    """A sector's own body ("Schlichtungsstelle Energie") named as something else is an aside;
    under a label naming dispute resolution it is the body the shop's disputes go to."""
    facts = [f for f in passages(html, PassageTopic.ADR_BODY, "de") if f.name]
    assert facts and all("no_context" not in f.flags for f in facts)
