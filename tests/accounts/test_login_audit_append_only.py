"""The log-in audit is append-only in the database itself, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import DatabaseError, connection, transaction
from django.db.migrations.loader import MigrationLoader

from liuhen.accounts.models import LoginEvent, LoginOutcome
from liuhen.accounts.services import login_event_record
from liuhen.ledger.append_only import APPEND_ONLY_TABLES, AppendOnly


@pytest.fixture
def event(db: None) -> LoginEvent:
    return login_event_record(request=None, username="li.ming", outcome=LoginOutcome.FAILURE)


def test_an_update_is_refused_by_the_database(event: LoginEvent) -> None:
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        LoginEvent.objects.filter(pk=event.pk).update(outcome=LoginOutcome.SUCCESS)
    event.refresh_from_db()
    assert event.outcome == LoginOutcome.FAILURE


def test_a_delete_is_refused_by_the_database(event: LoginEvent) -> None:
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        LoginEvent.objects.filter(pk=event.pk).delete()
    assert LoginEvent.objects.filter(pk=event.pk).exists()


def test_raw_sql_is_refused_too(event: LoginEvent) -> None:
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM accounts_loginevent")
    assert LoginEvent.objects.count() == 1


def test_emptying_the_table_is_refused(event: LoginEvent) -> None:
    # PostgreSQL has TRUNCATE, which row triggers do not see; SQLite empties with DELETE.
    statement = {
        "postgresql": "TRUNCATE accounts_loginevent CASCADE",
        "sqlite": "DELETE FROM accounts_loginevent WHERE 1",
    }[connection.vendor]
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement)
    assert LoginEvent.objects.count() == 1


def test_inserts_still_work(event: LoginEvent) -> None:
    login_event_record(request=None, username="li.ming", outcome=LoginOutcome.SUCCESS)
    assert LoginEvent.objects.count() == 2


def test_every_append_only_migration_is_listed_for_the_test_flush() -> None:
    loader = MigrationLoader(None, ignore_no_migrations=True)
    made_append_only = set()
    for (app_label, _), migration in loader.disk_migrations.items():
        for operation in migration.operations:
            if isinstance(operation, AppendOnly):
                model = apps.get_model(app_label, operation.model_name)
                made_append_only.add(model._meta.db_table)
    assert made_append_only == set(APPEND_ONLY_TABLES)
