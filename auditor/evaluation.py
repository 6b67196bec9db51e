"""How often each check agrees with a careful human: accuracy on a labelled corpus of saved sites.

A corpus is a folder with ``labels.yaml`` (the format of ``shared/realworld``: one entry per
site with ``id``, ``home``, ``language``, ``snapshot`` and ``has_*`` labels) and one folder per
site holding its saved pages. Each site is audited as a saved copy (``auditor audit PATH
--base-url URL``), exactly as a user would audit it, and each labelled check is compared with
the outcome of the rule it maps to.

How a rule's outcome is read ("tool says"):

* ``present``: pass or partial (the rule found the thing, perhaps not good enough);
* ``absent``: fail (the rule claims the thing is missing);
* ``cannot tell``: needs_review, not_applicable, error, or the site was not audited.

A **false fail** is a label saying the thing is there and the tool saying it is absent: the
error our users must never see. A **false pass** is the reverse. Labels ``unknown``,
``false_in_saved_pages`` and ``not_applicable`` are not counted; ``false`` is counted, except
where the label a check presupposes is false ("the form offers a copy" on a site labelled as
having no contact form: the labeller's "false" then means "no form", which that check counts).
*Agreement* is agreeing verdicts over counted labels, so "cannot tell" lowers it: an
honest "needs review" on a labelled item is safe but not yet useful.

Where a site's folder has a ``SOURCE.md`` with a table of saved files and their original
URLs, those URLs map onto the files (pages saved under other names). A ``Custom domain`` line
gives a whole-site snapshot its host; otherwise the site id under ``.invalid`` stands in.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

import yaml

from auditor import lexicon, profiles
from auditor.browser.stage import RenderMode
from auditor.facts.site import gather_site
from auditor.models import (
    Outcome,
    PageKind,
    PassageTopic,
    RuleOutcome,
    SiteCrawl,
    SiteFacts,
    SiteResult,
    SiteStatus,
)
from auditor.pipeline import AuditSettings, audit
from auditor.web.saved import SavedCopy, SavedCopyError
from auditor.web.urls import url_key

Tool = Literal["present", "absent", "cannot tell"]

#: The language of a corpus site decides the law applied; English sites are left to the guess.
NOT_COUNTED = {"unknown", "false_in_saved_pages", "not_applicable", "n/a", ""}


class CorpusError(Exception):
    """The corpus cannot be read: a clear message for the user."""


@dataclass(frozen=True)
class CorpusSite:
    """One labelled site of a corpus, ready to audit as a saved copy."""

    id: str
    folder: Path
    base_url: str
    url_map: dict[str, str]
    jurisdiction: str | None
    labels: dict[str, Any]


@dataclass(frozen=True)
class Check:
    """A labelled property and how a rule's outcome answers it."""

    label: str
    rule: str
    title: str
    read: Callable[[RuleOutcome, SiteFacts | None], Tool]
    expect: Callable[[Any], bool | None] = field(default=lambda value: _truth(value))
    #: a label this check presupposes: where it is labelled false, this one is not counted (a
    #: form that offers a copy presupposes a form; "false" there means "there is no form")
    requires: str = ""


@dataclass(frozen=True)
class Row:
    """One check on one site: what the label says and what the tool said."""

    site: str
    check: str
    expected: bool
    tool: Tool
    outcome: str
    message: str

    @property
    def agrees(self) -> bool:
        return self.tool == ("present" if self.expected else "absent")

    @property
    def false_fail(self) -> bool:
        return self.expected and self.tool == "absent"

    @property
    def false_pass(self) -> bool:
        return not self.expected and self.tool == "present"


@dataclass
class Tally:
    """The per-check figures of the accuracy table."""

    check: Check
    rows: list[Row] = field(default_factory=list)

    @property
    def counted(self) -> int:
        return len(self.rows)

    @property
    def agree(self) -> int:
        return sum(r.agrees for r in self.rows)

    @property
    def false_fails(self) -> int:
        return sum(r.false_fail for r in self.rows)

    @property
    def false_passes(self) -> int:
        return sum(r.false_pass for r in self.rows)

    @property
    def cannot_tell(self) -> int:
        return sum(r.tool == "cannot tell" for r in self.rows)

    @property
    def agreement(self) -> float | None:
        return self.agree / self.counted if self.counted else None


# ----------------------------------------------------------------------------- reading outcomes


def _by_outcome(outcome: RuleOutcome, _facts: SiteFacts | None = None) -> Tool:
    if outcome.outcome in (Outcome.PASS, Outcome.PARTIAL):
        return "present"
    if outcome.outcome == Outcome.FAIL:
        return "absent"
    return "cannot tell"


def _stated_period(outcome: RuleOutcome, facts: SiteFacts | None = None) -> Tool:
    """The label is the wording of any period the site states for withdrawing or returning. So a
    withdrawal period stated but too short is still stated, and so is a commercial return period
    ("100 Tage Rückgaberecht", "30 dagars öppet köp") that the rule cannot take for the statutory
    right, or a period it reads as perhaps another one: whenever the rule does not pass but the
    facts hold a withdrawal or return period, a period is stated. withdrawal-period's partial
    with no such period is the right named without its period: the period is absent."""
    if outcome.outcome == Outcome.FAIL and any("shorter than" in e.note for e in outcome.evidence):
        return "present"
    if outcome.outcome in (Outcome.FAIL, Outcome.PARTIAL, Outcome.NEEDS_REVIEW) and facts is not None and any(
        p.topic == PassageTopic.WITHDRAWAL_PERIOD and p.amount for p in facts.passages
    ):
        return "present"
    if outcome.outcome == Outcome.PARTIAL:
        return "absent"
    return _by_outcome(outcome, facts)


def _adr_info(outcome: RuleOutcome, facts: SiteFacts | None = None) -> Tool:
    """The label counts a dispute body named or the EU ODR platform referred to. adr-body keeps in
    review a site that refers only to the ODR platform (closed in July 2025) or names a body the
    tool does not know: for the label, that information is there. A trader's statement that it
    takes no part in dispute resolution, with no body named, is left to the reader (labellers
    differ on it): cannot tell, whether the rule keeps it in review or passes it (Germany's § 36
    VSBG asks for that statement)."""
    if outcome.outcome == Outcome.NEEDS_REVIEW and facts is not None and any(
        p.topic in (PassageTopic.ODR_LINK, PassageTopic.ADR_BODY) and "declined" not in p.flags for p in facts.passages
    ):
        return "present"
    if outcome.outcome == Outcome.PASS and facts is not None:
        # A German trader's § 36 VSBG statement that it takes no part passes the rule (the law asks
        # for the statement), but names no body: left to the reader, as above.
        dispute = [p for p in facts.passages if p.topic in (PassageTopic.ODR_LINK, PassageTopic.ADR_BODY)]
        if dispute and all({"declined", "vsbg_unwilling"} & set(p.flags) for p in dispute):
            return "cannot tell"
    return _by_outcome(outcome, facts)


def _returns_info(outcome: RuleOutcome, facts: SiteFacts | None = None) -> Tool:
    """Any returns or withdrawal information, links to a returns page included (the label's
    definition): a stated period, a withdrawal or return-cost passage (a sentence that speaks of
    returns included), a returns page read, or a link the crawler classified as leading to one."""
    stated = _stated_period(outcome, facts)
    if stated == "present" or facts is None:
        return stated
    topics = {PassageTopic.WITHDRAWAL_PERIOD, PassageTopic.WITHDRAWAL_FORM, PassageTopic.RETURN_COSTS}
    if any(p.topic in topics for p in facts.passages):
        return "present"
    # a sentence that only speaks of returns counts, as the rule reads it: not in the privacy notice
    privacy = {url_key(p.url) for p in facts.pages if p.kind == PageKind.PRIVACY}
    if any(p.topic == PassageTopic.RETURNS_MENTION and url_key(p.url) not in privacy for p in facts.passages):
        return "present"
    if any(p.kind == PageKind.RETURNS for p in facts.pages):
        return "present"
    if any(lexicon.named_kind(link.target, link.text) == PageKind.RETURNS for link in facts.links):
        return "present"
    return stated


def _findable(outcome: RuleOutcome, facts: SiteFacts | None = None) -> Tool:
    """contact-page-findable's partial is also the contact page found three clicks away (its first
    evidence): not within the label's two clicks."""
    if outcome.outcome == Outcome.PARTIAL and facts is not None and outcome.evidence:
        depth = {url_key(p.url): p.depth for p in facts.pages}.get(url_key(outcome.evidence[0].url))
        if depth is not None and depth > 2:
            return "absent"
    return _by_outcome(outcome, facts)


def _form_provided(outcome: RuleOutcome, facts: SiteFacts | None = None) -> Tool:
    """withdrawal-form's partial is a form mentioned but not provided: the form is absent."""
    if outcome.outcome == Outcome.PARTIAL:
        return "absent"
    return _by_outcome(outcome, facts)


def _org_number(outcome: RuleOutcome, facts: SiteFacts | None) -> Tool:
    """trader-identity's evidence holds a registration number the extraction found."""
    if facts is not None:
        numbers = {(n.url, n.locator) for n in facts.org_numbers}
        if any((e.url, e.locator) in numbers for e in outcome.evidence):
            return "present"
    if outcome.outcome in (Outcome.FAIL, Outcome.PARTIAL):
        return "absent"
    return "cannot tell" if outcome.outcome != Outcome.PASS else "absent"


def _form_exists(outcome: RuleOutcome, facts: SiteFacts | None = None) -> Tool:
    """form-receipt judges a form when there is one; not_applicable means none was found. A form
    whose fields a script draws is still a form (the rule then cannot judge its receipt)."""
    if outcome.outcome in (Outcome.PASS, Outcome.PARTIAL, Outcome.FAIL):
        return "present"
    if facts is not None and any(f.purpose == "contact" for f in facts.forms):
        return "present"
    if outcome.outcome == Outcome.NOT_APPLICABLE:
        return "absent"
    return "cannot tell"


def _truth(value: Any) -> bool | None:
    """A label as True / False, or None when it is not counted. Wording counts as True."""
    if isinstance(value, bool):
        return value
    if value is None:
        return None
    text = str(value).strip().lower()
    if text in NOT_COUNTED:
        return None
    return text not in {"false", "no"}


def _within_two_clicks(value: Any) -> bool | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        return int(value) <= 2
    except (TypeError, ValueError):
        return None


CHECKS: tuple[Check, ...] = (
    Check("has_email", "contact-email", "Email address", _by_outcome),
    Check("has_phone", "contact-phone", "Phone number", _by_outcome),
    Check("has_postal_address", "contact-address", "Postal address", _by_outcome),
    Check("has_org_number", "trader-identity", "Organisation number", _org_number),
    Check("click_depth_home_to_contact", "contact-page-findable", "Contact page within 2 clicks", _findable,
          _within_two_clicks),
    Check("has_returns_info", "withdrawal-period", "Returns / withdrawal information", _returns_info),
    Check("has_withdrawal_period_stated", "withdrawal-period", "Withdrawal period stated", _stated_period),
    Check("has_withdrawal_form", "withdrawal-form", "Model withdrawal form", _form_provided),
    Check("has_complaints_info", "complaints-info", "Complaints information", _by_outcome),
    Check("has_adr_info", "adr-body", "Dispute-resolution body", _adr_info),
    Check("has_contact_form", "form-receipt", "Contact form", _form_exists),
    Check("form_offers_copy_or_confirmation", "form-receipt", "Form offers a copy", _by_outcome,
          requires="has_contact_form"),
)


# ----------------------------------------------------------------------------- the corpus

_TABLE_ROW = re.compile(r"^\|\s*`([^`]+)`\s*\|\s*(https?://\S+?)\s*\|", re.M)
_CUSTOM_DOMAIN = re.compile(r"custom domain[^:\n]*:\s*`?([a-z0-9][a-z0-9.-]+\.[a-z]{2,})`?", re.I)


def load_corpus(path: Path) -> list[CorpusSite]:
    """The labelled sites of a corpus folder (or of its ``labels.yaml``)."""
    labels_file = path / "labels.yaml" if path.is_dir() else path
    root = labels_file.parent
    try:
        data = yaml.safe_load(labels_file.read_text(encoding="utf-8"))
    except OSError as exc:
        raise CorpusError(f"cannot read {labels_file}: {exc.strerror or exc}") from None
    except yaml.YAMLError as exc:
        raise CorpusError(f"{labels_file} is not valid YAML: {exc}") from None
    entries = data.get("sites") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not entries:
        raise CorpusError(f"{labels_file} has no 'sites' list")
    sites: list[CorpusSite] = []
    for entry in entries:
        if not isinstance(entry, dict) or "id" not in entry:
            raise CorpusError(f"{labels_file}: every site needs an 'id'")
        sites.append(_site(root, entry))
    return sites


def _site(root: Path, entry: dict[str, Any]) -> CorpusSite:
    site_id = str(entry["id"])
    folder = root / site_id
    if not folder.is_dir():
        raise CorpusError(f"site {site_id}: folder {folder} does not exist")
    home = str(entry.get("home") or "index.html")
    source = folder / "SOURCE.md"
    text = source.read_text(encoding="utf-8", errors="replace") if source.is_file() else ""
    url_map = {url: file for file, url in _TABLE_ROW.findall(text) if (folder / file).is_file()}
    home_url = next((url for url, file in url_map.items() if file == home), None)
    if home_url is None:
        domain = _CUSTOM_DOMAIN.search(text)
        host = domain.group(1).lower() if domain else f"{re.sub(r'[^a-z0-9-]', '-', site_id.lower())}.invalid"
        home_url = f"https://{host}/"
        if home not in {"index.html", "index.htm"}:
            url_map[home_url] = home
    language = str(entry.get("language") or "").split()[0].lower() if entry.get("language") else ""
    return CorpusSite(
        id=site_id,
        folder=folder,
        base_url=home_url,
        url_map=url_map,
        jurisdiction=profiles.jurisdiction_of_language(language),
        labels=entry,
    )


# ----------------------------------------------------------------------------- running


@dataclass
class Evaluation:
    """Every check's tally and each site's result."""

    tallies: list[Tally]
    results: dict[str, SiteResult]
    as_of: date


def evaluate(
    sites: Sequence[CorpusSite],
    *,
    as_of: date,
    render: RenderMode = "never",
    on_site_done: Callable[[SiteCrawl], None] | None = None,
) -> Evaluation:
    """Audit every site as a saved copy (through the pipeline, as ``auditor audit PATH
    --base-url`` would, storing nothing) and compare each labelled check with its rule."""
    settings = AuditSettings(render=render, as_of=as_of)
    try:
        jobs = [
            settings.job(site.base_url, site.jurisdiction,
                         SavedCopy.open(site.folder, site.base_url, url_map=site.url_map,
                                        complete=site.labels.get("snapshot") == "whole_site_static"))
            for site in sites
        ]
    except SavedCopyError as exc:
        raise CorpusError(str(exc)) from None
    audited: list[tuple[SiteCrawl, SiteResult]] = []
    audit(jobs, settings, on_crawled=on_site_done, on_audited=lambda _, crawl, result: audited.append((crawl, result)))
    tallies = [Tally(check) for check in CHECKS]
    results: dict[str, SiteResult] = {}
    for site, (crawl, result) in zip(sites, audited, strict=True):
        results[site.id] = result
        facts = _facts(crawl, site.jurisdiction) if result.status == SiteStatus.AUDITED else None
        outcomes = {o.rule: o for o in result.rules}
        for tally in tallies:
            check = tally.check
            expected = check.expect(site.labels.get(check.label))
            if expected is None or (check.requires and _truth(site.labels.get(check.requires)) is False):
                continue
            outcome = outcomes.get(check.rule)
            if outcome is None:
                tool: Tool = "cannot tell"
                shown, message = ("not_audited" if result.status != SiteStatus.AUDITED else "no such rule"), (
                    result.reason or ""
                )
            else:
                tool, shown, message = check.read(outcome, facts), outcome.outcome.value, outcome.message
            tally.rows.append(Row(site.id, check.label, expected, tool, shown, message))
    return Evaluation(tallies=tallies, results=results, as_of=as_of)


def _facts(crawl: SiteCrawl, jurisdiction: str | None) -> SiteFacts | None:
    try:
        return gather_site(crawl, jurisdiction)
    except Exception:  # the audit already recorded why; the check then "cannot tell"
        return None


# ----------------------------------------------------------------------------- the table


def markdown_table(evaluation: Evaluation) -> str:
    """The per-check accuracy table and the per-site disagreements, as Markdown."""
    lines = [
        "| check | label | rule | counted | agree | agreement | false fails | false passes | cannot tell |",
        "|---|---|---|--:|--:|--:|--:|--:|--:|",
    ]
    for t in evaluation.tallies:
        rate = f"{t.agreement:.0%}" if t.agreement is not None else "–"
        lines.append(
            f"| {t.check.title} | `{t.check.label}` | `{t.check.rule}` | {t.counted} | {t.agree} | {rate} "
            f"| {t.false_fails} | {t.false_passes} | {t.cannot_tell} |"
        )
    total = [r for t in evaluation.tallies for r in t.rows]
    agree = sum(r.agrees for r in total)
    lines.append(
        f"| **all checks** | | | {len(total)} | {agree} | "
        f"{agree / len(total):.0%} | {sum(r.false_fail for r in total)} | "
        f"{sum(r.false_pass for r in total)} | {sum(r.tool == 'cannot tell' for r in total)} |"
        if total
        else "| **all checks** | | | 0 | 0 | – | 0 | 0 | 0 |"
    )
    disagreements = [r for t in evaluation.tallies for r in t.rows if not r.agrees]
    lines += ["", "Disagreements (label → tool outcome):", ""]
    if not disagreements:
        lines.append("none")
    else:
        lines += ["| site | check | label | outcome | reading |", "|---|---|---|---|---|"]
        for r in sorted(disagreements, key=lambda r: (r.site, r.check)):
            kind = "**false fail**" if r.false_fail else ("false pass" if r.false_pass else "cannot tell")
            lines.append(f"| {r.site} | `{r.check}` | {'present' if r.expected else 'absent'} | {r.outcome} | {kind} |")
    return "\n".join(lines) + "\n"


BEGIN = "<!-- BEGIN accuracy table (auditor eval) -->"
END = "<!-- END accuracy table -->"


def write_into(path: Path, table: str, header: str) -> None:
    """Replace the generated block of ``path`` (create the file if needed), keep the prose around it."""
    block = f"{BEGIN}\n{header}\n\n{table}{END}"
    text = path.read_text(encoding="utf-8") if path.exists() else f"# Accuracy\n\n{BEGIN}\n{END}\n"
    if BEGIN in text and END in text:
        before, rest = text.split(BEGIN, 1)
        after = rest.split(END, 1)[1]
        text = before + block + after
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")
