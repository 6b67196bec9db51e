"""Smoke test of the benchmark (bench/): the simulated web answers like a shop, and the script's
run and table work on a tiny web. No timing is asserted: the figures belong in BENCHMARKS.md."""

from __future__ import annotations

import gzip
import json
import random
import urllib.error
import urllib.request
from pathlib import Path

import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor import pipeline
from auditor import settings as env
from bench import extract, textpages
from bench import run as bench_run
from bench.simweb import answer, make_shop, make_web, render_page, serve_in_thread

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
        "--sites", "3", "--latency", "0", "--bandwidth", "0", "--max-pages", "4", "--sentences", "20",
        "--render-sites", "0", "--profile-sites", "2", "--top", "5", "--work", str(tmp_path),
    ])
    results = bench_run.run_bench(args, tmp_path, say=lambda _: None)
    runs = {r["name"]: r for r in results["runs"]}
    assert set(runs) == {"baseline", "never", "profile"}
    assert runs["never"]["sites"] == 3 and runs["never"]["urls"] >= 6  # robots.txt and pages
    assert runs["baseline"]["urls"] == runs["never"]["urls"]
    assert runs["never"]["peak_rss"] > 0
    table = bench_run.format_table(results)
    assert "| (1) plain Scrapy, same URLs | 3 |" in table
    assert "Ratio (2)/(1)" in table and "Sites/hour" in table
    assert "Phases" in results["profile"] and "Top 5 functions" in results["profile"]


def test_percentile_is_nearest_rank() -> None:
    assert bench_run.percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20], 0.95) == 19
    assert bench_run.percentile([3], 0.95) == 3
    assert bench_run.percentile([], 0.95) == 0


@given(seed=st.integers(0, 10_000), lang=st.sampled_from(sorted(textpages.WORDS)),
       kind=st.sampled_from(("terms", "returns", "complaints", "faq", "shipping")), sentences=st.integers(1, 60))
@settings(max_examples=40, deadline=None)
def test_legal_pages_are_as_long_as_asked_and_repeatable(seed: int, lang: str, kind: str, sentences: int) -> None:
    trader = make_shop(0).trader

    def page() -> str:
        return textpages.legal_text(kind, lang, trader, random.Random(seed), sentences)

    text = page()
    assert text == page()  # the seed decides everything
    words = lxml.html.fromstring(f"<div>{text}</div>").text_content()
    # Every sentence ends in a period or a question mark; tables and definition lists stand for some.
    ends = words.count(". ") + words.count("?") + words.count(".<") + 1
    assert ends >= min(sentences, 5) // 2
    assert "<h2>1. " in text


def test_text_heavy_shops_carry_long_legal_pages_and_light_ones_do_not() -> None:
    heavy, light = make_shop(0, sentences=300), make_shop(0, sentences=0)
    terms = next(p for p in heavy.pages.values() if p.kind == "terms")
    assert len(render_page(heavy, terms)) > len(render_page(light, terms)) + 20_000
    assert [p.path for p in heavy.pages.values()] == [p.path for p in light.pages.values()]
    assert len(make_shop(1, size=15).pages) == 15


def test_extraction_benchmark_audits_crawls_held_in_memory(tmp_path: Path) -> None:
    crawls = extract.simulated_crawls(4, 10, site_pages=2)
    assert [len(c.pages) for c in crawls] == [2, 2]
    result = extract.measure(crawls, repeat=1, profile=tmp_path / "x.prof", top=3)
    assert result["pages"] == 4 and result["statuses"] == {"audited": 2}
    assert result["pages_per_s_per_core"] > 0 and (tmp_path / "x.prof").exists()
    assert "function calls" in result["profile"]["tottime"]


def test_extraction_digest_holds_what_the_audit_found_without_the_clock() -> None:
    found = extract.digest(4, 10, seed=1, site_pages=2, corpus=None, hostile_links=40)
    assert len(found) == 3 and "hostile" in found
    assert all(set(site) == {"facts", "result"} and site["result"]["rules"] for site in found.values())
    text = json.dumps(found, sort_keys=True)
    assert '"fetched_at"' not in text and '"started_at"' not in text


def test_grid_table_shows_each_point_with_its_baseline() -> None:
    run = {"name": "never", "sites": 10, "urls": 200, "seconds": 20.0, "peak_rss": 2**30, "peak_pss": 2**29,
           "processes": 3, "rendered": [], "load": "1.00 1.00 1.00", "returncode": 0, "cpu_seconds": 30.0,
           "main_cpu_seconds": 6.0}
    base = {**run, "name": "baseline", "seconds": 5.0, "cpu_seconds": 2.0}
    results = {"kind": "grid", "machine": "2 cores", "config": {"latency": 0.1, "bandwidth": 0, "max_pages": 30},
               "rows": [{"label": "c8-w1", "factor": "concurrency", "sites": 10, "sentences": "100-400",
                         "site_pages": "10-40", "concurrency": 8, "workers": 1, "never": run, "baseline": base,
                         "crawl_seconds_median": 2.5},
                        {"label": "c16-w2", "factor": "concurrency", "sites": 10, "sentences": "100-400",
                         "site_pages": "10-40", "concurrency": 16, "workers": 2, "never": run}]}
    table = bench_run.format_grid(results)
    assert "| concurrency | 10 | 100-400 | 10-40 | 8 | 1 | 200 | 20.0 | 1,800 | 10.0 | 0.150 |" in table
    assert "| 75% | 20% | 2.5 | 5.0 | 25% | 512 MiB |" in table  # plain Scrapy's seconds, the ratio, the peak memory
    assert "| 16 | 2 | 200 | 20.0 | 1,800 | 10.0 | 0.150 |" in table and "| – | – |" in table


def test_audit_workers_follow_the_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    # The defaults bench/run.py --grid measured (BENCHMARKS.md, "Concurrency"); a browser takes no
    # core of its own (--render auto used about one core of two, one worker fewer queued the audits).
    monkeypatch.delenv(env.AUDIT_WORKERS, raising=False)
    for cores in (1, 2, 4, 16):
        monkeypatch.setattr(pipeline, "usable_cores", lambda cores=cores: cores)
        assert pipeline._workers(None, 100) == min(pipeline.MAX_WORKERS, cores)
        assert pipeline._workers(None, pipeline.MIN_SITES_FOR_WORKERS - 1) == 0
        assert pipeline._workers(3, 100) == 3
    assert pipeline.usable_cores() >= 1


def test_a_corpus_given_that_is_not_there_is_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as ended:
        extract.main(["--digest", str(tmp_path / "x.json"), "--corpus", str(tmp_path / "nowhere")])
    assert ended.value.code == 2
    assert "no labels.yaml there" in capsys.readouterr().err


def test_render_only_runs_only_the_render_auto_batch(tmp_path: Path) -> None:
    args = bench_run.parser().parse_args([
        "--sites", "2", "--latency", "0", "--bandwidth", "0", "--max-pages", "3", "--sentences", "10",
        "--render-sites", "2", "--profile-sites", "0", "--render-only", "--work", str(tmp_path),
    ])
    results = bench_run.run_bench(args, tmp_path, say=lambda _: None)
    [auto] = results["runs"]
    assert auto["name"] == "auto" and auto["sites"] == 2 and len(auto["rendered"]) == 2
    assert "(3) `auditor batch --render auto` (subset)" in bench_run.format_table(results)


def test_timeline_counts_what_runs_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    from bench import timeline

    events = [(0.0, "render", "a", "start"), (1.0, "render", "b", "start"), (2.0, "render", "a", "end"),
              (4.0, "render", "b", "end"), (0.5, "crawl", "a", "start"), (0.5, "crawl", "a", "end")]
    monkeypatch.setattr(timeline, "EVENTS", sorted(events))
    mean, peak = timeline.levels("render", 0.0, 4.0)
    assert peak == 2 and mean == pytest.approx((1 * 1 + 2 * 1 + 1 * 2) / 4)  # 1 from 0-1 and 2-4, 2 from 1-2
    assert timeline.levels("render", 1.0, 2.0)[0] == pytest.approx(2.0)
    assert timeline.spans("render") == {"a": [0.0, 2.0], "b": [1.0, 4.0]}
