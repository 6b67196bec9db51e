"""What the site report shows, worked out from the JSON form of a result before the template
lays it out: who the trader is, the counts the summary states, each rule's evidence split into
what was seen and where nothing was found, the marks that outline an element on its page's
screenshot and on its own crop, and each rule's "how to fix" and catalogue page.

Everything here reads the result's dicts only (``SiteResult.model_dump(mode="json")`` and the
run's ``rule_catalogue``), like the template, so a stored ``result.json`` gives the same report
later. Nothing is escaped here: the template escapes every value it writes.
"""

from __future__ import annotations

import base64
import struct
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from auditor import rule_page
from auditor.i18n import localized
from auditor.web.urls import url_key

__all__ = ["SEARCHED_NOTE", "image_size", "is_searched", "png_size", "site_view"]

#: The note rules gave evidence of absence before results marked it (``Evidence.searched``):
#: such a result quotes the page's title as an excerpt, which the report does not show.
SEARCHED_NOTE = "searched, not found here"

#: Outcomes whose rules are folded by default: nothing for the reader to act on.
FOLDED = frozenset({"pass", "not_applicable"})
#: Outcomes that show "how to fix".
TO_FIX = frozenset({"fail", "partial"})
#: Outcomes the summary counts as not decided by the tool.
UNDECIDED = frozenset({"needs_review", "error"})
#: A crop is never shown smaller than this share of its size (a phone scrolls it sideways).
MIN_SCALE = 0.7


def is_searched(evidence: Mapping[str, Any]) -> bool:
    """Evidence of absence: a page read that does not show what the rule looks for."""
    if evidence.get("searched"):
        return True
    return evidence.get("note") == SEARCHED_NOTE and not evidence.get("locator")


def png_size(uri: str) -> tuple[int, int] | None:
    """Width and height of a PNG or JPEG given as a ``data:`` URI, from its header; None if it
    is neither (the full-page screenshots are JPEG, the crops PNG)."""
    try:
        data = base64.b64decode(uri.partition(",")[2][:4096])
    except ValueError:
        return None
    return image_size(data)


def image_size(data: bytes) -> tuple[int, int] | None:
    """Width and height of a PNG or JPEG from its first bytes; None if they do not say."""
    if data.startswith(b"\x89PNG") and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return (width, height) if width and height else None
    if not data.startswith(b"\xff\xd8"):
        return None
    at = 2
    while at + 9 <= len(data) and data[at] == 0xFF:
        marker = data[at + 1]
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:  # markers without a length
            at += 2
            continue
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):  # a start of frame
            height, width = struct.unpack(">HH", data[at + 5:at + 9])
            return (width, height) if width and height else None
        at += 2 + struct.unpack(">H", data[at + 2:at + 4])[0]
    return None


def _percent(part: float, whole: float) -> float:
    return round(min(100.0, max(0.0, part / whole * 100)), 3) if whole else 0.0


def _mark(box: Sequence[float], origin: Sequence[float], size: tuple[float, float]) -> dict[str, float] | None:
    """Where ``box`` (x, y, width, height on the page) is on a picture of the page area starting
    at ``origin`` of ``size``, in percent of the picture; None when it lies outside."""
    if len(box) != 4 or len(origin) < 2:
        return None
    width, height = size
    x, y = box[0] - origin[0], box[1] - origin[1]
    if x >= width or y >= height or x + box[2] <= 0 or y + box[3] <= 0:
        return None
    return {"left": _percent(x, width), "top": _percent(y, height),
            "width": _percent(min(box[2], width - max(x, 0)), width),
            "height": _percent(min(box[3], height - max(y, 0)), height)}


def _catalogue(run: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    return {str(info.get("id")): info for info in run.get("rule_catalogue") or [] if isinstance(info, Mapping)}


def site_view(
    site: Mapping[str, Any], run: Mapping[str, Any], rules: Sequence[Mapping[str, Any]],
    shots: Mapping[str, str], lang: str,
) -> dict[str, Any]:
    """The template's variables beyond the result itself (see the module docstring).

    ``rules`` are the site's rule outcomes in the order the report lists them (``#rule-1`` is the
    first), ``shots`` the screenshots embedded (path → ``data:`` URI)."""
    catalogue = _catalogue(run)
    pages = [p for p in (site.get("crawl") or {}).get("pages") or [] if isinstance(p, Mapping)]
    page_of = {url_key(str(p.get("url", ""))): p for p in pages}
    sizes = {path: size for path, uri in shots.items() if (size := png_size(uri)) is not None}
    shot_ids = {path: f"shot-{n}" for n, path in enumerate(sorted(shots), start=1)}
    page_shots = {str(p["screenshot"]) for p in pages if p.get("screenshot")}
    marks: dict[str, list[dict[str, Any]]] = {}
    views: list[dict[str, Any]] = []
    searched_by: dict[int, list[str]] = {}
    for index, rule in enumerate(rules, start=1):
        found: list[dict[str, Any]] = []
        searched: list[str] = []
        for n, ev in enumerate(rule.get("evidence") or [], start=1):
            if is_searched(ev):
                searched.append(str(ev.get("url", "")))
                continue
            found.append(_evidence(ev, (f"ev-{index}-{n}", index), page_of, shots, sizes, shot_ids, page_shots, marks))
        if searched:
            searched_by[index] = list(dict.fromkeys(searched))
        info = catalogue.get(str(rule.get("rule")), {})
        outcome = str(rule.get("outcome", ""))
        views.append({
            "index": index,
            "found": found,
            "searched": len(set(searched)),
            "folded": outcome in FOLDED,
            "fix": localized(info, "fix", lang) if info and outcome in TO_FIX else "",
            "page": rule_page(str(rule.get("rule", ""))),
        })
    return {
        "views": views,
        "marks": marks,
        "shot_ids": shot_ids,
        "shot_sizes": sizes,
        "page_shots": page_shots,
        "searched": _searched(searched_by, page_of),
        "counts": _counts(rules),
        "trader": site.get("trader") or None,
        "trader_rule": next((i for i, r in enumerate(rules, start=1) if r.get("rule") == "trader-identity"), None),
        "list_name": str(site.get("name") or ""),
    }


def _evidence(
    ev: Mapping[str, Any], where: tuple[str, int], page_of: Mapping[str, Mapping[str, Any]], shots: Mapping[str, str],
    sizes: Mapping[str, tuple[int, int]], shot_ids: Mapping[str, str], page_shots: set[str],
    marks: dict[str, list[dict[str, Any]]],
) -> dict[str, Any]:
    """One piece of evidence as the report shows it: its picture (a crop with the element
    outlined, or a link to the page's screenshot) and its mark on that screenshot. ``where`` is
    the evidence's anchor and the number of its rule in the report."""
    anchor, rule = where
    page = page_of.get(url_key(str(ev.get("url", ""))), {})
    page_shot = str(page.get("screenshot") or "")
    shot = str(ev.get("screenshot") or "")
    box = [float(v) for v in ev.get("box") or []]
    view: dict[str, Any] = {"ev": ev, "id": anchor, "crop": None, "page_link": "", "mark": None}
    if page_shot in shots and page_shot in sizes and len(box) == 4:
        spot = _mark(box, (0, 0), sizes[page_shot])
        same = next((m for m in marks.get(page_shot, []) if m["box"] == box), None)
        if same is not None:  # the same element behind another finding: one mark, both findings
            same["evidence"].append({"id": anchor, "rule": rule})
            view["mark"] = same
        elif spot is not None:
            number = sum(len(v) for v in marks.values()) + 1
            mark = {"id": f"mark-{number}", "n": number, "box": box, "evidence": [{"id": anchor, "rule": rule}], **spot}
            marks.setdefault(page_shot, []).append(mark)
            view["mark"] = mark
    if shot in shots and shot in page_shots:
        view["page_link"] = "#" + shot_ids[shot]
    elif shot in shots:
        width, height = sizes.get(shot, (0, 0))
        crop_box = [float(v) for v in ev.get("crop_box") or []]
        spot = _mark(box, crop_box[:2], (crop_box[2], crop_box[3])) if len(crop_box) == 4 and len(box) == 4 else None
        view["crop"] = {"uri": shots[shot], "width": width, "height": height, "min_width": round(width * MIN_SCALE),
                        "zoom": "zoom-" + anchor, "mark": spot}
    return view


def _searched(searched_by: Mapping[int, list[str]], page_of: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """The pages where rules found nothing, listed once for the report: the rules (in report
    order, each with its number in this list and how many pages it searched) and every page
    with the numbers of the rules that searched it (``None``: all of them)."""
    if not searched_by:
        return {}
    numbered = list(searched_by)
    order: dict[str, list[int]] = {}
    for number, index in enumerate(numbered, start=1):
        for url in searched_by[index]:
            order.setdefault(url, []).append(number)
    pages = []
    for url, numbers in order.items():
        page = page_of.get(url_key(url), {})
        pages.append({"url": url, "title": str(page.get("title") or ""), "kind": str(page.get("kind") or ""),
                      "rules": None if len(numbers) == len(numbered) else _ranges(numbers)})
    return {"rules": [{"index": index, "pages": len(searched_by[index])} for index in numbered], "pages": pages}


def _ranges(numbers: Sequence[int]) -> str:
    """``1, 2, 3, 5`` as ``1–3, 5``."""
    out: list[str] = []
    run: list[int] = []
    for n in sorted(set(numbers)):
        if run and n == run[-1] + 1:
            run.append(n)
            continue
        if run:
            out.append(f"{run[0]}–{run[-1]}" if len(run) > 2 else ", ".join(map(str, run)))
        run = [n]
    if run:
        out.append(f"{run[0]}–{run[-1]}" if len(run) > 2 else ", ".join(map(str, run)))
    return ", ".join(out)


def _counts(rules: Iterable[Mapping[str, Any]]) -> dict[str, int]:
    """What the summary sentences count: outcomes, the rules that apply, those not decided."""
    counts = {"fail": 0, "partial": 0, "passed": 0, "undecided": 0, "not_applicable": 0}
    for rule in rules:
        outcome = str(rule.get("outcome", ""))
        key = "undecided" if outcome in UNDECIDED else "passed" if outcome == "pass" else outcome
        if key in counts:
            counts[key] += 1
    counts["applicable"] = counts["fail"] + counts["partial"] + counts["passed"] + counts["undecided"]
    return counts
