"""One file per report language (issue 19, point 6): ``auditor report --lang sv`` after an
English audit leaves the English reports in place, and each report links to the same report in
the other languages written from the same result, never to one left from another audit."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import lxml.html

from auditor.reports import BatchInfo, write_reports
from auditor.reports.html import report_file, site_report_names
from tests.reports.test_writers import DOWN, build_result
from tests.test_ci_gate import SITE


def _links(path: Path) -> dict[str, str]:
    """The language links of a report: language code → file."""
    page = lxml.html.fromstring(path.read_bytes())
    return {a.get("hreflang"): a.get("href") for a in page.cssselect("nav.langs a")}


def test_a_report_in_another_language_is_its_own_file(tmp_path: Path) -> None:
    result = build_result()
    english = write_reports(result, ["html"], tmp_path).files["html"]
    assert [p.name for p in english] == [report_file(n, "en") for n in site_report_names(result)]
    assert all(not _links(p) for p in english), "one language: nothing to link"
    swedish = write_reports(result, ["html"], tmp_path, lang="sv").files["html"]
    assert [p.name for p in swedish] == [f"{n}.sv.html" for n in site_report_names(result)]
    assert all(p.exists() for p in english), "the English reports are still there"
    for en, sv in zip(english, swedish, strict=True):
        assert 'lang="sv"' in sv.read_text("utf-8") and 'lang="en"' in en.read_text("utf-8")[:200]
        assert _links(sv) == {"en": en.name} and _links(en) == {"sv": sv.name}, "linked both ways"
    page = lxml.html.fromstring(swedish[0].read_bytes())
    [nav] = page.cssselect("nav.langs")
    assert nav.text_content().split() == ["Finns", "även", "på:", "English"]
    assert nav.cssselect("a")[0].get("lang") == "en"


def test_a_report_from_another_audit_is_not_linked(tmp_path: Path) -> None:
    earlier = build_result()
    write_reports(earlier, ["html"], tmp_path, lang="de")
    later = earlier.model_copy(update={"generated_at": earlier.generated_at + timedelta(days=1)})
    [first, _] = write_reports(later, ["html"], tmp_path).files["html"]
    assert _links(first) == {}, "the German report is from another result"
    german = tmp_path / report_file(site_report_names(earlier)[0], "de")
    assert _links(german) == {}, "and it is left as it was"
    write_reports(later, ["html"], tmp_path, lang="fi")
    assert _links(first) == {"fi": first.name.replace(".html", ".fi.html")}


def test_the_batch_index_and_table_in_each_language(tmp_path: Path) -> None:
    result = build_result()
    batch = BatchInfo(names={SITE: "Butiken"}, run_label="run 4")
    english = write_reports(result, ["html", "index", "csv"], tmp_path, batch=batch)
    danish = write_reports(result, ["html", "index", "csv"], tmp_path, lang="da", batch=batch)
    assert [p.name for p in english.files["index"] + english.files["csv"]] == ["index.html", "batch.csv"]
    assert [p.name for p in danish.files["index"] + danish.files["csv"]] == ["index.da.html", "batch.da.csv"]
    assert _links(tmp_path / "index.html") == {"da": "index.da.html"}
    assert _links(tmp_path / "index.da.html") == {"en": "index.html"}
    index = lxml.html.fromstring((tmp_path / "index.da.html").read_bytes())
    hrefs = [a.get("href") for a in index.cssselect("#sites a")]
    assert hrefs == [danish.site_reports[url].name for url in (SITE, DOWN)] and hrefs[0].endswith(".da.html")
    english_index = lxml.html.fromstring((tmp_path / "index.html").read_bytes())
    assert [a.get("href") for a in english_index.cssselect("#sites a")] == [
        english.site_reports[url].name for url in (SITE, DOWN)]
    assert DOWN in (tmp_path / "batch.da.csv").read_text("utf-8")
