"""A chat widget lets the consumer keep a copy of the conversation.

What it checks
    Chat widgets are recognised by their vendor's fingerprint (loader host, script global, DOM
    marker; ``auditor/facts/vendors.toml``) and by what a person sees (a "chat" launcher). The
    browser stage opens each widget once, without typing anything, and reads it for a way to
    keep the conversation: "Email transcript", "Skicka chattlogg", "Verlauf per E-Mail senden",
    "Download", or a statement that the conversation is emailed. A screenshot shows the open widget.

Why it matters
    Art. 6(1)(c) Directive 2011/83/EU as amended by Directive (EU) 2019/2161 admits other means
    of online communication only where the consumer can keep the correspondence, with date and
    time, on a durable medium; a complaint made in a chat that vanishes when the tab closes
    cannot be proved. Konsumentverket (2023) asks shops with a chat to tell consumers whether and
    how they can save it.

Failing example      a chat opens with a greeting and a message box, and no transcript, download or copy
Passing example      the open chat offers "Skicka chattloggen till min e-post"
Needs review when    the audit ran without a browser, the widget could not be opened, or its
                     vendor can send transcripts from a menu the first view does not show.
Not applicable when  the site has no chat.
"""

from __future__ import annotations

from auditor.i18n import N_, Messages, Text
from auditor.models import Category, ChatFact, Evidence, RuleMeta, Severity
from auditor.rule import (
    AuditContext,
    FactView,
    Rule,
    Verdict,
    failed,
    needs_review,
    not_applicable,
    passed,
    register,
)
from auditor.rules import legal
from auditor.rules.support import Pages

#: Every message of this rule, in English (translated in auditor/locale).
MESSAGES = Messages(
    render_never=N_("the audit ran with --render never"),
    not_looked_for=N_(
        "Chat widgets load with JavaScript and were not looked for: {why}.",
    ),
    no_chat=N_(
        "No chat widget was found on the pages rendered in the browser.",
    ),
    offered=N_(
        "The {vendor} chat offers a way to keep the conversation: '{option}'.",
    ),
    note_offered=N_(
        "open chat widget with a transcript option",
    ),
    vendor_menu=N_(
        "The {vendor} chat opened without showing a transcript option, but {vendor} can send transcripts "
        "from a menu or after the chat; check the widget by hand.",
    ),
    note_first_view=N_(
        "open chat, no transcript option in its first view",
    ),
    no_option=N_(
        "The {vendor} chat opened and offers no way to keep the conversation (no transcript by email, "
        "download or copy), and says nothing about it.",
    ),
    no_option_site=N_(
        "The site chat opened and offers no way to keep the conversation (no transcript by email, "
        "download or copy), and says nothing about it.",
    ),
    note_no_option=N_(
        "open chat widget without a transcript option",
    ),
    not_opened=N_(
        "A {vendor} chat is on the site, but it was not opened: {why}.",
    ),
    could_not_open=N_(
        "A {vendor} chat is on the site, but it could not be opened ({reason}); check it by hand.",
    ),
    no_launcher=N_(
        "no launcher was found or it did not respond",
    ),
    note_seen=N_("{vendor} chat ({signal} fingerprint)"),
    signal_host=N_("host"),
    signal_global=N_("global"),
    signal_marker=N_("marker"),
    signal_browser=N_("browser"),
    note_vendor=N_("{note} ({vendor})"),
    vendor_unrecognised=N_("unrecognised"),
)


@register
class ChatTranscript(Rule):
    meta = RuleMeta(
        id="chat-transcript",
        title=N_("The chat lets the consumer keep a copy of the conversation"),
        failure_title=N_("The chat offers no way to keep the conversation"),
        partial_title=N_("The chat lets the consumer keep only part of the conversation"),
        review_title=N_("Whether a chat lets the consumer keep the conversation could not be determined"),
        na_title=N_("No chat was found on the pages rendered"),
        description=N_(
            "A consumer who complains or withdraws in a chat must be able to keep what was written: "
            "a transcript by email, a download, or a copy."
        ),
        fix=N_(
            "Let consumers keep the chat: offer a visible “Email me the conversation” or download option in "
            "the chat, or send the transcript automatically, with the date and time of each message, and say "
            "on the contact page how to save it."
        ),
        category=Category.CHANNELS,
        severity=Severity.MEDIUM,
        requires=("chats", "pages", "coverage"),
        legal_refs=(legal.CRD_6_1_C_KEEP, legal.CRD_2_10, legal.KOV_2023_EVIDENCE),
    )

    def evaluate(self, facts: FactView, ctx: AuditContext) -> Verdict:
        pages = Pages(facts.pages)
        coverage = facts.coverage
        chats = _unique(facts.chats)
        no_browser = coverage.render_mode == "never" or bool(coverage.render_error)
        if not chats:
            if no_browser:
                return needs_review(MESSAGES("not_looked_for", why=_why(coverage.render_error)))
            return not_applicable(MESSAGES("no_chat"))
        offered = [c for c in chats if c.observed is not None and c.observed.transcript_option]
        if offered:
            chat = offered[0]
            assert chat.observed is not None
            return passed(
                MESSAGES("offered", vendor=_vendor(chat.vendor), option=chat.observed.transcript_option),
                [_evidence(c, pages, MESSAGES("note_offered")) for c in offered[:2]],
            )
        opened = [c for c in chats if c.observed is not None and c.observed.opened]
        if opened:
            chat = opened[0]
            if chat.vendor_transcript in ("yes", "configurable"):
                return needs_review(
                    MESSAGES("vendor_menu", vendor=_vendor(chat.vendor)),
                    [_evidence(c, pages, MESSAGES("note_first_view")) for c in opened[:2]],
                )
            return failed(
                MESSAGES("no_option", vendor=chat.vendor) if chat.vendor != "unrecognised"
                else MESSAGES("no_option_site"),
                [_evidence(c, pages, MESSAGES("note_no_option")) for c in opened[:2]],
            )
        chat = chats[0]
        seen = [_evidence(c, pages, _seen_note(c)) for c in chats[:2]]
        if no_browser:
            return needs_review(
                MESSAGES("not_opened", vendor=_vendor(chat.vendor), why=_why(coverage.render_error)), seen
            )
        reason = next((c.observed.error for c in chats if c.observed is not None and c.observed.error), "")
        return needs_review(
            MESSAGES("could_not_open", vendor=_vendor(chat.vendor), reason=reason or MESSAGES("no_launcher")),
            seen,
        )


def _unique(chats: list[ChatFact]) -> list[ChatFact]:
    """One chat per vendor: the best-observed sighting (opened beats seen)."""
    best: dict[str, ChatFact] = {}
    for chat in chats:
        kept = best.get(chat.vendor)
        if kept is None or _rank(chat) < _rank(kept):
            best[chat.vendor] = chat
    return sorted(best.values(), key=_rank)


def _rank(chat: ChatFact) -> int:
    if chat.observed is not None and chat.observed.transcript_option:
        return 0
    if chat.observed is not None and chat.observed.opened:
        return 1
    return 2 if chat.certain else 3


def _vendor(name: str) -> Text | str:
    """A chat vendor's name; a widget whose vendor is unknown in words."""
    return MESSAGES("vendor_unrecognised") if name == "unrecognised" else name


def _why(render_error: str) -> Text | str:
    """Why the browser did not look at the site: its error, or the --render setting."""
    return render_error or MESSAGES("render_never")


def _seen_note(chat: ChatFact) -> Text:
    return MESSAGES("note_seen", vendor=_vendor(chat.vendor), signal=MESSAGES(f"signal_{chat.signal}"))


def _evidence(chat: ChatFact, pages: Pages, note: Text) -> Evidence:
    observed = chat.observed
    excerpt = (observed.transcript_option or observed.text[:200]) if observed and observed.opened else chat.excerpt
    evidence = pages.evidence(chat.url, locator=chat.locator, excerpt=excerpt,
                              note=MESSAGES("note_vendor", note=note, vendor=_vendor(chat.vendor)))
    if observed is not None and observed.screenshot:
        evidence = evidence.model_copy(update={"screenshot": observed.screenshot})
    return evidence
