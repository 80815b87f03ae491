"""Reads of meetings: key agencies missing, actions overdue for many children at once, actions due."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from homeward.assessments.selectors import current_assessment
from homeward.children.models import Child
from homeward.meetings import selectors, services
from tests.meetings.helpers import health_key, mother_key, record


def test_key_agency_flag_fires_when_absent_and_is_silent_when_it_attended(demo: Any, staff: Any) -> None:
    child = demo.showcase  # the assessment records neglect: health or the school hold its evidence
    health, mother = health_key(child), mother_key(child)
    absent = record(child, staff["worker"])
    services.set_participants(absent, invited={mother, health}, attended={mother}, apologies={health})
    flags = {f.type: f for f in selectors.key_agency_flags(absent)}
    assert flags["health"].invited and flags["health"].apologies
    assert flags["health"].name and "neglect" in flags["health"].needs
    assert not flags["school"].invited  # no school was asked
    not_asked = record(child, staff["worker"])
    services.set_participants(not_asked, invited={mother}, attended={mother}, apologies=())
    assert not {f.type: f for f in selectors.key_agency_flags(not_asked)}["health"].invited
    came = record(child, staff["worker"])
    services.set_participants(came, invited={mother, health}, attended={mother, health}, apologies=())
    assert selectors.key_agency_flags(came) == []


def test_no_flags_without_an_assessment(demo: Any, staff: Any) -> None:
    other = demo.other_child["worker"]
    assert current_assessment(other) is None
    meeting = record(other, other.allocated_worker)
    assert selectors.key_agency_flags(meeting) == []


def test_overdue_actions_for_many_children_in_one_query(demo: Any, staff: Any) -> None:
    today = timezone.localdate()
    showcase = demo.showcase
    other = Child.objects.exclude(pk=showcase.pk).order_by("pk").first()
    assert other is not None
    ids = [showcase.pk, other.pk]
    for child in (showcase, other):
        meeting = record(child, staff["worker"], days_ago=20)
        services.add_action(meeting, description="Late", owner_name="Sam", due_on=today - timedelta(days=1))
        # near-identical but not overdue: due today, or done
        services.add_action(meeting, description="Due today", owner_name="Sam", due_on=today)
        done = services.add_action(meeting, description="Done", owner_name="Sam", due_on=today - timedelta(2))
        services.mark_done(done, staff["worker"], done_on=today)
    with CaptureQueriesContext(connection) as queries:
        found = selectors.overdue_actions(ids, today)
    assert len(queries) == 1
    for child in (showcase, other):
        late = [a.description for a in found[child.pk] if a.meeting.held_on == today - timedelta(days=20)]
        assert late == ["Late"]
    assert selectors.overdue_actions([], today) == {}


def test_actions_due_for_the_owner_and_their_agency(demo: Any, staff: Any) -> None:
    today = timezone.localdate()
    child = demo.showcase
    meeting = record(child, staff["worker"])
    mine = services.add_action(
        meeting, description="Mine", owner_name="Sam", owner_user=staff["worker"], due_on=today
    )
    services.add_action(
        meeting,
        description="Later",
        owner_name="Sam",
        owner_user=staff["worker"],
        due_on=today + timedelta(days=30),
    )
    agency = staff["health"].profile.agency
    theirs = services.add_action(
        meeting, description="Health's", owner_name="HV", owner_agency=agency, due_on=today
    )
    assert mine in selectors.actions_due_for(staff["worker"], today)
    assert "Later" not in [a.description for a in selectors.actions_due_for(staff["worker"], today)]
    assert theirs in selectors.actions_due_for(staff["health"], today)
    assert mine not in selectors.actions_due_for(staff["health"], today)


def test_meetings_for_the_child_latest_first(demo: Any, staff: Any) -> None:
    child = demo.showcase
    old = record(child, staff["worker"], days_ago=40)
    new = record(child, staff["worker"], days_ago=1)
    found = selectors.meetings_for(child)
    assert found.index(new) < found.index(old)
    assert selectors.latest_meeting(child, old.held_on) is not None
    assert selectors.latest_meeting(child, old.held_on).held_on <= old.held_on  # type: ignore[union-attr]
