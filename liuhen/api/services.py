"""Issuing and revoking API tokens."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from liuhen.accounts.access import AgencyAction, agency_ids_for
from liuhen.accounts.models import Membership, User
from liuhen.api.models import ApiToken, ApiTokenKind
from liuhen.ledger.services import ledger_append

TOKEN_PREFIX = "lh_"  # noqa: S105 - a visible marker, not a secret


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _may_issue_for(actor: User | None, user: User) -> bool:
    """Anyone for themselves; a system administrator for members of the agencies they manage;
    the command line (no actor) for anyone."""
    if actor is None or actor.pk == user.pk or actor.is_superuser:
        return True
    managed = agency_ids_for(user=actor, action=AgencyAction.MANAGE) or set()
    return Membership.objects.filter(user=user, agency_id__in=managed).exists()


@transaction.atomic
def api_token_issue(
    *,
    actor: User | None,
    user: User,
    name: str,
    kind: str = ApiTokenKind.PERSONAL,
    expires_at: datetime | None = None,
) -> tuple[ApiToken, str]:
    """Issue a token acting as `user`; returns the row and the token, which is never stored.

    Side effects: an ApiToken row (the token's SHA-256 only) and a ledger entry.
    """
    name = name.strip()
    errors: dict[str, str] = {}
    if not name:
        errors["name"] = "请填写令牌名称（用途或设备名）"
    if kind not in ApiTokenKind.values:
        errors["kind"] = f"令牌类别只能是 {'、'.join(ApiTokenKind.values)}"
    if not user.is_active:
        errors["user"] = f"用户 {user.username} 已停用，不能签发令牌"
    if expires_at is not None and expires_at <= timezone.now():
        errors["expires_at"] = "有效期须晚于现在"
    if not _may_issue_for(actor, user):
        errors["user"] = f"无权为 {user.username} 签发令牌：只能为本人或本单位人员签发"
    if errors:
        raise ValidationError(errors)
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    row = ApiToken.objects.create(
        user=user,
        kind=kind,
        name=name[:100],
        prefix=token[:10],
        digest=token_digest(token),
        created_at=timezone.now(),
        created_by=actor,
        expires_at=expires_at,
    )
    ledger_append(
        actor=actor,
        action="api_token.issue",
        target=row,
        payload={"user": user, "kind": kind, "name": row.name, "prefix": row.prefix},
    )
    return row, token


@transaction.atomic
def api_token_revoke(*, actor: User | None, token: ApiToken) -> ApiToken:
    """Revoke a token at once. Side effects: its revocation time and a ledger entry."""
    locked = ApiToken.objects.select_for_update().get(pk=token.pk)
    if locked.revoked_at is not None:
        raise ValidationError({"token": f"令牌 {locked} 已于此前吊销"})
    if actor is not None and not _may_issue_for(actor, locked.user):
        raise ValidationError({"token": "无权吊销该令牌"})
    locked.revoked_at = timezone.now()
    locked.save(update_fields=["revoked_at"])
    ledger_append(
        actor=actor, action="api_token.revoke", target=locked, payload={"prefix": locked.prefix}
    )
    return locked
