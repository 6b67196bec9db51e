"""The committed JSON Schema of AuditResult matches the models (drift fails the build)."""

from __future__ import annotations

from auditor.schemas import schema_path, schema_text


def test_committed_schema_matches_models() -> None:
    committed = schema_path().read_text(encoding="utf-8")
    assert committed == schema_text(), (
        "auditor/schema changed: run `python -m auditor.schemas`, review the diff, and bump "
        "SCHEMA_VERSION's major part if the change is not additive"
    )
