"""Monitoring after the return on the child's record (registered in `MonitoringConfig.ready`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from homeward.access.policy import Access, Section
from homeward.base import tags
from homeward.children.flags import Flag
from homeward.children.models import Child
from homeward.children.panels import GLANCE, Glance
from homeward.monitoring import alerts, selectors


def monitoring_panel(request: HttpRequest, child: Child, access: Access) -> tuple[str, dict[str, Any]] | None:
    if not access.shows(Section.REUNIFICATION):
        return None
    history = selectors.periods(child)
    if not history:
        return None
    today = timezone.localdate()
    period = history[0]
    found = alerts.alerts_for([child.pk], today).get(child.pk, []) if period.is_open else []
    panel = {"period": period, "progress": selectors.progress(period, today), "alerts": found}
    glance = [
        Glance(
            "Alert",
            f"{a.title}: {a.detail}",
            tag="Alert",
            colour=tags.ALERT,
            href=a.link,
            testid="glance-alert",
        )
        for a in found
    ]
    return "monitoring/_record_panel.html", {"monitoring_panel": panel, GLANCE: glance}


def alert_flags(child_ids: Sequence[int], today: date) -> dict[int, list[Flag]]:
    """On the caseload: how many alerts a child in monitoring has (worked out for all of them at once)."""
    return {
        child_id: [
            Flag(
                "1 alert after the return" if len(found) == 1 else f"{len(found)} alerts after the return",
                "red",
                Section.REUNIFICATION,
            )
        ]
        for child_id, found in alerts.alerts_for(child_ids, today).items()
    }
