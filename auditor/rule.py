"""What a rule is: metadata plus a pure function over the facts it declares.

A rule subclasses :class:`Rule`, sets ``meta`` (a validated :class:`~auditor.models.RuleMeta`)
and implements :meth:`Rule.evaluate`, which returns a :class:`Verdict` built with one of the
helpers :func:`passed`, :func:`partial`, :func:`failed`, :func:`needs_review` or
:func:`not_applicable`. The engine hands the rule a :class:`FactView` that exposes only the
facts named in ``meta.requires`` (asking for another one is a bug and raises), and an
:class:`AuditContext` with the jurisdiction and the audit date. No I/O, no clock, no globals:
the same facts give the same verdict today and in a year.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from auditor import profiles
from auditor.i18n import Text, as_text
from auditor.models import Evidence, Outcome, RuleMeta, SiteFacts, TraderInfo

if TYPE_CHECKING:
    from auditor.models import (
        AddressFact,
        ChatFact,
        CompanyNameFact,
        CrawlCoverage,
        EmailFact,
        FormFact,
        LinkFact,
        OrgNumberFact,
        PageInfo,
        PassageFact,
        PhoneFact,
        RepresentativeFact,
        TraderNameFact,
    )


class UndeclaredFactError(AttributeError):
    """A rule read a fact it did not list in ``meta.requires``."""


class FactView:
    """The facts of one site, narrowed to what a rule declared (Lighthouse's narrowed artifacts).

    Every fact of :class:`~auditor.models.SiteFacts` is annotated here with its type, so a rule
    reads typed facts; ``tests/rules/test_fact_view.py`` checks that none is missing.
    """

    pages: list[PageInfo]
    emails: list[EmailFact]
    phones: list[PhoneFact]
    addresses: list[AddressFact]
    org_numbers: list[OrgNumberFact]
    company_names: list[CompanyNameFact]
    trader_names: list[TraderNameFact]
    representatives: list[RepresentativeFact]
    links: list[LinkFact]
    forms: list[FormFact]
    passages: list[PassageFact]
    chats: list[ChatFact]
    account_links: list[LinkFact]
    coverage: CrawlCoverage

    def __init__(self, facts: SiteFacts, declared: Iterable[str]) -> None:
        self._facts = facts
        self._declared = frozenset(declared)
        self.site = facts.site
        self.jurisdiction = facts.jurisdiction

    def __getattr__(self, name: str) -> object:
        if name.startswith("_"):
            raise AttributeError(name)
        if name not in self._declared:
            raise UndeclaredFactError(f"fact {name!r} was not declared in the rule's requires")
        return getattr(self._facts, name)


@dataclass(frozen=True)
class AuditContext:
    """What a rule may know besides the facts: where and as of when the law is applied."""

    jurisdiction: str
    as_of: date

    @property
    def params(self) -> dict[str, Any]:
        """The jurisdiction's parameters of the law (``[params]`` of its profile)."""
        return profiles.params(self.jurisdiction)

    @property
    def country(self) -> profiles.Country:
        """The jurisdiction's country (``[country]`` of its profile): region code, domains, languages."""
        return profiles.country(self.jurisdiction)


@dataclass(frozen=True)
class Verdict:
    """What :meth:`Rule.evaluate` returns; the engine turns it into a RuleOutcome."""

    outcome: Outcome
    message: Text
    evidence: tuple[Evidence, ...] = field(default_factory=tuple)
    #: Who the trader is, where the rule established it (trader-identity): the report names it first.
    trader: TraderInfo | None = None


def passed(message: Text | str, evidence: Iterable[Evidence]) -> Verdict:
    """The requirement is met. Evidence is required: a pass must show what it saw."""
    return _verdict(Outcome.PASS, message, evidence, need_evidence=True)


def partial(message: Text | str, evidence: Iterable[Evidence]) -> Verdict:
    """Met in part (counts half): e.g. a PO box only, or a contact page three clicks deep."""
    return _verdict(Outcome.PARTIAL, message, evidence, need_evidence=True)


def failed(message: Text | str, evidence: Iterable[Evidence]) -> Verdict:
    """Not met. Evidence (at least the pages searched) is required: a fail must be defensible."""
    return _verdict(Outcome.FAIL, message, evidence, need_evidence=True)


def needs_review(message: Text | str, evidence: Iterable[Evidence] = ()) -> Verdict:
    """The tool cannot tell: a person must look. The message says why."""
    return _verdict(Outcome.NEEDS_REVIEW, message, evidence, need_evidence=False)


def not_applicable(message: Text | str) -> Verdict:
    """The requirement does not apply to this site."""
    return Verdict(Outcome.NOT_APPLICABLE, as_text(message))


def _verdict(outcome: Outcome, message: Text | str, evidence: Iterable[Evidence], *, need_evidence: bool) -> Verdict:
    items = tuple(evidence)
    if need_evidence and not items:
        raise ValueError(f"a {outcome.value} verdict needs evidence")
    return Verdict(outcome, as_text(message), items)


class Rule:
    """Base class of every rule. Subclasses set ``meta`` and implement ``evaluate``."""

    meta: ClassVar[RuleMeta]

    def evaluate(self, facts: FactView, ctx: AuditContext) -> Verdict:
        """Decide the rule for one site from its declared facts."""
        raise NotImplementedError


#: Every rule class by id, filled by :func:`register` as the rule modules are imported;
#: :mod:`auditor.registry` discovers the modules and reads it.
REGISTERED: dict[str, type[Rule]] = {}

R = TypeVar("R", bound=type[Rule])


def register(cls: R) -> R:
    """Class decorator: add a rule to the catalogue under its ``meta.id``."""
    rule_id = cls.meta.id
    if rule_id in REGISTERED and REGISTERED[rule_id] is not cls:
        raise ValueError(f"two rules share the id {rule_id!r}")
    REGISTERED[rule_id] = cls
    return cls
