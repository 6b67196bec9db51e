"""Report languages: the site report, the batch index and the terminal summary in Swedish and English.

The English string is the key of every report label (``_("Score")`` in the templates,
``ui("...")`` / ``N_("...")`` in the format modules); the Swedish catalog
``auditor/locale/sv/LC_MESSAGES/auditor.po`` gives its Swedish words. These tests fail the build
when a label has no Swedish entry, when a template holds English text outside ``_()``, or when a
Swedish report still shows an English label.
"""

from __future__ import annotations

import ast
import re
import tomllib
from datetime import UTC, date, datetime
from fnmatch import fnmatch
from importlib import resources
from pathlib import Path

import lxml.html
import pytest
from jinja2 import Environment, nodes
from rich.console import Console

from auditor import i18n
from auditor.engine import rule_catalogue
from auditor.i18n import placeholders
from auditor.models import (
    AuditResult,
    BannerInfo,
    CaseMismatch,
    Category,
    CategoryScore,
    ClickStep,
    CrawlSummary,
    Evidence,
    FetchFailure,
    LegalRef,
    Outcome,
    PageKind,
    PageSummary,
    RobotsInfo,
    RuleChange,
    RuleOutcome,
    SavedCopyInfo,
    Severity,
    SiteHistory,
    SiteResult,
    SiteStatus,
    ToolInfo,
)
from auditor.registry import get_rule
from auditor.reports.batch import batch_rows, render_batch_html, write_batch_index
from auditor.reports.html import render_site_html, write_html_reports
from auditor.reports.terminal import print_summary
from tests import quiet_ast

PACKAGE = Path(str(resources.files("auditor")))
TEMPLATES = sorted((PACKAGE / "reports" / "templates").glob("*.j2"))
MODULES = [PACKAGE / "reports" / name for name in ("html.py", "batch.py", "terminal.py")]
#: Functions whose first argument is an English report string (``words`` is terminal.py's
#: local helper over ``ui``).
TRANSLATORS = {"_", "ui", "N_", "words"}
#: Words that a template may write outside ``_()``: the same in every language.
UNTRANSLATED_WORDS = {"URL", "robots.txt"}

FETCHED = datetime(2026, 11, 20, 9, 15, tzinfo=UTC)
SITE = "https://butik.example.se/"
CONTACT = SITE + "kontakt"
EN_MESSAGE = "No email address was found on the contact page."
SV_MESSAGE = "Ingen e-postadress hittades på kontaktsidan."
EN_NOTE = "the contact page, searched for an address"
SV_NOTE = "kontaktsidan, genomsökt efter en adress"
EN_REASON = "robots.txt disallows the home page"
SV_REASON = "robots.txt förbjuder startsidan"


# --------------------------------------------------------------------------- the catalogue


def _template_keys(path: Path) -> list[str]:
    tree = Environment().parse(path.read_text(encoding="utf-8"))
    keys = []
    for call in tree.find_all(nodes.Call):
        if isinstance(call.node, nodes.Name) and call.node.name == "_":
            assert call.args and isinstance(call.args[0], nodes.Const) and isinstance(call.args[0].value, str), (
                f"{path.name}, line {call.lineno}: _() needs a literal English string, so that it can be checked"
            )
            keys.append(call.args[0].value)
    return keys


def _module_keys(path: Path) -> list[str]:
    """The literal first arguments of translator calls. ``ui(variable, lang)`` is allowed only
    where the variable comes from a table whose strings are marked with ``N_("...")``."""
    keys = []
    for node in ast.walk(quiet_ast.parse(path.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in TRANSLATORS):
            continue
        first = node.args[0] if node.args else None
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            keys.append(first.value)
        else:
            assert node.func.id == "ui", f"{path.name}, line {node.lineno}: {node.func.id}() needs a literal string"
    return keys


def _all_keys() -> dict[str, str]:
    """Every English report string, with the file that uses it."""
    found: dict[str, str] = {}
    for path in [*TEMPLATES, *MODULES]:
        for key in _template_keys(path) if path.suffix == ".j2" else _module_keys(path):
            found.setdefault(key, path.name)
    return found


def ui_catalogue() -> dict[str, str]:
    """The report labels and their Swedish words: the Swedish catalog's entries (no context) for
    the strings the templates and report modules use; the catalog also holds the rules' words.
    Entries no code uses any more are caught by tests/test_catalogs.py."""
    swedish = i18n.catalog("sv")
    return {key: swedish[(None, key)] for key in _all_keys() if (None, key) in swedish}


def test_every_report_string_has_swedish_words() -> None:
    keys = _all_keys()
    assert len(keys) > 150, "the scan found too few strings: has the way templates write labels changed?"
    catalogue = ui_catalogue()
    missing = [f"{where}: {key!r}" for key, where in keys.items() if key not in catalogue]
    assert not missing, "no Swedish entry in auditor/locale/sv/LC_MESSAGES/auditor.po for:\n" + "\n".join(missing)


def test_catalogue_entries_are_sound() -> None:
    for key, words in ui_catalogue().items():
        assert words.strip(), key
        assert placeholders(key) == placeholders(words), f"placeholders differ: {key!r} / {words!r}"
        # No markup: the words are escaped in HTML and printed as they are by rich.
        assert not re.search(r"[<>\[\]]", words), f"markup in the Swedish words of {key!r}"


def test_templates_hold_no_text_outside_the_catalogue() -> None:
    """Text written straight into a template (not through ``_()``) would stay English in sv."""
    for path in TEMPLATES:
        tree = Environment().parse(path.read_text(encoding="utf-8"))
        text = "\x00".join(node.data for node in tree.find_all(nodes.TemplateData))
        text = re.sub(r"<(style|script)\b.*?</\1>", " ", text, flags=re.S)
        text = re.sub(r"<[^>]*>", " ", text)
        words = set(re.findall(r"[^\W\d_][\w.'-]*", text)) - UNTRANSLATED_WORDS
        assert not words, f"{path.name}: words outside _(): {sorted(words)}"


def test_catalogue_ships_in_the_package() -> None:
    pyproject = tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = pyproject["tool"]["setuptools"]["package-data"]["auditor"]
    for lang in i18n.LANGS[1:]:
        assert any(fnmatch(f"locale/{lang}/LC_MESSAGES/auditor.po", pattern) for pattern in patterns), patterns


# --------------------------------------------------------------------------- a result to render


def _rule(rule: str, outcome: Outcome, *, category: Category = Category.CONTACT, swedish: bool = True,
          evidence: list[Evidence] | None = None) -> RuleOutcome:
    meta = get_rule(rule).meta if rule != "retired-rule" else None
    title = meta.title_for(outcome) if meta else "A rule that no longer exists"
    sv_title = ""
    if meta and swedish and "sv" in meta.translations:
        sv_title = meta.translations["sv"].title_for(outcome)
    return RuleOutcome(
        rule=rule,
        title=title,
        title_i18n={"sv": sv_title} if sv_title else {},
        outcome=outcome,
        message=EN_MESSAGE if rule == "contact-email" else f"Verdict of {rule}.",
        message_i18n=({"sv": SV_MESSAGE if rule == "contact-email" else f"Bedömning av {rule}."} if swedish else {}),
        category=category,
        severity=Severity.HIGH,
        weight=3.0,
        evidence=evidence or [],
        legal_refs=[LegalRef(instrument="Directive 2011/83/EU (CRD)", provision="Art. 6(1)(c)")],
    )


def build_result() -> AuditResult:
    """One audited site that shows every part of a report, and one site that was not audited."""
    to_contact = [ClickStep(text="Kontakt", url=CONTACT)]
    evidence = [
        Evidence(url=CONTACT, locator="main", excerpt="Ring oss på 08-123 45 67", fetched_at=FETCHED,
                 click_path=to_contact, note=EN_NOTE, note_i18n={"sv": SV_NOTE}, rendered_only=True,
                 warc="site.warc.gz#urn:uuid:1", screenshot="screenshots/butik/kontakt.png"),
    ]
    rules = [
        _rule("contact-email", Outcome.FAIL, evidence=evidence),
        _rule("contact-phone", Outcome.PARTIAL, evidence=evidence),
        _rule("complaints-info", Outcome.NEEDS_REVIEW, category=Category.COMPLAINTS),
        _rule("odr-link", Outcome.PASS, category=Category.COMPLAINTS, evidence=evidence),
        _rule("withdrawal-period", Outcome.NOT_APPLICABLE, category=Category.WITHDRAWAL),
        _rule("retired-rule", Outcome.ERROR, category=Category.CHANNELS, swedish=False),
    ]
    crawl = CrawlSummary(
        started_at=FETCHED, finished_at=FETCHED, user_agent="auditor/0.1", max_pages=40, max_depth=3,
        pages_fetched=3, budget_exhausted=True,
        robots=RobotsInfo(url=SITE + "robots.txt", obeyed=False, status=None, home_allowed=False),
        pages=[
            PageSummary(url=SITE, status=200, kind=PageKind.HOME, depth=0, fetched_at=FETCHED, rendered=True,
                        screenshot="screenshots/butik/hem.png",
                        banner=BannerInfo(vendor="Cookiebot", action="rejected", control="Avvisa alla")),
            PageSummary(url=CONTACT, status=200, kind=PageKind.CUSTOMER_SERVICE, depth=1, click_path=to_contact,
                        fetched_at=FETCHED, rendered=True, banner=BannerInfo()),
            PageSummary(url=SITE + "villkor.html", status=200, kind=PageKind.TERMS, depth=1, linked=False,
                        fetched_at=FETCHED),
        ],
        failures=[FetchFailure(url=SITE + "retur", kind="timeout", reason="timeout")],
        saved_copy=SavedCopyInfo(
            folder="/data/butik", base_url=SITE, saved_with="SingleFile", saved_from=[SITE, CONTACT],
            saved_at_earliest=FETCHED, saved_at_latest=datetime(2026, 11, 21, tzinfo=UTC),
            missing=[SITE + "retur"], case_mismatches=[CaseMismatch(url=SITE + "returer", file="Returer.html")],
        ),
        render_mode="always",
        tls_verified=False,
    )
    history = SiteHistory(
        previous_run=3, previous_at=FETCHED, previous_as_of=date(2026, 10, 1), previous_score=40.0,
        changes=[
            RuleChange(rule="odr-link", before=Outcome.FAIL, after=Outcome.PASS, change="fixed"),
            RuleChange(rule="contact-email", before=Outcome.PASS, after=Outcome.FAIL, change="regressed"),
            RuleChange(rule="complaints-info", before=None, after=Outcome.NEEDS_REVIEW, change="new"),
            RuleChange(rule="contact-phone", before=Outcome.FAIL, after=Outcome.PARTIAL, change="changed"),
        ],
        unchanged=2,
    )
    audited = SiteResult(
        url=SITE, status=SiteStatus.AUDITED, jurisdiction="se", jurisdiction_source="guessed", score=45.0,
        categories=[
            CategoryScore(category=Category.CONTACT, score=25.0, counted=2),
            CategoryScore(category=Category.COMPLAINTS, score=100.0, counted=1, not_counted=["complaints-info"]),
            CategoryScore(category=Category.WITHDRAWAL, score=None, counted=0, not_counted=["withdrawal-period"]),
            CategoryScore(category=Category.CHANNELS, score=None, counted=0, not_counted=["retired-rule"]),
        ],
        rules=rules, crawl=crawl, history=history,
    )
    skipped = SiteResult(url="https://nere.example.se/", status=SiteStatus.NOT_AUDITED, reason=EN_REASON,
                         reason_i18n={"sv": SV_REASON}, jurisdiction="se")
    return AuditResult(tool=ToolInfo(version="0.1.0"), generated_at=FETCHED, as_of=date(2026, 11, 24),
                       sites=[audited, skipped],
                       rule_catalogue=rule_catalogue(get_rule(r.rule) for r in rules if r.rule != "retired-rule"))


@pytest.fixture(scope="module")
def result() -> AuditResult:
    return build_result()


def _site_html(result: AuditResult, index: int, lang: str) -> str:
    run = result.model_dump(mode="json")
    return render_site_html(run["sites"][index], run, lang=lang)


def _batch_html(result: AuditResult, lang: str) -> str:
    rows = batch_rows(result, {SITE: "butik.html"}, {SITE: "Butiken"}, {SITE: "kläder"}, lang=lang)
    return render_batch_html(result, rows, "run 4", lang=lang)


def _visible(html: str) -> str:
    """What a reader sees or hears: text outside style/script, and the text attributes."""
    doc = lxml.html.fromstring(html)
    for element in doc.xpath("//style | //script"):
        element.drop_tree()
    attributes = doc.xpath("//@title | //@alt | //@aria-label | //@placeholder")
    return " ".join([doc.text_content(), *map(str, attributes)])


def _english_left(text: str) -> list[str]:
    """Catalogue labels whose English words (the parts between placeholders) are in ``text``.

    Labels that read the same in Swedish (``Status``, ``Info``) cannot be told apart and are
    skipped, as are fragments without a word of three letters (``(``, ``: ``, ``of``).
    """
    left = []
    for key, words in ui_catalogue().items():
        if key == words:
            continue
        for fragment in re.split(r"\{[^}]*\}", key):
            fragment = fragment.strip(" .,:;()—→")
            if not re.search(r"[A-Za-z]{3}", fragment) or fragment in words:
                continue
            if re.search(rf"(?<![\w-]){re.escape(fragment)}(?![\w-])", text):
                left.append(f"{key!r} ({fragment!r})")
    return left


# --------------------------------------------------------------------------- the site report


def test_swedish_site_report_has_swedish_labels_and_no_english_ones(result: AuditResult) -> None:
    html = _site_html(result, 0, "sv")
    doc = lxml.html.fromstring(html)
    assert doc.get("lang") == "sv"
    text = " ".join(_visible(html).split())
    for label in [
        "Granskning mot konsumentlagstiftningen", "Totalpoäng", "Poäng per kategori", "Kontaktuppgifter",
        "Reklamation", "Ångerrätt", "Kontaktkanaler", "Underkänd", "Delvis", "Behöver granskas", "Godkänd",
        "Ej tillämplig", "Fel", "Sedan förra granskningen", "åtgärdade", "försämrad", "Rättslig grund",
        "Underlag", "Klickväg", "Startsidan → Kontakt", "Genomsökning", "Sidbudget", "förbrukad",
        "TLS-certifikaten kontrollerades inte", "Granskningen gjordes på en sparad kopia",
        "Sparad med SingleFile mellan", "Visade i en webbläsare", "Cookiebanner (Cookiebot): avvisad med ”Avvisa alla”",
        "Allvarlighetsgrad: Hög", "Varför det är viktigt", "kundtjänst", "tidsgräns",
        "inte länkad från startsidan", "Syns först när JavaScript har körts", "jurisdiction)",
    ]:
        assert label in text, label
    assert not _english_left(text), _english_left(text)
    # The CSP and the evidence stay as they were.
    csp = doc.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
    assert csp and csp[0].startswith("default-src 'none'")
    assert doc.xpath("//script") == []


def test_swedish_report_of_a_site_not_audited(result: AuditResult) -> None:
    sv = " ".join(_visible(_site_html(result, 1, "sv")).split())
    assert "Inte granskad" in sv and "Ingen poäng" in sv and f"Skäl: {SV_REASON}" in sv
    assert EN_REASON not in sv and not _english_left(sv)
    en = " ".join(_visible(_site_html(result, 1, "en")).split())
    assert f"Reason: {EN_REASON}" in en and SV_REASON not in en


def test_english_stays_the_default(result: AuditResult) -> None:
    run = result.model_dump(mode="json")
    assert render_site_html(run["sites"][0], run) == _site_html(result, 0, "en")
    doc = lxml.html.fromstring(_site_html(result, 0, "en"))
    assert doc.get("lang") == "en"
    text = " ".join(_visible(_site_html(result, 0, "en")).split())
    for label in ["Overall score", "Scores by category", "Right of withdrawal", "Needs review", "Since the last audit",
                  "TLS certificates were not checked", "saved copy of the site", "Why it matters"]:
        assert label in text, label
    assert "Totalpoäng" not in text and "Underlag" not in text
    # The check the Swedish tests rely on finds the English labels when they are there.
    assert len(_english_left(text)) > 80


def test_rule_words_follow_the_language(result: AuditResult) -> None:
    """Messages, titles and notes from the result's *_i18n fields; descriptions from its catalogue."""
    meta = get_rule("contact-email").meta
    sv = " ".join(_visible(_site_html(result, 0, "sv")).split())
    en = " ".join(_visible(_site_html(result, 0, "en")).split())
    assert SV_MESSAGE in sv and EN_MESSAGE not in sv
    assert EN_MESSAGE in en and SV_MESSAGE not in en
    assert SV_NOTE in sv and EN_NOTE not in sv and EN_NOTE in en and SV_NOTE not in en
    assert meta.translations["sv"].failure_title in sv and meta.failure_title not in sv
    assert meta.failure_title in en
    assert " ".join(meta.translations["sv"].description.split()) in sv
    assert " ".join(meta.description.split()) in en and " ".join(meta.description.split()) not in sv
    # A rule without Swedish words (older result, or not translated yet) falls back to English,
    # and a rule the result's catalogue does not hold simply has no description.
    assert "A rule that no longer exists" in sv and "Verdict of retired-rule." in sv
    # Legal references stay as written.
    assert "Directive 2011/83/EU (CRD), Art. 6(1)(c)" in sv


def test_descriptions_come_from_the_result_not_from_todays_rules(result: AuditResult) -> None:
    """A result re-rendered later shows the words it was judged with; one made before the
    catalogue existed shows no description rather than today's."""
    today = " ".join(get_rule("contact-email").meta.description.split())
    old = result.rule_catalogue[0].model_copy(update={"description": "The words of <b>back then</b>."})
    then = result.model_copy(update={"rule_catalogue": [old, *result.rule_catalogue[1:]]})
    en = " ".join(_visible(_site_html(then, 0, "en")).split())
    assert "The words of <b>back then</b>." in en and today not in en
    run = result.model_dump(mode="json")
    del run["rule_catalogue"]
    older = AuditResult.model_validate(run)
    assert older.rule_catalogue == []
    html = _site_html(older, 0, "en")
    assert today not in " ".join(_visible(html).split()) and '<p class="why">' not in html
    assert EN_MESSAGE in " ".join(_visible(html).split())


def test_swedish_text_from_the_result_is_escaped() -> None:
    hostile = build_result()
    rule = hostile.sites[0].rules[0].model_copy(update={"message_i18n": {"sv": "<script>alert(1)</script>"},
                                                         "title_i18n": {"sv": '"><img src=x onerror=alert(1)>'}})
    site = hostile.sites[0].model_copy(update={"rules": [rule]})
    run = hostile.model_copy(update={"sites": [site]}).model_dump(mode="json")
    html = render_site_html(run["sites"][0], run, lang="sv")
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    doc = lxml.html.fromstring(html)
    assert doc.xpath("//script") == [] and doc.xpath("//@*[starts-with(name(), 'on')]") == []


def test_write_html_reports_in_swedish(result: AuditResult, tmp_path: Path) -> None:
    paths = write_html_reports(result, tmp_path, lang="sv")
    assert [lxml.html.fromstring(p.read_text(encoding="utf-8")).get("lang") for p in paths] == ["sv", "sv"]


def test_unknown_language_is_refused(result: AuditResult, tmp_path: Path) -> None:
    run = result.model_dump(mode="json")
    with pytest.raises(ValueError, match="unknown report language"):
        render_site_html(run["sites"][0], run, lang="xx")
    with pytest.raises(ValueError, match="unknown report language"):
        write_html_reports(result, tmp_path, lang="SV")
    with pytest.raises(ValueError, match="unknown report language"):
        write_batch_index(result, tmp_path, {}, {}, {}, "run", lang="pt")
    with pytest.raises(ValueError, match="unknown report language"):
        print_summary(result, Console(record=True), lang="xx")


# --------------------------------------------------------------------------- the batch index


def test_swedish_batch_index(result: AuditResult, tmp_path: Path) -> None:
    html = _batch_html(result, "sv")
    doc = lxml.html.fromstring(html)
    assert doc.get("lang") == "sv"
    text = " ".join(_visible(html).split())
    for label in ["Samlad granskning", "rättsläge per 24 november 2026", "2 webbplatser – granskade: 1",
                  "Webbplatser per totalpoäng", "Andel underkända per regel", "Filtrera webbplatser", "Webbplats",
                  "Poäng", "Kontakt", "Reklamation", "Ångerrätt", "Kontaktkanaler", "granskad", "inte granskad",
                  SV_REASON]:
        assert label in text, label
    assert EN_REASON not in text
    assert not _english_left(text), _english_left(text)
    # The filter offers the statuses in the reader's language, and matches their codes exactly.
    assert doc.xpath("//select[@id='filter-show']/option[@value='not_audited']/text()") == ["Inte granskad"]

    index, table = write_batch_index(result, tmp_path, {}, {}, {}, "run 4", lang="sv")
    assert lxml.html.fromstring(index.read_text(encoding="utf-8")).get("lang") == "sv"
    csv = table.read_text(encoding="utf-8")
    assert csv.startswith("url,name,tags,jurisdiction,status,score,") and ",not_audited," in csv
    assert SV_REASON in csv


def test_english_batch_index(result: AuditResult) -> None:
    text = " ".join(_visible(_batch_html(result, "en")).split())
    for label in ["Batch audit", "law as of 24 November 2026", "2 sites: 1 audited, 1 not audited", "Contact",
                  "Withdrawal", EN_REASON]:
        assert label in text, label
    assert "Samlad granskning" not in text and SV_REASON not in text
    assert len(_english_left(text)) > 15


# --------------------------------------------------------------------------- the terminal


def _terminal(result: AuditResult, lang: str, width: int = 200) -> str:
    console = Console(record=True, width=width, color_system=None)
    print_summary(result, console, {SITE: Path("/tmp/rapporter/butik.html")}, lang=lang)
    return console.export_text()


def test_terminal_summary_in_swedish(result: AuditResult) -> None:
    text = _terminal(result, "sv")
    for needle in ["Granskning, rättsläge per 24 november 2026", "Webbplats", "Poäng", "Iakttagelser", "Kontakt",
                   "Reklamation", "Ångerrätt", "✘ underkänd contact-email", "◐ delvis contact-phone",
                   "? granskas complaints-info", "! fel retired-rule", "1 av 6 regler godkända",
                   f"inte granskad: {SV_REASON}",
                   "2 webbplatser – granskade: 1, inte granskade: 1; iakttagelser – underkända: 1, "
                   "behöver granskas: 1.",
                   "sparad kopia:", "granskades från /data/butik (sparad 20 november 2026), inte från den publicerade",
                   "1 länk skiljer sig i stora och små bokstäver från den sparade filen",
                   "1 länkad sida saknas i den sparade kopian", "Rapport för"]:
        assert needle in " ".join(text.split()), needle
    for english in ["Audit as of", "Findings", "site(s)", "not audited", "rules pass", "saved copy", "Report for",
                    " fail ", " partial ", " review "]:
        assert english not in text, english


def test_terminal_summary_in_swedish_fits_80_columns(result: AuditResult) -> None:
    """A CI log is 80 columns: every category, findings whole, category columns left out."""
    text = _terminal(result, "sv", width=80)
    assert max(len(line) for line in text.splitlines()) <= 80
    assert "contact-email" in text and "underkänd" in text
    assert "Kontakt" not in text.split("\n", 3)[2], "no per-category column at 80 columns"
    wide = _terminal(result, "sv", width=160)
    assert "Kontakt" in wide


def test_changes_since_the_last_audit_name_each_rule_by_its_title_in_the_report_language(result: AuditResult) -> None:
    site = result.sites[0]
    by_id = {r.rule: r for r in site.rules}
    for lang in ("en", "sv"):
        doc = lxml.html.fromstring(_site_html(result, 0, lang))
        rows = doc.xpath("//section[@class='history']//tbody/tr")
        assert len(rows) == len(site.history.changes) if site.history else 0
        for row, change in zip(rows, site.history.changes if site.history else [], strict=True):
            first = " ".join(row.xpath("./td[1]")[0].text_content().split())
            assert change.rule in first  # the id stays, small, for people who know the catalogue
            rule = by_id[change.rule]
            title = rule.title if lang == "en" else rule.title_i18n["sv"]
            assert first.startswith(" ".join(title.split())), (lang, first)
