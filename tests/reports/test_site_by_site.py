"""A batch's outputs are written one site at a time (``write_reports_of``): the same bytes as
from the whole result, with no more than a couple of sites alive at any moment, however many the
batch has (issue 20: 2,000 sites held at once took 2.7 GB)."""

from __future__ import annotations

import gc
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from auditor.models import AuditResult, SiteResult
from auditor.reports import BatchInfo, write_reports, write_reports_of
from auditor.reports.stream import result_json_text, write_result_json

GOLDEN = Path(__file__).parents[1] / "golden" / "demo-result.json"
FORMATS = ["json", "html", "index", "csv", "findings"]


def demo_result(copies: int) -> AuditResult:
    """The demo's result with its sites repeated ``copies`` times under other hosts."""
    text = GOLDEN.read_text(encoding="utf-8").replace('"<time>"', '"2026-11-24T10:00:00Z"')
    result = AuditResult.model_validate_json(text)
    sites = [site.model_copy(update={"url": site.url.replace("127.0.0.", f"10.{n}.0.")})
             for n in range(copies) for site in result.sites]
    return result.model_copy(update={"sites": sites})


PROBE = "probe-site-by-site"


def _alive() -> int:
    """This test's sites alive now (their URLs say so; other tests' objects may be about too)."""
    gc.collect()
    return sum(1 for thing in gc.get_objects() if type(thing) is SiteResult and PROBE in thing.url)


def test_result_json_site_by_site_is_the_whole_results_json() -> None:
    result = demo_result(2)
    header = result.model_copy(update={"sites": []})
    assert result_json_text(header, result.sites) == result.model_dump_json(indent=2)
    assert result_json_text(header, []) == header.model_dump_json(indent=2)
    with pytest.raises(ValueError):
        result_json_text(result, [])


def test_outputs_site_by_site_are_the_whole_results_bytes(tmp_path: Path) -> None:
    result = demo_result(3)
    header = result.model_copy(update={"sites": []})
    urls = [site.url for site in result.sites]
    info = BatchInfo(names={urls[0]: "=Första butiken"}, tags={urls[1]: "kläder"}, run_label="run 3 of shops.csv")
    for lang in ("en", "sv"):
        whole = write_reports(result, FORMATS, tmp_path / "whole", lang=lang, batch=info)
        seen: list[str] = []
        parts = write_reports_of(header, iter(result.sites), FORMATS, tmp_path / "parts", lang=lang, batch=info,
                                 on_site=lambda site, seen=seen: seen.append(site.url))
        assert seen == urls
        assert list(parts.files) == list(whole.files) == FORMATS
        assert {url: path.name for url, path in parts.site_reports.items()} == {
            url: path.name for url, path in whole.site_reports.items()}
    names = sorted(path.name for path in (tmp_path / "whole").iterdir())
    assert names == sorted(path.name for path in (tmp_path / "parts").iterdir())
    assert "index.sv.html" in names and "findings.sv.csv" in names
    for name in names:
        assert (tmp_path / "parts" / name).read_bytes() == (tmp_path / "whole" / name).read_bytes(), name
    assert json.loads((tmp_path / "parts" / "result.json").read_text(encoding="utf-8"))["sites"][5]["url"] == urls[5]


def test_the_writer_holds_a_site_at_a_time(tmp_path: Path) -> None:
    """Each site is made when the writer asks for it (as a batch reads it from the store) and
    dropped by the writer once its files are written: the sites alive at once stay at a couple,
    for 6 sites as for 60."""
    peaks = {}
    for copies in (1, 10):
        template = demo_result(1).sites
        header = demo_result(0)
        peak = 0

        def sites(copies: int = copies, template: list[SiteResult] = template) -> Iterator[SiteResult]:
            nonlocal peak
            for n in range(copies):
                for site in template:
                    peak = max(peak, _alive())
                    url = site.url.replace("10.0.0.", f"10.{n}.0.") + PROBE
                    yield site.model_copy(update={"url": url}, deep=True)

        written = write_reports_of(header, sites(), FORMATS, tmp_path / str(copies), batch=BatchInfo())
        assert len(written.site_reports) == 6 * copies
        peaks[copies] = max(peak, _alive())
    assert 1 <= peaks[10] <= 2, peaks
    assert peaks[10] == peaks[1], "the sites alive at once do not grow with the batch"


def test_a_runs_snapshot_written_site_by_site(tmp_path: Path) -> None:
    result = demo_result(1)
    path = write_result_json(result.model_copy(update={"sites": []}), iter(result.sites), tmp_path / "run-1.json")
    assert path.read_text(encoding="utf-8") == result.model_dump_json(indent=2)
    assert not list(tmp_path.glob("*.tmp"))


def test_ci_formats_need_the_whole_result(tmp_path: Path) -> None:
    result = demo_result(1)
    with pytest.raises(ValueError, match="gate"):
        write_reports_of(result.model_copy(update={"sites": []}), iter(result.sites), ["sarif"], tmp_path)
    assert not tmp_path.joinpath("result.json").exists()
