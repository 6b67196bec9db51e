"""Signs in a page's static HTML that its scripts may write content a crawler without a browser
does not see.

A shop that loads its contact details after the page (``fetch('/api/store')`` filling
``<span class="email"></span>``) shows a crawler an empty element where a browser shows an
address. Without rendering, the rules must not call such a detail missing: this module records
what in the static HTML says "a script writes something here", and ``rules/support.py`` decides
when that casts doubt on an absence. Four kinds, all observable without running a script:

* ``placeholder``: an element with no text that is labelled for a detail (``class="email"``,
  ``id="phone"``, ``itemprop="address"``, ``data-email="…"``, ``x-text="shop.phone"``,
  ``data-bind="text: email"``), or template text such as ``{{ shop.email }}``. Form fields,
  icons and logos are not placeholders (an envelope icon beside "Mail us" writes nothing);
* ``fetch``: ``fetch``, ``XMLHttpRequest``, ``axios`` or jQuery requests in an inline script to
  the site's own endpoints (a relative URL or the page's own host; third-party calls such as
  analytics are not content of the shop);
* ``mount``: an empty framework mount point (``<div id="app"></div>``, ``data-reactroot``,
  ``ng-app``, ``x-data``, ``__NEXT_DATA__``, ``window.__NUXT__``);
* ``noscript``: a ``<noscript>`` note saying JavaScript is needed.

Each signal names the detail its labels mention (email, phone, address, identity, or contact
details in general) and carries how much the page's main region shows without scripts, so the
rules can tell an empty application (its content is all written later) from a complete page
with an unrelated widget mounted in a corner.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Literal
from urllib.parse import urljoin, urlsplit

import lxml.html

from auditor.facts.dom import Document, clean
from auditor.models import Region, ScriptSignal

Detail = Literal["", "contact", "email", "phone", "address", "identity"]

#: Label words per detail, as they appear in class names, ids, data attributes and bindings
#: (split at punctuation and camelCase, folded to ASCII). Checked in this order: "email-address"
#: is an email, not a postal address.
DETAIL_WORDS: tuple[tuple[Detail, frozenset[str]], ...] = (
    ("email", frozenset({"email", "mail", "epost", "mejl", "sahkoposti", "sposti", "emailaddress", "mailaddress",
                         "mailto", "cfemail", "emailadresse", "epostadresse", "epostadress", "mailadresse"})),
    ("phone", frozenset({"phone", "tel", "telephone", "telefon", "telefonnummer", "phonenumber", "puhelin", "puh",
                         "mobile", "mobil", "tlf", "handy", "hotline", "callus", "puhelinnumero"})),
    ("address", frozenset({"address", "adress", "adresse", "osoite", "street", "streetaddress", "postaladdress",
                           "postcode", "postalcode", "zip", "zipcode", "postnummer", "postnr", "plz", "gata",
                           "gatuadress", "strasse", "gateadresse", "postadresse", "postadress", "katuosoite",
                           "postinumero", "locality", "anschrift"})),
    ("identity", frozenset({"company", "companyname", "orgnr", "orgno", "organisationsnummer", "orgnummer",
                            "organisasjonsnummer", "vat", "vatid", "vatnumber", "ustid", "ustidnr", "cvr",
                            "cvrnr", "ytunnus", "legalname", "firmenname", "handelsregister", "registernummer"})),
    ("contact", frozenset({"contact", "contacts", "contactinfo", "contactdetails", "kontakt", "kontaktinfo",
                           "kontaktuppgifter", "kontaktinformation", "kontaktoplysninger", "kontaktdaten",
                           "yhteystiedot", "yhteys", "impressum", "imprint", "storeinfo", "shopinfo",
                           "companyinfo", "butiksinfo"})),
)
#: Words that make an empty labelled element something other than a detail's place: icons,
#: pictures, sign-up and sharing widgets.
_NOT_A_PLACE = frozenset({
    "icon", "icons", "ico", "fa", "fas", "far", "fab", "glyphicon", "bi", "svg", "img", "image", "logo", "bg",
    "background", "avatar", "newsletter", "subscribe", "signup", "login", "share", "sharing", "social", "spinner",
    "loader", "sprite", "material", "dashicons", "symbol",
})
#: Tags that never hold a detail's text, or are the user's input rather than the shop's words.
_SKIP_TAGS = frozenset({
    "input", "textarea", "select", "option", "label", "button", "form", "i", "svg", "img", "picture", "source",
    "path", "use", "script", "style", "link", "meta", "iframe", "video", "audio", "canvas", "br", "hr", "html",
    "head", "body", "title", "noscript",
})
#: Attributes whose value labels an element (names, roles, bindings of Vue, Alpine, Angular, Knockout).
_LABEL_ATTRS = ("id", "class", "name", "itemprop", "x-text", "x-html", "v-text", "v-html", "ng-bind", "ng-bind-html",
                ":href", "v-bind:href", "x-bind:href", "data-bind", "[href]", "[innertext]", "data-field",
                "data-key", "data-content")
_TEMPLATE = re.compile(r"\{\{\s*([^{}]{1,80}?)\s*\}\}|\[\[\s*([^\[\]]{1,80}?)\s*\]\]|\$\{\s*([^{}]{1,80}?)\s*\}")
#: How each of ``_TEMPLATE``'s forms opens: a text without any holds none (folding its spaces, as
#: ``clean`` does, never joins two characters).
_TEMPLATE_OPENINGS = ("{{", "[[", "${")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_SPLIT = re.compile(r"[^a-z0-9]+")
_FOLD = str.maketrans({"ä": "a", "å": "a", "ö": "o", "ø": "o", "æ": "ae", "ü": "u", "ß": "ss", "é": "e"})

#: A request in an inline script, with its URL: fetch("/x"), axios.get('/x'), $.getJSON("/x"),
#: xhr.open("GET", "/x"), $("#c").load("/x").
_REQUEST = re.compile(
    r"""(?:\bfetch|\baxios(?:\.(?:get|post|request))?|\$\.(?:ajax|get|getJSON|post)|\.load|\.open)\s*\(\s*"""
    r"""(?:["'](?:GET|POST)["']\s*,\s*)?(?:\{\s*url\s*:\s*)?[`"']([^`"'\s]{1,200})[`"']""",
    re.I,
)
_XHR = re.compile(r"\bXMLHttpRequest\b|\baxios\b|\bfetch\s*\(|\$\.(?:ajax|get|getJSON|post)\s*\(")
_XHR_WORDS = ("XMLHttpRequest", "axios", "fetch", "$.")
_MOUNT_IDS = frozenset({"app", "root", "__next", "__nuxt", "svelte", "q-app", "main-app", "react-root", "spa-root",
                        "app-root", "vue-app", "ember-application"})
_MOUNT_ATTRS = ("data-reactroot", "ng-app", "data-ng-app", "x-data", "data-v-app", "v-cloak", "ng-version",
                "data-server-rendered")
_MOUNT_TAGS = frozenset({"app-root", "my-app"})
_MOUNT_ATTR_NAMES = frozenset(_MOUNT_ATTRS)
_NEEDS_JS = re.compile(r"java\s*script|\bjs\b", re.I)


def words(value: str) -> list[str]:
    """A label split into lower-case ASCII words: ``shopEmail`` → ``["shop", "email"]``."""
    value = _CAMEL.sub(" ", value).lower().translate(_FOLD)
    return [w for w in _SPLIT.split(value) if w]


def detail_of(value: str) -> Detail | None:
    """The detail a label names, or None: ``contact-email`` → ``email``, ``company-logo`` → None."""
    found = words(value)
    if not found or _NOT_A_PLACE.intersection(found):
        return None
    joined = "".join(found)
    for detail, vocabulary in DETAIL_WORDS:
        if vocabulary.intersection(found) or joined in vocabulary:
            return detail
    return None


def gather_script_signals(doc: Document, page_url: str) -> list[ScriptSignal]:
    """Every sign in the static HTML that scripts may write content (one per element or request)."""
    main_text = _main_text(doc)
    out = [*_placeholders(doc), *_requests(doc, page_url), *_mounts(doc), *_noscript(doc)]
    return [s.model_copy(update={"main_text": main_text}) for s in out]


def _main_text(doc: Document) -> int:
    return sum(len(b.text) for b in doc.blocks if doc.region(b.element) == Region.MAIN)


def _opening_tag(element: lxml.html.HtmlElement) -> str:
    attrs = " ".join(f'{k}="{v[:60]}"' for k, v in element.attrib.items())
    return f"<{element.tag}{' ' + attrs if attrs else ''}>"[:200]


def _signal(doc: Document, element: lxml.html.HtmlElement, kind: str, detail: Detail, excerpt: str) -> ScriptSignal:
    return ScriptSignal.model_validate({
        "kind": kind, "detail": detail, "locator": doc.locator(element), "region": doc.region(element),
        "excerpt": excerpt,
    })


def _placeholders(doc: Document) -> Iterator[ScriptSignal]:
    body = doc.root.find("body")
    if body is None:
        return
    blank = _blank_elements(body)
    # Every element inside a form, found once (asking each element's ancestors made the walk cost
    # the page's elements times its depth); a form's own ancestors hold none.
    in_forms = set(body.iterfind(".//form//*"))
    for element in body.iter():
        if not isinstance(element.tag, str) or element.tag.lower() in _SKIP_TAGS or element in in_forms:
            continue
        # data-email="info" data-domain="butik.se": an address a script puts together.
        for name, value in element.items():
            if name.startswith("data-") and value.strip():
                detail = detail_of(name[5:])
                if detail in ("email", "phone"):
                    yield _signal(doc, element, "placeholder", detail, _opening_tag(element))
                    break
        else:
            # Only an empty element or a leaf needs its text: reading every element's whole
            # subtree made a long page's cost its text times its depth.
            if element in blank:
                text = ""
            elif len(element) == 0:
                if not any(opening in (element.text or "") for opening in _TEMPLATE_OPENINGS):
                    continue  # a leaf's text with no template in it: most leaves of a page
                text = clean(element.text_content())
            else:
                continue
            if not text and not _has_media(element):
                detail = _labelled(element)
                if detail:
                    yield _signal(doc, element, "placeholder", detail, _opening_tag(element))
            elif text and len(element) == 0:
                for match in _TEMPLATE.finditer(text):
                    detail = detail_of(next(g for g in match.groups() if g))
                    if detail:
                        yield _signal(doc, element, "placeholder", detail, match.group(0))
                        break


def _blank_elements(body: lxml.html.HtmlElement) -> set[lxml.html.HtmlElement]:
    """The elements under ``body`` (itself included) whose ``clean(text_content())`` is empty,
    found bottom-up in one pass: an element is blank when its own text, its children and their
    tails are (a comment's content is no text, its tail is)."""
    blank: set[lxml.html.HtmlElement] = set()
    for element in reversed(list(body.iter())):  # every descendant before its ancestors
        if not isinstance(element.tag, str) or _has_text(element.text):
            continue
        if all((not isinstance(child.tag, str) or child in blank) and not _has_text(child.tail) for child in element):
            blank.add(element)
    return blank


def _has_text(text: str | None) -> bool:
    """Whether ``clean(text)`` keeps anything: a character that is neither whitespace nor a
    zero-width space (which ``clean`` folds)."""
    return text is not None and bool(text.replace("\u200b", "").strip())


def _has_media(element: lxml.html.HtmlElement) -> bool:
    return any(isinstance(d.tag, str) and d.tag.lower() in {"img", "svg", "picture", "iframe", "video", "canvas",
                                                             "object", "embed"} for d in element.iterdescendants())


def _labelled(element: lxml.html.HtmlElement) -> Detail | None:
    href = element.get("href")
    if href is not None and href.strip() not in ("", "#", "mailto:", "tel:"):
        return None  # a link somewhere: an icon link, not a place for text
    for attr in _LABEL_ATTRS:
        value = element.get(attr)
        if value:
            detail = detail_of(value)
            if detail:
                return detail
    return None


def _requests(doc: Document, page_url: str) -> Iterator[ScriptSignal]:
    own = (urlsplit(page_url).hostname or "").lower().removeprefix("www.")
    for script in doc.root.iter("script"):
        kind = (script.get("type") or "").lower()
        if script.get("src") or (kind and "javascript" not in kind and kind != "module"):
            continue
        code = script.text or ""
        # The literal each of _XHR's alternatives holds, looked for first: a long inline script
        # is scanned by ``in`` many times faster than by the pattern.
        if not any(word in code for word in _XHR_WORDS) or not _XHR.search(code):
            continue
        for match in _REQUEST.finditer(code):
            target = match.group(1)
            if target.startswith(("#", "data:", "blob:", "javascript:")):
                continue
            host = (urlsplit(urljoin(page_url, target)).hostname or "").lower().removeprefix("www.")
            if host != own:
                continue  # analytics, a chat vendor, a CDN: not the shop's own content
            path = urlsplit(target).path
            yield _signal(doc, script, "fetch", detail_of(path) or "", target[:200])


def _mounts(doc: Document) -> Iterator[ScriptSignal]:
    for element in doc.root.iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.lower()
        if tag == "script":
            code = element.text or ""
            if element.get("id") == "__NEXT_DATA__" or "window.__NUXT__" in code:
                yield _signal(doc, element, "mount", "", "__NEXT_DATA__" if element.get("id") else "window.__NUXT__")
            continue
        # The names of its attributes, asked once (an attribute is there when ``get`` gives a value)
        names = element.keys()
        named = ("id" in names and (element.get("id") or "").lower() in _MOUNT_IDS) or tag in _MOUNT_TAGS
        marked = not _MOUNT_ATTR_NAMES.isdisjoint(names)
        if (named or marked) and not clean(doc.element_text(element)):
            yield _signal(doc, element, "mount", "", _opening_tag(element))


def _noscript(doc: Document) -> Iterator[ScriptSignal]:
    for element in doc.root.iter("noscript"):
        text = clean(element.text_content())
        if text and _NEEDS_JS.search(text) and len(text) < 400:
            yield _signal(doc, element, "noscript", "", text[:200])
