from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from liuhen.workbench.org_file import OrgFileError, org_file_load


class Command(BaseCommand):
    help = "导入组织文件（liuhen.org/1）：执法主体、执法人员、账号与角色；有任何错误则整体不导入"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["import"])
        parser.add_argument("file", help="组织文件路径，- 表示标准输入")

    def handle(self, *args: Any, **options: Any) -> None:
        name = options["file"]
        try:
            data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
        except OSError as exc:
            raise CommandError(f"{name}: 无法读取：{exc.strerror}", returncode=2) from exc
        try:
            result = org_file_load(actor=None, data=data, source=name)
        except OrgFileError as exc:
            for problem in exc.problems:
                self.stderr.write(problem)
            raise CommandError(
                f"{name}: 共 {len(exc.problems)} 处错误，未导入任何数据", returncode=2
            ) from exc
        labels = {"agencies": "执法主体", "officers": "执法人员", "users": "账号"}
        for key, label in labels.items():
            self.stdout.write(
                f"{label}：新建 {result.created[key]}，已存在保持不变 {result.kept[key]}"
            )
