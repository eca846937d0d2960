"""Request and response bodies. Times must carry their offset (RFC 3339), as in the timeline
spec: a naive time is refused with 422, never guessed."""

from __future__ import annotations

from typing import Any

from ninja import Schema
from pydantic import AwareDatetime, Field


class ErrorOut(Schema):
    error: str
    field: str | None = None


class PartyIn(Schema):
    kind: str = Field(description="person（自然人）或 organisation（法人或其他组织）")
    name: str
    id_number: str = ""
    address: str = ""
    contact: str = ""


class PartyOut(Schema):
    kind: str
    name: str
    id_number: str | None = Field(None, description="仅对承办本案的人员显示")
    address: str | None = None
    contact: str | None = None


class EventIn(Schema):
    type: str = Field(description="时间线词汇中的事件类型，如 onsite_inspection")
    at: AwareDatetime
    fields: dict[str, Any] = Field(default_factory=dict, description="该类型的字段（见时间线规范）")
    av: list[str] = Field(default_factory=list, description="拍摄该行为的音像记录的事件编号")
    documents: list[int] = Field(default_factory=list, description="附件：本单位证据的编号")
    note: str = ""


class CorrectionIn(Schema):
    type: str | None = Field(None, description="更正后的事件类型（缺省：与原记录相同）")
    at: AwareDatetime
    fields: dict[str, Any] = Field(default_factory=dict, description="更正后的全部字段")
    av: list[str] = Field(default_factory=list)
    documents: list[int] | None = Field(None, description="附件（缺省：沿用原记录的文件）")
    note: str = ""
    reason: str = Field(description="更正理由")


class EventOut(Schema):
    event_id: str
    position: int = Field(description="录入顺序：同一编号的原记录与更正记录以此区分")
    type: str
    label: str
    at: AwareDatetime
    fields: dict[str, Any]
    status: str
    imported: bool
    recorded_by: str | None
    recorded_at: AwareDatetime
    documents: list[int]
    ledger_sequence: int | None
    corrects: int | None = Field(None, description="所更正的原记录的录入顺序")
    correction_reason: str = ""
    corrected_by: int | None = Field(None, description="更正本记录的记录的录入顺序")


class CaseOpenIn(Schema):
    agency_id: int
    title: str
    action: str
    procedure: str = "general"
    source: str
    parties: list[PartyIn] = Field(default_factory=list)
    officer_ids: list[int] = Field(description="执法人员编号，第一位为主办")
    first_event: EventIn
    major: bool = False
    major_incident: bool = False
    complex: bool = False


class CaseOut(Schema):
    id: int
    number: str
    title: str
    agency_id: int
    agency: str
    action: str
    procedure: str
    source: str
    profile: str
    stage: str
    opened_at: AwareDatetime
    closed_at: AwareDatetime | None
    archived_at: AwareDatetime | None
    violations: int | None
    pending: int | None
    next_due_at: AwareDatetime | None


class CaseDetailOut(CaseOut):
    parties: list[PartyOut]
    officers: list[dict[str, Any]]
    events: list[EventOut]


class RecordingIn(Schema):
    holding_id: int = Field(description="已上传的音像文件（证据编号）")
    start: AwareDatetime
    end: AwareDatetime
    device: str = ""
    notice_given: bool
    statement_given: bool
    interruptions: list[dict[str, Any]] = Field(default_factory=list)


class ApprovalIn(Schema):
    step: str = Field(description="review（审核）或 approve（批准）")
    outcome: str = Field(description="approved 或 returned")
    comment: str = ""


class StageIn(Schema):
    target: str


class ImportIn(Schema):
    agency_id: int
    source_name: str = "api"
    document: dict[str, Any]


class UploadBeginIn(Schema):
    agency_id: int
    filename: str
    size: int = Field(gt=0)
    sha256: str | None = None
    description: str = ""


class UploadStatusOut(Schema):
    upload_id: str
    total_size: int
    chunk_size: int
    received_bytes: int
    missing: list[list[int]]
    complete: bool


class HoldingOut(Schema):
    holding_id: int
    agency_id: int
    sha256: str
    sm3: str
    size: int
    filename: str
    added_at: AwareDatetime
    media: dict[str, Any]
