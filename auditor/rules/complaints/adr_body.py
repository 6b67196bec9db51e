"""The competent alternative dispute resolution (ADR) body is named, with its web site or address.

What it checks
    An ADR body of the shop's jurisdiction (``adr_bodies`` in the profile: ARN in Sweden,
    Forbrukerklageutvalget or Forbrukertilsynet in Norway, Nævnenes Hus in Denmark,
    Kuluttajariitalautakunta in Finland, a Verbraucherschlichtungsstelle in Germany) named on a
    page, with a link or web address (or its postal address) in the same passage or a link to
    its site on the same page.

    * pass: a body of the jurisdiction named with its web site or address; in Germany also
      the § 36 VSBG statement that the trader is "nicht bereit und nicht verpflichtet" to take
      part (the statement is what the law asks of a trader that does not take part);
    * partial: a body of the jurisdiction named without web site or address, a body of
      another country only (ARN on a Danish shop), or a German statement of willingness that
      names no body;
    * fail: no dispute body on any page, when the terms were read and the crawl saw the
      contact pages (absence is established).

    For jurisdiction ``eu`` (no national list) any dispute body counts.

Why it matters
    Art. 13(1)-(2) Directive 2013/11/EU: a trader committed or obliged to use an ADR entity
    gives its name and web site on its web site and in its terms; CRD Art. 6(1)(t) asks for the
    out-of-court redress mechanism. Sweden: lag (2015:671) and ARN; Germany: § 36 VSBG requires
    the statement whether the trader is willing or obliged to take part.

Failing example      terms and contact pages read, no dispute body anywhere
Partial example      "Du kan vända dig till ARN." without www.arn.se; ARN named on a Danish shop
Passing example      "Allmänna reklamationsnämnden (ARN), Box 174, 101 23 Stockholm, www.arn.se"
Needs review when    no terms page was read, or the contact pages could not be read, so the
                     information may exist on a page the crawl did not see.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from auditor.lexicon import normalise
from auditor.models import Category, Evidence, LegalRef, PassageFact, PassageTopic, RuleMeta, Severity
from auditor.registry import register
from auditor.rule import AuditContext, FactView, Rule, Verdict, failed, needs_review, partial, passed
from auditor.rules.support import TERMS_PAGE_KINDS, Pages, section_doubt

ADR_DIR_13 = LegalRef(
    instrument="Directive 2013/11/EU (ADR Directive)",
    provision="Art. 13(1)-(2): name and web site of the competent ADR entity, on the web site and in the terms",
    url="https://eur-lex.europa.eu/eli/dir/2013/11/oj",
)
CRD_6_1_T = LegalRef(
    instrument="Directive 2011/83/EU (Consumer Rights Directive)",
    provision="Art. 6(1)(t): out-of-court complaint and redress mechanism",
    url="https://eur-lex.europa.eu/eli/dir/2011/83/oj",
)
SE_ATL = LegalRef(
    instrument="Lag (2015:671) om alternativ tvistlösning i konsumentförhållanden",
    provision="information about Allmänna reklamationsnämnden (ARN)",
    jurisdiction="se",
)
NO_KLAGEORGAN = LegalRef(
    instrument="Lov om klageorganer for forbrukersaker (forbrukerklageloven)",
    provision="information about the competent complaints body (Forbrukerklageutvalget)",
    jurisdiction="no",
)
DK_TVIST = LegalRef(
    instrument="Lov om alternativ tvistløsning i forbindelse med forbrugerklager (forbrugerklageloven)",
    provision="information about the competent complaints body (Nævnenes Hus)",
    jurisdiction="dk",
)
FI_KRIL = LegalRef(
    instrument="Laki kuluttajariitalautakunnasta (8/2007)",
    provision="Kuluttajariitalautakunta as the consumer ADR body",
    jurisdiction="fi",
)
DE_VSBG_36 = LegalRef(
    instrument="Verbraucherstreitbeilegungsgesetz (VSBG)",
    provision="§ 36: statement whether the trader is willing or obliged to take part in dispute resolution",
    jurisdiction="de",
    url="https://www.gesetze-im-internet.de/vsbg/__36.html",
)

#: Pages whose reading makes the absence of the ADR information established.
#: Flags saying the passage gives the body's web site or address.
_LOCATED = frozenset({"link", "web_address", "postal_address"})


@register
class AdrBody(Rule):
    meta = RuleMeta(
        id="adr-body",
        title="The competent dispute resolution body is named",
        failure_title="No dispute resolution body is named",
        description=(
            "Consumers must learn which out-of-court dispute body they can turn to, with its web "
            "site, so that a dispute does not have to go to court."
        ),
        category=Category.COMPLAINTS,
        severity=Severity.MEDIUM,
        requires=("passages", "pages", "coverage"),
        legal_refs=(ADR_DIR_13, CRD_6_1_T, SE_ATL, NO_KLAGEORGAN, DK_TVIST, FI_KRIL, DE_VSBG_36),
    )

    def evaluate(self, facts: FactView, ctx: AuditContext) -> Verdict:
        pages = Pages(facts.pages)
        found = [p for p in facts.passages if p.topic == PassageTopic.ADR_BODY]
        bodies: list[dict[str, Any]] = list(ctx.params.get("adr_bodies", []))
        if ctx.jurisdiction == "de":
            unwilling = [p for p in found if "vsbg_unwilling" in p.flags]
            if unwilling:
                return passed(
                    "The § 36 VSBG statement is given: the trader is not willing or obliged to take part "
                    "in dispute resolution before a consumer conciliation body (no body need be named).",
                    [_evidence(p, pages, "§ 36 VSBG statement (not willing)") for p in unwilling[:2]],
                )
        own = [p for p in found if _own(p, bodies)]
        located = [p for p in own if _located(p, own)]
        if located:
            best = _unique(located)
            return passed(
                f"Dispute body named with its web site or address: {_names(best)}.",
                [_evidence(p, pages, "dispute body with web site or address") for p in best[:3]],
            )
        if own:
            best = _unique(own)
            return partial(
                f"{_names(best)} is named, but without its web site or address "
                "(ADR Directive Art. 13 asks for the web site).",
                [_evidence(p, pages, "dispute body named without web site") for p in best[:3]],
            )
        named = _unique([p for p in found if p.name])
        if named:
            return partial(
                f"Only {_names(named)} is named, which is not a dispute body for {ctx.jurisdiction.upper()} "
                "consumers; the competent national body is missing.",
                [_evidence(p, pages, "dispute body of another country") for p in named[:3]],
            )
        willing = [p for p in found if "vsbg_willing" in p.flags]
        if willing:
            return partial(
                "The trader declares it takes part in dispute resolution (§ 36 VSBG) but names no "
                "conciliation body with its web site.",
                [_evidence(p, pages, "§ 36 VSBG statement without a body") for p in willing[:2]],
            )
        doubt = section_doubt(pages, facts.coverage, TERMS_PAGE_KINDS, "terms, returns or complaints")
        if doubt:
            return needs_review(f"No dispute resolution body found, but {doubt}.", pages.searched(5))
        terms_read = pages.of_kinds(TERMS_PAGE_KINDS)
        return failed(
            "No dispute resolution body (or, in Germany, § 36 VSBG statement) on any of the pages read, "
            f"including {terms_read[0].final_url}.",
            pages.searched(10),
        )


def _own(passage: PassageFact, bodies: list[dict[str, Any]]) -> bool:
    """Whether the passage names a body of the jurisdiction (any body when there is no list)."""
    if not bodies:
        return bool(passage.name or passage.target)
    text = f" {normalise(f'{passage.name} {passage.excerpt}')} "
    host = (urlsplit(passage.target).hostname or "").lower() if "link" in passage.flags else ""
    for body in bodies:
        words = [normalise(str(w)) for w in [body.get("name", ""), body.get("short", ""), *body.get("words", [])]]
        if any(w and f" {w} " in text for w in words):
            return True
        site = str(body.get("site", "")).lower()
        if site and host and (host == site or host.endswith(f".{site}")):
            return True
    return False


def _located(passage: PassageFact, own: list[PassageFact]) -> bool:
    """Web site or address in the passage, or a link to a body's site on the same page."""
    if _LOCATED & set(passage.flags):
        return True
    return any("link" in p.flags and p.url == passage.url for p in own)


def _unique(passages: list[PassageFact]) -> list[PassageFact]:
    seen: dict[tuple[str, str], PassageFact] = {}
    for passage in passages:
        seen.setdefault((passage.url, passage.locator), passage)
    return list(seen.values())


def _names(passages: list[PassageFact]) -> str:
    names = list(dict.fromkeys(p.name for p in passages if p.name))
    return ", ".join(names[:3]) or "A dispute body"


def _evidence(passage: PassageFact, pages: Pages, note: str) -> Evidence:
    extra = f" ({passage.target})" if passage.target else ""
    return pages.evidence(passage.url, locator=passage.locator, excerpt=passage.excerpt, note=f"{note}{extra}")
