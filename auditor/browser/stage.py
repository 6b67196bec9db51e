"""The render stage: after the crawl, show the pages that need it to a real browser.

``--render auto`` (the default of the command line) renders the home page, the first contact,
customer-service or imprint page (where chat widgets and injected contact details live), any
further such page whose static HTML shows no email address (its details may be drawn by a
script) or holds a message form, every page whose static HTML is an empty JavaScript
shell, and, when the crawl read no terms, returns or complaints page, the first pages whose links to
terms only a script can follow (``href="#"``: a dialog, or nothing?), and only those;
``always`` renders every page read; ``never`` none. The home and contact pages also get their
chat widget opened; when no terms page was read, script-only links to terms are clicked on
every rendered page (:mod:`auditor.browser.clicks`). The static HTML stays the crawl's record;
what the browser saw is kept beside it (``PageSnapshot.render``) so extraction can tell facts
a crawler without JavaScript misses. A site's first chosen page is rendered alone (its consent
choice then holds for the rest, as for a consumer browsing on), the others side by side.

Without a browser the audit goes on: the crawl records why nothing was rendered, and the rules
that need a browser say ``needs_review`` with that reason.
"""

from __future__ import annotations

import re
from typing import Literal

from auditor.browser.render import Browser, RenderedPage
from auditor.facts.dom import Document
from auditor.models import BannerInfo, PageSnapshot, PassageTopic, RenderInfo, SiteCrawl
from auditor.web.saved import SavedCopy

RenderMode = Literal["auto", "always", "never"]
RENDER_MODES: tuple[RenderMode, ...] = ("auto", "always", "never")
#: Pages rendered per site in ``auto`` mode at most (home and contact pages first).
AUTO_LIMIT = 6
_MESSAGE_FORM = re.compile(r"<textarea\b", re.I)
#: Pages rendered per site in ``always`` mode at most.
ALWAYS_LIMIT = 40
#: Pages rendered in ``auto`` mode only to click their script-only links to terms, at most.
CLICK_PAGES = 2


def chosen_pages(crawl: SiteCrawl, mode: RenderMode) -> list[tuple[int, bool]]:
    """Indices of the pages to render and whether to open chat widgets on each."""
    return _plan(crawl, mode)[0]


def _plan(crawl: SiteCrawl, mode: RenderMode) -> tuple[list[tuple[int, bool]], bool]:
    """The pages to render (index, open chats) and whether to click script-only terms links:
    only when the crawl read no terms, returns or complaints page, for then such a link may be
    the only way to the terms."""
    if mode == "never":
        return [], False
    from auditor.facts.emails import shows_plain_address
    from auditor.facts.links import gather_script_links
    from auditor.facts.site import is_contact_page, is_js_shell, is_terms_page

    chosen: list[tuple[int, bool]] = []
    contact_seen = terms_seen = False
    with_script_links: list[int] = []
    for index, page in enumerate(crawl.pages):
        doc = Document(page.html, page.final_url)
        contact = is_contact_page(page.final_url, doc.title)
        home = page.depth == 0
        shell = is_js_shell(page.html, len(doc.text))
        terms_seen = terms_seen or is_terms_page(page.final_url, doc.title)
        if not terms_seen and len(with_script_links) < CLICK_PAGES and gather_script_links(doc):
            with_script_links.append(index)
        # One contact page always; another only when its static text shows no email address
        # (a script may write the details) or it holds a message form (its receipt and the CI
        # test message need a browser). Most shops have several such pages with the same
        # details, and each render costs 25-30 plain fetches.
        needed = contact and (not contact_seen or not shows_plain_address(doc.text)
                              or _MESSAGE_FORM.search(page.html) is not None)
        if mode == "always" or home or needed or shell:
            chosen.append((index, home or contact))
        contact_seen = contact_seen or contact
    if not terms_seen:
        picked = {index for index, _ in chosen}
        chosen += [(index, False) for index in with_script_links if index not in picked]
    chosen.sort(key=lambda item: (not item[1], item[0]))
    return chosen[: AUTO_LIMIT if mode == "auto" else ALWAYS_LIMIT], not terms_seen


async def render_crawl(
    crawl: SiteCrawl,
    mode: RenderMode,
    browser: Browser | None,
    *,
    saved: SavedCopy | None = None,
    unavailable: str = "",
    page_timeout: float = 25.0,
    submit: bool = False,
    allow_private: bool = True,
    accept_invalid_tls: bool = False,
) -> SiteCrawl:
    """The crawl with ``render`` set on the pages the mode picks; never raises."""
    if mode == "never" or not crawl.pages:
        return crawl.model_copy(update={"render_mode": mode})
    if browser is None:
        reason = unavailable or "no browser was available"
        return crawl.model_copy(update={"render_mode": mode, "render_error": reason})
    pages = list(crawl.pages)
    error = ""
    try:
        chosen, click = _plan(crawl, mode)
        async with browser.site(saved=saved, allow_private=allow_private,
                                ignore_https_errors=accept_invalid_tls) as session:
            jobs = [(pages[index].final_url, {
                "timeout": page_timeout, "chats": chats, "elements": finding_locators,
                "clicks": script_link_locators if click else None,
                "submit": contact_form_locators if submit and chats else None,
            }) for index, chats in chosen]
            for (index, _), rendered in zip(chosen, await session.render_many(jobs), strict=True):
                pages[index] = _with_render(pages[index], rendered)
    except Exception as exc:  # a browser that dies must not lose the crawl
        error = f"rendering stopped: {type(exc).__name__}: {exc}"[:300]
    return crawl.model_copy(update={"pages": pages, "render_mode": mode, "render_error": error})


def script_link_locators(html: str, url: str) -> list[tuple[str, str]]:
    """Links to terms of a rendered page that only a script can follow: (locator, text)."""
    from auditor.facts.links import gather_script_links

    return [(link.locator, link.text) for link in gather_script_links(Document(html, url))]


def contact_form_locators(html: str, url: str) -> list[str]:
    """Contact forms of a rendered page whose fields can be seen (CI mode sends one test message)."""
    from auditor.facts.forms import gather_forms

    doc = Document(html, url)
    return [f.locator for f in gather_forms(doc, contact_page=True) if f.purpose == "contact" and not f.scripted]


def finding_locators(html: str, url: str) -> list[str]:
    """Where on a rendered page the facts a finding may cite are: contact details first."""
    from auditor.facts.addresses import gather_addresses
    from auditor.facts.emails import gather_emails
    from auditor.facts.forms import gather_forms
    from auditor.facts.identity import gather_company_names, gather_org_numbers
    from auditor.facts.passages import gather_passages
    from auditor.facts.phones import gather_phones

    doc = Document(html, url)
    found: list[str] = []
    for facts in (gather_emails(doc, ""), gather_phones(doc, "ZZ"), gather_org_numbers(doc),
                  gather_company_names(doc), gather_addresses(doc, ""), gather_forms(doc),
                  gather_passages(doc, doc.lang)):
        # a sentence that only speaks of returns is a review signal, not evidence worth a picture
        found.extend(f.locator for f in facts if f.locator and not f.locator.startswith("$")
                     and getattr(f, "topic", None) != PassageTopic.RETURNS_MENTION)
    return found


def _with_render(page: PageSnapshot, rendered: RenderedPage) -> PageSnapshot:
    banner = None
    if rendered.banner is not None and rendered.banner.shown:
        action = rendered.banner.action if rendered.banner.action in ("rejected", "closed") else ""
        banner = BannerInfo(vendor=rendered.banner.vendor, action=action, control=rendered.banner.control)
    info = RenderInfo(
        rendered_at=rendered.rendered_at,
        final_url=rendered.final_url,
        status=rendered.status,
        html=rendered.html,
        error=rendered.error,
        banner=banner,
        dialogs=rendered.dialogs,
        popups=rendered.popups,
        screenshot_png=rendered.screenshot,
        chats=rendered.chats,
        elements_png=rendered.elements,
        element_boxes=rendered.boxes,
        element_crops=rendered.crops,
        submissions=rendered.submissions,
        clicks=rendered.clicks,
    )
    return page.model_copy(update={"render": info})
