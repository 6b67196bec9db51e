"""Report languages: the code writes English, each other language comes from its gettext catalog."""

from __future__ import annotations

import importlib

import pytest

from auditor import i18n
from auditor.i18n import N_, NC_, Messages, Text, message
from auditor.models import Category, LegalRef, RuleMeta, Severity
from auditor.registry import all_rules

RULES = all_rules()


@pytest.mark.parametrize("rule", RULES, ids=[r.meta.id for r in RULES])
def test_rule_has_swedish_words_in_the_catalog(rule: type) -> None:
    meta = rule.meta  # type: ignore[attr-defined]
    words = meta.translations.get("sv")
    assert words is not None, f"{meta.id}: the Swedish catalog does not translate its title"
    assert words.title and words.failure_title and words.description
    assert words.title != meta.title, f"{meta.id}: Swedish title is the English one"
    assert words.failure_title != meta.failure_title and words.description != meta.description, meta.id
    assert words.partial_title != meta.partial_title and words.review_title != meta.review_title, meta.id
    assert words.na_title != meta.na_title, meta.id
    assert meta.words("sv") == words and meta.words("en").title == meta.title
    module = importlib.import_module(rule.__module__)
    assert isinstance(getattr(module, "MESSAGES", None), Messages), f"{meta.id}: no MESSAGES table"


def test_langs_are_english_and_the_catalogs_present() -> None:
    folder = i18n.locale_dir()
    present = sorted(e.name for e in folder.iterdir() if (e / "LC_MESSAGES" / "auditor.po").is_file())
    assert ("en", *present) == i18n.LANGS
    # The six report languages of issue 19: the reader's own, in each country audited.
    assert set(i18n.LANGS) == {"en", "sv", "nb", "da", "fi", "de"}
    assert i18n.check_lang("sv") == "sv"
    with pytest.raises(ValueError, match="choose from en, da, de, fi, nb, sv"):
        i18n.check_lang("xx")


def test_a_message_renders_each_language_from_the_catalog() -> None:
    table = Messages(found=N_("Email address given: {emails}."))
    text = table("found", emails="info@butik.se")
    assert text.en == str(text) == "Email address given: info@butik.se."
    assert text.get("sv") == "E-postadress anges: info@butik.se."
    translations = text.translations()
    assert set(translations) == set(i18n.LANGS) - {"en"}
    assert all("info@butik.se" in words and words != text.en for words in translations.values())


def test_text_formats_each_language_with_text_parameters() -> None:
    kind = i18n.kind_name("terms")
    text = Text("Found on {where} pages at {url}.", sv="Hittad på {where} på {url}.").format(
        where=kind, url="https://a.se/")
    assert text.en == "Found on terms pages at https://a.se/."
    assert text.get("sv") == "Hittad på villkorssidan på https://a.se/."
    assert text.get("en") == text.en and str(text) == text.en


def test_braces_in_parameters_are_not_formatted_again() -> None:
    text = Text("Saw {x}.", sv="Såg {x}.").format(x="{evil} {0}")
    assert text.en == "Saw {evil} {0}." and text.get("sv") == "Såg {evil} {0}."
    catalog = Messages(found=N_("Email address given: {emails}."))("found", emails="{evil} {0}")
    assert catalog.get("sv") == "E-postadress anges: {evil} {0}."


def test_the_same_english_can_have_different_words_by_context() -> None:
    assert i18n.kind_name("home").get("sv") == "startsidan"  # "only on the home page"
    assert i18n.ui("home", "sv") == "startsida"  # a label of the page list
    assert NC_("Markdown comment", "Waived").get("sv") == "Undantagna"
    assert i18n.ui("Waived", "sv") == "Undantagen"


def test_messages_take_only_marked_english() -> None:
    with pytest.raises(TypeError, match="marked"):
        Messages(a=Text("only English"))


def test_untranslated_text_falls_back_to_english() -> None:
    assert Text("plain").get("sv") == "plain"
    assert Text("plain").translations() == {}
    nobody = message("A sentence no catalog translates.")
    assert nobody.get("sv") == nobody.en and nobody.translations() == {}
    meta = RuleMeta(id="made-up", title="ok", failure_title="not ok", partial_title="partly ok",
                    review_title="not decided", na_title="no duty", description="d", category=Category.CONTACT,
                    severity=Severity.LOW, requires=(), legal_refs=(LegalRef(instrument="x", provision="y"),))
    assert meta.translations == {} and meta.words("sv").title == "ok"


def test_joined_mapped_and_decimal_texts() -> None:
    joined = i18n.join([i18n.kind_name("terms"), "x"], sep=" / ")
    assert joined.en == "terms / x" and joined.get("sv") == "villkorssidan / x"
    capital = i18n.kind_name("terms").map(lambda words: words[:1].upper() + words[1:])
    assert capital.en == "Terms" and capital.get("sv") == "Villkorssidan"
    assert i18n.decimal("1.5").en == "1.5" and i18n.decimal("1.5").get("sv") == "1,5"
    assert (i18n.kind_name("terms") + "!").get("sv") == "villkorssidan!"
    assert Text("a", sv="b") == Text("a", sv="b") != Text("a")


def test_numbers_dates_and_countries_follow_the_report_language() -> None:
    assert i18n.format_number(93.64, "en") == "93.6" and i18n.format_number(93.64, "sv") == "93,6"
    assert [i18n.format_number(82.0, lang) for lang in ("en", "de")] == ["82", "82"]
    assert i18n.format_number(1234.5, "de") == "1.234,5" and i18n.format_number(1234.5, "fi") == "1\xa0234,5"
    assert i18n.format_share(0.5, "en") == "50%" and i18n.format_share(0.5, "da") == "50\xa0%"
    assert i18n.format_day("2026-12-05", "en") == "5 December 2026"
    assert i18n.format_day("2026-12-05", "sv") == "5 december 2026"
    assert i18n.format_day("2026-12-05", "fi") == "5. joulukuuta 2026"
    assert i18n.format_utc_time("2026-11-20T09:15:03Z", "en") == "20 Nov 2026, 09:15:03 UTC"
    assert i18n.format_utc_time("2026-11-20T09:15:03", "de") == "20.11.2026, 09:15:03 UTC"  # naive: UTC
    assert i18n.country("dk").get("de") == "Dänemark" and i18n.country("DK").get("fi") == "Tanska"
    assert i18n.country_name("XX", "sv") == "XX"
    assert [i18n.language_name(lang) for lang in ("en", "sv", "nb", "fi")] == [
        "English", "Svenska", "Norsk bokmål", "Suomi"]
    assert i18n.decimal("1.5").get("de") == "1,5" and i18n.decimal("1.5").get("en") == "1.5"


def test_a_message_with_plurals_takes_the_form_of_its_number() -> None:
    table = Messages(sites=i18n.NP_("{n} site was read", "{n} sites were read"),
                     pages=i18n.NP_("among the page read", "among the {count} pages read", count="count"))
    assert table("sites", n=1).en == "1 site was read" and table("sites", n=3).en == "3 sites were read"
    assert table("pages", count=1).en == "among the page read"
    assert table("pages", count=4).get("sv") == "among the 4 pages read"  # no catalog entry: English
    assert i18n.ui_plural("{n} site", "{n} sites", 2, "en") == "2 sites"
    # A catalog's forms, chosen by its own Plural-Forms rule.
    assert i18n.ui_plural("Crawling {n} site", "Crawling {n} sites", 1, "sv") == "Genomsöker 1 webbplats"
    assert i18n.ui_plural("Crawling {n} site", "Crawling {n} sites", 3, "fi") == "Käydään läpi 3 sivustoa"
    assert i18n.ui_plural("Crawling {n} site", "Crawling {n} sites", 0, "de") == "Erfasse 0 Websites"
