"""One list of third parties for the email facts and the rules."""

from __future__ import annotations

import pytest

from auditor.facts.emails import classify_email
from auditor.facts.third_parties import third_parties


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
