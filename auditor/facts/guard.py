"""Fault isolation in the facts stage: an extractor that raises costs only the facts it feeds.

:func:`auditor.facts.site.gather_site` runs every extractor through :meth:`Guard.run`, per page
or once for the site. When one raises, its traceback goes to the log, its share of the facts is
left out, and every fact it feeds is recorded in ``SiteFacts.failed`` with the extractor, the
exception and the page. The engine then gives each rule that requires such a fact the outcome
``error`` (naming the extractor and the exception) and judges every other rule as usual: a bug
in a period parser no longer makes a whole site "not audited", nor lets a rule call a detail
"missing" that an extractor could not read.

What cannot be isolated (parsing a page's static HTML at all) stays with the engine's outer
safety net: the site is then not audited, with the reason.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

from auditor.models import FactFailure

log = logging.getLogger(__name__)

T = TypeVar("T")

#: The facts (names of ``SiteFacts`` fields, as in ``RuleMeta.requires``) each extractor feeds.
#: A fact is listed when a missing share of the extractor's output could change it: the links
#: give the pages their click paths and kinds, and the coverage its unread and off-site pages;
#: a page's language sets the region numbers and postcodes are read with.
FEEDS: dict[str, tuple[str, ...]] = {
    "detect_language": ("pages", "passages", "phones", "addresses"),
    "gather_links": ("links", "pages", "coverage", "account_links"),
    "gather_emails": ("emails",),
    "gather_phones": ("phones",),
    "gather_addresses": ("addresses",),
    "gather_org_numbers": ("org_numbers",),
    "gather_company_names": ("company_names",),
    "gather_trader_names": ("trader_names",),
    "gather_representatives": ("representatives",),
    "gather_forms": ("forms",),
    "form_submissions": ("forms",),
    "gather_structured": ("emails", "phones", "addresses", "company_names"),
    "passages": ("passages",),  # each topic's gatherer is run, and named, on its own: passages.<topic>
    "gather_chat": ("chats",),
    "gather_script_links": ("coverage",),
    "offsite_contact_pages": ("coverage",),
    "page_infos": ("pages",),
    "gather_script_signals": ("pages",),
    "gather_account_links": ("account_links",),
}


class Guard:
    """Runs extractors so that one that raises costs only its own facts; collects what failed."""

    def __init__(self) -> None:
        self.failed: dict[str, FactFailure] = {}
        self._logged: set[str] = set()

    def run(self, extractor: str, url: str, call: Callable[[], T]) -> T | None:
        """``call()``, or None when it raises (recorded against the facts the extractor feeds; the
        first failure of each fact is kept). ``url``: the page, empty for a step over the site."""
        try:
            return call()
        except Exception as exc:  # any bug in one extractor; the others go on
            feeds = FEEDS[extractor.split(".", 1)[0]]
            failure = FactFailure(extractor=extractor, error=f"{type(exc).__name__}: {exc}", url=url)
            message = "extractor %s failed on %s; left out: %s"
            args = (extractor, url or "the site", ", ".join(feeds))
            if extractor in self._logged:  # the traceback once a site and extractor; then one line a page
                log.error(message + " (%s)", *args, failure.error)
            else:
                self._logged.add(extractor)
                log.exception(message, *args)
            for fact in feeds:
                self.failed.setdefault(fact, failure)
            return None
