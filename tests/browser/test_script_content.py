"""Contact details a script fetches after load (issue 18, item 7), end to end with real Chromium
on loopback: without rendering the email's absence is only a doubt naming the page and the
signal (needs_review, never fail); rendered, the shop is judged on what the browser showed (pass)."""

from __future__ import annotations

import asyncio
import urllib.request
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from auditor.browser.render import launch
from auditor.browser.stage import render_crawl
from auditor.engine import run_rules
from auditor.facts.site import gather_site
from auditor.models import ClickStep, Outcome, PageSnapshot, RobotsInfo, SiteCrawl
from auditor.registry import get_rule
from auditor.rule import AuditContext

pytestmark = pytest.mark.e2e

NOW = datetime(2026, 12, 2, tzinfo=UTC)
PAGES = {
    "index.html": """<!doctype html><html lang="fi"><head><title>Lankakauppa</title></head><body>
<main><h1>Lankoja ja puikkoja</h1><p>Villalankoja, puikkoja ja neuleohjeita.</p></main>
<footer><a href="/asiakaspalvelu">Asiakaspalvelu</a></footer></body></html>""",
    "asiakaspalvelu.html": """<!doctype html><html lang="fi"><head><title>Asiakaspalvelu – Lankakauppa</title></head>
<body><main><h1>Asiakaspalvelu</h1><p>Vastaamme viestiin yhden arkipäivän kuluessa.</p>
<p>Sähköposti: <a class="asiakaspalvelu-sahkoposti"></a></p>
<script>
fetch('/api/kauppa.json').then((r) => r.json()).then((kauppa) => {
  const a = document.querySelector('.asiakaspalvelu-sahkoposti');
  a.href = 'mailto:' + kauppa.sahkoposti; a.textContent = kauppa.sahkoposti;
});
</script></main></body></html>""",
    "api/kauppa.json": '{"sahkoposti": "asiakaspalvelu@lankakauppa.fi"}',
}


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from auditor.demo.server import serve_sites

    root: Path = tmp_path_factory.mktemp("script-shop")
    for name, text in PAGES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    with serve_sites([root], first_host=64) as [served]:
        yield served.url


def crawl_of(home: str) -> SiteCrawl:
    """The two pages as the crawler fetches them (static HTML, no script run)."""
    pages = []
    for depth, path in enumerate(("", "asiakaspalvelu")):
        url = urljoin(home, path)
        with urllib.request.urlopen(url, timeout=5) as response:  # loopback only
            html = response.read().decode("utf-8")
        steps = [ClickStep(text="Asiakaspalvelu", url=url)] if depth else []
        pages.append(PageSnapshot(url=url, final_url=url, status=200, content_type="text/html", fetched_at=NOW,
                                  depth=depth, click_path=steps, html=html))
    return SiteCrawl(start_url=home, home_url=home, site_hosts=[urlsplit(home).netloc], started_at=NOW,
                     finished_at=NOW, user_agent="test", max_pages=30, max_depth=3, pages=pages,
                     robots=RobotsInfo(url=urljoin(home, "/robots.txt"), status=404))


def judge(crawl: SiteCrawl) -> tuple[Outcome, str]:
    facts = gather_site(crawl, "fi")
    [outcome] = run_rules(facts, AuditContext(jurisdiction="fi", as_of=NOW.date()), [get_rule("contact-email")])
    return outcome.outcome, outcome.message


def test_an_email_a_script_fetches_is_in_doubt_unrendered_and_found_rendered(shop: str) -> None:
    crawl = crawl_of(shop)
    outcome, message = judge(crawl.model_copy(update={"render_mode": "never"}))
    assert outcome == Outcome.NEEDS_REVIEW
    assert "asiakaspalvelu" in message and "asiakaspalvelu-sahkoposti" in message, message

    async def rendered() -> SiteCrawl:
        async with launch() as browser:
            return await render_crawl(crawl, "auto", browser, page_timeout=10.0)

    outcome, message = judge(asyncio.run(rendered()))
    assert outcome == Outcome.PASS and "asiakaspalvelu@lankakauppa.fi" in message, message
