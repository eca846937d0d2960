"""Cases, their acts, recordings, approvals, timelines and findings over HTTP.

Every endpoint asks `liuhen.cases.access` what the caller may reach and calls one service; a
case the caller may not reach answers 404, like one that does not exist."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Status
from pydantic import AwareDatetime

from liuhen.agencies.models import Officer
from liuhen.api.auth import caller
from liuhen.api.schemas import (
    ApprovalIn,
    CaseDetailOut,
    CaseOpenIn,
    CaseOut,
    CorrectionIn,
    ErrorOut,
    EventIn,
    EventOut,
    ImportIn,
    RecordingIn,
    StageIn,
)
from liuhen.cases.access import (
    CaseAction,
    access_case_agency,
    access_case_by_id,
    access_cases,
    party_details_visible,
)
from liuhen.cases.errors import CaseInputError
from liuhen.cases.models import Case, CaseEvent, EventStatus
from liuhen.cases.services import (
    PartyInput,
    case_act_approve,
    case_event_correct,
    case_event_record,
    case_findings,
    case_import,
    case_open,
    case_recording_attach,
    case_stage_advance,
    case_timeline_document,
)
from liuhen.evidence.access import access_holding_by_id
from liuhen.rules import findings_document
from liuhen.rules import vocabulary as v
from liuhen.rules.clock import CHINA

router = Router()
ERRORS: dict[int, Any] = {401: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


def _case_out(case: Case) -> dict[str, Any]:
    compliance = getattr(case, "compliance", None)
    return {
        "id": case.pk,
        "number": case.number,
        "title": case.title,
        "agency_id": case.agency_id,
        "agency": case.agency.name,
        "action": case.action,
        "procedure": case.procedure,
        "source": case.source,
        "profile": case.profile,
        "stage": case.stage,
        "opened_at": case.opened_at,
        "closed_at": case.closed_at,
        "archived_at": case.archived_at,
        "violations": compliance.violations if compliance else None,
        "pending": compliance.pending if compliance else None,
        "next_due_at": compliance.next_due_at if compliance else None,
    }


def _event_out(event: CaseEvent, corrected_by: int | None = None) -> dict[str, Any]:
    return {
        "event_id": event.event_id,
        "position": event.position,
        "type": event.type,
        "label": v.label(event.type),
        "at": event.at,
        "fields": event.fields,
        "status": event.status,
        "imported": event.imported,
        "recorded_by": event.recorded_by.username if event.recorded_by else None,
        "recorded_at": event.recorded_at,
        "documents": [d.holding_id for d in event.documents.all()],
        "ledger_sequence": event.ledger_sequence,
        "corrects": event.corrects.position if event.corrects else None,
        "correction_reason": event.correction_reason,
        "corrected_by": corrected_by,
    }


def _holdings(request: HttpRequest, case: Case, ids: list[int]) -> list[Any]:
    holdings = []
    for holding_id in ids:
        holding = access_holding_by_id(user=caller(request), holding_id=holding_id)
        if holding.agency_id != case.agency_id:
            raise CaseInputError("documents", f"证据 {holding_id} 不属于本案所在单位")
        holdings.append(holding)
    return holdings


def _event_of(
    request: HttpRequest, case_id: int, event_id: str, action: CaseAction, prefer: str
) -> CaseEvent:
    """The row with this spec id: of the rows sharing it (an original and its corrections),
    the latest one in status `prefer`, else the latest."""
    case = access_case_by_id(user=caller(request), case_id=case_id, action=action)
    rows = list(case.events.filter(event_id=event_id).order_by("-position"))
    if not rows:
        raise CaseInputError("event_id", f"本案没有编号为 {event_id} 的记录")
    return next((e for e in rows if e.status == prefer), rows[0])


@router.get("", response=list[CaseOut], summary="可访问的案件")
def case_list(
    request: HttpRequest, stage: str | None = None, limit: int = 50, offset: int = 0
) -> list[dict[str, Any]]:
    # the counts of the compliance cache, not its findings document (kilobytes of JSON a case)
    cases = (
        access_cases(user=caller(request), action=CaseAction.VIEW)
        .select_related("compliance")
        .defer("compliance__findings")
    )
    if stage:
        cases = cases.filter(stage=stage)
    window = cases.order_by("-opened_at", "-pk")[max(offset, 0) : max(offset, 0) + min(limit, 500)]
    return [_case_out(case) for case in window]


@router.post("", response={201: CaseDetailOut, **ERRORS}, summary="登记案件并记录第一项")
def case_create(request: HttpRequest, body: CaseOpenIn) -> Status[dict[str, Any]]:
    agency = access_case_agency(user=caller(request), agency_id=body.agency_id)
    officers = list(Officer.objects.filter(agency=agency, pk__in=body.officer_ids))
    found = {officer.pk: officer for officer in officers}
    missing = [str(i) for i in body.officer_ids if i not in found]
    if missing:
        raise CaseInputError("officer_ids", f"本单位没有这些执法人员：{'、'.join(missing)}")
    case = case_open(
        actor=caller(request),
        agency=agency,
        title=body.title,
        action=body.action,
        procedure=body.procedure,
        source=body.source,
        parties=[PartyInput(**party.dict()) for party in body.parties],
        officers=[found[i] for i in body.officer_ids],
        first_event_type=body.first_event.type,
        at=body.first_event.at,
        fields=body.first_event.fields,
        major=body.major,
        major_incident=body.major_incident,
        complex=body.complex,
        note=body.first_event.note,
    )
    return Status(201, _case_detail(request, case))


def _case_detail(request: HttpRequest, case: Case) -> dict[str, Any]:
    visible = party_details_visible(user=caller(request), case=case)
    parties = [
        {
            "kind": p.kind,
            "name": p.name,
            "id_number": p.id_number if visible else None,
            "address": p.address if visible else None,
            "contact": p.contact if visible else None,
        }
        for p in case.parties.all()
    ]
    officers = [
        {"officer_id": o.officer_id, "name": o.officer.name, "role": o.role}
        for o in case.officers.select_related("officer")
    ]
    events = list(
        case.events.select_related("recorded_by", "corrects")
        .prefetch_related("documents")
        .order_by("at", "position")
    )
    corrected_by = {
        e.corrects_id: e.position
        for e in sorted(events, key=lambda e: e.position)
        if e.corrects_id is not None and e.status != EventStatus.RETURNED
    }
    return {
        **_case_out(case),
        "parties": parties,
        "officers": officers,
        "events": [_event_out(e, corrected_by.get(e.pk)) for e in events],
    }


@router.get("/{case_id}", response={200: CaseDetailOut, **ERRORS}, summary="案件详情")
def case_detail(request: HttpRequest, case_id: int) -> dict[str, Any]:
    case = access_case_by_id(user=caller(request), case_id=case_id, action=CaseAction.VIEW)
    return _case_detail(request, case)


@router.get("/{case_id}/timeline", response={200: dict[str, Any], **ERRORS}, summary="导出时间线")
def case_timeline(request: HttpRequest, case_id: int) -> dict[str, Any]:
    """The case's effective timeline exactly per liuhen.case-timeline/1."""
    case = access_case_by_id(user=caller(request), case_id=case_id, action=CaseAction.EXPORT)
    return case_timeline_document(case=case)


@router.get("/{case_id}/findings", response={200: dict[str, Any], **ERRORS}, summary="合规检查")
def case_findings_get(
    request: HttpRequest, case_id: int, as_of: AwareDatetime | None = None
) -> dict[str, Any]:
    case = access_case_by_id(user=caller(request), case_id=case_id, action=CaseAction.VIEW)
    moment = (as_of or timezone.now()).astimezone(CHINA)
    return findings_document([case_findings(case=case, as_of=moment)], as_of=moment)


@router.post("/{case_id}/events", response={201: EventOut, **ERRORS}, summary="记录一项执法行为")
def event_create(request: HttpRequest, case_id: int, body: EventIn) -> Status[dict[str, Any]]:
    case = access_case_by_id(user=caller(request), case_id=case_id, action=CaseAction.RECORD)
    with transaction.atomic():
        event = case_event_record(
            actor=caller(request),
            case=case,
            type=body.type,
            at=body.at,
            fields=body.fields,
            av=body.av,
            documents=_holdings(request, case, body.documents),
            note=body.note,
        )
    return Status(201, _event_out(event))


@router.post("/{case_id}/recordings", response={201: EventOut, **ERRORS}, summary="关联音像记录")
def recording_attach(
    request: HttpRequest, case_id: int, body: RecordingIn
) -> Status[dict[str, Any]]:
    """Links an uploaded recording; its storage time is the server's ingest time."""
    case = access_case_by_id(user=caller(request), case_id=case_id, action=CaseAction.RECORD)
    (holding,) = _holdings(request, case, [body.holding_id])
    event = case_recording_attach(
        actor=caller(request),
        case=case,
        holding=holding,
        start=body.start,
        end=body.end,
        device=body.device,
        notice_given=body.notice_given,
        statement_given=body.statement_given,
        interruptions=body.interruptions,
    )
    return Status(201, _event_out(event))


@router.post(
    "/{case_id}/events/{event_id}/approvals",
    response={201: dict[str, Any], **ERRORS},
    summary="审核或批准一项待审批的记录",
)
def event_approve(
    request: HttpRequest, case_id: int, event_id: str, body: ApprovalIn
) -> Status[dict[str, Any]]:
    event = _event_of(request, case_id, event_id, CaseAction.APPROVE, EventStatus.AWAITING)
    approval = case_act_approve(
        actor=caller(request),
        event=event,
        step=body.step,
        outcome=body.outcome,
        comment=body.comment,
    )
    event.refresh_from_db()
    return Status(
        201,
        {
            "step": approval.step,
            "outcome": approval.outcome,
            "decided_at": approval.decided_at.isoformat(),
            "event_status": event.status,
        },
    )


@router.post(
    "/{case_id}/events/{event_id}/corrections",
    response={201: EventOut, **ERRORS},
    summary="更正一项已生效的记录",
)
def event_correct(
    request: HttpRequest, case_id: int, event_id: str, body: CorrectionIn
) -> Status[dict[str, Any]]:
    """Records a correction of the effective event with this id: the original is kept and marked
    corrected; the correction (same id) takes its place, after the approval chain where the
    act needs one."""
    original = _event_of(request, case_id, event_id, CaseAction.RECORD, EventStatus.EFFECTIVE)
    documents = (
        None if body.documents is None else _holdings(request, original.case, body.documents)
    )
    correction = case_event_correct(
        actor=caller(request),
        case=original.case,
        event=original,
        type=body.type,
        at=body.at,
        fields=body.fields,
        av=body.av,
        documents=documents,
        note=body.note,
        reason=body.reason,
    )
    return Status(201, _event_out(correction))


@router.post("/{case_id}/stage", response={200: CaseOut, **ERRORS}, summary="推进案件阶段")
def stage_advance(request: HttpRequest, case_id: int, body: StageIn) -> dict[str, Any]:
    case = access_case_by_id(user=caller(request), case_id=case_id, action=CaseAction.RECORD)
    return _case_out(case_stage_advance(actor=caller(request), case=case, target=body.target))


@router.post("/import", response={201: dict[str, Any], **ERRORS}, summary="导入外部系统的时间线")
def timeline_import(request: HttpRequest, body: ImportIn) -> Status[dict[str, Any]]:
    agency = access_case_agency(user=caller(request), agency_id=body.agency_id)
    case = case_import(
        actor=caller(request), agency=agency, document=body.document, source_name=body.source_name
    )
    moment = timezone.now().astimezone(CHINA)
    findings = findings_document([case_findings(case=case, as_of=moment)], as_of=moment)
    return Status(201, {"case": _case_out(case), "findings": findings})
