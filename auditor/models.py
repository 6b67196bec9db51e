"""Every data shape of auditor, in one module.

The models follow the five stages of DESIGN.md and nothing crosses a stage boundary except
these shapes:

* crawl   -> :class:`SiteCrawl` (pages as fetched, failures, robots.txt, budget)
* extract -> :class:`SiteFacts` (contact points, identity, links, page kinds, coverage)
* audit   -> :class:`RuleOutcome` per rule, decided from declared facts only
* score   -> :class:`CategoryScore` and the overall score of a :class:`SiteResult`
* report  -> :class:`AuditResult`, the versioned JSON that every output format renders

Results are frozen (``extra="forbid"``): a report can never carry a field the schema does not
describe. :data:`SCHEMA_VERSION` is written into every result; within a major version changes
are additive only, and ``schema/audit-result.v1.json`` is checked against
:meth:`AuditResult.model_json_schema` by a test so that drift fails the build.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from auditor import i18n

#: Version of the ``AuditResult`` JSON. Bump the major part on an incompatible change.
SCHEMA_VERSION = "1.8"

_KEBAB = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


class _Frozen(BaseModel):
    """Base of every model: immutable, and unknown fields are an error."""

    model_config = ConfigDict(frozen=True, extra="forbid")


# --------------------------------------------------------------------------- vocabularies


class Outcome(StrEnum):
    """What a rule decided.

    ``partial`` is a real but incomplete compliance (counts half); ``needs_review`` means the
    tool could not tell (never a hidden fail); ``error`` means the rule itself broke.
    """

    PASS = "pass"
    PARTIAL = "partial"
    FAIL = "fail"
    NEEDS_REVIEW = "needs_review"
    NOT_APPLICABLE = "not_applicable"
    ERROR = "error"


class Severity(StrEnum):
    """How serious a failure of the rule is (requirements.md, "Conventions")."""

    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    INFO = "info"


class Category(StrEnum):
    """Report sections, after the Konsumentverket sweep dimensions."""

    CONTACT = "contact"
    COMPLAINTS = "complaints"
    WITHDRAWAL = "withdrawal"
    CHANNELS = "channels"


class SiteStatus(StrEnum):
    """Whether a site could be audited at all."""

    AUDITED = "audited"
    NOT_AUDITED = "not_audited"


class Region(StrEnum):
    """Where on a page an element sits; footer and header links appear on every template."""

    HEADER = "header"
    NAV = "nav"
    FOOTER = "footer"
    MAIN = "main"


class PageKind(StrEnum):
    """What a page is for, guessed from its URL, title, headings and the links leading to it."""

    HOME = "home"
    CONTACT = "contact"
    CUSTOMER_SERVICE = "customer_service"
    IMPRINT = "imprint"
    ABOUT = "about"
    TERMS = "terms"
    RETURNS = "returns"
    COMPLAINTS = "complaints"
    PRIVACY = "privacy"
    OTHER = "other"


# --------------------------------------------------------------------------- crawl stage


class ClickStep(_Frozen):
    """One link a person follows: its visible text and where it leads."""

    text: str
    url: str


class BannerInfo(_Frozen):
    """A cookie or consent banner the browser saw, and what the tool did about it."""

    vendor: str = ""
    action: Literal["rejected", "closed", ""] = Field(
        default="", description="How it was dismissed; empty when no reject or close control was found."
    )
    control: str = Field(default="", description="Text of the control used (never an accept button).")


class ChatObservation(_Frozen):
    """What the browser saw of a chat widget after trying to open it (nothing was sent)."""

    vendor: str = Field(default="", description="Vendor name, or empty for an unrecognised widget.")
    launcher: str = Field(default="", description="The element clicked to open it.")
    opened: bool = False
    transcript_option: str = Field(
        default="", description="Text of a way to keep the conversation (email transcript, download, copy)."
    )
    bot: bool = Field(default=False, description="The widget presents itself as a bot or virtual assistant.")
    human_option: str = Field(default="", description="Text offering a human agent, when a bot is shown.")
    text: str = Field(default="", description="Visible text of the open widget (first 1,000 characters).")
    screenshot: str = Field(default="", description="Screenshot of the open widget, relative to result.json.")
    screenshot_png: bytes = Field(default=b"", exclude=True, repr=False)
    error: str = ""


class FormSubmission(_Frozen):
    """CI mode on one's own site: a test message sent through a form, and the page shown after."""

    locator: str
    submitted: bool = False
    final_url: str = ""
    confirmation: str = Field(default="", description="New text after sending (first 600 characters).")
    receipt: Literal["", "copy", "case_number", "confirmation", "thread"] = ""
    receipt_text: str = ""
    screenshot: str = ""
    screenshot_png: bytes = Field(default=b"", exclude=True, repr=False)
    error: str = ""


ClickResult = Literal["nothing", "navigated", "popup", "dialog", "changed", "failed"]


class LinkClick(_Frozen):
    """A link that only a script can follow, clicked in the browser, and what happened.

    ``nothing`` means no navigation, no new window, no dialog and no change to the page within
    the waiting time: the link leads nowhere. Anything else may have shown the consumer
    something the crawl did not read."""

    locator: str
    text: str = ""
    result: ClickResult
    clicked_at: datetime
    url: str = Field(default="", description="Where it navigated or the window it opened, if it did.")
    detail: str = Field(
        default="", description="New text shown, a dialog's message, or the error (first 300 characters)."
    )


class RenderInfo(_Frozen):
    """A page as a real browser (Chromium) showed it, after JavaScript ran."""

    rendered_at: datetime
    final_url: str = ""
    status: int | None = None
    html: str = Field(default="", repr=False, description="The DOM after scripts ran.")
    error: str = Field(default="", description="Why rendering stopped early, if it did.")
    banner: BannerInfo | None = None
    dialogs: int = 0
    popups: int = 0
    screenshot: str = Field(default="", description="Full-page screenshot, relative to result.json.")
    screenshot_png: bytes = Field(default=b"", exclude=True, repr=False)
    chats: list[ChatObservation] = Field(default_factory=list)
    elements: dict[str, str] = Field(
        default_factory=dict, description="Locator -> cropped screenshot of that element, relative to result.json."
    )
    elements_png: dict[str, bytes] = Field(default_factory=dict, exclude=True, repr=False)
    element_boxes: dict[str, list[int]] = Field(
        default_factory=dict,
        description="Locator -> where the element is on the full-page screenshot: x, y, width, height in CSS pixels "
        "from the page's top left.",
    )
    element_crops: dict[str, list[int]] = Field(
        default_factory=dict,
        description="Locator -> the area its cropped screenshot shows (the element with the text around it): x, y, "
        "width, height in CSS pixels from the page's top left.",
    )
    submissions: list[FormSubmission] = Field(default_factory=list)
    clicks: list[LinkClick] = Field(default_factory=list)


class PageSnapshot(_Frozen):
    """A page as the crawler fetched it. Spiders yield these and judge nothing."""

    url: str = Field(description="URL as requested (after same-site normalisation).")
    final_url: str = Field(description="URL after redirects.")
    status: int
    content_type: str = ""
    fetched_at: datetime = Field(description="UTC time the response arrived.")
    depth: int = Field(description="Links followed from the home page by the crawler.")
    click_path: list[ClickStep] = Field(
        default_factory=list, description="Links the crawler followed from the home page."
    )
    redirect_chain: list[str] = Field(default_factory=list)
    html: str = Field(default="", description="Decoded body; empty for non-HTML responses.")
    linked: bool = Field(
        default=True,
        description="Reached by following links from the home page; False for a page of a saved copy read "
        "from its files after the links ran out.",
    )
    render: RenderInfo | None = Field(default=None, description="Set when the page was also rendered.")
    headers: dict[str, str] = Field(default_factory=dict, description="Response headers as received.")
    body: bytes = Field(default=b"", exclude=True, repr=False, description="Response body (decompressed).")
    warc: str = Field(default="", description="WARC file and record id of the response: 'file#urn:uuid:...'.")


FailureKind = Literal["robots", "http_status", "network", "timeout", "not_html", "not_saved", "other"]


class FetchFailure(_Frozen):
    """A URL the crawler wanted but could not read, and why. When the server answered (an error
    status), the answer is kept as evidence: its time, headers and body, and its WARC record."""

    url: str
    kind: FailureKind
    reason: str
    status: int | None = None
    click_path: list[ClickStep] = Field(default_factory=list)
    final_url: str = Field(default="", description="URL that answered, after redirects; empty when none answered.")
    fetched_at: datetime | None = Field(default=None, description="UTC time the error answer arrived.")
    headers: dict[str, str] = Field(default_factory=dict, exclude=True, repr=False)
    body: bytes = Field(default=b"", exclude=True, repr=False)
    warc: str = Field(default="", description="WARC file and record id of the error answer: 'file#urn:uuid:...'.")
    scripted: bool = Field(
        default=False,
        description="The error answer is a near-empty page with a script or a refresh, which may still show a page "
        "in a browser (a single-page application's 404 fallback).",
    )


class DocumentCheck(_Frozen):
    """A same-site document (PDF, Word, ...) a page links to, asked for without reading it: does it
    answer? The crawl reads pages, not documents, so this is all it knows of them."""

    url: str
    status: int | None = Field(default=None, description="HTTP status of a HEAD request (the saved copy's answer "
                               "when the crawl reads one); None when nothing answered.")
    reason: str = Field(default="", description="Why it is not there, when it is not: 'HTTP 404', 'not in the saved "
                        "copy', a network error.")
    content_type: str = ""

    @property
    def missing(self) -> bool:
        """The server (or the saved copy) says the document is not there. 405 and 501 say only
        that the server does not answer HEAD requests."""
        return self.status is not None and self.status >= 400 and self.status not in (405, 501)


class RobotsInfo(_Frozen):
    """What robots.txt said and whether the crawl obeyed it."""

    url: str
    obeyed: bool = True
    status: int | None = Field(default=None, description="HTTP status of robots.txt, if fetched.")
    home_allowed: bool = True
    blocked_urls: list[str] = Field(default_factory=list)


class CaseMismatch(_Frozen):
    """A link of a saved copy whose file exists only in another letter case."""

    url: str
    file: str = Field(description="The saved file whose name differs from the URL only in letter case.")


class SavedCopyInfo(_Frozen):
    """Where a saved copy came from and when it was saved, as far as its files tell."""

    folder: str
    base_url: str = Field(description="The URL the saved pages stand in for (--base-url).")
    saved_with: str | None = Field(default=None, description="The saving tool named by markers in the files.")
    saved_from: list[str] = Field(default_factory=list, description="Origin URLs named by those markers.")
    saved_at_earliest: datetime | None = Field(default=None, description="Earliest save date in the markers.")
    saved_at_latest: datetime | None = None
    files_modified_earliest: datetime | None = Field(
        default=None, description="Modification times of the files read (may be the copy's date, not the save's)."
    )
    files_modified_latest: datetime | None = None
    files_served: int = 0
    missing: list[str] = Field(default_factory=list, description="Site URLs the crawl wanted that were not saved.")
    case_mismatches: list[CaseMismatch] = Field(default_factory=list)


class SiteCrawl(_Frozen):
    """Everything the crawl of one site produced: the only input of extraction."""

    start_url: str
    home_url: str | None = Field(default=None, description="Final URL of the home page.")
    site_hosts: list[str] = Field(default_factory=list)
    started_at: datetime
    finished_at: datetime
    user_agent: str
    max_pages: int
    max_depth: int
    pages: list[PageSnapshot] = Field(default_factory=list)
    failures: list[FetchFailure] = Field(default_factory=list)
    robots: RobotsInfo
    budget_exhausted: bool = False
    unvisited: list[str] = Field(
        default_factory=list, description="Same-site URLs seen but not fetched (budget, depth)."
    )
    error: str | None = Field(default=None, description="Why the crawl as a whole failed.")
    saved_copy: SavedCopyInfo | None = Field(
        default=None, description="Set when the crawl read a saved copy of the site instead of the live site."
    )
    render_mode: Literal["auto", "always", "never"] = "never"
    render_error: str = Field(default="", description="Why no page could be rendered (no browser, ...).")
    tls_verified: bool = Field(
        default=True, description="TLS certificates were checked; False with --accept-invalid-tls."
    )
    documents: list[DocumentCheck] = Field(
        default_factory=list, description="Same-site documents linked from the pages read, and whether they answer."
    )


# --------------------------------------------------------------------------- extract stage


class _Seen(_Frozen):
    """Where a fact was seen: the page, a locator within it, and a short excerpt."""

    url: str
    locator: str = Field(default="", description="CSS-like path of the element, or a JSON-LD path.")
    excerpt: str = Field(default="", description="Visible text around the fact, at most ~200 chars.")
    region: Region = Region.MAIN
    rendered_only: bool = Field(
        default=False, description="Seen only after JavaScript ran: a crawler without a browser misses it."
    )


#: Why a contact detail is not the trader's: a third party's domain, a sentence or block naming a
#: third party or a public body, a sentence that gives it as another's by its role (its service
#: line, "call them", our partner, the site's maker), or example data (``facts/third_parties.py``).
OwnerReason = Literal["domain", "context", "role", "public_body", "example"]


class EmailFact(_Seen):
    """An email address found on a page."""

    address: str
    method: Literal["mailto", "text", "obfuscated", "cloudflare", "structured_data"]
    third_party: bool = Field(
        default=False, description="Belongs to a known third party (payment, platform, example)."
    )
    same_site: bool = Field(default=False, description="Its domain is the site's own domain.")
    owner: str = Field(default="", description="Whose it is when third_party: the company or body, as named.")
    owner_reason: OwnerReason | None = Field(
        default=None, description="Why it is not the trader's (facts/third_parties.py)."
    )


class PhoneFact(_Seen):
    """A telephone number found on a page, parsed and classified."""

    raw: str
    e164: str
    number_type: str = Field(description="phonenumbers type name, e.g. fixed_line, premium_rate.")
    premium_rate: bool = False
    toll_free: bool = False
    method: Literal["tel", "text", "structured_data"]
    third_party: bool = Field(
        default=False,
        description="The sentence or block names a third party or a public body (a carrier, an ADR body).",
    )
    owner: str = Field(default="", description="Whose it is when third_party: the company or body, as named.")
    owner_reason: OwnerReason | None = Field(
        default=None, description="Why it is not the trader's (facts/third_parties.py)."
    )
    valid: bool = Field(
        default=True,
        description="False for digits right after a phone word that are no valid number as written "
        "(e.g. a German mobile without its leading 0); e164 then holds the digits.",
    )


class AddressFact(_Seen):
    """A postal address: street, postal code and town, or a PO box."""

    street: str = ""
    postal_code: str
    town: str
    country: str = Field(description="ISO 3166-1 alpha-2, guessed from the postal-code format.")
    po_box: bool = False
    method: Literal["text", "structured_data", "unread_street", "labelled"] = Field(
        default="text",
        description="text: read from the page; structured_data: from JSON-LD or microdata only; unread_street: "
        "a postcode and town whose street before it the tool could not read; labelled: what follows an address "
        "label ('Adresse:') that the tool could not read as an address (``street`` holds it as written).",
    )
    third_party: bool = Field(
        default=False,
        description="The sentence or block names a third party or a public body (an authority's address).",
    )
    owner: str = Field(default="", description="Whose it is when third_party: the company or body, as named.")
    owner_reason: OwnerReason | None = Field(
        default=None, description="Why it is not the trader's (facts/third_parties.py)."
    )


OrgNumberScheme = Literal[
    "se-orgnr", "no-orgnr", "dk-cvr", "fi-ytunnus", "de-register", "vat",
    "fr-siren", "fr-siret", "pl-nip", "pl-regon", "gb-company", "gb-charity", "ie-charity", "ie-company",
    "ie-business-name", "other",
]
#: What is wrong with a number: nothing, its check digit, its length, its format, a VAT id's
#: country prefix that no country uses ("UK 123456789": the United Kingdom's is GB), or a
#: register the tool does not know ("other").
OrgNumberProblem = Literal["", "checksum", "length", "format", "prefix", "unknown"]


class OrgNumberFact(_Seen):
    """A company registration or VAT number, with its checksum verdict."""

    scheme: OrgNumberScheme
    country: str
    value: str = Field(description="Normalised form, e.g. 556677-8899, DE123456789.")
    raw: str
    valid: bool = Field(description="Checksum (or format, where no checksum exists) is right.")
    problem: OrgNumberProblem = Field(default="", description="Why it is not valid; empty when it is.")


#: What kind of trader a legal form or a page's words show: a natural person (a sole trader, a
#: registered merchant), a partnership, or a company (a legal person).
TraderKind = Literal["person", "partnership", "company"]


class CompanyNameFact(_Seen):
    """A legal name with its legal form (AB, AS, ApS, Oy, GmbH, ...)."""

    name: str
    legal_form: str
    method: Literal["structured_data", "copyright", "label", "text"]
    kind: TraderKind = Field(default="company", description="The kind of trader the form is (facts/legal_forms.toml).")
    registered: bool = Field(
        default=True, description="The form exists only by an entry in a public register (a GmbH, an AB; not a GbR)."
    )
    countries: list[str] = Field(default_factory=list, description="Countries whose law has the form (EU: all).")


class TraderNameFact(_Seen):
    """A trader named without a legal form: a natural person after an owner label ("Inhaberin Maria
    Muster"), a sole trader's word ("enskild firma", "Einzelunternehmen"), or a name heading the
    address block, which may be a person's or a trading name."""

    name: str = Field(description="The person's name, or the name heading the address; empty when only the "
                                  "sole trader's word stands.")
    trading_name: str = Field(default="", description="A trading name beside it ('Muster Design').")
    label: str = Field(default="", description="The words that showed it, as written ('Inhaberin', 'enskild firma').")
    method: Literal["owner", "sole_trader", "heading"]


class RepresentativeFact(_Seen):
    """The persons named as representing a company or partnership ("Geschäftsführer: Max Muster")."""

    names: list[str]
    label: str = Field(description="The label as written ('Geschäftsführerin', 'vertreten durch', 'VD').")
    partners_only: bool = Field(
        default=False, description="The label names partners ('Gesellschafter'), who represent only a partnership."
    )


class LinkFact(_Seen):
    """A link on a page: the ``url`` field is the page it sits on, ``target`` where it leads."""

    target: str
    text: str
    internal: bool


class ScriptLinkFact(_Seen):
    """A link to terms, returns or complaints information that no crawler can follow: ``href="#"``,
    ``javascript:``, no ``href`` at all, or a button. Only a script knows where it leads (a dialog,
    a window, nowhere); ``click`` is what a browser saw when it was clicked (None: not clicked)."""

    text: str
    kind: PageKind
    href: str = ""
    click: LinkClick | None = None


class FormFact(_Seen):
    """A form on a page (contact forms do not replace an email address)."""

    action: str = ""
    method_attr: str = "get"
    fields: list[str] = Field(default_factory=list, description="name or type of each control.")
    looks_like_contact: bool = False
    purpose: Literal["contact", "search", "newsletter", "login", "order", "withdrawal", "other"] = "other"
    scripted: bool = Field(
        default=False, description="No visible controls: the fields are drawn by a script or an embedded service."
    )
    vendor: str = Field(default="", description="The form service of an embedded (iframe) form.")
    copy_option: str = Field(default="", description="Label of a 'send me a copy' control.")
    receipt: Literal["", "copy", "case_number", "confirmation", "thread"] = Field(
        default="", description="The strongest receipt promised near a contact form."
    )
    receipt_excerpt: str = ""
    receipt_hidden: bool = Field(default=False, description="The promise is shown only after sending.")
    required: list[str] = Field(default_factory=list, description="Names of the fields marked required.")
    order_required: bool = Field(
        default=False, description="An order number is required: a question or complaint without one is blocked."
    )
    captcha: str = Field(default="", description="CAPTCHA service on the form (reCAPTCHA, hCaptcha, Turnstile, ...).")
    submission: FormSubmission | None = Field(
        default=None, description="CI mode: what the site showed after a test message was sent through it."
    )


class ScriptSignal(_Frozen):
    """A sign in a page's static HTML that its scripts may write content the crawl did not see
    (``auditor/facts/scripts.py``). Recorded only for pages no browser rendered."""

    kind: Literal["placeholder", "fetch", "mount", "noscript"] = Field(
        description="An empty element labelled for a detail, a request to the site's own endpoint in an "
        "inline script, an empty framework mount point, or a <noscript> note that JavaScript is needed."
    )
    detail: Literal["", "contact", "email", "phone", "address", "identity"] = Field(
        default="", description="The detail the signal names ('contact': contact details in general; '': none)."
    )
    locator: str = ""
    region: Region = Region.MAIN
    excerpt: str = Field(default="", description="The element's opening tag, the endpoint or the note.")
    main_text: int = Field(
        default=0, description="Visible text of the page's main region (outside header, footer, navigation)."
    )


class PageInfo(_Frozen):
    """A fetched page as the rules see it: kind, click depth and path, language."""

    url: str
    final_url: str
    status: int
    fetched_at: datetime
    kind: PageKind
    title: str = ""
    lang: str = ""
    depth: int = Field(description="Shortest number of clicks from the home page over the links seen.")
    click_path: list[ClickStep] = Field(default_factory=list)
    js_shell: bool = Field(
        default=False, description="The HTML looks like an empty JavaScript app: content may be hidden."
    )
    text_length: int = 0
    linked: bool = Field(
        default=True, description="A path of links from the home page leads here (else depth is UNLINKED_DEPTH)."
    )
    rendered: bool = Field(default=False, description="Also rendered in a browser.")
    render_error: str = ""
    script_signals: list[ScriptSignal] = Field(
        default_factory=list,
        description="Signs that scripts may write content the static HTML lacks (pages not rendered only).",
    )
    screenshot: str = ""
    element_shots: dict[str, str] = Field(default_factory=dict, description="Locator -> cropped screenshot.")
    element_boxes: dict[str, list[int]] = Field(
        default_factory=dict, description="Locator -> x, y, width, height of the element on the full-page screenshot."
    )
    element_crops: dict[str, list[int]] = Field(
        default_factory=dict, description="Locator -> x, y, width, height of the area its cropped screenshot shows."
    )
    warc: str = Field(default="", description="WARC file and record id of the response.")


class CrawlCoverage(_Frozen):
    """How much of the site the crawl saw: what rules need to tell 'absent' from 'not seen'."""

    home_url: str
    pages_fetched: int
    failures: list[FetchFailure] = Field(default_factory=list)
    robots: RobotsInfo
    max_pages: int
    max_depth: int
    budget_exhausted: bool = False
    unvisited: list[str] = Field(default_factory=list)
    exhaustive: bool = Field(
        description="Every same-site link within the depth limit was fetched: absence is real."
    )
    render_mode: Literal["auto", "always", "never"] = "never"
    render_error: str = Field(default="", description="Why pages were not rendered although asked to be.")
    offsite_contact_pages: list[str] = Field(
        default_factory=list,
        description="Contact or imprint pages linked from header, footer or navigation but hosted on "
        "another site, which the crawl does not read: what they say is unknown.",
    )
    script_links: list[ScriptLinkFact] = Field(
        default_factory=list,
        description="Links to terms, returns or complaints information that only a script can follow, "
        "with what a browser saw when it clicked them.",
    )
    document_links: list[str] = Field(
        default_factory=list,
        description="Same-site links to documents (PDF, Word, ...) whose text or address names terms, returns "
        "or complaints information: the crawl reads pages, not documents, so what they say is unknown.",
    )
    documents: list[DocumentCheck] = Field(
        default_factory=list,
        description="Same-site documents linked from the pages read, asked for without being read: whether "
        "they answer.",
    )


class PassageTopic(StrEnum):
    """What a legal passage on a page is about: one gatherer module per topic."""

    COMPLAINTS_RIGHT = "complaints_right"  # the right to complain about faulty goods (reklamation)
    COMPLAINT_PROCEDURE = "complaint_procedure"  # how and where to complain, answer time
    GUARANTEE_PERIOD = "guarantee_period"  # a period stated for complaints / the legal guarantee
    GUARANTEE_NOTICE = "guarantee_notice"  # the harmonised EU legal-guarantee notice (2024/825)
    ADR_BODY = "adr_body"  # an alternative dispute resolution body named (ARN, Nævnenes Hus, ...)
    ODR_LINK = "odr_link"  # a link or reference to the EU ODR platform
    WITHDRAWAL_PERIOD = "withdrawal_period"  # the right of withdrawal and its period
    WITHDRAWAL_FORM = "withdrawal_form"  # the model withdrawal form, or an equivalent form
    WITHDRAWAL_FUNCTION = "withdrawal_function"  # the online withdrawal function (CRD Art. 11a)
    RETURN_COSTS = "return_costs"  # who pays the return shipping
    SERVICE_HOURS = "service_hours"  # opening hours or a promised response time
    LEGAL_CITATION = "legal_citation"  # an act cited by name, number or section ("§ 5 TMG")
    RETURNS_MENTION = "returns_mention"  # a sentence that speaks of returns, in any words (no statement)


#: Click depth recorded for a page no link from the home page leads to (``linked`` is False).
UNLINKED_DEPTH = 99

#: Days in a stated period's unit (a month is 30 days, a year 365).
DAYS_PER_UNIT: dict[str, float] = {"hours": 1 / 24, "days": 1, "weeks": 7, "months": 30, "years": 365}


class PassageFact(_Seen):
    """A sentence or element on a page that states something the law asks about.

    Gatherers record what a passage says, not whether that is lawful: "Reklamation inom 14
    dagar" is a ``guarantee_period`` passage with ``amount=14, unit="days"``; the rule compares
    it with the jurisdiction's minimum."""

    topic: PassageTopic
    lang: str = Field(default="", description="Language of the page the passage is on (sv, nb, da, fi, de, en).")
    amount: float | None = Field(default=None, description="A period or time stated, e.g. 14 or 3.")
    unit: Literal["hours", "days", "weeks", "months", "years"] | None = None
    name: str = Field(default="", description="A body, vendor or label named, e.g. 'ARN'.")
    target: str = Field(default="", description="A link's absolute URL, where the passage is a link.")
    flags: list[str] = Field(
        default_factory=list,
        description="Qualifiers a gatherer saw, e.g. 'commercial_guarantee', 'shorter', 'button', 'form'.",
    )

    def in_days(self) -> float | None:
        """The stated period in days (a month is 30, a year 365), or None."""
        if self.amount is None or self.unit is None:
            return None
        return self.amount * DAYS_PER_UNIT[self.unit]

    def in_months(self) -> float | None:
        """The stated period in months (a year is 12, a day 1/30), or None."""
        if self.amount is None or self.unit is None:
            return None
        factor = {"hours": 1 / 720, "days": 1 / 30, "weeks": 7 / 30, "months": 1, "years": 12}[self.unit]
        return self.amount * factor


class ChatFact(_Seen):
    """A chat widget: its vendor from the page's code, and what the browser saw when opening it."""

    vendor: str
    signal: Literal["host", "global", "marker", "browser"]
    certain: bool = Field(description="A loader host or an opened widget; a global or marker alone may be a leftover.")
    bot: bool = Field(default=False, description="Bot-first vendor, or the widget presented a bot.")
    vendor_transcript: Literal["yes", "configurable", "no", "unverified"] = Field(
        default="unverified", description="What the vendor is documented to offer (capability, not proof)."
    )
    observed: ChatObservation | None = Field(default=None, description="Set when the browser tried to open it.")


class FactFailure(_Frozen):
    """An extractor that raised: the facts it feeds are incomplete, so no rule judges from them."""

    extractor: str = Field(description="e.g. 'gather_phones', or 'passages.withdrawal' for one topic's gatherer.")
    error: str = Field(description="The exception's type and message, e.g. \"KeyError: 'P'\".")
    url: str = Field(default="", description="The page it failed on; empty for a step over the whole site.")


class SiteFacts(_Frozen):
    """All facts extracted from one site's crawl: the only input of the rules."""

    site: str
    jurisdiction: str
    pages: list[PageInfo] = Field(default_factory=list)
    emails: list[EmailFact] = Field(default_factory=list)
    phones: list[PhoneFact] = Field(default_factory=list)
    addresses: list[AddressFact] = Field(default_factory=list)
    org_numbers: list[OrgNumberFact] = Field(default_factory=list)
    company_names: list[CompanyNameFact] = Field(default_factory=list)
    trader_names: list[TraderNameFact] = Field(default_factory=list)
    representatives: list[RepresentativeFact] = Field(default_factory=list)
    links: list[LinkFact] = Field(default_factory=list)
    forms: list[FormFact] = Field(default_factory=list)
    passages: list[PassageFact] = Field(default_factory=list)
    chats: list[ChatFact] = Field(default_factory=list)
    account_links: list[LinkFact] = Field(
        default_factory=list, description="Internal links to a login or customer-account area."
    )
    coverage: CrawlCoverage
    failed: dict[str, FactFailure] = Field(
        default_factory=dict,
        description="Facts an extractor failed to produce (by fact name, the first failure each); "
        "rules that require one are an error.",
    )


#: Names a rule may list in ``RuleMeta.requires``: the fields of SiteFacts.
FACT_NAMES: frozenset[str] = frozenset(
    name for name in SiteFacts.model_fields if name not in {"site", "jurisdiction", "failed"}
)


# --------------------------------------------------------------------------- audit stage


class LegalRef(_Frozen):
    """A legal source a rule rests on, in English, with its words in the other report languages:
    an EU act's official title in each language and the provision as each language cites it
    (``auditor/rules/legal.py``)."""

    instrument: str = Field(description="e.g. 'Directive 2011/83/EU of the European Parliament and of the Council "
                                        "of 25 October 2011 on consumer rights'.")
    provision: str = Field(description="e.g. 'Art. 6(1)(c)'.")
    jurisdiction: str = Field(default="eu", description="eu, se, no, dk, fi, de.")
    url: str | None = None
    instrument_i18n: dict[str, str] = Field(
        default_factory=dict, description="instrument in other languages ('sv'): the act's official title there.")
    provision_i18n: dict[str, str] = Field(
        default_factory=dict, description="provision in other languages ('sv'), cited as that language cites it.")

    def translated(self) -> LegalRef:
        """This reference with its words in every report language whose catalog has them (a
        national act's own title is the same in all of them), as a result carries it."""
        return self.model_copy(update={
            "instrument_i18n": i18n.message(self.instrument).translations(),
            "provision_i18n": i18n.message(self.provision).translations(),
        })


class RuleWords(_Frozen):
    """A rule's titles and description in one report language."""

    title: str
    failure_title: str
    partial_title: str
    review_title: str
    na_title: str
    description: str

    def title_for(self, outcome: Outcome) -> str:
        """The title of ``outcome`` (:data:`TITLE_FIELDS`)."""
        return str(getattr(self, TITLE_FIELDS[outcome]))


#: Which title each outcome shows. ``error`` (the rule could not run) shows the review title:
#: both say the tool did not decide, and the message says why.
TITLE_FIELDS: dict[Outcome, str] = {
    Outcome.PASS: "title",
    Outcome.PARTIAL: "partial_title",
    Outcome.FAIL: "failure_title",
    Outcome.NEEDS_REVIEW: "review_title",
    Outcome.NOT_APPLICABLE: "na_title",
    Outcome.ERROR: "review_title",
}


class RuleMeta(_Frozen):
    """A rule's metadata: data, validated when the rule module is imported.

    Each outcome has its own title, a headline a report shows above the message: it must be true
    of every message the rule gives with that outcome (a partial never reuses the fail title, a
    review never the pass title), and never say more than the finding.
    """

    id: str
    title: str = Field(description="The passing state, e.g. 'Email address is given'.")
    failure_title: str = Field(description="The failing state.")
    partial_title: str = Field(
        description="The partial state, true of every partial message, e.g. 'Only a PO box is given'."
    )
    review_title: str = Field(
        description="What the tool could not decide, e.g. 'Whether an email address is given could not be "
        "determined'; also the title when the rule could not run (error), so it names no reason."
    )
    na_title: str = Field(
        description="Why the rule does not apply, true of every not_applicable message of the rule itself "
        "(a rule the jurisdiction switches off has the engine's own title)."
    )
    description: str = Field(description="Why it matters, for the report.")
    category: Category
    severity: Severity
    requires: tuple[str, ...]
    legal_refs: tuple[LegalRef, ...]
    fix: str = Field(
        default="",
        description="How a trader meets the requirement, in a sentence or two addressed to the trader: what a "
        "report shows beside a fail or a partial.",
    )
    jurisdictions: tuple[str, ...] = Field(
        default=(), description="Jurisdictions the rule applies in; empty means all."
    )

    @property
    def translations(self) -> dict[str, RuleWords]:
        """Titles and description in every other report language whose catalog translates the
        title (``auditor/locale``): what the result JSON's ``*_i18n`` fields hold."""
        return {lang: self.words(lang) for lang in i18n.LANGS
                if lang != i18n.DEFAULT_LANG and i18n.has_translation(lang, self.title)}

    def words(self, lang: str) -> RuleWords:
        """Titles and description in ``lang``, from its catalog; English where there is no
        translation."""
        return RuleWords(
            title=i18n.translate(lang, self.title),
            failure_title=i18n.translate(lang, self.failure_title),
            partial_title=i18n.translate(lang, self.partial_title),
            review_title=i18n.translate(lang, self.review_title),
            na_title=i18n.translate(lang, self.na_title),
            description=i18n.translate(lang, self.description),
        )

    def title_for(self, outcome: Outcome) -> str:
        """The English title of ``outcome`` (:data:`TITLE_FIELDS`)."""
        return str(getattr(self, TITLE_FIELDS[outcome]))

    @field_validator("id")
    @classmethod
    def _kebab(cls, value: str) -> str:
        if not _KEBAB.match(value):
            raise ValueError(f"rule id {value!r} is not a kebab-case noun")
        return value

    @field_validator("title", "failure_title", "partial_title", "review_title", "na_title")
    @classmethod
    def _short(cls, value: str) -> str:
        if not value or len(value) > 80:
            raise ValueError("titles are 1 to 80 characters")
        return value

    @model_validator(mode="after")
    def _titles_differ(self) -> RuleMeta:
        titles = [self.title, self.partial_title, self.failure_title, self.review_title, self.na_title]
        if len(set(titles)) != len(titles):
            raise ValueError(f"rule {self.id!r}: each outcome needs a title of its own, true for it")
        return self

    @field_validator("requires")
    @classmethod
    def _known_facts(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        unknown = set(value) - FACT_NAMES
        if unknown:
            raise ValueError(f"unknown facts required: {sorted(unknown)}")
        return value

    @field_validator("legal_refs")
    @classmethod
    def _has_basis(cls, value: tuple[LegalRef, ...]) -> tuple[LegalRef, ...]:
        if not value:
            raise ValueError("a rule needs at least one legal reference")
        return value


class Evidence(_Frozen):
    """What decided a verdict: a page, where on it, what it said, and when it was fetched."""

    url: str
    locator: str = ""
    excerpt: str = ""
    fetched_at: datetime | None = None
    click_path: list[ClickStep] = Field(default_factory=list)
    note: str = Field(default="", description="What this piece of evidence shows.")
    note_i18n: dict[str, str] = Field(default_factory=dict, description="note in other languages ('sv').")
    screenshot: str = Field(default="", description="Screenshot of the page or element, relative to result.json.")
    rendered_only: bool = Field(default=False, description="Seen only after JavaScript ran.")
    warc: str = Field(default="", description="The WARC record of the page: 'file#urn:uuid:...'.")
    lang: str = Field(
        default="", description="Language of the page the excerpt is quoted from (sv, de, ...); empty when unknown."
    )
    searched: bool = Field(
        default=False,
        description="Evidence of absence: a page that was read and does not show what the rule looks for "
        "(it carries no excerpt).",
    )
    snippet: str = Field(default="", description="The element's HTML as the page had it, abbreviated.")
    box: list[int] = Field(
        default_factory=list,
        description="Where the element is on the page's full screenshot: x, y, width, height in CSS pixels; "
        "empty when it was not measured (the page was not rendered).",
    )
    crop_box: list[int] = Field(
        default_factory=list,
        description="The area of the page the element's cropped screenshot shows: x, y, width, height.",
    )


class WaiverInfo(_Frozen):
    """A waiver from the CI configuration that matched a finding (``auditor ci``)."""

    url: str = Field(description="The URL pattern of the waiver (a glob).")
    reason: str
    expires: date
    expired: bool = Field(description="True: the waiver ran out before the audit date and the finding counts again.")


class TraderInfo(_Frozen):
    """Who runs the site, as the trader-identity rule identified it: what a report names first."""

    name: str = Field(default="", description="The legal name with its legal form, or a sole trader's name as given.")
    registration: str = Field(default="", description="A registration or VAT number whose check digits are right.")
    scheme: str = Field(default="", description="The number's scheme (se-orgnr, de-register, vat, ...).")
    url: str = Field(default="", description="The page the name (or else the number) was read on.")


class RuleOutcome(_Frozen):
    """One rule's verdict on one site."""

    rule: str
    title: str = Field(description="The rule's title for this outcome (pass, partial, fail, review, not applicable).")
    title_i18n: dict[str, str] = Field(default_factory=dict, description="title in other languages ('sv').")
    outcome: Outcome
    message: str
    message_i18n: dict[str, str] = Field(default_factory=dict, description="message in other languages ('sv').")
    category: Category
    severity: Severity
    weight: float
    evidence: list[Evidence] = Field(default_factory=list)
    legal_refs: list[LegalRef] = Field(default_factory=list)
    waiver: WaiverInfo | None = Field(
        default=None, description="Set by auditor ci when a configured waiver matches this finding (active or expired)."
    )
    trader: TraderInfo | None = Field(default=None, exclude=True, repr=False,
                                      description="Who the trader is, where the rule established it (trader-identity).")


class CategoryScore(_Frozen):
    """Weighted score of one category; ``None`` when nothing in it could be decided."""

    category: Category
    score: float | None
    counted: int = Field(description="Rules whose outcome weighed in.")
    not_counted: list[str] = Field(
        default_factory=list, description="Rules with needs_review, not_applicable or error."
    )


#: A score's band (``auditor/scoring.py``): high 80-100, middle 50 to under 80, low under 50.
ScoreBand = Literal["high", "middle", "low"]


class Coverage(_Frozen):
    """What a site's score rests on (since 1.7): the rules per outcome, how many of those that
    apply were decided, and whether the score may be ranked."""

    outcomes: dict[Outcome, int] = Field(description="Rules per outcome, every outcome listed (zeros too).")
    applicable: int = Field(description="Rules that apply to the site: every outcome but not_applicable.")
    decided: int = Field(description="Rules the score rests on: pass, partial or fail.")
    applicable_weight: float = Field(description="Sum of the weights of the rules that apply.")
    decided_weight: float = Field(description="Sum of the weights of the decided rules.")
    decided_share: float | None = Field(
        description="decided_weight / applicable_weight, 0-1; None when no rule with a weight applies."
    )
    min_share: float = Field(description="The decided share below which a score is incomplete, as applied.")
    incomplete: bool = Field(
        description="decided_share is below min_share (or None): the score is shown as incomplete, never ranked."
    )
    band: ScoreBand | None = Field(description="The score's band; None when incomplete or without a score.")


# --------------------------------------------------------------------------- report stage


class PageSummary(_Frozen):
    """A crawled page as listed in a report."""

    url: str
    status: int
    kind: PageKind
    depth: int
    title: str = ""
    click_path: list[ClickStep] = Field(default_factory=list)
    fetched_at: datetime
    linked: bool = Field(
        default=True, description="False: no link from the home page leads here; read from a saved copy's files."
    )
    rendered: bool = False
    render_error: str = ""
    screenshot: str = ""
    banner: BannerInfo | None = None
    warc: str = ""


class CrawlSummary(_Frozen):
    """How the crawl of a site went, for the report."""

    started_at: datetime
    finished_at: datetime
    user_agent: str
    max_pages: int
    max_depth: int
    pages_fetched: int
    budget_exhausted: bool
    robots: RobotsInfo
    pages: list[PageSummary] = Field(default_factory=list)
    failures: list[FetchFailure] = Field(default_factory=list)
    saved_copy: SavedCopyInfo | None = Field(
        default=None, description="Set when the audit ran on a saved copy of the site, not the live site."
    )
    render_mode: Literal["auto", "always", "never"] = "never"
    render_error: str = ""
    tls_verified: bool = Field(default=True, description="False: certificates were not checked (--accept-invalid-tls).")


class RuleChange(_Frozen):
    """How one rule's outcome moved since the previous audit of the site."""

    rule: str
    before: Outcome | None = Field(description="None: the rule did not exist then.")
    after: Outcome
    change: Literal["fixed", "regressed", "changed", "new"]


class SiteHistory(_Frozen):
    """The site's previous audit in the store, and what changed since."""

    previous_run: int
    previous_at: datetime
    previous_as_of: date
    previous_score: float | None = None
    changes: list[RuleChange] = Field(default_factory=list)
    unchanged: int = 0


class SiteResult(_Frozen):
    """The audit of one site."""

    url: str
    status: SiteStatus
    reason: str | None = Field(default=None, description="Why a site was not audited.")
    reason_i18n: dict[str, str] = Field(default_factory=dict, description="reason in other languages ('sv').")
    jurisdiction: str
    jurisdiction_source: Literal["given", "guessed"] = Field(
        default="given", description="Given by the user (--jurisdiction), or guessed from the domain and language."
    )
    score: float | None = None
    categories: list[CategoryScore] = Field(default_factory=list)
    rules: list[RuleOutcome] = Field(default_factory=list)
    crawl: CrawlSummary | None = None
    history: SiteHistory | None = Field(default=None, description="Compared with the previous audit in the store.")
    trader: TraderInfo | None = Field(
        default=None, description="The trader as the trader-identity rule identified it; None when it did not."
    )
    coverage: Coverage | None = Field(
        default=None, description="What the score rests on (since 1.7); None for a site not audited."
    )


class RuleInfo(_Frozen):
    """A rule as the reports show it, as it stood when the result was made: a result re-rendered
    later shows the words it was judged with, not today's."""

    id: str
    title: str = Field(description="The passing state.")
    title_i18n: dict[str, str] = Field(default_factory=dict, description="title in other languages ('sv').")
    failure_title: str = Field(description="The failing state.")
    failure_title_i18n: dict[str, str] = Field(
        default_factory=dict, description="failure_title in other languages ('sv')."
    )
    partial_title: str = Field(default="", description="The partial state (since 1.8; empty in older results).")
    partial_title_i18n: dict[str, str] = Field(
        default_factory=dict, description="partial_title in other languages ('sv')."
    )
    review_title: str = Field(
        default="", description="What could not be decided: needs_review and error (since 1.8)."
    )
    review_title_i18n: dict[str, str] = Field(
        default_factory=dict, description="review_title in other languages ('sv')."
    )
    na_title: str = Field(default="", description="Why the rule does not apply (since 1.8).")
    na_title_i18n: dict[str, str] = Field(default_factory=dict, description="na_title in other languages ('sv').")
    description: str = Field(description="Why it matters.")
    description_i18n: dict[str, str] = Field(
        default_factory=dict, description="description in other languages ('sv')."
    )
    category: Category
    severity: Severity
    legal_refs: list[LegalRef] = Field(default_factory=list, description="Every legal source, all jurisdictions.")
    fix: str = Field(default="", description="How a trader meets the requirement (empty in results before 1.7).")
    fix_i18n: dict[str, str] = Field(default_factory=dict, description="fix in other languages ('sv').")


class ToolInfo(_Frozen):
    """Which tool and version made a result."""

    name: str = "auditor"
    version: str


class AuditResult(_Frozen):
    """The versioned result of an audit run: the only input of every report."""

    schema_version: str = SCHEMA_VERSION
    tool: ToolInfo
    generated_at: datetime
    as_of: date = Field(description="The date whose law the rules applied.")
    sites: list[SiteResult] = Field(default_factory=list)
    rule_catalogue: list[RuleInfo] = Field(
        default_factory=list,
        description="The rules the sites were judged with (since 1.6; empty in older results).",
    )


# --------------------------------------------------------------------------- the CI gate


FindingState = Literal["counts", "waived", "below_threshold", "partial", "in_baseline"]


class GateSettings(Protocol):
    """The thresholds a gate was decided with (``auditor.ci.CiConfig`` has them)."""

    @property
    def fail_on(self) -> Severity: ...

    @property
    def fail_under(self) -> float | None: ...

    @property
    def fail_on_partial(self) -> bool: ...


@dataclass(frozen=True)
class Finding:
    """A fail (or partial) outcome and whether it fails the build."""

    site: SiteResult
    outcome: RuleOutcome
    state: FindingState

    @property
    def counts(self) -> bool:
        return self.state == "counts"


@dataclass
class Gate:
    """What the build gate decided (``auditor.ci.decide``), for the exit code and every CI output."""

    config: GateSettings
    findings: list[Finding] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # why the tool could not do its job (exit 2)
    low_scores: list[tuple[SiteResult, float]] = field(default_factory=list)
    expired: list[Finding] = field(default_factory=list)
    fixed: list[tuple[SiteResult, str]] = field(default_factory=list)  # (site, rule) failing in the baseline only
    baseline_used: bool = False

    @property
    def counting(self) -> list[Finding]:
        return [f for f in self.findings if f.counts]

    def exit_code(self, *, exit_zero: bool = False) -> int:
        if self.problems:
            return 2
        if exit_zero:
            return 0
        return 1 if self.counting or self.low_scores else 0

    def state_of(self, site: SiteResult, rule: str) -> FindingState | None:
        for finding in self.findings:
            if finding.site is site and finding.outcome.rule == rule:
                return finding.state
        return None
