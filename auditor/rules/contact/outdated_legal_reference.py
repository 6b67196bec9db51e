"""No page cites an act that was repealed or replaced by the audit date (informative).

What it checks
    Date-gated on the audit date (``as_of``), never the clock. The jurisdiction's profile lists
    the acts its law repealed or replaced, each with the day (``replaced_acts``): in Germany the
    Telemediengesetz (TMG), replaced by the Digitale-Dienste-Gesetz (DDG) on 14 May 2024; in
    Sweden konsumentköplagen (1990:932), replaced by konsumentköplagen (2022:260) on 1 May 2022.
    On or after that day, a citation of the old act on the home, contact, customer-service,
    imprint, about, terms, returns or complaints pages, or in the site-wide header or footer,
    is reported: "§ 5 TMG", "§5 TMG", "§ 5 Abs. 1 TMG", "gemäß Telemediengesetz", "nach dem TMG",
    "konsumentköplagen (1990:932)". Not counted: a citation that names the act in force beside
    it ("§ 5 DDG (früher § 5 TMG)") or presents the old act as former law ("för köp före den
    1 maj 2022 gäller konsumentköplagen (1990:932)"), both listed as set aside; "TMG" that cites
    nothing ("TMG-200", "TMG Logistik GmbH"); the DDG itself.

    Outcomes, chosen so that the finding informs and never lowers a score: a citation of a
    replaced act is *not applicable* with the citation as evidence, as odr-link reports a link
    to the closed ODR platform (requirements.md marks both INFO: an observation, not in itself
    a breach; § 5 DDG asks what § 5 TMG asked). No such citation on
    the pages read passes, with those pages as evidence. Before the day, and where the profile
    lists no replaced act (NO, DK, FI, EU law only), the rule is not applicable. Its weight is 0
    in every jurisdiction (severity info), so neither outcome moves a score, and neither is a
    finding for ``auditor ci`` or a failure in JUnit.

Why it matters
    An imprint that cites a repealed act tells consumers and authorities the trader has not
    kept its legal information up to date, and points them to provisions that no longer exist
    (requirements.md, DE-IMPRESSUM: "references to § 5 TMG outdated since 2024-05-14"). The
    information itself may still be complete: the trader-identity and contact rules judge that.

Failing example      none: the rule never fails. Reported as outdated (not applicable, with
                     evidence): a German imprint audited on 2026-11-24 headed "Angaben gemäß
                     § 5 TMG"
Passing example      the same imprint headed "Angaben gemäß § 5 DDG"; or audited on 2024-01-10,
                     when the TMG was in force (then not applicable)
Needs review when    never: a citation the tool cannot read as one (an abbreviation with no
                     section sign or citing word before it) is not reported at all.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from auditor.i18n import N_, Messages, Text, join
from auditor.models import Category, Outcome, PassageFact, PassageTopic, RuleMeta, Severity
from auditor.rule import AuditContext, FactView, Rule, Verdict, not_applicable, passed, register
from auditor.rules import legal
from auditor.rules.support import (
    SITE_WIDE,
    TERMS_PAGE_KINDS,
    TRADER_PAGE_KINDS,
    Pages,
    aside,
    first_of_each,
    passage_evidence,
    set_aside_note,
    with_note,
)
from auditor.web.urls import url_key

#: Pages where a shop gives its trader information and terms: where a citation is read.
READ_KINDS = TRADER_PAGE_KINDS | TERMS_PAGE_KINDS
#: Citations shown as evidence, at most (one per page and act).
MAX_EVIDENCE = 5

#: Every message of this rule, in English (translated in auditor/locale).
MESSAGES = Messages(
    no_acts=N_(
        "No act repealed or replaced by the law of {jurisdiction} is known to the tool; citations are not "
        "checked.",
    ),
    not_yet=N_(
        "On the audit date ({as_of}) no act known to the tool had yet been repealed or replaced ({acts}); "
        "citing it was correct then.",
    ),
    # {act}: an act as cited, {since}: the day it was replaced (YYYY-MM-DD).
    act_since=N_("{act}, replaced on {since}"),
    outdated=N_(
        "Outdated legal reference (informative, not scored): {acts}. A reference should name the act in force.",
    ),
    act_outdated=N_("{act} is cited, although {replaced_by} replaced it on {since}"),
    current=N_(
        "No citation of an act repealed or replaced by the audit date ({acts}) on the home, "
        "trader-information and terms pages read ({n}).",
    ),
    none_read=N_("No home, trader-information or terms page was read, so no citation could be checked."),
    note_outdated=N_("cites {act}, replaced on {since} by {replaced_by}"),
    # Citations set aside ({item} is an act as cited).
    why_current=N_("the act in force is named beside it"),
    why_historic=N_("presented as former law"),
)


@dataclass(frozen=True)
class Replaced:
    """An act the jurisdiction's law repealed or replaced (``replaced_acts`` of its profile)."""

    act: str
    name: str
    since: date
    replaced_by: str

    @classmethod
    def of(cls, entry: Mapping[str, Any]) -> Replaced:
        since = entry["since"]
        return cls(
            act=str(entry["act"]),
            name=str(entry.get("name") or entry["act"]),
            since=since if isinstance(since, date) else date.fromisoformat(str(since)),
            replaced_by=str(entry.get("replaced_by", "")),
        )


@register
class OutdatedLegalReference(Rule):
    meta = RuleMeta(
        id="outdated-legal-reference",
        title=N_("No citation of a repealed or replaced act was found"),
        failure_title=N_("A repealed act is cited"),
        partial_title=N_("Citations of acts are partly outdated"),
        review_title=N_("Whether a repealed act is cited could not be determined"),
        na_title=N_("Citations of repealed acts: informative, not scored"),
        description=N_(
            "A page that cites an act after it was repealed or replaced (the German Telemediengesetz after "
            "14 May 2024, the Swedish konsumentköplag of 1990 after 1 May 2022) points consumers to law that "
            "no longer applies. Informative: it never fails and does not weigh in the score."
        ),
        fix=N_(
            "Replace citations of repealed acts with the act now in force, for example § 5 DDG instead of § 5 "
            "TMG, or konsumentköplagen (2022:260) instead of the 1990 act."
        ),
        category=Category.CONTACT,
        severity=Severity.INFO,
        requires=("passages", "pages"),
        legal_refs=(legal.DE_DDG_FOR_TMG, legal.SE_KKL_2022_FOR_1990),
    )

    def evaluate(self, facts: FactView, ctx: AuditContext) -> Verdict:
        known = [Replaced.of(entry) for entry in ctx.params.get("replaced_acts", [])]
        if not known:
            return not_applicable(MESSAGES("no_acts", jurisdiction=ctx.jurisdiction.upper()))
        due = {act.act: act for act in known if act.since <= ctx.as_of}
        if not due:
            listed = join(MESSAGES("act_since", act=a.name, since=a.since.isoformat()) for a in known)
            return not_applicable(MESSAGES("not_yet", as_of=ctx.as_of.isoformat(), acts=listed))
        pages = Pages(facts.pages)
        read = pages.of_kinds(READ_KINDS)
        if not read:
            return not_applicable(MESSAGES("none_read"))
        cited = [
            p for p in facts.passages
            if p.topic == PassageTopic.LEGAL_CITATION and p.name in due
            and (p.region in SITE_WIDE or pages.kind(p.url) in READ_KINDS)
        ]
        outdated = [p for p in cited if not {"current_named", "historic"} & set(p.flags)]
        if outdated:
            shown = first_of_each(outdated, lambda p: (url_key(p.url), p.name))[:MAX_EVIDENCE]
            acts = [due[name] for name in dict.fromkeys(p.name for p in outdated)]
            message = MESSAGES("outdated", acts=join((_outdated(a) for a in acts), sep="; "))
            found = tuple(passage_evidence(p, pages, _note(due[p.name])) for p in shown)
            return Verdict(Outcome.NOT_APPLICABLE, message, found)
        keys = {url_key(p.final_url) for p in read}
        searched = [e for e in pages.searched(len(pages.all)) if url_key(e.url) in keys][:10]
        message = MESSAGES("current", n=len(read), acts=join(a.name for a in due.values()))
        return passed(with_note(message, set_aside_note(list(_set_aside(cited, due, pages)))), searched)


def _outdated(act: Replaced) -> Text:
    return MESSAGES("act_outdated", act=act.name, replaced_by=act.replaced_by, since=act.since.isoformat())


def _note(act: Replaced) -> Text:
    return MESSAGES("note_outdated", act=act.name, since=act.since.isoformat(), replaced_by=act.replaced_by)


def _set_aside(cited: Iterable[PassageFact], due: Mapping[str, Replaced], pages: Pages) -> Iterable[Text]:
    """The citations not counted, one per page and act, with why."""
    for passage in first_of_each(cited, lambda p: (url_key(p.url), p.name)):
        why = MESSAGES("why_current") if "current_named" in passage.flags else MESSAGES("why_historic")
        yield aside(due[passage.name].name, passage.url, why, pages)
