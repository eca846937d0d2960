"""What approving an act awaiting approval would do to the case's compliance, shown to the
person about to approve it before the buttons (the head decides; nothing here blocks).

The act is checked as it would take effect (liuhen.cases.services.approval): the case's
effective timeline, plus the vocabulary events the remaining steps of the chain record, plus
the act itself dated the later of its proposed time and the approval (now), replacing the event
it corrects. The rules engine runs through the compliance cache's entry point
(`timeline_findings`) on the timeline as it is and as it would be, both as of now; the
violations of the second not in the first are what approving adds. Reads only.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils import timezone

from liuhen.cases.approvals import (
    APPROVAL_STEPS,
    approval_rule_for,
    approval_step_next,
    approval_steps_done,
)
from liuhen.cases.errors import translate
from liuhen.cases.models import Case, CaseEvent, EventStatus
from liuhen.cases.presenters import FindingView, finding_views
from liuhen.cases.services.compliance import timeline_findings
from liuhen.rules import Finding, TimelineError


@dataclass(frozen=True, slots=True)
class ApprovalPreview:
    """The violations approving the act would add (as the compliance panel shows them), or why
    the final approval would be refused (the act no longer fits the timeline)."""

    violations: tuple[FindingView, ...]
    refusal: str = ""

    @property
    def clean(self) -> bool:
        return not self.violations and not self.refusal


def _key(finding: Finding) -> tuple[str, str, str, tuple[str, ...]]:
    return (finding.rule, finding.regulation, finding.article, finding.events)


def _next_free_ids(taken: set[str], start: int, count: int) -> list[str]:
    ids: list[str] = []
    n = start
    while len(ids) < count:
        if f"e{n}" not in taken:
            ids.append(f"e{n}")
            taken.add(f"e{n}")
        n += 1
    return ids


def _as_it_would_take_effect(
    case: Case, event: CaseEvent, events: Sequence[CaseEvent], now: dt.datetime
) -> list[CaseEvent]:
    """The effective timeline after the remaining steps approve `event` at `now` (unsaved rows
    for the new events, ids and positions as the services would give them)."""
    effective = [
        e for e in events if e.status == EventStatus.EFFECTIVE and e.pk != event.corrects_id
    ]
    rule = approval_rule_for(
        event_type=event.type, profile=case.profile, procedure=case.procedure, fields=event.fields
    )
    left = APPROVAL_STEPS[approval_steps_done(event) :]
    recorded = [rule.records[s] for s in left if rule and s in rule.records]
    last = max((e.position for e in events), default=0)
    ids = _next_free_ids({e.event_id for e in events}, last + 1, len(recorded))
    added = [
        CaseEvent(case=case, type=t, at=now, fields={}, event_id=i, position=last + n)
        for n, (t, i) in enumerate(zip(recorded, ids, strict=True), start=1)
    ]
    act = CaseEvent(
        case=case,
        type=event.type,
        at=max(event.at, now),
        fields=event.fields,
        event_id=event.event_id,
        position=event.position,
    )
    return sorted([*effective, *added, act], key=lambda e: (e.at, e.position))


def approval_preview(
    *,
    case: Case,
    event: CaseEvent,
    events: Sequence[CaseEvent] | None = None,
    now: dt.datetime | None = None,
) -> ApprovalPreview:
    """What approving `event` (awaiting approval) through the rest of its chain now would add.
    `events`: every recorded event of the case (awaiting and returned included), when in hand."""
    now = now or timezone.now()
    rows = list(events) if events is not None else list(case.events.all())
    before = [e for e in rows if e.status == EventStatus.EFFECTIVE]
    before.sort(key=lambda e: (e.at, e.position))
    after = _as_it_would_take_effect(case, event, rows, now)
    current = timeline_findings(case=case, events=before, as_of=now)
    try:
        result = timeline_findings(case=case, events=after, as_of=now)
    except TimelineError as error:
        reason = translate(error, type_name=event.type).messages[0]
        return ApprovalPreview((), refusal=f"按现有记录，批准时将被拒绝：{reason}")
    known = Counter(_key(f) for f in current.findings if f.severity == "violation")
    added: list[dict[str, object]] = []
    for finding in result.findings:
        if finding.severity != "violation":
            continue
        if known[_key(finding)]:
            known[_key(finding)] -= 1
            continue
        added.append({**finding.to_json(), "rule": finding.rule})
    return ApprovalPreview(tuple(finding_views(added, now=now)))


def approval_previews(
    *, case: Case, events: Sequence[CaseEvent], steps: set[str], now: dt.datetime | None = None
) -> dict[int, ApprovalPreview]:
    """The preview of each act awaiting a step the user may decide (`steps`), by event pk: the
    engine runs only for those (about a millisecond each)."""
    now = now or timezone.now()
    previews: dict[int, ApprovalPreview] = {}
    for event in events:
        if event.status != EventStatus.AWAITING:
            continue
        if approval_step_next(event) in steps:
            previews[event.pk] = approval_preview(case=case, event=event, events=events, now=now)
    return previews
