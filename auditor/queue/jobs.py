"""One site of a run as a job on the queue: what a worker needs to audit it like a local batch."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from auditor import store
from auditor.batch import BatchSite
from auditor.pipeline import AuditSettings

#: The queue (a Redis list) the jobs go to and the workers read.
QUEUE = "auditor-sites"
#: The name of the Celery task that audits one site.
TASK = "auditor.audit_site"

#: Seconds a lease lives without renewal: how long a dead worker's site still shows "in progress".
DEFAULT_LEASE = 30.0
#: Seconds after which a job taken but not acknowledged goes back on the queue (the worker died).
DEFAULT_VISIBILITY_TIMEOUT = 600.0
#: Seconds a worker gives one site (crawl and render) before it stores it as not audited.
DEFAULT_TIME_LIMIT = 900.0


def run_ref(run: store.Run) -> str:
    """A run's name on the queue (in its jobs, leases and queued sites): its key in the store, its
    number and when it started there. The key alone names the list and the settings, which two
    stores (a trial and the real sweep, two test runs) may share; with the store's number and
    time, no two runs share a lease or a record of what is queued."""
    return f"{run.key}-{run.id}-{run.started_at:%Y%m%dT%H%M%S%f}"


@dataclass(frozen=True)
class Job:
    """One site of one run. ``key`` is the run's :func:`run_ref`: a worker whose store holds
    another run under that number leaves the job alone."""

    run: int
    key: str
    position: int
    site: BatchSite
    settings: dict[str, Any]
    as_of: date

    def payload(self) -> dict[str, Any]:
        """The job as the queue carries it (JSON)."""
        return {"run": self.run, "key": self.key, "position": self.position, "url": self.site.url,
                "name": self.site.name, "jurisdiction": self.site.jurisdiction, "tags": self.site.tags,
                "settings": self.settings, "as_of": self.as_of.isoformat()}

    @classmethod
    def from_payload(cls, payload: dict[str, Any]) -> Job:
        return cls(run=int(payload["run"]), key=str(payload["key"]), position=int(payload["position"]),
                   site=BatchSite(url=str(payload["url"]), name=str(payload.get("name") or ""),
                                  jurisdiction=payload.get("jurisdiction") or None,
                                  tags=str(payload.get("tags") or "")),
                   settings=dict(payload["settings"]), as_of=date.fromisoformat(str(payload["as_of"])))

    def audit_settings(self, evidence: Path, where: store.Where) -> AuditSettings:
        """The settings the site is audited with, evidence and store as this worker reaches them."""
        return settings_from(self.settings, evidence=evidence, where=where)


#: The fields of :class:`AuditSettings` a job carries: everything that decides a site's audit.
_CARRIED = ("max_pages", "max_depth", "obey_robots", "contact_url", "site_timeout", "allow_private",
            "accept_invalid_tls", "render", "jurisdiction")


def settings_payload(settings: AuditSettings) -> dict[str, Any]:
    """What of ``settings`` a job carries to the worker (JSON)."""
    return {name: getattr(settings, name) for name in _CARRIED}


def settings_from(payload: dict[str, Any], *, evidence: Path, where: store.Where) -> AuditSettings:
    return AuditSettings(**{name: payload[name] for name in _CARRIED if name in payload},
                         output=evidence, store=where, concurrency=1)
