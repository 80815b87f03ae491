"""A small world for monitoring tests without the demo: a team, its worker and manager, and children
whose care ended with a return home (903 E4A) some days ago."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from homeward.children.models import Child, Episode, FamilyMember, Household, HouseholdMembership
from homeward.monitoring import services
from homeward.monitoring.models import MonitoringPeriod, PeriodKind
from homeward.organisation.models import Role, StaffProfile, Team


@dataclass
class World:
    team: Team
    worker: Any
    manager: Any


def world() -> World:
    team = Team.objects.create(name="Monitoring test team")
    User = get_user_model()
    worker = User.objects.create_user("mon-worker", first_name="Wendy", last_name="Worker")
    StaffProfile.objects.create(user=worker, role=Role.SOCIAL_WORKER, team=team)
    manager = User.objects.create_user("mon-manager", first_name="Max", last_name="Manager")
    profile = StaffProfile.objects.create(user=manager, role=Role.TEAM_MANAGER, team=team)
    profile.managed_teams.add(team)
    return World(team, worker, manager)


def returned_child(w: World, n: int = 0, *, returned_days_ago: int = 60, ls: str = "C2") -> Child:
    today = timezone.localdate()
    child = Child.objects.create(
        la_child_id=f"9{n:05d}",
        first_name="Test",
        last_name=f"Child{n}",
        date_of_birth=today - timedelta(days=3650),
        sex="1",
        ethnicity="WBRI",
        team=w.team,
        allocated_worker=w.worker,
    )
    Episode.objects.create(
        child=child,
        decom=today - timedelta(days=400),
        rne="S",
        ls=ls,
        cin="N1",
        place="U1",
        dec=today - timedelta(days=returned_days_ago),
        rec="E4A",
    )
    home = Household.objects.create(child=child, name="Mother's home", is_proposed_return_home=True)
    mother = FamilyMember.objects.create(child=child, full_name=f"Mary Child{n}", relationship="mother")
    HouseholdMembership.objects.create(household=home, member=mother, started=today - timedelta(days=4000))
    return child


def monitored(w: World, n: int = 0, *, days_ago: int = 60) -> MonitoringPeriod:
    """A child in monitoring since their return `days_ago` days ago."""
    child = returned_child(w, n, returned_days_ago=days_ago)
    return services.start(
        child, kind=PeriodKind.RETURN_HOME, started_on=ago(days_ago), by_name="Wendy Worker", user=w.worker
    )


def ago(days: int) -> date:
    return timezone.localdate() - timedelta(days=days)


def visit(
    period: MonitoringPeriod, user: Any, days_ago: int, *, alone: bool = True, concern: bool = False
) -> Any:
    return services.record_visit(
        period,
        user,
        visited_on=ago(days_ago),
        child_seen=True,
        seen_alone=alone,
        seen_away_from_home=False,
        raises_concern=concern,
        concerns="Bruise on the arm, not explained" if concern else "",
    )
