"""The demo's result.json, field by field, against the one the tool wrote before the package was
re-laid (issue 17): a change of layout must not change a single verdict, message, translation,
evidence item or score. Only what differs between two runs of the same code is masked: times
(every ``*_at`` field) and WARC record ids.

The file was written by the code of commit 30fb25e (before the re-layout) with one change applied
to it as to the new code: a crawl lists its pages in reading order (depth, then URL), not in the
order the responses arrived, without which page order, screenshot numbers and the first evidence
of a rule varied between runs on a loaded machine. Its ``schema_version`` reads 1.6, the additive
version that brought ``rule_catalogue``.

To accept a deliberate change of output, regenerate the file with
``AUDITOR_UPDATE_GOLDEN=1 pytest tests/golden`` and say in the commit why the output changed.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

GOLDEN = Path(__file__).with_name("demo-result.json")
AS_OF = "2026-12-05"

#: Keys a later change added to the result on purpose, compared by their own tests: the golden
#: file predates them.
ADDED_SINCE_GOLDEN: frozenset[str] = frozenset({"rule_catalogue"})


#: A demo shop's address and port in a URL (``127.0.0.3:8461``) and in a report's file name
#: (``127-0-0-3-8461``).
_LOOPBACK_PORT = re.compile(r"\b(127\.\d{1,3}\.\d{1,3}\.\d{1,3}):\d{2,5}\b")
_LOOPBACK_SLUG_PORT = re.compile(r"\b(127-\d{1,3}-\d{1,3}-\d{1,3})-\d{2,5}\b")


def normalise(value: Any) -> Any:
    """``value`` with what differs between two runs of the same code masked: times, WARC record
    ids, and each demo shop's port (8460 unless another program holds it on the shop's address;
    then that shop serves on a free one, which shows in its URLs and file names)."""
    if isinstance(value, dict):
        return {k: "<time>" if k.endswith("_at") else normalise(v)
                for k, v in value.items() if k not in ADDED_SINCE_GOLDEN}
    if isinstance(value, list):
        return [normalise(v) for v in value]
    if isinstance(value, str):
        value = re.sub(r"urn:uuid:[0-9a-f-]+", "urn:uuid:<id>", value)
        value = _LOOPBACK_PORT.sub(r"\1:<port>", value)
        return _LOOPBACK_SLUG_PORT.sub(r"\1-<port>", value)
    return value


def differences(a: Any, b: Any, path: str = "") -> list[str]:
    if type(a) is not type(b):
        return [f"{path}: {type(a).__name__} != {type(b).__name__}"]
    if isinstance(a, dict):
        out = [f"{path}/{k}: only in {'golden' if k in a else 'new'}" for k in sorted(set(a) ^ set(b))]
        for k in sorted(set(a) & set(b)):
            out += differences(a[k], b[k], f"{path}/{k}")
        return out
    if isinstance(a, list):
        if len(a) != len(b):
            return [f"{path}: {len(a)} items != {len(b)}"]
        return [d for i, (x, y) in enumerate(zip(a, b, strict=True)) for d in differences(x, y, f"{path}[{i}]")]
    return [] if a == b else [f"{path}: {a!r:.120} != {b!r:.120}"]


@pytest.fixture(scope="module")
def demo_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder ``auditor demo --format json`` wrote (one run for the tests below)."""
    out = tmp_path_factory.mktemp("demo")
    done = subprocess.run(
        [sys.executable, "-m", "auditor", "demo", "--output", str(out), "--format", "json", "--as-of", AS_OF],
        capture_output=True, text=True, timeout=280, check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return out


@pytest.fixture(scope="module")
def demo_result(demo_output: Path) -> dict[str, Any]:
    """The demo's result.json, as written by ``auditor demo``."""
    return json.loads((demo_output / "result.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@pytest.mark.e2e
@pytest.mark.timeout(300)
def test_json_format_writes_no_html_report(demo_output: Path) -> None:
    """``--format json`` writes result.json and no HTML report (tests/e2e/test_cli.py re-renders the
    HTML from a result.json with ``auditor report``)."""
    assert (demo_output / "result.json").is_file()
    assert not list(demo_output.glob("*.html"))


@pytest.mark.e2e
@pytest.mark.timeout(300)
def test_demo_result_is_unchanged(demo_result: dict[str, Any]) -> None:
    new = normalise(demo_result)
    if os.environ.get("AUDITOR_UPDATE_GOLDEN") == "1":
        GOLDEN.write_text(json.dumps(new, indent=1, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    golden = normalise(json.loads(GOLDEN.read_text(encoding="utf-8")))
    diff = differences(golden, new)
    assert not diff, f"{len(diff)} difference(s) from the golden demo result:\n" + "\n".join(diff[:40])


@pytest.mark.e2e
@pytest.mark.timeout(300)
def test_catalogue_holds_every_rule_as_registered(demo_result: dict[str, Any]) -> None:
    """What the reports show of a rule comes from the result: the catalogue of a fresh result
    holds every registered rule (the demo runs them all) with its words, translations and
    legal references as the rule declares them."""
    from auditor import i18n
    from auditor.registry import all_rules

    catalogue = {entry["id"]: entry for entry in demo_result["rule_catalogue"]}
    assert list(catalogue) == [rule.meta.id for rule in all_rules()]
    for rule in all_rules():
        meta, entry = rule.meta, catalogue[rule.meta.id]
        assert entry == {
            "id": meta.id,
            "title": meta.title,
            "title_i18n": {lang: words.title for lang, words in meta.translations.items()},
            "failure_title": meta.failure_title,
            "failure_title_i18n": {lang: words.failure_title for lang, words in meta.translations.items()},
            "partial_title": meta.partial_title,
            "partial_title_i18n": {lang: words.partial_title for lang, words in meta.translations.items()},
            "review_title": meta.review_title,
            "review_title_i18n": {lang: words.review_title for lang, words in meta.translations.items()},
            "na_title": meta.na_title,
            "na_title_i18n": {lang: words.na_title for lang, words in meta.translations.items()},
            "description": meta.description,
            "description_i18n": {lang: words.description for lang, words in meta.translations.items()},
            "category": meta.category.value,
            "severity": meta.severity.value,
            "legal_refs": [ref.translated().model_dump(mode="json") for ref in meta.legal_refs],
            "fix": meta.fix,
            "fix_i18n": {lang: i18n.translate(lang, meta.fix) for lang in i18n.LANGS
                         if lang != i18n.DEFAULT_LANG and meta.fix and i18n.has_translation(lang, meta.fix)},
        }, meta.id
