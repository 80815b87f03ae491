"""`homeward backup` and `homeward restore` on the configured database (SQLite in `make test`, PostgreSQL
in `make test-postgres`): a restore brings back every table as it was at the backup, the audit included."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from typer.testing import CliRunner

from homeward.access.audit import CommandLine, record
from homeward.access.chain import verify
from homeward.access.models import AuditAction, AuditEvent
from homeward.children.models import Child
from homeward.cli import app

# pg_dump and pg_restore see only committed data.
pytestmark = pytest.mark.django_db(transaction=True)

# The audit keeps growing: the restore itself is audited. These are compared up to the backup's last event.
AUDIT_TABLES = {"access_auditevent": "id", "access_auditlisting": "event_id"}


def _tables() -> dict[str, tuple[int, str]]:
    """Every table's row count and a digest of its contents (rows in a fixed order)."""
    last = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    return _tables_up_to(last)


def _tables_up_to(last_event: int) -> dict[str, tuple[int, str]]:
    found = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            if table == "access_auditchainhead":
                continue  # it moves with the audit; `verify` checks it matches
            sql = f"SELECT * FROM {connection.ops.quote_name(table)}"
            if table in AUDIT_TABLES:
                sql += f" WHERE {AUDIT_TABLES[table]} <= {int(last_event)}"
            cursor.execute(sql)
            rows = sorted(repr(row) for row in cursor.fetchall())
            found[table] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
    return found


def _run(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


def test_a_restore_brings_back_every_table_as_it_was(demo: Any, tmp_path: Path) -> None:
    record(
        CommandLine("tester"),
        AuditAction.LIST,
        "caseload",
        children_shown=[c.pk for c in Child.objects.all()],
    )
    folder = tmp_path / "backup"
    result = _run("backup", str(folder))
    assert result.exit_code == 0, result.output
    assert f"Backed up the {connection.vendor} database to {folder}" in result.output
    at_backup = _tables()
    last_event = AuditEvent.objects.order_by("-pk").first()
    assert last_event is not None and last_event.what == "backup of the whole database"
    assert at_backup["children_child"][0] == Child.objects.count() > 0
    manifest = json.loads((folder / "manifest.json").read_text())
    assert (
        manifest["engine"] == connection.vendor
        and ["access", "0006_audit_hash_chain"] in manifest["migrations"]
    )

    # Things change after the backup: a name corrected, agencies' involvement ended, a child added.
    showcase = demo.showcase
    Child.objects.filter(pk=showcase.pk).update(first_name="Changed")
    assert showcase.agency_involvements.exists()
    showcase.agency_involvements.all().delete()
    Child.objects.create(
        la_child_id="NEW1",
        first_name="New",
        last_name="Child",
        date_of_birth=showcase.date_of_birth,
        sex=showcase.sex,
        ethnicity=showcase.ethnicity,
        team=showcase.team,
    )
    record(CommandLine("tester"), AuditAction.VIEW, "after the backup", showcase.pk)
    assert _tables() != at_backup

    refused = _run("restore", str(folder))
    assert refused.exit_code == 1
    assert "The database is not empty" in refused.output and "--force" in refused.output
    assert Child.objects.filter(la_child_id="NEW1").exists(), "a refused restore changes nothing"

    result = _run("restore", str(folder), "--force")
    assert result.exit_code == 0, result.output
    assert "Restored the database from the backup made" in result.output
    assert f"Audit trail: {AuditEvent.objects.count()} events, chain intact" in result.output
    assert _tables_up_to(last_event.pk) == at_backup
    assert not Child.objects.filter(la_child_id="NEW1").exists()
    assert Child.objects.get(pk=showcase.pk).first_name == showcase.first_name
    # The restore is on the trail, after everything the backup held; nothing written since it is.
    after = list(AuditEvent.objects.filter(pk__gt=last_event.pk))
    assert [e.what[:31] for e in after] == ["restore of the whole database f"]
    assert verify().intact

    # Work carries on after the restore, on the same chain.
    record(CommandLine("tester"), AuditAction.VIEW, "after the restore", showcase.pk)
    assert _run("audit", "verify").output == f"{AuditEvent.objects.count()} events, chain intact\n"


def test_a_restore_into_an_empty_database_needs_no_force(demo: Any, tmp_path: Path) -> None:
    folder = tmp_path / "backup"
    assert _run("backup", str(folder)).exit_code == 0
    at_backup = _tables()
    call_command("flush", interactive=False, verbosity=0)  # empty, as a new server's database would be
    assert Child.objects.count() == 0
    result = _run("restore", str(folder))
    assert result.exit_code == 0, result.output
    restored = AuditEvent.objects.get(what__startswith="restore of the whole database")
    assert _tables_up_to(restored.pk - 1) == at_backup


def test_backup_refuses_a_folder_that_is_not_empty(db: None, tmp_path: Path) -> None:
    (tmp_path / "earlier.txt").write_text("an earlier backup")
    result = _run("backup", str(tmp_path))
    assert result.exit_code == 1 and "is not an empty folder" in result.output
    assert not AuditEvent.objects.exists()


def test_restore_refuses_what_is_not_a_homeward_backup(db: None, tmp_path: Path) -> None:
    result = _run("restore", str(tmp_path))
    assert result.exit_code == 1 and "is not a Homeward backup" in result.output
    (tmp_path / "manifest.json").write_text('{"format": "something else"}')
    assert "is not a Homeward backup" in _run("restore", str(tmp_path)).output


def test_restore_refuses_a_backup_from_a_newer_schema(db: None, tmp_path: Path) -> None:
    folder = tmp_path / "backup"
    assert _run("backup", str(folder)).exit_code == 0
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["migrations"].append(["access", "0099_from_the_future"])
    (folder / "manifest.json").write_text(json.dumps(manifest))
    events = AuditEvent.objects.count()
    result = _run("restore", str(folder), "--force")
    assert result.exit_code == 1
    assert (
        "made by a newer version of Homeward" in result.output
        and "access 0099_from_the_future" in result.output
    )
    assert AuditEvent.objects.count() == events, "nothing was restored"


def test_restore_refuses_a_backup_of_another_engine(db: None, tmp_path: Path) -> None:
    folder = tmp_path / "backup"
    assert _run("backup", str(folder)).exit_code == 0
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["engine"] = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    (folder / "manifest.json").write_text(json.dumps(manifest))
    result = _run("restore", str(folder), "--force")
    assert result.exit_code == 1 and f"the database configured is {connection.vendor}" in result.output
