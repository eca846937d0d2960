"""What each role's home page shows: read-only queries, scoped through the access functions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from liuhen.accounts.access import AgencyAction, access_agencies
from liuhen.accounts.context import roles_held
from liuhen.accounts.models import Membership, User
from liuhen.accounts.roles import Role
from liuhen.agencies.models import Agency, Officer, OfficerStatus, Supervision
from liuhen.review.rules import STAFFING
from liuhen.review.staffing import Staffing, review_staffing
from liuhen.rules.profiles import PROFILES
from liuhen.workbench.regulation_texts import REGULATIONS, RegulationText

CERTIFICATE_WARNING_DAYS = 60


@dataclass
class AgencyRoster:
    agency: Agency
    active: int = 0
    suspended: int = 0
    revoked: int = 0
    expiring: list[Officer] = field(default_factory=list)
    members: int = 0
    legal_reviewers: int = 0


def regulations_binding(agency: Agency) -> list[RegulationText]:
    if not agency.profile:
        return []
    return [REGULATIONS[r] for r in PROFILES[agency.profile].regulations if r in REGULATIONS]


def agency_roster(agency: Agency, *, today: dt.date | None = None) -> AgencyRoster:
    today = today or timezone.localdate()
    roster = AgencyRoster(agency=agency)
    counts = dict(
        Officer.objects.filter(agency=agency)
        .values("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    roster.active = counts.get(OfficerStatus.ACTIVE, 0)
    roster.suspended = counts.get(OfficerStatus.SUSPENDED, 0)
    roster.revoked = counts.get(OfficerStatus.REVOKED, 0)
    roster.expiring = list(
        Officer.objects.filter(
            agency=agency,
            status=OfficerStatus.ACTIVE,
            certificate_valid_until__lte=today + dt.timedelta(days=CERTIFICATE_WARNING_DAYS),
        ).order_by("certificate_valid_until")
    )
    roster.members = Membership.objects.filter(agency=agency).count()
    roster.legal_reviewers = Membership.objects.filter(
        agency=agency, roles__role=Role.LEGAL_REVIEWER
    ).count()
    return roster


@dataclass(frozen=True, slots=True)
class StaffingPanel:
    """The review body's staffing where the agency's regulations set a ratio (henan-review
    第五条), with how many reviewers it lacks."""

    staffing: Staffing
    short_by: int


def staffing_panel(agency: Agency) -> StaffingPanel | None:
    """None where no regulation of the agency's profile sets the staffing ratio."""
    profile = PROFILES.get(agency.profile)
    if profile is None or STAFFING.regulation not in profile.regulations:
        return None
    staffing = review_staffing(agency=agency)
    return StaffingPanel(staffing, max(staffing.required - staffing.legal_reviewers, 0))


@dataclass
class SupervisedRow:
    agency: Agency
    bases: list[str]
    roster: AgencyRoster
    staffing: StaffingPanel | None = None


def supervised_rows(user: User) -> list[SupervisedRow]:
    """Every agency the user's supervising agencies watch, with why and its officer roster."""
    held = roles_held(user)
    supervising = [m.agency_id for m in held.get(Role.SUPERVISOR, [])]
    visible = access_agencies(user=user, action=AgencyAction.VIEW)
    relations = (
        Supervision.objects.filter(
            supervisor_id__in=supervising,
            ended_at__isnull=True,
            supervised__in=visible,
        )
        .select_related("supervised", "supervisor")
        .order_by("supervised__name")
    )
    rows: dict[int, SupervisedRow] = {}
    for relation in relations:
        row = rows.get(relation.supervised_id)
        if row is None:
            row = rows[relation.supervised_id] = SupervisedRow(
                agency=relation.supervised,
                bases=[],
                roster=agency_roster(relation.supervised),
                staffing=staffing_panel(relation.supervised),
            )
        row.bases.append(f"{relation.supervisor.name}：{relation.get_basis_display()}")
    return list(rows.values())


def home_context(user: User) -> dict[str, object]:
    held = roles_held(user)
    memberships = list(
        Membership.objects.filter(user=user).select_related("agency").prefetch_related("roles")
    )
    officer = Officer.objects.filter(user=user).select_related("agency").first()
    desk_roles = {Role.REVIEWER, Role.APPROVER, Role.LEGAL_REVIEWER, Role.ARCHIVIST, Role.SYSADMIN}
    roster_agencies = {m.agency_id: m.agency for role in desk_roles for m in held.get(role, [])}
    today = timezone.localdate()
    return {
        "memberships": memberships,
        "officer": officer,
        "officer_expiring": bool(
            officer
            and officer.certificate_valid_until
            and officer.certificate_valid_until
            <= today + dt.timedelta(days=CERTIFICATE_WARNING_DAYS)
        ),
        "is_handler": Role.HANDLER in held,
        "binding": [
            (m.agency, regulations_binding(m.agency)) for m in memberships if m.agency.profile
        ],
        "rosters": [agency_roster(a, today=today) for a in roster_agencies.values()],
        "supervised": supervised_rows(user) if Role.SUPERVISOR in held else [],
        "managed": [m.agency for m in held.get(Role.SYSADMIN, [])],
        "unassigned_members": Membership.objects.filter(
            agency__in=[m.agency for m in held.get(Role.SYSADMIN, [])]
        )
        .annotate(n=Count("roles"))
        .filter(n=0)
        .select_related("user", "agency"),
        "unlinked_officers": Officer.objects.filter(
            Q(user__isnull=True),
            agency__in=[m.agency for m in held.get(Role.SYSADMIN, [])],
            status=OfficerStatus.ACTIVE,
        ).select_related("agency"),
    }
