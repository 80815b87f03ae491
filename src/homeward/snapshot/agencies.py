"""The agencies working with the family now, and the key agencies missing from the latest meeting."""

from __future__ import annotations

from datetime import date

from homeward.assessments.selectors import agency_type
from homeward.children.models import Child
from homeward.framework import snapshot as fw
from homeward.meetings import selectors as meetings


def involved(child: Child, as_of: date) -> tuple[fw.AgencyInvolved, ...]:
    return tuple(
        fw.AgencyInvolved(type=agency_type(i.agency.agency_type), name=i.agency.name)  # type: ignore[arg-type]
        for i in child.agency_involvements.select_related("agency")
        if i.is_current(as_of)
    )


def meeting_absences(child: Child, as_of: date) -> tuple[fw.MeetingAbsence, ...]:
    """The key agencies missing from the latest planning or review meeting held by `as_of`."""
    latest = meetings.latest_meeting(child, as_of)
    if latest is None:
        return ()
    return tuple(
        fw.MeetingAbsence(
            type=flag.type,  # type: ignore[arg-type]
            name=flag.name,
            meeting_on=latest.held_on,
            meeting_kind=latest.kind,  # type: ignore[arg-type]
            invited=flag.invited,
        )
        for flag in meetings.key_agency_flags(latest)
    )
