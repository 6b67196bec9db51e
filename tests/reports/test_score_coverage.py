"""A score never without what it rests on (issue 19, point 2): the site report's score box and the
terminal summary say over how many of the rules that apply the score was made and how many need
review, name its band in words, and show a score with too little decided as incomplete, not
ranked; in every report language."""

from __future__ import annotations

from datetime import UTC, date, datetime

import lxml.html
import pytest
from rich.console import Console

from auditor import i18n
from auditor.models import AuditResult, Category, Outcome, RuleOutcome, Severity, SiteResult, SiteStatus, ToolInfo
from auditor.reports.coverage import _HIGH, _MIDDLE, band_label, coverage_words, rank_group, ranking_label
from auditor.reports.html import render_site_html
from auditor.reports.terminal import print_summary
from auditor.scoring import BANDS, category_scores, coverage, weighted_score

P, F, R, E, N = Outcome.PASS, Outcome.FAIL, Outcome.NEEDS_REVIEW, Outcome.ERROR, Outcome.NOT_APPLICABLE


def site(url: str, outcomes: list[Outcome], *, with_coverage: bool = True) -> SiteResult:
    rules = [RuleOutcome(rule=f"rule-{n}", title=f"Rule {n}", outcome=o, message="m", category=Category.CONTACT,
                         severity=Severity.HIGH, weight=1.0) for n, o in enumerate(outcomes)]
    return SiteResult(url=url, status=SiteStatus.AUDITED, jurisdiction="se", score=weighted_score(rules),
                      categories=category_scores(rules), rules=rules,
                      coverage=coverage(rules) if with_coverage else None)


FULL = site("https://hel.example.se/", [P, P, P, P, F, P, P, P, P, R, N])  # 88.9 over 9 of 10: high
PARTLY = site("https://halv.example.se/", [P, P, P, R, R, R, E, N])  # 100 over 3 of 7: incomplete
RESULT = AuditResult(tool=ToolInfo(version="0.1.0"), generated_at=datetime(2026, 12, 5, tzinfo=UTC),
                     as_of=date(2026, 12, 5), sites=[FULL, PARTLY])


def test_the_bounds_the_legend_shows_are_the_scorings() -> None:
    assert [bound for bound, _ in BANDS[:2]] == [_HIGH, _MIDDLE]


def test_words_beside_a_score() -> None:
    assert coverage_words(FULL, "en") == "Score over 9 of 10 rules that apply; 1 needs review"
    assert coverage_words(PARTLY, "en") == "Score over 3 of 7 rules that apply; 3 need review; 1 could not be checked"
    assert (band_label(FULL, "en"), rank_group(FULL), ranking_label(FULL, "en")) == ("High score", "ranked", "")
    assert (band_label(PARTLY, "en"), rank_group(PARTLY)) == ("Incomplete", "incomplete")
    assert ranking_label(PARTLY, "en") == "Less than 75% of the rules' weight was decided: not ranked"
    # A result that does not record its coverage is shown as before (no words, no band).
    bare = site("https://gammal.example.se/", [P, R], with_coverage=False)
    assert (coverage_words(bare, "en"), band_label(bare, "en"), rank_group(bare)) == ("", "", "ranked")


@pytest.mark.parametrize("lang", [lang for lang in i18n.LANGS if lang != "en"])
def test_the_words_exist_in_every_report_language(lang: str) -> None:
    for words in (coverage_words(PARTLY, lang), band_label(PARTLY, lang), band_label(FULL, lang),
                  ranking_label(PARTLY, lang)):
        assert words and "Score over" not in words and words != "Incomplete" and "not ranked" not in words, words
    assert "75" in ranking_label(PARTLY, lang)


def _box(site_index: int, lang: str = "en") -> str:
    run = RESULT.model_dump(mode="json")
    doc = lxml.html.fromstring(render_site_html(run["sites"][site_index], run, lang=lang))
    [box] = doc.xpath("//div[contains(@class, 'scorebox')]")
    return str(box.get("class")) + " | " + " ".join(box.text_content().split())


def test_score_box_of_a_ranked_score() -> None:
    box = _box(0)
    assert box.startswith("scorebox band-high |")
    assert "88.9 / 100" in box and "High score" in box and "Score over 9 of 10 rules that apply; 1 needs review" in box


def test_score_box_of_an_incomplete_score_leads_with_the_word() -> None:
    box = _box(1)
    assert box.startswith("scorebox band-incomplete | Incomplete Overall score Provisional score: 100 of 100")
    assert "not ranked" in box and "3 need review; 1 could not be checked" in box


def _terminal(lang: str = "en", width: int = 160) -> str:
    console = Console(record=True, width=width, color_system=None)
    print_summary(RESULT, console, lang=lang)
    return console.export_text()


def test_terminal_summary_says_what_each_score_rests_on() -> None:
    text = " ".join(_terminal().split())
    assert "Score over 9 of 10 rules that apply; 1 needs review" in text
    assert "88.9" in text and "incomplete" in text
    assert "Less than 75% of the rules' weight was decided: not ranked" in text
    assert "1 score is incomplete (too little of it decided) and is not ranked." in text


def test_terminal_summary_at_80_columns_and_in_swedish() -> None:
    narrow = _terminal(width=80)
    assert max(len(line) for line in narrow.splitlines()) <= 80 and "incomplete" in narrow
    swedish = " ".join(_terminal("sv").split())
    assert "88,9" in swedish and "Score over" not in swedish and "incomplete" not in swedish
