"""Best-first order: contact and legal links before product links, site-wide links first."""

from __future__ import annotations

from auditor.models import LinkFact, Region
from auditor.spiders.ranking import KEY_LINK_SCORE, score_link


def link(text: str, target: str, region: Region = Region.MAIN) -> LinkFact:
    return LinkFact(url="https://x.se/", target=target, text=text, region=region, internal=True)


def test_contact_words_in_every_language_rank_first() -> None:
    product = score_link(link("Ullpled grafit", "https://x.se/p/ullpled"))
    for text, slug in [("Kontakta oss", "kontakta-oss"), ("Kundeservice", "kundeservice"),
                       ("Kontakt os", "kontakt-os"), ("Asiakaspalvelu", "asiakaspalvelu"),
                       ("Impressum", "impressum"), ("Contact us", "contact")]:
        assert score_link(link(text, f"https://x.se/{slug}")) > product, text
        assert score_link(link(text, f"https://x.se/{slug}")) >= KEY_LINK_SCORE


def test_url_alone_counts_when_the_text_says_nothing() -> None:
    assert score_link(link("Läs mer", "https://x.se/kundtjanst")) >= KEY_LINK_SCORE


def test_footer_links_beat_the_same_link_in_the_main_text() -> None:
    assert score_link(link("Villkor", "https://x.se/villkor", Region.FOOTER)) > score_link(
        link("Villkor", "https://x.se/villkor"))


def test_lookalike_words_do_not_rank_as_contact() -> None:
    assert score_link(link("Kontaktlinser", "https://x.se/kontaktlinser")) < KEY_LINK_SCORE
