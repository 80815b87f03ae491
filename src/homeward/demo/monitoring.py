"""Monitoring after the return in the synthetic demo (called from `add_reunification_demo`).

Each period agrees with the child's 903 episodes: one after a return starts on or after the day an
episode ended with a return home (E4A/E4B); a placement with parents starts on a P1 episode.

- In monitoring, with alerts: the first of `worker`'s children whose care ended with a return home
  (by 903 id). The demo's returns are all older than a year, so monitoring is shown starting 100 days
  ago, after that return: visits (the last two not alone, one raising a concern, the next now
  overdue), missed appointments, a service ending before monitoring does, no contingency plan, RC3.
- Closed well: the next such child, monitored for the twelve months after their return, with a final
  review and a contingency plan, closed as planned.
- Broken down: the showcase child's earlier return, closed as a breakdown when she came back into care.
- Placed with parents: the first of `worker`'s children whose current episode is a P1 placement.
Dates are relative to the demo's `today`; nothing is random.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.contrib.auth import get_user_model

from homeward.assessments import services as assessments
from homeward.children.models import Child, Episode
from homeward.monitoring import services
from homeward.monitoring.models import Engagement, MonitoringPeriod, PeriodKind, ReviewKind
from homeward.plans import services as plans
from homeward.ssda903.codes import RETURN_HOME_CODES

SHOWCASE = "100001"


def _last(child: Child) -> Episode | None:
    return child.episodes.order_by("-decom", "-id").first()


def add_monitoring_demo(today: date) -> None:
    User = get_user_model()
    worker = User.objects.filter(username="worker").first()
    manager = User.objects.filter(username="manager").first()
    if worker is None or manager is None:
        return
    mine = Child.objects.filter(allocated_worker=worker).order_by("la_child_id")
    returned = [
        c
        for c in Child.objects.filter(allocated_worker=worker)
        .exclude(la_child_id=SHOWCASE)
        .order_by("la_child_id")
        if (last := _last(c)) is not None and last.rec in RETURN_HOME_CODES
    ]
    if returned:
        _with_alerts(returned[0], worker, today)
    if len(returned) > 1:
        _closed_well(returned[1], worker, today)
    showcase = Child.objects.filter(la_child_id=SHOWCASE).first()
    if showcase is not None:
        _broken_down(showcase, worker, today)
    placed = [c for c in mine if (last := _last(c)) is not None and last.place == "P1" and last.dec is None]
    if placed:
        _placed_with_parents(placed[0], worker, today)


def _visit(period: MonitoringPeriod, worker: Any, on: date, *, alone: bool, concern: str = "") -> None:
    services.record_visit(
        period,
        worker,
        visited_on=on,
        child_seen=True,
        seen_alone=alone,
        seen_away_from_home=alone,
        raises_concern=bool(concern),
        present="" if alone else "Mother",
        child_words="It's better at home now. Mum gets up and takes me to school.",
        observations="The home was warm and tidy; food in the fridge.",
        concerns=concern,
    )


def _with_alerts(child: Child, worker: Any, today: date) -> None:
    last = _last(child)
    assert last is not None and last.dec is not None
    started = max(last.dec, today - timedelta(days=100))
    period = services.start(
        child, kind=PeriodKind.RETURN_HOME, started_on=started, by_name="Sam Okafor", user=worker
    )
    plans.save_support_plan(
        child,
        worker,
        months=12,
        trusted_adult="Mrs Ahmed, head of year at school",
        seen_alone="Every 4 weeks",
    )
    family = plans.add_service(
        child,
        worker,
        service="Family support worker, twice a week",
        provided_by="Northshire Family Support",
        ends_on=started + timedelta(days=180),
    )
    parenting = plans.add_service(
        child, worker, service="Parenting programme", provided_by="Northshire Family Centre"
    )
    _visit(period, worker, started + timedelta(days=5), alone=True)
    _visit(period, worker, started + timedelta(days=35), alone=False)
    _visit(
        period,
        worker,
        started + timedelta(days=60),
        alone=False,
        concern="A neighbour reports shouting late at night; the mother's new partner was there.",
    )
    for days, status in ((20, Engagement.ATTENDED), (40, Engagement.MISSED), (55, Engagement.MISSED)):
        services.record_engagement(
            period, worker, service=parenting, on=started + timedelta(days=days), status=status
        )
    services.record_engagement(
        period, worker, service=family, on=started + timedelta(days=50), status=Engagement.ATTENDED
    )
    assessments.classify_risk(
        child,
        worker,
        point="RC3",
        level="medium",
        classified_on=started + timedelta(days=30),
        reasons="Settled at home and at school; the mother's engagement with parenting support is patchy.",
        case_team="Sam Okafor (social worker), Helen Marsh (team manager)",
    )


def _closed_well(child: Child, worker: Any, today: date) -> None:
    last = _last(child)
    assert last is not None and last.dec is not None
    if last.dec > today - timedelta(days=400):
        return
    period = services.start(
        child, kind=PeriodKind.RETURN_HOME, started_on=last.dec, by_name="Sam Okafor", user=worker
    )
    plans.save_support_plan(
        child,
        worker,
        months=12,
        trusted_adult="Their grandmother",
        seen_alone="Every 4 weeks at school",
        contingency="If the return breaks down, back to the foster carers they know, who have kept in touch.",
    )
    for week in range(0, 52, 4):
        _visit(period, worker, last.dec + timedelta(weeks=week, days=2), alone=week % 8 == 0)
    services.record_review(
        period,
        worker,
        kind=ReviewKind.SIX_MONTHS,
        reviewed_on=last.dec + timedelta(days=183),
        outcome="Settled at home; attending school every day.",
    )
    services.record_review(
        period,
        worker,
        kind=ReviewKind.FINAL,
        reviewed_on=period.ends_on - timedelta(days=7),
        outcome="A year at home without concerns. Support from universal services from now on.",
    )
    services.close(period, on=period.ends_on, reason="Twelve months at home, final review done.", user=worker)


def _broken_down(child: Child, worker: Any, today: date) -> None:
    episodes = list(child.episodes.order_by("decom", "id"))
    for ended, after in zip(episodes, episodes[1:], strict=False):
        if ended.rec in RETURN_HOME_CODES and ended.dec is not None and after.rne == "S":
            period = services.start(
                child, kind=PeriodKind.RETURN_HOME, started_on=ended.dec, by_name="Sam Okafor", user=worker
            )
            _visit(period, worker, ended.dec + timedelta(days=14), alone=False)
            services.close_as_breakdown(
                child,
                on=after.decom,
                reason="Came back into care: the mother could not cope after support stopped.",
                user=worker,
            )
            return


def _placed_with_parents(child: Child, worker: Any, today: date) -> None:
    current = _last(child)
    assert current is not None
    started = max(current.decom, today - timedelta(days=50))
    period = services.start(
        child, kind=PeriodKind.PLACED_WITH_PARENTS, started_on=started, by_name="Sam Okafor", user=worker
    )
    for days in (3, 10, 17, 24, 31):
        _visit(period, worker, started + timedelta(days=days), alone=days % 2 == 1)
