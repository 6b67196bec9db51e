"""The concept matcher (auditor/facts/concepts.py) with sentences written for these tests."""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor import native
from auditor.facts import concepts
from auditor.facts.concepts import Concept, PageConcepts, Pattern, clauses, load, match_text, stem
from auditor.facts.dom import Document
from auditor.facts.passages import gather_passages
from auditor.lexicon import normalise
from auditor.models import PassageTopic
from tests.facts.test_normalisation import spellings


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # everyday wording with no fixed phrase, in every language
        ("Skickar du tillbaka en vara betalar du själv portot.", "consumer"),
        ("Frakten tilbake til lageret dekker du selv.", "consumer"),
        ("Når du sender pakken tilbage, afholder du selv udgiften.", "consumer"),
        ("Tuotteen palauttamisen kulut maksaa tilaaja itse.", "consumer"),
        ("Das Porto für die Rücksendung zahlen Sie.", "consumer"),
        ("Postage for sending parcels back is paid by you.", "consumer"),
        ("Returportot står vi för.", "trader"),
        ("Returen koster deg ingenting.", "trader"),
        ("Palautukset ovat veloituksetta.", "trader"),
        ("Retoursendungen übernehmen wir für Sie.", "trader"),
        # taken off the refund: the consumer pays, whoever does the deducting
        ("Vi trekker returkostnaden på 79 kr fra beløpet du får tilbake.", "consumer"),
        # a label and its amount
        ("Returgebyr: 39 kr", "consumer"),
    ],
)
def test_everyday_wording(text: str, value: str) -> None:
    assert match_text(text, "return_costs") == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Vi betalar inte för returer som du skickar själv.", "consumer"),
        ("Rücksendungen sind nicht kostenlos.", "consumer"),
        ("You don't pay anything to send it back.", "trader"),
        ("Et maksa palautuksesta mitään.", "trader"),
    ],
)
def test_negation_flips(text: str, value: str) -> None:
    assert match_text(text, "return_costs") == value


@pytest.mark.parametrize(
    "text",
    [
        # faulty goods: a complaint, not a withdrawal: never "the shop pays returns"
        "Är produkten defekt står vi för returportot.",
        "Bei beschädigter Ware übernehmen wir die Rücksendung.",
        "Vioittuneen tuotteen palautuksen maksamme me.",
        "We cover returns of damaged items.",
        # the outbound delivery, a refund, a return address, feel free
        "Vi tilbakebetaler fraktkostnaden når returen er mottatt.",
        "Gratis fragt på ordrer over 300 kr.",
        "Feel free to return anything within 30 days.",
        "Send returns to our warehouse at no. 12.",
        # "responsible for" counts only with a cost word; a full stop ends a clause
        "You are responsible for returning the item within 14 days.",
        # a wrong item sent is the shop's error, like a faulty one
        "Har du fått fel vara skickar vi en fraktsedel så att returen blir kostnadsfri.",
        "If we sent you the wrong item, we'll email you a prepaid label so the return is free.",
        "Haben Sie einen falschen Artikel erhalten, ist die Rücksendung kostenlos.",
        "Neuvomme palautuksiin liittyvissä asioissa. Vastaamme viesteihin arkisin.",
    ],
)
def test_lookalikes_say_nothing(text: str) -> None:
    assert match_text(text, "return_costs") is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # "not included": its negation is the term's own, not the clause's
        ("Return postage is not included and must be paid by the buyer.", "consumer"),
        ("Returportot ingår inte i priset.", "consumer"),
        # the expense a party is named with
        ("Returer sker på köparens bekostnad.", "consumer"),
        ("Die Rücksendung erfolgt zu Lasten des Kunden.", "consumer"),
        # the return cost refunded, not refunded, or left out of the refund
        ("Vi ersätter returfrakten.", "trader"),
        ("Returfrakten ersätts inte.", "consumer"),
        ("We refund the purchase price excluding return shipping.", "consumer"),
        ("Wir erstatten den Kaufpreis mit Ausnahme der Rücksendekosten.", "consumer"),
        # charging: the consumer pays whoever charges; not charging, the shop
        ("Vi tar ut 39 kr för varje retur.", "consumer"),
        ("We don't charge for returns.", "trader"),
        ("Palautuksesta veloitamme 4,90 €.", "consumer"),
        # nothing to pay
        ("Returfrakt: 0 kr", "trader"),
        # a Norwegian negation in a sentence that also fills the Swedish slots
        ("Du trenger ikke betale for returen.", "trader"),
        # costing nothing: the negation is the term's own
        ("Att skicka tillbaka varan kostar ingenting.", "trader"),
        ("Det koster ikke noget at sende varen retur.", "trader"),
        ("Die Rücksendung kostet Sie keinen Cent.", "trader"),
        ("It's free to return.", "trader"),
        # paying the freight back to us is no refund; a fee taken off the refund; posting back
        ("Ønsker du at fortryde, skal du selv betale fragten tilbage til vores lager.", "consumer"),
        ("A £2.95 returns fee will be taken off your refund.", "consumer"),
        ("If you cancel, you will need to pay to post the goods back to us.", "consumer"),
        ("We'll pick up the cost of your return.", "trader"),
        # "non-refundable", a compound of return and postage refunded
        ("Return postage is non-refundable.", "consumer"),
        ("Das Rücksendeporto wird von uns erstattet.", "trader"),
        # a stamped label enclosed; the parcel sent back stamped by the buyer
        ("Wir legen ein frankiertes Rücksendeetikett bei.", "trader"),
        ("Bitte senden Sie die Ware ausreichend frankiert zurück.", "consumer"),
        # a label's "postage: paid by …" names the payer; "kr 0,-" is nothing to pay
        ("Return postage: paid by the customer", "consumer"),
        ("Return postage: paid by us", "trader"),
        ("Retur ved angrerett: kr 0,-", "trader"),
    ],
)
def test_more_ways_to_say_who_pays(text: str, value: str) -> None:
    assert match_text(text, "return_costs") == value


def test_a_refund_of_another_cost_says_nothing() -> None:
    # the delivery cost refunded when the return arrives: not the return's cost
    assert match_text("Vi återbetalar fraktkostnaden när returen har kommit fram.", "return_costs") is None
    # a refund and a cost far apart in a sentence read whole
    text = "Returnera varan inom 14 dagar, vi betalar tillbaka pengarna och du står för frakten."
    assert match_text(text, "return_costs") is None
    # the fee for a parcel not collected is no withdrawal's; its "ej" negates nothing
    assert match_text("Ej uthämtade paket debiteras med 150 kr för frakt och retur.", "return_costs") is None
    assert match_text("Uncollected parcels returned to us are charged €15.", "return_costs") is None


def test_conditions_suspend_only_the_shop_paying() -> None:
    # "unless faulty": the consumer still pays ordinary returns
    assert match_text("Du betalar returen, om inte varan är trasig.", "return_costs") == "consumer"
    assert match_text("We pay for returns only if the item is faulty.", "return_costs") is None


def test_a_suspended_reading_leaves_the_clause_saying_nothing() -> None:
    # the shop pays (free return) because it sent a faulty item; the weaker reading of the same
    # clause ("deg" and a cost word: the consumer) does not stand in for it
    text = "Har du fått en defekt vare, sender vi deg en fraktlapp slik at returen blir kostnadsfri."
    assert match_text(text, "return_costs") is None


def test_clause_boundaries() -> None:
    assert clauses("Returen står vi för, men du betalar frakten hit; tack!") == [
        "Returen står vi för",
        " men du betalar frakten hit",
        " tack!",
    ]
    # a comma between digits is no clause boundary
    assert clauses("Wir ziehen 5,90 € ab") == ["Wir ziehen 5,90 € ab"]
    # the payer in another clause does not make the statement
    assert match_text("Fri frakt till dig, retur enligt villkoren.", "return_costs") is None
    # two clauses that disagree say nothing
    assert match_text("Vi betalar returen; du betalar returen.", "return_costs") is None


def test_nearest_payer_to_the_verb_wins() -> None:
    assert match_text("Your return costs are covered by us.", "return_costs") == "trader"
    assert match_text("We cover return shipping even if you changed your mind.", "return_costs") == "trader"


def test_finnish_and_german_compounds_by_prefix_and_stem_ending() -> None:
    assert match_text("Palautuspostimaksun maksaa asiakas.", "return_costs") == "consumer"
    assert match_text("Die Retourenversandkosten tragen Sie.", "return_costs") == "consumer"
    # a consumer word is no cost word though it holds the letters of one ("kuluttaja" / "kulu")
    assert match_text("Kuluttaja voi palauttaa tuotteen.", "return_costs") is None


def test_words_are_stemmed_after_the_page_normalisation() -> None:
    # "Rueckversand" (ASCII spelling) and "Rückversand" meet
    assert match_text("Den Rueckversand zahlen Sie selbst.", "return_costs") == "consumer"
    assert stem("betalas", "sv") == stem("betala", "sv")


def test_complaint_answer_times() -> None:
    assert match_text("Vi besvarar alla reklamationer inom 5 arbetsdagar.", "complaint_answer") == "period"
    assert match_text("Wir beantworten Reklamationen innerhalb von 10 Tagen.", "complaint_answer") == "period"
    assert match_text("Vi svarer på klagen så snart som mulig.", "complaint_answer") == "asap"
    assert match_text("Käsittelemme reklamaatiot viipymättä.", "complaint_answer") == "asap"
    # a notice period, a refund period, a liability: not an answer time
    assert match_text("Du måste svara på vår fråga inom 7 dagar.", "complaint_answer") is None
    assert match_text("Refunds are processed within 14 days.", "complaint_answer") is None
    assert match_text("Vastaamme tuotteen virheistä kahden vuoden ajan.", "complaint_answer") is None
    assert match_text("Vi svarer ikke innen 24 timer i helgene.", "complaint_answer") is None


def test_one_pass_per_page_answers_every_concept() -> None:
    page = PageConcepts(["Fri retur.", "Wir antworten binnen 3 Tagen."], ("complaint_answer", "return_costs"))
    assert page.value("Fri retur.", "return_costs") == "trader"
    assert page.value("Wir antworten binnen 3 Tagen.", "complaint_answer") == "period"
    # a sentence not indexed (a label joined to its value) is matched on demand
    assert page.value("Returfrakt: Du betalar själv", "return_costs") == "consumer"


def test_concepts_are_data() -> None:
    concept = load("return_costs")
    assert {p.value for p in concept.patterns} == {"consumer", "trader"}
    assert {t.lang for t in concept.terms} == {"sv", "nb", "da", "fi", "de", "en"}


def _passages(body: str, lang: str = "de") -> list[tuple[PassageTopic, list[str], float | None]]:
    doc = Document(f"<html lang='{lang}'><body><main>{body}</main></body></html>", "https://shop.example/agb")
    return [(p.topic, p.flags, p.amount) for p in gather_passages(doc, lang)]


def test_gatherers_read_the_concepts() -> None:
    found = _passages("<p>Die Kosten für das Zurückschicken der Ware zahlen Sie selbst.</p>")
    assert (PassageTopic.RETURN_COSTS, ["consumer"], None) in found
    found = _passages("<h2>Reklamation</h2><p>Wir beantworten Ihre Reklamation innerhalb von 7 Tagen.</p>")
    assert any(t == PassageTopic.COMPLAINT_PROCEDURE and "answer_time" in f and a == 7 for t, f, a in found)
    found = _passages("<h2>Complaints</h2><p>We reply to every complaint as soon as possible.</p>", "en")
    assert any(t == PassageTopic.COMPLAINT_PROCEDURE and "answer_asap" in f for t, f, _ in found)
    # defect-only: no "the shop pays" passage
    found = _passages("<p>Bei mangelhafter Ware tragen wir die Kosten der Rücksendung.</p>")
    assert not any(t == PassageTopic.RETURN_COSTS and "trader" in f for t, f, _ in found)


def test_spans_say_where_each_slot_is_filled_in_the_whole_text() -> None:
    page = PageConcepts((), ("return_costs",))
    # read whole, across the comma a clause would end at; positions in the normalised words
    found = page.spans("Om du ångrar dig, betalar du själv för att skicka tillbaka varan.", "return_costs")
    assert (4, 5) in found["pay"]
    assert (9, 11) in found["return"]  # "skicka tillbaka": a term of two words spans both
    assert {(1, 2), (5, 6), (6, 7)} <= set(found["consumer"])
    assert "deduct" not in found


def test_a_negation_inside_a_longer_term_is_the_terms_own() -> None:
    # "påverkar inte" is one term of the guarantee notice: it does not negate the sentence
    text = "Garantin påverkar inte dina rättigheter enligt konsumentköplagen."
    assert match_text(text, "guarantee_notice") == "notice"
    # a negation of its own does
    assert match_text("Demovaror säljs utan lagstadgad garanti.", "guarantee_notice") is None
    assert match_text("The warranty replaces your statutory rights.", "guarantee_notice") == "replaced"
    assert match_text("The warranty does not replace your statutory rights.", "guarantee_notice") == "notice"


def test_a_sentence_scope_pattern_reads_across_clauses() -> None:
    text = "Ist die Ware defekt, haben Sie Anspruch auf Nachbesserung."
    assert len(clauses(text)) == 2  # no subordinating word keeps the condition with its clause
    assert match_text(text, "complaints_right") == "right"


def _concept_terms() -> list[tuple[str, str, str, str]]:
    """(concept, lang, slot, words) for every term of the complaint concepts, its marks taken off
    and its gaps closed ("står ... för" -> "står för")."""
    out = []
    for name in ("complaints_right", "complaint_period", "complaint_channel", "complaint_answer", "guarantee_notice"):
        data = tomllib.loads((resources.files("auditor") / "rules" / "lexicon" / "concepts" / f"{name}.toml").read_text(
            encoding="utf-8"))
        for lang in ("sv", "nb", "da", "fi", "de", "en"):
            for slot, values in data.get(lang, {}).items():
                for raw in values:
                    words = " ".join(w.strip("=*") for w in raw.split() if not w.startswith("..."))
                    if normalise(words):
                        out.append((name, lang, slot, words))
    return out


@pytest.mark.parametrize(("name", "lang", "slot", "words"), _concept_terms())
def test_concept_terms_are_found_in_every_spelling(name: str, lang: str, slot: str, words: str) -> None:
    page = PageConcepts((), (name,))
    for spelled in spellings(words):
        assert page.spans(f"Text davor {spelled} und mehr", name).get(slot), (name, lang, slot, words, spelled)


def _test_concept(monkeypatch: pytest.MonkeyPatch, concept: Concept) -> None:
    """Make ``concept`` loadable by its name, as if it were a file of lexicon/concepts."""
    if native.is_compiled(concepts):  # its own calls to ``load`` were bound when it was compiled
        pytest.skip("auditor.facts.concepts is compiled (auditor.native): run with AUDITOR_PURE_PYTHON=1")
    real = concepts.load
    monkeypatch.setattr(concepts, "load", lambda name: concept if name == concept.name else real(name))


def test_a_negated_slot_is_filled_by_a_negation_near_its_word(monkeypatch: pytest.MonkeyPatch) -> None:
    name = "negated_slot_test"
    terms = [concepts._term(name, slot, "sv", raw) for slot, raw in (
        ("right", "rättigheter"), ("limit", "inskränk*"), ("negation", "inte"), ("negation", "aldrig"),
    )]
    concept = Concept(name, (Pattern("kept", ("right", "kept")),), {}, {}, tuple(t for t in terms if t),
                      negated={"limit": "kept"})
    _test_concept(monkeypatch, concept)
    page = PageConcepts((), (name,))
    # the verb denied, the negation before or after it: the rights stay
    assert page.value("Garantin inskränker aldrig dina rättigheter.", name) == "kept"
    assert page.value("Garantin får inte heller inskränka dina rättigheter.", name) == "kept"
    # the verb alone says nothing of the kind
    assert page.value("Garantin inskränker dina rättigheter.", name) is None
    # a negation too far from the verb is the clause's: it negates, and nothing is kept
    assert page.value("Det gäller inte när garantin med sina villkor inskränker dina rättigheter.", name) is None
    # a word that is both the verb and a negation word does not deny itself
    both = [concepts._term("negated_self_test", slot, "en", raw) for slot, raw in (
        ("right", "=rights"), ("limit", "exclude*"), ("negation", "exclude*"), ("negation", "not"),
    )]
    _test_concept(monkeypatch, Concept("negated_self_test", (Pattern("kept", ("right", "kept")),), {}, {},
                                       tuple(t for t in both if t), negated={"limit": "kept"}))
    page = PageConcepts((), ("negated_self_test",))
    assert page.value("This warranty excludes your rights.", "negated_self_test") is None
    assert page.value("This warranty does not exclude your rights.", "negated_self_test") == "kept"


def test_precedence_settles_clauses_that_disagree(monkeypatch: pytest.MonkeyPatch) -> None:
    terms = [concepts._term("precedence_test", slot, "en", raw) for slot, raw in (("soon", "soon"), ("days", "days"))]
    # each value in its own clause, and both in a sentence-scope read of the whole
    patterns = (Pattern("asap", ("soon",)), Pattern("period", ("days",)),
                Pattern("asap", ("soon",), tier=2, scope="sentence"),
                Pattern("period", ("days",), tier=2, scope="sentence"))
    plain = Concept("precedence_test", patterns, {}, {}, tuple(t for t in terms if t))
    _test_concept(monkeypatch, plain)
    text = "We answer as soon as we can, and within 10 days at the latest."
    assert PageConcepts((), ("precedence_test",)).value(text, "precedence_test") is None
    ranked = Concept("precedence_ranked", patterns, {}, {},
                     tuple(t for t in (concepts._term("precedence_ranked", s, "en", r) for s, r in (
                         ("soon", "soon"), ("days", "days"))) if t), precedence=("period", "asap"))
    _test_concept(monkeypatch, ranked)
    assert PageConcepts((), ("precedence_ranked",)).value(text, "precedence_ranked") == "period"
    # both in one clause: the precedence settles it before the tightest match
    one = "We answer as soon as we can and within 10 days."
    assert PageConcepts((), ("precedence_test",)).value(one, "precedence_test") is None
    assert PageConcepts((), ("precedence_ranked",)).value(one, "precedence_ranked") == "period"


@pytest.mark.parametrize(
    ("text", "concept", "value"),
    [
        # one letter missing from a long word of the data
        ("Du betalar returfrakten själv om du ångrar köpet.", "return_costs", "consumer"),
        ("Du betalar returfrakte själv om du ångrar köpet.", "return_costs", "consumer"),
        ("Die Kosten der Rücksendung trägt der Käufer.", "return_costs", "consumer"),
        ("Die Kosten der Rücksendng trägt der Käufer.", "return_costs", "consumer"),
    ],
)
def test_a_long_word_with_one_letter_missing_is_read(text: str, concept: str, value: str) -> None:
    assert match_text(text, concept) == value


@pytest.mark.parametrize("word", ["returfrakten", "returner", "gewahrleistung", "reklamation"])
def test_a_word_the_data_names_is_never_read_as_another_misspelt(word: str) -> None:
    from auditor.facts.concepts import _refs
    from auditor.facts.passages._concepts import text_concepts

    table = text_concepts()._table
    fuzzy = (table.fuzzy_prefix, table.fuzzy_stems, table.fuzzy_prefix_lengths)
    try:
        table.fuzzy_prefix, table.fuzzy_stems, table.fuzzy_prefix_lengths = {}, {}, ()
        plain = sorted(_refs(table, word))
    finally:
        table.fuzzy_prefix, table.fuzzy_stems, table.fuzzy_prefix_lengths = fuzzy
    assert plain and sorted(_refs(table, word)) == plain


@pytest.mark.parametrize(
    ("text", "concept", "value"),
    [
        # a slip of typing: a letter doubled, a double letter written once, two letters swapped
        ("Die Rücksednung nach einem Widerruf bezahlst du selbst.", "return_costs", "consumer"),
        ("Die Kosten der Rücksenndung trägst du selbst, wenn du widerrufst.", "return_costs", "consumer"),
    ],
)
def test_a_long_word_with_a_slip_of_typing_is_read(text: str, concept: str, value: str) -> None:
    assert match_text(text, concept) == value


def test_the_right_misspelt_by_a_slip_still_has_its_period() -> None:
    doc = Document('<html lang="de"><body><main><p>Du hast 14 Tage Zeit, deine Bestellung zu widerufen.</p>'
                   "</main></body></html>", "https://shop.example/agb")
    found = [p for p in gather_passages(doc, "de") if p.topic == PassageTopic.WITHDRAWAL_PERIOD]
    assert [(p.amount, p.unit) for p in found] == [(14, "days")]


@pytest.mark.parametrize(
    "word",
    [
        "vikoja",  # Finnish "faults": one letter doubled it is "viikoja" (weeks); length is a word there
        "mutta",  # Finnish "but", not "muutta"
        "oppkrav",  # Norwegian cash on delivery, not the Danish "opkrav" charge (a short term word)
    ],
)
def test_a_slip_never_reaches_a_short_term_or_a_finnish_length(word: str) -> None:
    from auditor.facts.concepts import _mistyped
    from auditor.facts.passages._concepts import text_concepts

    assert _mistyped(text_concepts()._table, word) == []


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_every_long_term_word_swapped_after_its_first_letter_fills_its_slot(data: st.DataObject) -> None:
    """Property: two neighbouring letters of a long term word swapped (not the first), the word
    still fills that term's part, unless the swapped word is itself one the data names."""
    from auditor.facts.concepts import _named, _refs, stem
    from auditor.facts.passages._concepts import text_concepts
    from auditor.lexicon import LANGUAGES

    table = text_concepts()._table
    words = sorted(w for w in table.exact if len(w) >= 8 and " " not in w and w.isalpha())
    word = data.draw(st.sampled_from(words))
    at = data.draw(st.integers(min_value=1, max_value=len(word) - 2))
    if word[at] == word[at + 1]:
        return
    swapped = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    stems = [(lang, stem(swapped, lang)) for lang in LANGUAGES]
    if _named(table, swapped, stems):
        return
    assert set(table.exact[word]) <= set(_refs(table, swapped))


def test_short_words_have_no_misspellings() -> None:
    from auditor.facts.passages._concepts import text_concepts

    table = text_concepts()._table
    assert table.fuzzy_prefix and min(map(len, table.fuzzy_prefix)) >= concepts.FUZZY_MIN - 1
    assert "dagr" not in table.fuzzy_prefix and ("sv", "dagr") not in table.fuzzy_stems


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Vår 5-årsgaranti är ett tillägg till din reklamationsrätt och ersätter den inte.", "sv"),
        ("Dine lovfestede rettigheter ved mangler berøres ikke av denne garantien.", "nb"),
        ("Takuu tulee lakisääteisten oikeuksiesi päälle.", "fi"),
        ("5-year guarantee on all sofas, plus your legal rights under the Consumer Rights Act 2015.", "en"),
    ],
)
def test_the_guarantee_notice_in_more_words(text: str, lang: str) -> None:
    assert match_text(text, "guarantee_notice") == "notice"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Garantivilkårene gjelder side om side med forbrukerkjøpsloven – du kan reklamere til oss i stedet for "
         "å bruke garantien.", "nb"),
        ("Myöntämämme lisätakuu ei muuta sitä, mitä kuluttajansuojalaki säätää myyjän virhevastuusta.", "fi"),
        # "perusteella" (on the grounds of) is no withdrawing ("peru-")
        ("Takuuajan päätyttyäkin voit vedota virheeseen kuluttajansuojalain perusteella.", "fi"),
    ],
)
def test_the_guarantee_notice_beside_the_law_and_after_the_warranty(text: str, lang: str) -> None:
    assert match_text(text, "guarantee_notice") == "notice"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Angrer du kjøp av hvitevarer, henter vi varen hjemme hos deg uten ekstra kostnad.", "trader"),
        ("Ångrar du köpet av en soffa hämtar vi den hos dig utan kostnad.", "trader"),
        ("Ångrar du köpet av en soffa tar vi ut 695 kr för hämtningen.", "consumer"),
    ],
)
def test_goods_fetched_after_a_withdrawal(text: str, value: str) -> None:
    assert match_text(text, "return_costs") == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Samtal rings upp inom fyra timmar.", "period"),
        ("Anrop som ikke besvares med en gang, blir ringt opp igjen innen fire timer.", "period"),
    ],
)
def test_a_call_back_is_an_answer(text: str, value: str) -> None:
    assert match_text(text, "response_time") == value


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Our guarantee is a little extra – you still keep all your normal legal rights on top!", "en"),
        ("Whatever warranty may also apply, goods must by law be of satisfactory quality and fit for purpose.", "en"),
        ("Garantien vår er en ekstra bonus – du har fortsatt full reklamasjonsrett, garantien tar ikke bort "
         "noe av den.", "nb"),
    ],
)
def test_rights_kept_beside_a_guarantee(text: str, lang: str) -> None:
    assert match_text(text, "guarantee_notice") == "notice", lang


def test_keeping_a_receipt_is_no_guarantee_notice() -> None:
    assert match_text("You keep your receipt as proof of purchase.", "guarantee_notice") is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # a short aside in brackets inside the clause: the clause goes on after it
        ("Returfrakten (49 kr) betalar du själv.", "consumer"),
        ("Die Kosten der Rücksendung (ca. 6 €) tragen Sie.", "consumer"),
        ("Return postage (usually around £4) is paid by you.", "consumer"),
        # look-alikes: an aside that ends the clause, or a condition in it, still counts as such
        ("Vi betalar returen (gäller endast felaktiga varor).", None),
        ("Vi betalar returfrakten (om varan är felaktig) och skickar en ny.", None),
    ],
)
def test_a_short_aside_in_brackets_does_not_part_its_clause(text: str, value: str | None) -> None:
    assert match_text(text, "return_costs") == value


def test_a_german_condition_without_wenn_is_read_with_its_so_clause() -> None:
    text = "Widerruft der Kunde den Vertrag, so hat er die unmittelbaren Kosten der Rücksendung zu tragen."
    assert clauses(text) == [text]
    assert match_text(text, "return_costs") == "consumer"


def test_a_nordic_så_after_an_imperative_opens_a_clause_of_its_own() -> None:
    assert clauses("Bestill en samtale, så ringer vi deg opp innen 4 timer.") == [
        "Bestill en samtale", " så ringer vi deg opp innen 4 timer."]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # the price of an exchange is no return cost after a withdrawal
        ("Vaihto toiseen kokoon maksaa 3,90 €, ja uusi tuote lähtee, kun palautus on saapunut.", None),
        ("Ein Umtausch kostet 4,95 €; die neue Ware senden wir nach Eingang der Rücksendung.", None),
        # a return's price still says the consumer pays it
        ("Palautus maksaa 5,90 €.", "consumer"),
    ],
)
def test_the_price_of_an_exchange_says_nothing_of_who_pays_the_return(text: str, value: str | None) -> None:
    from auditor.facts.concepts import PageConcepts
    from auditor.facts.passages._concepts import statement_value

    assert statement_value(PageConcepts((), ("return_costs",)), text, "return_costs") == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # a negation in the leading condition denies the condition, not who pays
        ("If you are not happy with the item, you pay the return postage.", "consumer"),
        ("Hvis du ikke er fornøyd, betaler du selv returfrakten.", "consumer"),
        ("Jos et ole tyytyväinen, maksat palautuksen postikulut itse.", "consumer"),
        ("Wenn Ihnen die Ware nicht gefällt, tragen Sie die Kosten der Rücksendung.", "consumer"),
        # a negation in the main clause still turns it round
        ("Wenn Sie widerrufen, tragen wir die Kosten der Rücksendung nicht.", "consumer"),
        ("If you change your mind, we do not charge for the return.", "trader"),
    ],
)
def test_a_negation_in_a_leading_condition_denies_the_condition(text: str, value: str) -> None:
    assert match_text(text, "return_costs") == value
