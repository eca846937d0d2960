"""Stored originals and who holds them.

`EvidenceObject` is the content itself (named by its SHA-256, the same bytes stored once);
`EvidenceHolding` is one agency's record of having received it (file name, who, when). Cases link
to holdings (issue 5). Every change goes through services.py, with its ledger entry.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from liuhen.agencies.models import Agency


class EvidenceObject(models.Model):
    sha256 = models.CharField("SHA-256", max_length=64, primary_key=True)
    sm3 = models.CharField("SM3", max_length=64, blank=True)
    size = models.PositiveBigIntegerField("字节数")
    backend = models.CharField("存储后端", max_length=8)
    version_id = models.CharField("对象版本", max_length=200, blank=True)
    retain_until = models.DateTimeField("保留至", null=True, blank=True)
    media = models.JSONField("音视频信息", default=dict, blank=True)
    first_ingested_at = models.DateTimeField("首次存储时间")

    class Meta:
        verbose_name = "证据原件"
        verbose_name_plural = "证据原件"

    def __str__(self) -> str:
        return f"{self.sha256[:16]}… ({self.size} B)"


class EvidenceHolding(models.Model):
    object = models.ForeignKey(EvidenceObject, on_delete=models.PROTECT, related_name="holdings")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="evidence")
    filename = models.CharField("文件名", max_length=255)
    description = models.CharField("说明", max_length=500, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    added_at = models.DateTimeField("存入时间")

    class Meta:
        verbose_name = "证据"
        verbose_name_plural = "证据"
        ordering = ["-added_at", "-id"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.agency})"


class EvidenceUpload(models.Model):
    """A resumable upload in progress: whose it is and for which agency (the bytes live in the
    store's upload folder)."""

    upload_id = models.CharField(max_length=32, primary_key=True)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    filename = models.CharField(max_length=255)
    description = models.CharField(max_length=500, blank=True)
    total_size = models.PositiveBigIntegerField()
    created_at = models.DateTimeField()
    holding = models.OneToOneField(
        EvidenceHolding, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    def __str__(self) -> str:
        return f"upload {self.upload_id} {self.filename}"
