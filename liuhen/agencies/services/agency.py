"""Creating and changing 行政执法主体."""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from liuhen.accounts.models import User
from liuhen.agencies.credit_code import CreditCodeError, credit_code_validate
from liuhen.agencies.models import LEVEL_ORDER, Agency, AgencyKind, AgencyLevel
from liuhen.agencies.tree import agency_descendant_ids
from liuhen.ledger.services import ledger_append, ledger_fields
from liuhen.rules.profiles import PROFILES

_DIVISION = re.compile(r"^\d{6}$")
_EDITABLE = frozenset(
    {
        "name",
        "short_name",
        "credit_code",
        "kind",
        "level",
        "parent",
        "system",
        "division_code",
        "profile",
        "entrusted_by",
        "address",
        "phone",
    }
)


def _check(agency: Agency) -> None:
    """Refuse an agency that breaks the rules of the government tree, naming the field."""
    errors: dict[str, str] = {}
    agency.name = agency.name.strip()
    if not agency.name:
        errors["name"] = "名称不能为空"
    elif Agency.objects.filter(name=agency.name).exclude(pk=agency.pk).exists():
        errors["name"] = f"已有同名主体：{agency.name}"
    try:
        agency.credit_code = credit_code_validate(agency.credit_code)
    except CreditCodeError as exc:
        errors["credit_code"] = str(exc)
    else:
        other = Agency.objects.filter(credit_code=agency.credit_code).exclude(pk=agency.pk).first()
        if other is not None:
            errors["credit_code"] = (
                f"统一社会信用代码 {agency.credit_code} 已由「{other.name}」使用"
            )
    if agency.kind not in AgencyKind.values:
        errors["kind"] = f"未知的主体类别：{agency.kind}"
    if agency.level not in AgencyLevel.values:
        errors["level"] = f"未知的层级：{agency.level}"
    if agency.profile and agency.profile not in PROFILES:
        known = "、".join(PROFILES)
        errors["profile"] = f"未知的适用规定组合：{agency.profile}（可选：{known}）"
    if agency.division_code and not _DIVISION.match(agency.division_code):
        errors["division_code"] = "行政区划代码应为6位数字"
    if agency.kind == AgencyKind.DEPARTMENT and not agency.system.strip():
        errors["system"] = "行政执法部门须填写所属执法系统（如 应急管理、市场监管）"
    errors.update(_check_parent(agency))
    errors.update(_check_entrustment(agency))
    if errors:
        raise ValidationError(errors)


def _check_parent(agency: Agency) -> dict[str, str]:
    parent = agency.parent
    if parent is None:
        if agency.kind in {AgencyKind.JUSTICE, AgencyKind.DEPARTMENT}:
            return {"parent": "行政执法部门和司法行政机关须隶属于一级人民政府"}
        return {}
    if agency.pk is not None and (
        parent.pk == agency.pk or parent.pk in agency_descendant_ids(agency)
    ):
        return {"parent": f"「{parent.name}」是本主体自身或其下级，不能作为上级（会形成循环）"}
    if agency.kind == AgencyKind.GOVERNMENT:
        if parent.kind != AgencyKind.GOVERNMENT:
            return {"parent": "人民政府的上级须为上一级人民政府"}
        if LEVEL_ORDER[AgencyLevel(parent.level)] >= LEVEL_ORDER[AgencyLevel(agency.level)]:
            return {"parent": "人民政府的上级须为更高层级的人民政府"}
        return {}
    if agency.kind == AgencyKind.ENTRUSTED:
        return {}
    if parent.kind == AgencyKind.ENTRUSTED:
        return {"parent": "受委托组织不能作为其他主体的上级"}
    if parent.level != agency.level:
        return {"level": f"层级应与上级「{parent.name}」相同（{parent.get_level_display()}）"}
    return {}


def _check_entrustment(agency: Agency) -> dict[str, str]:
    principal = agency.entrusted_by
    if agency.kind != AgencyKind.ENTRUSTED:
        return {"entrusted_by": "只有受委托组织才有委托机关"} if principal else {}
    if principal is None:
        return {"entrusted_by": "受委托组织须注明委托机关"}
    if principal.pk is not None and principal.pk == agency.pk:
        return {"entrusted_by": "受委托组织不能委托自身"}
    if principal.kind == AgencyKind.ENTRUSTED:
        # 行政处罚法第二十条：受委托组织不得再委托其他组织或者个人实施行政处罚。
        return {"entrusted_by": "受委托组织不得再委托，委托机关须为行政执法机关"}
    return {}


@transaction.atomic
def agency_create(
    *,
    actor: User | None,
    name: str,
    credit_code: str,
    kind: str,
    level: str,
    parent: Agency | None = None,
    system: str = "",
    division_code: str = "",
    profile: str = "",
    entrusted_by: Agency | None = None,
    short_name: str = "",
    address: str = "",
    phone: str = "",
) -> Agency:
    """Register an agency in the tree.

    Side effects: one Agency row. Raises ValidationError naming each bad field; nothing is
    written then.
    """
    agency = Agency(
        name=name,
        short_name=short_name.strip(),
        credit_code=credit_code,
        kind=kind,
        level=level,
        parent=parent,
        system=system.strip(),
        division_code=division_code.strip(),
        profile=profile,
        entrusted_by=entrusted_by,
        address=address.strip(),
        phone=phone.strip(),
    )
    _check(agency)
    agency.save()
    ledger_append(
        actor=actor,
        action="agency.create",
        target=agency,
        payload=ledger_fields(agency, *_EDITABLE),
    )
    return agency


@transaction.atomic
def agency_update(*, actor: User | None, agency: Agency, **changes: Any) -> Agency:
    """Change an agency's data; the tree rules are checked again on the result.

    Side effects: updates the Agency row. Raises ValidationError (nothing written) on bad data.
    """
    unknown = set(changes) - _EDITABLE
    if unknown:
        raise ValidationError(f"不能修改的字段：{'、'.join(sorted(unknown))}")
    locked = Agency.objects.select_for_update().get(pk=agency.pk)
    for field, value in changes.items():
        setattr(locked, field, value.strip() if isinstance(value, str) else value)
    _check(locked)
    locked.save()
    ledger_append(
        actor=actor,
        action="agency.update",
        target=locked,
        payload=ledger_fields(locked, *sorted(changes)),
    )
    return locked
