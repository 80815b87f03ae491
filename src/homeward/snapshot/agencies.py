"""The agencies working with the family now."""

from __future__ import annotations

from datetime import date

from homeward.assessments.selectors import agency_type
from homeward.children.models import Child
from homeward.framework import snapshot as fw


def involved(child: Child, as_of: date) -> tuple[fw.AgencyInvolved, ...]:
    return tuple(
        fw.AgencyInvolved(type=agency_type(i.agency.agency_type), name=i.agency.name)  # type: ignore[arg-type]
        for i in child.agency_involvements.select_related("agency")
        if i.is_current(as_of)
    )
