"""Who may call: a valid token or a logged-in session (with CSRF for writes); nothing else."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from liuhen.accounts.roles import Role
from liuhen.api.models import ApiToken
from liuhen.api.services import api_token_issue, api_token_revoke
from tests.api.conftest import ApiClient, browser_as
from tests.factories import staff
from tests.world import World


def test_without_credentials_the_api_answers_401_in_chinese(world: World) -> None:
    response = ApiClient(None).get("/cases")
    assert response.status_code == 401
    assert "未认证" in response.json()["error"]


def test_an_unknown_token_is_refused(world: World) -> None:
    assert ApiClient("lh_not-a-token").get("/cases").status_code == 401


def test_a_valid_token_acts_as_its_user(world: World) -> None:
    officer = staff(world.mangshi_emergency, Role.HANDLER)
    _, token = api_token_issue(actor=officer, user=officer, name="笔记本")
    assert ApiClient(token).get("/cases").status_code == 200


def test_a_revoked_token_is_refused_at_once(world: World) -> None:
    officer = staff(world.mangshi_emergency, Role.HANDLER)
    row, token = api_token_issue(actor=officer, user=officer, name="笔记本")
    api_token_revoke(actor=officer, token=row)
    assert ApiClient(token).get("/cases").status_code == 401


def test_an_expired_token_is_refused(world: World) -> None:
    officer = staff(world.mangshi_emergency, Role.HANDLER)
    row, token = api_token_issue(
        actor=officer, user=officer, name="临时", expires_at=timezone.now() + dt.timedelta(hours=1)
    )
    ApiToken.objects.filter(pk=row.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert ApiClient(token).get("/cases").status_code == 401


def test_the_token_of_a_deactivated_user_is_refused(world: World) -> None:
    officer = staff(world.mangshi_emergency, Role.HANDLER)
    _, token = api_token_issue(actor=officer, user=officer, name="笔记本")
    type(officer).objects.filter(pk=officer.pk).update(is_active=False)
    assert ApiClient(token).get("/cases").status_code == 401


def test_a_logged_in_browser_reads_with_its_session(world: World) -> None:
    officer = staff(world.mangshi_emergency, Role.HANDLER)
    browser = browser_as(officer)
    assert browser.get("/api/v1/cases").status_code == 200


def test_a_session_write_without_the_csrf_token_is_refused(world: World) -> None:
    officer = staff(world.mangshi_emergency, Role.HANDLER)
    browser = browser_as(officer, enforce_csrf_checks=True)
    response = browser.post("/api/v1/check", "{}", content_type="application/json")
    assert response.status_code in (401, 403)
