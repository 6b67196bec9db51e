"""The phrasing corpus (tests/corpus/phrasings) and its measurement (bench/phrasings.py).

The corpus is well formed and its held-out part is the fixed every-fifth rule; the measurement
runs the real facts stage and counts right. No score is asserted: the figures move as the
matchers improve and belong in ACCURACY.md."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from bench import phrasings
from bench.phrasings import CONCEPTS, LANGS, Counts, Item, Outcome, load, measure, tally


@pytest.fixture(scope="module")
def corpus() -> list[Item]:
    return load()


def test_every_file_covers_all_six_languages_fully(corpus: list[Item]) -> None:
    sizes = Counter((i.concept, i.lang, i.positive) for i in corpus)
    concepts = {i.concept for i in corpus}
    assert concepts and concepts <= set(CONCEPTS)
    for concept in concepts:
        for lang in LANGS:
            assert sizes[(concept, lang, True)] >= 25, (concept, lang)
            assert sizes[(concept, lang, False)] >= 15, (concept, lang)


def test_held_out_is_every_fifth_item_of_each_list(corpus: list[Item]) -> None:
    for item in corpus:
        assert item.held_out == (item.index % phrasings.HELD_OUT_EVERY == phrasings.HELD_OUT_EVERY - 1), item


def test_items_are_unique_and_valued_where_the_concept_reads_a_value(corpus: list[Item]) -> None:
    seen = Counter((i.concept, i.lang, i.fragment) for i in corpus)  # one wording in two layouts is two items
    assert [k for k, n in seen.items() if n > 1] == []
    for item in corpus:
        assert item.text or item.html
        assert item.page in phrasings.PAGES
        if not item.positive:
            assert item.value is None, item
        elif item.concept in ("withdrawal_period", "complaint_period"):
            assert item.value is not None and item.value.endswith(" days"), item
        elif item.concept == "return_costs":
            assert item.value in ("consumer", "trader"), item
        elif item.concept in ("complaint_handling", "response_time"):  # the answer time, when stated
            assert item.value is None or item.value.endswith(" days"), item
        else:
            assert item.value is None, item  # the other concepts read no value


def test_every_concept_has_its_corpus(corpus: list[Item]) -> None:
    assert {i.concept for i in corpus} == set(CONCEPTS)


def test_values_are_normalised_to_days() -> None:
    assert phrasings.normalise_value("3 years") == "1095 days"
    assert phrasings.normalise_value("2 weeks") == "14 days"
    assert phrasings.normalise_value("consumer") == "consumer"


def _item(positive: bool, *, held_out: bool = False, value: str | None = None, lang: str = "sv") -> Item:
    return Item("withdrawal_period", lang, positive, 0, text="x", value=value, held_out=held_out)


def test_counting_arithmetic() -> None:
    outcomes = [
        Outcome(_item(True, value="14 days"), True, ("14 days",)),  # correct
        Outcome(_item(True, value="14 days"), True, ("30 days",)),  # wrong value
        Outcome(_item(True), False),  # missed
        Outcome(_item(True), True),  # correct (no value expected)
        Outcome(_item(False), True),  # false hit
        Outcome(_item(False), False),  # rejected
        Outcome(_item(True, held_out=True), False),  # held out: its own part
        Outcome(_item(True, lang="de"), True),
    ]
    assert [o.kind for o in outcomes[:6]] == ["correct", "wrong_value", "missed", "correct", "false_hit", "rejected"]
    counts = tally(outcomes)
    sv = counts[("withdrawal_period", "sv", "tuning")]
    assert (sv.positives, sv.lookalikes, sv.correct, sv.wrong_value, sv.false_hits) == (4, 2, 2, 1, 1)
    assert sv.precision == pytest.approx(2 / 4)  # correct / (correct + wrong value + false hit)
    assert sv.recall == pytest.approx(2 / 4)
    held = counts[("withdrawal_period", "sv", "held-out")]
    assert (held.positives, held.correct, held.recall, held.precision) == (1, 0, 0.0, None)
    every = counts[("withdrawal_period", "all", "tuning")]
    assert (every.positives, every.correct) == (5, 3)
    assert Counts().precision is None and Counts().recall is None


def test_the_table_and_the_block(tmp_path: Path) -> None:
    counts = tally([Outcome(_item(True), True), Outcome(_item(False), False)])
    table = phrasings.table(counts)
    assert "| withdrawal_period | sv | 1+1 | 100% | 100% | – | – | – | 0 | 0 |" in table
    doc = tmp_path / "ACCURACY.md"
    doc.write_text(f"before\n{phrasings.BEGIN}\nold\n{phrasings.END}\nafter\n", encoding="utf-8")
    phrasings.write_block(doc, phrasings.block(counts, date(2026, 1, 2), "abc1234"))
    text = doc.read_text(encoding="utf-8")
    assert text.startswith("before\n") and text.endswith("after\n") and "old" not in text
    assert "2026-01-02" in text and "`abc1234`" in text and table in text


def test_a_few_items_go_through_the_real_facts_stage(corpus: list[Item]) -> None:
    # The first positive and look-alike of each concept in two languages: the run works and
    # every item gets exactly one outcome, counted once per language and once under "all".
    sample = [i for i in corpus if i.lang in ("sv", "de") and i.index == 0]
    outcomes = measure(sample)
    assert len(outcomes) == len(sample)
    assert {o.kind for o in outcomes} <= {"correct", "wrong_value", "missed", "false_hit", "rejected"}
    counts = tally(outcomes)
    total = sum(c.positives + c.lookalikes for (_, lang, _), c in counts.items() if lang != "all")
    assert total == len(sample)
    url, html = phrasings.page_html(sample[0])
    assert url.startswith(phrasings.BASE) and 'lang="' + sample[0].lang + '"' in html
    facts = phrasings.facts_of(sample[0])
    assert facts.pages and facts.pages[0].url == url


def test_misses_never_list_the_held_out_part() -> None:
    held = Item("return_costs", "fi", True, 4, text="secret held-out sentence", held_out=True)
    tuned = Item("return_costs", "fi", True, 0, text="a tuning sentence")
    listed = phrasings.misses([Outcome(held, False), Outcome(tuned, False)])
    assert "a tuning sentence" in listed and "secret" not in listed


def test_the_fresh_corpus_is_held_out_whole_and_loads() -> None:
    """The held-out corpus (tests/corpus/fresh16/) is never listed while tuning: every file says so
    at the top, and every item loads as held out (bench/phrasings.py --fresh)."""
    import tomllib

    files = sorted(phrasings.FRESH.glob("*.toml"))
    assert files
    for path in files:
        assert tomllib.loads(path.read_text(encoding="utf-8")).get("held_out") is True, path.name
    items = phrasings.load(phrasings.FRESH)
    assert items and all(item.held_out for item in items)
    assert {item.lang for item in items} == set(phrasings.LANGS)
    assert {item.concept for item in items} == set(phrasings.CONCEPTS)
