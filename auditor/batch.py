"""The site list of a batch audit, and what makes "the same batch" again.

``auditor batch SITES`` reads the sites here; :class:`auditor.pipeline.Batch` audits them. Each
site is written to the store the moment it is done, so running the same command again finds the
run by its key (:func:`run_key`: the list and the settings) and audits only the sites not stored
yet.
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from auditor.profiles import jurisdictions


class BatchInputError(Exception):
    """The site list cannot be read: a message naming the lines at fault."""


@dataclass(frozen=True)
class BatchSite:
    """One line of the site list."""

    url: str
    name: str = ""
    jurisdiction: str | None = None
    tags: str = ""
    line: int = 0


def read_sites(path: Path, normalise: Callable[[str], str]) -> list[BatchSite]:
    """Sites from a CSV (header with ``url``; optional ``name``, ``jurisdiction``, ``tags``) or a
    plain list of URLs, one a line. Blank lines and ``#`` comments are skipped; a URL listed twice
    is audited once. Every bad line is named in one error."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise BatchInputError(f"cannot read {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise BatchInputError(f"{path} is not UTF-8 text") from None
    lines = text.splitlines()
    first = next((line for line in lines if line.strip() and not line.lstrip().startswith("#")), "")
    header = [c.strip().lower() for c in next(csv.reader([first]))] if first else []
    rows: list[tuple[int, dict[str, str]]] = []
    if "url" in header:
        reader = csv.DictReader(
            (line for line in lines if not line.lstrip().startswith("#")), fieldnames=None
        )
        start = lines.index(first) + 1
        for offset, row in enumerate(reader, start=start + 1):
            clean = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items() if k is not None}
            if any(clean.values()):
                rows.append((offset, clean))
    else:
        for number, line in enumerate(lines, start=1):
            if line.strip() and not line.lstrip().startswith("#"):
                rows.append((number, {"url": line.strip()}))
    errors: list[str] = []
    out: dict[str, BatchSite] = {}
    known = jurisdictions()
    for number, row in rows:
        raw = row.get("url", "")
        try:
            url = normalise(raw)
        except Exception as exc:
            errors.append(f"line {number}: {exc}")
            continue
        jurisdiction = (row.get("jurisdiction") or "").lower() or None
        if jurisdiction in ("auto", ""):
            jurisdiction = None
        if jurisdiction is not None and jurisdiction not in known:
            errors.append(f"line {number}: unknown jurisdiction {jurisdiction!r} (use {', '.join(known)})")
            continue
        out.setdefault(url, BatchSite(url=url, name=row.get("name", ""), jurisdiction=jurisdiction,
                                      tags=row.get("tags", ""), line=number))
    if errors:
        shown = "; ".join(errors[:10]) + (f" (and {len(errors) - 10} more)" if len(errors) > 10 else "")
        raise BatchInputError(f"{path}: {shown}")
    if not out:
        raise BatchInputError(f"{path} lists no site")
    return list(out.values())


def run_key(sites: Sequence[BatchSite], settings: dict[str, object]) -> str:
    """What makes "the same command": the sites and the settings."""
    data = json.dumps(
        {"sites": [[s.url, s.name, s.jurisdiction, s.tags] for s in sites], "settings": settings}, sort_keys=True
    )
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:20]
