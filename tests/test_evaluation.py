"""The accuracy harness: a tiny labelled corpus in tmp_path, audited as saved copies."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from auditor.cli import main
from auditor.engine import run_rules
from auditor.evaluation import CHECKS, CorpusError, evaluate, load_corpus, markdown_table, write_into
from auditor.facts.site import gather_site
from auditor.models import Category, Outcome, RuleOutcome, Severity
from auditor.registry import get_rule
from auditor.rule import AuditContext
from tests.rules.harness import load_fixture

LABELS = """\
schema_version: 1
sites:
  - id: sv-good
    language: sv
    snapshot: whole_site_static
    home: index.html
    has_email: true
    has_phone: true
    has_postal_address: unknown
    has_complaints_info: false
    click_depth_home_to_contact: 1
    has_contact_form: false
    form_offers_copy_or_confirmation: false
  - id: de-partial
    language: de
    snapshot: partial_pages
    home: saved/shop-0.html
    has_email: true
    has_phone: false_in_saved_pages
    click_depth_home_to_contact: 1
    form_offers_copy_or_confirmation: false
"""

SV_HOME = """<!doctype html><html lang="sv"><head><title>Bra Butik</title></head><body>
<main><h1>Välkommen till Bra Butik</h1><p>Vi säljer lampor.</p></main>
<footer><a href="/kontakt">Kontakta oss</a> · <a href="/villkor">Köpvillkor</a></footer></body></html>"""
SV_CONTACT = """<!doctype html><html lang="sv"><head><title>Kontakta oss</title></head><body>
<main><h1>Kontakta oss</h1><p>E-post: hej@brabutik.se</p><p>Telefon: 08-123 456 78</p></main>
<footer><a href="/">Hem</a></footer></body></html>"""
SV_TERMS = """<!doctype html><html lang="sv"><head><title>Köpvillkor</title></head><body>
<main><h1>Köpvillkor</h1><p>Priserna anges i svenska kronor inklusive moms.</p></main></body></html>"""
DE_HOME = """<!doctype html><html lang="de"><head><title>Werk</title></head><body>
<main><h1>Willkommen</h1></main>
<footer><a href="https://www.werk.de/service/kontakt/">Kontakt</a></footer></body></html>"""
DE_CONTACT = """<!doctype html><html lang="de"><head><title>Kontakt</title></head><body>
<main><h1>Kontakt</h1><p>E-Mail: service@werk.de</p></main></body></html>"""


def make_corpus(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "labels.yaml").write_text(LABELS, encoding="utf-8")
    good = root / "sv-good"
    good.mkdir(parents=True)
    (good / "index.html").write_text(SV_HOME, encoding="utf-8")
    (good / "kontakt.html").write_text(SV_CONTACT, encoding="utf-8")
    (good / "villkor.html").write_text(SV_TERMS, encoding="utf-8")
    saved = root / "de-partial" / "saved"
    saved.mkdir(parents=True)
    (saved / "shop-0.html").write_text(DE_HOME, encoding="utf-8")
    (saved / "shop-1.html").write_text(DE_CONTACT, encoding="utf-8")
    (root / "de-partial" / "SOURCE.md").write_text(
        "| file | original URL |\n|---|---|\n"
        "| `saved/shop-0.html` | https://www.werk.de/ |\n"
        "| `saved/shop-1.html` | https://www.werk.de/service/kontakt/ |\n",
        encoding="utf-8",
    )
    return root


def test_corpus_sites_get_urls_files_and_law(tmp_path: Path) -> None:
    sites = {s.id: s for s in load_corpus(make_corpus(tmp_path))}
    assert sites["sv-good"].base_url == "https://sv-good.invalid/"
    assert sites["sv-good"].jurisdiction == "se"
    partial = sites["de-partial"]
    assert partial.base_url == "https://www.werk.de/"
    assert partial.url_map["https://www.werk.de/service/kontakt/"] == "saved/shop-1.html"
    assert partial.jurisdiction == "de"


def test_labels_are_compared_with_rule_outcomes(tmp_path: Path) -> None:
    evaluation = evaluate(load_corpus(make_corpus(tmp_path)), as_of=date(2026, 11, 24))
    tallies = {t.check.label: t for t in evaluation.tallies}
    email = tallies["has_email"]
    assert email.counted == 2 and email.agree == 2 and email.false_fails == 0
    # The partial site's contact page is found by its original URL, one click from home.
    depth = {r.site: r for r in tallies["click_depth_home_to_contact"].rows}
    assert depth["de-partial"].tool == "present" and depth["sv-good"].agrees
    # 'unknown' and 'false_in_saved_pages' are not counted.
    assert tallies["has_postal_address"].counted == 0
    assert [r.site for r in tallies["has_phone"].rows] == ["sv-good"]
    # A terms page without complaints wording: the label says absent, the rule fails: agreement.
    complaints = tallies["has_complaints_info"].rows
    assert [(r.site, r.expected, r.agrees) for r in complaints] == [("sv-good", False, True)]
    # No contact form labelled: "the form offers no copy" is not counted there (it presupposes a
    # form); where the form is not labelled, it is.
    assert [(r.site, r.expected) for r in tallies["has_contact_form"].rows] == [("sv-good", False)]
    assert [r.site for r in tallies["form_offers_copy_or_confirmation"].rows] == ["de-partial"]
    table = markdown_table(evaluation)
    assert "| Email address | `has_email` | `contact-email` | 2 | 2 | 100% | 0 | 0 | 0 |" in table


def test_write_into_keeps_the_prose(tmp_path: Path) -> None:
    target = tmp_path / "ACCURACY.md"
    target.write_text("# Accuracy\n\nMethod text.\n\n<!-- BEGIN accuracy table (auditor eval) -->\nold\n"
                      "<!-- END accuracy table -->\n\nMore prose.\n", encoding="utf-8")
    write_into(target, "| new |\n", "Measured today.")
    text = target.read_text(encoding="utf-8")
    assert "Method text." in text and "More prose." in text and "| new |" in text and "old" not in text


def test_eval_command_writes_the_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = make_corpus(tmp_path / "corpus")
    out = tmp_path / "ACCURACY.md"
    assert main(["eval", str(corpus), "--write", str(out), "--as-of", "2026-11-24"]) == 0
    assert "`contact-email`" in out.read_text(encoding="utf-8")
    assert "false fails" in capsys.readouterr().out.lower()


def test_a_broken_corpus_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "labels.yaml").write_text("sites: [{id: missing}]\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="missing"):
        load_corpus(tmp_path)
    assert main(["eval", str(tmp_path / "nowhere")]) == 2


def test_a_right_named_without_its_period_is_no_period_stated() -> None:
    """withdrawal-period's partial says the right is named and its period is not: for the
    "period stated" label that is absent, while returns information is still present."""
    partial = RuleOutcome(
        rule="withdrawal-period", title="t", outcome=Outcome.PARTIAL, message="m",
        category=Category.WITHDRAWAL, severity=Severity.CRITICAL, weight=1.0,
    )
    reads = {check.label: check.read(partial, None) for check in CHECKS if check.rule == "withdrawal-period"}
    assert reads["has_withdrawal_period_stated"] == "absent"


FIXTURES = Path(__file__).parent / "fixtures" / "rules"


def _read(rule_id: str, fixture: str, label: str) -> str:
    """How the eval reads a rule fixture's outcome for a label, with the fixture's facts."""
    loaded = load_fixture(FIXTURES / rule_id / fixture)
    facts = gather_site(loaded.crawl, loaded.jurisdiction)
    [outcome] = run_rules(facts, AuditContext(jurisdiction=facts.jurisdiction, as_of=loaded.as_of), [get_rule(rule_id)])
    [check] = [c for c in CHECKS if c.label == label]
    return check.read(outcome, facts)


@pytest.mark.parametrize(
    ("rule_id", "fixture", "label", "read"),
    [
        # the label counts the EU ODR platform and any body named; the rule keeps them in review
        ("adr-body", "review_de_odr_platform_only.html", "has_adr_info", "present"),
        ("adr-body", "review_en_foreign_body_not_in_the_lexicon.html", "has_adr_info", "present"),
        ("adr-body", "review_no_terms_read.html", "has_adr_info", "cannot tell"),
        # a German trader's § 36 VSBG statement of non-participation passes the rule; with the EU
        # platform mentioned beside it, the label's information is there
        ("adr-body", "pass_de_vsbg_unwilling.html", "has_adr_info", "present"),
        # the statement alone names no body and refers to no platform: left to the reader
        ("adr-body", "pass_de_vsbg_unwilling_no_platform.html", "has_adr_info", "cannot tell"),
        ("adr-body", "pass_de_universalschlichtungsstelle.html", "has_adr_info", "present"),
        # the label is the wording of any period stated, a commercial one too
        ("withdrawal-period", "fail_sv_open_purchase_only.html", "has_withdrawal_period_stated", "present"),
        ("withdrawal-period", "partial_sv_right_without_period.html", "has_withdrawal_period_stated", "absent"),
    ],
)
def test_labels_read_what_the_rule_found(rule_id: str, fixture: str, label: str, read: str) -> None:
    assert _read(rule_id, fixture, label) == read
