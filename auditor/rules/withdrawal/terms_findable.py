"""Terms, returns and complaints information is at most two clicks from the home page.

What it checks
    For each of three subjects, the page closest to the home page (shortest click path over the
    links seen) that holds it:

    * terms: a terms page (Köpvillkor, Kjøpsvilkår, Handelsbetingelser, Toimitusehdot, AGB,
      Terms and conditions);
    * returns: a returns or withdrawal page, or a terms or customer-service page that states
      the right of withdrawal, the withdrawal form or the return costs;
    * complaints: a complaints or guarantee page, or a terms or customer-service page that
      states the right to complain or the complaint period.

    The deepest of the three decides: pass at most 2 clicks, partial at 3, fail deeper (on a
    site read in full). The report shows each click path. A subject found nowhere on a site
    read in full makes the result partial at best; none of the three found fails.

    A link to a terms, returns or complaints page that answers 404 or 410 on a live site is a
    dead link, and a finding of its own, with the server's answer (its WARC record) as evidence:
    partial when the subject it names is found elsewhere ("Widerruf" is dead, the AGB state the
    withdrawal right two clicks away), fail when nothing else holds that subject on a site read
    in full, partial with the doubt named when something else could not be checked. A 5xx
    answer, a timeout, robots.txt or a file missing from a saved copy is no dead link: the page
    was not read, and the result is needs_review.

Why it matters
    Art. 6(1)(g), (h) and (l) Directive 2011/83/EU: the terms, the withdrawal conditions and
    the legal guarantee belong to the pre-contract information, and Art. 10(3) Directive
    2000/31/EC asks that terms be available to store. Konsumentverket's 2023 sweep checked
    where *reklamation* and *ångerrätt* information is and whether it is clear; two clicks was
    the most common depth in Göteborg's study of 100 shops, and German case law is summarised
    as "two clicks are acceptable".

Failing example      the terms are four clicks deep, behind inspiration pages; or the footer's
                     "Köpvillkor" answers 404 and no other page holds the terms
Partial example      the returns page is three clicks from the home page
Passing example      "Köpvillkor", "Ångerrätt" and "Reklamation" in the footer of every page
Needs review when    a link to such a page was seen but the page could not be read (a timeout,
                     a 5xx answer, robots.txt, a file missing from a saved copy, a 404 whose
                     answer only loads a script, as a single-page application's), or the crawl
                     did not read every page, so a shorter path may exist.
"""

from __future__ import annotations

from dataclasses import dataclass

from auditor import lexicon
from auditor.i18n import N_, NP_, Messages, Text, join, kind_name
from auditor.models import (
    UNLINKED_DEPTH,
    Category,
    Evidence,
    LegalRef,
    LinkFact,
    Outcome,
    PageInfo,
    PageKind,
    PassageTopic,
    Region,
    RuleMeta,
    Severity,
)
from auditor.rule import AuditContext, FactView, Rule, Verdict, failed, needs_review, partial, passed, register
from auditor.rules import legal
from auditor.rules.dead_links import DeadLink, dead_keys, dead_links, without
from auditor.rules.support import Pages
from auditor.web.urls import url_key

#: Click depths: at most PASS_DEPTH passes, PARTIAL_DEPTH is partial, deeper fails.
PASS_DEPTH = 2
PARTIAL_DEPTH = 3

CRD_6_1_GHL = LegalRef(
    instrument=legal.CRD,
    provision=N_("Art. 6(1)(g), (h) and (l): terms and complaint handling, withdrawal conditions, legal guarantee"),
    url=legal.CRD_URL,
)
ECD_10_3 = LegalRef(
    instrument=legal.ECD,
    provision=N_("Art. 10(3): terms made available in a way that allows the consumer to store them"),
    url=legal.ECD_URL,
)
DE_BGB_312I = LegalRef(
    instrument=legal.DE_BGB,
    provision=N_("§ 312i Abs. 1 Nr. 4: terms retrievable and storable"),
    jurisdiction="de",
)

#: Pages that may carry returns or complaints information inside a wider text.
_HOLDERS = frozenset({PageKind.TERMS, PageKind.RETURNS, PageKind.COMPLAINTS, PageKind.CUSTOMER_SERVICE})

#: Every message of this rule, in English (translated in auditor/locale).
MESSAGES = Messages(
    subject_terms=N_("terms"),
    subject_returns=N_("returns"),
    subject_complaints=N_("complaints"),
    note_page=N_(
        "{label}: {kind} page, {clicks} from the home page: {path}",
    ),
    unread_link=N_(
        "A link '{text}' leads to {target}, {clicks} from the home page, but that page was not read.",
    ),
    note_unread_link=N_(
        "link to a terms, returns or complaints page, not read",
    ),
    none_incomplete=N_(
        "No terms, returns or complaints page found, but not every page of the site could be read.",
    ),
    none=NP_(
        "No terms, returns or complaints page: the {count} page read is every page within the crawl's limits.",
        "No terms, returns or complaints page among the {count} pages read, which are every page within "
        "the crawl's limits.",
        count="count",
    ),
    where_item=N_("{label} {clicks}"),
    unlinked=N_(
        "The {label} information ({url}) is among the saved pages, but no link from the home page leads "
        "to it; whether consumers reach it (through a script, say) cannot be told.",
    ),
    missing_incomplete=N_(
        "Found {where}, but no {names} information, and not every page could be read.",
    ),
    missing=N_(
        "Found {where}; no {names} information on any page read.",
    ),
    reachable=N_("Reachable from the home page: {where}."),
    deep_partial=N_(
        "The {label} information ({url}) is {clicks} from the home page ({where}); two clicks at most is "
        "the practice regulators look for.",
    ),
    deep_incomplete=N_(
        "The {label} information ({url}) is {clicks} from the home page, but not every page could be "
        "read, so a shorter path may exist.",
    ),
    deep=N_(
        "The {label} information ({url}) is {clicks} from the home page ({path}): more than {limit}.",
    ),
    not_linked=N_("not linked"),
    one_click=N_("1 click"),
    clicks=N_("{depth} clicks"),
    home_itself=N_("the home page itself"),
    path=N_("Home → {steps}"),
    dead_one=N_(
        "The link '{text}' leads to {url}, which answers HTTP {status}: consumers who follow it to the {label} "
        "information find an error page.",
    ),
    dead_many=N_(
        "{count} links to terms, returns or complaints pages answer 404 or 410, first '{text}' ({url}, HTTP "
        "{status}): consumers who follow them find an error page.",
    ),
)


@dataclass(frozen=True)
class Subject:
    label: str
    kind: PageKind
    topics: frozenset[PassageTopic]

    @property
    def words(self) -> Text:
        """The subject in words: "returns" / "returer"."""
        return MESSAGES(f"subject_{self.label}")


SUBJECTS = (
    Subject("terms", PageKind.TERMS, frozenset()),
    Subject(
        "returns",
        PageKind.RETURNS,
        frozenset({PassageTopic.WITHDRAWAL_PERIOD, PassageTopic.WITHDRAWAL_FORM, PassageTopic.RETURN_COSTS}),
    ),
    Subject(
        "complaints",
        PageKind.COMPLAINTS,
        frozenset({
            PassageTopic.COMPLAINTS_RIGHT, PassageTopic.COMPLAINT_PROCEDURE,
            PassageTopic.GUARANTEE_PERIOD, PassageTopic.GUARANTEE_NOTICE,
        }),
    ),
)


@register
class TermsFindable(Rule):
    meta = RuleMeta(
        id="terms-findable",
        title=N_("Terms, returns and complaints information is easy to find"),
        failure_title=N_("Terms, returns or complaints information is missing or hard to find"),
        partial_title=N_("The way to terms, returns or complaints information has shortcomings"),
        review_title=N_("Whether terms, returns and complaints are easy to find could not be determined"),
        na_title=N_("Easy-to-find terms are not required here"),
        description=N_(
            "The terms, how to return goods and how to complain should be at most two clicks from "
            "the home page, so consumers find them before and after buying."
        ),
        fix=N_(
            "Link the terms, the returns and withdrawal information and the complaints information from the "
            "footer of every page, so that each is at most two clicks from the home page."
        ),
        category=Category.WITHDRAWAL,
        severity=Severity.MEDIUM,
        requires=("pages", "links", "passages", "coverage"),
        legal_refs=(CRD_6_1_GHL, ECD_10_3, legal.KOV_2023, DE_BGB_312I),
    )

    def evaluate(self, facts: FactView, ctx: AuditContext) -> Verdict:
        pages = Pages(facts.pages)
        dead = dead_links(facts.coverage, facts.links, lexicon.TERMS_KINDS)
        # A page that answered 404 is no page left unread: what it does to the verdict is below.
        coverage = facts.coverage if not dead else without(facts.coverage, dead)
        full = coverage.exhaustive and not coverage.failures
        best: dict[str, PageInfo] = {}
        words: dict[str, Text] = {}
        missing: list[Subject] = []
        for subject in SUBJECTS:
            page = _closest(subject, facts, pages)
            if page is None:
                missing.append(subject)
            else:
                best[subject.label] = page
                words[subject.label] = subject.words
        evidence = [
            pages.evidence(page.final_url, excerpt=page.title,
                           note=MESSAGES("note_page", label=words[label], kind=kind_name(page.kind),
                                         clicks=_clicks(page.depth), path=_path_text(page)))
            for label, page in best.items()
        ]
        unread = _unread_links(missing, facts.links, pages, dead_keys(dead))
        verdict = _judge(best, words, missing, evidence, unread, full, pages)
        # A dead link to a subject found nowhere else, on a site read in full: that link was the way.
        only_way = full and not unread and any(s.kind == link.kind for link in dead for s in missing)
        return _with_dead_links(verdict, dead, pages, only_way)


def _judge(
    best: dict[str, PageInfo],
    words: dict[str, Text],
    missing: list[Subject],
    evidence: list[Evidence],
    unread: list[tuple[LinkFact, int]],
    full: bool,
    pages: Pages,
) -> Verdict:
    if unread:
        link, depth = unread[0]
        return needs_review(
            MESSAGES("unread_link", text=link.text, target=link.target, clicks=_clicks(depth)),
            [*evidence, pages.evidence(link.url, locator=link.locator, excerpt=link.text,
                                       note=MESSAGES("note_unread_link"))],
        )
    if not best:
        if not full:
            return needs_review(MESSAGES("none_incomplete"), pages.searched(5))
        return failed(MESSAGES("none", count=len(pages.all)), pages.searched(10))
    label, deepest = max(best.items(), key=lambda item: item[1].depth)
    what = words[label]
    where = join((MESSAGES("where_item", label=words[name], clicks=_clicks(page.depth))
                  for name, page in best.items()), sep="; ")
    if not deepest.linked:
        return needs_review(MESSAGES("unlinked", label=what, url=deepest.final_url), evidence)
    if missing:
        names = join(s.words for s in missing)
        if not full:
            return needs_review(MESSAGES("missing_incomplete", where=where, names=names), evidence)
        if deepest.depth <= PARTIAL_DEPTH:
            return partial(MESSAGES("missing", where=where, names=names), evidence)
    if deepest.depth <= PASS_DEPTH:
        return passed(MESSAGES("reachable", where=where), evidence)
    clicks = _clicks(deepest.depth)
    if deepest.depth == PARTIAL_DEPTH:
        return partial(
            MESSAGES("deep_partial", label=what, url=deepest.final_url, clicks=clicks, where=where),
            evidence,
        )
    if not full:
        return needs_review(
            MESSAGES("deep_incomplete", label=what, url=deepest.final_url, clicks=clicks), evidence
        )
    return failed(
        MESSAGES("deep", label=what, url=deepest.final_url, clicks=clicks, path=_path_text(deepest),
                 limit=PARTIAL_DEPTH),
        evidence,
    )


def _with_dead_links(verdict: Verdict, dead: list[DeadLink], pages: Pages, only_way: bool) -> Verdict:
    """A dead link to terms, returns or complaints information is a finding: fail when it was the
    only way to a subject (or the site fails without it), partial otherwise, the rest of the
    verdict told after it."""
    if not dead:
        return verdict
    first = dead[0]
    words = {"text": first.text, "url": first.url, "status": first.status}
    if len(dead) == 1:
        label = next(s.words for s in SUBJECTS if s.kind == first.kind)
        sentence = MESSAGES("dead_one", label=label, **words)
    else:
        sentence = MESSAGES("dead_many", count=len(dead), **words)
    evidence = [item for link in dead[:3] for item in link.evidence(pages)]
    message = sentence + " " + verdict.message
    if only_way or verdict.outcome == Outcome.FAIL:
        return failed(message, [*evidence, *verdict.evidence])
    return partial(message, [*evidence, *verdict.evidence])


def _closest(subject: Subject, facts: FactView, pages: Pages) -> PageInfo | None:
    """The shallowest readable page that holds the subject."""
    candidates = pages.of_kinds([subject.kind])
    if subject.topics:
        for passage in facts.passages:
            if passage.topic not in subject.topics or passage.region != Region.MAIN:
                continue
            if passage.topic == PassageTopic.WITHDRAWAL_PERIOD and "right_named" not in passage.flags \
                    and "open_purchase" in passage.flags:
                continue  # "öppet köp" alone is a commercial promise, not the withdrawal information
            page = pages.get(passage.url)
            if page is not None and page.status < 400 and page.kind in _HOLDERS:
                candidates.append(page)
    if not candidates:
        return None
    return min(candidates, key=lambda p: (p.depth, p.kind != subject.kind, p.url))


def _names_subject(link: LinkFact, subject: Subject) -> bool:
    return lexicon.named_kind(link.target, link.text) == subject.kind


def _unread_links(
    missing: list[Subject], links: list[LinkFact], pages: Pages, gone: set[str]
) -> list[tuple[LinkFact, int]]:
    """Internal links naming a missing subject whose target was not read (and did not answer
    404 or 410: ``gone``), shallowest first."""
    found: list[tuple[LinkFact, int]] = []
    for link in links:
        if not link.internal or pages.get(link.target) is not None or url_key(link.target) in gone:
            continue
        if any(_names_subject(link, subject) for subject in missing):
            source = pages.get(link.url)
            found.append((link, (source.depth + 1) if source else 99))
    found.sort(key=lambda item: item[1])
    return found


def _clicks(depth: int) -> Text:
    if depth >= UNLINKED_DEPTH:
        return MESSAGES("not_linked")
    return MESSAGES("one_click") if depth == 1 else MESSAGES("clicks", depth=depth)


def _path_text(page: PageInfo) -> Text:
    if not page.click_path:
        return MESSAGES("home_itself")
    return MESSAGES("path", steps=" → ".join(step.text or step.url for step in page.click_path))
