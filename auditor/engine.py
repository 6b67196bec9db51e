"""The audit engine: from a site's crawl to its scored result.

It decides first whether the site can be audited at all (a site that could not be crawled is
*not audited*, with the reason, never scored 0), then extracts the facts, runs every rule on
the facts it declares, and scores. A rule that raises gives that rule an ``error`` outcome;
the audit goes on. So does an extractor that raises (see :mod:`auditor.facts.guard`): every
rule that requires a fact it feeds is an ``error`` naming the extractor and the exception.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date

from auditor import i18n, registry, scoring
from auditor.facts.site import gather_site
from auditor.facts.snippets import snippets
from auditor.i18n import N_, Messages, Text, as_text, country
from auditor.models import (
    CrawlSummary,
    Evidence,
    LegalRef,
    Outcome,
    PageSummary,
    RuleInfo,
    RuleOutcome,
    SiteCrawl,
    SiteFacts,
    SiteResult,
    SiteStatus,
)
from auditor.rule import AuditContext, FactView, Rule, Verdict
from auditor.web.urls import url_key

log = logging.getLogger(__name__)


def not_audited_reason(crawl: SiteCrawl) -> Text | None:
    """Why a crawl gives nothing to audit, or None when it does."""
    if crawl.pages:
        return None
    if not crawl.robots.home_allowed and crawl.robots.obeyed:
        return _ENGINE_WORDS("robots", url=crawl.robots.url)
    if crawl.failures:
        first = crawl.failures[0]
        if "certificate" in first.reason.lower() or "ssl" in first.reason.lower():
            return _ENGINE_WORDS("home_tls", reason=first.reason)
        return _ENGINE_WORDS("home", reason=first.reason)
    if crawl.error:
        return as_text(crawl.error)
    return _ENGINE_WORDS("home_unknown")


def audit_crawl(
    crawl: SiteCrawl,
    *,
    jurisdiction: str | None,
    as_of: date,
    rules: Sequence[type[Rule]] | None = None,
) -> SiteResult:
    """Audit one crawled site. Never raises for anything a site can do."""
    with _fewer_collections():
        return _audit(crawl, jurisdiction, as_of, rules)


#: The young generation's threshold of the cyclic garbage collector during an audit (Python's
#: default is 700 allocations).
YOUNG_COLLECTION = 10_000


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """Run the cyclic garbage collector less often while auditing. An audit makes many small
    objects that live on (the matchers' tables and what they read, kept for the process), and
    every few hundred allocations the collector looks at the young ones, promoting survivors
    until a full collection walks them all again: about a tenth of an audit's CPU on text-heavy
    pages (bench.extract, cold). A higher young threshold keeps the same collections, fewer of
    them; memory is still freed by reference counting as before. The setting is restored after.

    What the process held before the audit (the tables and memories of earlier audits, imported
    modules) is frozen out of the collector for the audit's length (``gc.freeze``): a full
    collection during a cold audit walked all of it (one took 2.9 ms a page of the 60-page
    bench's 5.3 ms of collection; 2.1 ms with the freeze) to find nothing, as an audit leaves no
    cyclic garbage behind (``gc.collect()`` after each audit of the bench's shops finds none).
    It is unfrozen after, so a later full collection sees it again."""
    before = gc.get_threshold()
    gc.set_threshold(max(before[0], YOUNG_COLLECTION), *before[1:])
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)


def _audit(
    crawl: SiteCrawl, jurisdiction: str | None, as_of: date, rules: Sequence[type[Rule]] | None
) -> SiteResult:
    reason = not_audited_reason(crawl)
    if reason is not None:
        return SiteResult(
            url=crawl.start_url,
            status=SiteStatus.NOT_AUDITED,
            reason=reason.en,
            reason_i18n=reason.translations(),
            jurisdiction=jurisdiction or "eu",
            crawl=summarise(crawl, None),
        )
    try:
        facts = gather_site(crawl, jurisdiction)
    except Exception as exc:  # extraction of a hostile page must not lose the batch
        log.exception("extraction failed for %s", crawl.start_url)
        unparsed = _ENGINE_WORDS("unparsed", error=f"{type(exc).__name__}: {exc}")
        return SiteResult(
            url=crawl.start_url,
            status=SiteStatus.NOT_AUDITED,
            reason=unparsed.en,
            reason_i18n=unparsed.translations(),
            jurisdiction=jurisdiction or "eu",
            crawl=summarise(crawl, None),
        )
    outcomes = with_snippets(run_rules(facts, AuditContext(jurisdiction=facts.jurisdiction, as_of=as_of), rules),
                             crawl)
    return SiteResult(
        url=crawl.start_url,
        status=SiteStatus.AUDITED,
        jurisdiction=facts.jurisdiction,
        jurisdiction_source="given" if jurisdiction else "guessed",
        score=scoring.weighted_score(outcomes),
        categories=scoring.category_scores(outcomes),
        rules=outcomes,
        crawl=summarise(crawl, facts),
        trader=next((outcome.trader for outcome in outcomes if outcome.trader is not None), None),
    )


def with_snippets(outcomes: Sequence[RuleOutcome], crawl: SiteCrawl) -> list[RuleOutcome]:
    """The outcomes with each located piece of evidence given its element's HTML, from the page
    as it was read (the DOM after scripts for what only a browser saw)."""
    versions: dict[str, list[str]] = {}
    for page in crawl.pages:
        html = [page.render.html, page.html] if page.render is not None else [page.html]
        for url in (page.url, page.final_url):
            versions.setdefault(url_key(url), html)
    wanted = {(url_key(e.url), e.locator) for o in outcomes for e in o.evidence if e.locator and not e.snippet}
    found = snippets(versions, wanted)
    if not found:
        return list(outcomes)
    out: list[RuleOutcome] = []
    for outcome in outcomes:
        evidence = [e.model_copy(update={"snippet": found[(url_key(e.url), e.locator)]})
                    if not e.snippet and (url_key(e.url), e.locator) in found else e for e in outcome.evidence]
        out.append(outcome.model_copy(update={"evidence": evidence}))
    return out


def run_rules(
    facts: SiteFacts, ctx: AuditContext, rules: Sequence[type[Rule]] | None = None
) -> list[RuleOutcome]:
    """Every rule's outcome; each rule sees only the facts it declared."""
    outcomes: list[RuleOutcome] = []
    index = _EvidenceIndex(facts)
    for rule_cls in rules if rules is not None else registry.all_rules():
        meta = rule_cls.meta
        # A rule switched off where it is judged is not applicable for that reason alone: the
        # engine's own title, not the rule's (which says why the rule itself finds no duty).
        reason = registry.switched_off(rule_cls, ctx.jurisdiction)
        switched_off = reason is not None
        if reason is not None:
            verdict = Verdict(Outcome.NOT_APPLICABLE, _ENGINE_WORDS(reason, country=country(ctx.jurisdiction)))
        else:
            verdict = _judge(rule_cls, facts, ctx)
        if switched_off:
            title, title_i18n = SWITCHED_OFF_TITLE.en, SWITCHED_OFF_TITLE.translations()
        else:
            title = meta.title_for(verdict.outcome)
            title_i18n = {lang: words.title_for(verdict.outcome) for lang, words in meta.translations.items()}
        outcomes.append(
            RuleOutcome(
                rule=meta.id,
                title=title,
                title_i18n=title_i18n,
                outcome=verdict.outcome,
                message=verdict.message.en,
                message_i18n=verdict.message.translations(),
                category=meta.category,
                severity=meta.severity,
                weight=registry.weight_of(rule_cls, ctx.jurisdiction),
                evidence=index.enrich(verdict.evidence),
                legal_refs=[ref.translated() for ref in applicable_refs(meta.legal_refs, ctx.jurisdiction)],
                trader=verdict.trader,
            )
        )
    return outcomes


def _judge(rule_cls: type[Rule], facts: SiteFacts, ctx: AuditContext) -> Verdict:
    """The rule's verdict on its declared facts; an error when a fact it needs was not extracted
    or when the rule raises."""
    meta = rule_cls.meta
    if unextracted := _unextracted(facts, meta.requires):
        return Verdict(Outcome.ERROR, unextracted)
    try:
        return rule_cls().evaluate(FactView(facts, meta.requires), ctx)
    except Exception as exc:  # a broken rule is that rule's error, never a crashed audit
        log.exception("rule %s failed", meta.id)
        return Verdict(Outcome.ERROR, _ENGINE_WORDS("broken", error=f"{type(exc).__name__}: {exc}"))


def rule_catalogue(rules: Iterable[type[Rule]] | None = None) -> list[RuleInfo]:
    """What the reports show of each rule (``AuditResult.rule_catalogue``), in the order given,
    each rule once; ``None``: every registered rule. Translations as in :func:`run_rules`."""
    catalogue: dict[str, RuleInfo] = {}
    for rule_cls in rules if rules is not None else registry.all_rules():
        meta = rule_cls.meta
        if meta.id in catalogue:
            continue
        translated = meta.translations  # built from the catalogs on each access: once a rule
        catalogue[meta.id] = RuleInfo(
            id=meta.id,
            title=meta.title,
            title_i18n={lang: words.title for lang, words in translated.items()},
            failure_title=meta.failure_title,
            failure_title_i18n={lang: words.failure_title for lang, words in translated.items()},
            partial_title=meta.partial_title,
            partial_title_i18n={lang: words.partial_title for lang, words in translated.items()},
            review_title=meta.review_title,
            review_title_i18n={lang: words.review_title for lang, words in translated.items()},
            na_title=meta.na_title,
            na_title_i18n={lang: words.na_title for lang, words in translated.items()},
            description=meta.description,
            description_i18n={lang: words.description for lang, words in translated.items()},
            category=meta.category,
            severity=meta.severity,
            legal_refs=[ref.translated() for ref in meta.legal_refs],
            fix=meta.fix,
            fix_i18n={lang: i18n.translate(lang, meta.fix) for lang in i18n.LANGS
                      if lang != i18n.DEFAULT_LANG and meta.fix and i18n.has_translation(lang, meta.fix)},
        )
    return list(catalogue.values())


def _unextracted(facts: SiteFacts, requires: Sequence[str]) -> Text | None:
    """Why a rule cannot be judged when an extractor failed on a fact it requires (the facts are
    incomplete: "not found" could be wrong), or None. Names each extractor, exception and page."""
    names = [name for name in requires if name in facts.failed]
    if not names:
        return None
    failures = dict.fromkeys(facts.failed[name] for name in names)
    described = "; ".join(f"{f.extractor}: {f.error}" + (f" ({f.url})" if f.url else "") for f in failures)
    return _ENGINE_WORDS("unextracted", facts=", ".join(names), failures=described)


_ENGINE_WORDS = Messages(
    elsewhere=N_("Does not apply under the law of {country}."),
    # The title of a rule the jurisdiction does not judge (meta.jurisdictions, or its profile).
    elsewhere_title=N_("Not checked in this jurisdiction"),
    profile=N_("Not checked under the law of {country}: switched off in its profile."),
    broken=N_("The rule failed: {error}"),
    unextracted=N_("Not judged: an extractor failed, so the facts this rule needs ({facts}) are incomplete: "
                  "{failures}"),
    robots= N_("robots.txt ({url}) disallows the home page; override with --ignore-robots"),
    home=N_("the home page could not be read: {reason}"),
    home_tls=N_("the home page could not be read: {reason}; to audit a site with an invalid certificate "
                  "anyway, use --accept-invalid-tls"),
    home_unknown=N_("the home page could not be read"),
    unparsed=N_("the pages could not be parsed: {error}"),
)

#: The title of every rule a jurisdiction does not judge (not in ``meta.jurisdictions``, or
#: switched off in its profile), in place of the rule's own not-applicable title.
SWITCHED_OFF_TITLE = _ENGINE_WORDS("elsewhere_title")


class _EvidenceIndex:
    """Per site, built once: which facts only a browser saw, and each page's screenshots and
    WARC record, so every rule's evidence can be marked and pointed at them."""

    def __init__(self, facts: SiteFacts) -> None:
        self.rendered_only = {
            (url_key(f.url), f.locator)
            for kind in (facts.emails, facts.phones, facts.addresses, facts.org_numbers, facts.company_names,
                         facts.trader_names, facts.representatives,
                         facts.forms, facts.passages, facts.links, facts.chats)
            for f in kind
            if f.rendered_only
        }
        self.records = {url_key(u): p.warc for p in facts.pages if p.warc for u in (p.url, p.final_url)}
        self.shots = {url_key(p.final_url): p.screenshot for p in facts.pages if p.screenshot}
        self.shots.update({url_key(p.url): p.screenshot for p in facts.pages if p.screenshot})
        self.elements = {
            (url_key(u), locator): path
            for p in facts.pages
            for u in (p.url, p.final_url)
            for locator, path in p.element_shots.items()
        }
        self.boxes = {(url_key(u), locator): (box, p.element_crops.get(locator, []))
                      for p in facts.pages for u in (p.url, p.final_url) for locator, box in p.element_boxes.items()}
        self.langs = {url_key(u): p.lang.split("-")[0].lower() for p in facts.pages if p.lang
                      for u in (p.url, p.final_url)}

    def enrich(self, evidence: Sequence[Evidence]) -> list[Evidence]:
        """Mark evidence seen only after JavaScript ran, and point it at its screenshot and record."""
        out: list[Evidence] = []
        for item in evidence:
            page = url_key(item.url)
            update: dict[str, object] = {}
            if (page, item.locator) in self.rendered_only:
                update["rendered_only"] = True
            if not item.warc and page in self.records:
                update["warc"] = self.records[page]
            if not item.lang and not item.searched and page in self.langs:
                update["lang"] = self.langs[page]
            element = self.elements.get((page, item.locator))
            if not item.screenshot and element:
                update["screenshot"] = element
                box, crop = self.boxes.get((page, item.locator), ([], []))
                if box and not item.box:
                    update["box"], update["crop_box"] = box, crop
            elif not item.screenshot and page in self.shots:
                update["screenshot"] = self.shots[page]
            out.append(item.model_copy(update=update) if update else item)
        return out


def applicable_refs(refs: Sequence[LegalRef], jurisdiction: str) -> list[LegalRef]:
    """The EU sources and those of the site's own jurisdiction: a Danish shop's report cites
    Danish law, not Swedish. All of them when none matches (an unknown jurisdiction)."""
    chosen = [ref for ref in refs if ref.jurisdiction in ("eu", jurisdiction)]
    return chosen or list(refs)


def summarise(crawl: SiteCrawl, facts: SiteFacts | None) -> CrawlSummary:
    """The crawl as the report shows it: budget, robots.txt, failures, and each page's kind and depth."""
    pages: list[PageSummary] = []
    banners = {p.url: p.render.banner for p in crawl.pages if p.render is not None and p.render.banner}
    if facts is not None:
        pages = [
            PageSummary(url=p.final_url, status=p.status, kind=p.kind, depth=p.depth, title=p.title,
                        click_path=p.click_path, fetched_at=p.fetched_at, linked=p.linked,
                        rendered=p.rendered, render_error=p.render_error, screenshot=p.screenshot,
                        banner=banners.get(p.url), warc=p.warc)
            for p in sorted(facts.pages, key=lambda p: (p.depth, p.final_url))
        ]
    return CrawlSummary(
        started_at=crawl.started_at,
        finished_at=crawl.finished_at,
        user_agent=crawl.user_agent,
        max_pages=crawl.max_pages,
        max_depth=crawl.max_depth,
        pages_fetched=len(crawl.pages),
        budget_exhausted=crawl.budget_exhausted,
        robots=crawl.robots,
        pages=pages,
        failures=crawl.failures,
        saved_copy=crawl.saved_copy,
        render_mode=crawl.render_mode,
        render_error=crawl.render_error,
        tls_verified=crawl.tls_verified,
    )
