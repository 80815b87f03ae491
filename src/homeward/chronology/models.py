"""What a worker adds to the child's chronology; everything else in it is read from the records.

The chronology is built each time from the records of the other apps (`chronology.selectors`): nothing
they hold is copied here. Only two things are the chronology's own: a significant event the records do
not hold (a disclosure at school, a grandparent's death), always with its source, and the worker's
analysis of what an event meant for the child, kept against the event's key, whichever kind it is.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from homeward.base.concurrency import EditVersioned
from homeward.children.models import Child


class EventKind(models.TextChoices):
    """The kinds of event in a chronology, in the order its filter lists them (not stored: the
    chronology's events are read from the records each time)."""

    CARE = "care", "Care episodes and moves"
    LEGAL_STATUS = "legal_status", "Legal status"
    HOUSEHOLD = "household", "Family and household"
    AGENCY = "agency", "Agencies"
    ASSESSMENT = "assessment", "Assessments"
    SEEN = "seen", "Visits and the child seen"
    RISK = "risk", "Risk classifications"
    CONCERN = "concern", "Concerns and missing from care"
    DECISION = "decision", "Decisions"
    MEETING = "meeting", "Meetings"
    PLAN = "plan", "Written agreements"
    MONITORING = "monitoring", "Monitoring after a return"
    SIGNIFICANT = "significant", "Significant events added by hand"


class SignificantEvent(EditVersioned):
    """An event in the child's life a worker adds by hand, with who said so or where it is recorded."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="significant_events")
    happened_on = models.DateField("date it happened")
    description = models.CharField("what happened", max_length=500)
    source = models.CharField("source", max_length=300, help_text="Who said so, or where it is recorded")
    # Who added it: the account (kept null if it is ever deleted) and the name, kept always.
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_by_name = models.CharField(max_length=200)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["child", "happened_on", "id"]

    def __str__(self) -> str:
        return f"{self.description} ({self.happened_on:%d/%m/%Y})"

    @property
    def event_key(self) -> str:
        return f"significant-{self.pk}"


class AnalysisNote(EditVersioned):
    """The worker's analysis of one event in the chronology: what it meant for the child. One note an
    event, changed in place (a stale change is refused); the event is named by its key in the
    chronology (`chronology.selectors`), as built events have no row of their own here."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="chronology_notes")
    event_key = models.CharField(max_length=80)
    note = models.TextField("what it meant for the child")
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    written_by_name = models.CharField(max_length=200)
    written_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["child", "event_key"]
        constraints = [
            models.UniqueConstraint(fields=["child", "event_key"], name="one_analysis_note_an_event"),
        ]

    def __str__(self) -> str:
        return f"Analysis of {self.event_key} for {self.child}"
