"""What the passage gatherers share: topic phrases from data, sentences, and periods.

* :func:`topic_phrases` reads ``auditor/rules/lexicon/topics/<topic>.toml``: one table per
  language (``[sv]``, ``[nb]``, ``[da]``, ``[fi]``, ``[de]``, ``[en]``), each with lists of
  phrases under keys the topic's gatherer chooses (``phrases``, ``negative``, ...). The
  result merges the languages: ``{key: [(lang, normalised phrase), ...]}``.
* :func:`sentences` splits a text block into sentences with their offsets.
* :func:`find_phrases` finds whole-word phrase matches, case- and diacritic-insensitively.
* :func:`periods` finds stated periods ("14 dagar", "tre år", "vierzehn Tage", "24 mdr.").
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Literal, TypeVar

import lxml.html

from auditor.facts.dom import Document, clean
from auditor.lexicon import LANGUAGES, normalise
from auditor.models import PassageFact, PassageTopic

Unit = Literal["hours", "days", "weeks", "months", "years"]
T = TypeVar("T")

#: Elements whose text is a heading or label for what follows.
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "caption", "legend", "summary", "dt", "th"})


def passage_fact(
    doc: Document,
    element: lxml.html.HtmlElement,
    topic: PassageTopic,
    lang: str,
    text: str,
    *,
    flags: list[str],
    amount: float | None = None,
    unit: Unit | None = None,
    name: str = "",
    target: str = "",
) -> PassageFact:
    """A passage seen in ``element``: its text (cleaned, at most 200 characters) and what it says."""
    return PassageFact(
        url=doc.url,
        locator=doc.locator(element),
        excerpt=clean(text)[:200],
        region=doc.region(element),
        topic=topic,
        lang=lang,
        amount=amount,
        unit=unit,
        name=clean(name)[:80],
        target=target,
        flags=flags,
    )


def word_list(text: str) -> list[str]:
    """The normalised words of ``text`` (what phrases are matched against)."""
    return normalise(text).split()


def word_index(text: str, offset: int) -> int:
    """The index (in normalised words) of the word that starts at character ``offset``."""
    return len(word_list(text[:offset]))


#: ``((lang, phrase), ...)``: normalised phrases of a topic key in all languages. A phrase
#: ending in ``*`` matches its last word as a prefix ("euroopan unioni*").
Phrases = tuple[tuple[str, str], ...]


@cache
def topic_phrases(topic: str) -> dict[str, Phrases]:
    """``{key: ((lang, normalised phrase), ...)}`` over all languages of a topic file."""
    file = resources.files("auditor") / "rules" / "lexicon" / "topics" / f"{topic}.toml"
    data = tomllib.loads(file.read_text(encoding="utf-8"))
    merged: dict[str, dict[tuple[str, str], None]] = {}
    for lang in LANGUAGES:
        for key, values in data.get(lang, {}).items():
            if not isinstance(values, list):
                continue
            for raw in values:
                text = normalise(str(raw))
                if text:
                    star = "*" if str(raw).strip().endswith("*") else ""
                    merged.setdefault(key, {})[(lang, text + star)] = None
    return {key: tuple(values) for key, values in merged.items()}


def lexicon(topic: str, key: str) -> Phrases:
    """The phrases of one key of a topic file (empty when the file has none)."""
    return topic_phrases(topic).get(key, ())


@dataclass(frozen=True)
class _Compiled:
    """Phrases indexed by their first word, so matching walks the words once, not once per phrase."""

    #: first word -> ((the words between the first and the last, last word, last is a prefix,
    #: size in words, phrase), ...)
    by_first: dict[str, tuple[tuple[list[str], str, bool, int, str], ...]]
    #: one-word phrases ending in ``*``: (stem, phrase)
    stems: tuple[tuple[str, str], ...]


@lru_cache(maxsize=4096)
def _compile(phrases: Phrases) -> _Compiled:
    by_first: dict[str, list[tuple[list[str], str, bool, int, str]]] = {}
    stems: list[tuple[str, str]] = []
    for _, phrase in phrases:
        prefix = phrase.endswith("*")
        parts = phrase.rstrip("*").split()
        if not parts:
            continue
        if len(parts) == 1 and prefix:
            stems.append((parts[0], phrase))
            continue
        by_first.setdefault(parts[0], []).append((parts[1:-1], parts[-1], prefix, len(parts), phrase))
    return _Compiled({k: tuple(v) for k, v in by_first.items()}, tuple(stems))


def _matches(words: list[str], phrases: Phrases) -> Iterator[tuple[int, int, str]]:
    """``(start, end, phrase)`` of every whole-word occurrence, in no particular order."""
    compiled = _compile(phrases)
    for stem, phrase in compiled.stems:
        for i, word in enumerate(words):
            if word.startswith(stem):
                yield i, i + 1, phrase
    by_first = compiled.by_first
    if not by_first:
        return
    count = len(words)
    for i, word in enumerate(words):
        candidates = by_first.get(word)
        if candidates is None:
            continue
        for middle, last, prefix, size, phrase in candidates:
            if size == 1:
                yield i, i + 1, phrase
                continue
            end = i + size
            if end > count or (middle and words[i + 1 : end - 1] != middle):
                continue
            final = words[end - 1]
            if final == last or (prefix and final.startswith(last)):
                yield i, end, phrase


def phrase_spans(words: list[str], phrases: Phrases) -> list[tuple[int, int]]:
    """``(start, end)`` word spans of every whole-word (or prefix) occurrence of a phrase."""
    return sorted({(start, end) for start, end, _ in _matches(words, phrases)})


def phrase_hits(words: list[str], phrases: Phrases) -> list[tuple[int, str]]:
    """``(start, phrase)`` of every occurrence, for callers that need to know which phrase."""
    return sorted({(start, phrase) for start, _, phrase in _matches(words, phrases)})


def has_phrase(words: list[str], phrases: Phrases) -> bool:
    return next(_matches(words, phrases), None) is not None


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int
    end: int


_SENTENCE_END = re.compile(r"(?<=[.!?:;])\s+(?=[A-ZÅÄÖÆØÜÉ0-9«\"(§])|\n+")


def sentences(text: str) -> list[Sentence]:
    """Sentences (and lines) of a text block, with their offsets in it."""
    out: list[Sentence] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if text[start : match.start()].strip():
            out.append(Sentence(text[start : match.start()], start, match.start()))
        start = match.end()
    if text[start:].strip():
        out.append(Sentence(text[start:], start, len(text)))
    return out


def find_phrases(text: str, phrases: Phrases) -> list[tuple[str, str]]:
    """The ``(lang, phrase)`` pairs whose phrase occurs in ``text`` as whole words."""
    words = word_list(text)
    found = {phrase for _, _, phrase in _matches(words, phrases)}
    return [(lang, phrase) for lang, phrase in phrases if phrase in found]


# --------------------------------------------------------------------------- periods

# fmt: off
#: Number words up to the values shops write out ("fjorton dagar", "zwei Jahre", "kolme vuotta").
NUMBER_WORDS: dict[str, int] = {
    # sv
    "en": 1, "ett": 1, "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7, "åtta": 8, "nio": 9,
    "tio": 10, "tolv": 12, "fjorton": 14, "femton": 15, "trettio": 30,
    # nb / da
    "én": 1, "et": 1, "to": 2, "fire": 4, "seks": 6, "syv": 7, "sju_": 7, "otte": 8, "åtte": 8, "ni": 9, "ti": 10,
    "fjorten": 14, "femten": 15, "tretti": 30, "tredive": 30,
    # fi
    "yksi": 1, "kaksi": 2, "kolme": 3, "neljä": 4, "viisi": 5, "kuusi": 6, "kymmenen": 10,
    "neljätoista": 14, "viisitoista": 15, "kolmekymmentä": 30,
    # fi genitives: "kahden vuoden kuluessa", "neljäntoista päivän"
    "yhden": 1, "kahden": 2, "kolmen": 3, "neljän": 4, "viiden": 5, "kuuden": 6,
    "kahdentoista": 12, "neljäntoista": 14, "viidentoista": 15, "kolmenkymmenen": 30,
    # de
    "ein": 1, "eine": 1, "einem": 1, "einen": 1, "eines": 1, "einer": 1, "zwei": 2, "drei": 3, "vier": 4,
    "fünf": 5, "sechs": 6,
    "zehn": 10, "zwölf": 12, "vierzehn": 14, "fünfzehn": 15, "dreißig": 30,
    # en
    "one": 1, "a": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "ten": 10, "twelve": 12,
    "fourteen": 14, "fifteen": 15, "thirty": 30,
}
#: Unit words (stems) in the six languages; longest first so "månader" wins over "mån".
UNIT_WORDS: dict[str, Unit] = {
    # sv
    "timmar": "hours", "timme": "hours", "dagar": "days", "dag": "days", "dygn": "days", "veckor": "weeks",
    "vecka": "weeks", "månader": "months", "månad": "months", "mån": "months", "år": "years",
    # nb / da
    "timer": "hours", "time": "hours", "dager": "days", "dage": "days", "døgn": "days", "uker": "weeks",
    "uke": "weeks", "uger": "weeks", "uge": "weeks", "måneder": "months", "måned": "months", "mdr": "months",
    # fi
    "tuntia": "hours", "tunnin": "hours", "päivää": "days", "päivän": "days", "päivä": "days", "vrk": "days",
    "viikkoa": "weeks", "viikon": "weeks", "kuukautta": "months", "kuukauden": "months", "kk": "months",
    "vuotta": "years", "vuoden": "years", "vuosi": "years",
    # de
    "stunden": "hours", "stunde": "hours", "tage": "days", "tagen": "days", "tag": "days", "wochen": "weeks",
    "woche": "weeks", "monate": "months", "monaten": "months", "monat": "months", "jahre": "years",
    "jahren": "years", "jahr": "years", "jahres": "years", "monats": "months", "tages": "days",
    # genitives and adjectives: "tre års", "14 dagars", "14-dagers", "14-tägiges", "zweijährige"
    "års": "years", "dagars": "days", "dagers": "days", "dages": "days", "veckors": "weeks",
    "ukers": "weeks", "ugers": "weeks", "månaders": "months", "måneders": "months", "timmars": "hours",
    "tägig": "days", "tägige": "days", "tägigen": "days", "tägiges": "days", "tägiger": "days",
    "jährig": "years", "jährige": "years", "jährigen": "years", "jähriges": "years",
    "monatig": "months", "monatige": "months", "monatigen": "months",
    # en
    "hours": "hours", "hour": "hours", "days": "days", "day": "days", "weeks": "weeks", "week": "weeks",
    "months": "months", "month": "months", "years": "years", "year": "years",
}
# fmt: on


def _folded(table: dict[str, T]) -> dict[str, T]:
    """``table`` keyed by the page-text normalisation (:func:`auditor.lexicon.normalise`), so that
    a word meets its entry however the page spells it ("dreissig", "dreißig", "DREISSIG").
    Abbreviations of up to three letters keep their exact spelling only: folded, "mån" (month)
    would be "man" and "år" (year) "ar"."""
    out: dict[str, T] = {}
    for word, value in table.items():
        if word.endswith("_"):
            continue
        key = normalise(word)
        if len(key) > 3 and " " not in key:
            out.setdefault(key, value)
    return out


#: Number and unit words by their exact (case-folded) spelling, then by their normalised one.
_NUMBERS_EXACT = {w.casefold(): v for w, v in NUMBER_WORDS.items() if not w.endswith("_")}
_UNITS_EXACT = {w.casefold(): u for w, u in UNIT_WORDS.items()}
_NUMBERS_FOLDED = _folded(NUMBER_WORDS)
_UNITS_FOLDED = _folded(UNIT_WORDS)
#: Digit groups and words: the candidates of a period's number and unit.
#: A word may hold soft hyphens, zero-width characters and a hyphenated line break ("fjor-⏎ton"):
#: the lookups normalise them away as page text is normalised.
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:(?:[\u00ad\u200b\u200c\u200d\u2060]+|-[ \t]*\n\s*)[^\W\d_]+)*")
_AMOUNT = re.compile(r"\d{1,3}(?:[.,]5)?")
_GAP = re.compile(r"\s*|-")
#: A unit word at the end of a compound ("vierzehntägig", "zweijährige"), exact or folded.
_UNIT_SUFFIX = re.compile(
    "(?:" + "|".join(sorted(map(re.escape, {*_UNITS_EXACT, *_UNITS_FOLDED}), key=len, reverse=True)) + ")$"
)


def number_value(word: str) -> int | None:
    """The value of a number word as a page writes it, or None."""
    key = word.casefold()
    if key in _NUMBERS_EXACT:
        return _NUMBERS_EXACT[key]
    return _NUMBERS_FOLDED.get(normalise(word))


def unit_of(word: str) -> Unit | None:
    """The unit a unit word names, as a page writes it, or None."""
    key = word.casefold()
    if key in _UNITS_EXACT:
        return _UNITS_EXACT[key]
    return _UNITS_FOLDED.get(normalise(word))


@dataclass(frozen=True)
class Period:
    amount: float
    unit: Unit
    start: int
    end: int


def periods(text: str) -> Iterator[Period]:
    """Periods stated in ``text``: a number (digits or a number word) right before a unit, or a
    compound of both ("vierzehntägig"). Words are looked up as the page spells them and, failing
    that, normalised as page text is, so an unknown spelling is no period rather than an error."""
    tokens = list(_TOKEN.finditer(text))
    for i, token in enumerate(tokens):
        word = token.group()
        if token.start() and (text[token.start() - 1].isalnum() or text[token.start() - 1] in "._,"):
            continue
        if word[0].isdigit():
            if not _AMOUNT.fullmatch(word):
                continue
            amount = float(word.replace(",", "."))
        else:
            value = number_value(word)
            if value is None:
                compound = _compound(word)
                if compound is not None:
                    yield Period(compound[0], compound[1], token.start(), _end(text, token.end()))
                continue
            amount = float(value)
        if i + 1 == len(tokens):
            continue
        following = tokens[i + 1]
        if not _GAP.fullmatch(text, token.end(), following.start()) or following.group()[0].isdigit():
            continue
        unit = unit_of(following.group())
        if unit is not None:
            yield Period(amount, unit, token.start(), _end(text, following.end()))


def _compound(word: str) -> tuple[float, Unit] | None:
    """(amount, unit) of a number word and a unit written as one word, or None."""
    for form in (word.casefold(), normalise(word)):
        suffix = _UNIT_SUFFIX.search(form)
        if suffix and suffix.start() > 0:
            value = number_value(form[: suffix.start()])
            unit = unit_of(suffix.group())
            if value is not None and unit is not None:
                return float(value), unit
    return None


def _end(text: str, end: int) -> int:
    """``end``, past a full stop right after the unit ("3 Mon.")."""
    return end + 1 if text[end : end + 1] == "." else end
