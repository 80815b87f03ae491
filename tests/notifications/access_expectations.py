"""Who may open the notifications pages (format: tests/access/test_policy_matrix.py).

Every role with records has notifications. Acknowledging is a page of the child's record
(`RecordAction.ACKNOWLEDGE`, which partners have though they only view records). The URL is built with a
notification addressed to the child's allocated worker (the first login the policy allows, which the
generic audit test uses), so the worker may open it (200) and anyone else who sees the child finds
nothing there (404); a child that is not theirs is refused first (403). `health` acknowledging its own
notification is tested in tests/notifications/test_pages.py and the browser test.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from homeward.notifications.models import Notification

Expected = dict[str, int | tuple[int, int]]

EXPECTATIONS: dict[str, Expected] = {
    "notifications:mine": {
        "worker": 200,
        "worker2": 200,
        "manager": 200,
        "iro": 200,
        "health": 200,
        "analyst": 403,
        "admin": 403,
    },
    "notifications:acknowledge": {
        "worker": (200, 403),
        "worker2": (200, 403),
        "manager": (404, 403),
        "iro": (404, 403),
        "health": (404, 403),
        "analyst": 403,
        "admin": 403,
    },
}


def _to_worker(child: Any) -> int:
    """A notification about the child addressed to their allocated worker (made here if none)."""
    worker = child.allocated_worker
    found = Notification.objects.filter(child=child, recipient=worker).order_by("pk").first()
    if found is None:
        found = Notification.objects.create(
            child=child,
            recipient=worker,
            event="test",
            summary="A change for the child.",
            happened_on=timezone.localdate(),
            link=f"/children/{child.pk}/",
        )
    return int(found.pk)


URL_KWARGS = {"notification_id": _to_worker}
