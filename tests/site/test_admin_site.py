"""Django's admin: not served by default; switched on, read-only and only for a superuser."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.test import Client
from django.urls import NoReverseMatch, clear_url_caches, reverse

from homeward.access import audit
from homeward.access.models import AuditAction, AuditEvent
from homeward.organisation.models import Role, StaffProfile, Team
from homeward.site import urls
from tests.twofactor import app_of, code_for, sign_in_verified

PASSWORD = "a-long-and-unusual-passphrase-42"


def _reload_urls() -> None:
    importlib.reload(urls)
    clear_url_caches()


@pytest.fixture
def admin_site_on(settings: Any) -> Iterator[None]:
    settings.HOMEWARD_ADMIN_SITE = True
    _reload_urls()
    yield
    settings.HOMEWARD_ADMIN_SITE = False
    _reload_urls()


@pytest.fixture
def superuser(db: None) -> User:
    # What `homeward manage createsuperuser` makes.
    return User.objects.create_superuser("root", "root@example.invalid", PASSWORD)


@pytest.fixture
def homeward_administrator(db: None) -> User:
    user = User.objects.create_user("boss", password=PASSWORD)
    StaffProfile.objects.create(user=user, role=Role.ADMINISTRATOR)
    return user


def _client(user: User) -> Client:
    client = Client()
    sign_in_verified(client, user)
    return client


def test_the_admin_is_not_served_by_default(superuser: User) -> None:
    with pytest.raises(NoReverseMatch):
        reverse("admin:index")
    assert _client(superuser).get("/admin/").status_code == 404


def test_a_superuser_can_look_but_not_add_change_or_delete(admin_site_on: None, superuser: User) -> None:
    client = _client(superuser)
    worker = User.objects.create_user("worker", password=PASSWORD)
    team = Team.objects.create(name="North Team")
    assert client.get(reverse("admin:index")).status_code == 200
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 200
    page = client.get(reverse("admin:auth_user_change", args=[worker.pk]))
    assert page.status_code == 200
    assert b'name="is_superuser"' not in page.content  # shown, not editable
    for name, args in [
        ("admin:auth_user_add", []),
        ("admin:auth_user_delete", [worker.pk]),
        ("admin:auth_user_password_change", [worker.pk]),
        ("admin:auth_group_add", []),
        ("admin:organisation_team_delete", [team.pk]),
        ("admin:organisation_staffprofile_add", []),
        ("admin:access_auditevent_add", []),
    ]:
        assert client.get(reverse(name, args=args)).status_code == 403, name
    response = client.post(
        reverse("admin:auth_user_change", args=[worker.pk]),
        {"username": "worker", "is_staff": "on", "is_superuser": "on", "is_active": "on"},
    )
    assert response.status_code == 403
    worker.refresh_from_db()
    assert not worker.is_staff and not worker.is_superuser
    response = client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "delete_selected", "_selected_action": [worker.pk], "post": "yes"},
    )
    assert User.objects.filter(pk=worker.pk).exists()
    assert not Group.objects.exists()


def test_every_registered_model_is_read_only(admin_site_on: None, superuser: User, rf: Any) -> None:
    request = rf.get("/admin/")
    request.user = superuser
    assert admin.site._registry, "nothing is registered"
    for model, model_admin in admin.site._registry.items():
        assert not model_admin.has_add_permission(request), model
        assert not model_admin.has_change_permission(request), model
        assert not model_admin.has_delete_permission(request), model
        assert model_admin.has_view_permission(request), model


def test_an_audit_event_cannot_be_edited_through_the_admin(
    admin_site_on: None, superuser: User, rf: Any
) -> None:
    request = rf.get("/children/1/")
    request.user = superuser
    event = audit.record(request, AuditAction.VIEW, "child's record", 1)
    client = _client(superuser)
    response = client.post(reverse("admin:access_auditevent_change", args=[event.pk]), {"what": "edited"})
    assert response.status_code == 403
    assert AuditEvent.objects.get(pk=event.pk).what == "child's record"


def test_a_homeward_administrator_is_refused_the_admin(
    admin_site_on: None, homeward_administrator: User
) -> None:
    # The administrator role manages accounts in the staff pages; the admin is for a superuser only.
    response = _client(homeward_administrator).get(reverse("admin:index"), follow=True)
    assert response.status_code == 403
    homeward_administrator.is_staff = True
    homeward_administrator.save()
    assert _client(homeward_administrator).get(reverse("admin:index"), follow=True).status_code == 403


def test_someone_signed_out_is_sent_to_homewards_sign_in_page(admin_site_on: None, db: None) -> None:
    response = Client().get(reverse("admin:index"), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("login") + "?next=")
    assert response.status_code == 200


def test_a_superuser_signs_in_on_homewards_page_and_reaches_the_admin(
    admin_site_on: None, superuser: User
) -> None:
    client = Client()
    response = client.post(f"{reverse('login')}?next=/admin/", {"username": "root", "password": PASSWORD})
    # A superuser needs the second step of signing in too, then goes on to the page asked for.
    assert response.headers["Location"] == f"{reverse('two_factor')}?next=%2Fadmin%2F"
    assert client.get("/admin/").status_code == 302
    response = client.post(response.headers["Location"], {"code": code_for(app_of(superuser))})
    assert response.headers["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
