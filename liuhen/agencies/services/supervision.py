"""The supervision relation (行政执法监督) between agencies: who watches whom, and why."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from liuhen.accounts.models import User
from liuhen.agencies.models import Agency, AgencyKind, Supervision, SupervisionBasis
from liuhen.agencies.tree import agency_ancestors, agency_government, government_is_within
from liuhen.ledger.services import ledger_append, ledger_fields

_ENFORCING_DEPARTMENTS = {AgencyKind.DEPARTMENT, AgencyKind.AUTHORISED}


def supervision_basis_problem(*, supervisor: Agency, supervised: Agency, basis: str) -> str | None:
    """Why `supervisor` cannot supervise `supervised` on this basis, or None if it can."""
    if supervisor.pk == supervised.pk:
        return "主体不能监督自身"
    if basis == SupervisionBasis.JUSTICE:
        return _justice_problem(supervisor, supervised)
    if basis == SupervisionBasis.SUPERIOR_DEPARTMENT:
        return _superior_department_problem(supervisor, supervised)
    if basis == SupervisionBasis.ENTRUSTING:
        if supervised.kind != AgencyKind.ENTRUSTED or supervised.entrusted_by_id != supervisor.pk:
            return f"「{supervisor.name}」不是「{supervised.name}」的委托机关"
        return None
    return f"未知的监督依据：{basis}"


def _justice_problem(supervisor: Agency, supervised: Agency) -> str | None:
    if supervisor.kind != AgencyKind.JUSTICE:
        return f"「{supervisor.name}」不是司法行政机关"
    own_government = agency_government(supervisor)
    if own_government is None:
        return f"「{supervisor.name}」未隶属于人民政府"
    target_government = agency_government(supervised)
    if target_government is None or not government_is_within(target_government, own_government):
        return (
            f"「{supervised.name}」不属于「{own_government.name}」或其下级人民政府，"
            f"「{supervisor.name}」无权监督"
        )
    if supervised.pk == own_government.pk:
        return f"司法行政机关不监督本级人民政府「{own_government.name}」"
    return None


def _superior_department_problem(supervisor: Agency, supervised: Agency) -> str | None:
    if (
        supervisor.kind not in _ENFORCING_DEPARTMENTS
        or supervised.kind not in _ENFORCING_DEPARTMENTS
    ):
        return "上级主管部门监督只存在于行政执法部门之间"
    if not supervisor.system or supervisor.system != supervised.system:
        return (
            f"「{supervisor.name}」（{supervisor.system or '未填执法系统'}）与"
            f"「{supervised.name}」（{supervised.system or '未填执法系统'}）不属同一执法系统"
        )
    upper = agency_government(supervisor)
    lower = agency_government(supervised)
    if upper is None or lower is None or upper.pk == lower.pk:
        return f"「{supervisor.name}」不是「{supervised.name}」的上级部门"
    if not any(a.pk == upper.pk for a in agency_ancestors(lower)):
        return f"「{supervisor.name}」所属人民政府不是「{supervised.name}」所属人民政府的上级"
    return None


@transaction.atomic
def supervision_establish(
    *, actor: User | None, supervisor: Agency, supervised: Agency, basis: str, note: str = ""
) -> Supervision:
    """Record that `supervisor` supervises `supervised`.

    Side effects: one Supervision row (idempotent: an active identical relation is returned).
    Raises ValidationError when the basis does not hold between the two agencies.
    """
    problem = supervision_basis_problem(supervisor=supervisor, supervised=supervised, basis=basis)
    if problem:
        raise ValidationError({"basis": problem})
    existing = Supervision.objects.filter(
        supervisor=supervisor, supervised=supervised, ended_at__isnull=True
    ).first()
    if existing is not None:
        if existing.basis != basis:
            raise ValidationError(
                {"basis": f"已存在依据为「{existing.get_basis_display()}」的监督关系"}
            )
        return existing
    relation = Supervision.objects.create(
        supervisor=supervisor,
        supervised=supervised,
        basis=basis,
        started_at=timezone.now(),
        note=note.strip(),
    )
    ledger_append(
        actor=actor,
        action="supervision.establish",
        target=relation,
        payload=ledger_fields(relation, "supervisor", "supervised", "basis", "started_at", "note"),
    )
    return relation


@transaction.atomic
def supervision_end(*, actor: User | None, supervision: Supervision) -> Supervision:
    """End a supervision relation (kept for history, never deleted).

    Side effects: sets ended_at.
    """
    locked = Supervision.objects.select_for_update().get(pk=supervision.pk)
    if locked.ended_at is not None:
        raise ValidationError("该监督关系已经结束")
    locked.ended_at = timezone.now()
    locked.save(update_fields=["ended_at"])
    ledger_append(
        actor=actor,
        action="supervision.end",
        target=locked,
        payload=ledger_fields(locked, "supervisor", "supervised", "ended_at"),
    )
    return locked


@transaction.atomic
def supervision_derive(*, actor: User | None, agency: Agency) -> list[Supervision]:
    """Establish every relation the rules give `agency` as the supervised side: the justice
    bureaus of its government and the governments above, the superior departments of its own
    system, and its entrusting agency.

    Side effects: creates the missing Supervision rows; returns all active ones for `agency`.
    """
    candidates: list[tuple[Agency, str]] = []
    government = agency_government(agency)
    if government is not None:
        governments = [government, *agency_ancestors(government)]
        for justice in Agency.objects.filter(kind=AgencyKind.JUSTICE, parent__in=governments):
            candidates.append((justice, SupervisionBasis.JUSTICE))
        if agency.kind in _ENFORCING_DEPARTMENTS and agency.system:
            superiors = Agency.objects.filter(
                kind__in=_ENFORCING_DEPARTMENTS,
                system=agency.system,
                parent__in=governments[1:],
            )
            candidates.extend((s, SupervisionBasis.SUPERIOR_DEPARTMENT) for s in superiors)
    if agency.entrusted_by is not None:
        candidates.append((agency.entrusted_by, SupervisionBasis.ENTRUSTING))
    for supervisor, basis in candidates:
        if supervision_basis_problem(supervisor=supervisor, supervised=agency, basis=basis):
            continue
        if not Supervision.objects.filter(
            supervisor=supervisor, supervised=agency, ended_at__isnull=True
        ).exists():
            supervision_establish(
                actor=actor, supervisor=supervisor, supervised=agency, basis=basis
            )
    return list(
        Supervision.objects.filter(supervised=agency, ended_at__isnull=True).select_related(
            "supervisor"
        )
    )
