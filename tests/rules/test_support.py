"""Shared rule helpers: which company names are the site's own; when terms not found are absent."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from auditor.models import CrawlCoverage, LinkClick, PageInfo, PageKind, RobotsInfo, ScriptLinkFact
from auditor.rules.support import Pages, dead_link_evidence, names_the_site, section_doubt, site_name_tokens


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
