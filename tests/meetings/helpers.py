"""Recording a meeting through the services, as a worker would."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from homeward.children.models import Child
from homeward.meetings import services
from homeward.meetings.models import Meeting


def health_key(child: Child) -> str:
    involvement = child.agency_involvements.filter(agency__agency_type="health").order_by("pk").first()
    assert involvement is not None, "the showcase child has health involved"
    return f"agency-{involvement.agency_id}"


def mother_key(child: Child) -> str:
    mother = child.family.filter(relationship="mother").order_by("pk").first()
    assert mother is not None
    return f"family-{mother.pk}"


def record(child: Child, worker: Any, *, days_ago: int = 3, kind: str = "professionals_meeting") -> Meeting:
    return services.record_meeting(
        child,
        worker,
        kind=kind,
        held_on=timezone.localdate() - timedelta(days=days_ago),
        purpose="To plan the return home",
        chair="Helen Marsh",
    )


def ready_to_sign(child: Child, worker: Any, *, health_came: bool = True) -> Meeting:
    """A meeting with who came and what was decided, its minutes unsigned."""
    meeting = record(child, worker)
    came = {mother_key(child), "child"} | ({health_key(child)} if health_came else set())
    services.set_participants(meeting, invited=came | {health_key(child)}, attended=came, apologies=())
    services.record_decisions(meeting, decisions="The plan goes ahead.")
    return meeting
