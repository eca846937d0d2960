from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.core import checks


class LedgerConfig(AppConfig):
    name = "liuhen.ledger"
    verbose_name = "全过程留痕账本"

    def ready(self) -> None:
        checks.register(ledger_hash_check)


def ledger_hash_check(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """At start-up: the configured hash algorithm exists here and computes its test vector."""
    from django.conf import settings

    from liuhen.ledger.digests import (
        HashAlgorithmUnavailable,
        UnknownHashAlgorithm,
        hash_algorithm_check,
    )

    try:
        hash_algorithm_check(settings.LIUHEN_LEDGER_HASH)
    except (HashAlgorithmUnavailable, UnknownHashAlgorithm) as error:
        return [checks.Error(str(error), id="liuhen.E001", obj="LIUHEN_LEDGER_HASH")]
    return []
