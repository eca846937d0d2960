"""`liuhen token issue USERNAME --name NAME [--device] [--days N]`, `liuhen token list [USERNAME]`,
`liuhen token revoke ID`: API tokens from the command line (for docking stations set up by an
administrator on the server)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from liuhen.accounts.models import User
from liuhen.api.models import ApiToken, ApiTokenKind
from liuhen.api.services import api_token_issue, api_token_revoke


class Command(BaseCommand):
    help = "接口令牌：issue 签发（令牌只显示一次）、list 列出、revoke 吊销"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        issue = sub.add_parser("issue", help="为用户签发令牌")
        issue.add_argument("username")
        issue.add_argument("--name", required=True, help="用途或设备名，如“一号执法记录仪采集站”")
        issue.add_argument("--device", action="store_true", help="设备令牌（采集站等）")
        issue.add_argument("--days", type=int, help="有效天数（默认长期有效，可随时吊销）")
        listing = sub.add_parser("list", help="列出令牌")
        listing.add_argument("username", nargs="?")
        revoke = sub.add_parser("revoke", help="吊销令牌")
        revoke.add_argument("token_id", type=int)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["action"] == "issue":
                self._issue(options)
            elif options["action"] == "list":
                self._list(options.get("username"))
            else:
                token = ApiToken.objects.filter(pk=options["token_id"]).first()
                if token is None:
                    raise CommandError(f"没有编号为 {options['token_id']} 的令牌")
                api_token_revoke(actor=None, token=token)
                self.stdout.write(f"已吊销令牌 {token}")
        except ValidationError as error:
            raise CommandError("；".join(error.messages)) from error

    def _issue(self, options: dict[str, Any]) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"没有用户 {options['username']}")
        days = options.get("days")
        if days is not None and days <= 0:
            raise CommandError("--days 须为正整数")
        row, token = api_token_issue(
            actor=None,
            user=user,
            name=options["name"],
            kind=ApiTokenKind.DEVICE if options["device"] else ApiTokenKind.PERSONAL,
            expires_at=timezone.now() + timedelta(days=days) if days else None,
        )
        self.stdout.write(f"令牌编号 {row.pk}（{row.get_kind_display()}，代表 {user.username}）")
        self.stdout.write("令牌只显示这一次，请妥善保存：")
        self.stdout.write(token)

    def _list(self, username: str | None) -> None:
        tokens = ApiToken.objects.select_related("user").order_by("pk")
        if username:
            tokens = tokens.filter(user__username=username)
        for t in tokens:
            state = "已吊销" if t.revoked_at else "有效"
            self.stdout.write(
                f"{t.pk}\t{t.user.username}\t{t.get_kind_display()}\t{t.name}\t{t.prefix}…\t{state}"
            )
