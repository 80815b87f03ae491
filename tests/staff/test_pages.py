"""The Manage staff pages through the Django test client: what an administrator sees and what is saved."""

from __future__ import annotations

from typing import Any

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from homeward.access.models import AuditAction, AuditEvent
from homeward.organisation.models import Agency, Role, StaffProfile, Team
from tests.pages import post_form
from tests.twofactor import sign_in_verified

from .conftest import PASSWORD, StaffWorld


def new_worker(world: StaffWorld, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "first_name": "Sam",
        "last_name": "Sparrow",
        "email": "sam.sparrow@example.invalid",
        "username": "ssparrow",
        "role": Role.SOCIAL_WORKER,
        "team": world.north.pk,
        "password": PASSWORD,
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def error_summary(response: Any) -> str:
    html = response.content.decode()
    assert "govuk-error-summary" in html and "There is a problem" in html
    assert "<title>Error:" in html
    start = html.index("govuk-error-summary")
    return html[start : html.index("</ul>", start)]


def test_the_list_shows_every_account_with_role_team_and_state(
    world: StaffWorld, admin_client: Client
) -> None:
    world.person("worker", Role.SOCIAL_WORKER, team=world.north)
    world.person("manager", Role.TEAM_MANAGER, team=world.north, managed_teams=[world.south])
    world.person("manager2", Role.TEAM_MANAGER, team=world.south, managed_teams=[world.south])
    world.person("health", Role.PARTNER, agency=world.health)
    gone = world.person("leaver", Role.ANALYST)
    User.objects.filter(pk=gone.pk).update(is_active=False)
    AccessAttempt.objects.create(
        username="worker",
        ip_address="127.0.0.1",
        user_agent="x",
        http_accept="*/*",
        path_info="/login/",
        get_data="",
        post_data="",
        failures_since_start=settings.AXES_FAILURE_LIMIT,
    )

    response = admin_client.get(reverse("staff:list"))

    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 class="govuk-heading-l">Manage staff</h1>' in html
    assert "6 accounts" in html
    assert "North Team; also manages South Team" in html
    assert "South Team (manages)" in html
    assert "Northshire NHS Trust" in html
    assert "Locked out" in html and "Deactivated" in html
    assert reverse("staff:account", args=[gone.pk]) in html


def test_the_list_is_filtered_by_role(world: StaffWorld, admin_client: Client) -> None:
    world.person("worker", Role.SOCIAL_WORKER, team=world.north)
    world.person("health", Role.PARTNER, agency=world.health)

    response = admin_client.get(reverse("staff:list"), {"role": Role.PARTNER})

    rows = [r.user.username for r in response.context["rows"]]
    assert rows == ["health"]
    assert "Partner agency worker: 1 account" in response.content.decode()
    # An unknown role shows everyone rather than failing.
    assert len(admin_client.get(reverse("staff:list"), {"role": "nonsense"}).context["rows"]) == 3


def test_the_list_is_searched_by_name_or_user_name(world: StaffWorld, admin_client: Client) -> None:
    world.person("worker", Role.SOCIAL_WORKER, team=world.north)
    world.person("health", Role.PARTNER, agency=world.health)

    def found(**query: str) -> list[str]:
        return [r.user.username for r in admin_client.get(reverse("staff:list"), query).context["rows"]]

    assert found(q="HEAL") == ["health"]
    assert found(q="bea boss") == ["boss"]  # first and last name
    assert found(q="worker", role=Role.PARTNER) == []
    page = admin_client.get(reverse("staff:list"), {"q": "nobody"}).content.decode()
    assert "0 accounts matching “nobody”" in page and "No accounts match." in page


def test_an_administrator_adds_a_social_worker(world: StaffWorld, admin_client: Client) -> None:
    response = admin_client.post(reverse("staff:add"), new_worker(world))

    user = User.objects.get(username="ssparrow")
    assert response.status_code == 302 and response["Location"] == reverse("staff:account", args=[user.pk])
    assert user.profile.role == Role.SOCIAL_WORKER and user.profile.team == world.north
    assert user.check_password(PASSWORD)
    event = AuditEvent.objects.get(action=AuditAction.CREATE)
    assert event.user == world.admin and event.path == reverse("staff:add") and event.method == "POST"
    page = admin_client.get(response["Location"]).content.decode()
    assert "Account added for Sam Sparrow (ssparrow)." in page


def test_a_bad_password_is_explained_and_nothing_is_saved(world: StaffWorld, admin_client: Client) -> None:
    response = admin_client.post(reverse("staff:add"), new_worker(world, password="short"))

    assert response.status_code == 400
    summary = error_summary(response)
    assert "This password is too short. It must contain at least 12 characters." in summary
    assert 'href="#id_password"' in summary
    assert not User.objects.filter(username="ssparrow").exists()
    assert not AuditEvent.objects.filter(action=AuditAction.CREATE).exists()
    assert PASSWORD not in response.content.decode()


def test_a_partner_without_an_agency_is_refused(world: StaffWorld, admin_client: Client) -> None:
    response = admin_client.post(
        reverse("staff:add"), new_worker(world, role=Role.PARTNER, team=None, username="partner1")
    )

    assert "Select the agency of a partner agency worker" in error_summary(response)
    assert not User.objects.filter(username="partner1").exists()
    assert not StaffProfile.objects.filter(role=Role.PARTNER).exists()


def test_an_empty_form_shows_every_missing_answer(world: StaffWorld, admin_client: Client) -> None:
    summary = error_summary(admin_client.post(reverse("staff:add"), {}))
    for message in (
        "Enter their first name",
        "Enter a user name",
        "Select a role",
        "Enter an initial password",
    ):
        assert message in summary
    assert User.objects.count() == 1


def test_an_account_is_changed_and_deactivated(world: StaffWorld, admin_client: Client) -> None:
    worker = world.person("worker", Role.SOCIAL_WORKER, team=world.north)
    url = reverse("staff:change", args=[worker.pk])

    form = admin_client.get(url)
    assert form.status_code == 200
    assert form.context["form"].initial["team"] == world.north.pk

    response = post_form(
        admin_client,
        url,
        {
            "role": Role.TEAM_MANAGER,
            "team": world.south.pk,
            "managed_teams": [world.south.pk],
            "is_active": "no",
        },
    )

    assert response.status_code == 302
    worker.refresh_from_db()
    assert not worker.is_active
    assert worker.profile.role == Role.TEAM_MANAGER and worker.profile.team == world.south
    assert list(worker.profile.managed_teams.all()) == [world.south]
    assert "deactivated" in AuditEvent.objects.get(action=AuditAction.CHANGE).what


def test_an_administrator_cannot_deactivate_themselves_on_the_page(
    world: StaffWorld, admin_client: Client
) -> None:
    response = admin_client.post(
        reverse("staff:change", args=[world.admin.pk]), {"role": Role.ADMINISTRATOR, "is_active": "no"}
    )

    assert "You cannot deactivate your own account" in error_summary(response)
    own_page = admin_client.get(reverse("staff:account", args=[world.admin.pk])).content.decode()
    assert "This is your account." in own_page
    world.admin.refresh_from_db()
    assert world.admin.is_active
    assert not AuditEvent.objects.filter(action=AuditAction.CHANGE).exists()


def test_a_password_is_reset(world: StaffWorld, admin_client: Client) -> None:
    worker = world.person("worker", Role.SOCIAL_WORKER, team=world.north)
    url = reverse("staff:password", args=[worker.pk])

    assert "This password is too common." in error_summary(
        admin_client.post(url, {"password": "password1234"})
    )
    worker.refresh_from_db()
    assert worker.check_password(PASSWORD)

    assert admin_client.post(url, {"password": "a-brand-new-passphrase"}).status_code == 302
    worker.refresh_from_db()
    assert worker.check_password("a-brand-new-passphrase")
    assert AuditEvent.objects.filter(action=AuditAction.CHANGE, what__contains="password").count() == 1


def test_a_locked_out_account_is_unlocked_from_its_page(world: StaffWorld, admin_client: Client) -> None:
    worker = world.person("worker", Role.SOCIAL_WORKER, team=world.north)
    AccessAttempt.objects.create(
        username="worker",
        ip_address="10.0.0.1",
        user_agent="x",
        http_accept="*/*",
        path_info="/login/",
        get_data="",
        post_data="",
        failures_since_start=settings.AXES_FAILURE_LIMIT,
    )
    account = admin_client.get(reverse("staff:account", args=[worker.pk])).content.decode()
    assert "locked out after too many failed sign-ins" in account
    assert reverse("staff:unlock", args=[worker.pk]) in account

    response = admin_client.post(reverse("staff:unlock", args=[worker.pk]))

    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username="worker").exists()
    assert "not locked out" in admin_client.get(reverse("staff:unlock", args=[worker.pk])).content.decode()


def test_an_unknown_account_is_not_found(world: StaffWorld, admin_client: Client) -> None:
    assert admin_client.get(reverse("staff:account", args=[999_999])).status_code == 404


def test_teams_and_agencies_are_listed_and_added(world: StaffWorld, admin_client: Client) -> None:
    assert "North Team" in admin_client.get(reverse("staff:teams")).content.decode()
    assert admin_client.post(reverse("staff:team_add"), {"name": "East Team"}).status_code == 302
    assert Team.objects.filter(name="East Team").exists()
    assert "A team with this name already exists" in error_summary(
        admin_client.post(reverse("staff:team_add"), {"name": "east team"})
    )

    assert "Northshire NHS Trust" in admin_client.get(reverse("staff:agencies")).content.decode()
    response = admin_client.post(
        reverse("staff:agency_add"), {"name": "Oakfield School", "agency_type": "school"}
    )
    assert response.status_code == 302
    assert Agency.objects.get(name="Oakfield School").agency_type == "school"
    assert "Select the type of agency" in error_summary(
        admin_client.post(reverse("staff:agency_add"), {"name": "X"})
    )
    assert AuditEvent.objects.filter(action=AuditAction.CREATE).count() == 2


def test_someone_else_cannot_add_an_account_by_posting(world: StaffWorld) -> None:
    worker = world.person("worker", Role.SOCIAL_WORKER, team=world.north)
    client = Client()
    sign_in_verified(client, worker)

    response = client.post(reverse("staff:add"), new_worker(world))

    assert response.status_code == 403
    assert not User.objects.filter(username="ssparrow").exists()
    assert AuditEvent.objects.get().action == AuditAction.DENIED


def test_administrators_start_on_manage_staff_and_the_header_links_there(
    world: StaffWorld, admin_client: Client
) -> None:
    response = admin_client.get(reverse("home"))
    assert response.status_code == 302 and response["Location"] == reverse("staff:list")
    page = admin_client.get(reverse("staff:list")).content.decode()
    assert f'href="{reverse("staff:list")}">Manage staff</a>' in page


def test_a_deactivated_account_cannot_sign_in_and_its_session_ends(
    world: StaffWorld, admin_client: Client
) -> None:
    worker = world.person("worker", Role.SOCIAL_WORKER, team=world.north)
    their_session = Client()
    sign_in_verified(their_session, worker)
    assert their_session.get(reverse("children:caseload")).status_code == 200

    post_form(
        admin_client,
        reverse("staff:change", args=[worker.pk]),
        {"role": Role.SOCIAL_WORKER, "team": world.north.pk, "is_active": "no"},
    )

    assert their_session.get(reverse("children:caseload")).status_code == 302  # back to the login page
    response = Client().post(reverse("login"), {"username": "worker", "password": PASSWORD})
    assert response.status_code == 200 and "There is a problem" in response.content.decode()
