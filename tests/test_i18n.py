"""Report languages: every rule speaks English and Swedish from one place in its module."""

from __future__ import annotations

import importlib

import pytest

from auditor import i18n
from auditor.i18n import Messages, T, Text
from auditor.registry import all_rules

RULES = all_rules()


@pytest.mark.parametrize("rule", RULES, ids=[r.meta.id for r in RULES])
def test_rule_has_swedish_words_in_its_module(rule: type) -> None:
    meta = rule.meta  # type: ignore[attr-defined]
    words = meta.translations.get("sv")
    assert words is not None, f"{meta.id}: no Swedish title/description in RuleMeta.translations"
    assert words.title and words.failure_title and words.description
    assert words.title != meta.title, f"{meta.id}: Swedish title is the English one"
    module = importlib.import_module(rule.__module__)
    assert isinstance(getattr(module, "MESSAGES", None), Messages), f"{meta.id}: no MESSAGES table"


def test_text_formats_each_language_with_text_parameters() -> None:
    kind = i18n.kind_name("terms")
    text = T("Found on {where} pages at {url}.", "Hittad på {where} på {url}.").format(where=kind, url="https://a.se/")
    assert text.en == "Found on terms pages at https://a.se/."
    assert text.sv == "Hittad på villkorssidan på https://a.se/."
    assert text.get("sv") == text.sv and text.get("en") == text.en and str(text) == text.en


def test_braces_in_parameters_are_not_formatted_again() -> None:
    text = T("Saw {x}.", "Såg {x}.").format(x="{evil} {0}")
    assert text.en == "Saw {evil} {0}." and text.sv == "Såg {evil} {0}."


def test_messages_refuse_a_missing_or_mismatched_translation() -> None:
    with pytest.raises(ValueError, match="no Swedish"):
        Messages(a=Text("only English"))
    with pytest.raises(ValueError, match="different placeholders"):
        Messages(a=T("{url} is down", "{adress} är nere"))


def test_untranslated_text_falls_back_to_english() -> None:
    assert Text("plain").get("sv") == "plain"
    assert Text("plain").translations() == {}
