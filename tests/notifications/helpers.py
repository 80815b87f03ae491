"""A child of the demo's North team with agencies involved over chosen dates, and partner users."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth import get_user_model

from homeward.children.models import AgencyInvolvement, Child
from homeward.organisation.models import Agency, AgencyType, Role, StaffProfile


def agency(name: str, *, email: bool = True) -> Agency:
    return Agency.objects.create(
        name=name,
        agency_type=AgencyType.OTHER,
        contact_name=f"{name} contact" if email else "",
        contact_email=f"{name.lower().replace(' ', '.')}@agency.example.invalid" if email else "",
    )


def involve(child: Child, who: Agency, started: date, ended: date | None = None) -> AgencyInvolvement:
    return AgencyInvolvement.objects.create(
        child=child, agency=who, contact_name="Named worker", started=started, ended=ended
    )


def partner(username: str, of: Agency) -> Any:
    user = get_user_model().objects.create_user(username, first_name="Pat", last_name=username.title())
    StaffProfile.objects.create(user=user, role=Role.PARTNER, agency=of)
    return user


def north_child(demo: Any, la_child_id: str = "900001") -> Child:
    """A child on the showcase child's team, with the demo IRO, and no agencies yet."""
    return Child.objects.create(
        la_child_id=la_child_id,
        first_name="Nia",
        last_name="Testcase",
        date_of_birth=date(2015, 4, 2),
        sex="2",
        ethnicity="WBRI",
        team=demo.showcase.team,
        allocated_worker=demo.staff["worker"],
        iro=demo.staff["iro"],
    )
