"""The demo leaves the notifications pages something to show: `health` has a notification about the
showcase child to acknowledge, the IRO acknowledged an older one, one email was sent and one waits."""

from __future__ import annotations

from typing import Any

from homeward.notifications.models import Notification, OutboxEmail, SharingRecord


def test_the_demo_tells_the_showcase_childs_agencies_iro_and_manager(demo: Any) -> None:
    child = demo.showcase
    health, iro, manager = (demo.staff[u] for u in ("health", "iro", "manager"))
    assert Notification.objects.filter(child=child, recipient=health, acknowledged_at__isnull=True).exists()
    assert Notification.objects.filter(child=child, recipient=iro, acknowledged_at__isnull=False).exists()
    assert Notification.objects.filter(child=child, recipient=manager).count() == 2
    emails = OutboxEmail.objects.filter(child=child)
    assert {e.status for e in emails} == {"sent", "waiting"}
    assert all(e.to_address.endswith("@agency.example.invalid") for e in emails)
    assert SharingRecord.objects.filter(child=child).count() == (
        Notification.objects.filter(child=child).count() + emails.count()
    )
    # Nothing was sent to the worker, who made the changes, nor about any other child.
    assert not Notification.objects.filter(recipient=demo.staff["worker"]).exists()
    assert not SharingRecord.objects.exclude(child=child).exists()
