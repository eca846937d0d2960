"""Who may add evidence to an agency's store and who may see or download it.

- see, download, copy, export: whoever may view the agency (members; supervisors of it);
- add: a member holding a case-work role there (承办人, 审核人, 负责人, 法制审核人员, 档案管理员) —
  not a 监督人员 or a 系统管理员 as such: supervisors look, they do not add to the record.
"""

from __future__ import annotations

from enum import StrEnum

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from liuhen.accounts.access import AccessDenied, AgencyAction, agency_ids_for, agency_ids_with_roles
from liuhen.accounts.models import User
from liuhen.accounts.roles import Role
from liuhen.agencies.models import Agency
from liuhen.evidence.models import EvidenceHolding, EvidenceUpload

CASE_WORK_ROLES = {
    Role.HANDLER.value,
    Role.REVIEWER.value,
    Role.APPROVER.value,
    Role.LEGAL_REVIEWER.value,
    Role.ARCHIVIST.value,
}


class EvidenceAction(StrEnum):
    VIEW = "view"
    ADD = "add"


def access_evidence_agency(
    *, user: User | AnonymousUser, agency_id: int, action: EvidenceAction
) -> Agency:
    """The agency, if `user` may act on its evidence; AccessDenied otherwise."""
    if action == EvidenceAction.ADD:
        ids = agency_ids_with_roles(user=user, roles=CASE_WORK_ROLES)
    else:
        ids = agency_ids_for(user=user, action=AgencyAction.VIEW)
    agency = Agency.objects.filter(pk=agency_id).first()
    if agency is None or (ids is not None and agency_id not in ids):
        raise AccessDenied(
            "无权" + ("存入" if action == EvidenceAction.ADD else "查看") + "该单位的证据"
        )
    return agency


def access_holdings(*, user: User | AnonymousUser) -> QuerySet[EvidenceHolding]:
    ids = agency_ids_for(user=user, action=AgencyAction.VIEW)
    holdings = EvidenceHolding.objects.select_related("object", "agency", "added_by")
    return holdings if ids is None else holdings.filter(agency_id__in=ids)


def access_holding_by_id(*, user: User | AnonymousUser, holding_id: int) -> EvidenceHolding:
    holding = access_holdings(user=user).filter(pk=holding_id).first()
    if holding is None:
        raise AccessDenied("无权查看该证据")
    return holding


def access_upload_by_id(*, user: User | AnonymousUser, upload_id: str) -> EvidenceUpload:
    """Only the person who began an upload continues it (and still holds an adding role)."""
    upload = EvidenceUpload.objects.filter(upload_id=upload_id).select_related("agency").first()
    if upload is None or not user.is_authenticated or upload.user_id != user.pk:
        raise AccessDenied("无权继续该上传")
    access_evidence_agency(user=user, agency_id=upload.agency_id, action=EvidenceAction.ADD)
    return upload
