"""What text a regular expression needs before it can match: a look taken before its search.

Python's ``re`` scans a pattern that opens with ``\\b``, a lookbehind or a case-blind word at every
character of a text, trying it there; one that opens with a fixed word jumps to where the word
is, twenty times faster. The labels of registration numbers ("SIRET", "Company number", "Org.nr")
are of the first kind and are looked for in every block of a page, where they almost never stand.
:func:`required_literals` reads a compiled pattern's own parse and returns words of which every
match holds one (any case); :class:`LiteralGate` asks a text for them with ``in`` on the case-folded
text first. Nothing is listed by hand: a label added to a pattern adds its words to the gate.
"""

from __future__ import annotations

import re
from typing import Any

try:  # the parser ``re`` compiles with: private to the standard library (3.11 and later)
    from re import _constants as sre  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]

    _REPEATS: tuple[Any, ...] = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
except (ImportError, AttributeError):  # pragma: no cover - a Python that moved them: no gate
    sre = sre_parse = None
    _REPEATS = ()


def fold(text: str) -> str:
    """``text`` case-folded so that every character a case-blind pattern takes for a letter folds
    to that letter: ``re`` also equates "ı" and "İ" with "i", which case folding does not
    ("İ" folds to "i" and a combining dot), so both are folded to "i"."""
    return text.casefold().replace("i\u0307", "i").replace("ı", "i")


def required_literals(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Words (folded: :func:`fold`) of which every match of ``pattern`` holds one, read in any
    case; None when the pattern needs no fixed word (then a text cannot be passed over)."""
    if sre_parse is None:
        return None  # the parser is not where this Python keeps it: every text is searched
    try:
        found = _sequence(sre_parse.parse(pattern.pattern, pattern.flags).data)
    except Exception:  # a parse this module does not know: the pattern is searched everywhere
        return None
    if not found:
        return None
    return tuple(sorted({fold(word) for word in found}))


def _sequence(items: list[tuple[Any, Any]]) -> set[str] | None:
    """The best set of words one of which a match of the sequence ``items`` holds: a run of
    literal characters, or what a group, alternation or repeated item (at least once) needs;
    among those, the set whose shortest word is longest (the rarest look)."""
    candidates: list[set[str]] = []
    run: list[str] = []
    for op, av in items:
        if op is sre.LITERAL:
            run.append(chr(av))
            continue
        if run:
            candidates.append({"".join(run)})
            run = []
        needed: set[str] | None = None
        if op is sre.SUBPATTERN:
            needed = _sequence(av[3].data)
        elif op is sre.ATOMIC_GROUP:
            needed = _sequence(av.data)
        elif op is sre.BRANCH:
            branches = [_sequence(branch.data) for branch in av[1]]
            needed = None if any(b is None for b in branches) else set().union(*branches)  # type: ignore[arg-type]
        elif op in _REPEATS and av[0] >= 1:
            needed = _sequence(av[2].data)
        # anything else (a class, any character, an assertion, a reference) needs no fixed word
        if needed:
            candidates.append(needed)
    if run:
        candidates.append({"".join(run)})
    if not candidates:
        return None
    return max(candidates, key=lambda words: min(len(word) for word in words))


#: A gate whose words include one of letters alone shorter than this passes nearly every text
#: ("i", "st"): it is not asked (the pattern is searched as it would be without it). A short word
#: with another character ("v/") is rare enough.
SHORTEST_WORD = 3


class LiteralGate:
    """Whether ``pattern`` may match a text: False only where the text (folded) holds none of
    the words every match holds (:func:`required_literals`)."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        words = required_literals(pattern)
        common = words is not None and any(len(word) < SHORTEST_WORD and word.isalpha() for word in words)
        self.words = None if common else words

    def may_match(self, folded: str) -> bool:
        """``folded``: the text as :func:`fold` gives it (folded once for several gates)."""
        words = self.words
        return words is None or any(map(folded.__contains__, words))


#: id of a pattern -> the pattern and its gate (:func:`gate_of`): a pattern's own hash is slow.
_GATES: dict[int, tuple[re.Pattern[str], LiteralGate]] = {}


def gate_of(pattern: re.Pattern[str]) -> LiteralGate:
    """The gate of ``pattern``, made once (for patterns built from data when first asked)."""
    known = _GATES.get(id(pattern))
    if known is None or known[0] is not pattern:
        known = _GATES[id(pattern)] = (pattern, LiteralGate(pattern))
    return known[1]
