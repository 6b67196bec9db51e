"""Passages about the right of withdrawal: its period, the model form, the online withdrawal
function (CRD Art. 11a) and who pays the return shipping.

* ``withdrawal_period``: a sentence naming the right (ångerrätt, angrerett, fortrydelsesret,
  peruuttamisoikeus, Widerrufsrecht, right of withdrawal, or withdrawing in words: "ångra
  köpet", "peru tilaus", "cancel your purchase"), with each stated period given to the name
  nearest it, first in its own clause: the right, a commercial return promise, or another
  thing's word (delivery, refund, the extension "by 12 months", exchange, invoice). The words
  are the ``withdrawal_period`` concept (``lexicon/concepts/withdrawal_period.toml``); a name
  with a negation next to it ("ingen ångerrätt") is no anchor, and periods in hours are none.
  A right's period is ``loose`` when the name stands in another clause or a return word is
  nearer to it: it may be the time to send the goods back. Flag ``no_period`` when the right is
  named without one; ``open_purchase`` for a commercial return promise ("öppet köp 30 dagar",
  "Rückgaberecht", "30-day returns"), with ``right_named`` when the same sentence names the
  right; ``label`` for a heading or link text that names the right and says nothing more.
  A bare withdrawing verb ("to cancel", "voit perua") names the right only with a period and
  not beside consent or a subscription. A period in a sentence under a heading naming the
  right, with no other thing's word next to it ("Ångerrätt" – "Du har 14 dagar på dig"), is
  the right's, ``loose``: the heading is a topic, so a fail is never read from it.
* ``withdrawal_form``: the Annex I(B) text itself (or the form's declaration in other words
  with its blanks or fields) or a heading naming the form with form content under it
  (``inline``), a link to it (``link``, target), or only a mention (``mention_only``). The
  names are the ``withdrawal_form`` concept (``lexicon/concepts/withdrawal_form.toml``): a
  form word and a withdrawal word in one clause or one compound. A link gives the form when
  its text or URL names it, or when it is a document, a URL naming withdrawing or a pointing
  text ("här", "PDF") whose sentence names the form, or whose sentence says "the form" in a
  block or section about withdrawing, or that stands under a heading naming it; a link to
  another site's page counts only when its URL names the form (a page about the right is no
  form).
* ``withdrawal_function``: a button or link whose label starts the withdrawal, by the
  ``withdrawal_function`` concept (``lexicon/concepts/withdrawal_function.toml``): withdrawing
  with its object ("Ångra köpet här", "Peru tilaus", "Vertrag widerrufen"), using the right
  ("Utöva ångerrätten", "Widerrufsrecht ausüben") or declaring it ("Widerruf erklären"), not
  a link to information, the model form or a guide ("Läs mer om ångerrätten",
  "Widerrufsbelehrung", "How to withdraw") and not a newsletter or consent (``button`` /
  ``link``, target, region); ``confirm`` for the step-2 control ("Bekräfta ångrande"). A
  control is read by the text it shows, else by its aria-label or title ("Ångra" announced
  as "Ångra order 10045").
* ``return_costs``: who pays the return shipping: ``consumer`` or ``trader``. The
  ``return_costs`` concept (``lexicon/concepts/return_costs.toml``: pay / return / payer stems
  in one clause, negation, faulty goods suspending "the shop pays") decides first; a short
  statement whose clauses say nothing alone is read whole (a question and its answer, a label
  and its value, "Returportot ingår inte, det står du för"); then a fixed phrase of
  ``topics/return_costs.toml``; then a payer word near a return-cost noun.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from urllib.parse import unquote, urlsplit

import lxml.html

from auditor.facts.concepts import SUBORDINATORS, PageConcepts, clauses
from auditor.facts.dom import Document, TextBlock, clean
from auditor.facts.passages._concepts import page_concepts, statement_value, text_concepts
from auditor.facts.passages.common import (
    HEADINGS,
    KEPT_READINGS,
    SECTION_HEADINGS,
    Period,
    Phrases,
    has_phrase,
    heading_tag,
    passage_fact,
    periods,
    phrase_hits,
    sentences,
    topic_phrases,
    word_index,
    word_list,
)
from auditor.lexicon import normalise
from auditor.models import PassageFact, PassageTopic
from auditor.web.urls import joined_url

#: A sentence this long (in words) is prose, not a label.
_LABEL_WORDS = 8
#: How many words may stand between another thing's word and the period after it (delivery,
#: refund: "Vi återbetalar beloppet inom 14 dagar", "erstatten den Betrag innerhalb von 14 Tagen").
_NEAR = 4
#: How many words may stand between a period and another thing's word after it ("14 dagars
#: leveranstid", "2 Tage Lieferzeit").
_AFTER = 2
#: How many words may stand between a negation and the right's name it excludes.
_NEGATION_REACH = 2
#: A sentence this short naming the right is a heading or link label ("Widerrufsbelehrung").
_LABEL_ONLY = 4
#: How many words a party word may sit from the return-cost noun.
_PARTY_WINDOW = 5
_CONTROLS = ("input", "textarea", "select")
_MONEY = re.compile(r"^\d+(?:[.,]\d+)?$|^(kr|sek|nok|dkk|eur|euro|€|e)$")


def gather(doc: Document, lang: str) -> list[PassageFact]:
    """Every withdrawal passage of one page."""
    return [
        *_periods(doc, lang),
        *_forms(doc, lang),
        *_functions(doc, lang),
        *_return_costs(doc, lang),
    ]


# --------------------------------------------------------------------------- word positions


# --------------------------------------------------------------------------- period


def _periods(doc: Document, lang: str) -> list[PassageFact]:
    out: list[PassageFact] = []
    section = ""  # the heading over the block, when it names the right
    for block in doc.blocks:
        if _is_section_heading(block):
            section = block.text if _heading_names_right(block.text) else ""
        asked = ""  # a short question naming the right, earlier in the block ("Ångrat dig? …")
        named = ""  # the sentence just before, when it names the right without its period
        for sentence in sentences(block.text):
            text = sentence.text
            reading = _period_reading(text)
            before, named = named, ""
            if reading is None:  # the sentence names neither the right nor an open purchase
                if asked:
                    out.extend(_section_period(doc, block, lang, asked, text))
                elif before:
                    # "Du har angrerett. Fristen er 14 dager fra du mottok varen.": the period the
                    # next sentence gives, read loosely as the right's
                    out.extend(_section_period(doc, block, lang, before, text))
                elif section and not _labelled_by_heading(block) and not _is_section_heading(block):
                    out.extend(_section_period(doc, block, lang, section, text))
                else:
                    promised = _return_time_reading(text)
                    if promised is not None:
                        out.append(_period_fact(doc, block, lang, text, list(promised), ["open_purchase"]))
                continue
            question, right, opened = reading
            asked = question or asked
            if right is not None:
                out.append(_period_fact(doc, block, lang, text, list(right), []))
                named = text if not right and opened is None else ""
            if opened is not None:
                out.append(_period_fact(doc, block, lang, text, list(opened[0]), list(opened[1])))
    return out


#: A right's or an open purchase's periods as :func:`_assign` gives them.
_Assigned = tuple[tuple[int, Period, bool], ...]


@lru_cache(maxsize=KEPT_READINGS)
def _period_reading(text: str) -> tuple[str, _Assigned | None, tuple[_Assigned, tuple[str, ...]] | None] | None:
    """What a sentence says of the withdrawal period, from its text alone: None when it names
    neither the right nor an open purchase (most sentences); else the question it opens with
    when that names the right ("" if none), the right's periods (None when it states no right's
    passage) and an open purchase's periods with their flags (None when it names none)."""
    concepts = text_concepts()
    slots = _with_acts(concepts.spans(text, _CONCEPT))
    plain = _plain_right(slots)
    slots = plain or slots
    rights, opens = slots.get("right", []), slots.get("open", [])
    if not rights and not opens:
        return None
    question = text[: text.find("?") + 1]  # a statement opens with its question, if any
    asked = question if question and not opens and _names_right(concepts, question) else ""
    assigned = _assign(text, slots, _label_words(text))
    right = tuple(assigned["right"]) if rights and (assigned["right"] or not _acts_only(slots)) else None
    if plain is not None and right:
        right = tuple((distance, period, True) for distance, period, _ in right)  # everyday words: loosely
    opened = None
    if opens:
        opened = (tuple(assigned["open"]), ("open_purchase", *(["right_named"] if rights else [])))
    return asked, right, opened


@lru_cache(maxsize=KEPT_READINGS)
def _return_time_reading(text: str) -> _Assigned | None:
    """A return promise in the shop's own words, in a sentence that names neither the right nor
    an open purchase (after "if you withdraw" the same words are the time to send the goods
    back): "you have 30 days to return it", or a return word with a period close by ("Du kan
    returnera varan inom 30 dagar", "Returns are accepted within 30 days") where no faulty goods
    are named. Its periods; None when the sentence states no return time."""
    slots = _with_acts(text_concepts().spans(text, _CONCEPT))
    if slots.get("right") or slots.get("open") or _plain_right(slots) is not None:
        return None
    if slots.get("return_time"):
        return tuple(_assign(text, {**slots, "open": slots["return_time"]}, _label_words(text))["open"])
    # Another thing's period (a refund's, a delivery's) is one :func:`_assign` finds next to it:
    # "Unopened packets can be sent back within 7 days of delivery and we will refund the price"
    # states a return time all the same.
    returns = slots.get("return", [])
    if not returns or slots.get("fault"):
        return None
    assigned = _assign(text, {**slots, "open": slots["return"]}, _label_words(text))["open"]
    near = tuple(item for item in assigned if item[0] <= _RETURN_NEAR)
    return near or None


#: How many words may stand between a return word and the period it gives ("returnera varan
#: inom 30 dagar": 2).
_RETURN_NEAR = 4


@lru_cache(maxsize=KEPT_READINGS)
def _heading_names_right(heading: str) -> bool:
    """:func:`_names_right`, kept by the heading's text."""
    return _names_right(text_concepts(), heading)


_CONCEPT = "withdrawal_period"
Span = tuple[int, int]
#: A heading longer than this (in words) is prose, not a section's name.
_SECTION_WORDS = 8


def _with_acts(slots: dict[str, list[Span]]) -> dict[str, list[Span]]:
    """The slots with a bare withdrawing verb ("to cancel", "voit perua") as a name of the
    right, unless what else is cancelled stands next to it ("cancel your subscription",
    "Bookings can be cancelled", "peruuttaa suostumus"); a subscription bought earlier in the
    sentence is what the right is for ("Where you purchase a subscription or a booking for
    services, you may cancel within 14 days of the day on which the contract is entered into")."""
    others = slots.get("act_other", [])
    acts = [act for act in slots.get("act", []) if not any(_beside(act, other) for other in others)]
    if acts:
        slots = {**slots, "right": sorted([*slots.get("right", []), *acts])}
    return slots


#: How many words apart a bare withdrawing verb and what else is cancelled belong together.
_ACT_OTHER_REACH = 2


def _beside(a: Span, b: Span) -> bool:
    return b[0] <= a[1] + _ACT_OTHER_REACH and a[0] <= b[1] + _ACT_OTHER_REACH


def _plain_right(slots: dict[str, list[Span]]) -> dict[str, list[Span]] | None:
    """The slots with the return words and return promise of a sentence that asks no reason for
    the return ("Send it back within 30 days – no questions asked", "Palautusaika 30 pv – syytä ei
    kysytä", "du behöver inte förklara varför") as names of the right: an unconditional return
    is the right of withdrawal in the shop's own words. None where the sentence asks no reason
    only of something else (no return word), names faulty goods, or names the right otherwise
    than by "without giving any reason"."""
    reasons = slots.get("no_reason", [])
    # a fault or a negation word inside the phrase asking no reason is none ("även om inget är
    # fel på dem", "selv om det ikke er noe galt med dem")
    faults = [f for f in slots.get("fault", []) if not _overlaps(f, reasons)]
    if not reasons or faults or any(not _within(r, reasons) for r in slots.get("right", [])):
        return None
    names = [*slots.get("return", []), *slots.get("return_time", []), *slots.get("open", [])]
    if not names:
        return None
    # (a negation right before the phrase is its own: "eikä tarvi selitellä", "and no need to explain")
    negations = [n for n in slots.get("negation", []) if not _overlaps(n, [(a - 1, b) for a, b in reasons])]
    return {**slots, "right": sorted(names), "open": [], "negation": negations}


def _overlaps(span: Span, spans: list[Span]) -> bool:
    """Whether ``span`` shares a word with any of ``spans``."""
    return any(span[0] < other[1] and other[0] < span[1] for other in spans)


def _acts_only(slots: dict[str, list[Span]]) -> bool:
    """Whether the right is named only by a bare verb: it speaks only with a period."""
    acts = set(slots.get("act", []))
    return all(r in acts for r in slots.get("right", []))


def _labelled_by_heading(block: TextBlock) -> bool:
    """Whether the block's text was joined to a heading as its label (the heading then makes the
    statement already); a row's first cell or a ``dt`` as label does not ("Aika – 14 päivää"
    under "Peruutusoikeus")."""
    return block.label is not None and _is_heading(block.label)


def _is_section_heading(block: TextBlock) -> bool:
    """A heading, a summary, or the text of one (:func:`heading_tag`: an accordion's question in
    a button inside its ``<h4>``, or a button that opens and closes it)."""
    return heading_tag(block.element) in SECTION_HEADINGS


def _is_heading(element: lxml.html.HtmlElement) -> bool:
    tag = element.tag.lower() if isinstance(element.tag, str) else ""
    return tag in SECTION_HEADINGS or (element.get("role") or "").lower() == "heading"


def _names_right(concepts: PageConcepts, heading: str) -> bool:
    """Whether a heading names the right of withdrawal ("Ångerrätt", "Widerrufsrecht", "Can I
    cancel my order?"), not excluded ("Ingen ångerrätt för företag")."""
    return _right_not_negated(concepts, heading, heading_words=_SECTION_WORDS)


def _right_not_negated(concepts: PageConcepts, text: str, *, heading_words: int = 0) -> bool:
    """Whether ``text`` names the right of withdrawal and no negation excludes it there. A heading
    (``heading_words``: its most words) names it by a bare withdrawing verb too ("Can I cancel my
    order?"); a sentence only by the right's own name ("Ångerrätt 14 dagar")."""
    words = word_list(text)
    if not words or (heading_words and len(words) > heading_words):
        return False
    slots = concepts.spans(text, _CONCEPT)
    if heading_words:
        slots = _with_acts(slots)
    clause_of = _clause_index(text, len(words), 0)
    return any(not _negated(r, slots.get("negation", []), clause_of) for r in slots.get("right", []))


def _section_period(doc: Document, block: TextBlock, lang: str, heading: str, text: str) -> list[PassageFact]:
    """A period stated under a heading naming the right, in a sentence that names neither the
    right nor a return promise ("Ångerrätt" – "Du har 14 dagar på dig."), read as the right's,
    loosely: the heading is a topic, and the sentence may be about another time in it (a fail
    is never read from it). Another thing's word next to the period keeps it that thing's ("Vi
    skickar inom 3 dagar")."""
    found = _section_reading(heading, text)
    if found is None:
        return []
    joined, assigned = found
    return [_period_fact(doc, block, lang, joined, list(assigned), [])]


@lru_cache(maxsize=KEPT_READINGS)
def _section_reading(heading: str, text: str) -> tuple[str, _Assigned] | None:
    """:func:`_section_period`'s reading of a heading and a sentence: the statement they make
    joined and the right's periods in it, or None when it states none."""
    if next(periods(text), None) is None:
        return None
    joined = f"{clean(heading).rstrip(':').rstrip()} – {text}"
    assigned = _assign(joined, _with_acts(text_concepts().spans(joined, _CONCEPT)), _label_words(joined))
    found = tuple((distance, period, True) for distance, period, _ in assigned["right"])
    return (joined, found) if found else None


def _assign(text: str, slots: dict[str, list[Span]], label_words: int) -> dict[str, list[tuple[int, Period, bool]]]:
    """Each period of the sentence given to the name nearest it: the right, an open purchase, or
    another thing's period (a delivery, refund, extension or exchange word right next to it).
    A right's period is ``loose`` when the name stands in another clause (not a label joined to
    the statement), or a return word is nearer to it than the name: then it may be the time to
    send the goods back. Periods in hours are no withdrawal period."""
    words = word_list(text)
    clause_of = _clause_index(text, len(words), label_words)
    parts = _comma_parts(text, len(words)) if "," in text else None
    rights = [r for r in slots.get("right", []) if not _negated(r, slots.get("negation", []), clause_of, parts)
              and not _not_applied(r, slots.get("not_apply", []), clause_of)]
    starts = slots.get("start", [])
    named = slots.get("right", [])
    # A delivery word that says when the period starts ("från leveransen") is no other period's,
    # and neither is a word inside the right's own name or a return's ("sendes tilbake").
    returns = slots.get("return", [])
    others = [o for o in slots.get("other", []) if not _within(o, starts) and not _within(o, named)
              and not _inside_phrase(o, returns)]
    assigned: dict[str, list[tuple[int, Period, bool]]] = {"right": [], "open": [], "other": []}
    befores = {span[0] for span in slots.get("before", [])}
    for period in periods(text, working_days=True):
        if period.unit == "hours":
            continue
        at = (word_index(text, period.start), max(word_index(text, period.end), word_index(text, period.start) + 1))
        if at[1] in befores:
            # "Jos peruutat yli 60 päivää ennen tuloa": a deadline before an event, a booking's
            # cancellation scale; the right's period runs from the contract or the delivery.
            assigned["other"].append((0, period, False))
            continue
        if _after_withdrawing(words, at, named, starts):
            # "spätestens 14 Tage nach Ihrer Widerrufserklärung", "within 14 days after your
            # cancellation": a time counted from the withdrawal (to send back, to refund)
            assigned["other"].append((0, period, False))
            continue
        clause = clause_of[min(at[0], len(words) - 1)]
        # A name in the period's own clause comes before any in another clause, then the nearest.
        candidates: list[tuple[bool, int, str, Span]] = [
            (clause_of[r[0]] != clause, _gap(at, r), "right", r) for r in rights
        ]
        # a phrase across a bar's items ("14 dage · Fri retur") is none
        candidates += [(clause_of[o[0]] != clause, _gap(at, o), "open", o) for o in slots.get("open", [])
                       if clause_of[o[0]] == clause_of[min(o[1], len(words)) - 1] or not _BAR.search(text)]
        candidates += [(clause_of[o[0]] != clause, _gap(at, o), "other", o) for o in others
                       if _adjacent(at, o) and not _conjoined(words, at, o)]
        if not candidates:
            continue
        apart, distance, kind, span = min(candidates)
        if kind == "other":
            # "angre kjøp av trykk og gavekort i 14 dager": a thing bought stands just
            # after the right's name (in the sentence, not a heading joined to it) and before the
            # period, in one clause: it is what the right is for. Read loosely, so that a shorter
            # period read this way is never a fail.
            ahead = [r for r in rights if span in slots.get("item", []) and r[0] >= label_words
                     and clause_of[r[0]] == clause and r[1] <= span[0] <= r[1] + _OBJECT_WORDS and span[1] <= at[0]]
            # "Du kannst dein Plus-Abo innerhalb von 14 Tagen … widerrufen": the thing bought
            # before the period and the right's verb closing the clause after it (German puts
            # the verb last); read loosely too.
            behind = [r for r in rights if span in slots.get("item", []) and clause_of[r[0]] == clause
                      and span[1] <= at[0] and at[1] <= r[0] <= at[1] + _VERB_LAST_WORDS]
            if ahead or behind:
                assigned["right"].append((_gap(at, (ahead or behind)[-1]), period, True))
                continue
        nearer_return = any(_gap(at, r) < distance for r in returns)
        assigned[kind].append((distance, period, kind == "right" and (apart or nearer_return)))
    return assigned


_BAR = re.compile(r"[·•|]")
#: How far after the right's name (in words) another thing's word may stand and still be what
#: the right is for ("angre kjøp av bilder og gavekort i 14 dager").
_OBJECT_WORDS = 4
#: How far after a period the right's verb may close its clause ("… innerhalb von 14 Tagen nach
#: dem Kauf ohne Angabe von Gründen widerrufen").
_VERB_LAST_WORDS = 8


def _gap(period: Span, span: Span) -> int:
    """How many words stand between a period and a span (0 when they touch or overlap)."""
    if span[1] <= period[0]:
        return period[0] - span[1]
    if span[0] >= period[1]:
        return span[0] - period[1]
    return 0


def _adjacent(period: Span, span: Span) -> bool:
    """Whether another thing's word is close enough to make the period its own: up to
    :data:`_NEAR` words before it or :data:`_AFTER` after it."""
    if span[1] <= period[0]:
        return period[0] - span[1] <= _NEAR
    return span[0] - period[1] <= _AFTER


def _after_withdrawing(words: list[str], period: Span, named: list[Span], starts: list[Span]) -> bool:
    """Whether the period is counted from the withdrawal itself: "after" right after it, then
    the right's name within two words ("14 Tage nach Ihrer Widerrufserklärung", "14 days after
    your cancellation"), and no delivery between ("14 days after delivery to cancel" is the
    right's)."""
    end = period[1]
    if any(a <= end < b for a, b in named):
        return False  # "14 dagers angrerett etter angrerettloven": the right's own period, by the law
    after = next((i for i in (end, end + 1) if i < len(words) and words[i] in _AFTER_WORDS), None)
    if after is None or any(a <= after < b for a, b in starts):
        return False
    return any(after < r[0] <= after + _AFTER_REACH for r in named)


#: "After" (normalised) and how many words may stand between it and the right's name ("nach Ihrer").
_AFTER_WORDS = frozenset({"nach", "after", "efter", "etter"})
_AFTER_REACH = 2


def _conjoined(words: list[str], period: Span, span: Span) -> bool:
    """Whether an "and" stands between a period and another thing's word after it: the word is
    the next predicate's ("inom 14 dagar och få pengarna tillbaka" gets the money back after a
    return within 14 days; the period is the return's)."""
    return span[0] >= period[1] and any(w in _AND for w in words[period[1] : span[0]])


#: Coordinating "and" words (normalised).
_AND = frozenset({"och", "og", "and", "und", "ja", "samt", "seka", "sowie"})


def _within(span: Span, outer: list[Span]) -> bool:
    return any(o[0] <= span[0] and span[1] <= o[1] for o in outer)


def _inside_phrase(span: Span, phrases: list[Span]) -> bool:
    """Whether ``span`` is a word of a longer phrase among ``phrases`` ("skickas" in "skickas
    tillbaka"); a word that is a phrase of both slots by itself ("palautetaan") stays in both."""
    return any(o[0] <= span[0] and span[1] <= o[1] and o[1] - o[0] > span[1] - span[0] for o in phrases)


def _negated(right: Span, negations: list[Span], clause_of: list[int], parts: list[int] | None = None) -> bool:
    """Whether a negation word stands right next to the right's name in its clause ("ingen
    ångerrätt", "Ångerrätten gäller inte", "kein Widerrufsrecht"): the right is excluded there;
    not across a comma (``parts``: "Jos tuote ei miellytä, voit perua kaupan …" negates the
    liking in the leading condition, not the right)."""
    return any(
        _gap(right, neg) <= _NEGATION_REACH and clause_of[neg[0]] == clause_of[right[0]]
        and (parts is None or parts[neg[0]] == parts[right[0]])
        for neg in negations
    )


def _comma_parts(text: str, count: int) -> list[int] | None:
    """The part between commas of each of the text's words, or None when they do not add up."""
    index: list[int] = []
    for number, part in enumerate(text.split(",")):
        index.extend([number] * len(word_list(part)))
    return index if len(index) == count else None


def _not_applied(right: Span, not_apply: list[Span], clause_of: list[int]) -> bool:
    """Whether "does not apply" closes the right's clause after its name ("… the statutory 14-day
    cancellation period for online purchases does not apply."): excluded whole, not for a kind
    of goods named after it ("gilt nicht für Tickets")."""
    clause = clause_of[right[0]]
    last = max(i for i, c in enumerate(clause_of) if c == clause)
    return any(span[0] >= right[1] and clause_of[span[0]] == clause and span[1] - 1 == last for span in not_apply)


def _clause_index(text: str, count: int, label_words: int) -> list[int]:
    """The clause (:func:`auditor.facts.concepts.clauses`) of each of the text's words, a
    joined label's words in the clause after it; one clause for all when the clauses' words do
    not add up to the text's."""
    index: list[int] = []
    # Brackets hold an aside of the same clause here: "ångerrätt (14 dagar)", "fjorton (14) dagar".
    for number, part in enumerate(clauses(text.replace("(", " ").replace(")", " "))):
        index.extend([number] * len(word_list(part)))
    if len(index) != count:
        return [0] * count
    if 0 < label_words < count:
        index[:label_words] = [index[label_words]] * label_words
    return index


def _label_words(text: str) -> int:
    """How many words of a statement are a label joined to its value ("Ångerrätt – 14 dagar": a
    heading, term or header cell and the block it labels, a table row of a header cell and a
    cell): a name there is the subject of the value after it, though a dash stands between."""
    if " – " not in text:
        return 0
    head = text.split(" – ", 1)[0]
    if any(ch.isdigit() or ch in "?!" for ch in head):  # a value or a question, not a label
        return 0
    count = len(word_list(head))
    return count if count <= _LABEL_WORDS else 0


def _period_fact(
    doc: Document,
    block: TextBlock,
    lang: str,
    text: str,
    periods_: list[tuple[int, Period, bool]],
    flags: list[str],
) -> PassageFact:
    if not periods_:
        label = ["label"] if len(word_list(text)) <= _LABEL_ONLY else []
        topic = PassageTopic.WITHDRAWAL_PERIOD
        return passage_fact(doc, block.element, topic, lang, text, flags=[*flags, "no_period", *label])
    _, period, loose = min(periods_, key=lambda item: (item[2], item[0]))
    return passage_fact(
        doc,
        block.element,
        PassageTopic.WITHDRAWAL_PERIOD,
        lang,
        text,
        amount=period.amount,
        unit=period.unit,
        flags=[*flags, *(["loose"] if loose else []), *(["working"] if period.working else [])],
    )


# --------------------------------------------------------------------------- form

_FORM = "withdrawal_form"
#: A link to a file of these kinds is a document (the form as PDF or Word), not a page.
_DOCUMENT = re.compile(r"\.(?:pdf|docx?|odt|rtf)$", re.IGNORECASE)
#: Blank lines to fill in ("______", "……", ". . . ."): a form's fields.
_BLANKS = re.compile(r"_{3,}|…{2,}|\.{4,}|(?:\. ){3,}|:\s*(?:…|\.\.\.)(?=\s|$)")


def _forms(doc: Document, lang: str) -> list[PassageFact]:
    """The model form on the page (its text, or a form under a heading naming it: ``inline``),
    links to it (``link``), or, when neither, a sentence naming it (``mention_only``). Names are
    the ``withdrawal_form`` concept's: a form word and a withdrawal word in one clause or one
    compound ("Ångerblanketten", "Formular für den Widerruf", "peruutuslomakkeella")."""
    lex = topic_phrases("withdrawal_form")
    fingerprint, fields = lex.get("fingerprint", ()), lex.get("fields", ())
    concepts = page_concepts(doc)
    topic = PassageTopic.WITHDRAWAL_FORM
    provided: list[PassageFact] = []
    named_headings: list[lxml.html.HtmlElement] = []
    for block in doc.blocks:
        words = word_list(block.text)
        tag = block.element.tag if isinstance(block.element.tag, str) else ""
        said = _form_values(concepts, block.text)
        if not said and "(" in block.text:
            # "Cancellation notice (form)": the form word in brackets still names it
            said = _form_values(concepts, _BRACKETS.sub(" ", block.text))
        if (
            has_phrase(words, fingerprint)
            or ("declared" in said and _fields_here(doc, block, fingerprint, fields))
            or ("named" in said and _BLANKS.search(block.text) and _field_count(words, fields) >= 2)
            # the form pasted without its blanks: its labels, each with its colon and nothing after
            # it ("Cancellation notice (form) To: … Ordered on / received on: Your name: Date:")
            or ("named" in said and block.text.count(":") >= _EMPTY_FIELDS and _field_count(words, fields) >= 3)
            # the declaration as one line of a list or table of blanks ("I cancel my order for: ____"
            # among "Order number: ____", "Date received: ____"): the form in the shop's words
            or (_BLANKS.search(block.text) and _blank_declaration_among_fields(doc, concepts, block, fields))
            # the declaration and its blanks pasted as one paragraph ("Ilmoitan, että perun ostoni.
            # Tilausnumero: ____. Tuotteet: ____. Vastaanotettu: ____. Päiväys: ____.")
            or (len(_BLANKS.findall(block.text)) >= _EMPTY_FIELDS and _field_count(words, fields) >= 3
                and "act" in concepts.spans(block.text, _FORM))
        ):
            # the Annex text; a declaration with fields; "CANCELLATION FORM – To: … Name: … Date: …"
            provided.append(passage_fact(doc, block.element, topic, lang, block.text, flags=["inline"]))
        elif (tag in HEADINGS or _bold_line(block.element) or _caption(block)) and "named" in said:
            named_headings.append(block.element)
            if _form_follows(doc, block.element, fingerprint, fields):
                provided.append(
                    passage_fact(doc, block.element, topic, lang, block.text, name=block.text, flags=["inline"])
                )
        elif (tag in HEADINGS or _bold_line(block.element)) and _blank_form_follows(doc, concepts, block, fields):
            # "Meddelande om frånträdande" / "Right to cancel – form", then "Varor: …", "Namn: …":
            # a heading naming withdrawing over fields with blanks to fill in is the form
            provided.append(
                passage_fact(doc, block.element, topic, lang, block.text, name=block.text, flags=["inline"])
            )
    for form in doc.root.iter("form"):
        title = _web_form_title(doc, concepts, form, fields)
        if title:
            provided.append(passage_fact(doc, form, topic, lang, title, name=title, flags=["inline", "web_form"]))
    under_heading = {a for h in named_headings for a in _links_after(h)}
    texts = _block_texts(doc)
    for anchor in doc.root.iter("a", "button"):
        # a button opens its page by script: "window.open('/angerblankett.pdf')", "location.href='/…'"
        href = str(anchor.get("href") or "").strip() if anchor.tag == "a" else _onclick_target(anchor)
        if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
            continue
        label = doc.element_text(anchor)
        target = joined_url(doc.url, href)
        path, slug = _path_and_slug(target)
        document = bool(_DOCUMENT.search(path))
        # Another site's page named as the form may be a page about the right (an authority's
        # guide): only its URL naming the form, or a document, gives the form.
        if _names_form(concepts, slug) or (
            (document or not _elsewhere(doc.url, target))
            and (
                _names_form(concepts, label)
                or (_points_at_form(concepts, label, slug, document) and (
                    anchor in under_heading or _said_around(concepts, anchor, label, texts)
                ))
            )
        ):
            flags = ["link"] + (["pdf"] if path.lower().endswith(".pdf") else [])
            provided.append(
                passage_fact(doc, anchor, topic, lang, label or target, name=label, target=target, flags=flags)
            )
    provided.extend(_written_links(doc, concepts, lang))
    if provided:
        return _dedupe(provided)
    mentions: list[PassageFact] = []
    for block in doc.blocks:
        for sentence in sentences(block.text):
            if _names_form(concepts, sentence.text):
                mentions.append(passage_fact(doc, block.element, topic, lang, sentence.text, flags=["mention_only"]))
                break
    return mentions


_BRACKETS = re.compile(r"[()]")
#: Labels with their colons a pasted form without blanks has at least ("To:", "Ordered on:", "Name:", "Date:").
_EMPTY_FIELDS = 4
#: Input types a consumer does not type into: a web form of these alone is no form to fill in.
_NOT_FILLED = frozenset({"hidden", "submit", "button", "image", "reset", "checkbox", "radio", "file"})
#: How many fields a web form needs to be the withdrawal form filled in online (name, order,
#: goods, date received), not a one-field order lookup.
_WEB_FORM_FIELDS = 3


def _web_form_title(doc: Document, concepts: PageConcepts, form: lxml.html.HtmlElement, fields: Phrases) -> str:
    """The heading of a web form that is the withdrawal form filled in online (CRD Art. 11(3)):
    a ``<form>`` of at least three fields to type into, two of them the model form's (name,
    address, order number, goods, date received), under a heading or legend that names
    withdrawing and no other matter ("Meddela att du ångrar köpet", "Widerruf erklären"); ""
    when it is not one. A contact or complaint form under such a heading names another matter
    in its heading, or lacks the fields."""
    filled = [
        c for c in form.iter(*_CONTROLS)
        if c.tag != "input" or (c.get("type") or "text").lower() not in _NOT_FILLED
    ]
    text = doc.element_text(form)
    # the model form's declaration in the form itself ("Jag frånträder härmed avtalet om köp av
    # varorna i ordern ovan" beside order number and email): two fields are enough
    declared = len(filled) >= 2 and "declared" in _form_values(concepts, text)
    if len(filled) < _WEB_FORM_FIELDS and not declared:
        return ""
    if _field_count(word_list(text), fields) < 2 and not declared:
        return ""
    for title in (_form_heading(doc, form), *_form_names(doc, form)):
        slots = concepts.spans(title, _FORM) if title else {}
        if "withdrawal" in slots and "other" not in slots:
            return title
    return ""


def _form_names(doc: Document, form: lxml.html.HtmlElement) -> Iterator[str]:
    """What else names a form with no heading of its own: its label for assistive technology,
    its id, its send button ("Send angreskjema")."""
    for name in (form.get("aria-label"), form.get("id"), form.get("name")):
        if name:
            yield name.replace("-", " ").replace("_", " ")
    for button in form.iter("button", "input"):
        kind = (button.get("type") or ("submit" if button.tag == "button" else "text")).lower()
        if kind == "submit":
            yield button.get("value") or doc.element_text(button)


#: The headings a form's title stands in.
_H_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def _form_heading(doc: Document, form: lxml.html.HtmlElement) -> str:
    """A form's own heading or legend, else the heading just before it (among its preceding
    siblings, or its parent's: a form wrapped in a <div>)."""
    own = next(form.iter("legend", *_H_TAGS), None)
    if own is not None:
        return doc.element_text(own)
    node: lxml.html.HtmlElement | None = form
    for _ in range(2):
        if node is None:
            break
        for sibling in node.itersiblings(preceding=True):
            if sibling.tag in _H_TAGS:
                return doc.element_text(sibling)
            if isinstance(sibling.tag, str) and doc.element_text(sibling):
                break  # text between: the heading, if any, is not the form's
        node = node.getparent()
    return ""


def _path_and_slug(target: str) -> tuple[str, str]:
    """A URL's path, and its words ("/media/ånger-blankett.pdf" -> "media ånger blankett pdf" as
    page words): what a link's or a written address's path says."""
    path = unquote(urlsplit(target).path)
    return path, " ".join(word_list(path.replace("-", " ").replace("_", " ")))


#: An address written out in the text, not linked ("hittar du här: https://butiken.se/angerblankett.pdf").
_WRITTEN_URL = re.compile(
    r"\b(?:https?://|www\.)[^\s<>\"')\]]+"
    # a bare domain with a path, as shops write it ("butik.fi/lomakkeet/peruutus.pdf"), not an email's
    r"|(?<![@\w.-])[^\W_][\w-]*(?:\.[\w-]+)*\.[a-z]{2,6}/[^\s<>\"')\]]+",
    re.IGNORECASE,
)


def _written_links(doc: Document, concepts: PageConcepts, lang: str) -> list[PassageFact]:
    """The form given by an address written out in a sentence that names it, not as a link: the
    address is the form when it is a document or its path names withdrawing (a consumer copies
    it into the browser; a person reading the page counts it as given)."""
    out: list[PassageFact] = []
    for block in doc.blocks:
        if "/" not in block.text:
            continue
        for sentence in sentences(block.text):
            found = _WRITTEN_URL.search(sentence.text)
            if found is None or not _names_form(concepts, sentence.text):
                continue
            written = found.group().rstrip(".,;:")
            target = written if "://" in written else f"https://{written}"
            path, slug = _path_and_slug(target)
            if _DOCUMENT.search(path) or "withdrawal" in concepts.spans(slug, _FORM):
                flags = ["link", "written"] + (["pdf"] if path.lower().endswith(".pdf") else [])
                out.append(passage_fact(doc, block.element, PassageTopic.WITHDRAWAL_FORM, lang, sentence.text,
                                        name=written, target=target, flags=flags))
    return out


def _points_at_form(concepts: PageConcepts, label: str, slug: str, document: bool) -> bool:
    """Whether a link whose text does not name the form may give the one its sentence or
    heading names: a document, a URL naming withdrawing, or a text pointing ("här", "PDF")."""
    label_slots = concepts.spans(label, _FORM)
    # a form word as the link text ("unser Online-Formular") counts where its sentence names the form
    return document or "withdrawal" in concepts.spans(slug, _FORM) or "pointer" in label_slots or (
        "form" in label_slots and "other" not in label_slots and "booking" not in label_slots
    )


def _elsewhere(page: str, target: str) -> bool:
    """Whether a link leads to another site."""
    def host(url: str) -> str:
        return urlsplit(url).netloc.lower().removeprefix("www.")

    return host(target) != host(page)


def _fields_here(doc: Document, block: TextBlock, fingerprint: Phrases, fields: Phrases) -> bool:
    """Whether a block stating the form's declaration has the form's fields: blank lines to fill
    in, two field labels, or a form after it."""
    if _BLANKS.search(block.text):
        return True
    if _field_count(word_list(block.text), fields) >= 2:
        return True
    table = _cell_table(block.element)
    if table is not None:
        # the declaration in a cell of its own, its blanks and the other fields in the next cells
        # and rows ("Ich widerrufe den Vertrag über folgende Waren" | "__________")
        whole = doc.element_text(table)
        return bool(_BLANKS.search(whole)) and _field_count(word_list(whole), fields) >= 2
    return _form_follows(doc, block.element, fingerprint, fields)


def _cell_table(element: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    """The table a cell (or its caption) belongs to, else None."""
    tag = element.tag.lower() if isinstance(element.tag, str) else ""
    if tag not in ("td", "th", "caption"):
        return None
    return next((a for a in element.iterancestors() if isinstance(a.tag, str) and a.tag.lower() == "table"), None)


def _form_values(concepts: PageConcepts, text: str) -> set[str]:
    """What the sentences of ``text`` say of the form: ``named``, ``declared``."""
    found: set[str] = set()
    for sentence in sentences(text):
        value = concepts.value(sentence.text, _FORM)
        if value is not None:
            found.add(value)
    return found


def _names_form(concepts: PageConcepts, text: str) -> bool:
    return bool(text) and "named" in _form_values(concepts, text)


#: How many elements after a heading belong to it.
_UNDER_HEADING = 8


def _under_heading(heading: lxml.html.HtmlElement) -> Iterator[lxml.html.HtmlElement]:
    """The elements after a heading that belong to it: up to the next heading, at most eight."""
    node = heading.getnext()
    steps = 0
    while node is not None and steps < _UNDER_HEADING:
        if isinstance(node.tag, str):
            if node.tag in HEADINGS and node.tag.startswith("h"):
                return
            yield node
            steps += 1
        node = node.getnext()


def _links_after(heading: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    """The links in the content after a heading, up to the next heading."""
    return [link for node in _under_heading(heading) for link in node.iter("a")]


def _block_texts(doc: Document) -> dict[lxml.html.HtmlElement, tuple[str, str]]:
    """Each block element's text and the text of the heading before it (a link's sentence and
    section are read from them)."""
    out: dict[lxml.html.HtmlElement, tuple[str, str]] = {}
    heading = ""
    for block in doc.blocks:
        tag = block.element.tag if isinstance(block.element.tag, str) else ""
        if tag in HEADINGS and tag.startswith("h"):
            heading = block.text
            continue
        out.setdefault(block.element, (block.text, heading))
    return out


def _said_around(
    concepts: PageConcepts,
    anchor: lxml.html.HtmlElement,
    label: str,
    texts: dict[lxml.html.HtmlElement, tuple[str, str]],
) -> bool:
    """Whether the sentence holding a link names the form ("Ångerblanketten hittar du här"), or
    the link or its sentence says "the form" where its block or section names withdrawing ("Vill
    du ångra köpet? Skriv ut blanketten")."""
    if not label:
        return False
    block, heading = next((texts[e] for e in anchor.iterancestors() if e in texts), ("", ""))
    if not block:
        return False
    for sentence in sentences(block):
        if label not in sentence.text:
            continue
        if _names_form(concepts, sentence.text):
            return True
        slots = concepts.spans(sentence.text, _FORM)
        if "form" in slots and "other" not in slots and "booking" not in slots and any(
            "withdrawal" in concepts.spans(text, _FORM) for text in (block, heading)
        ):
            return True
    return False


def _blank_form_follows(doc: Document, concepts: PageConcepts, block: TextBlock, fields: Phrases) -> bool:
    """Whether a heading that speaks of withdrawing (and of no other matter) stands over blanks
    to fill in with at least two of the model form's field labels: a form, however titled."""
    slots = concepts.spans(block.text, _FORM)
    if "withdrawal" not in slots or "other" in slots:
        return False
    texts = [doc.element_text(node) for node in _under_heading(block.element)]
    text = " ".join(texts)
    # blanks drawn, or labels left empty ("Nimi ja osoite:", "Signature and date:")
    if not _BLANKS.search(text) and sum(t.rstrip().endswith(":") for t in texts) < 2:
        return False
    return _field_count(word_list(text), fields) >= 2


def _blank_declaration_among_fields(
    doc: Document, concepts: PageConcepts, block: TextBlock, fields: Phrases
) -> bool:
    """Whether a line withdrawing in the first person with a blank to fill ("Jag ångrar köpet av:
    ____") is an item of a list or a row of a table whose items hold at least two more of the
    model form's field labels with blanks: the form, its lines one item each."""
    if "act" not in concepts.spans(block.text, _FORM):
        return False
    container = next(
        (a for a in block.element.iterancestors() if isinstance(a.tag, str) and a.tag.lower() in _FIELD_LISTS),
        None,
    )
    if container is None:
        return False
    whole = doc.element_text(container)
    return len(_BLANKS.findall(whole)) >= _EMPTY_FIELDS - 1 and _field_count(word_list(whole), fields) >= 2


#: The elements whose items are a form's lines, one field each.
_FIELD_LISTS = frozenset({"ul", "ol", "dl", "table"})


def _field_count(words: list[str], fields: Phrases) -> int:
    """How many of the model form's field labels a text's words hold."""
    return len({phrase for _, phrase in phrase_hits(words, fields)})


def _form_follows(doc: Document, heading: lxml.html.HtmlElement, fingerprint: Phrases, fields: Phrases) -> bool:
    """Whether the content after a heading is a form: the Annex I(B) text, form controls, blank
    lines to fill in, or at least two field labels (Namn, Adress, Datum, Underskrift)."""
    texts: list[str] = []
    # a table's caption (its block is the table's) or a header cell over the whole table stands
    # over its rows: "Peruutuslomake" / "Tilausnumero | ____"
    table = heading if heading.tag == "table" else _cell_table(heading) if heading.tag == "th" else None
    for node in [table] if table is not None else _under_heading(heading):
        if any(True for _ in node.iter(*_CONTROLS)):
            return True
        texts.append(doc.element_text(node))
    words = word_list(" ".join(texts))
    if has_phrase(words, fingerprint):
        return True
    return _field_count(words, fields) >= 2


#: Where a button's script sends the browser: window.open('…'), location.href = '…', location.assign('…').
_ONCLICK_URL = re.compile(
    r"(?:window\.open|location\.(?:assign|replace)|location(?:\.href)?\s*=)\s*\(?\s*['\"]([^'\"]{1,300})['\"]"
)


def _onclick_target(button: lxml.html.HtmlElement) -> str:
    """The address a button's onclick script opens, or ""."""
    match = _ONCLICK_URL.search(str(button.get("onclick") or ""))
    return match.group(1).strip() if match else ""


def _caption(block: TextBlock) -> bool:
    """Whether a block is a table's caption (the dom gives a caption's text to its table)."""
    element = block.element
    if not isinstance(element.tag, str) or element.tag.lower() != "table":
        return False
    caption = element.find("caption")
    return caption is not None and " ".join(caption.text_content().split()) == block.text.strip()


def _bold_line(element: lxml.html.HtmlElement) -> bool:
    """Whether a paragraph is a heading drawn in bold: all its text in one ``<strong>`` or
    ``<b>`` ("<p><strong>Standardskjema for angrerett</strong></p>", as editors write a title
    over the pasted form), short and without a sentence's full stop."""
    if not isinstance(element.tag, str) or element.tag.lower() not in _BOLD_LINE_HOLDERS:
        return False
    children = [c for c in element if isinstance(c.tag, str)]
    if len(children) != 1 or children[0].tag.lower() not in ("strong", "b"):
        return False
    bold = children[0]
    if (element.text or "").strip() or (bold.tail or "").strip():
        return False
    text = " ".join(bold.text_content().split())
    return 0 < len(text) <= _BOLD_LINE_LENGTH and not text.endswith(".")


#: Elements a bold line stands in, and how long it may be.
_BOLD_LINE_HOLDERS = frozenset({"p", "div"})
_BOLD_LINE_LENGTH = 80


def _dedupe(facts: Iterable[PassageFact]) -> list[PassageFact]:
    seen: dict[tuple[str, str], PassageFact] = {}
    for fact in facts:
        seen.setdefault((fact.locator, fact.target), fact)
    return list(seen.values())


# --------------------------------------------------------------------------- function


def _functions(doc: Document, lang: str) -> list[PassageFact]:
    concepts = page_concepts(doc)
    out: list[PassageFact] = []
    for el in _controls(doc):
        step: str | None = None
        text = ""
        # What the control shows, else the name it is announced by (an aria-label or title that
        # names the order a visible "Ångra" undoes: "Ångra order 10045").
        for text in _control_texts(doc, el):
            words = word_list(text)
            if words and len(words) <= _LABEL_WORDS:
                step = concepts.value(text, "withdrawal_function")
            if step in ("start", "confirm"):
                break
        if step == "here" and _right_around(doc, concepts, el):
            step = "start"  # "Right to cancel: 14 days from delivery. [Cancel here]"
        if step not in ("start", "confirm"):
            continue
        # What follows the control in its sentence may say what it really cancels: "Cancel
        # order (only before dispatch)" is an order not yet shipped, no withdrawal.
        tail = clean(re.sub(r"[()\[\]]", " ", el.tail or ""))[:_TAIL_CHARS]  # "(only before dispatch)" qualifies it
        # (Only what else is cancelled counts there: "… så fixar vi resten" after "ångra köpet"
        # is no guide, though "så" opens one in a label.)
        if tail and concepts.slots(tail, "withdrawal_function").get("other"):
            continue
        role = (el.get("role") or "").lower()
        button = el.tag in {"button", "input"} or role == "button" or _looks_like_button(el)
        flags = ["button" if button else "link"] + (["confirm"] if step == "confirm" else [])
        target = _control_target(doc, el)
        out.append(
            passage_fact(doc, el, PassageTopic.WITHDRAWAL_FUNCTION, lang, text, name=text, target=target, flags=flags)
        )
    return out or _described_functions(doc, lang, concepts)


#: The blocks a bare "Cancel here" may stand in, read for the right's name around it.
_AROUND = frozenset({"p", "li", "dd", "td", "div", "section", "details", "form"})


def _right_around(doc: Document, concepts: PageConcepts, el: lxml.html.HtmlElement) -> bool:
    """Whether a control labelled with a bare withdrawing verb ("Cancel here", "Ångra här") stands
    where the right of withdrawal is named: its own block's sentences, or the heading, summary or
    term right over that block ("<dt>Right to cancel</dt><dd>… <a>Cancel here</a></dd>")."""
    block = next((a for a in el.iterancestors() if isinstance(a.tag, str) and a.tag.lower() in _AROUND), None)
    if block is None:
        return False
    # the block's words but the control's own ("Du kan ångra här": the verb is the label's)
    own = doc.element_text(el)
    texts = [s.text for s in sentences(doc.element_text(block).replace(own, " ") if own else doc.element_text(block))]
    before = block.getprevious()
    if before is not None and isinstance(before.tag, str) and (before.tag.lower() == "dt" or _is_heading(before)):
        texts.append(doc.element_text(before))
    if block.tag == "details":
        texts.extend(doc.element_text(s) for s in block.iter("summary"))
    # a short text is read as a heading (a bare withdrawing verb names the right there too), which
    # finds whatever the plain reading would; a longer one by the right's own name only
    return any(
        _names_right(concepts, text) if len(word_list(text)) <= _SECTION_WORDS else _right_not_negated(concepts, text)
        for text in texts
    )


#: A label quoted in prose: ”Ångra köpet här”, «Angre kjøpet», »Fortryd købet«, „Vertrag widerrufen“.
_QUOTED = re.compile(r"[\"”“«»„‚‘’']([^\"”“«»„‚‘’']{3,60})[\"”“«»‘’']")


def _described_functions(doc: Document, lang: str, concepts: PageConcepts) -> list[PassageFact]:
    """Sentences that describe a withdrawal function the page does not show as a control: they
    name it ("vår ångerfunktion under Mina ordrar", "der Widerrufsbutton in Ihrem Kundenkonto") or
    quote the label of its button ("klicka på ”Frånträd avtalet här” i din order"). Flagged
    ``described``: no function on the page, but the site says it has one the crawl may not reach
    (behind a login, in the order confirmation), so its absence proves nothing."""
    named = topic_phrases("withdrawal_function").get("described", ())
    out: list[PassageFact] = []
    for block in doc.blocks:
        if block.element.tag in ("a", "button"):
            continue  # a control's own text: read as a control above
        for sentence in sentences(block.text):
            text = sentence.text
            quoted = [q.group(1) for q in _QUOTED.finditer(text)]
            if has_phrase(word_list(text), named) or any(
                concepts.value(q, "withdrawal_function") == "start" for q in quoted
            ):
                out.append(passage_fact(doc, block.element, PassageTopic.WITHDRAWAL_FUNCTION, lang, text,
                                        name=quoted[0] if quoted else "", flags=["described"]))
                break
    return out


#: How much of the text right after a control is read with its label.
_TAIL_CHARS = 80
#: ARIA roles that make any element a control ("<div role=button>").
_CONTROL_ROLES = frozenset({"button", "link"})


def _controls(doc: Document) -> list[lxml.html.HtmlElement]:
    """Links, buttons, submit and image inputs, and elements with a button or link role."""
    return [
        el
        for el in doc.root.iter()
        if isinstance(el.tag, str)
        and (el.tag in ("a", "button", "input") or (el.get("role") or "").lower() in _CONTROL_ROLES)
    ]


def _control_texts(doc: Document, el: lxml.html.HtmlElement) -> list[str]:
    """A control's label: the text it shows (a submit input's value), then its aria-label and
    title, then the alt text of its image (an image link or an image input)."""
    named = [clean(str(el.get(attribute) or "")) for attribute in ("aria-label", "title")]
    if el.tag == "input":
        if (el.get("type") or "").lower() not in {"submit", "button", "image"}:
            return []
        return [t for t in (clean(str(el.get("value") or "")), *named, clean(str(el.get("alt") or ""))) if t]
    images = [clean(str(img.get("alt") or "")) for img in el.iter("img")]
    return [t for t in (doc.element_text(el), *named, " ".join(images)) if t]


def _control_target(doc: Document, el: lxml.html.HtmlElement) -> str:
    href = str(el.get("href") or "").strip()
    if href and not href.startswith(("#", "javascript:")):
        return joined_url(doc.url, href)
    form = next((a for a in el.iterancestors("form")), None)
    action = str(form.get("action") or "") if form is not None else ""
    return joined_url(doc.url, action) if action else ""


def _looks_like_button(el: lxml.html.HtmlElement) -> bool:
    classes = (el.get("class") or "").lower()
    return bool(re.search(r"(^|[-_\s])(btn|button|cta)($|[-_\s])", classes))


# --------------------------------------------------------------------------- return costs


def _return_costs(doc: Document, lang: str) -> list[PassageFact]:
    out: list[PassageFact] = []
    # A question states nothing: "Er returen gratis?" says who pays only by its answer, "Ja" or
    # "Nei" (the answer's own words first), in the same block or the next (an FAQ's summary).
    asked: tuple[TextBlock, str, str] | None = None  # the question's block, text and payer
    for block in doc.blocks:
        if _header_row(block.element):
            continue  # "Palautustapa | Hinta sinulle": the columns' names, no statement
        found = False
        asked_defect = False  # the sentence before asked about faulty goods
        asked_payer = False  # the block asks a question that would say who pays ("Är returen gratis?")
        for text in _asked_apart(block.text):
            payer, defect = _sentence_payer(text, asked_defect)
            question = text.endswith("?") and not _WH_QUESTION.search(normalise(text))
            asked_payer = asked_payer or bool(question and payer)
            # "Har varan skadats? Då står vi för returen": the answer is about a complaint's return.
            asked_defect = defect and text.endswith("?")
            if asked is not None:
                answer = _ANSWER.match(normalise(text))
                if payer is None and answer is not None:
                    q_block, q_text, q_payer = asked
                    flipped = q_payer if answer.group("yes") else _OTHER_PAYER[q_payer]
                    out.append(passage_fact(doc, q_block.element, PassageTopic.RETURN_COSTS, lang,
                                            f"{q_text} {text}", flags=[flipped]))
                    found = True
                asked = None
            if payer and question:
                asked = (block, text, payer)
                continue
            if payer:
                found = True
                out.append(passage_fact(doc, block.element, PassageTopic.RETURN_COSTS, lang, text, flags=[payer]))
        # A label and its value split at the colon: "Returfrakt: 59 kr" (a question is no label).
        if not found and not asked_payer:
            payer = _label_payer(block.text)
            if payer:
                found = True
                out.append(passage_fact(doc, block.element, PassageTopic.RETURN_COSTS, lang, block.text, flags=[payer]))
        # A row's label and its value ("Return costs if you change your mind | We cover them"):
        # the label names the cost, the value's first sentence who pays, read as one.
        row = _row_label_and_value(block) if not found and not asked_payer else None
        if row is not None:
            label, value = row
            first = next(iter(sentences(value)), None)
            if first is not None:
                joined = f"{label.rstrip(' :?')} {first.text}"
                payer, _ = _sentence_payer(joined, False)
                if payer:
                    out.append(passage_fact(doc, block.element, PassageTopic.RETURN_COSTS, lang,
                                            f"{label} – {first.text}", flags=[payer]))
    return out


def _row_label_and_value(block: TextBlock) -> tuple[str, str] | None:
    """A definition's term and its description, or a table row's header cell and the cells
    after it; None for other blocks. Both are one block already, joined " – ": a ``dd`` by
    :func:`~auditor.facts.passages.common.statement_blocks` (its ``label`` the ``dt``), a row
    starting with a ``th`` by the page's own reading."""
    element = block.element
    tag = element.tag.lower() if isinstance(element.tag, str) else ""
    term = block.label
    if (tag == "dd" and term is not None and isinstance(term.tag, str) and term.tag.lower() == "dt") or (
            tag == "tr" and any(isinstance(c.tag, str) and c.tag.lower() == "th" for c in element)):
        label, dash, value = block.text.partition(" – ")
        return (label, value) if dash and value.strip() else None
    return None


def _header_row(element: lxml.html.HtmlElement) -> bool:
    """Whether ``element`` is a table row of header cells only."""
    if not isinstance(element.tag, str) or element.tag.lower() != "tr":
        return False
    cells = [c for c in element if isinstance(c.tag, str) and c.tag.lower() in ("td", "th")]
    return bool(cells) and all(c.tag.lower() == "th" for c in cells)


def _asked_apart(text: str) -> Iterator[str]:
    """The sentences of a block, a yes-or-no question cut from what follows it in the same
    sentence: one answered yes or no ("Är returen gratis? – Nej, …"), or one that would say who
    pays if it were a statement ("Er returen gratis?"). "Who pays? You do" stays whole: the
    question names the subject its answer speaks of."""
    for sentence in sentences(text):
        said = sentence.text.strip()
        parts = _AFTER_QUESTION.split(said, maxsplit=1)
        if len(parts) == 2 and not _WH_QUESTION.search(normalise(parts[0])) and (
                _ANSWER.match(normalise(parts[1])) or _sentence_payer(parts[0], False)[0]):
            yield from parts
        else:
            yield said


_AFTER_QUESTION = re.compile(r"(?<=\?)\s+")
#: A question word: "Vem betalar returen? – Du som kund" is answered by naming, not yes or no.
_WH_QUESTION = re.compile(
    r"\b(?:vem|hvem|wer|who|kuka|kenen|vad|hvad|hva|was|what|vilken|hvilken|hvilke|welche[rs]?|which)\b"
)
#: The first word of an answer to a yes-or-no question.
_ANSWER = re.compile(r"(?:(?P<yes>ja|jo|joo|kylla|yes|yep)|nej|nei|nein|no|nope|ei)\b")
_OTHER_PAYER = {"consumer": "trader", "trader": "consumer"}


@lru_cache(maxsize=KEPT_READINGS)
def _sentence_payer(text: str, asked_defect: bool) -> tuple[str | None, bool]:
    """Who pays the return according to one sentence (:func:`_payer`), and whether it speaks of
    faulty goods. ``asked_defect``: the sentence before asked about faulty goods."""
    concepts = text_concepts()
    refund, defect = _refund_or_defect(concepts, text)
    # "Ist die Ware mangelhaft, erstatten wir Ihnen die Kosten der Rücksendung", "If your item
    # arrives damaged, we'll … cover the cost of the return": a sentence whose leading condition
    # is faulty goods speaks of a complaint's return, as after a question about them
    if defect and _faulty_lead(concepts, text):
        return None, True
    # "Who pays for returns if I change my mind? You do – …": a question of who pays, its answer
    # naming the party; read before the whole statement, whose words of both would mix
    answered = None if asked_defect or defect else _answered_payer(concepts, text)
    stated = None if asked_defect else answered or statement_value(concepts, text, "return_costs")
    if stated is not None and answered is None and _named_payer(text):
        # "Lingonhuset betalar returkostnaden när du använder din ångerrätt": the shop by its name
        # pays; the "du" of the condition after it is no payer
        stated = "trader"
    condition = _VERB_FIRST_CONDITION.match(text) if stated is None and not asked_defect else None
    if condition is not None:
        # "Ångrar du dig betalar vi returen": the condition's "du" is no payer; the main clause,
        # after it with no comma between, says who pays
        stated = statement_value(concepts, text[condition.end():], "return_costs")
    # (the condition's words matter only to the payer-word reading, after the concept said nothing)
    conditioned = _conditioned(concepts, text) if stated not in ("consumer", "trader") else frozenset()
    payer = _payer(word_list(text), topic_phrases("return_costs"), stated, (refund, defect or asked_defect),
                   conditioned=conditioned)
    return payer, defect


def _faulty_lead(concepts: PageConcepts, text: str) -> bool:
    """Whether the sentence opens with a clause on faulty goods alone (no paying, cost or return
    word in it) and goes on after it: "If your item arrives damaged, …". "Unless the item is
    faulty, you pay the return" is an exception to the consumer's paying, not its subject, and so
    is a case of faulty goods followed by the other case ("…; otherwise you pay")."""
    head, comma, rest = text.partition(",")
    if not comma or not rest.strip() or _EXCEPT.search(normalise(head)) or _OTHERWISE.search(normalise(rest)):
        return False
    lead = concepts.slots(head, "return_costs")
    return bool(lead.get("defect")) and not any(
        lead.get(slot) for slot in ("pay", "bear", "cost", "return", "return_cost", "free", "charge")
    )


#: The other case after the faulty goods' one ("…, we pay; otherwise you pay the return postage").
_OTHERWISE = re.compile(
    r"\b(?:otherwise|else|in all other cases|annars|i ovrigt|ellers|i andre tilfeller|i andre tilfaelde|muuten|"
    r"muissa tapauksissa|sonst|andernfalls|ansonsten|in allen anderen fallen|change your mind|angrar|angrer|fortryder|"
    r"widerruf\w*|peru\w*)\b"
)
#: An exception in the leading clause: "unless", "except", "utom om", "med mindre", "ellei", "es sei denn".
_EXCEPT = re.compile(
    r"\b(?:unless|except|utom|forutom|savida|med ?mindre|medmindre|undtagen|ellei|paitsi|es sei denn|au(?:ss|ß)er)\b"
)


def _answered_payer(concepts: PageConcepts, text: str) -> str | None:
    """The party a short answer names after a question of who pays the return, in one sentence
    ("Who pays for returns if I change my mind? You do – …", "Hvem betaler returen? Det gør vi",
    "Wer trägt die Rücksendekosten? Sie."), or None. The answer's first clause (up to a dash,
    comma or full stop) must be short, name one party and no negation ("Not you: we do" is read
    as the sentence is, elsewhere)."""
    mark = text.find("?")
    if mark < 0 or not _WH_QUESTION.search(normalise(text[:mark])):
        return None
    asked = concepts.slots(text[: mark + 1], "return_costs")
    if not (asked.get("return") or asked.get("return_cost")) or not (
        asked.get("pay") or asked.get("bear") or asked.get("cost") or asked.get("return_cost")
    ):
        return None
    first = _ANSWER_CLAUSE.split(text[mark + 1 :].strip(), maxsplit=1)[0]
    if not first or len(first.split()) > _ANSWER_WORDS:
        return None
    said = concepts.slots(first, "return_costs")
    parties = [party for party in ("consumer", "trader") if said.get(party)]
    return parties[0] if len(parties) == 1 and not said.get("negation") else None


#: Where a short answer's first clause ends: a dash between spaces, a comma, a stop, a colon.
_ANSWER_CLAUSE = re.compile(r"\s[–—-]\s|[,.;:!(]")
#: The most words of a short answer naming who pays ("Det gör du själv").
_ANSWER_WORDS = 4


def _conditioned(concepts: PageConcepts, text: str) -> frozenset[int]:
    """The words of a condition naming the consumer ("if you change your mind", "om du ångrar"):
    its opening words and the two after them, whose "you" and "your" name no payer."""
    return frozenset(
        i for start, end in concepts.slots(text, "return_costs").get("if_you", ()) for i in range(start, end + 2)
    )


def _named_payer(text: str) -> bool:
    """Whether a sentence opens with a name (capitalised words that are no payer, cost or return
    word of the concept) and then the concept's paying verb, and no payer word follows the verb:
    "Lingonhuset betalar returkostnaden …", "Nordlys Interiør dekker returkostnaden …". A word
    order with the subject after the verb ("Returfrakten betalar du", "Die Rücksendekosten trägt
    der Kunde") is not this."""
    name = _LEADING_NAME.match(text)
    if name is None or "?" in text:
        return False  # "Who pays for return postage? You do": a question asks, its answer says
    at = word_index(text, name.end())
    slots = text_concepts().spans(text, "return_costs")
    if any(span[0] < at for spans in slots.values() for span in spans):
        return False  # a word of the name is the concept's own: a cost, a return, a payer
    pays = [span for span in slots.get("pay", []) if span[0] == at]
    if not pays or not (slots.get("return") or slots.get("cost")):
        return False
    after = pays[0][1]
    if any(span[0] == after for key in ("consumer", "trader") for span in slots.get(key, [])):
        return False
    # Any payer word stands in a condition after the statement ("… när du använder din
    # ångerrätt"), never in the statement itself ("Asiakas maksaa … itse").
    words = word_list(text)
    condition = next((i for i in range(after, len(words)) if words[i] in SUBORDINATORS), len(words))
    return all(span[0] >= condition for key in ("consumer", "trader") for span in slots.get(key, []))


#: Up to four capitalised words opening a sentence: a name ("Lingonhuset", "Nordlys Interiør").
_LEADING_NAME = re.compile(r"\s*(?:[A-ZÅÄÖÆØÜ][\w&'’.-]*\s+){1,4}")


#: A condition opening a sentence with its verb, no comma after it ("Ångrar du dig betalar vi …",
#: "Angrer du kjøpet står vi for …", "Fortryder du købet betaler vi …"): the verb of withdrawing,
#: "you", and what is withdrawn from.
_VERB_FIRST_CONDITION = re.compile(
    r"(?i)\s*(?:ångrar|angrer|fortryder|ombestämmer|ombestemmer|widerrufst|widerrufen)\s+(?:du|ni|sie)\s+"
    r"(?:(?:dig|dej|deg|dich|köpet|kjøpet|købet|varan|varen|varorna|varene|varerne|ordern|ordren|beställningen|"
    r"bestillingen|den|det|es|ihn|den\s+kauf|die\s+bestellung|den\s+vertrag)\s+)?(?=\w)"
)


@lru_cache(maxsize=KEPT_READINGS)
def _label_payer(text: str) -> str | None:
    """Who pays the return according to a short block read whole, a label and its value."""
    words = word_list(text)
    if len(words) > _LABEL_WORDS * 2:
        return None
    concepts = text_concepts()
    refund_or_defect = _refund_or_defect(concepts, text)
    if refund_or_defect[1] and _faulty_lead(concepts, text):
        return None  # a complaint's return ("If your item arrives damaged, we'll cover the return")
    return _payer(
        words,
        topic_phrases("return_costs"),
        statement_value(concepts, text, "return_costs"),
        refund_or_defect,
        conditioned=_conditioned(concepts, text),
    )


def _refund_or_defect(concepts: PageConcepts, text: str) -> tuple[bool, bool]:
    """Whether ``text`` holds a word of the ``return_costs`` concept's ``refund`` slot (money
    paid back: "we refund the return postage") and of its ``defect`` slot (faulty goods)."""
    spans = concepts.slots(text, "return_costs")
    return bool(spans.get("refund")), bool(spans.get("defect"))


def _payer(
    words: list[str],
    lex: dict[str, Phrases],
    concept: str | None,
    slots: tuple[bool, bool] = (False, False),
    *,
    conditioned: frozenset[int] = frozenset(),
) -> str | None:
    """``consumer`` or ``trader`` when the sentence says who pays the return shipping: by the
    ``return_costs`` concept first (``concept``, its value for the sentence: it reads negation,
    which the fixed phrases do not), then by a fixed phrase, then by a payer word near a
    return-cost noun. ``slots``: whether the concept's refund and defect words are in the
    sentence; the payer-word fallback does not read them, so with a refund word it says no
    ``consumer`` ("If your item is faulty, we refund your return postage": "your" is no payer),
    and with a defect word nothing (a complaint's return is no withdrawal's). ``conditioned``: the
    word positions of a condition naming the consumer, whose payer words name no payer."""
    refund, faulty = slots
    if concept in ("consumer", "trader"):
        return concept
    if has_phrase(words, lex.get("consumer", ())):
        return "consumer"
    if has_phrase(words, lex.get("trader", ())):
        return None if faulty or has_phrase(words, lex.get("defect", ())) else "trader"
    costs = phrase_hits(words, lex.get("cost", ()))
    if not costs:
        return None  # most sentences: no defect phrase need be looked for
    defect = faulty or has_phrase(words, lex.get("defect", ()))
    candidates: list[tuple[int, str]] = []
    for at, phrase in costs:
        end = at + len(phrase.split())
        window = range(max(0, at - _PARTY_WINDOW), min(len(words), end + _PARTY_WINDOW))
        following = words[end : end + 3]
        if any(_MONEY.match(w) for w in following) and any(w[0].isdigit() for w in following):
            candidates.append((0, "consumer"))
        for key, party in (("payer_consumer", "consumer"), ("payer_trader", "trader"), ("free", "trader")):
            for i, p in phrase_hits(words, lex.get(key, ())):
                if i in window and not (party == "consumer" and i in conditioned):
                    distance = at - (i + len(p.split())) if i < at else i - end
                    candidates.append((max(distance, 0), party))
    if not candidates:
        return None
    best = min(d for d, _ in candidates)
    parties = {party for d, party in candidates if d == best}
    if len(parties) != 1:
        return None
    party = parties.pop()
    if faulty or (party == "trader" and defect) or (party == "consumer" and refund):
        return None
    return party
