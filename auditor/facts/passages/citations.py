"""Passages that cite an act: ``legal_citation``.

A citation of an act the topic file ``lexicon/topics/legal_citation.toml`` knows, one passage
per statement and act, ``name`` set to the act's key there ("TMG", "1990:932"). How the act is
cited is a flag:

* ``section``: its abbreviation after a section sign, with only numbers, single letters and
  section words between ("§ 5 TMG", "§5TMG", "§ 5 Abs. 1 S. 2 TMG", "§§ 5, 6 TMG");
* ``cite``: its abbreviation right after a word that cites, an article allowed between
  ("Angaben gemäß TMG", "nach dem TMG", "pursuant to the TMG");
* ``name``: its name, inflected or not ("Telemediengesetz", "des Telemediengesetzes");
* ``number``: its number in the statute book ("konsumentköplagen (1990:932)").

An abbreviation standing alone is no citation: "TMG-200" (a model), "TMG Logistik GmbH" (a
company). Two flags qualify what the statement says about it, within a short reach of the
citation: ``current_named`` when it also names the act in force today for the same matter
("§ 5 DDG (früher § 5 TMG)": the current law is cited), ``historic`` when it presents the act as
former law ("früher", "tidigare", "formerly"). Whether the act was repealed on the audit date is
the rule's question (``replaced_acts`` of the jurisdiction's profile), not the gatherer's.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from auditor.facts.dom import Document, excerpt
from auditor.facts.passages.common import Phrases, has_listed_phrase, passage_fact, phrase_spans, topic_phrases
from auditor.lexicon import normalise
from auditor.models import PassageFact, PassageTopic

_TOPIC = "legal_citation"
#: A statement ends at a newline, or at ".", "!" or "?" after a lower-case word of four letters
#: or more and before a capital: "Abs. 1", "Nr. 4", "bzw. DDG" and "TMG. Muster GmbH" go on.
_STATEMENT_END = re.compile(r"\n+|(?<=[a-zäöüßåæøéè]{4}[.!?])\s+(?=[A-ZÄÖÜÅÆØÉ§„«\"(])|(?<=[!?])\s+")
#: Words of a text with their places (``[^\W_]+``: "§", punctuation and spaces separate words).
_WORD = re.compile(r"[^\W_]+")
#: A number in a section citation: "5", "5a", "312g".
_SECTION_NUMBER = re.compile(r"\d+[a-z]?")
#: How far before an abbreviation its section sign may stand ("§ 5 Abs. 1 Satz 2 Nr. 3 TMG").
_SECTION_REACH = 60
#: How far from a citation the current act or a word of former law counts (characters).
_REACH = 120


@dataclass(frozen=True)
class Act:
    """One act of the topic file: its key and the ways pages cite it."""

    key: str
    abbreviations: tuple[re.Pattern[str], ...]
    names: Phrases
    numbers: tuple[re.Pattern[str], ...]
    current: Phrases


@dataclass(frozen=True)
class _Words:
    """A statement's normalised words and the character span of each."""

    words: list[str]
    spans: list[tuple[int, int]]

    @classmethod
    def of(cls, text: str) -> _Words:
        words: list[str] = []
        spans: list[tuple[int, int]] = []
        for match in _WORD.finditer(text):
            for word in normalise(match.group()).split():
                words.append(word)
                spans.append(match.span())
        return cls(words, spans)

    def within(self, start: int, end: int) -> list[str]:
        """The words that lie within characters ``start`` to ``end``."""
        return [w for w, (s, e) in zip(self.words, self.spans, strict=True) if s >= start and e <= end]

    def before(self, offset: int) -> list[str]:
        """The words that end at or before character ``offset``."""
        return [w for w, (_, e) in zip(self.words, self.spans, strict=True) if e <= offset]


@cache
def acts() -> tuple[Act, ...]:
    """Every act of the topic file."""
    file = resources.files("auditor") / "rules" / "lexicon" / "topics" / f"{_TOPIC}.toml"
    data = tomllib.loads(file.read_text(encoding="utf-8"))
    out: list[Act] = []
    for key, table in data.get("acts", {}).items():
        out.append(
            Act(
                key=str(key),
                abbreviations=tuple(_abbreviation(str(a)) for a in table.get("abbreviations", [])),
                names=_phrases(table.get("names", [])),
                numbers=tuple(_number(str(n)) for n in table.get("numbers", [])),
                current=_phrases(table.get("current", [])),
            )
        )
    return tuple(out)


# An abbreviation or a number is cited where no letter (nor a hyphen, nor a digit or colon before
# a number) stands against it. Each pattern opens with its first word as written and looks behind
# it from there (the same test as before it): a pattern that opens with a look-behind is tried at
# every character of every block, one that opens with a word is searched for.


def _abbreviation(abbreviation: str) -> re.Pattern[str]:
    """"TMG" alone, not "TMGs" nor "GTMG" nor "e-TMG"."""
    word = re.escape(abbreviation)
    return re.compile(rf"{word}(?<![^\W\d_]{word})(?<!-{word})(?![^\W_])(?!-[^\W_])")


def _number(number: str) -> re.Pattern[str]:
    """"1990:932" with or without spaces at the colon, not within a longer number."""
    first, *rest = (re.escape(part) for part in number.split(":"))
    return re.compile(rf"{first}(?<![\d:]{first})" + "".join(rf"\s*:\s*{part}" for part in rest) + r"(?!\d)")


def _phrases(values: list[str]) -> Phrases:
    """Phrases as ``topic_phrases`` gives them (normalised; a trailing * kept), of no language."""
    out: list[tuple[str, str]] = []
    for raw in values:
        text = normalise(str(raw))
        if text:
            out.append(("", text + ("*" if str(raw).strip().endswith("*") else "")))
    return tuple(out)


@cache
def _words_of(key: str) -> frozenset[str]:
    """The one-word phrases of a topic key, all languages (section words, articles)."""
    return frozenset(phrase for _, phrase in topic_phrases(_TOPIC).get(key, ()) if " " not in phrase)


def gather(doc: Document, lang: str) -> list[PassageFact]:
    """Every citation of a known act on one page, one passage per statement and act."""
    return [
        passage_fact(doc, block.element, PassageTopic.LEGAL_CITATION, lang, shown, flags=list(flags), name=key)
        for block in doc.blocks
        for shown, flags, key in _block_citations(block.text)
    ]


@lru_cache(maxsize=1 << 12)
def _block_citations(text: str) -> tuple[tuple[str, tuple[str, ...], str], ...]:
    """The citations of a block's text, one per statement and act: the excerpt shown, the flags
    and the act. Kept by the text: a site's pages repeat their blocks."""
    known = acts()
    if not _mentions_any(text, known):
        return ()
    out: list[tuple[str, tuple[str, ...], str]] = []
    for statement in _statements(text):
        words = _Words.of(statement)
        for act in known:
            found = _citations(statement, words, act)
            if not found:
                continue
            (start, end, how), flags = _pick(statement, words, act, found)
            out.append((excerpt(statement, start, end), (how, *flags), act.key))
    return tuple(out)


def _mentions_any(text: str, known: tuple[Act, ...]) -> bool:
    """A cheap first look: whether the block could cite any act (most blocks cite none)."""
    if any(p.search(text) for act in known for p in (*act.abbreviations, *act.numbers)):
        return True
    names = tuple(phrase for act in known for phrase in act.names)
    return bool(names) and has_listed_phrase(normalise(text).split(), names)


def _statements(text: str) -> list[str]:
    """The statements of a block: its lines, cut at sentence ends that are no abbreviation's."""
    return [part for part in _STATEMENT_END.split(text) if part.strip()]


def _citations(text: str, words: _Words, act: Act) -> list[tuple[int, int, str]]:
    """``(start, end, how)`` of every citation of ``act`` in a statement, in order."""
    found: list[tuple[int, int, str]] = []
    for pattern in act.abbreviations:
        for match in pattern.finditer(text):
            how = _abbreviation_cited(text, words, match.start())
            if how:
                found.append((match.start(), match.end(), how))
    for start, end in phrase_spans(words.words, act.names):
        found.append((words.spans[start][0], words.spans[end - 1][1], "name"))
    for pattern in act.numbers:
        found += [(m.start(), m.end(), "number") for m in pattern.finditer(text)]
    return sorted(found)


def _abbreviation_cited(text: str, words: _Words, start: int) -> str:
    """``section`` or ``cite`` when the abbreviation at ``start`` stands in a citation, else ""."""
    lead = text[max(0, start - _SECTION_REACH) : start]
    sign = lead.rfind("§")
    if sign >= 0:
        gap = normalise(lead[sign:].lstrip("§")).split()
        sections = _words_of("section")
        if gap and any(_SECTION_NUMBER.fullmatch(w) for w in gap) and all(
            _SECTION_NUMBER.fullmatch(w) or len(w) == 1 or w in sections for w in gap
        ):
            return "section"
    before = words.before(start)[-5:]
    if not before:
        return ""
    articles = _words_of("article")
    cite = topic_phrases(_TOPIC).get("cite", ())
    ends = {end for _, end in phrase_spans(before, cite)}
    if len(before) in ends or (before[-1] in articles and len(before) - 1 in ends):
        return "cite"
    return ""


def _pick(
    text: str, words: _Words, act: Act, found: list[tuple[int, int, str]]
) -> tuple[tuple[int, int, str], list[str]]:
    """The statement's citation to report, and its qualifiers: the first one that names neither
    the current act nor former law, else the first one."""
    historic = topic_phrases(_TOPIC).get("historic", ())
    first: tuple[tuple[int, int, str], list[str]] | None = None
    for citation in found:
        start, end, _ = citation
        near = words.within(max(0, start - _REACH), end + _REACH)
        flags = []
        if act.current and phrase_spans(near, act.current):
            flags.append("current_named")
        if historic and phrase_spans(near, historic):
            flags.append("historic")
        if not flags:
            return citation, flags
        first = first or (citation, flags)
    assert first is not None  # found is never empty
    return first
