"""The case's findings, and the compliance cache dashboards read (never recomputed on view)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from liuhen.cases.models import (
    Case,
    CaseCompliance,
    CaseDue,
    CaseEvent,
    DueStatus,
    EventStatus,
)
from liuhen.cases.timeline import effective_events, timeline_document
from liuhen.rules import CaseFindings, check_timeline, parse_timeline
from liuhen.rules.clock import CHINA


def case_findings(*, case: Case, as_of: datetime) -> CaseFindings:
    """What `liuhen check` says of the case's effective timeline as it stood at `as_of`.
    A case whose agency has no profile is bound by none of the packaged regulations."""
    return timeline_findings(case=case, events=effective_events(case), as_of=as_of)


def timeline_findings(*, case: Case, events: Iterable[CaseEvent], as_of: datetime) -> CaseFindings:
    """`case_findings` for effective events already in hand (by time, then position), saved or
    not: a bulk loader checks a case before writing it, exactly as the services do."""
    timeline = parse_timeline(timeline_document(case, events), source=case.number)
    if not case.profile:
        return CaseFindings(case.number, "", as_of.astimezone(CHINA), ())
    return check_timeline(timeline, profile=case.profile, as_of=as_of)


def compliance_values(result: CaseFindings, *, as_of: datetime) -> dict[str, Any]:
    """The CaseCompliance fields (other than the case) for these findings."""
    pending = [
        f for f in result.findings if f.due is not None and f.severity != "advice" and f.due > as_of
    ]
    return {
        "computed_at": as_of,
        "violations": sum(1 for f in result.findings if f.severity == "violation"),
        "pending": sum(1 for f in result.findings if f.severity == "pending"),
        "advice": sum(1 for f in result.findings if f.severity == "advice"),
        "next_due_at": min((f.due for f in pending if f.due is not None), default=None),
        "findings": cached_document(result),
    }


def cached_document(result: CaseFindings) -> dict[str, Any]:
    """The findings document as `liuhen check` writes it, each finding also carrying `rule`:
    its duty's id in its pack, so a page finds the duty's quote by id. (The spec's document
    has no such field; the cache is ours and a reader of the spec ignores extra fields.)"""
    document = result.to_document()
    for entry in document["cases"]:
        for written, finding in zip(entry["findings"], result.findings, strict=True):
            written["rule"] = finding.rule
    return document


def compliance_dues(case: Case, result: CaseFindings, *, as_of: datetime) -> list[CaseDue]:
    """The unsaved CaseDue rows: one per dated finding not met (pending, or overdue when its due
    has passed at `as_of`)."""
    return [
        CaseDue(
            case=case,
            agency_id=case.agency_id,
            duty=f.rule[:80],
            regulation=f.regulation,
            article=f.article,
            label=f.duty[:200],
            message=f.message[:500],
            events=list(f.events),
            due_at=f.due,
            status=DueStatus.PENDING if f.due > as_of else DueStatus.OVERDUE,
        )
        for f in result.findings
        if f.due is not None and f.severity != "advice"
    ]


@transaction.atomic
def case_compliance_refresh(*, case: Case, as_of: datetime | None = None) -> CaseCompliance:
    """Recompute the case's findings and store them.

    Side effects: the CaseCompliance row is created or replaced; the case's CaseDue rows are
    replaced by one per dated finding not met (pending, or overdue when its due has passed).
    Computed as of the later of `as_of` (now unless given) and the latest effective event: an
    event may be dated up to CLOCK_SKEW ahead of the server's clock, and the rules engine ignores
    what happens after its `as_of`, so a just-recorded act would otherwise go unchecked.
    No ledger entry: the cache is derived from ledgered events and can be rebuilt at any time.
    """
    latest = case.events.filter(status=EventStatus.EFFECTIVE).aggregate(latest=Max("at"))["latest"]
    as_of = as_of or timezone.now()
    if latest is not None and latest > as_of:
        as_of = latest
    result = case_findings(case=case, as_of=as_of)
    compliance, _ = CaseCompliance.objects.update_or_create(
        case=case, defaults={"agency_id": case.agency_id, **compliance_values(result, as_of=as_of)}
    )
    CaseDue.objects.filter(case=case).delete()
    CaseDue.objects.bulk_create(compliance_dues(case, result, as_of=as_of))
    return compliance
