"""Planning and review meetings: who was invited and came, what was decided, actions, signed minutes.

A meeting (its kind, date, purpose and chair), the people invited to it (`Participant`, one row each:
a family member, the child, an agency, the IRO or someone else) and the actions agreed at it belong
to its minutes. The minutes are a `SignedVersion`: the worker records them, a manager signs them, and
signing freezes everything they show (names, dates, who came, what was decided, the actions agreed)
into their document. While the latest version of the minutes is signed the meeting is locked: its
details, participants and actions cannot change until a new version of the minutes is started.

An action's *tracking* is the exception: marking it done after the minutes are signed is allowed.
The minutes record what was agreed (what, who, by when) and keep it frozen; whether it was later done
is a fact about the work since the meeting, not about the meeting, so it lives on the action row and
is shown beside the signed minutes, never inside them.
"""

from __future__ import annotations

import typing

from django.conf import settings
from django.db import models

from homeward.base.concurrency import EditVersioned
from homeward.base.versioning import SignedRecordError, SignedVersion
from homeward.children.models import Child, FamilyMember
from homeward.meetings import documents
from homeward.organisation.models import Agency


class SignedMinutesError(SignedRecordError):
    """An attempt to change minutes (or the meeting they record) that were signed."""


class MeetingKind(models.TextChoices):
    # The framework's slugs (`homeward.framework.snapshot.MeetingKind`).
    PROFESSIONALS = "professionals_meeting", "Professionals' meeting"
    FAMILY_GROUP_CONFERENCE = "family_group_conference", "Family group conference"
    LOOKED_AFTER_REVIEW = "looked_after_review", "Looked-after review (chaired by the IRO)"
    REVIEW_AFTER_RETURN = "review_after_return", "Review after the return home"


class Meeting(EditVersioned):
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="meetings")
    kind = models.CharField("kind of meeting", max_length=32, choices=MeetingKind.choices)
    held_on = models.DateField("date of the meeting")
    purpose = models.TextField("purpose of the meeting")
    chair = models.CharField("who chaired it", max_length=200)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_by_name = models.CharField(max_length=200, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["child", "-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.held_on:%-d %B %Y}"


class ParticipantKind(models.TextChoices):
    FAMILY = "family", "Family member"
    CHILD = "child", "The child"
    AGENCY = "agency", "Agency"
    IRO = "iro", "Independent reviewing officer"
    OTHER = "other", "Someone else"


class Participant(models.Model):
    """One person or agency asked to the meeting: whether they were invited, came, or sent apologies."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="participants")
    kind = models.CharField(max_length=10, choices=ParticipantKind.choices)
    family_member = models.ForeignKey(
        FamilyMember, null=True, blank=True, on_delete=models.RESTRICT, related_name="+"
    )
    agency = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.RESTRICT, related_name="+")
    name = models.CharField("name", max_length=200, blank=True)  # someone else's (another member of staff)
    role = models.CharField("role", max_length=200, blank=True)
    invited = models.BooleanField(default=False)
    attended = models.BooleanField(default=False)
    apologies = models.BooleanField("sent apologies", default=False)

    class Meta:
        ordering = ["meeting", "kind", "id"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "family_member"], name="meeting_family_member_once"),
            models.UniqueConstraint(fields=["meeting", "agency"], name="meeting_agency_once"),
        ]

    def __str__(self) -> str:
        return self.name or self.get_kind_display()


class Minutes(SignedVersion, EditVersioned):
    """One version of the minutes of a meeting: what was decided; signed by a manager."""

    signed_error = SignedMinutesError
    signed_message = "These minutes are signed and cannot be changed."
    document_class = documents.MinutesDocument

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="minutes")
    decisions = models.TextField("what was decided", blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    written_by_name = models.CharField(max_length=200, blank=True)
    started_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["meeting", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "version"], name="one_minutes_version_number"),
        ]

    def __str__(self) -> str:
        return f"Minutes of the {self.meeting}, version {self.version}"

    def build_document(self) -> documents.MinutesDocument:
        return documents.build(self)

    @property
    def document(self) -> documents.MinutesDocument:
        return typing.cast(documents.MinutesDocument, super().document)


class Action(EditVersioned):
    """An action agreed at the meeting: what, who (a named person or agency, and their Homeward account
    if they have one), by when, and when it was done."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="actions")
    description = models.TextField("what needs to be done")
    owner_name = models.CharField("who will do it", max_length=200)
    owner_agency = models.ForeignKey(
        Agency, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    due_on = models.DateField("date it is due")
    done_on = models.DateField("date it was done", null=True, blank=True)
    done_recorded_by_name = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["meeting", "due_on", "id"]

    def __str__(self) -> str:
        return self.description[:60]
