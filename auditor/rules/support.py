"""Helpers the rules share: evidence from facts, where on a site a fact counts, and whether a
missing fact is really missing or only not seen.

The last question guards against the worst bug this tool can have, a wrong "fail". A fact is
*absent* only when the crawl saw the page where it belongs (a contact or imprint page was
fetched) or saw the whole site within its limits; otherwise the rule says ``needs_review``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Collection, Hashable, Iterable, Iterator, Sequence
from typing import Literal, Protocol, TypeVar
from urllib.parse import urlsplit

import phonenumbers

from auditor import lexicon
from auditor.facts.third_parties import AMPERSAND_WORDS, third_parties
from auditor.i18n import N_, Messages, Text, as_text, country, join, kind_name, language_in
from auditor.models import (
    AddressFact,
    CompanyNameFact,
    CrawlCoverage,
    EmailFact,
    Evidence,
    FetchFailure,
    OrgNumberFact,
    PageInfo,
    PageKind,
    PassageFact,
    PhoneFact,
    Region,
)
from auditor.web.urls import url_key

#: Companies a shop names that are not the shop: payment, delivery, platforms, analytics
#: (``facts/third_parties.toml``, the same list the email facts use).
THIRD_PARTIES = third_parties().pattern

class _Placed(Protocol):
    """A fact seen at one element of one page."""

    @property
    def url(self) -> str: ...
    @property
    def locator(self) -> str: ...


class _HasPlace(_Placed, Protocol):
    @property
    def excerpt(self) -> str: ...


class _InRegion(Protocol):
    @property
    def url(self) -> str: ...
    @property
    def region(self) -> Region: ...


_Item = TypeVar("_Item")
_P = TypeVar("_P", bound=_Placed)


#: Second-level labels under which a country's sites register (shop.co.uk, shop.com.au).
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "ac", "gov", "ltd", "plc", "me"})
_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "å": "aa", "æ": "ae", "ø": "oe", "ß": "ss"})


def _compact(text: str, *, fold: bool) -> str:
    text = text.casefold()
    if fold:
        text = text.translate(_FOLD)
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if c.isalnum())


def site_name_tokens(home_url: str) -> list[str]:
    """The distinctive words of a site's domain: ``www.jpc.de`` → ``["jpc"]``."""
    labels = [label for label in (urlsplit(home_url).hostname or "").split(".") if label]
    if len(labels) < 2:
        return []
    labels = labels[:-1]
    if len(labels) >= 2 and labels[-1] in _SECOND_LEVEL:
        labels = labels[:-1]
    label = labels[-1]
    if label.startswith("xn--"):
        try:
            label = label.encode("ascii").decode("idna")
        except UnicodeError:
            return []
    words = [w for w in re.split(r"[-_]", label) if len(w) >= 3]
    joined = label.replace("-", "").replace("_", "")
    return list(dict.fromkeys([joined, *words])) if len(joined) >= 3 else words


def names_the_site(name: str, home_url: str) -> bool:
    """Whether a company name carries the site's own name (``jpc-schallplatten … mbH`` on jpc.de)."""
    tokens = site_name_tokens(home_url)
    if not tokens:
        return False
    # "Stem & Twine" on stemandtwine.co.uk: an ampersand is written out in the domain
    spellings = [name, *(name.replace("&", f" {word} ") for word in _AMPERSAND if "&" in name)]
    for fold in (True, False):
        for spelling in spellings:
            compact = _compact(spelling, fold=fold)
            if any(_compact(token, fold=fold) in compact for token in tokens):
                return True
    return False


#: "&" written out as a domain spells a name (``facts/third_parties.AMPERSAND_WORDS``), and the
#: Dutch "en" ("Smit & Zonen", smitenzonen.nl), as :func:`names_the_site` reads it.
_AMPERSAND = (*AMPERSAND_WORDS, "en")


def trader_block(
    fact: _HasPlace, names: Sequence[CompanyNameFact], home_url: str, pages: Pages | None = None
) -> CompanyNameFact | None:
    """The site's own legal name in the same block of text as ``fact``, or None.

    A block such as "Ihr Vertragspartner: jpc-schallplatten Versandhandelsgesellschaft mbH –
    Lübecker Straße 9 – D-49124 Georgsmarienhütte" on a cart page identifies the trader as
    plainly as an imprint does. A third party's block (a payment provider's address) names
    another company, whose name does not carry the site's domain.
    """
    if pages is not None and pages.kind(fact.url) == PageKind.PRIVACY:
        return None  # the privacy policy's controller: the trader's, but not where consumers look
    return next((n for n in _named_with(fact, names)
                 if not THIRD_PARTIES.search(n.name) and names_the_site(n.name, home_url)), None)


def other_company_block(fact: _HasPlace, names: Sequence[CompanyNameFact], home_url: str) -> CompanyNameFact | None:
    """A legal name that is not the site's in the same block of text as ``fact``, or None: the
    block is about that company ("Fraktbolaget Norden AB – Hamngatan 3 – 411 06 Göteborg" on a
    checkout page is the carrier's)."""
    return next((n for n in _named_with(fact, names) if not names_the_site(n.name, home_url)), None)


def _named_with(fact: _HasPlace, names: Sequence[CompanyNameFact]) -> Iterator[CompanyNameFact]:
    """The legal names in the same block of text as ``fact`` (in its excerpt, or a block beside it)."""
    excerpt = fact.excerpt.casefold()
    for name in names:
        if name.url == fact.url and (name.name.casefold() in excerpt or _neighbours(name.locator, fact.locator)):
            yield name


def numbered_block(fact: _HasPlace, numbers: Sequence[OrgNumberFact]) -> OrgNumberFact | None:
    """A valid registration number in the same block of text as ``fact`` (or a block beside it),
    not a named third party's, or None.

    A block that states a registration number identifies whoever it is about as plainly as a
    legal name does: "… Havestuen v. Ida Holm. CVR-nr. 12345674 Mail: idaholm.have@hotmail.com" is the
    trader's own block, though a sole trader's name carries no legal form."""
    for number in numbers:
        if number.url != fact.url or not number.valid or THIRD_PARTIES.search(number.excerpt):
            continue
        if number.locator == fact.locator or _neighbours(number.locator, fact.locator):
            return number
    return None


_STEP = re.compile(r"^(?P<parent>.*?)(?P<tag>[a-z0-9]+)(?::nth-of-type\((?P<n>\d+)\))?$")


def _neighbours(a: str, b: str, reach: int = 2) -> bool:
    """Two blocks with the same parent, at most ``reach`` siblings apart: one statement split
    over lines ("… mbH – Lübecker Straße 9" then "Geschäftsführer: … HRB 110327")."""
    ma, mb = _STEP.match(a), _STEP.match(b)
    if not a or not b or ma is None or mb is None:
        return False
    if ma["parent"] != mb["parent"] or ma["tag"] != mb["tag"]:
        return False
    return abs(int(ma["n"] or 1) - int(mb["n"] or 1)) <= reach


#: Pages where a trader puts its own contact and identity details.
TRADER_PAGE_KINDS = frozenset(
    {PageKind.HOME, PageKind.CONTACT, PageKind.CUSTOMER_SERVICE, PageKind.IMPRINT, PageKind.ABOUT}
)
#: Pages where a shop states its terms: withdrawal, returns, complaints, dispute bodies.
TERMS_PAGE_KINDS = lexicon.TERMS_KINDS
#: Site-wide regions: what sits there is on every page.
SITE_WIDE = frozenset({Region.HEADER, Region.FOOTER, Region.NAV})


#: What the shared helpers say, in every report language.
MESSAGES = Messages(
    searched=N_("searched, not found here"),
    js_shell=N_("{url} appears to be built by JavaScript and its content was not seen"),
    js_shell_no_browser=N_("{url} appears to be built by JavaScript and its content was not seen without a browser"),
    robots=N_("robots.txt kept the crawler from {url}"),
    unreadable=N_("the page {url} could not be read ({reason})"),
    unvisited=N_("the page {url} was not visited"),
    no_section=N_("no {what} page was read"),
    document=N_("no {what} page was read, and the site links to a document the crawl does not read ({url})"),
    # A link to terms only a script can follow ({text}: its words; {url}: the page it is on).
    link_unclicked=N_("no {what} page was read, and the link '{text}' on {url} works only through a script and "
                     "was not clicked in a browser"),
    link_navigated=N_("no {what} page was read, and the link '{text}' on {url} led to {target}, which was not read"),
    link_popup=N_("no {what} page was read, and the link '{text}' on {url} opened a new window ({target}), "
                 "which was not read"),
    link_dialog=N_("no {what} page was read, and the link '{text}' on {url} opened a dialog box in the browser"),
    link_changed=N_("no {what} page was read, and the link '{text}' on {url} changed the page when clicked in a "
                   "browser (it may show them there)"),
    link_failed=N_("no {what} page was read, and the link '{text}' on {url} could not be clicked in a browser "
                  "({reason})"),
    note_dead_link=N_("clicked in a browser at {time}: nothing happened (no page, window, dialog box or change "
                     "to the page); the site has no page of its own with this information"),
    offsite=N_("the site links to a contact or imprint page on another site ({url}), which was not read"),
    budget=N_("no contact page was found and the page budget ({max_pages}) ran out before the whole site was read"),
    incomplete=N_("no contact page was found and not every page of the site could be read"),
    # A detail a rule saw and did not count ({item}: the detail; {kind}: the page; {why}: below).
    aside=N_("{item} on the {kind} page ({why})"),
    set_aside=N_("Set aside: {items}."),
    why_domain=N_("{owner}'s, by its domain"),
    why_context=N_("in a sentence or block naming {owner}"),
    why_public_body=N_("in a sentence naming {owner}, a public body"),
    why_example=N_("example data"),
    why_structured=N_("only in the page's structured data, not in its visible text"),
    why_third_party=N_("a third party's"),
    why_privacy=N_("only in the privacy policy, where a data-protection authority's details also stand"),
    why_not_trader=N_("not where the trader gives its own details, nor in a block naming the trader"),
    why_named_third_party=N_("with the name of a third party"),
    # Content a script may write, on a page no browser rendered ({excerpt}: the element or request).
    script_placeholder=N_("on {url} the element {excerpt} is empty in the page's HTML: a script may write the "
                          "details there, and the page was not rendered in a browser"),
    script_fetch=N_("on {url} a script fetches {excerpt} from the site after loading, which may hold the details, "
                    "and the page was not rendered in a browser"),
    script_mount=N_("{url} shows little without its scripts (an empty application root, {excerpt}), and it was "
                    "not rendered in a browser"),
    script_noscript=N_("{url} says it needs JavaScript ('{excerpt}'), and it was not rendered in a browser"),
    # A sign of where a trader is established: its pages are in a language the tool does not read.
    pages_in=N_("pages in {language}"),
)


class Pages:
    """Look up the fetched page a fact was seen on, by requested or final URL."""

    def __init__(self, pages: Sequence[PageInfo]) -> None:
        self.all = list(pages)
        self._by_key: dict[str, PageInfo] = {}
        for page in pages:
            self._by_key.setdefault(url_key(page.final_url), page)
            self._by_key.setdefault(url_key(page.url), page)

    def get(self, url: str) -> PageInfo | None:
        return self._by_key.get(url_key(url))

    def kind(self, url: str) -> PageKind:
        page = self.get(url)
        return page.kind if page else PageKind.OTHER

    def of_kinds(self, kinds: Iterable[PageKind]) -> list[PageInfo]:
        wanted = frozenset(kinds)
        return [p for p in self.all if p.kind in wanted and p.status < 400]

    def evidence(self, url: str, *, locator: str = "", excerpt: str = "", note: Text | str = "") -> Evidence:
        """Evidence for something seen on ``url``, with the page's fetch time and click path."""
        page = self.get(url)
        words = as_text(note)
        return Evidence(
            url=page.final_url if page else url,
            locator=locator,
            excerpt=excerpt,
            fetched_at=page.fetched_at if page else None,
            click_path=page.click_path if page else [],
            note=words.en,
            note_i18n=words.translations(),
        )

    def searched(self, limit: int = 10, note: Text | str = MESSAGES.entries["searched"]) -> list[Evidence]:
        """Evidence of absence: the pages that were read, most relevant kinds first. Marked
        ``searched`` and without an excerpt: a page's title is no quotation of what it says."""
        order = {kind: i for i, kind in enumerate(lexicon.KIND_ORDER)}
        ranked = sorted(
            (p for p in self.all if p.status < 400),
            key=lambda p: (p.kind != PageKind.HOME, order.get(p.kind, 99), p.depth, p.url),
        )
        return [self.evidence(p.final_url, note=note).model_copy(update={"searched": True}) for p in ranked[:limit]]


def passage_evidence(passage: PassageFact, pages: Pages, note: Text | str) -> Evidence:
    """Evidence for a passage: its page, element and sentence."""
    return fact_evidence(passage, pages, note)


def fact_evidence(fact: _HasPlace, pages: Pages, note: Text | str, *, fallback: str = "") -> Evidence:
    """Evidence for a fact: its page, element and excerpt, or ``fallback`` (the raw number, the
    address as written) when the fact has no excerpt."""
    return pages.evidence(fact.url, locator=fact.locator, excerpt=fact.excerpt or fallback, note=note)


def first_of_each(items: Iterable[_Item], key: Callable[[_Item], Hashable]) -> list[_Item]:
    """The first item of each ``key``, in the order given: one fact for a thing seen many times
    (an email address in every footer, a phone number in text and in a ``tel:`` link)."""
    seen: dict[Hashable, _Item] = {}
    for item in items:
        seen.setdefault(key(item), item)
    return list(seen.values())


def one_per_number(phones: Iterable[PhoneFact]) -> list[PhoneFact]:
    """The first sighting of each telephone number (by its E.164 form)."""
    return first_of_each(phones, lambda phone: phone.e164)


def one_per_place(facts: Iterable[_P]) -> list[_P]:
    """The first fact at each place (page URL and element locator): one passage a paragraph."""
    return first_of_each(facts, lambda fact: (fact.url, fact.locator))


def is_prominent(fact: _InRegion, pages: Pages) -> bool:
    """Whether a fact stands where a trader shows its own details: in the site-wide header,
    footer or navigation, or on the home, contact, customer-service, imprint or about page."""
    return fact.region in SITE_WIDE or pages.kind(fact.url) in TRADER_PAGE_KINDS


def _failure_kinds(failure: FetchFailure) -> dict[PageKind, float]:
    """What a page that could not be read may have been, by its URL and the link text to it."""
    lex = lexicon.load()
    kinds = dict(lex.url_kinds(failure.url))
    if failure.click_path:
        kinds.update(lex.text_kinds(failure.click_path[-1].text))
    return kinds


def is_contact_url(failure: FetchFailure) -> bool:
    """Whether a URL that could not be read looks like a contact or imprint page."""
    return any(kind in lexicon.CONTACT_KINDS for kind in _failure_kinds(failure))


#: Answers that say a page is gone: 404 Not Found, 410 Gone.
DEAD_STATUSES = frozenset({404, 410})


def gone(failure: FetchFailure) -> bool:
    """Whether the site's own server said the page is gone (404 or 410, and not a near-empty
    answer with a script, which a single-page application gives for its own routes). Only a
    live site's answer (or a saved copy that holds every file of the site) says so: a timeout,
    a 5xx or a file missing from a partial saved copy leaves the page unread, not gone."""
    return failure.kind == "http_status" and failure.status in DEAD_STATUSES and not failure.scripted


def section_doubt(
    pages: Pages, coverage: CrawlCoverage, kinds: frozenset[PageKind], what: Text | str
) -> Text | None:
    """Why information that belongs on pages of ``kinds`` (terms, returns, ...) may exist
    although it was not found, or None when its absence is established.

    On top of :func:`absence_doubt`: a page of those kinds must have been read, and none that
    looks like one may need JavaScript, have been blocked by robots.txt, have failed, or have
    been left unvisited when the budget ran out. ``what`` names the pages in the message.
    """
    doubt = absence_doubt(pages, coverage)
    if doubt:
        return doubt
    shells = [p for p in pages.all if p.js_shell and p.kind in kinds]
    if shells:
        return MESSAGES("js_shell", url=shells[0].final_url)
    lex = lexicon.load()
    for url in coverage.robots.blocked_urls:
        if lexicon.best_kind(lex.url_kinds(url)) in kinds:
            return MESSAGES("robots", url=url)
    for failure in coverage.failures:
        # A page that is gone is no page left unread: the dead link is a finding of its own.
        if not gone(failure) and lexicon.best_kind(_failure_kinds(failure)) in kinds:
            return MESSAGES("unreadable", url=failure.url, reason=failure.reason)
    for url in coverage.unvisited:
        if lexicon.best_kind(lex.url_kinds(url)) in kinds:
            return MESSAGES("unvisited", url=url)
    if not pages.of_kinds(kinds):
        linked = [p for p in pages.all if p.linked]
        return _no_section_doubt(
            coverage, kinds, what, linked_pages=len(linked),
            substantial=any(p.text_length >= _SUBSTANTIAL_TEXT and not p.js_shell for p in linked),
        )
    return None


#: Pages a crawl must reach by links before a site without any terms link counts as having no terms:
#: a bot wall or a placeholder answers with one page and no links.
_WHOLE_SITE_PAGES = 3
#: Characters of visible text that make a page a site's own content, not a bot wall, a placeholder
#: or a parked domain (those say a few sentences): a one-page shop with its products, ordering,
#: story and contact section has thousands.
_SUBSTANTIAL_TEXT = 1500


def _no_section_doubt(
    coverage: CrawlCoverage,
    kinds: frozenset[PageKind],
    what: Text | str,
    *,
    linked_pages: int = 0,
    substantial: bool = False,
) -> Text | None:
    """Why no page of ``kinds`` does not yet show that the site has none, or None when it does.

    Even after a complete crawl, shops without any terms page are rare, and terms reached only
    through scripts (a checkout link with ``href="#"`` that opens a dialog) are not. So absence is
    established only after a complete crawl in which a real browser drew the pages it renders
    (so links that scripts write were seen) and either the site has no link to such information
    at all, even a scripted one, or its links to it were all clicked and none of them did
    anything; a link not clicked or one that showed something keeps it in doubt, and so does a
    crawl that read the static HTML alone, and so does a crawl that reached fewer than
    :data:`_WHOLE_SITE_PAGES` pages (a bot wall, a placeholder or a one-page app may be all it saw),
    unless one of them carries a site's worth of text (``substantial``, of a page reached by links:
    a one-page shop)."""
    links = [link for link in coverage.script_links if link.kind in kinds]
    if not coverage.exhaustive:
        return MESSAGES("no_section", what=what)
    if coverage.document_links:  # the terms may be a PDF ("Köpvillkor (PDF)")
        return MESSAGES("document", what=what, url=coverage.document_links[0])
    if not links:
        rendered = coverage.render_mode != "never" and not coverage.render_error
        whole = linked_pages >= _WHOLE_SITE_PAGES or substantial
        return None if rendered and whole else MESSAGES("no_section", what=what)
    for link in links:
        click = link.click
        where = {"what": what, "text": link.text, "url": link.url}
        if click is None:
            return MESSAGES("link_unclicked", **where)
        if click.result == "navigated":
            return MESSAGES("link_navigated", target=click.url, **where)
        if click.result == "popup":
            return MESSAGES("link_popup", target=click.url or "about:blank", **where)
        if click.result == "dialog":
            return MESSAGES("link_dialog", **where)
        if click.result == "changed":
            return MESSAGES("link_changed", **where)
        if click.result == "failed":
            return MESSAGES("link_failed", reason=click.detail or "?", **where)
    return None


def searched_for_terms(pages: Pages, coverage: CrawlCoverage, limit: int = 10) -> list[Evidence]:
    """Evidence of absence for the terms rules: the site's dead links to its terms (when it has
    no terms page), then the pages read."""
    return dead_link_evidence(pages, coverage) + pages.searched(limit)


def dead_link_evidence(pages: Pages, coverage: CrawlCoverage) -> list[Evidence]:
    """Evidence that the site's links to its terms lead nowhere (clicked in a browser, nothing
    happened): part of the case for "absent" when no terms page exists."""
    if pages.of_kinds(TERMS_PAGE_KINDS):
        return []
    out: list[Evidence] = []
    for link in coverage.script_links:
        if link.kind in TERMS_PAGE_KINDS and link.click is not None and link.click.result == "nothing":
            time = link.click.clicked_at.strftime("%Y-%m-%d %H:%M UTC")
            out.append(pages.evidence(link.url, locator=link.locator, excerpt=link.text,
                                      note=MESSAGES("note_dead_link", time=time)))
    return out[:3]


#: The contact details a rule may ask :func:`absence_doubt` about.
Detail = Literal["email", "phone", "address", "identity"]
#: Below this much text in its main region, a contact page shows little without its scripts.
THIN_MAIN_TEXT = 200


def script_doubt(pages: Pages, detail: Detail) -> Text | None:
    """Why ``detail`` (not found) may be written by a script on a page no browser rendered, or None.

    The signals are recorded only for pages not rendered (a page Chromium rendered is judged on
    what it showed). They count where the detail belongs, and only as strongly as they point at it:

    1. an empty element labelled for this detail or for contact details in general
       (``<span class="email"></span>``, ``data-phone``, ``<div id="contact-info"></div>``), on a
       home, contact, customer-service, imprint or about page or in any page's header, footer or
       navigation: the shop made a place for the detail, so its absence from the HTML proves nothing;
    2. a request in an inline script to the site's own endpoint that names this detail or contact
       details (``fetch('/api/kontakt')``), on such a page;
    3. a request to another of the site's endpoints, an empty framework mount point or a
       ``<noscript>`` note that JavaScript is needed, on a contact, customer-service or imprint page
       (or the home page when no such page was read) whose main region shows little text
       (under :data:`THIN_MAIN_TEXT` characters): the page's content is the application's.

    A page with its content in the HTML and an unrelated framework mount (a cart, a cookie
    widget, a product carousel) therefore casts no doubt, and after a complete crawl the detail
    is judged missing; only a placeholder of the detail's own would change that.
    """
    contact_read = bool(pages.of_kinds(lexicon.CONTACT_KINDS))
    page_kinds = lexicon.CONTACT_KINDS if contact_read else lexicon.CONTACT_KINDS | {PageKind.HOME}
    for page in pages.all:
        if page.status >= 400 or not page.script_signals:
            continue
        trader_page = page.kind in TRADER_PAGE_KINDS
        for signal in page.script_signals:
            named = signal.detail in (detail, "contact")
            where = {"url": page.final_url, "excerpt": signal.excerpt}
            if signal.kind == "placeholder" and named and (trader_page or signal.region in SITE_WIDE):
                return MESSAGES("script_placeholder", **where)
            if signal.kind == "fetch" and named and trader_page:
                return MESSAGES("script_fetch", **where)
            if page.kind in page_kinds and signal.main_text < THIN_MAIN_TEXT:
                if signal.kind == "fetch":
                    return MESSAGES("script_fetch", **where)
                if signal.kind in ("mount", "noscript"):
                    return MESSAGES(f"script_{signal.kind}", **where)
    return None


def absence_doubt(pages: Pages, coverage: CrawlCoverage, detail: Detail | None = None) -> Text | None:
    """Why a fact not found may still exist on the site, or None when its absence is established.

    Absence is established when a contact, customer-service or imprint page was read (that is
    where the law wants the details) and nothing that looks like such a page failed, or when
    the crawl read every page within its limits. With ``detail``, a page no browser rendered
    whose scripts may write that detail keeps it in doubt too (:func:`script_doubt`).
    """
    shells = [p for p in pages.all if p.js_shell and (p.kind in TRADER_PAGE_KINDS)]
    if shells:
        return MESSAGES("js_shell_no_browser", url=shells[0].final_url)
    scripted = script_doubt(pages, detail) if detail is not None else None
    if scripted is not None:
        return scripted
    blocked_contact = [
        url for url in coverage.robots.blocked_urls if lexicon.best_kind(lexicon.load().url_kinds(url))
        in lexicon.CONTACT_KINDS
    ]
    if blocked_contact:
        return MESSAGES("robots", url=blocked_contact[0])
    failed_contact = [f for f in coverage.failures if is_contact_url(f) and not gone(f)]
    if failed_contact:
        f = failed_contact[0]
        return MESSAGES("unreadable", url=f.url, reason=f.reason)
    if coverage.offsite_contact_pages:
        elsewhere = coverage.offsite_contact_pages[0]
        return MESSAGES("offsite", url=elsewhere)
    if pages.of_kinds(lexicon.CONTACT_KINDS):
        return None
    if coverage.exhaustive:
        return None
    if coverage.budget_exhausted:
        return MESSAGES("budget", max_pages=coverage.max_pages)
    return MESSAGES("incomplete")


# --------------------------------------------------------------------------- set aside


def owner_reason(fact: EmailFact | PhoneFact | AddressFact) -> Text | None:
    """Why an email address, phone number or address is not the trader's by the facts (a third party's
    domain, a sentence naming another company or a public body, example data, structured data
    only), or None when the facts give no reason."""
    if fact.third_party:
        if fact.owner_reason == "example":
            return MESSAGES("why_example")
        if fact.owner_reason == "public_body":
            return MESSAGES("why_public_body", owner=fact.owner)
        if fact.owner_reason in ("context", "role"):
            return MESSAGES("why_context", owner=fact.owner)
        if fact.owner:
            return MESSAGES("why_domain", owner=fact.owner)
        return MESSAGES("why_third_party")
    if fact.method == "structured_data":
        return MESSAGES("why_structured")
    return None


def aside(item: str, url: str, why: Text, pages: Pages) -> Text:
    """One detail a rule saw and did not count: what, on which page, and why."""
    return MESSAGES("aside", item=item, kind=kind_name(pages.kind(url)), why=why)


def set_aside_note(entries: Sequence[Text], limit: int = 3) -> Text | None:
    """"Set aside: …" for the details a rule did not count (the first ``limit``), or None.

    A rule that says a detail is missing while the facts hold one of its kind names what it saw
    and why it did not count (issue 18: nothing found is silently dropped)."""
    if not entries:
        return None
    return MESSAGES("set_aside", items=join(entries[:limit], sep="; "))


def with_note(message: Text, note: Text | None) -> Text:
    """``message`` followed by ``note`` (a sentence of its own), when there is one."""
    return message if note is None else message + " " + note


#: Languages whose words the tool reads: the lexicons' (Norwegian pages say nb, no or nn).
READ_LANGUAGES = frozenset({*lexicon.LANGUAGES, "no", "nn"})


def own_phone_countries(phones: Iterable[PhoneFact], pages: Pages) -> list[tuple[str, str]]:
    """The countries the trader's own phones point to (site-wide, or on a page where the trader
    gives its details; not a third party's, not premium-rate, international numbers only), each
    with the number as written: what :func:`unknown_establishment` reads."""
    seen: list[tuple[str, str]] = []
    for phone in phones:
        if phone.third_party or phone.premium_rate or not phone.e164.startswith("+"):
            continue
        if phone.region in SITE_WIDE or pages.kind(phone.url) in TRADER_PAGE_KINDS:
            seen.append((phonenumbers.region_code_for_number(phonenumbers.parse(phone.e164)) or "", phone.raw))
    return seen


def own_address_and_phone_countries(
    addresses: Iterable[AddressFact], phones: Iterable[PhoneFact], pages: Pages
) -> list[tuple[str, str]]:
    """The countries the trader's own addresses (read as text, site-wide or on a page where the
    trader gives its details) and own phones point to, each with what showed it."""
    seen = [
        (a.country, ", ".join(p for p in (a.street, f"{a.postal_code} {a.town}".strip()) if p))
        for a in addresses
        if a.method == "text" and (a.region in SITE_WIDE or pages.kind(a.url) in TRADER_PAGE_KINDS)
    ]
    return seen + own_phone_countries(phones, pages)


def unknown_establishment(
    seen: Iterable[tuple[str, str]], pages: Sequence[PageInfo], known: Collection[str]
) -> Text | None:
    """What shows that the trader is established where the tool does not know the formats, or
    None: ``seen`` pairs a country code with what showed it (an address, a number, a phone of
    the trader's own); a page in a language without a lexicon counts too. A rule that finds
    nothing it can read says needs_review then, naming these, rather than fail."""
    signs: list[Text] = []
    shown: set[str] = set()
    for code, what in seen:
        if code and code.upper() not in known and what not in shown:
            shown.add(what)
            signs.append(Text(f"{what} (") + country(code) + ")")
    langs = {p.lang.split("-")[0].strip().lower() for p in pages if p.lang and p.kind in TRADER_PAGE_KINDS}
    signs.extend(MESSAGES("pages_in", language=language_in(lang)) for lang in sorted(langs - READ_LANGUAGES))
    return join(signs[:3], sep="; ") if signs else None
