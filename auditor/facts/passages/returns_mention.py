"""Sentences that speak of returning goods or withdrawing from a purchase, in any words.

``returns_mention`` passages: a sentence of at least :data:`_FEWEST_WORDS` words with a word of
``returns_mention.toml`` ("Returer sker på egen bekostnad …", "Rücksendungen bitte an …"), at
most :data:`_PER_PAGE` a page. They state nothing a rule can pass on: they only tell the
withdrawal rules that a site which read as silent on the right speaks of returns, in words the
tool does not know (absence not shown: needs_review). A sentence about withdrawing consent to
data processing is none of them, and the rules leave the privacy notice's sentences aside. A
sentence that cancels a booking or an order for a refund (or refuses one) is one too, flagged
``cancellation``: refund information, but no wording of the right of withdrawal.
"""

from __future__ import annotations

import re
from functools import lru_cache

from auditor.facts.dom import Document
from auditor.facts.passages.common import KEPT_READINGS, has_phrase, lexicon, passage_fact, sentences, word_list
from auditor.models import PassageFact, PassageTopic

#: A menu item ("Returer", "Retur & byte") is no sentence about returns.
_FEWEST_WORDS = 5
#: A sentence refusing returns may be shorter: it has a verb and a negation.
_FEWEST_REFUSING = 3
_REFUSAL = re.compile(r"(?i)\b(?:inte|ej|ikke|ikkje|ei|eikä|nicht|kein\w*|not|no|cannot|can't|kan\s+ikke)\b")
#: One sentence shows the site speaks of returns; a few show where.
_PER_PAGE = 2


def gather(doc: Document, lang: str) -> list[PassageFact]:
    """At most :data:`_PER_PAGE` sentences of the page that speak of returns."""
    returns: list[PassageFact] = []
    cancels: list[PassageFact] = []  # kept apart: they must not crowd out a sentence of returns
    for block in doc.blocks:
        for sentence in sentences(block.text):
            speaks = _speaks_of_returns(sentence.text)
            if not speaks and len(cancels) >= _PER_PAGE:
                continue
            cancels_only = _cancels_for_refund(sentence.text) and not _names_right(sentence.text)
            if speaks and not cancels_only:
                returns.append(passage_fact(doc, block.element, PassageTopic.RETURNS_MENTION, lang, sentence.text,
                                            flags=[]))
                if len(returns) >= _PER_PAGE:
                    return returns + cancels
            elif cancels_only:
                cancels.append(passage_fact(doc, block.element, PassageTopic.RETURNS_MENTION, lang, sentence.text,
                                            flags=["cancellation"]))
    return returns + cancels


@lru_cache(maxsize=KEPT_READINGS)
def _speaks_of_returns(text: str) -> bool:
    """Whether a sentence speaks of returns, from its text alone (kept: a site's pages repeat it)."""
    words = word_list(text)
    # a short refusal is a sentence too ("Tuoretuotteita ei vaihdeta eikä palauteta"), not a menu item
    fewest = _FEWEST_REFUSING if _REFUSAL.search(text) else _FEWEST_WORDS
    return (len(words) >= fewest and has_phrase(words, lexicon("returns_mention", "mention"))
            and not has_phrase(words, lexicon("returns_mention", "consent")))


@lru_cache(maxsize=KEPT_READINGS)
def _cancels_for_refund(text: str) -> bool:
    """Whether a sentence cancels a booking, a ticket or an order for a refund, or refuses one
    ("Avbestiller du senest 24 timer før timen, får du depositumet tilbakebetalt", "Tickets
    cannot be cancelled or refunded"): refund information, though not about returning goods."""
    words = word_list(text)
    cancels = has_phrase(words, lexicon("returns_mention", "cancel")) or (
        has_phrase(words, lexicon("returns_mention", "cancel_verb"))
        and has_phrase(words, lexicon("returns_mention", "booked")))
    return (len(words) >= _FEWEST_REFUSING and cancels
            and has_phrase(words, lexicon("returns_mention", "refund"))
            and not has_phrase(words, lexicon("returns_mention", "consent")))


@lru_cache(maxsize=KEPT_READINGS)
def _names_right(text: str) -> bool:
    """Whether a sentence names the right of withdrawal ("ångerrätt", "Widerruf", "right to cancel")."""
    return has_phrase(word_list(text), lexicon("returns_mention", "right"))
