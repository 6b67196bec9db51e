"""The online withdrawal function ("withdrawal button") is offered, from 19 June 2026.

What it checks
    From 2026-06-19 (the audit date, not the clock): a button or link labelled "Ångra köpet
    här", "Withdraw from contract here", "Vertrag widerrufen", "Fortryd købet her", "Peruuta
    sopimus tästä" or an equally clear wording, prominently placed: in the site-wide header or
    footer, or on a page at most two clicks from the home page, passes; deeper is partial.
    Before that date, and in Norway (EEA incorporation pending), the rule does not apply.

Why it matters
    CRD Art. 11a, inserted by Directive (EU) 2023/2673, requires traders selling through an
    online interface to offer a function to withdraw, labelled "withdraw from contract here" or
    equivalently, prominently displayed and continuously available during the withdrawal
    period, with a confirmation step and an acknowledgement on a durable medium.

Failing example      no withdrawal button or link on any page read, and no login area where it
                     could sit
Partial example      "Ångra köpet här" only on a page four clicks deep
Passing example      <footer><a href="/angra-kop">Ångra köpet här</a></footer>
Needs review when    the site has a login or account area (the function may sit behind "Mina
                     sidor"), pages need JavaScript, or the crawl did not cover the site; or
                     only the confirmation step ("Bekräfta ångrande") was seen; or a page
                     describes the function ("vår ångerfunktion under Mina ordrar") that no
                     page read shows.
"""

from __future__ import annotations

from datetime import date

from auditor.i18n import N_, Messages, Text, region_name
from auditor.models import Category, LegalRef, PassageFact, PassageTopic, RuleMeta, Severity
from auditor.rule import (
    AuditContext,
    FactView,
    Rule,
    Verdict,
    failed,
    needs_review,
    not_applicable,
    partial,
    passed,
    register,
)
from auditor.rules import legal
from auditor.rules.support import SITE_WIDE, Pages, absence_doubt, one_per_place, passage_evidence

#: CRD Art. 11a applies from this date (Directive (EU) 2023/2673, Art. 2).
APPLIES_FROM = date(2026, 6, 19)
#: Jurisdictions where Directive 2023/2673 is not (yet) law: NO awaits EEA incorporation.
NOT_TRANSPOSED = frozenset({"no"})
#: Clicks from the home page within which the function counts as easily accessible.
MAX_CLICKS = 2

CRD_11A = LegalRef(
    instrument=legal.CRD,
    provision=N_("Art. 11a (withdrawal function), inserted by Directive (EU) 2023/2673, applicable from 19 June 2026"),
    url="https://eur-lex.europa.eu/eli/dir/2023/2673/oj",
)
SE_PROP = LegalRef(
    instrument="Prop. 2025/26:84 Ett stärkt konsumentskydd vid distansavtal",
    provision=N_("function for exercising the right of withdrawal (proposed to enter into force on 19 June 2026)"),
    jurisdiction="se",
)
DE_BGB_356A = LegalRef(instrument=legal.DE_BGB, provision=N_("§ 356a (withdrawal button 'Vertrag widerrufen')"),
                       jurisdiction="de")
# The Danish bill's title and number as Folketinget gives it (checked 2026-12-06); to review: the Finnish one.
DK_L185 = LegalRef(
    instrument="Forslag til lov om ændring af lov om forbrugeraftaler og lov om forsikringsaftaler (L 185, "
               "folketingsåret 2024-25)",
    provision=N_("transposition of Directive (EU) 2023/2673 (withdrawal function)"),
    jurisdiction="dk",
)
FI_HE120 = LegalRef(
    instrument="Hallituksen esitys eduskunnalle laiksi kuluttajansuojalain muuttamisesta (HE 120/2025 vp)",
    provision=N_("6 luku (withdrawal function), transposition of Directive (EU) 2023/2673"),
    jurisdiction="fi",
)


#: The wording a consumer of each jurisdiction would look for, quoted in the failure message.
_EXAMPLE = {
    "se": "Ångra köpet här",
    "no": "Angre kjøpet her",
    "dk": "Fortryd købet her",
    "fi": "Peruuta sopimus tästä",
    "de": "Vertrag widerrufen",
    "eu": "Withdraw from contract here",
}

#: Every message of this rule, in English (translated in auditor/locale).
MESSAGES = Messages(
    not_yet=N_(
        "The withdrawal function of CRD Art. 11a applies from {applies_from}; the audit date is {as_of}.",
    ),
    not_transposed=N_(
        "Directive (EU) 2023/2673 (withdrawal function) is not yet part of the law of this jurisdiction "
        "(EEA incorporation pending).",
    ),
    unlinked=N_(
        "A withdrawal function '{name}' is on {url}, a saved page no link from the home page leads to; "
        "how consumers reach it cannot be told.",
    ),
    where_site_wide=N_("in the site-wide {region}"),
    where_page_one=N_("on a page {depth} click from the home page"),
    where_page=N_("on a page {depth} clicks from the home page"),
    offered=N_("A withdrawal function '{name}' is offered {where}."),
    deep=N_(
        "A withdrawal function '{name}' exists but only on a page {depth} clicks from the home page; it "
        "must be prominent and easily accessible (at most {max_clicks} clicks, or in the header or footer).",
    ),
    confirm_only=N_(
        "Only a confirmation control ('{name}') was seen, not the button that starts the withdrawal; "
        "check how a consumer reaches it.",
    ),
    note_confirm=N_("confirmation step of the withdrawal function"),
    described=N_(
        "No withdrawal function was found on the pages read, but the site describes one ('{excerpt}'); "
        "it may sit behind a login or in the order confirmation: check it there.",
    ),
    note_described=N_("a withdrawal function described, not shown"),
    account=N_(
        "No withdrawal function found on the public pages, but the site has a login or account area "
        "('{link}') where it may sit; check it there (Art. 11a favours access without login).",
    ),
    note_account=N_("account link to {target}"),
    js_shell=N_(
        "No withdrawal function found, but {url} appears to be built by JavaScript; a button may only "
        "show in a browser.",
    ),
    note_js_shell=N_("page needs JavaScript"),
    doubt=N_("No withdrawal function found, but {doubt}."),
    none=N_(
        "No withdrawal function (a button or link such as '{example}') on any page read, and no account "
        "area where it could sit.",
    ),
    note_button=N_(
        "withdrawal button ({region}, {depth} clicks deep)",
    ),
    note_button_to=N_(
        "withdrawal button to {target} ({region}, {depth} clicks deep)",
    ),
    note_link=N_(
        "withdrawal link ({region}, {depth} clicks deep)",
    ),
    note_link_to=N_(
        "withdrawal link to {target} ({region}, {depth} clicks deep)",
    ),
)


@register
class WithdrawalFunction(Rule):
    meta = RuleMeta(
        id="withdrawal-function",
        title=N_("An online withdrawal function is offered"),
        failure_title=N_("No online withdrawal function is offered"),
        partial_title=N_("An online withdrawal function is offered, but not prominently"),
        review_title=N_("Whether an online withdrawal function is offered could not be determined"),
        na_title=N_("An online withdrawal function is not required yet"),
        description=N_(
            "From 19 June 2026 a shop must offer a clearly labelled button or link to withdraw from "
            "the contract online, as easy to find as the order button."
        ),
        fix=N_(
            "Add a withdrawal function: a button or link labelled “Withdraw from contract here” (or as "
            "clearly, in the site's language) in the footer or account area, available throughout the "
            "withdrawal period, leading to a confirmation step and an acknowledgement by email."
        ),
        category=Category.WITHDRAWAL,
        severity=Severity.CRITICAL,
        requires=("passages", "pages", "account_links", "coverage"),
        legal_refs=(CRD_11A, SE_PROP, DE_BGB_356A, DK_L185, FI_HE120),
    )

    def evaluate(self, facts: FactView, ctx: AuditContext) -> Verdict:
        if ctx.as_of < APPLIES_FROM:
            return not_applicable(
                MESSAGES("not_yet", applies_from=APPLIES_FROM.isoformat(), as_of=ctx.as_of.isoformat())
            )
        if ctx.jurisdiction in NOT_TRANSPOSED:
            return not_applicable(MESSAGES("not_transposed"))
        pages = Pages(facts.pages)
        found = [p for p in facts.passages if p.topic == PassageTopic.WITHDRAWAL_FUNCTION]
        step1 = [p for p in found if not {"confirm", "described"} & set(p.flags)]
        if step1:
            ranked = sorted(step1, key=lambda p: (p.region not in SITE_WIDE, self._depth(p, pages), p.url))
            best = ranked[0]
            depth = self._depth(best, pages)
            evidence = [passage_evidence(p, pages, self._note(p, pages)) for p in one_per_place(ranked)[:3]]
            page = pages.get(best.url)
            if page is not None and not page.linked and best.region not in SITE_WIDE:
                return needs_review(MESSAGES("unlinked", name=best.name, url=page.final_url), evidence)
            if best.region in SITE_WIDE or depth <= MAX_CLICKS:
                if best.region in SITE_WIDE:
                    where = MESSAGES("where_site_wide", region=region_name(best.region))
                else:
                    where = MESSAGES("where_page_one" if depth == 1 else "where_page", depth=depth)
                return passed(MESSAGES("offered", name=best.name, where=where), evidence)
            return partial(MESSAGES("deep", name=best.name, depth=depth, max_clicks=MAX_CLICKS), evidence)
        confirm = [p for p in found if "confirm" in p.flags]
        if confirm:
            return needs_review(
                MESSAGES("confirm_only", name=confirm[0].name),
                [passage_evidence(p, pages, MESSAGES("note_confirm")) for p in confirm[:3]],
            )
        described = [p for p in found if "described" in p.flags]
        if described:
            return needs_review(
                MESSAGES("described", excerpt=described[0].excerpt),
                [passage_evidence(p, pages, MESSAGES("note_described")) for p in one_per_place(described)[:3]],
            )
        if facts.account_links:
            link = facts.account_links[0]
            return needs_review(
                MESSAGES("account", link=link.text or link.target),
                [pages.evidence(link.url, locator=link.locator, excerpt=link.text,
                                note=MESSAGES("note_account", target=link.target))],
            )
        shells = [p for p in pages.all if p.js_shell]
        if shells:
            return needs_review(
                MESSAGES("js_shell", url=shells[0].final_url),
                [pages.evidence(shells[0].final_url, excerpt=shells[0].title, note=MESSAGES("note_js_shell"))],
            )
        doubt = absence_doubt(pages, facts.coverage)
        if doubt:
            return needs_review(MESSAGES("doubt", doubt=doubt), pages.searched(5))
        example = _EXAMPLE.get(ctx.jurisdiction, _EXAMPLE["eu"])
        return failed(MESSAGES("none", example=example), pages.searched(10))

    @staticmethod
    def _depth(passage: PassageFact, pages: Pages) -> int:
        page = pages.get(passage.url)
        return page.depth if page else 99

    def _note(self, passage: PassageFact, pages: Pages) -> Text:
        key = ("note_button" if "button" in passage.flags else "note_link") + ("_to" if passage.target else "")
        return MESSAGES(key, target=passage.target, region=region_name(passage.region),
                        depth=self._depth(passage, pages))
