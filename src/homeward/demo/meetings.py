"""The showcase child's meetings: a professionals' meeting whose minutes the manager signed, and a
looked-after review the health service missed (sent apologies), with an action now overdue."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from homeward.base.people import name_of
from homeward.children.models import Child
from homeward.meetings import services
from homeward.meetings.services import invitees


def add_meetings_demo(child: Child, worker: Any, manager: Any, today: date) -> None:
    mother = child.family.filter(relationship="mother").order_by("pk").first()
    health = child.agency_involvements.filter(agency__agency_type="health").order_by("pk").first()
    if mother is None or health is None:
        return
    first = services.record_meeting(
        child,
        worker,
        kind="professionals_meeting",
        held_on=today - timedelta(days=30),
        purpose=f"To plan the assessment of whether {child.first_name} could return home to their mother.",
        chair="Helen Marsh, team manager",
    )
    keys = {i.key for i in invitees(first)}
    came = {f"family-{mother.pk}", f"agency-{health.agency_id}", "child"} & keys
    services.set_participants(
        first, invited=came, attended=came, apologies=(), others="Sam Okafor, social worker"
    )
    services.record_decisions(
        first,
        decisions=(
            "The assessment goes ahead. The health visitor will send her report on the mother's "
            "health. The mother's new partner will be asked to take part in the assessment."
        ),
    )
    report = services.add_action(
        first,
        description="Send the health visitor's report on the mother's health",
        owner_name=health.contact_name,
        owner_agency=health.agency,
        due_on=today - timedelta(days=20),
    )
    services.mark_done(report, worker, done_on=today - timedelta(days=22))
    services.sign_minutes(first, manager)

    review = services.record_meeting(
        child,
        worker,
        kind="looked_after_review",
        held_on=today - timedelta(days=6),
        purpose=f"{child.first_name}'s looked-after review: the plan for a return home.",
        chair="The independent reviewing officer",
    )
    keys = {i.key for i in invitees(review)}
    invited = {f"family-{mother.pk}", f"agency-{health.agency_id}", "child", "iro"} & keys
    services.set_participants(
        review,
        invited=invited,
        attended=invited - {f"agency-{health.agency_id}"},
        apologies={f"agency-{health.agency_id}"},
    )
    services.record_decisions(
        review,
        decisions="The plan for a return home continues. The mother's new partner is to be assessed.",
    )
    services.add_action(
        review,
        description="Arrange the assessment of the mother's new partner",
        owner_name=name_of(worker),
        owner_user=worker,
        due_on=today - timedelta(days=1),
    )
