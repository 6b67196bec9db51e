"""The committed JSON Schema of :class:`~auditor.models.AuditResult`.

``python -m auditor.schemas`` rewrites ``auditor/schema/audit-result.v<major>.json`` from the
models; a test fails when the committed file and the models disagree, so a change to the
output format is always a reviewed change to this file too.
"""

from __future__ import annotations

import json
from pathlib import Path

from auditor.models import SCHEMA_VERSION, AuditResult

SCHEMA_DIR = Path(__file__).parent / "schema"


def schema_path() -> Path:
    """Where the schema of the current major version is committed."""
    return SCHEMA_DIR / f"audit-result.v{SCHEMA_VERSION.split('.')[0]}.json"


def schema_text() -> str:
    """The schema as the models define it today, in its committed layout."""
    schema = AuditResult.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://auditor.invalid/schema/{schema_path().name}"
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


if __name__ == "__main__":
    schema_path().write_text(schema_text(), encoding="utf-8")
    print(f"wrote {schema_path()}")
