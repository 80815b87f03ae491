"""Reads of notifications and the sharing log, for the pages and for other apps (set-wise: one query
for many children, never a query per child)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.shortcuts import get_object_or_404
from django.utils import timezone

from homeward.access.policy import profile_of, sections_for, visible_children
from homeward.children.models import AgencyInvolvement, Child
from homeward.notifications.models import Channel, Notification, SharingRecord
from homeward.organisation.models import Agency, Role

User = AbstractBaseUser | AnonymousUser


def for_user(user: User) -> list[Notification]:
    """The user's notifications, newest first."""
    if not user.is_authenticated:
        return []
    return list(Notification.objects.filter(recipient_id=user.pk).select_related("child"))


def unacknowledged(user: User) -> list[Notification]:
    """The user's notifications not yet acknowledged, newest first."""
    if not user.is_authenticated:
        return []
    return list(
        Notification.objects.filter(recipient_id=user.pk, acknowledged_at__isnull=True).select_related(
            "child"
        )
    )


def unacknowledged_by_child(child_ids: Iterable[int], older_than: datetime) -> dict[int, list[Notification]]:
    """For each of the children, the notifications made before `older_than` and still not acknowledged
    (whoever they are addressed to), oldest first; a child with none is left out. One query."""
    found: dict[int, list[Notification]] = {}
    rows = (
        Notification.objects.filter(
            child_id__in=list(child_ids), acknowledged_at__isnull=True, created_at__lt=older_than
        )
        .select_related("recipient")
        .order_by("created_at", "id")
    )
    for notification in rows:
        found.setdefault(notification.child_id, []).append(notification)
    return found


def children_still_visible(user: User, notifications: Iterable[Notification]) -> set[int]:
    """Which of the notifications' children the user may still open (an agency's involvement may have
    ended since): their notification can be acknowledged there. One query."""
    ids = {n.child_id for n in notifications}
    return set(visible_children(user, Child.objects.filter(pk__in=ids)).values_list("pk", flat=True))


def notification_for(user: User, child: Child, notification_id: int) -> Notification:
    """One of the child's notifications addressed to `user` (or 404: someone else's is not found)."""
    return get_object_or_404(
        Notification.objects.select_related("child"), pk=notification_id, child=child, recipient_id=user.pk
    )


@dataclass(frozen=True)
class SharingRow:
    record: SharingRecord
    status: str  # what became of it, in words
    done: bool  # acknowledged, or the email sent
    failed: bool  # an email given up on


def _status(record: SharingRecord) -> tuple[str, bool, bool]:
    if record.channel == Channel.IN_APP and record.notification is not None:
        n = record.notification
        if n.acknowledged_at is not None:
            return f"Acknowledged {timezone.localtime(n.acknowledged_at):%-d %B %Y}", True, False
        return "Not acknowledged yet", False, False
    email = record.email
    if email is None:
        return "Unknown", False, False
    if email.sent_at is not None:
        return f"Email sent {timezone.localtime(email.sent_at):%-d %B %Y}", True, False
    if email.gave_up_at is not None:
        return f"Email not sent after {email.attempts} tries: {email.last_error}", False, True
    if email.attempts:
        return f"Email not sent yet ({email.attempts} failed tries, trying again)", False, False
    return "Email waiting to be sent", False, False


def sharing_log(child: Child, viewer: User) -> list[SharingRow]:
    """The record of what was shared about the child, newest first, as `viewer` may see it: all of it
    for the staff who see the whole record; for a partner agency, only what was shared with their own
    agency; nothing for anyone else."""
    profile = profile_of(viewer)
    if profile is None or not sections_for(viewer):
        return []
    records = SharingRecord.objects.filter(child=child).select_related("agency", "notification", "email")
    if profile.role == Role.PARTNER:
        if profile.agency_id is None:
            return []
        records = records.filter(agency_id=profile.agency_id)
    return [SharingRow(r, *_status(r)) for r in records]


@dataclass(frozen=True)
class SharedChange:
    """One change as it was shared: what, when, why, on what basis and by whom, and each person told."""

    first: SharingRecord
    told: list[SharingRow]


def by_change(rows: Iterable[SharingRow]) -> list[SharedChange]:
    """The sharing log grouped by the change that was shared (one `notify` call), newest first."""
    changes: dict[tuple[object, ...], SharedChange] = {}
    for row in rows:
        r = row.record
        key = (r.event, r.happened_on, r.shared_at, r.what, r.purpose, r.basis, r.shared_by_name)
        changes.setdefault(key, SharedChange(r, [])).told.append(row)
    return list(changes.values())


def involved_agencies(child: Child, on: date) -> list[Agency]:
    """The agencies involved with the child on `on` (`AgencyInvolvement.is_current`), each once."""
    agencies: dict[int, Agency] = {}
    for involvement in AgencyInvolvement.objects.filter(child=child).select_related("agency"):
        if involvement.is_current(on):
            agencies.setdefault(involvement.agency_id, involvement.agency)
    return sorted(agencies.values(), key=lambda a: a.name)


def agencies_without_contact(child: Child, on: date) -> list[Agency]:
    """Agencies involved with the child on `on` that have no named contact's email: they cannot be
    told by email (an administrator adds the contact on the agency)."""
    return [a for a in involved_agencies(child, on) if not a.contact_email]
