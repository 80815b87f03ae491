"""Each alert fires in its case and stays silent in a near-identical one; the alerts for many children
take the same number of queries as for a few."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from homeward.children.models import AgencyInvolvement, FamilyMember, Household, HouseholdMembership
from homeward.meetings import services as meetings
from homeward.monitoring import alerts, services
from homeward.monitoring.models import Engagement, MonitoringPeriod, ReviewKind
from homeward.notifications import services as notifications
from homeward.organisation.models import Agency, Role, StaffProfile
from homeward.plans import services as plans
from tests.monitoring.helpers import World, ago, monitored, visit, world

pytestmark = pytest.mark.django_db

Setup = Callable[[MonitoringPeriod, World], None]


def _visits(*alone: bool, last_days_ago: int = 5) -> Setup:
    def setup(p: MonitoringPeriod, w: World) -> None:
        for i, a in enumerate(alone):
            visit(p, w.worker, last_days_ago + 10 * (len(alone) - 1 - i), alone=a)

    return setup


def _engagement(*statuses: str) -> Setup:
    def setup(p: MonitoringPeriod, w: World) -> None:
        service = plans.add_service(
            p.child, w.worker, service="Parenting programme", provided_by="Family centre"
        )
        for i, status in enumerate(statuses):
            services.record_engagement(p, w.worker, service=service, on=ago(40 - 10 * i), status=status)

    return setup


def _moved_in(days_after_start: int, *, home: bool = True) -> Setup:
    def setup(p: MonitoringPeriod, w: World) -> None:
        household = (
            p.child.households.get(is_proposed_return_home=True)
            if home
            else Household.objects.create(child=p.child, name="Father's home")
        )
        partner = FamilyMember.objects.create(
            child=p.child, full_name="Pat Partner", relationship="mothers_partner"
        )
        HouseholdMembership.objects.create(
            household=household, member=partner, started=p.started_on + timedelta(days=days_after_start)
        )

    return setup


def _concern(*, reviewed_after: bool) -> Setup:
    def setup(p: MonitoringPeriod, w: World) -> None:
        visit(p, w.worker, 10, concern=True)
        if reviewed_after:
            services.record_review(
                p, w.worker, kind=ReviewKind.SIX_MONTHS, reviewed_on=ago(5), outcome="Seen by GP"
            )

    return setup


def _reported(*, reviewed_after: bool) -> Setup:
    """A re-referral from the school ten days ago, reviewed five days ago or not."""

    def setup(p: MonitoringPeriod, w: World) -> None:
        services.record_concern(
            p, w.worker, kind="re_referral", reported_on=ago(10), reported_by="School", what="Bruises seen."
        )
        if reviewed_after:
            services.record_review(
                p, w.worker, kind=ReviewKind.SIX_MONTHS, reviewed_on=ago(5), outcome="Explained; plan kept"
            )

    return setup


def _service_ending(days_before_period_end: int) -> Setup:
    def setup(p: MonitoringPeriod, w: World) -> None:
        plans.add_service(
            p.child,
            w.worker,
            service="Family support worker",
            provided_by="Family support",
            ends_on=p.ends_on - timedelta(days=days_before_period_end),
        )

    return setup


def _contingency(text: str) -> Setup:
    def setup(p: MonitoringPeriod, w: World) -> None:
        plans.save_support_plan(p.child, w.worker, months=12, contingency=text)

    return setup


def _told(days_ago: int, *, acknowledged: bool = False) -> Setup:
    """A health visitor's agency works with the child and is told of the return `days_ago`."""

    def setup(p: MonitoringPeriod, w: World) -> None:
        agency, _ = Agency.objects.get_or_create(name="Test Health Trust", defaults={"agency_type": "health"})
        user, made_user = User.objects.get_or_create(username="hv-partner", defaults={"first_name": "Hana"})
        if made_user:
            StaffProfile.objects.create(user=user, role=Role.PARTNER, agency=agency)
        AgencyInvolvement.objects.create(
            child=p.child, agency=agency, contact_name="Hana", started=ago(days_ago + 30)
        )
        made = notifications.notify(
            p.child,
            event="return_home",
            summary="Returned home.",
            on=ago(days_ago),
            link="/",
            actor=w.worker,
            now=timezone.now() - timedelta(days=days_ago),
        )
        if acknowledged:
            for n in made:
                notifications.acknowledge(n, n.recipient)

    return setup


def _action(due_days_ago: int, *, done: bool = False) -> Setup:
    def setup(p: MonitoringPeriod, w: World) -> None:
        meeting = meetings.record_meeting(
            p.child,
            w.worker,
            kind="review_after_return",
            held_on=ago(30),
            purpose="Review",
            chair="Max Manager",
        )
        action = meetings.add_action(
            meeting, description="Book the GP check", owner_name="Wendy Worker", due_on=ago(due_days_ago)
        )
        if done:
            meetings.mark_done(action, w.worker, done_on=ago(1))

    return setup


# (alert, the case it fires in, a near-identical case it stays silent in)
CASES: list[tuple[str, Setup, Setup]] = [
    ("visit-overdue", _visits(True, last_days_ago=29), _visits(True, last_days_ago=27)),
    ("not-seen-alone", _visits(True, False, False), _visits(False, True, False)),
    ("not-seen-alone", _visits(False, False), _visits(False)),  # fewer visits than N: not yet
    (
        "service-engagement",
        _engagement(Engagement.ATTENDED, Engagement.MISSED, Engagement.MISSED),
        _engagement(Engagement.MISSED, Engagement.ATTENDED, Engagement.MISSED, Engagement.ATTENDED),
    ),
    (
        "service-engagement",
        _engagement(Engagement.ATTENDED, Engagement.DISENGAGED),
        _engagement(Engagement.DISENGAGED, Engagement.ATTENDED),
    ),
    ("new-household-member", _moved_in(1), _moved_in(-1)),
    ("new-household-member", _moved_in(1), _moved_in(1, home=False)),
    ("new-concern", _concern(reviewed_after=False), _concern(reviewed_after=True)),
    ("new-concern", _reported(reviewed_after=False), _reported(reviewed_after=True)),
    ("support-ending-early", _service_ending(1), _service_ending(0)),
    ("no-contingency-plan", _contingency(""), _contingency("Back to the foster carers she knows.")),
    ("notification-not-acknowledged", _told(6), _told(4)),
    ("meeting-action-overdue", _action(1), _action(0)),
    ("meeting-action-overdue", _action(3), _action(3, done=True)),
    ("notification-not-acknowledged", _told(6), _told(6, acknowledged=True)),
]


@pytest.mark.parametrize(("code", "fires", "silent"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_each_alert_fires_in_its_case_and_not_in_a_near_identical_one(
    code: str, fires: Setup, silent: Setup
) -> None:
    w = world()
    firing, quiet = monitored(w, 1), monitored(w, 2)
    fires(firing, w)
    silent(quiet, w)
    found = alerts.alerts_for([firing.child_id, quiet.child_id], timezone.localdate())
    assert code in {a.code for a in found.get(firing.child_id, [])}
    assert code not in {a.code for a in found.get(quiet.child_id, [])}


def test_an_alert_says_why_cites_its_source_and_links_to_where_to_act() -> None:
    w = world()
    p = monitored(w, 1, days_ago=40)
    (overdue,) = [
        a
        for a in alerts.alerts_for([p.child_id], timezone.localdate())[p.child_id]
        if a.code == "visit-overdue"
    ]
    assert "not seen since monitoring started" in overdue.detail
    assert overdue.why and "NSPCC (2016)" in overdue.source
    assert overdue.link == f"/children/{p.child_id}/monitoring/visits/add/"


def test_a_closed_period_or_a_child_not_monitored_has_no_alerts() -> None:
    w = world()
    p = monitored(w, 1)
    services.close_as_breakdown(p.child, on=ago(1), reason="Came back into care", user=w.worker)
    assert alerts.alerts_for([p.child_id], timezone.localdate()) == {}


def test_the_registry_is_open_to_other_apps() -> None:
    w = world()
    p = monitored(w, 1)
    rule = alerts.AlertRule(
        "test-extra",
        "Extra",
        "Why",
        "",
        "monitoring:monitoring",
        "Look",
        lambda scope: dict.fromkeys(scope.open, "x"),
    )
    alerts.register(rule)
    try:
        assert "test-extra" in {
            a.code for a in alerts.alerts_for([p.child_id], timezone.localdate())[p.child_id]
        }
    finally:
        alerts._RULES.pop("test-extra")


def _children_with_records(w: World, first: int, count: int) -> list[int]:
    ids = []
    for n in range(first, first + count):
        p = monitored(w, n)
        visit(p, w.worker, 40, alone=False)
        visit(p, w.worker, 30, alone=False, concern=True)
        _engagement(Engagement.MISSED, Engagement.MISSED)(p, w)
        _moved_in(3)(p, w)
        _service_ending(10)(p, w)
        ids.append(p.child_id)
    return ids


def test_alerts_for_many_children_take_the_same_number_of_queries_as_for_a_few() -> None:
    w = world()
    few = _children_with_records(w, 1, 3)
    many = _children_with_records(w, 100, 30)
    today = timezone.localdate()
    with CaptureQueriesContext(connection) as for_few:
        found_few = alerts.alerts_for(few, today)
    with CaptureQueriesContext(connection) as for_many:
        found_many = alerts.alerts_for(many, today)
    assert len(found_few) == 3 and len(found_many) == 30
    assert all(len(a) >= 6 for a in found_many.values())
    assert len(for_few.captured_queries) == len(for_many.captured_queries)
    assert len(for_many.captured_queries) <= 1 + 2 * len(alerts.registered())


def test_a_placeholder_contingency_plan_is_no_contingency_plan() -> None:
    w = world()
    period = monitored(w, 1)
    plans.save_support_plan(period.child, w.worker, months=12, contingency="TBC")
    found = alerts.alerts_for([period.child_id], timezone.localdate())[period.child_id]
    alert = next(a for a in found if a.code == "no-contingency-plan")
    assert "says only 'TBC'" in alert.detail
