"""The command line's answers to input it cannot use, in-process: a file or folder given to
``audit`` for a URL, numbers out of range, usage errors in two short lines; and ``auditor
rules`` at 80 columns, saying where each rule applies."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from auditor import catalogue, profiles, registry
from auditor.cli import UsageError, main, normalise_url
from auditor.i18n import LANGS
from auditor.models import Outcome
from auditor.reports.html import category_label, severity_label


def usage_error(capsys: pytest.CaptureFixture[str], *argv: str) -> list[str]:
    """The lines argparse prints for a usage error (exit code 2)."""
    with pytest.raises(SystemExit) as exit_:
        main(list(argv))
    assert exit_.value.code == 2
    return capsys.readouterr().err.splitlines()


def user_error(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    """The one line of an error the user can put right (exit code 2), nothing crawled."""
    assert main(list(argv)) == 2
    [line] = capsys.readouterr().err.splitlines()
    return line


@pytest.fixture
def cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "300")  # error lines stay whole
    return tmp_path


def test_a_file_of_sites_given_to_audit_suggests_batch(cwd: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (cwd / "list.csv").write_text("url\nhttps://shop.se/\n", encoding="utf-8")
    for given in ("./list.csv", "list.csv"):
        line = user_error(capsys, "audit", given)
        assert f"run `auditor batch {given}`" in line and "https://" not in line
    assert not (cwd / "audit-reports").exists()


def test_a_missing_path_is_no_url(cwd: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for given in ("./list.csv", "../sites.txt", "sites.xlsx"):
        assert "neither a URL nor a file or folder" in user_error(capsys, "audit", given)


def test_a_saved_copy_folder_suggests_base_url(cwd: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (cwd / "mirror").mkdir()
    assert "--base-url" in user_error(capsys, "audit", "./mirror")


@pytest.mark.parametrize(("option", "value"), [
    ("--site-timeout", "-5"), ("--site-timeout", "0"), ("--site-timeout", "nan"), ("--site-timeout", "inf"),
    ("--site-timeout", "soon"), ("--max-pages", "0"), ("--max-pages", "-3"), ("--max-depth", "0"),
])
def test_numbers_out_of_range_are_refused(option: str, value: str, capsys: pytest.CaptureFixture[str]) -> None:
    first, see = usage_error(capsys, "audit", "shop.se", option, value)
    assert first.startswith(f"auditor audit: error: argument {option}:") and value in first
    assert see == "see `auditor audit --help`"


def test_concurrency_and_fail_under_are_checked(capsys: pytest.CaptureFixture[str]) -> None:
    assert "at least 1" in usage_error(capsys, "batch", "sites.csv", "--concurrency", "0")[0]
    assert "between 0 and 100" in usage_error(capsys, "ci", "http://127.0.0.1/", "--fail-under", "-1")[0]


def test_usage_errors_are_two_short_lines(capsys: pytest.CaptureFixture[str]) -> None:
    assert usage_error(capsys) == ["auditor: error: the following arguments are required: COMMAND",
                                   "see `auditor --help`"]
    assert usage_error(capsys, "audit") == ["auditor audit: error: the following arguments are required: URL|PATH",
                                            "see `auditor audit --help`"]
    lines = usage_error(capsys, "audit", "shop.se", "--render", "sometimes")
    assert len(lines) == 2 and "invalid choice" in lines[0]


@pytest.mark.parametrize("raw", ["https://./list.csv", "https://../x", "http://a..b/", "http://-shop.se/"])
def test_a_url_needs_a_host(raw: str) -> None:
    with pytest.raises(UsageError, match="is not a valid URL"):
        normalise_url(raw)


@pytest.mark.parametrize(("raw", "url"), [
    ("shop.se", "https://shop.se/"),
    ("köpa-möbler.se/kontakt", "https://köpa-möbler.se/kontakt"),
    ("xn--kpa-mbler-q4a.se", "https://xn--kpa-mbler-q4a.se/"),
    ("http://localhost:8000", "http://localhost:8000/"),
    ("http://[::1]:8000/", "http://[::1]:8000/"),
    ("http://127.0.0.1/", "http://127.0.0.1/"),
    ("https://shop.se./", "https://shop.se./"),
])
def test_real_hosts_stay_urls(raw: str, url: str) -> None:
    assert normalise_url(raw) == url


# --------------------------------------------------------------------------- auditor rules


def rules_output(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, columns: int,
                 *args: str) -> str:
    monkeypatch.setenv("COLUMNS", str(columns))
    assert main(["rules", *args]) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("columns", [80, 100])
def test_rules_fit_the_terminal_without_breaking_a_word(
    columns: int, lang: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    text = rules_output(capsys, monkeypatch, columns, "--lang", lang)
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= columns
    words = set(text.split())
    for rule in registry.all_rules():
        [row] = [line for line in lines if line.startswith(rule.meta.id + " ")]
        assert severity_label(rule.meta.severity.value, lang) in row
        title = rule.meta.words(lang).title
        missing = [w for w in title.split() if w not in words]
        assert not missing, f"{rule.meta.id}: {missing} broken across lines"
        assert category_label(rule.meta.category.value, lang) in text
    assert len(lines) <= 4 * len(registry.all_rules()), "a title takes at most a few lines"


def test_rules_speak_the_language_asked_for(capsys: pytest.CaptureFixture[str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    swedish = rules_output(capsys, monkeypatch, 100, "--lang", "sv")
    assert "Kontaktuppgifter" in swedish and "Contact details" not in swedish
    assert "passes when" not in swedish and "applies in" not in swedish
    finnish = rules_output(capsys, monkeypatch, 100, "contact-email", "--lang", "fi")
    meta = registry.get_rule("contact-email").meta
    for outcome in Outcome:
        if outcome is not Outcome.ERROR:
            assert " ".join(meta.words("fi").title_for(outcome).split()[:3]) in " ".join(finnish.split())
    assert "Kuluttajansuojalaki" in finnish and "docs/rules/contact-email.md" in finnish
    assert "Why it matters" not in finnish, "the English documentation sections stay in the English view"
    english = rules_output(capsys, monkeypatch, 100, "contact-email")
    assert "Why it matters" in english and "How to fix" in english


def fake_rule(rule_id: str, jurisdictions: tuple[str, ...] = ()) -> type:
    return type("Fake", (), {"meta": SimpleNamespace(id=rule_id, jurisdictions=jurisdictions)})


def test_where_a_rule_applies_follows_the_profiles(monkeypatch: pytest.MonkeyPatch) -> None:
    every = profiles.jurisdictions()
    assert {"se", "no", "dk", "fi", "de", "eu"} <= set(every)
    assert catalogue.where_it_applies(fake_rule("x")) == "all"  # type: ignore[arg-type]
    assert catalogue.where_it_applies(fake_rule("x", ("se", "fi"))) == "FI SE"  # type: ignore[arg-type]
    monkeypatch.setattr(profiles, "disabled", lambda j: frozenset({"x"} if j == "no" else set()))
    assert catalogue.applies_in(fake_rule("x")) == [j for j in every if j != "no"]  # type: ignore[arg-type]
    assert catalogue.where_it_applies(fake_rule("x")) == "all but NO"  # type: ignore[arg-type]
    assert catalogue.where_it_applies(fake_rule("x", ("no",))) == "none"  # type: ignore[arg-type]


def test_rules_show_a_rule_switched_off_somewhere(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(profiles, "disabled", lambda j: frozenset({"odr-link"} if j in ("no", "eu") else set()))
    lines = rules_output(capsys, monkeypatch, 80).splitlines()
    [row] = [line for line in lines if line.startswith("odr-link ")]
    assert re.search(r"\ball but EU NO\b", row)
    [other] = [line for line in lines if line.startswith("adr-body ")]
    assert re.search(r"\ball\b(?! but)", other)
    assert main(["rules", "odr-link"]) == 0
    assert "applies in all but EU NO" in capsys.readouterr().out
