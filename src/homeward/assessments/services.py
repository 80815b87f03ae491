"""Writes to the reunification assessment and the evidence of change. Views call these, never the models.

The rule that a signed assessment is never edited lives here, not in the templates: every write to a
version goes through `_editable`, which refuses a signed one with a message saying what to do instead.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from homeward.assessments.models import (
    AgencyConsulted,
    Assessment,
    CarerCapacity,
    ChildSeen,
    Evidence,
    Goal,
    GoalReview,
    MemberAssessment,
    MissingEpisode,
    Need,
    RiskClassification,
    SignedRecordError,
)
from homeward.assessments.selectors import current_assessment, proposed_household
from homeward.base.concurrency import claim_edit, claim_new
from homeward.base.people import name_of
from homeward.children.models import Child, FamilyMember
from homeward.framework.text import quoted, says_something
from homeward.organisation.models import Agency

SIGNED_MESSAGE = (
    "This version of the assessment was signed on {date} and cannot be changed. "
    "Start a new version to record a change; the signed version is kept."
)


def _editable(assessment: Assessment) -> None:
    if assessment.is_signed:
        assert assessment.signed_at is not None
        raise SignedRecordError(
            SIGNED_MESSAGE.format(date=f"{timezone.localtime(assessment.signed_at):%-d %B %Y}")
        )
    if Assessment.objects.filter(supersedes=assessment).exists():
        raise SignedRecordError("A newer version of this assessment exists; change that one instead.")


def _own(child: Child, member: FamilyMember) -> None:
    if member.child_id != child.pk:
        raise ValidationError("That person belongs to another child's record.")


@transaction.atomic
def start_assessment(child: Child, user: User, today: date) -> Assessment:
    """Start the child's reunification assessment; a return home is being considered from today."""
    if Assessment.objects.filter(child=child).exists():
        raise ValidationError("A reunification assessment has already been started for this child.")
    assessment = Assessment.objects.create(
        child=child, version=1, started_on=today, author=user, author_name=name_of(user)
    )
    if child.return_home_considered_since is None:
        child.return_home_considered_since = today
        child.save(update_fields=["return_home_considered_since"])
    return assessment


_TEXT_SECTIONS = {
    "risk": ("risk_factors", "protective_factors"),
    "child": (
        "child_needs",
        "early_experiences",
        "wishes_recorded_on",
        "wishes_in_own_words",
        "wishes_present",
        "wishes_pressure_considered",
        "wishes_pressure_notes",
        "wishes_seen_alone",
    ),
    "support": ("support_needs",),
}


@transaction.atomic
def update_section(
    assessment: Assessment, section: str, *, edit_version: int | None = None, **values: Any
) -> Assessment:
    """Save one page of the assessment (risk and protective factors, the child, support needs). A page
    drawn before someone else's save (`edit_version`) is refused with `EditConflict`."""
    _editable(assessment)
    claim_edit(assessment, edit_version)
    allowed = _TEXT_SECTIONS[section]
    unknown = set(values) - set(allowed)
    if unknown:
        raise ValueError(f"not part of the {section} section: {', '.join(sorted(unknown))}")
    for name, value in values.items():
        setattr(assessment, name, value)
    assessment.full_clean()
    assessment.save(update_fields=list(values))
    return assessment


@transaction.atomic
def record_member(
    assessment: Assessment,
    member: FamilyMember,
    *,
    outcome: str,
    assessed_on: date | None = None,
    summary: str = "",
    excluded_reason: str = "",
    poses_risk: bool | str | None = None,
    edit_version: int | None = None,
) -> MemberAssessment:
    """Record that a household member was assessed (the date, a summary that says something, and
    whether they pose a risk to the child: never assumed) or excluded (with a reason that says something)."""
    _editable(assessment)
    claim_new(MemberAssessment.objects.filter(assessment=assessment, member=member).first(), edit_version)
    _own(assessment.child, member)
    if member.pk not in {row.member.pk for row in proposed_household(assessment.child, None)}:
        raise ValidationError(f"{member.full_name} does not live in the home the child might return to.")
    errors: dict[str, str] = {}
    if outcome == MemberAssessment.Outcome.ASSESSED:
        if assessed_on is None:
            errors["assessed_on"] = "Enter the date they were assessed"
        elif assessed_on > timezone.localdate():
            errors["assessed_on"] = "The date they were assessed must be today or in the past"
        if not summary.strip():
            errors["summary"] = "Enter a summary of the assessment"
        elif not says_something(summary):
            errors["summary"] = f"The summary {quoted(summary)}: say what you saw and were told"
        if poses_risk not in (True, False):
            errors["poses_risk"] = "Select yes if this person poses a risk to the child"
        excluded_reason = ""
    elif outcome == MemberAssessment.Outcome.EXCLUDED:
        if not excluded_reason.strip():
            errors["excluded_reason"] = "Enter why they are excluded from the assessment"
        elif not says_something(excluded_reason):
            errors["excluded_reason"] = f"The reason {quoted(excluded_reason)}: say why they are left out"
        assessed_on, summary, poses_risk = None, "", False
    else:
        errors["outcome"] = "Select whether they were assessed or excluded"
    if errors:
        raise ValidationError(errors)
    row, _created = MemberAssessment.objects.update_or_create(
        assessment=assessment,
        member=member,
        defaults={
            "outcome": outcome,
            "assessed_on": assessed_on,
            "summary": summary.strip(),
            "excluded_reason": excluded_reason.strip(),
            "poses_risk": poses_risk,
        },
    )
    return row


@transaction.atomic
def record_carer_capacity(
    assessment: Assessment,
    carer: FamilyMember,
    *,
    assessed_on: date,
    assessed_separately: bool,
    parenting_capacity: str,
    capacity_to_change: str,
    edit_version: int | None = None,
) -> CarerCapacity:
    """Record one carer's own parenting capacity and capacity to change."""
    _editable(assessment)
    claim_new(CarerCapacity.objects.filter(assessment=assessment, carer=carer).first(), edit_version)
    _own(assessment.child, carer)
    if assessed_on > timezone.localdate():
        raise ValidationError({"assessed_on": "The date of the assessment must be today or in the past"})
    row, _created = CarerCapacity.objects.update_or_create(
        assessment=assessment,
        carer=carer,
        defaults={
            "assessed_on": assessed_on,
            "assessed_separately": assessed_separately,
            "parenting_capacity": parenting_capacity.strip(),
            "capacity_to_change": capacity_to_change.strip(),
        },
    )
    return row


@transaction.atomic
def add_need(
    assessment: Assessment,
    *,
    need_type: str,
    person: FamilyMember | None,
    continuing: bool,
    notes: str = "",
    evidence: list[Evidence] | None = None,
) -> Need:
    """Add a need; `evidence` is what the "continuing / not continuing" judgement rests on."""
    _editable(assessment)
    if person is not None:
        _own(assessment.child, person)
    items = list(evidence or [])
    if any(e.child_id != assessment.child_id for e in items):
        raise ValidationError("That evidence belongs to another child's record.")
    need = Need(assessment=assessment, need_type=need_type, person=person, continuing=continuing, notes=notes)
    need.full_clean()
    need.save()
    need.evidence.set(items)
    return need


@transaction.atomic
def remove_need(need: Need) -> None:
    _editable(need.assessment)
    need.delete()


@transaction.atomic
def record_child_seen(
    assessment: Assessment,
    user: User,
    *,
    seen_on: date,
    present: str,
    seen_alone: bool | None,
    note: str = "",
) -> ChildSeen:
    """Record an occasion the child was seen during the assessment: the date, who was present (one a
    line, names and roles) and whether the child was seen alone (answered, never assumed). Whether
    "seen alone" holds when a parent is listed is the framework's to say (child-not-seen-alone)."""
    _editable(assessment)
    errors: dict[str, str] = {}
    if seen_on > timezone.localdate():
        errors["seen_on"] = "The date the child was seen must be today or in the past"
    elif seen_on < assessment.started_on:
        errors["seen_on"] = (
            f"The date must be during the assessment, which started on {assessment.started_on:%-d %B %Y}"
        )
    if not present.strip():
        errors["present"] = "Enter who was present, including yourself"
    elif not says_something(present):
        errors["present"] = f"Who was present {quoted(present)}: give each person's name and role"
    if seen_alone not in (True, False):
        errors["seen_alone"] = "Select yes if the child was seen alone"
    if errors:
        raise ValidationError(errors)
    row = ChildSeen(
        assessment=assessment,
        seen_on=seen_on,
        present="\n".join(line.strip() for line in present.splitlines() if line.strip()),
        seen_alone=bool(seen_alone),
        note=note.strip(),
        recorded_by=user,
    )
    row.full_clean()
    row.save()
    return row


@transaction.atomic
def add_agency_consulted(
    assessment: Assessment, *, agency: Agency, consulted_on: date, contribution: str
) -> AgencyConsulted:
    _editable(assessment)
    if consulted_on > timezone.localdate():
        raise ValidationError({"consulted_on": "The date consulted must be today or in the past"})
    row = AgencyConsulted(
        assessment=assessment, agency=agency, consulted_on=consulted_on, contribution=contribution.strip()
    )
    row.full_clean()
    row.save()
    return row


@transaction.atomic
def sign_assessment(assessment: Assessment, user: User, completed_on: date) -> Assessment:
    """The worker completes and signs this version; from now on it is never edited."""
    _editable(assessment)
    if completed_on < assessment.started_on:
        raise ValidationError({"completed_on": "The assessment cannot be completed before it was started"})
    if completed_on > timezone.localdate():
        raise ValidationError({"completed_on": "The date completed must be today or in the past"})
    assessment.completed_on = completed_on
    assessment.sign(user, name_of(user), also=("completed_on",))
    return assessment


@transaction.atomic
def new_version(assessment: Assessment, user: User, reason: str, today: date | None = None) -> Assessment:
    """Start a new version from a signed one: a copy of everything, pointing back at it, started on the
    day it is started (not on the day the version it replaces was)."""
    if not assessment.is_signed:
        raise ValidationError("This version is not signed yet: change it directly.")
    latest = current_assessment(assessment.child)
    if latest is None or latest.pk != assessment.pk:
        raise ValidationError("A newer version of this assessment already exists.")
    if not reason.strip():
        raise ValidationError({"reason": "Enter why the assessment is changing"})
    members = list(assessment.members.all())
    carers = list(assessment.carers.all())
    needs = list(assessment.needs.all())
    rests_on = {need.pk: list(need.evidence.all()) for need in needs}
    consulted = list(assessment.agencies_consulted.all())
    seen = list(assessment.child_seen.all())
    copy = assessment.copy_as_new_version(
        author=user,
        author_name=name_of(user),
        reason_for_new_version=reason.strip(),
        started_on=today or timezone.localdate(),
        completed_on=None,
    )
    for rows in (members, carers, needs, consulted, seen):
        for row in rows:
            was = row.pk
            row.pk = None
            row.assessment = copy
            row._state.adding = True
            row.save()
            if isinstance(row, Need):
                row.evidence.set(rests_on[was])
    return copy


# --- evidence of change -------------------------------------------------------------------------------


@transaction.atomic
def add_evidence(
    child: Child,
    user: User,
    *,
    description: str,
    source: str,
    kind: str,
    seen_on: date,
    written_up_on: date,
    agency: Agency | None = None,
    shows_continuing: bool | None = None,
) -> Evidence:
    """Add evidence; `shows_continuing` is what it says about whether the need it concerns is
    continuing (None: it does not say)."""
    today = timezone.localdate()
    errors: dict[str, str] = {}
    if seen_on > today:
        errors["seen_on"] = "The date seen must be today or in the past"
    if written_up_on > today:
        errors["written_up_on"] = "The date written up must be today or in the past"
    elif written_up_on < seen_on:
        errors["written_up_on"] = "The date written up cannot be before the date it was seen"
    if errors:
        raise ValidationError(errors)
    item = Evidence(
        child=child,
        description=description.strip(),
        source=source.strip(),
        kind=kind,
        agency=agency,
        seen_on=seen_on,
        written_up_on=written_up_on,
        shows_continuing=shows_continuing,
        recorded_by=user,
    )
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def record_missing_episode(
    child: Child,
    user: User,
    *,
    started_on: date,
    ended_on: date | None,
    ran_home: bool | None,
    note: str = "",
) -> MissingEpisode:
    """Record a time the child went missing from care: when, until when (None: not yet back), and
    whether they went to the family home (answered, never assumed)."""
    today = timezone.localdate()
    errors: dict[str, str] = {}
    if started_on > today:
        errors["started_on"] = "The date the child went missing must be today or in the past"
    if ended_on is not None:
        if ended_on > today:
            errors["ended_on"] = "The date the child came back must be today or in the past"
        elif ended_on < started_on:
            errors["ended_on"] = "The date the child came back cannot be before the date they went missing"
    if ran_home not in (True, False):
        errors["ran_home"] = "Select yes if the child went to the family home"
    if errors:
        raise ValidationError(errors)
    episode = MissingEpisode(
        child=child,
        started_on=started_on,
        ended_on=ended_on,
        ran_home=bool(ran_home),
        note=note.strip(),
        recorded_by=user,
    )
    episode.full_clean()
    episode.save()
    return episode


@transaction.atomic
def add_goal(
    child: Child,
    user: User,
    *,
    parent: FamilyMember,
    description: str,
    set_on: date,
    weight: int = 1,
) -> Goal:
    _own(child, parent)
    goal = Goal(
        child=child,
        parent=parent,
        description=description.strip(),
        set_on=set_on,
        weight=weight,
        created_by=user,
    )
    goal.full_clean()
    goal.save()
    return goal


@transaction.atomic
def review_goal(
    goal: Goal,
    user: User,
    *,
    reviewed_on: date,
    score: int,
    evidence: list[Evidence] | None = None,
    note: str = "",
) -> GoalReview:
    """Score a goal at a review (GAS −2…+2). A review is a dated record: it is not re-scored later."""
    errors: dict[str, str] = {}
    if not -2 <= score <= 2:
        errors["score"] = "Choose a score from −2 to +2"
    if reviewed_on < goal.set_on:
        errors["reviewed_on"] = "The review cannot be before the goal was set"
    elif reviewed_on > timezone.localdate():
        errors["reviewed_on"] = "The date of the review must be today or in the past"
    if goal.reviews.filter(reviewed_on=reviewed_on).exists():
        errors["reviewed_on"] = "This goal has already been reviewed on that date"
    if errors:
        raise ValidationError(errors)
    items = list(evidence or [])
    if any(e.child_id != goal.child_id for e in items):
        raise ValidationError("That evidence belongs to another child's record.")
    review = GoalReview.objects.create(
        goal=goal, reviewed_on=reviewed_on, score=score, note=note, recorded_by=user
    )
    review.evidence.set(items)
    return review


@transaction.atomic
def classify_risk(
    child: Child,
    user: User,
    *,
    point: str,
    level: str,
    classified_on: date,
    reasons: str,
    case_team: str,
) -> RiskClassification:
    """Record the case team's risk classification (RC1 after assessment, RC2 after review, RC3 after
    return), with its reasons."""
    errors: dict[str, str] = {}
    if not reasons.strip():
        errors["reasons"] = "Enter the case team's reasons"
    if not case_team.strip():
        errors["case_team"] = "Enter who made the classification"
    if classified_on > timezone.localdate():
        errors["classified_on"] = "The date must be today or in the past"
    if errors:
        raise ValidationError(errors)
    rc = RiskClassification(
        child=child,
        point=point,
        level=level,
        classified_on=classified_on,
        reasons=reasons.strip(),
        case_team=case_team.strip(),
        recorded_by=user,
    )
    rc.full_clean()
    rc.save()
    return rc
