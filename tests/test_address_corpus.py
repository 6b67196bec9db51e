"""The blind address corpus (tests/corpus/addresses, read by bench/addresses.py) is well formed:
every address says what a person reads in its fragment, and the bench reads it."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from bench.addresses import CORPUS, HINTS, measure

FILES = sorted(CORPUS.glob("*.toml"))


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_every_address_is_written_in_its_fragment(path: Path) -> None:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert path.stem in HINTS
    assert len(data["address"]) >= 30 and len(data["lookalike"]) >= 10
    for item in data["address"]:
        html = item["html"].replace("&amp;", "&")
        for key in ("street", "postal_code", "town"):
            assert item[key] in html, (path.stem, key, item[key])
        assert len(item["country"]) == 2 and isinstance(item["po_box"], bool)


def test_the_bench_counts_every_item() -> None:
    counts = measure()
    assert {lang for lang in counts} == {p.stem for p in FILES}
    for c in counts.values():
        assert c.addresses >= 30 and c.lookalikes >= 10
        assert 0 <= c.read + c.signal <= c.addresses
