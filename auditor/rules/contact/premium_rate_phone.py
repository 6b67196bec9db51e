"""The trader's customer-service number is not a premium-rate number.

What it checks
    The telephone numbers the trader shows as its own (valid, not a public body's, on a
    contact, customer-service, imprint, about or home page, or in the site-wide header or
    footer; failing those, on any page but the privacy policy) and whether each is
    basic-rate. A number is premium-rate when libphonenumber classifies it so, or when its
    national form starts with one of the jurisdiction's
    ``premium_prefixes`` (SE 0900/0939/0944, DE 0900/0137/0180, NO 820/829, DK 90, FI
    0600/0700); the prefixes apply only to numbers of the jurisdiction's own country.

    * pass: every such number is basic-rate (geographic, mobile or free);
    * partial: a premium-rate number is given next to a basic-rate one;
    * fail: the only numbers given are premium-rate;
    * not applicable: no telephone number at all (contact-phone judges that).

Why it matters
    Art. 21 Directive 2011/83/EU: a consumer who calls the trader about a contract pays no more
    than the basic rate; CJEU C-568/15 (comtech): no more than a call to a standard geographic
    or mobile number. Finland: KSL 2:14 requires a basic-rate customer-service number.

Failing example      "Kundtjänst: 0900-123 45 67 (29 kr/min)" as the only number
Passing example      "Kundtjänst: 08-123 45 67"; a Swedish mobile 070-900 12 34 (not 0900)
Needs review when    the only numbers after a phone word cannot be dialled as written, so
                     their rate is unknown.
"""

from __future__ import annotations

import phonenumbers

from auditor.i18n import N_, Messages, Text, region_name
from auditor.models import Category, Evidence, LegalRef, PageKind, PhoneFact, RuleMeta, Severity
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
from auditor.rules.contact.contact_phone import phone_type_name
from auditor.rules.support import Pages, fact_evidence, is_prominent, one_per_number

CRD_21 = LegalRef(
    instrument=legal.CRD,
    provision=N_("Art. 21: telephone line about a contract at no more than the basic rate"),
    url=legal.CRD_URL,
)
CJEU_C_568_15 = LegalRef(
    instrument=legal.CJEU_COMTECH,
    provision=N_("basic rate = the cost of a call to a standard geographic or mobile number"),
    url="https://curia.europa.eu/juris/liste.jsf?num=C-568/15",
)
FI_KSL_2_14 = LegalRef(
    instrument=legal.FI_KSL_ACT,
    provision=N_("2 luku 14 §: customer-service number at a basic rate"),
    jurisdiction="fi",
)
DE_BGB_312A = LegalRef(
    instrument=legal.DE_BGB,
    provision=N_("§ 312a Abs. 5: no charge above the basic rate for calls about a contract"),
    jurisdiction="de",
)

#: Every message of this rule, in English (translated in auditor/locale).
MESSAGES = Messages(
    all_basic=N_(
        "The telephone numbers given are basic-rate: {numbers}.",
    ),
    premium_and_basic=N_(
        "A premium-rate number ({premium}) is given next to a basic-rate one ({basic}); a call about a "
        "contract may not cost more than the basic rate.",
    ),
    premium_only=N_(
        "The only telephone number given ({number}) is premium-rate; a customer line may not cost more "
        "than a basic-rate call (CRD Art. 21, CJEU C-568/15).",
    ),
    invalid=N_(
        "A number is given ('{raw}') but cannot be dialled as written, so its rate is unknown.",
    ),
    no_phone=N_(
        "No telephone number of the trader is given (contact-phone judges that).",
    ),
    rate_basic=N_("basic-rate"),
    rate_premium=N_("premium-rate"),
    rate_invalid=N_("not a valid number as written"),
    note_phone=N_("phone {number} ({kind}, {rate}, {region})"),
    note_premium=N_("phone {number} ({kind}, {region})"),
)


@register
class PremiumRatePhone(Rule):
    meta = RuleMeta(
        id="premium-rate-phone",
        title=N_("The customer-service number is basic-rate"),
        failure_title=N_("The customer-service number is premium-rate"),
        partial_title=N_("A premium-rate number is given beside a basic-rate one"),
        review_title=N_("Whether the customer-service number is basic-rate could not be determined"),
        na_title=N_("No telephone number of the trader to check"),
        description=N_(
            "Consumers who call the trader about a purchase may not be charged more than a call to "
            "an ordinary landline or mobile number."
        ),
        fix=N_(
            "Give consumers a number at no more than the basic rate (a geographic, mobile or freephone "
            "number) for questions about their contract, in place of or beside the premium-rate number."
        ),
        category=Category.CONTACT,
        severity=Severity.HIGH,
        requires=("phones", "pages"),
        legal_refs=(CRD_21, CJEU_C_568_15, FI_KSL_2_14, DE_BGB_312A),
    )

    def evaluate(self, facts: FactView, ctx: AuditContext) -> Verdict:
        pages = Pages(facts.pages)
        prefixes = [str(p) for p in ctx.params.get("premium_prefixes", [])]
        region = ctx.country.region  # whose national numbering the premium prefixes describe
        shown = [p for p in facts.phones if not p.third_party and p.method != "structured_data"]
        # The trader's own numbers: contact pages and site-wide first, else any but the privacy
        # policy's (where a number is often a data-protection authority's).
        own = [p for p in shown if is_prominent(p, pages)] or [
            p for p in shown if pages.kind(p.url) != PageKind.PRIVACY
        ]
        valid = one_per_number([p for p in own if p.valid])
        if valid:
            premium = [p for p in valid if is_premium(p, prefixes, region)]
            basic = [p for p in valid if p not in premium]
            if not premium:
                return passed(
                    MESSAGES("all_basic", numbers=", ".join(p.raw for p in basic[:3])),
                    [_evidence(p, pages, MESSAGES("rate_basic")) for p in basic[:3]],
                )
            if basic:
                return partial(
                    MESSAGES("premium_and_basic", premium=premium[0].raw, basic=basic[0].raw),
                    [_evidence(p, pages, MESSAGES("rate_premium")) for p in premium[:2]]
                    + [_evidence(p, pages, MESSAGES("rate_basic")) for p in basic[:1]],
                )
            return failed(
                MESSAGES("premium_only", number=premium[0].raw),
                [_evidence(p, pages, MESSAGES("rate_premium")) for p in premium[:3]],
            )
        invalid = one_per_number([p for p in own if not p.valid])
        if invalid:
            return needs_review(
                MESSAGES("invalid", raw=invalid[0].raw),
                [_evidence(p, pages, MESSAGES("rate_invalid")) for p in invalid[:3]],
            )
        return not_applicable(MESSAGES("no_phone"))


def is_premium(phone: PhoneFact, prefixes: list[str], region: str) -> bool:
    """Premium-rate by libphonenumber's type, or by a national premium prefix of ``region``."""
    if phone.premium_rate:
        return True
    if not prefixes or not region:
        return False
    try:
        number = phonenumbers.parse(phone.e164, None)
    except phonenumbers.NumberParseException:
        return False
    if phonenumbers.region_code_for_number(number) != region:
        return False
    national = "".join(ch for ch in phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
                       if ch.isdigit())
    return any(national.startswith(prefix) for prefix in prefixes)


def _evidence(phone: PhoneFact, pages: Pages, rate: Text) -> Evidence:
    kind = phone_type_name(phone.number_type)
    if phone.number_type == "premium_rate":  # its kind already says the rate ("premium rate, premium-rate")
        note = MESSAGES("note_premium", number=phone.e164, kind=kind, region=region_name(phone.region))
    else:
        note = MESSAGES("note_phone", number=phone.e164, kind=kind, rate=rate, region=region_name(phone.region))
    return fact_evidence(phone, pages, note, fallback=phone.raw)

