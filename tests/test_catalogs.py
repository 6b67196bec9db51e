"""The gettext catalogs against the code.

Babel extracts what the code marks (``N_``, ``NC_``, ``ui``, the templates' ``_``; see
``babel.cfg``), as ``pybabel extract`` does, and every catalog in ``auditor/locale`` must
translate exactly that: no message missing or empty, none the code no longer uses, none fuzzy
or obsolete (``#~``), and the same ``{placeholders}`` as the English. The template
``auditor.pot`` must be current too, since a new language starts from it. How to fix a failure:
``docs/translating.md``.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from auditor import i18n
from auditor.i18n import placeholders

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "auditor" / "locale"

Key = tuple[str | None, str]


@cache
def extracted() -> dict[Key, list[str]]:
    """Every message the code marks, ``(context, English) → where``, extracted with babel.cfg."""
    config = ROOT / "babel.cfg"
    with config.open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle, filename=str(config))
    found: dict[Key, list[str]] = {}
    for filename, lineno, message, _comments, context in extract_from_dir(str(ROOT), method_map, options_map):
        msgid = message[0] if isinstance(message, tuple) else message
        found.setdefault((context, msgid), []).append(f"{filename}:{lineno}")
    return found


def read(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle)


def _key(key: Key) -> str:
    context, msgid = key
    return f"{msgid!r}" + (f" (context {context!r})" if context else "")


def _msgid(message: Message) -> str:
    """The English of an entry: its ``msgid`` (the singular of one with plural forms)."""
    return str(message.id[0]) if isinstance(message.id, tuple | list) else str(message.id)


def _translated(message: Message) -> bool:
    """Whether an entry has words: its ``msgstr``, or every ``msgstr[i]`` of one with plurals."""
    if isinstance(message.string, tuple | list):
        return bool(message.string) and all(message.string)
    return bool(message.string)


def _placeholder_problem(message: Message) -> str | None:
    """How an entry's placeholders differ from the English: a plain entry has exactly the
    English ones; each plural form of one with plurals has no other than the English forms
    have, and its last (the general plural) has all of the English plural's."""
    try:
        if not isinstance(message.id, tuple | list):
            return None if placeholders(str(message.id)) == placeholders(str(message.string)) else "differ"
        english = placeholders(str(message.id[0])) | placeholders(str(message.id[1]))
        forms = [placeholders(str(form)) for form in message.string]
    except ValueError as exc:
        return str(exc)
    if any(form - english for form in forms) or forms[-1] != placeholders(str(message.id[1])):
        return "differ"
    return None


def problems(catalog: Catalog, code: Mapping[Key, list[str]]) -> list[str]:
    """What is wrong with ``catalog`` for the messages ``code`` uses."""
    found: list[str] = []
    entries = {(m.context, _msgid(m)): m for m in catalog if m.id}
    for key, where in code.items():
        entry = entries.get(key)
        if entry is None or not _translated(entry):
            found.append(f"missing: {_key(key)}, used at {where[0]}")
    for key, entry in entries.items():
        if key not in code:
            found.append(f"not used by the code any more: {_key(key)}")
        if entry.fuzzy:
            found.append(f"fuzzy (check the words, then remove the flag): {_key(key)}")
        if _translated(entry) and (problem := _placeholder_problem(entry)):
            found.append(f"placeholders {problem}: {_key(key)} / {entry.string!r}")
    for key in catalog.obsolete:
        found.append(f"obsolete entry (#~), delete it: {key!r}")
    return found


def test_extraction_finds_the_marked_words() -> None:
    code = extracted()
    assert len(code) > 500, "Babel found too few messages: has babel.cfg or the way code marks them changed?"
    assert (None, "Email address given: {emails}.") in code  # a rule's message table
    assert (None, "An email address is given for direct contact") in code  # a rule's title
    assert ("page kind in a message", "home") in code  # i18n's shared words, with a context
    assert (None, "Overall score") in code  # a template's _()
    assert (None, "not audited:") in code  # terminal.py's ui()


@pytest.mark.parametrize("lang", i18n.LANGS[1:])
def test_catalog_translates_what_the_code_uses(lang: str) -> None:
    found = problems(read(LOCALE / lang / "LC_MESSAGES" / "auditor.po"), extracted())
    assert not found, (f"auditor/locale/{lang}/LC_MESSAGES/auditor.po (see docs/translating.md):\n"
                       + "\n".join(found[:40]))


def test_template_is_current() -> None:
    template = {(m.context, _msgid(m)) for m in read(LOCALE / "auditor.pot") if m.id}
    code = set(extracted())
    assert template == code, (
        "auditor/locale/auditor.pot is out of date; run the extract step of docs/translating.md. "
        f"Missing: {sorted(map(_key, code - template))[:20]}; left over: {sorted(map(_key, template - code))[:20]}"
    )


def test_the_check_catches_every_kind_of_problem() -> None:
    catalog = Catalog(locale="sv")
    catalog.add("{url} is down", "{adress} är nere")  # placeholders differ
    catalog.add("Waived", "Undantagen", flags=["fuzzy"])  # fuzzy
    catalog.add("Gone", "Borta")  # no longer used
    catalog.add("Empty", "")  # untranslated
    catalog.obsolete["Old"] = Message("Old", "Gammal")  # a "#~" entry
    code = {(None, "{url} is down"): ["a.py:1"], (None, "Waived"): ["a.py:2"], (None, "Empty"): ["a.py:3"],
            ("Markdown comment", "Waived"): ["a.py:4"]}
    found = problems(catalog, code)
    assert any(p.startswith("placeholders differ: '{url} is down'") for p in found), found
    assert any(p.startswith("fuzzy") for p in found), found
    assert any(p.startswith("not used by the code any more: 'Gone'") for p in found), found
    assert any(p.startswith("missing: 'Empty'") for p in found), found
    assert any(p.startswith("missing: 'Waived' (context 'Markdown comment')") for p in found), found
    assert any(p.startswith("obsolete entry") for p in found), found
    assert len(found) == 6, found


def test_reports_read_the_po_file_itself() -> None:
    """No compiled .mo: the words at run time are the .po's, with contexts."""
    catalog = read(LOCALE / "sv" / "LC_MESSAGES" / "auditor.po")
    loaded = i18n.catalog("sv")
    assert loaded == {(m.context, str(m.id)): str(m.string) for m in catalog
                      if m.id and m.string and not m.fuzzy and not isinstance(m.id, tuple | list)}
    assert loaded[("page kind in a message", "home")] == "startsidan" and loaded[(None, "home")] == "startsida"
    assert not list(LOCALE.rglob("*.mo"))


def test_the_check_reads_messages_with_plural_forms() -> None:
    catalog = Catalog(locale="sv")
    catalog.add(("{n} site", "{n} sites"), ("en webbplats", "{n} webbplatser"))  # sound: 1 may be written out
    catalog.add(("{n} page", "{n} pages"), ("{n} sida", ""))  # a form missing
    catalog.add(("{n} rule", "{n} rules"), ("{n} regel", "{antal} regler"))  # a foreign placeholder
    code = {(None, "{n} site"): ["a.py:1"], (None, "{n} page"): ["a.py:2"], (None, "{n} rule"): ["a.py:3"]}
    found = problems(catalog, code)
    assert found == ["missing: '{n} page', used at a.py:2",
                     "placeholders differ: '{n} rule' / ('{n} regel', '{antal} regler')"], found


def test_a_parsed_catalog_is_kept_by_the_hash_of_its_po(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A later process reads what an earlier one parsed (the same words, plural forms and rule);
    an edited .po is parsed again; a broken cache file is ignored."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    folder = tmp_path / "auditor" / "catalogs"
    for lang in i18n.LANGS[1:]:
        source = (LOCALE / lang / "LC_MESSAGES" / "auditor.po").read_bytes()
        parsed = i18n._parse_po(source)
        path = i18n._cache_file(lang, source) or tmp_path
        assert path.parent == folder and not path.exists()
        i18n._po.cache_clear()
        first = i18n._po(lang)  # parses and keeps
        assert path.is_file() and i18n._read_cached(path) == parsed
        i18n._po.cache_clear()
        again = i18n._po(lang)  # reads what was kept
        assert (again.words, again.plurals) == (first.words, first.plurals) == parsed[:2]
        assert [again.plural_index(n) for n in range(30)] == [first.plural_index(n) for n in range(30)]
        assert i18n._cache_file(lang, source + b"\n") != path
    path.write_text("{not json", encoding="utf-8")
    assert i18n._read_cached(path) is None
    i18n._po.cache_clear()
    assert i18n._po(lang).words == parsed[0]
    i18n._po.cache_clear()
    assert not list(LOCALE.rglob("*.json"))
