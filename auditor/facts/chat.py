"""Chat widgets by vendor fingerprint, read from a page's HTML (no JavaScript run).

A widget shows itself in three ways, strongest first: the host its loader script or iframe comes
from, a JavaScript global an inline snippet sets or calls (``window.intercomSettings``,
``zE('webWidget', ...)``), and a DOM marker it leaves (``#tidio-chat``). The vendor table is
data (``auditor/facts/vendors.toml``, after requirements.md section 7) so a new vendor is a
few lines of TOML. What the static HTML shows is only a candidate: many widgets load after
consent or only when agents are online, so the browser stage confirms and opens them.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Literal

from auditor.facts.dom import Document

Signal = Literal["host", "global", "marker"]
Transcript = Literal["yes", "configurable", "no", "unverified"]


@dataclass(frozen=True)
class Vendor:
    """One chat vendor's fingerprint and what it is documented to offer."""

    key: str
    name: str
    hosts: tuple[str, ...]
    globals: tuple[str, ...]
    markers: tuple[str, ...]
    bot: bool
    transcript: Transcript


@dataclass(frozen=True)
class ChatSighting:
    """A vendor seen on a page, with the strongest signal and where it was."""

    vendor: Vendor
    signal: Signal
    value: str
    locator: str

    @property
    def certain(self) -> bool:
        """A loader host is proof; a global or a marker alone may be a leftover or a namesake."""
        return self.signal == "host"


@cache
def vendors() -> tuple[Vendor, ...]:
    file = resources.files("auditor") / "facts" / "vendors.toml"
    data = tomllib.loads(file.read_text(encoding="utf-8"))
    out: list[Vendor] = []
    for key, entry in data.items():
        transcript = str(entry.get("transcript", "unverified"))
        out.append(
            Vendor(
                key=key,
                name=str(entry.get("name", key)),
                hosts=tuple(str(h).lower() for h in entry.get("hosts", [])),
                globals=tuple(str(g) for g in entry.get("globals", [])),
                markers=tuple(str(m) for m in entry.get("markers", [])),
                bot=bool(entry.get("bot", False)),
                transcript=transcript if transcript in ("yes", "configurable", "no") else "unverified",  # type: ignore[arg-type]
            )
        )
    return tuple(out)


@cache
def _global_pattern(name: str) -> re.Pattern[str]:
    # "zE(", "window.zE =", "Tawk_API.onLoad", "lpTag.push", "$crisp=[]": used, not merely mentioned in prose.
    return re.compile(rf"(?<![\w$.]){re.escape(name)}\s*(?:\(|=(?!=)|\.[A-Za-z_]|\[)|window\.{re.escape(name)}\b")


_SOURCE_TAGS = (("script", "src"), ("iframe", "src"), ("link", "href"))


def gather_chat(doc: Document) -> list[ChatSighting]:
    """One sighting per vendor on this page: the strongest signal found."""
    best: dict[str, ChatSighting] = {}
    rank = {"host": 0, "global": 1, "marker": 2}

    def keep(sighting: ChatSighting) -> None:
        current = best.get(sighting.vendor.key)
        if current is None or rank[sighting.signal] < rank[current.signal]:
            best[sighting.vendor.key] = sighting

    table = vendors()
    for tag, attribute in _SOURCE_TAGS:
        for element in doc.root.iter(tag):
            value = (element.get(attribute) or "").strip()
            if not value:
                continue
            lowered = value.lower()
            for vendor in table:
                if any(host in lowered for host in vendor.hosts):
                    keep(ChatSighting(vendor, "host", value[:200], doc.locator(element)))
    for script in doc.root.iter("script"):
        if script.get("src"):
            continue
        code = script.text or ""
        if not code.strip():
            continue
        for vendor, signal, value in _inline_signals(code):
            keep(ChatSighting(vendor, signal, value, doc.locator(script)))
    index = _MarkerIndex(doc)
    for vendor in table:
        for marker in vendor.markers:
            element = index.find(marker)
            if element is not None:
                keep(ChatSighting(vendor, "marker", marker, doc.locator(element)))
                break
    return sorted(best.values(), key=lambda s: (rank[s.signal], s.vendor.key))


def _inline_signals(code: str) -> tuple[tuple[Vendor, Signal, str], ...]:
    """The vendors an inline script names, in table order: by a loader host in its code, or else
    by a global it uses. Kept by the script's text up to ``_KEPT_SCRIPT`` characters: every page
    of a site repeats its scripts (on the real-world corpus 1,908 inline scripts, 245 different;
    a simulated shop's state JSON of 36 kB on each page), and each is searched for every host
    and global of the table."""
    return _kept_inline_signals(code) if len(code) <= _KEPT_SCRIPT else _read_inline_signals(code)


def _read_inline_signals(code: str) -> tuple[tuple[Vendor, Signal, str], ...]:
    out: list[tuple[Vendor, Signal, str]] = []
    lowered = code.lower()
    for vendor in vendors():
        host = next((h for h in vendor.hosts if h in lowered), None)
        if host is not None:  # the common async snippet builds the loader URL in code
            out.append((vendor, "host", host))
            continue
        for name in vendor.globals:
            # Both forms of the pattern contain the name itself: a substring test first
            # spares the regex a scan of every large inline script (a shop's state JSON).
            if name in code and _global_pattern(name).search(code):
                out.append((vendor, "global", name))
                break
    return tuple(out)


#: The longest inline script kept by its text (a bound on what the cache holds: 64 of them).
_KEPT_SCRIPT = 256_000
_kept_inline_signals = lru_cache(maxsize=64)(_read_inline_signals)


_XML_SPACE = re.compile(r"[ \t\r\n]+")


class _MarkerIndex:
    """The first element of each id and each class of a page, found in one pass; the same
    answer as the XPath lookup of :func:`_find_marker`, without a walk of the page per marker."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.ids: dict[str, object] = {}
        self.classes: dict[str, object] = {}
        for element in doc.root.xpath("//*[@id or @class]"):
            value = element.get("id")
            if value is not None and value not in self.ids:
                self.ids[value] = element
            names = element.get("class")
            if names:
                for name in _XML_SPACE.split(names.strip(" \t\r\n")):
                    if name and name not in self.classes:
                        self.classes[name] = element

    def find(self, marker: str) -> object | None:
        if marker.startswith("#"):
            return self.ids.get(marker[1:])
        if marker.startswith(".") and marker[1:] and not _XML_SPACE.search(marker[1:]):
            return self.classes.get(marker[1:])
        return _find_marker(self.doc, marker)


def _find_marker(doc: Document, marker: str) -> object | None:
    if marker.startswith("#"):
        found = doc.root.xpath("//*[@id=$value]", value=marker[1:])
    elif marker.startswith("."):
        found = doc.root.xpath(
            "//*[contains(concat(' ', normalize-space(@class), ' '), $value)]", value=f" {marker[1:]} "
        )
    else:
        return None
    return found[0] if isinstance(found, list) and found else None
