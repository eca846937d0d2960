"""The case access matrix: role held × relation to the case's agency × action.

Expected outcomes are written out here from the rules in liuhen/cases/access.py's docstring, not
computed by the code under test.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from liuhen.accounts.access import AccessDenied
from liuhen.accounts.roles import Role
from liuhen.cases.access import (
    CaseAction,
    access_case_by_id,
    access_cases,
    case_rights,
    party_details_visible,
)
from tests.factories import case, staff, user
from tests.world import World

# relation -> the person's agency (the case belongs to 芒市应急管理局)
RELATIONS: dict[str, str] = {
    "same agency": "mangshi_emergency",
    "justice bureau of the same government": "mangshi_justice",
    "superior department, same system": "dehong_emergency",
    "sibling department": "mangshi_market",
    "another prefecture": "baoshan_emergency",
}
SUPERVISING = {"justice bureau of the same government", "superior department, same system"}
RECORDING = {Role.HANDLER, Role.REVIEWER, Role.APPROVER, Role.LEGAL_REVIEWER, Role.ARCHIVIST}
APPROVING = {Role.REVIEWER, Role.APPROVER}
# a supervisor role needs a supervising body (role_grant refuses it elsewhere)
SUPERVISING_BODIES = {"mangshi_justice", "dehong_emergency", "mangshi_emergency"}


def expected(role: str | None, relation: str, action: str) -> bool:
    same = relation == "same agency"
    if action in (CaseAction.VIEW, CaseAction.EXPORT):
        return same or (role == Role.SUPERVISOR and relation in SUPERVISING)
    if action == CaseAction.RECORD or action == "party details":
        return same and role in RECORDING
    return same and role in APPROVING


CELLS = [
    pytest.param(role, relation, id=f"{role or 'member'}|{relation}")
    for role in [None, *Role.values]
    for relation in RELATIONS
    if role != Role.SUPERVISOR or RELATIONS[relation] in SUPERVISING_BODIES
]


@pytest.mark.parametrize(("role", "relation"), CELLS)
def test_case_access_matrix(world: World, role: str | None, relation: str) -> None:
    target = case(world.mangshi_emergency)
    person = staff(getattr(world, RELATIONS[relation]), *([role] if role else []))
    for action in CaseAction:
        allowed = expected(role, relation, action)
        listed = access_cases(user=person, action=action).filter(pk=target.pk).exists()
        assert listed is allowed, action
        if allowed:
            assert access_case_by_id(user=person, case_id=target.pk, action=action) == target
        else:
            with pytest.raises(AccessDenied):
                access_case_by_id(user=person, case_id=target.pk, action=action)
    assert party_details_visible(user=person, case=target) is expected(
        role, relation, "party details"
    )
    if expected(role, relation, CaseAction.VIEW):
        # the case page's rights, decided once, give the same answers
        rights = case_rights(user=person, case=target)
        assert rights.record is expected(role, relation, CaseAction.RECORD)
        assert rights.approve is expected(role, relation, CaseAction.APPROVE)
        assert rights.export is expected(role, relation, CaseAction.EXPORT)
        assert rights.party_details is expected(role, relation, "party details")


def test_a_missing_case_is_denied_like_a_forbidden_one(world: World) -> None:
    person = staff(world.mangshi_emergency, Role.HANDLER)
    with pytest.raises(AccessDenied, match="无权查看该案件"):
        access_case_by_id(user=person, case_id=999_999, action=CaseAction.VIEW)


def test_an_anonymous_visitor_and_a_deactivated_member_reach_nothing(world: World) -> None:
    target = case(world.mangshi_emergency)
    former = staff(world.mangshi_emergency, Role.HANDLER)
    former.is_active = False
    former.save()
    for person in (AnonymousUser(), former):
        for action in CaseAction:
            assert not access_cases(user=person, action=action).exists()
        assert not party_details_visible(user=person, case=target)


def test_a_platform_administrator_reaches_every_case(world: World) -> None:
    target = case(world.mangshi_emergency)
    admin = user("root")
    admin.is_superuser = True
    admin.save()
    for action in CaseAction:
        assert access_case_by_id(user=admin, case_id=target.pk, action=action) == target
    rights = case_rights(user=admin, case=target)
    assert rights.record
    assert rights.approve
    assert rights.party_details
    assert rights.holds(Role.APPROVER)


def test_a_dashboard_lists_the_dues_of_visible_cases_only(world: World) -> None:
    from liuhen.cases.access import access_case_dues

    mine = case(world.mangshi_emergency)
    case(world.mangshi_market)
    supervisor = staff(world.mangshi_justice, Role.SUPERVISOR)
    outsider = staff(world.baoshan_emergency, Role.HANDLER)
    assert {d.case_id for d in access_case_dues(user=supervisor)} >= {mine.pk}
    assert not access_case_dues(user=outsider).exists()


def test_a_dashboard_lists_the_compliance_of_visible_cases_only(world: World) -> None:
    from liuhen.cases.access import access_case_compliance

    mine = case(world.mangshi_emergency)
    theirs = case(world.baoshan_emergency)
    head = staff(world.mangshi_emergency, Role.APPROVER)
    outsider = staff(world.mangshi_market, Role.HANDLER)
    rows = list(access_case_compliance(user=head))
    assert [r.case_id for r in rows] == [mine.pk]
    assert rows[0].agency_id == mine.agency_id != theirs.agency_id
    assert not access_case_compliance(user=outsider).exists()


def test_acts_awaiting_approval_are_listed_to_their_approvers_only(world: World) -> None:
    from liuhen.cases.access import access_events_awaiting_approval

    waiting = case(world.mangshi_emergency, fields={"urgent": False})
    reviewer = staff(world.mangshi_emergency, Role.REVIEWER)
    handler = staff(world.mangshi_emergency, Role.HANDLER)
    other = staff(world.mangshi_market, Role.APPROVER)
    assert [e.case_id for e in access_events_awaiting_approval(user=reviewer)] == [waiting.pk]
    assert not access_events_awaiting_approval(user=handler).exists()
    assert not access_events_awaiting_approval(user=other).exists()
