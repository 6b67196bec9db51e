"""SARIF 2.1.0 for code-scanning dashboards (GitHub, GitLab, Azure DevOps).

A web finding maps onto SARIF as the model codebases do it (style.md, section 4): ``ruleId``
is the rule id; the location's ``artifactLocation.uri`` is the page URL, its region the line of
the page's HTML where the excerpt that decided the verdict begins (with the excerpt as
``snippet``), and a logical location the element's CSS-like locator. Every location has a
region, as GitHub code scanning asks: where the excerpt is not in the HTML as served (text a
script wrote, a page not at hand, no excerpt) it is line 1, the page as a whole, and the
excerpt goes into the location's message instead. ``tool.driver`` names the project's home
(``informationUri``) and carries every rule the result was judged with (its
``rule_catalogue``) with its title, description, help text, legal references and its catalogue
page (``helpUri``, an absolute URL of ``docs/rules/<id>.md``). A fail is
``kind: fail`` (level by severity; ``warning`` for a partial), a needs-review outcome
``kind: review`` with level ``none``; a waived finding has an accepted external suppression
with the waiver's reason; with a baseline, each finding has its ``baselineState``. The output
is validated against the official OASIS schema in tests.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from auditor import HOMEPAGE, i18n, rule_page
from auditor.i18n import N_, NC_, Messages
from auditor.models import AuditResult, Gate, Outcome, RuleInfo, RuleOutcome, Severity, SiteResult
from auditor.reports.base import write_text_atomic
from auditor.reports.markdown import escape_md
from auditor.web.urls import url_key

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVEL: dict[Severity, str] = {
    Severity.CRITICAL: "error", Severity.HIGH: "error", Severity.MEDIUM: "warning",
    Severity.LOW: "note", Severity.INFO: "note",
}

MESSAGES = Messages(
    legal_basis=N_("Legal basis"),
    why=NC_("SARIF report", "Why it matters"),
    severity=N_("Severity: {severity}"),
    not_audited=N_("{url} was not audited: {reason}"),
)


def render_sarif(
    result: AuditResult, gate: Gate, *, lang: str = "en", sources: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """The SARIF log of a CI run as a JSON-ready dict.

    ``sources`` maps page URLs to the HTML as served: where an excerpt is found in it, the
    location's region gives its line (SARIF requires a position with a snippet); elsewhere
    (text a script wrote, a page not at hand) the excerpt goes into the location's message."""
    finder = _SourceFinder(sources or {})
    rules = result.rule_catalogue
    index = {info.id: i for i, info in enumerate(rules)}
    results: list[dict[str, Any]] = []
    for site in result.sites:
        for outcome in site.rules:
            if outcome.outcome in (Outcome.FAIL, Outcome.PARTIAL, Outcome.NEEDS_REVIEW):
                results.append(_result(site, outcome, gate, index, lang, finder))
    notifications = [
        {"level": "error", "message": {"text": problem}, "descriptor": {"id": "could-not-check"}}
        for problem in gate.problems
    ]
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "auditor",
                "informationUri": HOMEPAGE,
                "version": result.tool.version,
                "semanticVersion": result.tool.version,
                "rules": [_rule(info, lang) for info in rules],
            }
        },
        "invocations": [{
            "executionSuccessful": not gate.problems,
            "toolExecutionNotifications": notifications,
            "endTimeUtc": result.generated_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        }],
        "results": results,
        "properties": {
            "asOf": result.as_of.isoformat(),
            "language": lang,
            "sites": [
                {"url": s.url, "status": s.status.value, "score": s.score, "jurisdiction": s.jurisdiction}
                for s in result.sites
            ],
        },
    }
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


def write_sarif(
    result: AuditResult, gate: Gate, path: Path, *, lang: str = "en", sources: Mapping[str, str] | None = None
) -> Path:
    log = render_sarif(result, gate, lang=lang, sources=sources)
    return write_text_atomic(path, json.dumps(log, indent=2, ensure_ascii=False) + "\n")


def _rule(meta: RuleInfo, lang: str) -> dict[str, Any]:
    title, description = i18n.localized(meta, "title", lang), i18n.localized(meta, "description", lang)
    words = [(i18n.localized(ref, "instrument", lang), i18n.localized(ref, "provision", lang), ref.url)
             for ref in meta.legal_refs]
    refs = [f"{act}, {provision}" + (f" ({url})" if url else "") for act, provision, url in words]
    basis = MESSAGES("legal_basis").get(lang)
    text = f"{description}\n\n{basis}:\n" + "\n".join(f"- {r}" for r in refs)
    markdown = f"**{escape_md(title)}**\n\n{escape_md(description)}\n\n**{basis}:**\n\n" + "\n".join(
        f"- {escape_md(act)}, {escape_md(provision)}" + (f" <{url}>" if url else "")
        for act, provision, url in words
    )
    return {
        "id": meta.id,
        "name": "".join(part.capitalize() for part in meta.id.split("-")),
        "shortDescription": {"text": title},
        "fullDescription": {"text": description},
        "helpUri": rule_page(meta.id),
        "help": {"text": text, "markdown": markdown},
        "defaultConfiguration": {"level": LEVEL[meta.severity]},
        "properties": {
            "tags": ["consumer-law", meta.category.value],
            "severity": meta.severity.value,
            "category": meta.category.value,
            "failureTitle": i18n.localized(meta, "failure_title", lang),
            # The other outcomes' titles; a result older than 1.8 has none (left out, not empty).
            **{key: text for key, field in (("partialTitle", "partial_title"), ("reviewTitle", "review_title"),
                                            ("notApplicableTitle", "na_title"))
               if (text := i18n.localized(meta, field, lang))},
            "documentation": f"docs/rules/{meta.id}.md",  # the page's path in the repository (helpUri: its URL)
            "legalReferences": [ref.model_dump(mode="json") for ref in meta.legal_refs],
        },
    }


def _result(
    site: SiteResult, outcome: RuleOutcome, gate: Gate, index: dict[str, int], lang: str, finder: _SourceFinder
) -> dict[str, Any]:
    state = gate.state_of(site, outcome.rule)
    review = outcome.outcome == Outcome.NEEDS_REVIEW
    level = "none" if review else ("warning" if outcome.outcome == Outcome.PARTIAL else LEVEL[outcome.severity])
    locations = [_location(e.url, e.excerpt, e.locator, finder) for e in outcome.evidence[:1]] or [
        _location(site.url, "", "", finder)
    ]
    related = [
        {"id": i, **_location(e.url, e.excerpt, e.locator, finder),
         "message": {"text": i18n.localized(e, "note", lang) or e.url}}
        for i, e in enumerate(outcome.evidence[1:10], start=1)
    ]
    item: dict[str, Any] = {
        "ruleId": outcome.rule,
        "kind": "review" if review else "fail",
        "level": level,
        "message": {"text": i18n.localized(outcome, "message", lang) or i18n.localized(outcome, "title", lang)},
        "locations": locations,
        "partialFingerprints": {"auditorFinding/v1": _fingerprint(site.url, outcome.rule)},
        "properties": {
            "site": site.url,
            "outcome": outcome.outcome.value,
            "severity": outcome.severity.value,
            "title": i18n.localized(outcome, "title", lang),
            "failsBuild": state == "counts",
            "state": state or "not_a_finding",
            "legalReferences": [f"{i18n.localized(r, 'instrument', lang)}, {i18n.localized(r, 'provision', lang)}"
                                for r in outcome.legal_refs],
        },
    }
    if outcome.rule in index:
        item["ruleIndex"] = index[outcome.rule]
    if related:
        item["relatedLocations"] = related
    if outcome.waiver is not None:
        item["properties"]["waiver"] = outcome.waiver.model_dump(mode="json")
        if not outcome.waiver.expired:
            item["suppressions"] = [{
                "kind": "external",
                "status": "accepted",
                "justification": f"{outcome.waiver.reason} (until {outcome.waiver.expires.isoformat()})",
            }]
    if gate.baseline_used and not review:
        item["baselineState"] = "unchanged" if state == "in_baseline" else "new"
    return item


def _location(url: str, excerpt: str, locator: str, finder: _SourceFinder) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": _uri(url)}}
    location: dict[str, Any] = {"physicalLocation": physical}
    line = finder.line(url, excerpt) if excerpt else None
    if line is not None:
        physical["region"] = {"startLine": line, "snippet": {"text": excerpt}}
    else:  # the page as a whole: a snippet here would claim the excerpt is on line 1
        physical["region"] = {"startLine": 1}
        if excerpt:
            location["message"] = {"text": f"\u201c{excerpt}\u201d"}
    if locator:
        location["logicalLocations"] = [{"fullyQualifiedName": locator, "kind": "element"}]
    return location


class _SourceFinder:
    """The line of a page's HTML source where an excerpt's words begin (tags, entities and
    punctuation may sit between them), or None when they are not in the source."""

    _GAP = r"(?:\s|<[^>]*>|&#?\w+;|[^\w<])+"

    def __init__(self, sources: Mapping[str, str]) -> None:
        self.sources = {url_key(url): html for url, html in sources.items()}

    def line(self, url: str, excerpt: str) -> int | None:
        html = self.sources.get(url_key(url))
        words = re.findall(r"\w+", excerpt)[:8]
        if not html or len(words) < 2:
            return None
        match = re.search(self._GAP.join(re.escape(w) for w in words), html)
        return html.count("\n", 0, match.start()) + 1 if match else None


def _uri(url: str) -> str:
    """An RFC 3986 URI reference: crawled URLs may hold spaces or non-ASCII letters."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return quote(url, safe="")
    return quote(url, safe=":/?#[]@!$&'()*+,;=%~")


def _fingerprint(site_url: str, rule: str) -> str:
    host = urlsplit(site_url).netloc.lower()
    return hashlib.sha256(f"{host}|{rule}".encode()).hexdigest()[:32]

