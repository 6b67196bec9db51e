"""JUnit XML: one test suite per site, one test case per rule, so CI dashboards list them.

The file is valid against the Jenkins xunit plugin's JUnit schema (``junit-10.xsd``, kept in
tests/schemas), the strictest of the common readers. A test's identity never depends on its
outcome, so a dashboard's history follows a rule from pass to fail and back: ``classname`` is
``auditor.`` and the site's slug, ``name`` the rule id. The outcome, the outcome's title and
the finding go into the body: a ``fail`` or ``partial`` outcome is a ``<failure>`` (its
message says when it does not fail the build: below ``fail-on``, or already in the baseline);
a waived finding, a ``needs_review`` and a ``not_applicable`` outcome are ``<skipped>`` with
the reason; a rule that broke is an ``<error>``; a pass is a case with the title and the
message in ``<system-out>``. A site that could not be audited is a suite with one errored case
named ``site-audit``. Built with ElementTree (escaping is the library's); characters XML 1.0
cannot hold are dropped from crawled text first.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from auditor import i18n
from auditor.i18n import N_, NC_, Messages
from auditor.models import AuditResult, Gate, Outcome, RuleOutcome, SiteResult, SiteStatus
from auditor.reports.base import write_text_atomic
from auditor.reports.html import report_slug

_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

MESSAGES = Messages(
    below=N_("(below the fail-on threshold: does not fail the build)"),
    partial=N_("(partly met: fails the build only with fail-on-partial)"),
    baseline=N_("(already in the baseline: does not fail the build)"),
    waived=N_("waived until {expires}: {reason}"),
    expired=N_("the waiver expired on {expires}: {reason}"),
    review=N_("needs review: {message}"),
    na=N_("not applicable: {message}"),
    not_audited=N_("the site was not audited: {reason}"),
    evidence=NC_("JUnit report", "Evidence"),
    legal=N_("Legal basis"),
)


def render_junit(result: AuditResult, gate: Gate, *, lang: str = "en") -> str:
    """The JUnit XML document of a CI run."""
    root = ET.Element("testsuites", name="auditor")
    totals = {"tests": 0, "failures": 0, "errors": 0}  # the schema has no skipped count here
    for site in result.sites:
        suite = _suite(site, gate, lang)
        root.append(suite)
        for key in totals:
            totals[key] += int(suite.get(key, "0"))
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def write_junit(result: AuditResult, gate: Gate, path: Path, *, lang: str = "en") -> Path:
    return write_text_atomic(path, render_junit(result, gate, lang=lang))


def _suite(site: SiteResult, gate: Gate, lang: str) -> ET.Element:
    suite = ET.Element("testsuite", name=_x(site.url))
    if site.crawl is not None:
        suite.set("timestamp", site.crawl.started_at.strftime("%Y-%m-%dT%H:%M:%S"))
        suite.set("time", f"{(site.crawl.finished_at - site.crawl.started_at).total_seconds():.3f}")
    props = ET.SubElement(suite, "properties")
    for name, value in (("score", site.score), ("jurisdiction", site.jurisdiction), ("status", site.status.value)):
        ET.SubElement(props, "property", name=name, value="" if value is None else str(value))
    counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    if site.status != SiteStatus.AUDITED:
        case = ET.SubElement(suite, "testcase", classname=_classname(site), name="site-audit")
        message = MESSAGES("not_audited", reason=i18n.localized(site, "reason", lang)).get(lang)
        ET.SubElement(case, "error", message=_x(message), type="not_audited").text = _x(message)
        counts.update(tests=1, errors=1)
    for outcome in site.rules:
        counts["tests"] += 1
        kind = _case(suite, site, outcome, gate, lang)
        if kind:
            counts[kind] += 1
    for key, value in counts.items():
        suite.set(key, str(value))
    return suite


def _case(suite: ET.Element, site: SiteResult, outcome: RuleOutcome, gate: Gate, lang: str) -> str:
    """Add the rule's test case; the counter it adds to ('' for a pass)."""
    title = i18n.localized(outcome, "title", lang)
    message = i18n.localized(outcome, "message", lang)
    case = ET.SubElement(suite, "testcase", classname=_classname(site), name=outcome.rule)
    waiver = outcome.waiver
    if outcome.outcome in (Outcome.FAIL, Outcome.PARTIAL):
        if waiver is not None and not waiver.expired:
            text = MESSAGES("waived", expires=i18n.format_day(waiver.expires, lang), reason=waiver.reason).get(lang)
            _skipped(case, outcome.outcome, text, f"{title}\n\n{message}")
            return "skipped"
        state = gate.state_of(site, outcome.rule)
        note = {"below_threshold": MESSAGES("below"), "partial": MESSAGES("partial"),
                "in_baseline": MESSAGES("baseline")}.get(state or "")
        headline = message + (f" {note.get(lang)}" if note else "")
        if waiver is not None and waiver.expired:
            expired = MESSAGES("expired", expires=i18n.format_day(waiver.expires, lang),
                               reason=waiver.reason).get(lang)
            headline += f" ({expired})"
        failure = ET.SubElement(case, "failure", message=_x(headline),
                                type=f"{outcome.outcome.value}:{outcome.severity.value}")
        failure.text = _x(f"{title}\n\n" + _details(outcome, headline, lang))
        return "failures"
    if outcome.outcome == Outcome.ERROR:
        ET.SubElement(case, "error", message=_x(message), type="rule_error").text = _x(f"{title}\n\n{message}")
        return "errors"
    if outcome.outcome in (Outcome.NEEDS_REVIEW, Outcome.NOT_APPLICABLE):
        key = "review" if outcome.outcome == Outcome.NEEDS_REVIEW else "na"
        _skipped(case, outcome.outcome, MESSAGES(key, message=message).get(lang), f"{title}\n\n{message}")
        return "skipped"
    ET.SubElement(case, "system-out").text = _x(f"{outcome.outcome.value}: {title}\n\n{message}")
    return ""


def _skipped(case: ET.Element, outcome: Outcome, message: str, body: str) -> None:
    ET.SubElement(case, "skipped", message=_x(message), type=outcome.value).text = _x(body)


def _classname(site: SiteResult) -> str:
    """The same for every case of a site and from run to run: ``auditor.staging-shop-se``."""
    return f"auditor.{report_slug(site.url)}"


def _details(outcome: RuleOutcome, headline: str, lang: str) -> str:
    lines = [headline, "", MESSAGES("evidence").get(lang) + ":"]
    for item in outcome.evidence[:10]:
        note = i18n.localized(item, "note", lang)
        lines.append(f"- {item.url}" + (f" [{item.locator}]" if item.locator else "") + (f" — {note}" if note else ""))
        if item.excerpt:
            lines.append(f"    \u201c{item.excerpt}\u201d")
    lines += ["", MESSAGES("legal").get(lang) + ":"]
    lines += [f"- {i18n.localized(ref, 'instrument', lang)}, {i18n.localized(ref, 'provision', lang)}"
              for ref in outcome.legal_refs]
    return "\n".join(lines)


def _x(text: str) -> str:
    return _XML_BAD.sub("", text)
