"""Users, the agencies they belong to, and the roles they hold there."""

from __future__ import annotations

import re

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from liuhen.accounts.models import Membership, RoleGrant, User
from liuhen.accounts.roles import Role
from liuhen.agencies.models import Agency, AgencyKind, Officer, OfficerStatus, Supervision
from liuhen.ledger.services import ledger_append, ledger_fields

_USERNAME = re.compile(r"^[A-Za-z0-9._-]{3,150}$")


@transaction.atomic
def user_create(
    *,
    actor: User | None,
    username: str,
    full_name: str,
    password: str | None,
    phone: str = "",
    is_superuser: bool = False,
) -> User:
    """Create a log-in with a hashed password checked against the password rules.

    `password=None` creates the account without a usable password (an administrator sets one
    later); nobody can log in to it until then.

    Side effects: one User row. `is_superuser` makes a platform administrator (Django admin).
    """
    errors: dict[str, list[str] | str] = {}
    username = username.strip()
    if not _USERNAME.match(username):
        errors["username"] = "用户名应为3位以上的字母、数字、点、下划线或连字符"
    elif User.objects.filter(username__iexact=username).exists():
        errors["username"] = f"用户名 {username} 已被使用"
    if not full_name.strip():
        errors["full_name"] = "姓名不能为空"
    candidate = User(username=username, full_name=full_name.strip())
    if password is not None:
        try:
            validate_password(password, user=candidate)
        except ValidationError as exc:
            errors["password"] = list(exc.messages)
    if errors:
        raise ValidationError(errors)
    user = User(
        username=username,
        full_name=full_name.strip(),
        phone=phone.strip(),
        is_superuser=is_superuser,
        is_staff=is_superuser,
    )
    if password is None:
        user.set_unusable_password()
    else:
        user.set_password(password)
    user.save()
    ledger_append(
        actor=actor,
        action="user.create",
        target=user,
        payload={
            **ledger_fields(user, "username", "full_name", "is_superuser"),
            "password_set": password is not None,
        },
    )
    return user


@transaction.atomic
def user_set_password(*, actor: User | None, user: User, password: str) -> User:
    """Side effects: replaces the password hash (existing sessions end on next request)."""
    try:
        validate_password(password, user=user)
    except ValidationError as exc:
        raise ValidationError({"password": list(exc.messages)}) from exc
    user.set_password(password)
    user.save(update_fields=["password"])
    # Never the hash: only that it changed.
    ledger_append(actor=actor, action="user.password", target=user, payload={"changed": True})
    return user


@transaction.atomic
def membership_add(
    *, actor: User | None, user: User, agency: Agency, title: str = ""
) -> Membership:
    """Make `user` a member of `agency` (idempotent).

    Side effects: one Membership row unless it exists.
    """
    membership, created = Membership.objects.get_or_create(
        user=user, agency=agency, defaults={"title": title.strip(), "joined_at": timezone.now()}
    )
    changed = not created and bool(title.strip()) and membership.title != title.strip()
    if changed:
        membership.title = title.strip()
        membership.save(update_fields=["title"])
    if created or changed:
        ledger_append(
            actor=actor,
            action="membership.add" if created else "membership.title",
            target=membership,
            payload=ledger_fields(membership, "user", "agency", "title"),
        )
    return membership


def _role_problem(user: User, agency: Agency, role: str) -> str | None:
    if role not in Role.values:
        return f"未知的角色：{role}"
    if role == Role.HANDLER:
        # Queried, not user.officer: that reverse cache can hold a stale status.
        officer = Officer.objects.filter(user=user).first()
        if officer is None or officer.agency_id != agency.pk:
            return f"承办人须为「{agency.name}」登记的执法人员，{user} 未关联本单位执法证"
        if officer.status != OfficerStatus.ACTIVE:
            return f"{officer} 的执法证状态为「{officer.get_status_display()}」，不能担任承办人"
    if role == Role.SUPERVISOR:
        supervises = Supervision.objects.filter(supervisor=agency, ended_at__isnull=True).exists()
        if agency.kind != AgencyKind.JUSTICE and not supervises:
            return f"「{agency.name}」既不是司法行政机关，也没有监督其他主体，不能设监督人员"
    return None


@transaction.atomic
def role_grant(*, actor: User | None, user: User, agency: Agency, role: str) -> RoleGrant:
    """Give `user` a role in `agency`, where they must already be a member (idempotent).

    Side effects: one RoleGrant row unless it exists. Raises ValidationError when the person does
    not belong to the agency or does not qualify for the role.
    """
    membership = Membership.objects.filter(user=user, agency=agency).first()
    if membership is None:
        raise ValidationError({"role": f"{user} 不是「{agency.name}」的人员，不能在该单位担任角色"})
    problem = _role_problem(user, agency, role)
    if problem:
        raise ValidationError({"role": problem})
    grant, created = RoleGrant.objects.get_or_create(
        membership=membership,
        role=role,
        defaults={"granted_at": timezone.now(), "granted_by": actor},
    )
    if created:
        ledger_append(
            actor=actor,
            action="role.grant",
            target=grant,
            payload={"user": str(user.pk), "agency": str(agency.pk), "role": role},
        )
    return grant


@transaction.atomic
def role_revoke(*, actor: User | None, user: User, agency: Agency, role: str) -> None:
    """Side effects: deletes the RoleGrant row (the ledger issue records who did it and when)."""
    grant = RoleGrant.objects.filter(
        membership__user=user, membership__agency=agency, role=role
    ).first()
    if grant is None:
        raise ValidationError({"role": f"{user} 在「{agency.name}」没有该角色"})
    ledger_append(
        actor=actor,
        action="role.revoke",
        target=grant,
        payload={"user": str(user.pk), "agency": str(agency.pk), "role": role},
    )
    grant.delete()
