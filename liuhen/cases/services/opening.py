"""Opening a case: its number, parties, officers and first event."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from liuhen.accounts.models import User
from liuhen.agencies.models import Agency, Officer, OfficerStatus
from liuhen.cases.errors import CaseInputError
from liuhen.cases.models import Case, CaseOfficer, OfficerRole, Party, PartyKind
from liuhen.cases.numbering import case_number_next
from liuhen.cases.services.compliance import case_compliance_refresh
from liuhen.cases.services.events import draft_build, record_one
from liuhen.ledger.services import ledger_append
from liuhen.rules import vocabulary as v
from liuhen.rules.clock import CHINA

# The events a case can start with, and the sources each fits.
FIRST_EVENTS: dict[str, frozenset[str]] = {
    "complaint.received": frozenset({"complaint"}),
    "application.received": frozenset({"application"}),
    "license_reception": frozenset({"application"}),
    "case.initiated": frozenset(v.SOURCES),
    "random_inspection": frozenset({"ex_officio"}),
    "onsite_inspection": frozenset({"ex_officio", "complaint"}),
}


@dataclass(frozen=True, slots=True)
class PartyInput:
    kind: str
    name: str
    id_number: str = ""
    address: str = ""
    contact: str = ""


def _choice(field: str, value: str, allowed: Mapping[str, str]) -> None:
    if value not in allowed:
        raise CaseInputError(field, f"“{value}”不是允许的取值（{'、'.join(allowed)}）")


@transaction.atomic
def case_open(
    *,
    actor: User | None,
    agency: Agency,
    title: str,
    action: str,
    procedure: str = "general",
    source: str,
    parties: Sequence[PartyInput] = (),
    officers: Sequence[Officer],
    first_event_type: str,
    at: datetime,
    fields: Mapping[str, Any] | None = None,
    major: bool = False,
    major_incident: bool = False,
    complex: bool = False,
    note: str = "",
) -> Case:
    """Open a case and record its first event.

    At least one party (CaseInputError on `parties` otherwise: the form only mirrors this, the
    API cannot skip it). The first officer is 主办, the others 协办; each must be an active
    officer of `agency`.
    Side effects: a CaseNumberCounter row locked and advanced (the 案号, by the year of `at` in
    China time); Case, Party and CaseOfficer rows; the first CaseEvent (awaiting approval where
    the approval table says so); ledger entries for the opening and the event; the compliance
    cache.
    """
    title = title.strip()
    if not title:
        raise CaseInputError("title", "“案由”不能为空")
    _choice("action", action, v.ACTIONS)
    _choice("procedure", procedure, v.PROCEDURES)
    _choice("source", source, v.SOURCES)
    if first_event_type not in FIRST_EVENTS:
        raise CaseInputError("first_event_type", f"案件不能以“{v.label(first_event_type)}”开始")
    if source not in FIRST_EVENTS[first_event_type]:
        raise CaseInputError(
            "first_event_type",
            f"“{v.SOURCES[source]}”的案件不能以“{v.label(first_event_type)}”开始",
        )
    if not officers:
        raise CaseInputError("officers", "须指定承办案件的执法人员")
    for officer in officers:
        if officer.agency_id != agency.pk:
            raise CaseInputError("officers", f"执法人员{officer.name}不属于{agency.name}")
        if officer.status != OfficerStatus.ACTIVE:
            raise CaseInputError("officers", f"执法人员{officer.name}的执法证件不在有效状态")
    if len({o.pk for o in officers}) != len(officers):
        raise CaseInputError("officers", "同一执法人员不能重复指定")
    if not parties:
        # 执法全过程记录 starts from the party the case concerns: no case without one
        raise CaseInputError("parties", "“当事人”不能为空：须登记至少一名当事人（姓名或名称）")
    for party in parties:
        _choice("parties", party.kind, dict(PartyKind.choices))
        if not party.name.strip():
            raise CaseInputError("parties", "当事人姓名或名称不能为空")
    draft = draft_build(type=first_event_type, at=at, fields=fields, note=note)
    now = timezone.now()
    case = Case.objects.create(
        agency=agency,
        number=case_number_next(agency=agency, year=at.astimezone(CHINA).year, action=action),
        title=title,
        action=action,
        procedure=procedure,
        source=source,
        major=major,
        major_incident=major_incident,
        complex=complex,
        profile=agency.profile,
        opened_at=now,
        opened_by=actor,
    )
    Party.objects.bulk_create(
        Party(
            case=case,
            kind=p.kind,
            name=p.name.strip(),
            id_number=p.id_number.strip(),
            address=p.address.strip(),
            contact=p.contact.strip(),
        )
        for p in parties
    )
    CaseOfficer.objects.bulk_create(
        CaseOfficer(
            case=case,
            officer=o,
            role=OfficerRole.LEAD if i == 0 else OfficerRole.ASSISTANT,
            assigned_at=now,
        )
        for i, o in enumerate(officers)
    )
    ledger_append(
        actor=actor,
        action="case.open",
        target=case,
        payload={
            "number": case.number,
            "agency": agency,
            "title": title,
            "action": action,
            "procedure": procedure,
            "source": source,
            "major": major,
            "major_incident": major_incident,
            "complex": complex,
            "profile": case.profile,
            "parties": len(parties),
            "officers": [o.certificate_number for o in officers],
        },
    )
    record_one(case, draft, actor=actor, now=now)
    case_compliance_refresh(case=case, as_of=now)
    return case
