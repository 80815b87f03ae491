"""Reads of the reunification record, and the one mapping from the record to the framework's snapshot.

`build_snapshot(child, as_of)` is the only place that turns Homeward's models into a
`homeward.framework.CaseSnapshot`; the pages, the decisions and the API all evaluate through it, so
what a worker sees beside the decision form is exactly what the decision records.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from homeward import framework
from homeward.assessments.models import (
    Assessment,
    CarerCapacity,
    Evidence,
    Goal,
    MemberAssessment,
    RiskClassification,
)
from homeward.children.models import Child, FamilyMember, HouseholdMembership
from homeward.children.selectors import history_of
from homeward.framework import snapshot as fw
from homeward.plans.selectors import snapshot_parts

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


def _care_history(child: Child, as_of: date) -> tuple[fw.CareHistory, str]:
    """The framework's care history and legal status on `as_of`, from the one definition: what had
    not happened by `as_of` (a later return home, a later episode) is not in it."""
    history = history_of(child, list(child.episodes.order_by("decom", "id")), as_of)
    return fw.CareHistory.from_903(history), history.last_legal_status or ""


def build_snapshot(child: Child, as_of: date) -> framework.CaseSnapshot:
    """The child's case as the framework reads it, on `as_of`.

    - The assessment's content (household, carers, needs, agencies, the child's wishes) comes from the
      latest version; its completion date from the latest *signed* version, which stands until a new
      version is signed.
    - The household is the one marked as the proposed return home; each person's assessment (or
      exclusion) comes from the assessment.
    - Evidence, goals and reviews, and risk classifications are the child's, up to `as_of`.
    - The written agreement, return, support and contingency plans come from `homeward.plans`
      (`homeward.plans.selectors.snapshot_parts`, which says how each is read).
    """
    care_history, legal_status = _care_history(child, as_of)
    assessment = current_assessment(child)
    signed = last_signed_assessment(child)

    fw_assessment = None
    members: tuple[fw.HouseholdMember, ...] = ()
    carer_rows: tuple[fw.CarerCapacityAssessment, ...] = ()
    consulted: tuple[fw.AgencyConsulted, ...] = ()
    needs: tuple[fw.Need, ...] = ()
    wishes = None
    if assessment is not None:
        first = Assessment.objects.filter(child=child).order_by("version").first()
        fw_assessment = fw.Assessment(
            started_on=first.started_on if first else assessment.started_on,
            completed_on=signed.completed_on if signed else None,
            author=assessment.author_name,
        )
        wishes = (
            fw.ChildWishes(
                recorded_on=assessment.wishes_recorded_on,
                in_own_words=assessment.wishes_in_own_words,
                present=tuple(assessment.present_list),
                parental_pressure_considered=assessment.wishes_pressure_considered,
                seen_alone=assessment.wishes_seen_alone,
            )
            if assessment.wishes_recorded_on or assessment.wishes_in_own_words.strip()
            else None
        )
        carer_rows = tuple(
            fw.CarerCapacityAssessment(
                carer=c.carer.full_name,
                relationship=relationship_words(c.carer),
                assessed_on=c.assessed_on,
                assessed_separately=c.assessed_separately,
            )
            for c in CarerCapacity.objects.filter(assessment=assessment).select_related("carer")
        )
        consulted = tuple(
            fw.AgencyConsulted(
                type=agency_type(a.agency.agency_type),  # type: ignore[arg-type]
                name=a.agency.name,
                consulted_on=a.consulted_on,
                contribution=a.contribution,
            )
            for a in assessment.agencies_consulted.select_related("agency")
        )
        needs = tuple(
            fw.Need(
                type=n.need_type,  # type: ignore[arg-type]
                person=n.person.full_name if n.person else "",
                continuing=n.continuing,
                notes=n.notes,
            )
            for n in assessment.needs.select_related("person")
        )
    for row in proposed_household(child, assessment):
        done = row.assessed
        members += (
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
            ),
        )
    involved = tuple(
        fw.AgencyInvolved(type=agency_type(i.agency.agency_type), name=i.agency.name)  # type: ignore[arg-type]
        for i in child.agency_involvements.select_related("agency")
        if i.is_current(as_of)
    )
    evidence = tuple(
        fw.EvidenceItem(
            id=f"ev-{e.pk}",
            description=e.description,
            source=e.source,
            kind=e.kind,  # type: ignore[arg-type]
            seen_on=e.seen_on,
            written_up_on=e.written_up_on if e.written_up_on <= as_of else None,
            agency=agency_type(e.agency.agency_type) if e.agency else None,  # type: ignore[arg-type]
        )
        for e in Evidence.objects.filter(child=child, seen_on__lte=as_of).select_related("agency")
    )
    goals = tuple(
        fw.Goal(
            id=f"goal-{g.pk}",
            parent=g.parent.full_name,
            description=g.description,
            weight=float(g.weight),
            reviews=tuple(
                fw.GoalReview(
                    reviewed_on=r.reviewed_on,
                    score=r.score,
                    evidence_ids=tuple(f"ev-{e.pk}" for e in r.evidence.all()),
                    note=r.note,
                )
                for r in g.reviews.all()
                if r.reviewed_on <= as_of
            ),
        )
        for g in Goal.objects.filter(child=child)
        .select_related("parent")
        .prefetch_related("reviews__evidence")
    )
    risks = tuple(
        fw.RiskClassification(
            point=r.point,  # type: ignore[arg-type]
            level=r.level,  # type: ignore[arg-type]
            classified_on=r.classified_on,
            reasons=r.reasons,
        )
        for r in RiskClassification.objects.filter(child=child, classified_on__lte=as_of)
    )
    plans = snapshot_parts(child, as_of)
    return fw.CaseSnapshot(
        as_of=as_of,
        child=fw.Child(name=child.full_name, date_of_birth=child.date_of_birth),
        legal_status=legal_status,
        care_history=care_history,
        assessment=fw_assessment,
        household_members=members,
        carer_assessments=carer_rows,
        agencies_involved=involved,
        agencies_consulted=consulted,
        needs=needs,
        evidence=evidence,
        goals=goals,
        risk_classifications=risks,
        child_wishes=wishes,
        agreement=plans.agreement,
        return_plan=plans.return_plan,
        support_plan=plans.support_plan,
        contingency_plan=plans.contingency_plan,
        case_reference=child.la_child_id,
    )


def evaluate_child(child: Child, gate: framework.Gate | str, as_of: date) -> framework.Evaluation:
    return framework.evaluate(build_snapshot(child, as_of), gate)


@dataclass(frozen=True)
class GoalRow:
    goal: Goal
    latest_score: int | None
    latest_status: str | None


@dataclass(frozen=True)
class ChartPoint:
    reviewed_on: date
    t_score: float
    status: str  # red / amber / green of the review as a whole
    goals: int


def goals_for(child: Child) -> list[Goal]:
    return list(
        Goal.objects.filter(child=child).select_related("parent").prefetch_related("reviews__evidence")
    )


def t_score_series(child: Child, as_of: date) -> list[ChartPoint]:
    """The summary T-score of each review date, with its RAG status, from the framework's own GAS."""
    config = framework.load_config()
    snapshot = build_snapshot(child, as_of)
    points = []
    for summary in framework.evaluate(snapshot, framework.Gate.D2, config).reviews:
        # The review as a whole: red below the framework's concern level, amber below the expected 50.
        t = summary.t_score
        status = "red" if t < config.t_score_concern_below else ("amber" if t < 50 else "green")
        points.append(ChartPoint(summary.reviewed_on, round(summary.t_score, 1), status, len(summary.goals)))
    return points


def risk_classifications(child: Child) -> list[RiskClassification]:
    return list(RiskClassification.objects.filter(child=child).select_related("recorded_by"))


def evidence_for(child: Child) -> list[Evidence]:
    return list(Evidence.objects.filter(child=child).select_related("agency", "recorded_by"))
