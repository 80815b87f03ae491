"""Starting, recording and closing a monitoring period.

The moves app calls `start` when a return home or a placement with parents is recorded, and
`close_as_breakdown` when a re-entry is. Every change is one transaction; visits, engagement and
reviews are written once. A period closes early, without its final review or without a contingency
plan only on a team manager's written override, kept on the period (and audited by the close page).
"""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from homeward.access.policy import RecordAction, access_to
from homeward.base.concurrency import claim_edit
from homeward.base.people import name_of
from homeward.children.models import Child
from homeward.framework.rules.insufficient_sustained_change import add_months
from homeward.framework.text import quoted, says_something
from homeward.monitoring import cadence, conf, selectors
from homeward.monitoring.models import (
    Closure,
    ConcernKind,
    ConcernReport,
    Engagement,
    MonitoringPeriod,
    MonitoringReview,
    PeriodKind,
    ReviewKind,
    ServiceEngagement,
    Visit,
)
from homeward.plans.models import SupportPlan, SupportService
from homeward.ssda903.codes import RETURN_HOME_CODES


def _not_future(field: str, on: date, what: str) -> None:
    if on > timezone.localdate():
        raise ValidationError({field: f"{what} must be today or in the past"})


def _legal_status_on(child: Child, on: date) -> str | None:
    episode = child.episodes.filter(decom__lte=on).order_by("-decom", "-id").first()
    return episode.ls if episode else None


def _agrees_with_903(child: Child, kind: str, started_on: date) -> None:
    """A period after a return follows an episode ended by a return home; a placement with parents is
    an episode with 903 placement P1 open on the day."""
    last = child.episodes.filter(decom__lte=started_on).order_by("-decom", "-id").first()
    if kind == PeriodKind.RETURN_HOME:
        if last is None or last.dec is None or last.rec not in RETURN_HOME_CODES or last.dec > started_on:
            raise ValidationError(
                {
                    "started_on": "Record the return home first: the child's last episode of care must have "
                    "ended with a return home (903 E4A or E4B) on or before this date"
                }
            )
    elif last is None or last.place != "P1" or (last.dec is not None and last.dec < started_on):
        raise ValidationError(
            {
                "started_on": "Record the placement with parents first: the child's episode of care on this "
                "date must have the 903 placement P1"
            }
        )


@transaction.atomic
def start(child: Child, *, kind: str, started_on: date, by_name: str, user: User | None) -> MonitoringPeriod:
    """Start monitoring after a return home or a placement with parents (`PeriodKind`), with the visit
    cadence for the child's legal status on `started_on`. A second open period is refused."""
    if kind not in PeriodKind.values:
        raise ValidationError({"kind": "Select whether the child returned home or was placed with parents"})
    _not_future("started_on", started_on, "The date monitoring started")
    Child.objects.select_for_update().filter(pk=child.pk).first()  # one start at a time per child
    if selectors.open_period(child) is not None:
        raise ValidationError(
            {"started_on": f"{child.full_name} is already being monitored: close that period first"}
        )
    _agrees_with_903(child, kind, started_on)
    chosen = cadence.cadence_for(
        kind,
        _legal_status_on(child, started_on),
        local_weeks_after_return=conf.weeks_between_visits_after_return(),
    )
    first_review = None
    if kind == PeriodKind.PLACED_WITH_PARENTS:
        first_review = date.fromordinal(started_on.toordinal() + cadence.FIRST_REVIEW_DAYS)
    return MonitoringPeriod.objects.create(
        child=child,
        kind=kind,
        started_on=started_on,
        ends_on=add_months(started_on, conf.months()),
        first_review_on=first_review,
        visit_days_before_review=chosen.days_before_review,
        visit_days_after_review=chosen.days_after_review,
        cadence=chosen.words,
        cadence_source=chosen.source,
        started_by_name=(by_name or (name_of(user) if user else "")).strip()[:200],
    )


def _open(period: MonitoringPeriod) -> None:
    if not period.is_open:
        raise ValidationError(
            f"This monitoring period closed on {period.closed_on:%-d %B %Y}: nothing more can be added to it"
        )


def _in_period(period: MonitoringPeriod, field: str, on: date, what: str) -> None:
    _not_future(field, on, what)
    if on < period.started_on:
        raise ValidationError(
            {field: f"{what} must be on or after the day monitoring started, {period.started_on:%-d %B %Y}"}
        )


@transaction.atomic
def record_visit(
    period: MonitoringPeriod,
    user: User,
    *,
    visited_on: date,
    child_seen: bool,
    seen_alone: bool,
    seen_away_from_home: bool,
    raises_concern: bool,
    present: str = "",
    child_words: str = "",
    observations: str = "",
    concerns: str = "",
) -> Visit:
    _open(period)
    _in_period(period, "visited_on", visited_on, "The date of the visit")
    if not child_seen and (seen_alone or seen_away_from_home):
        raise ValidationError({"seen_alone": "The child was not seen, so they cannot have been seen alone"})
    if raises_concern and not concerns.strip():
        raise ValidationError({"concerns": "Say what the new concern is"})
    return Visit.objects.create(
        period=period,
        visited_on=visited_on,
        child_seen=child_seen,
        seen_alone=seen_alone,
        seen_away_from_home=seen_away_from_home,
        present=present.strip(),
        child_words=child_words.strip(),
        observations=observations.strip(),
        concerns=concerns.strip(),
        raises_concern=raises_concern,
        recorded_by=user,
        recorded_by_name=name_of(user),
    )


@transaction.atomic
def record_concern(
    period: MonitoringPeriod, user: User, *, kind: str, reported_on: date, reported_by: str, what: str
) -> ConcernReport:
    """A concern or a re-referral reported after the return: an alert until a review weighs it."""
    _open(period)
    _in_period(period, "reported_on", reported_on, "The date it was reported")
    if kind not in ConcernKind.values:
        raise ValidationError({"kind": "Select whether it is a re-referral or a concern"})
    if not reported_by.strip():
        raise ValidationError({"reported_by": "Say who raised it"})
    if not what.strip():
        raise ValidationError({"what": "Say what they said"})
    return ConcernReport.objects.create(
        period=period,
        kind=kind,
        reported_on=reported_on,
        reported_by=reported_by.strip(),
        what=what.strip(),
        recorded_by=user,
        recorded_by_name=name_of(user),
    )


@transaction.atomic
def record_engagement(
    period: MonitoringPeriod, user: User, *, service: SupportService, on: date, status: str, note: str = ""
) -> ServiceEngagement:
    _open(period)
    _in_period(period, "on", on, "The date")
    if service.plan.child_id != period.child_id:
        raise ValidationError({"service": "Select one of this child's support services"})
    if status not in Engagement.values:
        raise ValidationError({"status": "Select how the family engaged with the service"})
    return ServiceEngagement.objects.create(
        period=period,
        service=service,
        on=on,
        status=status,
        note=note.strip(),
        recorded_by_name=name_of(user),
    )


@transaction.atomic
def record_review(
    period: MonitoringPeriod, user: User, *, kind: str, reviewed_on: date, outcome: str, next_steps: str = ""
) -> MonitoringReview:
    _open(period)
    _in_period(period, "reviewed_on", reviewed_on, "The date of the review")
    if kind not in ReviewKind.values:
        raise ValidationError({"kind": "Select which review this is"})
    if not outcome.strip():
        raise ValidationError({"outcome": "Say how the return is going"})
    return MonitoringReview.objects.create(
        period=period,
        kind=kind,
        reviewed_on=reviewed_on,
        outcome=outcome.strip(),
        next_steps=next_steps.strip(),
        reviewed_by_name=name_of(user),
    )


def reasons_not_to_close(period: MonitoringPeriod, on: date) -> list[str]:
    """Why the period cannot close on `on` without a manager's override, in words (none: it can)."""
    reasons = []
    if on < period.ends_on:
        reasons.append(
            f"The monitoring period runs until {period.ends_on:%-d %B %Y}: support should last at least "
            f"{conf.months()} months after the return"
        )
    if not period.reviews.filter(kind=ReviewKind.FINAL).exists():
        reasons.append("There is no final review")
    plan = SupportPlan.objects.filter(child_id=period.child_id).first()
    if plan is None or not plan.contingency.strip():
        reasons.append("There is no contingency plan saying what will happen if the return breaks down")
    return reasons


def can_override(user: User, child: Child) -> bool:
    """Only a team manager who signs off this child's decisions may close a period early."""
    return access_to(user, child).can(RecordAction.SIGN_OFF)


@transaction.atomic
def close(
    period: MonitoringPeriod,
    *,
    on: date,
    reason: str,
    user: User,
    override_reason: str = "",
    edit_version: int | None = None,
) -> MonitoringPeriod:
    """Close the period as planned; before its end, without a final review or without a contingency
    plan, only on a team manager's written override (`override_reason`)."""
    claim_edit(period, edit_version)
    period.refresh_from_db()
    _open(period)
    _in_period(period, "on", on, "The date monitoring closed")
    if not reason.strip():
        raise ValidationError({"reason": "Say why monitoring is closing"})
    override_reason = override_reason.strip()
    if override_reason and not can_override(user, period.child):
        raise ValidationError({"override_reason": "Only a team manager can close monitoring early"})
    problems = reasons_not_to_close(period, on)
    if problems and override_reason and not says_something(override_reason):
        raise ValidationError(
            {"override_reason": f"The reason for closing early {quoted(override_reason)}: say why, in words"}
        )
    if problems and not override_reason:
        who = (
            "Give your reason for closing it anyway"
            if can_override(user, period.child)
            else ("A team manager can close it early with a written reason")
        )
        raise ValidationError(["Monitoring cannot close yet.", *problems, who])
    period.closed_on = on
    period.closure = Closure.OVERRIDE if problems else Closure.ENDED
    period.closure_reason = reason.strip()
    period.closed_by = user
    period.closed_by_name = name_of(user)
    if problems:
        period.override_reason = override_reason
        period.overridden_by_name = name_of(user)
    period.save()
    return period


@transaction.atomic
def close_as_breakdown(child: Child, *, on: date, reason: str, user: User | None) -> MonitoringPeriod | None:
    """A re-entry to care: the open period (if any) closes as a breakdown, with the reason. The outcome
    figures count the re-entry from the 903 episodes (`homeward.ssda903`), not from this record."""
    period = MonitoringPeriod.objects.select_for_update().filter(child=child, closed_on__isnull=True).first()
    if period is None:
        return None
    if on < period.started_on:
        raise ValidationError({"on": "The re-entry cannot be before monitoring started"})
    if not reason.strip():
        raise ValidationError({"reason": "Say why the return broke down"})
    period.closed_on = on
    period.closure = Closure.BREAKDOWN
    period.closure_reason = reason.strip()
    period.closed_by = user
    period.closed_by_name = name_of(user) if user else "Recorded with the re-entry"
    period.save()
    return period


def end_for_return_home(child: Child, *, on: date, user: User | None) -> MonitoringPeriod | None:
    """A child placed with parents stops being looked after and stays at home: the placement's period
    ends (as planned, not early: the plan moved on) so that the period after the return can start."""
    period = (
        MonitoringPeriod.objects.select_for_update()
        .filter(child=child, closed_on__isnull=True, kind=PeriodKind.PLACED_WITH_PARENTS)
        .first()
    )
    if period is None:
        return None
    period.closed_on = on
    period.closure = Closure.ENDED
    period.closure_reason = (
        "The child stopped being looked after and stayed at home: monitoring after the return began."
    )
    period.closed_by = user
    period.closed_by_name = name_of(user) if user else ""
    period.save()
    return period


def correct_dates(child: Child, *, was: date, now: date) -> MonitoringPeriod | None:
    """A move's date was corrected: the period it started (or the breakdown it closed) moves with it,
    keeping every visit and review recorded against it. Returns the period corrected, if any."""
    started = MonitoringPeriod.objects.filter(child=child, started_on=was, closed_on__isnull=True).first()
    if started is not None:
        started.started_on = now
        started.ends_on = add_months(now, conf.months())
        started.save()
        return started
    closed = MonitoringPeriod.objects.filter(child=child, closed_on=was, closure=Closure.BREAKDOWN).first()
    if closed is not None:
        closed.closed_on = now
        closed.save()
    return closed
