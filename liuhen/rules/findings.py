"""Findings: what the checker writes back, one per breached, due or advisable duty."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any, Literal

from liuhen.rules.articles import article_key
from liuhen.rules.clock import format_time
from liuhen.rules.vocabulary import FINDINGS_FORMAT

Severity = Literal["violation", "pending", "advice"]


@dataclass(frozen=True, slots=True)
class Finding:
    regulation: str
    article: str
    severity: Severity
    duty: str  # the short Chinese description of the duty
    due: datetime | None
    events: tuple[str, ...]
    message: str
    rule: str  # the duty's id in its pack
    stage: str  # 程序启动 … 归档管理, 公示: where the report lists it

    def sort_key(self) -> tuple[Any, ...]:
        return (
            self.regulation,
            article_key(self.article),
            self.due is None,
            self.due or 0,
            self.rule,
            self.events,
            self.message,
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "regulation": self.regulation,
            "article": self.article,
            "severity": self.severity,
            "duty": self.duty,
            "due": format_time(self.due) if self.due is not None else None,
            "events": list(self.events),
            "message": self.message,
        }


class _FindingDraft:
    """A Finding being built: its twin with assignable slots (see model.EventDraft)."""

    __slots__ = (
        "article",
        "due",
        "duty",
        "events",
        "message",
        "regulation",
        "rule",
        "severity",
        "stage",
    )
    regulation: str
    article: str
    severity: Severity
    duty: str
    due: datetime | None
    events: tuple[str, ...]
    message: str
    rule: str
    stage: str


assert sorted(_FindingDraft.__slots__) == sorted(f.name for f in fields(Finding))


def new_finding(
    regulation: str,
    article: str,
    severity: Severity,
    duty: str,
    due: datetime | None,
    events: tuple[str, ...],
    message: str,
    rule: str,
    stage: str,
) -> Finding:
    """Finding(...) at a third of the frozen dataclass's cost: every case has a few."""
    finding = _FindingDraft()
    finding.regulation = regulation
    finding.article = article
    finding.severity = severity
    finding.duty = duty
    finding.due = due
    finding.events = events
    finding.message = message
    finding.rule = rule
    finding.stage = stage
    finding.__class__ = Finding  # type: ignore[assignment]
    return finding  # type: ignore[return-value]


def sort_findings(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """By regulation id, then article in the text's order, then due (undated last)."""
    return tuple(sorted(findings, key=Finding.sort_key))


@dataclass(frozen=True, slots=True)
class CaseFindings:
    case: str
    profile: str
    as_of: datetime
    findings: tuple[Finding, ...]
    warnings: tuple[str, ...] = ()

    @property
    def violations(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "violation")

    @property
    def has_violation(self) -> bool:
        return any(f.severity == "violation" for f in self.findings)

    def to_json(self) -> dict[str, Any]:
        """This case's entry of a findings document."""
        entry: dict[str, Any] = {
            "case": self.case,
            "profile": self.profile,
            "findings": [f.to_json() for f in self.findings],
        }
        if self.warnings:
            entry["warnings"] = list(self.warnings)
        return entry

    def to_document(self) -> dict[str, Any]:
        return findings_document([self], as_of=self.as_of)


def findings_document(cases: Iterable[CaseFindings], *, as_of: datetime) -> dict[str, Any]:
    return {
        "format": FINDINGS_FORMAT,
        "as_of": format_time(as_of),
        "cases": [c.to_json() for c in cases],
    }
