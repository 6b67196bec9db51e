"""Sentences that speak of returning goods or withdrawing from a purchase, in any words.

``withdrawal_period`` passages flagged ``mention``: a sentence of at least
:data:`_FEWEST_WORDS` words with a word of ``returns_mention.toml`` ("Returer sker på egen
bekostnad …", "Rücksendungen bitte an …"), at most :data:`_PER_PAGE` a page. They state nothing a
rule can pass on: they only tell the withdrawal rules that a site which read as silent on the
right speaks of returns, in words the tool does not know (absence not shown: needs_review).
"""

from __future__ import annotations

from auditor.facts.dom import Document
from auditor.facts.passages.common import has_phrase, lexicon, passage_fact, sentences, word_list
from auditor.models import PassageFact, PassageTopic

#: A menu item ("Returer", "Retur & byte") is no sentence about returns.
_FEWEST_WORDS = 5
#: One sentence shows the site speaks of returns; a few show where.
_PER_PAGE = 2


def gather(doc: Document, lang: str) -> list[PassageFact]:
    """At most :data:`_PER_PAGE` sentences of the page that speak of returns."""
    words_of = lexicon("returns_mention", "mention")
    consent = lexicon("returns_mention", "consent")
    out: list[PassageFact] = []
    for block in doc.blocks:
        for sentence in sentences(block.text):
            words = word_list(sentence.text)
            if len(words) < _FEWEST_WORDS or not has_phrase(words, words_of) or has_phrase(words, consent):
                continue
            out.append(passage_fact(doc, block.element, PassageTopic.WITHDRAWAL_PERIOD, lang, sentence.text,
                                    flags=["mention"]))
            if len(out) >= _PER_PAGE:
                return out
    return out
