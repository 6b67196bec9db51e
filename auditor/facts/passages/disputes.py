"""Passages about out-of-court dispute resolution: the ADR bodies a shop names and the EU ODR
platform.

* ``adr_body``: a sentence naming a dispute body (ARN, Forbrukerklageutvalget, Nævnenes Hus,
  Kuluttajariitalautakunta, Universalschlichtungsstelle, ...) with ``name`` set to the body as
  written in the lexicon; or a link to a dispute body's web site (flag ``link``, ``target``).
  A sentence passage is flagged ``web_address`` when its block also gives a web address or a
  link to another site (``target`` then holds it, a dispute body's own site first) and
  ``postal_address`` when the block gives a postal code. A sentence about taking a dispute to a
  kind of body the lexicon does not know by name ("the Consumer Disputes Committee", a foreign
  "Schlichtungsstelle") is flagged ``unknown_body``, without a name; one saying the trader takes no
  part in dispute resolution out of court ("we aren't members of an ADR scheme", outside Germany)
  is flagged ``declined``, without a name, and so is one that names a body after saying the
  trader takes no part in it ("Vi är inte anslutna till ARN"), with the name. The German § 36 VSBG statement adds
  ``vsbg_unwilling`` ("nicht bereit und nicht verpflichtet") or ``vsbg_willing``.
  A body named without saying it is the one to turn to is flagged ``no_context``: neither its
  sentence, nor its block (statement unit), nor the heading right before the block says that
  disputes or complaints go to it, that the consumer may turn to it, or that it decides,
  recommends or mediates (``context`` in the topic file), nor does the block give the body's
  own web site or a postal address; or the sentence names it as something
  else: a blog post, a former employer, an award, an authority asking for data (``aside``).
  Names are matched inflected: every word of the name but the last as written, the last by its
  Snowball stem ("Kuluttajariitalautakuntaan", "Allmänna reklamationsnämndens").
* ``odr_link``: a link to the ODR platform (``ec.europa.eu/consumers/odr``, flag ``link``), its
  address written out (``web_address``), or a sentence naming the platform (``mention``).

Gatherers record what the page says; which body is competent for the shop's country is the
rule's question (``adr_bodies`` of the jurisdiction's profile).
"""

from __future__ import annotations

import bisect
import re
import tomllib
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

from auditor.facts.concepts import clauses, one_letter_left_out, stem
from auditor.facts.dom import Document, TextBlock
from auditor.facts.passages.common import (
    HEADINGS,
    KEPT_READINGS,
    SECTION_HEADINGS,
    Phrases,
    find_phrases,
    has_phrase,
    passage_fact,
    sentences,
    topic_phrases,
    word_list,
)
from auditor.lexicon import LANGUAGES, normalise
from auditor.models import PassageFact, PassageTopic
from auditor.web.urls import joined_url

#: A web address written in the text ("www.arn.se", "https://ec.europa.eu/consumers/odr/").
_WEB = re.compile(
    r"(?<![@\w.-])(?:https?://)?(?:www\.)?(?:[a-z0-9-]+\.)+(?:se|no|dk|fi|de|eu|uk|com|org|net|info)\b(?:/[^\s<>()\"']*)?",
    re.IGNORECASE,
)
#: What every ``_WEB`` address holds: a dot and one of its top-level domains (a look that opens
#: with a dot is quick).
_TOP_LEVEL = re.compile(r"\.(?:se|no|dk|fi|de|eu|uk|com|org|net|info)\b", re.IGNORECASE)
#: A postal code followed by a town: "101 23 Stockholm", "0155 Oslo", "1780 København V", "10117 Berlin".
_POSTAL = re.compile(r"(?<![\d-])(?:\d{3}\s?\d{2}|\d{4,5})\s+[A-ZÅÄÖÆØÜ][a-zåäöæøüé]+")
_ODR_PATH = re.compile(r"ec\.europa\.eu/(?:consumers/)?odr|europa\.eu/consumers/odr", re.IGNORECASE)


@dataclass(frozen=True)
class Body:
    """A dispute body: the name profiles use, the normalised form as written, whether it is an
    acronym (matched in capitals only), and the language whose stemmer reads its last word."""

    display: str
    norm: str
    acronym: bool
    lang: str = "en"

    @cached_property
    def head(self) -> list[str]:
        """The words before the last, matched as written."""
        return self.norm.split()[:-1]

    @cached_property
    def last_stem(self) -> str:
        return stem(self.norm.split()[-1], self.lang)

    @cached_property
    def written(self) -> re.Pattern[str]:
        """An acronym as the text writes it: in capitals, not inside a longer word."""
        return re.compile(rf"(?<![\w]){re.escape(self.norm.upper())}(?![^\W\d_])")


@cache
def _topic_file() -> dict[str, Any]:
    """``adr_body.toml``, read once: its language tables, ``[sites]``, ``[aliases]``, ``[foreign]``."""
    file = resources.files("auditor") / "rules" / "lexicon" / "topics" / "adr_body.toml"
    return tomllib.loads(file.read_text(encoding="utf-8"))


@cache
def _bodies() -> tuple[tuple[Body, ...], dict[str, str]]:
    """Every body name over all languages, longest first; and the ``[sites]`` table."""
    data = _topic_file()
    found: dict[str, Body] = {}
    for lang in LANGUAGES:
        for name in data.get(lang, {}).get("bodies", []):
            text = str(name).strip()
            norm = normalise(text)
            if norm:
                found.setdefault(norm, Body(text, norm, text.isupper() and len(text) <= 5, lang))
    sites = {str(k).lower(): str(v) for k, v in data.get("sites", {}).items()}
    aliases = {normalise(str(k)): str(v) for k, v in data.get("aliases", {}).items()}
    ordered = sorted(
        (Body(aliases.get(b.norm, b.display), b.norm, b.acronym, b.lang) for b in found.values()),
        key=lambda b: len(b.norm),
        reverse=True,
    )
    return tuple(ordered), sites


def gather(doc: Document, lang: str) -> list[PassageFact]:
    """Every ADR-body and ODR passage of one page."""
    return [*_adr_sentences(doc, lang), *_adr_links(doc, lang), *_odr(doc, lang)]


def site_of(url: str) -> str | None:
    """The dispute-body domain a URL belongs to (``arn.se`` for ``https://www.arn.se/x``), if any."""
    host = (urlsplit(url if "//" in url else f"//{url}").hostname or "").lower()
    for domain in _bodies()[1]:
        if host == domain or host.endswith(f".{domain}"):
            return domain
    return None


#: Indefinite articles: a one-word name after one is a kind of body ("an ADR body", "einer
#: Verbraucherschlichtungsstelle"), not the body named.
_INDEFINITE = frozenset({"a", "an", "ein", "eine", "einer", "einem", "einen", "en", "ett", "et", "ei"})


def bodies_named(text: str) -> list[str]:
    """Dispute bodies named in ``text``, under the name the profiles use; a name inside a longer one
    ("Universalschlichtungsstelle" in "Universalschlichtungsstelle des Bundes") counts once."""
    return list(dict.fromkeys(body.display for body, _ in _body_spans(text)))


def _body_spans(text: str) -> list[tuple[Body, tuple[int, int] | None]]:
    """Each body named in ``text`` with its word span in :func:`word_list` (None for an acronym,
    matched on the text as written). A written name's last word may be inflected: it matches
    by its stem in the body's language."""
    bodies, _ = _bodies()
    words = word_list(text)
    misspelt = _misspellings()
    if not misspelt.keys().isdisjoint(words):
        words = [misspelt.get(word, word) for word in words]
    seen = _Seen(words)
    taken: list[tuple[Body, tuple[int, int] | None]] = []
    for body in (bodies[at] for at in _candidates(text, seen)):
        span: tuple[int, int] | None = None
        if body.acronym:
            if body.written.search(text) is None:
                continue
        else:
            span = _name_span(words, body, seen)
            if span is None:
                continue
            if span[0] > 0 and words[span[0] - 1] in _INDEFINITE and len(body.norm.split()) == 1:
                continue  # "vor einer Verbraucherschlichtungsstelle": a kind of body, none named
        if not any(f" {body.norm} " in f" {other.norm} " for other, _ in taken):
            taken.append((body, span))
    return taken


#: A word of a body's name this long or longer is read through one missing letter ("Allmäna
#: reklamationsnämnden", "Forbrukerådet").
_MISSPELT_MIN = 8


@cache
def _misspellings() -> dict[str, str]:
    """Each word of the bodies' names (of :data:`_MISSPELT_MIN` letters or more) with one letter
    left out, any but the first, mapped to the word: no word of any name is one of them."""
    names = {word for body in _bodies()[0] if not body.acronym for word in body.norm.split()}
    out: dict[str, str] = {}
    for word in names:
        for variant in one_letter_left_out(word, _MISSPELT_MIN):
            if variant not in names:
                out.setdefault(variant, word)
    return out


@dataclass(frozen=True)
class _BodyIndex:
    """The bodies (by their place in :func:`_bodies`) by what a sentence must hold to name them:
    most sentences name none, and a few dictionary look-ups rule every body out at once."""

    #: first word of a name of several words -> those bodies
    by_head: dict[str, tuple[int, ...]]
    #: (language, stem) of a one-word name -> those bodies
    by_stem: dict[tuple[str, str], tuple[int, ...]]
    #: acronyms, asked of every sentence holding their capitals
    acronyms: tuple[int, ...]
    #: the languages of the one-word names in ``by_stem``
    stem_langs: tuple[str, ...]
    #: one-word Finnish names: a case ending may follow the stem, so a word beginning with the
    #: stem may name them too (:func:`_inflected`)
    finnish: tuple[int, ...]


@cache
def _body_index() -> _BodyIndex:
    by_head: dict[str, list[int]] = {}
    by_stem: dict[tuple[str, str], list[int]] = {}
    acronyms: list[int] = []
    finnish: list[int] = []
    for at, body in enumerate(_bodies()[0]):
        if body.acronym:
            acronyms.append(at)
        elif body.head:
            by_head.setdefault(body.head[0], []).append(at)
        elif body.lang == "fi":
            finnish.append(at)
        else:
            by_stem.setdefault((body.lang, body.last_stem), []).append(at)
    return _BodyIndex(
        {k: tuple(v) for k, v in by_head.items()},
        {k: tuple(v) for k, v in by_stem.items()},
        tuple(acronyms),
        tuple(dict.fromkeys(lang for lang, _ in by_stem)),
        tuple(finnish),
    )


def _candidates(text: str, seen: _Seen) -> list[int]:
    """The places (in :func:`_bodies`, in that order) of the bodies ``text`` may name: the rest
    cannot match (:func:`_name_span` would rule them out one by one)."""
    index, bodies = _body_index(), _bodies()[0]
    # an acronym is matched in capitals as written: not there at all, no need for its pattern
    found = [at for at in index.acronyms if bodies[at].norm.upper() in text]
    for word in seen.present:
        found.extend(index.by_head.get(word, ()))
        found.extend(_stemmed_as(word))
    return sorted(set(found))


@lru_cache(maxsize=1 << 15)
def _stemmed_as(word: str) -> tuple[int, ...]:
    """The one-word names (their places in :func:`_bodies`) ``word`` may be: it has their stem
    in their language, or (Finnish) begins with it. Once per word, not once per word, language,
    name and sentence."""
    index, bodies = _body_index(), _bodies()[0]
    by_stem = tuple(at for lang in index.stem_langs for at in index.by_stem.get((lang, stem(word, lang)), ()))
    finnish = stem(word, "fi") if index.finnish else ""
    return by_stem + tuple(
        at for at in index.finnish if finnish == bodies[at].last_stem or word.startswith(bodies[at].last_stem)
    )


class _Seen:
    """What a sentence's words hold, found once for all the bodies asked of it: the words, their
    stems in each language (first place of each), the words in order for a prefix search."""

    def __init__(self, words: list[str]) -> None:
        self.present = frozenset(words)
        self._words = words
        self._stems: dict[str, dict[str, int]] = {}
        self._sorted: list[str] | None = None

    def first_stem(self, lang: str) -> dict[str, int]:
        """``{stem: the first place of a word with it}`` in ``lang``."""
        found = self._stems.get(lang)
        if found is None:
            found = {}
            for i, word in enumerate(self._words):
                found.setdefault(stem(word, lang), i)
            self._stems[lang] = found
        return found

    def has_prefix(self, prefix: str) -> bool:
        """Whether a word begins with ``prefix``."""
        if self._sorted is None:
            self._sorted = sorted(self.present)
        at = bisect.bisect_left(self._sorted, prefix)
        return at < len(self._sorted) and self._sorted[at].startswith(prefix)


def _name_span(words: list[str], body: Body, seen: _Seen | None = None) -> tuple[int, int] | None:
    """Where ``body``'s name stands in ``words``: the first place. ``seen`` (what ``words`` hold,
    when the caller has it) answers a name whose first word is not there, and a one-word name
    by its stem, without walking the words body by body."""
    head, size = body.head, len(body.head) + 1
    if seen is not None:
        if head and head[0] not in seen.present:
            return None
        if not head:
            at = seen.first_stem(body.lang).get(body.last_stem)
            if body.lang != "fi" or not seen.has_prefix(body.last_stem):
                return None if at is None else (at, at + 1)
            # a Finnish case ending may stand after the stem: the first word either way
    for i in range(len(words) - size + 1):
        if words[i : i + size - 1] == head and _inflected(words[i + size - 1], body):
            return i, i + size
    return None


#: The longest Finnish case ending read after a name's stem: normalising folds "aa" to "a", so
#: the illative "Kuluttajariitalautakuntaan" reaches the stemmer as "...kuntan", which it does
#: not take apart; a short ending after the stem is then read as one.
_FI_ENDING = 6


def _inflected(word: str, body: Body) -> bool:
    """Whether ``word`` is the body's last word, inflected or not."""
    stemmed = body.last_stem
    if stem(word, body.lang) == stemmed:
        return True
    rest = word[len(stemmed) :]
    return body.lang == "fi" and word.startswith(stemmed) and len(rest) <= _FI_ENDING and rest.isalpha()


def _context(text: str, block: str, heading: str, *, addressed: bool) -> bool:
    """Whether a sentence naming a body says it is the body to turn to: no ``aside`` word in the
    sentence (nor a ``sector`` word without a dispute word), and a ``context`` word in the
    sentence, its block or the heading before it (the body's own name left out), or the block
    gives the body's address (its own web site or a postal address: "Allmänna
    reklamationsnämnden, Box 174, 101 23 Stockholm, www.arn.se" is where to write to it)."""
    lex = topic_phrases("adr_body")
    if find_phrases(text, lex.get("aside", ())):
        return False
    if _labelled_as_body(text, lex):
        return True  # "Schlichtungsstelle: Schlichtungsstelle Energie e.V.": a sector's body, named as the shop's
    if find_phrases(text, lex.get("sector", ())) and not find_phrases(text, lex.get("dispute", ())):
        return False  # another sector's body described, not the one the shop's disputes go to
    if addressed:
        return True
    context = lex.get("context", ())
    return any(has_phrase(_without_bodies(part), context) for part in (text, block, heading) if part)


#: A short label before a colon ("Schlichtungsstelle:", "Riidat:", "ADR provider:"), or a table's
#: or a definition list's label joined to its value by the statement view ("Verbraucher-
#: schlichtungsstelle – Universalschlichtungsstelle des Bundes, Kehl").
_LABEL = re.compile(r"^\s*([^:.!?–]{2,40})(?::|\s–\s)")


def _labelled_as_body(text: str, lex: dict[str, Phrases]) -> bool:
    """Whether a body is named under a label that names dispute resolution or a kind of body
    ("Schlichtungsstelle: Universalschlichtungsstelle des Bundes", "ADR: Consumer Dispute
    Resolution Ltd"): the label says what the body is there for."""
    label = _LABEL.match(text)
    if label is None:
        return False
    words = word_list(label.group(1))
    return any(has_phrase(words, lex.get(key, ())) for key in ("dispute", "out_of_court", "unknown_body")) or (
        bool(bodies_named(label.group(1))) and len(words) <= 2
    )


def _without_bodies(text: str) -> list[str]:
    words = word_list(text)
    spans = [span for _, span in _body_spans(text) if span is not None]
    return [w for i, w in enumerate(words) if not any(start <= i < end for start, end in spans)]


# --------------------------------------------------------------------------- ADR bodies


def _names_unknown_body(text: str, kinds: Phrases) -> bool:
    """Whether ``text`` writes a kind of dispute body with a capital, as part of a name ("the
    Consumer Disputes Committee", "Schlichtungsstelle für …"), not "an arbitration board"."""
    words = re.findall(r"[^\W\d_][\w-]*", text)
    capitalised = [w for w in words if w[0].isupper()]
    endings = foreign_body_endings()
    if any(has_phrase(word_list(w), kinds) or normalise(w).endswith(endings) for w in capitalised):
        return True
    # a name capitalised on its first word only, as Finnish and Estonian write them ("Viron
    # kuluttajariitakomissio", "Tarbijavaidluste komisjon"): the two words after a capital too
    following = {words[j] for i, w in enumerate(words) if w[0].isupper() for j in (i + 1, i + 2) if j < len(words)}
    return any(normalise(w).endswith(endings) for w in following if not w[0].isupper())


@cache
def foreign_body_endings() -> tuple[str, ...]:
    """How names of other countries' dispute bodies end in their own language (``[foreign]``),
    normalised as page words are."""
    endings = _topic_file().get("foreign", {}).get("body_endings", [])
    return tuple(normalise(str(e)) for e in endings if normalise(str(e)))


def _on_disputes(words: list[str], lex: dict[str, Phrases]) -> bool:
    """Whether words speak of disputes or of resolving them out of court ("If we cannot agree" under
    "Out-of-court dispute resolution"; "A Consumer may use out-of-court procedures")."""
    return has_phrase(words, lex.get("dispute", ())) or has_phrase(words, lex.get("out_of_court", ()))


def _sends_to_unknown_body(on_disputes: bool, text: str, lex: dict[str, Phrases]) -> bool:
    """Whether ``text``, read where disputes are spoken of (``on_disputes``: its own words or its
    heading's), names a kind of dispute body the lexicon does not know by name."""
    return on_disputes and _names_unknown_body(text, lex.get("unknown_body", ()))


@lru_cache(maxsize=KEPT_READINGS)
def _adr_reading(text: str) -> tuple[tuple[str, ...], str | None, str | None]:
    """What one sentence says of dispute bodies, from its text alone (kept: a site's footer and
    terms repeat on its pages): the bodies it names, its § 36 VSBG statement, and, when it names
    none, whether it sends disputes to a body the lexicon does not know (``unknown_body``) or
    says the trader takes no part in dispute resolution out of court (``declined``)."""
    lex = topic_phrases("adr_body")
    names = bodies_named(text) or _bodies_by_address(text)
    vsbg = _vsbg(text, lex.get("vsbg_statement", ()), lex.get("vsbg_unwilling", ()), lex.get("vsbg_willing", ()))
    other: str | None = None
    if names and vsbg is None and _declined_before_body(text, lex.get("declined", ())):
        # "Vi deltar inte i tvistlösning hos Allmänna reklamationsnämnden": the body is named as
        # one the trader does not take part in, not as the one to turn to
        other = "declined"
    elif not names and vsbg is None:
        words = word_list(text)
        if has_phrase(words, lex.get("out_of_court", ())) and has_phrase(words, lex.get("declined", ())):
            other = "declined"
        # the dispute word first: rarer than a capitalised word, and one look at the sentence
        elif _sends_to_unknown_body(_on_disputes(words, lex), text, lex):
            other = "unknown_body"
    return tuple(names), vsbg, other


def _declined_before_body(text: str, declined: Phrases) -> bool:
    """Whether the trader says it takes no part before the first body ``text`` names, in that
    body's clause ("Vi är inte anslutna till ARN"; not "We are not members of an ADR scheme, but
    you may contact Retail ADR")."""
    if not declined:
        return False
    clause, spans = next(((part, found) for part in clauses(text) if (found := _body_spans(part))), ("", []))
    words = word_list(clause)
    starts = []
    for body, span in spans:
        if span is not None:
            starts.append(span[0])
        else:
            acronym = body.norm.split()[0]
            starts.extend(i for i, word in enumerate(words) if word == acronym)
    first = min(starts, default=len(words))
    return has_phrase(words[:first], declined)


def _adr_sentences(doc: Document, lang: str) -> list[PassageFact]:
    out: list[PassageFact] = []
    blocks = doc.blocks
    lex = topic_phrases("adr_body")
    section = ""  # the section heading over the block (h1–h6, summary), when no heading is right before it
    for i, block in enumerate(blocks):
        web = None
        postal = None
        tag = block.element.tag.lower() if isinstance(block.element.tag, str) else ""
        if tag in SECTION_HEADINGS:
            section = block.text
        heading = _heading(blocks, i) or (section if tag not in SECTION_HEADINGS else "")
        under_disputes: bool | None = None  # whether the heading speaks of disputes, read once a block
        before = ""  # the sentence before, in this block
        for sentence in sentences(block.text):
            text = sentence.text
            names, vsbg, other = _adr_reading(text)
            if not names and vsbg is None and other is None and (heading or before):
                if under_disputes is None:
                    under_disputes = bool(heading) and _on_disputes(word_list(heading), lex)
                if _sends_to_unknown_body(under_disputes, text, lex) or (
                    before and _sends_to_unknown_body(True, text, lex) and _on_disputes(word_list(before), lex)
                ):
                    # under "Out-of-court dispute resolution": "If we cannot agree, you can apply to
                    # the Permanent Consumer Arbitration Court …", a body the lexicon does not know;
                    # or after "… refer it to an alternative dispute resolution entity.": "The
                    # competent entity is the Centro de Arbitragem de Conflitos de Consumo …"
                    other = "unknown_body"
            before = text
            if not names and vsbg is None:
                if other:
                    # "refer the dispute to the Consumer Disputes Committee": a body the lexicon
                    # does not know (another country's), named as the one to turn to; or "we
                    # aren't members of an ADR scheme": the trader's position, stated
                    out.append(passage_fact(doc, block.element, PassageTopic.ADR_BODY, lang, text,
                                            flags=[other]))
                continue
            if web is None:
                web = _web_address(doc, block)
                postal = bool(_POSTAL.search(block.text))
            flags = [*([vsbg] if vsbg else []), *([other] if other else [])]
            if web:
                flags.append("web_address")
            if postal:
                flags.append("postal_address")
            addressed = bool(postal) or bool(web and site_of(web))
            if names and not vsbg and not _context(text, block.text, heading, addressed=addressed):
                flags.append("no_context")
            for name in names or [""]:
                out.append(
                    passage_fact(
                        doc,
                        block.element,
                        PassageTopic.ADR_BODY,
                        lang,
                        text,
                        flags=list(flags),
                        name=name,
                        target=web or "",
                    )
                )
    return out


def _bodies_by_address(text: str) -> list[str]:
    """Dispute bodies whose web address is written out in ``text`` ("Läs mer på arn.se om hur
    du gör en anmälan"): the address names the body as a link to it does."""
    if not _TOP_LEVEL.search(text):
        return []  # no address in the sentence (most have none; _WEB is tried at every character)
    _, sites = _bodies()
    found = (site_of(m.group(0).rstrip(".,;:")) for m in _WEB.finditer(text))
    return list(dict.fromkeys(sites[domain] for domain in found if domain is not None))


def _heading(blocks: list[TextBlock], i: int) -> str:
    """The text of the heading right before block ``i``, if there is one."""
    if i == 0:
        return ""
    before = blocks[i - 1].element
    tag = before.tag if isinstance(before.tag, str) else ""
    if tag.lower() in HEADINGS or (before.get("role") or "").lower() == "heading":
        return blocks[i - 1].text
    return ""


def _vsbg(
    text: str,
    statement: tuple[tuple[str, str], ...],
    unwilling: tuple[tuple[str, str], ...],
    willing: tuple[tuple[str, str], ...],
) -> str | None:
    """``vsbg_unwilling`` / ``vsbg_willing`` for a § 36 VSBG statement, else None."""
    if not find_phrases(text, statement):
        return None
    if find_phrases(text, unwilling):
        return "vsbg_unwilling"
    if find_phrases(text, willing):
        return "vsbg_willing"
    return None


def _web_address(doc: Document, block: TextBlock) -> str:
    """A web address given in the block: a dispute body's site first, then any other site."""
    candidates: list[str] = []
    for anchor in block.element.iter("a"):
        href = (anchor.get("href") or "").strip()
        if href.lower().startswith(("http://", "https://", "//")):
            candidates.append(joined_url(doc.url, href))
    for match in _WEB.finditer(block.text):
        raw = match.group(0).rstrip(".,;:")
        candidates.append(raw if raw.lower().startswith("http") else f"https://{raw}")
    own = (urlsplit(doc.url).hostname or "").removeprefix("www.")
    others = [c for c in candidates if (urlsplit(c).hostname or "").removeprefix("www.") != own]
    known = [c for c in others if site_of(c)]
    return (known or others or [""])[0]


def _adr_links(doc: Document, lang: str) -> list[PassageFact]:
    _, sites = _bodies()
    out: list[PassageFact] = []
    for anchor in doc.root.iter("a"):
        href = (anchor.get("href") or "").strip()
        if not href or href.startswith(("#", "mailto:", "tel:", "javascript:")):
            continue
        target = joined_url(doc.url, href)
        domain = site_of(target)
        if domain is None:
            continue
        label = doc.element_text(anchor) or target
        out.append(
            passage_fact(
                doc, anchor, PassageTopic.ADR_BODY, lang, label, flags=["link"], name=sites[domain], target=target
            )
        )
    return out


# --------------------------------------------------------------------------- ODR platform


def _odr(doc: Document, lang: str) -> list[PassageFact]:
    platform = topic_phrases("odr_link").get("platform", ())
    out: list[PassageFact] = []
    for anchor in doc.root.iter("a"):
        href = (anchor.get("href") or "").strip()
        target = joined_url(doc.url, href) if href else ""
        if target and _ODR_PATH.search(target):
            out.append(
                passage_fact(
                    doc,
                    anchor,
                    PassageTopic.ODR_LINK,
                    lang,
                    doc.element_text(anchor) or target,
                    flags=["link"],
                    target=target,
                )
            )
    for block in doc.blocks:
        for sentence in sentences(block.text):
            text = sentence.text
            written = next((m.group(0) for m in _WEB.finditer(text) if _ODR_PATH.search(m.group(0))), "")
            if written:
                target = written.rstrip(".,;:")
                target = target if target.lower().startswith("http") else f"https://{target}"
                out.append(
                    passage_fact(
                        doc, block.element, PassageTopic.ODR_LINK, lang, text, flags=["web_address"], target=target
                    )
                )
            elif has_phrase(word_list(text), platform):  # whether, not which: no list of them made
                out.append(passage_fact(doc, block.element, PassageTopic.ODR_LINK, lang, text, flags=["mention"]))
    return out
