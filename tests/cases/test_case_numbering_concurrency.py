"""Cases opened at the same moment get consecutive numbers: no gap, no duplicate."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from liuhen.cases.models import Case
from tests.factories import case
from tests.world import build_world

WRITERS = 4
OPENINGS_EACH = 3


@pytest.mark.django_db(transaction=True)
def test_parallel_openings_number_without_gaps_or_duplicates() -> None:
    if connection.vendor == "sqlite" and "memory" in connection.settings_dict["NAME"]:
        pytest.fail("needs a database file or PostgreSQL, not an in-memory database")
    agency = build_world().mangshi_emergency
    errors: list[BaseException] = []
    start = threading.Barrier(WRITERS)

    def open_cases() -> None:
        try:
            start.wait()
            for _ in range(OPENINGS_EACH):
                case(agency)
        except BaseException as error:  # reported below, whatever it is
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=open_cases) for _ in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    sequences = sorted(int(n[-5:-1]) for n in Case.objects.values_list("number", flat=True))
    assert sequences == list(range(1, WRITERS * OPENINGS_EACH + 1))
