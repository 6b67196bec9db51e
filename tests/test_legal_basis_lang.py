"""The legal basis in the reader's language (issue 19, point 6): an EU act under its official
title in each report language, a provision as each language cites it, national acts under their
own titles; the result carries every language, and each report shows its own."""

from __future__ import annotations

import re
from typing import get_args

import lxml.html
import pytest

from auditor import i18n
from auditor.engine import applicable_refs, rule_catalogue
from auditor.models import CompanyNameFact, EmailFact, LegalRef, OrgNumberScheme, PhoneFact, TraderNameFact
from auditor.registry import all_rules
from auditor.reports.html import render_site_html
from auditor.reports.junit import render_junit
from auditor.rules import legal
from auditor.rules.contact import trader_identity
from tests.reports.test_writers import _gated

OTHERS = i18n.LANGS[1:]
#: A provision that is only a national citation ("8 §", "§§ 355, 356 BGB; Art. 246a § 1 Abs. 2
#: EGBGB", "2 kap. 2 §", "6 luku 9 §") reads the same in every language; anything with words
#: of its own is translated.
BARE_CITATION = re.compile(r"^(?:\d+[a-z]?|[§\s.,;–-]|\b(?:Art|Abs|Nr|Satz|kap|luku|BGB|EGBGB|TMG|DDG)\b)*$")


def every_ref() -> list[tuple[str, LegalRef]]:
    return [(rule.meta.id, ref) for rule in all_rules() for ref in rule.meta.legal_refs]


def test_every_eu_act_has_its_title_in_every_language() -> None:
    for rule, ref in every_ref():
        if ref.jurisdiction != "eu":
            continue
        words = ref.translated().instrument_i18n
        assert set(words) == set(OTHERS), f"{rule}: {ref.instrument!r} lacks a title in {set(OTHERS) - set(words)}"


def test_every_provision_with_words_is_translated() -> None:
    for rule, ref in every_ref():
        if BARE_CITATION.match(ref.provision) or re.fullmatch(r"'[^']+'", ref.provision):
            continue  # a citation, or an agency's own words quoted
        words = ref.translated().provision_i18n
        assert set(words) == set(OTHERS), f"{rule}: {ref.provision!r} untranslated in {set(OTHERS) - set(words)}"


def test_national_acts_keep_their_own_title() -> None:
    assert legal.SE_EHL_8.translated().instrument_i18n == {}
    assert legal.DE_DDG_5.translated().provision_i18n["de"] == "§ 5 (Impressum)"
    assert all(not ref.translated().instrument_i18n for _, ref in every_ref()
               if ref.jurisdiction != "eu" and ref is not legal.KOV_2023 and ref is not legal.KOV_2023_EVIDENCE
               and "Konsumentverket" not in ref.instrument)


@pytest.mark.parametrize(("lang", "title", "provision"), [
    ("en", "Directive 2011/83/EU of the European Parliament and of the Council of 25 October 2011 on consumer rights",
     "Art. 6(1)(c)"),
    ("sv", "Europaparlamentets och rådets direktiv 2011/83/EU av den 25 oktober 2011 om konsumenträttigheter",
     "artikel 6.1 c"),
    ("nb", "Europaparlaments- og rådsdirektiv 2011/83/EU av 25. oktober 2011 om forbrukerrettigheter",
     "artikkel 6 nr. 1 bokstav c"),
    ("da", "Europa-Parlamentets og Rådets direktiv 2011/83/EU af 25. oktober 2011 om forbrugerrettigheder",
     "artikel 6, stk. 1, litra c"),
    ("fi", "Euroopan parlamentin ja neuvoston direktiivi 2011/83/EU, annettu 25 päivänä lokakuuta 2011, "
           "kuluttajan oikeuksista", "6 artiklan 1 kohdan c alakohta"),
    ("de", "Richtlinie 2011/83/EU des Europäischen Parlaments und des Rates vom 25. Oktober 2011 über die Rechte "
           "der Verbraucher", "Art. 6 Abs. 1 Buchst. c"),
])
def test_the_consumer_rights_directive_in_each_language(lang: str, title: str, provision: str) -> None:
    ref = legal.CRD_6_1_C.translated()
    assert i18n.localized(ref, "instrument", lang) == title
    assert i18n.localized(ref, "provision", lang).startswith(provision)


def test_the_result_carries_the_words_and_the_reports_show_them() -> None:
    catalogue = {info.id: info for info in rule_catalogue()}
    [crd] = [r for r in catalogue["contact-email"].legal_refs if r.instrument == legal.CRD][:1]
    assert crd.instrument_i18n["sv"].startswith("Europaparlamentets och rådets direktiv 2011/83/EU")
    result, gate = _gated()
    site = result.sites[0]
    refs = [ref.translated() for ref in applicable_refs((*legal.NATIONAL_TRADER_INFO, legal.CRD_6_1_C), "se")]
    rules = [rule.model_copy(update={"legal_refs": refs}) for rule in site.rules]
    result = result.model_copy(update={"sites": [site.model_copy(update={"rules": rules}), *result.sites[1:]]})
    run = result.model_dump(mode="json")
    html = render_site_html(run["sites"][0], run, lang="fi")
    page = lxml.html.fromstring(html)
    legal_text = " ".join(li.text_content() for li in page.cssselect("ul.legal li"))
    assert "Ruotsi (SE)" in page.cssselect(".facts")[0].text_content()  # the country by its name
    assert "6 artiklan 1 kohdan c alakohta" in legal_text and "Art. 6(1)(c)" not in legal_text
    assert "Lag (2002:562) om elektronisk handel" in legal_text  # the Swedish act, in a Finnish report too
    assert "Art. 6 Abs. 1 Buchst. c in der Fassung der Richtlinie (EU) 2019/2161" in render_junit(result, gate,
                                                                                                  lang="de")


def test_every_way_a_detail_is_found_has_words() -> None:
    """The evidence notes name how a detail was found in words, never the code ("mailto")."""
    methods = {value for fact in (EmailFact, PhoneFact, CompanyNameFact, TraderNameFact)
               for value in get_args(fact.model_fields["method"].annotation)}
    assert methods <= set(i18n.FOUND_BY), methods - set(i18n.FOUND_BY)
    for method in methods:
        words = i18n.found_by(method)
        assert set(words.translations()) == set(OTHERS), method
    assert i18n.found_by("mailto").get("sv") == "e-postlänk"


def test_every_number_scheme_has_a_name() -> None:
    for scheme in get_args(OrgNumberScheme):
        name = trader_identity._scheme_name(scheme)
        assert name.en != scheme and not re.fullmatch(r"[a-z]+-[a-z]+", name.en), scheme
        assert set(name.translations()) == set(OTHERS), scheme
