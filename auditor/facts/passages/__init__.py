"""Legal passages: what a page says about complaints, guarantees, withdrawal, dispute bodies,
return costs and service hours, as :class:`~auditor.models.PassageFact`.

One module per topic group in this package; each defines

    def gather(doc: Document, lang: str) -> list[PassageFact]

and is found automatically (like rules in :mod:`auditor.rules`). Gatherers match the phrases
of every supported language, not only the page's, because shops mix languages (a Swedish
shop's English terms count too); ``lang`` is recorded on each fact for the report. Phrases
are data in ``auditor/rules/lexicon/topics/<topic>.toml`` so a regulator can extend them.
Gatherers state what a passage says; whether that is lawful is for the rules.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
import re
from collections.abc import Callable
from functools import cache
from typing import cast

from auditor.facts.dom import Document
from auditor.facts.passages.common import has_phrase, lexicon, statement_view, word_list
from auditor.models import PassageFact

Gatherer = Callable[[Document, str], list[PassageFact]]


@cache
def gatherers() -> tuple[Gatherer, ...]:
    """Every topic module's ``gather`` function, in module-name order."""
    found: list[Gatherer] = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_") or info.name == "common":
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        gather = getattr(module, "gather", None)
        if callable(gather):
            found.append(_on_statements(cast(Gatherer, gather)))
    return tuple(found)


def _on_statements(gather: Gatherer) -> Gatherer:
    """``gather`` reading the page's statement units (:func:`common.statement_view`): a heading,
    term, header cell or lead-in joined with the value it labels, so every topic reads them alike;
    passages addressed to business buyers only (:func:`for_business`) are not the consumer's."""

    @functools.wraps(gather)
    def run(doc: Document, lang: str) -> list[PassageFact]:
        return [p for p in gather(statement_view(doc), lang) if not for_business(p.excerpt)]

    return run


def gather_passages(doc: Document, lang: str) -> list[PassageFact]:
    """All passages of one page."""
    out: list[PassageFact] = []
    for gather in gatherers():
        out.extend(gather(doc, lang))
    return out


def for_business(text: str) -> bool:
    """Whether ``text`` is addressed to business buyers only: its first clause names one as the
    one it speaks to ("Für Unternehmer beträgt die Gewährleistungsfrist 12 Monate", "Trade
    customers must report defects within 12 months") and it names no consumer ("Consumers have
    six years, trade customers 12 months" speaks of both). A business buyer named later, or in
    brackets, is an aside to a consumer's statement ("2 år (erhvervskunder: 1 år)", "… på varer
    købt af private, mens erhvervskunder har et år"). Words in
    ``auditor/rules/lexicon/topics/audience.toml``."""
    first = _FIRST_CLAUSE.split(text, maxsplit=1)[0]
    return (has_phrase(word_list(first), lexicon("audience", "business"))
            and not has_phrase(word_list(text), lexicon("audience", "consumer")))


#: Where a passage's first clause ends: a comma, semicolon or bracket, or the dash that joins a
#: label to its value.
_FIRST_CLAUSE = re.compile(r"[,;(\[]|\s[–—-]\s")
