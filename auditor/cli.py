"""The ``auditor`` command line: parse the options, build one :class:`~auditor.pipeline.AuditSettings`,
run the pipeline, write the reports, print.

``auditor audit URL...``   audit sites now; HTML and JSON into ./audit-reports/
``auditor audit PATH --base-url URL``   audit a saved copy of a site (wget/HTTrack mirror, export)
``auditor batch SITES``    audit a list of sites, resumable; batch index and store
``auditor eval CORPUS``    accuracy of each check against a labelled corpus (labels.yaml)
``auditor demo``           serve the bundled demo shops on loopback and audit them
``auditor report FILE|RUN``  render the HTML reports again from a result.json or a stored run
``auditor history URL``    every stored audit of a site and what changed
``auditor reaudit RUN``    judge a stored run again with today's rules, fetching nothing
``auditor rules [ID]``     the rule catalogue and each rule's legal basis
``auditor ci URL``         the audit as a build gate: SARIF, JUnit, Markdown; exit 1 on findings
``auditor batch SITES --queue redis://…``  one job per site on a queue, for ``auditor worker``s anywhere
``auditor worker``         audit the sites of queued runs into a shared store (docs/scale-out.md)
``auditor status RUN``     where a run stands: done, not audited, in progress (per worker), queued
``auditor cancel RUN``     workers skip the rest of a queued run

The commands that write reports (``audit``, ``batch``, ``demo``, ``report``, ``reaudit``,
``ci``) speak the language of their reports (``--lang``): their progress, closing lines and
errors come from the report catalogs (:data:`WORDS`); so does ``rules`` (titles, labels, legal
basis; a rule's English documentation sections only in English). argparse's own usage and help,
and the commands without ``--lang`` (``eval``, and the operators' ``worker``, ``status``,
``cancel``), are English; so are the problems ``verify`` finds (its closing line follows
``--lang``) and the errors other modules raise (a batch list, a corpus, a CI configuration).

Exit codes: 0 the audit ran (at least one site audited; for ``ci``: nothing at or above the
threshold); 1 (``ci`` only) findings at or above the threshold; 2 the tool could not do its job
(bad input or configuration, nothing reachable).
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import time
import tomllib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from importlib import resources
from itertools import groupby
from pathlib import Path
from typing import NoReturn, TypeAlias
from urllib.parse import urlsplit

from pydantic import ValidationError
from rich import box
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from auditor import __version__, ci, pipeline, registry, scoring, store
from auditor.batch import BatchInputError, BatchSite, read_sites
from auditor.browser.pdf import print_pdfs
from auditor.catalogue import OUTCOME_LABELS, SECTIONS, doc_sections, where_it_applies, write_docs
from auditor.demo.server import serve_sites
from auditor.evaluation import CorpusError, evaluate, load_corpus, markdown_table, write_into
from auditor.evidence import MANIFEST, manifests, robots_entry, verify, write_manifest, write_manifest_of
from auditor.i18n import (
    DEFAULT_LANG,
    LANGS,
    N_,
    NP_,
    Messages,
    Text,
    as_text,
    format_day,
    format_number,
    localized,
    translate,
)
from auditor.models import SCHEMA_VERSION, AuditResult, Gate, RuleChange, SiteCrawl, SiteResult, SiteStatus
from auditor.objectstore import Bucket, ObjectStoreError, S3Location, evidence_location, safe_relative
from auditor.pipeline import AuditSettings, PipelineError, SiteJob
from auditor.profiles import jurisdictions
from auditor.reports import BatchInfo, Written, write_reports, write_reports_of
from auditor.reports.html import category_label, change_label, outcome_label, severity_label
from auditor.reports.stream import ResultJsonFile
from auditor.reports.terminal import print_summary, summary_site
from auditor.rule import Rule
from auditor.site_audit import profile_process
from auditor.web.netguard import names_private_host
from auditor.web.saved import SavedCopy, SavedCopyError, load_url_map

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_TOOL_ERROR = 2

FORMATS = ("html", "json", "pdf")
RENDER_MODES = ("auto", "always", "never")
#: The demo serves its shops on this port of 127.0.0.2, 127.0.0.3, ... when it is free, so the
#: report file names stay the same from run to run.
DEMO_PORT = 8460
DEFAULTS = AuditSettings()


class UsageError(Exception):
    """Bad input from the user: printed without a traceback, exit code 2, in the language of
    ``--lang`` when the message is a :class:`~auditor.i18n.Text` (``WORDS(...)``)."""

    def __init__(self, message: Text | str) -> None:
        self.text = as_text(message)
        super().__init__(self.text.en)


#: What the user can put right: printed as ``error: message``, exit code 2.
USER_ERRORS = (UsageError, PipelineError, BatchInputError, CorpusError, ci.ConfigError, ObjectStoreError)

#: The command line's own words, in the language of ``--lang`` (a report language). Markup
#: stays out of them: the code styles the words.
WORDS = Messages(
    error=N_("error:"),
    interrupted=N_("interrupted"),
    not_web=N_("{raw}: only http and https URLs can be audited"),
    not_url=N_("{raw} is not a valid URL"),
    folder=N_("{raw} is a folder: to audit it as a saved copy, add --base-url with the address the pages were "
              "saved from, e.g. --base-url https://shop.example.se/"),
    file=N_("{raw} is a file: to audit the sites it lists, run `auditor batch {raw}`"),
    neither=N_("{raw} is neither a URL nor a file or folder that exists (a list of sites is audited with "
               "`auditor batch FILE`)"),
    test_message=N_("--submit-test-message sends data to the site: it works for exactly one live site of your own, "
                    "with a browser (not with --render never or a saved copy)"),
    test_message_browser=N_("--submit-test-message needs a browser: it does not work with render = never"),
    url_map=N_("--url-map only works with --base-url (auditing a saved copy)"),
    whole_site=N_("--whole-site only works with --base-url (auditing a saved copy)"),
    one_copy=N_("--base-url audits one saved copy: give exactly one PATH"),
    saved_copy=NP_("auditing the saved copy in {folder} as {url} ({n} file; no network is used)",
                   "auditing the saved copy in {folder} as {url} ({n} files; no network is used)"),
    crawling=NP_("Crawling {n} site", "Crawling {n} sites"),
    crawled=NP_("crawled {url}: {n} page", "crawled {url}: {n} pages"),
    rendered=N_("{n} rendered"),
    not_rendered=N_("not rendered: {reason}"),
    stored=N_("stored as run {run} in {store}"),
    cannot_write=N_("cannot write reports to {folder}: {reason}"),
    wrote=N_("wrote {path}"),
    wrote_manifest=N_("wrote {path} (SHA-256 of every evidence file)"),
    no_pdf=N_("the HTML reports are written, but no PDF was printed: {reason}"),
    resuming=NP_("resuming run {run} from {time}: {done} of {n} site already done",
                 "resuming run {run} from {time}: {done} of {n} sites already done"),
    run_started=NP_("run {run}: {n} site, law as of {date}", "run {run}: {n} sites, law as of {date}"),
    auditing=N_("Auditing"),
    batch_status=N_("{not_audited} not audited · {pages} pages · {rate} sites/min"),
    not_audited=N_("not audited"),
    run_label=N_("run {run} of {file}"),
    queued=NP_("run {run}: {n} site queued; {stored} stored already, {pending} still queued from before",
               "run {run}: {n} sites queued; {stored} stored already, {pending} still queued from before"),
    reopened=N_("run {run} had been cancelled: it goes on"),
    follow_hint=N_("follow it with the same command and --follow, or `auditor status {run}`; workers: "
                   "`auditor worker --queue …`"),
    queue_status=N_("{not_audited} not audited · {working} in progress on {workers} workers · {rate} sites/min"),
    run_cancelled=N_("run {run} was cancelled: {done} of {n} sites stored, no report written"),
    follow_needs_queue=N_("--follow follows a run on a queue: give --queue too"),
    run_done=NP_("run {run} complete: {n} site; batch index {index}, table {table}, every finding {findings}, "
                 "store {store}",
                 "run {run} complete: {n} sites; batch index {index}, table {table}, every finding {findings}, "
                 "store {store}"),
    serving=N_("serving demo shop {name} at {url}"),
    demo_done=N_("demo finished in {seconds} s"),
    reaudited=N_("run {run}: run {original} judged again as of {date} without fetching anything"),
    reaudit_missing=NP_("{n} site had no stored crawl and keeps its old result",
                        "{n} sites had no stored crawl and keep their old result"),
    configuration=N_("configuration: {source}"),
    no_configuration=N_("defaults (no auditor.toml or [tool.auditor])"),
    could_not_check=N_("could not check:"),
    below_fail_under=N_("score {score} is below fail-under {limit}"),
    waiver_expired=N_("waiver for {rule} expired on {date}"),
    gate=NP_("ci: {n} finding fails the build (fail-on {fail_on}{partials}); {waived} waived, {below} below the "
             "threshold, {partly} partly met{baseline}",
             "ci: {n} findings fail the build (fail-on {fail_on}{partials}); {waived} waived, {below} below the "
             "threshold, {partly} partly met{baseline}"),
    partials_too=N_(", partials too"),
    in_baseline=N_(", {n} already in the baseline"),
    exit_zero=N_("--exit-zero: exiting 0 although findings fail the gate"),
    cannot_read=N_("cannot read {path}: {reason}"),
    not_json=N_("{path} is not JSON: {reason}"),
    not_result=N_("{path} is not an auditor {major}.x result.json (schema_version {version})"),
    missing=N_("missing"),
    invalid_result=N_("{path} is not a valid result.json: {where}: {reason}"),
    catalogue_title=NP_("Rule catalogue ({n} rule)", "Rule catalogue ({n} rules)"),
    catalogue_caption=N_("applies in: all = every jurisdiction with a profile ({every}); elsewhere the rule is "
                         "not applicable"),
    column_rule=N_("rule"),
    column_severity=N_("severity"),
    column_applies=N_("applies in"),
    column_passes=N_("passes when"),
    applies_all=N_("all"),
    applies_all_but=N_("all but {jurisdictions}"),
    applies_none=N_("none"),
    rule_heading=N_("{category}, severity {severity}, applies in {where}"),
    every_jurisdiction=N_("every jurisdiction"),
    legal_basis=N_("Legal basis"),
    how_to_fix=N_("How to fix"),
    rule_page=N_("Documentation (English): {page}"),
    wrote_pages=NP_("wrote {n} page to {folder}", "wrote {n} pages to {folder}"),
    no_history=N_("{url} has no stored audit in {store}"),
    history_title=N_("Audits of {url}"),
    column_run=N_("run"),
    column_audited=N_("audited (UTC)"),
    column_law=N_("law as of"),
    column_status=N_("status"),
    column_score=N_("score"),
    column_fixed=N_("fixed"),
    column_regressed=N_("regressed"),
    column_changed=N_("changed"),
    audited=N_("audited"),
    no_manifest=N_("no {manifest} at {target}"),
    verify_problems=NP_("{n} problem in {files} file(s) listed by {manifest}",
                        "{n} problems in {files} file(s) listed by {manifest}"),
    verify_ok=NP_("all {n} file listed by {manifest} is as recorded; every WARC record checks",
                  "all {n} files listed by {manifest} are as recorded; every WARC record checks"),
)


def say(lang: str, key: str, **params: object) -> str:
    """One of the command line's :data:`WORDS` in ``lang``, escaped for rich (values too)."""
    return escape(WORDS(key, **params).get(lang))


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    console = Console(stderr=True)
    lang = getattr(args, "lang", None) or DEFAULT_LANG
    try:
        code: int = args.func(args, console)
        return code
    except USER_ERRORS as exc:
        words = exc.text.get(lang) if isinstance(exc, UsageError) else str(exc)
        console.print(f"[red]{say(lang, 'error')}[/red] {escape(words)}", soft_wrap=True)  # paths stay whole
        return EXIT_TOOL_ERROR
    except KeyboardInterrupt:
        console.print(f"[yellow]{say(lang, 'interrupted')}[/yellow]")
        return 130


# ---------------------------------------------------------------------------- options


class _Parser(argparse.ArgumentParser):
    """argparse with a usage error in one line and where to read more, not the whole usage
    first (the subcommands' parsers are of this class too)."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_TOOL_ERROR, f"{self.prog}: error: {message}\nsee `{self.prog} --help`\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="auditor",
        description="Audit web shops for consumer-law contact, complaints and withdrawal information.",
    )
    parser.add_argument("--version", action="version", version=f"auditor {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for add in (_audit_parser, _batch_parser, _eval_parser, _demo_parser, _report_parser, _history_parser,
                _verify_parser, _reaudit_parser, _ci_parser, _rules_parser, _worker_parser, _status_parser,
                _cancel_parser):
        add(commands)
    return parser


Commands: TypeAlias = "argparse._SubParsersAction[_Parser]"


def _audit_parser(commands: Commands) -> None:
    audit = commands.add_parser(
        "audit", help="audit one or more sites now, or a saved copy of a site (PATH --base-url URL)"
    )
    audit.add_argument("urls", nargs="+", metavar="URL|PATH",
                       help="home page of each site (https:// assumed), or a folder of saved pages with --base-url")
    audit.add_argument("--base-url", default=None, metavar="URL",
                       help="audit the folder PATH as a saved copy of the site at URL (no network is used)")
    audit.add_argument("--submit-test-message", action="store_true",
                       help="CI mode, for your own shop only: send one test message through its contact form and "
                            "read the confirmation page (off by default; never use it on someone else's site)")
    audit.add_argument("--url-map", type=Path, default=None, metavar="FILE",
                       help="with --base-url: CSV (url,file) or JSON {url: file} for pages saved under other names")
    audit.add_argument("--whole-site", action="store_true",
                       help="with --base-url: the folder holds every file the site publishes (a static site's "
                            "files), so a link to a missing file is a dead link, not a page left unread")
    _add_audit_options(audit)
    audit.set_defaults(func=cmd_audit)


def _batch_parser(commands: Commands) -> None:
    batch = commands.add_parser("batch", help="audit many sites from a list; resumable after an interruption")
    batch.add_argument("sites", type=Path, metavar="SITES",
                       help="CSV with a url column (optional name, jurisdiction, tags), or one URL a line")
    batch.add_argument("--concurrency", type=_positive, default=DEFAULTS.concurrency, metavar="N",
                       help=f"sites crawled at once, each politely (default {DEFAULTS.concurrency})")
    batch.add_argument("--queue", default=None, metavar="URL",
                       help="put one job per site on this Redis queue (redis://HOST:6379/0) for `auditor worker`s "
                            "instead of auditing here; the store must be one the workers share")
    batch.add_argument("--follow", action="store_true",
                       help="with --queue: show the progress of all workers until the run is done, then write the "
                            "reports and the manifest")
    batch.add_argument("--poll", type=_seconds, default=1.0, metavar="SECONDS", help=argparse.SUPPRESS)
    _add_audit_options(batch, output=_evidence)
    batch.set_defaults(func=cmd_batch)


def _worker_parser(commands: Commands) -> None:
    from auditor.queue import jobs as worker

    worker_ = commands.add_parser("worker", help="audit the sites of runs queued with `batch --queue`")
    worker_.add_argument("--queue", required=True, metavar="URL", help="the Redis queue (redis://HOST:6379/0)")
    worker_.add_argument("--store", type=_store, required=True, metavar="STORE",
                         help=f"the store the runs are in, shared with the batch command and the other workers: "
                              f"{_STORE_FORMS}")
    worker_.add_argument("--evidence", type=_evidence, required=True, metavar="DIR|s3://BUCKET/PREFIX",
                         help="where the evidence goes (WARC files, screenshots): the batch's output folder, "
                              "shared (a network mount) with the batch command and the other workers, or a "
                              "place in an S3 bucket (endpoint and keys: the AWS_* settings)")
    worker_.add_argument("--concurrency", type=_positive, default=1, metavar="N",
                         help="sites crawled at once (default 1); one process each, and one more process a core audits "
                              "the sites crawled meanwhile")
    worker_.add_argument("--time-limit", type=_seconds, default=worker.DEFAULT_TIME_LIMIT, metavar="SECONDS",
                         help="time for one site's crawl and render; past it the site is stored as not audited "
                              f"(default {worker.DEFAULT_TIME_LIMIT:g})")
    worker_.add_argument("--lease", type=_seconds, default=worker.DEFAULT_LEASE, metavar="SECONDS",
                         help="a site in hand is leased for this long and renewed while it is audited: a dead "
                              f"worker's site is free again after it (default {worker.DEFAULT_LEASE:g})")
    worker_.add_argument("--visibility-timeout", type=_seconds, default=worker.DEFAULT_VISIBILITY_TIMEOUT,
                         metavar="SECONDS",
                         help="a job taken and not acknowledged (its worker died) is handed out again after this "
                              f"long (default {worker.DEFAULT_VISIBILITY_TIMEOUT:g})")
    worker_.add_argument("--name", default=None, help="this worker's name in `auditor status` (default HOST-PID)")
    worker_.set_defaults(func=cmd_worker)


def _status_parser(commands: Commands) -> None:
    status = commands.add_parser("status", help="where a run stands: done, not audited, in progress, queued")
    status.add_argument("run", metavar="RUN", help="run number, or 'latest'")
    status.add_argument("--store", type=_store, default=Path("audit-reports/auditor.sqlite"), metavar="STORE",
                        help=f"the store: {_STORE_FORMS} (default audit-reports/auditor.sqlite)")
    status.add_argument("--queue", default=None, metavar="URL",
                        help="the Redis queue of the run: also what is in progress, on which worker")
    status.set_defaults(func=cmd_status)


def _cancel_parser(commands: Commands) -> None:
    cancel = commands.add_parser("cancel", help="cancel a queued run: workers skip its remaining sites")
    cancel.add_argument("run", metavar="RUN", help="run number, or 'latest'")
    cancel.add_argument("--store", type=_store, default=Path("audit-reports/auditor.sqlite"), metavar="STORE",
                        help=f"the store: {_STORE_FORMS} (default audit-reports/auditor.sqlite)")
    cancel.set_defaults(func=cmd_cancel)


def _eval_parser(commands: Commands) -> None:
    evaluate_ = commands.add_parser("eval", help="measure each check's agreement with a labelled corpus")
    evaluate_.add_argument("corpus", type=Path, metavar="CORPUS",
                           help="a folder with labels.yaml and one folder of saved pages per site")
    evaluate_.add_argument("--write", type=Path, default=None, metavar="FILE",
                           help="write the table into FILE (e.g. ACCURACY.md) between its generated-block markers")
    _add_as_of_option(evaluate_)
    evaluate_.add_argument("--render", choices=RENDER_MODES, default="auto",
                           help="which saved pages Chromium renders, as for `audit` (default auto; never = static "
                                "HTML only, no browser needed)")
    evaluate_.set_defaults(func=cmd_eval)


def _demo_parser(commands: Commands) -> None:
    demo = commands.add_parser("demo", help="serve the bundled demo shops on loopback and audit them")
    _add_output_options(demo)
    _add_as_of_option(demo)
    _add_render_option(demo)
    demo.set_defaults(func=cmd_demo)


#: What ``--store`` takes (docs/store.md).
_STORE_FORMS = "a SQLite file, sqlite:///FILE or postgresql://USER@HOST:PORT/DATABASE"


def _report_parser(commands: Commands) -> None:
    report = commands.add_parser("report", help="render the HTML reports again from a result.json or a stored run")
    report.add_argument("result", type=Path, metavar="RESULT_JSON|RUN",
                        help="a result.json written by audit, demo or batch; or a run number in the store ('latest')")
    report.add_argument("--output", "-o", type=Path, default=None, metavar="DIR",
                        help="where the HTML reports go (default: the folder of RESULT_JSON, or of the store)")
    report.add_argument("--store", type=_store, default=None, metavar="STORE",
                        help=f"the store holding RUN: {_STORE_FORMS} (default audit-reports/auditor.sqlite)")
    report.add_argument("--format", default="html", metavar="FMT[,FMT]",
                        help="html, or html,pdf to print each report to PDF in Chromium too (default html)")
    _add_lang_option(report)
    report.set_defaults(func=cmd_report)


def _history_parser(commands: Commands) -> None:
    history = commands.add_parser("history", help="every stored audit of a site, and what changed between them")
    history.add_argument("url", metavar="URL")
    history.add_argument("--store", type=_store, default=Path("audit-reports/auditor.sqlite"), metavar="STORE",
                         help=f"the store: {_STORE_FORMS} (default audit-reports/auditor.sqlite)")
    _add_lang_option(history, what="language of the table")
    history.set_defaults(func=cmd_history)


def _verify_parser(commands: Commands) -> None:
    verify_ = commands.add_parser("verify", help="check that no evidence file of a run was altered")
    verify_.add_argument("target", type=_evidence, metavar="DIR|MANIFEST|s3://BUCKET/PREFIX",
                         help="an output folder (with manifest.json), a manifest file, or the place in a bucket "
                              "a queue run wrote to")
    _add_lang_option(verify_, what="language of the closing line (each problem found is told in English)")
    verify_.set_defaults(func=cmd_verify)


def _reaudit_parser(commands: Commands) -> None:
    reaudit = commands.add_parser("reaudit", help="judge a stored run again with today's rules, fetching nothing")
    reaudit.add_argument("run", metavar="RUN", help="run number in the store, or 'latest'")
    reaudit.add_argument("--store", type=_store, default=Path("audit-reports/auditor.sqlite"), metavar="STORE",
                         help=f"the store: {_STORE_FORMS} (default audit-reports/auditor.sqlite)")
    reaudit.add_argument("--output", "-o", type=Path, default=None, metavar="DIR",
                         help="where reports go (default: the folder of the store, where the screenshots are)")
    reaudit.add_argument("--format", default="html,json", metavar="FMT[,FMT]", help="output formats (html,json)")
    _add_lang_option(reaudit)
    reaudit.add_argument("--as-of", type=_parse_date, default=None, metavar="DATE",
                         help="apply the law as of this date (default: the run's own audit date)")
    reaudit.set_defaults(func=cmd_reaudit)


def _ci_parser(commands: Commands) -> None:
    ci_ = commands.add_parser(
        "ci", help="audit your own (staging) site as a build gate: exit 1 on findings at or above the threshold",
        description="Audit one site of your own and fail the build on findings. Settings come from auditor.toml "
                    "or [tool.auditor] in pyproject.toml (see README, 'Use in CI'); options here override them. "
                    "Exit codes: 0 nothing at or above the threshold, 1 findings at or above it, 2 the tool could "
                    "not do its job (bad configuration, site not reachable, a rule broke).",
    )
    ci_.add_argument("url", metavar="URL",
                     help="home page of the site, e.g. http://127.0.0.1:8000/ for a staging server")
    ci_.add_argument("--config", type=Path, default=None, metavar="FILE",
                     help="auditor.toml or pyproject.toml to read (default: found in this folder or a parent)")
    ci_.add_argument("--format", default=None, metavar="FMT[,FMT]",
                     help="output formats: sarif, junit, markdown, html, json (default: all)")
    ci_.add_argument("--output", "-o", type=Path, default=None, metavar="DIR",
                     help="where the outputs go (default audit-reports)")
    ci_.add_argument("--baseline", type=Path, default=None, metavar="RESULT_JSON",
                     help="a result.json of an earlier audit: findings it already had do not fail the build")
    ci_.add_argument("--exit-zero", action="store_true", help="exit 0 even when findings fail the gate (exploring)")
    ci_.add_argument("--fail-under", type=_score, default=None, metavar="SCORE",
                     help="fail when the score (0-100, waived findings left out) is below SCORE")
    ci_.add_argument("--fail-on", choices=("critical", "high", "medium", "low", "info"), default=None,
                     help="lowest severity of a failed rule that fails the build (default high)")
    ci_.add_argument("--lang", choices=LANGS, default=None, help="language of the reports (default en)")
    ci_.add_argument("--jurisdiction", choices=("auto", *jurisdictions()), default=None,
                     help="whose law to apply (default: from the configuration, else guessed)")
    ci_.add_argument("--max-pages", type=_positive, default=None, metavar="N", help="page budget")
    ci_.add_argument("--render", choices=RENDER_MODES, default=None,
                     help="which pages Chromium renders (default auto)")
    ci_.add_argument("--as-of", type=_parse_date, default=None, metavar="DATE",
                     help="apply the law, and judge waiver expiry, as of this date (default today)")
    ci_.add_argument("--allow-private", action="store_true",
                     help="fetch private addresses (automatic when URL itself is a local name or a private address)")
    ci_.add_argument("--accept-invalid-tls", action="store_true",
                     help="audit a staging site with a self-signed or expired certificate")
    ci_.add_argument("--ignore-robots", action="store_true", help="do not obey robots.txt (your own site only)")
    ci_.add_argument("--submit-test-message", action="store_true",
                     help="send one test message through the contact form and read the confirmation "
                          "(your own site only; needs a browser)")
    ci_.set_defaults(func=cmd_ci)


def _rules_parser(commands: Commands) -> None:
    rules = commands.add_parser("rules", help="list the rule catalogue, or show one rule")
    rules.add_argument("rule_id", nargs="?", metavar="ID")
    rules.add_argument("--write-docs", type=Path, default=None, metavar="DIR",
                       help="write the catalogue as one Markdown page per rule into DIR (e.g. docs/rules)")
    _add_lang_option(rules, what="language of the titles and labels")
    rules.set_defaults(func=cmd_rules)


def _add_output_options(parser: argparse.ArgumentParser,
                        output: Callable[[str], Path | S3Location] = Path) -> None:
    s3 = output is not Path  # batch: with --queue, the output may be a place in a bucket
    parser.add_argument("--output", "-o", type=output, default=Path("audit-reports"),
                        metavar="DIR|s3://BUCKET/PREFIX" if s3 else "DIR",
                        help="where reports go (default ./audit-reports)" + (
                            "; with --queue and --store, s3://BUCKET/PREFIX: reports and evidence in a bucket "
                            "(endpoint and keys: the AWS_* settings)" if s3 else ""))
    parser.add_argument("--format", default="html,json", metavar="FMT[,FMT]",
                        help=f"comma-separated output formats: {', '.join(FORMATS)} (default html,json)")
    parser.add_argument("--store", type=_store, default=None, metavar="STORE",
                        help=f"the store of runs, crawls and results: {_STORE_FORMS} "
                             "(default: OUTPUT/auditor.sqlite)")
    _add_lang_option(parser)


def _add_lang_option(parser: argparse.ArgumentParser, what: str = "language of the reports and the summary") -> None:
    parser.add_argument("--lang", choices=LANGS, default=DEFAULT_LANG,
                        help=f"{what}: {', '.join(LANGS)} (default {DEFAULT_LANG})")


def _add_as_of_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--as-of", type=_parse_date, default=None, metavar="DATE",
                        help="apply the law as of this date (YYYY-MM-DD; default today)")


def _add_audit_options(parser: argparse.ArgumentParser,
                       output: Callable[[str], Path | S3Location] = Path) -> None:
    _add_output_options(parser, output)
    parser.add_argument("--max-pages", type=_positive, default=DEFAULTS.max_pages, metavar="N",
                        help=f"page budget per site (default {DEFAULTS.max_pages})")
    parser.add_argument("--max-depth", type=_positive, default=DEFAULTS.max_depth, metavar="N",
                        help=f"click-depth limit from the home page (default {DEFAULTS.max_depth})")
    parser.add_argument("--jurisdiction", choices=("auto", *jurisdictions()), default="auto",
                        help="whose law to apply (default: guess from the domain and page language)")
    _add_as_of_option(parser)
    parser.add_argument("--allow-private", action="store_true",
                        help="fetch loopback, private and link-local addresses (a staging server on localhost); "
                             "off by default so that no page can make the audit reach into your network")
    parser.add_argument("--accept-invalid-tls", action="store_true",
                        help="audit a site whose TLS certificate is self-signed, expired or for another name "
                             "(the report says the certificates were not checked)")
    parser.add_argument("--ignore-robots", action="store_true",
                        help="do not obey robots.txt (shown in the report); only with the site's consent")
    parser.add_argument("--contact-url", default=DEFAULTS.contact_url, metavar="URL",
                        help="URL in the User-Agent where site owners read who crawls them")
    parser.add_argument("--site-timeout", type=_seconds, default=DEFAULTS.site_timeout,
                        metavar="SECONDS", help=f"time limit per site (default {DEFAULTS.site_timeout:g})")
    _add_render_option(parser)


def _add_render_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--render", choices=RENDER_MODES, default="auto",
        help="which pages a real browser (Chromium) renders: auto = home, contact and JavaScript-only pages "
             "(default); always = every page read; never = none (no browser needed; browser checks then "
             "need review)",
    )


def audit_settings(args: argparse.Namespace) -> AuditSettings:
    """The one settings object of ``audit``, ``batch`` and ``demo``, from their parsed options
    (an option a command does not have keeps the pipeline's default)."""
    formats = tuple(_parse_formats(args.format))
    if isinstance(args.output, S3Location) or str(args.output).startswith("s3:"):
        raise UsageError(f"-o {args.output}: reports and evidence go to a bucket only on a queue "
                         "(batch --queue URL --store STORE -o s3://BUCKET/PREFIX)")
    output = Path(args.output)
    jurisdiction = getattr(args, "jurisdiction", "auto")
    return AuditSettings(
        max_pages=getattr(args, "max_pages", DEFAULTS.max_pages),
        max_depth=getattr(args, "max_depth", DEFAULTS.max_depth),
        obey_robots=not getattr(args, "ignore_robots", False),
        contact_url=getattr(args, "contact_url", DEFAULTS.contact_url),
        site_timeout=getattr(args, "site_timeout", DEFAULTS.site_timeout),
        allow_private=getattr(args, "allow_private", False),
        accept_invalid_tls=getattr(args, "accept_invalid_tls", False),
        concurrency=getattr(args, "concurrency", DEFAULTS.concurrency),
        render=args.render,
        submit_test_message=getattr(args, "submit_test_message", False),
        jurisdiction=None if jurisdiction == "auto" else jurisdiction,
        as_of=args.as_of,
        output=output,
        store=args.store if args.store is not None else output / "auditor.sqlite",
        formats=formats,
        lang=args.lang,
    )


# ---------------------------------------------------------------------------- commands


def cmd_audit(args: argparse.Namespace, console: Console) -> int:
    settings = audit_settings(args)
    saved = _saved_copy(args)
    urls = [saved.base_url] if saved is not None else [_site_url(u) for u in args.urls]
    if settings.submit_test_message and (len(urls) != 1 or saved is not None or settings.render == "never"):
        raise UsageError(WORDS("test_message"))
    if saved is not None:
        console.print(say(settings.lang, "saved_copy", folder=str(saved.root), url=saved.base_url,
                          n=len(saved.files)))
    jobs = [settings.job(url, saved_copy=saved) for url in urls]
    done = _audit(jobs, settings, console, source=" ".join(args.urls))
    recorded = {"max_pages": settings.max_pages, "max_depth": settings.max_depth,
                "jurisdiction": settings.jurisdiction or "auto", "render": settings.render,
                "site_timeout": settings.site_timeout, "ignore_robots": not settings.obey_robots,
                "contact_url": settings.contact_url, "as_of": settings.as_of.isoformat() if settings.as_of else None}
    _emit(done.result, settings, console, recorded, done.run)
    return _exit_code(done.result)


def _site_url(raw: str) -> str:
    """A URL argument of ``audit``. A folder, a file or a path given for a URL gets a message
    that says which command or option the user meant, not an audit of ``https://./list.csv``."""
    if "://" not in raw:
        path = Path(raw).expanduser()
        if path.is_dir():
            raise UsageError(WORDS("folder", raw=raw))
        if path.is_file():
            raise UsageError(WORDS("file", raw=raw))
        if raw.startswith((".", "/", "~", "\\")) or _LIST_FILE.search(raw):
            raise UsageError(WORDS("neither", raw=raw))
    return normalise_url(raw)


#: A name that is a file of sites rather than a host: these endings are no top-level domains.
_LIST_FILE = re.compile(r"\.(?:csv|tsv|txt|xlsx?|ods|json|ya?ml)$", re.IGNORECASE)


def _saved_copy(args: argparse.Namespace) -> SavedCopy | None:
    """The saved copy named by PATH --base-url [--url-map], or None for a live audit."""
    if args.base_url is None:
        if args.url_map is not None:
            raise UsageError(WORDS("url_map"))
        if args.whole_site:
            raise UsageError(WORDS("whole_site"))
        return None
    if len(args.urls) != 1:
        raise UsageError(WORDS("one_copy"))
    base_url = normalise_url(args.base_url)
    try:
        url_map = load_url_map(args.url_map) if args.url_map is not None else None
        return SavedCopy.open(Path(args.urls[0]), base_url, url_map=url_map, complete=args.whole_site)
    except SavedCopyError as exc:
        raise UsageError(str(exc)) from None


def cmd_batch(args: argparse.Namespace, console: Console) -> int:
    profile_process("batch")  # with AUDITOR_PROFILE only
    if isinstance(args.output, S3Location):
        return _batch_to_bucket(args, console, args.output)
    return _batch(args, console)


def _batch_to_bucket(args: argparse.Namespace, console: Console, location: S3Location) -> int:
    """``batch --queue -o s3://…``: the workers upload the evidence; with ``--follow``, the run's
    evidence is downloaded into a spool folder, the reports and manifest are written there as into
    a local folder, and what was written is uploaded beside the evidence."""
    import tempfile

    if args.queue is None or args.store is None:
        raise UsageError(f"-o {location}: reports and evidence go to a bucket only on a queue, with a store "
                         "the workers share (--queue URL --store STORE)")
    bucket = Bucket(location)
    bucket.check()
    with tempfile.TemporaryDirectory(prefix="auditor-spool-") as spool:
        args.output = Path(spool)
        return _batch(args, console, bucket)


def _batch(args: argparse.Namespace, console: Console, bucket: Bucket | None = None) -> int:
    settings = audit_settings(args)
    if args.follow and args.queue is None:
        raise UsageError(WORDS("follow_needs_queue"))
    batch = pipeline.Batch.open(read_sites(args.sites, normalise_url), settings, source=str(args.sites))
    lang = settings.lang
    if batch.resumed:
        console.print(say(lang, "resuming", run=batch.run.id, time=f"{batch.run.started_at:%Y-%m-%d %H:%M} UTC",
                          done=batch.finished, n=len(batch.sites)))
    else:
        console.print(say(lang, "run_started", run=batch.run.id, n=len(batch.sites),
                          date=format_day(batch.as_of, lang)))
    if args.queue is not None:
        return _batch_on_queue(batch, args, settings, console, bucket)
    with _batch_bar(console) as progress:
        task = progress.add_task(say(lang, "auditing"), total=len(batch.sites), completed=batch.finished, status="")
        batch.audit(on_site=_batch_progress(progress, task, batch.finished, lang))
    return _batch_outputs(batch, args, settings, console)


def _batch_bar(console: Console) -> Progress:
    """The progress bar of a batch: sites done of all, counts and speed, time spent and left."""
    return Progress(
        SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
        TextColumn("{task.fields[status]}"), TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
        console=console, transient=True,
    )


def _batch_on_queue(batch: pipeline.Batch, args: argparse.Namespace, settings: AuditSettings,
                    console: Console, bucket: Bucket | None = None) -> int:
    """``batch --queue``: a job for each site not stored or queued yet; with ``--follow``, the
    progress of every worker until the run is stored whole, then the reports as a local batch
    writes them."""
    from auditor.queue.control import Control, QueueError
    from auditor.queue.jobs import run_ref
    from auditor.queue.runs import enqueue_missing, prune_attempts, run_status

    lang = settings.lang
    try:
        enqueued = enqueue_missing(batch, args.queue)
    except QueueError as exc:
        batch.close(finished=False)
        raise UsageError(str(exc)) from None
    if enqueued.reopened:
        console.print(say(lang, "reopened", run=batch.run.id))
    console.print(say(lang, "queued", run=batch.run.id, n=enqueued.queued, stored=enqueued.stored,
                      pending=enqueued.pending))
    if not args.follow:
        console.print(say(lang, "follow_hint", run=batch.run.id))
        batch.close(finished=False)
        return EXIT_OK
    control = Control(args.queue)
    started, first = time.monotonic(), enqueued.stored
    try:
        with control.stored_news(run_ref(batch.run)) as news, _batch_bar(console) as progress:
            task = progress.add_task(say(lang, "auditing"), total=len(batch.sites), completed=first, status="")
            while True:
                status = run_status(batch.db, batch.run, control)
                minutes = max((time.monotonic() - started) / 60, 1e-6)
                progress.update(task, completed=status.stored, status=say(
                    lang, "queue_status", not_audited=status.not_audited, working=len(status.in_progress),
                    workers=len(status.by_worker()), rate=format_number((status.stored - first) / minutes, lang)))
                if status.complete or status.cancelled:
                    break
                news(args.poll)  # a worker's word that it stored a site, or the poll interval
    finally:
        control.close()
    if not status.complete:
        console.print(f"[yellow]{say(lang, 'run_cancelled', run=batch.run.id, done=status.stored, n=batch.run.total)}"
                      "[/yellow]")
        batch.close(finished=False)
        return EXIT_TOOL_ERROR
    out_dir = settings.output or Path("audit-reports")
    if bucket is None:
        prune_attempts(batch.db, batch.run, out_dir)
        return _batch_outputs(batch, args, settings, console)
    prune_attempts(batch.db, batch.run, bucket.location)
    # The reports embed the screenshots and the manifest hashes the evidence: both read from
    # copies of the run's objects, so the hashes are those of the bytes in the bucket.
    fetched = [*bucket.download_tree(f"evidence/run-{batch.run.id}", out_dir),
               *bucket.download_tree(f"screenshots/run-{batch.run.id}", out_dir)]
    return _batch_outputs(batch, args, settings, console, bucket, fetched)


def _batch_outputs(batch: pipeline.Batch, args: argparse.Namespace, settings: AuditSettings,
                   console: Console, bucket: Bucket | None = None, fetched: Sequence[str] = ()) -> int:
    """The reports, tables and manifest of a batch whose every site is stored; the run finished.
    With ``bucket``, the output folder is a spool: what was written there (all but the evidence
    ``fetched`` from the bucket) is uploaded, and the files are named by their place in the bucket."""
    lang = settings.lang
    header = batch.header()
    info = BatchInfo(names={url: name for url, (name, _) in batch.labels.items()},
                     tags={url: tags for url, (_, tags) in batch.labels.items()},
                     run_label=WORDS("run_label", run=batch.run.id, file=args.sites.name))
    shown: list[SiteResult] = []  # what the summary table shows of the first sites (printed for 30 or fewer)

    def summary(site: SiteResult) -> None:
        if len(shown) <= _SUMMARY_SITES:
            shown.append(summary_site(site))

    written, _, seen = _write_stored(header, batch.site_results(), [*settings.formats, "index", "csv", "findings"],
                                     settings, settings.recorded(), batch.run.id, batch=info, on_site=summary)
    where: Callable[[Path], str] = str
    if bucket is not None:
        out_dir = settings.output or Path("audit-reports")
        uploaded = bucket.upload_tree(out_dir, skip=fetched)
        console.print(f"uploaded {len(uploaded)} files (reports, manifests) to {escape(str(bucket.location))}")
        location = bucket.location

        def where(path: Path) -> str:
            return f"{location}{path.relative_to(out_dir).as_posix()}"

        for pdf in written.files.get("pdf", []):
            console.print(say(lang, "wrote", path=where(pdf)))
    _say_printed(written, console, lang, listed=bucket is not None)
    batch.close(finished=True)
    if seen.sites <= _SUMMARY_SITES:  # (the spool's reports are gone once the command ends: no path to show)
        print_summary(header.model_copy(update={"sites": shown}), Console(),
                      written.site_reports if bucket is None else {}, lang=settings.lang)
    [index], [table], [findings] = written.files["index"], written.files["csv"], written.files["findings"]
    console.print(say(lang, "run_done", run=batch.run.id, n=seen.sites, index=where(index), table=where(table),
                      findings=where(findings), store=_describe_store(settings.store)))
    return EXIT_OK if seen.audited else EXIT_TOOL_ERROR


#: A batch of this many sites or fewer ends with the summary table (a bigger one has the index).
_SUMMARY_SITES = 30


def _batch_progress(
    progress: Progress, task: TaskID, finished: int, lang: str = DEFAULT_LANG,
) -> Callable[[BatchSite, SiteResult, pipeline.BatchProgress], None]:
    """What the batch's progress bar shows after each site: counts, pages and speed, and the
    sites that could not be audited, with why."""
    started = time.monotonic()

    def on_site(site: BatchSite, result: SiteResult, state: pipeline.BatchProgress) -> None:
        minutes = max((time.monotonic() - started) / 60, 1e-6)
        done_now = state.done - finished
        progress.update(task, completed=state.done, status=say(
            lang, "batch_status", not_audited=state.not_audited, pages=state.pages,
            rate=format_number(done_now / minutes, lang)))
        if result.status != SiteStatus.AUDITED:
            reason = escape(result.reason_i18n.get(lang) or result.reason or "")
            progress.console.print(f"  [yellow]{say(lang, 'not_audited')}[/yellow] {escape(site.url)}: {reason}")

    return on_site


def cmd_eval(args: argparse.Namespace, console: Console) -> int:
    sites = load_corpus(args.corpus)
    day = args.as_of or datetime.now(UTC).date()
    with _progress(console) as progress:
        task = progress.add_task(f"Auditing {len(sites)} saved site(s)", total=len(sites))
        evaluation = evaluate(sites, as_of=day, render=args.render, on_site_done=lambda _: progress.advance(task))
    table = markdown_table(evaluation)
    sys.stdout.write(table)  # Markdown as is: no wrapping, no markup
    if args.write is not None:
        header = (
            f"Generated by `auditor eval {args.corpus.as_posix()} --as-of {day.isoformat()} --render {args.render}` "
            f"with auditor "
            f"{__version__}: {len(sites)} sites."
        )
        try:
            write_into(args.write, table, header)
        except OSError as exc:
            raise UsageError(f"cannot write {args.write}: {exc.strerror or exc}") from None
        console.print(f"wrote the table into {escape(str(args.write))}")
    return EXIT_OK


def cmd_demo(args: argparse.Namespace, console: Console) -> int:
    settings = replace(audit_settings(args), allow_private=True)
    shops = demo_shops()
    started = time.monotonic()
    with serve_sites([root for root, _ in shops], port=DEMO_PORT) as served:
        for site, (_, meta) in zip(served, shops, strict=True):
            console.print(say(settings.lang, "serving", name=str(meta["name"]), url=site.url))
        jobs = [settings.job(site.url, str(meta["jurisdiction"]))
                for site, (_, meta) in zip(served, shops, strict=True)]
        done = _audit(jobs, settings, console, source="demo")
    _emit(done.result, settings, console, {"render": settings.render, "demo": True}, done.run)
    console.print(say(settings.lang, "demo_done", seconds=format_number(time.monotonic() - started, settings.lang)))
    return _exit_code(done.result)


def cmd_reaudit(args: argparse.Namespace, console: Console) -> int:
    formats = tuple(_parse_formats(args.format))
    done = pipeline.reaudit(args.store, args.run, args.as_of)
    as_of = done.header.as_of
    lang = args.lang
    settings = AuditSettings(output=args.output or _store_folder(args.store), formats=formats, lang=args.lang)
    # The sites are judged as the reports are written, so the run is said to be done after them.
    _emit_stored(done.header, done.sites, settings, console, {"reaudit_of": done.original, "as_of": as_of.isoformat()},
                 done.run)
    missing = f" ({say(lang, 'reaudit_missing', n=done.missing)})" if done.missing else ""
    console.print(say(lang, "reaudited", run=done.run, original=done.original, date=format_day(as_of, lang)) + missing)
    return EXIT_OK


def cmd_ci(args: argparse.Namespace, console: Console) -> int:
    """``auditor ci``: audit one site, apply waivers and the baseline, write CI outputs, gate."""
    config, source = _ci_config(args)
    baseline = ci.load_baseline(args.baseline) if args.baseline is not None else None
    lang = config.lang
    console.print(say(lang, "configuration", source=str(source) if source else WORDS("no_configuration")))
    url = normalise_url(args.url)
    if args.submit_test_message and config.render == "never":
        raise UsageError(WORDS("test_message_browser"))
    settings = _ci_settings(args, config, url)
    sources: dict[str, str] = {}

    def keep_html(_: int, crawl: SiteCrawl, __: SiteResult) -> None:  # the HTML as served, for SARIF's lines
        sources.update({p.final_url: p.html for p in crawl.pages if p.html})
        sources.update({p.url: p.html for p in crawl.pages if p.html})

    done = _audit([settings.job(url)], settings, console, source=url, on_audited=keep_html)
    result = ci.apply_waivers(done.result, config.waivers, settings.day)
    gate = ci.decide(result, config, baseline)
    recorded = {"command": "ci", "config": str(source) if source else None, "as_of": settings.day.isoformat(),
                **config.model_dump(mode="json", exclude={"waivers"}),
                "waivers": len(config.waivers), "baseline": str(args.baseline) if args.baseline else None}
    written, manifest = _write(result, settings.formats, settings, recorded, done.run, gate=gate, sources=sources)
    for item in [*written.paths(), manifest]:
        console.print(say(lang, "wrote", path=str(item)))
    _say_printed(written, console, lang, listed=True)
    print_summary(result, console, written.site_reports, lang=settings.lang)
    _print_gate(gate, console, lang)
    code = gate.exit_code(exit_zero=args.exit_zero)
    if args.exit_zero and gate.exit_code() == EXIT_FINDINGS:
        console.print(f"[yellow]{say(lang, 'exit_zero')}[/yellow]")
    return code


def _ci_config(args: argparse.Namespace) -> tuple[ci.CiConfig, Path | None]:
    """The CI configuration: the file's, with the options given on the command line over it."""
    path = args.config if args.config is not None else ci.find_config(Path.cwd())
    config, source = ci.load_config(path)
    overrides = {key: value for key, value in (
        ("fail_under", args.fail_under), ("fail_on", args.fail_on), ("lang", args.lang),
        ("jurisdiction", args.jurisdiction), ("max_pages", args.max_pages), ("render", args.render),
        ("output", str(args.output) if args.output is not None else None),
        ("format", tuple(f.strip().lower() for f in args.format.split(",") if f.strip())
         if args.format is not None else None),
    ) if value is not None}
    if not overrides:
        return config, source
    merged = config.model_dump(by_alias=False) | overrides
    try:
        config = ci.CiConfig.model_validate({ci.CiConfig.model_fields[k].alias or k: v for k, v in merged.items()})
    except ValidationError as exc:  # an option's value the configuration model refuses
        first = exc.errors()[0]
        option = f"--{first['loc'][0]}" if first["loc"] else "an option"
        raise UsageError(f"{option}: {str(first['msg']).removeprefix('Value error, ')}") from None
    return config, source


def _ci_settings(args: argparse.Namespace, config: ci.CiConfig, url: str) -> AuditSettings:
    """The one settings object of ``auditor ci``, from its configuration and options. Private
    addresses are fetched when asked, or when the URL itself is local and nothing says no."""
    local = names_private_host((urlsplit(url).hostname or "").lower())
    output = Path(config.output)
    return AuditSettings(
        max_pages=config.max_pages, max_depth=config.max_depth, obey_robots=not args.ignore_robots,
        site_timeout=config.site_timeout, render=config.render, submit_test_message=args.submit_test_message,
        allow_private=bool(args.allow_private or config.allow_private or (config.allow_private is None and local)),
        accept_invalid_tls=args.accept_invalid_tls,
        jurisdiction=None if config.jurisdiction == "auto" else config.jurisdiction,
        rules=tuple(ci.rules_to_run(config)), as_of=args.as_of, output=output, store=output / "auditor.sqlite",
        formats=config.format, lang=config.lang,
    )


def _print_gate(gate: Gate, console: Console, lang: str = DEFAULT_LANG) -> None:
    fail_on = gate.config.fail_on.value
    for problem in gate.problems:
        console.print(f"[red]{say(lang, 'could_not_check')}[/red] {escape(problem)}")
    for site, score in gate.low_scores:
        below = say(lang, "below_fail_under", score=format_number(score, lang),
                    limit=format_number(gate.config.fail_under or 0, lang))
        console.print(f"[red]{below}[/red] ({escape(site.url)})")
    for finding in gate.expired:
        waiver = finding.outcome.waiver
        assert waiver is not None
        expired = say(lang, "waiver_expired", rule=finding.outcome.rule, date=format_day(waiver.expires, lang))
        console.print(f"[yellow]{expired}[/yellow]: {escape(waiver.reason)}")
    states = [f.state for f in gate.findings]
    console.print(say(
        lang, "gate", n=states.count("counts"), fail_on=fail_on,
        partials=WORDS("partials_too") if gate.config.fail_on_partial else "",
        waived=states.count("waived"), below=states.count("below_threshold"), partly=states.count("partial"),
        baseline=WORDS("in_baseline", n=states.count("in_baseline")) if gate.baseline_used else "",
    ))
    for finding in gate.counting:
        message = localized(finding.outcome, "message", lang)
        console.print(f"  [red]✘[/red] {finding.outcome.rule} ({finding.outcome.severity.value}): "
                      f"{escape(message)}", soft_wrap=True)


def cmd_report(args: argparse.Namespace, console: Console) -> int:
    path: Path = args.result
    formats = [f for f in _parse_formats(args.format) if f != "json"] or ["html"]
    if not path.is_file() and (str(path).isdigit() or str(path) == "latest"):
        where: store.Where = args.store or Path("audit-reports/auditor.sqlite")
        db, run = pipeline.open_run(where, str(path))
        # The evidence lies beside a SQLite store; a database server's runs name no folder: -o.
        file = store.sqlite_file(where)
        assets_dir = file.parent if file is not None else args.output or Path("audit-reports")
        out_dir = args.output or assets_dir
        header, shown = pipeline.stored_header(run), []
        try:  # a stored run is written site by site, however many sites it has
            written = write_reports_of(header, pipeline.stored_sites(db, run), formats, out_dir, assets_dir=assets_dir,
                                       lang=args.lang, printer=print_pdfs,
                                       on_site=lambda site: shown.append(summary_site(site)))
        except OSError as exc:
            raise UsageError(WORDS("cannot_write", folder=str(out_dir), reason=str(exc))) from exc
        finally:
            db.close()
        result = header.model_copy(update={"sites": shown})
    else:
        result = _read_result(path)
        out_dir, assets_dir = args.output or path.parent, path.parent
        try:
            written = write_reports(result, formats, out_dir, assets_dir=assets_dir, lang=args.lang,
                                    printer=print_pdfs)
        except OSError as exc:
            raise UsageError(WORDS("cannot_write", folder=str(out_dir), reason=str(exc))) from exc
    _say_printed(written, console, args.lang)
    print_summary(result, Console(), written.site_reports, lang=args.lang)
    return EXIT_OK


def _read_result(path: Path) -> AuditResult:
    """A result.json of this tool's schema, or a UsageError that says what is wrong with it."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UsageError(WORDS("cannot_read", path=str(path), reason=str(exc.strerror or exc))) from None
    try:
        data = json.loads(raw)
    except ValueError as exc:
        raise UsageError(WORDS("not_json", path=str(path), reason=str(exc))) from None
    version = str(data.get("schema_version", "")) if isinstance(data, dict) else ""
    major = SCHEMA_VERSION.split(".")[0]
    if version.split(".")[0] != major:
        raise UsageError(WORDS("not_result", path=str(path), major=major, version=version or WORDS("missing")))
    try:
        return scoring.with_coverage(AuditResult.model_validate(data))  # a 1.6 result gets its coverage
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise UsageError(WORDS("invalid_result", path=str(path), where=where, reason=str(first["msg"]))) from None


def cmd_rules(args: argparse.Namespace, console: Console) -> int:
    out = Console()
    lang = args.lang
    if args.write_docs is not None:
        written = write_docs(args.write_docs)
        console.print(say(lang, "wrote_pages", n=len(written), folder=str(args.write_docs)))
        return EXIT_OK
    if args.rule_id:
        try:
            rule = registry.get_rule(args.rule_id)
        except KeyError as exc:
            raise UsageError(str(exc.args[0])) from None
        _print_rule(rule, out, lang)
        return EXIT_OK
    out.print(rules_table(lang))
    return EXIT_OK


def _where(rule: type[Rule], lang: str) -> str:
    """Where a rule applies (``where_it_applies``) in the words of ``lang``: ``all``, ``all but NO``,
    ``SE DK``, ``none``; jurisdiction codes stay as they are."""
    where = where_it_applies(rule)
    if where == "all":
        return say(lang, "applies_all")
    if where == "none":
        return say(lang, "applies_none")
    if where.startswith("all but "):
        return say(lang, "applies_all_but", jurisdictions=where.removeprefix("all but "))
    return escape(where)


def _print_rule(rule: type[Rule], out: Console, lang: str = DEFAULT_LANG) -> None:
    meta = rule.meta
    words = meta.words(lang)
    where = say(lang, "every_jurisdiction") if where_it_applies(rule) == "all" else _where(rule, lang)
    out.print(f"[bold]{meta.id}[/bold]  ("
              + say(lang, "rule_heading", category=category_label(meta.category.value, lang),
                    severity=severity_label(meta.severity.value, lang), where=where) + ")")
    titles = Table.grid(padding=(0, 1))  # the headline of each outcome, wrapped in its own column
    titles.add_column(no_wrap=True)
    titles.add_column()
    for outcome, _label in OUTCOME_LABELS:
        titles.add_row(f"{escape(outcome_label(outcome.value, lang))}:", escape(words.title_for(outcome)))
    out.print(titles)
    out.print("")
    out.print(escape(words.description))
    if lang == DEFAULT_LANG:
        sections = doc_sections(rule)
        for name in SECTIONS:
            if sections.get(name):
                out.print(f"\n[bold]{name}[/bold]\n{escape(sections[name])}")
    if meta.fix:
        out.print(f"\n[bold]{say(lang, 'how_to_fix')}[/bold]\n{escape(translate(lang, meta.fix))}")
    out.print(f"\n[bold]{say(lang, 'legal_basis')}[/bold]")
    for ref in meta.legal_refs:
        words_of = ref.translated()
        instrument = words_of.instrument_i18n.get(lang, ref.instrument)
        provision = words_of.provision_i18n.get(lang, ref.provision)
        out.print(f"  \\[{ref.jurisdiction}] {escape(instrument)}, {escape(provision)}")
    if lang != DEFAULT_LANG:
        out.print("\n" + say(lang, "rule_page", page=f"docs/rules/{meta.id}.md"))


def rules_table(lang: str = DEFAULT_LANG) -> Table:
    """The catalogue as ``auditor rules`` prints it: a row per rule under its category, the
    title in the one column that wraps (at spaces), so that 80 columns hold it without breaking
    a word; where each rule applies, against the jurisdictions with a profile. In ``lang``: the
    labels, categories, severities and titles; rule ids and jurisdiction codes stay as they are."""
    every = " ".join(j.upper() for j in jurisdictions())
    table = Table(title=say(lang, "catalogue_title", n=len(registry.all_rules())), title_justify="left",
                  box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, collapse_padding=True,
                  caption=say(lang, "catalogue_caption", every=every), caption_justify="left")
    table.add_column(say(lang, "column_rule"), no_wrap=True)
    table.add_column(say(lang, "column_severity"), no_wrap=True)
    table.add_column(say(lang, "column_applies"), max_width=14)
    table.add_column(say(lang, "column_passes"), ratio=1, min_width=20)
    for category, group in groupby(registry.all_rules(), key=lambda r: r.meta.category):
        rules = list(group)
        table.add_row(f"[bold]{escape(category_label(category.value, lang))}[/bold]")
        for i, rule in enumerate(rules):
            table.add_row(rule.meta.id, escape(severity_label(rule.meta.severity.value, lang)), _where(rule, lang),
                          escape(rule.meta.words(lang).title), end_section=i == len(rules) - 1)
    return table


def cmd_verify(args: argparse.Namespace, console: Console) -> int:
    if isinstance(args.target, S3Location):
        import tempfile

        with tempfile.TemporaryDirectory(prefix="auditor-verify-") as copy:
            _fetch_manifested(Bucket(args.target), Path(copy))
            return _verify(Path(copy), args.lang, str(args.target))
    return _verify(args.target, args.lang)


def _fetch_manifested(bucket: Bucket, root: Path) -> None:
    """Copies of a bucket's manifests and of every object they list, at their relative paths
    under ``root``: what ``verify`` then checks is the bytes the bucket gave (an object listed
    and not there is not copied, and is missing)."""
    bucket.check()
    wanted: set[str] = set()
    for name in bucket.starting("manifest"):
        if name != MANIFEST and not re.fullmatch(r"manifest-run-\d+\.json", name):
            continue
        bucket.download(name, root / name)
        try:
            entries = json.loads((root / name).read_text(encoding="utf-8"))["files"]
            wanted |= {str(entry["path"]) for entry in entries}
        except (OSError, ValueError, KeyError, TypeError):
            continue  # verify says the manifest is not readable
    for relative in sorted(wanted):
        if safe_relative(relative):
            bucket.download(relative, root / relative)


def _verify(target: Path, lang: str, shown: str | None = None) -> int:
    """``verify`` of a folder or manifest file; ``shown``: what to call the folder (a bucket's
    place, for a local copy of it)."""
    found = manifests(target)
    if not found:
        raise UsageError(WORDS("no_manifest", manifest=MANIFEST, target=shown or str(target)))
    checked, problems = 0, []
    for manifest in found:
        count, issues = verify(manifest)
        checked += count
        problems += [f"{manifest.name}: {issue}" for issue in issues]
    manifest = found[0] if len(found) == 1 else target
    name = str(manifest) if shown is None else shown + (found[0].name if len(found) == 1 else "")
    out = Console()
    for problem in problems:
        out.print(f"[red]✘[/red] {escape(problem)}", soft_wrap=True)
    if problems:
        out.print(say(lang, "verify_problems", n=len(problems), files=checked, manifest=name))
        return EXIT_FINDINGS
    out.print("[green]✔[/green] " + say(lang, "verify_ok", n=checked, manifest=name))
    return EXIT_OK


def cmd_worker(args: argparse.Namespace, console: Console) -> int:
    from auditor.queue.control import QueueError
    from auditor.queue.worker import WorkerContext, default_name, run_worker

    context = WorkerContext(broker=args.queue, where=args.store, evidence=args.evidence,
                            name=args.name or default_name(), time_limit=args.time_limit, lease=args.lease)
    pipeline.open_store(args.store).close()  # an unusable store is said now, not at the first job
    bucket = context.bucket()
    if bucket is not None:  # so is a bucket out of reach, or keys it does not take
        bucket.check()
    console.print(f"worker {escape(context.name)}: jobs from {escape(args.queue)}, "
                  f"store {escape(store.describe(args.store))}, "
                  f"evidence {escape(str(args.evidence))}")
    try:
        run_worker(context, concurrency=args.concurrency, visibility_timeout=args.visibility_timeout)
    except QueueError as exc:
        raise UsageError(str(exc)) from None
    return EXIT_OK


def cmd_status(args: argparse.Namespace, console: Console) -> int:
    from auditor.queue.control import Control, QueueError
    from auditor.queue.runs import run_status

    db, run = pipeline.open_run(args.store, args.run)
    control = Control(args.queue) if args.queue else None
    try:
        if control is not None:
            control.check()
        status = run_status(db, run, control)
    except QueueError as exc:
        raise UsageError(str(exc)) from None
    finally:
        db.close()
        if control is not None:
            control.close()
    out = Console()
    state = ("finished" if run.finished_at else "cancelled" if status.cancelled else
             "complete, reports not written" if status.complete else "running")
    out.print(f"run {run.id} ({escape(run.source)}), started {run.started_at:%Y-%m-%d %H:%M} UTC: {state}")
    table = Table(box=box.SIMPLE, show_header=False)
    table.add_column("")
    table.add_column("", justify="right")
    table.add_row("sites", str(run.total))
    table.add_row("audited", str(status.audited))
    table.add_row("not audited", str(status.not_audited))
    if control is not None:
        table.add_row("in progress", str(len(status.in_progress)))
        table.add_row("queued", str(status.queued))
    out.print(table)
    for worker, count in status.by_worker().items():
        out.print(f"  {escape(worker)}: {count} in progress")
    for url, worker in sorted(status.in_progress.items()):
        out.print(f"    {escape(url)} on {escape(worker)}", soft_wrap=True)
    return EXIT_OK


def cmd_cancel(args: argparse.Namespace, console: Console) -> int:
    db, run = pipeline.open_run(args.store, args.run)
    try:
        store.cancel_run(db, run)
    finally:
        db.close()
    Console().print(f"run {run.id} cancelled: workers skip its sites not yet started; the sites in progress are "
                    "finished and stored. `auditor batch` with the same list and settings takes it up again.")
    return EXIT_OK


def cmd_history(args: argparse.Namespace, console: Console) -> int:
    url = normalise_url(args.url)
    db, _ = pipeline.open_run(args.store, "latest")
    audits = store.site_history(db, url)
    db.close()
    lang = args.lang
    if not audits:
        raise UsageError(WORDS("no_history", url=url, store=store.describe(args.store)))
    # A row a run, in 80 columns whatever the language: dates whole, words wrapped at spaces, the
    # three counts of changes in one column ("fixed / regressed / changed").
    table = Table(title=say(lang, "history_title", url=url), title_justify="left", box=box.SIMPLE_HEAD,
                  show_edge=False, pad_edge=False)
    for column in ("run", "audited", "law", "status", "score"):
        table.add_column(say(lang, f"column_{column}"), no_wrap=column in ("run", "audited", "law", "score"))
    table.add_column(" / ".join(say(lang, f"column_{k}") for k in ("fixed", "regressed", "changed")))
    previous: SiteResult | None = None
    last: list[RuleChange] = []
    for run, site in audits:
        changes: list[RuleChange] = []
        if previous is not None and site.result.status == SiteStatus.AUDITED:
            changes, _ = store.compare(previous, site.result)
        counts = {k: sum(c.change == k for c in changes) for k in ("fixed", "regressed", "changed")}
        status = say(lang, "audited") if site.status == SiteStatus.AUDITED.value else say(lang, "not_audited")
        table.add_row(str(run.id), f"{site.finished_at:%Y-%m-%d %H:%M}", run.as_of, status,
                      "–" if site.score is None else format_number(site.score, lang),
                      " / ".join(str(counts[k]) for k in ("fixed", "regressed", "changed")) if previous is not None
                      else "–")
        if site.result.status == SiteStatus.AUDITED:
            previous, last = site.result, changes
    out = Console()
    out.print(table)
    for change in last:
        before = outcome_label(change.before.value, lang) if change.before else "—"
        out.print(f"  {escape(change_label(change.change, lang)):11} {change.rule}: {escape(before)} → "
                  f"{escape(outcome_label(change.after.value, lang))}")
    return EXIT_OK


# ---------------------------------------------------------------------------- helpers


def demo_shops() -> list[tuple[Path, dict[str, object]]]:
    """The bundled demo shops: their folders and the metadata in each ``shop.toml``."""
    folder = Path(str(resources.files("auditor") / "demo" / "shops"))
    shops = []
    for meta_file in sorted(folder.glob("*/shop.toml")):
        shops.append((meta_file.parent, tomllib.loads(meta_file.read_text(encoding="utf-8"))))
    if not shops:
        raise UsageError(f"no demo shops found in {folder}")
    return shops


def normalise_url(raw: str) -> str:
    """A site URL from what a user typed: ``shop.se`` becomes ``https://shop.se/``."""
    text = raw.strip()
    if "://" not in text:
        text = "https://" + text
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https"):
        raise UsageError(WORDS("not_web", raw=repr(raw)))
    if not parts.hostname or " " in text or not _valid_host(parts.hostname):
        raise UsageError(WORDS("not_url", raw=repr(raw)))
    return parts._replace(path=parts.path or "/", fragment="").geturl()


def _valid_host(host: str) -> bool:
    """An IPv6 address, or dot-separated labels of letters (any script), digits, ``-`` and
    ``_`` that neither start nor end with ``-``: ``.`` and ``..`` (from ``./list.csv``) are none."""
    if ":" in host:
        return True  # urlsplit has checked the brackets; the crawl says if it is no address
    labels = host.removesuffix(".").split(".")
    return all(0 < len(label) <= 63 and re.fullmatch(r"\w(?:[\w-]*\w)?", label) for label in labels)


def _audit(
    jobs: Sequence[SiteJob], settings: AuditSettings, console: Console, *, source: str,
    on_audited: Callable[[int, SiteCrawl, SiteResult], None] | None = None,
) -> pipeline.Audit:
    """The pipeline's audit of ``jobs`` under a progress bar that names each site as it is crawled."""
    with _progress(console) as progress:
        lang = settings.lang
        task = progress.add_task(say(lang, "crawling", n=len(jobs)), total=len(jobs))

        def crawled(crawl: SiteCrawl) -> None:
            progress.advance(task)
            rendered = sum(1 for p in crawl.pages if p.render is not None)
            progress.console.print(
                "  " + say(lang, "crawled", url=crawl.start_url, n=len(crawl.pages))
                + (", " + say(lang, "rendered", n=rendered) if rendered else "")
                + (f", [yellow]{escape(crawl.error)}[/yellow]" if crawl.error else "")
                + (f", [yellow]{say(lang, 'not_rendered', reason=crawl.render_error)}[/yellow]"
                   if crawl.render_error else "")
            )

        done = pipeline.audit(jobs, settings, source=source, on_crawled=crawled, on_audited=on_audited)
    if done.run is not None:
        console.print(say(settings.lang, "stored", run=done.run, store=_describe_store(settings.store)))
    return done


def _write(
    result: AuditResult, formats: Iterable[str], settings: AuditSettings, recorded: Mapping[str, object],
    run: int | None, *, gate: Gate | None = None, sources: Mapping[str, str] | None = None,
    batch: BatchInfo | None = None,
) -> tuple[Written, Path]:
    """Every output of a run (the reports in ``formats``, then the manifest of the evidence):
    the one place the command line writes a run's files."""
    out_dir = settings.output or Path("audit-reports")
    try:
        written = write_reports(result, formats, out_dir, lang=settings.lang, gate=gate, sources=sources, batch=batch,
                                printer=print_pdfs)
        return written, write_manifest(out_dir, result, dict(recorded), run)
    except OSError as exc:
        raise UsageError(WORDS("cannot_write", folder=str(out_dir), reason=str(exc))) from exc


@dataclass
class _Seen:
    """What a run's outputs written site by site counted: sites, sites audited, and the robots.txt
    decisions the manifest records."""

    sites: int = 0
    audited: int = 0
    robots: list[dict[str, object]] = field(default_factory=list)

    def add(self, site: SiteResult) -> None:
        self.sites += 1
        self.audited += site.status == SiteStatus.AUDITED
        if site.crawl is not None:
            self.robots.append(robots_entry(site))


def _write_stored(
    header: AuditResult, sites: Iterable[SiteResult], formats: Iterable[str], settings: AuditSettings,
    recorded: Mapping[str, object], run: int, *, batch: BatchInfo | None = None,
    on_site: Callable[[SiteResult], None] | None = None,
) -> tuple[Written, Path, _Seen]:
    """:func:`_write` of a stored run too big to hold: ``header`` is the run without its sites,
    ``sites`` yields them one at a time (read from the store, or judged again). The reports and
    the run's snapshot (``results/run-N.json``) are written in one pass over the sites, the
    manifest after it; ``on_site`` sees each site as it passes."""
    out_dir = settings.output or Path("audit-reports")
    seen = _Seen()
    try:
        (out_dir / "results").mkdir(parents=True, exist_ok=True)
        snapshot = ResultJsonFile(header, out_dir / "results" / f"run-{run}.json.part")
        try:
            def each(site: SiteResult) -> None:
                seen.add(site)
                snapshot.add(site)
                if on_site is not None:
                    on_site(site)

            written = write_reports_of(header, sites, formats, out_dir, lang=settings.lang, batch=batch,
                                       printer=print_pdfs, on_site=each)
            part = snapshot.done()
        except BaseException:
            snapshot.abort()
            raise
        manifest = write_manifest_of(out_dir, header.as_of, list(seen.robots), dict(recorded), run, part.replace)
        return written, manifest, seen
    except OSError as exc:
        raise UsageError(WORDS("cannot_write", folder=str(out_dir), reason=str(exc))) from exc


def _emit_stored(header: AuditResult, sites: Iterable[SiteResult], settings: AuditSettings, console: Console,
                 recorded: Mapping[str, object], run: int) -> _Seen:
    """:func:`_emit` of a stored run too big to hold (``reaudit``), its sites read once: the
    summary table from what it shows of each site (:func:`summary_site`)."""
    shown: list[SiteResult] = []
    written, manifest, seen = _write_stored(header, sites, settings.formats, settings, recorded, run,
                                            on_site=lambda site: shown.append(summary_site(site)))
    for path in written.files.get("json", []):
        console.print(say(settings.lang, "wrote", path=str(path)))
    _say_printed(written, console, settings.lang)
    console.print(say(settings.lang, "wrote_manifest", path=str(manifest)))
    print_summary(header.model_copy(update={"sites": shown}), Console(), written.site_reports, lang=settings.lang)
    return seen


def _emit(result: AuditResult, settings: AuditSettings, console: Console, recorded: Mapping[str, object],
          run: int | None) -> None:
    """The reports of ``audit``, ``demo`` and ``reaudit``, and the summary table."""
    written, manifest = _write(result, settings.formats, settings, recorded, run)
    for path in written.files.get("json", []):
        console.print(say(settings.lang, "wrote", path=str(path)))
    _say_printed(written, console, settings.lang)
    console.print(say(settings.lang, "wrote_manifest", path=str(manifest)))
    print_summary(result, Console(), written.site_reports, lang=settings.lang)


def _say_printed(written: Written, console: Console, lang: str, *, listed: bool = False) -> None:
    """The PDFs printed (unless ``listed`` already), or in one line why none was: a browser that
    cannot print costs the PDFs, never the run or the other reports."""
    for path in [] if listed else written.files.get("pdf", []):
        console.print(say(lang, "wrote", path=str(path)))
    if "pdf" in written.unavailable:
        console.print(f"[yellow]{say(lang, 'no_pdf', reason=written.unavailable['pdf'])}[/yellow]", soft_wrap=True)


def _exit_code(result: AuditResult) -> int:
    """0 when at least one site was audited, else 2: the tool could not do its job."""
    return EXIT_OK if any(s.status == SiteStatus.AUDITED for s in result.sites) else EXIT_TOOL_ERROR


def _progress(console: Console) -> Progress:
    """The progress bar of audit, demo and eval: sites done of all, time spent (on stderr)."""
    return Progress(
        SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
        TimeElapsedColumn(), console=console, transient=True,
    )


def _parse_formats(value: str) -> list[str]:
    formats = [f.strip().lower() for f in value.split(",") if f.strip()]
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise UsageError(f"unknown format(s) {', '.join(unknown) or value!r}; choose from {', '.join(FORMATS)}")
    return formats


def _parse_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date like 2026-06-19") from None


def _score(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number") from None
    if not 0 <= number <= 100:
        raise argparse.ArgumentTypeError("a score is between 0 and 100")
    return number


def _seconds(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of seconds") from None
    if not math.isfinite(number) or number <= 0:
        raise argparse.ArgumentTypeError(f"{value!r}: give a number of seconds above 0")
    return number


def _store(value: str) -> store.Where:
    """``--store``: a path is a SQLite file; a URL is checked here, so that a typo in it is a
    usage error before anything runs."""
    if "://" not in value:
        return Path(value)
    try:
        store.store_url(value)
    except store.StoreError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return value


def _evidence(value: str) -> Path | S3Location:
    """A folder, or ``s3://BUCKET/PREFIX`` (checked here: a bad one is a usage error at once)."""
    try:
        return evidence_location(value)
    except ObjectStoreError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _store_folder(where: store.Where) -> Path:
    """Where reports of a stored run go by default: beside a SQLite store (with the run's
    evidence), ./audit-reports for a database server."""
    file = store.sqlite_file(where)
    return file.parent if file is not None else Path("audit-reports")


def _describe_store(where: store.Where | None) -> str:
    return store.describe(where) if where is not None else ""


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value!r}: give a whole number of at least 1")
    return number


if __name__ == "__main__":
    sys.exit(main())
