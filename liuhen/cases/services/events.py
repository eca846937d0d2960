"""Recording events: validation against the whole timeline, the guards, the row and its effects.

The helpers here run inside a service's transaction with the case row locked; the public
services (`case_event_record` and friends) wrap them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from liuhen.accounts.models import User
from liuhen.agencies.models import OfficerStatus
from liuhen.cases.approvals import approval_rule_for
from liuhen.cases.errors import CaseInputError, CaseStateError, reason_text, translate
from liuhen.cases.models import (
    Case,
    CaseEvent,
    CaseEventDocument,
    CaseOfficer,
    EventStatus,
)
from liuhen.cases.onsite import ONSITE_ACTS
from liuhen.cases.services.plausibility import (
    fine_amount_check,
    interruptions_check,
    numbers_check,
)
from liuhen.cases.stages import effective_types, stage_auto_advance
from liuhen.cases.timeline import (
    effective_events,
    event_json,
    fields_normalise,
    fields_to_json,
    timeline_document,
)
from liuhen.evidence.models import EvidenceHolding
from liuhen.ledger.services import ledger_append
from liuhen.rules import vocabulary as v
from liuhen.rules.clock import format_time, parse_time
from liuhen.rules.timeline import TimelineError, parse_timeline

# How far ahead of the server's clock an act may be dated (clocks of field devices drift).
CLOCK_SKEW = timedelta(minutes=5)


@dataclass
class Draft:
    """An event about to be recorded."""

    type: str
    at: datetime
    fields: dict[str, Any]
    event_id: str = ""
    imported: bool = False
    documents: Sequence[EvidenceHolding] = ()
    extra: dict[str, Any] = field(default_factory=dict)  # for the ledger payload
    # a correction: the effective event it replaces (its spec id is taken over), and why
    corrects: CaseEvent | None = None
    reason: str = ""


def case_lock(case: Case) -> Case:
    """The case row, locked for the rest of the transaction: one writer per case at a time."""
    return Case.objects.select_for_update().get(pk=case.pk)


def draft_build(
    *,
    type: str,
    at: datetime,
    fields: Mapping[str, Any] | None,
    av: Sequence[str] = (),
    note: str = "",
    imported: bool = False,
    documents: Sequence[EvidenceHolding] = (),
) -> Draft:
    if type not in v.EVENT_TYPES:
        raise CaseInputError("type", f"未知的记录类型：{type}")
    if not isinstance(at, datetime) or at.tzinfo is None:
        raise CaseInputError("at", "“时间”须为带时区的时间")
    data = fields_to_json(dict(fields or {}))
    for reserved in ("type", "at", "id"):
        if reserved in data:
            raise CaseInputError(reserved, f"“{reserved}”不能放在 fields 中，由系统填写")
    if av:
        data["av"] = list(av)
    if note.strip():
        data["note"] = note.strip()
    return Draft(type=type, at=at, fields=data, imported=imported, documents=documents)


def _assign_ids(case: Case, drafts: Sequence[Draft]) -> None:
    """`eN` for each draft without an id, N its recording position where that name is free."""
    taken = set(case.events.values_list("event_id", flat=True))
    taken.update(d.event_id for d in drafts if d.event_id)
    last = case.events.order_by("-position").values_list("position", flat=True).first() or 0
    for offset, draft in enumerate(drafts, start=1):
        if draft.event_id:
            continue
        n = last + offset
        while f"e{n}" in taken:
            n += 1
        draft.event_id = f"e{n}"
        taken.add(draft.event_id)


def drafts_validate(case: Case, drafts: Sequence[Draft]) -> None:
    """Run the case's effective timeline plus the drafts through `parse_timeline`, so every rule
    of the vocabulary holds exactly as `liuhen check` applies it; CaseInputError otherwise.
    A correcting draft takes the place of the event it corrects."""
    replaced = {d.corrects.pk for d in drafts if d.corrects is not None}
    existing = [e for e in effective_events(case) if e.pk not in replaced]
    _assign_ids(case, drafts)
    document = timeline_document(case, existing)
    used = {e.event_id for e in existing}
    for draft in drafts:
        if draft.event_id in used:
            raise CaseInputError("id", f"编号 {draft.event_id} 已被本案其他记录使用")
        document["events"].append(
            {"type": draft.type, "id": draft.event_id, "at": format_time(draft.at), **draft.fields}
        )
    try:
        parse_timeline(document, source=case.number)
    except TimelineError as error:
        index = _index(error.path)
        if index is not None and index >= len(existing):
            raise translate(error, type_name=drafts[index - len(existing)].type) from None
        # the case's own facts, or an event already on it, fail (a rule tightened since)
        if index is None:
            raise CaseInputError("case", f"本案的案件信息{reason_text(error.reason)}") from None
        kind = str(document["events"][index]["type"])
        wrong = translate(error, type_name=kind).text
        raise CaseInputError("case", f"本案已有的“{v.label(kind)}”记录：{wrong}") from None
    for draft in drafts:
        draft.fields = fields_normalise(draft.type, draft.fields)
        numbers_check(draft.type, draft.fields)


def _index(path: str) -> int | None:
    if path.startswith("events["):
        return int(path[len("events[") : path.index("]")])
    return None


def guards_check(case: Case, draft: Draft, *, now: datetime) -> None:
    """The platform's own refusals, beyond the vocabulary's (run after `drafts_validate`)."""
    if case.archived_at is not None:
        raise CaseStateError(f"案件 {case.number} 已归档，不能再记录")
    if draft.at > now + CLOCK_SKEW:
        raise CaseInputError("at", "“时间”晚于当前时间：不能记录尚未发生的行为")
    start = draft.fields.get("start")
    if isinstance(start, str) and parse_time(start) > now + CLOCK_SKEW:
        raise CaseInputError("start", "“开始时间”晚于当前时间")
    if not draft.imported:  # another system's record of what it did is kept as it is
        fine_amount_check(draft.type, draft.fields)
    interruptions_check(draft.type, draft.fields, end=draft.at)
    if draft.type == "case.archived" and case.closed_at is None:
        raise CaseStateError(f"尚未结案，不能立卷归档：须先记录“{v.label('case.closed')}”")
    rule = ONSITE_ACTS.get(draft.type)
    if rule is not None and not draft.imported:
        active = CaseOfficer.objects.filter(
            case=case, released_at__isnull=True, officer__status=OfficerStatus.ACTIVE
        ).count()
        if active < rule.minimum:
            raise CaseStateError(
                f"{v.label(draft.type)}须由{rule.minimum}名以上执法人员实施"
                f"（{rule.regulation} {rule.article}：{rule.quote}），"
                f"本案现有执法证有效的承办人员 {active} 名"
            )
    for holding in draft.documents:
        if holding.agency_id != case.agency_id:
            raise CaseInputError("documents", f"证据“{holding.filename}”不属于本案的执法主体")
    # 重大执法决定法制审核: a decision waits for its passed review where the profile requires one
    # (imported lazily: the review app builds on cases)
    from liuhen.review.gate import review_gate_check

    review_gate_check(case, draft)


def review_gate_at_approval(case: Case, draft: Draft, *, event: CaseEvent) -> None:
    """The legal-review gate for an act taking effect on its final approval: `draft` is the act
    as it takes effect. A decision a head recorded without review (a ReviewOverride on the
    event) keeps its override; imported acts never wait for approval."""
    from liuhen.review.gate import review_gate_check
    from liuhen.review.models import ReviewOverride

    if ReviewOverride.objects.filter(event=event).exists():
        return
    review_gate_check(case, draft)


def draft_save(
    case: Case, draft: Draft, *, actor: User | None, now: datetime, approval: bool = True
) -> CaseEvent:
    """The event row, its documents and its ledger entry. Acts the approval table names wait
    for the chain (status awaiting) unless imported."""
    last = case.events.order_by("-position").values_list("position", flat=True).first() or 0
    rule = (
        approval_rule_for(
            event_type=draft.type,
            profile=case.profile,
            procedure=case.procedure,
            fields=draft.fields,
        )
        if approval and not draft.imported
        else None
    )
    status = EventStatus.AWAITING if rule is not None else EventStatus.EFFECTIVE
    if draft.corrects is not None and status == EventStatus.EFFECTIVE:
        correction_take_effect(draft.corrects)
    event = CaseEvent.objects.create(
        case=case,
        position=last + 1,
        type=draft.type,
        event_id=draft.event_id,
        at=draft.at,
        fields=draft.fields,
        recorded_by=actor,
        recorded_at=now,
        imported=draft.imported,
        status=status,
        corrects=draft.corrects,
        correction_reason=draft.reason,
    )
    CaseEventDocument.objects.bulk_create(
        CaseEventDocument(event=event, holding=h) for h in draft.documents
    )
    correction = (
        {
            "corrects": {"position": draft.corrects.position, **event_json(draft.corrects)},
            "reason": draft.reason,
        }
        if draft.corrects is not None
        else {}
    )
    event.ledger_sequence = ledger_append(
        actor=actor,
        action="case.event_correct" if draft.corrects is not None else "case.event_record",
        target=event,
        payload={
            "case": case.number,
            "agency": case.agency_id,
            **event_json(event),
            "position": event.position,
            "status": event.status,
            "imported": event.imported,
            "documents": [h.object_id for h in draft.documents],
            "approval": f"{rule.regulation} {rule.article}" if rule else None,
            **correction,
            **draft.extra,
        },
    )
    event.save(update_fields=["ledger_sequence"])
    return event


def correction_take_effect(original: CaseEvent) -> None:
    """The corrected event leaves the timeline (status `corrected`, its content untouched); call
    as its correction becomes effective, before saving that (one effective row per spec id)."""
    CaseEvent.objects.filter(pk=original.pk).update(status=EventStatus.CORRECTED)
    original.status = EventStatus.CORRECTED


def effects_apply(case: Case, *, actor: User | None) -> None:
    """What effective events imply for the case row: closing and archiving times, the stage."""
    effective = case.events.filter(status=EventStatus.EFFECTIVE)
    closed = effective.filter(type="case.closed").order_by("at").values_list("at", flat=True)
    archived = effective.filter(type="case.archived").order_by("at").values_list("at", flat=True)
    case.closed_at = closed.first()
    case.archived_at = archived.first()
    before = case.stage
    taken = stage_auto_advance(case, effective_types(case))
    case.save(update_fields=["closed_at", "archived_at", "stage"])
    if taken:
        ledger_append(
            actor=actor,
            action="case.stage_advance",
            target=case,
            payload={"from": before, "to": case.stage, "automatic": True},
        )


def record_one(
    case: Case, draft: Draft, *, actor: User | None, now: datetime | None = None
) -> CaseEvent:
    now = now or timezone.now()
    drafts_validate(case, [draft])
    guards_check(case, draft, now=now)
    event = draft_save(case, draft, actor=actor, now=now)
    effects_apply(case, actor=actor)
    return event
