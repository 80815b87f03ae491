"""Reads of children's records, shaped for the pages. Access is decided by the caller's decorator."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch

from homeward.access.policy import visible_children
from homeward.children.care_history import CareHistory, compute_care_history
from homeward.children.models import (
    AgencyInvolvement,
    Child,
    Episode,
    FamilyMember,
    Household,
    HouseholdMembership,
)
from homeward.ssda903 import codes


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

    @property
    def legal_status_words(self) -> str:
        return codes.describe("LS", self.legal_status) if self.legal_status else "Not looked after"

    @property
    def placement_words(self) -> str:
        return codes.PLACEMENT.get(self.placement, self.placement) if self.placement else "At home"


def current_episode(episodes: list[Episode]) -> Episode | None:
    open_eps = [e for e in episodes if e.dec is None]
    return max(open_eps, key=lambda e: e.decom) if open_eps else None


def caseload(user: AbstractBaseUser | AnonymousUser, today: date) -> list[CaseloadRow]:
    children = (
        visible_children(user, today)
        .select_related("allocated_worker", "team")
        .prefetch_related(Prefetch("episodes", queryset=Episode.objects.order_by("decom")))
    )
    rows = []
    for child in children:
        episodes = list(child.episodes.all())
        history = compute_care_history(episodes)
        now = current_episode(episodes)
        period = history.current_period
        rows.append(
            CaseloadRow(
                child=child,
                age=child.age_on(today),
                legal_status=now.ls if now else None,
                placement=now.place if now else None,
                days_in_care=period.days(today) if period else None,
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
    history: CareHistory
    episodes: list[Episode]
    current: Episode | None
    households: list[HouseholdRow]
    members: list[MemberRow]
    agencies_current: list[AgencyInvolvement]
    agencies_past: list[AgencyInvolvement]
    days_in_care: int | None


def child_record(child: Child, today: date) -> ChildRecord:
    episodes = list(child.episodes.order_by("decom", "id"))
    members = []
    for member in child.family.prefetch_related("memberships__household").order_by("full_name"):
        memberships = sorted(member.memberships.all(), key=lambda m: m.started, reverse=True)
        members.append(MemberRow(member, memberships, any(m.is_current(today) for m in memberships)))
    involvements = list(child.agency_involvements.select_related("agency"))
    history = compute_care_history(episodes)
    period = history.current_period
    return ChildRecord(
        child=child,
        age=child.age_on(today),
        history=history,
        episodes=episodes,
        current=current_episode(episodes),
        households=[
            HouseholdRow(
                h, sorted((m for m in h.memberships.all() if m.is_current(today)), key=lambda m: m.started)
            )
            for h in child.households.prefetch_related("memberships__member")
        ],
        members=members,
        agencies_current=[a for a in involvements if a.is_current(today)],
        agencies_past=[a for a in involvements if not a.is_current(today)],
        days_in_care=period.days(today) if period else None,
    )
