"""Writing, agreeing, signing and revising the written agreement; the return and support plans.

Every change is one transaction. A signed agreement is never changed: each service refuses it with a
message saying what to do instead (start a new version), and the models refuse it again. Only a
manager signs (checked by the page's access rule), never the person who wrote the version, and only
when each parent's section says what they will do, the help they will get and what happens if the
agreement is not kept, and each parent's agreement is recorded with its date.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from homeward import framework
from homeward.base.concurrency import claim_edit, claim_new
from homeward.base.people import name_of
from homeward.children.models import Child, FamilyMember
from homeward.plans.models import (
    Agreement,
    AgreementGoal,
    ParentSection,
    ReturnPlan,
    ReturnStage,
    SignedAgreementError,
    SupportPlan,
    SupportService,
    TimingReasonChoice,
)


def _editable(agreement: Agreement) -> None:
    if agreement.is_signed:
        raise SignedAgreementError(
            f"Version {agreement.version} of the agreement was signed by {agreement.signed_by_name} and "
            "cannot be changed. Start a new version instead; the signed one is kept."
        )


def parents_of(child: Child) -> list[FamilyMember]:
    """The people the agreement is made with: those with parental responsibility."""
    return list(child.family.filter(parental_responsibility=True).order_by("full_name"))


@transaction.atomic
def start_agreement(child: Child, user: User) -> Agreement:
    """The first version (one section per parent), or a new version copied from the signed latest."""
    latest = Agreement.objects.filter(child=child).order_by("-version").first()
    if latest is not None and not latest.is_signed:
        raise ValidationError(
            f"Version {latest.version} of the agreement is still being written: change it instead."
        )
    agreement = Agreement.objects.create(
        child=child,
        **Agreement.version_after(latest),
        review_on=latest.review_on if latest else None,
        written_by=user,
        written_by_name=name_of(user),
    )
    if latest is None:
        for parent in parents_of(child):
            ParentSection.objects.create(agreement=agreement, parent=parent)
        return agreement
    for old in latest.parents.prefetch_related("goals"):
        section = ParentSection.objects.create(
            agreement=agreement,
            parent_id=old.parent_id,
            strengths=old.strengths,
            concerns=old.concerns,
            conditions=old.conditions,
            support=old.support,
            consequences=old.consequences,
            agreed_on=None,  # the parents agree to the new version afresh
        )
        for goal in old.goals.all():
            AgreementGoal.objects.create(
                agreement=agreement,
                section=section,
                goal=goal.goal,
                steps=goal.steps,
                time_frame=goal.time_frame,
                support=goal.support,
            )
    return agreement


@transaction.atomic
def add_parent(agreement: Agreement, parent: FamilyMember) -> ParentSection:
    _editable(agreement)
    if parent.child_id != agreement.child_id:
        raise ValidationError({"parent": "Select someone in this child's family"})
    if agreement.parents.filter(parent=parent).exists():
        raise ValidationError({"parent": f"{parent.full_name} already has a part in the agreement"})
    return ParentSection.objects.create(agreement=agreement, parent=parent)


_SECTION_FIELDS = ("strengths", "concerns", "conditions", "support", "consequences")


@transaction.atomic
def update_section(section: ParentSection, *, edit_version: int | None = None, **data: Any) -> ParentSection:
    """One parent's part: strengths, concerns, conditions, support, consequences and the date agreed.
    A form drawn before someone else saved this part (`edit_version`) is refused with `EditConflict`."""
    _editable(section.agreement)
    claim_edit(section, edit_version)
    for name in _SECTION_FIELDS:
        setattr(section, name, (data.get(name) or "").strip())
    agreed_on = data.get("agreed_on")
    if agreed_on is not None and agreed_on > timezone.localdate():
        raise ValidationError({"agreed_on": "The date they agreed must be today or in the past"})
    section.agreed_on = agreed_on
    section.save()
    return section


@transaction.atomic
def add_goal(
    section: ParentSection, *, goal: str, steps: str = "", time_frame: str = "", support: str = ""
) -> AgreementGoal:
    _editable(section.agreement)
    if not goal.strip():
        raise ValidationError({"goal": "Enter the goal"})
    return AgreementGoal.objects.create(
        agreement=section.agreement,
        section=section,
        goal=goal.strip(),
        steps=steps.strip(),
        time_frame=time_frame.strip(),
        support=support.strip(),
    )


@transaction.atomic
def remove_goal(goal: AgreementGoal) -> None:
    _editable(goal.agreement)
    goal.delete()


@transaction.atomic
def set_review_date(agreement: Agreement, review_on: date, *, edit_version: int | None = None) -> Agreement:
    _editable(agreement)
    claim_edit(agreement, edit_version)
    agreement.review_on = review_on
    agreement.save(update_fields=["review_on"])
    return agreement


def missing_for_signature(agreement: Agreement) -> list[str]:
    """What the agreement still lacks before a manager can sign it, in words."""
    missing = []
    sections = list(agreement.parents.select_related("parent").prefetch_related("goals"))
    if not sections:
        missing.append("Add at least one parent or carer")
    for s in sections:
        name = s.parent.full_name
        if not s.has_conditions:
            missing.append(f"Say what {name} will do")
        if not s.support.strip():
            missing.append(f"Say what help {name} will get")
        if not s.consequences.strip():
            missing.append(f"Say what will happen if {name} does not keep the agreement")
        if s.agreed_on is None:
            missing.append(f"Record the date {name} agreed to it")
    if agreement.review_on is None:
        missing.append("Set the date the agreement will be looked at again")
    return missing


@transaction.atomic
def sign_agreement(agreement: Agreement, manager: User) -> Agreement:
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    _editable(agreement)
    if Agreement.objects.filter(child=agreement.child, version__gt=agreement.version).exists():
        raise ValidationError("A newer version of this agreement exists.")
    if agreement.written_by_id == manager.pk:
        raise ValidationError("An agreement cannot be signed by the person who wrote it.")
    missing = missing_for_signature(agreement)
    if missing:
        raise ValidationError(["The agreement cannot be signed yet.", *missing])
    agreement.sign(manager, name_of(manager))
    return agreement


# --- the return plan ----------------------------------------------------------------------------------


def time_driven_reasons() -> frozenset[str]:
    return framework.load_config().time_driven_reasons


@transaction.atomic
def save_return_plan(
    child: Child,
    user: User,
    *,
    proposed_on: date | None,
    timing_reason: str = "",
    timing_note: str = "",
    notes: str = "",
    edit_version: int | None = None,
) -> ReturnPlan:
    if timing_reason and timing_reason not in TimingReasonChoice.values:
        raise ValidationError({"timing_reason": "Select the reason for the timing"})
    if proposed_on is not None and not (timing_reason or timing_note.strip()):
        raise ValidationError({"timing_reason": "Select the reason for the timing of the return"})
    if timing_reason == TimingReasonChoice.OTHER and not timing_note.strip():
        raise ValidationError({"timing_note": "Enter the reason for the timing, in words"})
    existing = ReturnPlan.objects.filter(child=child).first()
    claim_new(existing, edit_version)
    plan = existing or ReturnPlan(child=child)
    plan.proposed_on = proposed_on
    plan.timing_reason = timing_reason
    plan.timing_note = timing_note.strip()
    plan.notes = notes.strip()
    plan.updated_by_name = name_of(user)
    plan.save()
    return plan


@transaction.atomic
def add_stage(
    child: Child, user: User, *, description: str, starts_on: date, ends_on: date | None = None
) -> ReturnStage:
    if not description.strip():
        raise ValidationError({"description": "Enter what happens in this stage"})
    if ends_on is not None and ends_on < starts_on:
        raise ValidationError({"ends_on": "The end date must be the same as or after the start date"})
    plan, _ = ReturnPlan.objects.get_or_create(child=child)
    plan.updated_by_name = name_of(user)
    plan.save()
    return ReturnStage.objects.create(
        plan=plan, description=description.strip(), starts_on=starts_on, ends_on=ends_on
    )


@transaction.atomic
def remove_stage(stage: ReturnStage) -> None:
    stage.delete()


# --- support after the return and the contingency plan -----------------------------------------------


def default_support_months() -> int:
    return framework.load_config().support_months_after_return


@transaction.atomic
def save_support_plan(
    child: Child,
    user: User,
    *,
    months: int,
    trusted_adult: str = "",
    seen_alone: str = "",
    contingency: str = "",
    edit_version: int | None = None,
) -> SupportPlan:
    if months < 0:
        raise ValidationError({"months": "Months of support must be 0 or more"})
    existing = SupportPlan.objects.filter(child=child).first()
    claim_new(existing, edit_version)
    plan = existing or SupportPlan(child=child, months=months)
    contingency = contingency.strip()
    if contingency != plan.contingency:
        plan.contingency_recorded_on = timezone.localdate() if contingency else None
    plan.months = months
    plan.trusted_adult = trusted_adult.strip()
    plan.seen_alone = seen_alone.strip()
    plan.contingency = contingency
    plan.updated_by_name = name_of(user)
    plan.save()
    return plan


@transaction.atomic
def add_service(
    child: Child, user: User, *, service: str, provided_by: str, ends_on: date | None = None
) -> SupportService:
    if not service.strip():
        raise ValidationError({"service": "Enter the service or support"})
    if not provided_by.strip():
        raise ValidationError({"provided_by": "Enter who provides it"})
    plan = SupportPlan.objects.filter(child=child).first() or SupportPlan(
        child=child, months=default_support_months()
    )
    plan.updated_by_name = name_of(user)
    plan.save()
    return SupportService.objects.create(
        plan=plan, service=service.strip(), provided_by=provided_by.strip(), ends_on=ends_on
    )
