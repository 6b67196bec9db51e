"""Contact and imprint pages on another site: a doubt for the absence rules, unless the link leads
to a social network or a messenger (a channel, not a page of the trader's details)."""

from __future__ import annotations

import pytest

from auditor.facts.site import offsite_contact_pages
from auditor.models import LinkFact, Region


def _link(target: str, text: str) -> LinkFact:
    return LinkFact(url="https://shop.example/", target=target, text=text, internal=False, region=Region.FOOTER)


def test_an_imprint_on_another_site_is_a_page_not_read() -> None:
    assert offsite_contact_pages([_link("https://agentur.example/impressum", "Impressum")]) == [
        "https://agentur.example/impressum"
    ]


@pytest.mark.parametrize(
    "target",
    ["https://www.instagram.com/quillmoth/", "https://m.facebook.com/shop", "https://wa.me/4670123456", "https://m.me/shop",
     "https://x.com/shop"],
)
def test_a_contact_link_to_a_social_profile_or_messenger_is_no_page_not_read(target: str) -> None:
    assert offsite_contact_pages([_link(target, "Contact me")]) == []
