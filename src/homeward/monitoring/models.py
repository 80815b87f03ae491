"""After the return: the monitoring period, the visits, engagement with support and the reviews.

A return home (903 REC E4A/E4B) or a placement with parents while looked after (903 PLACE P1) starts a
monitoring period: the child is a child in need with a plan, visited at a cadence chosen when the
period starts (with its source), until the period ends or is closed. Visits, engagement with a service
and reviews are dated facts, written once: a later record says what changed. Alerts are never stored;
`homeward.monitoring.alerts` works them out from these records each time.

The named trusted adult is the support plan's (`plans.SupportPlan.trusted_adult`) and the third risk
classification is `assessments.RiskClassification` at point RC3: both are shown here, not copied.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from homeward.base.concurrency import EditVersioned
from homeward.base.versioning import WriteOnce
from homeward.children.models import Child
from homeward.plans.models import SupportService


class PeriodKind(models.TextChoices):
    RETURN_HOME = "return_home", "After a return home"
    PLACED_WITH_PARENTS = "placed_with_parents", "Placed with parents while looked after"


class Closure(models.TextChoices):
    ENDED = "ended", "Ended as planned"
    OVERRIDE = "override", "Closed early on a manager's override"
    BREAKDOWN = "breakdown", "Broke down: the child came back into care"


class MonitoringPeriod(EditVersioned):
    """One period of monitoring after a return or a placement with parents (closing it is an edit: a
    close from a form drawn before someone else closed or changed it is refused)."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="monitoring_periods")
    kind = models.CharField(max_length=24, choices=PeriodKind.choices)
    started_on = models.DateField("monitoring started")
    ends_on = models.DateField("monitoring due to end")
    # The visit cadence chosen at the start, kept as chosen (a later change of settings does not
    # change what this period promised): days between visits until the first review, then after it.
    first_review_on = models.DateField("first review due", null=True, blank=True)
    visit_days_before_review = models.PositiveIntegerField()
    visit_days_after_review = models.PositiveIntegerField()
    cadence = models.CharField("how often the child is visited", max_length=300)
    cadence_source = models.CharField("where that cadence comes from", max_length=300)
    started_by_name = models.CharField(max_length=200)
    closed_on = models.DateField(null=True, blank=True)
    closure = models.CharField("how it closed", max_length=12, choices=Closure.choices, blank=True)
    closure_reason = models.TextField("why it closed", blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_by_name = models.CharField(max_length=200, blank=True)
    override_reason = models.TextField("the manager's reason for closing early", blank=True)
    overridden_by_name = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["child", "-started_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["child"],
                condition=models.Q(closed_on__isnull=True),
                name="one_open_monitoring_period",
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("started_on")),
                name="monitoring_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"Monitoring of {self.child} from {self.started_on:%d/%m/%Y}"

    @property
    def is_open(self) -> bool:
        return self.closed_on is None


class Visit(WriteOnce):
    """A visit to the child during the monitoring period, as recorded by the worker who made it."""

    written_once_message = "A visit is not changed once recorded: record what was found later as a new visit."

    period = models.ForeignKey(MonitoringPeriod, on_delete=models.CASCADE, related_name="visits")
    visited_on = models.DateField("date of the visit")
    child_seen = models.BooleanField("the child was seen")
    seen_alone = models.BooleanField("the child was seen alone")
    seen_away_from_home = models.BooleanField("the child was seen away from home")
    present = models.CharField("who else was there", max_length=300, blank=True)
    child_words = models.TextField("what the child said, in their own words", blank=True)
    observations = models.TextField("what the worker saw", blank=True)
    concerns = models.TextField(blank=True)
    raises_concern = models.BooleanField("the visit raises a new concern")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_by_name = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["period", "-visited_on", "-id"]

    def __str__(self) -> str:
        return f"Visit on {self.visited_on:%d/%m/%Y}"


class Engagement(models.TextChoices):
    ATTENDED = "attended", "Attended"
    MISSED = "missed", "Missed an appointment"
    DISENGAGED = "disengaged", "Stopped engaging with the service"


class ServiceEngagement(WriteOnce):
    """How the family engaged with one support service on one date."""

    written_once_message = "Engagement is not changed once recorded: record the next appointment instead."

    period = models.ForeignKey(MonitoringPeriod, on_delete=models.CASCADE, related_name="engagements")
    service = models.ForeignKey(SupportService, on_delete=models.CASCADE, related_name="engagements")
    on = models.DateField("date")
    status = models.CharField(max_length=12, choices=Engagement.choices)
    note = models.TextField(blank=True)
    recorded_by_name = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["period", "-on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_status_display()} on {self.on:%d/%m/%Y}"


class ReviewKind(models.TextChoices):
    SIX_MONTHS = "six_months", "Outcome review at six months"
    FINAL = "final", "Final review before the period closes"


class MonitoringReview(WriteOnce):
    """The outcome review at six months, or the final review before the period closes."""

    written_once_message = "A review is not changed once recorded: a later review says what changed."

    period = models.ForeignKey(MonitoringPeriod, on_delete=models.CASCADE, related_name="reviews")
    kind = models.CharField(max_length=12, choices=ReviewKind.choices)
    reviewed_on = models.DateField("date of the review")
    outcome = models.TextField("how the return is going")
    next_steps = models.TextField("what happens next", blank=True)
    reviewed_by_name = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["period", "reviewed_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.reviewed_on:%d/%m/%Y}"


class ConcernKind(models.TextChoices):
    RE_REFERRAL = "re_referral", "A re-referral to children's social care"
    CONCERN = "concern", "A concern raised by an agency, the family or the child"


class ConcernReport(WriteOnce):
    """A concern or a re-referral reported after the return (apart from a visit): who raised it, when,
    and what they said. It stands as an alert until a review on or after it has weighed it."""

    written_once_message = "A concern is kept as it was reported: record a review to respond to it."

    period = models.ForeignKey(MonitoringPeriod, on_delete=models.CASCADE, related_name="concerns")
    kind = models.CharField(max_length=12, choices=ConcernKind.choices)
    reported_on = models.DateField("date it was reported")
    reported_by = models.CharField("who raised it", max_length=200)
    what = models.TextField("what they said")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_by_name = models.CharField(max_length=200)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["period", "-reported_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.reported_on:%d/%m/%Y}"
