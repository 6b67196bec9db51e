"""Concepts: what a sentence says, found from combinations of word stems within one clause.

A phrase list misses ordinary wording ("Kostnaden för att skicka tillbaka varan betalar du
själv" holds no fixed phrase); a concept does not need one. It is data, in
``auditor/rules/lexicon/concepts/<concept>.toml`` (the file's header documents the format):

* **slots**, per language: words that fill a role ("pay", "return", "consumer"). A word is
  written as a page writes it and stemmed with the Snowball stemmer of its language, so
  "betalar", "betalas" and "betala" meet; ``retur*`` matches a word beginning with it (compounds:
  "returfrakten", "palautuskulut"), ``*kost`` a word whose stem ends with it ("Rücksendekosten"),
  ``*frakt*`` a word holding it, ``=maksat`` only that exact word. Words separated by a space must
  follow each other; ``står ... för`` allows up to three words
  (``ziehen ...8 ab`` up to eight) between them.
* **patterns**: slots that must all be found in one clause (a sentence cut at commas, semicolons,
  dashes and brackets, not at a colon: "Returfrakt: 59 kr" is one clause), and the value they say.
  ``@money`` is a built-in slot: an amount with a currency ("59 kr", "€4.95").
* **negation**: a negation word of the pattern's language in the clause maps its value
  (``[negation]``; a value not listed there is dropped: the clause says nothing certain). A
  negation word that is a word of a longer term ("påverkar inte", "does not affect") is that
  term's own, not the clause's.
* **suspend**: slots that, anywhere in the sentence, take a value away ("Vid reklamation
  betalar vi returfrakten" says nothing about returns after a withdrawal): a clause whose
  reading is a suspended value says nothing, and no weaker reading of it stands in.
* **negated**: ``{slot: derived}``: a word of ``slot`` with a negation word of its language
  within three words of it (before or after) also fills ``derived``, and that negation word is
  its own ("inskränker aldrig", "nimmt Ihnen keine", "nothing in it affects": a `limit` verb
  denied says the rights stay), so a regulator lists the verb once, not each word order.
* **precedence**: when a clause, or the clauses of a sentence, state different values, the
  first of these that is stated wins ("as soon as possible, and within 10 days at the latest":
  the period), before the tightest match; without it, clauses that disagree say nothing.
* **unless** (per pattern): slots that, in the clause, keep that pattern from counting.
* **scope** (per pattern): ``"sentence"`` lets the slots stand in different clauses of the
  sentence ("Ist die Ware defekt, haben Sie Anspruch auf Nachbesserung"), for concepts whose
  words name one subject rather than one act; negation and unless are then read in the sentence.

Among the patterns a clause matches, the lowest ``tier`` counts, then the concept's
``precedence``, then the tightest (fewest words spanned by the pattern's ``near`` slots); when
those disagree, the clause says nothing.

Every language's slots are matched against every clause (shops mix languages), but a pattern's
slots and its negation must be of one language: Swedish "en" is an article, Finnish "en" a
negation. Text goes through :func:`auditor.lexicon.normalise` like all page text, and words
through the stemmer after it, on both sides, so a page and the data always meet.

:class:`PageConcepts` matches every concept of a page in one pass: each word of the page is
looked up once in one table built from all concepts, and the result is kept per sentence. A
gatherer that weighs distances itself (a period and its nearest subject word) asks
:meth:`PageConcepts.spans` where each slot is filled instead.

The stemmer is PyStemmer (the Snowball algorithms in C): the same stems as the pure-Python
``snowballstemmer``, many times faster on whole pages, with wheels for every platform we run on.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from itertools import chain
from operator import itemgetter
from types import MappingProxyType
from typing import Literal

import Stemmer

from auditor.lexicon import LANGUAGES, normalise

#: The Snowball algorithm of each supported language (nn uses the Norwegian one).
ALGORITHMS: dict[str, str] = {
    "sv": "swedish",
    "nb": "norwegian",
    "nn": "norwegian",
    "da": "danish",
    "fi": "finnish",
    "de": "german",
    "en": "english",
}

Mode = Literal["stem", "prefix", "suffix", "infix", "exact"]
#: How many words a ``...`` between two words of a term may stand for (``...8``: up to eight).
GAP = 3
_GAP = re.compile(r"\.\.\.(\d*)")
#: A pattern's slots must lie within this many words of each other.
WITHIN = 12
#: How many words from a ``negated`` slot's word a negation word may stand.
NEGATED_REACH = 3
#: How many words from a pattern's word a negation word may stand when the pattern reads a whole
#: sentence (a clause's negation counts anywhere in the clause).
SENTENCE_NEGATION_REACH = 6
NEGATION = "negation"
MONEY = "@money"

#: A bare amount that ends the text: after a dash, the value of the label before it ("Hinta
#: sinulle – 0 €", "Returfrakt - 59 kr"), one statement with it.
_BARE_AMOUNT = r"\s*(?:[€£$]\s*)?\d[\d\s.,]*(?i:\s*(?:€|£|\$|kr\.?|sek|nok|dkk|eur|euro|gbp|,-))?\s*\.?\s*$"
#: A clause ends at a comma (not one between digits: "5,90 €", nor a price's ",-": "99,- kr"),
#: semicolon, dash (not a price's: "kr 99,–", nor one before a bare amount), bracket or the dot
#: or bar between a bar's items ("Fortrydelsesret 14 dage · Fri retur"), and at
#: the end of a sentence (a block's text may hold several), but not at the full stop of a
#: one-letter abbreviation ("i. d. R.").
_CLAUSE_BREAK = re.compile(
    r"(?<!\d),|,(?![\d\-–—])|[;()\[\]·•|]|(?<!\d,)[–—](?!" + _BARE_AMOUNT + r")|\s-\s(?!" + _BARE_AMOUNT + r")"
    r"|(?<!\b[^\W\d_])[.!?]\s+(?=[A-ZÅÄÖÆØÜ])"
)
#: Brackets that are no clause break: a number alone ("fjorten (14) dager", "(14) Tage") and a
#: lowercase word right after a number, its twin written out ("14 (fjorton) dagar").
_KEPT_BRACKETS = re.compile(r"\(\s*\d+\s*\)|(?<=\d)\s*\(\s*([^\W\d_]+)\s*\)")
#: A bracketed aside after a word (not a number: "Artikel 5 (Retur)" is read as before) followed by
#: the rest of its clause: the next word starts in lower case.
_ASIDE = re.compile(r"(?<=[^\W\d_])\s*\(([^()\[\]]*)\)(?=\s+[^\W\d_A-ZÅÄÖÆØÜ])")
#: The longest aside read inside its clause, in words.
_ASIDE_WORDS = 6
#: An amount with its currency, before it ("kr 99", "€ 4,95", "EUR 4,95") or after it ("99 kr",
#: "49,90 €", "99,- kr", "49:-"). A code before the amount is written in capitals: "nok 5" is
#: Swedish for "probably 5".
_AMOUNT = r"\d+(?:[.,]\d{1,2})?(?:[.,][-–])?"
_MONEY = re.compile(
    rf"(?:(?:[€£$]|\bkr\.?|\b(?-i:SEK|NOK|DKK|EUR)(?![^\W\d_]))\s?{_AMOUNT}(?!\d))"
    rf"|(?:\b{_AMOUNT}\s?(?:kr\.|kr\b|kron(?:or|er|a|e)\b|sek\b|nok\b|dkk\b|eur\b|euro(?:a|s)?\b|pounds?\b|€|£|:-))",
    re.IGNORECASE,
)


@cache
def _stemmer(lang: str) -> Stemmer.Stemmer:
    return Stemmer.Stemmer(ALGORITHMS[lang])


@lru_cache(maxsize=1 << 16)
def stem(word: str, lang: str) -> str:
    """The stem of a normalised word in ``lang``."""
    return str(_stemmer(lang).stemWord(word))


@dataclass(frozen=True)
class Part:
    mode: Mode
    text: str
    gap: int  # how many words may stand between the previous part and this one


@dataclass(frozen=True)
class Term:
    concept: str
    slot: str
    lang: str
    parts: tuple[Part, ...]


@dataclass(frozen=True)
class Pattern:
    value: str
    slots: tuple[str, ...]
    tier: int = 1
    near: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()
    within: int = WITHIN
    #: "clause" (the slots in one clause) or "sentence" (anywhere in the sentence, within
    #: ``within`` words: "Ist die Ware defekt, haben Sie Anspruch auf Nachbesserung")
    scope: str = "clause"


@dataclass(frozen=True)
class Concept:
    name: str
    patterns: tuple[Pattern, ...]
    negation: dict[str, str]
    suspend: dict[str, tuple[str, ...]]
    terms: tuple[Term, ...]
    #: slot -> the slot its words fill when a negation word stands near them
    negated: dict[str, str] = field(default_factory=dict)
    #: values in the order they win when a sentence's clauses disagree
    precedence: tuple[str, ...] = ()


def _part(raw: str, lang: str, gap: int) -> Part | None:
    exact = raw.startswith("=")
    core = raw.lstrip("=")
    lead, trail = core.startswith("*"), core.endswith("*")
    text = normalise(core.strip("*"))
    if not text or " " in text:
        return None
    if exact:
        return Part("exact", text, gap)
    if lead and trail:
        return Part("infix", text, gap)
    if trail:
        return Part("prefix", text, gap)
    if lead:
        return Part("suffix", text, gap)
    return Part("stem", stem(text, lang), gap)


def _term(concept: str, slot: str, lang: str, raw: str) -> Term | None:
    parts: list[Part] = []
    gap = 0
    for token in raw.split():
        gap_mark = _GAP.fullmatch(token)
        if gap_mark:
            gap = int(gap_mark.group(1) or GAP)
            continue
        # A word the normalisation splits ("e-post") is several adjacent parts.
        pieces = [token] if token.strip("=*").isalnum() else _split_word(token)
        for piece in pieces:
            part = _part(piece, lang, gap)
            if part is None:
                return None
            parts.append(part)
            gap = 0
    return Term(concept, slot, lang, tuple(parts)) if parts else None


def _split_word(token: str) -> list[str]:
    lead = "=" if token.startswith("=") else ""
    star_front = "*" if token.lstrip("=").startswith("*") else ""
    star_back = "*" if token.endswith("*") else ""
    words = normalise(token.strip("=*")).split()
    if not words:
        return []
    words[0] = lead + star_front + words[0]
    words[-1] = words[-1] + star_back
    return words


@cache
def load(name: str) -> Concept:
    """The concept of ``auditor/rules/lexicon/concepts/<name>.toml``."""
    file = resources.files("auditor") / "rules" / "lexicon" / "concepts" / f"{name}.toml"
    data = tomllib.loads(file.read_text(encoding="utf-8"))
    patterns = tuple(
        Pattern(
            value=str(p["value"]),
            slots=tuple(p["all"]),
            tier=int(p.get("tier", 1)),
            near=tuple(p.get("near", ())),
            unless=tuple(p.get("unless", ())),
            within=int(p.get("within", WITHIN)),
            scope=str(p.get("scope", "clause")),
        )
        for p in data.get("pattern", [])
    )
    terms: list[Term] = []
    for lang in LANGUAGES:
        for slot, values in data.get(lang, {}).items():
            for raw in values if isinstance(values, list) else ():
                term = _term(name, slot, lang, str(raw))
                if term is not None:
                    terms.append(term)
    suspend = {str(k): tuple(v) for k, v in data.get("suspend", {}).items()}
    negation = {str(k): str(v) for k, v in data.get("negation", {}).items()}
    negated = {str(k): str(v) for k, v in data.get("negated", {}).items()}
    precedence = tuple(str(v) for v in data.get("precedence", ()))
    return Concept(name, patterns, negation, suspend, tuple(terms), negated, precedence)


# --------------------------------------------------------------------------- the one table


Ref = tuple[int, int]  # (term index, part index)


@dataclass
class _Table:
    """Every part of every term of the concepts, by how it is looked up."""

    terms: list[Term] = field(default_factory=list)
    stems: dict[tuple[str, str], list[Ref]] = field(default_factory=dict)  # (lang, stem)
    exact: dict[str, list[Ref]] = field(default_factory=dict)
    prefix: dict[str, list[Ref]] = field(default_factory=dict)
    suffix: dict[tuple[str, str], list[Ref]] = field(default_factory=dict)  # (lang, stem ending)
    infix: list[tuple[str, Ref]] = field(default_factory=list)
    prefix_lengths: tuple[int, ...] = ()
    suffix_lengths: tuple[int, ...] = ()
    #: a long prefix or stem with one letter left out (not its first): a page word that fills
    #: nothing else may be it, misspelt (:func:`_misspelt`)
    fuzzy_prefix: dict[str, list[Ref]] = field(default_factory=dict)
    fuzzy_stems: dict[tuple[str, str], list[Ref]] = field(default_factory=dict)
    fuzzy_prefix_lengths: tuple[int, ...] = ()
    #: the prefix lengths a slip of typing may reach, and the first three letters of every term
    #: word or prefix it may reach (:func:`_mistyped`): a word mended to begin otherwise fills none
    typo_prefix_lengths: tuple[int, ...] = ()
    typo_openings: frozenset[str] = frozenset()
    #: the concepts of the terms
    names: frozenset[str] = frozenset()
    #: per term (by index): its ``(concept, lang, slot)`` and how many parts (words) it has
    keys: list[tuple[str, str, str]] = field(default_factory=list)
    sizes: list[int] = field(default_factory=list)
    #: ``(concept, slot) -> derived slot`` of every concept's ``negated`` table (:func:`_negated_slots`)
    negated: dict[tuple[str, str], str] = field(default_factory=dict)
    #: the ``@money`` slot of every concept in every language: an amount fills them all
    money_keys: tuple[tuple[str, str, str], ...] = ()
    #: per term (by index): the codes (:func:`_code`) of its parts after the first
    later: list[frozenset[int]] = field(default_factory=list)
    #: ``(concept, slot)`` as a small integer, for the prefilter (:meth:`PageConcepts._may_state`):
    #: a set of integers is cheaper to build and ask than one of pairs. Every pair of the terms,
    #: the derived slots and ``@money``; a pattern's slot no term fills is given one when asked.
    slot_ids: dict[tuple[str, str], int] = field(default_factory=dict)
    #: per term (by index): the id of its ``(concept, slot)``
    term_slots: list[int] = field(default_factory=list)
    #: :attr:`negated` by ids, and the ids of every concept's ``@money`` slot
    negated_ids: dict[int, int] = field(default_factory=dict)
    money_ids: frozenset[int] = frozenset()
    #: What was found with the table, kept for the process (each a pure function of the table and
    #: the text, so every page reads the same answer; boilerplate repeats on every page of a site):
    #: word -> what it fills (:func:`_entry`)
    words: dict[str, _Entry] = field(default_factory=dict)
    #: the table of every shipped concept (itself when it is that one): what decides whether a
    #: word is a term of the data or may be a misspelt one
    shipped: _Table | None = None
    #: sentence -> its matches (:meth:`PageConcepts.sentence`)
    found: dict[str, dict[str, Match]] = field(default_factory=dict)
    #: sentence -> concept -> slot -> spans (:meth:`PageConcepts.spans`)
    spans: dict[str, dict[str, dict[str, list[tuple[int, int]]]]] = field(default_factory=dict)
    #: text -> the slot ids its words may fill (:meth:`PageConcepts._bound`): the prefilter's
    #: bound, the same whichever concept is asked of the text (a statement is asked several)
    bounds: dict[str, frozenset[int]] = field(default_factory=dict)

    #: How many entries each memory above holds before it starts again (:attr:`words`:
    #: :attr:`WORDS_KEPT`).
    KEPT = 1 << 13
    #: How many words' entries are kept: a word's entry is the costliest reading of the matcher
    #: (every language's stem, every prefix and suffix length), and a process auditing many sites
    #: meets more distinct words than sentences it reads again; most words fill nothing and share
    #: one entry's empty sets (:data:`_NO_ENTRY`; compiled, a tuple each), so the memory is mostly
    #: the words themselves.
    WORDS_KEPT = 1 << 16

    def entry(self, word: str) -> _Entry:
        found = self.words.get(word)
        if found is None:
            if len(self.words) >= self.WORDS_KEPT:
                self.words.clear()
            found = self.words[word] = _entry(self, word)
        return found

    def slot_id(self, key: tuple[str, str]) -> int:
        """The id of ``(concept, slot)`` (:attr:`slot_ids`), given one the first time."""
        found = self.slot_ids.get(key)
        if found is None:
            found = self.slot_ids[key] = len(self.slot_ids)
        return found


#: What a word fills, made once per word: the codes of every term part it fills, the terms whose
#: first part it fills (in the order :func:`_refs` gives them), and among those, the one-word terms;
#: then what the prefilter asks of it (:meth:`PageConcepts._may_state`): the slot ids
#: (:attr:`_Table.slot_ids`) of those one-word terms (the word alone fills them), the longer terms
#: it begins, and the codes of the parts after the first that it fills (what a longer term needs
#: of the other words).
_Entry = tuple[frozenset[int], tuple[int, ...], tuple[int, ...], frozenset[int], tuple[int, ...], frozenset[int]]
#: How a term part is coded in an entry: ``term index * _PARTS + part index`` (a set of small
#: integers is cheaper to build and ask than one of pairs).
_PARTS = 64


def _code(index: int, at: int) -> int:
    return index * _PARTS + at


#: The entry of a word that fills no term part (most words of a page): one object for all of them.
_NO_ENTRY: _Entry = (frozenset(), (), (), frozenset(), (), frozenset())


def _entry(table: _Table, word: str) -> _Entry:
    refs = _refs(table, word)
    if not refs:
        return _NO_ENTRY
    firsts = tuple(index for index, at in refs if at == 0)
    sizes, term_slots = table.sizes, table.term_slots
    alone = tuple(index for index in firsts if sizes[index] == 1)
    return (frozenset(_code(index, at) for index, at in refs), firsts, alone,
            frozenset(term_slots[index] for index in alone),
            tuple(dict.fromkeys(index for index in firsts if sizes[index] > 1)),
            frozenset(_code(index, at) for index, at in refs if at))


@lru_cache(maxsize=64)
def _table(names: tuple[str, ...]) -> _Table:
    table = _Table()
    for name in names:
        for term in load(name).terms:
            index = len(table.terms)
            table.terms.append(term)
            table.keys.append((term.concept, term.lang, term.slot))
            table.sizes.append(len(term.parts))
            if len(term.parts) > _PARTS:
                raise ValueError(f"a term of {name} has more than {_PARTS} words: {term}")
            table.later.append(frozenset(_code(index, at) for at in range(1, len(term.parts))))
            for at, part in enumerate(term.parts):
                ref = (index, at)
                if part.mode == "stem":
                    table.stems.setdefault((term.lang, part.text), []).append(ref)
                elif part.mode == "exact":
                    table.exact.setdefault(part.text, []).append(ref)
                elif part.mode == "prefix":
                    table.prefix.setdefault(part.text, []).append(ref)
                elif part.mode == "suffix":
                    table.suffix.setdefault((term.lang, part.text), []).append(ref)
                else:
                    table.infix.append((part.text, ref))
    table.names = frozenset(t.concept for t in table.terms)
    table.negated = {(name, slot): derived for name in names for slot, derived in load(name).negated.items()}
    table.money_keys = tuple((name, lang, MONEY) for name in table.names for lang in LANGUAGES)
    table.term_slots = [table.slot_id((concept, slot)) for concept, _, slot in table.keys]
    table.negated_ids = {table.slot_id(key): table.slot_id((key[0], derived)) for key, derived in table.negated.items()}
    table.money_ids = frozenset(table.slot_id((key[0], key[2])) for key in table.money_keys)
    table.prefix_lengths = tuple(sorted({len(p) for p in table.prefix}))
    table.suffix_lengths = tuple(sorted({len(s) for _, s in table.suffix}))
    # A variant that some shipped concept names as a term is that term, not a misspelling: asked
    # of every shipped concept's terms, not only this table's, so that a concept read alone reads
    # a word as it does beside the others (PageConcepts.value's reading of one concept).
    shipped = table if tuple(sorted(names)) == shipped_names() else _table(shipped_names())
    for text, refs in table.prefix.items():
        for variant in one_letter_left_out(text):
            if variant not in shipped.prefix:
                table.fuzzy_prefix.setdefault(variant, []).extend(refs)
    for (lang, text), refs in table.stems.items():
        for variant in one_letter_left_out(text):
            if (lang, variant) not in shipped.stems:
                table.fuzzy_stems.setdefault((lang, variant), []).extend(refs)
    table.shipped = shipped
    table.typo_prefix_lengths = tuple(length for length in table.prefix_lengths if length >= _TYPO_TERM)
    table.typo_openings = frozenset(
        text[:3] for text in chain(table.exact, table.prefix) if len(text) >= _TYPO_TERM and " " not in text
    )
    table.fuzzy_prefix_lengths = tuple(sorted({len(p) for p in table.fuzzy_prefix}))
    return table


#: A term's word this long or longer is read through a missing letter ("Gewährleitung",
#: "rättighter", "Widerufsformular"): shorter words have too many neighbours ("dagr" is no
#: typo the data can tell from another word).
FUZZY_MIN = 9


def one_letter_left_out(text: str, shortest: int = FUZZY_MIN) -> list[str]:
    """``text`` with one letter left out, any but the first (typos rarely start a word), when it is
    at least ``shortest`` letters long; none for a phrase of several words."""
    if len(text) < shortest or " " in text:
        return []
    return list(dict.fromkeys(text[:i] + text[i + 1 :] for i in range(1, len(text))))


#: A number with its unit written as one word ("24hrs", "48t", "2std"): the unit's terms count.
_GLUED_UNIT = re.compile(r"\d{1,3}([^\W\d_]{1,5})")


def _refs(table: _Table, word: str) -> list[Ref]:
    """Every term part a normalised word fills."""
    found: list[Ref] = list(table.exact.get(word, ()))
    glued = _GLUED_UNIT.fullmatch(word)
    if glued is not None:
        found.extend(_refs(table, glued.group(1)))
    direct = len(found)  # exact hits, then those of a prefix that is most of the word
    for length in table.prefix_lengths:
        if length > len(word):
            break
        hits = table.prefix.get(word[:length], ())
        found.extend(hits)
        direct += len(hits) if length >= len(word) - _KNOWN_ENDING else 0
    for text, ref in table.infix:
        if text in word:
            found.append(ref)
    stems = []
    for lang in LANGUAGES:
        stemmed = stem(word, lang)
        stems.append((lang, stemmed))
        hits = table.stems.get((lang, stemmed), ())
        direct += len(hits)
        found.extend(hits)
        for length in table.suffix_lengths:
            if length > len(stemmed):
                break
            found.extend(table.suffix.get((lang, stemmed[-length:]), ()))
    # a word no term names as a whole or by its beginning or stem (a compound's ending or middle
    # may still fill one) may be a misspelt one; "no term" of any shipped concept, whatever this
    # table holds (the same reading alone as beside the others)
    if not direct and len(word) >= TYPO_MIN and (
        table.shipped is None or table.shipped is table or not _named(table.shipped, word, stems)
    ):
        if len(word) >= FUZZY_MIN - 1:
            found.extend(_misspelt(table, word, stems))
        found.extend(_mistyped(table, word))
    return found


#: A word this long or longer is read through a doubled or undoubled letter or two letters
#: swapped ("reklammera", "widerufen", "Rücksednung", "Reklamajson"): the slips of typing, which
#: change no letter of the word.
TYPO_MIN = 5
#: The shortest term word (or prefix) a slip may reach: short words have real neighbours one
#: slip away ("opkrav" of "oppkrav", "viikoja" of "vikoja").
_TYPO_TERM = 7
#: Languages whose double letters are words of their own (Finnish vowel and consonant length:
#: "tuli"/"tuuli", "mutta"/"muutta"): a doubled or undoubled letter is no slip there, a swap is.
_LENGTH_LANGUAGES = frozenset({"fi"})


def _mistyped(table: _Table, word: str) -> list[Ref]:
    """The term parts a word that fills none spells with one slip of typing: a letter doubled or
    a double letter written once, or two neighbouring letters swapped (never the first letter).
    The word so mended must be a long term's whole word, or begin with a long term prefix that is
    most of it, as a word written right fills it (:func:`_refs`)."""
    found: list[Ref] = []
    openings, lengths = table.typo_openings, table.typo_prefix_lengths
    for variant, swapped in _slips(word):
        size = len(variant)
        if size < _TYPO_TERM or variant[:3] not in openings:
            continue
        hits = list(table.exact.get(variant, ()))
        shortest = max(_TYPO_TERM, size - _KNOWN_ENDING)
        for length in lengths:
            if length > size:
                break
            if length >= shortest:
                hits.extend(table.prefix.get(variant[:length], ()))
        found.extend(ref for ref in hits if swapped or table.keys[ref[0]][1] not in _LENGTH_LANGUAGES)
    return found


def _slips(word: str) -> list[tuple[str, bool]]:
    """``word`` with one slip of typing undone, each with whether the slip was a swap: each double
    letter single, each single letter (after the first) doubled, each two neighbouring letters
    (after the first) swapped."""
    out: dict[str, bool] = {}
    for i in range(1, len(word)):
        if i + 1 < len(word) and word[i + 1] != word[i]:
            out[word[:i] + word[i + 1] + word[i] + word[i + 2 :]] = True
        if word[i] == word[i - 1]:
            out.setdefault(word[:i] + word[i + 1 :], False)
        else:
            out.setdefault(word[:i] + word[i] + word[i:], False)
    return list(out.items())


def _named(table: _Table, word: str, stems: list[tuple[str, str]]) -> bool:
    """Whether a term of ``table`` names ``word`` as a whole, by a prefix that is most of it, or
    by its stem (what keeps a word from being read as a misspelt other one)."""
    if word in table.exact or any(key in table.stems for key in stems):
        return True
    return any(word[:length] in table.prefix for length in table.prefix_lengths
               if len(word) - _KNOWN_ENDING <= length <= len(word))


@cache
def shipped_names() -> tuple[str, ...]:
    """The concepts shipped as data, by file name (sorted)."""
    folder = resources.files("auditor") / "rules" / "lexicon" / "concepts"
    return tuple(sorted(p.name[: -len(".toml")] for p in folder.iterdir() if p.name.endswith(".toml")))


#: A prefix that a word begins with names the word when at most this many letters follow it
#: ("returen" by "retur*"): such a word is no misspelt other one; "reklamtionsrätt" is not named by
#: "reklam*".
_KNOWN_ENDING = 3


def _misspelt(table: _Table, word: str, stems: list[tuple[str, str]]) -> list[Ref]:
    """The term parts a word that fills none may stand for with one letter missing: a long prefix
    or stem of the data with that letter left out is the word's beginning or its stem."""
    found: list[Ref] = []
    for length in table.fuzzy_prefix_lengths:
        if length > len(word):
            break
        found.extend(table.fuzzy_prefix.get(word[:length], ()))
    for key in stems:
        found.extend(table.fuzzy_stems.get(key, ()))
    return found


# --------------------------------------------------------------------------- matching


@dataclass(frozen=True)
class Clause:
    text: str
    words: tuple[str, ...]
    #: (concept, lang, slot) -> word positions
    hits: dict[tuple[str, str, str], tuple[int, ...]]
    #: concept -> positions of the words that are parts of a term of two or more words: a
    #: negation word there is the term's own ("påverkar inte", "does not affect"), not the clause's
    owned: dict[str, frozenset[int]] = field(default_factory=dict)
    #: how many words a leading condition read with this clause has (:func:`clauses`: "Jos et ole
    #: tyytyväinen, maksat palautuksen itse"); 0 for a clause without one
    lead: int = 0
    #: where a trailing condition opens ("Returfrakten betalas av kunden om inget annat har
    #: avtalats"): the word position of its conditional word; 0 for a clause without one (or
    #: without a negation word, which is all it is read for)
    trail: int = 0
    #: (concept, slot) of every slot filled in some language: what the patterns ask, answered
    #: without walking the languages
    filled: frozenset[tuple[str, str]] = field(init=False, default=frozenset())
    #: the concepts with a slot filled: a clause that fills none of a concept's slots states nothing
    #: of it, and is passed over without reading its patterns
    named: frozenset[str] = field(init=False, default=frozenset())

    def __post_init__(self) -> None:
        filled = frozenset(map(_CONCEPT_SLOT, self.hits))
        object.__setattr__(self, "filled", filled)
        object.__setattr__(self, "named", frozenset(map(_CONCEPT, filled)))


_CONCEPT_SLOT = itemgetter(0, 2)  # (concept, lang, slot) -> (concept, slot)
_CONCEPT = itemgetter(0)


@dataclass(frozen=True)
class Match:
    """What a sentence says for one concept: ``value`` and the clause that says it."""

    concept: str
    value: str
    clause: str


#: Words that open a leading subordinate clause ("Wenn Sie widerrufen, tragen Sie ...",
#: "Når du sender den tilbage, betaler du ..."): such a clause is read with the one after it.
SUBORDINATORS = frozenset(
    normalise(w)
    for w in (
        "när",
        "om",
        "ifall",
        "då",
        "når",
        "hvis",
        "dersom",
        "jos",
        "kun",
        "mikäli",
        "wenn",
        "falls",
        "sobald",
        "sofern",
        "if",
        "when",
        "once",
        "should",
    )
)


#: Words that open a condition after a main clause ("… betalas av kunden om inget annat har
#: avtalats", "… trägt der Kunde, sofern nichts anderes vereinbart ist"): conditions only, not
#: time ("när", "when"), whose clause may be the statement itself.
TRAILING_CONDITIONS = frozenset(
    normalise(w)
    for w in ("om", "ifall", "såvida", "hvis", "dersom", "medmindre", "jos", "mikäli", "ellei", "wenn", "falls",
              "sofern", "soweit", "if", "unless", "provided")
)


def clauses(sentence: str) -> list[str]:
    """The clauses of a sentence: cut at commas, semicolons, dashes and brackets; a leading
    clause that opens with a subordinating word, or whose next clause opens with a correlative
    ("…, so hat er …"), stays with the clause after its comma."""
    return list(_clauses(sentence))


@lru_cache(maxsize=1 << 13)
def _clauses(sentence: str) -> tuple[str, ...]:
    """:func:`clauses`, once per sentence: the matcher and every gatherer reading a statement
    whole (:func:`auditor.facts.passages._concepts.statement_value`) cut the same sentences."""
    pieces: list[tuple[str, str]] = []
    start = 0
    kept = [
        (found.start(), found.end())
        for found in _KEPT_BRACKETS.finditer(sentence)
        if found.group(1) is None or found.group(1).islower()
    ]
    # A short aside in brackets inside a clause that goes on after it ("Returfrakten (49 kr)
    # betalar du själv", "Die Kosten der Rücksendung (ca. 6 €) tragen Sie"): the clause is one.
    kept += [
        (found.start(), found.end())
        for found in _ASIDE.finditer(sentence)
        if len(found.group(1).split()) <= _ASIDE_WORDS and sentence[: found.start()].strip()
    ]
    for found in _CLAUSE_BREAK.finditer(sentence):
        if any(lo <= found.start() < hi for lo, hi in kept):
            continue
        pieces.append((sentence[start : found.start()], found.group()))
        start = found.end()
    pieces.append((sentence[start:], ""))
    out: list[str] = []
    pending = ""
    for number, (text, separator) in enumerate(pieces):
        if not text.strip():
            continue
        text, pending = pending + text, ""
        if number == 0 and separator == "," and _leads_into(text, pieces[1][0] if len(pieces) > 1 else ""):
            pending = text + separator
            continue
        out.append(text)
    if pending:
        out.append(pending[:-1])
    return tuple(out)

#: Words that open a clause joined to the one before as its equal ("…, och för varor som …",
#: "…, and bulky items …"): after one, the clause before was whole, its leading subordinate
#: clause ended without a comma ("Om du ångrar dig betalar du returen, och …").
COORDINATORS = frozenset(
    normalise(w) for w in ("och", "og", "samt", "ja", "sekä", "und", "and", "men", "mutta", "aber", "but")
)


#: Words that open a main clause answering the leading clause before it ("Übt der Kunde sein
#: Widerrufsrecht aus, so hat er die Kosten zu tragen"): the leading clause is a condition without
#: a subordinating word, read with it. Not the Nordic "så": after an imperative it opens the
#: shop's own promise ("Bestill en samtale, så ringer vi deg opp innen 4 timer"), a clause apart.
CORRELATIVES = frozenset({"so"})


def _opens_with(text: str, first_words: frozenset[str]) -> bool:
    """Whether ``text``'s first word is one of ``first_words`` (:data:`SUBORDINATORS`, :data:`COORDINATORS`)."""
    words = normalise(text).split()
    return bool(words) and words[0] in first_words


def _found(table: _Table, words: tuple[str, ...]) -> Found:
    """``(term index, where it is found)`` of every term found in ``words``.

    A term is looked for from its first word, and one of several words only where every one of
    its words is: common first words ("du", "the") start many terms whose other words are
    absent, and they are passed over by one set comparison. The terms come in the order of a
    set of the first parts met word by word, as they always have: the order callers see slots in.
    """
    known = table.words  # the hot loop of the matcher: the memory of each word asked directly
    entries = [known.get(word) or table.entry(word) for word in words]
    starts = set(chain.from_iterable(entry[1] for entry in entries))
    if not starts:
        return []
    sizes = table.sizes
    alone: dict[int, list[tuple[int, ...]]] = {}  # one-word term -> where it is
    for position, entry in enumerate(entries):
        for index in entry[2]:
            places = alone.get(index)
            if places is None:
                alone[index] = [(position,)]
            else:
                places.append((position,))
    present: frozenset[int] | None = None  # every part some word fills: asked only of longer terms
    out: Found = []
    for index in starts:
        places = alone.get(index)
        if places is not None:  # a one-word term (every one of them in ``starts`` is in ``alone``)
            out.append((index, places))
            continue
        if present is None:
            present = frozenset().union(*(entry[5] for entry in entries if entry[5]))  # parts after a first
        if not table.later[index] <= present:
            continue  # a word of the term is missing
        parts = {(index, at): [position for position, entry in enumerate(entries) if code in entry[0]]
                 for at, code in enumerate(range(_code(index, 0), _code(index, sizes[index])))}
        found = _term_matches(table.terms[index], index, parts)
        if found:
            out.append((index, found))
    return out


#: The normalised words of a text and ``(term index, where it is found)`` of every term in them:
#: what both a clause's reading (:func:`_clause`) and the spans (:func:`_spans_of`) are made from.
Found = list[tuple[int, list[tuple[int, ...]]]]
Terms = tuple[tuple[str, ...], Found]
#: ``{concept: {slot: [(start, end), ...]}}``
Spans = dict[str, dict[str, list[tuple[int, int]]]]


def _terms(table: _Table, text: str) -> Terms:
    words = tuple(normalise(text).split())
    return words, _found(table, words)


def _clause(table: _Table, text: str, terms: Terms | None = None) -> Clause:
    """The reading of ``text`` as one clause (``terms``: its :func:`_terms`, when known)."""
    words, found_terms = terms if terms is not None else _terms(table, text)
    hits: dict[tuple[str, str, str], set[int]] = {}
    owned: dict[str, set[int]] = {}
    placed: dict[tuple[str, str, str], list[tuple[int, ...]]] = {}
    keys, sizes = table.keys, table.sizes
    negation = False
    for index, found in found_terms:
        key = keys[index]
        negation = negation or key[2] == NEGATION
        known = hits.get(key)
        if known is None:
            hits[key] = {at[0] for at in found}
            placed[key] = list(found)
        else:
            known.update([at[0] for at in found])
            placed[key].extend(found)
        if sizes[index] > 1:  # the words of a term of several words are its own
            own = owned.get(key[0])
            if own is None:
                own = owned[key[0]] = set()
            for found_at in found:
                own.update(found_at)
    if negation:  # a derived slot needs a negation word: most clauses have none
        _negated_slots(placed, hits, owned, table.negated)
    sorted_hits = {k: tuple(sorted(v)) for k, v in hits.items()}
    if _DIGIT.search(text) and _may_state_money(text):  # most clauses have no digit, or no currency
        _add_money(table, text, sorted_hits)
    return Clause(text, words, sorted_hits, {k: frozenset(v) for k, v in owned.items()}, _lead(text),
                  _trail(words) if negation else 0)


def _trail(words: tuple[str, ...]) -> int:
    """Where a trailing condition opens in a clause's words ("… betalas av kunden om inget annat
    har avtalats"): the first conditional word after the clause's second word; 0 for none."""
    return next((i for i in range(2, len(words)) if words[i] in TRAILING_CONDITIONS), 0)


def _lead(text: str) -> int:
    """How many words of ``text`` are a leading condition read with the clause after its comma
    (:func:`_clauses` joins them: a subordinating word first, or a correlative after the comma)."""
    comma = _COMMA_BREAK.search(text)
    if comma is None or not _leads_into(before := text[: comma.start()], text[comma.end() :]):
        return 0
    return len(normalise(before).split())


def _leads_into(before: str, after: str) -> bool:
    """Whether the clause ``before`` a sentence's first comma is a leading condition read with the
    clause ``after`` it: it opens with a subordinating word (and the next is no coordinated clause of
    its own), or the next opens with a correlative."""
    return (_opens_with(before, SUBORDINATORS) and not _opens_with(after, COORDINATORS)) or _opens_with(
        after, CORRELATIVES)


#: A comma that cuts clauses (:data:`_CLAUSE_BREAK`), not one inside a number ("4,90").
_COMMA_BREAK = re.compile(r"(?<!\d),|,(?![\d\-–—])")


_DIGIT = re.compile(r"\d")
#: What every amount of :data:`_MONEY` holds, case-folded: its currency's sign, code or word
#: ("kronor" holds "kr", "euro" "eur"). Case-folding meets what the pattern's IGNORECASE meets
#: (the Kelvin sign folds to "k", the long s to "s").
_CURRENCY_MARKS = ("€", "£", "$", "kr", "sek", "nok", "dkk", "eur", "pound", ":-")


def _may_state_money(text: str) -> bool:
    """Whether ``text`` holds a currency mark, without which :data:`_MONEY` finds nothing."""
    folded = text.casefold()
    return any(mark in folded for mark in _CURRENCY_MARKS)


def _add_money(table: _Table, text: str, hits: dict[tuple[str, str, str], tuple[int, ...]]) -> None:
    """Fill the ``@money`` slot of every concept in every language where ``text`` states an
    amount (the places found once, not once per concept and language)."""
    places = {len(normalise(text[: found.start()]).split()) for found in _MONEY.finditer(text)}
    if not places:
        return
    money = tuple(sorted(places))
    for key in table.money_keys:
        known = hits.get(key)  # a term of the data under the name "@money" too: both count
        hits[key] = money if known is None else tuple(sorted(places.union(known)))


def _negated_slots(
    found: dict[tuple[str, str, str], list[tuple[int, ...]]],
    hits: dict[tuple[str, str, str], set[int]],
    owned: dict[str, set[int]],
    negated: dict[tuple[str, str], str],
) -> None:
    """Fill each concept's ``negated`` slots (``negated``: ``{(concept, slot): derived}``): a word
    of the source slot with a negation word of its language within :data:`NEGATED_REACH` words;
    the negation word becomes the term's own."""
    if not negated:
        return
    for (name, lang, slot), places in list(found.items()):
        derived = negated.get((name, slot))
        if derived is None:
            continue
        negations = found.get((name, lang, NEGATION), [])
        for place in places:
            lo, hi = place[0], place[-1]
            near = [
                n
                for n in negations
                if lo - NEGATED_REACH <= n[0] and n[-1] <= hi + NEGATED_REACH and not set(n) & set(place)
            ]
            if near:
                hits.setdefault((name, lang, derived), set()).add(lo)
                owned.setdefault(name, set()).update({*place, *(at for n in near for at in n)})


def _term_matches(term: Term, index: int, parts: dict[Ref, list[int]]) -> list[tuple[int, ...]]:
    """Where a term is found in the clause: the positions of its parts, each found in order
    within its gap after the one before. The nearest word that fills a part is tried first, then
    the next: in "hören innerhalb von 2 Tagen von uns" the term "hören ... von uns" is the second
    "von", the one "uns" follows."""
    starts = parts.get((index, 0), [])
    if len(term.parts) == 1:
        return [(start,) for start in starts]
    found: list[tuple[int, ...]] = []
    for start in starts:
        positions = _rest_of_term(term, index, parts, 1, start)
        if positions is not None:
            found.append((start, *positions))
    return found


def _rest_of_term(term: Term, index: int, parts: dict[Ref, list[int]], number: int, at: int) -> tuple[int, ...] | None:
    """The positions of parts ``number``… of a term whose part before is at ``at``, or None."""
    if number == len(term.parts):
        return ()
    gap = term.parts[number].gap
    for position in parts.get((index, number), ()):
        if at < position <= at + 1 + gap:
            rest = _rest_of_term(term, index, parts, number + 1, position)
            if rest is not None:
                return (position, *rest)
    return None


def _span(clause: Clause, concept: str, lang: str, slots: Iterable[str]) -> int | None:
    """The fewest words spanning one hit of each slot, or None when a slot has none."""
    positions = [clause.hits.get((concept, lang, slot), ()) for slot in slots]
    if any(not p for p in positions):
        return None
    best: int | None = None
    for anchor in positions[0]:
        lo = hi = anchor
        for options in positions[1:]:
            nearest = min(options, key=lambda p: abs(p - anchor))
            lo, hi = min(lo, nearest), max(hi, nearest)
        if best is None or hi - lo < best:
            best = hi - lo
    return best


def _negated(
    clause: Clause, concept: str, lang: str, near: tuple[str, ...] | None = None, slots: tuple[str, ...] = ()
) -> bool:
    """Whether the clause holds a negation word of ``lang`` that is not part of a longer term.

    Read in a whole sentence (``near``: the pattern's slots), a negation word counts only within
    :data:`SENTENCE_NEGATION_REACH` words of one of those slots' words: "Large items that cannot
    be sent by post will be collected for a fee of €40" denies the post, not the fee; "Die
    gesetzliche Gewährleistung ist bei B-Ware ausgeschlossen" still denies the right.

    In a clause read with its leading condition (``slots``: the pattern's), a negation word of
    the condition denies the condition, not the clause ("If you are not happy with it, you pay
    the return"), unless the pattern is stated in the condition alone; so does a negation word
    of a trailing condition when every slot is said before it ("Returfrakten betalas av kunden
    om inget annat har avtalats")."""
    owned = clause.owned.get(concept, frozenset())
    negations = [at for at in clause.hits.get((concept, lang, NEGATION), ()) if at not in owned]
    lead = clause.lead
    if lead and negations and slots and not all(
        any(at < lead for at in clause.hits.get((concept, lang, slot), ())) for slot in slots
    ):
        negations = [at for at in negations if at >= lead]
    trail = clause.trail
    if trail and negations and slots and all(
        any(at < trail for at in clause.hits.get((concept, lang, slot), ())) for slot in slots
    ):
        # every slot said before a trailing condition: a negation in the condition denies the
        # condition ("… betalas av kunden om inget annat har avtalats", "… unless not …")
        negations = [at for at in negations if at < trail]
    if near is None or not negations:
        return bool(negations)
    words = [at for slot in near for at in clause.hits.get((concept, lang, slot), ())]
    return any(abs(n - at) <= SENTENCE_NEGATION_REACH for n in negations for at in words)


@dataclass(frozen=True)
class _Keys:
    """A pattern's slots as the keys a clause holds them by, made once per concept: the matcher
    asks them of every clause (a set comparison instead of a lookup per slot)."""

    pattern: Pattern
    #: ``(concept, slot)`` of its ``unless`` slots and of its slots
    unless: frozenset[tuple[str, str]]
    needs: frozenset[tuple[str, str]]
    #: per language (in :data:`LANGUAGES` order): ``(concept, lang, slot)`` of its slots
    by_lang: tuple[tuple[str, frozenset[tuple[str, str, str]]], ...]


#: concept name -> (the concept, its patterns' keys by scope, in the patterns' order); the concept
#: is kept to tell a concept loaded again (a test's) from the one the keys were made of.
_KEYS: dict[str, tuple[Concept, dict[str, tuple[_Keys, ...]]]] = {}


def _keys(concept: Concept, scope: str) -> tuple[_Keys, ...]:
    """The keys of ``concept``'s patterns that read a ``scope`` ("clause" or "sentence"): the
    matcher asks a clause only the patterns of its scope."""
    known = _KEYS.get(concept.name)
    if known is None or known[0] is not concept:
        name = concept.name
        keys = tuple(
            _Keys(
                pattern,
                frozenset((name, slot) for slot in pattern.unless),
                frozenset((name, slot) for slot in pattern.slots),
                tuple((lang, frozenset((name, lang, slot) for slot in pattern.slots)) for lang in LANGUAGES),
            )
            for pattern in concept.patterns
        )
        by_scope: dict[str, tuple[_Keys, ...]] = {}
        for key in keys:
            by_scope[key.pattern.scope] = (*by_scope.get(key.pattern.scope, ()), key)
        known = _KEYS[name] = (concept, by_scope)
    return known[1].get(scope, ())


#: What a concept without ``suspend`` has suspended.
_NONE_SUSPENDED: frozenset[str] = frozenset()


def _clause_value(concept: Concept, clause: Clause, suspended: AbstractSet[str], scope: str = "clause") -> str | None:
    if concept.name not in clause.named:
        return None  # every pattern needs a slot filled
    candidates: list[tuple[int, int, int, str]] = []
    hits = clause.hits
    filled = clause.filled
    for keys in _keys(concept, scope):
        # A slot unfilled in every language (no language's span: most patterns of most clauses),
        # then a slot of ``unless`` filled: the pattern does not count.
        if not keys.needs <= filled or not filled.isdisjoint(keys.unless):
            continue
        pattern = keys.pattern
        for lang, needed in keys.by_lang:
            if not hits.keys() >= needed:
                continue  # what _span would find: a slot without a hit in this language
            whole = _span(clause, concept.name, lang, pattern.slots)
            if whole is None or whole > pattern.within:
                continue
            near = _span(clause, concept.name, lang, pattern.near or pattern.slots)
            value: str | None = pattern.value
            if _negated(clause, concept.name, lang, pattern.slots if scope == "sentence" else None, pattern.slots):
                value = concept.negation.get(pattern.value)
            if value is None:
                continue
            rank = concept.precedence.index(value) if value in concept.precedence else len(concept.precedence)
            candidates.append((pattern.tier, rank, near if near is not None else whole, value))
    if not candidates:
        return None
    best = min((tier, rank, span) for tier, rank, span, _ in candidates)
    values = {value for tier, rank, span, value in candidates if (tier, rank, span) == best}
    # A suspended value is what the clause says, taken away: the clause then says nothing (a
    # weaker reading of it does not stand in: "Har du fått fel vara står vi för returen").
    return values.pop() if len(values) == 1 and not values & suspended else None


@cache
def _needs_a_word(name: str) -> bool:
    """Whether every pattern of concept ``name`` needs a slot filled by a word: one whose slots
    are all ``@money`` is filled by an amount alone, which a text's spans do not show."""
    return all(any(slot != MONEY for slot in p.slots) for p in load(name).patterns)


@cache
def _reads_sentences(name: str) -> bool:
    """Whether a pattern of concept ``name`` reads the whole sentence (``scope = "sentence"``)."""
    return any(p.scope == "sentence" for p in load(name).patterns)


class PageConcepts:
    """The concepts of one page's sentences, matched in one pass over their words.

    ``sentence(text)`` answers from what was indexed and matches a sentence it has not seen
    (a label joined to its value) on demand, with the same table. What a sentence states is the
    same on every page, so the answers are kept with the table, for the process: a site's
    boilerplate is read once, not once a page."""

    def __init__(self, sentences: Iterable[str], names: Iterable[str]) -> None:
        self.names = tuple(sorted(set(names)))
        self._table = _table(self.names)
        self._concepts: tuple[tuple[str, Concept, bool, tuple[_Keys, ...]], ...] | None = None
        #: per concept asked alone (None: all of them), the needs of its patterns (:meth:`_anchor_needs`)
        self._anchored: dict[str | None, dict[int, list[frozenset[int]]] | Literal[True]] = {}
        for text in sentences:
            self.sentence(text)

    def _plan(self) -> tuple[tuple[str, Concept, bool, tuple[_Keys, ...]], ...]:
        """Per concept, in name order: its name, the concept, whether a pattern of it reads the
        whole sentence, and the keys of those patterns; asked of every sentence, made once."""
        if self._concepts is None:
            self._concepts = tuple(
                (name, load(name), _reads_sentences(name), _keys(load(name), "sentence")) for name in self.names
            )
        return self._concepts

    def sentence(self, text: str) -> dict[str, Match]:
        """``{concept: Match}`` for the concepts ``text`` states (one value each)."""
        table = self._table
        known = table.found.get(text)
        if known is not None:
            return known
        if not self._may_state(text):
            # No pattern of any concept can have its slots filled: the reading states nothing
            # (most sentences of a page, nearly every one a single concept is asked of). The
            # spans are made when asked (:meth:`_every_span`), the same as the reading makes them.
            nothing: dict[str, Match] = {}
            self._keep_found(text, nothing)
            return nothing
        pieces = clauses(text)
        read = [_terms(table, piece) for piece in pieces]
        parsed = [_clause(table, piece, terms) for piece, terms in zip(pieces, read, strict=True)]
        # The terms of the whole sentence: those of its only clause, or found when a pattern reads
        # the sentence; the spans of the sentence (:meth:`spans`, which gatherers ask of the same
        # sentences) are then made from them instead of from a second reading.
        whole_terms = read[0] if len(pieces) == 1 and pieces[0] == text else None
        whole: Clause | None = None
        possible: frozenset[tuple[str, str]] | None = None  # a bound on the slots ``whole`` fills
        found: dict[str, Match] = {}
        named = frozenset().union(*(c.named for c in parsed))
        filled = frozenset().union(*(c.filled for c in parsed))  # the slots some clause fills
        for name, concept, reads_sentences, sentence_keys in self._plan():
            if name not in named and not reads_sentences:
                continue  # no clause fills a slot of it: nothing to read
            suspended = {
                value for value, slots in concept.suspend.items() if any((name, slot) in filled for slot in slots)
            } if concept.suspend else _NONE_SUSPENDED
            values: dict[str, str] = {}
            if name in named:
                for clause in parsed:
                    if name not in clause.named:
                        continue  # what _clause_value would answer first: no slot of it filled
                    value = _clause_value(concept, clause, suspended)
                    if value is not None:
                        values.setdefault(value, clause.text)
            if reads_sentences:
                if whole_terms is None:
                    whole_terms = _terms(table, text)
                if possible is None:
                    possible = _fillable(table, text, whole_terms[1])
                # The sentence read whole only where a pattern of that scope may have every slot
                # filled: a few sentences in a hundred (the reading of the rest says nothing).
                if any(keys.needs <= possible for keys in sentence_keys):
                    if whole is None:  # a sentence of one clause is that clause: read once
                        one = len(pieces) == 1 and pieces[0] == text
                        whole = parsed[0] if one else _clause(table, text, whole_terms)
                    value = _clause_value(concept, whole, suspended, scope="sentence")
                    if value is not None:
                        values.setdefault(value, whole.text)
            if len(values) > 1:
                first = next((v for v in concept.precedence if v in values), None)
                values = {first: values[first]} if first is not None else values
            if len(values) == 1:
                value, clause_text = next(iter(values.items()))
                found[name] = Match(name, value, clause_text)
        self._keep_found(text, found)
        if whole_terms is not None and text not in table.spans:
            self._keep_spans(text, _spans_of(table, whole_terms[1]))
        return found

    def _may_state(self, text: str, concept: str | None = None) -> bool:
        """Whether a pattern of a concept of this matcher may have every slot filled in ``text``
        read as one clause or in one of its clauses; when not, :meth:`sentence` finds no value,
        and need not cut or read it. A bound from above, made from the words alone, order and
        distance aside: the slots of every term each part of which some word of ``text`` fills
        (a term found in a clause or in the whole text has each of its parts filled by a word of
        it), the slots those make with a negation word (``negated``), and, where ``text`` holds a
        digit and a currency mark, every ``@money`` slot; every slot :func:`_clause` fills is among
        them, and a pattern needs all of its slots filled (``_clause_value``). The words of
        ``text`` are those of its clauses too, and a clause's digit and currency mark are the
        text's (a clause is a slice of the text, or slices joined at a break, cut where the
        normalisation makes a space: ``tests/facts/test_concept_prefilter.py``), so the clauses
        need not be cut for it. ``concept``: whether that concept's patterns may (the same bound,
        from the same terms, as the matcher of that concept alone makes)."""
        table = self._table
        anchored = self._anchored.get(concept)
        if anchored is None:
            anchored = self._anchored[concept] = self._anchor_needs(self.names if concept is None else (concept,))
        if anchored is True:
            return True  # a pattern with no slot: every text may state it
        slots = table.bounds.get(text)
        if slots is None:
            slots = self._bound(text)
            if len(table.bounds) >= table.KEPT:
                table.bounds.clear()
            table.bounds[text] = slots
        # Each pattern's slots are asked where one of them (its anchor) is filled: a pattern all
        # of whose slots are filled has that one filled too.
        for slot in slots:
            for need in anchored.get(slot, ()):
                if need <= slots:
                    return True
        return False

    def _bound(self, text: str) -> frozenset[int]:
        """The slot ids :meth:`_may_state` bounds what ``text`` may fill by (of any concept of
        the table: the patterns asked are chosen after), made once per text and table."""
        table = self._table
        known = table.words
        entries = [known.get(word) or table.entry(word) for word in set(normalise(text).split())]
        # The slots of the one-word terms as each word has them, then of each longer term one of
        # the words begins whose other parts some word fills (a term's parts are all filled where
        # it is found).
        slots: set[int] = set().union(*(entry[3] for entry in entries))
        longer = [index for entry in entries for index in entry[4]]
        if longer:
            present = frozenset().union(*(entry[5] for entry in entries if entry[5]))
            later, term_slots = table.later, table.term_slots
            slots.update([term_slots[index] for index in longer if later[index] <= present])
        negated = table.negated_ids
        if negated and slots:
            slots.update([negated[slot] for slot in list(slots) if slot in negated])
        if _DIGIT.search(text) is not None and _may_state_money(text):
            slots |= table.money_ids
        return frozenset(slots)

    def _anchor_needs(self, names: Iterable[str]) -> dict[int, list[frozenset[int]]] | Literal[True]:
        """The slot ids every pattern of the concepts ``names`` needs, by one of them (its
        anchor); True when a pattern needs none."""
        table = self._table
        anchored: dict[int, list[frozenset[int]]] = {}
        needs = dict.fromkeys(keys.needs for name in names for scope in ("clause", "sentence")
                              for keys in _keys(load(name), scope))
        for need in needs:
            ids = frozenset(table.slot_id(key) for key in need)
            if not ids:
                return True
            anchored.setdefault(min(ids), []).append(ids)
        return anchored

    def _keep_found(self, text: str, found: dict[str, Match]) -> None:
        table = self._table
        if len(table.found) >= table.KEPT:
            table.found.clear()
        table.found[text] = found

    def _keep_spans(self, text: str, every: Spans) -> None:
        table = self._table
        if len(table.spans) >= table.KEPT:
            table.spans.clear()
        table.spans[text] = every

    def value(self, text: str, concept: str) -> str | None:
        known = self._table.found.get(text)
        if known is None and len(self.names) > 1 and concept in self.names:
            # A text not read yet, asked one concept (a link's text, a statement read whole):
            # read for that concept alone. A concept's value rests on its own terms only, so the
            # answer is the one a reading of every concept gives, without looking up the words
            # of all the others. Most such texts state nothing of it: the bound on its slots is
            # taken first with this table, which knows the page's words already.
            if not self._may_state(text, concept):
                return None
            return _alone(concept).value(text, concept)
        match = (known if known is not None else self.sentence(text)).get(concept)
        return match.value if match is not None else None

    def names_nothing(self, text: str, concept: str) -> bool:
        """Whether no word of ``text`` fills a slot of ``concept`` (a concept this matcher reads)
        that every pattern of it needs one of: then ``text`` states no value of it, and neither
        does any clause of it nor its clauses read as one (the same words), so a gatherer need
        not read them. Answered from the text's spans (most sentences have them already)."""
        return concept in self.names and _needs_a_word(concept) and concept not in self._every_span(text)

    def spans(self, text: str, concept: str) -> dict[str, list[tuple[int, int]]]:
        """Where each slot of ``concept`` is filled in ``text``, read whole (not cut into
        clauses), every language's terms together: ``{slot: [(start, end), ...]}`` in the
        normalised words of ``text`` (``end`` is past the term's last word), for a gatherer that
        weighs distances itself (a period and the nearest subject word). Every concept's slots
        are found at once, the first time a text is asked; the answer is a fresh copy."""
        return {slot: list(found) for slot, found in self._every_span(text).get(concept, {}).items()}

    def slots(self, text: str, concept: str) -> Mapping[str, Sequence[tuple[int, int]]]:
        """:meth:`spans` as kept, not copied: for a gatherer that only reads them (several ask
        whether a slot is filled of every sentence, and a copy each time cost more than the
        answer). Not to be changed."""
        return self._every_span(text).get(concept, _NO_SLOTS)

    def _every_span(self, text: str) -> Spans:
        table = self._table
        every = table.spans.get(text)
        if every is None:
            every = _spans_of(table, _terms(table, text)[1])
            self._keep_spans(text, every)
        return every


_NO_SLOTS: Mapping[str, Sequence[tuple[int, int]]] = MappingProxyType({})


@lru_cache(maxsize=64)
def _alone(concept: str) -> PageConcepts:
    """A matcher of ``concept`` alone (its table, and what it read, kept like any other)."""
    return PageConcepts((), (concept,))


def _fillable(table: _Table, text: str, found_terms: Found) -> frozenset[tuple[str, str]]:
    """``(concept, slot)`` of every slot that :func:`_clause` of ``text`` (whose terms are
    ``found_terms``) may fill, and perhaps more: the slots of its terms, the slots those make
    with a negation word (``negated``, whether a negation word is near or not) and, where
    ``text`` has a digit and a currency mark, every ``@money`` slot. So a pattern some slot of
    which is not in it has no reading of ``text``, and the reading need not be made."""
    keys = table.keys
    slots = {(keys[index][0], keys[index][2]) for index, _ in found_terms}
    return frozenset(_with_negations_and_money(table, slots, bool(_DIGIT.search(text)) and _may_state_money(text)))


def _with_negations_and_money(table: _Table, slots: set[tuple[str, str]], money: bool) -> set[tuple[str, str]]:
    """``slots`` (``(concept, slot)`` of terms found), with the slots those make with a negation
    word (``negated``, whether one is near or not) and, when ``money`` (a digit and a currency
    mark stand in the text), every ``@money`` slot: the bound both readings' gates ask."""
    negated = table.negated
    if negated:
        slots.update([(key[0], negated[key]) for key in list(slots) if key in negated])
    if money:
        slots.update([(key[0], key[2]) for key in table.money_keys])
    return slots


def _spans_of(table: _Table, found_terms: Found) -> Spans:
    """``{concept: {slot: spans}}`` of a text whose terms are ``found_terms`` (:meth:`PageConcepts.spans`)."""
    out: dict[str, dict[str, set[tuple[int, int]]]] = {}
    keys = table.keys
    for index, found in found_terms:
        concept, _, slot = keys[index]
        slots = out.get(concept)
        if slots is None:
            slots = out[concept] = {}
        spans = slots.get(slot)
        if spans is None:
            slots[slot] = {(at[0], at[-1] + 1) for at in found}
        else:
            spans.update([(at[0], at[-1] + 1) for at in found])
    return {name: {slot: sorted(found) for slot, found in slots.items()} for name, slots in out.items()}


def match_one(text: str, concept: str) -> Match | None:
    """What one text states for ``concept`` alone, with the clause that says it: for a gatherer
    that reads a few texts outside a page's sentences (a form's surroundings, a page shown
    after sending). The matcher is kept for the process, like a page's."""
    return _alone(concept).sentence(text).get(concept)


def slots_one(text: str, concept: str) -> Mapping[str, Sequence[tuple[int, int]]]:
    """Where each slot of ``concept`` is filled in one text, read alone (as :func:`match_one`)."""
    return _alone(concept).slots(text, concept)


def match_text(text: str, concept: str) -> str | None:
    """The value one sentence states for ``concept`` (for tests and one-off use)."""
    match = match_one(text, concept)
    return match.value if match is not None else None
