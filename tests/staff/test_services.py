"""The rules of staff accounts, one test (or a few) per rule, straight against the services."""

from __future__ import annotations

from typing import Any

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from homeward.access.models import AuditAction, AuditEvent
from homeward.organisation.models import Role
from homeward.staff import selectors, services
from homeward.staff.services import Placement

from .conftest import PASSWORD, StaffWorld


def create(request: HttpRequest, username: str = "newbie", **overrides: Any) -> User:
    fields: dict[str, Any] = {
        "username": username,
        "first_name": "Nell",
        "last_name": "Newbie",
        "email": "nell@example.invalid",
        "password": PASSWORD,
        "placement": Placement(role=Role.ANALYST),
    }
    fields.update(overrides)
    return services.create_account(request, **fields)


def errors_of(excinfo: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return excinfo.value.message_dict


def lock_out(username: str) -> None:
    AccessAttempt.objects.create(
        username=username,
        ip_address="127.0.0.1",
        user_agent="pytest",
        http_accept="*/*",
        path_info="/login/",
        get_data="",
        post_data="",
        failures_since_start=settings.AXES_FAILURE_LIMIT,
    )


# --- Adding an account -----------------------------------------------------------------------------


def test_a_social_worker_is_added_with_their_team_and_the_addition_is_audited(
    world: StaffWorld, admin_request: HttpRequest
) -> None:
    user = create(admin_request, placement=Placement(role=Role.SOCIAL_WORKER, team=world.north))

    assert user.is_active and not user.is_staff and not user.is_superuser
    assert user.check_password(PASSWORD)
    assert user.profile.role == Role.SOCIAL_WORKER and user.profile.team == world.north
    event = AuditEvent.objects.get(action=AuditAction.CREATE)
    assert event.user == world.admin and event.child_id is None
    assert "newbie" in event.what and PASSWORD not in event.what


@pytest.mark.parametrize("role", [Role.SOCIAL_WORKER, Role.TEAM_MANAGER])
def test_a_social_worker_or_manager_must_have_a_team(
    world: StaffWorld, admin_request: HttpRequest, role: Role
) -> None:
    with pytest.raises(ValidationError) as excinfo:
        create(admin_request, placement=Placement(role=role))
    assert "team" in errors_of(excinfo)
    assert not User.objects.filter(username="newbie").exists()
    assert not AuditEvent.objects.exists()


def test_a_partner_must_have_an_agency(world: StaffWorld, admin_request: HttpRequest) -> None:
    with pytest.raises(ValidationError) as excinfo:
        create(admin_request, placement=Placement(role=Role.PARTNER, team=world.north))
    assert errors_of(excinfo)["agency"] == ["Select the agency of a partner agency worker"]
    assert not User.objects.filter(username="newbie").exists()


def test_what_does_not_apply_to_the_role_is_not_kept(world: StaffWorld, admin_request: HttpRequest) -> None:
    partner = create(
        admin_request,
        "partner",
        placement=Placement(
            role=Role.PARTNER, team=world.north, managed_teams=[world.south], agency=world.health
        ),
    )
    assert partner.profile.agency == world.health
    assert partner.profile.team is None and not partner.profile.managed_teams.exists()

    worker = create(
        admin_request,
        "worker",
        placement=Placement(
            role=Role.SOCIAL_WORKER, team=world.north, managed_teams=[world.south], agency=world.health
        ),
    )
    assert worker.profile.agency is None and not worker.profile.managed_teams.exists()


def test_a_manager_keeps_the_teams_they_manage(world: StaffWorld, admin_request: HttpRequest) -> None:
    manager = create(
        admin_request,
        placement=Placement(
            role=Role.TEAM_MANAGER, team=world.north, managed_teams=[world.north, world.south]
        ),
    )
    assert set(manager.profile.managed_teams.all()) == {world.north, world.south}


def test_only_a_manager_is_named_a_nominated_officer(world: StaffWorld, admin_request: HttpRequest) -> None:
    manager = create(
        admin_request,
        username="officer",
        placement=Placement(role=Role.TEAM_MANAGER, team=world.north, nominated_officer=True),
    )
    assert manager.profile.nominated_officer
    event = AuditEvent.objects.filter(action=AuditAction.CREATE, what__contains="officer").latest("at")
    assert "nominated officer" in event.what
    worker = create(
        admin_request,
        username="notofficer",
        placement=Placement(role=Role.SOCIAL_WORKER, team=world.north, nominated_officer=True),
    )
    assert not worker.profile.nominated_officer


@pytest.mark.parametrize(
    "password",
    ["short-pw-1", "password1234", "123456789012345", "nell@example.invalid"],
    ids=["under 12 characters", "common", "all digits", "like their email address"],
)
def test_the_initial_password_must_pass_the_validators(
    world: StaffWorld, admin_request: HttpRequest, password: str
) -> None:
    with pytest.raises(ValidationError) as excinfo:
        create(admin_request, password=password)
    assert errors_of(excinfo)["password"]
    assert not User.objects.filter(username="newbie").exists()


def test_a_user_name_is_not_taken_twice_whatever_the_case(
    world: StaffWorld, admin_request: HttpRequest
) -> None:
    with pytest.raises(ValidationError) as excinfo:
        create(admin_request, username="BOSS")
    assert "username" in errors_of(excinfo)
    assert User.objects.count() == 1


def test_every_problem_is_reported_at_once(world: StaffWorld, admin_request: HttpRequest) -> None:
    with pytest.raises(ValidationError) as excinfo:
        create(admin_request, username="boss", password="short", placement=Placement(role=Role.PARTNER))
    assert {"username", "password", "agency"} <= set(errors_of(excinfo))


# --- Changing an account ---------------------------------------------------------------------------


def test_an_account_is_moved_to_another_role_and_the_change_is_audited(
    world: StaffWorld, admin_request: HttpRequest
) -> None:
    worker = world.person("worker", Role.SOCIAL_WORKER, team=world.north)

    services.change_account(
        admin_request, worker, placement=Placement(role=Role.PARTNER, agency=world.health), is_active=True
    )

    worker.refresh_from_db()
    assert worker.profile.role == Role.PARTNER
    assert worker.profile.agency == world.health and worker.profile.team is None
    event = AuditEvent.objects.get(action=AuditAction.CHANGE)
    assert event.user == world.admin and event.child_id is None and "worker" in event.what


def test_a_change_says_in_words_what_was_before_and_what_is_after(
    world: StaffWorld, admin_request: HttpRequest
) -> None:
    worker = world.person("worker", Role.SOCIAL_WORKER, team=world.north)

    services.change_account(
        admin_request, worker, placement=Placement(role=Role.PARTNER, agency=world.health), is_active=True
    )

    what = AuditEvent.objects.get(action=AuditAction.CHANGE).what
    assert what.startswith("staff account worker: ")
    assert "role: social worker → partner agency worker" in what
    assert "team: North Team → none" in what
    assert "agency: none → Northshire NHS Trust" in what
    assert "can sign in" not in what and "nominated officer" not in what  # unchanged, not mentioned


def test_a_manager_s_teams_and_nomination_are_audited_before_and_after(
    world: StaffWorld, admin_request: HttpRequest
) -> None:
    manager = world.person("manager", Role.TEAM_MANAGER, team=world.north, managed_teams=[world.north])

    services.change_account(
        admin_request,
        manager,
        placement=Placement(
            Role.TEAM_MANAGER,
            team=world.south,
            managed_teams=[world.north, world.south],
            nominated_officer=True,
        ),
        is_active=True,
    )

    what = AuditEvent.objects.get(action=AuditAction.CHANGE).what
    assert "team: North Team → South Team" in what
    assert "teams managed: North Team → North Team, South Team" in what
    assert "nominated officer: no → yes" in what
    assert "role:" not in what


def test_removing_the_django_admin_flags_is_audited(world: StaffWorld, admin_request: HttpRequest) -> None:
    other = world.person("other-admin", Role.ADMINISTRATOR)
    User.objects.filter(pk=other.pk).update(is_staff=True, is_superuser=True)
    other.refresh_from_db()

    services.change_account(admin_request, other, placement=Placement(Role.IRO), is_active=True)

    what = AuditEvent.objects.get(action=AuditAction.CHANGE).what
    assert "role: administrator → independent reviewing officer (iro)" in what
    assert "Django admin flags: staff, superuser → none" in what


def test_a_long_change_is_audited_whole_across_events(world: StaffWorld, admin_request: HttpRequest) -> None:
    from homeward.organisation.models import Team

    teams = [
        Team.objects.create(name=f"Children in Care Team {n} (Northshire West Locality)") for n in range(6)
    ]
    manager = world.person("manager", Role.TEAM_MANAGER, team=world.north)

    services.change_account(
        admin_request,
        manager,
        placement=Placement(Role.TEAM_MANAGER, team=world.south, managed_teams=teams, nominated_officer=True),
        is_active=False,
    )

    head = "staff account manager: "
    events = list(AuditEvent.objects.filter(action=AuditAction.CHANGE).order_by("id"))
    assert len(events) > 1
    assert all(len(e.what) <= 200 and e.what.startswith(head) for e in events)
    whole = " ".join(e.what.removeprefix(head) for e in events)
    assert "team: North Team → South Team" in whole
    assert "nominated officer: no → yes" in whole
    assert "can sign in: yes → no (deactivated)" in whole
    # The managed teams alone are too long for one event: they go on in the next, none is lost.
    assert "teams managed: none → " + ", ".join(sorted(t.name for t in teams)) in whole


def test_a_change_must_keep_the_rules_of_the_role(world: StaffWorld, admin_request: HttpRequest) -> None:
    worker = world.person("worker", Role.SOCIAL_WORKER, team=world.north)
    with pytest.raises(ValidationError) as excinfo:
        services.change_account(admin_request, worker, placement=Placement(Role.PARTNER), is_active=True)
    assert "agency" in errors_of(excinfo)
    worker.refresh_from_db()
    assert worker.profile.role == Role.SOCIAL_WORKER and worker.profile.team == world.north
    assert not AuditEvent.objects.exists()


def test_someone_who_leaves_is_deactivated_not_deleted(world: StaffWorld, admin_request: HttpRequest) -> None:
    worker = world.person("worker", Role.SOCIAL_WORKER, team=world.north)
    placement = Placement(Role.SOCIAL_WORKER, team=world.north)

    services.change_account(admin_request, worker, placement=placement, is_active=False)

    worker.refresh_from_db()
    assert not worker.is_active
    assert AuditEvent.objects.get().what == "staff account worker: can sign in: yes → no (deactivated)"

    services.change_account(admin_request, worker, placement=placement, is_active=True)
    worker.refresh_from_db()
    assert worker.is_active
    assert AuditEvent.objects.latest("id").what == "staff account worker: can sign in: no → yes (reactivated)"


def test_an_administrator_cannot_deactivate_their_own_account(
    world: StaffWorld, admin_request: HttpRequest
) -> None:
    with pytest.raises(ValidationError) as excinfo:
        services.change_account(
            admin_request, world.admin, placement=Placement(Role.ADMINISTRATOR), is_active=False
        )
    assert errors_of(excinfo)["is_active"] == ["You cannot deactivate your own account"]
    world.admin.refresh_from_db()
    assert world.admin.is_active


def test_an_administrator_cannot_take_away_their_own_role(
    world: StaffWorld, admin_request: HttpRequest
) -> None:
    with pytest.raises(ValidationError) as excinfo:
        services.change_account(admin_request, world.admin, placement=Placement(Role.ANALYST), is_active=True)
    assert "role" in errors_of(excinfo)
    world.admin.refresh_from_db()
    assert world.admin.profile.role == Role.ADMINISTRATOR


def test_another_administrator_can_be_deactivated(world: StaffWorld, admin_request: HttpRequest) -> None:
    other = world.person("other-admin", Role.ADMINISTRATOR)
    services.change_account(admin_request, other, placement=Placement(Role.ADMINISTRATOR), is_active=False)
    other.refresh_from_db()
    assert not other.is_active


def test_a_former_administrator_loses_the_django_admin(world: StaffWorld, admin_request: HttpRequest) -> None:
    other = world.person("other-admin", Role.ADMINISTRATOR)
    User.objects.filter(pk=other.pk).update(is_staff=True, is_superuser=True)

    services.change_account(
        admin_request, other, placement=Placement(Role.SOCIAL_WORKER, team=world.south), is_active=True
    )

    other.refresh_from_db()
    assert not other.is_staff and not other.is_superuser


def test_an_account_without_a_role_is_given_one(world: StaffWorld, admin_request: HttpRequest) -> None:
    bare = User.objects.create_user("bare", password=PASSWORD)
    services.change_account(admin_request, bare, placement=Placement(Role.IRO), is_active=True)
    bare.refresh_from_db()
    assert bare.profile.role == Role.IRO


# --- Passwords and lock-out ------------------------------------------------------------------------


def test_a_password_is_reset_only_to_a_valid_one(world: StaffWorld, admin_request: HttpRequest) -> None:
    worker = world.person("worker", Role.SOCIAL_WORKER, team=world.north)

    with pytest.raises(ValidationError) as excinfo:
        services.reset_password(admin_request, worker, "too-short")
    assert "password" in errors_of(excinfo)
    worker.refresh_from_db()
    assert worker.check_password(PASSWORD)

    services.reset_password(admin_request, worker, "another-quite-long-passphrase")
    worker.refresh_from_db()
    assert worker.check_password("another-quite-long-passphrase")
    event = AuditEvent.objects.get()
    assert event.action == AuditAction.CHANGE and "password" in event.what
    assert "another-quite-long-passphrase" not in event.what


def test_a_locked_out_account_is_unlocked(world: StaffWorld, admin_request: HttpRequest) -> None:
    worker = world.person("worker", Role.SOCIAL_WORKER, team=world.north)
    lock_out("worker")
    assert selectors.is_locked_out("worker")
    assert not selectors.is_locked_out("boss")

    services.unlock(admin_request, worker)

    assert not selectors.is_locked_out("worker")
    assert "unlocked worker" in AuditEvent.objects.get(action=AuditAction.CHANGE).what


def test_a_few_failed_sign_ins_are_not_a_lock_out(world: StaffWorld) -> None:
    lock_out("worker")
    AccessAttempt.objects.update(failures_since_start=settings.AXES_FAILURE_LIMIT - 1)
    assert not selectors.is_locked_out("worker")


# --- Teams and agencies ----------------------------------------------------------------------------


def test_a_team_is_added_once(world: StaffWorld, admin_request: HttpRequest) -> None:
    team = services.add_team(admin_request, name="  East Team ")
    assert team.name == "East Team"
    assert AuditEvent.objects.get().action == AuditAction.CREATE
    with pytest.raises(ValidationError) as excinfo:
        services.add_team(admin_request, name="east team")
    assert "name" in errors_of(excinfo)


def test_an_agency_is_added_once(world: StaffWorld, admin_request: HttpRequest) -> None:
    agency = services.add_agency(admin_request, name="Oakfield School", agency_type="school")
    assert agency.get_agency_type_display() == "School or education"
    with pytest.raises(ValidationError):
        services.add_agency(admin_request, name="northshire nhs trust", agency_type="health")
    with pytest.raises(ValidationError):
        services.add_agency(admin_request, name="Somewhere", agency_type="not-a-type")


def test_a_work_phone_number_is_kept_and_its_change_audited(
    world: StaffWorld, admin_request: HttpRequest
) -> None:
    worker = world.person("worker", Role.SOCIAL_WORKER, team=world.north)
    services.change_account(
        admin_request,
        worker,
        placement=Placement(Role.SOCIAL_WORKER, team=world.north, phone=" 01632 960555 "),
        is_active=True,
    )
    worker.profile.refresh_from_db()
    assert worker.profile.phone == "01632 960555"
    assert "work phone: none → 01632 960555" in AuditEvent.objects.get(action=AuditAction.CHANGE).what


def test_a_team_is_added_with_its_phone_number(world: StaffWorld, admin_request: HttpRequest) -> None:
    team = services.add_team(admin_request, name="East Team", phone="01632 960777")
    assert team.phone == "01632 960777"
