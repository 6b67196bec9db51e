"""Every outcome of every rule has a headline of its own, in every report language (issue 19).

A report, a letter or an article quotes the title above a finding: a partial that reuses the
fail title ("No geographic address is given" above "Only a PO box is given") or a review that
reuses the pass title says something false about a trader. Whether a title is *true* of the
rule's messages is a reviewer's question (docs/rules lists them side by side); what a test can
hold is that each exists, is translated, and is distinct from the others.
"""

from __future__ import annotations

import pytest

from auditor import i18n
from auditor.engine import SWITCHED_OFF_TITLE, rule_catalogue
from auditor.models import TITLE_FIELDS, Outcome, RuleMeta
from auditor.registry import all_rules

RULES = all_rules()
#: The outcomes a rule itself can give, each with its title.
JUDGED = (Outcome.PASS, Outcome.PARTIAL, Outcome.FAIL, Outcome.NEEDS_REVIEW, Outcome.NOT_APPLICABLE)
CASES = [(rule.meta, outcome, lang) for rule in RULES for outcome in Outcome for lang in i18n.LANGS]


@pytest.mark.parametrize(("meta", "outcome", "lang"), CASES,
                         ids=[f"{m.id}-{o.value}-{lang}" for m, o, lang in CASES])
def test_every_rule_outcome_and_language_has_a_title(meta: RuleMeta, outcome: Outcome, lang: str) -> None:
    english = meta.title_for(outcome)
    title = meta.words(lang).title_for(outcome)
    assert title.strip() and title == title.strip(), f"{meta.id}: empty title for {outcome.value} in {lang}"
    assert not i18n.placeholders(english), f"{meta.id}: a title has no placeholders: {english!r}"
    if lang != i18n.DEFAULT_LANG:
        assert i18n.has_translation(lang, english), f"{meta.id}: {lang} does not translate {english!r}"
        assert title != english, f"{meta.id}: the {lang} title of {outcome.value} is the English one"
    if outcome == Outcome.ERROR:  # the rule could not run: what was not decided, as for a review
        assert title == meta.words(lang).review_title


@pytest.mark.parametrize("lang", i18n.LANGS)
@pytest.mark.parametrize("rule", RULES, ids=[r.meta.id for r in RULES])
def test_each_outcome_has_a_title_of_its_own(rule: type, lang: str) -> None:
    """Pass, partial, fail, review and not applicable differ in every language: a review or not
    applicable never reads as the pass or the fail, a partial never as the fail."""
    meta: RuleMeta = rule.meta  # type: ignore[attr-defined]
    words = meta.words(lang)
    titles = {outcome: words.title_for(outcome) for outcome in JUDGED}
    assert len(set(titles.values())) == len(titles), f"{meta.id} ({lang}): titles repeat: {titles}"
    assert SWITCHED_OFF_TITLE.get(lang) not in titles.values()


def test_the_engines_own_title_is_translated() -> None:
    assert set(SWITCHED_OFF_TITLE.translations()) == set(i18n.LANGS) - {i18n.DEFAULT_LANG}


def test_every_outcome_has_a_title_field() -> None:
    assert set(TITLE_FIELDS) == set(Outcome)
    assert set(TITLE_FIELDS.values()) == {"title", "partial_title", "failure_title", "review_title", "na_title"}


def test_the_result_catalogue_carries_every_title_in_every_language() -> None:
    """A result re-rendered later shows the titles it was judged with: the catalogue holds them."""
    for entry, rule in zip(rule_catalogue(), RULES, strict=True):
        meta = rule.meta
        for field in set(TITLE_FIELDS.values()):
            assert getattr(entry, field) == getattr(meta, field), (meta.id, field)
            i18n_field = getattr(entry, f"{field}_i18n")
            assert set(i18n_field) == set(i18n.LANGS) - {i18n.DEFAULT_LANG}, (meta.id, field)
            for lang, text in i18n_field.items():
                assert text == getattr(meta.words(lang), field), (meta.id, field, lang)
