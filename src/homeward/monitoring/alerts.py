"""Alerts after the return, worked out from the records each time they are asked for, never stored.

An alert rule is registered once (`rule`) with its code, title, why it matters, the source it rests on
(the framework's citations, as `DOMAIN.md` gives them) and the page where the worker acts. Its check is
set-wise: it is given every child asked about at once (`Scope`) and answers with a fixed number of
queries whatever their number, so "My work" and a team's view stay fast with thousands of children —
never a query per child. `alerts_for(child_ids, today)` runs every registered rule.

The registry is open: another app registers its own rule from its `AppConfig.ready()` (the meetings
app's "meeting action overdue", the notifications app's "notification not acknowledged"), given the
same `Scope` (all the children asked about, and those of them in an open monitoring period).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import F, Max, QuerySet, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils import timezone

from homeward.base.people import name_of
from homeward.base.queries import ids_for_filter
from homeward.children.models import HouseholdMembership
from homeward.framework.model import FARMER_2014, NSPCC_2016, WILKINS_FARMER_2015
from homeward.framework.text import quoted, says_something
from homeward.meetings import selectors as meetings
from homeward.monitoring import cadence, conf
from homeward.monitoring.models import (
    ConcernKind,
    ConcernReport,
    Engagement,
    MonitoringPeriod,
    MonitoringReview,
    ServiceEngagement,
    Visit,
)
from homeward.notifications.models import Notification
from homeward.organisation.models import Role
from homeward.plans.models import SupportPlan, SupportService


@dataclass(frozen=True)
class Alert:
    code: str
    title: str
    detail: str  # what was found for this child, in words
    why: str  # why it matters
    source: str  # the research or rule it rests on ("" when it rests on none)
    child_id: int
    link_name: str
    link_text: str

    @property
    def link(self) -> str:
        """Where to act (worked out when shown: a team's view may hold thousands of alerts)."""
        return reverse(self.link_name, args=[self.child_id])


@dataclass(frozen=True)
class Scope:
    """The children an evaluation is about: `child_ids` (a list, or a query of ids) and the open
    monitoring periods among them, both as a query (`periods`, to filter other tables in the database)
    and read once (`open`, by child id)."""

    child_ids: list[int] | QuerySet[Any]
    periods: QuerySet[MonitoringPeriod]
    open: dict[int, MonitoringPeriod]
    today: date


# A check answers {child id: what was found, in words} for the children it alerts on.
Check = Callable[[Scope], dict[int, str]]


@dataclass(frozen=True)
class AlertRule:
    code: str
    title: str
    why: str
    source: str
    link_name: str  # a URL name taking the child's id
    link_text: str
    check: Check


_RULES: dict[str, AlertRule] = {}


def register(alert_rule: AlertRule) -> None:
    """Add a rule (registering a code again replaces its rule)."""
    _RULES[alert_rule.code] = alert_rule


def registered() -> list[AlertRule]:
    return list(_RULES.values())


def rule(
    code: str, *, title: str, why: str, source: str = "", link_name: str, link_text: str
) -> Callable[[Check], Check]:
    """Register the decorated function as the check of a rule."""

    def decorator(check: Check) -> Check:
        register(AlertRule(code, title, why, source, link_name, link_text, check))
        return check

    return decorator


# What the rules read of each open period (the rest, e.g. how it closed, is not needed).
_PERIOD_FIELDS = (
    "child_id",
    "kind",
    "started_on",
    "ends_on",
    "first_review_on",
    "visit_days_before_review",
    "visit_days_after_review",
    "cadence",
)


def alerts_for(child_ids: Iterable[int] | QuerySet[Any], today: date) -> dict[int, list[Alert]]:
    """Every registered alert for each of these children on `today`, by child id (children without
    an alert are left out). One query for the open periods, then a fixed number per rule."""
    ids = ids_for_filter(child_ids)
    periods = MonitoringPeriod.objects.filter(child_id__in=ids, closed_on__isnull=True)
    read = periods.only(*_PERIOD_FIELDS)
    scope = Scope(ids, periods, {p.child_id: p for p in read}, today)
    found: dict[int, list[Alert]] = defaultdict(list)
    for r in registered():
        for child_id, detail in sorted(r.check(scope).items()):
            found[child_id].append(
                Alert(r.code, r.title, detail, r.why, r.source, child_id, r.link_name, r.link_text)
            )
    return dict(found)


def _date(day: date) -> str:
    return f"{day:%-d %B %Y}"


def _open_ids(scope: Scope) -> QuerySet[Any]:
    return scope.periods.values("child_id")


# --- the rules, in the order they are shown -----------------------------------------------------------


def next_visit_due(period: MonitoringPeriod, last_seen_on: date | None) -> date:
    return cadence.next_visit_due(
        started_on=period.started_on,
        first_review_on=period.first_review_on,
        days_before_review=period.visit_days_before_review,
        days_after_review=period.visit_days_after_review,
        last_visit_on=last_seen_on,
    )


def last_seen(scope: Scope) -> dict[int, date]:
    """The last visit at which the child was seen, by period id (one query)."""
    rows = (
        Visit.objects.filter(period__in=scope.periods, child_seen=True)
        .values("period_id")
        .annotate(last=Max("visited_on"))
    )
    return {row["period_id"]: row["last"] for row in rows}


@rule(
    "visit-overdue",
    title="Visit overdue",
    why="The child has not been seen as often as the plan says. Case reviews found children harmed "
    "after a return when monitoring stopped or lapsed.",
    source=NSPCC_2016,
    link_name="monitoring:visit_add",
    link_text="Record a visit",
)
def _visit_overdue(scope: Scope) -> dict[int, str]:
    seen = last_seen(scope)
    found = {}
    for child_id, period in scope.open.items():
        last = seen.get(period.pk)
        due = next_visit_due(period, last)
        if due < scope.today:
            since = f"last seen on {_date(last)}" if last else "not seen since monitoring started"
            found[child_id] = f"A visit was due by {_date(due)} ({period.cadence.lower()}); {since}."
    return found


@rule(
    "not-seen-alone",
    title="Not seen alone",
    why="A child seen only with their family may not be able to say what is happening at home. The "
    "framework expects the child to be seen alone and out of the home after the return.",
    source=WILKINS_FARMER_2015,
    link_name="monitoring:visit_add",
    link_text="Record a visit",
)
def _not_seen_alone(scope: Scope) -> dict[int, str]:
    n = conf.seen_alone_visits()
    recent = (
        Visit.objects.filter(period__in=scope.periods)
        .annotate(
            place=Window(
                RowNumber(), partition_by=[F("period_id")], order_by=[F("visited_on").desc(), F("id").desc()]
            )
        )
        .filter(place__lte=n)
        .values_list("period_id", "seen_alone")
    )
    visits: dict[int, list[bool]] = defaultdict(list)
    for period_id, alone in recent:
        visits[period_id].append(alone)
    found = {}
    for child_id, period in scope.open.items():
        last = visits.get(period.pk, [])
        if len(last) >= n and not any(last):
            found[child_id] = f"Not seen alone at any of the last {n} visits."
    return found


@rule(
    "service-engagement",
    title="Missed appointments or disengagement",
    why="Case reviews found no monitoring of whether the family kept engaging with services after the "
    "return. Attendance is not evidence of change, but missing it is a warning.",
    source=NSPCC_2016,
    link_name="monitoring:engagement_add",
    link_text="Record engagement with a service",
)
def _service_engagement(scope: Scope) -> dict[int, str]:
    missed_n, out_of = conf.missed_appointments()
    rows = (
        ServiceEngagement.objects.filter(period__in=scope.periods)
        .annotate(
            place=Window(
                RowNumber(), partition_by=[F("service_id")], order_by=[F("on").desc(), F("id").desc()]
            )
        )
        .filter(place__lte=out_of)
        .values_list("period__child_id", "service_id", "service__service", "status", "place")
        .order_by("period__child_id", "service_id", "place")
    )
    per_service: dict[tuple[int, int], list[str]] = defaultdict(list)
    names: dict[int, str] = {}
    for child_id, service_id, name, status, _place in rows:
        per_service[(child_id, service_id)].append(status)
        names[service_id] = name
    found: dict[int, list[str]] = defaultdict(list)
    for (child_id, service_id), statuses in per_service.items():
        name = names[service_id][:80]
        if statuses[0] == Engagement.DISENGAGED:
            found[child_id].append(f"the family has stopped engaging with {name}")
        elif (missed := statuses.count(Engagement.MISSED)) >= missed_n:
            found[child_id].append(f"{missed} of the last {len(statuses)} appointments with {name} missed")
    return {c: _sentence("; ".join(d)) for c, d in found.items()}


def _sentence(words: str) -> str:
    return words[:1].upper() + words[1:] + "."


@rule(
    "new-household-member",
    title="New person in the home",
    why="Case reviews found new partners and other adults in the household not assessed. Someone who "
    "moved in after the return has not been assessed for it.",
    source=NSPCC_2016,
    link_name="children:record",
    link_text="See the family and household",
)
def _new_household_member(scope: Scope) -> dict[int, str]:
    rows = HouseholdMembership.objects.filter(
        household__child_id__in=_open_ids(scope), household__is_proposed_return_home=True
    ).values_list("household__child_id", "member__full_name", "started", "household__name")
    found: dict[int, list[str]] = defaultdict(list)
    for child_id, name, started, home in rows:
        period = scope.open.get(child_id)
        if period is not None and period.started_on < started <= scope.today:
            found[child_id].append(f"{name} moved into {home.lower()} on {_date(started)}")
    return {c: "; ".join(d) + ", after the return." for c, d in found.items()}


@rule(
    "new-concern",
    title="New concern or re-referral",
    why="A new concern after a return needs a response: Farmer (2014) found almost half the children "
    "who returned home were maltreated. Review the plan with the manager.",
    source=FARMER_2014,
    link_name="monitoring:review_add",
    link_text="Record a review",
)
def _new_concern(scope: Scope) -> dict[int, str]:
    # A concern stands until a review on or after the visit has weighed it.
    reviewed = dict(
        MonitoringReview.objects.filter(period__in=scope.periods)
        .values("period_id")
        .annotate(last=Max("reviewed_on"))
        .values_list("period_id", "last")
    )
    raised = [
        (child_id, period_id, on, "A visit")
        for child_id, period_id, on in Visit.objects.filter(
            period__in=scope.periods, raises_concern=True
        ).values_list("period__child_id", "period_id", "visited_on")
    ] + [
        (child_id, period_id, on, ConcernKind(kind).label)
        for child_id, period_id, on, kind in ConcernReport.objects.filter(
            period__in=scope.periods
        ).values_list("period__child_id", "period_id", "reported_on", "kind")
    ]
    found: dict[int, tuple[date, str]] = {}
    for child_id, period_id, on, what in raised:
        last_review = reviewed.get(period_id)
        if (last_review is None or last_review < on) and on >= found.get(child_id, (on, ""))[0]:
            found[child_id] = (on, what)
    return {
        c: f"{what} on {_date(on)} raised a new concern, not yet reviewed."
        if what == "A visit"
        else f"{what}, reported {_date(on)}, not yet reviewed."
        for c, (on, what) in found.items()
    }


@rule(
    "support-ending-early",
    title="Support ends before monitoring does",
    why="Case reviews found support withdrawn as soon as the child stopped being looked after; support "
    "should last at least as long as the monitoring period.",
    source=NSPCC_2016,
    link_name="plans:plans",
    link_text="See the support plan",
)
def _support_ending(scope: Scope) -> dict[int, str]:
    rows = SupportService.objects.filter(
        plan__child_id__in=_open_ids(scope), ends_on__isnull=False
    ).values_list("plan__child_id", "service", "ends_on")
    found: dict[int, list[str]] = defaultdict(list)
    for child_id, service, ends_on in rows:
        period = scope.open.get(child_id)
        if period is not None and ends_on is not None and ends_on < period.ends_on:
            found[child_id].append(f"{service[:80]} ends on {_date(ends_on)}")
    return {
        c: "; ".join(d) + f", before monitoring ends on {_date(scope.open[c].ends_on)}."
        for c, d in found.items()
    }


@rule(
    "no-contingency-plan",
    title="No contingency plan",
    why="Case reviews found returns with no plan for what would happen if they broke down; monitoring "
    "cannot close without one.",
    source=NSPCC_2016,
    link_name="plans:support_edit",
    link_text="Write the contingency plan",
)
def _no_contingency(scope: Scope) -> dict[int, str]:
    written = dict(
        SupportPlan.objects.filter(child_id__in=_open_ids(scope)).values_list("child_id", "contingency")
    )
    return {
        c: (
            f"The contingency plan {quoted(written[c])}: it does not say what will happen if the return "
            "breaks down."
            if written.get(c, "").strip()
            else "Nobody has written down what will happen if the return breaks down."
        )
        for c in scope.open
        if not says_something(written.get(c))
    }


WORKING_TOGETHER_2023 = "Working Together to Safeguard Children (2023): information sharing between agencies"


@rule(
    "notification-not-acknowledged",
    title="A notification has not been acknowledged",
    why="Case reviews found agencies not told when a child moved home; a notice nobody has read has not "
    "told them. Ask the agency to confirm it has the information.",
    source=f"{NSPCC_2016}; {WORKING_TOGETHER_2023}",
    link_name="children:record",
    link_text="See who has been told",
)
def _not_acknowledged(scope: Scope) -> dict[int, str]:
    # The agencies' acknowledgements are the ones that show they were told; Homeward's own staff (the
    # IRO, the managers) read theirs in My work.
    days = conf.days_to_acknowledge()
    older_than = timezone.make_aware(datetime.combine(scope.today - timedelta(days=days), time.min))
    waiting: dict[int, list[Any]] = defaultdict(list)
    rows = (
        Notification.objects.filter(
            child_id__in=list(scope.open),
            acknowledged_at__isnull=True,
            created_at__lt=older_than,
            recipient__profile__role=Role.PARTNER,
        )
        .select_related("recipient__profile__agency")
        .order_by("created_at", "id")
    )
    for n in rows:
        waiting[n.child_id].append(n)

    def who(n: Any) -> str:
        agency = n.recipient.profile.agency
        name = name_of(n.recipient)
        return f"{name}{f' ({agency.name})' if agency else ''}, told {_date(n.happened_on)}"

    return {
        child_id: f"Not acknowledged after {days} days: " + "; ".join(who(n) for n in found[:3])
        for child_id, found in waiting.items()
    }


@rule(
    "meeting-action-overdue",
    title="A meeting action is overdue",
    why="What a meeting agreed protects the child only when it is done; support withdrawn or not "
    "delivered after a return was a finding of case reviews.",
    source=NSPCC_2016,
    link_name="meetings:meetings",
    link_text="See the meetings and their actions",
)
def _action_overdue(scope: Scope) -> dict[int, str]:
    found = meetings.overdue_actions(scope.open, scope.today)
    return {
        child_id: "; ".join(f"{a.description[:80]} ({a.owner_name}, due {_date(a.due_on)})" for a in late[:3])
        for child_id, late in found.items()
    }
