"""Markdown for a pull-request comment or a job summary: the verdict, the score, what fails the
build, what changed since the baseline, and what is waived.

Crawled text (messages quote addresses, names and excerpts of the site) is escaped so that it
cannot add links, images, HTML or table cells to the comment.
"""

from __future__ import annotations

import re
from pathlib import Path

from auditor import i18n
from auditor.i18n import N_, NC_, NP_, Messages, format_day, format_number
from auditor.models import AuditResult, Finding, Gate, Outcome, SiteStatus
from auditor.reports.base import write_text_atomic

_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~])")
_ENTITIES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_SPACE = re.compile(r"\s+")
_MAX_CELL = 300

MESSAGES = Messages(
    passed=N_("auditor: passed"),
    failed=N_("auditor: failed"),
    broken=N_("auditor: could not check"),
    site=N_("Site"),
    score=N_("Score"),
    threshold=N_("fail-under"),
    failing=N_("Fails the build"),
    waived_n=NC_("Markdown comment", "Waived"),
    review_n=N_("Needs review"),
    not_audited=NC_("Markdown comment", "not audited"),
    below=N_("below {limit}"),
    h_failing=N_("Findings that fail the build"),
    h_problems=N_("Could not check"),
    h_changes=N_("Since the baseline"),
    new=N_("New"),
    fixed=N_("Fixed"),
    still=N_("Still failing (in the baseline, not failing the build)"),
    h_waived=NC_("Markdown comment", "Waived"),
    h_expired=N_("Expired waivers: these findings count again"),
    h_other=N_("Other findings, not failing the build (below fail-on = {fail_on}, or partly met)"),
    rule=N_("Rule"),
    severity=NC_("Markdown comment", "Severity"),
    page=N_("Page"),
    found=N_("What was found"),
    until=N_("until {date}"),
    expired_on=N_("expired {date}"),
    none=N_("Nothing fails the build."),
    none_new=N_("none"),
    reviews=NP_("{n} check needs a person to look (the tool could not tell); it never fails the build.",
                "{n} checks need a person to look (the tool could not tell); they never fail the build."),
    low=N_("The score {score} is below fail-under {limit}."),
    sev_critical=N_("critical"),
    sev_high=N_("high"),
    sev_medium=N_("medium"),
    sev_low=N_("low"),
    sev_info=N_("info"),
)


def escape_md(text: str) -> str:
    """Crawled text as inert Markdown: one line, specials backslash-escaped, bounded."""
    flat = _SPACE.sub(" ", text).strip()
    if len(flat) > _MAX_CELL:
        flat = flat[: _MAX_CELL - 1] + "…"
    return _SPECIAL.sub(r"\\\1", flat.translate(_ENTITIES))


def render_markdown(result: AuditResult, gate: Gate, *, lang: str = "en") -> str:
    """The comment: a heading with the verdict, a table per site, then the details."""
    def w(key: str, **params: object) -> str:
        return MESSAGES(key, **params).get(lang)

    code = gate.exit_code()
    heading = {0: w("passed"), 1: w("failed")}.get(code, w("broken"))
    icon = {0: "✅", 1: "❌"}.get(code, "⚠️")
    out = [f"## {icon} {heading}", ""]
    out += [f"| {w('site')} | {w('score')} | {w('failing')} | {w('waived_n')} | {w('review_n')} |",
            "|---|---:|---:|---:|---:|"]
    for site in result.sites:
        if site.status != SiteStatus.AUDITED:
            out.append(f"| {escape_md(site.url)} | – | {w('not_audited')} | – | – |")
            continue
        mine = [f for f in gate.findings if f.site is site]
        score = "–" if site.score is None else format_number(site.score, lang)
        low = next((value for s_site, value in gate.low_scores if s_site is site), None)
        if low is not None and gate.config.fail_under is not None:
            score += f" ({w('below', limit=format_number(gate.config.fail_under, lang))})"
        reviews = sum(1 for o in site.rules if o.outcome == Outcome.NEEDS_REVIEW)
        out.append(f"| {escape_md(site.url)} | {score} | {sum(f.counts for f in mine)} | "
                   f"{sum(f.state == 'waived' for f in mine)} | {reviews} |")
    out.append("")
    if gate.problems:
        out += [f"### {w('h_problems')}", ""] + [f"- {escape_md(p)}" for p in gate.problems] + [""]
    for low_site, low_score in gate.low_scores:
        limit = gate.config.fail_under or 0
        below = w("low", score=format_number(low_score, lang), limit=format_number(limit, lang))
        out += [f"{escape_md(low_site.url)}: {below}", ""]
    out += [f"### {w('h_failing')}", ""]
    out += _table(gate.counting, lang) if gate.counting else [w("none"), ""]
    if gate.baseline_used:
        new = [f for f in gate.findings if f.state in ("counts", "below_threshold", "partial")]
        still = [f for f in gate.findings if f.state == "in_baseline"]
        out += [f"### {w('h_changes')}", ""]
        out.append(f"- **{w('new')}:** " + (", ".join(f"`{f.outcome.rule}`" for f in new) or w("none_new")))
        out.append(f"- **{w('fixed')}:** " + (", ".join(f"`{rule}`" for _, rule in gate.fixed) or w("none_new")))
        out.append(f"- **{w('still')}:** " + (", ".join(f"`{f.outcome.rule}`" for f in still) or w("none_new")))
        out.append("")
    if gate.expired:
        out += [f"### {w('h_expired')}", ""]
        for f in gate.expired:
            assert f.outcome.waiver is not None
            out.append(f"- `{f.outcome.rule}`: {escape_md(f.outcome.waiver.reason)} "
                       f"({w('expired_on', date=format_day(f.outcome.waiver.expires, lang))})")
        out.append("")
    waived = [f for f in gate.findings if f.state == "waived"]
    if waived:
        out += [f"### {w('h_waived')}", ""]
        for f in waived:
            assert f.outcome.waiver is not None
            until = w("until", date=format_day(f.outcome.waiver.expires, lang))
            out.append(f"- `{f.outcome.rule}` — {escape_md(i18n.localized(f.outcome, 'title', lang))}: "
                       f"{escape_md(f.outcome.waiver.reason)} ({until})")
        out.append("")
    other = [f for f in gate.findings if f.state in ("below_threshold", "partial")]
    if other:
        out += [f"<details><summary>{w('h_other', fail_on=gate.config.fail_on.value)} ({len(other)})</summary>", ""]
        out += _table(other, lang)
        out += ["</details>", ""]
    reviews = sum(1 for s in result.sites for o in s.rules if o.outcome == Outcome.NEEDS_REVIEW)
    if reviews:
        out += [w("reviews", n=reviews), ""]
    return "\n".join(out)


def write_markdown(result: AuditResult, gate: Gate, path: Path, *, lang: str = "en") -> Path:
    return write_text_atomic(path, render_markdown(result, gate, lang=lang))


def _table(findings: list[Finding], lang: str) -> list[str]:
    def w(key: str) -> str:
        return MESSAGES(key).get(lang)

    rows = [f"| {w('rule')} | {w('severity')} | {w('page')} | {w('found')} |", "|---|---|---|---|"]
    for f in findings:
        page = f.outcome.evidence[0].url if f.outcome.evidence else f.site.url
        title = i18n.localized(f.outcome, "title", lang)
        message = i18n.localized(f.outcome, "message", lang)
        severity = w(f"sev_{f.outcome.severity.value}")
        rows.append(f"| `{f.outcome.rule}` {escape_md(title)} | {severity} | {escape_md(page)} | "
                    f"{escape_md(message)} |")
    return [*rows, ""]
