"""Recording one act or fact of a case, and the audio-video records' own events."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from liuhen.accounts.models import User
from liuhen.cases.errors import CaseInputError
from liuhen.cases.models import Case, CaseEvent, CaseEventDocument, EventStatus
from liuhen.cases.services.compliance import case_compliance_refresh
from liuhen.cases.services.events import Draft, case_lock, draft_build, record_one
from liuhen.evidence.models import EvidenceHolding


@transaction.atomic
def case_event_record(
    *,
    actor: User | None,
    case: Case,
    type: str,
    at: datetime,
    fields: Mapping[str, Any] | None = None,
    av: Sequence[str] = (),
    documents: Sequence[EvidenceHolding] = (),
    note: str = "",
    imported: bool = False,
) -> CaseEvent:
    """Record one event of the vocabulary on `case`.

    The case's effective timeline plus this event must pass `liuhen.rules.parse_timeline`
    (CaseInputError naming the field otherwise); acts dated in the future, acts on an archived
    case and on-site acts without two officers are refused. Nothing is written when refused.
    Side effects: the CaseEvent (awaiting approval where the approval table says so) and its
    CaseEventDocument rows; a ledger entry; closing/archiving times and the stage advanced where
    the event implies it (with its own ledger entry); the compliance cache refreshed.
    """
    case = case_lock(case)
    draft = draft_build(
        type=type, at=at, fields=fields, av=av, note=note, imported=imported, documents=documents
    )
    event = record_one(case, draft, actor=actor)
    case_compliance_refresh(case=case)
    return event


@transaction.atomic
def case_recording_attach(
    *,
    actor: User | None,
    case: Case,
    holding: EvidenceHolding,
    start: datetime,
    end: datetime,
    device: str = "",
    notice_given: bool,
    statement_given: bool,
    interruptions: Sequence[Mapping[str, Any]] = (),
    imported: bool = False,
    stored_at: datetime | None = None,
) -> CaseEvent:
    """Record an uploaded recording: `av.recorded` (start, end, what was said) linked to the
    holding, and `av.stored` dated when the server received the file — never a typed time.

    An imported recording (from another system) keeps the source's storage time (`stored_at`,
    required then) and both events are marked imported.
    Side effects: two CaseEvents with the holding linked to the recording, their ledger entries,
    the compliance cache. Returns the `av.recorded` event.
    """
    case = case_lock(case)
    if imported and stored_at is None:
        raise CaseInputError("stored_at", "导入的音像记录须给出原系统的储存时间")
    if not imported and stored_at is not None:
        raise CaseInputError("stored_at", "储存时间由服务器按收到文件的时间填写，不能录入")
    if CaseEventDocument.objects.filter(
        event__case=case, event__type="av.recorded", holding=holding
    ).exists():
        raise CaseInputError("holding", f"“{holding.filename}”已作为本案的音像记录登记")
    fields: dict[str, Any] = {
        "start": start,
        "notice_given": notice_given,
        "statement_given": statement_given,
    }
    if interruptions:
        fields["interruptions"] = [dict(i) for i in interruptions]
    recorded = draft_build(
        type="av.recorded", at=end, fields=fields, imported=imported, documents=[holding]
    )
    recorded.extra = {"device": device.strip()[:100], "sha256": holding.object_id}
    event = record_one(case, recorded, actor=actor)
    # the server's clock when this agency's store received the file (the same bytes stored
    # earlier for another agency do not count as stored for this one)
    ingest = stored_at if stored_at is not None else holding.added_at
    stored = Draft(
        type="av.stored",
        at=ingest,
        fields={"of": event.event_id},
        imported=imported,
        extra={"sha256": holding.object_id, "server_time": not imported},
    )
    record_one(case, stored, actor=actor)
    case_compliance_refresh(case=case)
    return event


def _av_follow_up(
    *, actor: User | None, case: Case, recording: CaseEvent, type_name: str, at: datetime
) -> CaseEvent:
    if recording.case_id != case.pk or recording.type != "av.recorded":
        raise CaseInputError("of", "须指定本案的一条音像记录")
    if recording.status != EventStatus.EFFECTIVE:
        raise CaseInputError("of", "该音像记录尚未生效")
    case = case_lock(case)
    draft = draft_build(type=type_name, at=at, fields={"of": recording.event_id})
    event = record_one(case, draft, actor=actor)
    case_compliance_refresh(case=case)
    return event


@transaction.atomic
def case_recording_catalogue(
    *, actor: User | None, case: Case, recording: CaseEvent, at: datetime | None = None
) -> CaseEvent:
    """Record `av.catalogued` (分类整理、命名、描述) of a recording, now unless `at` is given.
    Side effects: a CaseEvent, its ledger entry, the compliance cache."""
    return _av_follow_up(
        actor=actor,
        case=case,
        recording=recording,
        type_name="av.catalogued",
        at=at or timezone.now(),
    )


@transaction.atomic
def case_recording_backup_mark(
    *, actor: User | None, case: Case, recording: CaseEvent, at: datetime | None = None
) -> CaseEvent:
    """Record `av.backed_up` (异地备份) of a recording, now unless `at` is given.
    Side effects: a CaseEvent, its ledger entry, the compliance cache."""
    return _av_follow_up(
        actor=actor,
        case=case,
        recording=recording,
        type_name="av.backed_up",
        at=at or timezone.now(),
    )
