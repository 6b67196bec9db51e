"""The look before a regular expression's search (:mod:`auditor.facts.literals`) never passes over a
text the pattern matches: every match holds one of the words the pattern's parse gives, in any
case the pattern takes, and so the folded text holds it.

Checked on strings Hypothesis makes to match each gated pattern of the extraction, on the
letters a case-blind pattern takes for others ("ſ" for "s", "K" for "k", "İ" and "ı" for "i"), on
every block of the tuning corpora's saved pages, and on small random patterns.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.facts import addresses, identity
from auditor.facts.dom import Document
from auditor.facts.literals import LiteralGate, fold, required_literals

PROPERTY = settings(deadline=None, max_examples=300, suppress_health_check=[HealthCheck.too_slow])
_CORPUS = Path(__file__).resolve().parents[1] / "corpus"

#: Every pattern the extraction asks a gate before (identity's national labels and registration
#: labels, the addresses' country names).
GATED = ([pattern for _, pattern in identity._NATIONAL_RES] + [label for label, _ in identity._LABEL_GATES]
         + [pattern for _, pattern, _ in addresses._grammar().country_names]
         + [identity._run_by_re(), identity._owner_re()])


def test_the_words_come_from_the_patterns_parse() -> None:
    assert required_literals(re.compile(r"\bSIRET\b\s*\d+")) == ("siret",)
    assert required_literals(re.compile(r"\bSIREN\b|\bRCS(?:\s+\w+)")) == ("rcs", "siren")
    # the rarest look of a sequence: "commission" is needed as much as "charity", and rarer
    assert required_literals(re.compile(r"(?i:\bcharity\s+commission)")) == ("commission",)
    assert required_literals(re.compile(r"(?:ab)+c?\d")) == ("ab",)
    assert required_literals(re.compile(r"\d+|foo")) is None  # one way needs no word
    assert required_literals(re.compile(r"(?:foo)?\d")) is None
    assert required_literals(re.compile(r"x(?:|y)")) == ("x",)


def test_a_gate_with_a_short_word_is_not_asked() -> None:
    assert LiteralGate(re.compile(r"\b(?:fn|company)\b")).words is None
    assert LiteralGate(re.compile(r"(?:v/|company)")).words == ("company", "v/")
    assert LiteralGate(re.compile(r"\b(?:fnx|company)\b")).words == ("company", "fnx")


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        (r"(?i)registered", "REGİSTERED in England"),
        (r"(?i)registered", "regıstered"),
        (r"(?i)charity", "CHARİTY"),
        (r"(?i)company", "COMPANY"),
        (r"(?i)kvk", "\u212avK 12345678"),  # the Kelvin sign
        (r"(?i)vat", "VAT"),
        (r"(?i)ust", "Uſt-IdNr"),  # the long s
        (r"(?i)áfa", "ÁFA"),
        (r"(?i)yhteisötunnus", "YHTEISÖTUNNUS"),
    ],
)
def test_letters_a_case_blind_pattern_takes_for_others_pass_the_gate(pattern: str, text: str) -> None:
    compiled = re.compile(pattern)
    assert compiled.search(text)
    assert LiteralGate(compiled).may_match(fold(text))


# ids by place: a pattern built from a set (the country names) is written in another order in
# each process, and pytest-xdist wants the same ids in every worker
@pytest.mark.parametrize("pattern", GATED, ids=[f"gated-{n}" for n in range(len(GATED))])
@PROPERTY
@given(data=st.data())
def test_every_string_a_gated_pattern_matches_passes_its_gate(pattern: re.Pattern[str], data: st.DataObject) -> None:
    text = data.draw(st.from_regex(pattern))
    assert pattern.search(text)
    assert LiteralGate(pattern).may_match(fold(text)), text


def test_no_corpus_block_a_gated_pattern_matches_is_passed_over() -> None:
    gates = [LiteralGate(pattern) for pattern in GATED]
    blocks = 0
    for corpus in ("sites11", "sites12", "sites13", "fresh8", "addresses"):
        for page in sorted((_CORPUS / corpus).glob("**/*.html")):
            doc = Document(page.read_text(encoding="utf-8", errors="replace"), "http://example.test/")
            for block in doc.blocks:
                folded = fold(block.text)
                blocks += 1
                for gate in gates:
                    if gate.pattern.search(block.text):
                        assert gate.may_match(folded), (gate.pattern.pattern[:60], block.text)
    assert blocks > 1000


_PIECES = st.sampled_from(["ab", "c", "xyz", "\\d", "\\s", "[a-c]", ".", "\\b", "(?<!\\w)", "İ", "ſt", "K"])


@st.composite
def _patterns(draw: st.DrawFn, depth: int = 0) -> str:
    """A small random pattern: sequences, alternations, groups and repeats of literal pieces."""
    parts = []
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["piece", "piece", "group", "branch", "repeat"] if depth < 2 else ["piece"]))
        if kind == "piece":
            parts.append(draw(_PIECES))
        elif kind == "group":
            parts.append(f"(?:{draw(_patterns(depth + 1))})")
        elif kind == "branch":
            parts.append(f"(?:{draw(_patterns(depth + 1))}|{draw(_patterns(depth + 1))})")
        else:
            low = draw(st.integers(0, 2))
            parts.append(f"(?:{draw(_patterns(depth + 1))}){{{low},3}}")
    return "".join(parts)


@PROPERTY
@given(data=st.data(), source=_patterns(), blind=st.booleans())
def test_random_patterns_never_match_a_text_their_gate_passes_over(data: st.DataObject, source: str,
                                                                   blind: bool) -> None:
    pattern = re.compile(source, re.IGNORECASE if blind else 0)
    text = data.draw(st.from_regex(pattern))
    if pattern.search(text):
        words = required_literals(pattern)
        assert words is None or any(word in fold(text) for word in words), (source, text, words)


def test_without_the_standard_librarys_parser_every_text_is_searched(monkeypatch: pytest.MonkeyPatch) -> None:
    # a later Python that moves re's private parser: no gate, never a text passed over
    import re

    from auditor.facts import literals

    monkeypatch.setattr(literals, "sre_parse", None)
    gate = literals.LiteralGate(re.compile(r"\bOrg\.?\s*nr", re.IGNORECASE))
    assert gate.words is None
    assert gate.may_match("nothing of it here")
