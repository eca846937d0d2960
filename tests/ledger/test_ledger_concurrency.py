"""Parallel writers extend one chain: no fork, no gap, no duplicate sequence."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from liuhen.ledger.models import LedgerEntry
from liuhen.ledger.services import ledger_algorithm
from liuhen.ledger.verification import ledger_verify
from tests.factories import government

WRITERS = 4
WRITES_EACH = 15


@pytest.mark.django_db(transaction=True)
def test_parallel_writers_never_fork_the_chain() -> None:
    if connection.vendor == "sqlite" and "memory" in connection.settings_dict["NAME"]:
        pytest.fail("needs a database file or PostgreSQL, not an in-memory database")
    errors: list[BaseException] = []
    start = threading.Barrier(WRITERS)

    def write(worker: int) -> None:
        try:
            start.wait()
            for n in range(WRITES_EACH):
                government(f"第{worker}组第{n}个人民政府", level="county")
        except BaseException as error:  # reported below, whatever it is
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(w,)) for w in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    sequences = list(LedgerEntry.objects.order_by("sequence").values_list("sequence", flat=True))
    assert sequences == list(range(1, WRITERS * WRITES_EACH + 1))
    assert ledger_verify().problems == []
    assert ledger_algorithm().name == "sha256"
