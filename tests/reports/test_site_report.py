"""The site report a case officer can act on (issue 19, points 3, 4 and 7): the trader named
first, a two-sentence summary, "how to fix" and the rule's page on each failed or partial rule,
evidence that can be read (a crop with the element outlined, its mark on the page's screenshot,
the element's HTML), passed and not-applicable rules folded, "searched, not found" listed once
for the report, and quotations that carry their language.

The result here is built by hand; ``tests/reports/test_site_report_browser.py`` opens the same
reports in Chromium (axe-core, the phone layout, the W3C checker)."""

from __future__ import annotations

import struct
import zlib
from datetime import UTC, date, datetime
from pathlib import Path

import lxml.html
import pytest

from auditor import rule_page
from auditor.models import (
    AuditResult,
    Category,
    CrawlSummary,
    Evidence,
    LegalRef,
    Outcome,
    PageKind,
    PageSummary,
    RobotsInfo,
    RuleInfo,
    RuleOutcome,
    Severity,
    SiteResult,
    SiteStatus,
    ToolInfo,
    TraderInfo,
)
from auditor.reports.html import render_site_html, write_html_reports

FETCHED = datetime(2026, 11, 3, 10, 0, tzinfo=UTC)
SITE = "https://paketti.example.fi/"
CONTACT = SITE + "yhteystiedot"
TERMS = SITE + "toimitusehdot"
SHOTS = "screenshots/run-1/paketti-example-fi"
PAGE_SHOT = f"{SHOTS}/page-02.png"
CROP_SHOT = f"{SHOTS}/page-02-element-01.png"
HOSTILE_SNIPPET = '<a href="tel:+358600123456" onclick="steal()">0600 123 456</a><script>alert(1)</script>'
CRD = LegalRef(instrument="Directive 2011/83/EU (CRD)", provision="Art. 21",
               url="https://eur-lex.europa.eu/eli/dir/2011/83/oj")

FIX = "Give consumers a number at no more than the basic rate for questions about their contract."
FIX_FI = "Tarjoa kuluttajalle perushintainen numero sopimusta koskeviin kysymyksiin."


def png(width: int, height: int) -> bytes:
    """A blank white PNG of that size (what the browser's screenshots are, for the report)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = b"".join(b"\x00" + b"\xff\xff\xff" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def searched(url: str) -> Evidence:
    return Evidence(url=url, note="searched, not found here", searched=True, fetched_at=FETCHED)


def outcome(rule: str, result: Outcome, title: str, message: str, evidence: list[Evidence],
            **more: object) -> RuleOutcome:
    data: dict[str, object] = {"rule": rule, "title": title, "outcome": result, "message": message,
                               "category": Category.CONTACT, "severity": Severity.HIGH, "weight": 3.0,
                               "evidence": evidence, "legal_refs": [CRD]}
    data.update(more)
    return RuleOutcome.model_validate(data)


def build_result(*, trader: bool = True) -> AuditResult:
    """One audited Finnish shop: a fail with a crop, a partial, a review and a fail that found
    nothing (searched pages), a pass and a not-applicable rule; and one site not audited."""
    number = Evidence(url=CONTACT, locator="main > p:nth-of-type(2) > a",
                      excerpt="puh. 0600 123 456 (1,95 €/min + pvm)", fetched_at=FETCHED, note="premium-rate number",
                      lang="fi", snippet=HOSTILE_SNIPPET,
                      screenshot=CROP_SHOT, box=[161, 345, 112, 19], crop_box=[104, 302, 1072, 100])
    rules = [
        outcome("premium-rate-phone", Outcome.FAIL, "The customer-service number is premium-rate",
                "The only number given is premium-rate.", [number]),
        outcome("withdrawal-form", Outcome.FAIL, "The model withdrawal form is not provided",
                "No model withdrawal form on any page read.", [searched(SITE), searched(CONTACT), searched(TERMS)],
                category=Category.WITHDRAWAL),
        outcome("contact-address", Outcome.PARTIAL, "Only a PO box is given", "Only a PO box is given (PL 123).",
                [Evidence(url=CONTACT, locator="main > address", excerpt="PL 123, 00101 Helsinki", lang="fi",
                          fetched_at=FETCHED, note="PO box")]),
        outcome("legal-guarantee-notice", Outcome.NEEDS_REVIEW, "Whether the notice is shown could not be determined",
                "No notice found, but a page needs JavaScript.", [searched(SITE), searched(CONTACT)],
                category=Category.COMPLAINTS),
        outcome("contact-email", Outcome.PASS, "An email address is given",
                "asiakaspalvelu@paketti.example.fi is shown.",
                [Evidence(url=CONTACT, locator="main > p:nth-of-type(2)", excerpt="asiakaspalvelu@paketti.example.fi",
                          lang="fi", fetched_at=FETCHED, note="email address")]),
        outcome("odr-link", Outcome.NOT_APPLICABLE, "The ODR platform has closed", "The platform closed in 2025.", []),
    ]
    pages = [
        PageSummary(url=SITE, status=200, kind=PageKind.HOME, depth=0, title="Pakkaustarvikkeet – Paketti",
                    fetched_at=FETCHED),
        PageSummary(url=CONTACT, status=200, kind=PageKind.CONTACT, depth=1, title="Yhteystiedot – Paketti",
                    fetched_at=FETCHED, rendered=True, screenshot=PAGE_SHOT),
        PageSummary(url=TERMS, status=200, kind=PageKind.TERMS, depth=1, title="Toimitusehdot – Paketti",
                    fetched_at=FETCHED),
    ]
    crawl = CrawlSummary(started_at=FETCHED, finished_at=FETCHED, user_agent="auditor/test", max_pages=30,
                         max_depth=3, pages_fetched=3, budget_exhausted=False,
                         robots=RobotsInfo(url=SITE + "robots.txt"), pages=pages, render_mode="auto")
    who = TraderInfo(name="Paketti Oy", registration="2987654-0", scheme="fi-ytunnus", url=CONTACT)
    audited = SiteResult(url=SITE, status=SiteStatus.AUDITED, jurisdiction="fi", score=50.0, rules=rules, crawl=crawl,
                         trader=who if trader else None)
    skipped = SiteResult(url="https://closed.example.fi/", status=SiteStatus.NOT_AUDITED,
                         reason="the home page could not be read: HTTP 503", jurisdiction="fi")
    catalogue = [RuleInfo(id=r.rule, title=r.title, failure_title=r.title, description="Why it matters.",
                          category=r.category, severity=r.severity,
                          fix=FIX if r.rule == "premium-rate-phone" else f"How to meet {r.rule}.",
                          fix_i18n={"fi": FIX_FI} if r.rule == "premium-rate-phone" else {})
                 for r in rules]
    return AuditResult(tool=ToolInfo(version="0.1.0"), generated_at=FETCHED, as_of=date(2026, 11, 3),
                       sites=[audited, skipped], rule_catalogue=catalogue)


def write_assets(folder: Path) -> None:
    """The screenshots the result names, as the runner would have written them."""
    (folder / SHOTS).mkdir(parents=True, exist_ok=True)
    (folder / PAGE_SHOT).write_bytes(png(1280, 1200))
    (folder / CROP_SHOT).write_bytes(png(1072, 100))


@pytest.fixture(scope="module")
def assets(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("assets")
    write_assets(folder)
    return folder


def render(result: AuditResult, assets: Path | None, lang: str = "en", index: int = 0) -> lxml.html.HtmlElement:
    run = result.model_dump(mode="json")
    return lxml.html.fromstring(render_site_html(run["sites"][index], run, assets, lang=lang))


def words(element: lxml.html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def test_the_trader_comes_first_then_the_url(assets: Path) -> None:
    doc = render(build_result(), assets)
    assert words(doc.cssselect("h1")[0]) == "Paketti Oy"
    assert "Compliance audit: Paketti Oy" in words(doc.cssselect("title")[0])
    header = words(doc.cssselect("header.masthead")[0])
    assert header.index("Paketti Oy") < header.index("2987654-0") < header.index(SITE)
    facts = dict(zip([words(dt) for dt in doc.cssselect(".facts dt")], [words(dd) for dd in doc.cssselect(".facts dd")],
                     strict=True))
    assert facts["Registration number"] == "2987654-0"


def test_the_site_lists_name_stands_in_when_no_trader_was_identified(assets: Path, tmp_path: Path) -> None:
    write_assets(tmp_path)
    [path, _] = write_html_reports(build_result(trader=False), tmp_path, names={SITE: "Paketti (verkkokauppa)"})
    doc = lxml.html.fromstring(path.read_text(encoding="utf-8"))
    assert words(doc.cssselect("h1")[0]) == "Paketti (verkkokauppa)"
    assert "(from the site list)" in words(doc.cssselect("header.masthead")[0])
    # without either, the URL
    assert words(render(build_result(trader=False), assets).cssselect("h1")[0]) == SITE


def test_a_two_sentence_summary(assets: Path) -> None:
    summary = words(render(build_result(), assets).cssselect("p.summary")[0])
    assert summary == (
        "On the pages read, Paketti Oy does not meet 2 of the 5 requirements that apply, meets 1 only in part and "
        "meets 1. The tool could not decide 1 of them: a person has to check it, starting from its finding below."
    )


def test_how_to_fix_and_the_rule_page_on_failed_and_partial_rules(assets: Path) -> None:
    doc = render(build_result(), assets)
    for rule in doc.cssselect(".rule"):
        outcome = next(c for c in rule.get("class").split() if c.startswith("rule-"))[5:]
        fix = rule.cssselect(".fix")
        assert bool(fix) == (outcome in ("fail", "partial")), outcome
        about = [a.get("href") for a in rule.cssselect(".meta a")]
        assert len(about) == 1 and about[0].startswith(rule_page("").rsplit("/", 1)[0]), about
    first = doc.cssselect("#rule-1")[0]
    assert words(first.cssselect(".fix p")[0]) == FIX
    assert first.cssselect(".meta a")[0].get("href") == rule_page("premium-rate-phone")
    finnish = render(build_result(), assets, lang="fi").cssselect("#rule-1 .fix p")[0]
    assert words(finnish) == FIX_FI


def test_passed_and_not_applicable_rules_are_folded(assets: Path) -> None:
    doc = render(build_result(), assets)
    folded = doc.cssselect("details.rule")
    assert [d.get("id") for d in folded] == ["rule-5", "rule-6"]
    assert all(d.get("open") is None for d in folded)
    assert [s.get("id") for s in doc.cssselect("section.rule")] == ["rule-1", "rule-2", "rule-3", "rule-4"]


def test_searched_pages_are_listed_once_without_quoting_titles(assets: Path) -> None:
    doc = render(build_result(), assets)
    # in the rules: a sentence pointing to the list, no rows and no titles as quotations
    for index in (2, 4):
        rule = doc.cssselect(f"#rule-{index}")[0]
        assert rule.cssselect(".searched-note a[href='#searched']")
        assert not rule.cssselect("blockquote") and not rule.cssselect("li.ev")
    section = doc.cssselect("#searched")[0]
    assert [a.get("href") for a in section.cssselect("ol.searched-rules a")] == ["#rule-2", "#rule-4"]
    rows = section.cssselect("tbody tr")
    assert [r.cssselect("td a")[0].text for r in rows] == [SITE, CONTACT, TERMS]
    assert [words(r.cssselect("td")[-1]) for r in rows] == ["all", "all", "1"]
    assert all(words(q) != "Toimitusehdot – Paketti" for q in doc.cssselect("blockquote"))


def test_a_result_from_before_searched_was_marked_does_not_quote_titles(assets: Path) -> None:
    result = build_result()
    old = Evidence(url=TERMS, excerpt="Toimitusehdot – Paketti", note="searched, not found here", fetched_at=FETCHED)
    site = result.sites[0]
    rules = [r.model_copy(update={"evidence": [old]}) if r.rule == "withdrawal-form" else r for r in site.rules]
    legacy = result.model_copy(update={"sites": [site.model_copy(update={"rules": rules}), result.sites[1]]})
    doc = render(legacy, assets)
    assert not doc.cssselect("#rule-2 blockquote")
    assert doc.cssselect("#searched")


def test_quotations_carry_their_language(assets: Path) -> None:
    doc = render(build_result(), assets)
    quotes = doc.cssselect("blockquote")
    assert quotes and all(q.get("lang") == "fi" for q in quotes)
    assert doc.get("lang") == "en"


def test_the_crop_outlines_the_element_and_links_its_mark_on_the_page(assets: Path) -> None:
    doc = render(build_result(), assets)
    item = doc.cssselect("#rule-1 li.ev")[0]
    figure = item.cssselect("figure.zoom")[0]
    # click to enlarge without scripts: the picture links to its own figure, which :target enlarges
    assert figure.cssselect("a.zoom-in")[0].get("href") == "#" + figure.get("id")
    assert figure.cssselect("a.zoom-out")[0].get("href") == "#" + item.get("id")
    img = figure.cssselect("img")[0]
    assert img.get("src").startswith("data:image/png;base64,") and img.get("width") == "1072"
    # the element outlined on the crop: (161 - 104) / 1072 of its width from the left
    style = figure.cssselect(".mark")[0].get("style")
    assert "left: 5.317%" in style and "top: 43.0%" in style
    # and on the full page's screenshot, with a link there and back
    link = item.cssselect("a[href^='#mark-']")[0].get("href")
    mark = doc.cssselect(link)[0]
    assert "left: 12.578%" in mark.get("style") and "top: 28.75%" in mark.get("style")
    page_figure = mark.getparent().getparent().getparent()
    assert page_figure.tag == "figure" and page_figure.getparent().tag == "details"
    assert page_figure.cssselect(f".marklinks a[href='#{item.get('id')}']")


def test_the_elements_html_is_shown_escaped(assets: Path) -> None:
    run = build_result().model_dump(mode="json")
    html = render_site_html(run["sites"][0], run, assets)
    doc = lxml.html.fromstring(html)
    code = doc.cssselect("#rule-1 details.snippet code")[0]
    assert code.text_content() == HOSTILE_SNIPPET
    assert doc.xpath("//script") == [] and "onclick" not in " ".join(doc.xpath("//@*[starts-with(name(), 'on')]"))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_site_not_audited_says_so_and_what_to_do(assets: Path) -> None:
    doc = render(build_result(), assets, index=1)
    notice = words(doc.cssselect(".notice")[0])
    assert "This site was not audited." in notice and "HTTP 503" in notice
    assert "audit the site again" in notice
    assert not doc.cssselect("p.summary")


def test_no_aria_label_on_an_element_without_a_role(assets: Path) -> None:
    """What the W3C checker reported 62 times: ``aria-label`` on a role-less ``span``."""
    doc = render(build_result(), assets)
    for element in doc.xpath("//*[@aria-label]"):
        assert element.tag not in ("span", "div", "p") or element.get("role"), lxml.html.tostring(element)[:120]
