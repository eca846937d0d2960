"""The ledger's rows: one per write in the platform, and the signed checkpoints over them.

Both tables are append-only in the database (migration 0002, ADR 0006). Rows hold the exact
hashed content (`liuhen.ledger.chain.LedgerEntry`): the payload as canonical JSON text, never a
JSON column, because PostgreSQL's jsonb would reorder keys and the hash would no longer match.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class LedgerEntry(models.Model):
    sequence = models.PositiveBigIntegerField("序号", unique=True)
    recorded_at = models.DateTimeField("时间")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_constraint=False,  # the ledger must outlive any user row; PROTECT guards deletion
    )
    action = models.CharField("操作", max_length=64, db_index=True)
    object_type = models.CharField("对象类型", max_length=64)
    object_id = models.CharField("对象编号", max_length=64)
    payload = models.TextField("内容（规范 JSON）")
    previous_hash = models.CharField("前一条哈希", max_length=128)
    entry_hash = models.CharField("本条哈希", max_length=128)
    algorithm = models.CharField("哈希算法", max_length=8)

    class Meta:
        db_table = "ledger_entry"
        verbose_name = "留痕记录"
        verbose_name_plural = "留痕记录"
        ordering = ["sequence"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="ledger_object")]

    def __str__(self) -> str:
        return f"#{self.sequence} {self.action} {self.object_type}:{self.object_id}"


class LedgerCheckpoint(models.Model):
    """A signed tree head (RFC 9162 root over the first `tree_size` entries), as published."""

    tree_size = models.PositiveBigIntegerField("条数", unique=True)
    root_hash = models.CharField("根哈希", max_length=128)
    algorithm = models.CharField("哈希算法", max_length=8)
    signed_json = models.TextField("签名的检查点（JSON）")
    created_at = models.DateTimeField("生成时间")

    class Meta:
        db_table = "ledger_checkpoint"
        verbose_name = "检查点"
        verbose_name_plural = "检查点"
        ordering = ["tree_size"]

    def __str__(self) -> str:
        return f"checkpoint @{self.tree_size} {self.root_hash[:16]}…"
