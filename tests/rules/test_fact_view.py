"""The facts view a rule gets: every fact typed, and only the declared ones readable."""

from __future__ import annotations

import pytest

from auditor.models import FACT_NAMES, CrawlCoverage, LinkFact, RobotsInfo, SiteFacts
from auditor.rule import FactView, UndeclaredFactError


def _facts() -> SiteFacts:
    coverage = CrawlCoverage(home_url="https://www.butik.se/", pages_fetched=1, robots=RobotsInfo(url="x"),
                             max_pages=30, max_depth=3, exhaustive=True)
    login = LinkFact(url="https://www.butik.se/", target="https://www.butik.se/mina-sidor", text="Mina sidor",
                     internal=True)
    return SiteFacts(site="https://www.butik.se/", jurisdiction="se", coverage=coverage, account_links=[login])


def test_every_fact_is_typed_on_the_view() -> None:
    typed = set(FactView.__annotations__)
    assert typed == FACT_NAMES, f"untyped: {sorted(FACT_NAMES - typed)}; not facts: {sorted(typed - FACT_NAMES)}"


def test_a_declared_fact_is_read_and_an_undeclared_one_raises() -> None:
    view = FactView(_facts(), ["account_links"])
    assert [link.text for link in view.account_links] == ["Mina sidor"]
    assert (view.site, view.jurisdiction) == ("https://www.butik.se/", "se")
    with pytest.raises(UndeclaredFactError):
        _ = view.chats
