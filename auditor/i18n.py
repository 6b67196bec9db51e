"""User-visible words in every report language (English and Swedish).

Rules keep their strings in one place per rule (Lighthouse's ``UIStrings``): a module-level
:class:`Messages` of :class:`Text` entries, each written in English and Swedish side by side,
plus ``RuleMeta.translations`` for the title, failure title and description. A rule builds a
message with ``MESSAGES("key", name=value)``; the result is a :class:`Text` holding the message
in every language, so a result JSON carries both and any report can be rendered in either
language later (``--lang``) without judging the site again.

Parameters may themselves be :class:`Text` (a page kind, a reason why absence is doubted):
they are formatted per language. Plain strings (URLs, addresses, names) are the same in both.

The report templates use :func:`ui` over the catalogue ``reports/strings.toml`` (English key →
Swedish words); a test checks that every string the templates use has its Swedish entry.
"""

from __future__ import annotations

import string
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Final

#: The report languages; English is the source language and the fallback.
LANGS: Final = ("en", "sv")
DEFAULT_LANG: Final = "en"


@dataclass(frozen=True, slots=True)
class Text:
    """One user-visible string in English and Swedish. ``str()`` gives the English."""

    en: str
    sv: str = ""

    def __str__(self) -> str:
        return self.en

    def get(self, lang: str) -> str:
        """The words in ``lang``; English where no translation exists."""
        if lang == "sv" and self.sv:
            return self.sv
        return self.en

    def translations(self) -> dict[str, str]:
        """The non-English versions, as the result JSON stores them (``*_i18n`` fields)."""
        return {"sv": self.sv} if self.sv and self.sv != self.en else {}

    def __add__(self, other: Text | str) -> Text:
        other = as_text(other)
        if not (self.sv or other.sv):
            return Text(self.en + other.en)
        return Text(self.en + other.en, self.get("sv") + other.get("sv"))

    def format(self, **params: object) -> Text:
        """Fill ``{name}`` placeholders in every language; Text parameters per language."""
        return Text(
            en=self.en.format_map(_Params(params, "en")),
            sv=self.sv.format_map(_Params(params, "sv")) if self.sv else "",
        )



def T(en: str, sv: str) -> Text:
    """A message in English and Swedish: ``T("No email found.", "Ingen e-postadress hittades.")``."""
    return Text(en, sv)


def as_text(value: Text | str) -> Text:
    """A Text from either a Text or an untranslated (English-only) string."""
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
    """A rule's message table: ``key → Text``, called as ``MESSAGES("key", **params)``."""

    def __init__(self, **entries: Text) -> None:
        for key, text in entries.items():
            if not isinstance(text, Text):
                raise TypeError(f"message {key!r} must be a Text (T(en, sv))")
            if not text.sv:
                raise ValueError(f"message {key!r} has no Swedish text")
            if placeholders(text.en) != placeholders(text.sv):
                raise ValueError(
                    f"message {key!r}: the English and Swedish texts use different placeholders "
                    f"({sorted(placeholders(text.en))} vs {sorted(placeholders(text.sv))})"
                )
        self.entries: dict[str, Text] = dict(entries)

    def __call__(self, key: str, **params: object) -> Text:
        return self.entries[key].format(**params)


def join(items: Iterable[Text | str], *, sep: str = ", ") -> Text:
    """Items joined by ``sep`` in each language."""
    texts = [as_text(i) for i in items]
    return Text(sep.join(t.en for t in texts), sep.join(t.get("sv") for t in texts))


# --------------------------------------------------------------------------- shared words

#: Page kinds as a message names them ("only on terms pages").
PAGE_KINDS: Final[dict[str, Text]] = {
    "home": T("home", "startsidan"),
    "contact": T("contact", "kontaktsidan"),
    "customer_service": T("customer service", "kundtjänstsidan"),
    "imprint": T("imprint", "företagsinformationen (impressum)"),
    "about": T("about", "om oss-sidan"),
    "terms": T("terms", "villkorssidan"),
    "returns": T("returns", "retursidan"),
    "complaints": T("complaints", "reklamationssidan"),
    "privacy": T("privacy", "integritetspolicyn"),
    "other": T("other", "övriga sidor"),
}

#: Regions of a page.
REGIONS: Final[dict[str, Text]] = {
    "header": T("header", "sidhuvudet"),
    "nav": T("navigation", "navigeringen"),
    "footer": T("footer", "sidfoten"),
    "main": T("main content", "huvudinnehållet"),
}


def kind_name(kind: object) -> Text:
    """A page kind (enum or value) in words."""
    value = getattr(kind, "value", kind)
    return PAGE_KINDS.get(str(value), Text(str(value)))


def region_name(region: object) -> Text:
    """A page region (enum or value) in words."""
    value = getattr(region, "value", region)
    return REGIONS.get(str(value), Text(str(value)))


# --------------------------------------------------------------------------- report catalogue


@lru_cache(maxsize=1)
def ui_catalogue() -> dict[str, str]:
    """English report string → Swedish, from ``reports/strings.toml``."""
    path = resources.files("auditor") / "reports" / "strings.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return {str(k): str(v) for k, v in data.get("sv", {}).items()}


def ui(text: str, lang: str, **params: object) -> str:
    """A report string in ``lang`` (the English string is the key), with ``{name}`` filled."""
    words = ui_catalogue().get(text, text) if lang == "sv" else text
    return words.format(**params) if params else words


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
