"""``auditor ci``: the audit as a build gate for a shop's own pipeline.

Configuration lives in ``auditor.toml`` (top-level keys) or in ``pyproject.toml`` under
``[tool.auditor]``, found in the working directory or the nearest parent, or named with
``--config``. Keys are kebab-case, as in Ruff; an unknown key or a bad value is an error that
names the key (exit code 2). Command-line options override the file.

The gate, like Ruff and bandit: exit 0 when nothing counts, 1 when a finding at or above
``fail-on`` counts or the score is below ``fail-under``, 2 when the tool could not do its job
(bad configuration, site not audited, a rule that broke). A *finding* is a ``fail`` outcome
(and a ``partial`` one with ``fail-on-partial = true``). It does not count when a waiver
covers it (until the waiver expires: then it counts again and the reports say so), when its
severity is below ``fail-on``, or, with ``--baseline``, when the baseline already had it.
``needs_review`` never fails a build: the tool could not tell.
"""

from __future__ import annotations

import difflib
import fnmatch
import tomllib
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from auditor import registry, scoring
from auditor.i18n import check_lang
from auditor.models import (
    AuditResult,
    Finding,
    FindingState,
    Gate,
    Outcome,
    RuleOutcome,
    Severity,
    SiteResult,
    SiteStatus,
    WaiverInfo,
)
from auditor.profiles import jurisdictions
from auditor.web.urls import url_key

CONFIG_FILES = ("auditor.toml", "pyproject.toml")
CI_FORMATS = ("sarif", "junit", "markdown", "html", "json")
SEVERITY_RANK: dict[Severity, int] = {
    Severity.CRITICAL: 0, Severity.HIGH: 1, Severity.MEDIUM: 2, Severity.LOW: 3, Severity.INFO: 4,
}
FINDING_OUTCOMES = (Outcome.FAIL, Outcome.PARTIAL)


class ConfigError(Exception):
    """The configuration cannot be used; the message names the file and the key."""


class Waiver(BaseModel):
    """An accepted finding: which rule, on which URLs, why, and until when."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    rule: str = Field(description="Rule id, e.g. withdrawal-form.")
    url: str = Field(default="*", description="Glob over the site URL and the URLs of the finding's pages.")
    reason: str = Field(min_length=1, description="Why the finding is accepted (shown in every report).")
    expires: date = Field(description="Last day the waiver applies; after it the finding counts again.")

    @field_validator("rule")
    @classmethod
    def _known_rule(cls, value: str) -> str:
        return _check_rule_id(value)

    @field_validator("reason")
    @classmethod
    def _real_reason(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("a waiver needs a reason")
        return value.strip()

    def covers(self, site_url: str, outcome: RuleOutcome) -> bool:
        """Whether this waiver is for ``outcome``'s rule and its URL pattern matches the site or a page."""
        if self.rule != outcome.rule:
            return False
        urls = [site_url, *(e.url for e in outcome.evidence)]
        return any(fnmatch.fnmatchcase(url, self.url) or fnmatch.fnmatchcase(url_key(url), self.url) for url in urls)


class CiConfig(BaseModel):
    """``[tool.auditor]`` / ``auditor.toml``. Every key is optional."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    jurisdiction: str = Field(default="auto", description="auto, or a jurisdiction with a profile.")
    fail_under: float | None = Field(default=None, alias="fail-under", ge=0, le=100)
    fail_on: Severity = Field(default=Severity.HIGH, alias="fail-on")
    fail_on_partial: bool = Field(default=False, alias="fail-on-partial")
    max_pages: int = Field(default=30, alias="max-pages", ge=1, le=10_000)
    max_depth: int = Field(default=4, alias="max-depth", ge=1, le=20)
    render: Literal["auto", "always", "never"] = "auto"
    site_timeout: float = Field(default=180.0, alias="site-timeout", gt=0)
    skip: tuple[str, ...] = ()
    lang: str = Field(default="en", description="A report language: en, or one with a catalog in auditor/locale.")
    format: tuple[str, ...] = ("sarif", "junit", "markdown", "html", "json")
    output: str = "audit-reports"
    allow_private: bool | None = Field(
        default=None, alias="allow-private",
        description="Fetch private addresses; default: only when the URL itself is a local or private address.",
    )
    waivers: tuple[Waiver, ...] = ()

    @field_validator("jurisdiction")
    @classmethod
    def _known_jurisdiction(cls, value: str) -> str:
        choices = ("auto", *jurisdictions())
        if value not in choices:
            raise ValueError("Input should be " + ", ".join(repr(c) for c in choices[:-1]) + f" or {choices[-1]!r}")
        return value

    @field_validator("lang")
    @classmethod
    def _known_lang(cls, value: str) -> str:
        return check_lang(value)

    @field_validator("skip")
    @classmethod
    def _known_rules(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for rule_id in value:
            _check_rule_id(rule_id)
        return value

    @field_validator("format")
    @classmethod
    def _known_formats(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        unknown = [f for f in value if f not in CI_FORMATS]
        if unknown:
            raise ValueError(f"unknown format {unknown[0]!r}; choose from {', '.join(CI_FORMATS)}")
        if not value:
            raise ValueError("give at least one format")
        return value

    @model_validator(mode="after")
    def _waivers_not_skipped(self) -> CiConfig:
        for waiver in self.waivers:
            if waiver.rule in self.skip:
                raise ValueError(f"waiver for {waiver.rule!r}, which skip leaves out: remove one of them")
        return self


def _check_rule_id(value: str) -> str:
    known = {rule.meta.id for rule in registry.all_rules()}
    if value not in known:
        close = difflib.get_close_matches(value, sorted(known), n=3, cutoff=0.6)
        hint = f" (did you mean {', '.join(close)}?)" if close else " (see `auditor rules`)"
        raise ValueError(f"unknown rule {value!r}{hint}")
    return value


# --------------------------------------------------------------------------- loading


def find_config(start: Path) -> Path | None:
    """``auditor.toml``, or a ``pyproject.toml`` with ``[tool.auditor]``, in ``start`` or the nearest parent."""
    for folder in (start.resolve(), *start.resolve().parents):
        own = folder / "auditor.toml"
        if own.is_file():
            return own
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            try:
                data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
                return pyproject  # let load_config report what is wrong with it
            if "auditor" in data.get("tool", {}):
                return pyproject
        if (folder / ".git").exists():
            break
    return None


def load_config(path: Path | None) -> tuple[CiConfig, Path | None]:
    """The configuration in ``path`` (None: defaults). Raises ConfigError naming file and key."""
    if path is None:
        return CiConfig(), None
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such configuration file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot be read: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    section = ""
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        if "auditor" not in tool:
            raise ConfigError(f"{path}: has no [tool.auditor] table")
        data, section = tool["auditor"], "[tool.auditor]"
        if not isinstance(data, dict):
            raise ConfigError(f"{path}: [tool.auditor] must be a table")
    try:
        return CiConfig.model_validate(data), path
    except ValidationError as exc:
        raise ConfigError(_explain(exc, path, section)) from None


def _explain(exc: ValidationError, path: Path, section: str) -> str:
    """Pydantic's errors in words that name the key, one line each."""
    lines = []
    for error in exc.errors():
        key = _key_name(error["loc"])
        if error["type"] == "extra_forbidden":
            known = ", ".join(_known_keys(error["loc"]))
            where = f" in {section}" if section else ""
            lines.append(f"{path}: unknown key {key!r}{where}; known keys: {known}")
            continue
        got = error.get("input")
        shown = "" if isinstance(got, dict | list) or got is None else f" (got {got!r})"
        message = str(error["msg"]).removeprefix("Value error, ")
        lines.append(f"{path}: {section + ' ' if section else ''}{key or 'configuration'}: {message}{shown}")
    return "\n".join(lines)


def _key_name(loc: Sequence[int | str]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _known_keys(loc: Sequence[int | str]) -> list[str]:
    model: type[BaseModel] = Waiver if "waivers" in loc else CiConfig
    return [info.alias or name for name, info in model.model_fields.items()]


# --------------------------------------------------------------------------- waivers and the gate


def apply_waivers(result: AuditResult, waivers: Sequence[Waiver], as_of: date) -> AuditResult:
    """The result with each finding a waiver covers marked (``RuleOutcome.waiver``); a waiver
    whose expiry date is before ``as_of`` is marked expired and no longer excuses the finding."""
    if not waivers:
        return result
    sites = []
    for site in result.sites:
        rules = []
        for outcome in site.rules:
            match = next((w for w in waivers if outcome.outcome in FINDING_OUTCOMES and w.covers(site.url, outcome)),
                         None)
            if match is not None:
                outcome = outcome.model_copy(update={"waiver": WaiverInfo(
                    url=match.url, reason=match.reason, expires=match.expires, expired=match.expires < as_of)})
            rules.append(outcome)
        sites.append(site.model_copy(update={"rules": rules}))
    return result.model_copy(update={"sites": sites})


def gate_score(site: SiteResult) -> float | None:
    """The score ``fail-under`` is compared with: waived findings are left out of it."""
    kept = [o for o in site.rules if o.waiver is None or o.waiver.expired]
    return scoring.weighted_score(kept)


def decide(result: AuditResult, config: CiConfig, baseline: AuditResult | None = None) -> Gate:
    """Classify every finding of ``result`` (already through :func:`apply_waivers`)."""
    gate = Gate(config=config, baseline_used=baseline is not None)
    threshold = SEVERITY_RANK[config.fail_on]
    counted = {Outcome.FAIL, Outcome.PARTIAL} if config.fail_on_partial else {Outcome.FAIL}
    for site in result.sites:
        if site.status != SiteStatus.AUDITED:
            gate.problems.append(f"{site.url} was not audited: {site.reason}")
            continue
        before = _baseline_failures(baseline, site, len(result.sites))
        for outcome in site.rules:
            if outcome.outcome == Outcome.ERROR:
                gate.problems.append(f"{site.url}: rule {outcome.rule} broke: {outcome.message}")
            if outcome.outcome not in FINDING_OUTCOMES:
                continue
            state: FindingState
            if outcome.waiver is not None and not outcome.waiver.expired:
                state = "waived"
            elif before is not None and outcome.rule in before:
                state = "in_baseline"
            elif outcome.outcome not in counted:
                state = "partial"
            elif SEVERITY_RANK[outcome.severity] > threshold:
                state = "below_threshold"
            else:
                state = "counts"
            finding = Finding(site, outcome, state)
            gate.findings.append(finding)
            if outcome.waiver is not None and outcome.waiver.expired:
                gate.expired.append(finding)
        if before is not None:
            now = {o.rule for o in site.rules if o.outcome in FINDING_OUTCOMES}
            gate.fixed.extend((site, rule) for rule in sorted(before - now))
        if config.fail_under is not None:
            score = gate_score(site)
            if score is None:
                gate.problems.append(f"{site.url}: no rule could be decided, so fail-under cannot be checked")
            elif score < config.fail_under:
                gate.low_scores.append((site, score))
    return gate


def _baseline_failures(baseline: AuditResult | None, site: SiteResult, sites: int) -> set[str] | None:
    """Rules failing (or partial) for ``site`` in the baseline; the one site of a one-site
    baseline matches the one site audited even under another URL (staging vs. production)."""
    if baseline is None:
        return None
    audited = [s for s in baseline.sites if s.status == SiteStatus.AUDITED]
    match = None
    if len(audited) == 1 and sites == 1:
        match = audited[0]
    else:
        match = next((s for s in audited if url_key(s.url) == url_key(site.url)), None)
    if match is None:
        return set()
    return {o.rule for o in match.rules if o.outcome in FINDING_OUTCOMES}


def load_baseline(path: Path) -> AuditResult:
    """A result.json written earlier by audit, demo, batch or ci."""
    try:
        return AuditResult.model_validate_json(path.read_bytes())
    except FileNotFoundError:
        raise ConfigError(f"--baseline {path}: no such file") from None
    except (OSError, ValueError) as exc:
        raise ConfigError(f"--baseline {path}: not a result.json of auditor: {str(exc).splitlines()[0]}") from None


def rules_to_run(config: CiConfig) -> list[Any]:
    """The rule classes to run: all but ``skip``."""
    return [rule for rule in registry.all_rules() if rule.meta.id not in config.skip]
