"""Django's flush, which the test suite runs between transactional tests.

Append-only tables refuse DELETE and TRUNCATE, so a plain flush fails on them — as it should in
production. Only where settings.LIUHEN_ALLOW_APPEND_ONLY_FLUSH is set (tests/settings.py) are the
triggers lifted around the flush (ADR 0006).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.commands.flush import Command as DjangoFlush
from django.db import connections

from liuhen.ledger.append_only import append_only_lifted


class Command(DjangoFlush):
    def handle(self, **options: Any) -> None:
        if not getattr(settings, "LIUHEN_ALLOW_APPEND_ONLY_FLUSH", False):
            return super().handle(**options)
        with append_only_lifted(connections[options["database"]]):
            return super().handle(**options)
