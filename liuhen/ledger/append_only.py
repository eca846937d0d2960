"""Database triggers that make a table append-only, on SQLite and PostgreSQL.

The application may INSERT and SELECT; UPDATE, DELETE (and TRUNCATE on PostgreSQL) are refused by
the database itself, whoever asks. Tables are made append-only by the `AppendOnly` migration
operation and listed in APPEND_ONLY_TABLES so the test suite's flush can lift the triggers
(docs/adr/0006-append-only-tables-and-test-flush.md).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import migrations
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import ProjectState

# db_table of every append-only table (kept in step with the AppendOnly migrations; a test checks).
APPEND_ONLY_TABLES: tuple[str, ...] = ("accounts_loginevent", "ledger_entry", "ledger_checkpoint")

_PG_FUNCTION = """
CREATE OR REPLACE FUNCTION liuhen_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$
"""


def create_sql(vendor: str, table: str) -> list[str]:
    if vendor == "sqlite":
        return [
            f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{table} is append-only: UPDATE refused'); END",
            f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{table} is append-only: DELETE refused'); END",
        ]
    if vendor == "postgresql":
        return [
            _PG_FUNCTION,
            f"CREATE TRIGGER {table}_no_change BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION liuhen_refuse_change()",
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION liuhen_refuse_change()",
        ]
    raise NotImplementedError(f"append-only triggers are not written for {vendor}")


def drop_sql(vendor: str, table: str) -> list[str]:
    if vendor == "sqlite":
        return [
            f"DROP TRIGGER IF EXISTS {table}_no_update",
            f"DROP TRIGGER IF EXISTS {table}_no_delete",
        ]
    return [
        f"DROP TRIGGER IF EXISTS {table}_no_change ON {table}",
        f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}",
    ]


class AppendOnly(migrations.operations.base.Operation):
    """Migration operation: refuse UPDATE and DELETE (and TRUNCATE) on a model's table."""

    reversible = True

    def __init__(self, model_name: str) -> None:
        self.model_name = model_name

    def state_forwards(self, app_label: str, state: ProjectState) -> None:
        pass

    def _table(self, app_label: str, state: ProjectState) -> str:
        return str(state.apps.get_model(app_label, self.model_name)._meta.db_table)

    def database_forwards(
        self,
        app_label: str,
        schema_editor: BaseDatabaseSchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        table = self._table(app_label, to_state)
        for sql in create_sql(schema_editor.connection.vendor, table):
            schema_editor.execute(sql, params=None)

    def database_backwards(
        self,
        app_label: str,
        schema_editor: BaseDatabaseSchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        table = self._table(app_label, from_state)
        for sql in drop_sql(schema_editor.connection.vendor, table):
            schema_editor.execute(sql, params=None)

    def describe(self) -> str:
        return f"Make {self.model_name} append-only"

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        return ("liuhen.ledger.append_only.AppendOnly", [], {"model_name": self.model_name})


def _existing(connection: BaseDatabaseWrapper) -> list[str]:
    tables = set(connection.introspection.table_names())
    return [t for t in APPEND_ONLY_TABLES if t in tables]


@contextmanager
def append_only_lifted(connection: BaseDatabaseWrapper) -> Iterator[None]:
    """Lift the triggers for the duration (the test suite's flush only).

    On PostgreSQL, ALTER TABLE … DISABLE TRIGGER needs ownership of the table: the production
    application role does not own the ledger tables, so it cannot do this (ADR 0006).
    """
    tables = _existing(connection)
    with connection.cursor() as cursor:
        for table in tables:
            if connection.vendor == "postgresql":
                cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
            else:
                for sql in drop_sql(connection.vendor, table):
                    cursor.execute(sql)
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            for table in tables:
                if connection.vendor == "postgresql":
                    cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")
                else:
                    for sql in create_sql(connection.vendor, table):
                        cursor.execute(sql)
