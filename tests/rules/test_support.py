"""Shared rule helpers: which company names are the site's own."""

from __future__ import annotations

import pytest

from auditor.rules.support import names_the_site, site_name_tokens


@pytest.mark.parametrize(
    ("url", "tokens"),
    [
        ("https://www.jpc.de/", ["jpc"]),
        ("https://werkstatt-mueller.de/", ["werkstattmueller", "werkstatt", "mueller"]),
        ("https://www.tyreleader.co.uk/", ["tyreleader"]),
        ("https://xn--kpvillkor-07a.se/", ["köpvillkor"]),
        ("http://localhost/", []),
    ],
)
def test_site_name_tokens(url: str, tokens: list[str]) -> None:
    assert site_name_tokens(url) == tokens


@pytest.mark.parametrize(
    ("name", "url", "own"),
    [
        ("jpc-schallplatten Versandhandelsgesellschaft mbH", "https://www.jpc.de/", True),
        ("Werkstatt Müller GmbH", "https://werkstatt-mueller.de/", True),
        ("Zalando SE", "https://www.zalando.de/", True),
        ("Klarna Bank AB", "https://www.butik.se/", False),
        ("Fraktbolaget Norden AB", "https://www.butik.se/", False),
    ],
)
def test_names_the_site(name: str, url: str, own: bool) -> None:
    assert names_the_site(name, url) is own
