"""Decisions at the gates D1–D3: the worker's proposal, the manager's sign-off, the IRO's challenge.

A decision keeps what it was made against: the framework's evaluation of the record on the day (its
gaps, cautions and suggested answer, as JSON), the configuration version, and the assessment version.
Every gap and caution is answered in writing (`FindingResponse`). A signed decision is never edited:
a change is a new version pointing at the old one (`supersedes`).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

from django.conf import settings
from django.db import models
from django.utils import timezone

from homeward.assessments.models import Assessment
from homeward.base.versioning import PartOfAVersion, SignedRecordError, SignedVersion, WriteOnce
from homeward.children.models import Child
from homeward.decisions import documents


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


class SignedDecisionError(SignedRecordError):
    """An attempt to change a decision that was signed off (or returned)."""


class Decision(SignedVersion):
    """One version of the decision at a gate (`version`, `supersedes`, and the manager who signed it
    off and when: `SignedVersion`). A manager may instead return it to the worker unsigned
    (`returned_by`, `returned_by_name`, `returned_at`); either answer closes this version, and the
    worker's revision is the next one. `status` is read from those two, never stored apart from them."""

    # A returned version is closed too: it is kept as the manager saw it, beside its revision.
    signed_rows = models.Q(signed_at__isnull=False) | models.Q(returned_at__isnull=False)
    signed_error = SignedDecisionError
    signed_message = "This decision was signed off or returned, and cannot be changed."
    document_class = documents.DecisionDocument

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

    # Returned to the worker unsigned: who (the account, kept null if deleted; the name, kept always), when.
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    returned_by_name = models.CharField(max_length=200, blank=True)
    returned_at = models.DateTimeField(null=True, blank=True)
    # The manager's reasons, whether they signed it off or returned it.
    manager_reasons = models.TextField(blank=True)

    class Meta:
        ordering = ["child", "-proposed_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["child", "gate", "version"], name="one_decision_version_number"),
            models.CheckConstraint(
                condition=models.Q(signed_at__isnull=True) | models.Q(returned_at__isnull=True),
                name="decision_signed_off_or_returned_not_both",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.gate} for {self.child}, version {self.version}: {self.answer}"

    def build_document(self) -> documents.DecisionDocument:
        return documents.build(self)

    @property
    def document(self) -> documents.DecisionDocument:
        return cast(documents.DecisionDocument, super().document)

    @property
    def status(self) -> Status:
        if self.signed_at is not None:
            return Status.SIGNED_OFF
        if self.returned_at is not None:
            return Status.RETURNED
        return Status.PROPOSED

    def get_status_display(self) -> str:
        return str(self.status.label)

    @property
    def reviewed_by_name(self) -> str:
        """The manager who answered it (signed it off or returned it); blank while it waits."""
        return self.signed_by_name or self.returned_by_name

    @property
    def reviewed_at(self) -> datetime | None:
        return self.signed_at or self.returned_at

    def return_unsigned(self, user: Any, name: str, reasons: str) -> None:
        """The manager's other answer: returned to the worker, closed without a signature."""
        self.returned_by = user
        self.returned_by_name = name
        self.returned_at = timezone.now()
        self.manager_reasons = reasons
        self.save(update_fields=["returned_by", "returned_by_name", "returned_at", "manager_reasons"])

    @property
    def disagrees_with_framework(self) -> bool:
        return self.answer != self.suggested_answer

    @property
    def gaps(self) -> list[dict[str, Any]]:
        return list(self.evaluation.get("gaps", []))

    @property
    def cautions(self) -> list[dict[str, Any]]:
        return list(self.evaluation.get("cautions", []))


class FindingResponse(PartOfAVersion):
    """The worker's written answer to one gap or caution: why it does not apply, or what is being done.
    Part of its decision: saved or deleted only while the decision waits for the manager."""

    version_field = "decision"

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


class Challenge(WriteOnce):
    """An IRO's challenge to (or comment on) a decision; disagreement is recorded, never lost (written
    once: a further challenge is another record)."""

    written_once_message = "An IRO's challenge is kept as it was written: add another instead."

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


class ChallengeAnswer(WriteOnce):
    """The worker's or the manager's written answer to an IRO's challenge. A challenge that disagrees
    stays open, on the record and the caseload, until both have answered (written once: a further
    answer is another record)."""

    written_once_message = "An answer to a challenge is kept as it was written: add another instead."

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="answers")
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_by_name = models.CharField(max_length=200)
    role = models.CharField(max_length=20)  # the answerer's role (organisation.Role) when they answered
    answered_at = models.DateTimeField(auto_now_add=True)
    text = models.TextField("the answer")

    class Meta:
        ordering = ["challenge", "answered_at", "id"]

    def __str__(self) -> str:
        return f"Answer to {self.challenge} by {self.answered_by_name}"
