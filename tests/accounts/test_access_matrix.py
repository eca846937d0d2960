"""The access matrix: role held × relation between the person's agency and the target × action.

Expected outcomes are written out here from the rules in liuhen/accounts/access.py's docstring,
not computed by the code under test.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError

from liuhen.accounts.access import (
    AccessDenied,
    AgencyAction,
    access_agencies,
    access_agency_by_id,
    access_officer_by_id,
)
from liuhen.accounts.roles import Role
from liuhen.agencies.models import Agency
from tests.factories import officer, staff, user
from tests.world import World

# relation -> (the person's agency, the target agency), as attribute names of World
RELATIONS: dict[str, tuple[str, str]] = {
    "same agency": ("mangshi_emergency", "mangshi_emergency"),
    "justice bureau of the same government": ("mangshi_justice", "mangshi_emergency"),
    "justice bureau of the government above": ("dehong_justice", "mangshi_emergency"),
    "superior department, same system": ("dehong_emergency", "mangshi_emergency"),
    "entrusting agency over its entrusted organisation": ("mangshi_emergency", "mangshi_brigade"),
    "parent government (tree only)": ("mangshi", "mangshi_emergency"),
    "sibling department": ("mangshi_market", "mangshi_emergency"),
    "superior department, other system": ("dehong_market", "mangshi_emergency"),
    "lower agency looking up": ("mangshi_emergency", "dehong_emergency"),
    "justice bureau looking up": ("mangshi_justice", "dehong_emergency"),
    "another prefecture": ("baoshan_emergency", "mangshi_emergency"),
}
SUPERVISING = {
    "justice bureau of the same government",
    "justice bureau of the government above",
    "superior department, same system",
    "entrusting agency over its entrusted organisation",
}
ROLES = [None, *Role.values]

# Roles a person cannot hold in that agency at all (refused by role_grant): a handler needs an
# officer record, which a government cannot have; a supervisor needs a supervising body.
SUPERVISING_BODIES = {
    "mangshi_justice",
    "dehong_justice",
    "dehong_emergency",
    "dehong_market",
    "mangshi_emergency",
}


def _holdable(role: str | None, home: str) -> bool:
    if role == Role.HANDLER and home == "mangshi":
        return False
    return not (role == Role.SUPERVISOR and home not in SUPERVISING_BODIES)


def expected(role: str | None, relation: str, action: AgencyAction) -> bool:
    if action == AgencyAction.MANAGE:
        return role == Role.SYSADMIN and relation == "same agency"
    if relation == "same agency":
        return True
    return role == Role.SUPERVISOR and relation in SUPERVISING


CASES = [
    pytest.param(role, relation, id=f"{role or 'member'}|{relation}")
    for role in ROLES
    for relation in RELATIONS
]


@pytest.mark.parametrize(("role", "relation"), CASES)
def test_access_matrix(world: World, role: str | None, relation: str) -> None:
    """Both actions per cell: building the world dominates the cost of a case."""
    home_name, target_name = RELATIONS[relation]
    home: Agency = getattr(world, home_name)
    target: Agency = getattr(world, target_name)
    if not _holdable(role, home_name):
        with pytest.raises(ValidationError):
            staff(home, role)
        return
    person = staff(home, *([role] if role else []))
    for action in AgencyAction:
        allowed = expected(role, relation, action)
        listed = access_agencies(user=person, action=action).filter(pk=target.pk).exists()
        assert listed is allowed, action
        if allowed:
            assert access_agency_by_id(user=person, agency_id=target.pk, action=action) == target
        else:
            with pytest.raises(AccessDenied):
                access_agency_by_id(user=person, agency_id=target.pk, action=action)


@pytest.mark.parametrize("action", list(AgencyAction))
def test_officers_follow_their_agency(world: World, action: AgencyAction) -> None:
    record = officer(world.mangshi_emergency, name="李明")
    supervisor = staff(world.dehong_justice, Role.SUPERVISOR)
    outsider = staff(world.baoshan_emergency, Role.SYSADMIN)
    if action == AgencyAction.VIEW:
        assert access_officer_by_id(user=supervisor, officer_id=record.pk, action=action) == record
    else:
        with pytest.raises(AccessDenied):
            access_officer_by_id(user=supervisor, officer_id=record.pk, action=action)
    with pytest.raises(AccessDenied):
        access_officer_by_id(user=outsider, officer_id=record.pk, action=action)


def test_a_platform_administrator_sees_and_manages_everything(world: World) -> None:
    admin = user("root")
    admin.is_superuser = True
    admin.save()
    for action in AgencyAction:
        assert access_agencies(user=admin, action=action).count() == Agency.objects.count()


def test_a_deactivated_person_sees_nothing(world: World) -> None:
    person = staff(world.mangshi_emergency, Role.SYSADMIN)
    person.is_active = False
    person.save()
    for action in AgencyAction:
        assert not access_agencies(user=person, action=action).exists()


def test_an_anonymous_visitor_sees_nothing(world: World) -> None:
    for action in AgencyAction:
        assert not access_agencies(user=AnonymousUser(), action=action).exists()


def test_an_ended_supervision_ends_the_view(world: World) -> None:
    from liuhen.agencies.models import Supervision
    from liuhen.agencies.services import supervision_end

    person = staff(world.dehong_justice, Role.SUPERVISOR)
    relation = Supervision.objects.get(
        supervisor=world.dehong_justice, supervised=world.mangshi_emergency
    )
    supervision_end(actor=None, supervision=relation)
    with pytest.raises(AccessDenied):
        access_agency_by_id(
            user=person, agency_id=world.mangshi_emergency.pk, action=AgencyAction.VIEW
        )
