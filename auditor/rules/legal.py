"""Legal references the rules cite, defined once (shared/requirements.md, sections 1 and 3.A)."""

from __future__ import annotations

from auditor.models import LegalRef

ECD = "Directive 2000/31/EC (E-Commerce Directive)"
CRD = "Directive 2011/83/EU (Consumer Rights Directive)"

ECD_5_1 = LegalRef(
    instrument=ECD, provision="Art. 5(1)", url="https://eur-lex.europa.eu/eli/dir/2000/31/oj"
)
CRD_6_1_C = LegalRef(
    instrument=CRD,
    provision="Art. 6(1)(c), as amended by Directive (EU) 2019/2161",
    url="https://eur-lex.europa.eu/eli/dir/2011/83/oj",
)
CJEU_C_298_07 = LegalRef(
    instrument="CJEU C-298/07 (deutsche internet versicherung)",
    provision="an email address is always required; a form alone does not replace it",
    url="https://curia.europa.eu/juris/liste.jsf?num=C-298/07",
)
SE_EHL_8 = LegalRef(
    instrument="Lag (2002:562) om elektronisk handel (e-handelslagen)",
    provision="8 §",
    jurisdiction="se",
    url="https://lagen.nu/2002:562",
)
SE_DAL = LegalRef(
    instrument="Lag (2005:59) om distansavtal och avtal utanför affärslokaler",
    provision="2 kap. 2 §",
    jurisdiction="se",
)
NO_EHL_8 = LegalRef(instrument="Ehandelsloven (lov 2003 nr. 35)", provision="§ 8", jurisdiction="no")
NO_ANGR_8 = LegalRef(instrument="Angrerettloven (lov 2014 nr. 27)", provision="§ 8", jurisdiction="no")
DK_FAL_8 = LegalRef(instrument="Forbrugeraftaleloven (lov 1457/2013)", provision="§ 8", jurisdiction="dk")
FI_KSL = LegalRef(instrument="Kuluttajansuojalaki (38/1978)", provision="6 luku 9 §", jurisdiction="fi")
DE_DDG_5 = LegalRef(
    instrument="Digitale-Dienste-Gesetz (DDG)",
    provision="§ 5 (Impressum)",
    jurisdiction="de",
    url="https://www.gesetze-im-internet.de/ddg/__5.html",
)
DE_EGBGB = LegalRef(instrument="EGBGB", provision="Art. 246a § 1", jurisdiction="de")
DE_DDG_FOR_TMG = LegalRef(
    instrument="Digitale-Dienste-Gesetz (DDG)",
    provision="in force since 14 May 2024 in place of the Telemediengesetz (TMG): the imprint duty of § 5 TMG "
    "is § 5 DDG, with the same content",
    jurisdiction="de",
    url="https://www.gesetze-im-internet.de/ddg/",
)
SE_KKL_2022_FOR_1990 = LegalRef(
    instrument="Konsumentköplag (2022:260)",
    provision="in force since 1 May 2022 in place of konsumentköplagen (1990:932), which still governs "
    "purchases made before that day",
    jurisdiction="se",
    url="https://lagen.nu/2022:260",
)
KOV_2023 = LegalRef(
    instrument="Konsumentverket, Konsumentproblem i kundtjänst (checklist, 2023)",
    provision="contact details under a clear 'Kontakta oss' heading; sweep criterion: where contact details are placed",
    jurisdiction="se",
    url="https://konsumentverket.se/for-foretag/konsumentratt-for-foretagare/konsumentproblem-i-kundtjanst/",
)
NO_OTPRP_31 = LegalRef(
    instrument="Ot.prp. nr. 31 (2002–2003)",
    provision="a link to the trader information should be on every page",
    jurisdiction="no",
)

#: The national trader-information provisions, cited by every contact rule.
NATIONAL_TRADER_INFO = (SE_EHL_8, NO_EHL_8, DK_FAL_8, FI_KSL, DE_DDG_5)

# --------------------------------------------------------------------------- evidence of contact
CRD_6_1_C_KEEP = LegalRef(
    instrument=CRD,
    provision=(
        "Art. 6(1)(c), as amended by Directive (EU) 2019/2161: other means of online communication "
        "must let the consumer keep written correspondence, with its date and time, on a durable medium"
    ),
    url="https://eur-lex.europa.eu/eli/dir/2011/83/oj",
)
CRD_2_10 = LegalRef(
    instrument=CRD,
    provision="Art. 2(10) (durable medium); CJEU C-49/11 Content Services: a web page alone is not one",
    url="https://eur-lex.europa.eu/eli/dir/2011/83/oj",
)
KOV_2023_EVIDENCE = LegalRef(
    instrument="Konsumentverket, Konsumentproblem i kundtjänst (checklist, 2023)",
    provision="with a contact form or chat, tell consumers whether and how they can save the communication",
    jurisdiction="se",
    url="https://konsumentverket.se/for-foretag/konsumentratt-for-foretagare/konsumentproblem-i-kundtjanst/",
)
