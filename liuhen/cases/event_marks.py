"""What the case page shows beside each event besides its fields: its corrections (who, when,
why), whether it may be corrected now, for a recording the device it came from, and for an act
that took effect on its approval the time it was proposed (both kept in the event's ledger
entry). Reads only; one query of the ledger for all the events of a page."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from liuhen.cases.models import Case, CaseEvent, EventStatus
from liuhen.cases.services.correction import correction_refusal
from liuhen.ledger.models import LedgerEntry
from liuhen.rules.clock import parse_time


@dataclass(frozen=True, slots=True)
class CorrectionMarks:
    """For each event (by pk): the row that corrects it (effective or awaiting, the latest),
    the row it corrects, and the page anchor that names the row uniquely."""

    corrected_by: dict[int, CaseEvent]
    corrects: dict[int, CaseEvent]
    anchors: dict[int, str]


def event_anchor(event: CaseEvent) -> str:
    """`event-<id>` for the row in the timeline or awaiting as a new act (what other pages link
    to); rows sharing an id with it (the corrected original, a correction awaiting or returned)
    also carry their position."""
    shared = event.status == EventStatus.CORRECTED or (
        event.corrects_id is not None and event.status != EventStatus.EFFECTIVE
    )
    return f"event-{event.event_id}-{event.position}" if shared else f"event-{event.event_id}"


def correction_marks(events: Sequence[CaseEvent]) -> CorrectionMarks:
    by_pk = {e.pk: e for e in events}
    corrected_by: dict[int, CaseEvent] = {}
    corrects: dict[int, CaseEvent] = {}
    for event in sorted(events, key=lambda e: e.position):
        if event.corrects_id is None or event.status == EventStatus.RETURNED:
            continue
        corrected_by[event.corrects_id] = event
        if event.corrects_id in by_pk:
            corrects[event.pk] = by_pk[event.corrects_id]
    return CorrectionMarks(corrected_by, corrects, {e.pk: event_anchor(e) for e in events})


def review_held_events(case: Case) -> frozenset[int]:
    """The events a legal review round of the case refers to (its submission, outcome or
    escalation): `case_event_correct` refuses them, so the page offers no 更正 on them. One
    query. (Imported lazily: review builds on cases.)"""
    from liuhen.review.models import LegalReview

    held: set[int] = set()
    for row in LegalReview.objects.filter(case=case).values_list(
        "submitted_event_id", "outcome_event_id", "escalation_event_id"
    ):
        held.update(pk for pk in row if pk is not None)
    return frozenset(held)


def correctable(
    event: CaseEvent, marks: CorrectionMarks, held: frozenset[int] = frozenset()
) -> bool:
    """Whether the page offers 更正 on this event: the service's own rules
    (`correction_refusal`), from what the page already knows of all its events."""
    pending = marks.corrected_by.get(event.pk)
    return not correction_refusal(
        event,
        review_held=event.pk in held,
        correction_pending=pending is not None and pending.status == EventStatus.AWAITING,
    )


def _ledger_payloads(events: Sequence[CaseEvent]) -> dict[int, dict[str, Any]]:
    """The ledger entry's payload of each of `events`, by ledger sequence: one query."""
    sequences = [e.ledger_sequence for e in events if e.ledger_sequence is not None]
    if not sequences:
        return {}
    rows = LedgerEntry.objects.filter(sequence__in=sequences).values_list("sequence", "payload")
    return {sequence: json.loads(payload) for sequence, payload in rows}


def _recordings(events: Sequence[CaseEvent]) -> list[CaseEvent]:
    return sorted((e for e in events if e.type == "av.recorded"), key=lambda e: e.position)


def _approved(events: Sequence[CaseEvent]) -> list[CaseEvent]:
    return [
        e
        for e in events
        if e.status in (EventStatus.EFFECTIVE, EventStatus.CORRECTED)
        and e.ledger_sequence is not None
        and not e.imported
        and any(True for _ in e.approvals.all())
    ]


@dataclass(frozen=True, slots=True)
class LedgerMarks:
    """What the page shows from the events' own ledger entries (kept there, not on the row)."""

    devices: dict[int, str]  # a recording's device, by event pk
    proposed: dict[int, datetime]  # an approved act's time as proposed, by event pk


def ledger_marks(events: Sequence[CaseEvent]) -> LedgerMarks:
    """The devices of the recordings and the proposed times of the approved acts, from one
    query of their ledger entries."""
    recordings, approved = _recordings(events), _approved(events)
    payloads = _ledger_payloads([*recordings, *approved])
    return LedgerMarks(
        devices=_recording_devices(recordings, payloads),
        proposed=_proposed_times(approved, payloads),
    )


def _recording_devices(
    recordings: Sequence[CaseEvent], payloads: dict[int, dict[str, Any]]
) -> dict[int, str]:
    """The device of each recording (`av.recorded`), from its ledger entry; a correction shows
    the device of the recording it corrects."""
    devices: dict[int, str] = {}
    for event in recordings:
        payload = payloads.get(event.ledger_sequence or 0, {})
        device = str(payload.get("device") or "")
        if not device and event.corrects_id is not None:
            device = devices.get(event.corrects_id, "")
        devices[event.pk] = device
    return devices


def _proposed_times(
    approved: Sequence[CaseEvent], payloads: dict[int, dict[str, Any]]
) -> dict[int, datetime]:
    """For each act that took effect on its final approval later than proposed (ADR 0501: dated
    the later of the two), the time the officer recorded: its `case.event_record` (or
    `case.event_correct`) ledger entry keeps it as recorded, the row only the effective time."""
    proposed: dict[int, datetime] = {}
    for event in approved:
        at = payloads.get(event.ledger_sequence or 0, {}).get("at")
        if isinstance(at, str) and parse_time(at) != event.at:
            proposed[event.pk] = parse_time(at)
    return proposed
