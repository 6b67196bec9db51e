"""Property-based robustness: random and mutated HTML and bytes never make an extractor or a
rule raise or hang (hypothesis; each example has a deadline)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.engine import run_rules
from auditor.facts.dom import Document
from auditor.facts.site import gather_site
from auditor.models import PageSnapshot, RobotsInfo, SiteCrawl
from auditor.rule import AuditContext

FIXTURES = sorted((Path(__file__).parent / "fixtures" / "rules").glob("*/*.html"))
SAMPLES = [p.read_text(encoding="utf-8") for p in FIXTURES[::7]]
TAGS = ["<p>", "</p>", "<div>", "<table><tr><td>", "<a href='/kontakt'>", "<form>", "<textarea>", "<script>",
        "<!--", "-->", "<h2>", "<br>", "&#150;", "&amp;", "\x00", "\ufffd", "<![CDATA[", "<svg><script>",
        "Org.nr 556482-9108", "hej [at] butik [dot] se", "08-123 45 67", "14 dagars ångerrätt", "reklamation 3 år"]


def audit(html: str) -> None:
    when = datetime(2026, 11, 1, tzinfo=UTC)
    crawl = SiteCrawl(
        start_url="https://www.butik.se/", home_url="https://www.butik.se/", site_hosts=["butik.se"],
        started_at=when, finished_at=when, user_agent="test", max_pages=30, max_depth=3,
        pages=[PageSnapshot(url="https://www.butik.se/", final_url="https://www.butik.se/", status=200,
                            fetched_at=when, depth=0, html=html)],
        robots=RobotsInfo(url="https://www.butik.se/robots.txt"),
    )
    facts = gather_site(crawl, "se")
    for outcome in run_rules(facts, AuditContext(jurisdiction="se", as_of=date(2026, 11, 24))):
        assert outcome.outcome.value != "error", outcome.message


SETTINGS = settings(max_examples=80, deadline=4000, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.text(max_size=3000))
def test_random_text(text: str) -> None:
    audit(text)


@SETTINGS
@given(st.binary(max_size=3000))
def test_random_bytes_decoded_as_a_browser_would(data: bytes) -> None:
    audit(data.decode("cp1252", errors="replace"))


@SETTINGS
@given(st.sampled_from(SAMPLES), st.lists(st.tuples(st.integers(0, 10_000), st.sampled_from(TAGS)), max_size=25),
       st.integers(0, 10_000), st.integers(0, 10_000))
def test_mutated_real_pages(sample: str, inserts: list[tuple[int, str]], cut_from: int, cut_len: int) -> None:
    html = sample
    for position, tag in inserts:
        position %= len(html) + 1
        html = html[:position] + tag + html[position:]
    cut_from %= len(html) + 1
    html = html[:cut_from] + html[cut_from + cut_len % 200:]
    audit(html)


@SETTINGS
@given(st.text(alphabet=st.sampled_from("<>/=\"' abcdefghij&#;\n"), max_size=2000))
def test_markup_soup_parses(soup: str) -> None:
    Document(soup, "https://www.butik.se/").blocks  # noqa: B018 - parsing must not raise
    audit(soup)
