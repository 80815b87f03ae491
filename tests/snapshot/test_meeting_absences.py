"""The snapshot's key agencies missing from the latest meeting, read from the meetings app."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from homeward import framework
from homeward.meetings import services
from homeward.snapshot import build_snapshot
from homeward.snapshot.agencies import meeting_absences
from tests.meetings.helpers import health_key, mother_key, record


def test_the_demo_review_that_health_missed_is_a_key_agency_gap(demo: Any) -> None:
    child = demo.showcase  # the demo's latest meeting: a looked-after review health sent apologies to
    today = timezone.localdate()
    absences = {a.type: a for a in meeting_absences(child, today)}
    assert absences["health"].invited and absences["health"].meeting_kind == "looked_after_review"
    snapshot = build_snapshot(child, today)
    assert snapshot.meeting_absences == tuple(meeting_absences(child, today))
    gap = next(g for g in framework.evaluate(snapshot, "D1").gaps if g.id == "key-agency-absent")
    assert "looked-after review" in gap.message and "but did not attend" in gap.message


def test_only_the_latest_meeting_counts_and_an_agency_that_came_is_no_gap(demo: Any, staff: Any) -> None:
    child = demo.showcase
    meeting = record(child, staff["worker"], days_ago=0)
    everyone = {health_key(child), mother_key(child)}
    school = [f"agency-{i.agency_id}" for i in child.agency_involvements.filter(agency__agency_type="school")]
    services.set_participants(meeting, invited=everyone, attended=everyone | set(school), apologies=())
    assert meeting_absences(child, timezone.localdate()) == ()
    # the day before, the demo's review (health absent) was still the latest
    yesterday = timezone.localdate() - timedelta(days=1)
    assert meeting_absences(child, yesterday)
