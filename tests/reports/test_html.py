"""HTML report: content, escaping of hostile crawled text, self-containment, file naming."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import lxml.html
import pytest

from auditor.models import (
    AuditResult,
    Category,
    CategoryScore,
    ClickStep,
    CrawlSummary,
    Evidence,
    FetchFailure,
    LegalRef,
    Outcome,
    PageKind,
    PageSummary,
    RobotsInfo,
    RuleOutcome,
    Severity,
    SiteResult,
    SiteStatus,
    ToolInfo,
)
from auditor.reports.html import render_site_html, report_slug, safe_href, write_html_reports

HOSTILE_EXCERPT = "<script>alert(1)</script>"
HOSTILE_TITLE = '"><img src=x onerror=alert(1)>'
HOSTILE_URL = "javascript:alert(1)"
FETCHED = datetime(2025, 3, 4, 9, 15, 0, tzinfo=UTC)
SITE = "http://127.0.0.2:8001/"
CONTACT = "http://127.0.0.2:8001/kontakta-oss"
CRD = "https://eur-lex.europa.eu/eli/dir/2011/83/oj"


def _rule(
    rule: str, title: str, outcome: Outcome, message: str, evidence: list[Evidence], **kw: object
) -> RuleOutcome:
    data: dict[str, object] = {
        "rule": rule,
        "title": title,
        "outcome": outcome,
        "message": message,
        "category": Category.CONTACT,
        "severity": Severity.HIGH,
        "weight": 1.0,
        "evidence": evidence,
        "legal_refs": [LegalRef(instrument="Directive 2011/83/EU (CRD)", provision="Art. 6(1)(c)", url=CRD)],
    }
    data.update(kw)
    return RuleOutcome.model_validate(data)


def build_result() -> AuditResult:
    """One audited site with pass/fail/partial/needs_review verdicts and one not-audited site."""
    to_contact = [ClickStep(text="Kontakta oss", url=CONTACT)]
    rules = [
        _rule(
            "email-address",
            "Email address is given",
            Outcome.PASS,
            "info@shop.example is shown on the contact page.",
            [
                Evidence(
                    url=CONTACT,
                    locator="main > p:nth-of-type(2) > a",
                    excerpt="Mejla oss på info@shop.example",
                    fetched_at=FETCHED,
                    click_path=to_contact,
                    note="mailto link to the shop's own domain",
                )
            ],
        ),
        _rule(
            "postal-address",
            "No geographic address is given",
            Outcome.FAIL,
            "Only a PO box was found; a street address is required.",
            [
                Evidence(
                    url=CONTACT,
                    locator="footer address",
                    excerpt="Box 123, 111 22 Stockholm",
                    fetched_at=FETCHED,
                    click_path=[*to_contact, ClickStep(text="Om oss", url=SITE + "om-oss")],
                    note="PO box only",
                )
            ],
            severity=Severity.CRITICAL,
        ),
        _rule(
            "phone-number",
            HOSTILE_TITLE,
            Outcome.PARTIAL,
            "A phone number is given but only in an image caption.",
            [
                Evidence(
                    url=HOSTILE_URL,
                    locator="div.hero",
                    excerpt=HOSTILE_EXCERPT,
                    fetched_at=FETCHED,
                    click_path=[ClickStep(text="<b>Ring</b>", url='" onmouseover="alert(1)')],
                    note="number inside hostile markup",
                )
            ],
            category=Category.CHANNELS,
        ),
        _rule(
            "company-identity",
            "Company identity could not be determined",
            Outcome.NEEDS_REVIEW,
            "The site looks like a JavaScript app; its content may be hidden from the crawler.",
            [Evidence(url=SITE, excerpt="Loading…", fetched_at=FETCHED, note="empty app shell")],
            legal_refs=[LegalRef(instrument="E-handelslagen (2002:562)", provision="8 §", jurisdiction="se")],
        ),
    ]
    crawl = CrawlSummary(
        started_at=FETCHED,
        finished_at=datetime(2025, 3, 4, 9, 16, 0, tzinfo=UTC),
        user_agent="auditor/0.1 (+compliance audit)",
        max_pages=40,
        max_depth=3,
        pages_fetched=2,
        budget_exhausted=False,
        robots=RobotsInfo(url=SITE + "robots.txt", status=200, blocked_urls=[SITE + "admin"]),
        pages=[
            PageSummary(url=SITE, status=200, kind=PageKind.HOME, depth=0, title="Shop", fetched_at=FETCHED),
            PageSummary(
                url=CONTACT,
                status=200,
                kind=PageKind.CONTACT,
                depth=1,
                title=HOSTILE_TITLE,
                click_path=to_contact,
                fetched_at=FETCHED,
            ),
        ],
        failures=[FetchFailure(url=SITE + "villkor", kind="http_status", reason="HTTP 500", status=500)],
    )
    audited = SiteResult(
        url=SITE,
        status=SiteStatus.AUDITED,
        jurisdiction="se",
        score=50.0,
        categories=[
            CategoryScore(category=Category.CONTACT, score=50.0, counted=2, not_counted=["company-identity"]),
            CategoryScore(category=Category.CHANNELS, score=50.0, counted=1),
        ],
        rules=rules,
        crawl=crawl,
    )
    skipped = SiteResult(
        url="https://www.shop.se",
        status=SiteStatus.NOT_AUDITED,
        reason="robots.txt disallows the home page",
        jurisdiction="se",
    )
    return AuditResult(
        tool=ToolInfo(version="0.1.0"),
        generated_at=datetime(2025, 3, 4, 9, 20, 0, tzinfo=UTC),
        as_of=date(2025, 3, 1),
        sites=[audited, skipped],
    )


@pytest.fixture(scope="module")
def result() -> AuditResult:
    return build_result()


@pytest.fixture(scope="module")
def audited_html(result: AuditResult) -> str:
    run = result.model_dump(mode="json")
    return render_site_html(run["sites"][0], run)


@pytest.fixture(scope="module")
def skipped_html(result: AuditResult) -> str:
    run = result.model_dump(mode="json")
    return render_site_html(run["sites"][1], run)


def test_shows_score_rules_and_evidence(audited_html: str) -> None:
    doc = lxml.html.fromstring(audited_html)
    text = doc.text_content()
    assert doc.cssselect(".scorebox .num")[0].text_content().startswith("50")
    for needle in [
        "Email address is given",
        "info@shop.example is shown on the contact page.",
        "Mejla oss på info@shop.example",
        "No geographic address is given",
        "Only a PO box was found; a street address is required.",
        "Box 123, 111 22 Stockholm",
        "Company identity could not be determined",
        "A phone number is given but only in an image caption.",
        HOSTILE_TITLE,  # as text, after parsing
        HOSTILE_EXCERPT,
        "Art. 6(1)(c)",
        "4 Mar 2025, 09:15:00 UTC",  # times and dates as an English (European) reader writes them
        "1 March 2025",
        "auditor 0.1.0",
        "main > p:nth-of-type(2) > a",
        "HTTP 500",
        "auditor/0.1 (+compliance audit)",
    ]:
        assert needle in text, needle
    # click path: Home → Kontakta oss → Om oss, each step's URL in a title attribute
    assert "Home → Kontakta oss → Om oss" in " ".join(text.split())
    assert doc.cssselect(f'.path .step[title="{CONTACT}"]')
    # category bars only for categories present
    assert [el.text_content() for el in doc.cssselect(".cat .row span:first-child")] == [
        "Contact details",
        "Channels",
    ]
    assert doc.cssselect(f'a[href="{CRD}"]')


def test_rules_ordered_by_outcome(audited_html: str) -> None:
    doc = lxml.html.fromstring(audited_html)
    badges = [el.text_content().split(maxsplit=1)[1]
              for el in doc.cssselect("section.rule h3 .badge, details.rule summary .badge")]
    assert badges == ["Fail", "Partial", "Needs review", "Pass"]
    # what needs attention is open; what passed is folded, one click away
    assert [d.get("id") for d in doc.cssselect("details.rule")] == ["rule-4"]


def test_hostile_strings_are_escaped(audited_html: str) -> None:
    assert "<script>alert" not in audited_html
    assert "<img src=x" not in audited_html
    assert 'href="javascript:' not in audited_html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in audited_html
    assert "&lt;b&gt;Ring&lt;/b&gt;" in audited_html
    doc = lxml.html.fromstring(audited_html)
    assert doc.xpath("//script") == []
    assert doc.xpath("//img") == []
    assert doc.xpath("//@*[starts-with(name(), 'on')]") == []
    for href in doc.xpath("//a/@href"):
        assert href.startswith(("http://", "https://", "#")), href
    # the javascript: URL is still shown, as plain text
    assert HOSTILE_URL in doc.text_content()


def test_self_contained_and_locked_down(audited_html: str) -> None:
    doc = lxml.html.fromstring(audited_html)
    assert doc.xpath("//link") == []
    assert "<link" not in audited_html.lower()
    assert doc.xpath("//*[@src]") == []
    assert doc.xpath("//script | //iframe | //object | //embed | //base | //form") == []
    csp = doc.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
    assert csp and csp[0].startswith("default-src 'none'; style-src 'unsafe-inline'; img-src data:")
    assert doc.xpath("//meta[@name='referrer']/@content") == ["no-referrer"]
    assert doc.xpath("//main") and doc.xpath("//th[@scope]")


def test_not_audited_site_shows_reason_and_no_score(skipped_html: str) -> None:
    doc = lxml.html.fromstring(skipped_html)
    text = " ".join(doc.text_content().split())
    assert "robots.txt disallows the home page" in text
    assert "Not audited" in text
    box = doc.cssselect(".scorebox")[0].text_content()
    assert not any(ch.isdigit() for ch in box)
    assert "/ 100" not in text
    assert doc.xpath("//script") == []


def test_renders_from_stored_json(result: AuditResult, tmp_path: Path) -> None:
    stored = tmp_path / "result.json"
    stored.write_text(result.model_dump_json(), encoding="utf-8")
    run = json.loads(stored.read_text(encoding="utf-8"))
    again = render_site_html(run["sites"][0], run)
    fresh = result.model_dump(mode="json")
    assert again == render_site_html(fresh["sites"][0], fresh)


def test_write_html_reports_one_file_per_site(result: AuditResult, tmp_path: Path) -> None:
    paths = write_html_reports(result, tmp_path / "out")
    assert [p.name for p in paths] == ["127-0-0-2-8001.html", "www-shop-se.html"]
    assert all(p.is_file() for p in paths)
    assert "robots.txt disallows the home page" in paths[1].read_text(encoding="utf-8")


def test_write_html_reports_unique_names(result: AuditResult, tmp_path: Path) -> None:
    twin = result.sites[1].model_copy(update={"url": "https://www.shop.se/"})
    clash = result.model_copy(update={"sites": [result.sites[1], twin, twin]})
    paths = write_html_reports(clash, tmp_path)
    assert [p.name for p in paths] == ["www-shop-se.html", "www-shop-se-2.html", "www-shop-se-3.html"]


@pytest.mark.parametrize(
    ("url", "slug"),
    [
        ("http://127.0.0.2:8001/", "127-0-0-2-8001"),
        ("https://www.shop.se", "www-shop-se"),
        ("https://Shop.example/sv/../<x>?a=1", "shop-example-sv-x-a-1"),
        ("javascript:", "javascript"),
        ("://", "site"),
    ],
)
def test_report_slug(url: str, slug: str) -> None:
    assert report_slug(url) == slug


@pytest.mark.parametrize(
    ("url", "linked"),
    [
        ("https://shop.se/kontakt", True),
        ("HTTP://shop.se", True),
        ("javascript:alert(1)", False),
        (" JaVaScRiPt:alert(1)", False),
        ("java\tscript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("/relative/path", False),
        ("http:/no-host", False),
        ("vbscript:msgbox(1)", False),
    ],
)
def test_safe_href(url: str, linked: bool) -> None:
    assert bool(safe_href(url)) is linked


def test_english_by_default_with_words_for_codes(audited_html: str) -> None:
    doc = lxml.html.fromstring(audited_html)
    assert doc.get("lang") == "en"
    text = " ".join(doc.text_content().split())
    assert "HTTP status" in text and "http_status" not in text  # a failure's kind in words
    assert "Severity: Critical" in text


def test_swedish_report_from_the_same_json(result: AuditResult) -> None:
    run = result.model_dump(mode="json")
    doc = lxml.html.fromstring(render_site_html(run["sites"][0], run, lang="sv"))
    assert doc.get("lang") == "sv"
    text = " ".join(doc.text_content().split())
    assert "Totalpoäng" in text and "Startsidan → Kontakta oss → Om oss" in text
    # Rules of this fixture carry no Swedish words: their English ones are shown.
    assert "Only a PO box was found; a street address is required." in text
