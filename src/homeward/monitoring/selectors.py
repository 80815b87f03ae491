"""Reads of the monitoring period: the period, its visits, engagement and reviews, and what is due."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Max, QuerySet

from homeward.assessments.models import RiskClassification, RiskPoint
from homeward.base.queries import ids_for_filter
from homeward.children.models import Child
from homeward.framework.rules.insufficient_sustained_change import add_months
from homeward.monitoring import alerts, conf
from homeward.monitoring.models import (
    ConcernReport,
    MonitoringPeriod,
    MonitoringReview,
    ReviewKind,
    ServiceEngagement,
    Visit,
)
from homeward.plans.models import SupportPlan, SupportService


def open_period(child: Child) -> MonitoringPeriod | None:
    return MonitoringPeriod.objects.filter(child=child, closed_on__isnull=True).first()


def periods(child: Child) -> list[MonitoringPeriod]:
    """Every monitoring period of the child's, the latest first."""
    return list(MonitoringPeriod.objects.filter(child=child).order_by("-started_on", "-id"))


def visits(period: MonitoringPeriod) -> list[Visit]:
    return list(period.visits.order_by("-visited_on", "-id"))


def engagements(period: MonitoringPeriod) -> list[ServiceEngagement]:
    return list(period.engagements.select_related("service").order_by("-on", "-id"))


def reviews(period: MonitoringPeriod) -> list[MonitoringReview]:
    return list(period.reviews.order_by("reviewed_on", "id"))


def concerns(period: MonitoringPeriod) -> list[ConcernReport]:
    """The concerns and re-referrals reported in the period, the latest first."""
    return list(period.concerns.order_by("-reported_on", "-id"))


def support_plan(child: Child) -> SupportPlan | None:
    return SupportPlan.objects.filter(child=child).first()


def services_of(child: Child) -> list[SupportService]:
    return list(SupportService.objects.filter(plan__child=child).order_by("id"))


def trusted_adult(child: Child) -> str:
    """The child's named trusted adult, from the support plan ("" when nobody is named)."""
    plan = support_plan(child)
    return plan.trusted_adult if plan else ""


def rc3(child: Child) -> RiskClassification | None:
    """The latest third risk classification (after the return), if one is recorded."""
    return (
        RiskClassification.objects.filter(child=child, point=RiskPoint.RC3)
        .order_by("-classified_on", "-id")
        .first()
    )


@dataclass(frozen=True)
class Progress:
    """Where the period stands on a day: the stage, the next visit and the reviews due."""

    stage: str
    last_seen_on: date | None
    next_visit_due: date
    visit_overdue: bool
    six_month_review_due: date
    six_month_review_done: bool
    final_review_done: bool


def progress(period: MonitoringPeriod, today: date) -> Progress:
    last = period.visits.filter(child_seen=True).order_by("-visited_on").values_list("visited_on", flat=True)
    last_seen_on = last.first()
    due = alerts.next_visit_due(period, last_seen_on)
    kinds = set(period.reviews.values_list("kind", flat=True))
    if not period.is_open:
        stage = period.get_closure_display()
    elif today >= period.ends_on:
        stage = "Monitoring period over: final review and closure due"
    else:
        stage = f"In monitoring until {period.ends_on:%-d %B %Y}"
    return Progress(
        stage=stage,
        last_seen_on=last_seen_on,
        next_visit_due=due,
        visit_overdue=period.is_open and due < today,
        six_month_review_due=add_months(period.started_on, conf.six_month_review_months()),
        six_month_review_done=ReviewKind.SIX_MONTHS in kinds,
        final_review_done=ReviewKind.FINAL in kinds,
    )


@dataclass(frozen=True)
class Watched:
    """One child in an open monitoring period, for a list of many: the stage and the next visit."""

    period: MonitoringPeriod
    stage: str
    last_seen_on: date | None
    next_visit_due: date

    def overdue(self, today: date) -> bool:
        return self.next_visit_due < today


def watched(child_ids: Iterable[int] | QuerySet[Any], today: date) -> list[Watched]:
    """The open monitoring periods of many children at once (two queries), next visit due first."""
    periods = MonitoringPeriod.objects.filter(child_id__in=ids_for_filter(child_ids), closed_on__isnull=True)
    last = dict(
        Visit.objects.filter(period__in=periods, child_seen=True)
        .values("period_id")
        .annotate(last=Max("visited_on"))
        .values_list("period_id", "last")
    )
    rows = []
    for period in periods.select_related("child"):
        seen = last.get(period.pk)
        stage = (
            "Monitoring period over: final review and closure due"
            if today >= period.ends_on
            else f"{period.get_kind_display()}: monitored until {period.ends_on:%-d %B %Y}"
        )
        rows.append(Watched(period, stage, seen, alerts.next_visit_due(period, seen)))
    return sorted(rows, key=lambda w: (w.next_visit_due, w.period.child_id))
