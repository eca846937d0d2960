"""`liuhen ledger checkpoint | public-key`: the checkpoint job, and the key witnesses trust."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from liuhen.ledger.checkpoints import public_key_id, public_key_pem
from liuhen.ledger.services import ledger_checkpoint_create, ledger_signing_key


class Command(BaseCommand):
    help = "账本维护：checkpoint 立即签发检查点；public-key 输出供见证方验证的公钥"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["checkpoint", "public-key"])

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "public-key":
            public = ledger_signing_key().public_key()
            self.stdout.write(public_key_pem(public).rstrip())
            self.stdout.write(f"key id: {public_key_id(public)}")
            return
        checkpoint = ledger_checkpoint_create()
        if checkpoint is None:
            self.stdout.write("没有新的留痕记录，无需签发检查点")
        else:
            self.stdout.write(
                f"已签发检查点：{checkpoint.tree_size} 条，根哈希 {checkpoint.root_hash}"
            )
