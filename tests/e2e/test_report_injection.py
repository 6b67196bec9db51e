"""Report injection: a hostile site's titles, texts, links and forms cannot put markup or script
into our report. The report is opened in the real Chromium and inspected."""

from __future__ import annotations

import asyncio
from datetime import date
from pathlib import Path

import pytest

from auditor.browser.render import launch
from auditor.demo.server import serve_sites
from auditor.pipeline import SiteJob, audit_sites
from auditor.reports.html import write_html_reports
from auditor.spiders.crawl import CrawlSpec

pytestmark = pytest.mark.e2e

MARK = "window.__pwned = (window.__pwned || 0) + 1"
PAYLOADS = [
    f"&lt;script&gt;{MARK}&lt;/script&gt;",
    f'&lt;img src=x onerror="{MARK}"&gt;',
    f'"&gt;&lt;svg onload="{MARK}"&gt;',
    "&lt;style&gt;body{display:none}&lt;/style&gt;",
    "&lt;iframe src=javascript:alert(1)&gt;&lt;/iframe&gt;",
]


def hostile_site(root: Path) -> Path:
    site = root / "hostile"
    site.mkdir()
    text = " ".join(PAYLOADS)
    (site / "index.html").write_text(
        f"<!doctype html><html lang='sv'><head><title>Butik {PAYLOADS[0]} {PAYLOADS[1]}</title></head><body>"
        f"<main><h1>{text}</h1><p>Kontakta oss på hej@butik.se {text}</p>"
        f"<a href='javascript:{MARK}'>Kontakt {PAYLOADS[2]}</a> <a href='/kontakt?x=%22%3E%3Cscript%3E'>Kundtjänst</a>"
        f"<form action='javascript:{MARK}'><label>{PAYLOADS[1]} <textarea name='m'></textarea></label></form>"
        f"</main><footer>Org.nr 556482-9108 {PAYLOADS[3]} {PAYLOADS[4]}</footer></body></html>",
        encoding="utf-8",
    )
    (site / "kontakt.html").write_text(
        f"<!doctype html><html lang='sv'><head><title>Kontakt {PAYLOADS[2]}</title></head><body><main>"
        f"<h1>Kontakt</h1><p>Telefon 08-123 45 67 {PAYLOADS[0]}</p><p>Ångerrätt 14 dagar {PAYLOADS[1]}</p>"
        "</main></body></html>",
        encoding="utf-8",
    )
    return site


async def inspect(reports: list[Path]) -> list[dict[str, object]]:
    out = []
    async with launch() as browser, browser.site() as session:
        for report in reports:
            page = await session.new_page()
            dialogs: list[str] = []
            page.on("dialog", lambda d, seen=dialogs: seen.append(d.message))
            await page.goto(report.as_uri())
            await page.wait_for_timeout(300)
            found = await page.evaluate(
                """() => ({
                    pwned: window.__pwned || 0,
                    scripts: document.querySelectorAll('script').length,
                    handlers: Array.from(document.querySelectorAll('*')).filter(
                        (el) => Array.from(el.attributes).some((a) => a.name.startsWith('on'))).length,
                    frames: document.querySelectorAll('iframe, object, embed').length,
                    jsLinks: Array.from(document.querySelectorAll('[href], [src], [action]')).filter(
                        (el) => /^\\s*javascript:/i.test(el.getAttribute('href') || el.getAttribute('src')
                                                         || el.getAttribute('action') || '')).length,
                    hidden: getComputedStyle(document.body).display === 'none',
                    text: document.body.innerText,
                })"""
            )
            found["dialogs"] = dialogs
            out.append(found)
            await page.close()
    return out


def test_hostile_text_stays_text_in_the_report(tmp_path: Path) -> None:
    with serve_sites([hostile_site(tmp_path)], first_host=50) as [served]:
        result = audit_sites([SiteJob(CrawlSpec(url=served.url, allow_private=True), "se")],
                             as_of=date(2026, 11, 24))
    reports = write_html_reports(result, tmp_path / "out")
    [seen] = asyncio.run(inspect(reports))
    assert seen["pwned"] == 0 and seen["dialogs"] == []
    assert seen["scripts"] == 0 and seen["handlers"] == 0 and seen["frames"] == 0 and seen["jsLinks"] == 0
    assert seen["hidden"] is False
    # The payloads are shown to the reader as the text they are.
    assert "onerror=" in str(seen["text"]) and "<script>" in str(seen["text"])
