"""Forms on a page: what each is for, and whether a consumer who writes through it keeps a copy.

Every ``<form>`` becomes a :class:`~auditor.models.FormFact` with its purpose (contact,
search, newsletter, login, order, other) read from its controls, and, for a contact form,
what the page says near the form about a receipt:

* ``copy``: a "send me a copy" control, or a promise of a copy of the message;
* ``case_number``: a case or ticket number (Ärendenummer, Saksnummer, Ticketnummer);
* ``confirmation``: a confirmation by email that the message arrived (Eingangsbestätigung);
* ``thread``: the message is kept in the consumer's account, where the case can be followed.

"Near the form" is the form itself and the containers around it up to a few hundred words,
including text hidden until the form is sent (the confirmation a consumer sees afterwards).
A reply promise ("we answer within 24 hours") or an on-screen "thank you" is no receipt.

Forms embedded from a form service (Google Forms, Microsoft Forms, Typeform, HubSpot, ...)
in an ``<iframe>`` are recorded as contact forms of that vendor whose contents the static
crawl cannot see; so is a ``<form>`` with no visible controls (fields drawn by a script).
Phrases are data: ``auditor/rules/lexicon/topics/form_receipt.toml``.
"""

from __future__ import annotations

import re
from typing import Literal
from urllib.parse import urlsplit

import lxml.html

from auditor.facts.concepts import match_one, slots_one
from auditor.facts.dom import Document, clean, is_hidden
from auditor.facts.passages.common import lexicon, phrase_hits, word_list
from auditor.models import FormFact

FormPurpose = Literal["contact", "search", "newsletter", "login", "order", "withdrawal", "other"]
Receipt = Literal["", "copy", "case_number", "confirmation", "thread"]

#: Receipt kinds, strongest first: a copy of the message beats a case number beats a bare
#: confirmation beats a thread kept in an account.
RECEIPT_ORDER: tuple[Receipt, ...] = ("copy", "case_number", "confirmation", "thread")

#: Form services whose forms are embedded in an iframe: host (suffix) and path prefix.
FORM_VENDORS: tuple[tuple[str, str, str], ...] = (
    ("docs.google.com", "/forms", "Google Forms"),
    ("forms.gle", "", "Google Forms"),
    ("forms.office.com", "", "Microsoft Forms"),
    ("forms.microsoft.com", "", "Microsoft Forms"),
    ("typeform.com", "", "Typeform"),
    ("jotform.com", "", "Jotform"),
    ("jotform.eu", "", "Jotform"),
    ("hsforms.com", "", "HubSpot Forms"),
    ("hsforms.net", "", "HubSpot Forms"),
    ("formstack.com", "", "Formstack"),
    ("cognitoforms.com", "", "Cognito Forms"),
    ("tally.so", "", "Tally"),
    ("paperform.co", "", "Paperform"),
    ("wufoo.com", "", "Wufoo"),
    ("zohopublic.com", "", "Zoho Forms"),
    ("zohopublic.eu", "", "Zoho Forms"),
    ("123formbuilder.com", "", "123FormBuilder"),
    ("formsite.com", "", "Formsite"),
)

_SEARCH_NAMES = re.compile(
    r"^(q|s|k|query|sok|sök|soek|suche|haku|keyword|keywords|term|searchterm)$|search|suche|gcse", re.I
)
_ORDER_NAMES = re.compile(
    r"qty|quantity|antal|anzahl|määrä|add[-_]?to[-_]?cart|variant|product|produkt|tuote|sku|coupon", re.I
)
#: What the submit control of an order form says: to order, buy or pay, in the six languages
#: ("Bestellung absenden", "Skicka beställning", "Send bestilling", "Lähetä tilaus", "Place order",
#: "Jetzt kaufen"); a contact form's says send, and "order number" is a field of contact forms too.
_ORDER_SUBMIT = re.compile(
    r"\b(?:bestellung|bestellen|kaufen|beställning|beställ|köp|bestilling|bestill|bestil|køb|tilaus|tilaa|"
    r"osta|place\s+order|order\s+now|buy|checkout|kassa|zur\s+kasse|betala|betal|maksa|pay)\b",
    re.I,
)
#: What the submit control or the confirming checkbox of a withdrawal form says: withdrawing
#: from the purchase ("Bekreft angring", "Ångra köpet", "Vertrag widerrufen", "Peru ostos",
#: "Confirm withdrawal", "Jeg bekrefter at jeg vil gå fra avtalen"): the online withdrawal
#: function of CRD Art. 11a, which is no channel for messages.
_WITHDRAW_SUBMIT = re.compile(
    r"\b(?:ångra\w*|ånger\w*|angr\w*|fortryd\w*|peru|perua|peruu\w*|"
    r"widerruf\w*|withdraw\w*|frånträd\w*|gå\s+fra\s+(?:avtalen|kjøpet)|træde?r?\s+tilbage|"
    r"cancel\s+(?:the\s+|my\s+|your\s+|this\s+)?(?:contract|purchase))",
    re.I,
)
_MESSAGE_NAMES = re.compile(
    r"message|msg|nachricht|meddelande|besked|beskjed|melding|viesti|comment|kommentar|enquiry|inquiry|"
    r"anfrage|ärende|henvendelse|question|fråga|frage|spørsmål|spørgsmål|kysymy|body|text",
    re.I,
)
_CONTACT_PATH = re.compile(r"kontakt|contact|support|kundservice|kundtjanst|kundeservice|asiakaspalvelu|yhteys|"
                           r"ticket|feedback|reklamation|reklamasjon|complaint", re.I)
#: Words of a control's name that ask for a copy ("send_copy", "ccMe", "kopia_till_mig"), read
#: as whole words of the name: "copyright" (the right to the files a form uploads) is no copy.
_COPY_WORDS = frozenset({"copy", "copie", "kopie", "kopia", "kopi", "kopio", "cc", "ccme", "ccself", "ccsender",
                         "sendme", "copyme", "sendcopy", "mailcopy"})
_NAME_WORD = re.compile(r"[^A-Za-z0-9]+|(?<=[a-z])(?=[A-Z])")


#: A checkbox of a contact form whose label speaks of a copy asks for one ("Email me a copy of
#: my message", "Kopia till min e-post"), however it is worded.
_COPY_OPTION = re.compile(r"\b(?:copy|kopia|kopian|kopi|kopien|kopio|kopion|kopiona|kopie)\b", re.IGNORECASE)


def _names_copy(name: str) -> bool:
    """Whether a control's name asks for a copy of the message."""
    words = [w.lower() for w in _NAME_WORD.split(name) if w]
    return any(w in _COPY_WORDS for w in words) or ("send" in words and "me" in words)


_ORDER_FIELD = re.compile(
    r"order|bestell|ordre|ordrenummer|ordernummer|tilaus|auftrag|id_order|invoice|faktura|rechnung", re.I
)
#: CAPTCHA services by a class, a script or an iframe host near the form.
CAPTCHAS: tuple[tuple[str, str], ...] = (
    ("g-recaptcha", "Google reCAPTCHA"),
    ("recaptcha", "Google reCAPTCHA"),
    ("h-captcha", "hCaptcha"),
    ("hcaptcha", "hCaptcha"),
    ("cf-turnstile", "Cloudflare Turnstile"),
    ("challenges.cloudflare.com", "Cloudflare Turnstile"),
    ("frc-captcha", "Friendly Captcha"),
    ("friendlycaptcha", "Friendly Captcha"),
    ("captcha", "a CAPTCHA"),
)
#: Containers around a form are searched while their text stays below this many characters.
_NEAR_CHARS = 2500
_SKIP = frozenset({"script", "style", "noscript", "svg", "select"})
_BLOCKS = frozenset({
    "p", "div", "li", "ul", "ol", "section", "article", "form", "fieldset", "table", "tbody", "tr", "td",
    "th", "h1", "h2", "h3", "h4", "h5", "h6", "header", "footer", "aside", "dl", "dt", "dd", "blockquote",
    "main", "nav", "details", "summary", "figure", "figcaption", "address",
})


def gather_forms(doc: Document, *, contact_page: bool = False) -> list[FormFact]:
    """Every form of the page, and every embedded form service, with purpose and receipt."""
    out = [_form_fact(doc, form, contact_page) for form in doc.root.iter("form")]
    out += _vendor_forms(doc)
    return out


def _form_fact(doc: Document, form: lxml.html.HtmlElement, contact_page: bool) -> FormFact:
    fields: list[str] = []
    required: list[str] = []
    has_text = has_password = False
    copy_option = ""
    visible = 0
    orders = False  # a submit control that places an order ("Bestellung absenden", "Place order")
    asks_message = False  # a text box labelled for a message or question ("Spørsmål/kommentar:")
    withdraws = False  # a submit or a required checkbox that withdraws ("Bekreft angring")
    for control in form.iter("input", "textarea", "select", "button"):
        kind = (control.get("type") or ("submit" if control.tag == "button" else control.tag)).lower()
        if kind in {"submit", "image"}:
            said = control.get("value") or control.text_content() or ""
            orders |= bool(_ORDER_SUBMIT.search(said))
            withdraws |= bool(_WITHDRAW_SUBMIT.search(said))
        if kind in {"hidden", "submit", "button", "image", "reset"}:
            continue
        visible += 1
        has_text |= control.tag == "textarea"
        if control.tag == "textarea":
            asks_message |= bool(_MESSAGE_NAMES.search(_label_of(doc, form, control) or _cell_before(control)))
        has_password |= kind == "password"
        name = control.get("name") or control.get("id") or kind
        fields.append(name)
        if control.get("required") is not None or control.get("aria-required") == "true":
            required.append(name)
        required_box = kind == "checkbox" and control.get("required") is not None
        if kind == "checkbox" and (required_box or not copy_option):
            label = _label_of(doc, form, control)
            withdraws |= required_box and bool(_WITHDRAW_SUBMIT.search(label))
            if not copy_option and (_names_copy(name) or _copy_words(label) or _COPY_OPTION.search(label)):
                copy_option = label or name
    purpose = _purpose(form, fields, has_text, has_password, visible, contact_page)
    # An order or withdrawal form's text box is for the articles, not a message.
    no_message = not asks_message and purpose in {"contact", "other"} and not any(
        _MESSAGE_NAMES.search(n) for n in fields)
    if orders and no_message:
        purpose = "order"  # an old shop's order form: a text box for the articles wanted, no message
    elif withdraws and no_message:
        purpose = "withdrawal"  # the withdrawal function's form: an order number, the goods, a confirmation
    receipt: Receipt = ""
    receipt_excerpt = ""
    hidden_only = False
    if copy_option:
        receipt, receipt_excerpt = "copy", copy_option
    elif purpose == "contact":
        receipt, receipt_excerpt, hidden_only = _receipt_near(doc, form)
    return FormFact(
        url=doc.url,
        locator=doc.locator(form),
        excerpt=doc.element_text(form)[:200],
        region=doc.region(form),
        action=form.get("action") or "",
        method_attr=(form.get("method") or "get").lower(),
        fields=fields,
        looks_like_contact=has_text and not has_password and purpose not in {"order", "withdrawal"},
        purpose=purpose,
        scripted=visible == 0,
        copy_option=copy_option[:200],
        receipt=receipt,
        receipt_excerpt=receipt_excerpt[:300],
        receipt_hidden=hidden_only,
        required=required,
        order_required=any(_ORDER_FIELD.search(name) for name in required),
        captcha=_captcha(doc, form),
    )


def _captcha(doc: Document, form: lxml.html.HtmlElement) -> str:
    """The CAPTCHA service guarding a form: a marker inside it, or a CAPTCHA script on the page."""
    inside = " ".join(
        f"{el.get('class') or ''} {el.get('id') or ''} {el.get('src') or ''} {el.get('name') or ''}"
        for el in form.iter()
        if isinstance(el.tag, str)
    ).lower()
    scripts = " ".join((el.get("src") or "") for el in doc.root.iter("script")).lower()
    for marker, name in CAPTCHAS:
        if marker in inside:
            return name
    for marker, name in CAPTCHAS[:-1]:
        if marker in scripts and any(m in inside for m in ("captcha", "turnstile", "recaptcha")):
            return name
    return ""


def _purpose(
    form: lxml.html.HtmlElement, fields: list[str], has_text: bool, has_password: bool, visible: int,
    contact_page: bool,
) -> FormPurpose:
    if has_password:
        return "login"
    names = [f for f in fields if f not in {"checkbox", "radio"}]
    if names and all(_SEARCH_NAMES.search(n) for n in names):
        return "search"
    if any(_ORDER_NAMES.search(n) for n in fields) and not has_text:
        return "order"
    if has_text or any(_MESSAGE_NAMES.search(n) for n in fields):
        return "contact"
    emails = [f for f in fields if "mail" in f.lower()]
    if emails and len(names) <= 2:
        return "newsletter"
    action = urlsplit(form.get("action") or "").path
    if visible == 0 and (contact_page or _CONTACT_PATH.search(action)):
        return "contact"  # a shell whose fields a script draws
    return "other"


def _cell_before(control: lxml.html.HtmlElement) -> str:
    """The text of the table cell before the one holding ``control``: an old form's label column
    ("Hva vil du bestille? Spørsmål/kommentar:" | the text box)."""
    cell = next((a for a in control.iterancestors() if a.tag in ("td", "th")), None)
    before = cell.getprevious() if cell is not None else None
    return clean(before.text_content())[:200] if before is not None and before.tag in ("td", "th") else ""


def _label_of(doc: Document, form: lxml.html.HtmlElement, control: lxml.html.HtmlElement) -> str:
    """The text a person reads for a control: its <label>, or the text around it."""
    ident = control.get("id")
    if ident:
        for label in form.iter("label"):
            if label.get("for") == ident:
                return clean(label.text_content())
    parent = control.getparent()
    while parent is not None and parent is not form:
        if parent.tag == "label":
            return clean(parent.text_content())
        parent = parent.getparent()
    parent = control.getparent()
    return clean(parent.text_content())[:200] if parent is not None else ""


def _copy_words(text: str) -> bool:
    return bool(text) and receipt_in(text)[0] == "copy"


def receipt_in(text: str) -> tuple[Receipt, str]:
    """The strongest receipt one text promises the sender and the words that say it: the
    concept's reading (``concepts/form_receipt.toml``: a copy with the message, with sending or
    "to you"; a case and its number; a confirmation by email) or a fixed phrase of
    ``topics/form_receipt.toml`` (compounds and set phrases), whichever is stronger."""
    match = match_one(text, "form_receipt")
    words = word_list(text)
    # a confirmation of another errand named in the sentence (an order, a subscription, a
    # withdrawal made on its own page: "Vil du fortryde et køb, skal du bruge fortrydelsessiden –
    # så får du en kvittering på mail") is no receipt of the message, by a set phrase either
    errand = match is None and bool(slots_one(text, "form_receipt").get("order"))
    for kind in RECEIPT_ORDER:
        if match is not None and kind == match.value:
            return kind, match.clause
        if kind == "confirmation" and errand:
            continue
        hits = phrase_hits(words, lexicon("form_receipt", kind))
        if hits:
            return kind, hits[0][1]
    return "", ""


def _receipt_near(doc: Document, form: lxml.html.HtmlElement) -> tuple[Receipt, str, bool]:
    """The strongest receipt the text around a contact form promises, its sentence, and
    whether it is only in text hidden until the form is sent."""
    node: lxml.html.HtmlElement | None = form
    scope = form
    while node is not None and isinstance(node.tag, str) and node.tag not in {"html", "head"}:
        if len(_all_text(node)) > _NEAR_CHARS:
            break
        scope = node
        node = node.getparent()
    best: tuple[int, Receipt, str, bool] | None = None
    for text, hidden in _sentences_in(scope):
        kind, _ = receipt_in(text)
        if kind:
            rank = RECEIPT_ORDER.index(kind)
            if best is None or (rank, hidden) < (best[0], best[3]):
                best = (rank, kind, text, hidden)
    if best is None:
        return "", "", False
    return best[1], best[2], best[3]


def _sentences_in(element: lxml.html.HtmlElement) -> list[tuple[str, bool]]:
    """Text of each block under ``element`` with whether it is hidden (shown after sending)."""
    out: list[tuple[str, bool]] = []

    def walk(node: lxml.html.HtmlElement, hidden: bool) -> None:
        if not isinstance(node.tag, str) or node.tag in _SKIP:
            return
        hidden = hidden or is_hidden(node)
        if node.tag in {"input", "textarea"}:
            text = clean(node.get("placeholder") or "")
            if text:
                out.append((text, hidden))
            return
        children = [c for c in node if isinstance(c.tag, str)]
        if not any(c.tag in _BLOCKS or c.tag in {"input", "textarea", "select"} for c in children):
            text = clean(_all_text(node, " "))
            if text:
                out.append((text, hidden))
            return
        own = clean(" ".join([node.text or ""] + [c.tail or "" for c in children]))
        if own:
            out.append((own, hidden))
        for child in children:
            walk(child, hidden)

    walk(element, False)
    return out


def _all_text(element: lxml.html.HtmlElement, sep: str = "") -> str:
    """The text under ``element`` without scripts and styles."""
    parts: list[str] = []

    def walk(node: lxml.html.HtmlElement) -> None:
        if isinstance(node.tag, str) and node.tag not in _SKIP:
            if node.text:
                parts.append(node.text)
            for child in node:
                walk(child)
        if node.tail and node is not element:
            parts.append(node.tail)

    walk(element)
    return sep.join(p for p in parts if p.strip())


def _vendor_forms(doc: Document) -> list[FormFact]:
    out: list[FormFact] = []
    for frame in doc.root.iter("iframe"):
        src = frame.get("src") or frame.get("data-src") or ""
        vendor = form_vendor(src)
        if vendor is None:
            continue
        out.append(
            FormFact(
                url=doc.url,
                locator=doc.locator(frame),
                excerpt=clean(frame.get("title") or "")[:200] or f"{vendor} form",
                region=doc.region(frame),
                action=src[:500],
                purpose="contact",
                scripted=True,
                vendor=vendor,
            )
        )
    return out


def form_vendor(src: str) -> str | None:
    """The form service an iframe's ``src`` belongs to, or None."""
    parts = urlsplit(src.strip())
    host = (parts.hostname or "").lower()
    for suffix, path, vendor in FORM_VENDORS:
        if (host == suffix or host.endswith("." + suffix)) and parts.path.startswith(path):
            return vendor
    return None
