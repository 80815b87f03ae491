"""Who may open each chronology page (format: tests/access/test_policy_matrix.py).

The chronology is part of the child's record, under the record's policy: whoever may open the record
may read it and download it (a partner agency too, for a child it works with: it is shown only the
events of the sections shared with partners). Adding an event or an analysis note is the reunification
work's: workers and managers write; the IRO and partner agencies do not.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from homeward.access.policy import ALL_SECTIONS
from homeward.chronology import selectors, services
from homeward.chronology.models import SignificantEvent

Expected = dict[str, int | tuple[int, int]]

READ: Expected = {
    "worker": (200, 403),
    "worker2": (200, 403),
    "manager": (200, 403),
    "iro": (200, 403),
    "health": (200, 403),
    "analyst": 403,
    "admin": 403,
}
WRITE: Expected = {**READ, "iro": 403, "health": 403}

EXPECTATIONS: dict[str, Expected] = {
    "chronology:chronology": READ,
    "chronology:pdf": READ,
    "chronology:event_add": WRITE,
    "chronology:event_change": WRITE,
    "chronology:note": WRITE,
}


def _significant_event(child: Any) -> SignificantEvent:
    """The child's first significant event, added by their worker if there is none."""
    found = SignificantEvent.objects.filter(child=child).order_by("pk").first()
    return found or services.add_significant_event(
        child,
        child.allocated_worker,
        happened_on=timezone.localdate(),
        description="Told a teacher about a row at home",
        source="Class teacher",
    )


def _event_key(child: Any) -> str:
    events = selectors.events_of(child, ALL_SECTIONS, timezone.localdate())
    return events[0].key if events else _significant_event(child).event_key


URL_KWARGS = {
    "significant_event_id": lambda child: _significant_event(child).pk,
    "event_key": _event_key,
}
