"""`liuhen verify`: re-hash everything and report exactly what is wrong and where (exit 1)."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from liuhen.ledger.verification import ledger_verify


def _bar(done: int, total: int) -> None:
    width = 30
    filled = width if total == 0 else width * done // total
    sys.stderr.write(f"\r留痕记录 [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
    if done >= total:
        sys.stderr.write("\n")
    sys.stderr.flush()


class Command(BaseCommand):
    help = (
        "校验留痕账本：逐条重算哈希，检查哈希链、检查点根哈希与签名、见证副本；发现问题时退出码为 1"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--quiet", action="store_true", help="不显示进度条")

    def handle(self, *args: Any, **options: Any) -> None:
        report = ledger_verify(progress=None if options["quiet"] else _bar)
        for problem in report.problems:
            self.stderr.write(problem)
        self.stdout.write(
            f"留痕记录 {report.entries} 条，检查点 {report.checkpoints} 个，"
            f"见证副本 {report.witness_copies} 个：" + ("全部一致" if report.ok else "发现问题")
        )
        if not report.ok:
            raise CommandError(f"发现 {len(report.problems)} 处问题", returncode=1)
