"""Smoke test of the benchmark (bench/): the simulated web answers like a shop, and the script's
run and table work on a tiny web. No timing is asserted: the figures belong in BENCHMARKS.md."""

from __future__ import annotations

import gzip
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from bench import run as bench_run
from bench.simweb import answer, make_shop, make_web, serve_in_thread

pytestmark = pytest.mark.e2e


def test_shops_are_realistic_and_repeatable() -> None:
    shops = make_web(30)
    assert [s.name for s in shops] == [s.name for s in make_web(30)]  # the seed decides everything
    assert {s.lang.code for s in shops} >= {"sv", "nb", "da", "fi"}
    for shop in shops:
        assert 10 <= len(shop.pages) <= 40
        kinds = {p.kind for p in shop.pages.values()}
        assert {"home", "contact", "terms", "returns", "category"} <= kinds  # small shops may list no product
    page = answer(make_shop(0), "/").body.decode()
    assert "<footer" in page and 15_000 < len(page) < 200_000


def test_simulated_web_serves_each_shop_on_its_own_address() -> None:
    shops = make_web(3)
    with serve_in_thread(shops) as web:
        for shop in shops:
            base = web.url(shop)
            assert shop.host in base
            request = urllib.request.Request(base, headers={"Accept-Encoding": "gzip"})
            with urllib.request.urlopen(request, timeout=10) as response:
                assert response.status == 200
                assert response.headers["Content-Encoding"] == "gzip"
                html = gzip.decompress(response.read()).decode()
            assert shop.name in html
            contact = f"{base}{shop.lang.slugs['contact'].strip('/')}"
            with urllib.request.urlopen(contact, timeout=10) as response:
                assert response.status == 200
            with pytest.raises(urllib.error.HTTPError) as missing:
                urllib.request.urlopen(f"{base}no-such-page", timeout=10)
            assert missing.value.code == 404


def test_run_and_table_on_a_tiny_web(tmp_path: Path) -> None:
    args = bench_run.parser().parse_args([
        "--sites", "3", "--latency", "0", "--bandwidth", "0", "--max-pages", "4",
        "--render-sites", "0", "--profile-sites", "2", "--top", "5", "--work", str(tmp_path),
    ])
    results = bench_run.run_bench(args, tmp_path, say=lambda _: None)
    runs = {r["name"]: r for r in results["runs"]}
    assert set(runs) == {"baseline", "never", "profile"}
    assert runs["never"]["sites"] == 3 and runs["never"]["urls"] >= 6  # robots.txt and pages
    assert runs["baseline"]["urls"] == runs["never"]["urls"]
    assert runs["never"]["peak_rss"] > 0
    table = bench_run.format_table(results)
    assert "| (1) bare Scrapy, same URLs | 3 |" in table
    assert "Ratio (2)/(1)" in table and "Sites/hour" in table
    assert "Phases" in results["profile"] and "Top 5 functions" in results["profile"]


def test_percentile_is_nearest_rank() -> None:
    assert bench_run.percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20], 0.95) == 19
    assert bench_run.percentile([3], 0.95) == 3
    assert bench_run.percentile([], 0.95) == 0
