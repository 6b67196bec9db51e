"""The GitHub composite action, the example workflow and the GitLab snippet: valid against the
schemas GitHub and GitLab publish (bundled offline by check-jsonschema), and the action's own
shell steps run for real against the staging shop."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from auditor.demo.server import serve_sites

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).parent.parent.parent
STAGING = ROOT / "tests" / "fixtures" / "staging"


@pytest.mark.parametrize(
    ("schema", "path"),
    [
        ("vendor.github-actions", "action.yml"),
        ("vendor.github-workflows", ".github/workflows/auditor-example.yml"),
        ("vendor.gitlab-ci", "docs/ci/gitlab-ci.yml"),
    ],
)
def test_pipeline_file_is_valid(schema: str, path: str) -> None:
    proc = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(ROOT / path)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr


#: The first major version of each action that runs on Node 24. GitHub deprecated the Node 20
#: runtime of actions in September 2025 (forced onto Node 24 from June 2026, removed from the
#: runners in September 2026); the majors before these declare ``using: node20`` (CodeQL
#: Action v3 is deprecated in December 2026 for the same reason). An action the workflow files
#: start to use must be added here, with its first Node 24 major.
NODE24_MAJOR = {
    "actions/checkout": 5,
    "actions/setup-python": 6,
    "actions/upload-artifact": 6,
    "github/codeql-action/upload-sarif": 4,
}


def _uses(path: Path) -> list[str]:
    """Every ``uses:`` of a workflow's jobs or a composite action's steps."""
    data = yaml.safe_load(path.read_text("utf-8"))
    steps = [s for job in data.get("jobs", {}).values() for s in job.get("steps", [])]
    steps += data.get("runs", {}).get("steps", [])
    return [str(step["uses"]) for step in steps if "uses" in step]


@pytest.mark.parametrize("path", ["action.yml", ".github/workflows/auditor-example.yml"])
def test_actions_are_on_a_current_major(path: str) -> None:
    used = [u for u in _uses(ROOT / path) if not u.startswith("./")]
    assert used, "the file uses actions"
    for reference in used:
        action, _, ref = reference.partition("@")
        assert action in NODE24_MAJOR, f"{reference}: add the action's first Node 24 major to NODE24_MAJOR"
        major = re.fullmatch(r"v(\d+)(?:\.\d+)*", ref)
        assert major, f"{reference}: pin a major version tag (vN)"
        assert int(major.group(1)) >= NODE24_MAJOR[action], f"{reference} runs on the deprecated Node 20"


def _step(step_id: str) -> dict:  # type: ignore[type-arg]
    action = yaml.safe_load((ROOT / "action.yml").read_text("utf-8"))
    steps = action["runs"]["steps"]
    return next(s for s in steps if s.get("id") == step_id or s.get("name") == step_id)  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def broken_shop(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    shop = tmp_path_factory.mktemp("shop") / "shop"
    shutil.copytree(STAGING, shop)
    terms = shop / "villkor.html"
    terms.write_text(re.sub(r'<section id="angerratt">.*?</section>\n', "", terms.read_text("utf-8"), flags=re.S),
                     encoding="utf-8")
    with serve_sites([shop], first_host=80) as [site]:
        yield site.url


def test_action_audit_step_reports_exit_code_and_summary(broken_shop: str, tmp_path: Path) -> None:
    step = _step("audit")
    env = {key: value for key, value in step["env"].items()}
    inputs = {"url": broken_shop, "config": "", "baseline": "", "lang": "sv", "render": "never",
              "output": "audit-reports", "args": "--as-of 2026-12-02"}
    for key, value in env.items():  # ${{ inputs.x }} as GitHub fills it in
        env[key] = re.sub(r"\$\{\{ inputs\.([\w-]+) \}\}", lambda m: inputs[m.group(1)], value)
    output, summary = tmp_path / "github_output", tmp_path / "step_summary"
    env.update(GITHUB_OUTPUT=str(output), GITHUB_STEP_SUMMARY=str(summary),
               PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    proc = subprocess.run(["bash", "-c", step["run"]], cwd=tmp_path, env={**os.environ, **env},
                          capture_output=True, text=True, timeout=240)
    assert proc.returncode == 0, proc.stderr  # the step itself never fails; the last step does
    assert "exit-code=1" in output.read_text("utf-8")
    assert "auditor: underkänd" in summary.read_text("utf-8")

    fail = _step("Fail on findings")
    for code, expected in (("0", 0), ("1", 1), ("2", 2)):
        gate = subprocess.run(["bash", "-c", fail["run"]], env={**os.environ, "CODE": code},
                              capture_output=True, text=True, timeout=30)
        assert gate.returncode == expected, gate.stdout
