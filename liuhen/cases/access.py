"""Who may see, record on, approve and export which cases; who sees parties' personal data.

- view, export: whoever may view the case's agency (its members, whatever their roles; the
  supervisors of agencies supervising it) — a supervisor reviews the whole record;
- record: a member holding a case-work role there (承办人, 审核人, 负责人, 法制审核人员,
  档案管理员); supervisors and system administrators look, they do not add to the record;
- approve: a 审核人 or 负责人 of the agency (which step each decides: services/approval.py);
- the parties' ID numbers, addresses and contacts: only those who record on the case.
Platform administrators reach everything. Anything else is AccessDenied, the same answer as a
case that does not exist (a view turns it into 404 or 403).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.utils import timezone

from liuhen.accounts.access import (
    AccessDenied,
    AgencyAction,
    agency_ids_for,
    agency_ids_with_roles,
    roles_in_agency,
)
from liuhen.accounts.models import User
from liuhen.accounts.roles import Role
from liuhen.agencies.models import Agency
from liuhen.cases.models import Case, CaseCompliance, CaseDue, CaseEvent, EventStatus
from liuhen.evidence.access import CASE_WORK_ROLES

APPROVING_ROLES = {Role.REVIEWER.value, Role.APPROVER.value}


class CaseAction(StrEnum):
    VIEW = "view"
    RECORD = "record"
    APPROVE = "approve"
    EXPORT = "export"


_VERBS = {
    CaseAction.VIEW: "查看",
    CaseAction.RECORD: "记录",
    CaseAction.APPROVE: "审批",
    CaseAction.EXPORT: "导出",
}


def _agency_ids(user: User | AnonymousUser, action: CaseAction) -> set[int] | None:
    if action == CaseAction.RECORD:
        return agency_ids_with_roles(user=user, roles=CASE_WORK_ROLES)
    if action == CaseAction.APPROVE:
        return agency_ids_with_roles(user=user, roles=APPROVING_ROLES)
    return agency_ids_for(user=user, action=AgencyAction.VIEW)


def access_cases(*, user: User | AnonymousUser, action: CaseAction) -> QuerySet[Case]:
    """The cases `user` may act on in this way."""
    ids = _agency_ids(user, CaseAction(action))
    cases = Case.objects.select_related("agency")
    return cases if ids is None else cases.filter(agency_id__in=ids)


def access_case_by_id(*, user: User | AnonymousUser, case_id: int, action: CaseAction) -> Case:
    case = access_cases(user=user, action=action).filter(pk=case_id).first()
    if case is None:
        raise AccessDenied(f"无权{_VERBS[CaseAction(action)]}该案件")
    return case


@dataclass(frozen=True, slots=True)
class CaseRights:
    """What one user may do on one case they may view, decided once per request."""

    record: bool
    approve: bool
    export: bool
    party_details: bool
    roles: frozenset[str] | None  # the user's roles in the case's agency; None: every role

    def holds(self, role: str) -> bool:
        return self.roles is None or role in self.roles


def case_rights(*, user: User | AnonymousUser, case: Case) -> CaseRights:
    """The rights of `user` on `case`, which they were allowed to view (access_case_by_id with
    VIEW): the same answers as access_case_by_id for each action, from one role lookup.
    Export follows view (see the module's rules)."""
    roles = roles_in_agency(user=user, agency_id=case.agency_id)
    works = roles is None or bool(roles & CASE_WORK_ROLES)
    return CaseRights(
        record=works,
        approve=roles is None or bool(roles & APPROVING_ROLES),
        export=True,
        party_details=works,
        roles=roles,
    )


def party_details_visible(*, user: User | AnonymousUser, case: Case) -> bool:
    """Whether `user` may see the parties' ID numbers, addresses and contacts on `case`."""
    ids = agency_ids_with_roles(user=user, roles=CASE_WORK_ROLES)
    return ids is None or case.agency_id in ids


def access_case_dues(
    *, user: User | AnonymousUser, within: dt.timedelta | None = None
) -> QuerySet[CaseDue]:
    """The dated duties of the cases `user` may view, soonest first: overdue ones and, with
    `within`, those due before then (one indexed query for a dashboard)."""
    ids = _agency_ids(user, CaseAction.VIEW)
    dues = CaseDue.objects.select_related("case", "case__agency").order_by("due_at", "id")
    if ids is not None:
        dues = dues.filter(agency_id__in=ids)
    if within is not None:
        dues = dues.filter(due_at__lte=timezone.now() + within)
    return dues


def access_case_compliance(*, user: User | AnonymousUser) -> QuerySet[CaseCompliance]:
    """The compliance cache of the cases `user` may view, most violations first, with each
    case and agency but without the findings documents (one indexed query for a dashboard)."""
    ids = _agency_ids(user, CaseAction.VIEW)
    rows = (
        CaseCompliance.objects.select_related("case", "case__agency")
        .defer("findings")
        .order_by("-violations", "-case_id")
    )
    return rows if ids is None else rows.filter(agency_id__in=ids)


def access_events_awaiting_approval(*, user: User | AnonymousUser) -> QuerySet[CaseEvent]:
    """Acts awaiting the approval chain in the agencies where `user` reviews or approves."""
    ids = _agency_ids(user, CaseAction.APPROVE)
    events = CaseEvent.objects.filter(status=EventStatus.AWAITING).select_related(
        "case", "recorded_by"
    )
    events = events.order_by("recorded_at", "id")
    return events if ids is None else events.filter(case__agency_id__in=ids)


def access_case_agency(*, user: User | AnonymousUser, agency_id: int) -> Agency:
    """The agency, if `user` may open or import cases there (a case-work role in it)."""
    ids = _agency_ids(user, CaseAction.RECORD)
    agency = Agency.objects.filter(pk=agency_id).first()
    if agency is None or (ids is not None and agency_id not in ids):
        raise AccessDenied("无权在该单位登记案件")
    return agency
