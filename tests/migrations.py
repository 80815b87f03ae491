"""Moving the test database to an earlier schema and back, for the tests of data migrations."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate_to(targets: list[tuple[str, str]]) -> Any:
    """Migrate to `targets` and return the apps as the database now is. Only the migrations that depend on
    the targets are undone, so the other apps stay at their newest: the models returned are those of every
    applied migration (an app's newer columns, such as a child's UPN, are there to be filled)."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    executor = MigrationExecutor(connection)
    applied = [key for key in executor.recorder.applied_migrations() if key in executor.loader.graph.nodes]
    return executor.loader.project_state(applied).apps


def latest() -> list[tuple[str, str]]:
    return MigrationExecutor(connection).loader.graph.leaf_nodes()
