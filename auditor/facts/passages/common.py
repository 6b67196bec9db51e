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
import weakref
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Literal, TypeVar

import lxml.html

from auditor.facts.dom import Document, TextBlock, clean
from auditor.lexicon import LANGUAGES, normalise
from auditor.models import PassageFact, PassageTopic

Unit = Literal["hours", "days", "weeks", "months", "years"]
T = TypeVar("T")

#: How many readings of a sentence or heading a gatherer keeps by its text (an LRU): a reading
#: rests on the text alone, and a site's pages repeat their header, footer and service texts.
KEPT_READINGS = 1 << 13
#: Elements whose text is a heading or label for what follows.
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "caption", "legend", "summary", "dt", "th"})
#: The headings of sections, whose inner elements are their text (not a table's cells or a list's terms).
SECTION_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "summary"})


def heading_tag(element: lxml.html.HtmlElement) -> str:
    """An element's tag, or the tag of the heading it is the text of: an accordion's question in
    a button or span inside its ``<h4>`` ("<h4><button>Can I change my mind?</button></h4>")
    heads the answer under it, and so does a button that opens and closes it (``aria-expanded``)
    or an element marked ``role="heading"`` (both read as the lowest heading, ``h6``)."""
    tag = element.tag.lower() if isinstance(element.tag, str) else ""
    if tag in HEADINGS:
        return tag
    if _marked_heading(element) or (tag == "button" and element.get("aria-expanded") is not None):
        return "h6"
    for ancestor, _ in zip(element.iterancestors(), range(_HEADING_DEPTH), strict=False):
        if isinstance(ancestor.tag, str) and ancestor.tag.lower() in SECTION_HEADINGS:
            return ancestor.tag.lower()
        if _marked_heading(ancestor):
            return "h6"
    return tag


def _marked_heading(element: lxml.html.HtmlElement) -> bool:
    return (element.get("role") or "").lower() == "heading"


#: How many levels up a heading may hold a block's element (h4 > button > span).
_HEADING_DEPTH = 3


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
    """Phrases indexed by their first word, so matching walks the words once, not once per phrase.
    The simple matcher (:func:`_simple_matches`) reads it; :func:`_matches` asks the one index."""

    #: first word -> ((the words between the first and the last, last word, last is a prefix,
    #: size in words, phrase), ...)
    by_first: dict[str, tuple[tuple[list[str], str, bool, int, str], ...]]
    #: one-word phrases ending in ``*``: (stem, phrase)
    stems: tuple[tuple[str, str], ...]
    #: every phrase of the list
    members: frozenset[str] = frozenset()


@lru_cache(maxsize=4096)
def _compile(phrases: Phrases) -> _Compiled:
    by_first: dict[str, list[tuple[list[str], str, bool, int, str]]] = {}
    stems: list[tuple[str, str]] = []
    members: set[str] = set()
    for _, phrase in phrases:
        prefix = phrase.endswith("*")
        parts = phrase.rstrip("*").split()
        if not parts:
            continue
        members.add(phrase)
        if len(parts) == 1 and prefix:
            stems.append((parts[0], phrase))
            continue
        by_first.setdefault(parts[0], []).append((parts[1:-1], parts[-1], prefix, len(parts), phrase))
    return _Compiled({k: tuple(v) for k, v in by_first.items()}, tuple(stems), frozenset(members))


def _simple_matches(words: list[str], phrases: Phrases) -> Iterator[tuple[int, int, str]]:
    """``(start, end, phrase)`` of every whole-word occurrence, one list at a time: the
    reference :func:`_matches` must agree with (the tests hold them to it)."""
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


#: A phrase that starts with a given word: (the words between the first and the last, last word,
#: last is a prefix, size in words, phrase).
_Candidate = tuple[tuple[str, ...], str, bool, int, str]
#: A word's part in the index: (phrases that start with it; one-word prefix phrases it begins with).
_WordEntry = tuple[tuple[_Candidate, ...], tuple[str, ...]]
#: Every occurrence in a word sequence of every phrase the index holds: phrase -> (start, end), ...
_Hits = dict[str, list[tuple[int, int]]]


class _Index:
    """Every phrase of every list the process matches, in one table: a word sequence is walked
    once, whatever lists are then asked of it (:func:`_matches`).

    It starts with every list of every topic file and takes in a list it has not seen (phrases
    built elsewhere: the acts a citation names) the first time that list is asked; the words'
    hits found before are then dropped, since they did not look for the new phrases. A phrase
    matches the same wherever it is listed (its language plays no part), so one table serves
    every list."""

    #: How many word sequences' hits are kept (a page's sentences and the slices of them that
    #: gatherers ask about); beyond it the memory starts again. 4,096 started again within the
    #: 60 bench pages (4,404 sequences), so a second reading of them found almost none kept.
    HITS_KEPT = 1 << 13
    #: How many words' entries are kept.
    WORDS_KEPT = 1 << 16
    #: How many lists are remembered by identity.
    LISTS_KEPT = 4096

    def __init__(self) -> None:
        #: first word -> {phrase: (the words between the first and the last, last word, last is a
        #: prefix, size in words, phrase)}
        self.by_first: dict[str, dict[str, _Candidate]] = {}
        self.stems: dict[str, list[str]] = {}
        self.stem_lengths: tuple[int, ...] = ()
        self.known: set[str] = set()
        #: id of a list -> (the list, kept so that its id stays its own; its compiled form)
        self.lists: dict[int, tuple[Phrases, _Compiled]] = {}
        self.words: dict[str, _WordEntry] = {}
        self.hits: dict[tuple[str, ...], _Hits] = {}

    def compiled(self, phrases: Phrases) -> _Compiled:
        """``phrases`` compiled, and held by the index. A list is known by its identity: the
        lists asked are the same few objects again and again, and hashing a long tuple of
        phrases on every call would cost what the index saves."""
        seen = self.lists.get(id(phrases))
        if seen is not None and seen[0] is phrases:
            return seen[1]
        compiled = _compile(phrases)
        self.take(compiled)
        if len(self.lists) >= self.LISTS_KEPT:
            self.lists.clear()
        self.lists[id(phrases)] = (phrases, compiled)
        return compiled

    def take(self, compiled: _Compiled) -> None:
        """Hold the phrases of ``compiled`` too."""
        if compiled.members <= self.known:
            return
        for first, candidates in compiled.by_first.items():
            slot = self.by_first.setdefault(first, {})
            for middle, last, prefix, size, phrase in candidates:
                slot.setdefault(phrase, (tuple(middle), last, prefix, size, phrase))
        for stem_, phrase in compiled.stems:
            listed = self.stems.setdefault(stem_, [])
            if phrase not in listed:
                listed.append(phrase)
        self.stem_lengths = tuple(sorted({len(s) for s in self.stems}))
        self.known |= compiled.members
        self.words.clear()
        self.hits.clear()

    def entry(self, word: str) -> _WordEntry:
        found = self.words.get(word)
        if found is None:
            stems: list[str] = []
            for length in self.stem_lengths:
                if length > len(word):
                    break
                stems.extend(self.stems.get(word[:length], ()))
            slot = self.by_first.get(word)
            found = (tuple(slot.values()) if slot else (), tuple(stems))
            if len(self.words) >= self.WORDS_KEPT:
                self.words.clear()
            self.words[word] = found
        return found

    def find(self, words: list[str]) -> _Hits:
        """Every occurrence in ``words`` of every phrase held."""
        key = tuple(words)
        found = self.hits.get(key)
        if found is not None:
            return found
        found = {}
        count = len(key)
        for i, word in enumerate(key):
            candidates, stems = self.entry(word)
            for phrase in stems:
                found.setdefault(phrase, []).append((i, i + 1))
            for middle, last, prefix, size, phrase in candidates:
                if size == 1:
                    found.setdefault(phrase, []).append((i, i + 1))
                    continue
                end = i + size
                if end > count or (middle and key[i + 1 : end - 1] != middle):
                    continue
                final = key[end - 1]
                if final == last or (prefix and final.startswith(last)):
                    found.setdefault(phrase, []).append((i, end))
        if len(self.hits) >= self.HITS_KEPT:
            self.hits.clear()
        self.hits[key] = found
        return found


@cache
def _index() -> _Index:
    """The one index, with every list of every topic file in it."""
    index = _Index()
    folder = resources.files("auditor") / "rules" / "lexicon" / "topics"
    for file in sorted(folder.iterdir(), key=lambda f: f.name):
        if file.name.endswith(".toml"):
            for phrases in topic_phrases(file.name[: -len(".toml")]).values():
                index.compiled(phrases)
    return index


def _matches(words: list[str], phrases: Phrases) -> Iterator[tuple[int, int, str]]:
    """``(start, end, phrase)`` of every whole-word occurrence, in no particular order: read from
    the hits of every phrase in ``words``, found once (:class:`_Index`)."""
    if not words or not phrases:
        return
    index = _index()
    members = index.compiled(phrases).members
    if not members:
        return
    hits = index.find(words)
    if len(hits) <= len(members):
        for phrase, spans in hits.items():
            if phrase in members:
                for start, end in spans:
                    yield start, end, phrase
    else:
        for phrase in members:
            for start, end in hits.get(phrase, ()):
                yield start, end, phrase


def phrase_spans(words: list[str], phrases: Phrases) -> list[tuple[int, int]]:
    """``(start, end)`` word spans of every whole-word (or prefix) occurrence of a phrase."""
    return sorted({(start, end) for start, end, _ in _matches(words, phrases)})


def phrase_hits(words: list[str], phrases: Phrases) -> list[tuple[int, str]]:
    """``(start, phrase)`` of every occurrence, for callers that need to know which phrase."""
    return sorted({(start, phrase) for start, _, phrase in _matches(words, phrases)})


def has_phrase(words: list[str], phrases: Phrases) -> bool:
    return next(_matches(words, phrases), None) is not None


def has_listed_phrase(words: list[str], phrases: Phrases) -> bool:
    """:func:`has_phrase` read with the list's own index: for a few phrases asked once of long
    texts (a whole block). The one index finds every topic's phrases in the words at once, which
    pays for the sentences every gatherer asks, not for a block's words asked by one gatherer."""
    return next(_simple_matches(words, phrases), None) is not None


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int
    end: int


#: Where a statement ends: a full stop, question or exclamation mark, colon or semicolon before
#: a capital or number; a line break; a check mark or bullet between the items of a badge line
#: ("✔ Rask levering ✔ 14 dagers angrerett ✔ Trygg betaling"), each item a statement of its own.
_SENTENCE_END = re.compile(r"(?<=[.!?:;])\s+(?=[A-ZÅÄÖÆØÜÉ0-9«\"(§])|\n+|\s*[✔✓✅☑•]\uFE0F?\s*")
# fmt: off
#: Abbreviations that end in a full stop without ending the sentence, by language: before a
#: number or a capital ("max. 14 Tage", "ca. 3 Wochen", "z. B. Montag", "bl.a. 14 dagar", "kl. 16")
#: the text goes on. Written as pages write them; a space after an inner full stop is optional.
SENTENCE_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "sv": ("max.", "min.", "ca.", "ung.", "bl.a.", "inkl.", "exkl.", "kl.", "nr.",
           "tel.", "ev.", "t.ex.", "o.l.", "resp."),
    "nb": ("max.", "min.", "ca.", "bl.a.", "f.eks.", "inkl.", "eksl.", "kl.", "nr.", "tlf.", "tel.", "evt.", "o.l."),
    "da": ("max.", "min.", "ca.", "bl.a.", "f.eks.", "fx.", "inkl.", "ekskl.", "kl.", "nr.", "tlf.", "tel.", "evt."),
    "fi": ("max.", "min.", "enint.", "esim.", "mm.", "puh.", "nro.", "klo.", "n.", "ns.", "ym.", "jne."),
    "de": ("max.", "min.", "ca.", "bzw.", "ggf.", "insb.", "gesetzl.", "i. d. R.", "z. B.", "inkl.", "exkl.", "Nr.",
           "Tel.", "evtl.", "u. a.", "vgl.", "Str.", "Co.", "Abs.", "Art."),
    "en": ("max.", "min.", "approx.", "ca.", "incl.", "excl.", "e.g.", "i.e.", "tel.", "Co.", "St.", "No."),
}
# fmt: on
#: Any of :data:`SENTENCE_ABBREVIATIONS`, not the tail of a longer word.
_ABBREVIATION = re.compile(
    r"(?<![^\W\d_])(?:"
    + "|".join(
        sorted(
            {
                r"\.\s*".join(map(re.escape, a.rstrip(".").split("."))).replace(r"\ ", "") + r"\."
                for forms in SENTENCE_ABBREVIATIONS.values()
                for a in forms
            },
            key=len,
            reverse=True,
        )
    )
    + r")",
    re.IGNORECASE,
)
#: A label ("Ångerrätt:", "Return shipping:") has at most this many words.
LABEL_WORDS = 5
#: A question that the next sentence answers ("Kan jag ångra mitt köp?") has at most this many words.
QUESTION_WORDS = 14


def sentences(text: str) -> list[Sentence]:
    """Statements of a text block, with their offsets in it: sentences and lines, where a short
    label ending in ":" and a short question ending in "?" are one statement with the sentence
    after them, on its line or the next ("Ångerrätt: 14 dagar", "Kan jag ångra mitt köp? Ja, inom 14
    dagar."). Read apart, the label or question has the subject and the next sentence the value;
    each statement's text is still one exact slice of the block.

    Every gatherer cuts the same blocks: the cut of a block up to :data:`_CUT_KEPT_LENGTH`
    characters is made once, and the list is the caller's own copy."""
    if len(text) > _CUT_KEPT_LENGTH:
        return list(_sentences_of.__wrapped__(text))
    return list(_sentences_of(text))


#: Blocks up to this long have their cut remembered (a longer one is cut afresh: memory).
_CUT_KEPT_LENGTH = 4000


@lru_cache(maxsize=1 << 13)
def _sentences_of(text: str) -> tuple[Sentence, ...]:
    parts: list[Sentence] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if match.group().isspace() and "\n" not in match.group() and _abbreviated(text, match.start()):
            continue
        if text[start : match.start()].strip():
            parts.append(Sentence(text[start : match.start()], start, match.start()))
        start = match.end()
    if text[start:].strip():
        parts.append(Sentence(text[start:], start, len(text)))
    out: list[Sentence] = []
    i = 0
    while i < len(parts):
        part = parts[i]
        after = parts[i + 1] if i + 1 < len(parts) else None
        if after is not None and _leads_in(part.text):
            out.append(Sentence(text[part.start : after.end], part.start, after.end))
            i += 2
        else:
            out.append(part)
            i += 1
    return tuple(out)


#: A street name shortened at the end of its compound ("Hauptstr.", "Bahnhofstr.", "Storgt.",
#: "Kirkevn.") and the house number after it. (Not a bare "g.": "Bestellung. 14 Tage …" ends a sentence.)
_STREET_ABBREVIATION = re.compile(r"(?:str|gt|vn)\.$", re.IGNORECASE)
_HOUSE_NUMBER = re.compile(r"\s+\d{1,4}\b")


def _abbreviated(text: str, at: int) -> bool:
    """Whether the full stop right before ``at`` ends an abbreviation (:data:`SENTENCE_ABBREVIATIONS`)
    or one of its inner ones ("i. d. R.", "z. B.")."""
    if text[at - 1 : at] != ".":
        return False
    if _STREET_ABBREVIATION.search(text, max(0, at - 12), at) and _HOUSE_NUMBER.match(text, at):
        return True  # "Hauptstr. 12", "Storg. 5": a street and its number
    return any(m.start() < at <= m.end() for m in _ABBREVIATION.finditer(text, max(0, at - 16), at + 16))


def _leads_in(sentence: str) -> bool:
    """A short label ("Ångerrätt:") or question ("Wie lange gilt die Gewährleistung?") whose
    value or answer is the next sentence."""
    stripped = sentence.rstrip()
    words = len(stripped.split())
    return (stripped.endswith(":") and words <= LABEL_WORDS) or (stripped.endswith("?") and words <= QUESTION_WORDS)


# --------------------------------------------------------------------------- statement units

#: Elements whose text is a heading for the block after it.
_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "summary", "caption", "legend"})
#: A heading longer than this (in words) is prose, not a heading.
_HEADING_WORDS = 8
#: A list's lead-in longer than this (in words) is a paragraph, not a lead-in.
_LEAD_IN_WORDS = 30
#: A sentence this short that starts with a number is a value ("14 dagar från leverans").
_VALUE_WORDS = 6
#: A sentence this short that starts with a period is a value with the period's start ("14 dagar
#: från att du tagit emot varan", "14 days from the day you receive the goods").
_PERIOD_VALUE_WORDS = 12
#: Words that open a sentence by pointing back at the heading's subject: "Fristen är 14 dagar"
#: under "Ångerrätt" states the right's period although it names no right.
_BACK_REFERENCES = frozenset(normalise(" ".join((
    "fristen tidsfristen perioden",  # sv, nb, da
    "määräaika määräaikaa aika",  # fi
    "frist",  # de ("Die Frist beträgt …")
    "period deadline",  # en ("The period is …")
))).split())
#: How many words into a sentence a back-reference may stand ("Die Frist …", "The time limit …").
_BACK_REACH = 3


def statement_view(doc: Document) -> Document:
    """``doc`` as the passage gatherers read it: its blocks are :func:`statement_blocks`."""
    view = _VIEWS.get(doc)
    if view is None:
        view = doc.with_blocks(statement_blocks(doc))
        _VIEWS[doc] = view
    return view


_VIEWS: weakref.WeakKeyDictionary[Document, Document] = weakref.WeakKeyDictionary()


def statement_blocks(doc: Document) -> list[TextBlock]:
    """The page's blocks, each joined to the label it answers, so that a subject and its value
    written apart are read as one statement. :func:`sentences` then cuts the units; the label
    joins the block's first sentence only.

    A block's label, in this order:

    * ``dd``: the ``dt`` before it ("Ångerrätt" – "14 dagar från mottagandet");
    * a table cell: its column's header cell when the table's first row is all header cells
      ("Ångerfrist" – "30 dagar"), after the row's first cell when that is a short label
      without digits ("Retur Pris" – "49 kr"); else the first cell of a two-cell row when that
      cell is a short label without digits ("Returfrakt" – "Du betalar själv"); a row that
      starts with a ``th`` is one block already (:class:`~auditor.facts.dom.Document`);
    * ``li``: the list's lead-in, the last sentence of the block right before the list when it
      ends in ":" ("Om du ångrar dig gäller följande:" – each bullet) or is a short question
      ("Received a faulty item?" – "Email us at …");
    * any block right after a heading (``h1``–``h6``, ``summary``, ``caption``, ``legend``,
      ``role=heading``, or a paragraph that is all bold), when the heading leads into it (below).

    A heading is a topic, not a subject of every sentence under it: "Ångerrätt" followed by "Vi
    skickar alla paket inom 3 dagar" does not say the withdrawal period is three days. So a
    heading of at most eight words (a question: fourteen) joins the block's first sentence only when

    * the heading is a question: a question is asked to be answered, by what follows it;
    * the sentence points back at it in its first words ("Fristen är 14 dagar", "The period is …"):
      its subject is the heading's;
    * the sentence is a bare value: at most six words starting with a number ("14 dagar från
      leverans"), or at most twelve starting with a period ("14 dagar från att du tagit emot
      varan"), which has no subject but the heading's.

    A sentence that names its own subject ("Vi skickar alla paket inom 3 dagar") is not joined,
    and neither is one that repeats the heading's words ("Ångerrätt" – "Ångerfristen är 14
    dagar"): that sentence is a statement alone, and joining it would only repeat the heading in
    its evidence (measured on the phrasing corpus: no item needs it). The test is on the words of
    the text, not on a concept's lexicon, so it is the same for every topic; whether a joined
    statement states a concept is still the gatherer's question, with its own look-alikes (a
    delivery time next to the right stays the delivery's).

    A joined unit's ``text`` is "label – block text", the two texts as the page shows them; its
    ``element`` is the block holding the value (evidence locators point there) and ``label``
    the element the label was read from. Other blocks are kept as they are, headings included.
    """
    blocks = doc.blocks
    out: list[TextBlock] = []
    for i, block in enumerate(blocks):
        label = _label_of(doc, blocks, i)
        if label is None:
            out.append(block)
        else:
            text, element = label
            out.append(TextBlock(f"{text} – {block.text}", block.element, label=element))
    return out


def _label_of(doc: Document, blocks: list[TextBlock], i: int) -> tuple[str, lxml.html.HtmlElement] | None:
    element = blocks[i].element
    tag = _tag(element)
    found: tuple[str, lxml.html.HtmlElement] | None = None
    if tag == "dd":
        found = _term_of(doc, element)
    elif tag in ("td", "th"):
        found = _cell_label(doc, element)
    elif tag == "li":
        found = _lead_in(doc, blocks, i)
    if found is None and i > 0:
        found = _heading_before(doc, blocks, i)
    return found


def _tag(element: lxml.html.HtmlElement) -> str:
    return element.tag.lower() if isinstance(element.tag, str) else ""


def _label_text(doc: Document, element: lxml.html.HtmlElement) -> str:
    return doc.element_text(element).rstrip(":").rstrip()


def _term_of(doc: Document, dd: lxml.html.HtmlElement) -> tuple[str, lxml.html.HtmlElement] | None:
    """The ``dt`` a ``dd`` describes: the nearest one before it (several ``dd`` may follow one)."""
    node = dd.getprevious()
    while node is not None:
        tag = _tag(node)
        if tag == "dt":
            text = _label_text(doc, node)
            return (text, node) if text else None
        if tag not in ("dd", ""):
            return None
        node = node.getprevious()
    return None


def _cells(row: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    return [c for c in row if _tag(c) in ("td", "th")]


def _cell_label(doc: Document, cell: lxml.html.HtmlElement) -> tuple[str, lxml.html.HtmlElement] | None:
    row = cell.getparent()
    if row is None or _tag(row) != "tr":
        return None
    cells = _cells(row)
    table = next(row.iterancestors("table"), None)
    first = next(table.iter("tr"), None) if table is not None else None
    header = _cells(first) if first is not None else []
    if header and all(_tag(c) == "th" and not c.get("colspan") for c in header):
        if first is row or any(c.get("colspan") for c in cells) or cells.index(cell) >= len(header):
            return None
        column = header[cells.index(cell)]
        text = _label_text(doc, column)
        # In a row that starts with its own short label ("Retur" | "49 kr" under "Tjänst" |
        # "Pris"), that label is the subject and the column's header what is said of it.
        subject = _label_text(doc, cells[0]) if cell is not cells[0] else ""
        if subject and len(subject.split()) <= LABEL_WORDS and not subject[0].isdigit():
            # a subject opens with a word ("Cancellation within 14 days"), a value with a figure
            # ("24/12"); the first column's header says what the subject is ("Årsag til retur" over
            # "Fortrydelse"): "Årsag til retur: Fortrydelse – Hvem betaler fragten?"
            kind = _label_text(doc, header[0]) if header[0] is not column else ""
            kind = kind if len(kind.split()) <= LABEL_WORDS else ""
            text = f"{kind.rstrip(':')}: {subject} {text}" if kind else f"{subject} {text}".strip()
        return (text, column) if text else None
    if len(cells) == 2 and cell is cells[1]:
        text = _label_text(doc, cells[0])
        if text and len(text.split()) <= LABEL_WORDS and not any(ch.isdigit() for ch in text):
            return text, cells[0]
    return None


def _lead_in(doc: Document, blocks: list[TextBlock], i: int) -> tuple[str, lxml.html.HtmlElement] | None:
    """The sentence ending in ":" right before the list that holds the item ``blocks[i]``, or a
    short question the list answers ("Received a faulty item?" – "Email us at …")."""
    items = blocks[i].element.getparent()
    if items is None or _tag(items) not in ("ul", "ol"):
        return None
    j = i - 1
    while j >= 0 and (blocks[j].element is items or items in blocks[j].element.iterancestors()):
        j -= 1
    if j < 0:
        return None
    before = blocks[j]
    said = sentences(before.text)
    if not said:
        return None
    last = said[-1].text.strip()
    if not last.endswith((":", "?")) or len(last.split()) > _LEAD_IN_WORDS:
        return None  # a lead-in ("Om du ångrar dig gäller följande:") or a question the list answers
    return last.rstrip(":").rstrip(), before.element


def _heading_before(doc: Document, blocks: list[TextBlock], i: int) -> tuple[str, lxml.html.HtmlElement] | None:
    heading, block = blocks[i - 1], blocks[i]
    if not _is_heading(heading) or _is_heading(block) or heading.element in block.element.iterancestors():
        return None
    said = sentences(block.text)
    if not said or not _leads_into(heading.text, said[0].text):
        return None
    return clean(heading.text).rstrip(":").rstrip(), heading.element


def _is_heading(block: TextBlock) -> bool:
    element = block.element
    tag = _tag(element)
    if tag in _HEADING_TAGS or (element.get("role") or "").lower() == "heading":
        return True
    if tag not in ("p", "div") or (element.text or "").strip():
        return False
    children = [c for c in element if isinstance(c.tag, str)]
    return bool(children) and all(_tag(c) in ("b", "strong") and not (c.tail or "").strip() for c in children)


def _leads_into(heading: str, sentence: str) -> bool:
    """Whether a heading is the subject of the sentence after it (see :func:`statement_blocks`)."""
    head = word_list(heading)
    if not head:
        return False
    if heading.rstrip().endswith("?"):
        # A question is asked to be answered: as long as a question that leads into the next
        # sentence in running text ("Hur lång tid tar det att få svar på en reklamation?").
        return len(head) <= QUESTION_WORDS
    if len(head) > _HEADING_WORDS:
        return False
    words = word_list(sentence)
    if not words:
        return False
    if len(words) <= _VALUE_WORDS and (sentence.lstrip()[:1].isdigit() or number_value(words[0]) is not None):
        return True
    if len(words) <= _PERIOD_VALUE_WORDS:
        first = next(periods(sentence), None)
        if first is not None and not sentence[: first.start].strip():
            return True
    return any(w in _BACK_REFERENCES for w in words[:_BACK_REACH])


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
    "tio": 10, "elva": 11, "tolv": 12, "fjorton": 14, "femton": 15, "tjugo": 20, "tjugoen": 21, "tjugoett": 21,
    "tjugofyra": 24, "trettio": 30, "fyrtioåtta": 48, "sextio": 60, "nittio": 90, "hundra": 100,
    # nb / da
    "én": 1, "et": 1, "to": 2, "fire": 4, "seks": 6, "syv": 7, "sju_": 7, "otte": 8, "åtte": 8, "ni": 9, "ti": 10,
    "elleve": 11, "fjorten": 14, "femten": 15, "tjue": 20, "tjueen": 21, "tjuefire": 24, "tyve": 20,
    "enogtyve": 21, "fireogtyve": 24, "tretti": 30, "tredive": 30, "førtiåtte": 48, "otteogfyrre": 48,
    "seksti": 60, "tres": 60, "nitti": 90, "halvfems": 90, "hundre": 100, "hundrede": 100,
    # fi
    "yksi": 1, "kaksi": 2, "kolme": 3, "neljä": 4, "viisi": 5, "kuusi": 6, "seitsemän": 7, "kahdeksan": 8,
    "yhdeksän": 9, "kymmenen": 10, "neljätoista": 14, "viisitoista": 15, "kaksikymmentä": 20,
    "kolmekymmentä": 30, "kuusikymmentä": 60, "yhdeksänkymmentä": 90, "sata": 100,
    # fi genitives: "kahden vuoden kuluessa", "neljäntoista päivän"
    "yhden": 1, "kahden": 2, "kolmen": 3, "neljän": 4, "viiden": 5, "kuuden": 6,
    "kahdentoista": 12, "neljäntoista": 14, "viidentoista": 15, "kahdenkymmenen": 20, "kolmenkymmenen": 30,
    "kuudenkymmenen": 60, "yhdeksänkymmenen": 90, "sadan": 100,
    # spoken Finnish as chatty pages write it: "kahen päivän sisällä", "yhen viikon", "kaheksan"
    "yks": 1, "kaks": 2, "yhen": 1, "kahen": 2, "kaheksan": 8, "seittemän": 7, "yheksän": 9,
    # de
    "ein": 1, "eine": 1, "einem": 1, "einen": 1, "eines": 1, "einer": 1, "zwei": 2, "drei": 3, "vier": 4,
    "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9,
    "zehn": 10, "elf": 11, "zwölf": 12, "vierzehn": 14, "fünfzehn": 15, "zwanzig": 20, "einundzwanzig": 21,
    "vierundzwanzig": 24, "achtundzwanzig": 28, "dreißig": 30, "achtundvierzig": 48, "sechzig": 60,
    "neunzig": 90, "hundert": 100,
    # en
    "one": 1, "a": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "fourteen": 14, "fifteen": 15, "twenty": 20, "thirty": 30,
    "sixty": 60, "ninety": 90, "hundred": 100,
    # a couple: "a couple of hours", "parin tunnin sisällä", "pari päivää"
    "couple": 2, "pari": 2, "parin": 2,
}
#: Unit words (stems) in the six languages; longest first so "månader" wins over "mån".
UNIT_WORDS: dict[str, Unit] = {
    # sv
    "timmar": "hours", "timme": "hours", "dagar": "days", "dag": "days", "dygn": "days", "veckor": "weeks",
    "vecka": "weeks", "månader": "months", "månad": "months", "mån": "months", "år": "years", "tim": "hours",
    # nb / da
    "timer": "hours", "time": "hours", "dager": "days", "dage": "days", "døgn": "days", "uker": "weeks",
    "uke": "weeks", "uger": "weeks", "uge": "weeks", "måneder": "months", "måned": "months", "mdr": "months",
    "mnd": "months",
    # fi
    "tuntia": "hours", "tunnin": "hours", "päivää": "days", "päivän": "days", "päivä": "days", "vrk": "days",
    "vuorokausi": "days", "vuorokautta": "days", "vuorokauden": "days",
    "viikkoa": "weeks", "viikon": "weeks", "kuukautta": "months", "kuukauden": "months", "kk": "months",
    "vuotta": "years", "vuoden": "years", "vuosi": "years",
    # spoken Finnish drops a d between vowels: "kahen kuukauen sisällä", "vuoen takuu"
    "kuukauen": "months", "vuoen": "years",
    # fi inessives: "4 tunnissa", "kahdessa päivässä" ("in 4 hours")
    "tunnissa": "hours", "päivässä": "days", "vuorokaudessa": "days", "viikossa": "weeks",
    "kuukaudessa": "months",
    # de
    "stunden": "hours", "stunde": "hours", "tage": "days", "tagen": "days", "tag": "days", "wochen": "weeks",
    "woche": "weeks", "monate": "months", "monaten": "months", "monat": "months", "jahre": "years",
    "jahren": "years", "jahr": "years", "jahres": "years", "monats": "months", "tages": "days",
    # abbreviations, typos and calendar days: "14 dgr", "14 dagr", "14 dg.", "14 pv", "14 Tg.",
    # "14 kalenderdagar", "24 h"
    "h": "hours", "std": "hours", "hrs": "hours", "hr": "hours",
    "dgr": "days", "dagr": "days", "dg": "days", "pv": "days", "tg": "days", "kalenderdagar": "days",
    "kalenderdager": "days", "kalenderdage": "days", "kalendertage": "days", "kalendertagen": "days",
    "kalenteripäivää": "days", "kalenteripäivän": "days",
    # genitives and adjectives: "tre års", "14 dagars", "14-dagers", "14-tägiges", "zweijährige",
    "års": "years", "dagars": "days", "dagers": "days", "dages": "days", "veckors": "weeks",
    "ukers": "weeks", "ugers": "weeks", "månaders": "months", "måneders": "months", "timmars": "hours",
    "månads": "months", "måneds": "months", "veckas": "weeks", "ukes": "weeks", "uges": "weeks",
    # definite plurals after a number: "under de närmaste 3 åren", "i løpet av de neste 2 årene",
    # "de første 14 dagene", "inden for de næste 14 dage" (indefinite above)
    "åren": "years", "årene": "years", "dagarna": "days", "dagene": "days", "veckorna": "weeks",
    "ukene": "weeks", "ugerne": "weeks", "månaderna": "months", "månedene": "months", "månederne": "months",
    "timmarna": "hours", "timene": "hours", "timerne": "hours",
    "tägig": "days", "tägige": "days", "tägigen": "days", "tägiges": "days", "tägiger": "days",
    "jährig": "years", "jährige": "years", "jährigen": "years", "jähriges": "years",
    "monatig": "months", "monatige": "months", "monatigen": "months", "monatiges": "months", "monatiger": "months",
    "wöchig": "weeks", "wöchige": "weeks", "wöchigen": "weeks", "wöchiges": "weeks", "wöchiger": "weeks",
    # "treårig reklamationsrätt", "3-årig garanti", "toårige", "kaksivuotinen", "14-päiväinen"
    "årig": "years", "åriga": "years", "årigt": "years", "årige": "years",
    "vuotinen": "years", "vuotisen": "years", "vuotista": "years", "päiväinen": "days", "päiväisen": "days",
    # en
    "hours": "hours", "hour": "hours", "days": "days", "day": "days", "weeks": "weeks", "week": "weeks",
    "months": "months", "month": "months", "years": "years", "year": "years", "yrs": "years", "yr": "years",
    "mths": "months", "wks": "weeks",
}
#: One- to three-letter units that are units only with their full stop and right after a number
#: ("24 t." and "14 d." in nb/da, "3 Mon.", "2 J.", "2 v." in fi): alone, "j" and "v" are other words and
#: "Mon" is Monday ("24/7 Mon–Fri"). Lower-case "t" after digits is hours also without its full
#: stop ("svar innen 48 t").
DOTTED_UNIT_WORDS: dict[str, Unit] = {"t": "hours", "d": "days", "mon": "months", "j": "years", "v": "years"}
#: Working-day words (counted in days, flagged ``working``): read only by callers that ask for
#: them (``periods(text, working_days=True)``), since "14 arbetsdagar" is no calendar period.
#: Two-word units ("working days") are written with a space.
WORKING_DAY_WORDS: dict[str, Unit] = {
    # sv
    "arbetsdagar": "days", "arbetsdag": "days", "arbetsdagars": "days", "vardagar": "days", "vardag": "days",
    "vardagars": "days",
    # nb / da
    "virkedager": "days", "virkedag": "days", "virkedagers": "days", "arbeidsdager": "days", "arbeidsdag": "days",
    "hverdager": "days", "hverdag": "days", "hverdage": "days", "arbejdsdage": "days", "arbejdsdag": "days",
    "arbejdsdages": "days", "hverdages": "days",
    # fi
    "arkipäivää": "days", "arkipäivän": "days", "arkipäivä": "days", "arkipäivässä": "days",
    "työpäivää": "days", "työpäivän": "days", "työpäivä": "days", "työpäivässä": "days",
    # de
    "werktage": "days", "werktagen": "days", "werktag": "days", "arbeitstage": "days", "arbeitstagen": "days",
    "arbeitstag": "days", "werktags": "days", "werktages": "days", "arbeitstages": "days",
    # en
    "working days": "days", "working day": "days", "business days": "days", "business day": "days",
    "workdays": "days", "workday": "days", "weekdays": "days",
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
_WORKING_EXACT = {w.casefold(): u for w, u in WORKING_DAY_WORDS.items()}
_WORKING_FOLDED = {normalise(w): u for w, u in WORKING_DAY_WORDS.items()}
#: Digit groups and words: the candidates of a period's number and unit.
#: A word may hold soft hyphens, zero-width characters and a hyphenated line break ("fjor-⏎ton"):
#: the lookups normalise them away as page text is normalised.
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:(?:[\u00ad\u200b\u200c\u200d\u2060]+|-[ \t]*\n\s*)[^\W\d_]+)*")
_AMOUNT = re.compile(r"\d{1,3}(?:[.,]5)?")
_GAP = re.compile(r"\s*|-")
#: Words between a number and its unit that leave the period as it is ("14 calendar days").
_UNIT_MODIFIERS = frozenset({"calendar", "of"})  # "14 calendar days", "a couple of hours"
#: A number in brackets repeating a number word ("fjorton (14) dagar", "fourteen (14) days")
#: reaches its unit past the closing bracket.
_BRACKETED_GAP = re.compile(r"\)\s*")
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


def working_unit_of(word: str) -> Unit | None:
    """The unit a working-day word (or two words, "business days") names, or None."""
    key = word.casefold()
    if key in _WORKING_EXACT:
        return _WORKING_EXACT[key]
    return _WORKING_FOLDED.get(normalise(word))


@dataclass(frozen=True)
class Period:
    amount: float
    unit: Unit
    start: int
    end: int
    #: Counted in working days ("fem arbetsdagar"); only with ``periods(..., working_days=True)``.
    working: bool = False


def periods(text: str, *, working_days: bool = False) -> Iterator[Period]:
    """Periods stated in ``text``: a number (digits or a number word) right before a unit, or a
    compound of both ("vierzehntägig"). Words are looked up as the page spells them and, failing
    that, normalised as page text is, so an unknown spelling is no period rather than an error.
    With ``working_days``, a number before a working-day unit ("fem arbetsdagar", "3 business
    days", "viiden arkipäivän") is a period in days with ``working`` set."""
    return iter(_periods(text, working_days))


@lru_cache(maxsize=1 << 12)
def _periods(text: str, working_days: bool) -> tuple[Period, ...]:
    """:func:`periods`, once per text: the passage gatherers read the same sentences for periods
    (a sentence is read about three times on a text-heavy page)."""
    return tuple(_find_periods(text, working_days))


#: Finnish states "within a week" without the number: a unit's genitive before a postposition
#: of time ("viikon sisällä", "vuoden kuluessa", "kuukauden ajan") is one such unit.
_FI_POSTPOSITIONS = frozenset({"sisällä", "sisalla", "kuluessa", "kulussa", "aikana", "ajan"})
_FI_GENITIVE_UNITS = frozenset({"tunnin", "päivän", "paivan", "vuorokauden", "viikon", "kuukauden", "vuoden"})


def _find_periods(text: str, working_days: bool) -> Iterator[Period]:
    tokens = list(_TOKEN.finditer(text))
    for i, token in enumerate(tokens):
        word = token.group()
        if _one_unit_fi(tokens, i):
            unit = unit_of(word)
            if unit is not None:
                yield Period(1.0, unit, token.start(), token.end())
            continue
        if token.start() and (text[token.start() - 1].isalnum() or text[token.start() - 1] in "._,"):
            continue
        if word[0].isdigit():
            if not _AMOUNT.fullmatch(word):
                continue
            amount = float(word.replace(",", "."))
        else:
            value = number_value(word)
            if value is None and word.casefold() == "an" and i + 1 < len(tokens) and (
                    tokens[i + 1].group().casefold() == "hour"):
                value = 1  # "within an hour" (en): "an" is no number before any other word
            if value is None:
                compound = _compound(word)
                if compound is not None:
                    yield Period(compound[0], compound[1], token.start(), _end(text, token.end()))
                continue
            amount = float(value)
        if i + 1 == len(tokens):
            continue
        following = tokens[i + 1]
        gap_ok = _GAP.fullmatch(text, token.end(), following.start()) is not None or (
            token.start() > 0
            and text[token.start() - 1] == "("
            and _BRACKETED_GAP.fullmatch(text, token.end(), following.start()) is not None
        )
        if not gap_ok or following.group()[0].isdigit():
            continue
        unit = unit_of(following.group())
        end = following.end()
        if unit is None and following.group().casefold() in _UNIT_MODIFIERS and i + 2 < len(tokens):
            # "14 calendar days": the unit one word on
            after = tokens[i + 2]
            if text[following.end() : after.start()].isspace():
                unit, end = unit_of(after.group()), after.end()
        if (
            unit is None
            and (text[end : end + 1] == "." or (following.group() == "t" and word[0].isdigit()))
            # "24 t", and "24t" written together ("Svar innen 24t")
            and (text[token.end() : following.start()].isspace()
                 or (following.group() == "t" and token.end() == following.start()
                     and not text[end : end + 1].isalnum()))
            and text[token.start() - 1 : token.start()] != "/"  # "24/7 Mon. – Fri." is a week
        ):
            unit = DOTTED_UNIT_WORDS.get(following.group().casefold())
        if unit is None and following.group().casefold() in _FORTNIGHTS:
            unit, amount = "weeks", amount * 2  # "a fortnight", "two fortnights"
        if unit is not None:
            yield Period(amount, unit, token.start(), _end(text, end))
        elif working_days:
            working = _working_period(text, tokens, i + 1, amount, token.start())
            if working is not None:
                yield working


#: Two weeks in one word (en).
_FORTNIGHTS = frozenset({"fortnight", "fortnights"})


def _one_unit_fi(tokens: list[re.Match[str]], at: int) -> bool:
    """Whether ``tokens[at]`` is a Finnish unit genitive standing for one unit: a postposition of
    time after it and no number before it ("viikon sisällä", not "kahden viikon sisällä")."""
    if tokens[at].group().casefold() not in _FI_GENITIVE_UNITS:
        return False
    if at > 0 and tokens[at - 1].group().casefold() in _FI_BOUNDS:
        return True  # "vastaaminen voi kestää enintään viikon": at most a week
    if at + 1 == len(tokens) or tokens[at + 1].group().casefold() not in _FI_POSTPOSITIONS:
        return False
    if at == 0:
        return True
    before = tokens[at - 1].group()
    return not before[0].isdigit() and number_value(before) is None


#: A bound before a Finnish unit's genitive, which then stands for one unit ("enintään viikon").
_FI_BOUNDS = frozenset({"enintään", "enintaan", "korkeintaan", "viimeistään", "viimeistaan", "jopa", "noin"})


def _working_period(text: str, tokens: list[re.Match[str]], at: int, amount: float, start: int) -> Period | None:
    """A period in working days whose unit is the word at ``tokens[at]`` or it and the next one."""
    first = tokens[at]
    if working_unit_of(first.group()) is not None:
        return Period(amount, "days", start, _end(text, first.end()), working=True)
    if at + 1 < len(tokens):
        second = tokens[at + 1]
        if text[first.end() : second.start()].isspace() and working_unit_of(
            f"{first.group()} {second.group()}"
        ) is not None:
            return Period(amount, "days", start, _end(text, second.end()), working=True)
    return None


@lru_cache(maxsize=1 << 14)
def _compound(word: str) -> tuple[float, Unit] | None:
    """(amount, unit) of a number word and a unit written as one word, or None. Kept by the word:
    every word of every sentence read for periods is asked (21,252 times for 60 pages, of a few
    thousand distinct words), and the unit search tries each of its letters."""
    for form in (word.casefold(), normalise(word)):
        suffix = _UNIT_SUFFIX.search(form)
        # A number of two letters at least: "a" + "arige" is the folded "årige", not "one year".
        if suffix and suffix.start() > 1:
            value = number_value(form[: suffix.start()])
            unit = unit_of(suffix.group())
            if value is not None and unit is not None:
                return float(value), unit
    return None


def _end(text: str, end: int) -> int:
    """``end``, past a full stop right after the unit ("3 Mon.")."""
    return end + 1 if text[end : end + 1] == "." else end
