"""Registering 执法人员 and keeping their certificate status."""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from liuhen.accounts.models import User
from liuhen.agencies.models import Agency, AgencyKind, Officer, OfficerStatus
from liuhen.ledger.services import ledger_append, ledger_fields

# Certificate numbers differ by province (digits, sometimes a letter prefix or dashes); what they
# share is this shape. Normalising case and spaces stops "53 0101" and "530101" both registering.
_CERTIFICATE = re.compile(r"^[0-9A-Z][0-9A-Z-]{5,29}$")
_PUBLISHED_FIELDS = (
    "agency",
    "name",
    "certificate_number",
    "position",
    "enforcement_area",
    "status",
    "certificate_valid_until",
)


def certificate_number_normalise(raw: str) -> str:
    return re.sub(r"\s+", "", raw).upper()


@transaction.atomic
def officer_register(
    *,
    actor: User | None,
    agency: Agency,
    name: str,
    certificate_number: str,
    enforcement_area: str,
    position: str = "",
    certificate_valid_until: dt.date | None = None,
    user: User | None = None,
) -> Officer:
    """Register an officer with an enforcement certificate.

    Side effects: one Officer row, status active. Raises ValidationError naming the field (a
    duplicate certificate number names who holds it); nothing is written then.
    """
    errors: dict[str, str] = {}
    number = certificate_number_normalise(certificate_number)
    if not name.strip():
        errors["name"] = "姓名不能为空"
    if not _CERTIFICATE.match(number):
        errors["certificate_number"] = "执法证号应为6至30位数字、大写字母或连字符"
    else:
        holder = Officer.objects.filter(certificate_number=number).select_related("agency").first()
        if holder is not None:
            errors["certificate_number"] = (
                f"执法证号 {number} 已登记给「{holder.agency.name}」的{holder.name}"
            )
    if not enforcement_area.strip():
        errors["enforcement_area"] = "执法区域不能为空"
    if agency.kind == AgencyKind.GOVERNMENT:
        errors["agency"] = "执法人员应登记在行政执法部门或组织，而不是人民政府本身"
    if user is not None and Officer.objects.filter(user=user).exists():
        errors["user"] = f"账号 {user.username} 已关联其他执法人员"
    if errors:
        raise ValidationError(errors)
    officer = Officer.objects.create(
        agency=agency,
        name=name.strip(),
        certificate_number=number,
        position=position.strip(),
        enforcement_area=enforcement_area.strip(),
        status=OfficerStatus.ACTIVE,
        status_changed_at=timezone.now(),
        certificate_valid_until=certificate_valid_until,
        user=user,
    )
    ledger_append(
        actor=actor,
        action="officer.register",
        target=officer,
        payload=ledger_fields(officer, *_PUBLISHED_FIELDS, "user"),
    )
    return officer


@transaction.atomic
def officer_set_status(
    *, actor: User | None, officer: Officer, status: str, reason: str = ""
) -> Officer:
    """Suspend (暂扣), reinstate or revoke (注销) an enforcement certificate.

    A revoked certificate is final: a person certified again gets a new number. Suspending or
    revoking needs a reason, which the publicity portal later shows.

    Side effects: updates status, reason and status_changed_at.
    """
    if status not in OfficerStatus.values:
        raise ValidationError({"status": f"未知的证件状态：{status}"})
    locked = Officer.objects.select_for_update().get(pk=officer.pk)
    if locked.status == OfficerStatus.REVOKED:
        raise ValidationError({"status": "执法证已注销，不能再变更状态；重新取得资格应登记新证号"})
    if locked.status == status:
        raise ValidationError({"status": f"执法证已是「{locked.get_status_display()}」状态"})
    if status != OfficerStatus.ACTIVE and not reason.strip():
        raise ValidationError({"reason": "暂扣或注销执法证须说明理由"})
    locked.status = status
    locked.status_reason = reason.strip()
    locked.status_changed_at = timezone.now()
    locked.save(update_fields=["status", "status_reason", "status_changed_at"])
    ledger_append(
        actor=actor,
        action="officer.status",
        target=locked,
        payload=ledger_fields(locked, "status", "status_reason", "status_changed_at"),
    )
    return locked


@transaction.atomic
def officer_link_user(*, actor: User | None, officer: Officer, user: User) -> Officer:
    """Link an officer record to the log-in of the same person.

    Side effects: sets Officer.user. The user must be a member of the officer's agency.
    """
    locked = Officer.objects.select_for_update().get(pk=officer.pk)
    if not user.memberships.filter(agency_id=locked.agency_id).exists():
        raise ValidationError({"user": f"{user} 不是「{locked.agency.name}」的人员"})
    other = Officer.objects.filter(user=user).exclude(pk=locked.pk).first()
    if other is not None:
        raise ValidationError({"user": f"{user} 已关联执法人员 {other}"})
    locked.user = user
    locked.save(update_fields=["user"])
    ledger_append(
        actor=actor,
        action="officer.link_user",
        target=locked,
        payload=ledger_fields(locked, "user"),
    )
    return locked
