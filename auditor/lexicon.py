"""The multilingual lexicon: which words and URL slugs name which kind of page.

The phrases live as data in ``auditor/rules/lexicon/<lang>.toml`` (sv, nb, da, fi, de, en), one
table per :class:`~auditor.models.PageKind`. Matching is case- and diacritic-insensitive and on
whole words, so "Kontakta oss" matches ``kontakta oss`` but "Kontaktlinsen" matches nothing.

Nordic and German page names are compounds the phrase lists cannot enumerate ("Salgs- og
betalingsvilkår", "Lieferbedingungen", "toimitus- ja maksuehdot"). So a kind may also list
compound *heads* (``heads``): a word of a short text, or a word of a URL segment, that ends with
a head names that kind ("betalingsvilkar" ends with "vilkar"), a little more weakly than a listed
phrase. The head is the last part of a compound in these languages, so the match is at the end
of the word only: "Kontaktlinsen" still names nothing.

Both the crawler (to rank links) and the extractor (to classify fetched pages) use this one
module, so a phrase added to a TOML file changes both consistently.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from urllib.parse import unquote, urlsplit

from auditor.models import PageKind

LANGUAGES: tuple[str, ...] = ("sv", "nb", "da", "fi", "de", "en")

#: Page kinds in order of importance for an audit: a tie goes to the earlier kind.
KIND_ORDER: tuple[PageKind, ...] = (
    PageKind.CONTACT,
    PageKind.CUSTOMER_SERVICE,
    PageKind.IMPRINT,
    PageKind.RETURNS,
    PageKind.COMPLAINTS,
    PageKind.TERMS,
    PageKind.ABOUT,
    PageKind.PRIVACY,
)

#: Kinds whose pages hold or lead to the trader's contact details.
CONTACT_KINDS: frozenset[PageKind] = frozenset(
    {PageKind.CONTACT, PageKind.CUSTOMER_SERVICE, PageKind.IMPRINT}
)
#: Where a shop states its terms: withdrawal, returns, complaints, dispute bodies.
TERMS_KINDS: frozenset[PageKind] = frozenset({PageKind.TERMS, PageKind.RETURNS, PageKind.COMPLAINTS})

_NON_WORD = re.compile(r"[^0-9a-z]+")


def normalise(text: str) -> str:
    """The one folding of page text and of every lexicon entry, so that they meet whichever way a
    page spells a word: lower-case; soft hyphens and zero-width characters dropped; a word broken
    over a line with a hyphen joined ("Widerrufs-⏎frist"); diacritics stripped (ä→a, ø→o, ß→ss,
    æ→ae) and the ASCII spellings of them folded the same way (ae/oe/ue→a/o/u, aa→a: "dreissig"
    and "dreißig", "Rueckgabe" and "Rückgabe", "kjoep" and "kjøp", "Forbrugerraadet" and
    "Forbrugerrådet" meet); punctuation and every kind of space folded to single spaces."""
    if len(text) <= _CACHED_LENGTH:
        return _normalise_short(text)
    if len(text) <= _CACHED_LONG_LENGTH:
        return _normalise_long(text)
    return _normalise(text)


#: Texts up to this long (link texts, titles, headings: they repeat on every page of a site) are
#: remembered by the many.
_CACHED_LENGTH = 200
_TEXT_CACHE_SIZE = 1 << 15


#: Sentences and paragraphs up to this long are remembered too, fewer of them: every passage
#: gatherer and the concepts read a page's sentences, each normalising them.
_CACHED_LONG_LENGTH = 4000


@lru_cache(maxsize=1 << 16)
def _normalise_short(text: str) -> str:
    return _normalise(text)


@lru_cache(maxsize=1 << 11)
def _normalise_long(text: str) -> str:
    return _normalise(text)


def _normalise(text: str) -> str:
    # Each step is skipped where it cannot change the text (no line break for the hyphen rule,
    # nothing but ASCII for the diacritics): the same result, at a fraction of the cost on the
    # thousands of distinct sentences of a page.
    text = _INVISIBLE.sub("", text)
    if "\n" in text:
        text = _LINE_BREAK_HYPHEN.sub(r"\1\2", text)
    text = text.casefold().replace("ß", "ss").replace("ø", "o").replace("æ", "ae").replace("å", "a")
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).translate(_COMBINING)
    # The ASCII spellings folded by three patterns that open with a fixed letter, which ``re``
    # jumps to (one pattern opening with a lookbehind tried every character): the same text
    # (``_ASCII_SPELLINGS`` says what, ``tests/test_normalisation_fast.py`` that it is the same).
    text = _UE.sub("u", _OE.sub("o", _A_RUN.sub("a", text)))
    # the words: runs of letters and digits, one space between (what ``_NON_WORD`` cut, stripped)
    return " ".join(_WORD.findall(text))


#: Characters that are not there for a reader: soft hyphen, zero-width space and joiners, BOM.
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")


class _CombiningMarks(dict[int, int | None]):
    """A ``str.translate`` table that drops combining marks (the diacritics NFKD split off) and
    keeps every other character; each character is looked up in ``unicodedata`` once, the
    first time a text holds it (a table of all of Unicode would cost every process a scan)."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_COMBINING = _CombiningMarks()
#: A word hyphenated over a line break, continued in lower case ("Rücksende-⏎kosten"), but not a
#: suspended compound ("Rücksende-⏎und Umtauschkosten", "retur-⏎og bytte").
_LINE_BREAK_HYPHEN = re.compile(
    r"([^\W\d_])[-\u2010\u2011][ \t]*\n\s*(?!(?:und|oder|bzw|och|eller|og|ja|tai|and|or)\b)([^\W\d_A-ZÅÄÖÆØÜ])"
)
#: ASCII spellings of the letters diacritics were stripped from (German ae/oe/ue for ä/ö/ü, Danish
#: and Norwegian aa for å, oe for ø), folded to the bare letter by dropping what follows it: an e
#: after a, o or u, and a repeated a (in one run: "aeae" is "a"). Applied after the diacritics are
#: gone, so "näet" (→ "naet") and an ASCII "naeet" both end as "nat", and Finnish "päivää" and
#: "paivaa" as "paiva". Done on both sides of every comparison, so a word of any language still
#: meets itself.
_ASCII_SPELLINGS = re.compile(r"(?<=a)[ae]+|(?<=[ou])e+")
#: :data:`_ASCII_SPELLINGS` as :func:`_normalise` applies it: an "a" keeps itself and drops the a
#: and e after it, an "o" or "u" the e after it. Applied one after the other they drop what the one
#: pattern drops: no drop makes a new "oe" or "ue" (an a-run leaves its "a", an e-run its o or u),
#: and the letters one drops are never another's.
_A_RUN = re.compile(r"a[ae]+")
_OE = re.compile(r"oe+")
_UE = re.compile(r"ue+")
#: A word of the normalised text: what :data:`_NON_WORD` leaves.
_WORD = re.compile(r"[0-9a-z]+")


@dataclass(frozen=True)
class Lexicon:
    """Normalised phrases and slugs per page kind, over all supported languages."""

    phrases: dict[PageKind, frozenset[str]]
    slugs: dict[PageKind, frozenset[str]]
    public_bodies: frozenset[str] = frozenset()
    #: Compound heads per kind, normalised: a word ending with one names the kind.
    heads: dict[PageKind, tuple[str, ...]] = field(default_factory=dict)
    #: text_kinds of texts already seen: link texts and titles repeat on every page of a site.
    _text_cache: dict[str, dict[PageKind, float]] = field(default_factory=dict, compare=False, repr=False)
    #: Per raw URL segment, per kind: whether it is a slug and whether it ends with a head. The
    #: segments repeat across a site's URLs ("cal", "2026", "produkter"): a page of thousands of
    #: links otherwise matched every head of every kind against every segment of every link.
    _segment_cache: dict[str, tuple[tuple[PageKind, bool, bool], ...]] = field(
        default_factory=dict, compare=False, repr=False
    )
    #: The heads of each kind as :class:`_HeadEndings`, made the first time a kind is asked.
    _endings: dict[PageKind, _HeadEndings] = field(default_factory=dict, compare=False, repr=False)

    def public_body_in(self, text: str) -> str | None:
        """The first public authority or dispute body named in ``text`` (normalised), if any."""
        padded = f" {normalise(text)} "
        return next((name for name in sorted(self.public_bodies) if f" {name} " in padded), None)

    def text_kinds(self, text: str) -> dict[PageKind, float]:
        """Kinds a piece of text (link text, title, heading) names, with a strength.

        An exact match of the whole text scores 1.0; a phrase found as whole words inside a
        short text (at most eight words) scores 0.6, so "Kontakta oss här" still counts while
        a paragraph that happens to mention "villkor" does not.
        """
        cached = self._text_cache.get(text)
        if cached is not None:
            return dict(cached)
        norm = normalise(text)
        if not norm:
            return {}
        words = norm.split()
        # A phrase stands in a short text as whole words when it is one of the text's runs of
        # words: the runs are made once and looked up in each kind's set of phrases.
        runs = _word_runs(words) if len(words) <= 8 else frozenset()
        found: dict[PageKind, float] = {}
        for kind, phrases in self.phrases.items():
            if norm in phrases:
                found[kind] = 1.0
            elif len(words) <= 8 and not phrases.isdisjoint(runs):
                found[kind] = 0.6
            elif len(words) <= 8 and self._headed(kind, words):
                found[kind] = 0.9 if len(words) == 1 else 0.5
        if len(text) <= _CACHED_LENGTH:
            if len(self._text_cache) >= _TEXT_CACHE_SIZE:
                self._text_cache.clear()
            self._text_cache[text] = dict(found)
        return found

    def url_kinds(self, url: str) -> dict[PageKind, float]:
        """Kinds the path of a URL names; the last segment counts most."""
        path = unquote(urlsplit(url).path)
        matches = [self._segment_matches(s) for s in path.split("/") if s]
        found: dict[PageKind, float] = {}
        for position, kinds in enumerate(reversed(matches)):
            strength = 1.0 if position == 0 else 0.4
            for kind, slug, headed in kinds:
                if slug and found.get(kind, 0.0) < strength:
                    found[kind] = strength
                elif headed and found.get(kind, 0.0) < strength * 0.8:
                    found[kind] = strength * 0.8
        return found

    def _segment_matches(self, raw: str) -> tuple[tuple[PageKind, bool, bool], ...]:
        """Per kind, whether the URL segment ``raw`` is one of its slugs and whether it ends
        with one of its heads (once per distinct segment)."""
        cached = self._segment_cache.get(raw)
        if cached is not None:
            return cached
        segment = re.sub(r"-(html?|php|aspx?)$", "", normalise(raw).replace(" ", "-"))
        words = segment.split("-")
        found = tuple((kind, segment in slugs, self._headed(kind, words)) for kind, slugs in self.slugs.items())
        if len(raw) <= _CACHED_LENGTH:
            if len(self._segment_cache) >= _TEXT_CACHE_SIZE:
                self._segment_cache.clear()
            self._segment_cache[raw] = found
        return found

    def _headed(self, kind: PageKind, words: list[str]) -> bool:
        """One of ``words`` (normalised) is a compound ending with a head of ``kind``, or the head
        (:func:`_ends_with_head`, asked of all the kind's heads at once: a page of thousands of
        links asks it of every word of every link text)."""
        endings = self._endings.get(kind)
        if endings is None:
            endings = self._endings[kind] = _HeadEndings.of(self.heads.get(kind, ()))
        return any(endings.match(word) for word in words)


def _word_runs(words: list[str]) -> frozenset[str]:
    """Every run of consecutive ``words``, joined by spaces as normalised text is."""
    return frozenset(" ".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, len(words) + 1))


@dataclass(frozen=True)
class _HeadEndings:
    """The heads of a kind as :func:`_ends_with_head` reads them, for ``str.endswith`` with a
    tuple: the heads themselves, and the rest after the first letter of the heads that begin
    with an ``e`` or an ``a`` (the letters folding may eat at a seam)."""

    heads: tuple[str, ...]
    e_rests: tuple[str, ...]
    a_rests: tuple[str, ...]

    @staticmethod
    def of(heads: tuple[str, ...]) -> _HeadEndings:
        return _HeadEndings(
            heads,
            tuple(h[1:] for h in heads if h[:1] == "e" and len(h) > 1),
            tuple(h[1:] for h in heads if h[:1] == "a" and len(h) > 1),
        )

    def match(self, word: str) -> bool:
        """Whether ``_ends_with_head(word, head)`` holds for one of the heads."""
        if word.endswith(self.heads):
            return True
        return _at_seam(word, self.e_rests, "aou") or _at_seam(word, self.a_rests, "a")


def _at_seam(word: str, rests: tuple[str, ...], before: str) -> bool:
    """Whether ``word`` ends with one of ``rests`` after a letter of ``before`` (the seam)."""
    if not word.endswith(rests):
        return False
    return any(
        word.endswith(rest) and len(word) - len(rest) - 1 >= 0 and word[len(word) - len(rest) - 1] in before
        for rest in rests
    )


def _ends_with_head(word: str, head: str) -> bool:
    """``word`` ends with ``head``, also where folding ate the head's first letter at the seam:
    normalising drops an ``e`` after a, o or u and an ``a`` after an ``a`` (the ASCII spellings of
    ä, ö, ü and å), so "maksuehdot" folds to "maksuhdot" and "käyttöehdot" to "kayttohdot"."""
    if word.endswith(head):
        return True
    rest = head[1:]
    seam = len(word) - len(rest) - 1
    return bool(rest) and seam >= 0 and word.endswith(rest) and (
        (head[0] == "e" and word[seam] in "aou") or (head[0] == "a" and word[seam] == "a")
    )


@cache
def load() -> Lexicon:
    """Read every language file shipped with the package (cached for the process)."""
    phrases: dict[PageKind, set[str]] = {kind: set() for kind in KIND_ORDER}
    slugs: dict[PageKind, set[str]] = {kind: set() for kind in KIND_ORDER}
    heads: dict[PageKind, set[str]] = {kind: set() for kind in KIND_ORDER}
    bodies: set[str] = set()
    folder = resources.files("auditor") / "rules" / "lexicon"
    for lang in LANGUAGES:
        data = tomllib.loads((folder / f"{lang}.toml").read_text(encoding="utf-8"))
        for kind in KIND_ORDER:
            table = data.get(kind.value, {})
            phrases[kind].update(normalise(p) for p in table.get("phrases", []))
            slugs[kind].update(normalise(s).replace(" ", "-") for s in table.get("slugs", []))
            heads[kind].update(normalise(h) for h in table.get("heads", []))
        bodies.update(normalise(n) for n in data.get("public_bodies", {}).get("names", []))
    return Lexicon(
        phrases={k: frozenset(v) for k, v in phrases.items()},
        slugs={k: frozenset(v) for k, v in slugs.items()},
        public_bodies=frozenset(bodies),
        heads={k: tuple(sorted(v)) for k, v in heads.items() if v},
    )


def named_kind(url: str, text: str) -> PageKind | None:
    """The kind a link or a page names by its address and its words (link text or title) together."""
    lex = load()
    return best_kind({**lex.url_kinds(url), **lex.text_kinds(text)})


def best_kind(scores: dict[PageKind, float]) -> PageKind | None:
    """The strongest kind; ties go to the kind that matters more for an audit."""
    if not scores:
        return None
    top = max(scores.values())
    return next(kind for kind in KIND_ORDER if scores.get(kind) == top)
