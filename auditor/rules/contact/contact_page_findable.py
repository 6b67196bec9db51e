"""A contact page is easy to find: at most two clicks from the home page, and reachable from every page.

What it checks
    A contact, customer-service or imprint page is reachable in at most 2 clicks from the home
    page (the shortest path over the links seen), and every page a consumer can land on carries
    the way to it: a link to it in the header, footer or navigation, or the trader's email
    address itself. The report shows the click path, and lists the pages that lack the way.

    Pages that count are the HTML pages read with a 2xx answer that the site's links lead to
    (home, category, product, terms pages...); the contact page itself has it. Redirects count
    as the page they end on; error answers, files that are not HTML, error pages answered with
    200 ("404" in the title) and pages a saved copy holds but no link leads to do not count. A
    link only in a page's main text does not count, unless other pages carry the same link in
    their header or footer (that page's header or footer was then not recognised as one). A
    page is not counted as lacking it when its content may be written by a script it was not
    rendered with (an empty application, a placeholder in its header or footer), when other
    pages show the link only after rendering and this one was not rendered, or when it is no
    whole page (no title, header, footer or navigation): such pages are named, not judged. A
    crawl that ran out of budget judges the pages it read.

    * pass: the trader's email address sits in the header or footer of most pages, or a contact
      page (or the home page, when it shows the email address) is at most 2 clicks away, and
      every page read that counts carries the way; on a site with no contact page and no email
      address at all, the home page showing the trader's telephone (a one-page site's contact
      section) is that page, or else an about page showing it;
    * partial: at most 2 clicks, but some pages lack the way ("N of M pages lack it", each one
      in the evidence); or exactly 3 clicks;
    * partial too: no page is named for contact, but the trader's own email address stands on
      a page at most 2 clicks away (the seller block of the terms, at the site's domain or beside
      the trader's name or registration number): the details are there, under another name;
    * fail: more than 3 clicks, or no such page on a site read in full.

    A link to a contact, customer-service or imprint page that answers 404 or 410 on a live site
    is a dead link, and a finding of its own, with the server's answer (its WARC record) as
    evidence. It makes a pass partial: the footer's "Impressum" is dead though a working
    "Kontakt" page two clicks away holds the details. It fails the site when it was the only
    way: no other contact page or details were found on a site read in full. When something
    else could not be checked (a page behind another link not read, an imprint on another
    site) it stays partial, the doubt named.

Why it matters
    Art. 5(1) Directive 2000/31/EC: the trader information must be "easily, directly and
    permanently accessible". Konsumentverket's 2023 sweep checked where contact details are
    placed; Norwegian preparatory works want a link on every page; two clicks was the most
    common depth in Göteborg's study of 100 shops.

Failing example      the contact page is four clicks deep, behind inspiration pages; or the
                     footer's only contact link, "Impressum", answers 404
Partial example      "Kontakt" in the footer of every page but the product pages
Passing example      "Kontakta oss" in the footer of every page
Needs review when    a link to a contact page was seen but the page could not be read (a
                     timeout, a 5xx answer, robots.txt, a file missing from a saved copy, a
                     404 whose answer only loads a script, as a single-page application's), or
                     it is on another site (an Impressum hosted elsewhere), or the crawl did
                     not read every page so a shorter path may exist, or most pages could not
                     be judged (scripts may write their header and footer).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from auditor import lexicon
from auditor.i18n import N_, NP_, Messages, Text, kind_name, region_name
from auditor.models import (
    Category,
    CrawlCoverage,
    EmailFact,
    Evidence,
    LinkFact,
    Outcome,
    PageInfo,
    PageKind,
    PhoneFact,
    RuleMeta,
    Severity,
)
from auditor.rule import AuditContext, FactView, Rule, Verdict, failed, needs_review, partial, passed, register
from auditor.rules import legal
from auditor.rules.dead_links import DeadLink, dead_keys, dead_links, without
from auditor.rules.support import MESSAGES as SUPPORT
from auditor.rules.support import (
    SITE_WIDE,
    THIN_MAIN_TEXT,
    Pages,
    absence_doubt,
    aside,
    first_of_each,
    names_the_site,
    numbered_block,
    owner_reason,
    set_aside_note,
    trader_block,
    with_note,
)
from auditor.web.urls import url_key

#: Click depths: at most PASS_DEPTH passes, PARTIAL_DEPTH is partial, deeper fails.
PASS_DEPTH = 2
PARTIAL_DEPTH = 3
#: Share of pages read whose header or footer must show the email address for it to stand in
#: for a contact page; and share of pages that must be judged (not in doubt) for a pass.
SITE_WIDE_SHARE = 0.5
#: Pages lacking the way to the contact details shown as evidence (the message gives the count).
LACKING_SHOWN = 10
#: An error page answered with 200: its title names an error status.
_ERROR_TITLE = re.compile(r"(?<!\d)(?:40[0-4]|410|50[0-4])(?!\d)")

#: Every message of this rule, in English (translated in auditor/locale).
MESSAGES = Messages(
    details_site_wide=N_(
        "Contact details ({email}) are in the {region} of {count} of {total} pages read: reachable "
        "without a click from every page.",
    ),
    details_and_links=N_(
        "Contact details ({email}) are in the {region} of {count} of {total} pages read, and every other page "
        "read links to a contact page.",
    ),
    details_lacking=N_(
        "Contact details ({email}) are in the {region} of {count} of {total} pages read, but {lacking} of the "
        "pages read show neither the details nor a link to a contact or imprint page in their header, footer or "
        "navigation (first: {url}). They should be reachable from every page.",
    ),
    not_linked=N_(
        "A contact page ({url}) is among the saved pages, but no link from the home page leads to it; "
        "whether consumers reach it (a script, a menu not saved) cannot be told.",
    ),
    click=N_("click"),
    clicks=N_("clicks"),
    path_home=N_("the home page itself"),
    path=N_("Home → {steps}"),
    reach=NP_(
        "{count} of {total} pages read shows a link to it in its header, footer or navigation, or the contact "
        "details",
        "{count} of {total} pages read show a link to it in their header, footer or navigation, or the contact "
        "details",
        count="count",
    ),
    place_home=N_(
        "The home page itself shows the contact details (0 clicks)",
    ),
    place_page=N_(
        "Contact page {url} is {depth} {clicks} from the home page",
    ),
    near_site_wide=N_("{place}; {where}."),
    details_elsewhere=N_(
        "No page is named for contact, but the trader's email address ({email}) stands on the {kind} page {url}, "
        "{depth} {clicks} from the home page: the details are there, under a name consumers do not look for first.",
    ),
    note_details_elsewhere=N_("the trader's email address, on a page not named for contact"),
    near_lacking=N_(
        "{place}, but {lacking} of {total} pages read lack it: no link to a contact or imprint page in their "
        "header, footer or navigation, nor the contact details (first: {url}). It should be reachable from "
        "every page.",
    ),
    near_unsure=N_(
        "{place}; {where}; for the other pages it cannot be told ({reason}).",
    ),
    unsure_note=N_("Pages that could not be judged: {count} ({reason})."),
    unsure_shell=N_("{url} appears to be built by JavaScript and its content was not seen"),
    unsure_script=N_("a script may write the header or footer of {url} ({excerpt}), and it was not rendered in a "
                     "browser"),
    unsure_rendered=N_("other pages show the way to the contact details only after their scripts ran, and {url} "
                       "was not rendered in a browser"),
    unsure_fragment=N_("{url} is no whole page (no title, header, footer or navigation)"),
    three_clicks=N_(
        "Contact page {url} is {depth} clicks from the home page ({where}); two clicks at most is the "
        "practice regulators look for.",
    ),
    deep_incomplete=N_(
        "The only contact page found ({url}) is {depth} clicks from the home page, but not every page "
        "could be read, so a shorter path may exist.",
    ),
    too_deep=N_(
        "The contact page {url} is {depth} clicks from the home page ({path}): more than {limit}.",
    ),
    unread_link=N_(
        "A link '{text}' leads to {target}, {depth} clicks from the home page, but that page was not read.",
    ),
    deep_link=N_(
        "The only link to a contact page ('{text}') is {depth} clicks from the home page.",
    ),
    offsite=N_(
        "The link '{text}' leads to a page on another site ({target}), which the crawl does not read; "
        "check there whether the trader's contact details are easy to find.",
    ),
    doubt=N_(
        "No contact or customer-service page found, but {doubt}.",
    ),
    named_other=N_(
        "No contact page found; the home page shows an email address ({email}) in a sentence or block naming "
        "{owner}. If it is the trader's, the home page is the contact page; check whose it is.",
    ),
    none=NP_(
        "No contact, customer-service or imprint page: the {count} page read is every page within the "
        "crawl's limits.",
        "No contact, customer-service or imprint page among the {count} pages read, which are every "
        "page within the crawl's limits.",
        count="count",
    ),
    dead_one=N_(
        "The link '{text}' leads to {url}, which answers HTTP {status}: consumers who follow it to the {kind} "
        "page find an error page.",
    ),
    dead_many=N_(
        "{count} links to contact or imprint pages answer 404 or 410, first '{text}' ({url}, HTTP {status}): "
        "consumers who follow them find an error page.",
    ),
    note_home_details=N_("contact details on the home page"),
    note_details_region=N_("contact details in the {region}"),
    note_not_linked=N_("{kind} page, not linked"),
    note_depth=N_(
        "{kind} page, {depth} {clicks} from the home page: {path}",
    ),
    note_site_wide_link=N_("site-wide link in the {region}"),
    note_repeated_link=N_("the same link on {count} of {total} pages: the pages' menu"),
    note_lacking=N_(
        "no link to a contact or imprint page in the header, footer or navigation, nor the contact details",
    ),
    note_unread_link=N_(
        "link to a contact page at {depth} clicks, not read",
    ),
    note_offsite=N_(
        "link to a contact or imprint page on another site, in the {region}",
    ),
)


@register
class ContactPageFindable(Rule):
    meta = RuleMeta(
        id="contact-page-findable",
        title=N_("The contact details are easy to find"),
        failure_title=N_("The contact page is missing or hard to find"),
        partial_title=N_("The way to the contact details has shortcomings"),
        review_title=N_("Whether the contact details are easy to find could not be determined"),
        na_title=N_("An easy-to-find contact page is not required here"),
        description=N_(
            "Contact details must be easily, directly and permanently accessible: a contact page "
            "at most two clicks from the home page and linked from every page's header or footer."
        ),
        fix=N_(
            "Link the contact page (or the imprint) from the header or footer of every page, so that it is "
            "never more than two clicks from the home page."
        ),
        category=Category.CONTACT,
        severity=Severity.HIGH,
        requires=("pages", "links", "coverage", "emails", "phones", "company_names", "org_numbers"),
        legal_refs=(legal.ECD_5_1, legal.KOV_2023, legal.NO_OTPRP_31, legal.DE_DDG_5),
    )

    def evaluate(self, facts: FactView, ctx: AuditContext) -> Verdict:
        pages = Pages(facts.pages)
        dead = dead_links(facts.coverage, facts.links, lexicon.CONTACT_KINDS)
        # A page that answered 404 is no page left unread: what it does to the verdict is below.
        coverage = without(facts.coverage, dead)
        return _with_dead_links(_judge(facts, pages, coverage, dead), dead, pages)


def _judge(facts: FactView, pages: Pages, coverage: CrawlCoverage, dead: list[DeadLink]) -> Verdict:
    readable = [p for p in pages.all if p.status < 400]
    details = _contact_details(facts)
    contact_pages = pages.of_kinds(lexicon.CONTACT_KINDS)
    # Contact details on the home page itself: that page is the contact page, 0 clicks away.
    home = next((p for p in readable if p.depth == 0), None)
    on_home: list[EmailFact | PhoneFact] = [d for d in details if home is not None and pages.get(d.url) is home]
    if home is not None and not details and not contact_pages:
        # No contact page and no email of the trader anywhere, but its telephone on the home page
        # (a one-page site's contact section): that page is where a consumer finds the trader;
        # else its telephone on an about page ("Om oss" with the phone and the address).
        phones = [p for p in facts.phones if not p.third_party and p.valid and p.method != "structured_data"]
        on_home = [p for p in phones if pages.get(p.url) is home]
        if not on_home:
            contact_pages = [page for page in readable if page.kind == PageKind.ABOUT
                             and any(pages.get(p.url) is page for p in phones)]
    if home is not None and on_home:
        contact_pages.append(home)
    reach = _reach(pages, facts.links, details or on_home, contact_pages, coverage)
    in_footer = _site_wide_details(details, reach, pages)
    if in_footer is not None:
        return in_footer
    order = {kind: i for i, kind in enumerate(lexicon.KIND_ORDER)}
    contact_pages.sort(key=lambda p: (p.depth, order.get(p.kind, 99), p.url))
    if contact_pages:
        shown = [
            pages.evidence(d.url, locator=d.locator, excerpt=d.excerpt, note=MESSAGES("note_home_details"))
            for d in on_home[:1]
        ]
        return _judge_found(contact_pages, reach, facts.links, pages, facts, coverage, shown, dead_keys(dead))
    elsewhere = _details_elsewhere(facts, pages)
    if elsewhere is not None:
        return elsewhere
    return _judge_missing(facts.links, pages, facts, coverage, dead_keys(dead))


def _details_elsewhere(facts: FactView, pages: Pages) -> Verdict | None:
    """Partial when no page is named for contact, but the trader's own email stands on a page at
    most PASS_DEPTH clicks away (the seller block of the terms: "… Mail: info@shop.fi"): the
    details are there, under a name a consumer does not look for first (the privacy notice
    included, where an address at the site's domain or the controller's numbered block gives
    them). None otherwise.

    The trader's own: at the site's domain, named after the site, or in a block naming the
    trader or stating its registration number; never a third party's or example data."""
    home = facts.coverage.home_url
    own = [
        e for e in _contact_details(facts)
        if (page := pages.get(e.url)) is not None and page.linked and 200 <= page.status < 300
        and page.depth <= PASS_DEPTH
        and (e.same_site or names_the_site(e.address.split("@", 1)[0], home)
             or trader_block(e, facts.company_names, home, pages) is not None
             or numbered_block(e, facts.org_numbers) is not None)
        # in the privacy notice only the site's own address or the controller's numbered block
        # (an app's legal pages often give the trader there and nowhere else)
        and (page.kind != PageKind.PRIVACY or e.same_site or numbered_block(e, facts.org_numbers) is not None)
    ]
    if not own:
        return None
    email = min(own, key=lambda e: (_depth(e, pages), e.url))
    page = pages.get(email.url)
    assert page is not None
    clicks = MESSAGES("click") if page.depth == 1 else MESSAGES("clicks")
    return partial(
        MESSAGES("details_elsewhere", email=email.address, kind=kind_name(page.kind), url=page.final_url,
                 depth=page.depth, clicks=clicks),
        [pages.evidence(page.final_url, excerpt=page.title,
                        note=MESSAGES("note_depth", kind=kind_name(page.kind), depth=page.depth, clicks=clicks,
                                      path=_path_text(page))),
         pages.evidence(email.url, locator=email.locator, excerpt=email.excerpt,
                        note=MESSAGES("note_details_elsewhere"))],
    )


def _depth(email: EmailFact, pages: Pages) -> int:
    page = pages.get(email.url)
    return page.depth if page is not None else 99


def _contact_details(facts: FactView) -> list[EmailFact]:
    """The trader's own email addresses shown on pages.

    Email is the channel the law always requires (CJEU C-298/07); a phone number in the footer
    with the only way to write four clicks deep is not "contact details easy to find"."""
    return [e for e in facts.emails if not e.third_party and e.method != "structured_data"]


# --------------------------------------------------------------------------- every page


@dataclass
class _Reach:
    """The pages a consumer can land on, by whether they carry the way to the contact details."""

    having: list[PageInfo] = field(default_factory=list)
    lacking: list[PageInfo] = field(default_factory=list)
    unsure: list[tuple[PageInfo, Text]] = field(default_factory=list)
    #: links to a contact page that most pages repeat outside a recognised header or footer
    #: (target, text) -> on how many pages
    repeated: dict[tuple[str, str], int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return len(self.having) + len(self.lacking) + len(self.unsure)

    @property
    def judged_most(self) -> bool:
        """More than half of the pages carry it: the rest is doubt, not the rule."""
        return len(self.having) > SITE_WIDE_SHARE * max(1, self.total)

    def where(self) -> Text:
        return MESSAGES("reach", count=len(self.having), total=self.total)

    def unsure_note(self) -> Text | None:
        if not self.unsure:
            return None
        return MESSAGES("unsure_note", count=len(self.unsure), reason=self.unsure[0][1])

    def lacking_evidence(self, pages: Pages) -> list[Evidence]:
        return [pages.evidence(p.final_url, locator="body", excerpt=p.title, note=MESSAGES("note_lacking"))
                for p in self.lacking[:LACKING_SHOWN]]


def _landing_pages(pages: Pages) -> list[PageInfo]:
    """The pages read that a consumer can land on: HTML answered 2xx, reached by the site's links,
    no error page answered with 200; a page reached by two URLs (a redirect) once."""
    seen: set[str] = set()
    out: list[PageInfo] = []
    for page in sorted(pages.all, key=lambda p: (p.depth, p.final_url)):
        key = url_key(page.final_url)
        if not 200 <= page.status < 300 or not page.linked or key in seen or _ERROR_TITLE.search(page.title):
            continue
        seen.add(key)
        out.append(page)
    return out


def _reach(
    pages: Pages, links: list[LinkFact], details: Sequence[EmailFact | PhoneFact], contact_pages: list[PageInfo],
    coverage: CrawlCoverage,
) -> _Reach:
    """Which pages carry a link to a contact page in their header, footer or navigation, or the
    details themselves; which lack both; and which cannot be told."""
    targets = {url_key(p.final_url) for p in contact_pages} | {url_key(p.url) for p in contact_pages}
    offsite = set(coverage.offsite_contact_pages)

    def is_way(link: LinkFact) -> bool:
        if not link.internal:
            return link.target in offsite
        return url_key(link.target) in targets or _names_contact(link)

    ways = [link for link in links if is_way(link)]
    chrome = {(url_key(link.target), link.text.casefold()) for link in ways if link.region in SITE_WIDE}
    by_page: dict[str, list[LinkFact]] = {}
    for link in links:
        by_page.setdefault(url_key(link.url), []).append(link)
    landing = _landing_pages(pages)
    # A menu the pages' template repeats is their navigation, though no tag or class says so (an
    # old table layout's menu column, a bar of links under the text): the same link to the
    # contact page on most pages.
    repeated = _repeated_ways(landing, by_page, is_way)
    chrome |= set(repeated)
    with_details = {url_key(d.url) for d in details}
    # The way seen only after scripts ran: a page not rendered may lack it only in its HTML. (A
    # detail a script writes into one page's text, "email us" on the home page, is no way in the
    # pages' header or footer.)
    scripted_way = any(link.rendered_only for link in ways if link.region in SITE_WIDE) or any(
        d.rendered_only and d.region in SITE_WIDE for d in details)
    reach = _Reach(repeated=repeated)
    for page in landing:
        key = url_key(page.final_url)
        own = by_page.get(key, [])
        has = (
            page.kind in lexicon.CONTACT_KINDS
            or key in with_details
            or any(link.region in SITE_WIDE and is_way(link) for link in own)
            # The same link other pages carry in their header or footer: this page's header or
            # footer was not recognised as one.
            or any((url_key(link.target), link.text.casefold()) in chrome for link in own if is_way(link))
        )
        if has:
            reach.having.append(page)
            continue
        doubt = _page_doubt(page, own, scripted_way)
        if doubt is None:
            reach.lacking.append(page)
        else:
            reach.unsure.append((page, doubt))
    return reach


def _repeated_ways(
    landing: list[PageInfo], by_page: dict[str, list[LinkFact]], is_way: Callable[[LinkFact], bool]
) -> dict[tuple[str, str], int]:
    """The links to a contact page (target and text) that more than half of the landing pages
    carry, when there are at least :data:`REPEATED_PAGES` of them (the template's menu), with the
    number of pages that carry each."""
    if len(landing) < REPEATED_PAGES:
        return {}
    counts: dict[tuple[str, str], int] = {}
    for page in landing:
        for way in {(url_key(link.target), link.text.casefold()) for link in by_page.get(url_key(page.final_url), [])
                    if is_way(link)}:
            counts[way] = counts.get(way, 0) + 1
    return {way: count for way, count in counts.items() if count * 2 > len(landing)}


#: The fewest pages on which a repeated link makes a template's menu.
REPEATED_PAGES = 4


def _page_doubt(page: PageInfo, own: list[LinkFact], scripted_way: bool) -> Text | None:
    """Why a page without the way to the contact details may still show it, or None."""
    where = {"url": page.final_url}
    if page.js_shell:
        return MESSAGES("unsure_shell", **where)
    if not page.rendered or page.render_error:
        if scripted_way:
            return MESSAGES("unsure_rendered", **where)
        for signal in page.script_signals:
            thin = signal.kind in ("mount", "noscript", "fetch") and signal.main_text < THIN_MAIN_TEXT
            if signal.region in SITE_WIDE or signal.detail in ("contact", "email") or thin:
                return MESSAGES("unsure_script", excerpt=signal.excerpt, **where)
    if not page.title.strip() and not any(link.region in SITE_WIDE for link in own):
        return MESSAGES("unsure_fragment", **where)
    return None


def _site_wide_details(details: list[EmailFact], reach: _Reach, pages: Pages) -> Verdict | None:
    """The contact details themselves in the header or footer of most pages: no click is needed.
    Pass when every other page links to a contact page, partial when some show neither; None
    when the details are not site-wide (the contact page decides)."""
    site_wide = [d for d in details if d.region in SITE_WIDE]
    with_details = {url_key(d.url) for d in site_wide}
    landing = [*reach.having, *reach.lacking, *(p for p, _ in reach.unsure)]
    count = sum(1 for p in landing if url_key(p.final_url) in with_details)
    total = max(1, len(landing))
    if not site_wide or count / total <= SITE_WIDE_SHARE:
        return None
    sample = site_wide[0]
    words = {"email": sample.address, "region": region_name(sample.region), "count": count, "total": total}
    evidence = [pages.evidence(sample.url, locator=sample.locator, excerpt=sample.excerpt,
                               note=MESSAGES("note_details_region", region=region_name(sample.region)))]
    if reach.lacking:
        return partial(MESSAGES("details_lacking", lacking=len(reach.lacking), url=reach.lacking[0].final_url,
                                **words), [*evidence, *reach.lacking_evidence(pages)])
    key = "details_site_wide" if count == total else "details_and_links"
    return passed(with_note(MESSAGES(key, **words), reach.unsure_note()), evidence)


def _names_contact(link: LinkFact) -> bool:
    return lexicon.named_kind(link.target, link.text) in lexicon.CONTACT_KINDS


def _path_text(page: PageInfo) -> Text:
    if not page.click_path:
        return MESSAGES("path_home")
    return MESSAGES("path", steps=" → ".join(step.text or step.url for step in page.click_path))


def _judge_found(
    contact_pages: list[PageInfo],
    reach: _Reach,
    links: list[LinkFact],
    pages: Pages,
    facts: FactView,
    coverage: CrawlCoverage,
    home_details: list[Evidence],
    gone: set[str],
) -> Verdict:
    best = contact_pages[0]
    if not best.linked:
        return needs_review(
            MESSAGES("not_linked", url=best.final_url),
            [pages.evidence(best.final_url, excerpt=best.title,
                            note=MESSAGES("note_not_linked", kind=kind_name(best.kind)))],
        )
    clicks = MESSAGES("click") if best.depth == 1 else MESSAGES("clicks")
    evidence: list[Evidence] = [
        pages.evidence(best.final_url, excerpt=best.title,
                       note=MESSAGES("note_depth", kind=kind_name(best.kind), depth=best.depth, clicks=clicks,
                                     path=_path_text(best)))
    ]
    if best.depth == 0:
        evidence.extend(home_details)
    site_wide = [link for link in _site_wide_links(contact_pages, links) if url_key(link.target) not in gone]
    if site_wide:
        sample = site_wide[0]
        evidence.append(pages.evidence(sample.url, locator=sample.locator, excerpt=sample.text,
                                       note=MESSAGES("note_site_wide_link", region=region_name(sample.region))))
    else:
        menu = [link for link in links if (url_key(link.target), link.text.casefold()) in reach.repeated]
        if menu:
            sample = menu[0]
            count = reach.repeated[(url_key(sample.target), sample.text.casefold())]
            evidence.append(pages.evidence(sample.url, locator=sample.locator, excerpt=sample.text,
                                           note=MESSAGES("note_repeated_link", count=count, total=reach.total)))
    where = reach.where()
    if best.depth == 0:
        place = MESSAGES("place_home")
    else:
        place = MESSAGES("place_page", url=best.final_url, depth=best.depth, clicks=clicks)
    if best.depth <= PASS_DEPTH:
        if reach.lacking:
            return partial(MESSAGES("near_lacking", place=place, lacking=len(reach.lacking), total=reach.total,
                                    url=reach.lacking[0].final_url), [*evidence, *reach.lacking_evidence(pages)])
        if reach.judged_most:
            return passed(with_note(MESSAGES("near_site_wide", place=place, where=where), reach.unsure_note()),
                          evidence)
        return needs_review(MESSAGES("near_unsure", place=place, where=where,
                                     reason=reach.unsure[0][1] if reach.unsure else ""), evidence)
    if best.depth == PARTIAL_DEPTH:
        return partial(MESSAGES("three_clicks", url=best.final_url, depth=best.depth, where=where),
                       [*evidence, *reach.lacking_evidence(pages)])
    if not coverage.exhaustive or coverage.failures:
        return needs_review(MESSAGES("deep_incomplete", url=best.final_url, depth=best.depth), evidence)
    return failed(with_note(MESSAGES("too_deep", url=best.final_url, depth=best.depth, path=_path_text(best),
                                     limit=PARTIAL_DEPTH), _set_aside(facts, pages)), evidence)


def _site_wide_links(contact_pages: list[PageInfo], links: list[LinkFact]) -> list[LinkFact]:
    """Header, footer and navigation links to a contact page."""
    targets = {url_key(p.final_url) for p in contact_pages} | {url_key(p.url) for p in contact_pages}
    return [
        link for link in links
        if link.internal and link.region in SITE_WIDE
        and (url_key(link.target) in targets or _names_contact(link))
    ]


def _set_aside(facts: FactView, pages: Pages) -> Text | None:
    """"Set aside: …" naming the email addresses seen that did not make a contact page: someone
    else's (by domain or by the words around them), or the trader's where no one looks first."""
    entries = []
    for email in first_of_each(facts.emails, lambda e: e.address):
        why = owner_reason(email) or SUPPORT("why_not_trader")
        entries.append(aside(email.address, email.url, why, pages))
    return set_aside_note(entries)


def _judge_missing(
    links: list[LinkFact], pages: Pages, facts: FactView, coverage: CrawlCoverage, gone: set[str]
) -> Verdict:
    unread = []
    for link in links:
        if link.internal and pages.get(link.target) is None and url_key(link.target) not in gone \
                and _names_contact(link):
            source = pages.get(link.url)
            unread.append(((source.depth + 1) if source else 99, link))
    unread.sort(key=lambda item: item[0])
    if unread:
        depth, link = unread[0]
        evidence = [pages.evidence(link.url, locator=link.locator, excerpt=link.text,
                                   note=MESSAGES("note_unread_link", depth=depth))]
        if depth <= PARTIAL_DEPTH or not coverage.exhaustive:
            return needs_review(MESSAGES("unread_link", text=link.text, target=link.target, depth=depth), evidence)
        return failed(with_note(MESSAGES("deep_link", text=link.text, depth=depth), _set_aside(facts, pages)),
                      evidence)
    # The crawl coverage lists them (gather_site decides which off-site links name a contact page).
    offsite = set(coverage.offsite_contact_pages)
    external = [link for link in links if link.region in SITE_WIDE and link.target in offsite]
    if external:
        link = external[0]
        return needs_review(
            MESSAGES("offsite", text=link.text, target=link.target),
            [pages.evidence(link.url, locator=link.locator, excerpt=link.text,
                            note=MESSAGES("note_offsite", region=region_name(link.region)))],
        )
    doubt = absence_doubt(pages, coverage)
    # Another company's address on the home page, known only by the words around it: if the words
    # were read wrong it is the trader's, and the home page its contact page.
    home = next((p for p in pages.all if p.depth == 0), None)
    named = [e for e in facts.emails if e.owner_reason in {"context", "role", "public_body"} and home is not None
             and pages.get(e.url) is home and e.method != "structured_data"]
    if named:
        return needs_review(
            MESSAGES("named_other", email=named[0].address, owner=named[0].owner),
            [pages.evidence(e.url, locator=e.locator, excerpt=e.excerpt, note=MESSAGES("note_home_details"))
             for e in named[:1]],
        )
    note = _set_aside(facts, pages)
    if doubt:
        return needs_review(with_note(MESSAGES("doubt", doubt=doubt), note), pages.searched(5))
    return failed(with_note(MESSAGES("none", count=len(pages.all)), note), pages.searched(10))


# --------------------------------------------------------------------------- dead links


def _with_dead_links(verdict: Verdict, dead: Sequence[DeadLink], pages: Pages) -> Verdict:
    """A dead link to the contact details is a finding: it fails what failed without it (no other
    contact page on a site read in full), and makes everything else partial, the rest of the
    verdict (another contact page, or what could not be checked) told after it."""
    if not dead:
        return verdict
    first = dead[0]
    words = {"text": first.text, "url": first.url, "status": first.status}
    if len(dead) == 1:
        sentence = MESSAGES("dead_one", kind=kind_name(first.kind), **words)
    else:
        sentence = MESSAGES("dead_many", count=len(dead), **words)
    evidence = [item for link in dead[:3] for item in link.evidence(pages)]
    message = sentence + " " + verdict.message
    if verdict.outcome == Outcome.FAIL:
        return failed(message, [*evidence, *verdict.evidence])
    return partial(message, [*evidence, *verdict.evidence])
