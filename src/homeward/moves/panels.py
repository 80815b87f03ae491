"""The latest move on the child's record (registered in `MovesConfig.ready`)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from homeward.access.policy import Access, Section
from homeward.children.models import Child
from homeward.moves.models import Move


def moves_panel(request: HttpRequest, child: Child, access: Access) -> tuple[str, dict[str, Any]] | None:
    if not access.shows(Section.REUNIFICATION):
        return None
    latest = Move.objects.filter(child=child, corrected_by__isnull=True).order_by("-moved_on", "-id").first()
    return "moves/_record_panel.html", {"moves_panel": {"latest": latest}}
