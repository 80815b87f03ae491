"""`notify` and `flag_to_manager`: exactly who is told on the date of the change, what each is sent, the
sharing log written per recipient, all in the caller's transaction; and acknowledging."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from homeward.base.versioning import WrittenOnceError
from homeward.notifications import services
from homeward.notifications.models import Channel, Notification, OutboxEmail, SharingRecord, ToldAs
from homeward.organisation.models import Role, StaffProfile, Team
from tests.notifications.helpers import agency, involve, north_child, partner

pytestmark = pytest.mark.django_db

SUMMARY = "Nia went home to her mother on this date (a planned return)."


def _notify(child: Any, actor: Any, **changes: Any) -> list[Notification]:
    options: dict[str, Any] = {
        "event": "return_home",
        "summary": SUMMARY,
        "on": timezone.localdate() - timedelta(days=10),
        "link": f"/children/{child.pk}/",
        "purpose": "So that everyone working with Nia knows she lives at home",
        "basis": services.BASIS_SAFEGUARDING,
        "actor": actor,
        "actor_name": "Sam Okafor",
        **changes,
    }
    return services.notify(child, **options)


def _told(child: Any) -> set[tuple[str, str, str | None, str]]:
    return {
        (r.told_as, r.channel, r.agency.name if r.agency else None, r.person_name)
        for r in SharingRecord.objects.filter(child=child)
    }


def test_only_the_agencies_involved_that_day_the_iro_and_the_managers_are_told(demo: Any) -> None:
    child = north_child(demo)
    on = timezone.localdate() - timedelta(days=10)
    current, ended, starting = agency("Current Service"), agency("Ended Service"), agency("Later Service")
    involve(child, current, on - timedelta(days=100))
    involve(child, ended, on - timedelta(days=100), ended=on - timedelta(days=1))
    involve(child, starting, on + timedelta(days=1))
    current_user, ended_user = partner("current1", current), partner("ended1", ended)
    partner("later1", starting)
    # A second manager of the team (by membership, not by `managed_teams`), and one of another team.
    other = get_user_model().objects.create_user("manager3", first_name="Ola", last_name="Bright")
    StaffProfile.objects.create(user=other, role=Role.TEAM_MANAGER, team=child.team)
    elsewhere = get_user_model().objects.create_user("manager4")
    StaffProfile.objects.create(
        user=elsewhere, role=Role.TEAM_MANAGER, team=Team.objects.exclude(pk=child.team_id).first()
    )

    made = _notify(child, demo.staff["worker"], on=on)

    manager = demo.staff["manager"]
    assert {n.recipient for n in made} == {current_user, demo.staff["iro"], manager, other}
    assert _told(child) == {
        (ToldAs.AGENCY, Channel.EMAIL, "Current Service", "Current Service contact"),
        (ToldAs.AGENCY, Channel.IN_APP, "Current Service", current_user.get_full_name()),
        (ToldAs.IRO, Channel.IN_APP, None, demo.staff["iro"].get_full_name()),
        (ToldAs.MANAGER, Channel.IN_APP, None, manager.get_full_name()),
        (ToldAs.MANAGER, Channel.IN_APP, None, "Ola Bright"),
    }
    assert list(OutboxEmail.objects.filter(child=child).values_list("to_address", flat=True)) == [
        current.contact_email
    ]
    assert not Notification.objects.filter(recipient__in=[ended_user, elsewhere]).exists()
    # Nothing leaves inside the request: the email waits for the worker.
    assert mail.outbox == []
    assert OutboxEmail.objects.get(child=child).sent_at is None


def test_the_boundary_days_of_an_involvement_count(demo: Any) -> None:
    child = north_child(demo)
    on = timezone.localdate() - timedelta(days=3)
    first_day, last_day = agency("Starts That Day"), agency("Ends That Day")
    involve(child, first_day, on)
    involve(child, last_day, on - timedelta(days=30), ended=on)
    _notify(child, demo.staff["worker"], on=on)
    emailed = set(OutboxEmail.objects.filter(child=child).values_list("to_address", flat=True))
    assert emailed == {first_day.contact_email, last_day.contact_email}


def test_each_recipient_has_a_sharing_record_saying_what_why_and_on_what_basis(demo: Any) -> None:
    child = north_child(demo)
    involve(child, agency("Current Service"), timezone.localdate() - timedelta(days=400))
    worker = demo.staff["worker"]
    made = _notify(child, worker)
    records = list(SharingRecord.objects.filter(child=child))
    assert len(records) == len(made) + 1  # every in-app notification, and the agency's email
    for record in records:
        assert record.what == SUMMARY
        assert record.purpose == "So that everyone working with Nia knows she lives at home"
        assert record.basis == services.BASIS_SAFEGUARDING
        assert (record.shared_by, record.shared_by_name) == (worker, "Sam Okafor")
        assert record.happened_on == timezone.localdate() - timedelta(days=10)
        assert (record.notification is None) == (record.channel == Channel.EMAIL)
    assert {r.notification for r in records if r.notification} == set(made)
    for notification in made:
        assert notification.link == f"/children/{child.pk}/"
        assert notification.summary == SUMMARY


def test_the_sharing_record_is_written_once(demo: Any) -> None:
    child = north_child(demo)
    _notify(child, demo.staff["worker"])
    record = SharingRecord.objects.filter(child=child).first()
    assert record is not None
    record.purpose = "Something else"
    with pytest.raises(WrittenOnceError):
        record.save()
    with pytest.raises(WrittenOnceError):
        SharingRecord.objects.filter(child=child).delete()


def test_the_email_carries_who_what_and_a_link_and_no_more(demo: Any, settings: Any) -> None:
    settings.HOMEWARD_SITE_URL = "https://homeward.example.invalid/"
    child = north_child(demo)
    involve(child, agency("Current Service"), timezone.localdate() - timedelta(days=400))
    _notify(child, demo.staff["worker"])
    email = OutboxEmail.objects.get(child=child)
    assert email.to_name == "Current Service contact"
    assert "Nia" not in email.subject  # inbox previews name no one
    assert "Nia Testcase" in email.body and SUMMARY in email.body
    assert f"https://homeward.example.invalid/children/{child.pk}/" in email.body
    assert "Dear Current Service contact" in email.body
    assert len(email.body) < 600  # a note that something changed, never the case file


def test_an_agency_without_a_contact_email_is_told_only_through_its_users(demo: Any) -> None:
    child = north_child(demo)
    silent = agency("No Email Service", email=False)
    involve(child, silent, timezone.localdate() - timedelta(days=400))
    user = partner("silent1", silent)
    made = _notify(child, demo.staff["worker"])
    assert user in {n.recipient for n in made}
    assert not OutboxEmail.objects.filter(child=child).exists()


def test_flag_to_manager_tells_only_the_managers(demo: Any) -> None:
    child = north_child(demo)
    involve(child, agency("Current Service"), timezone.localdate() - timedelta(days=400))
    made = services.flag_to_manager(
        child,
        event="unplanned_return",
        summary="Nia's mother took her home without agreement (an unplanned return).",
        on=timezone.localdate(),
        link=f"/children/{child.pk}/",
        actor=demo.staff["worker"],
    )
    assert [n.recipient for n in made] == [demo.staff["manager"]]
    assert _told(child) == {(ToldAs.MANAGER, Channel.IN_APP, None, demo.staff["manager"].get_full_name())}
    assert not OutboxEmail.objects.filter(child=child).exists()


def test_it_stands_or_falls_with_the_callers_transaction(demo: Any) -> None:
    child = north_child(demo)
    involve(child, agency("Current Service"), timezone.localdate() - timedelta(days=400))

    class Refused(Exception):
        pass

    with pytest.raises(Refused), transaction.atomic():
        _notify(child, demo.staff["worker"])
        assert Notification.objects.filter(child=child).exists()
        raise Refused
    assert not Notification.objects.filter(child=child).exists()
    assert not OutboxEmail.objects.filter(child=child).exists()
    assert not SharingRecord.objects.filter(child=child).exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"summary": "  "}, "summary"),
        ({"purpose": ""}, "purpose"),
        ({"basis": ""}, "basis"),
        ({"on": timezone.localdate() + timedelta(days=1)}, "on"),
    ],
)
def test_a_notification_without_its_facts_is_refused_naming_the_field(
    demo: Any, changes: dict[str, Any], field: str
) -> None:
    child = north_child(demo)
    with pytest.raises(ValidationError) as refused:
        _notify(child, demo.staff["worker"], **changes)
    assert field in refused.value.message_dict
    assert not Notification.objects.filter(child=child).exists()


def test_only_the_addressee_acknowledges_and_the_first_time_is_kept(demo: Any) -> None:
    child = north_child(demo)
    [to_iro] = [n for n in _notify(child, demo.staff["worker"]) if n.recipient == demo.staff["iro"]]
    with pytest.raises(ValidationError):
        services.acknowledge(to_iro, demo.staff["manager"])
    to_iro.refresh_from_db()
    assert to_iro.acknowledged_at is None
    first = timezone.now() - timedelta(hours=1)
    assert services.acknowledge(to_iro, demo.staff["iro"], now=first)
    assert not services.acknowledge(to_iro, demo.staff["iro"])
    to_iro.refresh_from_db()
    assert (to_iro.acknowledged_at, to_iro.acknowledged_by) == (first, demo.staff["iro"])
