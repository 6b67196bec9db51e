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
    meta = RuleMeta(id="made-up", title="ok", failure_title="not ok", description="d", category=Category.CONTACT,
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
