"""The one access policy, role by role: what each may do to which child's record, and which parts they see."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from homeward.access.policy import (
    ALL_SECTIONS,
    PARTNER_SECTIONS,
    Capability,
    RecordAction,
    Section,
    decide,
    has_capability,
    sections_for,
)
from homeward.children.models import AgencyInvolvement, Child
from homeward.children.selectors import visible_children
from homeward.organisation.models import Agency, AgencyType, Role, StaffProfile, Team

pytestmark = pytest.mark.django_db


def _new_child(team: Team, la_child_id: str, **fields: Any) -> Child:
    return Child.objects.create(
        la_child_id=la_child_id,
        first_name="Test",
        last_name="Child",
        date_of_birth=date(2015, 1, 1),
        sex="1",
        ethnicity="WBRI",
        team=team,
        **fields,
    )


def _allowed(user: Any, action: RecordAction, child: Child) -> bool:
    return decide(user, action, child).allowed


# --- Social worker ---------------------------------------------------------------------------------


def test_worker_views_and_edits_own_child_with_every_section(demo: Any) -> None:
    worker = demo.staff["worker"]
    decision = decide(worker, RecordAction.VIEW, demo.showcase)
    assert decision.allowed
    assert decision.sections == ALL_SECTIONS
    assert _allowed(worker, RecordAction.EDIT, demo.showcase)


def test_worker_may_not_see_audit_sign_off_or_challenge(demo: Any) -> None:
    worker = demo.staff["worker"]
    for action in (RecordAction.VIEW_AUDIT, RecordAction.SIGN_OFF, RecordAction.CHALLENGE):
        decision = decide(worker, action, demo.showcase)
        assert not decision.allowed, action
        assert decision.sections == frozenset()


def test_worker_sees_unallocated_child_of_own_team(demo: Any) -> None:
    child = _new_child(demo.showcase.team, "900001")
    assert _allowed(demo.staff["worker"], RecordAction.VIEW, child)


def test_worker_refused_another_teams_child(demo: Any) -> None:
    south_child = demo.own_child["worker2"]
    decision = decide(demo.staff["worker"], RecordAction.VIEW, south_child)
    assert not decision.allowed
    assert "not on your caseload" in decision.reason
    assert not _allowed(demo.staff["worker2"], RecordAction.VIEW, demo.showcase)


def test_worker_sees_child_allocated_to_them_in_another_team(demo: Any) -> None:
    south_team = demo.own_child["worker2"].team
    child = _new_child(south_team, "900002", allocated_worker=demo.staff["worker"])
    assert _allowed(demo.staff["worker"], RecordAction.VIEW, child)
    assert child in visible_children(demo.staff["worker"])


def test_worker_visible_children_are_exactly_own_and_team(demo: Any) -> None:
    worker = demo.staff["worker"]
    team = worker.profile.team
    expected = set(Child.objects.filter(team=team).values_list("pk", flat=True)) | set(
        Child.objects.filter(allocated_worker=worker).values_list("pk", flat=True)
    )
    assert set(visible_children(worker).values_list("pk", flat=True)) == expected
    assert expected  # the demo gives worker children


# --- Team manager ----------------------------------------------------------------------------------


def test_manager_may_view_edit_audit_and_sign_off_in_managed_team(demo: Any) -> None:
    manager = demo.staff["manager"]
    for action in (RecordAction.VIEW, RecordAction.EDIT, RecordAction.VIEW_AUDIT, RecordAction.SIGN_OFF):
        assert _allowed(manager, action, demo.showcase), action
    assert not _allowed(manager, RecordAction.CHALLENGE, demo.showcase)


def test_manager_refused_children_of_teams_they_do_not_manage(demo: Any) -> None:
    manager = demo.staff["manager"]
    south_child = demo.own_child["worker2"]
    assert not _allowed(manager, RecordAction.VIEW, south_child)
    assert not visible_children(manager).filter(team=south_child.team).exists()


def test_manager_sees_a_team_once_they_manage_it(demo: Any) -> None:
    manager = demo.staff["manager"]
    south_child = demo.own_child["worker2"]
    manager.profile.managed_teams.add(south_child.team)
    assert _allowed(manager, RecordAction.VIEW, south_child)


def test_manager_with_no_team_and_no_managed_teams_sees_nothing(demo: Any) -> None:
    user = get_user_model().objects.create_user("lonely-manager", password="x-long-password-1")
    StaffProfile.objects.create(user=user, role=Role.TEAM_MANAGER)
    assert not visible_children(user).exists()
    assert not _allowed(user, RecordAction.VIEW, demo.showcase)


# --- IRO ---------------------------------------------------------------------------------------------


def test_iro_views_and_challenges_children_they_review(demo: Any) -> None:
    iro = demo.staff["iro"]
    assert _allowed(iro, RecordAction.VIEW, demo.showcase)
    assert _allowed(iro, RecordAction.CHALLENGE, demo.showcase)
    assert decide(iro, RecordAction.VIEW, demo.showcase).sections == ALL_SECTIONS


def test_iro_may_not_edit_or_sign_off(demo: Any) -> None:
    iro = demo.staff["iro"]
    for action in (RecordAction.EDIT, RecordAction.SIGN_OFF, RecordAction.VIEW_AUDIT):
        assert not _allowed(iro, action, demo.showcase), action


def test_iro_refused_children_they_do_not_review(demo: Any) -> None:
    iro = demo.staff["iro"]
    other = demo.other_child["iro"]
    assert other.iro_id is None
    assert not _allowed(iro, RecordAction.VIEW, other)
    assert set(visible_children(iro)) == set(Child.objects.filter(iro=iro))


# --- Partner agency ------------------------------------------------------------------------------------


def test_partner_sees_only_partner_sections_of_involved_child(demo: Any) -> None:
    health = demo.staff["health"]
    decision = decide(health, RecordAction.VIEW, demo.showcase)
    assert decision.allowed
    assert decision.sections == PARTNER_SECTIONS
    for hidden in (Section.EPISODES, Section.CARE_HISTORY, Section.REUNIFICATION):
        assert not decision.shows(hidden)
    assert decision.shows(Section.FAMILY)


def test_partner_may_not_edit_or_see_audit(demo: Any) -> None:
    health = demo.staff["health"]
    for action in (RecordAction.EDIT, RecordAction.VIEW_AUDIT, RecordAction.SIGN_OFF, RecordAction.CHALLENGE):
        assert not _allowed(health, action, demo.showcase), action


def test_partner_refused_child_their_agency_is_not_involved_with(demo: Any) -> None:
    health = demo.staff["health"]
    other = demo.other_child["health"]
    assert not _allowed(health, RecordAction.VIEW, other)
    # ... even when another agency is involved with that child
    police = Agency.objects.get(agency_type=AgencyType.POLICE)
    AgencyInvolvement.objects.create(
        child=other, agency=police, contact_name="PC Ward", started=date(2020, 1, 1)
    )
    assert not _allowed(health, RecordAction.VIEW, other)


def test_partner_sees_only_current_involvements(demo: Any) -> None:
    health = demo.staff["health"]
    agency = health.profile.agency
    child = demo.other_child["health"]
    today = timezone.localdate()
    involvement = AgencyInvolvement.objects.create(
        child=child, agency=agency, contact_name="Nurse Hill", started=today - timedelta(days=100)
    )
    assert _allowed(health, RecordAction.VIEW, child)
    involvement.ended = today - timedelta(days=1)
    involvement.save()
    assert not _allowed(health, RecordAction.VIEW, child), "ended involvement still gives access"
    involvement.ended = today
    involvement.save()
    assert _allowed(health, RecordAction.VIEW, child), "involvement ending today is still current"
    involvement.started, involvement.ended = today + timedelta(days=5), None
    involvement.save()
    assert not _allowed(health, RecordAction.VIEW, child), "future involvement gives access early"


def test_partner_visible_children_match_current_involvements(demo: Any) -> None:
    health = demo.staff["health"]
    expected = {
        inv.child_id
        for inv in AgencyInvolvement.objects.filter(agency=health.profile.agency)
        if inv.is_current(timezone.localdate())
    }
    visible = list(visible_children(health).values_list("pk", flat=True))
    assert len(visible) == len(set(visible)), "a child appears twice"
    assert set(visible) == expected
    assert 0 < len(expected) < Child.objects.count()


def test_partner_without_agency_sees_nothing(demo: Any) -> None:
    user = get_user_model().objects.create_user("no-agency", password="x-long-password-1")
    StaffProfile.objects.create(user=user, role=Role.PARTNER)
    assert not visible_children(user).exists()
    assert not _allowed(user, RecordAction.VIEW, demo.showcase)


# --- Analyst and administrator: no child records ------------------------------------------------------


@pytest.mark.parametrize("username", ["analyst", "admin", "dataofficer"])
def test_analyst_administrator_and_data_officer_see_no_child_records(demo: Any, username: str) -> None:
    user = demo.staff[username]
    assert not visible_children(user).exists()
    for action in RecordAction:
        decision = decide(user, action, demo.showcase)
        assert not decision.allowed, action
        assert decision.sections == frozenset()


def test_superuser_flag_does_not_open_records(demo: Any) -> None:
    admin = demo.staff["admin"]
    admin.is_staff = admin.is_superuser = True
    admin.save()
    assert not _allowed(admin, RecordAction.VIEW, demo.showcase)


# --- No role ---------------------------------------------------------------------------------------------


def test_anonymous_and_users_without_a_role_are_refused(demo: Any) -> None:
    stranger = get_user_model().objects.create_user("stranger", password="x-long-password-1")
    for user in (AnonymousUser(), stranger):
        decision = decide(user, RecordAction.VIEW, demo.showcase)
        assert not decision.allowed
        assert "no role" in decision.reason
        assert not visible_children(user).exists()
        assert not any(has_capability(user, cap) for cap in Capability)


# --- Capabilities (pages that are not one child's record) -------------------------------------------------

CAPABILITIES = {
    "worker": {Capability.CASELOAD, Capability.RULEBOOK, Capability.API_TOKENS},
    "worker2": {Capability.CASELOAD, Capability.RULEBOOK, Capability.API_TOKENS},
    "manager": {
        Capability.CASELOAD,
        Capability.OUTCOMES,
        Capability.RULEBOOK,
        Capability.API_TOKENS,
        Capability.MISSING_FROM_EXTRACT,
    },
    "iro": {Capability.CASELOAD, Capability.RULEBOOK, Capability.API_TOKENS},
    # A partner agency sees what is shared with it about its children, not the authority's rulebook.
    "health": {Capability.CASELOAD, Capability.API_TOKENS},
    "analyst": {Capability.OUTCOMES, Capability.IMPORT_903, Capability.RULEBOOK, Capability.API_TOKENS},
    "admin": {Capability.MANAGE_USERS, Capability.RULEBOOK, Capability.API_TOKENS},
    # Loads case data and 903 returns (and sees the figures they make), never a child's record.
    "dataofficer": {
        Capability.SYNC_CASE_DATA,
        Capability.MISSING_FROM_EXTRACT,
        Capability.IMPORT_903,
        Capability.OUTCOMES,
        Capability.RULEBOOK,
        Capability.API_TOKENS,
    },
}


@pytest.mark.parametrize("username", sorted(CAPABILITIES))
def test_capabilities_by_role(demo: Any, username: str) -> None:
    user = demo.staff[username]
    # Everyone has their own two-factor sign-in page (its recovery codes, or that their role needs none).
    expected = CAPABILITIES[username] | {Capability.OWN_SIGN_IN}
    assert {cap for cap in Capability if has_capability(user, cap)} == expected


@pytest.mark.parametrize(
    ("username", "expected"),
    [
        ("worker", ALL_SECTIONS),
        ("manager", ALL_SECTIONS),
        ("iro", ALL_SECTIONS),
        ("health", PARTNER_SECTIONS),
        ("analyst", frozenset()),
        ("admin", frozenset()),
        ("dataofficer", frozenset()),
    ],
)
def test_sections_shown_by_role(demo: Any, username: str, expected: frozenset[Section]) -> None:
    assert sections_for(demo.staff[username]) == expected
    assert sections_for(AnonymousUser()) == frozenset()
