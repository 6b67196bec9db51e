"""Self-contained HTML reports, one file per audited site.

A report is rendered only from the JSON form of an :class:`~auditor.models.AuditResult`
(``result.model_dump(mode="json")``), never from live objects, so a stored ``result.json`` can
be rendered again later and give the same report.

Everything a crawl brought back (page titles, excerpts, URLs, link texts, reasons) is treated
as hostile: templates are autoescaped and use no ``|safe`` on crawled data, links are only
made for ``http``/``https`` URLs (the :func:`safe_href` filter), and the page carries a
Content-Security-Policy that forbids scripts and any external load. The output has no
external assets (inline CSS, system fonts), so one file can be archived as case evidence.

Reports exist in every report language (``lang``: English and each catalog of ``auditor/locale``),
each language in its own file (:func:`report_file`), linked to the same report in the other
languages written from the same result (:func:`write_html_reports`). The templates write every label as
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
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from auditor.i18n import (
    DEFAULT_LANG,
    LANGS,
    N_,
    check_lang,
    country_name,
    format_day,
    format_number,
    format_share,
    format_utc_time,
    language_name,
    localized,
    plural_forms,
    ui,
)
from auditor.models import AuditResult
from auditor.reports.base import write_text_atomic
from auditor.reports.coverage import band_class, band_label, coverage_words, rank_group, ranking_label
from auditor.reports.site_view import site_view

__all__ = [
    "CATEGORY_SHORT",
    "OUTCOME_ORDER",
    "category_label",
    "category_short",
    "format_date",
    "format_score",
    "format_utc",
    "outcome_label",
    "render_site_html",
    "rendered_from",
    "report_file",
    "report_slug",
    "rule_descriptions",
    "safe_href",
    "site_report_names",
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


def format_utc(value: object, lang: str = DEFAULT_LANG) -> str:
    """An ISO 8601 timestamp from the JSON as ``lang`` writes a date and time, in UTC:
    ``4 Mar 2025, 09:15:00 UTC``, ``4 mars 2025 09:15:00 UTC``; ``—`` when absent.

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
    return format_utc_time(moment.astimezone(UTC), lang)


def format_date(value: object, lang: str = DEFAULT_LANG) -> str:
    """A date from the JSON (``2025-03-01``) as ``lang`` writes it: ``1 March 2025``,
    ``1 mars 2025``, ``1. März 2025``; ``—`` when absent; a string that is no date as it is."""
    if value is None or value == "":
        return "—"
    try:
        return format_day(value if isinstance(value, datetime | date) else str(value), lang)
    except ValueError:
        return str(value)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def format_score(value: object, lang: str = DEFAULT_LANG) -> str:
    """A 0-100 score as ``lang`` writes it: ``83``, ``82.5`` in English, ``82,5`` in Swedish;
    ``—`` for ``None``."""
    if not _is_number(value):
        return "—"
    return format_number(float(value), lang)  # type: ignore[arg-type]


def _number(value: object, lang: str) -> str:
    """Any number in the words of ``lang`` (at most two decimals); other values as they are."""
    return format_number(float(value), lang, digits=2) if _is_number(value) else str(value)  # type: ignore[arg-type]


def _percent(value: object, lang: str) -> str:
    """A share 0-1 as a percentage in ``lang``: ``94%``, ``94 %``; ``—`` for no number."""
    return format_share(float(value), lang) if _is_number(value) else "—"  # type: ignore[arg-type]


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


def severity_label(value: object, lang: str = DEFAULT_LANG) -> str:
    """A severity (``high``) in words: ``High`` / ``Hög``."""
    return _label(_SEVERITY_LABELS, value, lang, capitalize=True)


def change_label(value: object, lang: str = DEFAULT_LANG) -> str:
    """How a rule's outcome moved (``regressed``) in words: ``regressed`` / ``försämrad``."""
    return _label(_CHANGES, value, lang)


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


def _plural_translator(lang: str) -> Any:
    """The templates' ``ngettext``: ``ngettext("{n} site", "{n} sites", n)`` in ``lang``, the
    form ``lang`` uses for ``n``, with ``{n}`` (written in ``lang``'s way) and other
    placeholders filled and escaped as :func:`_translator` does."""

    def ngettext(singular: str, plural: str, n: int, **params: object) -> Markup:
        words = escape(plural_forms(lang, singular, plural, n))
        return words.format(**{"n": format_number(n, lang, digits=0), **params})

    return ngettext


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
    env.filters["utc"] = lambda value: format_utc(value, lang)
    env.filters["day"] = lambda value: format_date(value, lang)
    env.filters["score"] = lambda value: format_score(value, lang)
    env.filters["number"] = lambda value: _number(value, lang)
    env.filters["percent"] = lambda value: _percent(value, lang)
    env.filters["country"] = lambda code: country_name(str(code), lang)
    env.filters["bar_width"] = _bar_width
    env.filters["category_label"] = lambda value: category_label(value, lang)
    env.filters["category_short"] = lambda value: category_short(value, lang)
    env.filters["outcome_symbol"] = _outcome_symbol
    env.filters["outcome_label"] = lambda value: outcome_label(value, lang)
    env.filters["outcome_class"] = _outcome_class
    env.filters["severity_label"] = lambda value: severity_label(value, lang)
    env.filters["page_kind"] = lambda value: _label(_PAGE_KINDS, value, lang)
    env.filters["failure_kind"] = lambda value: _label(_FAILURE_KINDS, value, lang)
    env.filters["change_label"] = lambda value: change_label(value, lang)
    env.filters["banner_action"] = lambda value: _label(_BANNER_ACTIONS, value, lang)
    env.filters["localized"] = lambda obj, field: localized(obj, field, lang)
    env.filters["coverage_words"] = lambda site: coverage_words(site, lang)
    env.filters["band_label"] = lambda site: band_label(site, lang)
    env.filters["ranking_label"] = lambda site: ranking_label(site, lang)
    env.filters["band_class"] = band_class
    env.filters["rank_group"] = rank_group
    env.globals["_"] = _translator(lang)
    env.globals["ngettext"] = _plural_translator(lang)
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
_SHOT_PATH = re.compile(r"^screenshots/(run-[0-9]+/)?[a-z0-9-]+/[a-z0-9-]+\.(png|jpg)$")


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
        elif data.startswith(b"\xff\xd8\xff"):  # the full-page screenshots are JPEG
            out[path] = "data:image/jpeg;base64," + base64.b64encode(data).decode("ascii")
    return out


def render_site_html(
    site: dict[str, Any], run: dict[str, Any], assets_dir: Path | None = None, *, lang: str = DEFAULT_LANG,
    versions: Sequence[Mapping[str, str]] = (),
) -> str:
    """Render one site's self-contained HTML report from the JSON form of a result.

    ``run`` is ``AuditResult.model_dump(mode="json")`` (its ``schema_version``, ``tool``,
    ``generated_at`` and ``as_of`` go into the header and footer) and ``site`` one entry of
    ``run["sites"]``. Nothing but these dicts is read (the rules' descriptions come from
    ``run["rule_catalogue"]``), so a stored ``result.json`` renders the same report later.
    ``lang`` is the report language (:data:`auditor.i18n.LANGS`); ``versions`` the same report
    in other languages, linked from this one (:func:`language_versions`). Returns the complete
    HTML document.
    """
    check_lang(lang)
    rules = sorted(site.get("rules") or [], key=_rule_sort_key)
    template = _environment(lang).get_template(_TEMPLATE)
    shots = screenshot_uris(site, assets_dir)
    return template.render(
        site=site,
        run=run,
        rules=rules,
        outcome_counts=_outcome_counts(rules),
        shots=shots,
        descriptions=rule_descriptions(run, lang),
        **site_view(site, run, rules, shots, lang),
        versions=[version for version in versions if version.get("lang") != lang],
    )


def _with_name(site: dict[str, Any], names: Mapping[str, str] | None) -> dict[str, Any]:
    """The site's JSON with its name from the batch's site list (``name``), when it has one: what
    the report names the site by when the trader's own name was not found."""
    name = (names or {}).get(str(site.get("url", "")), "")
    return {**site, "name": name} if name else site


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


def report_file(name: str, lang: str, suffix: str = ".html") -> str:
    """The file of a report named ``name`` in ``lang``: ``name.html`` in the default language
    (the names reports always had), ``name.sv.html`` in another, so that a report in one
    language never overwrites another's. A name holds no dot (:func:`report_slug`), so no
    language's file can be another report's."""
    return f"{name}{suffix}" if lang == DEFAULT_LANG else f"{name}.{lang}{suffix}"


def site_report_names(result: AuditResult) -> list[str]:
    """Each site's report name, in the order of the sites: :func:`report_slug`, and ``-2``,
    ``-3``, ... after a slug an earlier site has, so that no report overwrites another."""
    used: set[str] = set()
    names: list[str] = []
    for site in result.sites:
        base = report_slug(site.url)
        name, n = base, 1
        while name in used:
            n += 1
            name = f"{base}-{n}"
        used.add(name)
        names.append(name)
    return names


#: Every report's mark of the result it was rendered from (in its ``<head>``).
_RESULT_MARK = re.compile(r'<meta name="auditor-result" content="([^"]*)">')


def rendered_from(path: Path, run: Mapping[str, Any]) -> bool:
    """Whether the report at ``path`` exists and was rendered from the result ``run`` (JSON
    form): its mark, the result's generation time, is the same."""
    try:
        with path.open(encoding="utf-8", errors="replace") as handle:
            head = handle.read(8192)
    except OSError:
        return False
    found = _RESULT_MARK.search(head)
    return found is not None and found.group(1) == str(escape(str(run.get("generated_at", ""))))


def language_versions(name: str, langs: Iterable[str], suffix: str = ".html") -> list[dict[str, str]]:
    """The links from one report to the same report in ``langs``: language code, its name in
    its own words, and the file (:func:`report_file`), in the order of :data:`LANGS`."""
    chosen = set(langs)
    return [{"lang": lang, "name": language_name(lang), "href": report_file(name, lang, suffix)}
            for lang in LANGS if lang in chosen]


def languages_written(out_dir: Path, name: str, run: Mapping[str, Any], lang: str, suffix: str = ".html") -> list[str]:
    """``lang`` and every other language whose report ``name`` is in ``out_dir`` already,
    rendered from the same result: the languages the report about to be written links to."""
    return [other for other in LANGS
            if other == lang or rendered_from(out_dir / report_file(name, other, suffix), run)]


def write_html_reports(
    result: AuditResult, out_dir: Path, assets_dir: Path | None = None, *, lang: str = DEFAULT_LANG,
    names: Mapping[str, str] | None = None,
) -> list[Path]:
    """Write one HTML report per site of ``result`` into ``out_dir`` in ``lang``; return the
    paths in order.

    Files are named after :func:`site_report_names` and :func:`report_file`: ``<slug>.html``
    in the default language, ``<slug>.<lang>.html`` in another, so that ``auditor report
    --lang sv`` leaves the English reports where they are. A report links to the same site's
    report in each other language that ``out_dir`` holds from the same result; those are
    rendered again with a link back (from the same result, so with the same content). Each
    report is rendered from ``result.model_dump(mode="json")`` by :func:`render_site_html`.
    """
    check_lang(lang)
    out_dir.mkdir(parents=True, exist_ok=True)
    run = result.model_dump(mode="json")
    assets = assets_dir or out_dir
    paths: list[Path] = []
    for site, name in zip(run["sites"], site_report_names(result), strict=True):
        langs = languages_written(out_dir, name, run, lang)
        versions = language_versions(name, langs)
        for each in sorted(langs, key=lambda other: other != lang):  # this language first
            path = out_dir / report_file(name, each)
            report = render_site_html(_with_name(site, names), run, assets, lang=each, versions=versions)
            write_text_atomic(path, report)
            if each == lang:
                paths.append(path)
    return paths
