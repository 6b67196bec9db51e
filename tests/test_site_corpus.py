"""The blind shop-site corpora (tests/corpus/sites, tests/corpus/sites-heldout) load as `auditor
eval` reads them: every site has its folder and home page, the labels use the convention's values,
and no site is in both halves."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.evaluation import CHECKS, load_corpus

ROOT = Path(__file__).parent / "corpus"
VALUES = {True, False, "unknown", "not_applicable", "false_in_saved_pages"}


@pytest.mark.parametrize("half", ["sites", "sites-heldout"])
def test_a_half_loads_with_its_labels(half: str) -> None:
    sites = load_corpus(ROOT / half)
    assert len(sites) >= 12
    for site in sites:
        assert (site.folder / str(site.labels.get("home") or "index.html")).is_file(), site.id
        assert site.jurisdiction in {"se", "no", "dk", "fi", "de", None}, site.id  # en: guessed per site
        for check in CHECKS:
            value = site.labels.get(check.label)
            if check.label in {"click_depth_home_to_contact", "has_withdrawal_period_stated"}:
                continue  # a number of clicks, the wording found
            assert value in VALUES, (site.id, check.label, value)


def test_the_halves_do_not_overlap() -> None:
    tuning = {s.id for s in load_corpus(ROOT / "sites")}
    held_out = {s.id for s in load_corpus(ROOT / "sites-heldout")}
    assert not tuning & held_out
    assert {i.split("-")[0] for i in held_out} == {"sv", "nb", "da", "fi", "de", "en"}
