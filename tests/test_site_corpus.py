"""The blind shop-site corpora (tests/corpus/sites*, each round a tuning and a held-out half) load as `auditor
eval` reads them: every site has its folder and home page, the labels use the convention's values,
and no site is in both halves."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.evaluation import CHECKS, load_corpus

ROOT = Path(__file__).parent / "corpus"
VALUES = {True, False, "unknown", "not_applicable", "false_in_saved_pages"}


#: Every round: a tuning half ``sitesN`` beside its ``sitesN-heldout`` (found, so that a new round is
#: checked without a list to keep up).
ROUNDS = sorted(p.name for p in ROOT.glob("sites*") if p.is_dir() and not p.name.endswith("-heldout"))


@pytest.mark.parametrize("half", [f"{r}{h}" for r in ROUNDS for h in ("", "-heldout")])
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


@pytest.mark.parametrize("round_", ROUNDS)
def test_the_halves_do_not_overlap(round_: str) -> None:
    tuning = {s.id for s in load_corpus(ROOT / round_)}
    held_out = {s.id for s in load_corpus(ROOT / f"{round_}-heldout")}
    assert not tuning & held_out
    assert {i.split("-")[0] for i in held_out} == {"sv", "nb", "da", "fi", "de", "en"}
