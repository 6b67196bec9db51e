"""End to end: a broken period parser through the command line (issue 17, fault isolation).

The German demo shop is served on loopback and audited by ``python -m auditor``-equivalent code
in a subprocess whose withdrawal period parser raises a ``KeyError``: the shop is audited and
scored, the rules that read passages are ``error`` naming the extractor, the others are judged,
and the traceback is on stderr (the run's log).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from auditor.demo.server import serve_sites

pytestmark = pytest.mark.e2e

SHOP = Path(__file__).parents[2] / "auditor" / "demo" / "shops" / "de-werk"

BROKEN_RUN = """
import sys
import auditor.facts.passages.withdrawal as withdrawal
from auditor.cli import main

def broken(doc, lang):
    raise KeyError("P")

withdrawal._periods = broken
sys.exit(main(sys.argv[1:]))
"""


def test_a_broken_extractor_costs_its_rules_not_the_site(tmp_path: Path) -> None:
    with serve_sites([SHOP]) as [site]:
        proc = subprocess.run(
            [sys.executable, "-c", BROKEN_RUN, "audit", site.url, "--output", str(tmp_path), "--format", "json",
             "--render", "never", "--allow-private", "--jurisdiction", "de"],
            cwd=tmp_path, capture_output=True, text=True, timeout=240,
            # the sources: a compiled withdrawal module's call to _periods is bound (auditor.native)
            env={**os.environ, "AUDITOR_PURE_PYTHON": "1"},
        )
    assert proc.returncode == 0, proc.stderr
    [result] = json.loads((tmp_path / "result.json").read_text(encoding="utf-8"))["sites"]
    assert result["status"] == "audited"
    assert result["score"] is not None
    outcomes = {rule["rule"]: rule for rule in result["rules"]}
    period = outcomes["withdrawal-period"]
    assert period["outcome"] == "error"
    assert "passages.withdrawal: KeyError: 'P'" in period["message"]
    assert outcomes["contact-email"]["outcome"] in ("pass", "partial", "fail")  # judged as usual
    # The traceback once for the site and extractor, then one line for every further page.
    assert proc.stderr.count("Traceback (most recent call last)") == 1 and "KeyError: 'P'" in proc.stderr
    assert "extractor passages.withdrawal failed on" in proc.stderr
