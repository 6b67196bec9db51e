"""Email addresses on a page: ``mailto:`` links, plain text, obfuscations and Cloudflare's cipher.

Shops hide addresses from harvesters in many ways, and the law (ECD Art. 5(1)(c)) does not
care how: an address a person can read and use counts. So besides ``mailto:`` links and
addresses in the visible text this gatherer reads the usual obfuscations (``info [at] shop
[dot] se``, ``info(at)shop.se``, ``info snabel-a shop.se``) and decodes Cloudflare's email
protection, which replaces every address with a hex string XORed by its first byte.

Look-alikes are what makes email extraction go wrong: retina image names (``logo@2x.png``),
package versions (``lib@1.2.3``) and source maps. They are rejected by the shape of the
domain. Whether an address is the shop's own (``same_site``) or someone else's is recorded, not
judged: ``third_party`` with ``owner`` and ``owner_reason`` when its domain is a third party's
(``third_parties.toml``), when the sentence or short block before it names a third party or a
public body (``third_parties.owner_by_context``; never for an address at the site's own domain or
at a webmail service, which a named company does not use for its customers), or when it is example
data. The rules decide what counts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal
from urllib.parse import unquote

import lxml.html
import tldextract

from auditor.facts.dom import Document, excerpt
from auditor.facts.third_parties import Owner, example_address, is_webmail, owner_by_context, third_parties
from auditor.models import EmailFact

_Method = Literal["mailto", "text", "obfuscated", "cloudflare"]

#: Endings that make ``name@2x.png`` a file name, not an address. None of them is a TLD
#: that a shop would use for mail.
_FILE_ENDINGS = frozenset(
    {
        "png", "jpg", "jpeg", "gif", "webp", "avif", "svg", "bmp", "ico", "tif", "tiff",
        "js", "mjs", "css", "map", "json", "xml", "html", "htm", "php", "woff", "woff2", "ttf",
    }
)

# A domain label: letters or digits, hyphens inside. ``[^\W_]`` keeps IDN letters (blåbär.se).
_LABEL = r"[^\W_](?:[\w-]{0,61}[^\W_])?"
_TLD = r"[^\W\d_]{2,24}"
# The local part as shops write it; RFC 5322 allows more (``/``, ``=``, ``{``), but those turn
# URL paths and query strings into false addresses.
_LOCAL = r"[\w%+-]+(?:\.[\w%+-]+)*"

_ADDRESS = re.compile(rf"^{_LOCAL}@(?:{_LABEL}\.)+{_TLD}$")
_PLAIN = re.compile(rf"(?<![\w.%+-]){_LOCAL}@(?:{_LABEL}\.)+{_TLD}(?![\w-])")

# Bracketed stand-ins for "@" and ".": [at] (at) {at} [snabel-a], the Swedish "snabel-a" and
# "ät" as words, and "&#64;" left in the text by double escaping.
# The names of "@" in the shops' languages: Swedish and Danish "snabel-a", Norwegian "krøllalfa",
# Finnish "ät", "miukumauku", "kissanhäntä", "kukkamerkki", German "Klammeraffe"; "(a)" for short.
_AT_WORDS = r"(?:snabel-?a|ät|krøllalfa|alfakrøll|miukumauku|kissanhäntä|kukkamerkki|klammeraffe|affenschwanz)"
_OB_AT = (
    rf"(?:\s*[\[({{]\s*(?:at|a|@|{_AT_WORDS})\s*[\])}}]\s*"
    rf"|\s+{_AT_WORDS}\s+"
    r"|\s+@\s*|@\s+"  # "info @ shop.se", "info@ shop.se": the sign with a space beside it
    r"|\s*&#(?:0*64|[xX]0*40);\s*)"
)
_OB_DOT = r"(?:\s*[\[({]\s*(?:dot|punkt|prikk|piste|\.)\s*[\])}]\s*|\.)"
#: What every stand-in for "@" in ``_OB_AT`` holds, matched as ``_OBFUSCATED`` matches (ignoring case).
_OB_AT_SIGN = re.compile(r"[\[({]|snabel|ät|krøll|alfakr|miuku|kissan|kukkam|klammer|affen|\s@|@\s|&#", re.IGNORECASE)
#: The bracketed stand-ins' opening: a look that opens with a bracket is quick, ``_OB_AT_SIGN``
#: (and ``_OBFUSCATED``) are tried at every character, and prose has brackets.
_OB_AT_BRACKET = re.compile(r"[\[({]\s*(?:at|a\s*[\])}]|ät|snabel|@)|\s@|@\s", re.IGNORECASE)


def _has_ob_at(text: str) -> bool:
    """Whether ``text`` holds what a stand-in for "@" must: a bracketed one's opening, "&#", or
    "snabel" or "ät" in any case (case folding reads every letter the pattern's ignore-case
    matching equates with these as it)."""
    if "&#" in text or _OB_AT_BRACKET.search(text):
        return True
    folded = text.casefold()
    return any(word in folded for word in _AT_WORD_STEMS)


#: What every word of ``_AT_WORDS`` holds, folded.
_AT_WORD_STEMS = ("snabel", "ät", "krøll", "alfakr", "miuku", "kissan", "kukkam", "klammer", "affen")
_OBFUSCATED = re.compile(
    rf"(?<![\w.%+-])(?P<local>{_LOCAL}){_OB_AT}"
    rf"(?P<host>{_LABEL}(?:{_OB_DOT}{_LABEL})*{_OB_DOT}{_TLD})(?![\w-])",
    re.IGNORECASE,
)
# The bare "info at shop dot se" reads as prose too ("write to us at shop dot com"), so it is
# taken only when it fills a line on its own or follows a colon (an email label's, or a
# sentence's that announces it: "Email us the titles you'd like: shop at isp dot com"), and
# ends its clause (the line's end, a comma, a bracket, a sentence's full stop).
_EMAIL_LABEL = r"(?:e-?mail|e-?post|epost|mail|sähköposti|s-posti|email-adresse)"
_BARE = re.compile(
    rf"(?:^|\b{_EMAIL_LABEL}\s*:\s*|:\s+)(?P<local>{_LOCAL})\s+(?:at|snabel-?a)\s+"
    rf"(?P<host>{_LABEL}(?:(?:\s+dot\s+|\.){_LABEL})*(?:\s+dot\s+|\.){_TLD})\s*(?:$|[,;()]|\.(?:\s|$))",
    re.IGNORECASE | re.MULTILINE,
)
#: What every ``_BARE`` address holds ("at" or "snabel" after a space), matched as it is: a look
#: that opens with a space is quick, the address's pattern is tried at every character of a block.
_BARE_SIGN = re.compile(r"\s(?:at|snabel)", re.IGNORECASE)
_DOT_WORD = re.compile(
    r"\s*[\[({]\s*(?:dot|punkt|prikk|piste)\s*[\])}]\s*|\s+(?:dot|punkt|prikk|piste)\s+", re.IGNORECASE
)
# Retina and density suffixes in image names: logo@2x, icon@1.5x.
_DENSITY = re.compile(r"^\d+(?:\.\d+)?x\.", re.IGNORECASE)
_CLOUDFLARE_PATH = "/cdn-cgi/l/email-protection"

#: Preference when one address is found several ways: a link beats text beats the rest.
_RANK: dict[str, int] = {"mailto": 0, "text": 1, "obfuscated": 2, "cloudflare": 3}


@dataclass(frozen=True)
class _Found:
    address: str
    method: _Method
    element: lxml.html.HtmlElement
    excerpt: str
    #: The text the address stands in, where it starts there, and where the words that lead up
    #: to it end (a link's own words count: "Klarnas kundservice").
    context: str = ""
    start: int = 0
    lead: int = 0


def gather_emails(doc: Document, site_domain: str) -> list[EmailFact]:
    """Every email address on the page, once each, in the order first seen.

    ``site_domain`` is the audited site's host (or URL); an address whose registrable domain
    equals the site's is ``same_site``. When an address is found several ways the strongest
    method is kept: ``mailto`` over ``text`` over ``obfuscated`` over ``cloudflare``.
    """
    found: dict[str, _Found] = {}
    for item in (*_from_links(doc), *_from_cloudflare(doc), *_from_text(doc)):
        kept = found.get(item.address)
        if kept is None or _RANK[item.method] < _RANK[kept.method]:
            found[item.address] = item
    out: list[EmailFact] = []
    for item in found.values():
        third_party, same_site = classify_email(item.address, site_domain)
        owner = None if same_site else _owner(item, site_domain)
        out.append(
            EmailFact(
                url=doc.url,
                locator=doc.locator(item.element),
                excerpt=item.excerpt,
                region=doc.region(item.element),
                address=item.address,
                method=item.method,
                third_party=third_party or owner is not None,
                same_site=same_site,
                owner=owner.name if owner else "",
                owner_reason=owner.reason if owner else None,
            )
        )
    return out


def _owner(item: _Found, site_domain: str) -> Owner | None:
    """Whose an address not at the site's domain is, when not the trader's (by domain, example
    data, or the words before it), else None."""
    before = item.context[: item.start]
    if example_address(item.address, before):
        return Owner("", "example")
    host = item.address.rsplit("@", 1)[1]
    label = str(_extractor()(host).domain or "")
    if label in third_parties().domains:
        return Owner(registrable_domain(host), "domain")
    if is_webmail(label):
        return None
    return owner_by_context(item.context, item.lead)


def shows_plain_address(text: str) -> bool:
    """Whether a text holds an address written out plainly (no obfuscation needs decoding)."""
    return _PLAIN.search(text) is not None


def normalise_email(text: str) -> str | None:
    """``text`` as a lowercase address, or ``None`` when it is not one (or only looks like one).

    Accepts a ``mailto:`` URL as well: the query (``?subject=``) is dropped and
    percent-escapes are decoded.
    """
    value = text.strip()
    if value.lower().startswith("mailto:"):
        value = unquote(value[7:].split("?", 1)[0]).strip()
    value = value.lower()
    if len(value) > 254 or not _ADDRESS.match(value):
        return None
    host = value.rsplit("@", 1)[1]
    if host.rsplit(".", 1)[1] in _FILE_ENDINGS or _DENSITY.match(host):
        return None
    return value


def registrable_domain(host_or_url: str) -> str:
    """``shop.co.uk`` for ``www.shop.co.uk`` (or a URL on it), from the bundled suffix list."""
    parts = _extractor()(host_or_url.strip().lower())
    if parts.domain and parts.suffix:
        return f"{parts.domain}.{parts.suffix}"
    return str(parts.domain or "")


@lru_cache(maxsize=1)
def _extractor() -> tldextract.TLDExtract:
    # No suffix-list URLs and no cache directory: the snapshot shipped with tldextract is used,
    # so extraction never goes online and never writes to disk.
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def classify_email(address: str, site_domain: str) -> tuple[bool, bool]:
    """``(third_party, same_site)`` for a normalised address on the site ``site_domain``."""
    parts = _extractor()(address.rsplit("@", 1)[1])
    site = registrable_domain(site_domain)
    same_site = bool(site) and registrable_domain(address.rsplit("@", 1)[1]) == site
    # Auditing a listed company's own shop (klarna.se itself): its address is not third party.
    return not same_site and parts.domain in third_parties().domains, same_site


def _from_links(doc: Document) -> list[_Found]:
    out: list[_Found] = []
    for element in doc.root.iter("a", "area"):
        href = (element.get("href") or "").strip()
        if not href.lower().startswith("mailto:"):
            continue
        # mailto: may list several recipients separated by commas.
        recipients = unquote(href[7:].split("?", 1)[0])
        for part in recipients.split(","):
            address = normalise_email(part)
            if address:
                out.append(_Found(address, "mailto", element, _link_excerpt(doc, element),
                                  *_link_context(doc, element)))
    return out


def _from_cloudflare(doc: Document) -> list[_Found]:
    out: list[_Found] = []
    for element in doc.root.iter():
        if not isinstance(element.tag, str):
            continue
        codes = [element.get("data-cfemail") or ""]
        href = element.get("href") or ""
        if _CLOUDFLARE_PATH in href and "#" in href:
            codes.append(href.split("#", 1)[1])
        for code in codes:
            address = normalise_email(_cloudflare_decode(code)) if code else None
            if address:
                out.append(_Found(address, "cloudflare", element, _link_excerpt(doc, element),
                                  *_link_context(doc, element)))
    return out


def _cloudflare_decode(code: str) -> str:
    """Cloudflare's cipher: hex bytes, the first is the key XORed into each of the others."""
    try:
        data = bytes.fromhex(code.strip())
    except ValueError:
        return ""
    if len(data) < 2:
        return ""
    try:
        return bytes(b ^ data[0] for b in data[1:]).decode("utf-8")
    except UnicodeDecodeError:
        return ""


def _from_text(doc: Document) -> list[_Found]:
    out: list[_Found] = []
    for block in doc.blocks:
        text = block.text
        # Each pattern runs only where the sign it cannot match without stands: "@" for a plain
        # address, a bracket, "&#", "snabel" or "ät" for an obfuscated one (_OB_AT's stand-ins).
        if "@" in text:
            for match in _PLAIN.finditer(text):
                address = normalise_email(match.group())
                if address:
                    out.append(_Found(address, "text", block.element, excerpt(text, *match.span()), text,
                                      match.start(), match.start()))
        # "at" or "snabel" after a space for a bare one ("info at shop dot se").
        patterns = [_OBFUSCATED] if _has_ob_at(text) else []
        if _BARE_SIGN.search(text):
            patterns.append(_BARE)
        for pattern in patterns:
            for match in pattern.finditer(text):
                host = _DOT_WORD.sub(".", match.group("host"))
                if _social_handle(match):
                    continue
                address = normalise_email(f"{match.group('local')}@{host}")
                if address:
                    out.append(
                        _Found(address, "obfuscated", block.element, excerpt(text, *match.span()), text,
                               match.start(), match.start())
                    )
    return out


#: Who a spaced "@" addresses when it is no email: "Follow us @ instagram.com", "Tweet me @ …".
_PRONOUNS = frozenset({"us", "me", "we", "oss", "os", "mig", "meg", "uns", "mich", "meitä", "meille", "minua"})


def _social_handle(match: re.Match[str]) -> bool:
    """Whether an address read from a spaced "@" ("Follow us @ instagram.com") is a pronoun at a
    site, not an email: only a bracketed or named stand-in, or the sign with a mailbox before it,
    makes one."""
    written = match.group(0)[match.end("local") - match.start(0):match.start("host") - match.start(0)]
    if written.strip() != "@":
        return False
    return match.group("local").lower() in _PRONOUNS


def _link_context(doc: Document, element: lxml.html.HtmlElement) -> tuple[str, int, int]:
    """The text of the block a link stands in, and where the link's own text starts and ends there."""
    own = doc.element_text(element)
    if not own:
        return "", 0, 0
    node: lxml.html.HtmlElement | None = element
    while node is not None:
        for block in doc.blocks:
            if block.element is node and own in block.text:
                at = block.text.find(own)
                return block.text, at, at + len(own)
        node = node.getparent()
    return "", 0, 0


def _link_excerpt(doc: Document, element: lxml.html.HtmlElement) -> str:
    """Text of the nearest ancestor (or the element itself) that holds some visible text."""
    node: lxml.html.HtmlElement | None = element
    own = doc.element_text(element)
    while node is not None:
        text = doc.element_text(node)
        if text and (len(text) > len(own) or node.getparent() is None):
            start = text.find(own) if own else 0
            return excerpt(text, max(start, 0), max(start, 0) + len(own))
        node = node.getparent()
    return own[:200]
