"""The pipeline: every audit the tool runs goes through here, in the same five stages.

1. **crawl** (:mod:`auditor.spiders`): each site read the way a consumer browses it;
2. **render** (:mod:`auditor.browser`): the pages that need it shown to Chromium, after the
   site's crawl and outside its crawl slot, so the next site crawls meanwhile;
3. **evidence** (:mod:`auditor.evidence`): screenshots and a WARC file per site, per run;
4. **facts, rules, score** (:func:`auditor.engine.audit_crawl`);
5. **store** (:mod:`auditor.store`): the run, each site's crawl and result, and its history.

``audit``, ``demo``, ``ci`` and ``eval`` run :func:`audit` (all sites crawled, then judged one
by one); ``batch`` runs :class:`Batch` (each site judged, in a worker process, while the crawl
goes on, and stored the moment it is done: resumable, memory bounded however long the list);
``reaudit`` runs :func:`reaudit` (stages 4 and 5 on stored crawls). The command line builds one
:class:`AuditSettings` from its options and hands it over; the crawl's settings are made from it
in one place, :meth:`AuditSettings.crawl_spec`. Writing the reports is not a stage of the
pipeline: the callers write them from the :class:`~auditor.models.AuditResult` it returns.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import (
    AbstractAsyncContextManager,
    AbstractContextManager,
    AsyncExitStack,
    asynccontextmanager,
    nullcontext,
    suppress,
)
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from auditor import __version__, registry, scoring, store
from auditor import settings as env
from auditor.batch import BatchSite, run_key
from auditor.browser.render import Browser, BrowserUnavailable, launch
from auditor.browser.stage import RenderMode, render_crawl
from auditor.engine import audit_crawl, rule_catalogue
from auditor.models import AuditResult, RobotsInfo, RuleInfo, SiteCrawl, SiteResult, ToolInfo
from auditor.site_audit import SiteAuditor, audit_site, start_worker
from auditor.spiders import settings as crawl_settings
from auditor.spiders.crawl import (
    DEFAULT_SITE_CONCURRENCY,
    AfterCrawl,
    CrawlSpec,
    crawl_each_async,
    crawl_sites_async,
)
from auditor.web.saved import SavedCopy

if TYPE_CHECKING:
    from auditor.rule import Rule

#: Sites rendered in the browser at the same time (each in its own context; the pages open at
#: once over all of them are bounded by :data:`auditor.browser.render.PAGES_AT_ONCE`). A page's
#: render mostly waits (the network, the load event, a quiet DOM, a chat opening): with 4 the
#: crawled sites queued a median 16-19 s for a slot and the renders of a 30-site batch ended long
#: after its crawls, its audits last (``bench.timeline``, BENCHMARKS.md session 13); 8 sites and
#: 8 pages halved the wait for about 90 MiB more at the peak.
RENDER_CONCURRENCY = 8
#: Audit worker processes of a batch at most, and the fewest sites for which starting them pays.
#: The crawling process itself mostly waits for the network (a small share of the batch's CPU,
#: BENCHMARKS.md "Concurrency"), so there is one worker a core, with a browser too: Chromium and
#: the crawling process together used about half a core of two in ``--render auto`` (62 CPU s in
#: 59 s of wall on 2 cores), and one worker fewer left the rendered sites queueing for their audit.
MAX_WORKERS = 8
MIN_SITES_FOR_WORKERS = 8


class PipelineError(Exception):
    """The pipeline cannot run (a store it cannot open, a run that is not there): a message for
    the user, shown without a traceback."""


@dataclass(frozen=True)
class AuditSettings:
    """Everything an audit run is configured with, built once from the command line's options."""

    # The crawl (defaults from auditor.spiders.settings).
    max_pages: int = crawl_settings.DEFAULT_MAX_PAGES
    max_depth: int = crawl_settings.DEFAULT_MAX_DEPTH
    obey_robots: bool = True
    contact_url: str = crawl_settings.DEFAULT_CONTACT_URL
    site_timeout: float = crawl_settings.DEFAULT_SITE_TIMEOUT
    #: Fetch loopback, private and link-local addresses (a staging server, the demo, tests).
    allow_private: bool = False
    #: Audit a site whose TLS certificate is invalid; the report says the certificates were not checked.
    accept_invalid_tls: bool = False
    #: Sites crawled at once.
    concurrency: int = DEFAULT_SITE_CONCURRENCY
    # The render stage.
    render: RenderMode = "auto"
    #: CI mode on one's own site only: send one test message through the contact form.
    submit_test_message: bool = False
    # The judgement.
    #: Whose law applies to a site that names none; None: guessed from each site.
    jurisdiction: str | None = None
    #: The law as of this day; None: today.
    as_of: date | None = None
    #: The rules to run; None: every rule (``auditor ci`` leaves some out).
    rules: tuple[type[Rule], ...] | None = None
    # Where the run is kept.
    #: Evidence (screenshots, WARC files) goes here; None: none is written (``eval``).
    output: Path | None = None
    #: The store of runs: a SQLite file, or a URL (``sqlite:///FILE``, ``postgresql://…``);
    #: None: nothing is stored (``eval``).
    store: store.Where | None = None
    #: Report formats and language, for the callers that write the reports.
    formats: tuple[str, ...] = ("html", "json")
    lang: str = "en"

    @property
    def day(self) -> date:
        """The day whose law is applied."""
        return self.as_of or datetime.now(UTC).date()

    def crawl_spec(self, url: str, saved_copy: SavedCopy | None = None) -> CrawlSpec:
        """What to crawl of the site at ``url`` and within which limits: the only place where
        crawl settings are made from the audit's settings."""
        return CrawlSpec(url=url, max_pages=self.max_pages, max_depth=self.max_depth, obey_robots=self.obey_robots,
                         contact_url=self.contact_url, site_timeout=self.site_timeout, saved_copy=saved_copy,
                         allow_private=self.allow_private, accept_invalid_tls=self.accept_invalid_tls)

    def job(self, url: str, jurisdiction: str | None = None, saved_copy: SavedCopy | None = None) -> SiteJob:
        """One site to audit with these settings; ``jurisdiction`` is the site's own, if it names one."""
        return SiteJob(crawl=self.crawl_spec(url, saved_copy), jurisdiction=jurisdiction or self.jurisdiction,
                       render=self.render, submit_test_message=self.submit_test_message, rules=self.rules)

    def recorded(self) -> dict[str, object]:
        """The settings of a run as the store's run key and the manifest record them."""
        return {"max_pages": self.max_pages, "max_depth": self.max_depth, "obey_robots": self.obey_robots,
                "render": self.render, "site_timeout": self.site_timeout,
                "jurisdiction": self.jurisdiction or "auto", "allow_private": self.allow_private,
                "as_of": self.as_of.isoformat() if self.as_of else None}


@dataclass(frozen=True)
class SiteJob:
    """One site as the pipeline runs it: the crawl, what the browser does after it, whose law
    (None: guessed from the site) and which rules (None: all)."""

    crawl: CrawlSpec
    jurisdiction: str | None = None
    render: RenderMode = "never"
    submit_test_message: bool = False
    rules: Sequence[type[Rule]] | None = None


# ----------------------------------------------------------------------------- crawl and render


def crawl_sites(
    jobs: Sequence[SiteJob], *, concurrency: int = DEFAULT_SITE_CONCURRENCY,
    on_done: Callable[[SiteCrawl], None] | None = None,
) -> list[SiteCrawl]:
    """Crawl and render every site; the crawls in the order of ``jobs``. ``on_done`` sees each
    site as it is rendered."""

    async def run() -> list[SiteCrawl]:
        async with _render_stage(jobs) as render:
            return await crawl_sites_async([job.crawl for job in jobs], concurrency=concurrency,
                                           on_done=on_done, after=render)

    return asyncio.run(run())


def crawl_each(
    jobs: Sequence[SiteJob], *, concurrency: int, on_done: Callable[[SiteCrawl], Awaitable[None] | None],
) -> None:
    """Crawl and render every site, handing each to ``on_done`` as it ends (see
    :func:`auditor.spiders.crawl.crawl_each`: nothing is kept, memory stays bounded)."""

    async def run() -> None:
        async with _render_stage(jobs) as render:
            await crawl_each_async([job.crawl for job in jobs], concurrency=concurrency, on_done=on_done,
                                   after=render)

    asyncio.run(run())


@asynccontextmanager
async def _render_stage(jobs: Sequence[SiteJob], kept: KeptBrowser | None = None) -> AsyncIterator[AfterCrawl | None]:
    """The render step after each site's crawl, with one Chromium for the whole run (launched
    only when some site is to be rendered) and at most ``RENDER_CONCURRENCY`` sites in it; with
    ``kept``, that one's Chromium, which outlives the run (a queue worker's, from site to site)."""
    if all(job.render == "never" for job in jobs):
        yield None
        return

    def step(browser: Browser | None, unavailable: str, gate: AbstractAsyncContextManager[object]) -> AfterCrawl:
        async def render(index: int, crawl: SiteCrawl) -> SiteCrawl:
            job = jobs[index]
            if job.render == "never":
                return crawl
            async with gate:
                return await render_crawl(crawl, job.render, browser, saved=job.crawl.saved_copy,
                                          unavailable=unavailable, submit=job.submit_test_message,
                                          allow_private=job.crawl.allow_private,
                                          accept_invalid_tls=job.crawl.accept_invalid_tls)

        return render

    if kept is not None:  # the sites of this run render one at a time, each on the kept browser's loop
        async def on_kept(index: int, crawl: SiteCrawl) -> SiteCrawl:
            return await kept.run(lambda browser, unavailable: step(browser, unavailable, nullcontext())(index, crawl))

        yield on_kept
        return
    async with _maybe_browser() as (browser, unavailable):
        yield step(browser, unavailable, asyncio.Semaphore(RENDER_CONCURRENCY))


class KeptBrowser:
    """One Chromium kept from site to site, for a process that audits one site after another,
    each in an event loop of its own (a queue worker's process, :func:`crawl_site`): a browser
    belongs to the loop it was launched on, so this one lives on a loop of its own, in a thread
    of its own, and the sites' renders run there. Launched at the first site to render, and
    again when it was lost (crashed, killed for its memory); without a Chromium each site says
    why, as with a browser per run."""

    def __init__(self) -> None:
        self._loop: asyncio.AbstractEventLoop | None = None
        self._browser: Browser | None = None
        self._stack: AsyncExitStack | None = None
        #: Chromiums launched (a test counts them).
        self.launches = 0

    async def run(self, work: Callable[[Browser | None, str], Awaitable[SiteCrawl]]) -> SiteCrawl:
        """``work`` with the kept browser (or None and why not), run on the browser's loop; a
        cancelled caller (the time limit) cancels it there."""
        if self._loop is None:
            self._loop = asyncio.new_event_loop()
            threading.Thread(target=self._loop.run_forever, name="auditor-kept-browser", daemon=True).start()

        async def there() -> SiteCrawl:
            browser, unavailable = await self._browser_now()
            return await work(browser, unavailable)

        return await asyncio.wrap_future(asyncio.run_coroutine_threadsafe(there(), self._loop))

    async def _browser_now(self) -> tuple[Browser | None, str]:
        if self._browser is not None and self._browser.connected():
            return self._browser, ""
        if self._stack is not None:
            with suppress(Exception):
                await self._stack.aclose()
        self._browser, self._stack = None, AsyncExitStack()
        self.launches += 1
        try:
            self._browser = await self._stack.enter_async_context(launch())
        except BrowserUnavailable as exc:
            return None, str(exc)
        return self._browser, ""

    def close(self) -> None:
        """Close the browser and stop its loop."""
        if self._loop is None:
            return
        if self._stack is not None:
            with suppress(Exception):
                asyncio.run_coroutine_threadsafe(self._stack.aclose(), self._loop).result(timeout=30)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._loop, self._browser, self._stack = None, None, None


@asynccontextmanager
async def _maybe_browser() -> AsyncIterator[tuple[Browser | None, str]]:
    """One Chromium for the run, or (None, why not): the audit goes on without one."""
    async with AsyncExitStack() as stack:
        try:
            browser = await stack.enter_async_context(launch())
        except BrowserUnavailable as exc:
            yield None, str(exc)
            return
        yield browser, ""


# ----------------------------------------------------------------------------- a list of sites


def audit_sites(
    jobs: Sequence[SiteJob],
    *,
    as_of: date,
    on_site_done: Callable[[SiteCrawl], None] | None = None,
    evidence_dir: Path | None = None,
    on_audited: Callable[[int, SiteCrawl, SiteResult], SiteResult] | None = None,
    evidence_label: str = "",
    concurrency: int = DEFAULT_SITE_CONCURRENCY,
) -> AuditResult:
    """Crawl and render every site, then judge each; the result lists the sites in the order
    given. Screenshots go to ``evidence_dir/screenshots/`` (paths in the result are relative to
    that folder). ``on_audited`` sees each site's crawl and result (to store them) and may
    return the result amended (with its history)."""
    crawls = crawl_sites(jobs, concurrency=concurrency, on_done=on_site_done)
    sites: list[SiteResult] = []
    for index, (job, crawl) in enumerate(zip(jobs, crawls, strict=True)):
        kept, result = audit_site(crawl, jurisdiction=job.jurisdiction, as_of=as_of, rules=job.rules,
                                  evidence_dir=evidence_dir, label=evidence_label)
        sites.append(on_audited(index, kept, result) if on_audited is not None else result)
    catalogue = _catalogue(jobs)
    return AuditResult(tool=ToolInfo(version=__version__), generated_at=datetime.now(UTC), as_of=as_of, sites=sites,
                       rule_catalogue=catalogue)


@dataclass
class Audit:
    """What :func:`audit` did: the result and the run it is stored as (None: not stored)."""

    result: AuditResult
    run: int | None = None


def audit(
    jobs: Sequence[SiteJob],
    settings: AuditSettings,
    *,
    source: str = "",
    on_crawled: Callable[[SiteCrawl], None] | None = None,
    on_audited: Callable[[int, SiteCrawl, SiteResult], None] | None = None,
) -> Audit:
    """Crawl, render and judge ``jobs`` (made with :meth:`AuditSettings.job`); with a store in
    ``settings``, the run, every crawl and result go into it and each result gets its comparison
    with the site's last audit. ``on_crawled`` sees each crawl as it ends (a progress bar),
    ``on_audited`` each site's crawl and result."""
    day = settings.day
    db, run = _start(settings.store, key=f"audit-{datetime.now(UTC):%Y%m%dT%H%M%S.%f}", source=source,
                     as_of=day, settings={"as_of": day.isoformat()}, total=len(jobs), catalogue=_catalogue(jobs))

    def keep(index: int, crawl: SiteCrawl, result: SiteResult) -> SiteResult:
        if on_audited is not None:
            on_audited(index, crawl, result)
        if db is None or run is None:
            return result
        store.save_site(db, run, position=index, url=crawl.start_url, name="", jurisdiction=jobs[index].jurisdiction,
                        tags="", result=result, crawl=crawl,
                        seconds=(crawl.finished_at - crawl.started_at).total_seconds())
        return store.with_history(db, run, result)

    result = audit_sites(jobs, as_of=day, on_site_done=on_crawled, evidence_dir=settings.output, on_audited=keep,
                         evidence_label=f"run-{run.id}" if run is not None else "", concurrency=settings.concurrency)
    if db is not None and run is not None:
        store.finish_run(db, run)
        db.close()
    return Audit(result, run.id if run is not None else None)


def _start(
    path: store.Where | None, *, key: str, source: str, as_of: date, settings: dict[str, object], total: int,
    catalogue: list[RuleInfo],
) -> tuple[store.Store | None, store.Run | None]:
    if path is None:
        return None, None
    db = open_store(path)
    run, _ = store.start_run(db, key=key, source=source, as_of=as_of.isoformat(), tool_version=__version__,
                             settings=settings, total=total, rule_catalogue=_catalogue_json(catalogue))
    return db, run


def _catalogue(jobs: Sequence[SiteJob]) -> list[RuleInfo]:
    """The catalogue of the rules these jobs are judged with (``auditor ci`` may skip some)."""
    return rule_catalogue(
        rule for job in jobs for rule in (job.rules if job.rules is not None else registry.all_rules()))


def _catalogue_json(catalogue: list[RuleInfo]) -> list[dict[str, Any]]:
    return [info.model_dump(mode="json") for info in catalogue]


def run_catalogue(run: store.Run) -> list[RuleInfo]:
    """The rules a stored run was judged with, as its reports show them; none for a run stored
    before runs kept their catalogue (its reports then show no rule descriptions rather than
    today's, which may say something else)."""
    return [RuleInfo.model_validate(entry) for entry in run.rule_catalogue or []]


# ----------------------------------------------------------------------------- the store


def open_store(path: store.Where) -> store.Store:
    """The store at ``path``, a SQLite file or a URL (created when missing, upgraded when old)."""
    try:
        return store.open_store(path)
    except store.StoreError as exc:
        raise PipelineError(str(exc)) from None


def open_run(path: store.Where, ref: str) -> tuple[store.Store, store.Run]:
    """An existing store and one of its runs: a number or ``latest``."""
    try:
        there = store.exists(path)
    except store.StoreError as exc:
        raise PipelineError(str(exc)) from None
    if not there:
        raise PipelineError(f"no store at {store.describe(path)}; give the store with --store")
    db = open_store(path)
    run = store.latest_run(db) if ref == "latest" else store.find_run(db, ref)
    if run is None:
        db.close()
        raise PipelineError(f"no run {ref!r} in {store.describe(path)}")
    return db, run


def stored_result(db: store.Store, run: store.Run, as_of: date | None = None) -> AuditResult:
    """A stored run's result, each site with its history, and the rules as the run saw them;
    a site stored before schema 1.7 gets what its score rests on."""
    return stored_header(run, as_of).model_copy(update={"sites": list(stored_sites(db, run))})


def stored_header(run: store.Run, as_of: date | None = None) -> AuditResult:
    """A stored run's result without its sites (:func:`stored_sites`)."""
    return AuditResult(tool=ToolInfo(version=__version__), generated_at=datetime.now(UTC),
                       as_of=as_of or date.fromisoformat(run.as_of), rule_catalogue=run_catalogue(run))


def stored_sites(db: store.Store, run: store.Run) -> Iterator[SiteResult]:
    """A stored run's sites as :func:`stored_result` has them, read one page of sites at a time:
    with its history and (stored before schema 1.7) what its score rests on."""
    for stored in store.sites(db, run):
        yield scoring.site_with_coverage(store.with_history(db, run, stored.result))


@dataclass
class Reaudit:
    """What :func:`reaudit` does: the new run ``run`` judged from ``original``'s stored crawls.

    ``header`` is its result without the sites; ``sites`` judges them one at a time as it is
    read (each stored as soon as it is judged, the run finished once the last one was), so that
    the reports are written as they come and no more than a site is held. ``missing`` counts
    the sites without a stored crawl read so far: they keep their old result."""

    header: AuditResult
    run: int
    original: int
    sites: Iterator[SiteResult]
    missing: int = 0

    @property
    def result(self) -> AuditResult:
        """The whole result, every site judged and held at once (reads :attr:`sites`)."""
        return self.header.model_copy(update={"sites": list(self.sites)})


def reaudit(store_path: store.Where, ref: str, as_of: date | None = None) -> Reaudit:
    """Judge a stored run again with today's rules (as of ``as_of``, default the run's own
    date), fetching nothing: a new run in the store, judged as :attr:`Reaudit.sites` is read."""
    db, original = open_run(store_path, ref)
    day = as_of or date.fromisoformat(original.as_of)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%f")
    catalogue = rule_catalogue()
    run, _ = store.start_run(db, key=f"reaudit-{original.id}-{stamp}", source=f"reaudit of run {original.id}",
                             as_of=day.isoformat(), tool_version=__version__,
                             settings={**original.settings, "reaudit_of": original.id}, total=original.total,
                             rule_catalogue=_catalogue_json(catalogue))
    header = AuditResult(tool=ToolInfo(version=__version__), generated_at=datetime.now(UTC), as_of=day,
                         rule_catalogue=catalogue)
    done = Reaudit(header, run.id, original.id, iter(()))

    def judged() -> Iterator[SiteResult]:
        try:
            for site in store.sites(db, original):
                crawl = store.stored_crawl(db, original, site.url)
                if crawl is None:
                    done.missing += 1
                    yield scoring.site_with_coverage(site.result)
                    continue
                result = scoring.site_with_coverage(audit_crawl(crawl, jurisdiction=site.jurisdiction, as_of=day))
                store.save_site(db, run, position=site.position, url=site.url, name=site.name,
                                jurisdiction=site.jurisdiction, tags=site.tags, result=result, crawl=crawl,
                                seconds=0.0)
                yield store.with_history(db, run, result)
            store.finish_run(db, run)
        finally:
            db.close()

    done.sites = judged()
    return done


# ----------------------------------------------------------------------------- a batch


@dataclass
class BatchProgress:
    """What the progress bar of a batch shows."""

    done: int = 0
    not_audited: int = 0
    pages: int = 0


@dataclass
class Batch:
    """A batch run in the store: opened (or resumed) by :meth:`open`, audited by :meth:`audit`,
    read back by :meth:`result`, closed by :meth:`close` (finished when it went through)."""

    db: store.Store
    run: store.Run
    sites: list[BatchSite]
    settings: AuditSettings
    resumed: bool
    #: Sites stored before this process started (a resumed run).
    finished: int
    as_of: date
    #: Each stored site's name and tags (for the batch index) by URL, as :meth:`header` read them.
    labels: dict[str, tuple[str, str]] = field(default_factory=dict)

    @classmethod
    def open(cls, sites: Sequence[BatchSite], settings: AuditSettings, *, source: str) -> Batch:
        """The run of these sites with these settings: the same list and settings resume it."""
        if settings.store is None:
            raise PipelineError("a batch needs a store")
        db = open_store(settings.store)
        recorded = settings.recorded()
        run, resumed = store.start_run(db, key=run_key(sites, recorded), source=source,
                                       as_of=settings.day.isoformat(), tool_version=__version__,
                                       settings=recorded, total=len(sites),
                                       rule_catalogue=_catalogue_json(rule_catalogue()))
        jobs = [s if s.jurisdiction else BatchSite(s.url, s.name, settings.jurisdiction, s.tags, s.line)
                for s in sites]
        return cls(db, run, jobs, settings, resumed, len(store.done_urls(db, run)), date.fromisoformat(run.as_of))

    def audit(
        self, on_site: Callable[[BatchSite, SiteResult, BatchProgress], None] | None = None,
        workers: int | None = None,
    ) -> BatchProgress:
        """Audit the sites not stored yet; each is stored as soon as it is done.

        The crawl runs in this process; the audit of each crawled site (WARC evidence, extraction,
        rules, the compressed crawl) runs in ``workers`` other processes (default: one per core,
        a browser rendering or not, at most ``MAX_WORKERS``; ``AUDITOR_AUDIT_WORKERS``), so
        that the CPU work of one site never stalls the crawls in flight. With few sites or
        ``workers=0`` everything runs here. Only this process writes the store."""
        done_before = store.done_urls(self.db, self.run)
        todo = [s for s in self.sites if s.url not in done_before]
        position = {s.url: i for i, s in enumerate(self.sites)}
        progress = BatchProgress(done=len(done_before))
        by_url = {s.url: s for s in todo}
        pool = _pool(_workers(workers, len(todo)))
        audit = SiteAuditor(self.settings.output, f"run-{self.run.id}", self.as_of)

        def save(site: BatchSite, crawl: SiteCrawl, result: SiteResult, blob: bytes) -> None:
            store.save_site(self.db, self.run, position=position[site.url], url=site.url, name=site.name,
                            jurisdiction=site.jurisdiction, tags=site.tags, result=result, crawl=crawl,
                            seconds=(crawl.finished_at - crawl.started_at).total_seconds(), crawl_blob=blob)
            progress.done += 1
            progress.pages += len(crawl.pages)
            progress.not_audited += result.status.value != "audited"
            if on_site is not None:
                on_site(site, result, progress)

        def done(crawl: SiteCrawl) -> Awaitable[None] | None:
            site = by_url.get(crawl.start_url)
            if site is None:
                return None
            if pool is None:
                save(site, crawl, *audit(crawl, site.jurisdiction))
                return None
            return _audit_elsewhere(pool, audit, site, crawl, save)

        try:
            crawl_each([self.settings.job(s.url, s.jurisdiction) for s in todo],
                       concurrency=self.settings.concurrency, on_done=done)
        finally:
            if pool is not None:
                pool.shutdown(wait=True, cancel_futures=True)
        return progress

    def result(self) -> AuditResult:
        """Every stored site of the run, in list order, each with its history: all of them in
        memory at once (a big batch writes its outputs from :meth:`header` and :meth:`site_results`)."""
        return self.header().model_copy(update={"sites": list(self.site_results())})

    def header(self) -> AuditResult:
        """The run's result without its sites (:meth:`site_results`); sets :attr:`labels`."""
        self.labels = store.site_labels(self.db, self.run)
        return stored_header(self.run, self.as_of)

    def site_results(self) -> Iterator[SiteResult]:
        """Every stored site of the run, in list order, each with its history and what its score
        rests on, read from the store one page of sites at a time: what the result holds."""
        return stored_sites(self.db, self.run)

    def close(self, *, finished: bool) -> None:
        if finished:
            store.finish_run(self.db, self.run)
        self.db.close()


@dataclass(frozen=True)
class SiteAudit:
    """One batch site audited end to end by :func:`audit_batch_site`: its crawl with the evidence
    files recorded, its result, and the crawl as the store keeps it."""

    crawl: SiteCrawl
    result: SiteResult
    blob: bytes


def audit_batch_site(
    site: BatchSite, settings: AuditSettings, *, label: str, as_of: date, time_limit: float | None = None,
    crawl_slot: AbstractContextManager[object] | None = None, kept: KeptBrowser | None = None,
) -> SiteAudit:
    """One site of a batch run end to end, outside a :class:`Batch` (a queue worker): the crawl
    and render of :meth:`Batch.audit` for a list of one, then the same per-site audit
    (:class:`SiteAuditor`: evidence under ``settings.output`` in the folders of ``label``, facts,
    rules, score, the compressed crawl). Storing it is the caller's. ``time_limit`` bounds the
    crawl and render in seconds: past it the site is not audited, with that reason.
    ``crawl_slot`` is entered for the crawl and render only (the time limit counts from inside
    it) and left before the audit: a worker bounds its sites crawled at once with it while
    other sites are audited. ``kept``: the Chromium to render with, kept from site to site (else
    one is launched for this site, when it is to be rendered)."""
    job = settings.job(site.url, site.jurisdiction)
    with crawl_slot if crawl_slot is not None else nullcontext():
        crawl = crawl_site(job, time_limit=time_limit, kept=kept)
    result, blob = SiteAuditor(settings.output, label, as_of)(crawl, site.jurisdiction)
    return SiteAudit(crawl, result, blob)


def crawl_site(job: SiteJob, *, time_limit: float | None = None, kept: KeptBrowser | None = None) -> SiteCrawl:
    """Crawl and render one site (with ``kept``'s Chromium, else one of its own); past
    ``time_limit`` seconds a crawl with no page and the reason as its error (the audit then says
    not audited, and why)."""
    started = datetime.now(UTC)

    async def run() -> SiteCrawl:
        async with _render_stage([job], kept) as render:
            [crawl] = await crawl_sites_async([job.crawl], concurrency=1, after=render)
            return crawl

    async def bounded() -> SiteCrawl:
        try:
            return await asyncio.wait_for(run(), timeout=time_limit)
        except TimeoutError:
            return SiteCrawl(start_url=job.crawl.url, started_at=started, finished_at=datetime.now(UTC),
                             user_agent=crawl_settings.user_agent(job.crawl.contact_url),
                             max_pages=job.crawl.max_pages, max_depth=job.crawl.max_depth,
                             robots=RobotsInfo(url=job.crawl.url, obeyed=job.crawl.obey_robots),
                             error=f"the worker's time limit of {time_limit:.0f} s per site was reached",
                             render_mode=job.render, tls_verified=not job.crawl.accept_invalid_tls)

    return asyncio.run(bounded())


def usable_cores() -> int:
    """Cores this process may run on (its CPU affinity, which a container may restrict)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _workers(asked: int | None, sites: int) -> int:
    """Audit worker processes: as asked, else from ``AUDITOR_AUDIT_WORKERS``, else none for a few
    sites, one a core (a browser rendering or not, see :data:`MAX_WORKERS`)."""
    if asked is None:
        asked = env.audit_workers()
    if asked is None:
        if sites < MIN_SITES_FOR_WORKERS:
            return 0
        cores = usable_cores()
        asked = min(MAX_WORKERS, cores)
    return asked


def _pool(workers: int) -> ProcessPoolExecutor | None:
    if workers <= 0:
        return None
    # spawn, not fork: the crawling process has threads (a fork would copy their locks).
    return ProcessPoolExecutor(
        max_workers=workers, mp_context=multiprocessing.get_context("spawn"), initializer=start_worker
    )




async def _audit_elsewhere(
    pool: ProcessPoolExecutor,
    audit: SiteAuditor,
    site: BatchSite,
    crawl: SiteCrawl,
    save: Callable[[BatchSite, SiteCrawl, SiteResult, bytes], None],
) -> None:
    loop = asyncio.get_running_loop()
    try:
        result, blob = await loop.run_in_executor(pool, audit, crawl, site.jurisdiction)
    except BrokenProcessPool:  # a worker died (out of memory, killed): audit here instead
        result, blob = audit(crawl, site.jurisdiction)
    save(site, crawl, result, blob)
