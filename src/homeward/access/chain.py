"""The audit trail as a hash chain, so it cannot be changed unseen.

Each event carries the SHA-256 of a canonical serialisation of its own fields (and of the children a
listing showed) together with the previous event's hash. Changing an event's words, deleting one from
the middle or slipping one in breaks the link at that event; the chain head (one row) holds the count
and the last hash, so removing events from the end is seen too. `append` is the only way an event joins
the chain (called by `homeward.access.audit.record`); `verify` walks it.

The serialisation is fixed: changing it would break every chain already written. `user_id` is left out
because the database may clear it (the account deleted); `username` is kept and says who.
"""

from __future__ import annotations

import hashlib
import ipaddress
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.db import connection
from django.db.models import F

from homeward.access.models import AuditChainHead, AuditEvent, AuditListing

GENESIS = "0" * 64  # the "previous hash" of the first event
HEAD = 1  # the chain head's one row


def _ip(value: str | None) -> str | None:
    # PostgreSQL's inet may spell an address differently from how it was written: hash the address.
    return ipaddress.ip_address(value).exploded if value else None


def event_hash(event: Any, children: Iterable[int], previous: str) -> str:
    """The hash of one event: its own fields, the children it showed, and the previous event's hash.

    `event` is an AuditEvent (or the migration's historical model of it)."""
    at: datetime = event.at
    fields = [
        at.astimezone(UTC).isoformat(),
        event.username,
        event.role,
        event.child_id,
        event.action,
        event.what,
        event.path,
        event.method,
        _ip(event.ip_address),
        event.user_agent,
        sorted(children),
        previous,
    ]
    canonical = json.dumps(fields, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def append(event: AuditEvent, children: list[int]) -> None:
    """Link `event` (not yet saved) to the end of the chain and save it with its listing.

    Call inside a transaction. Updating the head first takes its row lock (PostgreSQL) or the write lock
    (SQLite) before the last hash is read, so two writers cannot both build on the same event."""
    previous = _take_head()
    event.previous_hash = previous
    event.hash = event_hash(event, children, previous)
    event.save(force_insert=True)
    if children:
        AuditListing.objects.bulk_create(AuditListing(event=event, child_id=c) for c in children)
    AuditChainHead.objects.filter(pk=HEAD).update(last_hash=event.hash)


def append_many(events: list[AuditEvent]) -> None:
    """Link many events without listings (a bulk change audited child by child) in one go: the head
    taken once for all of them, the events inserted together in order. Call inside a transaction."""
    if not events:
        return
    previous = _take_head(len(events))
    for event in events:
        event.previous_hash = previous
        event.hash = previous = event_hash(event, (), previous)
    AuditEvent.objects.bulk_create(events, batch_size=2000)
    AuditChainHead.objects.filter(pk=HEAD).update(last_hash=previous)


def _take_head(count: int = 1) -> str:
    """Count one more event on the head and return the last hash, holding the head until commit. One
    statement where the database can (UPDATE … RETURNING: PostgreSQL, SQLite 3.35+): a round trip less
    on every event. Once PostgreSQL has waited for the row lock, RETURNING gives the row as committed."""
    table = connection.ops.quote_name(AuditChainHead._meta.db_table)
    if connection.vendor in {"postgresql", "sqlite"} and connection.features.can_return_columns_from_insert:
        with connection.cursor() as cursor:
            sql = f"UPDATE {table} SET events = events + %s WHERE id = %s RETURNING last_hash"
            cursor.execute(sql, [count, HEAD])
            row = cursor.fetchone()
        previous = row[0] if row else None
    elif AuditChainHead.objects.filter(pk=HEAD).update(events=F("events") + count):
        previous = AuditChainHead.objects.values_list("last_hash", flat=True).get(pk=HEAD)
    else:
        previous = None
    if previous is None:
        # No head: a new or flushed database (the migration makes one). Start the chain here — unless a
        # writer beside this one just did: then its head is taken like any other, after its commit.
        if not _start_chain(count):
            return _take_head(count)
        previous = GENESIS
    return str(previous)


def _start_chain(count: int) -> bool:
    """Make the head; False if another writer made it first (PostgreSQL waits for that writer's commit)."""
    if connection.vendor not in {"postgresql", "sqlite"}:
        AuditChainHead.objects.create(pk=HEAD, events=count, last_hash=GENESIS)
        return True
    table = connection.ops.quote_name(AuditChainHead._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (id, events, last_hash) VALUES (%s, %s, %s) "  # noqa: S608
            "ON CONFLICT (id) DO NOTHING RETURNING id",
            [HEAD, count, GENESIS],
        )
        return cursor.fetchone() is not None


@dataclass(frozen=True)
class ChainReport:
    events: int
    broken_at: AuditEvent | None = None
    problem: str = ""

    @property
    def intact(self) -> bool:
        return not self.problem

    @property
    def summary(self) -> str:
        if self.intact:
            return f"{self.events:,} events, chain intact"
        where = ""
        if self.broken_at is not None:
            e = self.broken_at
            where = (
                f"Event {e.pk} ({e.at.astimezone(UTC):%Y-%m-%d %H:%M:%S} UTC, {e.username}, "
                f"{e.get_action_display().lower()}: {e.what!r}): "
            )
        return f"Audit chain broken. {where}{self.problem} ({self.events:,} events checked before it.)"


def _listings() -> Iterator[tuple[int, int]]:
    yield from (
        AuditListing.objects.order_by("event_id", "child_id")
        .values_list("event_id", "child_id")
        .iterator(chunk_size=5000)
    )


def _orphan(event_id: int) -> str:
    return (
        f"The next event, {event_id}, is missing but the children it listed are still there: it was deleted."
    )


def verify() -> ChainReport:
    """Walk the chain in order of writing and report the first broken link, or that it is intact."""
    listings = _listings()
    pending = next(listings, None)
    previous = GENESIS
    checked = 0
    last: AuditEvent | None = None
    for event in AuditEvent.objects.order_by("pk").iterator(chunk_size=2000):
        children: list[int] = []
        while pending is not None and pending[0] <= event.pk:
            if pending[0] < event.pk:
                return ChainReport(checked, last, _orphan(pending[0]))
            children.append(pending[1])
            pending = next(listings, None)
        if event.previous_hash != previous:
            problem = (
                "It does not follow the event before it: an event before it was deleted, or it was inserted."
                if checked
                else "It is not the first event written: the events before it were deleted."
            )
            return ChainReport(checked, event, problem)
        if event_hash(event, children, previous) != event.hash:
            return ChainReport(checked, event, "Its contents (or the children it listed) were changed.")
        previous = event.hash
        checked += 1
        last = event
    if pending is not None:
        return ChainReport(checked, last, _orphan(pending[0]))
    head = AuditChainHead.objects.filter(pk=HEAD).first()
    expected = (head.events, head.last_hash) if head else (0, GENESIS)
    if expected != (checked, previous):
        return ChainReport(
            checked,
            last,
            f"The chain should hold {expected[0]:,} events ending in {expected[1][:12]}…, but it ends here: "
            "events after it were deleted, or the chain head was changed.",
        )
    return ChainReport(checked)
