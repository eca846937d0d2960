"""Template context: the signed-in person's roles, and the navigation those roles open."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from liuhen.accounts.models import Membership, User
from liuhen.accounts.roles import Role


def roles_held(user: User) -> dict[str, list[Membership]]:
    """role value -> the memberships in which the user holds it."""
    held: dict[str, list[Membership]] = {}
    memberships = Membership.objects.filter(user=user).select_related("agency")
    for membership in memberships.prefetch_related("roles"):
        for grant in membership.roles.all():
            held.setdefault(grant.role, []).append(membership)
    return held


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not isinstance(user, User):
        return {}
    held = roles_held(user)
    items = [
        ("工作台", reverse("workbench:home")),
        ("案件", reverse("cases:list")),
        ("我的待办", reverse("cases:dues")),
        ("执法主体", reverse("agencies:list")),
        ("执法人员", reverse("agencies:officers")),
        ("规定文本", reverse("workbench:regulations")),
    ]
    if Role.SUPERVISOR in held or Role.APPROVER in held or Role.REVIEWER in held:
        items.append(("办案概况", reverse("cases:dashboard")))
    if Role.SUPERVISOR in held:
        items.append(("执法监督", reverse("workbench:supervision")))
    if held.keys() & {Role.LEGAL_REVIEWER, Role.APPROVER, Role.HANDLER, Role.SUPERVISOR}:
        items.append(("法制审核", reverse("review:list")))
    if user.is_superuser:
        items.append(("系统管理", reverse("admin:index")))
    role_labels = [Role(role).label for role in Role.values if role in held]
    return {"nav_items": items, "nav_roles": role_labels}
