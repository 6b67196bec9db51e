"""A contact page is easy to find: at most two clicks from the home page and linked site-wide.

What it checks
    A contact, customer-service or imprint page is reachable in at most 2 clicks from the home
    page (the shortest path over the links seen), and a link to it sits in the header, footer
    or navigation of most pages read. The report shows the click path.

    * pass: the trader's email address sits in the header or footer of most pages; or a
      contact page (or the home page, when it shows the email address) at most 2 clicks away and
      linked site-wide from more than half the pages read;
    * partial: at most 2 clicks but not linked site-wide, or exactly 3 clicks;
    * fail: more than 3 clicks, or no such page on a site read in full.

Why it matters
    Art. 5(1) Directive 2000/31/EC: the trader information must be "easily, directly and
    permanently accessible". Konsumentverket's 2023 sweep checked where contact details are
    placed; Norwegian preparatory works want a link on every page; two clicks was the most
    common depth in Göteborg's study of 100 shops.

Failing example      the contact page is four clicks deep, behind inspiration pages
Partial example      "Kontakt" only in the main text of the "Om oss" page, not in the footer
Passing example      "Kontakta oss" in the footer of every page
Needs review when    a link to a contact page was seen but the page could not be read, or it
                     is on another site (an Impressum hosted elsewhere), or the crawl did not
                     read every page so a shorter path may exist.
"""

from __future__ import annotations

from auditor import lexicon
from auditor.i18n import N_, Messages, Text, kind_name, region_name
from auditor.models import Category, EmailFact, Evidence, LinkFact, PageInfo, RuleMeta, Severity
from auditor.rule import AuditContext, FactView, Rule, Verdict, failed, needs_review, partial, passed, register
from auditor.rules import legal
from auditor.rules.support import MESSAGES as SUPPORT
from auditor.rules.support import (
    SITE_WIDE,
    Pages,
    absence_doubt,
    aside,
    first_of_each,
    owner_reason,
    set_aside_note,
    with_note,
)
from auditor.web.urls import url_key

#: Click depths: at most PASS_DEPTH passes, PARTIAL_DEPTH is partial, deeper fails.
PASS_DEPTH = 2
PARTIAL_DEPTH = 3
#: Share of pages read whose header or footer must link to the contact page ("most pages").
SITE_WIDE_SHARE = 0.5

#: Every message of this rule, in English (translated in auditor/locale).
MESSAGES = Messages(
    details_site_wide=N_(
        "Contact details ({email}) are in the {region} of {count} of {total} pages read: reachable "
        "without a click from every page.",
    ),
    not_linked=N_(
        "A contact page ({url}) is among the saved pages, but no link from the home page leads to it; "
        "whether consumers reach it (a script, a menu not saved) cannot be told.",
    ),
    click=N_("click"),
    clicks=N_("clicks"),
    path_home=N_("the home page itself"),
    path=N_("Home → {steps}"),
    where=N_(
        "linked from the header, footer or navigation of {count} of {total} pages read",
    ),
    place_home=N_(
        "The home page itself shows the contact details (0 clicks)",
    ),
    place_page=N_(
        "Contact page {url} is {depth} {clicks} from the home page",
    ),
    near_site_wide=N_("{place} and {where}."),
    near_not_site_wide=N_(
        "{place}, but it is only {where}; it should be linked from every page.",
    ),
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
    none=N_(
        "No contact, customer-service or imprint page among the {count} pages read, which are every "
        "page within the crawl's limits.",
    ),
    note_home_details=N_("contact details on the home page"),
    note_details_region=N_("contact details in the {region}"),
    note_not_linked=N_("{kind} page, not linked"),
    note_depth=N_(
        "{kind} page, {depth} {clicks} from the home page: {path}",
    ),
    note_site_wide_link=N_("site-wide link in the {region}"),
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
        title=N_("The contact page is easy to find"),
        failure_title=N_("The contact page is hard to find"),
        description=N_(
            "Contact details must be easily, directly and permanently accessible: a contact page "
            "at most two clicks from the home page and linked from every page's header or footer."
        ),
        category=Category.CONTACT,
        severity=Severity.HIGH,
        requires=("pages", "links", "coverage", "emails"),
        legal_refs=(legal.ECD_5_1, legal.KOV_2023, legal.NO_OTPRP_31, legal.DE_DDG_5),
    )

    def evaluate(self, facts: FactView, ctx: AuditContext) -> Verdict:
        pages = Pages(facts.pages)
        readable = [p for p in pages.all if p.status < 400]
        details = _contact_details(facts)
        in_footer = _site_wide_details(details, readable, pages)
        if in_footer is not None:
            return in_footer
        contact_pages = pages.of_kinds(lexicon.CONTACT_KINDS)
        # Contact details on the home page itself: that page is the contact page, 0 clicks away.
        home = next((p for p in readable if p.depth == 0), None)
        on_home = [d for d in details if home is not None and pages.get(d.url) is home]
        if home is not None and on_home:
            contact_pages.append(home)
        order = {kind: i for i, kind in enumerate(lexicon.KIND_ORDER)}
        contact_pages.sort(key=lambda p: (p.depth, order.get(p.kind, 99), p.url))
        if contact_pages:
            shown = [
                pages.evidence(d.url, locator=d.locator, excerpt=d.excerpt, note=MESSAGES("note_home_details"))
                for d in on_home[:1]
            ]
            return _judge_found(contact_pages, readable, facts.links, pages, facts, shown)
        return _judge_missing(facts.links, pages, facts)


def _contact_details(facts: FactView) -> list[EmailFact]:
    """The trader's own email addresses shown on pages.

    Email is the channel the law always requires (CJEU C-298/07); a phone number in the footer
    with the only way to write four clicks deep is not "contact details easy to find"."""
    return [e for e in facts.emails if not e.third_party and e.method != "structured_data"]


def _site_wide_details(
    details: list[EmailFact], readable: list[PageInfo], pages: Pages
) -> Verdict | None:
    """Pass when the contact details themselves sit in the header or footer of most pages:
    no click is needed at all. None otherwise (the contact page decides)."""
    site_wide = [d for d in details if d.region in SITE_WIDE]
    with_details = {url_key(d.url) for d in site_wide}
    count = sum(1 for p in readable if url_key(p.final_url) in with_details or url_key(p.url) in with_details)
    total = max(1, len(readable))
    if not site_wide or count / total <= SITE_WIDE_SHARE:
        return None
    sample = site_wide[0]
    return passed(
        MESSAGES("details_site_wide", email=sample.address, region=region_name(sample.region),
                 count=count, total=total),
        [pages.evidence(sample.url, locator=sample.locator, excerpt=sample.excerpt,
                        note=MESSAGES("note_details_region", region=region_name(sample.region)))],
    )


def _names_contact(link: LinkFact) -> bool:
    lex = lexicon.load()
    kinds = {**lex.url_kinds(link.target), **lex.text_kinds(link.text)}
    return lexicon.best_kind(kinds) in lexicon.CONTACT_KINDS


def _site_wide_share(
    contact_pages: list[PageInfo], readable: list[PageInfo], links: list[LinkFact]
) -> tuple[int, list[LinkFact]]:
    """How many pages read carry a header/footer/nav link to a contact page; and such links."""
    targets = {url_key(p.final_url) for p in contact_pages} | {url_key(p.url) for p in contact_pages}
    site_wide = [
        link for link in links
        if link.internal and link.region in SITE_WIDE
        and (url_key(link.target) in targets or _names_contact(link))
    ]
    with_link = {url_key(link.url) for link in site_wide}
    count = sum(1 for p in readable if url_key(p.final_url) in with_link)
    return count, site_wide


def _path_text(page: PageInfo) -> Text:
    if not page.click_path:
        return MESSAGES("path_home")
    return MESSAGES("path", steps=" → ".join(step.text or step.url for step in page.click_path))


def _judge_found(
    contact_pages: list[PageInfo],
    readable: list[PageInfo],
    links: list[LinkFact],
    pages: Pages,
    facts: FactView,
    home_details: list[Evidence],
) -> Verdict:
    best = contact_pages[0]
    if not best.linked:
        return needs_review(
            MESSAGES("not_linked", url=best.final_url),
            [pages.evidence(best.final_url, excerpt=best.title,
                            note=MESSAGES("note_not_linked", kind=kind_name(best.kind)))],
        )
    count, site_wide = _site_wide_share(contact_pages, readable, links)
    total = max(1, len(readable))
    share = count / total
    clicks = MESSAGES("click") if best.depth == 1 else MESSAGES("clicks")
    evidence: list[Evidence] = [
        pages.evidence(best.final_url, excerpt=best.title,
                       note=MESSAGES("note_depth", kind=kind_name(best.kind), depth=best.depth, clicks=clicks,
                                     path=_path_text(best)))
    ]
    if best.depth == 0:
        evidence.extend(home_details)
    if site_wide:
        sample = site_wide[0]
        evidence.append(pages.evidence(sample.url, locator=sample.locator, excerpt=sample.text,
                                       note=MESSAGES("note_site_wide_link", region=region_name(sample.region))))
    where = MESSAGES("where", count=count, total=total)
    if best.depth == 0:
        place = MESSAGES("place_home")
    else:
        place = MESSAGES("place_page", url=best.final_url, depth=best.depth, clicks=clicks)
    if best.depth <= PASS_DEPTH and share > SITE_WIDE_SHARE:
        return passed(MESSAGES("near_site_wide", place=place, where=where), evidence)
    if best.depth <= PASS_DEPTH:
        return partial(MESSAGES("near_not_site_wide", place=place, where=where), evidence)
    if best.depth == PARTIAL_DEPTH:
        return partial(MESSAGES("three_clicks", url=best.final_url, depth=best.depth, where=where), evidence)
    if not facts.coverage.exhaustive or facts.coverage.failures:
        return needs_review(MESSAGES("deep_incomplete", url=best.final_url, depth=best.depth), evidence)
    return failed(with_note(MESSAGES("too_deep", url=best.final_url, depth=best.depth, path=_path_text(best),
                                     limit=PARTIAL_DEPTH), _set_aside(facts, pages)), evidence)


def _set_aside(facts: FactView, pages: Pages) -> Text | None:
    """"Set aside: …" naming the email addresses seen that did not make a contact page: someone
    else's (by domain or by the words around them), or the trader's where no one looks first."""
    entries = []
    for email in first_of_each(facts.emails, lambda e: e.address):
        why = owner_reason(email) or SUPPORT("why_not_trader")
        entries.append(aside(email.address, email.url, why, pages))
    return set_aside_note(entries)


def _judge_missing(links: list[LinkFact], pages: Pages, facts: FactView) -> Verdict:
    unread = []
    for link in links:
        if link.internal and pages.get(link.target) is None and _names_contact(link):
            source = pages.get(link.url)
            unread.append(((source.depth + 1) if source else 99, link))
    unread.sort(key=lambda item: item[0])
    if unread:
        depth, link = unread[0]
        evidence = [pages.evidence(link.url, locator=link.locator, excerpt=link.text,
                                   note=MESSAGES("note_unread_link", depth=depth))]
        if depth <= PARTIAL_DEPTH or not facts.coverage.exhaustive:
            return needs_review(MESSAGES("unread_link", text=link.text, target=link.target, depth=depth), evidence)
        return failed(with_note(MESSAGES("deep_link", text=link.text, depth=depth), _set_aside(facts, pages)),
                      evidence)
    # The crawl coverage lists them (gather_site decides which off-site links name a contact page).
    offsite = set(facts.coverage.offsite_contact_pages)
    external = [link for link in links if link.region in SITE_WIDE and link.target in offsite]
    if external:
        link = external[0]
        return needs_review(
            MESSAGES("offsite", text=link.text, target=link.target),
            [pages.evidence(link.url, locator=link.locator, excerpt=link.text,
                            note=MESSAGES("note_offsite", region=region_name(link.region)))],
        )
    doubt = absence_doubt(pages, facts.coverage)
    # Another company's address on the home page, known only by the words around it: if the words
    # were read wrong it is the trader's, and the home page its contact page.
    home = next((p for p in pages.all if p.depth == 0), None)
    named = [e for e in facts.emails if e.owner_reason in {"context", "public_body"} and home is not None
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
