"""API tokens: one per person or per device (a body-camera docking station).

Only the SHA-256 of a token is stored; the token itself is shown once, when it is issued. A
device token acts as the person it is issued to (the officer or archivist in charge of the
station), so the ledger names a person for every call, and names the device too.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ApiTokenKind(models.TextChoices):
    PERSONAL = "personal", "个人令牌"
    DEVICE = "device", "设备令牌（执法记录仪采集站等）"


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="api_tokens"
    )
    kind = models.CharField("类别", max_length=10, choices=ApiTokenKind.choices)
    name = models.CharField("名称", max_length=100)
    prefix = models.CharField("令牌前缀", max_length=12)
    digest = models.CharField("令牌 SHA-256", max_length=64, unique=True)
    created_at = models.DateTimeField("签发时间")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    expires_at = models.DateTimeField("有效期至", null=True, blank=True)
    revoked_at = models.DateTimeField("吊销时间", null=True, blank=True)

    class Meta:
        verbose_name = "接口令牌"
        verbose_name_plural = "接口令牌"

    def __str__(self) -> str:
        return f"{self.name}（{self.prefix}…）"
