"""The written agreement with the parents (Leeds template), the staged return plan, and the support
and contingency plans for after the return (NSPCC framework stages 2 and 5).

The agreement is versioned like the assessment: the worker writes it, records the date each parent
agreed to it, and a manager signs it; once signed it is never edited, and a change is a new version
pointing at the one it replaces (`supersedes`). Its parts (each parent's section and their goals)
belong to one version and are copied into the next.

The return plan and the plan for after the return are working plans, one per child, changed as the
return is prepared (they carry who last changed them and when).
"""

from __future__ import annotations

import typing

from django.conf import settings
from django.db import models

from homeward.base.concurrency import EditVersioned
from homeward.base.versioning import PartOfAVersion, SignedRecordError, SignedVersion
from homeward.children.models import Child, FamilyMember
from homeward.framework.snapshot import TimingReason
from homeward.plans import documents


class SignedAgreementError(SignedRecordError):
    """An attempt to change an agreement that was signed."""


class Agreement(SignedVersion, EditVersioned):
    """One version of the written agreement (`version`, `supersedes` and the manager who signed it
    and when: `SignedVersion`)."""

    signed_error = SignedAgreementError
    signed_message = "This version of the agreement is signed and cannot be changed."
    document_class = documents.AgreementDocument

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="agreements")
    review_on = models.DateField("date the agreement will be looked at again", null=True, blank=True)
    # Names are kept on the record whatever happens to the accounts.
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    written_by_name = models.CharField(max_length=200, blank=True)
    started_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["child", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["child", "version"], name="one_agreement_version_number"),
        ]

    def __str__(self) -> str:
        return f"Written agreement for {self.child}, version {self.version}"

    def build_document(self) -> documents.AgreementDocument:
        return documents.build(self)

    @property
    def document(self) -> documents.AgreementDocument:
        return typing.cast(documents.AgreementDocument, super().document)


class _PartOfAnAgreement(PartOfAVersion):
    version_field = "agreement"

    class Meta:
        abstract = True


class ParentSection(_PartOfAnAgreement, EditVersioned):
    """One parent's or carer's part of the agreement (Leeds template: strengths and concerns, what they
    will do, the help they will get, what happens if it is not kept, and their agreement)."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="parents")
    parent = models.ForeignKey(FamilyMember, on_delete=models.RESTRICT, related_name="+")
    strengths = models.TextField(blank=True)
    concerns = models.TextField("what we are worried about", blank=True)
    conditions = models.TextField("what they will do", blank=True)
    support = models.TextField("help they will get from the council and other services", blank=True)
    consequences = models.TextField("what will happen if the agreement is not kept", blank=True)
    agreed_on = models.DateField("date they agreed to it", null=True, blank=True)

    class Meta:
        ordering = ["agreement", "parent__full_name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "parent"], name="one_section_per_parent"),
        ]

    def __str__(self) -> str:
        return f"{self.parent.full_name} in {self.agreement}"

    @property
    def has_conditions(self) -> bool:
        return bool(self.conditions.strip()) or self.goals.exists()


class AgreementGoal(_PartOfAnAgreement):
    """A goal for one parent: what, the steps, by when, and the support that will help."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="goals")
    section = models.ForeignKey(ParentSection, on_delete=models.CASCADE, related_name="goals")
    goal = models.TextField()
    steps = models.TextField(blank=True)
    time_frame = models.CharField(max_length=200, blank=True)
    support = models.TextField("support that will help", blank=True)

    class Meta:
        ordering = ["section", "id"]

    def __str__(self) -> str:
        return self.goal[:60]


TIMING_REASONS: tuple[str, ...] = typing.get_args(TimingReason)


class TimingReasonChoice(models.TextChoices):
    """The framework's fixed list of reasons for the timing of a return (`TimingReason`)."""

    GOALS_MET = "goals_met", "The goals of the agreement have been met"
    SUPPORT_IN_PLACE = "support_in_place", "The support the family needs is in place"
    ASSESSMENT_COMPLETE = "assessment_complete", "The assessment is complete"
    CHILD_WISH = "child_wish", "The child's wish"
    SCHOOL_TERM = "school_term", "The start of a school term"
    SCHOOL_HOLIDAYS = "school_holidays", "The school holidays"
    CHRISTMAS = "christmas", "Christmas"
    RELIGIOUS_FESTIVAL = "religious_festival", "A religious festival"
    BIRTHDAY = "birthday", "A birthday"
    COURT_TIMETABLE = "court_timetable", "The court's timetable"
    PLACEMENT_ENDING = "placement_ending", "The current placement is ending"
    OTHER = "other", "Another reason (say which in the note)"


class ReturnPlan(EditVersioned):
    """The plan for the return itself: its stages, the proposed date and why that date."""

    child = models.OneToOneField(Child, on_delete=models.CASCADE, related_name="return_plan")
    proposed_on = models.DateField("proposed date of return", null=True, blank=True)
    timing_reason = models.CharField(max_length=24, choices=TimingReasonChoice.choices, blank=True)
    timing_note = models.TextField("the reason for the timing, in words", blank=True)
    notes = models.TextField(blank=True)
    updated_by_name = models.CharField(max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Return plan for {self.child}"


class ReturnStage(models.Model):
    """One stage of a staged return (e.g. day contact, then overnight stays, then the return)."""

    plan = models.ForeignKey(ReturnPlan, on_delete=models.CASCADE, related_name="stages")
    description = models.TextField("what happens")
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["plan", "starts_on", "id"]

    def __str__(self) -> str:
        return self.description[:60]


class SupportPlan(EditVersioned):
    """Support after the return (the child as a child in need) and the contingency plan."""

    child = models.OneToOneField(Child, on_delete=models.CASCADE, related_name="support_plan")
    months = models.PositiveIntegerField("months of support after the return")
    trusted_adult = models.CharField("a trusted adult the child can go to", max_length=200, blank=True)
    seen_alone = models.CharField(
        "how often the child is seen alone and out of the home", max_length=200, blank=True
    )
    contingency = models.TextField("what will happen if the return breaks down", blank=True)
    contingency_recorded_on = models.DateField(null=True, blank=True)
    updated_by_name = models.CharField(max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Support plan for {self.child}"


class SupportService(models.Model):
    plan = models.ForeignKey(SupportPlan, on_delete=models.CASCADE, related_name="services")
    service = models.TextField("the service or support")
    provided_by = models.CharField("who provides it", max_length=200)
    # When the service is due to stop: support ending before monitoring ends is an alert there.
    ends_on = models.DateField("when the service ends", null=True, blank=True)

    class Meta:
        ordering = ["plan", "id"]

    def __str__(self) -> str:
        return f"{self.service[:40]} ({self.provided_by})"
