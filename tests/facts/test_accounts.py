"""Links to a login or account area, by their text or their URL slug."""

from __future__ import annotations

from auditor.facts.accounts import gather_account_links
from auditor.models import LinkFact

SHOP = "https://www.butik.se/"


def _link(target: str, text: str, *, internal: bool = True) -> LinkFact:
    return LinkFact(url=SHOP, target=SHOP + target if internal else target, text=text, internal=internal)


def test_account_links_by_text_or_slug_internal_only() -> None:
    by_text = _link("kund", "Mina sidor")
    by_slug = _link("mein-konto?tab=orders", "")
    links = [_link("kontakt", "Kontakt"), by_text, by_slug, _link("https://other.se/mina-sidor", "Mina sidor",
                                                                  internal=False)]
    assert gather_account_links(links) == [by_text, by_slug]
