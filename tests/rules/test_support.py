"""Shared rule helpers: one fact per thing, prominent places, evidence from a fact, which company
names are the site's own, when terms not found are absent."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from auditor.models import (
    CrawlCoverage,
    LinkClick,
    PageInfo,
    PageKind,
    PassageFact,
    PassageTopic,
    PhoneFact,
    Region,
    RobotsInfo,
    ScriptLinkFact,
)
from auditor.rules.support import (
    Pages,
    dead_link_evidence,
    fact_evidence,
    first_of_each,
    is_prominent,
    names_the_site,
    one_per_number,
    one_per_place,
    section_doubt,
    site_name_tokens,
)


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


# ----------------------------------------------------------------------------- terms behind scripts

_AT = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)


def _coverage(*clicks: str | None, exhaustive: bool = True) -> CrawlCoverage:
    links = [
        ScriptLinkFact(url="https://www.butik.se/kassa", locator=f"a:nth-of-type({i})", text=f"Villkor {i}",
                       kind=PageKind.TERMS, href="#",
                       click=None if result is None else LinkClick(locator=f"a:nth-of-type({i})", result=result,
                                                                   clicked_at=_AT))
        for i, result in enumerate(clicks, start=1)
    ]
    return CrawlCoverage(home_url="https://www.butik.se/", pages_fetched=3, robots=RobotsInfo(url="x"),
                         max_pages=30, max_depth=3, exhaustive=exhaustive, script_links=links)


def _home() -> Pages:
    return Pages([PageInfo(url="https://www.butik.se/", final_url="https://www.butik.se/", status=200,
                           fetched_at=_AT, kind=PageKind.HOME, depth=0)])


def test_terms_are_absent_only_when_every_script_link_was_clicked_and_did_nothing() -> None:
    kinds = frozenset({PageKind.TERMS})
    assert section_doubt(_home(), _coverage("nothing", "nothing"), kinds, "terms") is None
    evidence = dead_link_evidence(_home(), _coverage("nothing"))
    assert [e.excerpt for e in evidence] == ["Villkor 1"] and "nothing happened" in evidence[0].note
    # No link at all: the terms may be where the crawl cannot see (a script-built checkout).
    assert section_doubt(_home(), _coverage(), kinds, "terms") is not None
    # A link not clicked (no browser), one that did something, or a crawl that was not complete.
    for clicks in [("nothing", None), ("nothing", "changed"), ("popup",), ("navigated",), ("dialog",), ("failed",)]:
        doubt = section_doubt(_home(), _coverage(*clicks), kinds, "terms")
        assert doubt is not None and "Villkor" in str(doubt), clicks
    assert section_doubt(_home(), _coverage("nothing", exhaustive=False), kinds, "terms") is not None


# ----------------------------------------------------------------------------- one fact per thing

_SHOP = "https://www.butik.se/"


def _phone(e164: str, url: str = _SHOP, locator: str = "p", region: Region = Region.MAIN, excerpt: str = "",
           raw: str = "") -> PhoneFact:
    return PhoneFact(url=url, locator=locator, region=region, excerpt=excerpt, raw=raw or e164, e164=e164,
                     number_type="fixed_line", method="text")


def _passage(url: str, locator: str) -> PassageFact:
    return PassageFact(url=url, locator=locator, topic=PassageTopic.WITHDRAWAL_PERIOD, excerpt=f"{url} {locator}")


def test_first_of_each_keeps_the_first_of_every_key_in_order() -> None:
    assert first_of_each(["b", "a", "B", "c", "A"], str.casefold) == ["b", "a", "c"]
    assert first_of_each([], str.casefold) == []


def test_one_per_number_keeps_the_first_sighting_of_each_number() -> None:
    footer = _phone("+4681234567", locator="footer p")
    phones = [footer, _phone("+46701234567"), _phone("+4681234567", locator="main p")]
    assert one_per_number(phones) == [footer, phones[1]]


def test_one_per_place_is_one_fact_per_page_and_element() -> None:
    a, b, c = _passage(_SHOP, "p:nth-of-type(1)"), _passage(_SHOP, "p:nth-of-type(2)"), _passage(_SHOP + "x", "p")
    again = a.model_copy(update={"excerpt": "again"})
    assert one_per_place([a, b, again, c]) == [a, b, c]


def test_prominent_means_site_wide_or_on_a_trader_page() -> None:
    pages = Pages([
        PageInfo(url=_SHOP, final_url=_SHOP, status=200, fetched_at=_AT, kind=PageKind.HOME, depth=0),
        PageInfo(url=_SHOP + "kontakt", final_url=_SHOP + "kontakt", status=200, fetched_at=_AT,
                 kind=PageKind.CONTACT, depth=1),
        PageInfo(url=_SHOP + "villkor", final_url=_SHOP + "villkor", status=200, fetched_at=_AT,
                 kind=PageKind.TERMS, depth=1),
    ])
    assert is_prominent(_phone("+4681234567", url=_SHOP + "kontakt"), pages)
    assert is_prominent(_phone("+4681234567", url=_SHOP + "villkor", region=Region.FOOTER), pages)
    assert not is_prominent(_phone("+4681234567", url=_SHOP + "villkor"), pages)
    assert not is_prominent(_phone("+4681234567", url=_SHOP + "unknown"), pages)


def test_fact_evidence_quotes_the_excerpt_or_the_fallback() -> None:
    pages = _home()
    with_excerpt = fact_evidence(_phone("+4681234567", excerpt="Ring 08-123 45 67"), pages, "phone", fallback="x")
    assert (with_excerpt.url, with_excerpt.locator, with_excerpt.excerpt, with_excerpt.note) == (
        _SHOP, "p", "Ring 08-123 45 67", "phone")
    assert with_excerpt.fetched_at == _AT
    bare = fact_evidence(_phone("+4681234567", raw="08-123 45 67"), pages, "phone", fallback="08-123 45 67")
    assert bare.excerpt == "08-123 45 67"
