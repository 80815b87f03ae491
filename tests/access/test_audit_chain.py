"""The audit trail cannot be changed unseen: every event is linked to the one before by a hash chain, and
`homeward audit verify` finds the first broken link after the database itself is tampered with."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from django.db import connection, connections
from typer.testing import CliRunner

from homeward.access import chain
from homeward.access.audit import CommandLine, record
from homeward.access.models import AuditAction, AuditChainHead, AuditEvent, AuditListing
from homeward.cli import app
from tests.migrations import latest, migrate_to

pytestmark = pytest.mark.django_db

WHO = CommandLine("tester (command line)", "/test")


def _write(n: int) -> list[AuditEvent]:
    events = []
    for i in range(n):
        if i % 3 == 1:
            events.append(record(WHO, AuditAction.LIST, f"caseload {i}", children_shown=[5, 3, 9]))
        else:
            events.append(record(WHO, AuditAction.VIEW, f"child's record {i}", child_id=100 + i))
    return events


def _sql(statement: str, *params: Any) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def _db_time(at: datetime) -> Any:
    return connection.ops.adapt_datetimefield_value(at)


def _verify() -> tuple[int, str]:
    result = CliRunner().invoke(app, ["audit", "verify"])
    return result.exit_code, result.output


def test_an_untouched_chain_verifies() -> None:
    events = _write(7)
    assert _verify() == (0, "7 events, chain intact\n")
    assert events[0].previous_hash == chain.GENESIS
    assert [e.previous_hash for e in events[1:]] == [e.hash for e in events[:-1]]
    assert AuditChainHead.objects.get().last_hash == events[-1].hash


def test_an_empty_trail_verifies() -> None:
    assert _verify() == (0, "0 events, chain intact\n")


def test_a_changed_event_is_reported_at_that_event() -> None:
    events = _write(6)
    target = events[3]
    _sql("UPDATE access_auditevent SET what = %s WHERE id = %s", "nothing to see", target.pk)
    code, output = _verify()
    assert code == 1
    assert f"Event {target.pk} (" in output
    assert "'nothing to see'" in output and "tester (command line)" in output
    assert "contents (or the children it listed) were changed" in output
    assert f"{target.at.astimezone(UTC):%Y-%m-%d %H:%M:%S} UTC" in output
    assert "3 events checked before it" in output


def test_a_changed_time_or_listing_is_reported() -> None:
    events = _write(4)
    _sql(
        "UPDATE access_auditevent SET at = %s WHERE id = %s",
        _db_time(datetime(2020, 1, 1, tzinfo=UTC)),
        events[2].pk,
    )
    assert f"Event {events[2].pk} (2020-01-01" in _verify()[1]
    _sql("UPDATE access_auditevent SET at = %s WHERE id = %s", _db_time(events[2].at), events[2].pk)
    assert _verify()[0] == 0, "put back as it was, the chain verifies again"
    listing = AuditListing.objects.filter(event=events[1]).order_by("child_id").first()
    assert listing is not None
    _sql("DELETE FROM access_auditlisting WHERE id = %s", listing.pk)
    code, output = _verify()
    assert code == 1 and f"Event {events[1].pk} (" in output and "were changed" in output


def test_a_deleted_middle_event_is_reported_at_the_next() -> None:
    events = _write(6)
    _sql("DELETE FROM access_auditevent WHERE id = %s", events[2].pk)
    code, output = _verify()
    assert code == 1
    assert f"Event {events[3].pk} (" in output
    assert "does not follow the event before it: an event before it was deleted, or it was inserted" in output


def test_deleted_first_or_last_events_are_reported() -> None:
    events = _write(6)
    _sql("DELETE FROM access_auditevent WHERE id = %s", events[-1].pk)
    code, output = _verify()
    assert code == 1
    assert f"Event {events[-2].pk} (" in output and "should hold 6 events" in output
    assert "events after it were deleted" in output
    _sql("DELETE FROM access_auditevent WHERE id = %s", events[0].pk)
    code, output = _verify()
    assert code == 1 and f"Event {events[1].pk} (" in output and "events before it were deleted" in output


def test_an_inserted_event_is_reported_at_it() -> None:
    events = _write(4)
    # A forged event slipped in between two others, copying a real one's hashes.
    forged_id = events[2].pk
    _sql("DELETE FROM access_auditevent WHERE id = %s", forged_id)  # make room for it, as a forger would
    _sql(
        "INSERT INTO access_auditevent (id, at, username, role, child_id, action, what, path, method, "
        "user_agent, previous_hash, hash) VALUES (%s, %s, 'forger', '', 1, 'view', 'forged', '/', 'GET', '', "
        "%s, %s)",
        forged_id,
        _db_time(events[2].at),
        events[1].hash,
        events[2].hash,
    )
    code, output = _verify()
    assert (
        code == 1 and f"Event {forged_id} (" in output and "'forged'" in output and "were changed" in output
    )


def test_an_event_added_at_the_end_is_reported_at_it() -> None:
    events = _write(3)
    _sql(
        "INSERT INTO access_auditevent (at, username, role, child_id, action, what, path, method, "
        "user_agent, previous_hash, hash) "
        "VALUES (%s, 'forger', '', 1, 'view', 'forged', '/', 'GET', '', %s, %s)",
        _db_time(events[2].at),
        events[2].hash,
        "e" * 64,
    )
    forged = AuditEvent.objects.get(username="forger")
    code, output = _verify()
    assert (
        code == 1 and f"Event {forged.pk} (" in output and "'forged'" in output and "were changed" in output
    )


def test_new_events_after_a_flush_start_a_new_chain() -> None:
    AuditChainHead.objects.all().delete()  # as a test flush leaves it: no head, no events
    _write(2)
    assert _verify()[0] == 0


def test_a_changed_chain_head_is_reported() -> None:
    _write(3)
    _sql("UPDATE access_auditchainhead SET events = 2")
    code, output = _verify()
    assert code == 1 and "should hold 2 events" in output


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite runs one writer at a time by itself")
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("head", ["made by the migration", "none yet (a new or flushed database)"])
def test_concurrent_writers_do_not_fork_the_chain(head: str) -> None:
    """Eight threads, each with its own connection, writing at once: one chain, every event on it —
    also when they all find no head and start the chain at the same moment."""
    AuditChainHead.objects.all().delete()
    if head == "made by the migration":
        AuditChainHead.objects.create(pk=chain.HEAD, events=0, last_hash=chain.GENESIS)
    threads, per_thread = 8, 25
    start = threading.Barrier(threads)
    errors: list[BaseException] = []

    def write(n: int) -> None:
        try:
            start.wait()
            for i in range(per_thread):
                record(CommandLine(f"writer {n}"), AuditAction.VIEW, f"record {i}", child_id=n)
        except BaseException as error:  # reported below, so a failing thread fails the test
            errors.append(error)
        finally:
            connections.close_all()

    workers = [threading.Thread(target=write, args=(n,)) for n in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert not errors
    assert AuditEvent.objects.count() == threads * per_thread
    assert len(set(AuditEvent.objects.values_list("previous_hash", flat=True))) == threads * per_thread
    assert chain.verify().summary == f"{threads * per_thread} events, chain intact"


# --- Events written before the chain are linked by the migration, in order ------------------------------

BEFORE = [("access", "0005_protect_audit_user")]
AFTER = [("access", "0006_audit_hash_chain")]


@pytest.fixture
def old_schema(transactional_db: Any) -> Iterator[Any]:
    newest = latest()
    try:
        yield migrate_to(BEFORE)
    finally:
        migrate_to(newest)


def test_the_migration_links_existing_events_in_order(old_schema: Any) -> None:
    OldEvent = old_schema.get_model("access", "AuditEvent")
    OldListing = old_schema.get_model("access", "AuditListing")
    fields = {"username": "worker", "role": "worker", "path": "/c/", "method": "GET", "ip_address": "::1"}
    ids = []
    for i in range(5):
        event = OldEvent.objects.create(action="view", what=f"record {i}", child_id=i, **fields)
        ids.append(event.pk)
    OldListing.objects.create(event_id=ids[2], child_id=40)
    migrate_to(AFTER)
    assert chain.verify().summary == "5 events, chain intact"
    linked = list(AuditEvent.objects.order_by("pk"))
    assert [e.pk for e in linked] == ids and linked[0].previous_hash == chain.GENESIS
    assert [e.previous_hash for e in linked[1:]] == [e.hash for e in linked[:-1]]
    record(WHO, AuditAction.VIEW, "after the migration", child_id=1)
    assert chain.verify().summary == "6 events, chain intact"
