"""Writes to the child's record. Each is one transaction; views call these, never the models directly."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet

from homeward.base.concurrency import claim_edit
from homeward.children.models import (
    AgencyInvolvement,
    CareSummary,
    Child,
    Episode,
    FamilyMember,
    Household,
    HouseholdMembership,
)
from homeward.children.selectors import history_of
from homeward.organisation.models import Agency


@transaction.atomic
def add_family_member(
    child: Child,
    *,
    full_name: str,
    relationship: str,
    parental_responsibility: bool,
    date_of_birth: date | None = None,
    notes: str = "",
    household: Household | None = None,
    moved_in: date | None = None,
) -> FamilyMember:
    member = FamilyMember(
        child=child,
        full_name=full_name.strip(),
        relationship=relationship,
        parental_responsibility=parental_responsibility,
        date_of_birth=date_of_birth,
        notes=notes,
    )
    member.full_clean()
    member.save()
    if household is not None:
        if moved_in is None:
            raise ValidationError({"moved_in": "Enter the date they moved in."})
        add_membership(member, household=household, started=moved_in)
    return member


@transaction.atomic
def update_family_member(
    member: FamilyMember, *, edit_version: int | None = None, **fields: object
) -> FamilyMember:
    """Change a person's details; `edit_version` is the version the form showed (a stale one is
    refused with `EditConflict`, saving nothing)."""
    claim_edit(member, edit_version)
    for name, value in fields.items():
        setattr(member, name, value)
    member.full_clean()
    member.save()
    return member


def _household_of(child: Child, household: Household) -> None:
    if household.child_id != child.pk:
        raise ValidationError("That household belongs to another child's record.")


@transaction.atomic
def add_membership(member: FamilyMember, *, household: Household, started: date) -> HouseholdMembership:
    _household_of(member.child, household)
    overlapping = member.memberships.filter(household=household, ended__isnull=True).exists()
    if overlapping:
        raise ValidationError(f"{member.full_name} is already recorded as living in {household.name}.")
    membership = HouseholdMembership(household=household, member=member, started=started)
    membership.full_clean()
    membership.save()
    return membership


@transaction.atomic
def end_membership(membership: HouseholdMembership, *, ended: date) -> HouseholdMembership:
    if membership.ended is not None:
        raise ValidationError("This person has already moved out.")
    if ended < membership.started:
        raise ValidationError(
            {"ended": "The date they moved out must be on or after the date they moved in."}
        )
    membership.ended = ended
    membership.save(update_fields=["ended"])
    return membership


@transaction.atomic
def add_household(child: Child, *, name: str, is_proposed_return_home: bool) -> Household:
    household = Household(child=child, name=name.strip(), is_proposed_return_home=is_proposed_return_home)
    household.full_clean()
    household.save()
    return household


@transaction.atomic
def add_agency_involvement(
    child: Child,
    *,
    agency: Agency,
    contact_name: str,
    started: date,
    contact_details: str = "",
    reason: str = "",
) -> AgencyInvolvement:
    involvement = AgencyInvolvement(
        child=child,
        agency=agency,
        contact_name=contact_name.strip(),
        contact_details=contact_details,
        reason=reason,
        started=started,
    )
    involvement.full_clean()
    involvement.save()
    return involvement


@transaction.atomic
def end_agency_involvement(involvement: AgencyInvolvement, *, ended: date) -> AgencyInvolvement:
    if involvement.ended is not None:
        raise ValidationError("This agency's involvement has already ended.")
    if ended < involvement.started:
        raise ValidationError({"ended": "The end date must be on or after the date it started."})
    involvement.ended = ended
    involvement.save(update_fields=["ended"])
    return involvement


def _summary(child: Child, episodes: list[Episode], today: date) -> CareSummary:
    history = history_of(child, episodes, today)
    later = [d for e in episodes for d in (e.decom, e.dec) if d is not None and d > today]
    return CareSummary(
        child=child,
        legal_status=history.legal_status_now or "",
        placement=history.placement_now or "",
        in_care_since=history.in_care_since,
        failed_returns=len(history.failed_returns),
        as_of=today,
        next_change_on=min(later, default=None),
    )


def refresh_care_summaries(children: Iterable[Child], today: date) -> int:
    """Write each child's care summary from their episodes, as the one care history reads them on
    `today` (call whenever episodes are written; `selectors.caseload` also brings due ones up to date)."""
    chosen = list(children)
    if not chosen:
        return 0
    episodes: dict[int, list[Episode]] = {c.pk: [] for c in chosen}
    for episode in Episode.objects.filter(child__in=chosen).order_by("decom", "id"):
        episodes[episode.child_id].append(episode)
    rows = [_summary(c, episodes[c.pk], today) for c in chosen]
    CareSummary.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["child"],
        update_fields=[
            "legal_status",
            "placement",
            "in_care_since",
            "failed_returns",
            "as_of",
            "next_change_on",
        ],
    )
    return len(rows)


def refresh_care_summary(child: Child, today: date) -> None:
    refresh_care_summaries([child], today)


def bring_care_summaries_up_to_date(children: QuerySet[Child], today: date) -> int:
    """Of `children`, write the summaries that are missing or that a later-dated episode has changed."""
    due = children.filter(Q(care_summary__isnull=True) | Q(care_summary__next_change_on__lte=today))
    return refresh_care_summaries(due, today)
