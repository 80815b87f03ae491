"""Who may open each meetings page (format: tests/access/test_policy_matrix.py).

Part of the reunification section: partner agencies see none of it (health: 403 even for a child it
works with). Workers and managers record; the IRO reads; only a manager signs the minutes. The
showcase child's latest meeting (the looked-after review) has unsigned minutes, so every page opens.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from homeward.meetings import selectors, services
from homeward.meetings.models import Meeting

Expected = dict[str, int | tuple[int, int]]

READ: Expected = {
    "worker": (200, 403),
    "worker2": (200, 403),
    "manager": (200, 403),
    "iro": (200, 403),
    "health": 403,
    "analyst": 403,
    "admin": 403,
}
EDIT: Expected = {**READ, "iro": 403}
NOBODY_BUT = {login: 403 for login in READ}

EXPECTATIONS: dict[str, Expected] = {
    "meetings:meetings": READ,
    "meetings:meeting_add": EDIT,
    "meetings:meeting": READ,
    "meetings:meeting_edit": EDIT,
    "meetings:participants": EDIT,
    "meetings:decisions": EDIT,
    "meetings:action_add": EDIT,
    "meetings:action_done": EDIT,
    "meetings:minutes_sign": {**NOBODY_BUT, "manager": (200, 403)},
    "meetings:minutes_new_version": EDIT,
    "meetings:minutes_version": READ,
}


def _meeting(child: Any) -> Meeting:
    """The child's latest meeting, recorded by their worker if there is none."""
    latest = selectors.meetings_for(child)
    if latest:
        return latest[0]
    return services.record_meeting(
        child,
        child.allocated_worker,
        kind="professionals_meeting",
        held_on=timezone.localdate(),
        purpose="To plan",
        chair="The team manager",
    )


def _action_id(child: Any) -> int:
    meeting = _meeting(child)
    action = meeting.actions.order_by("pk").first()
    if action is None:
        action = services.add_action(
            meeting, description="Visit", owner_name="The worker", due_on=timezone.localdate() + timedelta(7)
        )
    return int(action.pk)


def _minutes_id(child: Any) -> int:
    minutes = selectors.latest_minutes(_meeting(child))
    assert minutes is not None
    return int(minutes.pk)


URL_KWARGS = {
    "meeting_id": lambda child: _meeting(child).pk,
    "meeting_action_id": _action_id,
    "minutes_id": _minutes_id,
}
