"""Self-contained HTML reports, one file per audited site.

A report is rendered only from the JSON form of an :class:`~auditor.models.AuditResult`
(``result.model_dump(mode="json")``), never from live objects, so a stored ``result.json`` can
be rendered again later and give the same report.

Everything a crawl brought back (page titles, excerpts, URLs, link texts, reasons) is treated
as hostile: templates are autoescaped and use no ``|safe`` on crawled data, links are only
made for ``http``/``https`` URLs (the :func:`safe_href` filter), and the page carries a
Content-Security-Policy that forbids scripts and any external load. The output has no
external assets (inline CSS, system fonts), so one file can be archived as case evidence.

Reports exist in English and Swedish (``lang="en"|"sv"``). The templates write every label as
``{{ _("Score") }}``: the English words are the msgid in the gettext catalogs of
``auditor/locale`` (:func:`auditor.i18n.ui`; docs/translating.md). ``_`` escapes the catalog's
words and fills ``{name}`` placeholders with escaped values, so a placeholder may hold a macro's
(already escaped) markup, such as a link, but never raw text from the result. Rule titles,
messages and evidence notes come from the result's ``*_i18n`` fields, rule descriptions from its
``rule_catalogue`` (the words the rules had when the result was made; a result older than the
catalogue shows none).
"""

from __future__ import annotations

import base64
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from auditor.i18n import DEFAULT_LANG, N_, check_lang, localized, ui
from auditor.models import AuditResult
from auditor.reports.base import write_text_atomic
from auditor.reports.coverage import band_class, band_label, coverage_words, rank_group, ranking_label

__all__ = [
    "CATEGORY_SHORT",
    "OUTCOME_ORDER",
    "category_label",
    "category_short",
    "format_score",
    "format_utc",
    "outcome_label",
    "render_site_html",
    "report_slug",
    "rule_descriptions",
    "safe_href",
    "write_html_reports",
]


#: Order in which rules are listed: what needs attention first.
OUTCOME_ORDER: tuple[str, ...] = ("fail", "partial", "needs_review", "error", "pass", "not_applicable")

#: Badge text per outcome; the symbol is decorative, the word carries the meaning.
OUTCOME_LABELS: dict[str, tuple[str, str]] = {
    "pass": ("✔", N_("Pass")),
    "partial": ("◐", N_("Partial")),
    "fail": ("✘", N_("Fail")),
    "needs_review": ("?", N_("Needs review")),
    "not_applicable": ("–", N_("Not applicable")),
    "error": ("!", N_("Error")),
}

_SEVERITY_ORDER: dict[str, int] = {"critical": 0, "high": 1, "medium": 2, "low": 3, "info": 4}

_SEVERITY_LABELS: dict[str, str] = {
    "critical": N_("Critical"),
    "high": N_("High"),
    "medium": N_("Medium"),
    "low": N_("Low"),
    "info": N_("Info"),
}

_CATEGORY_LABELS: dict[str, str] = {
    "contact": N_("Contact details"),
    "complaints": N_("Complaints"),
    "withdrawal": N_("Right of withdrawal"),
    "channels": N_("Channels"),
}

#: Short category names for table columns (batch index, terminal).
CATEGORY_SHORT: dict[str, str] = {
    "contact": N_("Contact"),
    "complaints": N_("Complaints"),
    "withdrawal": N_("Withdrawal"),
    "channels": N_("Channels"),
}

#: Page kinds as the crawl table lists them.
_PAGE_KINDS: dict[str, str] = {
    "home": N_("home"),
    "contact": N_("contact"),
    "customer_service": N_("customer service"),
    "imprint": N_("imprint"),
    "about": N_("about"),
    "terms": N_("terms"),
    "returns": N_("returns"),
    "complaints": N_("complaints"),
    "privacy": N_("privacy"),
    "other": N_("other"),
}

#: Why a URL could not be read (``FetchFailure.kind``).
_FAILURE_KINDS: dict[str, str] = {
    "robots": N_("blocked by robots.txt"),
    "http_status": N_("HTTP status"),
    "network": N_("network"),
    "timeout": N_("timeout"),
    "not_html": N_("not HTML"),
    "not_saved": N_("not saved"),
    "other": N_("other"),
}

#: How a rule's outcome moved since the previous audit (``RuleChange.change``).
_CHANGES: dict[str, str] = {
    "fixed": N_("fixed"),
    "regressed": N_("regressed"),
    "changed": N_("changed"),
    "new": N_("new"),
}

#: What the browser did about a cookie banner (``BannerInfo.action``).
_BANNER_ACTIONS: dict[str, str] = {"rejected": N_("rejected"), "closed": N_("closed")}

_TEMPLATE = "site.html.j2"
# Characters browsers drop from URLs before parsing them (tabs, newlines, other C0 controls).
_URL_NOISE = re.compile(r"[\x00-\x20\x7f]")
_SLUG_JUNK = re.compile(r"[^a-z0-9]+")
_SLUG_MAX = 80


# --------------------------------------------------------------------------- filters


def safe_href(url: object) -> str:
    """The URL if it may be put in an ``href`` (absolute ``http``/``https``), else ``""``.

    ``javascript:``, ``data:``, relative and malformed URLs all give ``""``; templates then
    render the URL as plain (escaped) text without a link. The returned string still goes
    through autoescaping in the attribute.
    """
    if not isinstance(url, str):
        return ""
    cleaned = _URL_NOISE.sub("", url)
    try:
        parts = urlsplit(cleaned)
    except ValueError:
        return ""
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        return ""
    return cleaned


def format_utc(value: object) -> str:
    """An ISO 8601 timestamp from the JSON as ``YYYY-MM-DD HH:MM:SS UTC``; ``—`` when absent.

    Naive timestamps are taken as UTC (the crawler records UTC); a string that does not parse
    is shown as it is.
    """
    if value is None or value == "":
        return "—"
    if isinstance(value, datetime):
        moment = value
    else:
        text = str(value)
        try:
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            return text
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def format_score(value: object) -> str:
    """A 0-100 score as text: ``83`` or ``82.5``; ``—`` for ``None``."""
    if value is None or isinstance(value, bool) or not isinstance(value, int | float):
        return "—"
    number = round(float(value), 1)
    return f"{number:.0f}" if number.is_integer() else f"{number:.1f}"


def _bar_width(value: object) -> str:
    """CSS width of a score bar, clamped to 0-100 %; only ever digits and a dot."""
    if value is None or isinstance(value, bool) or not isinstance(value, int | float):
        return "0"
    return f"{min(100.0, max(0.0, float(value))):.1f}"


def _label(table: Mapping[str, str], value: object, lang: str, *, capitalize: bool = False) -> str:
    """A coded value (``needs_review``) in words of ``lang``; unknown codes as they are, readable."""
    text = str(value)
    if text in table:
        return ui(table[text], lang)
    text = text.replace("_", " ")
    return text.capitalize() if capitalize else text


def category_label(value: object, lang: str = DEFAULT_LANG) -> str:
    """A category (``withdrawal``) as a heading: ``Right of withdrawal`` / ``Ångerrätt``."""
    return _label(_CATEGORY_LABELS, value, lang, capitalize=True)


def category_short(value: object, lang: str = DEFAULT_LANG) -> str:
    """A category as a column heading: ``Withdrawal`` / ``Ångerrätt``."""
    return _label(CATEGORY_SHORT, value, lang, capitalize=True)


def outcome_label(value: object, lang: str = DEFAULT_LANG) -> str:
    """An outcome (``needs_review``) in words: ``Needs review`` / ``Behöver granskas``."""
    labels = {key: word for key, (_, word) in OUTCOME_LABELS.items()}
    return _label(labels, value, lang, capitalize=True)


def _outcome_symbol(value: object) -> str:
    return OUTCOME_LABELS.get(str(value), ("•", ""))[0]


def rule_descriptions(run: Mapping[str, Any], lang: str = DEFAULT_LANG) -> dict[str, str]:
    """Why each rule matters, by rule id, from the result's ``rule_catalogue`` (its JSON form), in
    ``lang``; English where a rule has no translation. A rule the catalogue does not hold (a
    result made before it existed) has none: the report never shows today's words for an old
    verdict."""
    return {
        str(info.get("id")): localized(info, "description", lang)
        for info in run.get("rule_catalogue") or []
        if isinstance(info, Mapping)
    }


def _outcome_class(value: object) -> str:
    """CSS class suffix for an outcome; unknown outcomes share a neutral style."""
    text = str(value)
    return text if text in OUTCOME_LABELS else "unknown"


# --------------------------------------------------------------------------- environment


def _translator(lang: str) -> Any:
    """The templates' ``_``: ``_("Score")`` or ``_("{n} rules", n=3)`` in ``lang``, as Markup.

    The catalogue's words are escaped like any text; placeholder values are escaped unless they
    are already Markup (the output of a template macro, itself autoescaped).
    """

    def gettext(text: str, **params: object) -> Markup:
        words = escape(ui(text, lang))
        return words.format(**params) if params else words

    return gettext


@lru_cache(maxsize=4)
def _environment(lang: str = DEFAULT_LANG) -> Environment:
    """The Jinja environment of one report language: package templates, autoescape everywhere,
    strict undefined, and ``_`` and the label filters bound to ``lang``."""
    check_lang(lang)
    env = Environment(
        loader=PackageLoader("auditor", "reports/templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["safe_href"] = safe_href
    env.filters["utc"] = format_utc
    env.filters["score"] = format_score
    env.filters["bar_width"] = _bar_width
    env.filters["category_label"] = lambda value: category_label(value, lang)
    env.filters["category_short"] = lambda value: category_short(value, lang)
    env.filters["outcome_symbol"] = _outcome_symbol
    env.filters["outcome_label"] = lambda value: outcome_label(value, lang)
    env.filters["outcome_class"] = _outcome_class
    env.filters["severity_label"] = lambda value: _label(_SEVERITY_LABELS, value, lang, capitalize=True)
    env.filters["page_kind"] = lambda value: _label(_PAGE_KINDS, value, lang)
    env.filters["failure_kind"] = lambda value: _label(_FAILURE_KINDS, value, lang)
    env.filters["change_label"] = lambda value: _label(_CHANGES, value, lang)
    env.filters["banner_action"] = lambda value: _label(_BANNER_ACTIONS, value, lang)
    env.filters["localized"] = lambda obj, field: localized(obj, field, lang)
    env.filters["coverage_words"] = lambda site: coverage_words(site, lang)
    env.filters["band_label"] = lambda site: band_label(site, lang)
    env.filters["ranking_label"] = lambda site: ranking_label(site, lang)
    env.filters["band_class"] = band_class
    env.filters["rank_group"] = rank_group
    env.globals["_"] = _translator(lang)
    env.globals["lang"] = lang
    return env


def _rule_sort_key(rule: Mapping[str, Any]) -> tuple[int, int, str]:
    outcome = str(rule.get("outcome", ""))
    rank = OUTCOME_ORDER.index(outcome) if outcome in OUTCOME_ORDER else len(OUTCOME_ORDER)
    return (rank, _SEVERITY_ORDER.get(str(rule.get("severity", "")), 9), str(rule.get("rule", "")))


def _outcome_counts(rules: Iterable[Mapping[str, Any]]) -> list[tuple[str, int]]:
    """Count per outcome, every known outcome listed (zeros included), unknown ones last."""
    counts = Counter(str(rule.get("outcome", "")) for rule in rules)
    listed = [(outcome, counts.get(outcome, 0)) for outcome in OUTCOME_ORDER]
    listed += [(outcome, n) for outcome, n in sorted(counts.items()) if outcome not in OUTCOME_ORDER]
    return listed


# --------------------------------------------------------------------------- public API


#: A screenshot larger than this is linked by file name instead of embedded.
MAX_INLINE_BYTES = 4 * 1024 * 1024
_SHOT_PATH = re.compile(r"^screenshots/(run-[0-9]+/)?[a-z0-9-]+/[a-z0-9-]+\.png$")


def screenshot_uris(site: dict[str, Any], assets_dir: Path | None) -> dict[str, str]:
    """``data:`` URIs of the site's screenshots (paths relative to ``assets_dir``), so the report
    stays one self-contained file. Only paths of the form the runner writes are read: a
    result.json from elsewhere cannot make the report embed an arbitrary file."""
    if assets_dir is None:
        return {}
    paths: set[str] = set()
    crawl = site.get("crawl") or {}
    for page in crawl.get("pages") or []:
        if page.get("screenshot"):
            paths.add(str(page["screenshot"]))
    for rule in site.get("rules") or []:
        for ev in rule.get("evidence") or []:
            if ev.get("screenshot"):
                paths.add(str(ev["screenshot"]))
    out: dict[str, str] = {}
    for path in sorted(paths):
        if not _SHOT_PATH.match(path):
            continue
        file = assets_dir / path
        try:
            if file.stat().st_size > MAX_INLINE_BYTES:
                continue
            data = file.read_bytes()
        except OSError:
            continue
        if data.startswith(b"\x89PNG"):
            out[path] = "data:image/png;base64," + base64.b64encode(data).decode("ascii")
    return out


def render_site_html(
    site: dict[str, Any], run: dict[str, Any], assets_dir: Path | None = None, *, lang: str = DEFAULT_LANG
) -> str:
    """Render one site's self-contained HTML report from the JSON form of a result.

    ``run`` is ``AuditResult.model_dump(mode="json")`` (its ``schema_version``, ``tool``,
    ``generated_at`` and ``as_of`` go into the header and footer) and ``site`` one entry of
    ``run["sites"]``. Nothing but these dicts is read (the rules' descriptions come from
    ``run["rule_catalogue"]``), so a stored ``result.json`` renders the same report later.
    ``lang`` is the report language, ``"en"`` or ``"sv"``. Returns the complete HTML document.
    """
    check_lang(lang)
    rules = sorted(site.get("rules") or [], key=_rule_sort_key)
    template = _environment(lang).get_template(_TEMPLATE)
    shots = screenshot_uris(site, assets_dir)
    page_shots = {str(p.get("screenshot")) for p in (site.get("crawl") or {}).get("pages") or [] if p.get("screenshot")}
    return template.render(
        site=site,
        run=run,
        rules=rules,
        outcome_counts=_outcome_counts(rules),
        shots=shots,
        shot_ids={path: f"shot-{n}" for n, path in enumerate(sorted(shots), start=1)},
        page_shots=page_shots,
        descriptions=rule_descriptions(run, lang),
    )


def report_slug(url: str) -> str:
    """A file-name-safe slug of a site URL: ``http://127.0.0.2:8001/`` → ``127-0-0-2-8001``.

    The scheme is dropped; host, port and path are lower-cased and every run of other
    characters becomes one ``-``. Only ``[a-z0-9-]`` remain, at most 80 characters; ``site``
    when nothing is left.
    """
    text = url.strip().lower()
    text = re.sub(r"^[a-z][a-z0-9+.-]*://", "", text)
    slug = _SLUG_JUNK.sub("-", text).strip("-")[:_SLUG_MAX].strip("-")
    return slug or "site"


def write_html_reports(
    result: AuditResult, out_dir: Path, assets_dir: Path | None = None, *, lang: str = DEFAULT_LANG
) -> list[Path]:
    """Write one HTML report per site of ``result`` into ``out_dir``; return the paths in order.

    Files are named ``<slug>.html`` after :func:`report_slug`; when two sites give the same
    slug, later ones get ``-2``, ``-3``, ... so that no report overwrites another. Each report
    is rendered from ``result.model_dump(mode="json")`` by :func:`render_site_html`, in
    ``lang`` (``"en"`` or ``"sv"``).
    """
    check_lang(lang)
    out_dir.mkdir(parents=True, exist_ok=True)
    run = result.model_dump(mode="json")
    used: set[str] = set()
    paths: list[Path] = []
    for site in run["sites"]:
        base = report_slug(str(site["url"]))
        name, n = base, 1
        while name in used:
            n += 1
            name = f"{base}-{n}"
        used.add(name)
        path = out_dir / f"{name}.html"
        write_text_atomic(path, render_site_html(site, run, assets_dir or out_dir, lang=lang))
        paths.append(path)
    return paths
