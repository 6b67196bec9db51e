"""Precision and recall of concept extraction on the phrasing corpus (issue 18, item 2).

    .venv/bin/python bench/phrasings.py                        # the table, tuning and held-out parts
    .venv/bin/python bench/phrasings.py --write ACCURACY.md    # ... and rewrite its generated block
    .venv/bin/python bench/phrasings.py --misses               # the tuning part's misses, to work on
    .venv/bin/python bench/phrasings.py --fresh [--write ACCURACY.md]   # the fresh held-out corpus

The corpus (``tests/corpus/phrasings/<concept>.toml``) is written by the team: per concept and
language, ways shops state the thing (``positive``) and look-alikes that must not count
(``lookalike``: negations, conditions that flip the meaning, other topics in the same words).
Every fifth item of each list (the 5th, 10th, ...) is ``held_out = true``, fixed by that rule
before anything was measured (``tests/test_phrasing_corpus.py`` checks it). Held-out items are
counted, never listed: ``--misses`` shows the tuning part only.

Each item is wrapped in a minimal HTML page of its language and of the concept's page kind
(terms, returns, contact) and goes through the real facts stage, ``gather_site``, as a one-page
crawl. What "extracted" means per concept is :data:`CONCEPTS`: the passages of one topic a rule
would take, and the value it would read (a period, who pays). Counting, per concept, language
and part:

* *correct*: a positive where the concept is extracted, with the expected value when the item
  states one; *wrong value*: extracted with another value; *missed*: not extracted;
* *false hit*: a look-alike where the concept is extracted;
* precision = correct / (correct + wrong value + false hits): of the claims the tool makes,
  the share that is right; recall = correct / positives.

This lives in bench/ rather than in the package: the corpus is test data, not shipped, and the
figures are a yardstick for developers (like the speed benchmark), not a user command.

``--fresh`` measures the held-out corpus, ``tests/corpus/fresh17/``: written blind by other hands
(12 positives and 6 look-alikes per concept and language), and never read by those who tune the
concepts. Its files say ``held_out = true`` at the top, so every item is held out and none is
ever listed. The corpora written blind before it (``tests/corpus/fresh/`` to ``fresh16/``, each
held out until its figures were recorded) and those written to its brief as tuning corpora
(``fresh18/``, ``fresh19/``) are tuning corpora: ``--corpus DIR`` measures and ``--misses`` lists
them.
"""

from __future__ import annotations

import argparse
import html
import re
import subprocess
import sys
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import urljoin

from auditor.facts.site import gather_site
from auditor.models import DAYS_PER_UNIT, PageSnapshot, PassageFact, PassageTopic, RobotsInfo, SiteCrawl, SiteFacts

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "corpus" / "phrasings"
FRESH = CORPUS.parent / "fresh17"
LANGS = ("sv", "nb", "da", "fi", "de", "en")
#: The jurisdiction a page of each language is judged in.
JURISDICTION = {"sv": "se", "nb": "no", "da": "dk", "fi": "fi", "de": "de", "en": "eu"}
HELD_OUT_EVERY = 5
BEGIN = "<!-- BEGIN phrasing table (bench/phrasings.py) -->"
END = "<!-- END phrasing table -->"
FRESH_BEGIN = "<!-- BEGIN fresh phrasing table (bench/phrasings.py --fresh) -->"
FRESH_END = "<!-- END fresh phrasing table -->"

#: Page kinds: the URL path and title a shop's page of that kind has, per language.
PAGES: dict[str, dict[str, tuple[str, str]]] = {
    "terms": {
        "sv": ("/kopvillkor", "Köpvillkor"), "nb": ("/kjopsvilkar", "Kjøpsvilkår"),
        "da": ("/handelsbetingelser", "Handelsbetingelser"), "fi": ("/toimitusehdot", "Toimitusehdot"),
        "de": ("/agb", "AGB"), "en": ("/terms", "Terms and conditions"),
    },
    "returns": {
        "sv": ("/returer", "Returer och ångerrätt"), "nb": ("/retur", "Retur og angrerett"),
        "da": ("/returnering", "Returnering og fortrydelsesret"), "fi": ("/palautukset", "Palautukset"),
        "de": ("/widerruf", "Rücksendungen"), "en": ("/returns", "Returns"),
    },
    "contact": {
        "sv": ("/kontakt", "Kontakta oss"), "nb": ("/kontakt", "Kontakt oss"), "da": ("/kontakt", "Kontakt os"),
        "fi": ("/yhteystiedot", "Yhteystiedot"), "de": ("/kontakt", "Kontakt"), "en": ("/contact", "Contact us"),
    },
}
BASE = "https://phrasing-shop.example"
_AT = datetime(2026, 1, 1, tzinfo=UTC)


# --------------------------------------------------------------------------- concepts


def _days(fact: PassageFact) -> str | None:
    days = fact.in_days()
    return None if days is None else f"{days:g} days"


def _payer(fact: PassageFact) -> str | None:
    return next((f for f in fact.flags if f in ("consumer", "trader")), None)


def _none(fact: PassageFact) -> str | None:
    return None


@dataclass(frozen=True)
class Concept:
    """What counts as the concept extracted: passages of ``topic`` that ``accept`` takes, and
    the value read from one (compared with an item's ``value``)."""

    topic: PassageTopic
    accept: Callable[[PassageFact], bool]
    value: Callable[[PassageFact], str | None] = _none


#: Non-statutory periods: not the complaint period.
_NOT_COMPLAINT_PERIOD = frozenset({"commercial_guarantee", "presumption", "transport_damage"})

CONCEPTS: dict[str, Concept] = {
    # The right of withdrawal with its period (a commercial "open purchase" alone is not it).
    "withdrawal_period": Concept(
        PassageTopic.WITHDRAWAL_PERIOD,
        lambda p: p.amount is not None and "open_purchase" not in p.flags,
        _days,
    ),
    # Who pays the return shipping after a withdrawal.
    "return_costs": Concept(PassageTopic.RETURN_COSTS, lambda p: _payer(p) is not None, _payer),
    # The statutory right to complain about faulty goods.
    "complaints_right": Concept(PassageTopic.COMPLAINTS_RIGHT, lambda p: True),
    # The period within which faults can be complained about (not a commercial guarantee, not
    # the burden-of-proof period).
    "complaint_period": Concept(
        PassageTopic.GUARANTEE_PERIOD,
        lambda p: p.amount is not None and not _NOT_COMPLAINT_PERIOD & set(p.flags),
        _days,
    ),
    # How complaints are made and when they are answered (a channel, steps, an answer time).
    "complaint_handling": Concept(
        PassageTopic.COMPLAINT_PROCEDURE,
        lambda p: bool({"channel", "howto", "answer_time", "answer_asap"} & set(p.flags)),
        lambda p: _days(p) if "answer_time" in p.flags else None,
    ),
    # The reminder that the legal guarantee exists: the harmonised notice (CRD Art. 22a) or the
    # statement beside a commercial guarantee that the statutory rights stay.
    "guarantee_notice": Concept(PassageTopic.GUARANTEE_NOTICE, lambda p: True),
    # An out-of-court dispute body named as the one to turn to (a body named as something else,
    # flagged no_context, is not it; nor is a German trader's § 36 VSBG statement that it does not
    # take part, flagged vsbg_unwilling: it names no body to turn to, though the rule accepts it
    # as the statement the law asks of such a trader).
    # A body named as the one to turn to (not one the tool does not know by name: a review signal).
    # (A German statement of willingness that names no body, "vor einer Verbraucherschlichtungsstelle",
    # names none either: the rule's partial.)
    "adr_body": Concept(
        PassageTopic.ADR_BODY,
        lambda p: not {"no_context", "vsbg_unwilling", "unknown_body", "declined"} & set(p.flags)
        and not ("vsbg_willing" in p.flags and not p.name),
    ),
    # When customer service can be reached (opening hours or round the clock) or how soon it
    # answers (a promised response time): either passes the service-hours rule.
    "service_hours": Concept(
        PassageTopic.SERVICE_HOURS, lambda p: bool({"hours", "around_the_clock", "response_time"} & set(p.flags))
    ),
    # The model withdrawal form provided: inline or as a link (a mere mention is not it).
    "withdrawal_form": Concept(PassageTopic.WITHDRAWAL_FORM, lambda p: bool({"inline", "link"} & set(p.flags))),
    # The online withdrawal function (CRD Art. 11a): a control that starts the withdrawal (the
    # confirmation step alone is not it, nor prose describing a function the page does not show).
    "withdrawal_function": Concept(
        PassageTopic.WITHDRAWAL_FUNCTION, lambda p: not {"confirm", "described"} & set(p.flags)
    ),
    # How fast customer service promises to answer, with the period (the service-hours rule
    # passes on it as it does on opening hours).
    "response_time": Concept(PassageTopic.SERVICE_HOURS, lambda p: "response_time" in p.flags, _days),
}


# --------------------------------------------------------------------------- corpus


@dataclass(frozen=True)
class Item:
    concept: str
    lang: str
    positive: bool
    index: int  # position in its list, from 0
    text: str = ""
    html: str = ""
    value: str | None = None
    held_out: bool = False
    page: str = "terms"

    @property
    def fragment(self) -> str:
        return self.html or f"<p>{html.escape(self.text)}</p>"

    @property
    def label(self) -> str:
        return self.text or re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", self.html)).strip()


def load(corpus: Path = CORPUS, concepts: Iterable[str] | None = None) -> list[Item]:
    """Every item of the corpus files (of ``concepts``, when given), in file order."""
    wanted = set(concepts) if concepts is not None else None
    items: list[Item] = []
    for path in sorted(corpus.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        concept = str(data["concept"])
        if wanted is not None and concept not in wanted:
            continue
        if concept not in CONCEPTS:
            raise ValueError(f"{path.name}: unknown concept {concept!r}")
        default_page = str(data.get("page", "terms"))
        whole_file_held_out = bool(data.get("held_out", False))
        for lang in LANGS:
            section = data.get(lang, {})
            for key, positive in (("positive", True), ("lookalike", False)):
                for index, raw in enumerate(section.get(key, [])):
                    value = raw.get("value")
                    items.append(Item(
                        concept=concept, lang=lang, positive=positive, index=index,
                        text=str(raw.get("text", "")), html=str(raw.get("html", "")),
                        value=None if value is None else normalise_value(str(value)),
                        held_out=whole_file_held_out or bool(raw.get("held_out", False)),
                        page=str(raw.get("page", default_page)),
                    ))
    return items


_PERIOD = re.compile(r"^(\d+(?:\.\d+)?)\s+(hours|days|weeks|months|years)$")


def normalise_value(value: str) -> str:
    """An expected value as facts give it: periods in days ("3 years" -> "1095 days")."""
    match = _PERIOD.match(value.strip())
    if match is None:
        return value.strip()
    return f"{float(match.group(1)) * DAYS_PER_UNIT[match.group(2)]:g} days"


def page_html(item: Item) -> tuple[str, str]:
    """``(url, html)``: the item on a minimal page of its language and kind."""
    path, title = PAGES[item.page][item.lang]
    doc = (
        f'<!doctype html><html lang="{item.lang}"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
        f"</head><body><main>{item.fragment}</main></body></html>"
    )
    return urljoin(BASE, path), doc


def facts_of(item: Item) -> SiteFacts:
    """The real facts stage over a one-page crawl of the item's page."""
    url, doc = page_html(item)
    page = PageSnapshot(url=url, final_url=url, status=200, content_type="text/html", fetched_at=_AT, depth=0,
                        html=doc)
    crawl = SiteCrawl(
        start_url=url, home_url=url, site_hosts=["phrasing-shop.example"], started_at=_AT, finished_at=_AT,
        user_agent="phrasings", max_pages=1, max_depth=0, pages=[page],
        robots=RobotsInfo(url=urljoin(BASE, "/robots.txt"), status=404),
    )
    return gather_site(crawl, JURISDICTION[item.lang])


# --------------------------------------------------------------------------- judging and counting


@dataclass(frozen=True)
class Outcome:
    item: Item
    found: bool
    values: tuple[str, ...] = ()  # the values read from the accepted passages

    @property
    def kind(self) -> str:
        """``correct``, ``wrong_value`` or ``missed`` for a positive; ``false_hit`` or ``rejected``."""
        if not self.item.positive:
            return "false_hit" if self.found else "rejected"
        if not self.found:
            return "missed"
        if self.item.value is not None and self.item.value not in self.values:
            return "wrong_value"
        return "correct"


def judge(item: Item, facts: SiteFacts) -> Outcome:
    concept = CONCEPTS[item.concept]
    hits = [p for p in facts.passages if p.topic == concept.topic and concept.accept(p)]
    values = tuple(dict.fromkeys(v for v in (concept.value(p) for p in hits) if v is not None))
    return Outcome(item, bool(hits), values)


@dataclass
class Counts:
    positives: int = 0
    lookalikes: int = 0
    correct: int = 0
    wrong_value: int = 0
    false_hits: int = 0
    kinds: dict[str, int] = field(default_factory=dict)

    def add(self, outcome: Outcome) -> None:
        kind = outcome.kind
        self.kinds[kind] = self.kinds.get(kind, 0) + 1
        if outcome.item.positive:
            self.positives += 1
        else:
            self.lookalikes += 1
        self.correct += kind == "correct"
        self.wrong_value += kind == "wrong_value"
        self.false_hits += kind == "false_hit"

    @property
    def precision(self) -> float | None:
        claims = self.correct + self.wrong_value + self.false_hits
        return self.correct / claims if claims else None

    @property
    def recall(self) -> float | None:
        return self.correct / self.positives if self.positives else None


Key = tuple[str, str, str]  # concept, lang, part ("tuning" / "held-out")


def tally(outcomes: Iterable[Outcome]) -> dict[Key, Counts]:
    """Counts per concept, language and part, plus an ``all`` language per concept and part."""
    out: dict[Key, Counts] = {}
    for outcome in outcomes:
        item = outcome.item
        part = "held-out" if item.held_out else "tuning"
        for lang in (item.lang, "all"):
            out.setdefault((item.concept, lang, part), Counts()).add(outcome)
    return out


def measure(items: Iterable[Item]) -> list[Outcome]:
    return [judge(item, facts_of(item)) for item in items]


# --------------------------------------------------------------------------- output


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.0f}%"


def _cell(counts: Counts | None) -> str:
    if counts is None:
        return "– | – | –"
    return f"{counts.positives}+{counts.lookalikes} | {_pct(counts.precision)} | {_pct(counts.recall)}"


def table(counts: dict[Key, Counts]) -> str:
    """Markdown: one row per concept and language, tuning and held-out side by side."""
    lines = [
        "| concept | lang | tuning items | tuning precision | tuning recall "
        "| held-out items | held-out precision | held-out recall | wrong values | false hits |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    concepts = sorted({c for c, _, _ in counts}, key=list(CONCEPTS).index)
    for concept in concepts:
        for lang in (*LANGS, "all"):
            tuning, held = counts.get((concept, lang, "tuning")), counts.get((concept, lang, "held-out"))
            if tuning is None and held is None:
                continue
            both = [c for c in (tuning, held) if c is not None]
            wrong = sum(c.wrong_value for c in both)
            false = sum(c.false_hits for c in both)
            name = f"**{concept}**" if lang == "all" else concept
            lines.append(f"| {name} | {lang} | {_cell(tuning)} | {_cell(held)} | {wrong} | {false} |")
    return "\n".join(lines)


def _commit() -> str:
    try:
        done = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False,
                              cwd=Path(__file__).resolve().parent)
    except OSError:
        return "unknown"
    return done.stdout.strip() or "unknown"


def block(counts: dict[Key, Counts], today: date, commit: str, *, fresh: bool = False) -> str:
    begin, end, flag = (FRESH_BEGIN, FRESH_END, " --fresh") if fresh else (BEGIN, END, "")
    return (
        f"{begin}\nGenerated by `.venv/bin/python bench/phrasings.py{flag} --write ACCURACY.md` on "
        f"{today.isoformat()} at commit `{commit}`. Items: positives+look-alikes; precision = correct / (correct + "
        f"wrong value + false hits), recall = correct / positives.\n\n{table(counts)}\n{end}"
    )


def write_block(path: Path, text: str, *, fresh: bool = False) -> None:
    """Replace the generated block of ``path`` (between :data:`BEGIN` and :data:`END`, or the fresh
    corpus's markers) with ``text``."""
    begin, end_marker = (FRESH_BEGIN, FRESH_END) if fresh else (BEGIN, END)
    content = path.read_text(encoding="utf-8")
    start, end = content.find(begin), content.find(end_marker)
    if start < 0 or end < start:
        raise SystemExit(f"{path}: no '{begin}' … '{end_marker}' block to rewrite")
    path.write_text(content[:start] + text + content[end + len(end_marker):], encoding="utf-8")


def misses(outcomes: Iterable[Outcome]) -> str:
    """The tuning part's misses, wrong values and false hits (never the held-out part's)."""
    lines = []
    for outcome in outcomes:
        item, kind = outcome.item, outcome.kind
        if item.held_out or kind in ("correct", "rejected"):
            continue
        got = ""
        if kind == "wrong_value":
            got = f" (read {', '.join(outcome.values) or 'no value'}, expected {item.value})"
        lines.append(f"{item.concept} {item.lang} {kind}{got}: {item.label}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--concept", action="append", help="only this concept (repeatable)")
    parser.add_argument("--write", type=Path, help="rewrite the generated block of this file (ACCURACY.md)")
    parser.add_argument("--misses", action="store_true", help="list the tuning part's misses and false hits")
    parser.add_argument("--commit", help="the commit measured, when the tree is an export without git")
    parser.add_argument("--fresh", action="store_true", help=f"measure the fresh held-out corpus ({FRESH})")
    args = parser.parse_args(argv)
    outcomes = measure(load(FRESH if args.fresh else args.corpus, args.concept))
    counts = tally(outcomes)
    print(table(counts))
    if args.misses:
        print("\n" + misses(outcomes))
    if args.write is not None:
        write_block(args.write, block(counts, date.today(), args.commit or _commit(), fresh=args.fresh),
                    fresh=args.fresh)
    return 0


if __name__ == "__main__":
    sys.exit(main())
