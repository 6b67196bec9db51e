"""What a score rests on, in words: the words every report shows beside a site's score.

A score alone hides what was not judged ("73.7" over 11 of 19 rules, 8 of them in review), so
the site report's score box, the batch index and the terminal summary all say, from the
site's :class:`~auditor.models.Coverage` in the result: over how many of the rules that apply
the score was made, how many need review or could not be run, the score's band, and whether it
is incomplete (shown, never ranked). The thresholds are the result's own (``min_share``) and
the bands the scoring module's, as the result records them: the reports decide nothing.

Everything takes the JSON form of a site (``SiteResult.model_dump(mode="json")``, what the
templates get) or the model itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from auditor.i18n import N_, format_number, format_share, ui, ui_plural

__all__ = [
    "BAND_LABELS",
    "RANK_GROUPS",
    "band_class",
    "band_label",
    "band_legend",
    "coverage_of",
    "coverage_words",
    "rank_group",
    "ranking_label",
]

#: A band's name as a report shows it beside the score; colour is never the only cue.
BAND_LABELS: dict[str, str] = {
    "high": N_("High score"),
    "middle": N_("Middle score"),
    "low": N_("Low score"),
    "incomplete": N_("Incomplete"),
}

#: Where a site stands in a ranking: ranked first, then incomplete scores, then sites without
#: a score, then sites not audited (the sort order of the batch index's score column).
RANK_GROUPS: dict[str, int] = {"ranked": 0, "incomplete": 1, "no_score": 2, "not_audited": 3}

#: The band bounds as ``auditor/scoring.py`` applies them (high from 80, middle from 50), for
#: the legend: a result records each site's band, not the bounds.
_HIGH, _MIDDLE = 80.0, 50.0


def _get(obj: Mapping[str, Any] | object, name: str) -> Any:
    return obj.get(name) if isinstance(obj, Mapping) else getattr(obj, name, None)


def coverage_of(site: Mapping[str, Any] | object) -> dict[str, Any] | None:
    """The site's coverage as a plain dict (its JSON form), or None: a site not audited, or a
    result written before coverage existed (schema 1.6) and not completed when read."""
    coverage = _get(site, "coverage")
    if coverage is None:
        return None
    if isinstance(coverage, Mapping):
        return dict(coverage)
    dumped: dict[str, Any] = coverage.model_dump(mode="json")
    return dumped


def rank_group(site: Mapping[str, Any] | object) -> str:
    """``ranked``, ``incomplete``, ``no_score`` or ``not_audited`` (:data:`RANK_GROUPS`)."""
    status = _get(site, "status")
    if str(getattr(status, "value", status)) != "audited":
        return "not_audited"
    if _get(site, "score") is None:
        return "no_score"
    coverage = coverage_of(site)
    # A result that does not record its coverage (written by other code than the CLI's, which
    # completes 1.6 results when it reads them) is shown as before coverage existed.
    return "incomplete" if coverage is not None and coverage.get("incomplete") else "ranked"


def band_label(site: Mapping[str, Any] | object, lang: str) -> str:
    """The band beside a site's score (``High score``), ``Incomplete`` for a score not ranked,
    ``""`` without a score."""
    group = rank_group(site)
    if group == "incomplete":
        return ui(BAND_LABELS["incomplete"], lang)
    if group != "ranked":
        return ""
    band = str((coverage_of(site) or {}).get("band") or "")
    return ui(BAND_LABELS[band], lang) if band in BAND_LABELS else ""


def band_class(site: Mapping[str, Any] | object) -> str:
    """CSS class suffix of the site's score: its band, ``incomplete`` or ``none``."""
    group = rank_group(site)
    if group == "ranked":
        band = str((coverage_of(site) or {}).get("band") or "")
        return band if band in BAND_LABELS else "none"
    return "incomplete" if group == "incomplete" else "none"


def coverage_words(site: Mapping[str, Any] | object, lang: str) -> str:
    """``Score over 11 of 19 rules that apply; 8 need review; 1 could not be checked`` in
    ``lang``; ``""`` when the result does not say (a site not audited, an old result)."""
    coverage = coverage_of(site)
    if coverage is None:
        return ""
    outcomes = coverage.get("outcomes") or {}
    parts = [ui_plural("Score over {decided} of {n} rule that applies", "Score over {decided} of {n} rules that apply",
                       int(coverage.get("applicable") or 0), lang, decided=int(coverage.get("decided") or 0))]
    review = int(outcomes.get("needs_review") or 0)
    if review:
        parts.append(ui_plural("{n} needs review", "{n} need review", review, lang))
    errors = int(outcomes.get("error") or 0)
    if errors:
        parts.append(ui_plural("{n} could not be checked", "{n} could not be checked", errors, lang))
    return "; ".join(parts)


def ranking_label(site: Mapping[str, Any] | object, lang: str) -> str:
    """Why an incomplete score is not ranked, in ``lang``: ``Less than 75% of the rules' weight
    was decided: not ranked``; ``""`` for any other site."""
    if rank_group(site) != "incomplete":
        return ""
    coverage = coverage_of(site) or {}
    return ui("Less than {share} of the rules' weight was decided: not ranked", lang,
              share=format_share(float(coverage.get("min_share") or 0.0), lang))


def band_legend(lang: str, min_share: float) -> list[tuple[str, str, str]]:
    """(CSS class, band name, what it means) of every band and of incomplete, in ``lang``."""
    high, middle = format_number(_HIGH, lang), format_number(_MIDDLE, lang)
    return [
        ("high", ui(BAND_LABELS["high"], lang), ui("{bound} or more", lang, bound=high)),
        ("middle", ui(BAND_LABELS["middle"], lang), ui("{low} to under {high}", lang, low=middle, high=high)),
        ("low", ui(BAND_LABELS["low"], lang), ui("under {bound}", lang, bound=middle)),
        ("incomplete", ui(BAND_LABELS["incomplete"], lang),
         ui("less than {share} of the rules' weight decided; shown, not ranked", lang,
            share=format_share(min_share, lang))),
    ]
