"""The W3C Nu HTML checker (``vnu.jar``) on the HTML reports.

``vnu-jar`` is an npm package holding the checker's jar; it runs on Java. ``AUDITOR_VNU`` names
the jar, else it is looked for in ``.venv/node`` and ``node_modules`` of the repository
(``scripts/setup`` installs it with ``npm install --prefix .venv/node vnu-jar`` and Java from
apt). Without the jar or Java, :func:`vnu_command` returns None and the tests that need it are
skipped with the reason.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CANDIDATES = (
    ROOT / ".venv" / "node" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar",
    ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar",
)


def vnu_command() -> list[str] | None:
    """``java -jar vnu.jar``, or None when the jar or Java is missing."""
    java = shutil.which("java")
    named = os.environ.get("AUDITOR_VNU")
    jar = next((path for path in ([Path(named)] if named else []) + list(CANDIDATES) if path.is_file()), None)
    if java is None or jar is None:
        return None
    return [java, "-jar", str(jar)]


def errors(files: Sequence[Path]) -> list[str]:
    """The checker's errors on ``files`` (one run for all), one line each: file, line, message."""
    command = vnu_command()
    if command is None:
        raise RuntimeError("the W3C Nu HTML checker is not installed (see tests/reports/vnu.py)")
    done = subprocess.run([*command, "--errors-only", "--format", "json", *map(str, files)],
                          capture_output=True, text=True, timeout=300, check=False)
    found = json.loads(done.stderr or done.stdout or '{"messages": []}')
    return [f"{Path(m.get('url', '')).name}:{m.get('lastLine', '?')}: {m.get('message', '')}"
            for m in found.get("messages", []) if m.get("type") == "error"]
