"""Log-in: every attempt recorded, lock-out after repeated failures, sessions that end."""

import datetime as dt

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from liuhen.accounts.middleware import SESSION_LOGIN_AT
from liuhen.accounts.models import LoginEvent, LoginOutcome
from liuhen.accounts.services import login_lockout_remaining
from tests.factories import PASSWORD, user

LOGIN = "/accounts/login/"


def _post(client: Client, username: str, password: str):  # type: ignore[no-untyped-def]
    return client.post(LOGIN, {"username": username, "password": password})


def _outcomes(username: str) -> list[str]:
    return list(
        LoginEvent.objects.filter(username=username)
        .order_by("at", "id")
        .values_list("outcome", flat=True)
    )


def test_a_successful_log_in_is_recorded_and_opens_the_home_page(db: None, client: Client) -> None:
    person = user("li.ming", full_name="李明")
    response = _post(client, "li.ming", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("workbench:home")
    assert "李明" in client.get("/").content.decode()
    event = LoginEvent.objects.get(username="li.ming")
    assert (event.outcome, event.user, event.ip) == ("success", person, "127.0.0.1")


def test_a_wrong_password_is_recorded_and_refused_without_saying_which_part(
    db: None, client: Client
) -> None:
    user("li.ming")
    response = _post(client, "li.ming", "wrong-password")
    assert response.status_code == 200
    assert "用户名或密码错误" in response.content.decode()
    assert _outcomes("li.ming") == ["failure"]


def test_an_unknown_user_is_recorded_too(db: None, client: Client) -> None:
    _post(client, "nobody", "whatever-password")
    assert _outcomes("nobody") == ["failure"]


@override_settings(LIUHEN_LOGIN_MAX_FAILURES=3, LIUHEN_LOGIN_LOCKOUT_MINUTES=15)
def test_the_account_locks_after_repeated_failures_even_for_the_right_password(
    db: None, client: Client
) -> None:
    user("li.ming")
    for _ in range(3):
        _post(client, "li.ming", "wrong-password")
    response = _post(client, "li.ming", PASSWORD)
    assert "已被临时锁定" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert _outcomes("li.ming") == ["failure", "failure", "failure", "locked"]


@override_settings(LIUHEN_LOGIN_MAX_FAILURES=3, LIUHEN_LOGIN_LOCKOUT_MINUTES=15)
def test_the_lock_is_case_insensitive_on_the_username(db: None, client: Client) -> None:
    user("li.ming")
    for _ in range(3):
        _post(client, "Li.Ming", "wrong-password")
    assert login_lockout_remaining(username="li.ming") is not None


@override_settings(LIUHEN_LOGIN_MAX_FAILURES=3, LIUHEN_LOGIN_LOCKOUT_MINUTES=15)
def test_the_lock_ends_after_the_window(db: None, client: Client) -> None:
    user("li.ming")
    for _ in range(3):
        _post(client, "li.ming", "wrong-password")
    later = timezone.now() + dt.timedelta(minutes=16)
    assert login_lockout_remaining(username="li.ming", now=later) is None
    assert login_lockout_remaining(username="li.ming") is not None


@override_settings(LIUHEN_LOGIN_MAX_FAILURES=3)
def test_a_success_resets_the_failure_count(db: None, client: Client) -> None:
    user("li.ming")
    for _ in range(2):
        _post(client, "li.ming", "wrong-password")
    _post(client, "li.ming", PASSWORD)
    client.logout()
    for _ in range(2):
        _post(client, "li.ming", "wrong-password")
    assert login_lockout_remaining(username="li.ming") is None


def test_log_out_is_recorded(db: None, client: Client) -> None:
    user("li.ming")
    _post(client, "li.ming", PASSWORD)
    client.post(reverse("accounts:logout"))
    assert _outcomes("li.ming") == ["success", "logout"]
    assert client.get(reverse("agencies:list")).status_code == 302


def test_the_password_is_stored_hashed(db: None) -> None:
    person = user("li.ming")
    assert PASSWORD not in person.password
    assert person.check_password(PASSWORD)


def test_sessions_end_after_idle_time_and_at_browser_close(settings) -> None:  # type: ignore[no-untyped-def]
    from liuhen import settings as product

    assert product.SESSION_COOKIE_AGE == 30 * 60
    assert product.SESSION_SAVE_EVERY_REQUEST is True
    assert product.SESSION_EXPIRE_AT_BROWSER_CLOSE is True


@override_settings(LIUHEN_SESSION_MAX_SECONDS=3600)
def test_a_session_ends_at_its_maximum_age_however_active(db: None, client: Client) -> None:
    user("li.ming")
    _post(client, "li.ming", PASSWORD)
    session = client.session
    session[SESSION_LOGIN_AT] = (timezone.now() - dt.timedelta(hours=2)).isoformat()
    session.save()
    response = client.get(reverse("agencies:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert _outcomes("li.ming") == ["success", "expired"]


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/"])
def test_log_in_never_redirects_off_site(db: None, client: Client, target: str) -> None:
    user("li.ming")
    response = client.post(LOGIN, {"username": "li.ming", "password": PASSWORD, "next": target})
    assert response["Location"] == reverse("workbench:home")


def test_a_deactivated_user_cannot_log_in(db: None, client: Client) -> None:
    person = user("li.ming")
    person.is_active = False
    person.save()
    response = _post(client, "li.ming", PASSWORD)
    assert "用户名或密码错误" in response.content.decode()
    assert LoginOutcome.FAILURE in _outcomes("li.ming")
