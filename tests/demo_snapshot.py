"""The test demo, loaded once per test process and copied in for each test that asks for it.

Loading the demo runs some 1,700 statements (its assessments are evaluated, its documents signed); most
tests start from it. `take()` loads it once, copies every table the load filled into a snapshot beside the
test database (an attached in-memory database on SQLite, a schema of its own on PostgreSQL, so neither
Django's introspection nor a backup of the test database sees it) and empties those tables again;
`restore()` copies the rows back inside the test's own transaction, which rolls them back like anything
else the test wrote. A test whose database is not as the snapshot found it (it wrote to those tables
first) gets the demo loaded the ordinary way instead.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction

SCHEMA = "demo_snapshot"


@dataclass(frozen=True)
class Snapshot:
    # table → its columns, as they were when the snapshot was taken (a migration test may rebuild a
    # table with its columns in another order)
    columns: dict[str, list[str]]
    # the tables that were empty before the demo was loaded: they must be empty again to restore
    empty_before: list[str]


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


def take(load: Callable[[], None]) -> Snapshot:
    """Load the demo with `load`, keep a copy of what it wrote, and leave the tables as they were."""
    tables = _tables()
    before = {table: _rows(table) for table in tables}
    load()
    changed = [table for table in tables if _rows(table) != before[table]]
    columns: dict[str, list[str]] = {}
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"ATTACH DATABASE ':memory:' AS {SCHEMA}")
        else:
            cursor.execute(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")
            cursor.execute(f"CREATE SCHEMA {SCHEMA}")
        for table in changed:
            cursor.execute(f"CREATE TABLE {_snapshot_name(table)} AS SELECT * FROM {_q(table)}")  # noqa: S608
            columns[table] = [c.name for c in connection.introspection.get_table_description(cursor, table)]
    with transaction.atomic():  # foreign keys are checked at commit, when every table is back as it was
        _put_back(changed, before)
    return Snapshot(columns=columns, empty_before=[table for table in changed if not before[table]])


def _put_back(tables: list[str], before: dict[str, list[tuple[Any, ...]]]) -> None:
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"DELETE FROM {_q(table)}")  # noqa: S608
            rows = before[table]
            if rows:
                marks = ", ".join(["%s"] * len(rows[0]))
                cursor.executemany(f"INSERT INTO {_q(table)} VALUES ({marks})", rows)  # noqa: S608


def restore(snapshot: Snapshot) -> bool:
    """Copy the demo back in; False (and nothing written) when the database is not as it was found."""
    try:
        if not all(_is_empty(table) for table in snapshot.empty_before):
            return False
    except Exception:  # a table the snapshot knows was dropped (a migration test): load it the slow way
        return False
    with transaction.atomic(), connection.cursor() as cursor:
        for table, columns in snapshot.columns.items():
            names = ", ".join(_q(c) for c in columns)
            cursor.execute(f"DELETE FROM {_q(table)}")  # noqa: S608
            cursor.execute(
                f"INSERT INTO {_q(table)} ({names}) SELECT {names} FROM {_snapshot_name(table)}"  # noqa: S608
            )
        if connection.vendor == "postgresql":
            # New rows must not take the ids of the demo's: move each table's id sequence past them.
            for table in (t for t, columns in snapshot.columns.items() if "id" in columns):
                cursor.execute(
                    "SELECT setval(pg_get_serial_sequence(%s, 'id'), "
                    f"COALESCE((SELECT MAX(id) FROM {_q(table)}), 0) + 1, false) "  # noqa: S608
                    "WHERE pg_get_serial_sequence(%s, 'id') IS NOT NULL",
                    [_q(table), _q(table)],
                )
    return True
