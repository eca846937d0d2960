"""Ends a session 12 hours after log-in however active it is (idle expiry is Django's own)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone

from liuhen.accounts.models import LoginOutcome

SESSION_LOGIN_AT = "liuhen_login_at"


class SessionLifetimeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            started = request.session.get(SESSION_LOGIN_AT)
            limit = dt.timedelta(seconds=settings.LIUHEN_SESSION_MAX_SECONDS)
            if started is None or timezone.now() - dt.datetime.fromisoformat(started) > limit:
                from liuhen.accounts.services import login_event_record

                login_event_record(
                    request=request,
                    username=user.get_username(),
                    user=user,
                    outcome=LoginOutcome.EXPIRED,
                )
                logout(request)
                messages.info(request, "登录已超过规定时长，请重新登录。")
                return redirect(settings.LOGIN_URL)
        return self.get_response(request)
