"""Passages about the right of withdrawal: its period, the model form, the online withdrawal
function (CRD Art. 11a) and who pays the return shipping.

* ``withdrawal_period``: a sentence naming the right (ångerrätt, angrerett, fortrydelsesret,
  peruuttamisoikeus, Widerrufsrecht, right of withdrawal) with the period closest to that name.
  Periods next to a delivery, refund or extension word ("14 dagars leveranstid", "refund within
  30 days", "verlängert sich um zwölf Monate") are not the withdrawal period. Flag
  ``no_period`` when the right is named without one; ``open_purchase`` for a commercial return
  promise ("öppet köp 30 dagar"), with ``right_named`` when the same sentence names the right;
  ``label`` for a heading or link text that names the right and says nothing more.
* ``withdrawal_form``: the Annex I(B) text itself or a heading naming the form with form
  content under it (``inline``), a link to it (``link``, target), or only a mention
  (``mention_only``).
* ``withdrawal_function``: a button or link labelled like "Ångra köpet här" or "Vertrag
  widerrufen" (``button`` / ``link``, target, region); ``confirm`` for the step-2 control.
* ``return_costs``: who pays the return shipping: ``consumer`` or ``trader``. A fixed phrase of
  ``topics/return_costs.toml`` decides first; then the ``return_costs`` concept
  (``lexicon/concepts/return_costs.toml``: pay / return / payer stems in one clause, negation,
  faulty goods suspending "the shop pays"); then a payer word near a return-cost noun.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import unquote, urljoin, urlsplit

import lxml.html

from auditor.facts.dom import Document, TextBlock, clean
from auditor.facts.passages._concepts import page_concepts
from auditor.facts.passages.common import (
    HEADINGS,
    Period,
    Phrases,
    has_phrase,
    passage_fact,
    periods,
    phrase_hits,
    sentences,
    topic_phrases,
    word_index,
    word_list,
)
from auditor.models import PassageFact, PassageTopic

#: A sentence this long (in words) is prose, not a label.
_LABEL_WORDS = 8
#: How many words before a period a word may make it another period (delivery, refund).
_NEAR = 3
#: How many words after a period such a word may follow it.
_AFTER = 2
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
    lex = topic_phrases("withdrawal_period")
    right, open_purchase, other = lex.get("right", ()), lex.get("open_purchase", ()), lex.get("not_period", ())
    out: list[PassageFact] = []
    for block in doc.blocks:
        for sentence in sentences(block.text):
            text = sentence.text
            words = word_list(text)
            rights = phrase_hits(words, right)
            opens = phrase_hits(words, open_purchase)
            if not rights and not opens:
                continue
            starts = {i for i, _ in phrase_hits(words, lex.get("from_words", ()))}
            # "14 dagar från leverans": the delivery word only says when the period starts.
            others = [i for i, _ in phrase_hits(words, other) if i - 1 not in starts]
            stated = [p for p in periods(text) if not _other_period(text, p, others)]
            # Each period belongs to the nearest name: the right, an open purchase, or another
            # period's word ("återbetalar vi beloppet inom 30 dagar" is the refund's).
            anchors = [(i, "right") for i, _ in rights] + [(i, "open") for i, _ in opens]
            anchors += [(i, "other") for i in others]
            assigned: dict[str, list[tuple[int, Period]]] = {"right": [], "open": [], "other": []}
            for period in stated:
                at = word_index(text, period.start)
                distance, kind = min((abs(at - i), kind) for i, kind in anchors)
                assigned[kind].append((distance, period))
            if rights:
                out.append(_period_fact(doc, block, lang, text, assigned["right"], []))
            if opens:
                flags = ["open_purchase"] + (["right_named"] if rights else [])
                out.append(_period_fact(doc, block, lang, text, assigned["open"], flags))
    return out


def _other_period(text: str, period: Period, others: list[int]) -> bool:
    """Whether a delivery, refund or extension word sits right before or after the period
    ("leveranstiden är 14 dagar", "14 dagars leveranstid", "erstatten binnen 14 Tagen")."""
    start = word_index(text, period.start)
    end = word_index(text, period.end)
    return any(start - _NEAR <= i < start or end <= i < end + _AFTER for i in others)


def _period_fact(
    doc: Document, block: TextBlock, lang: str, text: str, periods_: list[tuple[int, Period]], flags: list[str]
) -> PassageFact:
    if not periods_:
        label = ["label"] if len(word_list(text)) <= _LABEL_ONLY else []
        topic = PassageTopic.WITHDRAWAL_PERIOD
        return passage_fact(doc, block.element, topic, lang, text, flags=[*flags, "no_period", *label])
    _, period = min(periods_, key=lambda item: item[0])
    return passage_fact(
        doc,
        block.element,
        PassageTopic.WITHDRAWAL_PERIOD,
        lang,
        text,
        amount=period.amount,
        unit=period.unit,
        flags=flags,
    )


# --------------------------------------------------------------------------- form


def _forms(doc: Document, lang: str) -> list[PassageFact]:
    lex = topic_phrases("withdrawal_form")
    names, fingerprint, fields = lex.get("form", ()), lex.get("fingerprint", ()), lex.get("fields", ())
    topic = PassageTopic.WITHDRAWAL_FORM
    provided: list[PassageFact] = []
    for block in doc.blocks:
        words = word_list(block.text)
        tag = block.element.tag if isinstance(block.element.tag, str) else ""
        if has_phrase(words, fingerprint):
            provided.append(passage_fact(doc, block.element, topic, lang, block.text, flags=["inline"]))
        elif tag in HEADINGS and has_phrase(words, names) and _form_follows(doc, block.element, fingerprint, fields):
            provided.append(
                passage_fact(doc, block.element, topic, lang, block.text, name=block.text, flags=["inline"])
            )
    for anchor in doc.root.iter("a"):
        href = str(anchor.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
            continue
        label = doc.element_text(anchor)
        target = urljoin(doc.url, href)
        slug = " ".join(word_list(unquote(urlsplit(target).path).replace("-", " ").replace("_", " ")))
        if has_phrase(word_list(label), names) or has_phrase(slug.split(), names):
            flags = ["link"] + (["pdf"] if urlsplit(target).path.lower().endswith(".pdf") else [])
            provided.append(
                passage_fact(doc, anchor, topic, lang, label or target, name=label, target=target, flags=flags)
            )
    if provided:
        return _dedupe(provided)
    mentions: list[PassageFact] = []
    for block in doc.blocks:
        for sentence in sentences(block.text):
            if has_phrase(word_list(sentence.text), names):
                mentions.append(passage_fact(doc, block.element, topic, lang, sentence.text, flags=["mention_only"]))
                break
    return mentions


def _form_follows(doc: Document, heading: lxml.html.HtmlElement, fingerprint: Phrases, fields: Phrases) -> bool:
    """Whether the content after a heading is a form: the Annex I(B) text, form controls, or
    at least two field labels (Namn, Adress, Datum, Underskrift)."""
    texts: list[str] = []
    node = heading.getnext()
    steps = 0
    while node is not None and steps < 8:
        if isinstance(node.tag, str):
            if node.tag in HEADINGS and node.tag.startswith("h"):
                break
            if any(True for _ in node.iter(*_CONTROLS)):
                return True
            texts.append(doc.element_text(node))
            steps += 1
        node = node.getnext()
    words = word_list(" ".join(texts))
    if has_phrase(words, fingerprint):
        return True
    return len({phrase for _, phrase in phrase_hits(words, fields)}) >= 2


def _dedupe(facts: Iterable[PassageFact]) -> list[PassageFact]:
    seen: dict[tuple[str, str], PassageFact] = {}
    for fact in facts:
        seen.setdefault((fact.locator, fact.target), fact)
    return list(seen.values())


# --------------------------------------------------------------------------- function


def _functions(doc: Document, lang: str) -> list[PassageFact]:
    lex = topic_phrases("withdrawal_function")
    labels, confirm = lex.get("labels", ()), lex.get("confirm", ())
    out: list[PassageFact] = []
    for el in doc.root.iter("a", "button", "input"):
        text = _control_text(doc, el)
        words = word_list(text)
        if not words or len(words) > _LABEL_WORDS:
            continue
        is_step1, is_step2 = has_phrase(words, labels), has_phrase(words, confirm)
        if not is_step1 and not is_step2:
            continue
        button = el.tag in {"button", "input"} or (el.get("role") or "").lower() == "button" or _looks_like_button(el)
        flags = ["button" if button else "link"] + (["confirm"] if is_step2 and not is_step1 else [])
        target = _control_target(doc, el)
        out.append(
            passage_fact(doc, el, PassageTopic.WITHDRAWAL_FUNCTION, lang, text, name=text, target=target, flags=flags)
        )
    return out


def _control_text(doc: Document, el: lxml.html.HtmlElement) -> str:
    if el.tag == "input":
        if (el.get("type") or "").lower() not in {"submit", "button"}:
            return ""
        return clean(str(el.get("value") or el.get("aria-label") or ""))
    return doc.element_text(el) or clean(str(el.get("aria-label") or el.get("title") or ""))


def _control_target(doc: Document, el: lxml.html.HtmlElement) -> str:
    href = str(el.get("href") or "").strip()
    if href and not href.startswith(("#", "javascript:")):
        return urljoin(doc.url, href)
    form = next((a for a in el.iterancestors("form")), None)
    action = str(form.get("action") or "") if form is not None else ""
    return urljoin(doc.url, action) if action else ""


def _looks_like_button(el: lxml.html.HtmlElement) -> bool:
    classes = (el.get("class") or "").lower()
    return bool(re.search(r"(^|[-_\s])(btn|button|cta)($|[-_\s])", classes))


# --------------------------------------------------------------------------- return costs


def _return_costs(doc: Document, lang: str) -> list[PassageFact]:
    lex = topic_phrases("return_costs")
    concepts = page_concepts(doc)
    out: list[PassageFact] = []
    for block in doc.blocks:
        found = False
        for sentence in sentences(block.text):
            payer = _payer(word_list(sentence.text), lex, concepts.value(sentence.text, "return_costs"))
            if payer:
                found = True
                out.append(
                    passage_fact(doc, block.element, PassageTopic.RETURN_COSTS, lang, sentence.text, flags=[payer])
                )
        # A label and its value split at the colon: "Returfrakt: 59 kr".
        words = word_list(block.text)
        if not found and len(words) <= _LABEL_WORDS * 2:
            payer = _payer(words, lex, concepts.value(block.text, "return_costs"))
            if payer:
                out.append(passage_fact(doc, block.element, PassageTopic.RETURN_COSTS, lang, block.text, flags=[payer]))
    return out


def _payer(words: list[str], lex: dict[str, Phrases], concept: str | None) -> str | None:
    """``consumer`` or ``trader`` when the sentence says who pays the return shipping: by a
    fixed phrase first, then by the ``return_costs`` concept (``concept``, its value for the
    sentence), then by a payer word near a return-cost noun."""
    defect = has_phrase(words, lex.get("defect", ()))
    if has_phrase(words, lex.get("consumer", ())):
        return "consumer"
    if has_phrase(words, lex.get("trader", ())):
        return None if defect else "trader"
    if concept in ("consumer", "trader"):
        return concept
    costs = phrase_hits(words, lex.get("cost", ()))
    if not costs:
        return None
    candidates: list[tuple[int, str]] = []
    for at, phrase in costs:
        end = at + len(phrase.split())
        window = range(max(0, at - _PARTY_WINDOW), min(len(words), end + _PARTY_WINDOW))
        following = words[end : end + 3]
        if any(_MONEY.match(w) for w in following) and any(w[0].isdigit() for w in following):
            candidates.append((0, "consumer"))
        for key, party in (("payer_consumer", "consumer"), ("payer_trader", "trader"), ("free", "trader")):
            for i, p in phrase_hits(words, lex.get(key, ())):
                if i in window:
                    distance = at - (i + len(p.split())) if i < at else i - end
                    candidates.append((max(distance, 0), party))
    if not candidates:
        return None
    best = min(d for d, _ in candidates)
    parties = {party for d, party in candidates if d == best}
    if len(parties) != 1:
        return None
    party = parties.pop()
    if party == "trader" and defect:
        return None
    return party
