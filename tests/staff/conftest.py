"""Fixtures for the staff pages: a small world of two teams, an agency and an administrator.

Lighter than the full demo (no children), so these tests stay fast.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.http import HttpRequest
from django.test import Client, RequestFactory

from homeward.organisation.models import Agency, AgencyType, Role, StaffProfile, Team
from tests.twofactor import sign_in_verified

PASSWORD = "a-long-and-unusual-passphrase-42"


@dataclass
class StaffWorld:
    admin: User
    north: Team
    south: Team
    health: Agency

    def person(self, username: str, role: str, **profile: Any) -> User:
        managed = profile.pop("managed_teams", ())
        user = User.objects.create_user(
            username, email=f"{username}@example.invalid", password=PASSWORD, first_name=username.title()
        )
        staff_profile = StaffProfile.objects.create(user=user, role=role, **profile)
        staff_profile.managed_teams.set(managed)
        return user


@pytest.fixture
def world(db: None) -> StaffWorld:
    admin = User.objects.create_user("boss", password=PASSWORD, first_name="Bea", last_name="Boss")
    StaffProfile.objects.create(user=admin, role=Role.ADMINISTRATOR)
    return StaffWorld(
        admin=admin,
        north=Team.objects.create(name="North Team"),
        south=Team.objects.create(name="South Team"),
        health=Agency.objects.create(name="Northshire NHS Trust", agency_type=AgencyType.HEALTH),
    )


@pytest.fixture
def admin_request(world: StaffWorld) -> HttpRequest:
    """A request made by the administrator, as the services receive it from a view."""
    request = RequestFactory().post("/staff/", HTTP_USER_AGENT="pytest")
    request.user = world.admin
    return request


@pytest.fixture
def admin_client(world: StaffWorld) -> Client:
    client = Client()
    sign_in_verified(client, world.admin)
    return client
