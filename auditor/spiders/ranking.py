"""How likely a link leads to a page the audit needs: the order of the best-first crawl.

A link scores by what its text and its URL name (contact and customer-service pages first,
then imprint, returns, complaints, terms, about, privacy), with a bonus for header and footer
links, because those are the links a shop puts on every page for exactly these pages.
"""

from __future__ import annotations

from auditor import lexicon
from auditor.models import LinkFact, PageKind, Region

#: Base value of each kind of target page. Contact details are the audit's core.
KIND_VALUE: dict[PageKind, float] = {
    PageKind.CONTACT: 10.0,
    PageKind.CUSTOMER_SERVICE: 9.0,
    PageKind.IMPRINT: 9.0,
    PageKind.RETURNS: 7.0,
    PageKind.COMPLAINTS: 7.0,
    PageKind.TERMS: 7.0,
    PageKind.ABOUT: 6.0,
    PageKind.PRIVACY: 3.0,
}

#: Score of a link that names nothing in the lexicon (a product or category page).
PLAIN_LINK = 1.0

#: Header, nav and footer links are the site-wide ones: worth a little more.
REGION_BONUS: dict[Region, float] = {
    Region.FOOTER: 1.0,
    Region.HEADER: 0.75,
    Region.NAV: 0.5,
    Region.MAIN: 0.0,
}

#: At or above this score a link is a "key link": it may go past the general depth limit.
KEY_LINK_SCORE = 6.0


def link_kinds(link: LinkFact) -> dict[PageKind, float]:
    """The page kinds a link's text and URL point to, with their strengths."""
    lex = lexicon.load()
    kinds = lex.text_kinds(link.text)
    for kind, strength in lex.url_kinds(link.target).items():
        kinds[kind] = max(kinds.get(kind, 0.0), strength * 0.9)
    return kinds


def score_link(link: LinkFact) -> float:
    """The crawl priority of a link: higher is fetched sooner."""
    kinds = link_kinds(link)
    best = max((KIND_VALUE[k] * s for k, s in kinds.items()), default=PLAIN_LINK)
    return max(best, PLAIN_LINK) + REGION_BONUS[link.region]
