"""Who may see and change which agency's data: the only place such decisions are made.

Views, the API and commands ask these functions; they never filter by agency themselves. Later
apps (cases, evidence) build their `access_*` functions on `agency_ids_for`.

The rules:
- a member of an agency sees that agency (whatever their roles);
- a 监督人员 (supervisor role) sees every agency their agency actively supervises
  (Supervision rows — the justice bureau, superior department and entrusting relations);
- a 系统管理员 (sysadmin role) manages their own agency: its data, officers, members and roles;
- the organisational tree alone gives nothing: a parent government's staff do not see a
  department unless a supervision relation says so;
- platform administrators (superusers) see and manage everything; inactive users nothing.
"""

from __future__ import annotations

from enum import StrEnum

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from liuhen.accounts.models import Membership, User
from liuhen.accounts.roles import Role
from liuhen.agencies.models import Agency, Officer, Supervision


class AgencyAction(StrEnum):
    VIEW = "view"
    MANAGE = "manage"


class AccessDenied(PermissionDenied):
    """Raised for anything the user may not reach; views turn it into 403 (or 404)."""


def _roles_by_agency(user: User) -> dict[int, set[str]]:
    held: dict[int, set[str]] = {}
    for membership in Membership.objects.filter(user=user).prefetch_related("roles"):
        held[membership.agency_id] = {grant.role for grant in membership.roles.all()}
    return held


def agency_ids_for(*, user: User | AnonymousUser, action: AgencyAction) -> set[int] | None:
    """The ids of the agencies `user` may act on; None means every agency (platform admin)."""
    if not user.is_authenticated or not user.is_active:
        return set()
    assert isinstance(user, User)
    if user.is_superuser:
        return None
    held = _roles_by_agency(user)
    if action == AgencyAction.MANAGE:
        return {agency for agency, roles in held.items() if Role.SYSADMIN in roles}
    visible = set(held)
    supervising = [agency for agency, roles in held.items() if Role.SUPERVISOR in roles]
    if supervising:
        visible.update(
            Supervision.objects.filter(
                supervisor_id__in=supervising, ended_at__isnull=True
            ).values_list("supervised_id", flat=True)
        )
    return visible


def agency_ids_with_roles(*, user: User | AnonymousUser, roles: set[str]) -> set[int] | None:
    """The agencies where `user` holds any of `roles`; None means every agency (platform admin)."""
    if not user.is_authenticated or not user.is_active:
        return set()
    assert isinstance(user, User)
    if user.is_superuser:
        return None
    return {agency for agency, held in _roles_by_agency(user).items() if held & roles}


def roles_in_agency(*, user: User | AnonymousUser, agency_id: int) -> frozenset[str] | None:
    """The roles `user` holds in one agency (one lookup, for a page that asks several
    questions about the same agency); None means every role (platform admin)."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    assert isinstance(user, User)
    if user.is_superuser:
        return None
    return frozenset(_roles_by_agency(user).get(agency_id, set()))


def access_agencies(*, user: User | AnonymousUser, action: AgencyAction) -> QuerySet[Agency]:
    ids = agency_ids_for(user=user, action=action)
    agencies = Agency.objects.all()
    return agencies if ids is None else agencies.filter(pk__in=ids)


def access_agency_by_id(
    *, user: User | AnonymousUser, agency_id: int, action: AgencyAction
) -> Agency:
    agency = access_agencies(user=user, action=action).filter(pk=agency_id).first()
    if agency is None:
        raise AccessDenied(f"无权{_verb(action)}该执法主体")
    return agency


def access_officers(*, user: User | AnonymousUser, action: AgencyAction) -> QuerySet[Officer]:
    ids = agency_ids_for(user=user, action=action)
    officers = Officer.objects.select_related("agency")
    return officers if ids is None else officers.filter(agency_id__in=ids)


def access_officer_by_id(
    *, user: User | AnonymousUser, officer_id: int, action: AgencyAction
) -> Officer:
    officer = access_officers(user=user, action=action).filter(pk=officer_id).first()
    if officer is None:
        raise AccessDenied(f"无权{_verb(action)}该执法人员")
    return officer


def _verb(action: AgencyAction) -> str:
    return "查看" if action == AgencyAction.VIEW else "管理"
