"""scripts/new-rule, run into a temporary copy of the package: every part of a rule is written,
the new module imports and registers, and a bad or taken id is refused with one line."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from auditor import scaffold
from auditor.catalogue import SECTIONS
from tests.rules.harness import load_fixture

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def checkout(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The package, its profiles and rule docs, copied (the demo shops left out)."""
    root = tmp_path_factory.mktemp("checkout")
    shutil.copytree(REPO / "auditor", root / "auditor",
                    ignore=shutil.ignore_patterns("__pycache__", "shops", "*.pyc"))
    shutil.copytree(REPO / "docs" / "rules", root / "docs" / "rules")
    (root / "tests" / "fixtures" / "rules").mkdir(parents=True)
    shutil.copytree(REPO / "scripts", root / "scripts")
    return root


def _run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(root / "scripts" / "new-rule"), *args], capture_output=True, text=True,
                          timeout=120, check=False)


def test_new_rule_writes_every_part_and_registers(checkout: Path) -> None:
    done = _run(checkout, "contact-fax", "--category", "contact", "--severity", "medium")
    assert done.returncode == 0, done.stderr
    module = checkout / "auditor" / "rules" / "contact" / "contact_fax.py"
    text = module.read_text(encoding="utf-8")
    for section in SECTIONS:
        if section != "Partial example":
            assert section in text
    assert "MESSAGES = Messages(" in text and "needs_review(" in text
    assert 'N_("The rule {rule} is not written yet.")' in text  # a placeholder, not the scaffold's own object
    lint = subprocess.run([str(Path(sys.executable).with_name("ruff")), "check", "--no-cache", str(module)],
                          cwd=REPO, capture_output=True, text=True, timeout=60, check=False)
    assert lint.returncode == 0, lint.stdout  # a new rule starts clean under the project's ruff settings
    fixtures = sorted(p.name for p in (checkout / "tests" / "fixtures" / "rules" / "contact-fax").iterdir())
    assert fixtures == ["fail_example.html", "pass_example.html"]
    for name in fixtures:  # the harness reads them
        fixture = load_fixture(checkout / "tests" / "fixtures" / "rules" / "contact-fax" / name)
        assert len(fixture.crawl.pages) == 2
        assert fixture.findings.get("contact-fax") or fixture.oks.get("contact-fax")
    profile = tomllib.loads((checkout / "auditor" / "rules" / "profiles" / "default.toml").read_text(encoding="utf-8"))
    assert profile["weights"]["contact-fax"] == 2
    assert profile["params"]["withdrawal_days"] == 14  # the tables after [weights] are intact
    doc = (checkout / "docs" / "rules" / "contact-fax.md").read_text(encoding="utf-8")
    assert doc.startswith("# `contact-fax`: TODO: the passing state")
    assert "[`contact-fax`](contact-fax.md)" in (checkout / "docs" / "rules" / "README.md").read_text(encoding="utf-8")

    # The copy's package (not the repository's) imports the module, registers and runs the rule.
    probe = (
        "from datetime import date\n"
        "from auditor.registry import get_rule\n"
        "from auditor.rule import AuditContext\n"
        "from auditor.engine import run_rules\n"
        "from auditor.models import CrawlCoverage, RobotsInfo, SiteFacts\n"
        "rule = get_rule('contact-fax')\n"
        "import sys; print(sys.modules[rule.__module__].__file__)\n"
        "cov = CrawlCoverage(home_url='https://b.se/', pages_fetched=1, robots=RobotsInfo(url='x'), max_pages=1,"
        " max_depth=1, exhaustive=True)\n"
        "[out] = run_rules(SiteFacts(site='https://b.se/', jurisdiction='se', coverage=cov),"
        " AuditContext('se', date(2026, 11, 24)), [rule])\n"
        "print(out.outcome.value)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    ran = subprocess.run([sys.executable, "-c", probe], cwd=checkout, env=env, capture_output=True, text=True,
                         timeout=120, check=False)
    assert ran.returncode == 0, ran.stderr
    file, outcome = ran.stdout.split()
    assert Path(file) == module
    assert outcome == "needs_review"


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (("contact-email", "--category", "contact", "--severity", "high"), "exists already"),
        (("Contact_Fax", "--category", "contact", "--severity", "high"), "bad rule id"),
        (("contact-", "--category", "contact", "--severity", "high"), "bad rule id"),
    ],
)
def test_new_rule_refuses_a_taken_or_bad_id_in_one_line(checkout: Path, args: tuple[str, ...], error: str) -> None:
    before = (checkout / "auditor" / "rules" / "profiles" / "default.toml").read_text(encoding="utf-8")
    done = _run(checkout, *args)
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1 and error in done.stderr
    assert (checkout / "auditor" / "rules" / "profiles" / "default.toml").read_text(encoding="utf-8") == before


def test_weight_goes_at_the_end_of_the_weights_table() -> None:
    rule = scaffold.NewRule(root=Path("/x"), id="contact-fax", category="contact", severity="critical")
    text = scaffold.with_weight("[weights]\na = 1\n\n[params]\nb = 2\n", rule)
    data = tomllib.loads(text)
    assert data == {"weights": {"a": 1, "contact-fax": 5}, "params": {"b": 2}}
