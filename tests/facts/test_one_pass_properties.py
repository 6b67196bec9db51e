"""Property-based: the fast paths of extraction give what the slow ones gave.

* The page's text blocks come from one walk of lxml's own iteration; a plain recursive reading of
  the same rules (written here as the reference) gives the same blocks, element texts and
  locators on random trees of blocks, inline elements, line breaks, hidden and invisible parts.
* The phone gatherer skips text with fewer digits than a valid number has
  (:func:`~auditor.facts.phones.fewest_digits`): libphonenumber's matcher never finds a number in
  such text, whatever the separators, plus signs and words around the digits, and the gatherer
  finds the same numbers with the count and without it.
* The obfuscated-email pattern runs only where a stand-in for "@" stands (``_OB_AT_SIGN``): no
  text it matches lacks one.
* A line is scanned for postcodes once for all formats (``any_postcode_first``, ``any_town_first``)
  before each format's own pattern: the one scan finds something wherever a format's pattern does,
  and no format's pattern matches before where it first matched (each is read from there).
"""

from __future__ import annotations

import re
from unittest.mock import patch

import lxml.html
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from phonenumbers import Leniency, PhoneNumberMatcher

from auditor.facts import addresses, dom, emails, phones
from auditor.facts.dom import Document, TextBlock, clean, is_hidden
from auditor.facts.phones import fewest_digits, gather_phones

PROPERTY = settings(deadline=None, max_examples=150, suppress_health_check=[HealthCheck.too_slow])

# --------------------------------------------------------------------------- blocks: the reference


def _reference_inline(element: lxml.html.HtmlElement, parts: list[str]) -> None:
    if not isinstance(element.tag, str):
        return
    tag = element.tag.lower()
    if tag in dom._INVISIBLE or is_hidden(element):
        return
    if tag == "br":
        parts.append("\n")
        return
    if element.text:
        parts.append(element.text)
    for child in element:
        # A block inside is set apart by spaces, as a browser puts it on lines of its own.
        block = isinstance(child.tag, str) and child.tag.lower() in dom._BLOCK
        if block and not (child.tag.lower() in dom._INVISIBLE or is_hidden(child)):
            parts.append(" ")
        _reference_inline(child, parts)
        if block and not (child.tag.lower() in dom._INVISIBLE or is_hidden(child)):
            parts.append(" ")
        if child.tail:
            parts.append(child.tail)


def _reference_blocks(element: lxml.html.HtmlElement, out: list[TextBlock]) -> None:
    own: list[str] = []

    def flush() -> None:
        text = "\n".join(line for line in (clean(x) for x in "".join(own).split("\n")) if line)
        if text:
            out.append(TextBlock(text, element))
        own.clear()

    if element.text:
        own.append(element.text)
    for child in element:
        if not isinstance(child.tag, str):
            if child.tail:
                own.append(child.tail)
            continue
        tag = child.tag.lower()
        if tag in dom._INVISIBLE or is_hidden(child):
            pass
        elif tag == "br":
            own.append("\n")
        elif tag in dom._BLOCK:
            flush()
            row = dom._label_row(child)
            if row is not None:
                out.append(row)
            else:
                _reference_blocks(child, out)
        else:
            _reference_inline(child, own)
        if child.tail:
            own.append(child.tail)
    flush()


def _reference_locator(element: lxml.html.HtmlElement) -> str:
    parts: list[str] = []
    node: lxml.html.HtmlElement | None = element
    while node is not None and isinstance(node.tag, str) and node.tag != "html":
        ident = node.get("id")
        if ident and re.fullmatch(r"[A-Za-z][\w-]{0,60}", ident):
            parts.append(f"{node.tag}#{ident}")
            break
        parent = node.getparent()
        if parent is None:
            parts.append(node.tag)
            break
        same = [c for c in parent if c.tag == node.tag]
        parts.append(node.tag if len(same) == 1 else f"{node.tag}:nth-of-type({same.index(node) + 1})")
        node = parent
    return " > ".join(reversed(parts))


# --------------------------------------------------------------------------- blocks: random pages

_TAGS = ["div", "p", "li", "ul", "td", "th", "tr", "table", "h2", "section", "span", "a", "b", "em", "br",
         "script", "style", "template", "svg", "label", "button", "o:p"]
_ATTRS = ["", "", "", ' hidden', ' aria-hidden="true"', ' style="display: none"', ' style="color:red"',
          ' id="main"', ' id="x1"', ' class="footer"']
_WORDS = st.sampled_from(["", "", "Tel", "08-123 45 67", " ", "\n", "Ångerrätt", "14 dagar", "\u00a0", "info@x.se",
                          "&amp;", "Box 174 ", "\t", ":", "<!-- c -->", "<?pi x?>"])


def _html(depth: int) -> st.SearchStrategy[str]:
    if depth == 0:
        return _WORDS
    child = _html(depth - 1)

    @st.composite
    def element(draw: st.DrawFn) -> str:
        tag = draw(st.sampled_from(_TAGS))
        attrs = draw(st.sampled_from(_ATTRS))
        inner = "".join(draw(st.lists(st.one_of(_WORDS, child), max_size=4)))
        return f"<{tag}{attrs}>{inner}</{tag}>{draw(_WORDS)}"

    return st.one_of(_WORDS, element())


@PROPERTY
@given(st.lists(_html(4), min_size=1, max_size=5))
def test_blocks_element_texts_and_locators_are_the_recursive_readings(parts: list[str]) -> None:
    doc = Document(f"<html><body>{''.join(parts)}</body></html>", "https://x.se/")
    body = doc.root.find("body")
    expected: list[TextBlock] = []
    _reference_blocks(body if body is not None else doc.root, expected)
    assert [(b.text, b.element) for b in doc.blocks] == [(b.text, b.element) for b in expected]
    for element in doc.root.iter():
        if not isinstance(element.tag, str):
            continue
        reference: list[str] = []
        _reference_inline(element, reference)
        assert doc.element_text(element) == clean("".join(reference))
        assert doc.locator(element) == _reference_locator(element)


# --------------------------------------------------------------------------- phones

_REGIONS = ["SE", "NO", "DK", "FI", "DE", "AT", "GB", "NL", "ZZ"]
_SEPARATORS = st.sampled_from(["", " ", "-", ".", "/", "(", ")", " - ", "+", "00", "x", " ext. "])


@st.composite
def _few_digits(draw: st.DrawFn) -> tuple[str, str]:
    """A region and a line with fewer digits than that region's shortest number, digits set
    among separators, plus signs and words as a page writes them."""
    region = draw(st.sampled_from(_REGIONS))
    count = draw(st.integers(0, fewest_digits(region) - 1))
    text = draw(st.sampled_from(["", "Tel: ", "Ring oss på ", "+", "Phone +"]))
    for _ in range(count):
        text += draw(_SEPARATORS).replace("00", "") + draw(st.sampled_from("0123456789٣"))
    return region, text + draw(st.sampled_from(["", " kr", " Uhr", " Stockholm"]))


@PROPERTY
@given(_few_digits())
def test_the_matcher_finds_no_number_in_fewer_digits_than_the_shortest(case: tuple[str, str]) -> None:
    region, line = case
    assert list(PhoneNumberMatcher(line, region, leniency=Leniency.VALID)) == []


_PHONE_PIECES = st.sampled_from(["+49 30 1234567", "+46 8 123 45 67", "08-123 45 67", "17641857862", "+45 33",
                                 " 12 34 56", "040 123 4567", "Tel: ", "Telefon ", "Ring oss: ", "Org.nr ", "\n",
                                 " ", "-", "556677-8899", "09.00–17.00", "2024", "199 kr", "+", "12", "Box 174"])


@PROPERTY
@given(st.lists(st.lists(_PHONE_PIECES, max_size=8).map("".join), min_size=1, max_size=4),
       st.sampled_from(["SE", "DE", "NO", "ZZ"]))
def test_the_digit_count_first_drops_no_number(paragraphs: list[str], region: str) -> None:
    body = "".join(f"<p>{text}</p>" for text in paragraphs)
    doc = Document(f"<html><body><p>Öppet alla dagar</p>{body}</body></html>", "https://x.se/")
    fast = gather_phones(doc, region)
    with patch.object(phones, "fewest_digits", lambda _region: 0), patch.object(phones, "_LABELLED_MIN", 0):
        slow = gather_phones(doc, region)
    assert fast == slow


# --------------------------------------------------------------------------- emails

_EMAIL_PIECES = st.sampled_from(["info", "kund.service", " ", "[at]", "(at)", "{ät}", " snabel-a ", " ät ",
                                 "&#64;", "&#x40;", "@", "shop", "[dot]", "(punkt)", ".", "se", "com", "AT",
                                 "SNABEL-A", "Ät", "( at )", "x", " at ", " dot ", "\n", "ſnabel-a", "[\u0130t]"])


@PROPERTY
@given(st.lists(_EMAIL_PIECES, max_size=12))
def test_every_obfuscated_address_holds_a_stand_in_for_at(pieces: list[str]) -> None:
    text = "".join(pieces)
    if emails._OBFUSCATED.search(text):
        assert emails._OB_AT_SIGN.search(text)
        assert emails._has_ob_at(text)  # the quicker look the gatherer takes
    if emails._BARE.search(text):
        assert emails._BARE_SIGN.search(text)


# --------------------------------------------------------------------------- addresses

_ADDRESS_PIECES = st.sampled_from(["111 22", "10115", "0150", "00100", "1234 AB", "SW1A 1AA", "D02 X285", "LV-1050",
                                   "VLT 1117", "94 500", "NY 10001", "D-", "DK-", " ", ", ", "\u00a0", "Stockholm",
                                   "Berlin", "'s-Hertogenbosch", "København K", "Frankfurt am Main", "Oslo", "kr",
                                   "Box 174", "12.05.2024", "556677-8899", "Tel", "dagar", "Main Street 5", "CA",
                                   "Springfield, IL 62701", "Budapest", "1052", "-", "/"])


@PROPERTY
@given(st.lists(_ADDRESS_PIECES, min_size=1, max_size=8).map("".join))
def test_one_scan_of_all_postcode_formats_misses_no_format(line: str) -> None:
    grammar = addresses._grammar()
    if any(pattern.search(line) for pattern, _ in grammar.postcode_first):
        assert grammar.any_postcode_first.search(line)
    if any(pattern.search(line) for pattern, _ in grammar.town_first):
        assert grammar.any_town_first.search(line)


def _spans(matches: object) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in matches]  # type: ignore[attr-defined]


@PROPERTY
@given(st.lists(_ADDRESS_PIECES, min_size=1, max_size=8).map("".join))
def test_each_format_read_from_the_first_match_of_all_finds_what_it_finds_from_the_start(line: str) -> None:
    # ``_codes`` reads each format's pattern from where the scan of all formats first matched:
    # no pattern matches before it, and from there each finds every match it finds from the start.
    grammar = addresses._grammar()
    for union, patterns in ((grammar.any_postcode_first, grammar.postcode_first),
                            (grammar.any_town_first, grammar.town_first)):
        first = union.search(line)
        for pattern, _ in patterns:
            if first is None:
                assert pattern.search(line) is None
            else:
                assert _spans(pattern.finditer(line, first.start())) == _spans(pattern.finditer(line))


# --------------------------------------------------------------------------- clean


@PROPERTY
@given(st.text(alphabet=" \t\r\f\v\n\u00a0\u200b\u00ad\u2060\u2003ab.", max_size=30))
def test_clean_folds_only_the_runs_that_change_and_gives_what_folding_every_run_gave(text: str) -> None:
    """The same as dropping the characters a reader does not see, then folding every run."""
    seen = text.translate(dom._DROPPED)
    assert dom.clean(text) == dom._WS.sub(" ", seen.replace("\n", " ")).strip()
