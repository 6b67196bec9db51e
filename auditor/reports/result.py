"""``result.json``: the AuditResult itself, the input every other output is rendered from."""

from __future__ import annotations

from pathlib import Path

from auditor.models import AuditResult
from auditor.reports.base import write_text_atomic

FILE_NAME = "result.json"


def write_json(result: AuditResult, out_dir: Path) -> Path:
    """Write ``out_dir/result.json`` (atomically: a reader never sees half a file)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    return write_text_atomic(out_dir / FILE_NAME, result.model_dump_json(indent=2))
