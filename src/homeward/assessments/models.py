"""The reunification assessment (NSPCC framework stage 1) and the evidence of change that follows it.

An assessment is versioned: once the worker completes and signs it, it is never edited; a change
starts a new version that points at the one it replaces (`supersedes`). Its parts (each household
member's assessment, each carer's capacity, the family's needs, the agencies consulted) belong to one
version and are copied into the next.

Evidence, goals and their reviews, and risk classifications belong to the child, not to one version of
the assessment: they accumulate over the months the family works towards a return, and each is a dated
record in its own right (a review is not re-scored; a new classification is made at the next point).
"""

from __future__ import annotations

import typing

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from homeward.assessments import documents
from homeward.base.concurrency import EditVersioned
from homeward.base.versioning import PartOfAVersion, SignedVersion, WriteOnce
from homeward.base.versioning import SignedRecordError as SignedRecordError  # the services raise it
from homeward.children.models import Child, FamilyMember
from homeward.organisation.models import Agency


class _PartOfAVersion(PartOfAVersion):
    """A part of one assessment version: saved or deleted only while the version is unsigned."""

    version_field = "assessment"

    class Meta:
        abstract = True


class NeedType(models.TextChoices):
    """The family's needs and concerns; the same slugs as the framework's snapshot (`Need.type`)."""

    PARENTAL_MENTAL_HEALTH = "parental_mental_health", "Parental mental health"
    SUBSTANCE_MISUSE = "substance_misuse", "Substance misuse (drugs or alcohol)"
    DOMESTIC_ABUSE = "domestic_abuse", "Domestic abuse"
    NEGLECT = "neglect", "Neglect"
    EMOTIONAL_ABUSE = "emotional_abuse", "Emotional abuse"
    PHYSICAL_ABUSE = "physical_abuse", "Physical abuse"
    SEXUAL_ABUSE = "sexual_abuse", "Sexual abuse"
    PARENTAL_LEARNING_DISABILITY = "parental_learning_disability", "Parental learning disability"
    HOUSING = "housing", "Housing"
    CHILD_OFFENDING = "child_offending", "The child's offending"
    CHILD_HEALTH = "child_health", "The child's health"
    OTHER = "other", "Another concern"


class EvidenceKind(models.TextChoices):
    WRITTEN = "written", "Written (a letter, report or document)"
    VERBAL_REPORT = "verbal_report", "Verbal report (told, not written)"
    OBSERVATION = "observation", "Seen by the worker (direct observation)"
    ATTENDANCE = "attendance", "Attendance at a service only"


class RiskPoint(models.TextChoices):
    RC1 = "RC1", "RC1: after the assessment"
    RC2 = "RC2", "RC2: after goals are reviewed"
    RC3 = "RC3", "RC3: after the return home"


class RiskLevel(models.TextChoices):
    # Labels here are defaults; the framework's configuration holds the authority's own wording.
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"
    VERY_HIGH = "very_high", "Very high"


class Assessment(SignedVersion, EditVersioned):
    """One version of a child's reunification assessment (`version`, `supersedes` and who signed it
    and when: `SignedVersion`)."""

    signed_message = "This version of the assessment is signed and cannot be changed."
    document_class = documents.AssessmentDocument

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="reunification_assessments")
    started_on = models.DateField()
    # Who wrote and signed it: the account (kept null if it is ever deleted) and the name, kept always.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    author_name = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    reason_for_new_version = models.TextField(blank=True)

    # Risk and protective factors (the family's needs are `Need` rows).
    risk_factors = models.TextField("risk factors", blank=True)
    protective_factors = models.TextField("protective factors", blank=True)
    # The child.
    child_needs = models.TextField("the child's needs", blank=True)
    early_experiences = models.TextField("the child's early experiences", blank=True)
    wishes_recorded_on = models.DateField("date the child's wishes were recorded", null=True, blank=True)
    wishes_in_own_words = models.TextField("what the child said, in their own words", blank=True)
    wishes_present = models.TextField("who was present", blank=True, help_text="One person a line")
    wishes_pressure_considered = models.BooleanField("parental pressure considered", default=False)
    wishes_pressure_notes = models.TextField("what was considered about pressure", blank=True)
    wishes_seen_alone = models.BooleanField("the child was seen alone", default=False)
    # Support.
    support_needs = models.TextField("support needs", blank=True)

    # Completed and signed by the worker (`signed_by`, `signed_at`): from then on it is never edited.
    completed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["child", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["child", "version"], name="one_assessment_version_number"),
        ]

    def __str__(self) -> str:
        return f"Reunification assessment for {self.child}, version {self.version}"

    def build_document(self) -> documents.AssessmentDocument:
        return documents.build(self)

    @property
    def document(self) -> documents.AssessmentDocument:
        return typing.cast(documents.AssessmentDocument, super().document)

    @property
    def present_list(self) -> list[str]:
        return [line.strip() for line in self.wishes_present.splitlines() if line.strip()]


class MemberAssessment(_PartOfAVersion, EditVersioned):
    """A household member assessed (with a date and summary) or explicitly excluded with a reason."""

    class Outcome(models.TextChoices):
        ASSESSED = "assessed", "Assessed"
        EXCLUDED = "excluded", "Excluded from assessment"

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="members")
    member = models.ForeignKey(FamilyMember, on_delete=models.RESTRICT, related_name="+")
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    assessed_on = models.DateField(null=True, blank=True)
    summary = models.TextField(blank=True)
    excluded_reason = models.TextField(blank=True)
    poses_risk = models.BooleanField("identified as a source of risk to the child", default=False)

    class Meta:
        ordering = ["assessment", "member__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "member"], name="one_member_assessment_each"),
        ]

    def __str__(self) -> str:
        return f"{self.member.full_name}: {self.get_outcome_display()}"


class CarerCapacity(_PartOfAVersion, EditVersioned):
    """One carer's own parenting capacity and capacity to change, assessed in their own right."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="carers")
    carer = models.ForeignKey(FamilyMember, on_delete=models.RESTRICT, related_name="+")
    assessed_on = models.DateField()
    assessed_separately = models.BooleanField(
        "assessed in their own right, not only as part of a couple", default=True
    )
    parenting_capacity = models.TextField()
    capacity_to_change = models.TextField()

    class Meta:
        ordering = ["assessment", "carer__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "carer"], name="one_capacity_assessment_each"),
        ]

    def __str__(self) -> str:
        return f"{self.carer.full_name}'s parenting capacity"


class Evidence(models.Model):
    """What was seen or heard, from whom, when it was seen and when it was written up."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="reunification_evidence")
    description = models.TextField()
    source = models.CharField("who gave or produced it", max_length=200)
    kind = models.CharField(max_length=20, choices=EvidenceKind.choices)
    agency = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.RESTRICT, related_name="+")
    seen_on = models.DateField("date seen, heard or received")
    written_up_on = models.DateField("date written up in the record")
    # What it says about whether the need it concerns is continuing: None when it does not say.
    shows_continuing = models.BooleanField("says the need is continuing", null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["child", "-seen_on", "-id"]
        verbose_name_plural = "evidence"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(written_up_on__gte=models.F("seen_on")),
                name="evidence_written_up_after_seen",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.description[:60]} ({self.seen_on:%d/%m/%Y})"

    @property
    def kind_in_brief(self) -> str:
        return {"observation": "observation", "attendance": "attendance only"}.get(
            self.kind, self.kind.replace("_", " ")
        )

    @property
    def days_to_write_up(self) -> int:
        return (self.written_up_on - self.seen_on).days


class Need(_PartOfAVersion):
    """A need or concern in the family: a risk factor the assessment identified."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="needs")
    need_type = models.CharField("kind of need", max_length=40, choices=NeedType.choices)
    person = models.ForeignKey(
        FamilyMember, null=True, blank=True, on_delete=models.RESTRICT, related_name="+"
    )
    continuing = models.BooleanField("still continuing now", default=False)
    notes = models.TextField(blank=True)
    # The evidence the "continuing / not continuing" judgement rests on (the child's evidence items).
    evidence = models.ManyToManyField(Evidence, blank=True, related_name="needs")

    class Meta:
        ordering = ["assessment", "need_type", "id"]

    def __str__(self) -> str:
        return self.get_need_type_display()


class ChildSeen(_PartOfAVersion):
    """One occasion during the assessment the child was seen: when, who was present (names and roles,
    one a line) and whether the child was seen alone."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="child_seen")
    seen_on = models.DateField("date the child was seen")
    present = models.TextField("who was present", help_text="One person a line, with their role")
    seen_alone = models.BooleanField("the child was seen alone")
    note = models.CharField(max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["assessment", "seen_on", "id"]
        verbose_name_plural = "occasions the child was seen"

    def __str__(self) -> str:
        return f"Seen on {self.seen_on:%d/%m/%Y}{' alone' if self.seen_alone else ''}"

    @property
    def present_list(self) -> list[str]:
        return [line.strip() for line in self.present.splitlines() if line.strip()]


class AgencyConsulted(_PartOfAVersion):
    """An agency whose information the assessment sought, and what it contributed."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="agencies_consulted")
    agency = models.ForeignKey(Agency, on_delete=models.RESTRICT, related_name="+")
    consulted_on = models.DateField()
    contribution = models.TextField()

    class Meta:
        ordering = ["assessment", "consulted_on", "id"]

    def __str__(self) -> str:
        return f"{self.agency.name} consulted on {self.consulted_on:%d/%m/%Y}"


class MissingEpisode(models.Model):
    """A time the child went missing from care (or away without permission), and whether they went to
    the family home. The child's, not one version's: a dated event in the child's history."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="missing_episodes")
    started_on = models.DateField("date the child went missing")
    ended_on = models.DateField("date the child was found or came back", null=True, blank=True)
    ran_home = models.BooleanField("the child went to the family home")
    note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["child", "-started_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=models.F("started_on")),
                name="missing_episode_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"Missing from {self.started_on:%d/%m/%Y}"


class Goal(models.Model):
    """A goal for one parent or carer, reviewed over time by Goal Attainment Scaling."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="reunification_goals")
    parent = models.ForeignKey(FamilyMember, on_delete=models.RESTRICT, related_name="+")
    description = models.TextField("the goal, in words the family can read")
    weight = models.PositiveSmallIntegerField(
        default=1, validators=[MinValueValidator(1), MaxValueValidator(5)], help_text="1 unless agreed"
    )
    set_on = models.DateField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["child", "parent__full_name", "set_on", "id"]

    def __str__(self) -> str:
        return self.description[:80]


class GoalReview(WriteOnce):
    """One review of a goal, scored −2 (much less than expected) … 0 (expected) … +2 (much more).
    Written once: a goal is not re-scored, it is reviewed again."""

    written_once_message = "A goal's review is not changed: review the goal again."

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="reviews")
    reviewed_on = models.DateField()
    score = models.SmallIntegerField(validators=[MinValueValidator(-2), MaxValueValidator(2)])
    evidence = models.ManyToManyField(Evidence, blank=True, related_name="reviews")
    note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["goal", "reviewed_on"]
        constraints = [
            models.UniqueConstraint(fields=["goal", "reviewed_on"], name="one_review_of_a_goal_a_day"),
            models.CheckConstraint(condition=models.Q(score__gte=-2, score__lte=2), name="gas_score_range"),
        ]

    def __str__(self) -> str:
        return f"{self.goal} reviewed {self.reviewed_on:%d/%m/%Y}: {self.score:+d}"


class RiskClassification(WriteOnce):
    """RC1 / RC2 / RC3: the case team's classification of risk, with its reasons. Written once: a new
    classification is made at the next point."""

    written_once_message = "A risk classification is not changed: a new one is made."

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="risk_classifications")
    point = models.CharField(max_length=3, choices=RiskPoint.choices)
    level = models.CharField(max_length=10, choices=RiskLevel.choices)
    classified_on = models.DateField()
    reasons = models.TextField()
    case_team = models.TextField("who made it (the case team)")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["child", "classified_on", "id"]

    def __str__(self) -> str:
        return f"{self.point} {self.get_level_display()} ({self.classified_on:%d/%m/%Y})"
