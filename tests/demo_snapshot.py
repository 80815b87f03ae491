"""The test demo, loaded once per test process and copied in for each test that asks for it.

Loading the demo runs some 1,700 statements (its assessments are evaluated, its documents signed); most
tests start from it. `DemoSnapshot` loads it once, copies every table the load filled into a snapshot
beside the test database (an attached in-memory database on SQLite, a schema of its own on PostgreSQL, so
neither Django's introspection nor a backup of the test database sees it) and empties those tables again;
`restore()` copies the rows back inside the test's own transaction, which rolls them back like anything
else the test wrote. A test whose database is not as the snapshot found it (it wrote to those tables
first, or its connection lost the snapshot inside a transaction) gets the demo loaded the ordinary way.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import connection, transaction

SCHEMA = "demo_snapshot"


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def _rows(table: str) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {_q(table)}")  # noqa: S608 (a table name from Django's models)
        return sorted(cursor.fetchall(), key=repr)


def _tables() -> list[str]:
    return sorted(connection.introspection.django_table_names(only_existing=True, include_views=False))


def _is_empty(table: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT 1 FROM {_q(table)} LIMIT 1")  # noqa: S608
        return cursor.fetchone() is None


def _snapshot_name(table: str) -> str:
    return f"{SCHEMA}.{_q(table)}"


class DemoSnapshot:
    """The demo's rows, kept beside the test database, and put back on request."""

    def __init__(self, load: Callable[[], None]) -> None:
        self._load = load
        # table → its columns as they were when the snapshot was taken (a migration test may rebuild a
        # table with its columns in another order)
        self.columns: dict[str, list[str]] = {}
        # the tables that were empty before the demo was loaded: they must be empty again to restore
        self.empty_before: list[str] = []
        self._take()

    def _reachable(self) -> bool:
        """False when the connection was opened again since (SQLite's attached database goes with it)."""
        table = next(iter(self.columns), None)
        if table is None:
            return False
        try:
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT 1 FROM {_snapshot_name(table)} LIMIT 0")  # noqa: S608
        except Exception:  # noqa: BLE001 (any database error means the snapshot is not there)
            return False
        return True

    def _take(self) -> None:
        """Load the demo, keep a copy of what it wrote, and leave the tables as they were."""
        tables = _tables()
        before = {table: _rows(table) for table in tables}
        self._load()
        changed = [table for table in tables if _rows(table) != before[table]]
        columns: dict[str, list[str]] = {}
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute("PRAGMA database_list")
                if SCHEMA in {row[1] for row in cursor.fetchall()}:
                    cursor.execute(f"DETACH DATABASE {SCHEMA}")
                cursor.execute(f"ATTACH DATABASE ':memory:' AS {SCHEMA}")
            else:
                cursor.execute(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")
                cursor.execute(f"CREATE SCHEMA {SCHEMA}")
            for table in changed:
                cursor.execute(f"CREATE TABLE {_snapshot_name(table)} AS SELECT * FROM {_q(table)}")  # noqa: S608
                description = connection.introspection.get_table_description(cursor, table)
                columns[table] = [column.name for column in description]
        with transaction.atomic():  # foreign keys are checked at commit, when every table is back as it was
            _put_back(changed, before)
        self.columns = columns
        self.empty_before = [table for table in changed if not before[table]]

    def restore(self) -> bool:
        """Copy the demo back in; False (and nothing written) when that cannot be done here."""
        try:
            if not all(_is_empty(table) for table in self.empty_before):
                return False
        except Exception:  # noqa: BLE001 (a table the snapshot knows was dropped by a migration test)
            return False
        if not self._reachable():
            if connection.in_atomic_block:  # the snapshot is taken outside any transaction
                return False
            self._take()
        with transaction.atomic(), connection.cursor() as cursor:
            for table, columns in self.columns.items():
                names = ", ".join(_q(c) for c in columns)
                cursor.execute(f"DELETE FROM {_q(table)}")  # noqa: S608
                cursor.execute(
                    f"INSERT INTO {_q(table)} ({names}) SELECT {names} FROM {_snapshot_name(table)}"  # noqa: S608
                )
            if connection.vendor == "postgresql":
                # New rows must not take the ids of the demo's: move each table's id sequence past them.
                for table in (t for t, columns in self.columns.items() if "id" in columns):
                    cursor.execute(
                        "SELECT setval(pg_get_serial_sequence(%s, 'id'), "
                        f"COALESCE((SELECT MAX(id) FROM {_q(table)}), 0) + 1, false) "  # noqa: S608
                        "WHERE pg_get_serial_sequence(%s, 'id') IS NOT NULL",
                        [_q(table), _q(table)],
                    )
        return True


def _put_back(tables: list[str], before: dict[str, list[tuple[Any, ...]]]) -> None:
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"DELETE FROM {_q(table)}")  # noqa: S608
            rows = before[table]
            if rows:
                marks = ", ".join(["%s"] * len(rows[0]))
                cursor.executemany(f"INSERT INTO {_q(table)} VALUES ({marks})", rows)  # noqa: S608
