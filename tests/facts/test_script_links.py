"""Links to terms that only a script can follow: found on their words and their href, and never
confused with links a crawler follows, jumps within the page, form buttons or FAQ questions."""

from __future__ import annotations

import pytest

from auditor.facts.dom import Document
from auditor.facts.links import gather_script_links
from auditor.models import PageKind

URL = "https://www.butik.se/kassa"


def links(body: str) -> list[tuple[str, PageKind, str]]:
    doc = Document(f"<html><body>{body}</body></html>", URL)
    return [(link.text, link.kind, link.href) for link in gather_script_links(doc)]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ('<a href="#">köpvillkor</a>', [("köpvillkor", PageKind.TERMS, "#")]),
        ('<a href="">Allgemeine Geschäftsbedingungen</a>', [("Allgemeine Geschäftsbedingungen", PageKind.TERMS, "")]),
        ("<a href=\"javascript:openTerms()\">AGB</a>", [("AGB", PageKind.TERMS, "javascript:openTerms()")]),
        ("<a>Angrerett</a>", [("Angrerett", PageKind.RETURNS, "")]),
        ('<a href="#!/villkor">Villkor</a>', [("Villkor", PageKind.TERMS, "#!/villkor")]),
        ('<button type="button">Reklamation</button>', [("Reklamation", PageKind.COMPLAINTS, "")]),
        ('<span onclick="show()">Terms and conditions</span>', [("Terms and conditions", PageKind.TERMS, "")]),
        ('<div role="button">Läs våra köpvillkor</div>', [("Läs våra köpvillkor", PageKind.TERMS, "")]),
        # The same words in header and footer: one link; a link inside a clickable item wins.
        ('<a href="#">Köpvillkor</a><footer><a href="#">Köpvillkor</a></footer>',
         [("Köpvillkor", PageKind.TERMS, "#")]),
        ('<li onclick="go()"><a href="#">Köpvillkor</a></li>', [("Köpvillkor", PageKind.TERMS, "#")]),
    ],
)
def test_script_only_links_to_terms(body: str, expected: list[tuple[str, PageKind, str]]) -> None:
    assert links(body) == expected


@pytest.mark.parametrize(
    "body",
    [
        '<a href="/kopvillkor">Köpvillkor</a>',  # a crawler follows it
        '<a href="#villkor">Köpvillkor</a><h2 id="villkor">Köpvillkor</h2><p>...</p>',  # on this page
        '<a href="#agb">AGB</a><a name="agb"></a>',  # an old-style anchor on this page
        '<form><button>Reklamation</button></form>',  # sends its form
        '<button type="button">Gibt es eine Garantie auf die Ware?</button>',  # an FAQ question
        '<a href="#">integritetspolicy</a>',  # not terms, returns or complaints
        '<a href="#">Till kassan</a>',
        '<span>Köpvillkor</span>',  # not clickable
    ],
)
def test_look_alikes_are_not_script_links(body: str) -> None:
    assert links(body) == []


def test_locator_points_at_the_link() -> None:
    doc = Document('<html><body><label id="t">Jag godkänner <a href="#">köpvillkor</a></label></body></html>', URL)
    [link] = gather_script_links(doc)
    assert link.locator == "label#t > a" and link.url == URL and link.click is None
