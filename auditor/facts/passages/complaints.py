"""Passages about complaints and the legal guarantee: the right to complain about faulty goods,
how and where to complain, the period stated for it, and the harmonised EU notice.

* ``complaints_right``: a sentence naming the statutory right (reklamation, reklamasjon,
  reklamationsret, reklamaatio / virhe, Gewährleistung / Mängelrechte, legal guarantee /
  faulty goods). "Garanti" alone is not the right; a sentence about the data-protection
  authority ("klagomål till IMY") is skipped.
* ``complaint_procedure``: a sentence about complaints (by its own words, or under a heading
  or on a page whose title is about complaints) that names a channel (``channel`` plus
  ``email`` / ``form`` / ``phone`` / ``customer_service`` / ``address``; ``name`` holds an
  email address), steps of the procedure (``howto``), or a promised answer time
  (``answer_time`` with amount and unit; ``working_days`` when counted in working days;
  ``answer_asap`` for "as soon as possible" without a period). Besides the fixed phrases, the
  ``complaint_answer`` concept (``lexicon/concepts/complaint_answer.toml``) finds answering
  words with a time unit in one clause ("Wir beantworten Reklamationen innerhalb von 14 Tagen").
  Sentences that send the consumer to a public body are dispute resolution, not this topic.
* ``guarantee_period``: a period whose nearest subject word is the complaints right or a
  guarantee word ("reklamera inom 3 år", "Reklamation inom 14 dagar", "Gewährleistungsfrist
  2 Jahre"). Periods nearer a delivery or withdrawal word, or in a clause about answering or
  refunding, are not recorded. Flags: ``commercial_guarantee`` (a manufacturer's, extra or
  plain "garanti" period, not the legal one), ``notice_period`` (time to notify after
  discovering the defect), ``presumption`` (burden-of-proof period), ``transport_damage``,
  ``used_goods``, ``long_lived`` (goods meant to last longer, NO).
* ``guarantee_notice``: a candidate for the harmonised legal-guarantee notice (Directive (EU)
  2024/825, Implementing Regulation (EU) 2025/1960). Its official wording is not confirmed, so
  every match carries ``candidate``; ``heading`` / ``image`` say where the label is, ``eu``,
  ``minimum`` and ``duration`` what the notice block around it says, ``commercial`` when it
  speaks of an extra guarantee. ``amount`` / ``unit`` hold the longest period in the block.

Phrases are data in ``auditor/rules/lexicon/topics/{complaints_right, complaint_procedure,
guarantee_period, guarantee_notice}.toml``; a phrase ending in ``*`` matches its last word as a
prefix (German compounds, Finnish endings).
"""

from __future__ import annotations

import re

import lxml.html

from auditor.facts.dom import Document, TextBlock, clean, excerpt
from auditor.facts.passages._concepts import page_concepts
from auditor.facts.passages.common import (
    HEADINGS,
    Period,
    Sentence,
    Unit,
    has_phrase,
    lexicon,
    passage_fact,
    periods,
    phrase_spans,
    sentences,
    word_index,
    word_list,
)
from auditor.lexicon import normalise
from auditor.models import DAYS_PER_UNIT, PassageFact, PassageTopic, Region

#: How many words a period may sit from the complaints or guarantee word it belongs to.
_WINDOW = 8
#: How many words before a delivery word a "from" word makes it the period's start.
_FROM_REACH = 4
#: A heading or label sentence ending in ":" with at most this many words joins the next one.
_LABEL_WORDS = 5
#: A block whose text is at least this share of link text is navigation.
_LINK_SHARE = 0.8
#: A notice block longer than this (characters) is prose, not a notice.
_NOTICE_CHARS = 900
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_CLAUSE_BREAK = re.compile(r"[,;()\[\]–—]|\s-\s")
_CHANNEL_KIND = (
    ("form", ("form", "formular", "lomak", "skjema")),
    ("phone", ("telefon", "phone", "ring", "puhelin", "soita", "call")),
    ("address", ("adress", "address", "anschrift", "osoite", "brev")),
    ("customer_service", ("kund", "asiakaspalvel", "customer", "kontakt", "contact", "yhteyt")),
)


def gather(doc: Document, lang: str) -> list[PassageFact]:
    """Every complaints passage of one page."""
    out: list[PassageFact] = []
    page_context = _is_context(word_list(doc.title))
    # Open headings, outermost first: the subsections ("Skadad vara") of a section headed
    # "Returer & reklamation" are still about complaints.
    open_headings: list[tuple[int, bool]] = []
    for block in doc.blocks:
        tag = block.element.tag.lower() if isinstance(block.element.tag, str) else ""
        words = word_list(block.text)
        if tag in HEADINGS:
            level = _heading_level(tag)
            while open_headings and open_headings[-1][0] >= level:
                open_headings.pop()
            open_headings.append((level, _is_context(words)))
        heading_context = any(context for _, context in open_headings)
        inherited = (page_context or heading_context) and doc.region(block.element) == Region.MAIN
        links = _link_only(doc, block)
        for sentence in _sentences(block.text):
            out.extend(_sentence_facts(doc, block, lang, sentence, inherited, heading=tag in HEADINGS, links=links))
        notice = _notice_in_block(doc, block, lang)
        if notice is not None:
            out.append(notice)
    out.extend(_notices_in_images(doc, lang))
    return out


def _heading_level(tag: str) -> int:
    """h1..h6 by their number; table headers, terms and captions are below every h-heading."""
    return int(tag[1]) if len(tag) == 2 and tag[0] == "h" and tag[1].isdigit() else 7


def _sentences(text: str) -> list[Sentence]:
    """Sentences, with a short label ending in ":" joined to the sentence after it."""
    out: list[Sentence] = []
    for sentence in sentences(text):
        previous = out[-1] if out else None
        if (
            previous is not None
            and previous.text.rstrip().endswith(":")
            and len(word_list(previous.text)) <= _LABEL_WORDS
        ):
            out[-1] = Sentence(text[previous.start : sentence.end], previous.start, sentence.end)
        else:
            out.append(sentence)
    return out


def _link_only(doc: Document, block: TextBlock) -> bool:
    """Whether a block's text is (almost) all link text: navigation, not prose."""
    own = normalise(block.text).replace(" ", "")
    if not own:
        return False
    linked = "".join(normalise(doc.element_text(a)).replace(" ", "") for a in block.element.iter("a"))
    return len(linked) >= _LINK_SHARE * len(own)


def _is_context(words: list[str]) -> bool:
    return has_phrase(words, lexicon("complaints_right", "phrases")) or has_phrase(
        words, lexicon("complaint_procedure", "context")
    )


def _show(text: str, start: int = 0, end: int = 0) -> str:
    """The sentence itself when short, else the text around ``text[start:end]``."""
    shown = clean(text)
    if len(shown) <= 200:
        return shown
    return excerpt(text, start, end or start, width=90)


# --------------------------------------------------------------------------- sentences


def _sentence_facts(
    doc: Document, block: TextBlock, lang: str, sentence: Sentence, inherited: bool, *, heading: bool, links: bool
) -> list[PassageFact]:
    """Passages of one sentence. A heading or a link ("Reklamation" in the footer) names the
    topic but explains nothing: it is no ``complaints_right`` passage, and a list of links is
    no complaint channel."""
    text = sentence.text
    words = word_list(text)
    if has_phrase(words, lexicon("complaints_right", "negative")):
        return []
    out: list[PassageFact] = []
    right = has_phrase(words, lexicon("complaints_right", "phrases"))
    if right and not heading and not links:
        out.append(passage_fact(doc, block.element, PassageTopic.COMPLAINTS_RIGHT, lang, _show(text), flags=[]))
    context = right or inherited or has_phrase(words, lexicon("complaint_procedure", "context"))
    if context and not links and not has_phrase(words, lexicon("complaint_procedure", "public_body")):
        procedure = _procedure(doc, block, lang, text, words)
        if procedure is not None:
            out.append(procedure)
    out.extend(_periods(doc, block, lang, text, words))
    return out


def _procedure(doc: Document, block: TextBlock, lang: str, text: str, words: list[str]) -> PassageFact | None:
    topic = "complaint_procedure"
    flags: list[str] = []
    name = ""
    channel_spans = phrase_spans(words, lexicon(topic, "channel"))
    email = _EMAIL.search(text)
    if channel_spans or email:
        flags.append("channel")
        named = " ".join(" ".join(words[a:b]) for a, b in channel_spans)
        if email:
            name = email.group(0)
        if email or any(m in named for m in ("mail", "e post", "epost", "mejl", "sahkopost")):
            flags.append("email")
        for kind, stems in _CHANNEL_KIND:
            if any(stem in named for stem in stems):
                flags.append(kind)
    if has_phrase(words, lexicon(topic, "howto")):
        flags.append("howto")
    if flags and has_phrase(words, lexicon(topic, "defect")):
        flags.append("defect")  # how to complain about goods that are faulty or arrive damaged
    amount: float | None = None
    unit: Unit | None = None
    # The fixed "answer" phrases first, then the complaint_answer concept: an answering word
    # with a time unit (or "as soon as possible") in one clause.
    answer = page_concepts(doc).value(text, "complaint_answer")
    if has_phrase(words, lexicon(topic, "answer")) or answer == "period":
        found = _answer_time(text)
        if found is not None:
            amount, unit, working = found
            flags.append("answer_time")
            if working:
                flags.append("working_days")
    if answer == "asap" and "answer_time" not in flags:
        flags.append("answer_asap")
    if not flags:
        return None
    return passage_fact(
        doc,
        block.element,
        PassageTopic.COMPLAINT_PROCEDURE,
        lang,
        _show(text),
        flags=flags,
        amount=amount,
        unit=unit,
        name=name,
    )


def _answer_time(text: str) -> tuple[float, Unit, bool] | None:
    """The first answer time in ``text``: (amount, unit, counted in working days). Digits and
    number words alike ("inom fem arbetsdagar", "zwei Wochen", "kahden viikon")."""
    for period in periods(text, working_days=True):
        return period.amount, period.unit, period.working
    return None


# --------------------------------------------------------------------------- periods


def _periods(doc: Document, block: TextBlock, lang: str, text: str, words: list[str]) -> list[PassageFact]:
    topic = "guarantee_period"
    legal = [
        *phrase_spans(words, lexicon("complaints_right", "phrases")),
        *phrase_spans(words, lexicon(topic, "legal")),
    ]
    guarantee = phrase_spans(words, lexicon(topic, "guarantee"))
    if not legal and not guarantee:
        return []
    other = _other_topics(words)
    # "meant to last longer than two years": a comparison, not a period for complaints.
    thresholds = {b for _, b in phrase_spans(words, lexicon(topic, "threshold"))}
    out: list[PassageFact] = []
    for period in periods(text):
        start, end = word_index(text, period.start), word_index(text, period.end)
        to_legal = _distance(legal, start, end)
        to_guarantee = _distance(guarantee, start, end)
        subject = min(to_legal, to_guarantee)
        if subject > _WINDOW or _distance(other, start, end) <= subject or start in thresholds:
            continue
        clause = word_list(_clause(text, period))
        if has_phrase(clause, lexicon(topic, "handling")):
            continue
        flags = _period_flags(words, clause, guarantee_nearer=to_guarantee <= to_legal)
        out.append(
            passage_fact(
                doc,
                block.element,
                PassageTopic.GUARANTEE_PERIOD,
                lang,
                _show(text, period.start, period.end),
                flags=flags,
                amount=period.amount,
                unit=period.unit,
            )
        )
    return out


def _other_topics(words: list[str]) -> list[tuple[int, int]]:
    """Delivery, withdrawal and open-purchase words, except where they start the period ("från leverans")."""
    starts = phrase_spans(words, lexicon("guarantee_period", "from"))
    return [
        (a, b)
        for a, b in phrase_spans(words, lexicon("guarantee_period", "other_topic"))
        if not any(a - _FROM_REACH <= s_end <= a for _, s_end in starts)
    ]


def _distance(found: list[tuple[int, int]], start: int, end: int) -> int:
    """Words between the period ``[start, end)`` and the nearest span; a large number if none."""
    best = 10_000
    for a, b in found:
        if b <= start:
            best = min(best, start - b)
        elif a >= end:
            best = min(best, a - end)
        else:
            best = 0
    return best


def _clause(text: str, period: Period) -> str:
    """The part of the sentence between punctuation that holds the period."""
    lo, hi = 0, len(text)
    for match in _CLAUSE_BREAK.finditer(text):
        if match.end() <= period.start:
            lo = match.end()
        elif match.start() >= period.end:
            hi = match.start()
            break
    return text[lo:hi]


def _period_flags(sentence: list[str], clause: list[str], *, guarantee_nearer: bool) -> list[str]:
    topic = "guarantee_period"
    flags: list[str] = []
    legal_in_clause = has_phrase(clause, lexicon("complaints_right", "phrases")) or has_phrase(
        clause, lexicon(topic, "legal")
    )
    commercial = has_phrase(clause, lexicon(topic, "commercial"))
    guarantee_in_clause = has_phrase(clause, lexicon(topic, "guarantee"))
    if (guarantee_nearer and (commercial or not legal_in_clause)) or (guarantee_in_clause and commercial):
        flags.append("commercial_guarantee")
    if has_phrase(clause, lexicon(topic, "notice")):
        flags.append("notice_period")
    if has_phrase(clause, lexicon(topic, "presumption")):
        flags.append("presumption")
    if has_phrase(clause, lexicon(topic, "transport")):
        flags.append("transport_damage")
    if has_phrase(sentence, lexicon(topic, "used_goods")):
        flags.append("used_goods")
    if has_phrase(clause, lexicon(topic, "long_lived")):
        flags.append("long_lived")
    return flags


# --------------------------------------------------------------------------- notice


def _notice_in_block(doc: Document, block: TextBlock, lang: str) -> PassageFact | None:
    words = word_list(block.text)
    labels = phrase_spans(words, lexicon("guarantee_notice", "label"))
    if not labels:
        return None
    tag = block.element.tag.lower() if isinstance(block.element.tag, str) else ""
    flags = ["candidate"]
    container = block.text
    if tag in HEADINGS:
        flags.append("heading")
        parent = block.element.getparent()
        if parent is not None:
            around = _text_under(doc, parent)
            if len(around) <= _NOTICE_CHARS:
                container = around
    a, b = max(labels, key=lambda span: span[1] - span[0])
    return _notice_fact(doc, block.element, lang, container, " ".join(words[a:b]), flags)


def _text_under(doc: Document, element: lxml.html.HtmlElement) -> str:
    """The visible text of an element, its blocks kept apart (a heading and the text below it)."""
    parts = [b.text for b in doc.blocks if b.element is element or element in b.element.iterancestors()]
    return " ".join(parts)


def _notices_in_images(doc: Document, lang: str) -> list[PassageFact]:
    out: list[PassageFact] = []
    for image in doc.root.iter("img"):
        label = " ".join(str(image.get(attr) or "") for attr in ("alt", "title", "aria-label")).strip()
        words = word_list(label)
        found = phrase_spans(words, lexicon("guarantee_notice", "label"))
        if not found:
            continue
        a, b = max(found, key=lambda span: span[1] - span[0])
        out.append(_notice_fact(doc, image, lang, label, " ".join(words[a:b]), ["candidate", "image"]))
    return out


def _notice_fact(
    doc: Document, element: lxml.html.HtmlElement, lang: str, container: str, label: str, flags: list[str]
) -> PassageFact:
    words = word_list(container)
    if has_phrase(words, lexicon("guarantee_notice", "eu")):
        flags.append("eu")
    if has_phrase(words, lexicon("guarantee_notice", "minimum")):
        flags.append("minimum")
    if has_phrase(words, lexicon("guarantee_period", "commercial")):
        flags.append("commercial")
    stated = list(periods(container))
    amount: float | None = None
    unit: Unit | None = None
    if stated:
        longest = max(stated, key=lambda p: p.amount * DAYS_PER_UNIT[p.unit])
        amount, unit = longest.amount, longest.unit
        flags.append("duration")
    return passage_fact(
        doc,
        element,
        PassageTopic.GUARANTEE_NOTICE,
        lang,
        _show(container),
        flags=flags,
        amount=amount,
        unit=unit,
        name=label,
    )
