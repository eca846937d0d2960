"""Who is calling: a bearer token (personal or device), or the browser's session with its CSRF
token. Inactive users, revoked and expired tokens get 401."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from liuhen.accounts.models import User
from liuhen.api.models import ApiToken
from liuhen.api.services import TOKEN_PREFIX, token_digest


def api_token_user(token: str) -> tuple[User, ApiToken] | None:
    """The active user a presented token acts as, or None (unknown, revoked, expired)."""
    if not token.startswith(TOKEN_PREFIX):
        return None
    row = (
        ApiToken.objects.select_related("user")
        .filter(digest=token_digest(token), revoked_at__isnull=True)
        .first()
    )
    if row is None or not row.user.is_active:
        return None
    if row.expires_at is not None and row.expires_at <= timezone.now():
        return None
    return row.user, row


class TokenAuth(HttpBearer):
    openapi_description = "Authorization: Bearer lh_…（个人或设备令牌，`liuhen token issue` 签发）"

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = api_token_user(token)
        if found is None:
            return None
        request.user, request.api_token = found  # type: ignore[attr-defined]
        return found[0]


class ActiveSessionAuth(SessionAuth):
    """The logged-in browser (the case pages call the API with their session and CSRF token)."""

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = request.user
        if user.is_authenticated and user.is_active:
            return user
        return None


def caller(request: HttpRequest) -> User:
    user = request.auth  # type: ignore[attr-defined]
    assert isinstance(user, User)
    return user
