"""Decisions at the gates D1–D3: the worker's proposal, the manager's sign-off, the IRO's challenge.

A decision keeps what it was made against: the framework's evaluation of the record on the day (its
gaps, cautions and suggested answer, as JSON), the configuration version, and the assessment version.
Every gap and caution is answered in writing (`FindingResponse`). A signed decision is never edited:
a change is a new version pointing at the old one (`supersedes`).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from homeward.assessments.models import Assessment
from homeward.children.models import Child
from homeward.site.versioning import Versioned


class GateChoice(models.TextChoices):
    D1 = "D1", "D1: should a return home be considered?"
    D2 = "D2", "D2: should we proceed to a reunification plan?"
    D3 = "D3", "D3: should the child return home?"


class Answer(models.TextChoices):
    YES = "yes", "Yes: the child would be safe and nurtured at home"
    MAYBE = "maybe", "Maybe: with a plan and support"
    NO = "no", "No: seek another route to permanence"


class Status(models.TextChoices):
    PROPOSED = "proposed", "Waiting for manager sign-off"
    SIGNED_OFF = "signed_off", "Signed off"
    RETURNED = "returned", "Returned to the worker"


class Decision(Versioned):
    """One version of the decision at a gate (`version`, `supersedes`: `Versioned`). It is signed when
    the manager signs it off (`status`); the manager is recorded whether they sign off or return it, so
    the signature fields are its own (`manager`, `manager_name`, `manager_at`), not `SignedVersion`'s."""

    signed_rows = models.Q(status=Status.SIGNED_OFF)
    signed_error = ValidationError
    signed_message = "This decision was signed off and cannot be changed."

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="reunification_decisions")
    gate = models.CharField(max_length=2, choices=GateChoice.choices)
    answer = models.CharField("the worker's answer", max_length=5, choices=Answer.choices)
    rationale = models.TextField()
    # Accounts may be deleted one day; the names on a decision are kept whatever happens to them.
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    proposed_by_name = models.CharField(max_length=200, blank=True)
    proposed_at = models.DateTimeField(auto_now_add=True)

    # What it was made against.
    as_of = models.DateField()
    assessment = models.ForeignKey(
        Assessment, null=True, blank=True, on_delete=models.RESTRICT, related_name="decisions"
    )
    evaluation = models.JSONField(help_text="The framework's evaluation of the record on the day")
    suggested_answer = models.CharField(max_length=5, choices=Answer.choices)
    config_version = models.CharField("framework configuration version", max_length=40)

    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PROPOSED)
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    manager_name = models.CharField(max_length=200, blank=True)
    manager_at = models.DateTimeField(null=True, blank=True)
    manager_reasons = models.TextField(blank=True)

    class Meta:
        ordering = ["child", "-proposed_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["child", "gate", "version"], name="one_decision_version_number"),
        ]

    def __str__(self) -> str:
        return f"{self.gate} for {self.child}, version {self.version}: {self.answer}"

    @property
    def is_signed(self) -> bool:
        return self.status == Status.SIGNED_OFF

    @property
    def disagrees_with_framework(self) -> bool:
        return self.answer != self.suggested_answer

    @property
    def gaps(self) -> list[dict[str, Any]]:
        return list(self.evaluation.get("gaps", []))

    @property
    def cautions(self) -> list[dict[str, Any]]:
        return list(self.evaluation.get("cautions", []))


class FindingResponse(models.Model):
    """The worker's written answer to one gap or caution: why it does not apply, or what is being done."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="responses")
    finding_id = models.CharField(max_length=80)
    kind = models.CharField(max_length=10)
    title = models.CharField(max_length=200)
    message = models.TextField()
    source = models.CharField(max_length=300)
    response = models.TextField()

    class Meta:
        ordering = ["decision", "id"]  # as the framework lists them: gaps, then cautions
        constraints = [
            models.UniqueConstraint(fields=["decision", "finding_id"], name="one_response_per_finding"),
        ]

    def __str__(self) -> str:
        return f"{self.finding_id}: {self.response[:60]}"


class Challenge(models.Model):
    """An IRO's challenge to (or comment on) a decision; disagreement is recorded, never lost."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="challenges")
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    raised_by_name = models.CharField(max_length=200, blank=True)
    raised_at = models.DateTimeField(auto_now_add=True)
    disagrees = models.BooleanField("disagrees with the decision")
    text = models.TextField()

    class Meta:
        ordering = ["decision", "raised_at", "id"]

    def __str__(self) -> str:
        return f"Challenge to {self.decision} by {self.raised_by}"
