"""The batch index (issue 19, points 2 and 8): ranked by score with incomplete scores apart,
failure bars by rate, partial and jurisdiction columns, sortable headers with ``aria-sort``,
one hashed script under the CSP, a filter that matches the status exactly, URLs that never
wrap inside a number; and ``batch.csv``'s coverage columns. The script's behaviour and axe-core
run in Chromium (``test_batch_index_browser.py``)."""

from __future__ import annotations

import base64
import csv
import hashlib
import re
from datetime import UTC, date, datetime
from pathlib import Path

import lxml.html
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import escape

from auditor.models import (
    AuditResult,
    Category,
    Evidence,
    Outcome,
    RuleInfo,
    RuleOutcome,
    Severity,
    SiteResult,
    SiteStatus,
    ToolInfo,
)
from auditor.reports import BatchInfo, write_reports
from auditor.reports.batch import (
    batch_rows,
    breakable_url,
    distribution,
    render_batch_html,
    rule_failures,
)
from auditor.scoring import category_scores, coverage, weighted_score

P, A, F, R, N, E = (Outcome.PASS, Outcome.PARTIAL, Outcome.FAIL, Outcome.NEEDS_REVIEW, Outcome.NOT_APPLICABLE,
                    Outcome.ERROR)
RULES = [
    ("shop-email", Category.CONTACT, "An email address is given"),
    ("shop-phone", Category.CONTACT, "A telephone number is given"),
    ("shop-address", Category.CONTACT, "A postal address is given"),
    ("shop-complaints", Category.COMPLAINTS, "The way to complain is described"),
    ("shop-withdrawal", Category.WITHDRAWAL, "The withdrawal period is stated"),
    ("shop-form", Category.WITHDRAWAL, "A withdrawal form is offered"),
]


def audited(url: str, outcomes: list[Outcome], jurisdiction: str = "se") -> SiteResult:
    rules = [RuleOutcome(rule=rule, title=title, outcome=outcome, message=f"{rule}: {outcome.value}",
                         category=category, severity=Severity.HIGH, weight=3.0,
                         evidence=[Evidence(url=url + "kontakt")])
             for (rule, category, title), outcome in zip(RULES, outcomes, strict=True)]
    return SiteResult(url=url, status=SiteStatus.AUDITED, jurisdiction=jurisdiction, score=weighted_score(rules),
                      categories=category_scores(rules), rules=rules, coverage=coverage(rules))


def not_audited(url: str, jurisdiction: str = "dk") -> SiteResult:
    return SiteResult(url=url, status=SiteStatus.NOT_AUDITED, reason="The home page did not answer",
                      reason_i18n={"sv": "Startsidan svarade inte"}, jurisdiction=jurisdiction)


#: In the list's order: an incomplete score above every other, a full one, one without any
#: score, one not audited, a low full one, and a rule failing 1 of 1 vs 2 of 4.
SITES = [
    audited("https://hoppfull.example.se/", [P, R, R, R, P, N]),  # 100 over 2 of 5: incomplete
    audited("http://127.0.0.2:8001/", [P, P, A, P, P, F], "de"),  # 75, all decided
    audited("https://tyst.example.fi/", [R, R, R, R, R, N], "fi"),  # no score
    not_audited("https://borta.example.dk/"),
    audited("https://svag.example.no/", [F, F, P, P, P, N], "no"),  # 60, all decided
]
RESULT = AuditResult(
    tool=ToolInfo(version="0.1.0"), generated_at=datetime(2026, 12, 5, 9, 30, tzinfo=UTC), as_of=date(2026, 12, 5),
    sites=SITES,
    rule_catalogue=[RuleInfo(id=rule, title=title, failure_title=f"Not: {title}", description="Why.",
                             category=category, severity=Severity.HIGH) for rule, category, title in RULES],
)


def render(lang: str = "en", result: AuditResult = RESULT) -> str:
    rows = batch_rows(result, {}, {"http://127.0.0.2:8001/": "Werkstatt Beispiel"}, {}, lang=lang)
    return render_batch_html(result, rows, "run 7", lang=lang)


def body_rows(html: str) -> list[lxml.html.HtmlElement]:
    rows: list[lxml.html.HtmlElement] = lxml.html.fromstring(html).xpath("//table[@id='sites']/tbody/tr")
    return rows


# --------------------------------------------------------------------------- ranking


def test_ranked_by_score_and_incomplete_scores_never_among_them() -> None:
    rows = body_rows(render())
    order = [row.xpath(".//td[1]//a | .//td[1]")[0].text_content().strip() for row in rows]
    ranks = [row.get("data-rank") for row in rows]
    assert ranks == ["ranked", "ranked", "incomplete", "no_score", "not_audited"]
    assert order[0].startswith("Werkstatt Beispiel") and order[1].startswith("https://svag")
    assert order[2].startswith("https://hoppfull")  # 100, but over too little: after a 60
    # The incomplete score says so in words, never only by colour, and is kept out of the chart.
    incomplete = rows[2].xpath(".//td[@data-label='Score']")[0]
    assert "Incomplete" in incomplete.text_content() and incomplete.get("data-group") == "1"
    assert sum(distribution(RESULT)) == 2


def test_score_cells_say_their_band_in_words() -> None:
    rows = body_rows(render())
    assert "Middle score" in rows[0].text_content()  # 75
    assert "Middle score" in rows[1].text_content()  # 60
    doc = lxml.html.fromstring(render())
    legend = " ".join(doc.xpath("//ul[@class='legend']")[0].text_content().split())
    assert "High score 80 or more" in legend and "less than 75% of the rules' weight decided" in legend


def test_partial_and_jurisdiction_columns() -> None:
    """The jurisdiction is a country (its code, named in full for a screen reader), so the column says so."""
    doc = lxml.html.fromstring(render())
    headers = [" ".join(th.text_content().split()) for th in doc.xpath("//table[@id='sites']/thead//th")]
    assert "Partials" in headers and "Country" in headers and "Rules decided" in headers
    werk = body_rows(render())[0]
    assert werk.xpath(".//td[@data-label='Partials']")[0].text_content() == "1"
    assert werk.xpath(".//td[@data-label='Country']//abbr")[0].text == "DE"
    assert werk.xpath(".//td[@data-label='Country']//abbr/@title") == ["Germany"]
    assert werk.xpath(".//td[@data-label='Rules decided']")[0].text_content() == "6 of 6"


# --------------------------------------------------------------------------- charts


def test_failures_by_rate_not_count() -> None:
    many = [audited(f"https://s{i}.example.se/", [F if i < 2 else P, P, P, P, P, R]) for i in range(4)]
    one = audited("https://solo.example.se/", [R, R, R, R, R, F])
    result = RESULT.model_copy(update={"sites": [*many, one]})
    assert rule_failures(result) == [("shop-form", 1, 1), ("shop-email", 2, 4)]
    doc = lxml.html.fromstring(render(result=result))
    chart = doc.xpath("//table[@id='failures']/tbody/tr")
    assert [" ".join(" ".join(tr.itertext()).split()) for tr in chart] == [
        "A withdrawal form is offered 100% (1 of 1 site)", "An email address is given 50% (2 of 4 sites)"]
    assert chart[0].xpath(".//span[@class='fill']/@style") == ["width: 100.0%"]


def test_charts_are_tables_of_text_not_clipped_svg() -> None:
    doc = lxml.html.fromstring(render())
    assert doc.xpath("//svg") == []
    assert doc.xpath("//table[@id='distribution']/caption") and doc.xpath("//table[@id='failures']/caption")


# --------------------------------------------------------------------------- sorting, filter, script


def test_headers_are_sortable_with_aria_sort_on_the_ranking() -> None:
    doc = lxml.html.fromstring(render())
    heads = doc.xpath("//table[@id='sites']/thead/tr/th")
    assert all(th.get("data-type") in ("text", "number") and th.get("scope") == "col" for th in heads)
    sorted_by = [th for th in heads if th.get("aria-sort")]
    assert len(sorted_by) == 1 and sorted_by[0].text_content().strip() == "Score"
    assert sorted_by[0].get("aria-sort") == "descending"
    # Every body cell of a sortable column has its key; missing values are grouped last.
    for row in body_rows(render()):
        assert len(row.xpath("./td")) == len(heads)
        assert all(td.get("data-sort") is not None for td in row.xpath("./td"))


def test_one_script_allowed_by_its_hash_alone() -> None:
    html = render()
    doc = lxml.html.fromstring(html)
    [csp] = doc.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";"))
    [script] = doc.xpath("//script")
    text = re.search(r"<script>(.*?)</script>", html, re.S)
    assert text is not None and script.get("src") is None
    digest = base64.b64encode(hashlib.sha256(text.group(1).encode("utf-8")).digest()).decode("ascii")
    assert directives["script-src"] == f"'sha256-{digest}'"
    assert "unsafe" not in directives["script-src"] and directives["default-src"] == "'none'"
    assert directives["form-action"] == "'none'" and directives["base-uri"] == "'none'"
    # No inline event handler anywhere: the hash allows the one script, nothing else.
    assert not doc.xpath("//@*[starts-with(name(), 'on')]")


def test_filter_matches_the_status_exactly_and_waits_for_the_script() -> None:
    doc = lxml.html.fromstring(render())
    [form] = doc.xpath("//form[@id='filters']")
    assert form.get("hidden") is not None  # no control that does nothing without the script
    assert form.xpath(".//select/option/@value") == ["all", "audited", "ranked", "incomplete", "not_audited"]
    statuses = {row.get("data-status") for row in body_rows(render())}
    assert statuses == {"audited", "not_audited"}
    script = (Path(__file__).resolve().parents[2] / "auditor" / "reports" / "templates" / "batch.js").read_text()
    assert 'getAttribute("data-status") === which' in script
    assert "indexOf(q" not in script.replace("indexOf(query)", "")  # the text search never reads the status


def test_crawled_text_in_the_index_is_inert() -> None:
    hostile = not_audited("https://x.example.se/").model_copy(
        update={"reason": '<script>alert(1)</script><img src=x onerror="alert(2)">', "reason_i18n": {}})
    html = render(result=RESULT.model_copy(update={"sites": [hostile]}))
    doc = lxml.html.fromstring(html)
    assert len(doc.xpath("//script")) == 1 and not doc.xpath("//img")
    assert "&lt;script&gt;alert(1)" in html


# --------------------------------------------------------------------------- URLs


def test_urls_wrap_between_parts_never_inside_a_number() -> None:
    html = str(breakable_url("http://127.0.0.2:8001/shop/item-12345?id=987&x=1"))
    assert "127.0.0.2:8001" in html and "12345" in html and "987" in html
    assert html.count("<wbr>") >= 4
    assert str(breakable_url("https://www.shop.example.se/")).replace("<wbr>", "") == "https://www.shop.example.se/"


@given(st.text(alphabet=st.characters(codec="utf-8", categories=["L", "N", "P", "S"]), max_size=80))
def test_url_breaks_only_add_wbr(url: str) -> None:
    html = str(breakable_url(url))
    assert html.replace("<wbr>", "") == str(escape(url))
    assert not re.search(r"\d<wbr>\d", html) and "<wbr><wbr>" not in html


# --------------------------------------------------------------------------- batch.csv


def test_batch_csv_says_what_each_score_rests_on(tmp_path: Path) -> None:
    written = write_reports(RESULT, ["csv"], tmp_path, batch=BatchInfo())
    rows = list(csv.DictReader(written.files["csv"][0].open(encoding="utf-8", newline="")))
    by_url = {row["url"]: row for row in rows}
    assert list(rows[0])[-5:] == ["decided", "applicable", "decided_weight_share", "band", "ranking"]
    assert [r["url"] for r in rows] == [s.url for s in SITES]  # the list's order: data, not a ranking
    hopeful = by_url["https://hoppfull.example.se/"]
    assert (hopeful["decided"], hopeful["applicable"], hopeful["decided_weight_share"]) == ("2", "5", "0.400")
    assert (hopeful["band"], hopeful["ranking"]) == ("", "incomplete")
    assert (by_url["http://127.0.0.2:8001/"]["band"], by_url["http://127.0.0.2:8001/"]["ranking"]) == ("middle",
                                                                                                     "ranked")
    assert by_url["https://borta.example.dk/"]["ranking"] == "not_audited"
