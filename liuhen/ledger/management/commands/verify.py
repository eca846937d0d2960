"""`liuhen verify`: re-hash everything and report exactly what is wrong and where (exit 1)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from liuhen.evidence.verification import evidence_verify
from liuhen.ledger.verification import ledger_verify


def _bar(label: str) -> Callable[[int, int], None]:
    def show(done: int, total: int) -> None:
        width = 30
        filled = width if total == 0 else width * done // total
        sys.stderr.write(f"\r{label} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return show


class Command(BaseCommand):
    help = (
        "校验留痕账本与证据原件：逐条重算哈希，检查哈希链、检查点根哈希与签名、见证副本，"
        "逐个重算证据原件的 SHA-256 与 SM3；发现问题时退出码为 1"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--object", metavar="SHA256", help="只校验这一个证据原件")
        parser.add_argument("--sample", type=int, metavar="K", help="随机抽查 K 个证据原件")
        parser.add_argument("--skip-ledger", action="store_true", help="不校验留痕账本")
        parser.add_argument("--skip-objects", action="store_true", help="不校验证据原件")
        parser.add_argument("--quiet", action="store_true", help="不显示进度条")

    def handle(self, *args: Any, **options: Any) -> None:
        quiet = options["quiet"]
        problems: list[str] = []
        single = options["object"] is not None
        if not options["skip_ledger"] and not single:
            ledger = ledger_verify(progress=None if quiet else _bar("留痕记录"))
            problems += ledger.problems
            self.stdout.write(
                f"留痕记录 {ledger.entries} 条，检查点 {ledger.checkpoints} 个，"
                f"见证副本 {ledger.witness_copies} 个"
            )
        if not options["skip_objects"]:
            objects = evidence_verify(
                only=options["object"],
                sample=options["sample"],
                progress=None if quiet else _bar("证据原件"),
            )
            problems += objects.problems
            self.stdout.write(
                f"证据原件 {objects.objects} 个，读取 {objects.bytes_read / 1e6:,.1f} MB"
            )
        for problem in problems:
            self.stderr.write(problem)
        self.stdout.write("全部一致" if not problems else f"发现 {len(problems)} 处问题")
        if problems:
            raise CommandError(f"发现 {len(problems)} 处问题", returncode=1)
