"""Monitoring after the return on the child's record (registered in `MonitoringConfig.ready`)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from homeward.access.policy import Access, Section
from homeward.children.models import Child
from homeward.monitoring import alerts, selectors


def monitoring_panel(request: HttpRequest, child: Child, access: Access) -> tuple[str, dict[str, Any]] | None:
    if not access.shows(Section.REUNIFICATION):
        return None
    history = selectors.periods(child)
    if not history:
        return None
    today = timezone.localdate()
    period = history[0]
    panel = {
        "period": period,
        "progress": selectors.progress(period, today),
        "alerts": alerts.alerts_for([child.pk], today).get(child.pk, []) if period.is_open else [],
    }
    return "monitoring/_record_panel.html", {"monitoring_panel": panel}
