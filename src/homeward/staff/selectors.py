"""Reads for the staff pages: who has an account, in which role, and who is locked out."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db.models import Q, QuerySet

from homeward.access import lockout
from homeward.organisation.models import Agency, Role, StaffProfile, Team


@dataclass(frozen=True)
class AccountRow:
    user: User
    profile: StaffProfile | None
    locked_out: bool

    @property
    def role_label(self) -> str:
        return self.profile.get_role_display() if self.profile else "No role"

    @property
    def team_or_agency(self) -> str:
        """Where they work: a partner's agency; a worker's team (and a manager's managed teams)."""
        profile = self.profile
        if profile is None:
            return ""
        if profile.role == Role.PARTNER:
            return profile.agency.name if profile.agency else ""
        managed = list(profile.managed_teams.all()) if profile.role == Role.TEAM_MANAGER else []
        parts = []
        if profile.team:
            parts.append(f"{profile.team.name} (manages)" if profile.team in managed else profile.team.name)
        others = [t.name for t in managed if t != profile.team]
        if others:
            parts.append(("also manages " if profile.team else "manages ") + ", ".join(others))
        return "; ".join(parts)


def locked_out_usernames(usernames: list[str] | None = None) -> set[str]:
    """User names locked out now, by their account's failures or their address's."""
    return lockout.locked_out_usernames(usernames)


def is_locked_out(username: str) -> bool:
    return username in locked_out_usernames([username])


def _accounts() -> QuerySet[User]:
    UserModel = get_user_model()
    return UserModel.objects.select_related("profile__team", "profile__agency").prefetch_related(
        "profile__managed_teams"
    )


def account_rows(role: str | None = None, search: str = "") -> list[AccountRow]:
    """Every account (active or not), by surname; only those in `role` when given ("none": no role),
    and whose name or user name contains each word of `search`."""
    users = _accounts().order_by("last_name", "first_name", "username")
    for word in search.split():
        users = users.filter(
            Q(username__icontains=word) | Q(first_name__icontains=word) | Q(last_name__icontains=word)
        )
    if role == "none":
        users = users.filter(profile__isnull=True)
    elif role:
        users = users.filter(profile__role=role)
    users_list = list(users)
    locked = locked_out_usernames([u.username for u in users_list])
    return [AccountRow(u, _profile(u), u.username in locked) for u in users_list]


def account(user_id: int) -> AccountRow | None:
    user = _accounts().filter(pk=user_id).first()
    if user is None:
        return None
    return AccountRow(user, _profile(user), is_locked_out(user.username))


def _profile(user: User) -> StaffProfile | None:
    try:
        profile: StaffProfile = getattr(user, "profile")  # noqa: B009 (the reverse one-to-one)
    except StaffProfile.DoesNotExist:
        return None
    return profile


def teams() -> QuerySet[Team]:
    return Team.objects.prefetch_related("members__user", "managers__user").order_by("name")


def agencies() -> QuerySet[Agency]:
    return Agency.objects.prefetch_related("workers__user").order_by("name")


def saved_profile(user: User) -> StaffProfile | None:
    """The account's profile as saved now (read afresh, so a stale form can be told from a fresh one)."""
    return StaffProfile.objects.filter(user=user).first()
