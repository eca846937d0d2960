"""`liuhen cases export NUMBER`, `liuhen cases import FILE... --agency ID --user USERNAME` and
`liuhen cases refresh` (recompute the compliance cache of every case not yet archived: run it
daily so that duties whose deadline passed without any write show as overdue)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from liuhen.accounts.models import User
from liuhen.agencies.models import Agency
from liuhen.cases.models import Case
from liuhen.cases.services import (
    case_compliance_refresh,
    case_findings,
    case_import,
    case_timeline_document,
)


class Command(BaseCommand):
    help = (
        "案件时间线：export 按案号导出（liuhen.case-timeline/1，可交给 liuhen check）；"
        "import 导入其他系统的时间线文件并输出每个文件的检查摘要"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        export = sub.add_parser("export", help="导出一个案件的时间线（JSON，标准输出）")
        export.add_argument("number", help="案号")
        export.add_argument("--agency", type=int, help="执法主体编号（案号在多个主体下重复时）")
        export.add_argument("--output", type=Path, help="写入文件而非标准输出")
        imp = sub.add_parser("import", help="导入时间线文件（每个文件全部导入或全部不导入）")
        imp.add_argument("files", nargs="+", type=Path)
        imp.add_argument("--agency", type=int, required=True, help="导入到的执法主体编号")
        imp.add_argument("--user", required=True, help="操作人用户名（记入留痕）")
        sub.add_parser("refresh", help="重新计算所有未归档案件的合规状态（建议每日运行）")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "export":
            self._export(options)
        elif options["action"] == "import":
            self._import(options)
        else:
            self._refresh()

    def _refresh(self) -> None:
        now = timezone.now()
        count = violations = 0
        for case in Case.objects.filter(archived_at__isnull=True).iterator(200):
            violations += case_compliance_refresh(case=case, as_of=now).violations
            count += 1
        self.stdout.write(f"已重新计算 {count} 个案件的合规状态，共 {violations} 项违规")

    def _export(self, options: dict[str, Any]) -> None:
        cases = Case.objects.filter(number=options["number"])
        if options["agency"] is not None:
            cases = cases.filter(agency_id=options["agency"])
        found = list(cases[:2])
        if not found:
            raise CommandError(f"没有案号为“{options['number']}”的案件")
        if len(found) > 1:
            raise CommandError("多个执法主体有该案号，请用 --agency 指定")
        text = json.dumps(case_timeline_document(case=found[0]), ensure_ascii=False, indent=2)
        if options["output"] is not None:
            options["output"].write_text(text + "\n", encoding="utf-8")
        else:
            self.stdout.write(text)

    def _import(self, options: dict[str, Any]) -> None:
        agency = Agency.objects.filter(pk=options["agency"]).first()
        if agency is None:
            raise CommandError(f"没有编号为 {options['agency']} 的执法主体")
        actor = User.objects.filter(username=options["user"], is_active=True).first()
        if actor is None:
            raise CommandError(f"没有用户“{options['user']}”")
        failed = 0
        for path in options["files"]:
            try:
                document = json.loads(path.read_text(encoding="utf-8"))
                case = case_import(
                    actor=actor, agency=agency, document=document, source_name=str(path)
                )
            except (OSError, ValueError, ValidationError) as error:
                failed += 1
                message = "；".join(error.messages) if isinstance(error, ValidationError) else error
                self.stderr.write(f"{path}: 未导入：{message}")
                continue
            result = case_findings(case=case, as_of=timezone.now())
            counts = dict.fromkeys(("violation", "pending", "advice"), 0)
            for finding in result.findings:
                counts[finding.severity] += 1
            self.stdout.write(
                f"{path}: 已导入 {case.number}（{case.events.count()} 条记录）："
                f"违规 {counts['violation']}，待办 {counts['pending']}，提示 {counts['advice']}"
            )
        if failed:
            raise CommandError(f"{failed} 个文件未导入")
