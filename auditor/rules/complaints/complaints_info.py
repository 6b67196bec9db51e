"""The site explains the consumer's right to complain about faulty goods.

What it checks
    A sentence that names the statutory right to complain about faulty goods (reklamation,
    reklamasjon, reklamationsret, reklamaatio / virheellinen tuote, Gewährleistung /
    Mängelrechte, legal guarantee / faulty goods) or speaks of faulty goods with what the law
    gives ("Ist die Ware defekt, haben Sie Anspruch auf Nachbesserung"), or a fault explained
    right under a heading that names the right, anywhere on the site: a complaints, terms,
    returns, customer-service or FAQ page, or a product page. A commercial "garanti" alone is
    not the legal right; a privacy or cookie policy telling the consumer to complain to the
    data-protection authority ("klagomål till IMY") is not complaints information.

Why it matters
    Art. 6(1)(l) Directive 2011/83/EU asks the trader to remind the consumer of the legal
    guarantee of conformity before the contract. Konsumentverket's 2023 sweep checked "var
    information finns om hur reklamation kan göras och om informationen är tydlig", and the
    2019 CPC sweep found that over a third of flagged shops did not mention the two-year
    guarantee.

Failing example      the terms, returns and contact pages were read and none of them speaks
                     of reklamation; a cookie policy only mentions "klagomål till IMY"
Passing example      "Du har tre års reklamationsrätt enligt konsumentköplagen." in the terms
Partial when         the site only says how to complain about faulty or damaged goods ("Kommer
                     varan skadad? Kontakta oss med bilder") without naming the legal right
Failing also when    faults are mentioned only in passing, such as a general invitation to get in
                     touch if something is wrong ("Är något fel, hör av dig så löser vi det"),
                     with no word of complaints, no complaints heading and nothing on the right,
                     its period or how complaints are handled; the message quotes it; and
                     when only a manufacturer's guarantee is described ("3 års garanti från
                     tillverkaren"): the maker's promise is never the shop's word for the right
Needs review when    no terms, returns or complaints page was read, a page that looks like one
                     could not be read (robots, HTTP error, JavaScript), the crawl did not
                     cover the site, a complaints page was read but its wording was not
                     recognised, or only the shop's own guarantee is described (the shop's
                     word "garanti" may mean the legal right).
"""

from __future__ import annotations

from collections.abc import Iterable

from auditor.i18n import N_, Messages, Text, decimal, join, kind_name
from auditor.models import (
    Category,
    CrawlCoverage,
    LegalRef,
    PageKind,
    PassageFact,
    PassageTopic,
    RuleMeta,
    Severity,
)
from auditor.rule import AuditContext, FactView, Rule, Verdict, failed, needs_review, partial, passed, register
from auditor.rules import legal
from auditor.rules.support import (
    SITE_WIDE,
    TERMS_PAGE_KINDS,
    Pages,
    passage_evidence,
    searched_for_terms,
    section_doubt,
)

CRD_6_1_L = LegalRef(
    instrument=legal.CRD,
    provision=N_("Art. 6(1)(l): reminder of the existence of a legal guarantee of conformity for goods"),
    url=legal.CRD_URL,
)
SGD_10 = LegalRef(
    instrument=legal.SGD,
    provision=N_("Art. 10 (liability of the seller for at least two years) and Art. 12 (notification)"),
    url="https://eur-lex.europa.eu/eli/dir/2019/771/oj",
)
SE_KKL = LegalRef(
    instrument="Konsumentköplag (2022:260)",
    provision=N_("5 kap. (complaints: within a reasonable time, two months always in time, at most three years "
                 "from delivery)"),
    jurisdiction="se",
    url="https://www.riksdagen.se/sv/dokument-och-lagar/dokument/svensk-forfattningssamling/konsumentkoplag-2022260_sfs-2022-260/",
)
SE_KOV_REKLAMATION = LegalRef(
    instrument=N_("Konsumentverket, Konsumentproblem i kundtjänst (checklist, 2023) and 2023 web-shop sweep"),
    provision="'Ha tydlig information om hur konsumenter kan reklamera'",
    jurisdiction="se",
    url="https://konsumentverket.se/for-foretag/konsumentratt-for-foretagare/konsumentproblem-i-kundtjanst/",
)
NO_FKJL_27 = LegalRef(
    instrument="Lov 21. juni 2002 nr. 34 om forbrukerkjøp (forbrukerkjøpsloven)",
    provision=N_("§ 27 (complaints: two years, five for goods meant to last considerably longer)"),
    jurisdiction="no",
    url="https://lovdata.no/lov/2002-06-21-34/§27",
)
DK_KBL_83 = LegalRef(
    instrument="Lov om køb (købeloven)",
    provision=N_("§§ 81–83 (complaints; two years from delivery)"),
    jurisdiction="dk",
)
FI_KSL_5 = LegalRef(
    instrument=legal.FI_KSL_ACT,
    provision=N_("5 luku 16 § (notice of a defect within a reasonable time; no absolute limit)"),
    jurisdiction="fi",
)
DE_BGB_438 = LegalRef(
    instrument=legal.DE_BGB,
    provision=N_("§§ 437, 438 (rights for defects, two years), § 476 (no shortening to the consumer's detriment), "
                 "§ 477"),
    jurisdiction="de",
    url="https://www.gesetze-im-internet.de/bgb/__438.html",
)

#: The national provisions on the legal guarantee, cited by every complaints rule.
NATIONAL_GUARANTEE = (SE_KKL, NO_FKJL_27, DK_KBL_83, FI_KSL_5, DE_BGB_438)

#: Every message of this rule, in English (translated in auditor/locale) (also the words the other complaints rules
#: share: the pages complaints information belongs on, and a stated period).
MESSAGES = Messages(
    found=N_(
        "The right to complain about faulty goods is explained ({where} page): '{excerpt}'.",
    ),
    note_right=N_(
        "names the consumer's right to complain (legal guarantee)",
    ),
    howto=N_(
        "How to complain about faulty or damaged goods is described ('{excerpt}'), but not the consumer's "
        "legal right to complain (the legal guarantee) and how long it lasts.",
    ),
    note_howto=N_(
        "how to complain about faulty goods, legal right not named",
    ),
    channel=N_(
        "Where to send complaints is said ('{excerpt}'), but not the consumer's legal right to complain "
        "about faulty goods (the legal guarantee) and how long it lasts.",
    ),
    note_channel=N_(
        "where to complain, legal right not named",
    ),
    privacy_only=N_(
        "The right to complain is mentioned only in the privacy policy; check whether the site explains "
        "it anywhere a consumer would look.",
    ),
    note_privacy=N_("in the privacy policy"),
    commercial=N_(
        "Only a guarantee is described ('{excerpt}'), not the legal right to complain; check whether the "
        "shop's word for a guarantee means the legal right here.",
    ),
    note_commercial=N_("guarantee, not the legal right"),
    # {message} is one of the two "No page … explains the consumer's right …" messages above.
    makers_only=N_("{message} A manufacturer's guarantee is described ('{excerpt}'): the maker's promise, not the "
                   "seller's legal liability."),
    note_maker=N_("manufacturer's guarantee, not the legal right"),
    unrecognised=N_(
        "A complaints or warranty page ({url}) was read, but no wording about the legal right to complain "
        "was recognised on it.",
    ),
    note_unrecognised=N_(
        "complaints page, wording not recognised",
    ),
    doubt=N_(
        "No information about the right to complain found, but {doubt}.",
    ),
    general_only=N_(
        "Faults are mentioned only in passing ('{excerpt}'): nothing on the consumer's legal right to "
        "complain about faulty goods (the legal guarantee), how long it lasts or how complaints are handled.",
    ),
    note_general=N_("faults mentioned in passing, not complaints information"),
    none_site=N_(
        "No page explains the consumer's right to complain about faulty goods (the legal guarantee); the site "
        "has no terms, returns or complaints page: the crawl read every page, and no link leads to one.",
    ),
    none=N_(
        "No page read explains the consumer's right to complain about faulty goods (the legal guarantee), "
        "although the terms or returns pages were read.",
    ),
    # The pages complaints information belongs on, as "no ... page was read" names them.
    terms_words=N_("terms, returns or complaints"),
    # A stated period ("14 days", "3 år"), shared by the complaints rules.
    period=N_("{amount} {unit}"),
    hour=N_("hour"),
    hours=N_("hours"),
    day=N_("day"),
    days=N_("days"),
    working_day=N_("working day"),
    working_days=N_("working days"),
    week=N_("week"),
    weeks=N_("weeks"),
    month=N_("month"),
    months=N_("months"),
    year=N_("year"),
    years=N_("years"),
)

#: Pages where a shop explains complaints: absence counts only after one of them was read.
LEGAL_PAGE_KINDS = TERMS_PAGE_KINDS
#: Fewer words than this is a heading or label, shown after full sentences.
_SENTENCE_WORDS = 5
#: Where complaints information is most expected, best first (evidence order).
_KIND_RANK = {
    PageKind.COMPLAINTS: 0, PageKind.RETURNS: 1, PageKind.TERMS: 2, PageKind.CUSTOMER_SERVICE: 3,
    PageKind.CONTACT: 4,
}


@register
class ComplaintsInfo(Rule):
    meta = RuleMeta(
        id="complaints-info",
        title=N_("The right to complain about faulty goods is explained"),
        failure_title=N_("The right to complain about faulty goods is not explained"),
        partial_title=N_("Where or how to complain is said, but not the legal right"),
        review_title=N_("Whether the right to complain is explained could not be determined"),
        na_title=N_("The right to complain need not be explained here"),
        description=N_(
            "Consumers must be reminded that they have a legal right to complain about faulty "
            "goods (the legal guarantee of conformity), which a manufacturer's guarantee does not replace."
        ),
        fix=N_(
            "Remind consumers of their statutory right to complain about faulty goods (the legal guarantee of "
            "conformity) and of how long it lasts, in the terms or on a complaints page, and keep it apart "
            "from any commercial guarantee you offer."
        ),
        category=Category.COMPLAINTS,
        severity=Severity.HIGH,
        requires=("passages", "pages", "coverage"),
        legal_refs=(CRD_6_1_L, SGD_10, SE_KOV_REKLAMATION, *NATIONAL_GUARANTEE),
    )

    def evaluate(self, facts: FactView, ctx: AuditContext) -> Verdict:
        pages = Pages(facts.pages)
        rights = [p for p in facts.passages if p.topic == PassageTopic.COMPLAINTS_RIGHT]
        counted = ranked(unique(p for p in rights if counts(p, pages)), pages)
        if counted:
            where = join(kind_name(kind) for kind in sorted({pages.kind(p.url).value for p in counted}))
            return passed(
                MESSAGES("found", where=where, excerpt=counted[0].excerpt),
                [passage_evidence(p, pages, MESSAGES("note_right")) for p in counted[:3]],
            )
        howto = ranked(
            unique(
                p
                for p in facts.passages
                if p.topic == PassageTopic.COMPLAINT_PROCEDURE and "defect" in p.flags and "general" not in p.flags
                and counts(p, pages)
            ),
            pages,
        )
        if howto:
            return partial(
                MESSAGES("howto", excerpt=howto[0].excerpt),
                [passage_evidence(p, pages, MESSAGES("note_howto")) for p in howto[:3]],
            )
        channel = ranked(
            unique(
                p
                for p in facts.passages
                if p.topic == PassageTopic.COMPLAINT_PROCEDURE and "channel" in p.flags
                and not {"general", "warranty"} & set(p.flags) and counts(p, pages)
            ),
            pages,
        )
        if channel:
            return partial(
                MESSAGES("channel", excerpt=channel[0].excerpt),
                [passage_evidence(p, pages, MESSAGES("note_channel")) for p in channel[:3]],
            )
        if rights:
            return needs_review(
                MESSAGES("privacy_only"),
                [passage_evidence(p, pages, MESSAGES("note_privacy")) for p in unique(rights)[:3]],
            )
        # A commercial guarantee's period, or where its claims go ("Warranty claims go to the maker")
        # (a manufacturer's guarantee is no word of the shop's that may mean the legal right)
        commercial = [
            p for p in facts.passages
            if (p.topic == PassageTopic.GUARANTEE_PERIOD and "commercial_guarantee" in p.flags
                and "maker" not in p.flags)
            or (p.topic == PassageTopic.COMPLAINT_PROCEDURE and "warranty" in p.flags and counts(p, pages))
        ]
        if commercial:
            return needs_review(
                MESSAGES("commercial", excerpt=commercial[0].excerpt),
                [passage_evidence(p, pages, MESSAGES("note_commercial")) for p in unique(commercial)[:3]],
            )
        complaint_pages = pages.of_kinds({PageKind.COMPLAINTS})
        if complaint_pages:
            return needs_review(
                MESSAGES("unrecognised", url=complaint_pages[0].final_url),
                [pages.evidence(p.final_url, excerpt=p.title, note=MESSAGES("note_unrecognised"))
                 for p in complaint_pages[:3]],
            )
        doubt = complaints_absence_doubt(pages, facts.coverage)
        if doubt:
            return needs_review(MESSAGES("doubt", doubt=doubt), pages.searched(5))
        general = unique(
            p for p in facts.passages
            if p.topic == PassageTopic.COMPLAINT_PROCEDURE and "general" in p.flags and counts(p, pages)
        )
        if general:
            return failed(
                MESSAGES("general_only", excerpt=general[0].excerpt),
                [*(passage_evidence(p, pages, MESSAGES("note_general")) for p in general[:2]),
                 *searched_for_terms(pages, facts.coverage)],
            )
        none = "none" if pages.of_kinds(TERMS_PAGE_KINDS) else "none_site"
        # a manufacturer's guarantee set aside is shown, with why it did not count
        makers = unique(
            p for p in facts.passages
            if p.topic == PassageTopic.GUARANTEE_PERIOD and "maker" in p.flags and counts(p, pages)
        )
        if makers:
            return failed(
                MESSAGES("makers_only", message=MESSAGES(none), excerpt=makers[0].excerpt),
                [*(passage_evidence(p, pages, MESSAGES("note_maker")) for p in makers[:2]),
                 *searched_for_terms(pages, facts.coverage)],
            )
        return failed(MESSAGES(none), searched_for_terms(pages, facts.coverage))


def counts(passage: PassageFact, pages: Pages) -> bool:
    """Whether a passage counts: not in the body of a privacy or cookie policy."""
    return passage.region in SITE_WIDE or pages.kind(passage.url) != PageKind.PRIVACY


def unique(passages: Iterable[PassageFact]) -> list[PassageFact]:
    """One passage per sentence (footer text repeats on every page)."""
    seen: dict[tuple[str, str, float | None], PassageFact] = {}
    for passage in passages:
        seen.setdefault((passage.topic.value, passage.excerpt.casefold(), passage.amount), passage)
    return list(seen.values())


def ranked(passages: list[PassageFact], pages: Pages) -> list[PassageFact]:
    """Passages on the pages where the information belongs first, sentences before headings,
    then shallow pages."""
    def key(p: PassageFact) -> tuple[int, bool, int, str]:
        page = pages.get(p.url)
        heading = len(p.excerpt.split()) < _SENTENCE_WORDS
        return (_KIND_RANK.get(pages.kind(p.url), 9), heading, page.depth if page else 99, p.url)

    return sorted(passages, key=key)


def complaints_absence_doubt(pages: Pages, coverage: CrawlCoverage) -> Text | None:
    """Why complaints information not found may still exist, or None when its absence is shown."""
    return section_doubt(pages, coverage, LEGAL_PAGE_KINDS, MESSAGES("terms_words"))


def period_words(amount: float | None, unit: str | None, *, working: bool = False) -> Text:
    """A stated period in words: "14 days" / "14 dagar", "1 year" / "1 år"; ``working`` for
    working days."""
    value = amount or 0.0
    number = format(value, "g")
    shown = decimal(number)  # a decimal comma where the language writes one: "1,5 år"
    if not unit or unit not in MESSAGES.entries:
        return MESSAGES("period", amount=shown, unit=unit or "")
    prefix = "working_" if working and f"working_{unit}" in MESSAGES.entries else ""
    plural = MESSAGES(prefix + unit)
    if value != 1:
        return MESSAGES("period", amount=shown, unit=plural)
    singular = MESSAGES(prefix + unit[:-1])
    return MESSAGES("period", amount=shown, unit=singular)
