"""`liuhen evidence sweep`: remove abandoned uploads and temporary files left by a crash."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from liuhen.evidence.stores import evidence_store, evidence_uploads


class Command(BaseCommand):
    help = (
        "证据存储维护：sweep 清理超时未完成的上传和崩溃遗留的临时文件（建议由定时任务每小时运行）"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["sweep"])
        parser.add_argument(
            "--upload-hours", type=float, default=24.0, help="上传会话无活动多久后清理（小时）"
        )
        parser.add_argument(
            "--temporary-minutes", type=float, default=60.0, help="临时文件多久后清理（分钟）"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        uploads = evidence_uploads().sweep(older_than=dt.timedelta(hours=options["upload_hours"]))
        temporary = evidence_store().sweep(
            older_than=dt.timedelta(minutes=options["temporary_minutes"])
        )
        for label, report in (("上传会话", uploads), ("临时文件", temporary)):
            self.stdout.write(
                f"{label}：清理 {len(report.removed)} 项，释放 {report.removed_bytes:,} 字节，"
                f"仍在使用 {report.kept_in_use} 项"
            )
