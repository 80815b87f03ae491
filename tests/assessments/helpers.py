"""Building a reunification case through the services, as a worker would through the pages."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from homeward.assessments import selectors, services
from homeward.assessments.models import Assessment, MemberAssessment
from homeward.children.models import Child, FamilyMember
from homeward.organisation.models import Agency


def clear_reunification(child: Child) -> Child:
    """Remove what the demo put in place (decisions, assessments, evidence, goals, classifications)."""
    from homeward.assessments.models import Evidence, Goal, MissingEpisode, RiskClassification
    from homeward.decisions.models import Decision

    for decision in Decision.objects.filter(child=child).order_by("-version"):
        decision.delete()
    for assessment in Assessment.objects.filter(child=child).order_by("-version"):
        assessment.delete()
    Goal.objects.filter(child=child).delete()
    Evidence.objects.filter(child=child).delete()
    MissingEpisode.objects.filter(child=child).delete()
    # Written once, so refused through the model's queryset; gone here as with the child's whole record.
    RiskClassification._base_manager.filter(child=child).delete()
    return child


def partner_of(child: Child) -> FamilyMember:
    return child.family.get(relationship="mothers_partner")


def mother_of(child: Child) -> FamilyMember:
    return child.family.get(relationship="mother")


def assess_household(
    assessment: Assessment, *, skip: FamilyMember | None = None, on: date | None = None
) -> None:
    """Assess the adults and exclude the children of the proposed home (all but `skip`)."""
    on = on or timezone.localdate() - timedelta(days=10)
    for row in selectors.proposed_household(assessment.child, assessment):
        if skip is not None and row.member.pk == skip.pk:
            continue
        if row.member.relationship in ("sibling", "half_sibling", "step_sibling"):
            services.record_member(
                assessment,
                row.member,
                outcome=MemberAssessment.Outcome.EXCLUDED,
                excluded_reason="A child of the household, seen and spoken to as part of the assessment.",
            )
        else:
            services.record_member(
                assessment,
                row.member,
                outcome=MemberAssessment.Outcome.ASSESSED,
                assessed_on=on,
                summary=f"Met {row.member.full_name} at home twice.",
                poses_risk=False,
            )


def fill_assessment(child: Child, worker: Any, *, skip_partner: bool = True) -> Assessment:
    """An assessment with every part filled in; the mother's partner left unassessed if asked."""
    today = timezone.localdate()
    clear_reunification(child)
    assessment = services.start_assessment(child, worker, today - timedelta(days=30))
    skip = partner_of(child) if skip_partner else None
    assess_household(assessment, skip=skip)
    for carer in selectors.carers(child):
        if skip is not None and carer.pk == skip.pk:
            continue
        services.record_carer_capacity(
            assessment,
            carer,
            assessed_on=today - timedelta(days=8),
            assessed_separately=True,
            parenting_capacity="Meets basic care; warmth evident in contact.",
            capacity_to_change="Recognises past neglect; engaging with the family support worker.",
        )
    services.update_section(
        assessment, "risk", risk_factors="Past neglect.", protective_factors="Grandmother nearby."
    )
    services.update_section(
        assessment,
        "child",
        child_needs="Stable school place.",
        early_experiences="Neglect before coming into care.",
        wishes_recorded_on=today - timedelta(days=5),
        wishes_in_own_words="I want to go home but not if it's like before.",
        wishes_present="Sam Okafor, social worker",
        wishes_pressure_considered=True,
        wishes_pressure_notes="Seen at school, away from home.",
        wishes_seen_alone=True,
    )
    services.update_section(assessment, "support", support_needs="Family support worker twice a week.")
    health = Agency.objects.get(agency_type="health", name__startswith="Northshire Community Health")
    services.add_agency_consulted(
        assessment,
        agency=health,
        consulted_on=today - timedelta(days=12),
        contribution="Health visitor report",
    )
    return assessment
