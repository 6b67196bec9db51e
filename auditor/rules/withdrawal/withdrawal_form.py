"""The model withdrawal form (or an equivalent) is provided.

What it checks
    The model withdrawal form of CRD Annex I(B) on a page of the shop: its text ("Härmed
    meddelar jag/vi att jag/vi frånträder ...", "Hiermit widerrufe(n) ich/wir ...", "I/We
    hereby give notice ..."), a heading naming it (Ångerblankett, Angreskjema,
    Standardfortrydelsesformular, Peruuttamislomake, Muster-Widerrufsformular, Model
    withdrawal form) with the form under it, or a link to a PDF or page with such a name. A
    page that only tells the consumer to "use the form" without giving it is partial.

Why it matters
    CRD Art. 6(1)(h) and Annex I(B): the trader must provide the model withdrawal form before
    the contract. In Sweden the trader must provide the form itself, not only mention it,
    since 1 May 2020 (DAL 2 kap. 2 § första stycket 9, förordning 2014:19, prop. 2019/20:63).

Failing example      no form, no link to one, on a site whose terms and returns pages were read
Partial example      "Använd gärna ångerblanketten när du ångrar ditt köp." and no form anywhere
Passing example      <a href="/files/angerblankett.pdf">Ångerblankett (PDF)</a>
Needs review when    the terms or returns page could not be read, needs JavaScript, or was not
                     found; or every link to the form leads to a page that could not be read
                     (or is missing from a saved copy), or to a document the server would not
                     give for another reason (403, 5xx). Every link leading to a document or
                     page that is not there (404 or 410; a document's to a HEAD request and to a
                     GET for its first byte) fails: the form is not given.
"""

from __future__ import annotations

from auditor.i18n import N_, Messages
from auditor.models import Category, LegalRef, PassageFact, PassageTopic, RuleMeta, Severity
from auditor.rule import AuditContext, FactView, Rule, Verdict, failed, needs_review, partial, passed, register
from auditor.rules import legal
from auditor.rules.support import Pages, first_of_each, passage_evidence
from auditor.rules.withdrawal.withdrawal_period import (
    CRD_6_1_H,
    searched_for_withdrawal,
    withdrawal_absence_doubt,
)
from auditor.web.urls import url_key

#: Answers that say a document is gone, asked with HEAD and again with GET (other errors may pass).
_GONE = frozenset({404, 410})

CRD_ANNEX_I_B = LegalRef(instrument=legal.CRD, provision=N_("Annex I(B) (model withdrawal form)"), url=legal.CRD_URL)
SE_FORM = LegalRef(
    instrument=f"{legal.SE_DAL_ACT}; förordning (2014:19)",
    provision=N_("2 kap. 2 § första stycket 9 (the model withdrawal form; to be provided since 1 May 2020)"),
    jurisdiction="se",
)
NO_FORM = LegalRef(instrument=legal.NO_ANGRL, provision=N_("§ 8 (model withdrawal form)"), jurisdiction="no")
DK_FORM = LegalRef(instrument=legal.DK_FAL, provision=N_("§ 8 (model withdrawal form)"), jurisdiction="dk")
FI_FORM = LegalRef(
    instrument=f"{legal.FI_KSL_ACT}; oikeusministeriön asetus (110/2014)",
    provision=N_("6 luku 9 § (model withdrawal form)"),
    jurisdiction="fi",
)
DE_FORM = LegalRef(
    instrument=legal.DE_EGBGB_ACT,
    provision=N_("Art. 246a § 1 Abs. 2 Nr. 1 and Anlage 2 (model withdrawal form)"),
    jurisdiction="de",
)

#: Every message of this rule, in English (translated in auditor/locale).
MESSAGES = Messages(
    on_page=N_("on the page"),
    linked=N_("linked ({target})"),
    provided=N_(
        "The model withdrawal form is provided {where}.",
    ),
    note_form=N_("withdrawal form"),
    note_form_link=N_("withdrawal form (link)"),
    link_broken=N_(
        "A link to the withdrawal form ({target}) leads to a page that could not be read; check that the "
        "form is there.",
    ),
    note_link_broken=N_(
        "link to the withdrawal form, target not readable",
    ),
    document_missing=N_(
        "A link to the withdrawal form ({target}) leads to a document that is not there (HTTP {status}); "
        "check that the form is given.",
    ),
    document_gone=N_(
        "Every link to the withdrawal form ({target}) leads to a document that is not there (HTTP {status}): "
        "the consumer cannot get the form.",
    ),
    note_document_missing=N_("link to the withdrawal form, document not there"),
    mentioned=N_(
        "The withdrawal form is mentioned but not provided: no form text and no link to it on the page.",
    ),
    note_mentioned=N_("form mentioned, not provided"),
    doubt=N_("No withdrawal form found, but {doubt}."),
    none=N_(
        "No model withdrawal form, and no link to one, on any page read.",
    ),
)


@register
class WithdrawalForm(Rule):
    meta = RuleMeta(
        id="withdrawal-form",
        title=N_("The model withdrawal form is provided"),
        failure_title=N_("The model withdrawal form is not provided"),
        partial_title=N_("The withdrawal form is mentioned but not provided"),
        review_title=N_("Whether the model withdrawal form is provided could not be determined"),
        na_title=N_("The model withdrawal form is not required here"),
        description=N_(
            "The model withdrawal form lets a consumer withdraw in writing without drafting a letter; "
            "the shop must give it to the consumer, not only mention it."
        ),
        fix=N_(
            "Provide the model withdrawal form (Annex I(B) of the Consumer Rights Directive) as a page or "
            "downloadable file linked from the terms or the returns page; referring to it is not enough."
        ),
        category=Category.WITHDRAWAL,
        severity=Severity.HIGH,
        requires=("passages", "pages", "coverage"),
        legal_refs=(CRD_6_1_H, CRD_ANNEX_I_B, SE_FORM, NO_FORM, DK_FORM, FI_FORM, DE_FORM),
    )

    def evaluate(self, facts: FactView, ctx: AuditContext) -> Verdict:
        pages = Pages(facts.pages)
        found = [p for p in facts.passages if p.topic == PassageTopic.WITHDRAWAL_FORM]
        inline = [p for p in found if "inline" in p.flags]
        links = [p for p in found if "link" in p.flags]
        # A linked document is checked with a HEAD request: one that is not there gives no form.
        missing = {url_key(d.url): d for d in facts.coverage.documents if d.missing}
        broken = {
            url_key(f.url)
            for f in facts.coverage.failures
            if f.kind in ("http_status", "not_saved") and (f.status or 0) >= 400
        } | set(missing)
        working = [p for p in links if url_key(p.target) not in broken]
        provided = inline + working
        if provided:
            where = MESSAGES("on_page") if inline else MESSAGES("linked", target=working[0].target)
            return passed(
                MESSAGES("provided", where=where),
                [passage_evidence(p, pages, MESSAGES("note_form_link" if "link" in p.flags else "note_form"))
                 for p in _one_per_form(provided)[:3]],
            )
        # A page linked as the form that the server said is not there (404, 410) is as gone as a
        # document; one missing from a saved copy is not known to be (the copy may be partial).
        statuses = {key: d.status for key, d in missing.items()}
        statuses.update({url_key(f.url): f.status for f in facts.coverage.failures
                         if f.kind == "http_status" and f.status in _GONE and url_key(f.url) not in statuses})
        gone = [p for p in links if url_key(p.target) in statuses]
        if gone and len(gone) == len(links):
            status = statuses[url_key(gone[0].target)]
            if all(statuses[url_key(p.target)] in _GONE for p in gone):
                # every link to the form leads to nothing (the server said so to a HEAD request
                # and again to a GET for its first byte): the consumer cannot get the form
                return failed(
                    MESSAGES("document_gone", target=gone[0].target, status=status),
                    [passage_evidence(p, pages, MESSAGES("note_document_missing")) for p in _one_per_form(gone)[:3]],
                )
            return needs_review(
                MESSAGES("document_missing", target=gone[0].target, status=status),
                [passage_evidence(p, pages, MESSAGES("note_document_missing")) for p in _one_per_form(gone)[:3]],
            )
        if links:
            return needs_review(
                MESSAGES("link_broken", target=links[0].target),
                [passage_evidence(p, pages, MESSAGES("note_link_broken")) for p in links[:3]],
            )
        mentions = [p for p in found if "mention_only" in p.flags]
        if mentions:
            return partial(
                MESSAGES("mentioned"),
                [passage_evidence(p, pages, MESSAGES("note_mentioned")) for p in _one_per_form(mentions)[:3]],
            )
        doubt = withdrawal_absence_doubt(pages, facts.coverage)
        if doubt:
            return needs_review(MESSAGES("doubt", doubt=doubt), pages.searched(5))
        return failed(MESSAGES("none"), searched_for_withdrawal(pages, facts.coverage))


def _one_per_form(passages: list[PassageFact]) -> list[PassageFact]:
    """One passage per element and document it links to (a page may link the form twice)."""
    return first_of_each(passages, lambda p: (p.url, p.locator, p.target))
