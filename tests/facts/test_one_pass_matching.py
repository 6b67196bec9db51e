"""One-pass matching (issue 20, point 2): the phrase index that every passage gatherer shares, and
the concept answers kept with their table, give what matching one list, one concept and one page
at a time gave. The simple ways are kept here (or in ``common``) as the oracles."""

from __future__ import annotations

from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.facts import concepts as C
from auditor.facts.passages import common
from auditor.facts.passages._concepts import concept_names
from auditor.facts.passages.common import (
    Phrases,
    _matches,
    _simple_matches,
    has_listed_phrase,
    has_phrase,
    topic_phrases,
)
from auditor.lexicon import LANGUAGES, normalise

TOPICS = (
    "adr_body",
    "chat",
    "form_receipt",
    "legal_citation",
    "odr_link",
    "return_costs",
    "service_hours",
    "withdrawal_form",
    "withdrawal_function",
)


@cache
def _lists() -> tuple[Phrases, ...]:
    return tuple(phrases for topic in TOPICS for phrases in topic_phrases(topic).values())


@cache
def _vocabulary() -> tuple[str, ...]:
    """The words of every phrase, a prefix phrase's stem with and without an ending, and words
    no phrase holds."""
    words: set[str] = {"och", "und", "the", "14", "dagar", "xyz"}
    for phrases in _lists():
        for _, phrase in phrases:
            parts = phrase.rstrip("*").split()
            words.update(parts)
            if phrase.endswith("*") and parts:
                words.add(parts[-1] + "frakt")
    return tuple(sorted(words))


def _both(words: list[str], phrases: Phrases) -> tuple[set[tuple[int, int, str]], set[tuple[int, int, str]]]:
    return set(_matches(words, phrases)), set(_simple_matches(words, phrases))


@st.composite
def _sequences(draw: st.DrawFn) -> list[str]:
    """A word sequence that holds some phrases whole, cut and mixed with other words."""
    vocabulary = _vocabulary()
    out: list[str] = []
    for _ in range(draw(st.integers(0, 8))):
        if draw(st.booleans()):
            phrases = draw(st.sampled_from(_lists()))
            if phrases:
                phrase = draw(st.sampled_from(phrases))[1]
                parts = phrase.rstrip("*").split()
                if phrase.endswith("*") and draw(st.booleans()):
                    parts[-1] += draw(st.sampled_from(("", "en", "kosten", "a")))
                if draw(st.booleans()):
                    parts = parts[: draw(st.integers(0, len(parts)))]
                out.extend(parts)
        else:
            out.extend(draw(st.lists(st.sampled_from(vocabulary), max_size=4)))
    return out


@settings(max_examples=100, deadline=None)
@given(words=_sequences(), which=st.integers(0, 10_000))
def test_the_index_finds_what_each_list_alone_finds(words: list[str], which: int) -> None:
    lists = _lists()
    phrases = lists[which % len(lists)]
    fast, simple = _both(words, phrases)
    assert fast == simple
    # has_phrase, phrase_spans, phrase_hits read the same occurrences
    assert common.has_phrase(words, phrases) == bool(simple)
    assert common.phrase_spans(words, phrases) == sorted({(s, e) for s, e, _ in simple})
    assert common.phrase_hits(words, phrases) == sorted({(s, p) for s, _, p in simple})


@settings(max_examples=40, deadline=None)
@given(
    words=_sequences(),
    chosen=st.lists(st.sampled_from(_vocabulary()), min_size=1, max_size=4),
    star=st.booleans(),
)
def test_a_list_the_index_has_not_seen_is_taken_in(words: list[str], chosen: list[str], star: bool) -> None:
    """A list built elsewhere (the acts a citation names) joins the index on first use; what
    the index found in a sequence before still answers every list alike."""
    phrases: Phrases = (("", " ".join(chosen) + ("*" if star else "")), ("", chosen[0]))
    before = {p: set(_matches(words, p)) for p in _lists()[:5]}
    fast, simple = _both(words, phrases)
    assert fast == simple
    assert {p: set(_matches(words, p)) for p in _lists()[:5]} == before


def test_a_phrase_and_a_prefix_phrase_are_found_where_they_stand() -> None:
    phrases: Phrases = (("sv", "retur*"), ("sv", "angra kopet"), ("en", "right of withdraw*"))
    words = ["du", "kan", "angra", "kopet", "och", "returfrakten", "betalar", "du", "right", "of", "withdrawal"]
    assert sorted(_matches(words, phrases)) == [
        (2, 4, "angra kopet"),
        (5, 6, "retur*"),
        (8, 11, "right of withdraw*"),
    ]
    assert sorted(_matches(words, phrases)) == sorted(_simple_matches(words, phrases))
    # A short list asked of a long text reads its own index: the same answer.
    for asked in (words, words[:2], words[4:], []):
        assert has_listed_phrase(asked, phrases) == has_phrase(asked, phrases) == bool(list(_matches(asked, phrases)))
    assert list(_matches([], phrases)) == []
    assert list(_matches(words, ())) == []


# --------------------------------------------------------------------------- concepts


def _old_value(concept: C.Concept, clause: C.Clause, suspended: set[str], scope: str = "clause") -> str | None:
    """``_clause_value`` as it read every pattern in every language (the oracle)."""
    candidates: list[tuple[int, int, int, str]] = []
    for pattern in concept.patterns:
        if pattern.scope != scope or any(
            clause.hits.get((concept.name, lang, slot)) for slot in pattern.unless for lang in LANGUAGES
        ):
            continue
        for lang in LANGUAGES:
            whole = C._span(clause, concept.name, lang, pattern.slots)
            if whole is None or whole > pattern.within:
                continue
            near = C._span(clause, concept.name, lang, pattern.near or pattern.slots)
            value: str | None = pattern.value
            if C._negated(clause, concept.name, lang, pattern.slots if scope == "sentence" else None):
                value = concept.negation.get(pattern.value)
            if value is None:
                continue
            rank = concept.precedence.index(value) if value in concept.precedence else len(concept.precedence)
            candidates.append((pattern.tier, rank, near if near is not None else whole, value))
    if not candidates:
        return None
    best = min((tier, rank, span) for tier, rank, span, _ in candidates)
    values = {value for tier, rank, span, value in candidates if (tier, rank, span) == best}
    return values.pop() if len(values) == 1 and not values & suspended else None


def _old_sentence(names: tuple[str, ...], text: str) -> dict[str, str]:
    table = C._table(names)
    parsed = [C._clause(table, part) for part in C.clauses(text)]
    whole = C._clause(table, text)
    found: dict[str, str] = {}
    for name in names:
        concept = C.load(name)
        suspended = {
            value
            for value, slots in concept.suspend.items()
            if any(c.hits.get((name, lang, slot)) for c in parsed for slot in slots for lang in LANGUAGES)
        }
        values: dict[str, str] = {}
        for clause in parsed:
            value = _old_value(concept, clause, suspended)
            if value is not None:
                values.setdefault(value, clause.text)
        if any(p.scope == "sentence" for p in concept.patterns):
            value = _old_value(concept, whole, suspended, scope="sentence")
            if value is not None:
                values.setdefault(value, whole.text)
        if len(values) > 1:
            first = next((v for v in concept.precedence if v in values), None)
            values = {first: values[first]} if first is not None else values
        if len(values) == 1:
            found[name] = next(iter(values))
    return found


def _old_spans(names: tuple[str, ...], text: str, concept: str) -> dict[str, list[tuple[int, int]]]:
    table = C._table(names)
    parts: dict[C.Ref, list[int]] = {}
    for position, word in enumerate(normalise(text).split()):
        for ref in C._refs(table, word):
            parts.setdefault(ref, []).append(position)
    out: dict[str, set[tuple[int, int]]] = {}
    for index in {i for i, _ in parts}:
        term = table.terms[index]
        if term.concept == concept:
            for found in C._term_matches(term, index, parts):
                out.setdefault(term.slot, set()).add((found[0], found[-1] + 1))
    return {slot: sorted(found) for slot, found in out.items()}


#: Sentences that state, deny, suspend and mix the concepts' values, in the six languages.
SENTENCES = (
    "Du har 14 dagars ångerrätt från det att du tagit emot varan.",
    "Returfrakten betalar du själv, men vid reklamation står vi för kostnaden.",
    "Vi betalar inte returfrakten.",
    "Returkostnaden är 59 kr.",
    "Du har rett til å reklamere i 5 år, og vi svarer innen 14 dager.",
    "Fortrydelsesretten gælder ikke for forseglede varer; du betaler selv for returneringen.",
    "Sinulla on 14 päivän peruutusoikeus, ja palautuskulut maksaa asiakas.",
    "Wenn Sie den Vertrag widerrufen, tragen Sie die unmittelbaren Kosten der Rücksendung.",
    "Ist die Ware defekt, haben Sie Anspruch auf Nachbesserung.",
    "Die gesetzliche Gewährleistung beträgt zwei Jahre ab Lieferung.",
    "You have the right to cancel within 14 days; return shipping is free.",
    "Nothing in these terms affects your statutory rights.",
    "Complaints are answered within 2 working days at kundservice@example.com.",
    "Reklamationsrätten är tre år enligt konsumentköplagen.",
    "Vi står inte för returfrakten om du ångrar dig.",
)


@settings(max_examples=40, deadline=None)
@given(picked=st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=3), cut=st.integers(0, 40))
def test_concepts_read_as_every_pattern_in_every_language_read_them(picked: list[str], cut: int) -> None:
    text = " ".join(picked)
    text = text[cut:] if cut < len(text) // 2 else text
    names = concept_names()
    page = C.PageConcepts((), names)
    got = {name: match.value for name, match in page.sentence(text).items()}
    assert got == _old_sentence(page.names, text)
    for name in names:
        assert page.spans(text, name) == _old_spans(page.names, text, name)


def test_answers_kept_with_the_table_are_the_same_on_another_page() -> None:
    names = concept_names()
    first = C.PageConcepts(SENTENCES, names)
    second = C.PageConcepts((), names)
    for text in SENTENCES:
        assert second.sentence(text) == first.sentence(text)
        spans = second.spans(text, "withdrawal_period")
        spans.setdefault("right", []).append((99, 100))  # a caller's change is its own
        assert (99, 100) not in first.spans(text, "withdrawal_period").get("right", [])
    assert first.value("Vi betalar inte returfrakten.", "return_costs") == "consumer"


# --------------------------------------------------------------------------- dispute bodies


@cache
def _body_words() -> tuple[str, ...]:
    from auditor.facts.passages.disputes import _bodies

    words: set[str] = {"och", "die", "the", "kunta", "xyz"}
    for body in _bodies()[0]:
        parts = body.norm.split()
        words.update(parts)
        words.update(parts[-1] + ending for ending in ("n", "an", "ssa", "en", "s", "ille"))
        words.add(body.last_stem)
    return tuple(sorted(words))


@settings(max_examples=80, deadline=None)
@given(words=st.lists(st.sampled_from(_body_words()), max_size=12))
def test_a_body_is_found_where_walking_the_words_finds_it(words: list[str]) -> None:
    """What a sentence holds, found once (its words, their stems), places every body's name
    where walking the words body by body places it."""
    from auditor.facts.passages.disputes import _bodies, _name_span, _Seen

    seen = _Seen(words)
    for body in _bodies()[0]:
        if not body.acronym:
            assert _name_span(words, body, seen) == _name_span(words, body)


def test_a_block_is_cut_alike_whether_its_cut_is_kept_or_not() -> None:
    short = "Ångerrätt: 14 dagar. Vi skickar med PostNord. Kan jag ångra mitt köp? Ja."
    long = " ".join([short] * 80)  # beyond what is kept
    assert len(long) > common._CUT_KEPT_LENGTH
    cut = common.sentences(long)
    assert [s.text for s in cut] == [s.text for s in common.sentences(short)] * 80
    assert all(long[s.start : s.end] == s.text for s in cut)
    mine = common.sentences(short)
    mine.clear()  # a caller's list is its own
    assert common.sentences(short)
