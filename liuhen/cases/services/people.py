"""The people of a case: officers assigned and released, parties added."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from liuhen.accounts.models import User
from liuhen.agencies.models import Officer, OfficerStatus
from liuhen.cases.errors import CaseInputError, CaseStateError
from liuhen.cases.models import Case, CaseOfficer, OfficerRole, Party, PartyKind
from liuhen.cases.services.events import case_lock
from liuhen.cases.services.opening import PartyInput
from liuhen.ledger.services import ledger_append


@transaction.atomic
def case_officer_assign(
    *, actor: User | None, case: Case, officer: Officer, role: str = OfficerRole.ASSISTANT
) -> CaseOfficer:
    """Assign an officer of the case's agency with a valid certificate to the case.

    Side effects: a CaseOfficer row and a ledger entry.
    """
    case = case_lock(case)
    if case.archived_at is not None:
        raise CaseStateError(f"案件 {case.number} 已归档，不能再指派执法人员")
    if role not in OfficerRole.values:
        raise CaseInputError("role", f"未知的分工：{role}")
    if officer.agency_id != case.agency_id:
        raise CaseInputError("officer", f"执法人员{officer.name}不属于本案的执法主体")
    if officer.status != OfficerStatus.ACTIVE:
        raise CaseInputError("officer", f"执法人员{officer.name}的执法证件不在有效状态")
    if CaseOfficer.objects.filter(case=case, officer=officer, released_at__isnull=True).exists():
        raise CaseInputError("officer", f"执法人员{officer.name}已在本案承办人员中")
    assigned = CaseOfficer.objects.create(
        case=case, officer=officer, role=role, assigned_at=timezone.now()
    )
    ledger_append(
        actor=actor,
        action="case.officer_assign",
        target=assigned,
        payload={"case": case.number, "officer": officer.certificate_number, "role": role},
    )
    return assigned


@transaction.atomic
def case_officer_release(*, actor: User | None, assignment: CaseOfficer) -> CaseOfficer:
    """Release an officer from the case (the row stays: who worked on it remains answerable).

    Side effects: the assignment's release time and a ledger entry.
    """
    case_lock(assignment.case)
    assignment = CaseOfficer.objects.select_for_update().get(pk=assignment.pk)
    if assignment.released_at is not None:
        raise CaseStateError("该执法人员已退出本案")
    assignment.released_at = timezone.now()
    assignment.save(update_fields=["released_at"])
    ledger_append(
        actor=actor,
        action="case.officer_release",
        target=assignment,
        payload={"case": assignment.case.number, "officer": assignment.officer.certificate_number},
    )
    return assignment


@transaction.atomic
def case_party_add(*, actor: User | None, case: Case, party: PartyInput) -> Party:
    """Add a party to the case. Side effects: a Party row and a ledger entry (which holds the
    party's name and kind, not their ID number, address or contact)."""
    case = case_lock(case)
    if party.kind not in PartyKind.values:
        raise CaseInputError("kind", f"未知的当事人类别：{party.kind}")
    if not party.name.strip():
        raise CaseInputError("name", "当事人姓名或名称不能为空")
    added = Party.objects.create(
        case=case,
        kind=party.kind,
        name=party.name.strip(),
        id_number=party.id_number.strip(),
        address=party.address.strip(),
        contact=party.contact.strip(),
    )
    ledger_append(
        actor=actor,
        action="case.party_add",
        target=added,
        payload={"case": case.number, "kind": added.kind, "name": added.name},
    )
    return added
