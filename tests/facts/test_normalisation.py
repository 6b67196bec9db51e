"""One normalisation for page text and for every lexicon entry and number word.

Every phrase of the lexicons (page kinds, public bodies, topics) and every number and unit word of
the period tables is written the ways pages write it — with ß or ss, æ or ae, ø or oe, å or aa,
ä/ö/ü or ae/oe/ue, in capitals, with no-break spaces, a soft hyphen or a hyphenated line break
inside a word — and must still reach its phrase or value through the same functions page text
goes through. No spelling may raise (a KeyError on "dreissig" once stopped every German audit).
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor import lexicon
from auditor.facts.passages.common import (
    NUMBER_WORDS,
    UNIT_WORDS,
    has_phrase,
    periods,
    topic_phrases,
    word_list,
)
from auditor.facts.passages.disputes import foreign_body_endings
from auditor.lexicon import normalise

LEXICON = resources.files("auditor") / "rules" / "lexicon"
TOPICS = sorted(p.name.removesuffix(".toml") for p in (LEXICON / "topics").iterdir() if p.name.endswith(".toml"))

#: The ASCII spellings people use when a keyboard or a CMS lacks the letter.
TRANSCRIPTIONS = {"ß": "ss", "æ": "ae", "ø": "oe", "å": "aa", "ä": "ae", "ö": "oe", "ü": "ue",
                  "Æ": "Ae", "Ø": "Oe", "Å": "Aa", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"}
#: A hyphenated line break is not joined before these: "Rücksende-⏎und Umtauschkosten".
CONJUNCTIONS = ("und", "oder", "bzw", "och", "eller", "og", "ja", "tai", "and", "or")


def _broken(word: str, joint: str) -> str:
    """``word`` with ``joint`` inserted near its middle, where the rest is not a conjunction."""
    for cut in range(len(word) // 2, len(word) - 2):
        rest = word[cut:]
        if word[cut - 1].isalpha() and rest[0].isalpha() and not rest.startswith(CONJUNCTIONS):
            return word[:cut] + joint + rest
    return word


def spellings(text: str) -> Iterator[str]:
    """``text`` as pages write it."""
    yield text
    yield text.upper()
    yield "".join(TRANSCRIPTIONS.get(ch, ch) for ch in text)
    yield text.replace(" ", "\u00a0")
    words = text.split(" ")
    longest = max(range(len(words)), key=lambda i: len(words[i]))
    if len(words[longest]) >= 6:
        for joint in ("\u00ad", "-\n", "\u200b"):
            yield " ".join(_broken(w, joint) if i == longest else w for i, w in enumerate(words))


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)


def lexicon_entries() -> list[tuple[str, str]]:
    out = []
    for lang in lexicon.LANGUAGES:
        data = tomllib.loads((LEXICON / f"{lang}.toml").read_text(encoding="utf-8"))
        out += [(f"{lang}.toml", entry) for entry in _strings(data) if normalise(entry)]
    return out


def topic_entries() -> list[tuple[str, str, str]]:
    out = []
    for topic in TOPICS:
        data = tomllib.loads((LEXICON / "topics" / f"{topic}.toml").read_text(encoding="utf-8"))
        for lang, table in data.items():
            if lang not in lexicon.LANGUAGES or not isinstance(table, dict):
                continue  # [sites], [aliases], [foreign]: not phrases of a language
            for key, values in table.items():
                if isinstance(values, list):
                    out += [(topic, key, v.rstrip("*")) for v in values if isinstance(v, str) and normalise(v)]
    return out


@pytest.mark.parametrize(("source", "entry"), lexicon_entries())
def test_page_kind_and_public_body_entries_survive_every_spelling(source: str, entry: str) -> None:
    expected = normalise(entry)
    for spelled in spellings(entry):
        assert normalise(spelled) == expected, (source, entry, spelled)


@pytest.mark.parametrize(("topic", "key", "entry"), topic_entries())
def test_topic_phrases_are_found_in_every_spelling(topic: str, key: str, entry: str) -> None:
    phrases = topic_phrases(topic)[key]
    for spelled in spellings(entry):
        sentence = f"Text davor. {spelled} och mer text."
        assert has_phrase(word_list(sentence), phrases), (topic, key, entry, spelled)


@pytest.mark.parametrize("ending", tomllib.loads((LEXICON / "topics" / "adr_body.toml").read_text(
    encoding="utf-8"))["foreign"]["body_endings"])
def test_foreign_body_endings_are_found_in_every_spelling(ending: str) -> None:
    endings = foreign_body_endings()
    for spelled in spellings(ending):
        assert normalise(f"De Geschillen{spelled}").endswith(endings), (ending, spelled)


UNIT_OF_LANGUAGE = {"sv": "dagar", "nb": "dager", "da": "dage", "fi": "päivää", "de": "Tage", "en": "days"}


@pytest.mark.parametrize(("word", "value"), [(w, v) for w, v in NUMBER_WORDS.items() if not w.endswith("_")])
def test_number_words_reach_their_value_in_every_spelling(word: str, value: int) -> None:
    forms = list(spellings(word)) if len(normalise(word)) > 3 else [word, word.upper(), word.capitalize()]
    for spelled in forms:
        found = {p.amount for unit in UNIT_OF_LANGUAGE.values() for p in periods(f"inom {spelled} {unit}")}
        assert float(value) in found, (word, spelled)


@pytest.mark.parametrize(("word", "unit"), sorted(UNIT_WORDS.items()))
def test_unit_words_reach_their_unit_in_every_spelling(word: str, unit: str) -> None:
    forms = list(spellings(word)) if len(normalise(word)) > 3 else [word, word.upper()]
    for spelled in forms:
        assert [(p.amount, p.unit) for p in periods(f"inom 14 {spelled}")] == [(14.0, unit)], (word, spelled)


@pytest.mark.parametrize(
    ("text", "amount", "unit"),
    [
        ("Sie haben dreißig Tage Rückgaberecht.", 30.0, "days"),
        ("Sie haben dreissig Tage Rückgaberecht.", 30.0, "days"),
        ("SIE HABEN DREISSIG TAGE RÜCKGABERECHT.", 30.0, "days"),
        ("Ein vierzehntägiges Widerrufsrecht", 14.0, "days"),
        ("eine zweijaehrige Gewaehrleistung", 2.0, "years"),
        ("Du har fjorton\u00a0dagars ångerrätt.", 14.0, "days"),
        ("Angrefristen er fjorten dager.", 14.0, "days"),
        ("Fortrydelsesretten gælder i fjorten dage", 14.0, "days"),
        ("Palautusoikeus on neljätoista päivää.", 14.0, "days"),
        ("Palautusoikeus on neljatoista paivaa.", 14.0, "days"),
    ],
)
def test_periods_in_sentences(text: str, amount: float, unit: str) -> None:
    assert [(p.amount, p.unit) for p in periods(text)] == [(amount, unit)]


@settings(deadline=None, max_examples=300)
@given(st.text(alphabet="aäåæbdefghijklmnoöøprsßtuüvwyz ÄÖÜ-.,\n\u00ad\u00a014", max_size=80))
def test_no_spelling_raises(text: str) -> None:
    list(periods(text))
    normalise(text)


def test_ascii_spellings_and_diacritics_meet() -> None:
    pairs = [("dreißig", "dreissig"), ("Rückgabe", "Rueckgabe"), ("kjøp", "kjoep"),
             ("Forbrugerrådet", "Forbrugerraadet"), ("æble", "aeble"), ("päivää", "paivaa"),
             ("Widerrufs\u00adfrist", "Widerrufsfrist"),
             ("Widerrufs-\nfrist", "Widerrufsfrist"), ("retur\u00a0avgift", "retur avgift")]
    for a, b in pairs:
        assert normalise(a) == normalise(b), (a, b)
    # A suspended compound over a line break keeps its conjunction; a capital continues a new word.
    assert normalise("Rücksende-\nund Umtauschkosten") == "rucksende und umtauschkosten"
    assert normalise("E-\nMail") == "e mail"


def test_topic_phrases_use_no_concept_gaps() -> None:
    """A topic file's phrases are matched word for word (a trailing ``*`` is a prefix); the
    ``...N`` gap is the concept files' syntax only: written in a topic file it was silently
    read as the words "3" and "daten", and never matched."""
    import tomllib
    from importlib import resources

    topics = resources.files("auditor") / "rules" / "lexicon" / "topics"
    for entry in topics.iterdir():
        if not entry.name.endswith(".toml"):
            continue
        data = tomllib.loads(entry.read_text(encoding="utf-8"))
        for lang, slots in data.items():
            for slot, values in (slots.items() if isinstance(slots, dict) else ()):
                for value in values if isinstance(values, list) else ():
                    assert "..." not in str(value), (entry.name, lang, slot, value)


# ---------------------------------------------------------------- the fast folding is the one pattern's
# ``_normalise`` folds the ASCII spellings with three patterns that open with a fixed letter and
# takes the words with one findall, where it ran ``_ASCII_SPELLINGS`` (a lookbehind at every
# character) and cut at ``_NON_WORD``: the same text for every input.


def _reference_normalise(text: str) -> str:
    """``_normalise`` as written with ``_ASCII_SPELLINGS`` and ``_NON_WORD``."""
    import unicodedata

    text = lexicon._INVISIBLE.sub("", text)
    if "\n" in text:
        text = lexicon._LINE_BREAK_HYPHEN.sub(r"\1\2", text)
    text = text.casefold().replace("ß", "ss").replace("ø", "o").replace("æ", "ae").replace("å", "a")
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).translate(lexicon._COMBINING)
    return lexicon._NON_WORD.sub(" ", lexicon._ASCII_SPELLINGS.sub("", text)).strip()


_LETTERS = st.text(alphabet="aeouAEOUäöüÄÖÜåÅæÆøØßbn 0-9.,\n\t\u00ad\u0301ﬁ½İı", max_size=40)


@settings(max_examples=1000, deadline=None)
@given(_LETTERS)
def test_the_fast_folding_gives_what_the_one_pattern_gave(text: str) -> None:
    assert lexicon._normalise(text) == _reference_normalise(text)


def test_the_fast_folding_gives_what_the_one_pattern_gave_on_the_corpora() -> None:
    from pathlib import Path

    from auditor.facts.dom import Document

    corpus = Path(__file__).resolve().parents[1] / "corpus"
    count = 0
    for name in ("sites11", "sites12", "fresh8", "phrasings"):
        for page in sorted((corpus / name).glob("**/*.html")):
            doc = Document(page.read_text(encoding="utf-8", errors="replace"), "http://example.test/")
            for block in doc.blocks:
                assert lexicon._normalise(block.text) == _reference_normalise(block.text), block.text
                count += 1
    assert count > 1000
