"""role_grant: roles are held in an agency one belongs to, by people who qualify."""

import pytest
from django.core.exceptions import ValidationError

from liuhen.accounts.models import RoleGrant
from liuhen.accounts.roles import Role
from liuhen.accounts.services import membership_add, role_grant, role_revoke
from liuhen.agencies.services import officer_set_status
from tests.factories import officer, staff, user
from tests.world import World


def test_a_role_in_an_agency_one_does_not_belong_to_is_refused(world: World) -> None:
    person = staff(world.mangshi_market)
    with pytest.raises(ValidationError) as exc:
        role_grant(actor=None, user=person, agency=world.mangshi_emergency, role=Role.REVIEWER)
    assert "不是「芒市应急管理局」的人员" in exc.value.message_dict["role"][0]
    assert not RoleGrant.objects.filter(membership__user=person).exists()


def test_one_person_may_hold_several_roles(world: World) -> None:
    person = staff(world.mangshi_emergency, Role.REVIEWER, Role.ARCHIVIST)
    roles = set(RoleGrant.objects.filter(membership__user=person).values_list("role", flat=True))
    assert roles == {"reviewer", "archivist"}


def test_granting_twice_keeps_one_grant(world: World) -> None:
    person = staff(world.mangshi_emergency, Role.REVIEWER)
    role_grant(actor=None, user=person, agency=world.mangshi_emergency, role=Role.REVIEWER)
    assert RoleGrant.objects.filter(membership__user=person).count() == 1


def test_a_handler_must_be_a_certified_officer_of_the_agency(world: World) -> None:
    person = user()
    membership_add(actor=None, user=person, agency=world.mangshi_emergency)
    with pytest.raises(ValidationError) as exc:
        role_grant(actor=None, user=person, agency=world.mangshi_emergency, role=Role.HANDLER)
    assert "承办人须为「芒市应急管理局」登记的执法人员" in exc.value.message_dict["role"][0]


def test_a_handler_with_a_suspended_certificate_is_refused(world: World) -> None:
    person = user()
    membership_add(actor=None, user=person, agency=world.mangshi_emergency)
    record = officer(world.mangshi_emergency, linked_user=person)
    officer_set_status(actor=None, officer=record, status="suspended", reason="培训")
    with pytest.raises(ValidationError) as exc:
        role_grant(actor=None, user=person, agency=world.mangshi_emergency, role=Role.HANDLER)
    assert "暂扣" in exc.value.message_dict["role"][0]


def test_a_supervisor_sits_in_a_body_that_supervises(world: World) -> None:
    staff(world.dehong_justice, Role.SUPERVISOR)
    staff(world.dehong_emergency, Role.SUPERVISOR)  # a superior department supervises too
    with pytest.raises(ValidationError) as exc:
        staff(world.baoshan_emergency, Role.SUPERVISOR)
    assert "不能设监督人员" in exc.value.message_dict["role"][0]


def test_an_unknown_role_is_refused(world: World) -> None:
    person = staff(world.mangshi_emergency)
    with pytest.raises(ValidationError, match="未知的角色"):
        role_grant(actor=None, user=person, agency=world.mangshi_emergency, role="boss")


def test_revoking_a_role_removes_only_that_role(world: World) -> None:
    person = staff(world.mangshi_emergency, Role.REVIEWER, Role.ARCHIVIST)
    role_revoke(actor=None, user=person, agency=world.mangshi_emergency, role=Role.REVIEWER)
    roles = set(RoleGrant.objects.filter(membership__user=person).values_list("role", flat=True))
    assert roles == {"archivist"}
    with pytest.raises(ValidationError, match="没有该角色"):
        role_revoke(actor=None, user=person, agency=world.mangshi_emergency, role=Role.REVIEWER)
