"""A chat widget lets the consumer keep a copy of the conversation.

What it checks
    Chat widgets are recognised by their vendor's fingerprint (loader host, script global, DOM
    marker; ``auditor/spiders/vendors.toml``) and by what a person sees (a "chat" launcher). The
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

from auditor.models import Category, ChatFact, Evidence, RuleMeta, Severity
from auditor.registry import register
from auditor.rule import (
    AuditContext,
    FactView,
    Rule,
    Verdict,
    failed,
    needs_review,
    not_applicable,
    passed,
)
from auditor.rules import legal
from auditor.rules.support import Pages


@register
class ChatTranscript(Rule):
    meta = RuleMeta(
        id="chat-transcript",
        title="The chat lets the consumer keep a copy of the conversation",
        failure_title="The chat offers no way to keep the conversation",
        description=(
            "A consumer who complains or withdraws in a chat must be able to keep what was written: "
            "a transcript by email, a download, or a copy."
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
                why = coverage.render_error or "the audit ran with --render never"
                return needs_review(f"Chat widgets load with JavaScript and were not looked for: {why}.")
            return not_applicable("No chat widget was found on the pages rendered in the browser.")
        offered = [c for c in chats if c.observed is not None and c.observed.transcript_option]
        if offered:
            chat = offered[0]
            assert chat.observed is not None
            return passed(
                f"The {chat.vendor} chat offers a way to keep the conversation: '{chat.observed.transcript_option}'.",
                [_evidence(c, pages, "open chat widget with a transcript option") for c in offered[:2]],
            )
        opened = [c for c in chats if c.observed is not None and c.observed.opened]
        if opened:
            chat = opened[0]
            if chat.vendor_transcript in ("yes", "configurable"):
                return needs_review(
                    f"The {chat.vendor} chat opened without showing a transcript option, but {chat.vendor} can "
                    "send transcripts from a menu or after the chat; check the widget by hand.",
                    [_evidence(c, pages, "open chat, no transcript option in its first view") for c in opened[:2]],
                )
            return failed(
                f"The {chat.vendor if chat.vendor != 'unrecognised' else 'site'} chat opened and offers no way "
                "to keep the conversation (no transcript by email, download or copy), and says nothing about it.",
                [_evidence(c, pages, "open chat widget without a transcript option") for c in opened[:2]],
            )
        chat = chats[0]
        if no_browser:
            why = coverage.render_error or "the audit ran with --render never"
            return needs_review(
                f"A {chat.vendor} chat is on the site, but it was not opened: {why}.",
                [_evidence(c, pages, f"{c.vendor} chat ({c.signal} fingerprint)") for c in chats[:2]],
            )
        reason = next((c.observed.error for c in chats if c.observed is not None and c.observed.error), "")
        return needs_review(
            f"A {chat.vendor} chat is on the site, but it could not be opened"
            + (f" ({reason})" if reason else " (no launcher was found or it did not respond)")
            + "; check it by hand.",
            [_evidence(c, pages, f"{c.vendor} chat ({c.signal} fingerprint)") for c in chats[:2]],
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


def _evidence(chat: ChatFact, pages: Pages, note: str) -> Evidence:
    observed = chat.observed
    excerpt = (observed.transcript_option or observed.text[:200]) if observed and observed.opened else chat.excerpt
    evidence = pages.evidence(chat.url, locator=chat.locator, excerpt=excerpt, note=f"{note} ({chat.vendor})")
    if observed is not None and observed.screenshot:
        evidence = evidence.model_copy(update={"screenshot": observed.screenshot})
    return evidence
