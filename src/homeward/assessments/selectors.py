"""Reads of the reunification assessment, its evidence, goals and risk classifications.

The framework's snapshot of the whole case is read in `homeward.snapshot`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.shortcuts import get_object_or_404

from homeward.assessments.models import (
    Assessment,
    CarerCapacity,
    ChildSeen,
    Evidence,
    Goal,
    MemberAssessment,
    MissingEpisode,
    Need,
    RiskClassification,
)
from homeward.children.models import Child, FamilyMember, HouseholdMembership
from homeward.framework.gas import EvidenceBasis, basis_of_kinds

# Homeward's agency types are the framework's slugs, except one spelt differently.
_AGENCY_TYPE = {"domestic_abuse": "domestic_abuse_service"}


def agency_type(slug: str) -> str:
    return _AGENCY_TYPE.get(slug, slug)


def current_assessment(child: Child) -> Assessment | None:
    """The latest version of the child's reunification assessment (signed or in progress)."""
    return Assessment.objects.filter(child=child).order_by("-version").first()


def last_signed_assessment(child: Child) -> Assessment | None:
    return Assessment.objects.filter(child=child).filter(signed_at__isnull=False).order_by("-version").first()


def assessment_versions(child: Child) -> list[Assessment]:
    return list(
        Assessment.objects.filter(child=child).select_related("author", "signed_by").order_by("-version")
    )


def relationship_words(member: FamilyMember) -> str:
    """ "Mother's partner" → "mother's partner", as the framework writes it in a sentence."""
    words = member.get_relationship_display()
    return words[:1].lower() + words[1:]


@dataclass(frozen=True)
class HouseholdRow:
    """A person in the home the child might return to, and how the assessment treats them."""

    member: FamilyMember
    membership: HouseholdMembership
    assessed: MemberAssessment | None

    @property
    def done(self) -> bool:
        return self.assessed is not None


def proposed_household(child: Child, assessment: Assessment | None) -> list[HouseholdRow]:
    """Everyone who lives (or lived) in the proposed return home, latest move-in per person."""
    memberships = (
        HouseholdMembership.objects.filter(household__child=child, household__is_proposed_return_home=True)
        .select_related("member", "household")
        .order_by("member__full_name", "-started")
    )
    latest: dict[int, HouseholdMembership] = {}
    for m in memberships:
        latest.setdefault(m.member_id, m)
    done: dict[int, MemberAssessment] = {}
    if assessment is not None:
        done = {m.member_id: m for m in assessment.members.all()}
    return [HouseholdRow(m.member, m, done.get(m.member_id)) for m in latest.values()]


def carers(child: Child) -> list[FamilyMember]:
    """People whose own parenting capacity the assessment should consider: those with parental
    responsibility, and partners or step-parents who live in the proposed home."""
    household = {row.member.pk for row in proposed_household(child, None)}
    result = []
    for member in child.family.order_by("full_name"):
        partner = member.relationship in ("mothers_partner", "fathers_partner", "step_parent")
        if member.parental_responsibility or (partner and member.pk in household):
            result.append(member)
    return result


@dataclass(frozen=True)
class GoalRow:
    goal: Goal
    latest_score: int | None
    latest_status: str | None


def goals_for(child: Child) -> list[Goal]:
    return list(
        Goal.objects.filter(child=child).select_related("parent").prefetch_related("reviews__evidence")
    )


def risk_classifications(child: Child) -> list[RiskClassification]:
    return list(RiskClassification.objects.filter(child=child).select_related("recorded_by"))


def evidence_for(child: Child) -> list[Evidence]:
    return list(Evidence.objects.filter(child=child).select_related("agency", "recorded_by"))


def child_seen(child: Child) -> list[ChildSeen]:
    """Each occasion the child was seen during an assessment, once: a new version copies the occasions
    of the one before, so an occasion is the first row recorded with its date, people and note."""
    seen: dict[tuple[object, ...], ChildSeen] = {}
    rows = ChildSeen.objects.filter(assessment__child=child).order_by("seen_on", "id")
    for row in rows:
        seen.setdefault((row.seen_on, row.present, row.seen_alone, row.note), row)
    return list(seen.values())


def missing_episodes(child: Child) -> list[MissingEpisode]:
    """Every time the child went missing from care, the latest first."""
    return list(MissingEpisode.objects.filter(child=child).select_related("recorded_by"))


# One record of the child's by its id (or 404: an id that is not this child's is not found, never shown).


def assessment_version(child: Child, assessment_id: int) -> Assessment:
    return get_object_or_404(Assessment, pk=assessment_id, child=child)


def goal(child: Child, goal_id: int) -> Goal:
    return get_object_or_404(Goal.objects.select_related("parent"), pk=goal_id, child=child)


def evidence_basis(child: Child, evidence_ids: list[int]) -> EvidenceBasis:
    """What a goal review citing these evidence items (of `child`'s) would rest on, by the framework's
    one definition (`homeward.framework.gas`): "evidence", "attendance_only" or "none"."""
    kinds = Evidence.objects.filter(child=child, pk__in=evidence_ids).values_list("kind", flat=True)
    return basis_of_kinds(list(kinds))


def goals_not_scored_on(goal: Goal, day: date) -> list[Goal]:
    """The same parent's other goals, set by `day`, with no review on `day`: while any is left, the
    review of that date is partial (as the framework counts it, from `Goal.set_on`)."""
    return list(
        Goal.objects.filter(child_id=goal.child_id, parent_id=goal.parent_id, set_on__lte=day)
        .exclude(pk=goal.pk)
        .exclude(reviews__reviewed_on=day)
        .order_by("set_on", "id")
    )


def need(child: Child, need_id: int) -> Need:
    return get_object_or_404(Need, pk=need_id, assessment__child=child)


def member_assessment(assessment: Assessment, person: FamilyMember) -> MemberAssessment | None:
    return MemberAssessment.objects.filter(assessment=assessment, member=person).first()


def carer_capacity(assessment: Assessment, person: FamilyMember) -> CarerCapacity | None:
    return CarerCapacity.objects.filter(assessment=assessment, carer=person).first()
