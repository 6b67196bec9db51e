"""Links to a login or customer-account area ("Mina sidor", "Mein Konto", "Log in").

A site-wide fact: a withdrawal function (CRD Art. 11a) or a contract's details may sit behind
a login, where the crawler does not go. A link counts when its text or its URL slug carries
one of the ``account`` phrases of the ``withdrawal_function`` topic in the lexicon.
"""

from __future__ import annotations

from auditor.facts.passages.common import find_phrases, topic_phrases
from auditor.models import LinkFact


def gather_account_links(links: list[LinkFact]) -> list[LinkFact]:
    """The site's internal links to a login or account area, in the order seen."""
    phrases = topic_phrases("withdrawal_function").get("account", ())
    out: list[LinkFact] = []
    for link in links:
        if not link.internal:
            continue
        slug = link.target.split("?", 1)[0].split("#", 1)[0].replace("/", " ").replace("-", " ").replace("_", " ")
        if find_phrases(link.text, phrases) or find_phrases(slug, phrases):
            out.append(link)
    return out
