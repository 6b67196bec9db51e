"""From a site's crawl to its facts: run every gatherer over every page, once per page.

Besides the per-page facts this module works out what only the whole site shows:

* the **kind** of each page (contact, imprint, terms, ...) from its URL, title, first heading
  and the text of the links that lead to it;
* the **shortest click path** from the home page to each page over every link seen, which
  does not depend on the order the crawler happened to fetch pages in;
* the **coverage** of the crawl, so that rules can tell "absent" from "not seen".
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any, TypeVar
from urllib.parse import urlsplit

from auditor import lexicon, profiles
from auditor.facts.accounts import gather_account_links
from auditor.facts.addresses import ADDRESS_COUNTRIES, gather_addresses
from auditor.facts.chat import gather_chat
from auditor.facts.dom import Document, clean
from auditor.facts.emails import gather_emails
from auditor.facts.forms import gather_forms
from auditor.facts.guard import Guard
from auditor.facts.identity import (
    gather_company_names,
    gather_org_numbers,
    gather_representatives,
    gather_trader_names,
)
from auditor.facts.language import detect_language
from auditor.facts.links import gather_links, gather_script_links
from auditor.facts.passages import gatherers
from auditor.facts.phones import gather_phones
from auditor.facts.scripts import gather_script_signals
from auditor.facts.structured import StructuredContact, gather_structured
from auditor.facts.third_parties import OWN_NAME_LETTERS, folded_name, names_own_site
from auditor.models import (
    UNLINKED_DEPTH,
    AddressFact,
    ChatFact,
    ClickStep,
    CompanyNameFact,
    CrawlCoverage,
    EmailFact,
    FormFact,
    FormSubmission,
    LinkFact,
    OrgNumberFact,
    PageInfo,
    PageKind,
    PageSnapshot,
    PassageFact,
    PhoneFact,
    Region,
    RepresentativeFact,
    ScriptLinkFact,
    SiteCrawl,
    SiteFacts,
    TraderNameFact,
)
from auditor.web.urls import host_key, is_document_url, is_page_url, url_key

_TITLE_SPLIT = re.compile(r"\s[|–—·:»-]\s|\s-\s")
_APP_ROOT = re.compile(r'<div[^>]+id=["\'](root|app|__next|__nuxt|svelte)["\']', re.I)

#: Below this much visible text, a page with an app root or a noscript note is a JS shell.
JS_SHELL_TEXT = 200


def guess_jurisdiction(url: str, lang: str) -> str:
    """The jurisdiction to apply when the user gave none: country TLD first, then page language
    (the ``[country]`` of the profiles)."""
    tld = _tld(url)
    return (tld and profiles.jurisdiction_of_tld(tld)) or profiles.jurisdiction_of_language(lang) or "eu"


def _tld(url: str) -> str:
    """The top-level domain of ``url``'s host ("se", "uk"), "" for a bare host or an address."""
    host = urlsplit(url).hostname or ""
    return host.rsplit(".", 1)[-1] if "." in host else ""


def phone_region(jurisdiction: str, lang: str, url: str = "") -> str:
    """Region for national-format numbers; ``ZZ`` (unknown) accepts international numbers only.

    The jurisdiction's country first, then the country of the site's domain where no profile
    covers it (an Irish shop's "087 214 6630" on .ie, a Swiss one's "061 261 48 73" on .ch: a
    national number is the country's where the trader is, whatever law applies), then the page's
    language."""
    region = profiles.country(jurisdiction).region
    domain = domain_region(url)
    if domain in ADDRESS_COUNTRIES and not profiles.jurisdiction_of_tld(_tld(url)):
        return domain
    return region or profiles.region_of_language(lang) or "ZZ"


#: Country-code domains whose region code differs from the domain.
_TLD_REGIONS = {"uk": "GB"}
#: Country domains used as generic ones (and .eu): they say nothing of where a site's owner is.
_GENERIC_TLDS = frozenset({"eu", "io", "co", "me", "tv", "ai", "ly", "to", "cc", "fm", "gg", "so", "sh", "ws", "la"})


def domain_region(url: str) -> str:
    """The region code of the country ``url``'s country domain names ("GB" for .uk), or "" for a
    generic domain, one used as generic (.io, .co) or a bare host."""
    tld = _tld(url)
    if len(tld) != 2 or tld in _GENERIC_TLDS:
        return ""
    return _TLD_REGIONS.get(tld, tld.upper())


def registrable_domain(url: str) -> str:
    """The site's own domain for telling its emails from third parties' (port dropped)."""
    host = urlsplit(url).hostname or ""
    return host[4:] if host.startswith("www.") else host


_Owned = TypeVar("_Owned", EmailFact, PhoneFact, AddressFact)


def _own_by_name(facts: list[_Owned], site_domain: str, own_names: frozenset[str] = frozenset()) -> list[_Owned]:
    """``facts`` with those set aside for naming a third party given back to the trader where that
    name is part of the site's own ("Ingrid Lie Foto" on ingridliefoto.no, not the carrier Ingrid),
    or is the company the site's copyright line names ("Tillverkare: Lerbruket AB" in a product's
    safety information, "© 2026 Lerbruket AB" in the footer: a maker selling its own goods)."""
    return [
        fact.model_copy(update={"third_party": False, "owner": "", "owner_reason": None})
        if fact.owner_reason in ("context", "role") and (
            names_own_site(fact.owner, fact.excerpt, site_domain) or folded_name(fact.owner) in own_names
        )
        else fact
        for fact in facts
    ]


#: The kinds of information a document link may hold in place of a page (terms, returns, complaints).
_LEGAL_DOCUMENT_KINDS = frozenset({PageKind.TERMS, PageKind.RETURNS, PageKind.COMPLAINTS})


def _legal_documents(links: list[LinkFact]) -> list[str]:
    """Same-site documents whose link text or address names terms, returns or complaints ("Köpvillkor
    (PDF)", /agb.pdf): the crawl does not read them, so information may be in them."""
    return list(dict.fromkeys(
        link.target for link in links
        if link.internal and is_document_url(link.target)
        and lexicon.named_kind(link.target, link.text) in _LEGAL_DOCUMENT_KINDS
    ))


#: Social networks and messengers: a "Contact me" link to a profile or a chat there leads to no
#: page of the trader's details the crawl missed, but to a channel (the labels count it as none).
_SOCIAL_HOSTS = frozenset({
    "instagram.com", "facebook.com", "fb.com", "fb.me", "m.me", "tiktok.com", "twitter.com", "x.com",
    "linkedin.com", "youtube.com", "youtu.be", "pinterest.com", "snapchat.com", "threads.net", "wa.me",
    "whatsapp.com", "t.me", "telegram.me", "bsky.app", "tumblr.com",
})


def _social(url: str) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return host in _SOCIAL_HOSTS or any(host.endswith(f".{social}") for social in _SOCIAL_HOSTS)


def offsite_contact_pages(links: list[LinkFact]) -> list[str]:
    """Targets of header, footer and navigation links that name a contact, customer-service or
    imprint page on another site (an Impressum hosted by the agency that built the shop); not a
    profile on a social network or a messenger's chat ("Contact me" to Instagram)."""
    found: dict[str, None] = {}
    for link in links:
        if link.internal or link.region == Region.MAIN or _social(link.target):
            continue
        if lexicon.named_kind(link.target, link.text) in lexicon.CONTACT_KINDS:
            found.setdefault(link.target, None)
    return list(found)


@dataclass
class _Facts:
    """The facts of one page's HTML (static or rendered)."""

    links: list[LinkFact] = field(default_factory=list)
    emails: list[EmailFact] = field(default_factory=list)
    phones: list[PhoneFact] = field(default_factory=list)
    addresses: list[AddressFact] = field(default_factory=list)
    org_numbers: list[OrgNumberFact] = field(default_factory=list)
    names: list[CompanyNameFact] = field(default_factory=list)
    trader_names: list[TraderNameFact] = field(default_factory=list)
    representatives: list[RepresentativeFact] = field(default_factory=list)
    forms: list[FormFact] = field(default_factory=list)
    passages: list[PassageFact] = field(default_factory=list)


def _facts_of(
    page: PageSnapshot, doc: Document, lang: str, region: str, hosts: frozenset[str], site_domain: str, html: str,
    guard: Guard,
) -> _Facts:
    """Every extractor over one page's HTML, each guarded: one that raises costs only its facts."""
    url = page.final_url
    out = _Facts(
        links=guard.run("gather_links", url, lambda: gather_links(doc, hosts)) or [],
        emails=guard.run("gather_emails", url, lambda: gather_emails(doc, site_domain)) or [],
        phones=guard.run("gather_phones", url, lambda: gather_phones(doc, region)) or [],
        addresses=guard.run("gather_addresses", url, lambda: gather_addresses(doc, region)) or [],
        org_numbers=guard.run("gather_org_numbers", url, lambda: gather_org_numbers(doc)) or [],
        names=guard.run("gather_company_names", url, lambda: gather_company_names(doc)) or [],
        trader_names=guard.run("gather_trader_names", url, lambda: gather_trader_names(doc, region)) or [],
        representatives=guard.run("gather_representatives", url, lambda: gather_representatives(doc)) or [],
        forms=guard.run("gather_forms", url,
                        lambda: gather_forms(doc, contact_page=is_contact_page(url, doc.title))) or [],
        passages=[
            passage
            for gather in gatherers()
            for passage in guard.run(f"passages.{gather.__module__.rsplit('.', 1)[-1]}", url,
                                     partial(gather, doc, lang)) or []
        ],
    )
    structured = guard.run("gather_structured", url, partial(gather_structured, html, url, region))
    structured = structured or StructuredContact()
    out.emails += structured.emails
    out.phones += structured.phones
    out.addresses += structured.addresses
    out.names += structured.company_names
    return out


#: What makes two facts of one page the same fact, per kind (the locator may differ after rendering).
_KEYS: dict[str, Callable[[Any], tuple[Any, ...]]] = {
    "links": lambda f: (f.target,),
    "emails": lambda f: (f.address,),
    "phones": lambda f: (f.e164,),
    "addresses": lambda f: (f.street, f.postal_code),
    "org_numbers": lambda f: (f.value,),
    "names": lambda f: (f.name,),
    "trader_names": lambda f: (f.method, f.name, f.trading_name),
    "representatives": lambda f: (tuple(f.names),),
    "passages": lambda f: (f.topic, f.excerpt),
}


@dataclass
class _Found(_Facts):
    """The site's facts: static ones, and rendered ones the static HTML did not have."""

    def add(self, facts: _Facts) -> None:
        for name in (*_KEYS, "forms"):
            getattr(self, name).extend(getattr(facts, name))

    def add_rendered(self, static: _Facts, rendered: _Facts) -> None:
        for name, key in _KEYS.items():
            known = {key(f) for f in getattr(static, name)}
            getattr(self, name).extend(
                f.model_copy(update={"rendered_only": True}) for f in getattr(rendered, name) if key(f) not in known
            )
        # A form is judged as the browser shows it: fields a script draws exist only there.
        static_forms = {(f.locator, tuple(f.fields)) for f in static.forms}
        for form in rendered.forms:
            new = (form.locator, tuple(form.fields)) not in static_forms
            if new:
                self.forms.append(form.model_copy(update={"rendered_only": True}))
        drawn = {f.locator for f in rendered.forms if not f.scripted}
        for shell in [f for f in static.forms if f.scripted and not f.vendor and f.locator in drawn]:
            self.forms.remove(shell)  # the shell's fields exist now: the rendered form replaces it


def _attach_submissions(forms: list[FormFact], url: str, submissions: list[FormSubmission]) -> None:
    """CI mode: the page shown after a test message decides what the consumer keeps."""
    rank = {"copy": 0, "case_number": 1, "confirmation": 2, "thread": 3, "": 4}
    for index, form in enumerate(forms):
        if form.url != url:
            continue
        sent = next((s for s in submissions if s.locator == form.locator and s.submitted), None)
        if sent is None:
            continue
        update: dict[str, Any] = {"submission": sent}
        if rank[sent.receipt] < rank[form.receipt]:
            update.update(receipt=sent.receipt, receipt_excerpt=sent.confirmation[:300], receipt_hidden=True)
        forms[index] = form.model_copy(update=update)


def _script_links_of(page: PageSnapshot, doc: Document, rendered: Document | None) -> list[ScriptLinkFact]:
    """Script-only links to terms of a page, each with the browser's click when it was clicked.

    The browser clicked the links of the rendered page; links only the static HTML had (a script
    removed them) stay unclicked."""
    static = gather_script_links(doc)
    if rendered is None or page.render is None:
        return static
    clicks = {click.locator: click for click in page.render.clicks}
    shown = [link.model_copy(update={"click": clicks.get(link.locator)}) for link in gather_script_links(rendered)]
    texts = {link.text for link in shown}
    return [*shown, *(link for link in static if link.text not in texts)]


def _rendered_ok(page: PageSnapshot) -> bool:
    render = page.render
    return render is not None and bool(render.html) and not render.error.startswith("could not load")


def _rendered_doc(page: PageSnapshot) -> Document | None:
    render = page.render
    if render is None or not render.html:
        return None
    return Document(render.html, render.final_url or page.final_url)


def rendered_doc_html(page: PageSnapshot) -> str:
    return page.render.html if page.render is not None else ""


def _chats_of(page: PageSnapshot, doc: Document, rendered: Document | None) -> list[ChatFact]:
    """Chat widgets of a page: vendor fingerprints in the static and rendered HTML, and what the
    browser saw when it opened them."""
    sightings = {s.vendor.key: s for s in gather_chat(doc)}
    static = set(sightings)
    if rendered is not None:
        for sighting in gather_chat(rendered):
            current = sightings.get(sighting.vendor.key)
            if current is None or (sighting.certain and not current.certain):
                sightings[sighting.vendor.key] = sighting
    observations = list(page.render.chats) if page.render is not None else []
    out: list[ChatFact] = []
    for sighting in sightings.values():
        match = next((o for o in observations if o.vendor == sighting.vendor.name), None)
        if match is None:  # a launcher no vendor names: opened beats tried (its reason and screenshot)
            match = next((o for o in observations if not o.vendor and o.opened), None) or next(
                (o for o in observations if not o.vendor and o.error), None)
        if match is not None:
            observations.remove(match)
        out.append(ChatFact(
            url=page.final_url, locator=sighting.locator, excerpt=sighting.value[:200],
            vendor=sighting.vendor.name, signal=sighting.signal,
            certain=sighting.certain or bool(match and match.opened),
            bot=sighting.vendor.bot or bool(match and match.bot),
            vendor_transcript=sighting.vendor.transcript, observed=match,
            rendered_only=sighting.vendor.key not in static,
        ))
    for observation in observations:
        # A widget no fingerprint names, found by what a person sees: opened, or tried and not opened
        # (a launcher the browser saw but could not open is still a chat the consumer sees).
        if observation.opened or observation.launcher:
            out.append(ChatFact(
                url=page.final_url, excerpt=observation.launcher[:200], vendor=observation.vendor or "unrecognised",
                signal="browser", certain=observation.opened, bot=observation.bot, observed=observation,
                rendered_only=True,
            ))
    return out


def is_contact_page(url: str, title: str) -> bool:
    """A contact, customer-service or imprint page by its URL and title."""
    return lexicon.named_kind(url, title) in lexicon.CONTACT_KINDS


def is_terms_page(url: str, title: str) -> bool:
    """A terms, returns or complaints page by its URL and title."""
    return lexicon.named_kind(url, title) in lexicon.TERMS_KINDS


def gather_site(crawl: SiteCrawl, jurisdiction: str | None = None) -> SiteFacts:
    """All facts of one crawled site. ``jurisdiction`` None means: guess it from the site."""
    hosts = frozenset(host_key(h) for h in crawl.site_hosts) or frozenset({host_key(urlsplit(crawl.start_url).netloc)})
    home_url = crawl.home_url or crawl.start_url
    docs = [(page, Document(page.html, page.final_url)) for page in crawl.pages]
    guard = Guard()
    langs = {id(doc): guard.run("detect_language", page.final_url, partial(_language_of, doc)) or ""
             for page, doc in docs}
    home_lang = next((langs[id(d)] for p, d in docs if p.depth == 0), "")
    juris = jurisdiction or guess_jurisdiction(home_url, home_lang)
    site_domain = registrable_domain(home_url)

    found = _Found()
    chats: list[ChatFact] = []
    script_links: list[ScriptLinkFact] = []
    for page, doc in docs:
        lang = langs[id(doc)] or home_lang
        region = phone_region(juris, lang, home_url)
        static = _facts_of(page, doc, lang, region, hosts, site_domain, page.html, guard)
        found.add(static)
        rendered_doc = _rendered_doc(page)
        if rendered_doc is not None:
            rendered = _facts_of(page, rendered_doc, lang, region, hosts, site_domain, rendered_doc_html(page), guard)
            found.add_rendered(static, rendered)
        chats.extend(guard.run("gather_chat", page.final_url, partial(_chats_of, page, doc, rendered_doc)) or [])
        script_links.extend(
            guard.run("gather_script_links", page.final_url, partial(_script_links_of, page, doc, rendered_doc)) or []
        )
        if page.render is not None and page.render.submissions:
            submissions = page.render.submissions
            guard.run("form_submissions", page.final_url,
                      partial(_attach_submissions, found.forms, page.final_url, submissions))
    links = found.links
    # the company the site's copyright line names is the trader (with and without its legal form)
    copyright_names = [n for n in found.names if n.method == "copyright"]
    own_names = frozenset(
        folded for n in copyright_names
        for folded in (folded_name(n.name), folded_name(n.name.removesuffix(n.legal_form)))
        if len(folded) >= OWN_NAME_LETTERS
    )
    emails = _own_by_name(found.emails, site_domain, own_names)
    phones = _own_by_name(found.phones, site_domain, own_names)
    addresses = _own_by_name(found.addresses, site_domain, own_names)
    org_numbers, names = found.org_numbers, found.names
    forms, passages = found.forms, found.passages

    pages = guard.run("page_infos", "", partial(_page_infos, docs, links, home_url, langs)) or []
    pages = [_with_script_signals(info, page, doc, guard) for info, (page, doc) in zip(pages, docs, strict=False)]
    # Links only a browser showed were not followed by the crawl: pages behind them are unread.
    read = {url_key(p.url) for p in crawl.pages} | {url_key(p.final_url) for p in crawl.pages}
    unread_rendered = list(dict.fromkeys(
        link.target for link in links
        if link.rendered_only and link.internal and is_page_url(link.target) and url_key(link.target) not in read
    ))
    coverage = CrawlCoverage(
        home_url=home_url,
        pages_fetched=len(crawl.pages),
        failures=crawl.failures,
        robots=crawl.robots,
        max_pages=crawl.max_pages,
        max_depth=crawl.max_depth,
        budget_exhausted=crawl.budget_exhausted,
        unvisited=[*crawl.unvisited, *unread_rendered],
        exhaustive=not crawl.budget_exhausted and not crawl.unvisited and not unread_rendered and crawl.error is None,
        render_mode=crawl.render_mode,
        render_error=crawl.render_error,
        offsite_contact_pages=guard.run("offsite_contact_pages", "", partial(offsite_contact_pages, links)) or [],
        script_links=script_links,
        document_links=guard.run("document_links", "", partial(_legal_documents, links)) or [],
        documents=crawl.documents,
    )
    account_links = guard.run("gather_account_links", "", partial(gather_account_links, links)) or []
    return SiteFacts(
        site=crawl.start_url,
        jurisdiction=juris,
        pages=pages,
        emails=emails,
        phones=phones,
        addresses=addresses,
        org_numbers=org_numbers,
        company_names=names,
        trader_names=found.trader_names,
        representatives=found.representatives,
        links=links,
        passages=passages,
        forms=forms,
        chats=chats,
        account_links=account_links,
        coverage=coverage,
        failed=guard.failed,
    )


def _with_script_signals(info: PageInfo, page: PageSnapshot, doc: Document, guard: Guard) -> PageInfo:
    """A page's signs that scripts may write content, when no browser showed it: a page rendered
    in Chromium is judged on what was rendered, so it has none."""
    if _rendered_ok(page):
        return info
    signals = guard.run("gather_script_signals", page.final_url, partial(gather_script_signals, doc, page.final_url))
    return info.model_copy(update={"script_signals": signals}) if signals else info


def _language_of(doc: Document) -> str:
    return detect_language(doc.text, doc.lang)


def _page_infos(
    docs: list[tuple[PageSnapshot, Document]], links: list[LinkFact], home_url: str, langs: dict[int, str]
) -> list[PageInfo]:
    paths = shortest_paths(home_url, links)
    incoming: dict[str, list[str]] = {}
    for link in links:
        if link.internal and link.text:
            incoming.setdefault(url_key(link.target), []).append(link.text)
    infos: list[PageInfo] = []
    for page, doc in docs:
        keys = [url_key(page.final_url), url_key(page.url)]
        shortest = next((paths[k] for k in keys if k in paths), None)
        linked = page.depth == 0 or shortest is not None or page.linked
        path = shortest if shortest is not None else (page.click_path if page.linked else [])
        texts = [t for k in keys for t in incoming.get(k, [])]
        kind = PageKind.HOME if page.depth == 0 else classify_page(doc, page.final_url, texts)
        text = doc.text
        infos.append(
            PageInfo(
                url=page.url,
                final_url=page.final_url,
                status=page.status,
                fetched_at=page.fetched_at,
                kind=kind,
                title=doc.title[:300],
                lang=langs.get(id(doc), doc.lang),
                depth=0 if page.depth == 0 else (len(path) if linked else UNLINKED_DEPTH),
                click_path=[] if page.depth == 0 else path,
                linked=linked,
                # A shell a browser rendered was seen: its content no longer hides.
                js_shell=is_js_shell(page.html, len(text)) and not _rendered_ok(page),
                text_length=len(text),
                rendered=page.render is not None,
                render_error=page.render.error if page.render is not None else "",
                screenshot=page.render.screenshot if page.render is not None else "",
                element_shots=dict(page.render.elements) if page.render is not None else {},
                element_boxes=dict(page.render.element_boxes) if page.render is not None else {},
                element_crops=dict(page.render.element_crops) if page.render is not None else {},
                warc=page.warc,
            )
        )
    return infos


def shortest_paths(home_url: str, links: list[LinkFact]) -> dict[str, list[ClickStep]]:
    """Breadth-first search over the internal links seen: the fewest clicks to every target."""
    out_links: dict[str, list[LinkFact]] = {}
    for link in links:
        if link.internal:
            out_links.setdefault(url_key(link.url), []).append(link)
    start = url_key(home_url)
    paths: dict[str, list[ClickStep]] = {start: []}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for link in out_links.get(node, []):
            key = url_key(link.target)
            if key not in paths:
                paths[key] = [*paths[node], ClickStep(text=link.text, url=link.target)]
                queue.append(key)
    return paths


def classify_page(doc: Document, url: str, incoming_texts: list[str]) -> PageKind:
    """The kind of a page: URL slug, first heading, title parts and incoming link texts vote."""
    lex = lexicon.load()
    votes: dict[PageKind, float] = {}

    def add(scores: dict[PageKind, float], weight: float) -> None:
        for kind, strength in scores.items():
            votes[kind] = votes.get(kind, 0.0) + weight * strength

    add(lex.url_kinds(url), 1.0)
    h1 = doc.root.find(".//h1")
    if h1 is not None:
        add(lex.text_kinds(doc.element_text(h1)), 0.9)
    for part in _TITLE_SPLIT.split(doc.title):
        add(lex.text_kinds(clean(part)), 0.5)
    if incoming_texts:
        tally: dict[PageKind, float] = {}
        for text in incoming_texts:
            for kind, strength in lex.text_kinds(text).items():
                tally[kind] = tally.get(kind, 0.0) + strength
        add({k: v / len(incoming_texts) for k, v in tally.items()}, 0.8)
    # A page that only a weak signal names stays "other": one stray word must not make a
    # product page the shop's contact page.
    strong = {k: v for k, v in votes.items() if v >= 0.5}
    return lexicon.best_kind(strong) or PageKind.OTHER


def is_js_shell(html: str, text_length: int) -> bool:
    """Whether the static HTML is an empty JavaScript application whose content we did not see."""
    if text_length >= JS_SHELL_TEXT:
        return False
    lowered = html.lower()
    return bool(_APP_ROOT.search(html)) or "<noscript" in lowered or lowered.count("<script") >= 3
