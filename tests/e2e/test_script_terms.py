"""A shop without a terms page whose checkout links its terms with ``href="#"``: a real Chromium
clicks the link. A link that does nothing lets the withdrawal-form and adr-body rules fail with
that click as evidence; a link that opens the terms in a dialog keeps them in review; without a
browser nothing is decided. Audited through the command line, as a saved copy."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from auditor.cli import main

pytestmark = pytest.mark.e2e

BASE = "https://perenner.example.se/"
_PAGE = ("<!doctype html><html lang='sv'><head><meta charset='utf-8'><title>{title}</title></head>"
         "<body>{body}</body></html>")
_FOOTER = "<footer><a href='/kundservice'>Kundservice</a> <a href='/kassa'>Till kassan</a></footer>"
DIALOG = (
    "<div id='terms' hidden><h2>Köpvillkor</h2><p>Du har 14 dagars ångerrätt.</p></div>"
    "<script>document.querySelector('.terms a').addEventListener('click', (e) => {"
    " e.preventDefault(); document.getElementById('terms').hidden = false; });</script>"
)


def shop(root: Path, *, dialog: bool) -> Path:
    root.mkdir()
    pages = {
        "index.html": ("Perenner", "<main><h1>Perenner från svenska odlare</h1></main>" + _FOOTER),
        "kundservice.html": ("Kundservice", "<main><h1>Kundservice</h1><p>E-post: hej@perenner.example.se</p>"
                             "<h2>Returer</h2><p>Du har 14 dagars ångerrätt från leverans.</p></main>" + _FOOTER),
        "kassa.html": ("Kassa", "<main><h1>Kassa</h1><p class='terms'><label><input type='checkbox'> Jag godkänner "
                       "<a href='#'>köpvillkor</a></label></p>" + (DIALOG if dialog else "") + "</main>"),
    }
    for name, (title, body) in pages.items():
        (root / name).write_text(_PAGE.format(title=title, body=body), encoding="utf-8")
    return root


def audit(folder: Path, out: Path, *render: str) -> dict[str, dict[str, object]]:
    assert main(["audit", str(folder), "--base-url", BASE, "-o", str(out), "--format", "json",
                 "--jurisdiction", "se", *render]) in (0, 1)
    [site] = json.loads((out / "result.json").read_text(encoding="utf-8"))["sites"]
    return {rule["rule"]: rule for rule in site["rules"]}


def test_a_dead_terms_link_clicked_in_chromium_decides_absence(tmp_path: Path) -> None:
    rules = audit(shop(tmp_path / "dead", dialog=False), tmp_path / "out-dead")
    for rule_id in ("withdrawal-form", "adr-body"):
        rule = rules[rule_id]
        assert rule["outcome"] == "fail", rule["message"]
        first = rule["evidence"][0]  # type: ignore[index]
        assert first["url"] == BASE + "kassa" and first["excerpt"] == "köpvillkor"
        assert "nothing happened" in first["note"]


def test_a_terms_link_that_opens_a_dialog_stays_in_review(tmp_path: Path) -> None:
    rules = audit(shop(tmp_path / "dialog", dialog=True), tmp_path / "out-dialog")
    for rule_id in ("withdrawal-form", "adr-body"):
        rule = rules[rule_id]
        assert rule["outcome"] == "needs_review", rule["message"]
        assert "changed the page" in str(rule["message"])


def test_without_a_browser_the_link_is_not_judged(tmp_path: Path) -> None:
    rules = audit(shop(tmp_path / "static", dialog=False), tmp_path / "out-static", "--render", "never")
    for rule_id in ("withdrawal-form", "adr-body"):
        rule = rules[rule_id]
        assert rule["outcome"] == "needs_review", rule["message"]
        assert "was not clicked in a browser" in str(rule["message"])
