"""Reads of children's records, shaped for the pages. Access is decided by the caller's decorator."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from homeward.access import policy
from homeward.children.models import (
    AgencyInvolvement,
    Child,
    Episode,
    FamilyMember,
    Household,
    HouseholdMembership,
)
from homeward.ssda903 import codes
from homeward.ssda903.history import CareHistory, care_history


@dataclass(frozen=True)
class CaseloadRow:
    child: Child
    age: int
    legal_status: str | None
    placement: str | None
    days_in_care: int | None
    return_home_considered: bool
    failed_returns: int
    mine: bool
    # What the later parts of the practice flag for this child (`homeward.children.flags`), for this viewer.
    flags: tuple[Any, ...] = ()

    @property
    def legal_status_words(self) -> str:
        return codes.describe("LS", self.legal_status) if self.legal_status else "Not looked after"

    @property
    def placement_words(self) -> str:
        return codes.PLACEMENT.get(self.placement, self.placement) if self.placement else "At home"


def history_of(child: Child, episodes: list[Episode], today: date) -> CareHistory:
    """The child's care history on `today`, by the one definition (`homeward.ssda903.history`)."""
    return care_history([e.as_903(child.la_child_id) for e in episodes], today, child.details_903())


def visible_children(user: AbstractBaseUser | AnonymousUser, today: date | None = None) -> QuerySet[Child]:
    """Every child whose record this user may open (the access policy, over every child)."""
    return policy.visible_children(user, Child.objects.all(), today)


def caseload(user: AbstractBaseUser | AnonymousUser, today: date) -> list[CaseloadRow]:
    children = (
        visible_children(user, today)
        .select_related("allocated_worker", "team")
        .prefetch_related(Prefetch("episodes", queryset=Episode.objects.order_by("decom")))
    )
    rows = []
    for child in children:
        history = history_of(child, list(child.episodes.all()), today)
        rows.append(
            CaseloadRow(
                child=child,
                age=child.age_on(today),
                legal_status=history.legal_status_now,
                placement=history.placement_now,
                days_in_care=history.days_in_care,
                return_home_considered=child.return_home_considered_since is not None,
                failed_returns=len(history.failed_returns),
                mine=child.allocated_worker_id == user.pk,
            )
        )
    rows.sort(key=lambda r: (not r.mine, not r.return_home_considered, r.child.last_name, r.child.first_name))
    return rows


@dataclass(frozen=True)
class MemberRow:
    member: FamilyMember
    memberships: list  # HouseholdMembership, newest first
    in_household_now: bool


@dataclass(frozen=True)
class HouseholdRow:
    household: Household
    living_there_now: list[HouseholdMembership]  # who lives there today, earliest arrival first


@dataclass(frozen=True)
class ChildRecord:
    child: Child
    age: int
    history: CareHistory  # its timeline lists the episodes as recorded; current_episode is the open one
    households: list[HouseholdRow]
    members: list[MemberRow]
    agencies_current: list[AgencyInvolvement]
    agencies_past: list[AgencyInvolvement]


def child_record(child: Child, today: date) -> ChildRecord:
    history = history_of(child, list(child.episodes.order_by("decom", "id")), today)
    members = []
    for member in child.family.prefetch_related("memberships__household").order_by("full_name"):
        memberships = sorted(member.memberships.all(), key=lambda m: m.started, reverse=True)
        members.append(MemberRow(member, memberships, any(m.is_current(today) for m in memberships)))
    involvements = list(child.agency_involvements.select_related("agency"))
    return ChildRecord(
        child=child,
        age=child.age_on(today),
        history=history,
        households=[
            HouseholdRow(
                h, sorted((m for m in h.memberships.all() if m.is_current(today)), key=lambda m: m.started)
            )
            for h in child.households.prefetch_related("memberships__member")
        ],
        members=members,
        agencies_current=[a for a in involvements if a.is_current(today)],
        agencies_past=[a for a in involvements if not a.is_current(today)],
    )


# One record of the child's by its id (or 404: an id that is not this child's is not found, never shown).


def family_member(child: Child, member_id: int) -> FamilyMember:
    return get_object_or_404(FamilyMember, pk=member_id, child=child)


def membership(child: Child, membership_id: int) -> HouseholdMembership:
    return get_object_or_404(
        HouseholdMembership.objects.select_related("member", "household"),
        pk=membership_id,
        member__child=child,
    )


def involvement(child: Child, involvement_id: int) -> AgencyInvolvement:
    return get_object_or_404(
        AgencyInvolvement.objects.select_related("agency"), pk=involvement_id, child=child
    )
