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
      another country only (ARN on a Danish shop) when nothing shows the trader established
      elsewhere, or a German statement of willingness that names no body;
    * needs_review: a body is named only as something else, or with no word saying disputes
      go to it (a data recipient, a blog post, a former employer, an award: the gatherer's
      ``no_context`` flag): the tool cannot tell whether the page points consumers to it; or
      the page sends disputes to a body the tool does not know by name (another country's:
      ``unknown_body``), or says the trader takes no part in dispute resolution, naming no
      body or only the one it takes no part in (``declined``, outside Germany), or names only
      the EU ODR platform; or it
      names only another country's body (also by a generic name after that country's name:
      "Viron kuluttajariitalautakunta") while the trader's own address or phone, or the site's
      country domain, shows it established outside the jurisdiction (that body may be the
      competent one);
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

from functools import cache
from typing import Any
from urllib.parse import urlsplit

from babel import Locale

from auditor import lexicon
from auditor.facts.site import domain_region
from auditor.i18n import N_, Messages, Text, country, join
from auditor.lexicon import normalise
from auditor.models import Category, Evidence, LegalRef, PassageFact, PassageTopic, RuleMeta, Severity
from auditor.rule import AuditContext, FactView, Rule, Verdict, failed, needs_review, partial, passed, register
from auditor.rules import legal
from auditor.rules.complaints.complaints_info import complaints_absence_doubt
from auditor.rules.support import (
    TERMS_PAGE_KINDS,
    Pages,
    one_per_place,
    own_address_and_phone_countries,
    passage_evidence,
    searched_for_terms,
)

ADR_DIR_13 = LegalRef(
    instrument=legal.ADR,
    provision=N_("Art. 13(1) and (2): name and web site of the competent ADR entity, on the web site and in the "
                 "terms"),
    url="https://eur-lex.europa.eu/eli/dir/2013/11/oj",
)
CRD_6_1_T = LegalRef(
    instrument=legal.CRD,
    provision=N_("Art. 6(1)(t): out-of-court complaint and redress mechanism"),
    url=legal.CRD_URL,
)
SE_ATL = LegalRef(
    instrument="Lag (2015:671) om alternativ tvistlösning i konsumentförhållanden",
    provision=N_("information about Allmänna reklamationsnämnden (ARN)"),
    jurisdiction="se",
)
NO_KLAGEORGAN = LegalRef(
    instrument="Lov 23. juni 2020 nr. 98 om behandling av forbrukerklager i Forbrukertilsynet og "
               "Forbrukerklageutvalget (forbrukerklageloven)",
    provision=N_("information about the competent complaints body (Forbrukerklageutvalget)"),
    jurisdiction="no",
)
DK_TVIST = LegalRef(
    instrument="Lov om alternativ tvistløsning i forbindelse med forbrugerklager (forbrugerklageloven)",
    provision=N_("information about the competent complaints body (Nævnenes Hus)"),
    jurisdiction="dk",
)
FI_KRIL = LegalRef(
    instrument="Laki kuluttajariitalautakunnasta (8/2007)",
    provision=N_("Kuluttajariitalautakunta as the consumer ADR body"),
    jurisdiction="fi",
)
DE_VSBG_36 = LegalRef(
    instrument="Verbraucherstreitbeilegungsgesetz (VSBG)",
    provision=N_("§ 36: statement whether the trader is willing or obliged to take part in dispute resolution"),
    jurisdiction="de",
    url="https://www.gesetze-im-internet.de/vsbg/__36.html",
)

#: Pages whose reading makes the absence of the ADR information established.
#: Flags saying the passage gives the body's web site or address.
_LOCATED = frozenset({"link", "web_address", "postal_address"})

#: Every message of this rule, in English (translated in auditor/locale).
MESSAGES = Messages(
    vsbg_unwilling=N_(
        "The § 36 VSBG statement is given: the trader is not willing or obliged to take part in dispute "
        "resolution before a consumer conciliation body (no body need be named).",
    ),
    located=N_(
        "Dispute body named with its web site or address: {names}.",
    ),
    unlocated=N_(
        "{names} is named, but without its web site or address (ADR Directive Art. 13 asks for the web site).",
    ),
    foreign_abroad=N_(
        "{names} is named, a dispute body of another country, and the trader appears to be established "
        "outside {country}: {signs}. Check whether that body is the one competent for the trader.",
    ),
    foreign=N_(
        "Only {names} is named, which is not a dispute body for consumers in {country}; the competent "
        "national body is missing.",
    ),
    no_context=N_(
        "{names} is named, but not as the body to turn to: no sentence around the name says that "
        "disputes or complaints can be taken there.",
    ),
    vsbg_willing=N_(
        "The trader declares it takes part in dispute resolution (§ 36 VSBG) but names no conciliation "
        "body with its web site.",
    ),
    doubt=N_(
        "No dispute resolution body found, but {doubt}.",
    ),
    none=N_(
        "No dispute resolution body (or, in Germany, § 36 VSBG statement) on any of the pages read, "
        "including {url}.",
    ),
    none_no_terms=N_(
        "No dispute resolution body (or, in Germany, § 36 VSBG statement) on any of the pages read; the "
        "site has no terms page: the crawl read every page, and no link leads to one.",
    ),
    # A passage that names no body by name; it stands where a name would ("Only {names} is named").
    unknown_body=N_(
        "No dispute body the tool knows is named, but the page speaks of taking disputes to one ('{excerpt}'); "
        "check which body it is and whether it is the competent one.",
    ),
    declined=N_(
        "No dispute body is named as the one to turn to; the trader says it does not take part in dispute "
        "resolution out of court ('{excerpt}'). Check whether it must still name the competent body.",
    ),
    platform_only=N_(
        "No dispute body is named; only the EU online dispute resolution platform is referred to (closed on 20 "
        "July 2025). Check whether the trader must name the competent body.",
    ),
    note_unknown_body=N_("dispute body the tool does not know"),
    note_platform=N_("EU ODR platform, no dispute body"),
    note_declined=N_("the trader takes no part in dispute resolution"),
    some_body=N_("a dispute body"),
    # Evidence notes; a linked body's address follows in parentheses.
    note_unwilling=N_("§ 36 VSBG statement (not willing)"),
    note_located=N_("dispute body with web site or address"),
    note_unlocated=N_("dispute body named without web site"),
    note_foreign=N_("dispute body of another country"),
    note_willing=N_("§ 36 VSBG statement without a body"),
    note_no_context=N_("dispute body named, but not as the body to turn to"),
    note_target=N_("{note} ({target})"),
)


@register
class AdrBody(Rule):
    meta = RuleMeta(
        id="adr-body",
        title=N_("The required dispute resolution information is given"),
        failure_title=N_("No dispute resolution body is named"),
        partial_title=N_("The dispute resolution information is incomplete"),
        review_title=N_("Whether the dispute resolution information is given could not be determined"),
        na_title=N_("Dispute resolution information is not required here"),
        description=N_(
            "Consumers must learn which out-of-court dispute body they can turn to, with its web "
            "site, so that a dispute does not have to go to court."
        ),
        fix=N_(
            "Name the alternative dispute resolution body competent for your disputes with consumers, with "
            "its web address, on the site and in your terms; in Germany, also state whether you are willing "
            "or obliged to take part in proceedings before a consumer conciliation body."
        ),
        category=Category.COMPLAINTS,
        severity=Severity.MEDIUM,
        requires=("passages", "pages", "coverage", "addresses", "phones"),
        legal_refs=(ADR_DIR_13, CRD_6_1_T, SE_ATL, NO_KLAGEORGAN, DK_TVIST, FI_KRIL, DE_VSBG_36),
    )

    def evaluate(self, facts: FactView, ctx: AuditContext) -> Verdict:
        pages = Pages(facts.pages)
        passages = [p for p in facts.passages if p.topic == PassageTopic.ADR_BODY]
        # A body named as something else (a data recipient, a blog post, an employer) is not
        # the body to turn to: it neither passes nor, since the page names it, fails.
        # Nor is a body the trader says it takes no part in ("Vi är inte anslutna till ARN").
        found = [p for p in passages if not {"no_context", "declined"} & set(p.flags)]
        aside = one_per_place([p for p in passages if "no_context" in p.flags and p.name])
        bodies: list[dict[str, Any]] = list(ctx.params.get("adr_bodies", []))
        if ctx.jurisdiction == "de":
            unwilling = [p for p in found if "vsbg_unwilling" in p.flags]
            if unwilling:
                return passed(
                    MESSAGES("vsbg_unwilling"),
                    [_evidence(p, pages, MESSAGES("note_unwilling")) for p in unwilling[:2]],
                )
        own = [p for p in found if _own(p, bodies, ctx.country.region)]
        located = [p for p in own if _located(p, own)]
        if located:
            best = one_per_place(located)
            return passed(
                _sentence(MESSAGES("located", names=_names(best))),
                [_evidence(p, pages, MESSAGES("note_located")) for p in best[:3]],
            )
        if own:
            best = one_per_place(own)
            return partial(
                _sentence(MESSAGES("unlocated", names=_names(best))),
                [_evidence(p, pages, MESSAGES("note_unlocated")) for p in best[:3]],
            )
        named = one_per_place([p for p in found if p.name])
        abroad = _established_elsewhere(facts, pages, ctx) if named else None
        if named and abroad:
            # "Internet Ombudsstelle" on an Austrian trader's German pages: the body competent
            # for a trader is its own country's, which the tool does not list for this law
            return needs_review(
                _sentence(MESSAGES("foreign_abroad", names=_names(named), signs=abroad,
                                   country=country(ctx.jurisdiction))),
                [_evidence(p, pages, MESSAGES("note_foreign")) for p in named[:3]],
            )
        if named:
            return partial(
                _sentence(MESSAGES("foreign", names=_names(named), country=country(ctx.jurisdiction))),
                [_evidence(p, pages, MESSAGES("note_foreign")) for p in named[:3]],
            )
        willing = [p for p in found if "vsbg_willing" in p.flags]
        if willing:
            return partial(
                MESSAGES("vsbg_willing"),
                [_evidence(p, pages, MESSAGES("note_willing")) for p in willing[:2]],
            )
        if aside:
            return needs_review(
                _sentence(MESSAGES("no_context", names=_names(aside))),
                [_evidence(p, pages, MESSAGES("note_no_context")) for p in aside[:3]],
            )
        # The page speaks of taking disputes out of court, to a body the tool does not know by
        # name (another country's) or to the EU platform: no proof that no body is named.
        unknown = one_per_place([p for p in passages if "unknown_body" in p.flags])
        if unknown:
            return needs_review(
                MESSAGES("unknown_body", excerpt=unknown[0].excerpt),
                [_evidence(p, pages, MESSAGES("note_unknown_body")) for p in unknown[:3]],
            )
        # "We aren't members of an ADR scheme": the trader states its position; whether the law
        # still asks it to name the competent body (Sweden's does) is for a reader.
        declined = one_per_place([p for p in passages if "declined" in p.flags])
        if declined:
            return needs_review(
                MESSAGES("declined", excerpt=declined[0].excerpt),
                [_evidence(p, pages, MESSAGES("note_declined")) for p in declined[:3]],
            )
        platform = one_per_place([p for p in facts.passages if p.topic == PassageTopic.ODR_LINK])
        if platform:
            return needs_review(
                MESSAGES("platform_only"),
                [_evidence(p, pages, MESSAGES("note_platform")) for p in platform[:3]],
            )
        doubt = complaints_absence_doubt(pages, facts.coverage)
        if doubt:
            return needs_review(MESSAGES("doubt", doubt=doubt), pages.searched(5))
        terms_read = pages.of_kinds(TERMS_PAGE_KINDS)
        evidence = searched_for_terms(pages, facts.coverage)
        if not terms_read:  # no terms page: every page read, and no link (nor any scripted one) leads to one
            return failed(MESSAGES("none_no_terms"), evidence)
        return failed(MESSAGES("none", url=terms_read[0].final_url), evidence)


def _established_elsewhere(facts: FactView, pages: Pages, ctx: AuditContext) -> Text | None:
    """What shows that the trader is established outside the jurisdiction's country (its own
    address or phone there, or the site's country domain), or None."""
    home = ctx.country
    if not home.region:
        return None
    seen = own_address_and_phone_countries(facts.addresses, facts.phones, pages)
    first = facts.pages[0].final_url if facts.pages else ""
    seen.append((domain_region(first), (urlsplit(first).hostname or "").lower()))
    signs = [Text(f"{what} (") + country(code) + ")" for code, what in dict(seen).items()
             if code and code.upper() != home.region.upper()]
    return join(signs[:3], sep="; ") if signs else None


def _own(passage: PassageFact, bodies: list[dict[str, Any]], home: str = "") -> bool:
    """Whether the passage names a body of the jurisdiction (any body when there is no list)."""
    if not bodies:
        return bool(passage.name or passage.target)
    text = f" {normalise(f'{passage.name} {passage.excerpt}')} "
    host = (urlsplit(passage.target).hostname or "").lower() if "link" in passage.flags else ""
    for body in bodies:
        words = [normalise(str(w)) for w in [body.get("name", ""), body.get("short", ""), *body.get("words", [])]]
        if any(w and f" {w} " in text for w in words) and not _of_another_country(passage.excerpt, words, home):
            return True
        site = str(body.get("site", "")).lower()
        if site and host and (host == site or host.endswith(f".{site}")):
            return True
    return False


#: Countries whose names or adjectives, right before a body's generic name, make it that country's
#: body ("Viron kuluttajariitalautakunta", "the Swedish ARN"): the EU/EEA, the UK and Switzerland.
_COUNTRIES = {
    "AT": "de", "BE": "nl", "BG": "bg", "CY": "el", "CZ": "cs", "DE": "de", "DK": "da", "EE": "et", "ES": "es",
    "FI": "fi", "FR": "fr", "GB": "en", "GR": "el", "HR": "hr", "HU": "hu", "IE": "ga", "IS": "is", "IT": "it",
    "LI": "de", "LT": "lt", "LU": "lb", "LV": "lv", "MT": "mt", "NL": "nl", "NO": "no", "PL": "pl", "PT": "pt",
    "RO": "ro", "SE": "sv", "SI": "sl", "SK": "sk", "CH": "de",
}


@cache
def _foreign_stems(home: str) -> tuple[str, ...]:
    """Stems of the names and adjectives of every country but ``home``, in the languages the tool
    reads (Babel's territory and language names: "viro", "estland", "estnisch", "estonian")."""
    own_languages = {lang for code, lang in _COUNTRIES.items() if code == home.upper()}
    stems: set[str] = set()
    for locale_name in lexicon.LANGUAGES:
        names = Locale.parse(locale_name)
        for code, lang in _COUNTRIES.items():
            if code == home.upper():
                continue
            words = [names.territories.get(code, "")]
            if lang not in own_languages:
                words.append(names.languages.get(lang, ""))
            stems.update(w for w in (normalise(word) for word in words) if len(w) >= 4 and " " not in w)
    return tuple(sorted(stems))


def _of_another_country(excerpt: str, words: list[str], home: str) -> bool:
    """Whether every mention of a body's words in the excerpt has another country's name or
    adjective right before it ("Viron kuluttajariitalautakunnan": Estonia's board, not Finland's)."""
    if not home:
        return False
    tokens = normalise(excerpt).split()
    heads = [w.split()[0][: max(6, len(w.split()[0]) - 4)] for w in words if w]
    mentions = [i for i, token in enumerate(tokens) if any(token.startswith(h) for h in heads)]
    stems = _foreign_stems(home)
    return bool(mentions) and all(i > 0 and tokens[i - 1].startswith(stems) for i in mentions)


def _located(passage: PassageFact, own: list[PassageFact]) -> bool:
    """Web site or address in the passage, or a link to a body's site on the same page."""
    if _LOCATED & set(passage.flags):
        return True
    return any("link" in p.flags and p.url == passage.url for p in own)


def _sentence(words: Text) -> Text:
    """A message with a capital first letter in every language: the fallback "a dispute body"
    may open it."""
    return words.map(lambda text: text[:1].upper() + text[1:])


def _names(passages: list[PassageFact]) -> Text | str:
    names = list(dict.fromkeys(p.name for p in passages if p.name))
    return ", ".join(names[:3]) or MESSAGES("some_body")


def _evidence(passage: PassageFact, pages: Pages, note: Text) -> Evidence:
    if passage.target:
        note = MESSAGES("note_target", note=note, target=passage.target)
    return passage_evidence(passage, pages, note)
