"""User-visible words in every report language, from gettext catalogs.

The code writes English only. Every string a reader sees is marked for extraction where it is
written: ``N_("No email address found.")`` (or ``NC_(context, ...)`` where the same English
needs different words in another language), in a rule's :class:`Messages` table, in a
``RuleMeta`` title, failure title and description, in a report's label table; the templates
write ``_("Score")`` and the terminal/HTML writers ``ui("...", lang)``. Babel extracts them
(``babel.cfg``) into ``auditor/locale/auditor.pot``; each other language has its catalog
``auditor/locale/<lang>/LC_MESSAGES/auditor.po`` (see ``docs/translating.md``). A new
language is a new ``.po`` file: :data:`LANGS` lists the catalogs present.

A rule builds a message with ``MESSAGES("key", name=value)``; the result is a :class:`Text`
that keeps the English message and its parameters and renders them in any language on demand,
so a result JSON carries every language (``*_i18n`` fields) and a report can be rendered in
any of them later (``--lang``) without judging the site again. Parameters may themselves be
:class:`Text` (a page kind, a reason why absence is doubted): they are rendered in the same
language. Plain strings (URLs, addresses, names) are the same in every language.

The ``.po`` files are the only source of the words: there is no compiled ``.mo`` to forget to
rebuild, and a fresh clone, an editable install and a wheel all read the same file. Fuzzy and
obsolete entries are not used. Parsing a ``.po`` with Babel takes about 25 ms of CPU a language,
paid by every process (each batch worker) that writes a result; so what a parse keeps is saved in
the user's cache folder (``$XDG_CACHE_HOME/auditor/catalogs``, else ``~/.cache/...``) under the
hash of the ``.po``'s bytes, and a later process reads that instead. An edited ``.po`` has another
hash and is parsed again; a cache that cannot be read or written is simply not used.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import string
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, date, datetime
from functools import cache
from gettext import c2py
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, Final, NamedTuple

from babel import Locale
from babel.dates import format_date, format_datetime
from babel.messages.pofile import read_po
from babel.numbers import format_decimal, format_percent, get_decimal_symbol

#: The gettext domain: ``auditor/locale/<lang>/LC_MESSAGES/auditor.po``.
DOMAIN: Final = "auditor"
#: The source language of every message, and the fallback.
DEFAULT_LANG: Final = "en"


def locale_dir() -> Traversable:
    """The package's ``locale`` folder: the template ``auditor.pot`` and one folder per language."""
    return resources.files("auditor") / "locale"


def catalog_path(lang: str) -> Traversable:
    """Where the catalog of ``lang`` is (whether or not it exists)."""
    return locale_dir() / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def _catalog_langs() -> tuple[str, ...]:
    folder = locale_dir()
    found = sorted(entry.name for entry in folder.iterdir() if catalog_path(entry.name).is_file())
    return (DEFAULT_LANG, *(lang for lang in found if lang != DEFAULT_LANG))


#: The report languages: English, then one per catalog in ``auditor/locale``.
LANGS: Final[tuple[str, ...]] = _catalog_langs()


class _Po(NamedTuple):
    """One catalog as read: its messages, its plural messages (every form) and its plural rule."""

    words: Mapping[tuple[str | None, str], str]
    plurals: Mapping[tuple[str | None, str], tuple[str, ...]]
    plural_index: Callable[[int], int]


def _english_plural(n: int) -> int:
    return int(n != 1)


@cache
def _po(lang: str) -> _Po:
    if lang == DEFAULT_LANG or lang not in LANGS:
        return _Po({}, {}, _english_plural)
    source = catalog_path(lang).read_bytes()
    cached = _cache_file(lang, source)
    kept = _read_cached(cached) if cached else None
    if kept is None:
        kept = _parse_po(source)
        if cached:
            _write_cached(cached, kept)
    words, plurals, plural_expr = kept
    return _Po(words, plurals, c2py(plural_expr))


#: What a catalog keeps: ``(context, English) → words``, ``(context, English singular) → forms``,
#: and the C expression of its ``Plural-Forms`` rule.
_Kept = tuple[dict[tuple[str | None, str], str], dict[tuple[str | None, str], tuple[str, ...]], str]

#: Bumped when what a cache file holds changes shape (old files are then not read).
_CACHE_FORMAT: Final = 1


def _parse_po(source: bytes) -> _Kept:
    """The messages of a ``.po`` that reports use: translated, not fuzzy, not obsolete, and for
    a message with plurals, every form translated."""
    po = read_po(io.BytesIO(source), ignore_obsolete=True)
    words: dict[tuple[str | None, str], str] = {}
    plurals: dict[tuple[str | None, str], tuple[str, ...]] = {}
    for entry in po:
        if not entry.id or entry.fuzzy:
            continue
        if isinstance(entry.id, tuple | list):
            forms = tuple(str(form) for form in entry.string or ())
            if forms and all(forms):
                plurals[(entry.context, str(entry.id[0]))] = forms
        elif entry.string:
            words[(entry.context, str(entry.id))] = str(entry.string)
    return words, plurals, po.plural_expr


def _cache_file(lang: str, source: bytes) -> Path | None:
    """Where the parsed catalog of this ``.po`` content is kept (None: no home to keep it in)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    if not os.path.isabs(base):  # "~" unresolved (no HOME) or a relative setting: not a place to write
        return None
    digest = hashlib.sha256(source).hexdigest()[:32]
    return Path(base) / "auditor" / "catalogs" / f"{lang}-{digest}-v{_CACHE_FORMAT}.json"


def _read_cached(path: Path) -> _Kept | None:
    try:
        data = json.loads(path.read_bytes())
        words = {(context, msgid): text for context, msgid, text in data["words"]}
        plurals = {(context, msgid): tuple(forms) for context, msgid, forms in data["plurals"]}
        return words, plurals, str(data["plural_expr"])
    except (OSError, ValueError, KeyError, TypeError):  # none yet, or unreadable: parse the .po
        return None


def _write_cached(path: Path, kept: _Kept) -> None:
    """Save a parsed catalog; best effort. Written to a temporary name and renamed, so that a
    process reading it at the same time (batch workers start together) sees all of it or none."""
    words, plurals, plural_expr = kept
    data = {"words": [[context, msgid, text] for (context, msgid), text in words.items()],
            "plurals": [[context, msgid, list(forms)] for (context, msgid), forms in plurals.items()],
            "plural_expr": plural_expr}
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, path)
    except OSError:
        temporary.unlink(missing_ok=True)


def catalog(lang: str) -> Mapping[tuple[str | None, str], str]:
    """``(context, English) → words`` of ``lang``'s catalog; empty for English or an unknown
    language. Untranslated (empty), fuzzy and obsolete entries are left out, and so are the
    messages with plural forms (:func:`plural_forms`)."""
    return _po(lang).words


def plural_forms(lang: str, singular: str, plural: str, n: int, context: str | None = None) -> str:
    """The form of a message with plurals that ``lang`` uses for the number ``n``: the catalog's
    ``msgstr[i]`` by the catalog's own ``Plural-Forms`` rule; English (or an untranslated
    message) has ``singular`` for 1 and ``plural`` otherwise."""
    po = _po(lang)
    forms = po.plurals.get((context, singular))
    if forms is None:
        return singular if n == 1 else plural
    index = po.plural_index(n)
    return forms[index] if 0 <= index < len(forms) else forms[-1]


def translate(lang: str, msgid: str, context: str | None = None) -> str:
    """The words of ``lang`` for the English ``msgid``; the English itself where there are none."""
    return catalog(lang).get((context, msgid)) or msgid


def has_translation(lang: str, msgid: str, context: str | None = None) -> bool:
    """Whether ``lang``'s catalog translates ``msgid``."""
    return (context, msgid) in catalog(lang)


# --------------------------------------------------------------------------- markers


def N_(msgid: str) -> str:
    """Mark an English string for extraction; it is translated where it is shown."""
    return msgid


def NC_(context: str, msgid: str) -> Text:
    """Mark an English string whose words depend on where it is used (gettext's ``msgctxt``):
    ``NC_("markdown", "Waived")``. Unlike :func:`N_` it gives a :class:`Text` at once, since
    the context must travel with the string."""
    return _Message(msgid, context, None)


def NP_(singular: str, plural: str, *, count: str = "n") -> Text:
    """Mark a message whose words depend on a number (gettext's ``ngettext``):
    ``NP_("{n} site", "{n} sites")``. The number is its ``count`` parameter (``n`` unless told),
    given when the message is filled; each language picks its own form for it (its catalog has
    one ``msgstr[i]`` per plural form). Used in a :class:`Messages` table like ``N_``."""
    return _Plural(singular, plural, count, None)


def message(msgid: str, /, **params: object) -> Text:
    """A catalog message as a :class:`Text`: ``message(N_("mobile"))``; with ``params``, its
    ``{name}`` placeholders are filled in each language."""
    return _Message(msgid, None, params or None)


# --------------------------------------------------------------------------- Text


class Text:
    """Words a reader sees, in any report language: ``get(lang)``; ``str()`` is the English.

    ``Text(en)`` is a string that is the same in every language (a URL, a quoted name);
    ``Text(en, sv=...)`` gives fixed words per language (words a result already carries,
    e.g. ``Text(note, **note_i18n)``). Catalog messages come from :class:`Messages`,
    :func:`message` and :func:`NC_`.
    """

    __slots__ = ("_words",)

    def __init__(self, en: str, /, **translations: str) -> None:
        self._words = {DEFAULT_LANG: en, **{lang: words for lang, words in translations.items() if words}}

    def get(self, lang: str) -> str:
        """The words in ``lang``; English where there is no translation."""
        return self._words.get(lang) or self._words[DEFAULT_LANG]

    @property
    def en(self) -> str:
        """The English words."""
        return self.get(DEFAULT_LANG)

    def __str__(self) -> str:
        return self.en

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.en!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Text) and all(self.get(lang) == other.get(lang) for lang in LANGS)

    def __hash__(self) -> int:
        return hash(self.en)

    def translations(self) -> dict[str, str]:
        """The other languages' words where they differ from the English, as the result JSON
        stores them (``*_i18n`` fields)."""
        en = self.en
        return {lang: words for lang in LANGS if lang != DEFAULT_LANG and (words := self.get(lang)) != en}

    def __add__(self, other: Text | str) -> Text:
        return _Joined((self, as_text(other)), "")

    def format(self, **params: object) -> Text:
        """Fill ``{name}`` placeholders in every language; Text parameters per language."""
        return _Formatted(self, params)

    def map(self, change: Callable[[str], str]) -> Text:
        """The words of every language passed through ``change`` (e.g. a capital first letter)."""
        return _Mapped(self, change)


class _Message(Text):
    """A catalog message: the English msgid (and context), rendered per language on demand."""

    __slots__ = ("_context", "_msgid", "_params")

    def __init__(self, msgid: str, context: str | None, params: Mapping[str, object] | None) -> None:
        self._msgid = msgid
        self._context = context
        self._params = params

    def get(self, lang: str) -> str:
        words = translate(lang, self._msgid, self._context)
        return words if self._params is None else words.format_map(_Params(self._params, lang))

    def format(self, **params: object) -> Text:
        if self._params is None:
            return _Message(self._msgid, self._context, params)
        return super().format(**params)


class _Plural(_Message):
    """A catalog message with plural forms, chosen by the number in its ``count`` parameter."""

    __slots__ = ("_count", "_plural")

    def __init__(self, singular: str, plural: str, count: str, params: Mapping[str, object] | None) -> None:
        super().__init__(singular, None, params)
        self._plural = plural
        self._count = count

    def get(self, lang: str) -> str:
        params = self._params or {}
        number = params.get(self._count)
        n = number if isinstance(number, int) and not isinstance(number, bool) else 0
        words = plural_forms(lang, self._msgid, self._plural, n)
        return words if self._params is None else words.format_map(_Params(params, lang))

    def format(self, **params: object) -> Text:
        return _Plural(self._msgid, self._plural, self._count, {**(self._params or {}), **params})


class _Formatted(Text):
    __slots__ = ("_base", "_params")

    def __init__(self, base: Text, params: Mapping[str, object]) -> None:
        self._base = base
        self._params = params

    def get(self, lang: str) -> str:
        return self._base.get(lang).format_map(_Params(self._params, lang))


class _Joined(Text):
    __slots__ = ("_parts", "_sep")

    def __init__(self, parts: Iterable[Text], sep: str) -> None:
        self._parts = tuple(parts)
        self._sep = sep

    def get(self, lang: str) -> str:
        return self._sep.join(part.get(lang) for part in self._parts)


class _Mapped(Text):
    __slots__ = ("_base", "_change")

    def __init__(self, base: Text, change: Callable[[str], str]) -> None:
        self._base = base
        self._change = change

    def get(self, lang: str) -> str:
        return self._change(self._base.get(lang))


class _PerLanguage(Text):
    __slots__ = ("_words_in",)

    def __init__(self, words_in: Callable[[str], str]) -> None:
        self._words_in = words_in

    def get(self, lang: str) -> str:
        return self._words_in(lang)


def as_text(value: Text | str) -> Text:
    """A Text from either a Text or an untranslated (same in every language) string."""
    return value if isinstance(value, Text) else Text(value)


def placeholders(template: str) -> set[str]:
    """The ``{name}`` fields of a format string."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


class _Params(dict[str, object]):
    """Format parameters seen in one language: Text values become that language's words."""

    def __init__(self, params: Mapping[str, object], lang: str) -> None:
        super().__init__(params)
        self.lang = lang

    def __getitem__(self, key: str) -> object:
        value = super().__getitem__(key)
        if isinstance(value, Text):
            return value.get(self.lang)
        return value


class Messages:
    """A module's message table: ``key → English``, called as ``MESSAGES("key", **params)``.

    ``Messages(found=N_("Email address given: {emails}."), waived=NC_("markdown", "Waived"))``.
    """

    def __init__(self, **entries: str | Text) -> None:
        self.entries: dict[str, Text] = {}
        for key, entry in entries.items():
            if isinstance(entry, str):
                entry = _Message(entry, None, None)
            if not isinstance(entry, _Message):
                raise TypeError(f"message {key!r} must be an English string marked N_(...) or NC_(...)")
            self.entries[key] = entry

    def __call__(self, key: str, **params: object) -> Text:
        return self.entries[key].format(**params)


def join(items: Iterable[Text | str], *, sep: str = ", ") -> Text:
    """Items joined by ``sep`` in each language."""
    return _Joined((as_text(i) for i in items), sep)


def decimal(number: str) -> Text:
    """A decimal number written with a dot (``"1.5"``) in each language's way: ``1,5`` in Swedish."""
    return _PerLanguage(lambda lang: number.replace(".", get_decimal_symbol(locale_of(lang))))


# --------------------------------------------------------------------------- numbers, dates, names

#: Babel's locale of a report language where it is not the language code itself: English
#: reports are read in Europe (24-hour clock, day before month).
_LOCALES: Final[dict[str, str]] = {"en": "en_GB"}


def locale_of(lang: str) -> str:
    """The Babel locale whose conventions a report in ``lang`` follows (``en_GB`` for ``en``)."""
    return _LOCALES.get(lang, lang)


def format_number(value: float, lang: str, *, digits: int = 1) -> str:
    """A number as ``lang`` writes it, with at most ``digits`` decimals: ``93.6`` in English,
    ``93,6`` in Swedish, ``1 234`` with a thin grouping space, ``82`` without a decimal part."""
    pattern = "#,##0" + ("." + "#" * digits if digits > 0 else "")
    return format_decimal(round(float(value), digits), format=pattern, locale=locale_of(lang))


def format_share(value: float, lang: str) -> str:
    """A share 0-1 as a percentage in ``lang``'s way: ``94%`` in English, ``94 %`` in Swedish."""
    return format_percent(value, locale=locale_of(lang))


def _moment(value: date | datetime | str) -> date | datetime:
    if isinstance(value, date):
        return value
    text = value.strip()
    try:
        if len(text) == 10:
            return date.fromisoformat(text)
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"not an ISO date or time: {value!r}") from None


def format_day(value: date | datetime | str, lang: str) -> str:
    """A date (or the day of a time) as ``lang`` writes it in full: ``5 December 2026``,
    ``5 december 2026``, ``5. joulukuuta 2026``. An ISO string is read first (a ValueError when
    it is none)."""
    moment = _moment(value)
    day = moment.date() if isinstance(moment, datetime) else moment
    return format_date(day, format="long", locale=locale_of(lang))


def format_utc_time(value: datetime | str, lang: str) -> str:
    """A moment in UTC as ``lang`` writes a date and time, to the second, with ``UTC`` after it:
    ``20 Nov 2026, 09:15:03 UTC``, ``20.11.2026 9.15.03 UTC``. A naive time is taken as UTC."""
    moment = _moment(value)
    if not isinstance(moment, datetime):
        moment = datetime(moment.year, moment.month, moment.day)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return format_datetime(moment, format="medium", tzinfo=UTC, locale=locale_of(lang)) + " UTC"


def country_name(code: str, lang: str) -> str:
    """A country by its ISO code (``DK``, any case) in ``lang``: ``Denmark``, ``Dänemark``,
    ``Tanska``; the code itself when Babel knows no such territory."""
    return str(Locale.parse(locale_of(lang)).territories.get(code.upper(), code.upper()))


def country(code: str) -> Text:
    """A country (ISO code) as a message parameter: its name in each language."""
    return _PerLanguage(lambda lang: country_name(code, lang))


def language_name(lang: str) -> str:
    """A report language in its own words, as a link to it reads: ``English``, ``Svenska``,
    ``Norsk bokmål``, ``Suomi``."""
    words = str(Locale.parse(lang).get_display_name(lang) or lang)
    return words[:1].upper() + words[1:]


# --------------------------------------------------------------------------- shared words

#: Page kinds as a message names them ("only on terms pages").
PAGE_KINDS: Final[dict[str, Text]] = {
    "home": NC_("page kind in a message", "home"),
    "contact": NC_("page kind in a message", "contact"),
    "customer_service": NC_("page kind in a message", "customer service"),
    "imprint": NC_("page kind in a message", "imprint"),
    "about": NC_("page kind in a message", "about"),
    "terms": NC_("page kind in a message", "terms"),
    "returns": NC_("page kind in a message", "returns"),
    "complaints": NC_("page kind in a message", "complaints"),
    "privacy": NC_("page kind in a message", "privacy"),
    "other": NC_("page kind in a message", "general"),
}

#: Regions of a page.
REGIONS: Final[dict[str, Text]] = {
    "header": message(N_("header")),
    "nav": message(N_("navigation")),
    "footer": message(N_("footer")),
    "main": message(N_("main content")),
}


#: How a contact detail or name was found on a page (a fact's ``method``), as an evidence
#: note says it: "email info@shop.se (email link, footer)".
FOUND_BY: Final[dict[str, Text]] = {
    "mailto": NC_("how a detail was found", "email link"),
    "tel": NC_("how a detail was found", "phone link"),
    "text": NC_("how a detail was found", "in the text"),
    "obfuscated": NC_("how a detail was found", "disguised in the text"),
    "cloudflare": NC_("how a detail was found", "behind Cloudflare's email protection"),
    "structured_data": NC_("how a detail was found", "in the page's structured data"),
    "copyright": NC_("how a detail was found", "in the copyright notice"),
    "label": NC_("how a detail was found", "after a label such as 'Company:'"),
    "owner": NC_("how a detail was found", "after an owner's label"),
    "sole_trader": NC_("how a detail was found", "beside a sole trader's word"),
    "heading": NC_("how a detail was found", "above the address"),
}


def found_by(method: str) -> Text:
    """How a fact was found (its ``method``: ``mailto``, ``copyright``, ...) in words; an
    unknown method as it is, readable."""
    return FOUND_BY.get(method, Text(method.replace("_", " ")))


def language_in(code: str) -> Text:
    """A language by its code (``en``, ``pt-BR``) as a message parameter: its name in each
    report language (``English``, ``engelska``); the code where Babel knows no name."""
    base = code.split("-")[0].strip().lower()

    def words(lang: str) -> str:
        return str(Locale.parse(locale_of(lang)).languages.get(base, code))

    return _PerLanguage(words)


def kind_name(kind: object) -> Text:
    """A page kind (enum or value) in words."""
    value = getattr(kind, "value", kind)
    return PAGE_KINDS.get(str(value), Text(str(value)))


def region_name(region: object) -> Text:
    """A page region (enum or value) in words."""
    value = getattr(region, "value", region)
    return REGIONS.get(str(value), Text(str(value)))


# --------------------------------------------------------------------------- report labels


def ui(text: str, lang: str, **params: object) -> str:
    """A report label in ``lang`` (the English string is the msgid), with ``{name}`` filled."""
    words = translate(lang, text)
    return words.format(**params) if params else words


def ui_plural(singular: str, plural: str, n: int, lang: str, **params: object) -> str:
    """A report label with plural forms in ``lang``, chosen by ``n`` and filled with ``n`` and
    ``params``: ``ui_plural("{n} site", "{n} sites", 3, "sv")``."""
    return plural_forms(lang, singular, plural, n).format(n=n, **params)


def check_lang(lang: str) -> str:
    """``lang`` if it is a report language, else a ValueError naming the choices."""
    if lang not in LANGS:
        raise ValueError(f"unknown report language {lang!r}; choose from {', '.join(LANGS)}")
    return lang


def localized(obj: Mapping[str, Any] | object, field: str, lang: str) -> str:
    """A field of a result in ``lang``: ``<field>_i18n[lang]``, else ``<field>``. ``obj`` is the
    result's JSON (a dict, as the templates get it) or the model itself (CI formats)."""
    def get(name: str) -> Any:
        return obj.get(name) if isinstance(obj, Mapping) else getattr(obj, name, None)

    if lang != DEFAULT_LANG:
        words = (get(f"{field}_i18n") or {}).get(lang)
        if words:
            return str(words)
    value = get(field)
    return "" if value is None else str(value)
