"""Country knowledge comes from the profiles: each national profile names its country, and no
top-level domain or language points to two jurisdictions."""

from __future__ import annotations

import pytest

from auditor import profiles
from auditor.facts.site import guess_jurisdiction, phone_region

NATIONAL = ("de", "dk", "fi", "no", "se")


@pytest.mark.parametrize("jurisdiction", NATIONAL)
def test_a_national_profile_names_its_country(jurisdiction: str) -> None:
    country = profiles.country(jurisdiction)
    assert country.region == jurisdiction.upper()
    assert country.tlds == (jurisdiction,)
    assert country.languages


def test_eu_law_has_no_country() -> None:
    assert profiles.country("eu") == profiles.Country(region="", tlds=(), languages=())


def test_no_domain_or_language_points_to_two_jurisdictions() -> None:
    for field in ("tlds", "languages"):
        seen: dict[str, str] = {}
        for jurisdiction in profiles.jurisdictions():
            for value in getattr(profiles.country(jurisdiction), field):
                assert value not in seen, f"{field} {value!r}: {seen[value]} and {jurisdiction}"
                seen[value] = jurisdiction


@pytest.mark.parametrize(
    ("url", "lang", "jurisdiction"),
    [
        ("https://shop.se/", "en", "se"),
        ("https://shop.de/", "sv", "de"),
        ("https://shop.com/", "nn", "no"),
        ("https://shop.com/", "da", "dk"),
        ("https://shop.eu/", "fi", "fi"),
        ("https://shop.com/", "en", "eu"),
        ("https://shop.com/", "", "eu"),
        ("http://localhost/", "sv", "se"),
    ],
)
def test_guess_jurisdiction_by_domain_then_language(url: str, lang: str, jurisdiction: str) -> None:
    assert guess_jurisdiction(url, lang) == jurisdiction


@pytest.mark.parametrize(
    ("jurisdiction", "lang", "region"),
    [("se", "en", "SE"), ("no", "nb", "NO"), ("de", "de", "DE"), ("eu", "en", "GB"), ("eu", "de", "ZZ")],
)
def test_phone_region_from_the_jurisdiction_then_the_language(jurisdiction: str, lang: str, region: str) -> None:
    assert phone_region(jurisdiction, lang) == region


@pytest.mark.parametrize(
    ("jurisdiction", "lang", "url", "region"),
    [
        ("eu", "en", "https://leafylane.ie/", "IE"),  # no Irish profile: the domain's country
        ("eu", "de", "https://uhren.ch/", "CH"),
        ("de", "de", "https://shop.at/", "AT"),  # German words, an Austrian trader
        ("eu", "en", "https://shop.co.uk/", "GB"),
        ("se", "sv", "https://shop.se/", "SE"),
        ("se", "sv", "https://shop.no/", "SE"),  # a profile's domain: the jurisdiction given decides
        ("eu", "en", "https://app.io/", "GB"),  # a domain sold worldwide says nothing of the trader
        ("eu", "en", "http://127.0.0.1:8080/", "GB"),
    ],
)
def test_phone_region_from_a_domain_no_profile_covers(jurisdiction: str, lang: str, url: str, region: str) -> None:
    assert phone_region(jurisdiction, lang, url) == region


def test_params_and_weights_still_overlay_the_default() -> None:
    assert profiles.params("se")["guarantee_min_months"] == 36
    assert profiles.params("eu")["withdrawal_days"] == 14
    assert profiles.profile("se")["contact-email"] == 5.0
