"""ledger_append on the database: one entry per write, in the write's own transaction, a chain
the database refuses to change."""

from __future__ import annotations

import itertools
import json

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction

from liuhen.accounts.roles import Role
from liuhen.agencies.models import Agency
from liuhen.agencies.services import agency_update, officer_set_status
from liuhen.ledger.chain import GENESIS_HASH
from liuhen.ledger.models import LedgerEntry
from liuhen.ledger.services import ledger_append
from tests.factories import department, government, officer, staff


def test_a_service_write_leaves_one_entry_naming_actor_object_and_change(db: None) -> None:
    admin = staff(government("芒市人民政府", level="county"))
    before = LedgerEntry.objects.count()
    agency = Agency.objects.get(name="芒市人民政府")
    agency_update(actor=admin, agency=agency, address="芒市勇罕街")
    entry = LedgerEntry.objects.get(sequence=before + 1)
    assert (entry.action, entry.object_type, entry.object_id) == (
        "agency.update",
        "agencies.agency",
        str(agency.pk),
    )
    assert entry.actor_id == admin.pk
    assert json.loads(entry.payload) == {"address": "芒市勇罕街"}


def test_a_refused_write_leaves_no_entry(db: None) -> None:
    agency = government("芒市人民政府", level="county")
    before = LedgerEntry.objects.count()
    with pytest.raises(ValidationError):
        agency_update(actor=None, agency=agency, profile="nowhere")
    assert LedgerEntry.objects.count() == before


def test_an_entry_rolls_back_with_its_write(db: None) -> None:
    bureau = department("芒市应急管理局", government=government("芒市人民政府", level="county"))
    record = officer(bureau)
    before = LedgerEntry.objects.count()

    def request_failing_after_the_service() -> None:
        with transaction.atomic():
            officer_set_status(actor=None, officer=record, status="suspended", reason="培训")
            raise RuntimeError("the request failed after the service")

    with pytest.raises(RuntimeError):
        request_failing_after_the_service()
    assert LedgerEntry.objects.count() == before


def test_entries_form_one_chain(db: None) -> None:
    staff(government("芒市人民政府", level="county"))
    entries = list(LedgerEntry.objects.order_by("sequence"))
    assert [e.sequence for e in entries] == list(range(1, len(entries) + 1))
    assert entries[0].previous_hash == GENESIS_HASH
    for earlier, later in itertools.pairwise(entries):
        assert later.previous_hash == earlier.entry_hash


def test_appending_outside_a_transaction_is_refused(db: None) -> None:
    # pytest-django wraps the test in a transaction; leave it to be outside any atomic block.
    connection.in_atomic_block = False
    try:
        with pytest.raises(RuntimeError, match="inside the transaction"):
            ledger_append(actor=None, action="test.append", payload={})
    finally:
        connection.in_atomic_block = True


def test_roles_and_log_ins_are_ledgered(db: None, client) -> None:  # type: ignore[no-untyped-def]
    from tests.factories import PASSWORD

    person = staff(government("芒市人民政府", level="county"), Role.SYSADMIN)
    client.post("/accounts/login/", {"username": person.username, "password": PASSWORD})
    actions = list(LedgerEntry.objects.order_by("sequence").values_list("action", flat=True))
    assert actions[-3:] == ["membership.add", "role.grant", "login.success"]


@pytest.mark.parametrize(
    "statement", ["UPDATE ledger_entry SET action = 'x.y'", "DELETE FROM ledger_entry"]
)
def test_the_database_refuses_to_change_entries(db: None, statement: str) -> None:
    government("芒市人民政府", level="county")
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement)
    assert LedgerEntry.objects.exclude(action="x.y").count() == LedgerEntry.objects.count() > 0
