"""The agency pages: scoped lists, management through the services, refusals in Chinese."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from liuhen.accounts.models import RoleGrant
from liuhen.accounts.roles import Role
from liuhen.agencies.models import Agency, Officer
from tests.factories import PASSWORD, officer, staff
from tests.world import World


def _client_for(person_username: str) -> Client:
    client = Client()
    assert client.login(username=person_username, password=PASSWORD)
    session = client.session
    from django.utils import timezone

    from liuhen.accounts.middleware import SESSION_LOGIN_AT

    session[SESSION_LOGIN_AT] = timezone.now().isoformat()
    session.save()
    return client


def test_the_list_shows_only_what_the_person_may_see(world: World) -> None:
    person = staff(world.mangshi_market, username="scj.member")
    page = _client_for(person.username).get(reverse("agencies:list")).content.decode()
    assert "芒市市场监管局" in page
    assert "芒市应急管理局" not in page


def test_an_unrelated_agency_page_is_forbidden(world: World) -> None:
    person = staff(world.baoshan_emergency, username="bs.member")
    response = _client_for(person.username).get(
        reverse("agencies:detail", args=[world.mangshi_emergency.pk])
    )
    assert response.status_code == 403
    assert "无权查看该执法主体" in response.content.decode()


def test_a_sysadmin_registers_an_officer(world: World) -> None:
    admin = staff(world.mangshi_emergency, Role.SYSADMIN, username="ms.admin")
    response = _client_for(admin.username).post(
        reverse("agencies:officer_new", args=[world.mangshi_emergency.pk]),
        {"name": "王芳", "certificate_number": "53310320260099", "enforcement_area": "芒市"},
    )
    assert response.status_code == 302
    assert Officer.objects.get(certificate_number="53310320260099").name == "王芳"


def test_a_duplicate_certificate_is_refused_in_chinese_and_nothing_changes(world: World) -> None:
    admin = staff(world.mangshi_emergency, Role.SYSADMIN, username="ms.admin")
    existing = officer(world.mangshi_emergency, name="李明")
    response = _client_for(admin.username).post(
        reverse("agencies:officer_new", args=[world.mangshi_emergency.pk]),
        {
            "name": "王芳",
            "certificate_number": existing.certificate_number,
            "enforcement_area": "芒市",
        },
    )
    assert response.status_code == 400
    assert "已登记给「芒市应急管理局」的李明" in response.content.decode()
    assert Officer.objects.count() == 1


def test_a_supervisor_may_look_but_not_manage(world: World) -> None:
    supervisor = staff(world.dehong_justice, Role.SUPERVISOR, username="dh.supervisor")
    client = _client_for(supervisor.username)
    assert (
        client.get(reverse("agencies:detail", args=[world.mangshi_emergency.pk])).status_code == 200
    )
    response = client.post(
        reverse("agencies:officer_new", args=[world.mangshi_emergency.pk]),
        {"name": "王芳", "certificate_number": "53310320260099", "enforcement_area": "芒市"},
    )
    assert response.status_code == 403
    assert not Officer.objects.exists()


def test_granting_a_role_to_a_non_member_is_impossible_from_the_form(world: World) -> None:
    admin = staff(world.mangshi_emergency, Role.SYSADMIN, username="ms.admin")
    outsider = staff(world.mangshi_market, username="scj.member")
    response = _client_for(admin.username).post(
        reverse("agencies:role_new", args=[world.mangshi_emergency.pk]),
        {"user": str(outsider.pk), "role": Role.REVIEWER},
    )
    assert response.status_code == 400
    assert not RoleGrant.objects.filter(membership__user=outsider).exists()


def test_a_sysadmin_enrols_a_member_and_grants_a_role(world: World) -> None:
    admin = staff(world.mangshi_emergency, Role.SYSADMIN, username="ms.admin")
    client = _client_for(admin.username)
    client.post(
        reverse("agencies:member_new", args=[world.mangshi_emergency.pk]),
        {
            "username": "duan.hong",
            "full_name": "段红",
            "title": "档案员",
            "password": "an-archive-2026",
        },
    )
    from liuhen.accounts.models import User

    member = User.objects.get(username="duan.hong")
    response = client.post(
        reverse("agencies:role_new", args=[world.mangshi_emergency.pk]),
        {"user": str(member.pk), "role": Role.ARCHIVIST},
    )
    assert response.status_code == 302
    assert RoleGrant.objects.filter(membership__user=member, role=Role.ARCHIVIST).exists()


def test_a_weak_password_is_refused_and_no_account_is_left_behind(world: World) -> None:
    admin = staff(world.mangshi_emergency, Role.SYSADMIN, username="ms.admin")
    response = _client_for(admin.username).post(
        reverse("agencies:member_new", args=[world.mangshi_emergency.pk]),
        {"username": "duan.hong", "full_name": "段红", "password": "12345678"},
    )
    assert response.status_code == 400
    from liuhen.accounts.models import User

    assert not User.objects.filter(username="duan.hong").exists()


def test_only_a_platform_administrator_registers_agencies(world: World) -> None:
    admin = staff(world.mangshi_emergency, Role.SYSADMIN, username="ms.admin")
    assert _client_for(admin.username).get(reverse("agencies:new")).status_code == 403


def test_the_agency_form_refuses_an_unknown_profile(world: World) -> None:
    from liuhen.accounts.services import user_create

    user_create(
        actor=None, username="root", full_name="管理员", password=PASSWORD, is_superuser=True
    )
    response = _client_for("root").post(
        reverse("agencies:new"),
        {
            "name": "某局",
            "credit_code": "11533103MB0000010X",
            "kind": "department",
            "level": "county",
            "profile": "nowhere",
        },
    )
    assert response.status_code == 200
    assert "nowhere" in response.content.decode()
    assert not Agency.objects.filter(name="某局").exists()


def _root() -> Client:
    from liuhen.accounts.services import user_create

    user_create(
        actor=None, username="root", full_name="管理员", password=PASSWORD, is_superuser=True
    )
    return _client_for("root")


def test_making_an_agency_its_own_ancestor_is_refused_on_the_form(world: World) -> None:
    client = _root()
    page = client.get(reverse("agencies:edit", args=[world.dehong.pk])).content.decode()
    assert "德宏州人民政府" in page
    form = {
        "name": world.dehong.name,
        "credit_code": world.dehong.credit_code,
        "kind": "government",
        "level": "prefecture",
        "parent": str(world.mangshi.pk),
        "profile": "dehong",
    }
    response = client.post(reverse("agencies:edit", args=[world.dehong.pk]), form)
    assert response.status_code == 400
    assert "会形成循环" in response.content.decode()
    world.dehong.refresh_from_db()
    assert world.dehong.parent == world.yunnan


def test_an_agencys_sysadmin_edits_only_contact_data(world: World) -> None:
    admin = staff(world.mangshi_emergency, Role.SYSADMIN, username="ms.admin")
    client = _client_for(admin.username)
    response = client.post(
        reverse("agencies:edit", args=[world.mangshi_emergency.pk]),
        {
            "short_name": "芒市应急局",
            "address": "芒市勇罕街",
            "phone": "0692-2121234",
            "profile": "guangdong",
        },
    )
    assert response.status_code == 302
    world.mangshi_emergency.refresh_from_db()
    assert world.mangshi_emergency.address == "芒市勇罕街"
    assert world.mangshi_emergency.profile == "mangshi"
