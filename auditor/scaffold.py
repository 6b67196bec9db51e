"""Start a new rule from one command, as Ruff's rule scaffold does: ``scripts/new-rule ID
--category contact --severity high``.

It writes everything a rule is made of, each where the catalogue looks for it:

* ``auditor/rules/<category>/<id_with_underscores>.py``: the module, with the docstring
  sections every rule has, its legal reference, a ``MESSAGES`` table, ``meta`` and an
  ``evaluate`` that says "needs review" until the decision is written;
* ``tests/fixtures/rules/<id>/pass_example.html`` and ``fail_example.html``: a passing and a
  failing site in the fixture format of ``tests/rules/harness.py`` (red until the rule is
  written, like a test written first);
* the rule's weight in ``auditor/rules/profiles/default.toml`` (by its severity);
* ``docs/rules/<id>.md`` and the catalogue's index, generated from the new module.

It refuses, with one line, an id that is not kebab-case or that a rule, fixture folder, doc
page or weight already has, and writes nothing then.
"""

from __future__ import annotations

import argparse
import keyword
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from auditor.models import Category, Severity

#: A rule id: lower-case words joined by hyphens ("contact-email").
_ID = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
#: The weight a severity gets in ``default.toml`` (requirements.md, section 8).
WEIGHTS = {"critical": 5, "high": 3, "medium": 2, "low": 1, "info": 0}


class ScaffoldError(Exception):
    """The rule cannot be created; the message is one line."""


@dataclass(frozen=True)
class NewRule:
    """Where the parts of one new rule go, below a checkout's ``root``."""

    root: Path
    id: str
    category: str
    severity: str

    @property
    def module_name(self) -> str:
        return self.id.replace("-", "_")

    @property
    def class_name(self) -> str:
        return "".join(part.capitalize() for part in self.id.split("-"))

    @property
    def module(self) -> Path:
        return self.root / "auditor" / "rules" / self.category / f"{self.module_name}.py"

    @property
    def fixtures(self) -> Path:
        return self.root / "tests" / "fixtures" / "rules" / self.id

    @property
    def doc(self) -> Path:
        return self.root / "docs" / "rules" / f"{self.id}.md"

    @property
    def profile(self) -> Path:
        return self.root / "auditor" / "rules" / "profiles" / "default.toml"


def check(rule: NewRule) -> None:
    """Raise :class:`ScaffoldError` when ``rule`` cannot be created as asked."""
    if not _ID.fullmatch(rule.id) or keyword.iskeyword(rule.module_name):
        raise ScaffoldError(f"bad rule id {rule.id!r}: use lower-case words joined by hyphens, e.g. 'contact-email'")
    if rule.category not in {c.value for c in Category}:
        raise ScaffoldError(f"unknown category {rule.category!r}: use one of {', '.join(c.value for c in Category)}")
    if rule.severity not in {s.value for s in Severity}:
        raise ScaffoldError(f"unknown severity {rule.severity!r}: use one of {', '.join(s.value for s in Severity)}")
    rules = rule.root / "auditor" / "rules"
    taken = [*rules.glob(f"*/{rule.module_name}.py"), *(p for p in (rule.fixtures, rule.doc) if p.exists())]
    if taken:
        raise ScaffoldError(f"rule {rule.id!r} exists already: {taken[0].relative_to(rule.root)}")
    if re.search(rf"(?m)^{re.escape(rule.id)}\s*=", rule.profile.read_text(encoding="utf-8")):
        raise ScaffoldError(f"rule {rule.id!r} exists already: it has a weight in {rule.profile.name}")


def create(rule: NewRule) -> list[Path]:
    """Write the rule's module, fixtures and weight (after :func:`check`); the files written."""
    check(rule)
    rule.module.write_text(module_text(rule), encoding="utf-8")
    rule.fixtures.mkdir(parents=True)
    written = [rule.module]
    for outcome, text in fixture_texts(rule).items():
        path = rule.fixtures / f"{outcome}_example.html"
        path.write_text(text, encoding="utf-8")
        written.append(path)
    rule.profile.write_text(with_weight(rule.profile.read_text(encoding="utf-8"), rule), encoding="utf-8")
    return [*written, rule.profile]


def write_docs(root: Path) -> None:
    """Regenerate ``docs/rules`` of the checkout at ``root`` from its code, in a fresh process
    that imports that checkout (so the new module registers and the page comes from it)."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(root), os.environ.get("PYTHONPATH")]))}
    code = "from pathlib import Path; from auditor.catalogue import write_docs; write_docs(Path('docs/rules'))"
    done = subprocess.run([sys.executable, "-c", code], cwd=root, env=env, capture_output=True, text=True,
                          check=False)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["unknown error"])[-1]
        raise ScaffoldError(f"the rule was written but its doc page could not be generated: {last}")


def with_weight(profile: str, rule: NewRule) -> str:
    """``default.toml`` with the rule's weight appended to its ``[weights]`` table."""
    start = profile.index("[weights]")
    end = profile.find("\n[", start)
    end = len(profile) if end == -1 else end + 1
    head = profile[:end].rstrip("\n")
    entry = (f"\n# {rule.id}: TODO the legal basis of its weight ({rule.severity}).\n"
             f"{rule.id} = {WEIGHTS[rule.severity]}\n")
    tail = profile[end:]
    return head + entry + ("\n" + tail if tail else "")


def module_text(rule: NewRule) -> str:
    """The new rule module: docstring sections, legal reference, messages, meta, evaluate."""
    return f'''"""TODO: what the rule requires, in one line.

What it checks
    TODO: which facts it reads and when it passes, is partial and fails.

Why it matters
    TODO: the legal basis in plain words.

Failing example      TODO
Passing example      TODO
Needs review when    TODO: when the facts cannot tell (pages not read, content behind JavaScript).
"""

from __future__ import annotations

from auditor.i18n import N_, Messages
from auditor.models import Category, LegalRef, RuleMeta, Severity
from auditor.rule import AuditContext, FactView, Rule, Verdict, needs_review, register

LEGAL_BASIS = LegalRef(instrument="TODO: the act", provision="TODO: the article")

#: Every message of this rule, in English (translated in auditor/locale).
MESSAGES = Messages(
    not_written=N_("The rule {{rule}} is not written yet."),
)


@register
class {rule.class_name}(Rule):
    meta = RuleMeta(
        id="{rule.id}",
        title=N_("TODO: the passing state"),
        failure_title=N_("TODO: the failing state"),
        partial_title=N_("TODO: the partial state, true of every partial message"),
        review_title=N_("TODO: what could not be determined (also shown when the rule breaks)"),
        na_title=N_("TODO: why the rule does not apply, true of every not-applicable message"),
        description=N_("TODO: why it matters, in a sentence or two for the reader of a report."),
        fix=N_("TODO: how a trader meets the requirement, in a sentence or two addressed to the trader."),
        category=Category.{Category(rule.category).name},
        severity=Severity.{Severity(rule.severity).name},
        requires=("pages", "coverage"),
        legal_refs=(LEGAL_BASIS,),
    )

    def evaluate(self, facts: FactView, ctx: AuditContext) -> Verdict:
        return needs_review(MESSAGES("not_written", rule=self.meta.id))
'''


def fixture_texts(rule: NewRule) -> dict[str, str]:
    """A passing and a failing site in the harness's format (``tests/rules/harness.py``)."""
    page = '''<!-- fixture: jurisdiction=se -->
<!doctype html><html lang="sv"><head><title>Butiken</title></head><body>
<header><a href="/">Butiken</a> <a href="/kontakta-oss">Kontakta oss</a></header>
<main><h1>Välkommen</h1>
<!-- {mark}: {id} -->
<p>TODO: {what}</p>
</main></body></html>
<!-- page: /kontakta-oss -->
<html lang="sv"><head><title>Kontakta oss</title></head><body><main><h1>Kontakta oss</h1>
<p>Kundtjänst: kundtjanst@butik.se</p>
</main></body></html>
'''
    return {
        "pass": page.format(mark="finding", id=rule.id, what="the element that meets the requirement"),
        "fail": page.format(mark="ok", id=rule.id, what="a look-alike that must not count"),
    }


def main(argv: list[str], root: Path) -> int:
    """``scripts/new-rule``: create the rule below ``root``; 0, or 2 with a one-line error."""
    parser = argparse.ArgumentParser(prog="new-rule", description="Start a new rule: module, fixtures, weight, doc.")
    parser.add_argument("id", help="kebab-case rule id, e.g. contact-fax")
    parser.add_argument("--category", required=True, choices=[c.value for c in Category])
    parser.add_argument("--severity", required=True, choices=[s.value for s in Severity])
    args = parser.parse_args(argv)
    rule = NewRule(root=root, id=args.id, category=args.category, severity=args.severity)
    try:
        written = create(rule)
        write_docs(root)
    except ScaffoldError as error:
        print(f"new-rule: error: {error}", file=sys.stderr)
        return 2
    for path in [*written, rule.doc]:
        print(f"wrote {path.relative_to(root)}")
    print("next: write evaluate, the docstring and the fixtures; extract and translate the new messages "
          "(docs/translating.md); the fixture tests stay red until the rule decides them")
    return 0
