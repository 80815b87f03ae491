"""Telling every agency: in-app notifications, the email outbox and the sharing log.

- `Notification`: one in-app message to one Homeward user about one child (who, what changed, a link),
  which the user acknowledges.
- `OutboxEmail`: an email to an agency's named contact (or to a person, their password reset link),
  queued in the caller's transaction and sent later by the worker (`python -m homeward worker`),
  retried with backoff, never deleted.
- `SharingRecord`: Working Together 2023's log of what was shared, with whom, when, for what purpose and
  on what lawful basis (written once; each row points at the notification or email that carried it).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from homeward.base.versioning import WriteOnce
from homeward.children.models import Child
from homeward.organisation.models import Agency


class Notification(models.Model):
    """A message in Homeward to one user: the least they must know, never the case file."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="notifications")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    event = models.CharField("what happened", max_length=60)
    summary = models.CharField(max_length=500)
    happened_on = models.DateField("date of the change")
    link = models.CharField("page in Homeward", max_length=500)
    created_at = models.DateTimeField(default=timezone.now)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "acknowledged_at"], name="notification_inbox")]

    def __str__(self) -> str:
        return f"{self.event} for {self.child_id} to {self.recipient_id}"

    @property
    def is_acknowledged(self) -> bool:
        return self.acknowledged_at is not None


class OutboxEmail(models.Model):
    """An email waiting to be sent, sent, or given up on after `MAX_ATTEMPTS` (kept, shown as failed)."""

    # None for an email about a person's own account (a password reset link), not about a child.
    child = models.ForeignKey(
        Child, null=True, blank=True, on_delete=models.CASCADE, related_name="outbox_emails"
    )
    to_address = models.EmailField()
    to_name = models.CharField(max_length=200, blank=True)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    gave_up_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["sent_at", "gave_up_at", "next_attempt_at"], name="outbox_due")]

    def __str__(self) -> str:
        return f"Email to {self.to_address}: {self.subject}"

    @property
    def status(self) -> str:
        if self.sent_at is not None:
            return "sent"
        if self.gave_up_at is not None:
            return "failed"
        return "retrying" if self.attempts else "waiting"


class Channel(models.TextChoices):
    EMAIL = "email", "by email"
    IN_APP = "in_app", "in Homeward"


class ToldAs(models.TextChoices):
    AGENCY = "agency", "Agency involved"
    IRO = "iro", "Independent reviewing officer"
    MANAGER = "manager", "Team manager"


class SharingRecord(WriteOnce):
    """One sharing of information about a child with one recipient (Working Together to Safeguard
    Children 2023): what, with whom, when, why and on what basis; written once."""

    written_once_message = "The record of what was shared is kept as it was written."

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="sharing_records")
    event = models.CharField("what happened", max_length=60)
    what = models.CharField("what was shared", max_length=500)
    happened_on = models.DateField("date of the change")
    shared_at = models.DateTimeField("when it was shared", default=timezone.now)
    told_as = models.CharField("why they were told", max_length=20, choices=ToldAs.choices)
    agency = models.ForeignKey(
        Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="sharing_records"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    person_name = models.CharField("person told", max_length=200)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    purpose = models.CharField(max_length=300)
    basis = models.CharField("lawful basis", max_length=300)
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    shared_by_name = models.CharField(max_length=200)
    notification = models.OneToOneField(
        Notification, null=True, blank=True, on_delete=models.RESTRICT, related_name="sharing"
    )
    email = models.OneToOneField(
        OutboxEmail, null=True, blank=True, on_delete=models.RESTRICT, related_name="sharing"
    )

    class Meta:
        ordering = ["-shared_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(channel="email", email__isnull=False, notification__isnull=True)
                    | models.Q(channel="in_app", notification__isnull=False, email__isnull=True)
                ),
                name="sharing_carried_by_its_channel",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.what[:60]} shared with {self.person_name}"
