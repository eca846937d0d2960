"""People who log in, the agencies they belong to, the roles they hold there, and the log-in audit.

Models hold data and database constraints only; every change goes through `services.py`.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models

from liuhen.accounts.roles import Role
from liuhen.agencies.models import Agency


class User(AbstractUser):
    """A person with a log-in. Chinese names are one field, not first + last."""

    full_name = models.CharField("姓名", max_length=40)
    phone = models.CharField("手机号", max_length=20, blank=True)

    class Meta:
        verbose_name = "用户"
        verbose_name_plural = "用户"

    def __str__(self) -> str:
        return f"{self.full_name}（{self.username}）" if self.full_name else self.username


class Membership(models.Model):
    """The person works in the agency. Roles can only be held where one is a member."""

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="memberships")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="memberships")
    title = models.CharField("职务", max_length=60, blank=True)
    joined_at = models.DateTimeField("加入时间")

    class Meta:
        verbose_name = "人员隶属"
        verbose_name_plural = "人员隶属"
        constraints = [
            models.UniqueConstraint(fields=["user", "agency"], name="membership_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.agency}"


class RoleGrant(models.Model):
    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="roles")
    role = models.CharField("角色", max_length=20, choices=Role.choices)
    granted_at = models.DateTimeField("授予时间")
    granted_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "角色"
        verbose_name_plural = "角色"
        constraints = [
            models.UniqueConstraint(fields=["membership", "role"], name="role_grant_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.membership}: {self.get_role_display()}"


class LoginOutcome(models.TextChoices):
    SUCCESS = "success", "登录成功"
    FAILURE = "failure", "密码错误或账号不存在"
    LOCKED = "locked", "账号已锁定，拒绝登录"
    LOGOUT = "logout", "退出登录"
    EXPIRED = "expired", "会话超时"


class LoginEvent(models.Model):
    """Append-only audit of every log-in, failure, lock-out refusal and log-out.

    Rows are only ever inserted (services.login_event_record); the ledger issue adds database
    triggers that refuse UPDATE and DELETE.
    """

    at = models.DateTimeField("时间", db_index=True)
    username = models.CharField("输入的用户名", max_length=150, db_index=True)
    user = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT)
    outcome = models.CharField("结果", max_length=10, choices=LoginOutcome.choices)
    ip = models.GenericIPAddressField("IP 地址", null=True, blank=True)
    user_agent = models.CharField("浏览器", max_length=300, blank=True)

    class Meta:
        verbose_name = "登录记录"
        verbose_name_plural = "登录记录"
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["username", "at"], name="login_event_user_time")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.get_outcome_display()}"
