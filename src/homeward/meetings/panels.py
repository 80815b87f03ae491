"""The latest meetings on the child's record (registered in `MeetingsConfig.ready`)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from homeward.access.policy import Access, Section
from homeward.children.models import Child
from homeward.meetings import selectors

LATEST = 3


def meetings_panel(request: HttpRequest, child: Child, access: Access) -> tuple[str, dict[str, Any]] | None:
    if not access.shows(Section.REUNIFICATION):
        return None
    latest = selectors.meetings_for(child)[:LATEST]
    flags = selectors.key_agency_flags_of(child, latest)
    rows = [{"meeting": m, "flags": flags[m.pk]} for m in latest]
    return "meetings/_record_panel.html", {"meetings_panel": rows}
