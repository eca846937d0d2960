from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from liuhen.workbench.demo import DEMO_PASSWORD, demo_load, demo_logins
from liuhen.workbench.demo_cases import demo_cases_load


class Command(BaseCommand):
    help = "载入演示数据（可重复运行，已有数据保持不变）并列出演示账号"

    def handle(self, *args: Any, **options: Any) -> None:
        created = demo_load().created
        self.stdout.write(
            f"演示数据：新建执法主体 {created['agencies']} 个，"
            f"执法人员 {created['officers']} 名，账号 {created['users']} 个。"
        )
        self.stdout.write(f"演示案件：新建 {demo_cases_load()} 件。")
        self.stdout.write(f"演示账号（密码均为 {DEMO_PASSWORD}）：")
        for username, name, what in demo_logins():
            self.stdout.write(f"  {username:<24} {name:<10} {what}")
