"""How many postal addresses, written as shops write them, the address parser reads (issue 18).

    .venv/bin/python bench/addresses.py             # the table per language
    .venv/bin/python bench/addresses.py --misses    # and every miss and false hit, to work on

The corpus (``tests/corpus/addresses/<lang>.toml``) was written blind by people who never saw the
parser: per language, addresses as HTML fragments (footers, contact pages, imprints, the terms'
trader block) with the street, postcode, town, country and PO box a person reads in them, and
look-alikes (order numbers, prices, opening hours, phone numbers) in which there is no address.
Each fragment goes through :func:`auditor.facts.addresses.gather_addresses` as a page of a shop in
the language's country (``sv`` → SE, ``en`` → GB, ...). Counting, per language:

* *read*: an address is read with the expected postcode, town (any case) and PO-box reading;
  its street as written (spaces aside) or containing it;
* *signal*: no address read, but the postcode and town are kept as a street the tool could not
  read (``method = "unread_street"``), or the address as written after its label ("Adresse: …",
  ``method = "labelled"``): the contact rule asks for review, never says "none";
* *missed*: neither; *false hit*: an address read in a look-alike.
"""

from __future__ import annotations

import argparse
import re
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from auditor.facts.addresses import gather_addresses
from auditor.facts.dom import Document
from auditor.models import AddressFact

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "corpus" / "addresses"
#: The country whose site a fragment stands on, per language.
HINTS = {"sv": "SE", "nb": "NO", "da": "DK", "fi": "FI", "de": "DE", "en": "GB"}


@dataclass
class Counts:
    addresses: int = 0
    read: int = 0
    signal: int = 0
    lookalikes: int = 0
    false_hits: int = 0
    misses: list[str] = field(default_factory=list)


def _compact(text: str) -> str:
    return re.sub(r"[\s,]+", " ", text).strip().casefold()


def _code(text: str) -> str:
    """A postcode without its spaces and country prefix ("SE-953 31" is "95331")."""
    return re.sub(r"^[a-z]{1,3}-", "", _compact(text)).replace(" ", "")


def _matches(fact: AddressFact, want: dict[str, object]) -> bool:
    if fact.method != "text" or bool(want.get("po_box", False)) != fact.po_box:
        return False
    if _code(fact.postal_code) != _code(str(want["postal_code"])):
        return False
    if _compact(fact.town) != _compact(str(want["town"])):
        return False
    street, expected = _compact(fact.street), _compact(str(want["street"]))
    return street == expected or expected in street or street in expected


def measure(corpus: Path = CORPUS) -> dict[str, Counts]:
    out: dict[str, Counts] = {}
    for path in sorted(corpus.glob("*.toml")):
        lang = path.stem
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        counts = out.setdefault(lang, Counts())
        hint = HINTS.get(lang, "")
        for want in data.get("address", []):
            counts.addresses += 1
            facts = _gather(str(want["html"]), hint)
            if any(_matches(f, want) for f in facts):
                counts.read += 1
            elif any((f.method == "unread_street" and _code(f.postal_code) == _code(str(want["postal_code"])))
                     or (f.method == "labelled" and _code(str(want["postal_code"])) in _code(f.street))
                     for f in facts):
                counts.signal += 1
                counts.misses.append(f"{lang} signal only: {want['html']}  -> {_shown(facts)}")
            else:
                counts.misses.append(f"{lang} missed: {want['html']}  -> {_shown(facts)}")
        for item in data.get("lookalike", []):
            counts.lookalikes += 1
            facts = [f for f in _gather(str(item["html"]), hint) if f.method == "text" and f.postal_code]
            if facts:
                counts.false_hits += 1
                counts.misses.append(f"{lang} false hit: {item['html']}  -> {_shown(facts)}")
    return out


def _gather(html: str, hint: str) -> list[AddressFact]:
    return gather_addresses(Document(f"<html><body>{html}</body></html>", "https://shop.example/kontakt"), hint)


def _shown(facts: list[AddressFact]) -> str:
    return "; ".join(f"[{f.method}] {f.street} | {f.postal_code} {f.town} ({f.country})" for f in facts) or "nothing"


def table(counts: dict[str, Counts]) -> str:
    lines = ["| lang | addresses | read | review signal | missed | look-alikes | false hits |",
             "|---|--:|--:|--:|--:|--:|--:|"]
    total = Counts()
    for lang, c in counts.items():
        missed = c.addresses - c.read - c.signal
        lines.append(f"| {lang} | {c.addresses} | {c.read} ({c.read / max(c.addresses, 1):.0%}) | {c.signal} | "
                     f"{missed} | {c.lookalikes} | {c.false_hits} |")
        total.addresses += c.addresses
        total.read += c.read
        total.signal += c.signal
        total.lookalikes += c.lookalikes
        total.false_hits += c.false_hits
    missed = total.addresses - total.read - total.signal
    lines.append(f"| **all** | {total.addresses} | {total.read} ({total.read / max(total.addresses, 1):.0%}) | "
                 f"{total.signal} | {missed} | {total.lookalikes} | {total.false_hits} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--misses", action="store_true", help="list every miss and false hit")
    args = parser.parse_args()
    counts = measure(args.corpus)
    print(table(counts))
    if args.misses:
        for c in counts.values():
            for line in c.misses:
                print(line)


if __name__ == "__main__":
    main()
