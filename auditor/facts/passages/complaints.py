"""Passages about complaints and the legal guarantee: the right to complain about faulty goods,
how and where to complain, the period stated for it, and the harmonised EU notice.

What each passage is found by is a concept (``auditor/rules/lexicon/concepts/<name>.toml``,
word stems within a clause or sentence, negation handled; a regulator extends them without
Python):

* ``complaints_right`` (concept ``complaints_right``): a sentence naming the statutory right
  (reklamation, reklamasjon, reklamationsret, reklamaatio / virhevastuu, Gewährleistung /
  Mängelhaftung, legal guarantee / statutory rights), or speaking of faulty goods with a remedy,
  the law or a complaint ("Ist die Ware defekt, haben Sie Anspruch auf Nachbesserung"); a
  sentence about a fault under a heading that names the right ("Reklamation" – "Är något fel på
  varan? Kontakta oss"); a fault in one sentence and the remedy in the next ("Kommt ein Glas
  zerbrochen an, machen Sie ein Foto. Dann schicken wir ein neues"). "Garanti" alone is not the
  right; complaints about personal data
  ("klagomål till IMY") are skipped.
* ``complaint_procedure`` (concepts ``complaint_channel`` and ``complaint_answer``): a sentence
  about complaints (by its own words, or under a heading or on a page whose title is about
  complaints) that names a channel (``channel`` plus ``email`` / ``form`` / ``phone`` /
  ``address`` / ``customer_service`` / ``chat``; ``name`` holds an email address), steps of the
  procedure (``howto``), or a promised answer time (``answer_time`` with amount and unit;
  ``working_days`` when counted in working days; ``answer_asap`` for "as soon as possible"
  without a period); ``defect`` when it is about faulty or damaged goods; ``general`` when only
  a fault in the sentence itself makes it about complaints (no complaint word, no heading, no
  paragraph or page about them: "Är något fel, hör av dig så löser vi det"); ``warranty`` when the
  claims are a commercial guarantee's and nothing of the law or a fault is named ("Warranty claims
  go directly to the maker"). Sentences that send
  the consumer to a public body are dispute resolution, not this topic.
* ``guarantee_period`` (concept ``complaint_period``, read as word positions): a period whose
  nearest subject word is the complaints right, a fault with a word of claiming or reporting
  it, or a guarantee word ("reklamera inom 3 år", "Reklamation inom 14 dagar", "Für Mängel
  haften wir 24 Monate"). Periods nearer a delivery or withdrawal word, or in a clause about
  answering or refunding, are not recorded. Flags: ``commercial_guarantee`` (a manufacturer's,
  extra or plain "garanti" period, not the legal one), ``notice_period`` (time to notify after
  discovering the defect, or to report a fault), ``presumption`` (burden-of-proof period),
  ``transport_damage``, ``used_goods``, ``long_lived`` (goods meant to last longer, NO).
* ``guarantee_notice`` (concept ``guarantee_notice``): a candidate for the harmonised
  legal-guarantee notice (Directive (EU) 2024/825, Implementing Regulation (EU) 2025/1960), or
  the reminder beside a commercial guarantee that the legal one stays. Its official wording is
  not confirmed, so every match carries ``candidate``; ``heading`` / ``image`` say where the
  label is, ``eu``, ``minimum`` and ``duration`` what the notice block around it says,
  ``commercial`` when it speaks of an extra guarantee. ``amount`` / ``unit`` hold the longest
  period in the block.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from itertools import islice

import lxml.html

from auditor.facts.concepts import PageConcepts
from auditor.facts.dom import Document, TextBlock, clean, excerpt
from auditor.facts.passages._concepts import page_concepts, text_concepts
from auditor.facts.passages.common import (
    HEADINGS,
    KEPT_READINGS,
    Period,
    Sentence,
    Unit,
    heading_tag,
    lexicon,
    number_value,
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
#: ... when that word is in the period's own clause (no comma or dash between them: "Under the
#: Consumer Rights Act you can claim for faults present at the time of sale for up to six years").
_CLAUSE_WINDOW = 12
#: How many words before a delivery word a "from" word makes it the period's start.
_FROM_REACH = 4
#: How many words may stand between a fault and the word of claiming it ("Mängel, die bei
#: Übergabe vorhanden waren, ... geltend machen": German puts the verb last).
_CLAIM_REACH = 12
#: The concept of the complaint period's words (lexicon/concepts/complaint_period.toml).
_PERIOD = "complaint_period"
#: A heading or label sentence ending in ":" with at most this many words joins the next one.
_LABEL_WORDS = 5
#: A block whose text is at least this share of link text is navigation.
_LINK_SHARE = 0.8
#: A notice block longer than this (characters) is prose, not a notice.
_NOTICE_CHARS = 900
#: The concept of the right to complain (lexicon/concepts/complaints_right.toml).
_RIGHT = "complaints_right"
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
#: A postal code followed by a town, after a comma or colon as in an address ("Box 12, 123 45
#: Stad", "Postboks 7, 0155 Oslo", "Hauptstr. 1, 10117 Berlin"): where to send a complaint. A
#: year before a place name ("sedan 2022 Stockholm") is not one.
_POSTAL = re.compile(
    r"[,:]\s*(?:\d{3}\s\d{2}|\d{4,5})\s+[A-ZÅÄÖÆØÜ][a-zåäöæøüé]+"
    # a British postcode after the town ("22 Quay Street, Bristol BS1 4DB")
    r"|,\s*[A-Z][a-z]+\s+[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b"
)
#: A telephone number: from a "+" or a trunk "0", or four pairs ("22 33 44 55"), seven digits
#: or more ("Complaints line: 0161 496 0732", "Reklamationen: Tel. 089 2345 6789").
_PHONE_NUMBER = re.compile(
    r"(?<![\w.,/-])(?:\+|0)\d[\d ()/.-]{5,}\d(?![\w/-])|(?<![\w.,/-])\d{2}(?: \d{2}){3}(?![\w/-])"
)
_CLAUSE_BREAK = re.compile(r"[,;()\[\]–—]|\s-\s")
#: The concept of the legal-guarantee notice (lexicon/concepts/guarantee_notice.toml).
_NOTICE = "guarantee_notice"
#: The concept of complaint channels and steps (lexicon/concepts/complaint_channel.toml).
_CHANNEL = "complaint_channel"
#: Its channel slots, in the order a passage's flags name them.
_CHANNEL_KINDS = ("email", "form", "phone", "address", "customer_service", "chat")


def gather(doc: Document, lang: str) -> list[PassageFact]:
    """Every complaints passage of one page."""
    out: list[PassageFact] = []
    page_context = _is_context(doc, doc.title)
    # Open headings, outermost first: the subsections ("Skadad vara") of a section headed
    # "Returer & reklamation" are still about complaints. The last item is the heading's text
    # when it names the right to complain.
    open_headings: list[tuple[int, bool, str, str]] = []
    rows_about_complaints: set[lxml.html.HtmlElement] = set()
    fault_before: tuple[lxml.html.HtmlElement | None, str] = (None, "")
    for block in doc.blocks:
        tag = heading_tag(block.element)
        if tag in HEADINGS:
            level = _heading_level(tag)
            while open_headings and open_headings[-1][0] >= level:
                open_headings.pop()
            named = _names_right(doc, block.text)
            open_headings.append(
                (level, named or _is_context(doc, block.text), clean(block.text) if named else "", clean(block.text))
            )
        if _field_label(block):
            continue  # "E-post:" before a form's input asks for the sender's address: no channel
        main = doc.region(block.element) == Region.MAIN
        heading_context = any(context for _, context, _, _ in open_headings)
        # A table or list whose earlier row names complaints ("Reklamation – Formular im
        # Kundenkonto") gives its later rows that subject ("Bearbeitungszeit – max. 10 Tage").
        container = _container(block.element)
        row_context = container is not None and container in rows_about_complaints
        if container is not None and not row_context and tag not in HEADINGS and (
            _is_context(doc, block.text)
            # a table's or definition list's row on faulty goods ("Faulty or damaged? | Call …"),
            # not a list item that mentions something not working in passing
            or (container.tag in ("table", "dl") and _mentions_fault(block.text))
        ):
            rows_about_complaints.add(container)
        inherited = (page_context or heading_context or row_context) and main
        # The innermost heading: "Returer & reklamation" › "Kvalitetslöfte" does not make the
        # quality promise's sentences an explanation of the right.
        right_heading = open_headings[-1][2] if main and open_headings else ""
        links = _link_only(doc, block)
        # What a sentence may answer: the question just before it in its block ("När måste jag
        # reklamera? Så snart ..."), else its innermost heading ("Reklamasjonsfrist").
        inner = open_headings[-1][3] if main and open_headings and tag not in HEADINGS else ""
        question = ""
        # A paragraph that has begun on complaints stays on them: "Reklamationer sendes til …
        # Vi vender tilbage inden for 5 hverdage" promises the complaint's answer time.
        carried = False
        # the sentence before, when it speaks of faulty or damaged goods: in this block, or the
        # last of the paragraph just before it ("… ota siitä kuva." / "Korjaan taulun, lähetän uuden …")
        follows = fault_before[0] is not None and block.element.getprevious() is fault_before[0]
        fault = fault_before[1] if follows else ""
        # A label line opening the paragraph that names a fault ("Jos levy ei vastaa kuvausta" /
        # "Damaged in transit", bold above its text) is the subject of every sentence after it.
        said = _sentences(block.text)
        label_fault = said[0].text if len(said) > 1 and _fault_label(said[0].text) else ""
        for sentence in said:
            found = _sentence_facts(
                doc, block, lang, sentence, inherited or carried, heading=tag in HEADINGS, links=links,
                right_heading="" if tag in HEADINGS else right_heading,
                asked=question or inner,
            )
            stated = any(f.topic == PassageTopic.COMPLAINTS_RIGHT for f in found)
            if fault and not links and tag not in HEADINGS and not stated:
                # "Kommt ein Glas zerbrochen an, machen Sie ein Foto. Dann schicken wir Ihnen ein
                # neues": the fault in one sentence, the remedy in the next (read from the fault's
                # own clause, so that a long first sentence does not part them)
                joined = f"{fault} {sentence.text}"
                stated = _states_right(text_concepts(), f"{_fault_clause(fault)} {sentence.text}")
                if stated:
                    found = [*found, passage_fact(doc, block.element, PassageTopic.COMPLAINTS_RIGHT, lang,
                                                  _show(joined), flags=[])]
                elif not any(f.topic == PassageTopic.COMPLAINT_PROCEDURE for f in found) and _replaces(sentence.text):
                    # "… machen Sie ein Foto. Dann schicken wir Ihnen ein neues Glas": how to complain
                    found = [*found, passage_fact(doc, block.element, PassageTopic.COMPLAINT_PROCEDURE, lang,
                                                  _show(joined), flags=["howto", "defect"])]
            fault = sentence.text if not stated and _mentions_fault(sentence.text) else (
                "" if stated or sentence.text == label_fault else label_fault)
            out.extend(found)
            carried = carried or (main and any(f.topic in _ON_COMPLAINTS for f in found))
            question = sentence.text if sentence.text.rstrip().endswith("?") else ""
        fault_before = (block.element, fault) if fault and tag not in HEADINGS and not links else (None, "")
        notice = _notice_in_block(doc, block, lang)
        if notice is not None:
            out.append(notice)
    out.extend(_notices_in_images(doc, lang))
    if not any(f.topic == PassageTopic.COMPLAINTS_RIGHT for f in out):
        out.extend(_remedy_lists(doc, lang))
    return out


def _fault_label(text: str) -> bool:
    """Whether ``text`` is a short label line that names a fault: no closing punctuation, at most
    :data:`_FAULT_LABEL_WORDS` words ("Jos levy ei vastaa kuvausta", "Schäden beim Transport")."""
    stripped = text.strip()
    return (bool(stripped) and stripped[-1] not in ".!?:;,"
            and len(word_list(stripped)) <= _FAULT_LABEL_WORDS and _mentions_fault(stripped))


#: A label line has at most this many words.
_FAULT_LABEL_WORDS = 8


#: The law's names of the four remedies for faulty goods (complaints_right.toml).
_LEGAL_REMEDIES = ("legal_repair", "legal_replace", "legal_reduce", "legal_rescind")
#: How many of the four a list must name to state the right ("avhjälpande, omleverans, prisavdrag").
_REMEDIES_NAMED = 3


def _remedy_lists(doc: Document, lang: str) -> list[PassageFact]:
    """A list or table that names at least three of the law's four remedies for faulty goods,
    with the paragraph or heading right before it ("Dina rättigheter vid fel på varan" /
    avhjälpande · omleverans · prisavdrag · hävning; "Ist die Ware mangelhaft, können Sie" /
    Nachbesserung … mindern … zurücktreten): the right to complain, stated as a list. A page
    that states the right in a sentence is not read for it."""
    concepts = page_concepts(doc)
    out: list[PassageFact] = []
    for container in doc.root.iter("ul", "ol", "table", "dl"):
        if doc.region(container) != Region.MAIN:
            continue
        text = clean(doc.element_text(container))
        if not text or len(text) > _REMEDY_LIST_CHARS:
            continue
        before = container.getprevious()
        lead = clean(doc.element_text(before)) if before is not None and isinstance(before.tag, str) else ""
        slots = concepts.slots(f"{lead} {text}", "complaints_right")
        if sum(1 for kind in _LEGAL_REMEDIES if slots.get(kind)) >= _REMEDIES_NAMED:
            out.append(passage_fact(doc, container, PassageTopic.COMPLAINTS_RIGHT, lang,
                                    _show(f"{lead} – {text}" if lead else text), flags=[]))
    return out


#: A list longer than this is a page's whole content, not one statement.
_REMEDY_LIST_CHARS = 600


#: The passages that put a paragraph on complaints for its later sentences.
_ON_COMPLAINTS = frozenset({PassageTopic.COMPLAINTS_RIGHT, PassageTopic.COMPLAINT_PROCEDURE})

#: Elements whose rows or items read as one list of statements.
_CONTAINERS = frozenset({"table", "dl", "ul", "ol"})


def _container(element: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    """The table, definition list or list a block is a row or item of, if any (two levels up at
    most: a <tr> in a <tbody>, a <dd> in a <dl>)."""
    for ancestor in (element, *islice(element.iterancestors(), 2)):
        if isinstance(ancestor.tag, str) and ancestor.tag.lower() in _CONTAINERS:
            return ancestor
    return None


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
            and (len(word_list(previous.text)) <= _LABEL_WORDS or _bare_value(sentence.text))
        ):
            out[-1] = Sentence(text[previous.start : sentence.end], previous.start, sentence.end)
        else:
            out.append(sentence)
    return out


def _field_label(block: TextBlock) -> bool:
    """Whether a block is a form field's label ("E-post:", "Namn:" in a cell before the input),
    inside a ``<form>``: it asks for a value, it gives none."""
    text = block.text.strip()
    if not text.endswith(":") or len(word_list(text)) > _LABEL_WORDS or any(c.isdigit() or c == "@" for c in text):
        return False
    return any(isinstance(a.tag, str) and a.tag.lower() == "form" for a in block.element.iterancestors())


#: A form field's label: this many words at most ("Ditt telefonnummer:").
_LABEL_WORDS = 4


def _bare_value(text: str) -> bool:
    """Whether a sentence is a value with no subject of its own ("6 years", "24 Monate ab
    Lieferung"): a longer label before it ("Time limit for faulty goods claims:") is its subject."""
    words = word_list(text)
    return 0 < len(words) <= _VALUE_WORDS and text.lstrip()[:1].isdigit()


#: A value after a label: this many words at most.
_VALUE_WORDS = 6


def _link_only(doc: Document, block: TextBlock) -> bool:
    """Whether a block's text is (almost) all link text: navigation, not prose."""
    own = normalise(block.text).replace(" ", "")
    if not own:
        return False
    linked = "".join(normalise(doc.element_text(a)).replace(" ", "") for a in block.element.iter("a"))
    return len(linked) >= _LINK_SHARE * len(own)


def _is_context(doc: Document, text: str) -> bool:
    """Whether a title or heading is about complaints: it names the right or a complaint word."""
    return _names_right(doc, text) or bool(page_concepts(doc).slots(text, _CHANNEL).get("context"))


def _names_right(doc: Document, text: str) -> bool:
    """Whether ``text`` names the right to complain (a ``named`` word of the concept)."""
    return bool(page_concepts(doc).slots(text, _RIGHT).get("named"))


def _states_right(concepts: PageConcepts, text: str) -> bool:
    """Whether a sentence states the right to complain (the ``complaints_right`` concept)."""
    return concepts.value(text, _RIGHT) == "right"


def _speaks_of_fault(concepts: PageConcepts, text: str) -> bool:
    """Whether a sentence speaks of goods with a fault or of a remedy for one ("Är något fel på
    varan?", "Something wrong with your order?"): right under a heading naming the right, it
    explains the right. Damage on arrival ("kommer fram skadad") is a delivery matter."""
    found = concepts.slots(text, _RIGHT)
    said = found.get("defect") or found.get("remedy")  # a fault, not damage on arrival
    return bool(said) and not found.get("not_defect") and not found.get("privacy")


def _replaces(text: str) -> bool:
    """Whether a sentence promises a new item in place of a damaged one (``replacement``)."""
    return bool(text_concepts().slots(text, _RIGHT).get("replacement"))


def _fault_clause(text: str) -> str:
    """The last clause of a sentence that speaks of the fault ("scratched or bent" of "If a print
    arrives creased, scratched or bent, email me a photo of it"), else the sentence: what a remedy
    in the next sentence answers, so that a long first sentence does not part them."""
    clauses_ = [part for part in _CLAUSE_BREAK.split(text) if part.strip() and _mentions_fault(part)]
    return clauses_[-1].strip() if clauses_ else text


@lru_cache(maxsize=KEPT_READINGS)
def _mentions_fault(text: str) -> bool:
    """Whether a sentence speaks of goods with a fault or damaged (not of a wrong size chosen, nor
    of personal data), so that a remedy in the next sentence answers it."""
    found = text_concepts().slots(text, _RIGHT)
    return bool(found.get("defect") or found.get("damage")) and not found.get("not_defect") and not (
        found.get("privacy") or found.get("commercial")
    )


def _cites_law(concepts: PageConcepts, text: str) -> bool:
    """Whether a sentence says the law applies ("Es gelten die gesetzlichen Bestimmungen",
    "Lagen gäller"): right under a heading naming the right, it states the right."""
    found = concepts.slots(text, _RIGHT)
    return bool(found.get("law")) and not found.get("privacy") and not found.get("commercial")


def _show(text: str, start: int = 0, end: int = 0) -> str:
    """The sentence itself when short, else the text around ``text[start:end]``."""
    shown = clean(text)
    if len(shown) <= 200:
        return shown
    return excerpt(text, start, end or start, width=90)


# --------------------------------------------------------------------------- sentences


def _sentence_facts(
    doc: Document,
    block: TextBlock,
    lang: str,
    sentence: Sentence,
    inherited: bool,
    *,
    heading: bool,
    links: bool,
    right_heading: str = "",
    asked: str = "",
) -> list[PassageFact]:
    """Passages of one sentence (:func:`_sentence_said`), placed in its block."""
    said = _sentence_said(sentence.text, inherited, heading, links, right_heading, asked)
    return [
        passage_fact(doc, block.element, topic, lang, shown, flags=list(flags), amount=amount, unit=unit, name=name)
        for topic, shown, flags, amount, unit, name in said
    ]


#: A passage as a sentence's text gives it, before the page places it: its topic, the text shown,
#: its flags, amount, unit and name.
_Said = tuple[PassageTopic, str, tuple[str, ...], float | None, Unit | None, str]


@lru_cache(maxsize=KEPT_READINGS)
def _sentence_said(
    text: str, inherited: bool, heading: bool, links: bool, right_heading: str, asked: str
) -> tuple[_Said, ...]:
    """What one sentence says of complaints, from its text and its context alone, kept by them: a
    site's pages repeat their header, footer and service texts. A heading or a link
    ("Reklamation" in the footer) names the topic but explains nothing: it is no
    ``complaints_right`` passage, and a list of links is no complaint channel. A sentence about a
    fault under a heading that names the right ("Reklamation" – "Är något fel på varan? Kontakta
    oss") explains the right."""
    concepts = text_concepts()
    words = word_list(text)
    if concepts.slots(text, _RIGHT).get("privacy"):
        return ()  # complaints about personal data: the data-protection authority, not faulty goods
    out: list[_Said] = []
    right = _states_right(concepts, text)
    if not right and asked and not heading and not links and _mentions_fault(asked):
        # "My item has stopped working" – "As the retailer, we are responsible under consumer
        # law": the seller's liability under the law, for the fault its question or heading names
        found = concepts.slots(text, _RIGHT)
        if found.get("law") and found.get("liable"):
            right = _states_right(concepts, f"{_fault_clause(asked)} {text}")
    if not heading and not links:
        if right:
            out.append((PassageTopic.COMPLAINTS_RIGHT, _show(text), (), None, None, ""))
        elif right_heading and (_speaks_of_fault(concepts, text) or _cites_law(concepts, text)):
            shown = _show(f"{right_heading} – {clean(text)}")
            out.append((PassageTopic.COMPLAINTS_RIGHT, shown, (), None, None, ""))
    channel = concepts.slots(text, _CHANNEL)
    named = concepts.slots(text, _RIGHT)
    # A fault makes a sentence about complaints ("Mängel können Sie telefonisch melden"); damage
    # alone does not ("Är kartongen trasig när den kommer, kontakta oss" is about the delivery),
    # damaged goods do (the channel concept's context: "Har du fått en skadad vara?").
    # The question just before may ask about the fault: "Har något gått sönder? Skriv till oss i
    # chatten": a general invitation to report it, like a fault in the sentence itself.
    question, mark, answer = text.partition("?")
    # the question joined to its answer in one sentence, else the one before it or the heading
    asking = question + mark if mark and answer.strip() else asked
    asked_fault = bool(asking) and _mentions_fault(asking)
    context = right or inherited or bool(channel.get("context") or named.get("named") or named.get("defect")) or (
        asked_fault)
    fault = bool(named.get("defect") or named.get("damage")) or asked_fault
    # Complaints about marketing, a newsletter or personal data are no complaints about goods.
    other_subject = bool(channel.get("other_subject")) and not fault and not right
    if context and not links and not channel.get("public_body") and not other_subject:
        # About complaints only by a fault in the sentence itself ("Är något fel, hör av dig så löser
        # vi det"): a general invitation to get in touch, named as such.
        # A remedy promised for the fault asked about ("My print arrived damaged" – "Send me a
        # photo … and I'll post a replacement") says how a complaint is made and met: not general.
        # A time to report the fault in ("mejla mig inom 7 dagar med bild så löser vi det") makes it
        # a rule for complaints, however short: not in passing either.
        general = not (right or inherited or channel.get("context") or named.get("named")
                       or (asked_fault and named.get("remedy")) or next(periods(text), None) is not None)
        # "Warranty claims go directly to the maker": a commercial guarantee's claims, with no
        # fault or right of the law named, are the guarantee's procedure
        warranty = bool(named.get("commercial")) and not (right or inherited or named.get("named") or fault)
        procedure = _procedure(concepts, text, channel, fault=fault, general=general, warranty=warranty)
        if procedure is not None:
            out.append(procedure)
    elif not right and not links and not heading and fault and named.get("replacement"):
        # "Kommt ein Glas kaputt an, schicken wir Ihnen ein neues": how to complain about damaged goods
        out.append((PassageTopic.COMPLAINT_PROCEDURE, _show(text), ("howto", "defect"), None, None, ""))
    out.extend(_periods(concepts, text, words, asked=asked))
    return tuple(out)


def _procedure(
    concepts: PageConcepts,
    text: str,
    channel: Mapping[str, Sequence[tuple[int, int]]],
    *,
    fault: bool,
    general: bool = False,
    warranty: bool = False,
) -> _Said | None:
    """A complaint_procedure passage: the channel and steps (``complaint_channel`` concept) and
    the promised answer time (``complaint_answer``) a sentence about complaints gives."""
    flags: list[str] = []
    name = ""
    email = _EMAIL.search(text)
    kinds = [kind for kind in _CHANNEL_KINDS if channel.get(kind) or (kind == "address" and _POSTAL.search(text))
             or (kind == "phone" and _phone_number(text))]
    if kinds or email:
        flags.append("channel")
        if email:
            name = email.group(0)
            if "email" not in kinds:
                kinds.insert(0, "email")
        flags.extend(kinds)
    if channel.get("howto"):
        flags.append("howto")
    if flags and fault:
        flags.append("defect")  # how to complain about goods that are faulty or arrive damaged
    if flags and general:
        flags.append("general")
    if flags and warranty:
        flags.append("warranty")
    amount: float | None = None
    unit: Unit | None = None
    # When complaints are answered: an answering word with a time unit (or "as soon as
    # possible") in one clause (the complaint_answer concept).
    answer = concepts.value(text, "complaint_answer")
    if answer == "period":
        found = _answer_time(concepts, text)
        if found is not None:
            amount, unit, working = found
            flags.append("answer_time")
            if working:
                flags.append("working_days")
    if answer == "asap" and "answer_time" not in flags:
        flags.append("answer_asap")
    if not flags:
        return None
    return PassageTopic.COMPLAINT_PROCEDURE, _show(text), tuple(flags), amount, unit, name


def _phone_number(text: str) -> bool:
    """Whether ``text`` gives a telephone number (seven digits or more, see :data:`_PHONE_NUMBER`)."""
    return any(sum(ch.isdigit() for ch in m.group()) >= _PHONE_DIGITS for m in _PHONE_NUMBER.finditer(text))


_PHONE_DIGITS = 7


def _answer_time(concepts: PageConcepts, text: str) -> tuple[float, Unit, bool] | None:
    """The answer time in ``text``: (amount, unit, counted in working days). Digits and number
    words alike ("inom fem arbetsdagar", "zwei Wochen", "kahden viikon"), and a Finnish unit
    alone before a postposition ("viikon kuluessa": within a week). Of several periods, the one
    in a clause with an answering word, then one in hours, days or weeks (months and years are
    the periods to complain in, not to answer), then the nearest to an answering word: in
    "Reklamationer som görs inom två månader besvaras inom fem dagar" the answer time is five days."""
    found = [
        p for p in periods(text, working_days=True) if not _clock_range(text, p)
    ] or _next_days(text)
    if not found:
        return None
    answers = concepts.spans(text, "complaint_answer").get("answer", [])

    def rank(period: Period) -> tuple[bool, bool, int, int]:
        start, end = word_index(text, period.start), word_index(text, period.end)
        lo, hi = _clause(text, period)
        clause = (word_index(text, lo), word_index(text, hi))
        in_clause = any(clause[0] <= a and b <= clause[1] for a, b in answers)
        return (not in_clause, period.unit in ("months", "years"), _distance(answers, start, end), period.start)

    best = min(found, key=rank)
    return best.amount, best.unit, best.working


#: A clock time and a dash right before a period in hours: "vardagar 8–17 h" is opening hours.
_CLOCK_BEFORE = re.compile(r"\d{1,2}(?:[.:]\d{2})?\s*[–-]\s*$")


def _clock_range(text: str, period: Period) -> bool:
    return period.unit == "hours" and _CLOCK_BEFORE.search(text[: period.start]) is not None


def _next_days(text: str) -> list[Period]:
    """An answer "by the next working day" ("senast nästa arbetsdag", "am nächsten Werktag", the
    ``next_day`` phrases of the service_hours topic): one working day, as the response time of
    customer service reads it. Read only where the sentence states no period in numbers."""
    words = word_list(text)
    spans = phrase_spans(words, lexicon("service_hours", "next_day"))
    if not spans:
        return []
    starts = [m.start() for m in re.finditer(r"\S+", text)]
    out: list[Period] = []
    for first, last in spans:
        if first > 0 and (words[first - 1][:1].isdigit() or number_value(words[first - 1]) is not None):
            continue
        chars = [at for at in starts if word_index(text, at) == first]
        ends = [at for at in starts if word_index(text, at) == last]
        if not chars:
            continue
        end = ends[0] if ends else len(text)
        out.append(Period(1.0, "days", chars[0], end, working=True))
    return out


# --------------------------------------------------------------------------- periods


def _periods(concepts: PageConcepts, text: str, words: list[str], *, asked: str = "") -> list[_Said]:
    """The periods of a sentence stated for complaints (see ``lexicon/concepts/complaint_period.toml``).

    A sentence that names no subject of its own answers ``asked`` (the question before it, or
    its heading) when that asks for the complaint period: "Reklamasjonsfrist" – "... er fristen
    fem år"; "När måste jag reklamera?" – "... helst inom 2 månader". Its periods are then
    flagged ``asked``: read from their context, which the rule weighs less than a sentence that
    says it all."""
    # "vuoden kuluessa": a unit alone is one of it, in Finnish as the complaint periods say it.
    stated = list(periods(text))
    spans = [(word_index(text, p.start), word_index(text, p.end)) for p in stated]
    slots = _PeriodSlots(concepts.spans(text, _PERIOD), concepts.spans(text, _RIGHT), spans)
    # A question joined to its answer in one statement ("När måste jag reklamera? – Så snart
    # ..."): the question is the context, already in the text shown.
    question, mark, answer = text.partition("?")
    if not mark:
        # a row's label joined to its value ("How long you have to claim – Up to 6 years"): the
        # label asks as a question would
        question, mark, answer = text.partition(" – ")
    from_context = bool(mark and answer.strip()) and _asks_period(concepts, question)
    if from_context:
        asked = ""
    elif not slots.legal and not slots.reported and not slots.guarantee:
        if not asked or not _asks_period(concepts, asked):
            return []
        from_context = True
    out: list[_Said] = []
    for period in stated:
        start, end = word_index(text, period.start), word_index(text, period.end)
        lo, hi = _clause(text, period)
        clause = (word_index(text, lo), word_index(text, hi))
        to_legal = _distance(slots.legal, start, end)
        to_report = _distance(slots.reported, start, end)
        to_guarantee = _distance(slots.guarantee, start, end)
        subject = min(to_legal, to_report, to_guarantee)
        window = (_CLAUSE_WINDOW if slots.subject_in(clause) else _WINDOW) + slots.bridged(start)
        if from_context:
            # The subject is the question's: a nearer other topic is the period's.
            subject = min(subject, window)
        if subject > window or _distance(slots.other, start, end) <= subject or start in slots.thresholds:
            continue
        if slots.within("handling", clause) and not slots.within("liable", clause):
            continue
        following = _next_clause(text, hi)
        if following and any(following[0] <= other.start < following[1] for other in stated):
            following = None  # the next clause has a period of its own: what it says is that period's
        # "… inom skälig tid efter att ha märkt det, dock inte senare än tre år från …": the outer
        # limit after the comma is flagged by its own words, the noticing is the first limit's
        limit = _LATEST_AFTER.search(text, lo, period.start)
        flags = slots.flags(
            (word_index(text, limit.end()), clause[1]) if limit else clause,
            end,
            guarantee_nearer=bool(slots.guarantee) and to_guarantee <= min(to_legal, to_report),
            following=(word_index(text, following[0]), word_index(text, following[1])) if following else None,
        )
        if start in slots.floors:
            flags.append("floor")
        if from_context:
            flags.append("asked")
            # An answer counted from noticing the fault ("Så snart du har märkt felet, och helst
            # inom 2 månader") gives the time to notify it, wherever in the answer it says so.
            if slots.found.get("notice") and "notice_period" not in flags:
                flags.append("notice_period")
        # (the outer limit after "…, dock inte senare än" is no time to notify, however near the
        # reporting words of the first limit stand)
        reported = to_report < to_legal and to_report <= to_guarantee and limit is None
        if reported and "notice_period" not in flags and not slots.counted_from_start(end):
            flags.append("notice_period")  # "report faults within 14 days": a time to notify
        shown = _show(f"{asked} – {clean(text)}") if from_context and asked else _show(text, period.start, period.end)
        out.append((PassageTopic.GUARANTEE_PERIOD, shown, tuple(flags), period.amount, period.unit, ""))
    return out


def _asks_period(concepts: PageConcepts, asked: str) -> bool:
    """Whether a heading or question asks for the complaint period: it names the period
    ("Reklamasjonsfrist", "Gewährleistungsfrist"), or asks when or how long a fault can be
    claimed or reported ("När måste jag reklamera?", "How long can I complain?")."""
    found = concepts.spans(asked, _PERIOD)
    if found.get("legal"):
        return True
    return bool(found.get("when")) and bool(found.get("claim") or found.get("report"))


Span = tuple[int, int]


class _PeriodSlots:
    """Where the words of the complaint_period concept stand in one sentence, and what that
    makes of a period in it."""

    def __init__(self, found: dict[str, list[Span]], right: dict[str, list[Span]], spans: Sequence[Span] = ()) -> None:
        # A fault with a word of claiming it near ("Mängel geltend machen", "liable for faults")
        # names the right; a fault with a word of reporting it ("report a fault") names the
        # time to notify it.
        # "Vi ansvarar för fel", "liable for faults": the seller's liability is the right.
        # German puts the claiming verb last, after the period ("Mängel … innerhalb von 24 Monaten
        # nach Lieferung … geltend machen"): the period's words and its start do not part them
        timing = [*spans, *found.get("from", []), *found.get("start", [])]
        self.legal = [
            *right.get("named", []), *found.get("legal", []), *found.get("liable", []),
            *_near(found, "defect", "claim", skip=timing),
        ]
        # "hör av dig senast 2 månader efter att du upptäckte det": reporting, within a time after
        # one discovered something, is reporting a fault, though the fault is not named as such
        # ("Märker du att paketet inte kommit, hör av dig": the noticing before is no such time).
        self.reported = [
            *_near(found, "defect", "report", skip=timing),
            *((a, d) for a, b in found.get("report", []) for c, d in found.get("notice", [])
              if b <= c and c - b <= _CLAIM_REACH),
            # "kahden kuukauden kuluessa havaitsemisesta tehty ilmoitus": the noticing first
            *((c, b) for a, b in found.get("report", []) for c, d in found.get("notice", [])
              if d <= a and a - d <= _NOTICE_BEFORE_REPORT),
        ]
        # "gesetzliche Garantie", "legal guarantee": the guarantee word is part of the right's name.
        self.guarantee = [
            g
            for g in found.get("guarantee", [])
            if not any(a <= g[0] and g[1] <= b for a, b in [*self.legal, *self.reported])
        ]
        starts = found.get("from", [])
        # The delivery named as the moment a fault existed ("fel som fanns vid leveransen",
        # "faulty when delivered", "toimitushetkellä") is the fault's, not a delivery matter.
        references = found.get("reference", [])
        self.references = references
        self.found = {
            **found,
            "transport": [t for t in found.get("transport", []) if not _inside(t, references)],
        }
        # Delivery or withdrawal words, except where they start the period ("från leverans").
        self.other = [
            (a, b)
            for a, b in found.get("other_topic", [])
            if not any(a - _FROM_REACH <= s_end <= a for _, s_end in starts) and not _inside((a, b), references)
        ]
        # "meant to last longer than two years": a comparison, not a period for complaints.
        self.thresholds = {b for _, b in found.get("threshold", [])}
        # "minst två år", "at least two years": the least the right lasts, stated as its period.
        self.floors = {b for _, b in found.get("floor", [])}

    def counted_from_start(self, period_end: int) -> bool:
        """Whether the period is counted from the delivery or the purchase: a ``from`` word
        right after it, then a ``start`` word ("within 30 days of delivery", "ab Kaufdatum")."""
        return any(
            period_end <= a <= period_end + 1 and any(b <= c <= b + 2 for c, _ in self.found.get("start", []))
            for a, b in self.found.get("from", [])
        )

    def bridged(self, start: int) -> int:
        """How many words before a period at word ``start`` belong to a ``reference`` standing
        between it and the nearest subject before it ("mangler, der var til stede ved leveringen,
        i op til to år"): the fault's description, which does not part the period from it."""
        ends = [b for _, b in [*self.legal, *self.reported, *self.guarantee] if b <= start]
        if not ends:
            return 0
        nearest = max(ends)
        return sum(b - a for a, b in self.references if nearest <= a and b <= start)

    def subject_in(self, clause: Span) -> bool:
        """Whether a word naming the right, a reported fault or a guarantee is in the clause."""
        lo, hi = clause
        return any(lo <= a and b <= hi for a, b in [*self.legal, *self.reported, *self.guarantee])

    def within(self, slot: str, clause: Span) -> bool:
        lo, hi = clause
        return any(lo <= a and b <= hi for a, b in self.found.get(slot, []))

    def flags(
        self, clause: Span, period_end: int, *, guarantee_nearer: bool, following: Span | None = None
    ) -> list[str]:
        flags: list[str] = []
        legal_in_clause = any(clause[0] <= a and b <= clause[1] for a, b in self.legal) or self.within("law", clause)
        commercial = self.within("commercial", clause)
        guarantee_in_clause = any(clause[0] <= a and b <= clause[1] for a, b in self.guarantee)
        if (guarantee_nearer and (commercial or not legal_in_clause)) or (guarantee_in_clause and commercial):
            flags.append("commercial_guarantee")
            if self.found.get("maker") and not self.legal:
                flags.append("maker")  # the manufacturer's guarantee: never the seller's liability
        # The time to notify after discovering the fault: said in the clause, or right after the
        # period ("two months after you noticed it", "senest to måneder efter, at du har opdaget den").
        after = (period_end, period_end + _WINDOW)
        if self.within("notice", clause) or any(after[0] <= a < after[1] for a, _ in self.found.get("notice", [])):
            flags.append("notice_period")
        # "Zeigt sich innerhalb eines Jahres ein Sachmangel, wird vermutet, dass ...": the
        # presumption may come in the clause after the period's, when that does not name the
        # complaint period, the law or the seller's liability.
        if self.within("presumption", clause) or (
            following is not None
            and self.within("presumption", following)
            and not (self.within("legal", clause) or self.within("law", clause) or self.within("liable", clause))
        ):
            flags.append("presumption")
        # Damage in transport named in the period's clause, or anywhere in the sentence when the
        # period's clause names neither the right nor the seller's liability ("Om paketet går
        # sönder under transporten, hör av dig inom 7 dagar").
        if self.within("transport", clause) or (
            self.found.get("transport") and not legal_in_clause and not self.within("liable", clause)
        ):
            flags.append("transport_damage")
        if self.found.get("used_goods"):
            flags.append("used_goods")
        if self.within("long_lived", clause):
            flags.append("long_lived")
        return flags


#: A notice word right before a report word ("havaitsemisesta tehty ilmoitus"): this many words
#: apart at most.
_NOTICE_BEFORE_REPORT = 2


def _near(found: dict[str, list[Span]], first: str, second: str, *, skip: Sequence[Span] = ()) -> list[Span]:
    """Spans from a ``first`` word to a ``second`` word at most :data:`_CLAIM_REACH` words apart,
    the words of the ``skip`` spans between them not counted."""
    return [
        (min(a, c), max(b, d))
        for a, b in found.get(first, [])
        for c, d in found.get(second, [])
        if (a, b) != (c, d) and max(a, c) - min(b, d) - _words_in(skip, min(b, d), max(a, c)) <= _CLAIM_REACH
    ]


def _words_in(spans: Sequence[Span], lo: int, hi: int) -> int:
    """How many words of ``[lo, hi)`` the spans cover."""
    return len({i for a, b in spans for i in range(max(a, lo), min(b, hi))}) if spans else 0


def _inside(span: Span, others: list[Span]) -> bool:
    return any(a <= span[0] and span[1] <= b for a, b in others)


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


def _next_clause(text: str, end: int) -> tuple[int, int] | None:
    """The clause after the one ending at character ``end``, as character offsets, if any."""
    if end >= len(text):
        return None
    hi = len(text)
    for match in _CLAUSE_BREAK.finditer(text, end + 1):
        hi = match.start()
        break
    return end + 1, hi


def _clause(text: str, period: Period) -> tuple[int, int]:
    """The part of the sentence between punctuation that holds the period, as character offsets.
    A short label joined to its value ("Återbetalning – Inom 14 dagar efter …", a term and its
    definition, a header cell and its cell) is the first clause's subject, so it belongs to it."""
    lo, hi = 0, len(text)
    for match in _CLAUSE_BREAK.finditer(text):
        if _LATEST_AFTER.match(text, match.start()):
            continue  # "… inom skälig tid efter att ha märkt det, dock inte senare än tre år …": one limit
        if match.end() <= period.start:
            lo = match.end()
        elif match.start() >= period.end:
            hi = match.start()
            break
    head, dash, _ = text.partition(" – ")
    if dash and lo and text[:lo].rstrip(" –") == head.rstrip() and _is_label(head):
        lo = 0
    return lo, hi


#: A comma before the outer limit of a time just given ("…, dock inte senare än tre år", "…, men
#: ikke senere enn fem år", "…, however no later than two years", "…, jedoch spätestens …",
#: "…, kuitenkin viimeistään …"): the limit belongs to the clause before it.
_LATEST_AFTER = re.compile(
    r",\s*(?:dock|men|dog|however|but|jedoch|aber|kuitenkin|mutta)\s+(?:inte|ikke|not|no|nicht|senast|senest|"
    r"spätestens|viimeistään|at\s+the\s+latest)\b",
    re.IGNORECASE,
)


def _is_label(text: str) -> bool:
    """Whether a statement's head is a label: a few words, no number, no question."""
    return 0 < len(word_list(text)) <= _LABEL_WORDS and not any(c.isdigit() or c in "?!." for c in text)


# --------------------------------------------------------------------------- notice


def _notice_in_block(doc: Document, block: TextBlock, lang: str) -> PassageFact | None:
    """A guarantee-notice candidate: a heading that is the notice's label, or a block with a
    sentence that states the notice (``lexicon/concepts/guarantee_notice.toml``)."""
    concepts = page_concepts(doc)
    tag = block.element.tag.lower() if isinstance(block.element.tag, str) else ""
    flags = ["candidate"]
    container = block.text
    if tag in HEADINGS:
        # A heading is the notice by its label ("Lagstadgad garanti om överensstämmelse"); the
        # notice's text is the section under it.
        if concepts.value(block.text, _NOTICE) != "notice" or not concepts.slots(block.text, _NOTICE).get("label"):
            return None
        flags.append("heading")
        parent = block.element.getparent()
        if parent is not None:
            around = _text_under(doc, parent)
            if len(around) <= _NOTICE_CHARS:
                container = around
    elif not _states_notice(block.text):
        return None
    return _notice_fact(doc, block.element, lang, container, _label(doc, block.text), flags)


@lru_cache(maxsize=KEPT_READINGS)
def _states_notice(text: str) -> bool:
    """Whether a sentence of a block's text states the guarantee notice; kept by the text, as a
    site's pages repeat their blocks."""
    concepts = text_concepts()
    said = _sentences(text)
    for at, sentence in enumerate(said):
        if concepts.value(sentence.text, _NOTICE) == "notice":
            return True
        # a question joined to its answer ("Erstatter garantien min reklamationsret? Nej, den
        # lovbestemte reklamationsret gælder uanset garantien"): the answer states it, the
        # question's "replaces" asks; the answer may go on for a sentence or two ("… ? Nein. Die
        # Garantie ist eine freiwillige Zusatzleistung; Ihre gesetzlichen Rechte bestehen …")
        _, mark, answer = sentence.text.partition("?")
        if not mark:
            continue
        if answer.strip() and concepts.value(answer, _NOTICE) == "notice":
            return True
        following = " ".join([answer, *(s.text for s in said[at + 1 : at + 1 + _ANSWER_SENTENCES])])
        if following.strip() and concepts.value(following, _NOTICE) == "notice":
            return True
    return False


#: How many sentences after a question are read with it as its answer.
_ANSWER_SENTENCES = 2


def _label(doc: Document, text: str) -> str:
    """The longest notice label in ``text``, normalised ("" when the notice names none)."""
    labels = page_concepts(doc).slots(text, _NOTICE).get("label", [])
    if not labels:
        return ""
    a, b = max(labels, key=lambda span: span[1] - span[0])
    return " ".join(word_list(text)[a:b])


def _text_under(doc: Document, element: lxml.html.HtmlElement) -> str:
    """The visible text of an element, its blocks kept apart (a heading and the text below it)."""
    parts = [b.text for b in doc.blocks if b.element is element or element in b.element.iterancestors()]
    return " ".join(parts)


def _notices_in_images(doc: Document, lang: str) -> list[PassageFact]:
    out: list[PassageFact] = []
    for image in doc.root.iter("img"):
        label = " ".join(str(image.get(attr) or "") for attr in ("alt", "title", "aria-label")).strip()
        if not label or page_concepts(doc).value(label, _NOTICE) != "notice":
            continue
        out.append(_notice_fact(doc, image, lang, label, _label(doc, label), ["candidate", "image"]))
    return out


def _notice_fact(
    doc: Document, element: lxml.html.HtmlElement, lang: str, container: str, label: str, flags: list[str]
) -> PassageFact:
    found = page_concepts(doc).slots(container, _NOTICE)
    if found.get("eu"):
        flags.append("eu")
    if found.get("minimum"):
        flags.append("minimum")
    if page_concepts(doc).slots(container, _PERIOD).get("commercial"):
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
