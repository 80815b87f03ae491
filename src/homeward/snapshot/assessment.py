"""The assessment's part of the snapshot.

- Its content (household, carers, needs, agencies consulted, the child's wishes) comes from the latest
  version; its completion date from the latest *signed* version, which stands until a new version is
  signed.
- The household is the one marked as the proposed return home; each person's assessment (or exclusion)
  comes from the assessment.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from homeward.assessments.models import Assessment, CarerCapacity, MemberAssessment, Need
from homeward.assessments.selectors import (
    agency_type,
    current_assessment,
    last_signed_assessment,
    proposed_household,
    relationship_words,
)
from homeward.children.models import Child
from homeward.framework import snapshot as fw


@dataclass(frozen=True)
class AssessmentParts:
    assessment: fw.Assessment | None = None
    household_members: tuple[fw.HouseholdMember, ...] = ()
    carer_assessments: tuple[fw.CarerCapacityAssessment, ...] = ()
    agencies_consulted: tuple[fw.AgencyConsulted, ...] = ()
    needs: tuple[fw.Need, ...] = ()
    child_wishes: fw.ChildWishes | None = None


def _wishes(assessment: Assessment) -> fw.ChildWishes | None:
    if not (assessment.wishes_recorded_on or assessment.wishes_in_own_words.strip()):
        return None
    return fw.ChildWishes(
        recorded_on=assessment.wishes_recorded_on,
        in_own_words=assessment.wishes_in_own_words,
        present=tuple(assessment.present_list),
        parental_pressure_considered=assessment.wishes_pressure_considered,
        seen_alone=assessment.wishes_seen_alone,
    )


def _household(child: Child, assessment: Assessment | None) -> tuple[fw.HouseholdMember, ...]:
    members: list[fw.HouseholdMember] = []
    for row in proposed_household(child, assessment):
        done = row.assessed
        members.append(
            fw.HouseholdMember(
                name=row.member.full_name,
                relationship=relationship_words(row.member),
                in_household_since=row.membership.started,
                parental_responsibility=row.member.parental_responsibility,
                assessed_on=done.assessed_on
                if done and done.outcome == MemberAssessment.Outcome.ASSESSED
                else None,
                excluded_reason=(
                    done.excluded_reason
                    if done and done.outcome == MemberAssessment.Outcome.EXCLUDED
                    else None
                ),
                left_household_on=row.membership.ended,
                poses_risk=bool(done and done.poses_risk),
            )
        )
    return tuple(members)


def _needs_identified_on(child: Child, current: Assessment) -> dict[tuple[str, int | None], date]:
    """When each need in `current` was first recorded: the date of the earliest version, in the
    unbroken run of versions up to `current`, that lists it (the first version's start date, or a
    later version's creation date — a need found after the assessment was completed)."""
    versions = list(Assessment.objects.filter(child=child, version__lte=current.version).order_by("-version"))
    listed: dict[int, set[tuple[str, int | None]]] = {}
    for need_type, person_id, version_id in Need.objects.filter(assessment__in=versions).values_list(
        "need_type", "person_id", "assessment_id"
    ):
        listed.setdefault(version_id, set()).add((need_type, person_id))
    first_seen: dict[tuple[str, int | None], date] = {}
    still_listed = set(listed.get(current.pk, set()))
    for version in versions:
        here = listed.get(version.pk, set())
        still_listed &= here
        day = version.started_on if version.version == versions[-1].version else version.created_at.date()
        for key in still_listed:
            first_seen[key] = day
    return first_seen


def assessment_parts(child: Child) -> AssessmentParts:
    assessment = current_assessment(child)
    household = _household(child, assessment)
    if assessment is None:
        return AssessmentParts(household_members=household)
    signed = last_signed_assessment(child)
    first = Assessment.objects.filter(child=child).order_by("version").first()
    identified = _needs_identified_on(child, assessment)
    return AssessmentParts(
        assessment=fw.Assessment(
            started_on=first.started_on if first else assessment.started_on,
            completed_on=signed.completed_on if signed else None,
            author=assessment.author_name,
        ),
        household_members=household,
        carer_assessments=tuple(
            fw.CarerCapacityAssessment(
                carer=c.carer.full_name,
                relationship=relationship_words(c.carer),
                assessed_on=c.assessed_on,
                assessed_separately=c.assessed_separately,
            )
            for c in CarerCapacity.objects.filter(assessment=assessment).select_related("carer")
        ),
        agencies_consulted=tuple(
            fw.AgencyConsulted(
                type=agency_type(a.agency.agency_type),  # type: ignore[arg-type]
                name=a.agency.name,
                consulted_on=a.consulted_on,
                contribution=a.contribution,
            )
            for a in assessment.agencies_consulted.select_related("agency")
        ),
        needs=tuple(
            fw.Need(
                type=n.need_type,  # type: ignore[arg-type]
                person=n.person.full_name if n.person else "",
                continuing=n.continuing,
                notes=n.notes,
                identified_on=identified.get((n.need_type, n.person_id)),
            )
            for n in assessment.needs.select_related("person")
        ),
        child_wishes=_wishes(assessment),
    )
