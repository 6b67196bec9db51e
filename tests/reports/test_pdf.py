"""``--format pdf`` (issue 19): each site report printed by Chromium, for a letter to the trader.

A PDF is written beside each HTML report in the report's language (``<site>.pdf``,
``<site>.sv.pdf``), for a site not audited too; it is a PDF with pages, titled as its report.
Printed, the report keeps a rule's section and each piece of evidence on one page, shows its
folded parts open and the target of each outside link after the link, with no script run.
A browser that cannot print costs the PDFs only: the HTML reports and every other format are
written, and the reason is one line.

The PDF's text streams are compressed and its fonts subset, so the test reads the document
title (the Info dictionary, which Chromium writes uncompressed from the report's ``<title>``)
and counts the page objects, rather than add a PDF library for this one check.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import lxml.html
import pytest

from auditor.browser.pdf import PrintFailed, print_pdfs
from auditor.reports import write_reports
from auditor.reports.html import report_file, site_report_names
from tests.reports.axe import chromium
from tests.reports.test_site_report import build_result, write_assets

TEMPLATE = Path(__file__).resolve().parents[2] / "auditor" / "reports" / "templates" / "site.html.j2"


def pdf_title(data: bytes) -> str:
    """The ``/Title`` of a PDF's Info dictionary: a literal string, or UTF-16 in hex."""
    found = re.search(rb"/Title\s*(?:<([0-9A-Fa-f\s]*)>|\(((?:\\.|[^\\)])*)\))", data)
    assert found, "the PDF has a title"
    if found.group(1) is not None:
        raw = bytes.fromhex(found.group(1).decode("ascii"))
        return raw[2:].decode("utf-16-be") if raw.startswith(b"\xfe\xff") else raw.decode("latin-1")
    return re.sub(rb"\\(.)", rb"\1", found.group(2)).decode("latin-1")


def pages(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", data))


def html_title(path: Path) -> str:
    return str(lxml.html.fromstring(path.read_bytes()).findtext(".//title"))


@pytest.mark.e2e
@pytest.mark.parametrize("lang", ["en", "sv"])
def test_each_site_report_is_printed_in_its_language(tmp_path: Path, lang: str) -> None:
    write_assets(tmp_path)
    result = build_result()
    written = write_reports(result, ["pdf"], tmp_path, lang=lang, printer=print_pdfs)
    names = site_report_names(result)
    assert [p.name for p in written.files["html"]] == [report_file(n, lang) for n in names], "pdf writes the html"
    assert [p.name for p in written.files["pdf"]] == [report_file(n, lang, ".pdf") for n in names]
    assert not written.unavailable
    for html, pdf in zip(written.files["html"], written.files["pdf"], strict=True):
        data = pdf.read_bytes()
        assert data.startswith(b"%PDF-") and pages(data) >= 1
        assert pdf_title(data) == html_title(html), "titled as its report: the trader, or the site not audited"
    assert result.sites[1].url in pdf_title(written.files["pdf"][1].read_bytes()), "the site not audited"
    assert not list(tmp_path.glob("*.tmp")), "written through a temporary file"


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """The audited site's report as Chromium lays it out for print, at A4 width, no scripts."""
    out = tmp_path_factory.mktemp("print")
    write_assets(out)
    [report, _] = write_reports(build_result(), ["html"], out).files["html"]
    with chromium() as browser:
        # the width inside A4's margins, where the phone layout (max-width: 720px) would apply on a screen
        page = browser.new_page(viewport={"width": 688, "height": 1002}, java_script_enabled=False)
        page.goto(report.resolve().as_uri())
        page.emulate_media(media="print")
        yield page
        page.close()


@pytest.mark.e2e
def test_printed_sections_and_evidence_are_kept_whole(printed: Any) -> None:
    for selector in ("section.rule", "details.rule", "li.ev", "figure"):
        kept = printed.evaluate(f"[...document.querySelectorAll({selector!r})]"
                                ".map(e => getComputedStyle(e).breakInside)")
        assert kept and set(kept) == {"avoid"}, selector


@pytest.mark.e2e
def test_folded_parts_are_printed_open(printed: Any) -> None:
    folded = printed.evaluate("[...document.querySelectorAll('details:not(.rule):not([open]) > :not(summary)')]"
                              ".map(e => e.getBoundingClientRect().height)")
    assert folded and all(height > 0 for height in folded), "a closed <details> shows its content on paper"


@pytest.mark.e2e
def test_rules_met_or_not_applicable_print_as_one_line_each(printed: Any) -> None:
    """A letter to the trader is the findings: a rule met (folded on screen) prints its title alone,
    and a note on paper says where its evidence is."""
    met = printed.evaluate("""[...document.querySelectorAll('details.rule')].map(d => [
        d.querySelector('summary').getBoundingClientRect().height,
        [...d.children].filter(c => c.tagName !== 'SUMMARY').map(c => c.getBoundingClientRect().height)])""")
    assert met, "the fixture has rules met"
    for summary, body in met:
        assert summary > 0 and all(height == 0 for height in body)
    note = printed.evaluate("getComputedStyle(document.querySelector('.print-only')).display")
    assert note == "block"
    findings = printed.evaluate("[...document.querySelectorAll('section.rule')]"
                                ".map(e => e.getBoundingClientRect().height)")
    assert findings and all(height > 60 for height in findings), "findings print whole, with their evidence"


@pytest.mark.e2e
def test_link_targets_are_printed_after_links(printed: Any) -> None:
    after = printed.evaluate("""[...document.querySelectorAll('a[href^="http"]')].map(a => [
        a.getAttribute('href'), a.textContent, getComputedStyle(a, '::after').content])""")
    assert after
    for href, text, content in after:
        if text.strip() == href or text.strip().startswith("http"):
            assert content == "none", "a URL shown as itself is not repeated"
        else:
            assert content == f'" ({href})"', (href, text, content)
    assert any(content != "none" for *_, content in after), "a named link shows its URL"


@pytest.mark.e2e
def test_printed_pictures_and_tables_fit_the_paper(printed: Any) -> None:
    """On paper nothing scrolls: each picture fits the width, and the desktop layout (a table is a
    table, not the phone's stacked rows) is printed although A4 is narrower than a desktop."""
    room = printed.evaluate("document.querySelector('main').getBoundingClientRect().right")
    rights = printed.evaluate("[...document.querySelectorAll('.frame, table')]"
                              ".map(e => e.getBoundingClientRect().right)")
    assert rights and max(rights) <= room + 1
    assert printed.evaluate("getComputedStyle(document.querySelector('table.stack tr')).display") == "table-row"


def test_the_print_style_sheet_is_in_the_template() -> None:
    """What the Chromium tests above check, readable where a reviewer edits it."""
    template = TEMPLATE.read_text(encoding="utf-8")
    sheet = template[template.index("@media print"):template.index("</style>")]
    assert "break-inside: avoid" in sheet and "section.rule" in sheet and ".ev" in sheet
    assert "details::details-content" in sheet
    assert 'a[href^="http"]:not(.bare)::after { content: " (" attr(href) ")"' in sheet
    assert "<script" not in template, "printing needs no script"


def test_a_printer_that_fails_costs_the_pdfs_only(tmp_path: Path) -> None:
    def broken(jobs: Sequence[tuple[Path, Path]]) -> list[Path]:
        raise PrintFailed("no browser could be started (/usr/bin/chromium: exited)")

    write_assets(tmp_path)
    written = write_reports(build_result(), ["json", "pdf"], tmp_path, printer=broken)
    assert written.unavailable == {"pdf": "no browser could be started (/usr/bin/chromium: exited)"}
    assert written.files["pdf"] == [] and len(written.files["html"]) == 2
    assert all(path.is_file() for path in written.paths())
    assert not list(tmp_path.glob("*.pdf"))


def test_pdf_without_a_printer_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="printer"):
        write_reports(build_result(), ["html", "pdf"], tmp_path)
    assert not list(tmp_path.iterdir())


def test_no_browser_is_one_line(tmp_path: Path) -> None:
    html = tmp_path / "site.html"
    html.write_text("<!DOCTYPE html><title>t</title>", encoding="utf-8")
    with pytest.raises(PrintFailed) as failed:
        print_pdfs([(html, tmp_path / "site.pdf")], executable=str(tmp_path / "no-such-chromium"))
    assert "\n" not in str(failed.value) and "no browser could be started" in str(failed.value)
    assert not (tmp_path / "site.pdf").exists()
