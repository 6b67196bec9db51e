"""The ``auditor`` command line.

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

Exit codes: 0 the audit ran (at least one site audited; for ``ci``: nothing at or above the
threshold); 1 (``ci`` only) findings at or above the threshold; 2 the tool could not do its job
(bad input or configuration, nothing reachable).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import tomllib
from collections.abc import Sequence
from datetime import UTC, date, datetime
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from auditor import __version__, registry
from auditor.i18n import DEFAULT_LANG, LANGS
from auditor.models import (
    SCHEMA_VERSION,
    AuditResult,
    RuleChange,
    SiteCrawl,
    SiteResult,
    SiteStatus,
    ToolInfo,
)
from auditor.runner import SiteJob, audit_sites, write_json
from auditor.spiders import settings as crawl_settings
from auditor.spiders.crawl import CrawlSpec

if TYPE_CHECKING:
    import sqlite3

    from auditor.ci import Gate
    from auditor.store import Run
    from auditor.web.saved import SavedCopy

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_TOOL_ERROR = 2

FORMATS = ("html", "json")
#: The demo serves its shops on this port of 127.0.0.2, 127.0.0.3, ... when it is free, so the
#: report file names stay the same from run to run.
DEMO_PORT = 8460
JURISDICTIONS = ("auto", "se", "no", "dk", "fi", "de", "eu")


class UsageError(Exception):
    """Bad input from the user: printed without a traceback, exit code 2."""


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    console = Console(stderr=True)
    try:
        code: int = args.func(args, console)
        return code
    except UsageError as exc:
        console.print(f"[red]error:[/red] {escape(str(exc))}", soft_wrap=True)  # paths stay whole
        return EXIT_TOOL_ERROR
    except KeyboardInterrupt:
        console.print("[yellow]interrupted[/yellow]")
        return 130


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="auditor",
        description="Audit web shops for consumer-law contact, complaints and withdrawal information.",
    )
    parser.add_argument("--version", action="version", version=f"auditor {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

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
    _add_audit_options(audit)
    audit.set_defaults(func=cmd_audit)

    batch = commands.add_parser("batch", help="audit many sites from a list; resumable after an interruption")
    batch.add_argument("sites", type=Path, metavar="SITES",
                       help="CSV with a url column (optional name, jurisdiction, tags), or one URL a line")
    batch.add_argument("--concurrency", type=_positive, default=8, metavar="N",
                       help="sites crawled at once (default 8)")
    _add_audit_options(batch)
    batch.set_defaults(func=cmd_batch)

    evaluate = commands.add_parser("eval", help="measure each check's agreement with a labelled corpus")
    evaluate.add_argument("corpus", type=Path, metavar="CORPUS",
                          help="a folder with labels.yaml and one folder of saved pages per site")
    evaluate.add_argument("--write", type=Path, default=None, metavar="FILE",
                          help="write the table into FILE (e.g. ACCURACY.md) between its generated-block markers")
    evaluate.add_argument("--as-of", type=_parse_date, default=None, metavar="DATE",
                          help="apply the law as of this date (YYYY-MM-DD; default today)")
    evaluate.add_argument("--render", choices=("auto", "always", "never"), default="auto",
                          help="which saved pages Chromium renders, as for `audit` (default auto; never = static "
                               "HTML only, no browser needed)")
    evaluate.set_defaults(func=cmd_eval)

    demo = commands.add_parser("demo", help="serve the bundled demo shops on loopback and audit them")
    _add_output_options(demo)
    demo.add_argument("--as-of", type=_parse_date, default=None, metavar="DATE",
                      help="apply the law as of this date (YYYY-MM-DD; default today)")
    _add_render_option(demo)
    demo.set_defaults(func=cmd_demo)

    report = commands.add_parser("report", help="render the HTML reports again from a result.json or a stored run")
    report.add_argument("result", type=Path, metavar="RESULT_JSON|RUN",
                        help="a result.json written by audit, demo or batch; or a run number in the store ('latest')")
    report.add_argument("--output", "-o", type=Path, default=None, metavar="DIR",
                        help="where the HTML reports go (default: the folder of RESULT_JSON, or of the store)")
    report.add_argument("--store", type=Path, default=None, metavar="PATH",
                        help="the store holding RUN (default audit-reports/auditor.sqlite)")
    _add_lang_option(report)
    report.set_defaults(func=cmd_report)

    history = commands.add_parser("history", help="every stored audit of a site, and what changed between them")
    history.add_argument("url", metavar="URL")
    history.add_argument("--store", type=Path, default=Path("audit-reports/auditor.sqlite"), metavar="PATH",
                         help="the store (default audit-reports/auditor.sqlite)")
    history.set_defaults(func=cmd_history)

    verify = commands.add_parser("verify", help="check that no evidence file of a run was altered")
    verify.add_argument("target", type=Path, metavar="DIR|MANIFEST",
                        help="an output folder (with manifest.json) or a manifest file")
    verify.set_defaults(func=cmd_verify)

    reaudit = commands.add_parser("reaudit", help="judge a stored run again with today's rules, fetching nothing")
    reaudit.add_argument("run", metavar="RUN", help="run number in the store, or 'latest'")
    reaudit.add_argument("--store", type=Path, default=Path("audit-reports/auditor.sqlite"), metavar="PATH",
                         help="the store (default audit-reports/auditor.sqlite)")
    reaudit.add_argument("--output", "-o", type=Path, default=None, metavar="DIR",
                         help="where reports go (default: the folder of the store, where the screenshots are)")
    reaudit.add_argument("--format", default="html,json", metavar="FMT[,FMT]", help="output formats (html,json)")
    _add_lang_option(reaudit)
    reaudit.add_argument("--as-of", type=_parse_date, default=None, metavar="DATE",
                         help="apply the law as of this date (default: the run's own audit date)")
    reaudit.set_defaults(func=cmd_reaudit)

    ci = commands.add_parser(
        "ci", help="audit your own (staging) site as a build gate: exit 1 on findings at or above the threshold",
        description="Audit one site of your own and fail the build on findings. Settings come from auditor.toml "
                    "or [tool.auditor] in pyproject.toml (see README, 'Use in CI'); options here override them. "
                    "Exit codes: 0 nothing at or above the threshold, 1 findings at or above it, 2 the tool could "
                    "not do its job (bad configuration, site not reachable, a rule broke).",
    )
    ci.add_argument("url", metavar="URL",
                    help="home page of the site, e.g. http://127.0.0.1:8000/ for a staging server")
    ci.add_argument("--config", type=Path, default=None, metavar="FILE",
                    help="auditor.toml or pyproject.toml to read (default: found in this folder or a parent)")
    ci.add_argument("--format", default=None, metavar="FMT[,FMT]",
                    help="output formats: sarif, junit, markdown, html, json (default: all)")
    ci.add_argument("--output", "-o", type=Path, default=None, metavar="DIR",
                    help="where the outputs go (default audit-reports)")
    ci.add_argument("--baseline", type=Path, default=None, metavar="RESULT_JSON",
                    help="a result.json of an earlier audit: findings it already had do not fail the build")
    ci.add_argument("--exit-zero", action="store_true", help="exit 0 even when findings fail the gate (exploring)")
    ci.add_argument("--fail-under", type=_score, default=None, metavar="SCORE",
                    help="fail when the score (0-100, waived findings left out) is below SCORE")
    ci.add_argument("--fail-on", choices=("critical", "high", "medium", "low", "info"), default=None,
                    help="lowest severity of a failed rule that fails the build (default high)")
    ci.add_argument("--lang", choices=LANGS, default=None, help="language of the reports (default en)")
    ci.add_argument("--jurisdiction", choices=JURISDICTIONS, default=None,
                    help="whose law to apply (default: from the configuration, else guessed)")
    ci.add_argument("--max-pages", type=_positive, default=None, metavar="N", help="page budget")
    ci.add_argument("--render", choices=("auto", "always", "never"), default=None,
                    help="which pages Chromium renders (default auto)")
    ci.add_argument("--as-of", type=_parse_date, default=None, metavar="DATE",
                    help="apply the law, and judge waiver expiry, as of this date (default today)")
    ci.add_argument("--allow-private", action="store_true",
                    help="fetch private addresses (automatic when URL itself is a local name or a private address)")
    ci.add_argument("--accept-invalid-tls", action="store_true",
                    help="audit a staging site with a self-signed or expired certificate")
    ci.add_argument("--ignore-robots", action="store_true", help="do not obey robots.txt (your own site only)")
    ci.add_argument("--submit-test-message", action="store_true",
                    help="send one test message through the contact form and read the confirmation "
                         "(your own site only; needs a browser)")
    ci.set_defaults(func=cmd_ci)

    rules = commands.add_parser("rules", help="list the rule catalogue, or show one rule")
    rules.add_argument("rule_id", nargs="?", metavar="ID")
    rules.add_argument("--write-docs", type=Path, default=None, metavar="DIR",
                       help="write the catalogue as one Markdown page per rule into DIR (e.g. docs/rules)")
    rules.set_defaults(func=cmd_rules)
    return parser


def _add_output_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--output", "-o", type=Path, default=Path("audit-reports"), metavar="DIR",
                        help="where reports go (default ./audit-reports)")
    parser.add_argument("--format", default="html,json", metavar="FMT[,FMT]",
                        help=f"comma-separated output formats: {', '.join(FORMATS)} (default html,json)")
    parser.add_argument("--store", type=Path, default=None, metavar="PATH",
                        help="SQLite store of runs, crawls and results (default: OUTPUT/auditor.sqlite)")
    _add_lang_option(parser)


def _add_lang_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", choices=LANGS, default=DEFAULT_LANG,
                        help=f"language of the reports and the summary: {', '.join(LANGS)} (default {DEFAULT_LANG})")


def _add_audit_options(parser: argparse.ArgumentParser) -> None:
    _add_output_options(parser)
    parser.add_argument("--max-pages", type=_positive, default=crawl_settings.DEFAULT_MAX_PAGES, metavar="N",
                        help=f"page budget per site (default {crawl_settings.DEFAULT_MAX_PAGES})")
    parser.add_argument("--max-depth", type=_positive, default=crawl_settings.DEFAULT_MAX_DEPTH, metavar="N",
                        help=f"click-depth limit from the home page (default {crawl_settings.DEFAULT_MAX_DEPTH})")
    parser.add_argument("--jurisdiction", choices=JURISDICTIONS, default="auto",
                        help="whose law to apply (default: guess from the domain and page language)")
    parser.add_argument("--as-of", type=_parse_date, default=None, metavar="DATE",
                        help="apply the law as of this date (YYYY-MM-DD; default today)")
    parser.add_argument("--allow-private", action="store_true",
                        help="fetch loopback, private and link-local addresses (a staging server on localhost); "
                             "off by default so that no page can make the audit reach into your network")
    parser.add_argument("--accept-invalid-tls", action="store_true",
                        help="audit a site whose TLS certificate is self-signed, expired or for another name "
                             "(the report says the certificates were not checked)")
    parser.add_argument("--ignore-robots", action="store_true",
                        help="do not obey robots.txt (shown in the report); only with the site's consent")
    parser.add_argument("--contact-url", default=crawl_settings.DEFAULT_CONTACT_URL, metavar="URL",
                        help="URL in the User-Agent where site owners read who crawls them")
    parser.add_argument("--site-timeout", type=float, default=crawl_settings.DEFAULT_SITE_TIMEOUT,
                        metavar="SECONDS", help="time limit per site")
    _add_render_option(parser)


def _add_render_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--render", choices=("auto", "always", "never"), default="auto",
        help="which pages a real browser (Chromium) renders: auto = home, contact and JavaScript-only pages "
             "(default); always = every page read; never = none (no browser needed; browser checks then "
             "need review)",
    )


# ---------------------------------------------------------------------------- commands


def cmd_audit(args: argparse.Namespace, console: Console) -> int:
    formats = _parse_formats(args.format)
    jurisdiction = None if args.jurisdiction == "auto" else args.jurisdiction
    saved = _saved_copy(args)
    urls = [saved.base_url] if saved is not None else [_site_url(u) for u in args.urls]
    if args.submit_test_message and (len(urls) != 1 or saved is not None or args.render == "never"):
        raise UsageError("--submit-test-message sends data to the site: it works for exactly one live site of "
                         "your own, with a browser (not with --render never or a saved copy)")
    jobs = [
        SiteJob(
            crawl=CrawlSpec(url=url, max_pages=args.max_pages, max_depth=args.max_depth,
                            obey_robots=not args.ignore_robots, contact_url=args.contact_url,
                            site_timeout=args.site_timeout, saved_copy=saved, render=args.render,
                            submit_test_message=args.submit_test_message, allow_private=args.allow_private,
                            accept_invalid_tls=args.accept_invalid_tls),
            jurisdiction=jurisdiction,
        )
        for url in urls
    ]
    if saved is not None:
        console.print(f"auditing the saved copy in {escape(str(saved.root))} as {escape(saved.base_url)} "
                      f"({len(saved.files)} files; no network is used)")
    result, run_id = _run(jobs, args.as_of, console, args.output, store_path=_store_path(args),
                          source=" ".join(args.urls))
    _emit(result, args.output, formats, console, _settings(args), run_id, lang=args.lang)
    return EXIT_OK if any(s.status == SiteStatus.AUDITED for s in result.sites) else EXIT_TOOL_ERROR


def _settings(args: argparse.Namespace) -> dict[str, object]:
    """The settings of an audit, as the manifest records them."""
    keys = ("max_pages", "max_depth", "jurisdiction", "render", "site_timeout", "ignore_robots", "contact_url")
    out: dict[str, object] = {key: getattr(args, key) for key in keys if hasattr(args, key)}
    out["as_of"] = args.as_of.isoformat() if getattr(args, "as_of", None) else None
    return out


def _store_path(args: argparse.Namespace) -> Path:
    return Path(args.store) if args.store is not None else Path(args.output) / "auditor.sqlite"


def _site_url(raw: str) -> str:
    """A URL argument; a folder given without --base-url gets a message that says what to add."""
    if Path(raw).is_dir() and not raw.startswith(("http://", "https://")):
        raise UsageError(
            f"{raw} is a folder: to audit it as a saved copy, add --base-url with the address the pages "
            "were saved from, e.g. --base-url https://shop.example.se/"
        )
    return normalise_url(raw)


def _saved_copy(args: argparse.Namespace) -> SavedCopy | None:
    """The saved copy named by PATH --base-url [--url-map], or None for a live audit."""
    from auditor.web.saved import SavedCopy, SavedCopyError, load_url_map

    if args.base_url is None:
        if args.url_map is not None:
            raise UsageError("--url-map only works with --base-url (auditing a saved copy)")
        return None
    if len(args.urls) != 1:
        raise UsageError("--base-url audits one saved copy: give exactly one PATH")
    base_url = normalise_url(args.base_url)
    try:
        url_map = load_url_map(args.url_map) if args.url_map is not None else None
        return SavedCopy.open(Path(args.urls[0]), base_url, url_map=url_map)
    except SavedCopyError as exc:
        raise UsageError(str(exc)) from None


def cmd_batch(args: argparse.Namespace, console: Console) -> int:
    from auditor import store
    from auditor.batch import BatchInputError, BatchSite, read_sites, run_batch, run_key
    from auditor.reports.batch import write_batch_index
    from auditor.reports.html import write_html_reports
    from auditor.reports.terminal import print_summary

    formats = _parse_formats(args.format)
    try:
        sites = read_sites(args.sites, normalise_url)
    except BatchInputError as exc:
        raise UsageError(str(exc)) from None
    default_jurisdiction = None if args.jurisdiction == "auto" else args.jurisdiction
    settings: dict[str, object] = {
        "max_pages": args.max_pages, "max_depth": args.max_depth, "obey_robots": not args.ignore_robots,
        "render": args.render, "site_timeout": args.site_timeout, "jurisdiction": args.jurisdiction,
        "allow_private": args.allow_private,
        "as_of": args.as_of.isoformat() if args.as_of else None,
    }
    out_dir: Path = args.output
    try:
        db = store.open_store(_store_path(args))
    except store.StoreError as exc:
        raise UsageError(str(exc)) from None
    day = args.as_of or datetime.now(UTC).date()
    run, resumed = store.start_run(
        db, key=run_key(sites, settings), source=str(args.sites), as_of=day.isoformat(),
        tool_version=__version__, settings=settings, total=len(sites),
    )
    as_of = date.fromisoformat(run.as_of)
    finished = len(store.done_urls(db, run))
    if resumed:
        console.print(f"resuming run {run.id} from {run.started_at:%Y-%m-%d %H:%M} UTC: {finished} of "
                      f"{len(sites)} site(s) already done")
    else:
        console.print(f"run {run.id}: {len(sites)} site(s), law as of {as_of}")

    def spec(site: BatchSite) -> CrawlSpec:
        return CrawlSpec(url=site.url, max_pages=args.max_pages, max_depth=args.max_depth,
                         obey_robots=not args.ignore_robots, contact_url=args.contact_url,
                         site_timeout=args.site_timeout, render=args.render, allow_private=args.allow_private,
                         accept_invalid_tls=args.accept_invalid_tls)

    jobs = [s if s.jurisdiction else BatchSite(s.url, s.name, default_jurisdiction, s.tags, s.line) for s in sites]
    started = time.monotonic()
    with Progress(
        SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
        TextColumn("{task.fields[status]}"), TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
        console=console, transient=True,
    ) as progress:
        task = progress.add_task("Auditing", total=len(sites), completed=finished, status="")

        def on_site(site: BatchSite, result: SiteResult, state: object) -> None:
            from auditor.batch import Progress as BatchProgress

            assert isinstance(state, BatchProgress)
            minutes = max((time.monotonic() - started) / 60, 1e-6)
            done_now = state.done - finished
            progress.update(task, completed=state.done, status=(
                f"{state.not_audited} not audited · {state.pages} pages · {done_now / minutes:.1f} sites/min"))
            if result.status != SiteStatus.AUDITED:
                reason = escape(result.reason or "")
                progress.console.print(f"  [yellow]not audited[/yellow] {escape(site.url)}: {reason}")

        run_batch(db, run, jobs, spec=spec, as_of=as_of, evidence_dir=out_dir,
                  concurrency=args.concurrency, on_site=on_site)
    stored = list(store.sites(db, run))
    result = AuditResult(tool=ToolInfo(version=__version__), generated_at=datetime.now(UTC), as_of=as_of,
                         sites=[store.with_history(db, run, s.result) for s in stored])
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        if "json" in formats:
            write_json(result, out_dir)
        paths: dict[str, Path] = {}
        if "html" in formats:
            written = write_html_reports(result, out_dir, lang=args.lang)
            paths = {site.url: path for site, path in zip(result.sites, written, strict=True)}
        index, table = write_batch_index(
            result, out_dir, {u: p.name for u, p in paths.items()}, {s.url: s.name for s in stored},
            {s.url: s.tags for s in stored}, f"run {run.id} of {args.sites.name}", lang=args.lang,
        )
        from auditor.evidence import write_manifest

        write_manifest(out_dir, result, settings, run.id)
    except OSError as exc:
        raise UsageError(f"cannot write reports to {out_dir}: {exc}") from exc
    store.finish_run(db, run)
    db.close()
    if len(result.sites) <= 30:
        print_summary(result, Console(), paths, lang=args.lang)
    console.print(f"run {run.id} complete: {len(stored)} site(s); batch index {escape(str(index))}, "
                  f"table {escape(str(table))}, store {escape(str(_store_path(args)))}")
    return EXIT_OK if any(s.status == SiteStatus.AUDITED for s in result.sites) else EXIT_TOOL_ERROR


def cmd_eval(args: argparse.Namespace, console: Console) -> int:
    from auditor.evaluation import CorpusError, evaluate, load_corpus, markdown_table, write_into

    try:
        sites = load_corpus(args.corpus)
    except CorpusError as exc:
        raise UsageError(str(exc)) from None
    day = args.as_of or datetime.now(UTC).date()
    with _progress(console) as progress:
        task = progress.add_task(f"Auditing {len(sites)} saved site(s)", total=len(sites))

        def done(crawl: SiteCrawl) -> None:
            progress.advance(task)

        try:
            evaluation = evaluate(sites, as_of=day, render=args.render, on_site_done=done)
        except CorpusError as exc:
            raise UsageError(str(exc)) from None
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
    from auditor.demo.server import serve_sites

    formats = _parse_formats(args.format)
    shops = demo_shops()
    started = time.monotonic()
    with serve_sites([root for root, _ in shops], port=DEMO_PORT) as served:
        for site, (_, meta) in zip(served, shops, strict=True):
            console.print(f"serving demo shop [bold]{escape(str(meta['name']))}[/bold] at {site.url}")
        jobs = [
            SiteJob(crawl=CrawlSpec(url=site.url, render=args.render, allow_private=True),
                    jurisdiction=str(meta["jurisdiction"]))
            for site, (_, meta) in zip(served, shops, strict=True)
        ]
        result, run_id = _run(jobs, args.as_of, console, args.output, store_path=_store_path(args), source="demo")
    _emit(result, args.output, formats, console, {"render": args.render, "demo": True}, run_id, lang=args.lang)
    console.print(f"demo finished in {time.monotonic() - started:.1f} s")
    return EXIT_OK if any(s.status == SiteStatus.AUDITED for s in result.sites) else EXIT_TOOL_ERROR


def _open_run(store_path: Path, ref: str) -> tuple[sqlite3.Connection, Run]:
    from auditor import store

    if not store_path.is_file():
        raise UsageError(f"no store at {store_path}; give the store with --store")
    try:
        db = store.open_store(store_path)
    except store.StoreError as exc:
        raise UsageError(str(exc)) from None
    run = store.latest_run(db) if ref == "latest" else store.find_run(db, ref)
    if run is None:
        db.close()
        raise UsageError(f"no run {ref!r} in {store_path}")
    return db, run


def _stored_result(db: sqlite3.Connection, run: Run, as_of: date | None = None) -> AuditResult:
    from auditor import store

    return AuditResult(
        tool=ToolInfo(version=__version__), generated_at=datetime.now(UTC),
        as_of=as_of or date.fromisoformat(run.as_of),
        sites=[store.with_history(db, run, s.result) for s in store.sites(db, run)],
    )


def cmd_verify(args: argparse.Namespace, console: Console) -> int:
    from auditor.evidence import MANIFEST, manifests, verify

    target: Path = args.target
    found = manifests(target)
    if not found:
        raise UsageError(f"no {MANIFEST} at {target}")
    checked, problems = 0, []
    for manifest in found:
        count, issues = verify(manifest)
        checked += count
        problems += [f"{manifest.name}: {issue}" for issue in issues]
    manifest = found[0] if len(found) == 1 else target
    out = Console()
    for problem in problems:
        out.print(f"[red]✘[/red] {escape(problem)}", soft_wrap=True)
    if problems:
        out.print(f"{len(problems)} problem(s) in {checked} file(s) listed by {escape(str(manifest))}")
        return EXIT_FINDINGS
    out.print(f"[green]✔[/green] all {checked} file(s) listed by {escape(str(manifest))} are as recorded; "
              "every WARC record checks")
    return EXIT_OK


def cmd_history(args: argparse.Namespace, console: Console) -> int:
    from auditor import store

    url = normalise_url(args.url)
    db, _ = _open_run(args.store, "latest")
    audits = store.site_history(db, url)
    db.close()
    if not audits:
        raise UsageError(f"{url} has no stored audit in {args.store}")
    table = Table(title=f"Audits of {escape(url)}", title_justify="left")
    for column in ("run", "audited (UTC)", "law as of", "status", "score", "fixed", "regressed", "changed"):
        table.add_column(column)
    previous: SiteResult | None = None
    last: list[RuleChange] = []
    for run, site in audits:
        changes: list[RuleChange] = []
        if previous is not None and site.result.status == SiteStatus.AUDITED:
            changes, _ = store.compare(previous, site.result)
        counts = {k: sum(c.change == k for c in changes) for k in ("fixed", "regressed", "changed")}
        table.add_row(str(run.id), f"{site.finished_at:%Y-%m-%d %H:%M}", run.as_of, site.status,
                      "–" if site.score is None else f"{site.score:.1f}",
                      *(str(counts[k]) if previous is not None else "–" for k in ("fixed", "regressed", "changed")))
        if site.result.status == SiteStatus.AUDITED:
            previous, last = site.result, changes
    out = Console()
    out.print(table)
    for change in last:
        before = change.before.value if change.before else "—"
        out.print(f"  {change.change:9} {change.rule}: {before} → {change.after.value}")
    return EXIT_OK


def cmd_reaudit(args: argparse.Namespace, console: Console) -> int:
    from auditor import store
    from auditor.engine import audit_crawl

    formats = _parse_formats(args.format)
    db, original = _open_run(args.store, args.run)
    as_of = args.as_of or date.fromisoformat(original.as_of)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%f")
    run, _ = store.start_run(db, key=f"reaudit-{original.id}-{stamp}", source=f"reaudit of run {original.id}",
                             as_of=as_of.isoformat(), tool_version=__version__,
                             settings={**original.settings, "reaudit_of": original.id}, total=original.total)
    results: list[SiteResult] = []
    missing = 0
    for site in store.sites(db, original):
        crawl = store.stored_crawl(db, original, site.url)
        if crawl is None:
            missing += 1
            results.append(site.result)
            continue
        judged = audit_crawl(crawl, jurisdiction=site.jurisdiction, as_of=as_of)
        store.save_site(db, run, position=site.position, url=site.url, name=site.name,
                        jurisdiction=site.jurisdiction, tags=site.tags, result=judged, crawl=crawl,
                        seconds=0.0)
        results.append(store.with_history(db, run, judged))
    store.finish_run(db, run)
    db.close()
    result = AuditResult(tool=ToolInfo(version=__version__), generated_at=datetime.now(UTC), as_of=as_of,
                         sites=results)
    console.print(f"run {run.id}: run {original.id} judged again as of {as_of} without fetching anything"
                  + (f" ({missing} site(s) had no stored crawl and keep their old result)" if missing else ""))
    _emit(result, args.output or args.store.parent, formats, console,
          {"reaudit_of": original.id, "as_of": as_of.isoformat()}, run.id, lang=args.lang)
    return EXIT_OK


def cmd_ci(args: argparse.Namespace, console: Console) -> int:
    """``auditor ci``: audit one site, apply waivers and the baseline, write CI outputs, gate."""
    from pydantic import ValidationError

    from auditor import ci
    from auditor.evidence import write_manifest
    from auditor.reports.html import write_html_reports
    from auditor.reports.junit import write_junit
    from auditor.reports.markdown import write_markdown
    from auditor.reports.sarif import write_sarif
    from auditor.reports.terminal import print_summary

    try:
        path = args.config if args.config is not None else ci.find_config(Path.cwd())
        config, source = ci.load_config(path)
        overrides = {key: value for key, value in (
            ("fail_under", args.fail_under), ("fail_on", args.fail_on), ("lang", args.lang),
            ("jurisdiction", args.jurisdiction), ("max_pages", args.max_pages), ("render", args.render),
            ("output", str(args.output) if args.output is not None else None),
            ("format", tuple(f.strip().lower() for f in args.format.split(",") if f.strip())
             if args.format is not None else None),
        ) if value is not None}
        if overrides:
            merged = config.model_dump(by_alias=False) | overrides
            config = ci.CiConfig.model_validate(
                {ci.CiConfig.model_fields[k].alias or k: v for k, v in merged.items()})
        baseline = ci.load_baseline(args.baseline) if args.baseline is not None else None
    except ci.ConfigError as exc:
        raise UsageError(str(exc)) from None
    except ValidationError as exc:  # an option's value the configuration model refuses
        first = exc.errors()[0]
        option = f"--{first['loc'][0]}" if first["loc"] else "an option"
        raise UsageError(f"{option}: {str(first['msg']).removeprefix('Value error, ')}") from None
    console.print("configuration: " + escape(str(source) if source else "defaults (no auditor.toml or [tool.auditor])"))
    url = normalise_url(args.url)
    local = _is_local(url)
    allow_private = bool(args.allow_private or config.allow_private or (config.allow_private is None and local))
    if args.submit_test_message and config.render == "never":
        raise UsageError("--submit-test-message needs a browser: it does not work with render = never")
    out_dir = Path(config.output)
    job = SiteJob(
        crawl=CrawlSpec(url=url, max_pages=config.max_pages, max_depth=config.max_depth,
                        obey_robots=not args.ignore_robots, site_timeout=config.site_timeout, render=config.render,
                        submit_test_message=args.submit_test_message, allow_private=allow_private,
                        accept_invalid_tls=args.accept_invalid_tls),
        jurisdiction=None if config.jurisdiction == "auto" else config.jurisdiction,
        rules=ci.rules_to_run(config),
    )
    day = args.as_of or datetime.now(UTC).date()
    sources: dict[str, str] = {}
    result, run_id = _run([job], day, console, out_dir, store_path=out_dir / "auditor.sqlite", source=url,
                          pages=sources)
    result = ci.apply_waivers(result, config.waivers, day)
    gate = ci.decide(result, config, baseline)
    lang = config.lang
    written: list[Path] = []
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        if "json" in config.format:
            written.append(write_json(result, out_dir))
        reports: dict[str, Path] = {}
        if "html" in config.format:
            pages = write_html_reports(result, out_dir, lang=lang)
            reports = {site.url: p for site, p in zip(result.sites, pages, strict=True)}
            written += pages
        if "sarif" in config.format:
            written.append(write_sarif(result, gate, out_dir / "auditor.sarif", lang=lang, sources=sources))
        if "junit" in config.format:
            written.append(write_junit(result, gate, out_dir / "junit.xml", lang=lang))
        if "markdown" in config.format:
            written.append(write_markdown(result, gate, out_dir / "summary.md", lang=lang))
        settings = {"command": "ci", "config": str(source) if source else None, "as_of": day.isoformat(),
                    **config.model_dump(mode="json", exclude={"waivers"}),
                    "waivers": len(config.waivers), "baseline": str(args.baseline) if args.baseline else None}
        written.append(write_manifest(out_dir, result, settings, run_id))
    except OSError as exc:
        raise UsageError(f"cannot write reports to {out_dir}: {exc}") from exc
    for item in written:
        console.print(f"wrote {escape(str(item))}")
    print_summary(result, console, reports, lang=lang)
    _print_gate(gate, console)
    code = gate.exit_code(exit_zero=args.exit_zero)
    if args.exit_zero and gate.exit_code() == EXIT_FINDINGS:
        console.print("[yellow]--exit-zero: exiting 0 although findings fail the gate[/yellow]")
    return code


def _print_gate(gate: Gate, console: Console) -> None:
    fail_on = gate.config.fail_on.value
    for problem in gate.problems:
        console.print(f"[red]could not check:[/red] {escape(problem)}")
    for site, score in gate.low_scores:
        console.print(f"[red]score {score:g} is below fail-under {gate.config.fail_under:g}[/red] ({escape(site.url)})")
    for finding in gate.expired:
        waiver = finding.outcome.waiver
        assert waiver is not None
        console.print(f"[yellow]waiver for {finding.outcome.rule} expired on {waiver.expires}[/yellow]: "
                      f"{escape(waiver.reason)}")
    states = [f.state for f in gate.findings]
    console.print(
        f"ci: {states.count('counts')} finding(s) fail the build (fail-on {fail_on}"
        + ("" if not gate.config.fail_on_partial else ", partials too") + "); "
        f"{states.count('waived')} waived, {states.count('below_threshold')} below the threshold, "
        f"{states.count('partial')} partly met"
        + (f", {states.count('in_baseline')} already in the baseline" if gate.baseline_used else "")
    )
    for finding in gate.counting:
        console.print(f"  [red]✘[/red] {finding.outcome.rule} ({finding.outcome.severity.value}): "
                      f"{escape(finding.outcome.message)}", soft_wrap=True)


def _is_local(url: str) -> bool:
    """Whether the URL names this machine or a private network (a staging server the user chose)."""
    from auditor.web.netguard import names_private_host

    return names_private_host((urlsplit(url).hostname or "").lower())


def cmd_report(args: argparse.Namespace, console: Console) -> int:
    from pydantic import ValidationError

    from auditor.reports.html import write_html_reports
    from auditor.reports.terminal import print_summary

    path: Path = args.result
    if not path.is_file() and (str(path).isdigit() or str(path) == "latest"):
        store_path: Path = args.store or Path("audit-reports/auditor.sqlite")
        db, run = _open_run(store_path, str(path))
        stored = _stored_result(db, run)
        db.close()
        target = args.output or store_path.parent
        try:
            written = write_html_reports(stored, target, assets_dir=store_path.parent, lang=args.lang)
        except OSError as exc:
            raise UsageError(f"cannot write reports to {target}: {exc}") from exc
        print_summary(stored, Console(), {site.url: p for site, p in zip(stored.sites, written, strict=True)},
                      lang=args.lang)
        return EXIT_OK
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        data = json.loads(raw)
    except ValueError as exc:
        raise UsageError(f"{path} is not JSON: {exc}") from None
    version = str(data.get("schema_version", "")) if isinstance(data, dict) else ""
    major = SCHEMA_VERSION.split(".")[0]
    if version.split(".")[0] != major:
        raise UsageError(f"{path} is not an auditor {major}.x result.json (schema_version {version or 'missing'})")
    try:
        result = AuditResult.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise UsageError(f"{path} is not a valid result.json: {where}: {first['msg']}") from None
    out_dir: Path = args.output or path.parent
    try:
        written = write_html_reports(result, out_dir, assets_dir=path.parent, lang=args.lang)
    except OSError as exc:
        raise UsageError(f"cannot write reports to {out_dir}: {exc}") from exc
    print_summary(result, Console(), {site.url: p for site, p in zip(result.sites, written, strict=True)},
                  lang=args.lang)
    return EXIT_OK


def cmd_rules(args: argparse.Namespace, console: Console) -> int:
    from auditor.catalogue import SECTIONS, doc_sections, write_docs

    out = Console()
    if args.write_docs is not None:
        written = write_docs(args.write_docs)
        console.print(f"wrote {len(written)} pages to {escape(str(args.write_docs))}")
        return EXIT_OK
    if args.rule_id:
        try:
            rule = registry.get_rule(args.rule_id)
        except KeyError as exc:
            raise UsageError(str(exc.args[0])) from None
        meta = rule.meta
        where = ", ".join(meta.jurisdictions) if meta.jurisdictions else "all jurisdictions"
        out.print(f"[bold]{meta.id}[/bold]  ({meta.category.value}, {meta.severity.value}, applies in {where})")
        out.print(f"passes: {escape(meta.title)}\nfails:  {escape(meta.failure_title)}\n")
        out.print(escape(meta.description))
        sections = doc_sections(rule)
        for name in SECTIONS:
            if sections.get(name):
                out.print(f"\n[bold]{name}[/bold]\n{escape(sections[name])}")
        out.print("\n[bold]Legal basis[/bold]")
        for ref in meta.legal_refs:
            out.print(f"  \\[{ref.jurisdiction}] {escape(ref.instrument)}, {escape(ref.provision)}")
        return EXIT_OK
    table = Table(title="Rule catalogue", title_justify="left")
    table.add_column("rule", no_wrap=True)
    for column in ("category", "severity", "applies in", "passes when"):
        table.add_column(column, overflow="fold")
    for rule in registry.all_rules():
        meta = rule.meta
        table.add_row(meta.id, meta.category.value, meta.severity.value,
                      ", ".join(meta.jurisdictions) or "all", escape(meta.title))
    out.print(table)
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
        raise UsageError(f"{raw!r}: only http and https URLs can be audited")
    if not parts.hostname or " " in text:
        raise UsageError(f"{raw!r} is not a valid URL")
    return parts._replace(path=parts.path or "/", fragment="").geturl()


def _run(
    jobs: list[SiteJob], as_of: date | None, console: Console, evidence_dir: Path | None = None,
    *, store_path: Path | None = None, source: str = "", pages: dict[str, str] | None = None,
) -> tuple[AuditResult, int | None]:
    """Crawl and audit ``jobs`` with a progress bar; with ``store_path``, the run, every crawl and
    result go into the store and each result gets its comparison with the site's last audit."""
    from auditor import store

    day = as_of or datetime.now(UTC).date()
    db = run = None
    if store_path is not None:
        try:
            db = store.open_store(store_path)
        except store.StoreError as exc:
            raise UsageError(str(exc)) from None
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%f")
        run, _ = store.start_run(db, key=f"audit-{stamp}", source=source, as_of=day.isoformat(),
                                 tool_version=__version__, settings={"as_of": day.isoformat()}, total=len(jobs))

    def keep(index: int, crawl: SiteCrawl, result: SiteResult) -> SiteResult:
        if pages is not None:  # the HTML as served, for SARIF's line numbers
            pages.update({p.final_url: p.html for p in crawl.pages if p.html})
            pages.update({p.url: p.html for p in crawl.pages if p.html})
        if db is None or run is None:
            return result
        job = jobs[index]
        store.save_site(db, run, position=index, url=crawl.start_url, name="", jurisdiction=job.jurisdiction,
                        tags="", result=result, crawl=crawl,
                        seconds=(crawl.finished_at - crawl.started_at).total_seconds())
        return store.with_history(db, run, result)

    with _progress(console) as progress:
        task = progress.add_task(f"Crawling {len(jobs)} site(s)", total=len(jobs))

        def done(crawl: SiteCrawl) -> None:
            progress.advance(task)
            rendered = sum(1 for p in crawl.pages if p.render is not None)
            progress.console.print(
                f"  crawled {escape(crawl.start_url)}: {len(crawl.pages)} pages"
                + (f", {rendered} rendered" if rendered else "")
                + (f", [yellow]{escape(crawl.error)}[/yellow]" if crawl.error else "")
                + (f", [yellow]not rendered: {escape(crawl.render_error)}[/yellow]" if crawl.render_error else "")
            )

        result = audit_sites(jobs, as_of=day, on_site_done=done, evidence_dir=evidence_dir, on_audited=keep,
                             evidence_label=f"run-{run.id}" if run is not None else "")
    if db is not None and run is not None:
        store.finish_run(db, run)
        db.close()
        console.print(f"stored as run {run.id} in {escape(str(store_path))}")
    return result, (run.id if run is not None else None)


def _emit(result: AuditResult, out_dir: Path, formats: list[str], console: Console,
          settings: dict[str, object] | None = None, run: int | None = None, *, lang: str = "en") -> None:
    from auditor.evidence import write_manifest
    from auditor.reports.html import write_html_reports
    from auditor.reports.terminal import print_summary

    paths: dict[str, Path] = {}
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        if "json" in formats:
            console.print(f"wrote {write_json(result, out_dir)}")
        if "html" in formats:
            written = write_html_reports(result, out_dir, lang=lang)
            paths = {site.url: path for site, path in zip(result.sites, written, strict=True)}
        console.print(f"wrote {write_manifest(out_dir, result, settings or {}, run)} (SHA-256 of every evidence file)")
    except OSError as exc:
        raise UsageError(f"cannot write reports to {out_dir}: {exc}") from exc
    print_summary(result, Console(), paths, lang=lang)


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


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


if __name__ == "__main__":
    sys.exit(main())
