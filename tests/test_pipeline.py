"""The pipeline's settings: one object from the command line, the crawl's settings made from it
in one place, and the environment settings read through auditor.settings."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from auditor import settings as env
from auditor.pipeline import AuditSettings, _workers
from auditor.spiders.crawl import CrawlSpec


def test_the_crawl_spec_carries_every_crawl_setting() -> None:
    settings = AuditSettings(max_pages=5, max_depth=2, obey_robots=False, contact_url="https://me.example/",
                             site_timeout=9.0, allow_private=True, accept_invalid_tls=True)
    assert settings.crawl_spec("https://shop.example/") == CrawlSpec(
        url="https://shop.example/", max_pages=5, max_depth=2, obey_robots=False, contact_url="https://me.example/",
        site_timeout=9.0, allow_private=True, accept_invalid_tls=True)


def test_defaults_are_the_crawls_own() -> None:
    defaults = AuditSettings().crawl_spec("https://shop.example/")
    assert defaults == CrawlSpec(url="https://shop.example/")


def test_a_site_s_own_jurisdiction_wins_over_the_default() -> None:
    settings = AuditSettings(jurisdiction="se", render="never", submit_test_message=True)
    assert settings.job("https://a.example/").jurisdiction == "se"
    job = settings.job("https://b.example/", "de")
    assert (job.jurisdiction, job.render, job.submit_test_message) == ("de", "never", True)


def test_recorded_settings_keep_the_batch_run_key_of_earlier_versions() -> None:
    """A batch resumes by its key, made from these settings: their names and values must not drift."""
    settings = AuditSettings(as_of=date(2026, 11, 24), output=Path("out"), store=Path("out/s.sqlite"))
    assert settings.recorded() == {
        "max_pages": 30, "max_depth": 3, "obey_robots": True, "render": "auto", "site_timeout": 180.0,
        "jurisdiction": "auto", "allow_private": False, "as_of": "2026-11-24",
    }


@pytest.mark.parametrize(("value", "expected"), [("3", 3), ("0", 0), (" 2 ", 2), ("many", None), ("", None)])
def test_audit_workers_from_the_environment(monkeypatch: pytest.MonkeyPatch, value: str, expected: int | None) -> None:
    monkeypatch.setenv(env.AUDIT_WORKERS, value)
    assert env.audit_workers() == expected
    if expected is not None:
        assert _workers(None, 100) == expected
    assert _workers(1, 100) == 1  # asked for in code: the environment does not override it


def test_few_sites_are_audited_in_the_crawling_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(env.AUDIT_WORKERS, raising=False)
    assert _workers(None, 3) == 0
