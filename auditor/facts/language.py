"""Which language a page is written in: sv, nb, da, fi, de or en.

The declared ``<html lang>`` is often wrong (a Danish site built from an English template
says ``lang="en"``), so the visible text decides when it is clear: the language whose common
function words occur most, when they occur often enough and clearly more than the declared
language's. Otherwise the declared language, normalised (``no``/``nn`` → ``nb``), stands.
"""

from __future__ import annotations

import re
from collections import Counter

#: Short, frequent function words that tell the six languages apart (no shared spellings
#: between the Scandinavian languages where avoidable: "og" nb/da, "och" sv, "ja" fi).
STOPWORDS: dict[str, frozenset[str]] = {
    "sv": frozenset({"och", "att", "det", "är", "som", "för", "på", "med", "inte", "har", "jag", "till",
                     "av", "om", "du", "vi", "ett", "eller", "kan", "vid", "från", "efter"}),
    "nb": frozenset({"og", "ikke", "jeg", "det", "er", "som", "på", "med", "har", "til", "av", "du", "vi",
                     "et", "eller", "kan", "ved", "fra", "etter", "hvis"}),
    "da": frozenset({"og", "ikke", "jeg", "det", "er", "som", "på", "med", "har", "til", "af", "du", "vi",
                     "et", "eller", "kan", "ved", "fra", "efter", "hvis"}),
    "fi": frozenset({"ja", "on", "ei", "se", "että", "kun", "mutta", "tai", "jos", "voi", "sinun", "meidän",
                     "tämä", "ovat", "olla", "myös"}),
    "de": frozenset({"und", "der", "die", "das", "ist", "nicht", "mit", "für", "auf", "ein", "eine", "oder",
                     "sie", "wir", "zu", "von", "bei", "nach", "wenn"}),
    "en": frozenset({"and", "the", "is", "not", "with", "for", "on", "a", "an", "or", "you", "we", "to", "of",
                     "at", "from", "after", "if", "your", "our"}),
}
#: Words that separate Norwegian from Danish, which share most function words.
_NB_ONLY = frozenset({"ikkje", "av", "etter", "hva", "hvordan", "gjennom", "også", "kjøp", "kjøpet", "kunde"})
_DA_ONLY = frozenset({"af", "efter", "hvad", "hvordan", "gennem", "også", "køb", "købet", "kunden"})
_WORD = re.compile(r"[^\W\d_]+")
_ALIASES = {
    "no": "nb", "nn": "nb", "nob": "nb", "swe": "sv", "dan": "da", "fin": "fi", "deu": "de", "ger": "de", "eng": "en",
}
#: The languages each function word belongs to, in the order of STOPWORDS.
_LANGS_OF: dict[str, tuple[str, ...]] = {
    word: tuple(lang for lang, stop in STOPWORDS.items() if word in stop)
    for word in sorted(set().union(*STOPWORDS.values()))
}
#: How many function words the text needs before it can overrule the declared language.
MIN_HITS = 12


def normalise_lang(declared: str) -> str:
    code = declared.split("-")[0].split("_")[0].lower().strip()
    return _ALIASES.get(code, code)


def detect_language(text: str, declared: str = "") -> str:
    """The page's language code, or the declared one (normalised), or ``""``."""
    declared = normalise_lang(declared)
    # Each distinct word once, in the order first seen: a language enters ``counts`` at the same
    # word as when every word was looked up in turn, so ties are broken alike.
    words = Counter(w.casefold() for w in _WORD.findall(text[:20000]))
    counts: Counter[str] = Counter()
    for word, times in words.items():
        for lang in _LANGS_OF.get(word, ()):
            counts[lang] += times
    if not counts:
        return declared
    best, hits = counts.most_common(1)[0]
    if best in ("nb", "da"):
        nb = sum(times for w, times in words.items() if w in _NB_ONLY)
        da = sum(times for w, times in words.items() if w in _DA_ONLY)
        best = "nb" if nb > da else "da" if da > nb else (declared if declared in ("nb", "da") else best)
    if declared and declared not in STOPWORDS:
        return best if hits >= MIN_HITS else declared
    if not declared or (hits >= MIN_HITS and hits > 2 * counts.get(declared, 0)):
        return best
    return declared
