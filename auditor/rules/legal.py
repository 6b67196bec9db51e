"""Legal references the rules cite, defined once (shared/requirements.md, sections 1 and 3.A).

Every report language shows the legal basis in its own words (issue 19): an EU act under its
official title in that language, and a provision as that language cites it ("Art. 6(1)(c)",
"artikel 6.1 c", "Art. 6 Abs. 1 Buchst. c", "6 artiklan 1 kohdan c alakohta", "artikel 6,
stk. 1, litra c", "artikkel 6 nr. 1 bokstav c"). The English is written here and in the rule
modules, marked ``N_``; the other languages' words are entries of the report catalogs
(``auditor/locale/<lang>/LC_MESSAGES/auditor.po``), where the translators keep every other word
of the reports, and ``tests/test_catalogs.py`` fails on one missing. :meth:`LegalRef.translated`
copies them into the result when an audit is judged, so a result renders its legal basis in
every language later.

An act's official title is its title in the Official Journal up to its subject, without the
amending and repealing clauses that follow (Directive 2011/83/EU "... of 25 October 2011 on
consumer rights"). For Norway, the EEA translation's title ("Europaparlaments- og
rådsdirektiv ..."). A national act keeps its own official title in every language and is not
marked: a Swedish statute is cited in Swedish in a German report too. What a provision's words
explain is marked and translated; a bare national citation ("8 §", "§ 5 DDG") is not.
"""

from __future__ import annotations

from auditor.i18n import N_
from auditor.models import LegalRef

# --------------------------------------------------------------------------- EU acts: official titles
# TRANSLATORS: each act below is the official title the Official Journal gives it in your
# language, up to its subject, without its amending clauses (Norwegian: the EEA translation).
#
# Checked against a published text (the Official Journal on EUR-Lex, a copy of it, or the national
# texts; review of 2026-12-06): fi — Directives 2000/31/EC, 2005/29/EC, (EU) 2019/771, Regulation
# (EU) No 524/2013; de — Directives 2005/29/EC, (EU) 2019/771, Implementing Regulation (EU)
# 2025/1960; nb (EEA texts and the Norwegian bills) — Directives 2000/31/EC, 2005/29/EC,
# 2011/83/EU, 2013/11/EU, Regulation (EU) No 524/2013; da — Directives 2011/83/EU, 2013/11/EU,
# (EU) 2019/771; en — Regulations (EU) 2024/3228 and 2025/1960 (dates and titles). National acts:
# angrerettloven (Lovdata), forbrukerklageloven 2020 (Forbrukertilsynet), forbrugeraftaleloven
# no. 1457 of 17 December 2013 and bill L 185 (Folketinget), kuluttajansuojalaki 2 luku 14 § and
# oikeusministeriön asetus 110/2014 (Finlex, KKV).
# Still written from knowledge, not checked there: fi CRD, ADR Directive, Regulation (EU)
# 2024/3228; de ECD, CRD, ADR Directive, ODR Regulation, 2024/3228; nb Directive (EU) 2019/771
# (perhaps not in the EEA Agreement yet), 2024/3228, 2025/1960; da ECD, UCPD, ODR Regulation,
# 2024/3228, 2025/1960; the Swedish titles.

#: Directive 2000/31/EC, the E-Commerce Directive.
# TRANSLATORS: the act's official title in your language (see the note above the acts).
ECD = N_(
    "Directive 2000/31/EC of the European Parliament and of the Council of 8 June 2000 on certain legal aspects "
    "of information society services, in particular electronic commerce, in the Internal Market"
)
#: Directive 2011/83/EU, the Consumer Rights Directive.
# TRANSLATORS: the act's official title in your language (see the note above the acts).
CRD = N_("Directive 2011/83/EU of the European Parliament and of the Council of 25 October 2011 on consumer rights")
#: Directive 2005/29/EC, the Unfair Commercial Practices Directive.
# TRANSLATORS: the act's official title in your language (see the note above the acts).
UCPD = N_(
    "Directive 2005/29/EC of the European Parliament and of the Council of 11 May 2005 concerning unfair "
    "business-to-consumer commercial practices in the internal market"
)
#: Directive 2013/11/EU, the ADR Directive.
# TRANSLATORS: the act's official title in your language (see the note above the acts).
ADR = N_(
    "Directive 2013/11/EU of the European Parliament and of the Council of 21 May 2013 on alternative dispute "
    "resolution for consumer disputes"
)
#: Regulation (EU) No 524/2013, the ODR Regulation (repealed with effect from 20 July 2025).
# TRANSLATORS: the act's official title in your language (see the note above the acts).
ODR = N_(
    "Regulation (EU) No 524/2013 of the European Parliament and of the Council of 21 May 2013 on online dispute "
    "resolution for consumer disputes"
)
#: Regulation (EU) 2024/3228, which repealed the ODR Regulation.
# TRANSLATORS: the act's official title in your language (see the note above the acts).
ODR_REPEAL = N_(
    "Regulation (EU) 2024/3228 of the European Parliament and of the Council of 19 December 2024 repealing "
    "Regulation (EU) No 524/2013"
)
#: Directive (EU) 2019/771, the Sale of Goods Directive.
# TRANSLATORS: the act's official title in your language (see the note above the acts).
SGD = N_(
    "Directive (EU) 2019/771 of the European Parliament and of the Council of 20 May 2019 on certain aspects "
    "concerning contracts for the sale of goods"
)
#: The implementing act of the harmonised notice (CRD Art. 22a); its title in words, not verbatim
#: (to review: its official title).
# TRANSLATORS: the act's official title in your language (see the note above the acts).
HARMONISED_NOTICE = N_(
    "Commission Implementing Regulation (EU) 2025/1960 (harmonised notice on the legal guarantee of conformity)"
)
# TRANSLATORS: a judgment of the Court of Justice of the European Union as your language cites
# one: the court, the date, the case number and the name of the case as it stands.
CJEU_DEUTSCHE_INTERNET = N_("Judgment of the Court of Justice of 16 October 2008, C-298/07, deutsche internet "
                            "versicherung")
# TRANSLATORS: a judgment of the Court of Justice, as above.
CJEU_COMTECH = N_("Judgment of the Court of Justice of 2 March 2017, C-568/15, comtech")
# TRANSLATORS: a judgment of the Court of Justice, as above.
CJEU_AMAZON = N_("Judgment of the Court of Justice of 10 July 2019, C-649/17, Amazon EU")

CRD_URL = "https://eur-lex.europa.eu/eli/dir/2011/83/oj"
ECD_URL = "https://eur-lex.europa.eu/eli/dir/2000/31/oj"

# --------------------------------------------------------------------------- national acts (own titles)
SE_EHL = "Lag (2002:562) om elektronisk handel och andra informationssamhällets tjänster"
SE_DAL_ACT = "Lag (2005:59) om distansavtal och avtal utanför affärslokaler"
NO_EHL = ("Lov 23. mai 2003 nr. 35 om visse sider av elektronisk handel og andre informasjonssamfunnstjenester "
          "(ehandelsloven)")
NO_ANGRL = ("Lov 20. juni 2014 nr. 27 om opplysningsplikt og angrerett mv. ved fjernsalg og salg utenom faste "
            "forretningslokaler (angrerettloven)")
DK_FAL = "Lov nr. 1457 af 17. december 2013 om forbrugeraftaler (forbrugeraftaleloven)"
FI_KSL_ACT = "Kuluttajansuojalaki (38/1978)"
DE_DDG = "Digitale-Dienste-Gesetz (DDG)"
DE_BGB = "Bürgerliches Gesetzbuch (BGB)"
DE_EGBGB_ACT = "Einführungsgesetz zum Bürgerlichen Gesetzbuche (EGBGB)"
DE_BGB_AND_EGBGB = f"{DE_BGB}; {DE_EGBGB_ACT}"
# TRANSLATORS: a Swedish agency's guidance: its title stays Swedish, the kind of text is yours.
KOV_CHECKLIST = N_("Konsumentverket, Konsumentproblem i kundtjänst (checklist, 2023)")

ECD_5_1 = LegalRef(instrument=ECD, provision=N_("Art. 5(1)"), url=ECD_URL)
CRD_6_1_C = LegalRef(
    instrument=CRD,
    provision=N_("Art. 6(1)(c), as amended by Directive (EU) 2019/2161"),
    url=CRD_URL,
)
CJEU_C_298_07 = LegalRef(
    instrument=CJEU_DEUTSCHE_INTERNET,
    provision=N_("an email address is always required; a form alone does not replace it"),
    url="https://curia.europa.eu/juris/liste.jsf?num=C-298/07",
)
SE_EHL_8 = LegalRef(instrument=SE_EHL, provision="8 §", jurisdiction="se", url="https://lagen.nu/2002:562")
SE_DAL = LegalRef(instrument=SE_DAL_ACT, provision="2 kap. 2 §", jurisdiction="se")
NO_EHL_8 = LegalRef(instrument=NO_EHL, provision="§ 8", jurisdiction="no")
NO_ANGR_8 = LegalRef(instrument=NO_ANGRL, provision="§ 8", jurisdiction="no")
DK_FAL_8 = LegalRef(instrument=DK_FAL, provision="§ 8", jurisdiction="dk")
FI_KSL = LegalRef(instrument=FI_KSL_ACT, provision="6 luku 9 §", jurisdiction="fi")
DE_DDG_5 = LegalRef(
    instrument=DE_DDG,
    provision=N_("§ 5 (imprint)"),
    jurisdiction="de",
    url="https://www.gesetze-im-internet.de/ddg/__5.html",
)
DE_EGBGB = LegalRef(instrument=DE_EGBGB_ACT, provision="Art. 246a § 1", jurisdiction="de")
DE_DDG_FOR_TMG = LegalRef(
    instrument=DE_DDG,
    provision=N_("in force since 14 May 2024 in place of the Telemediengesetz (TMG): the imprint duty of § 5 TMG "
                 "is § 5 DDG, with the same content"),
    jurisdiction="de",
    url="https://www.gesetze-im-internet.de/ddg/",
)
SE_KKL_2022_FOR_1990 = LegalRef(
    instrument="Konsumentköplag (2022:260)",
    provision=N_("in force since 1 May 2022 in place of konsumentköplagen (1990:932), which still governs "
                 "purchases made before that day"),
    jurisdiction="se",
    url="https://lagen.nu/2022:260",
)
KOV_2023 = LegalRef(
    instrument=KOV_CHECKLIST,
    provision=N_("contact details under a clear 'Kontakta oss' heading; sweep criterion: where contact details are "
                 "placed"),
    jurisdiction="se",
    url="https://konsumentverket.se/for-foretag/konsumentratt-for-foretagare/konsumentproblem-i-kundtjanst/",
)
NO_OTPRP_31 = LegalRef(
    instrument="Ot.prp. nr. 31 (2002–2003)",
    provision=N_("a link to the trader information should be on every page"),
    jurisdiction="no",
)

#: The national trader-information provisions, cited by every contact rule.
NATIONAL_TRADER_INFO = (SE_EHL_8, NO_EHL_8, DK_FAL_8, FI_KSL, DE_DDG_5)

# --------------------------------------------------------------------------- evidence of contact
CRD_6_1_C_KEEP = LegalRef(
    instrument=CRD,
    provision=N_(
        "Art. 6(1)(c), as amended by Directive (EU) 2019/2161: other means of online communication "
        "must let the consumer keep written correspondence, with its date and time, on a durable medium"
    ),
    url=CRD_URL,
)
CRD_2_10 = LegalRef(
    instrument=CRD,
    provision=N_("Art. 2(10) (durable medium); judgment of 5 July 2012, C-49/11, Content Services: a web page "
                 "alone is not one"),
    url=CRD_URL,
)
KOV_2023_EVIDENCE = LegalRef(
    instrument=KOV_CHECKLIST,
    provision=N_("with a contact form or chat, tell consumers whether and how they can save the communication"),
    jurisdiction="se",
    url="https://konsumentverket.se/for-foretag/konsumentratt-for-foretagare/konsumentproblem-i-kundtjanst/",
)
