"""The stage of a return the monitoring marks, for the caseload's filter (`homeward.children.stages`)."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet

from homeward.access.policy import Section
from homeward.children import stages
from homeward.children.models import Child
from homeward.monitoring.models import MonitoringPeriod


def being_monitored(children: QuerySet[Child]) -> QuerySet[Child]:
    """Home, in the months of monitoring after the return (a period not yet closed)."""
    return children.filter(
        Exists(MonitoringPeriod.objects.filter(child=OuterRef("pk"), closed_on__isnull=True))
    )


def register() -> None:
    stages.register(
        "monitored",
        "Home, being monitored",
        order=50,
        section=Section.REUNIFICATION,
        narrow=being_monitored,
    )
