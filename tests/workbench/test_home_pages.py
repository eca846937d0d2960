"""Every demo log-in reaches its home page, which shows what its roles need."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from liuhen.accounts.models import User
from liuhen.workbench.demo import DEMO_PASSWORD, demo_load, demo_users

ALL_USERNAMES = [u["username"] for u in demo_users()]


@pytest.fixture
def demo(db: None) -> None:
    demo_load()


def _log_in(client: Client, username: str) -> None:
    response = client.post(
        reverse("accounts:login"), {"username": username, "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302, response.content.decode()[:500]


def test_the_front_door_shows_the_log_in_form(db: None, client: Client) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert "登录" in response.content.decode()


@pytest.mark.parametrize("username", ALL_USERNAMES)
def test_every_demo_user_logs_in_and_sees_their_home(
    demo: None, client: Client, username: str
) -> None:
    _log_in(client, username)
    page = client.get(reverse("workbench:home")).content.decode()
    person = User.objects.get(username=username)
    assert "工作台" in page
    assert person.full_name in page


def test_a_handler_sees_their_certificate_and_binding_regulations(
    demo: None, client: Client
) -> None:
    _log_in(client, "mangshi.handler")
    page = client.get(reverse("workbench:home")).content.decode()
    assert "53310320190015" in page
    assert "德宏州行政执法全过程记录实施办法" in page
    assert "芒市应急管理局行政执法全过程记录制度" in page


def test_a_head_sees_the_roster_with_the_suspended_certificate(demo: None, client: Client) -> None:
    _log_in(client, "mangshi.head")
    page = client.get(reverse("workbench:home")).content.decode()
    assert "本单位执法人员概况" in page
    detail = client.get(reverse("agencies:detail", args=[_agency_id("芒市应急管理局")]))
    assert "暂扣" in detail.content.decode()


def test_a_justice_supervisor_sees_the_agencies_it_supervises(demo: None, client: Client) -> None:
    _log_in(client, "dehong.supervisor")
    page = client.get(reverse("workbench:supervision")).content.decode()
    assert "芒市应急管理局" in page
    assert "广州市应急管理局" not in page


def test_a_non_supervisor_cannot_open_the_supervision_page(demo: None, client: Client) -> None:
    _log_in(client, "mangshi.handler")
    assert client.get(reverse("workbench:supervision")).status_code == 403


def test_a_sysadmin_sees_the_management_section(demo: None, client: Client) -> None:
    _log_in(client, "mangshi.admin")
    page = client.get(reverse("workbench:home")).content.decode()
    assert "管理「芒市应急管理局」的人员与角色" in page


def _agency_id(name: str) -> int:
    from liuhen.agencies.models import Agency

    return Agency.objects.get(name=name).pk
