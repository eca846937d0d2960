"""Log-in with lock-out after repeated failures, and the append-only log-in audit."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth import authenticate
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from liuhen.accounts.models import LoginEvent, LoginOutcome, User
from liuhen.ledger.services import ledger_append, ledger_fields


class LoginRefused(Exception):
    """The log-in was refused; the message is safe to show (it never says which part was wrong)."""


def _client_ip(request: HttpRequest) -> str | None:
    if getattr(settings, "LIUHEN_TRUST_X_FORWARDED_FOR", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip() or None
    return request.META.get("REMOTE_ADDR") or None


@transaction.atomic
def login_event_record(
    *,
    request: HttpRequest | None,
    username: str,
    outcome: str,
    user: User | None = None,
) -> LoginEvent:
    """Side effects: appends one LoginEvent row (never updated or deleted) and its ledger entry."""
    event = LoginEvent.objects.create(
        at=timezone.now(),
        username=username[:150],
        user=user,
        outcome=outcome,
        ip=_client_ip(request) if request is not None else None,
        user_agent=(request.META.get("HTTP_USER_AGENT", "") if request is not None else "")[:300],
    )
    ledger_append(
        actor=user,
        action=f"login.{outcome}",
        target=event,
        payload=ledger_fields(event, "username", "outcome", "ip", "user_agent"),
    )
    return event


def login_lockout_remaining(
    *, username: str, now: dt.datetime | None = None
) -> dt.timedelta | None:
    """How long `username` stays locked, or None when it may try to log in.

    Locked when the last LIUHEN_LOGIN_MAX_FAILURES failures since the last success all fall within
    one lock-out window; the lock lasts a window from the latest of them. Refusals during the
    lock are recorded as `locked`, not as failures, so they do not extend it.
    """
    now = now or timezone.now()
    limit = settings.LIUHEN_LOGIN_MAX_FAILURES
    window = dt.timedelta(minutes=settings.LIUHEN_LOGIN_LOCKOUT_MINUTES)
    events = LoginEvent.objects.filter(username__iexact=username)
    last_success = (
        events.filter(outcome=LoginOutcome.SUCCESS).order_by("-at").values_list("at", flat=True)
    ).first()
    failures = events.filter(outcome=LoginOutcome.FAILURE, at__gt=now - 2 * window)
    if last_success is not None:
        failures = failures.filter(at__gt=last_success)
    recent = list(failures.order_by("-at").values_list("at", flat=True)[:limit])
    if len(recent) < limit or recent[0] - recent[-1] > window:
        return None
    remaining = recent[0] + window - now
    return remaining if remaining > dt.timedelta(0) else None


def login_attempt(*, request: HttpRequest, username: str, password: str) -> User:
    """Check a log-in; returns the user, or raises LoginRefused with a message to show.

    Side effects: one LoginEvent (success, failure or locked), committed even when the log-in is
    refused. The caller starts the session (django.contrib.auth.login).
    """
    username = username.strip()
    remaining = login_lockout_remaining(username=username)
    if remaining is not None:
        login_event_record(request=request, username=username, outcome=LoginOutcome.LOCKED)
        minutes = max(1, int(remaining.total_seconds() // 60) + 1)
        raise LoginRefused(f"该账号因连续多次登录失败已被临时锁定，请约 {minutes} 分钟后再试。")
    user = authenticate(request, username=username, password=password)
    if not isinstance(user, User):
        login_event_record(request=request, username=username, outcome=LoginOutcome.FAILURE)
        if login_lockout_remaining(username=username) is not None:
            raise LoginRefused(
                f"用户名或密码错误。连续失败已达 {settings.LIUHEN_LOGIN_MAX_FAILURES} 次，"
                f"账号已锁定 {settings.LIUHEN_LOGIN_LOCKOUT_MINUTES} 分钟。"
            )
        raise LoginRefused("用户名或密码错误。")
    login_event_record(request=request, username=username, outcome=LoginOutcome.SUCCESS, user=user)
    return user
