"""Back up the whole database to a folder, and restore it from one (`homeward backup` / `homeward restore`).

A backup folder holds the database and a manifest (`manifest.json`) that says it is Homeward's, which
database engine made it and which migrations its schema had; it is written last, so a backup that did not
finish is refused. SQLite is copied with its online backup API and PostgreSQL with `pg_dump -Fc`: both give
a consistent copy while Homeward runs. Restore replaces everything in the database (SQLite's backup API,
or `pg_restore --clean --if-exists`), then applies any migrations newer than the backup. Both are audited.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from datetime import datetime
from glob import glob
from pathlib import Path

from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from homeward.access.audit import CommandLine, record
from homeward.access.models import AuditAction, AuditChainHead

FORMAT = "homeward-backup-1"
MANIFEST = "manifest.json"
FILES = {"sqlite": "homeward.sqlite3", "postgresql": "homeward.dump"}
# Rows a freshly migrated database already has: they do not make it "not empty".
_SCAFFOLDING = {"contenttypes.contenttype", "auth.permission", "access.auditchainhead"}


class BackupError(Exception):
    """Why a backup or restore was refused or failed, in words for the person running it."""


@dataclass(frozen=True)
class Manifest:
    engine: str
    made_at: str
    migrations: list[tuple[str, str]]
    tables: list[str]
    audit_events: int

    @property
    def when(self) -> str:
        return datetime.fromisoformat(self.made_at).strftime("%d %B %Y at %H:%M:%S %Z")


def _engine() -> str:
    if connection.vendor not in FILES:
        raise BackupError(f"Homeward backs up SQLite and PostgreSQL databases, not {connection.vendor}.")
    return connection.vendor


def _pg_tool(name: str) -> str:
    # The newest client can dump any older server; Debian keeps each version's tools in its own folder.
    versions = sorted(
        glob(f"/usr/lib/postgresql/*/bin/{name}"), key=lambda p: [int(n) for n in re.findall(r"\d+", p)]
    )
    found = versions[-1] if versions else shutil.which(name)
    if not found:
        raise BackupError(f"{name} is not installed (on Debian: apt-get install postgresql-client).")
    return found


def _pg_env() -> dict[str, str]:
    # pg_dump/pg_restore get the connection in their environment: no password on a command line.
    s = connection.settings_dict
    env = dict(os.environ)
    for var, value in {
        "PGDATABASE": s["NAME"],
        "PGUSER": s.get("USER"),
        "PGPASSWORD": s.get("PASSWORD"),
        "PGHOST": s.get("HOST"),
        "PGPORT": str(s.get("PORT") or ""),
        "PGSSLMODE": s.get("OPTIONS", {}).get("sslmode"),
    }.items():
        if value:
            env[var] = str(value)
    return env


def _run(command: list[str]) -> None:
    result = subprocess.run(command, env=_pg_env(), capture_output=True, text=True, check=False)
    if result.returncode:
        raise BackupError(f"{Path(command[0]).name} failed: {result.stderr.strip() or result.returncode}")


def _applied_migrations() -> list[tuple[str, str]]:
    return sorted(MigrationRecorder(connection).applied_migrations())


def backup(folder: Path, who: str) -> Manifest:
    """Copy the whole database into `folder` (new, or empty), with its manifest."""
    engine = _engine()
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise BackupError(f"{folder} already exists and is not an empty folder: back up into a new folder.")
    folder.mkdir(parents=True, exist_ok=True)
    # Audited first, so the backup holds the record of its own making.
    record(CommandLine(who, str(folder)), AuditAction.EXPORT, "backup of the whole database")
    head = AuditChainHead.objects.filter(pk=1).first()
    manifest = Manifest(
        engine=engine,
        made_at=timezone.localtime().isoformat(),
        migrations=_applied_migrations(),
        tables=sorted(connection.introspection.table_names()),
        audit_events=head.events if head else 0,
    )
    target = folder / FILES[engine]
    if engine == "sqlite":
        connection.ensure_connection()
        copy = sqlite3.connect(target)
        try:
            connection.connection.backup(copy)
        finally:
            copy.close()
    else:
        _run([_pg_tool("pg_dump"), "--format=custom", "--file", str(target)])
    content = {"format": FORMAT, **{k: v for k, v in manifest.__dict__.items()}}
    (folder / MANIFEST).write_text(json.dumps(content, indent=2) + "\n")
    return manifest


def read_manifest(folder: Path) -> Manifest:
    try:
        content = json.loads((folder / MANIFEST).read_text())
    except (OSError, ValueError):
        raise BackupError(f"{folder} is not a Homeward backup (it has no readable {MANIFEST}).") from None
    if not isinstance(content, dict) or content.get("format") != FORMAT:
        raise BackupError(f"{folder} is not a Homeward backup, or one made by a version that cannot be read.")
    try:
        return Manifest(
            engine=content["engine"],
            made_at=content["made_at"],
            migrations=[(app, name) for app, name in content["migrations"]],
            tables=list(content["tables"]),
            audit_events=int(content["audit_events"]),
        )
    except (KeyError, TypeError, ValueError):
        raise BackupError(f"{folder}'s {MANIFEST} is incomplete: it is not a Homeward backup.") from None


def what_is_there() -> list[str]:
    """What the database holds beyond an empty, migrated one ("7 users", ...): empty if nothing."""
    held = []
    existing = set(connection.introspection.table_names())
    for model in apps.get_models():
        if model._meta.label_lower in _SCAFFOLDING or model._meta.db_table not in existing:
            continue
        count = model._base_manager.count()
        if count:
            held.append(
                f"{count:,} {model._meta.verbose_name_plural if count > 1 else model._meta.verbose_name}"
            )
    return held


def restore(folder: Path, who: str, *, force: bool = False) -> Manifest:
    """Replace the whole database with the backup in `folder`, then bring its schema up to date."""
    engine = _engine()
    manifest = read_manifest(folder)
    if manifest.engine != engine:
        raise BackupError(
            f"This backup is of a {manifest.engine} database; the database configured is {engine}. "
            "Restore it into the same kind of database."
        )
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    unknown = [f"{app} {name}" for app, name in manifest.migrations if (app, name) not in known]
    if unknown:
        raise BackupError(
            "This backup was made by a newer version of Homeward: its schema has migrations this version "
            f"does not know ({', '.join(unknown[:3])}{'…' if len(unknown) > 3 else ''}). "
            "Install that version (or a later one) and restore again."
        )
    source = folder / FILES[engine]
    if not source.is_file():
        raise BackupError(f"{folder} has a manifest but no {source.name}: the backup is incomplete.")
    held = what_is_there()
    if held and not force:
        raise BackupError(
            f"The database is not empty (it holds {', '.join(held[:4])}{'…' if len(held) > 4 else ''}). "
            "Restoring replaces everything in it with the backup: run again with --force to do that."
        )
    if engine == "sqlite":
        _restore_sqlite(source)
    else:
        _restore_postgresql(source, manifest)
    call_command("migrate", verbosity=0, interactive=False)  # a backup from an older version is brought up
    record(
        CommandLine(who, str(folder)),
        AuditAction.CHANGE,
        f"restore of the whole database from the backup made {manifest.when}"[:200],
    )
    return manifest


def _restore_sqlite(source: Path) -> None:
    connection.ensure_connection()
    backup_db = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        backup_db.backup(connection.connection)
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{source} could not be read as an SQLite database: {error}") from None
    finally:
        backup_db.close()


def _restore_postgresql(source: Path, manifest: Manifest) -> None:
    # Tables the backup does not have (from a later migration) would be left behind by --clean and block
    # the migrations that make them again: drop them first.
    extra = set(connection.introspection.table_names()) - set(manifest.tables)
    with connection.cursor() as cursor:
        for table in sorted(extra):
            cursor.execute(f"DROP TABLE IF EXISTS {connection.ops.quote_name(table)} CASCADE")
    connection.close()  # pg_restore drops the tables: it must not wait on this connection's locks
    _run(
        [
            _pg_tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            "--dbname",
            _pg_env()["PGDATABASE"],
            str(source),
        ]
    )
