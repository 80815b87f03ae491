"""Starting, recording and closing a monitoring period: what the services accept and refuse."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from homeward.base.concurrency import EditConflict
from homeward.base.versioning import WrittenOnceError
from homeward.children.models import Episode
from homeward.monitoring import services
from homeward.monitoring.models import Closure, MonitoringPeriod, PeriodKind, ReviewKind
from homeward.plans import services as plans
from tests.monitoring.helpers import ago, monitored, returned_child, visit, world

pytestmark = pytest.mark.django_db


def test_a_return_starts_twelve_months_of_monitoring_at_the_local_default_cadence() -> None:
    w = world()
    p = monitored(w, 1, days_ago=10)
    assert p.ends_on == ago(10).replace(year=ago(10).year + 1) or (p.ends_on - ago(10)).days in (365, 366)
    assert p.visit_days_before_review == 28 and "local default" in p.cadence
    assert "local default" in p.cadence_source.lower()


def test_the_length_is_a_setting(settings: object) -> None:
    settings.MONITORING_MONTHS = 6  # type: ignore[attr-defined]
    w = world()
    p = monitored(w, 1, days_ago=10)
    assert 180 <= (p.ends_on - p.started_on).days <= 184


def test_a_second_open_period_is_refused() -> None:
    w = world()
    p = monitored(w, 1)
    with pytest.raises(ValidationError, match="already being monitored"):
        services.start(p.child, kind=PeriodKind.RETURN_HOME, started_on=ago(5), by_name="W", user=w.worker)


def test_a_period_must_agree_with_the_903_episodes() -> None:
    w = world()
    child = returned_child(w, 1, returned_days_ago=30)
    with pytest.raises(ValidationError, match="return home"):  # before the return was recorded
        services.start(child, kind=PeriodKind.RETURN_HOME, started_on=ago(31), by_name="W", user=w.worker)
    with pytest.raises(ValidationError, match="P1"):
        services.start(
            child, kind=PeriodKind.PLACED_WITH_PARENTS, started_on=ago(30), by_name="W", user=w.worker
        )
    with pytest.raises(ValidationError, match="today or in the past"):
        services.start(child, kind=PeriodKind.RETURN_HOME, started_on=ago(-1), by_name="W", user=w.worker)


@pytest.mark.parametrize(("ls", "before", "after"), [("C2", 7, 42), ("C1", 28, 28)])
def test_placed_with_parents_follows_reg_28_by_legal_status(ls: str, before: int, after: int) -> None:
    w = world()
    child = returned_child(w, 1, returned_days_ago=100, ls=ls)
    Episode.objects.create(child=child, decom=ago(20), rne="P", ls=ls, cin="N1", place="P1")
    p = services.start(
        child, kind=PeriodKind.PLACED_WITH_PARENTS, started_on=ago(20), by_name="W", user=w.worker
    )
    assert (p.visit_days_before_review, p.visit_days_after_review) == (before, after)
    assert "reg 28" in p.cadence_source and p.first_review_on == ago(20) + timedelta(days=28)


def test_a_visit_is_written_once_and_refused_outside_the_period() -> None:
    w = world()
    p = monitored(w, 1, days_ago=20)
    v = visit(p, w.worker, 3)
    with pytest.raises(WrittenOnceError):
        v.save()
    with pytest.raises(ValidationError, match="on or after the day monitoring started"):
        visit(p, w.worker, 21)
    with pytest.raises(ValidationError, match="today or in the past"):
        visit(p, w.worker, -1)
    with pytest.raises(ValidationError, match="new concern"):
        services.record_visit(
            p,
            w.worker,
            visited_on=ago(1),
            child_seen=True,
            seen_alone=True,
            seen_away_from_home=False,
            raises_concern=True,
        )
    with pytest.raises(ValidationError, match="not seen"):
        services.record_visit(
            p,
            w.worker,
            visited_on=ago(1),
            child_seen=False,
            seen_alone=True,
            seen_away_from_home=False,
            raises_concern=False,
        )


def test_engagement_is_only_with_the_childs_own_services() -> None:
    w = world()
    p, other = monitored(w, 1), monitored(w, 2)
    theirs = plans.add_service(other.child, w.worker, service="Other service", provided_by="X")
    with pytest.raises(ValidationError, match="this child's support services"):
        services.record_engagement(p, w.worker, service=theirs, on=ago(1), status="attended")


def _ready_to_close(days_ago: int = 400) -> tuple[MonitoringPeriod, object, object]:
    w = world()
    p = monitored(w, 1, days_ago=days_ago)
    plans.save_support_plan(p.child, w.worker, months=12, contingency="Back to the foster carers.")
    services.record_review(p, w.worker, kind=ReviewKind.FINAL, reviewed_on=ago(2), outcome="Going well")
    return p, w.worker, w.manager


def test_a_period_closes_as_planned_after_its_end_with_a_final_review_and_a_contingency_plan() -> None:
    p, worker, _ = _ready_to_close()
    closed = services.close(p, on=ago(1), reason="A year at home", user=worker)  # type: ignore[arg-type]
    assert closed.closure == Closure.ENDED and closed.closed_by_name == "Wendy Worker"
    assert not closed.override_reason


@pytest.mark.parametrize("missing", ["end", "final review", "contingency"])
def test_closing_is_refused_for_each_reason_and_a_manager_can_override(missing: str) -> None:
    w = world()
    p = monitored(w, 1, days_ago=30 if missing == "end" else 400)
    if missing != "contingency":
        plans.save_support_plan(p.child, w.worker, months=12, contingency="Back to the foster carers.")
    if missing != "final review":
        services.record_review(p, w.worker, kind=ReviewKind.FINAL, reviewed_on=ago(2), outcome="Going well")
    expected = {"end": "runs until", "final review": "no final review", "contingency": "no contingency plan"}
    with pytest.raises(ValidationError) as refused:
        services.close(p, on=ago(1), reason="Going well", user=w.worker)
    assert any(expected[missing] in m for m in refused.value.messages)
    assert any("team manager can close it early" in m for m in refused.value.messages)
    with pytest.raises(ValidationError, match="Only a team manager"):
        services.close(p, on=ago(1), reason="Going well", user=w.worker, override_reason="Because")
    with pytest.raises(ValidationError, match="Give your reason"):
        services.close(p, on=ago(1), reason="Going well", user=w.manager)
    with pytest.raises(ValidationError, match="says only 'TBC'"):
        services.close(p, on=ago(1), reason="Going well", user=w.manager, override_reason="TBC")
    assert MonitoringPeriod.objects.get(pk=p.pk).is_open
    closed = services.close(
        p, on=ago(1), reason="Going well", user=w.manager, override_reason="The family moved out of the area."
    )
    assert closed.closure == Closure.OVERRIDE and closed.overridden_by_name == "Max Manager"
    assert closed.override_reason == "The family moved out of the area."


def test_a_stale_close_is_refused() -> None:
    p, worker, _ = _ready_to_close()
    version = p.edit_version
    services.close(p, on=ago(1), reason="Done", user=worker, edit_version=version)  # type: ignore[arg-type]
    with pytest.raises(EditConflict):
        services.close(p, on=ago(1), reason="Again", user=worker, edit_version=version)  # type: ignore[arg-type]


def test_a_re_entry_closes_the_period_as_a_breakdown() -> None:
    w = world()
    p = monitored(w, 1, days_ago=50)
    closed = services.close_as_breakdown(p.child, on=ago(3), reason="Mother asked for help", user=w.worker)
    assert closed is not None and closed.closure == Closure.BREAKDOWN and closed.closed_on == ago(3)
    assert services.close_as_breakdown(p.child, on=ago(1), reason="Again", user=w.worker) is None
    with pytest.raises(ValidationError, match="closed on"):
        visit(MonitoringPeriod.objects.get(pk=p.pk), w.worker, 1)
    # And a new return can start a new period afterwards.
    assert timezone.localdate() > closed.closed_on  # type: ignore[operator]
