"""The reads other apps call: a user's unacknowledged notifications, the unacknowledged ones for many
children at once (one query), and the sharing log as each viewer may see it."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from homeward.notifications import selectors, services
from homeward.notifications.models import Channel, Notification
from tests.notifications.helpers import agency, involve, north_child, partner

pytestmark = pytest.mark.django_db


def _notify(child: Any, actor: Any, *, now: Any = None) -> list[Notification]:
    return services.notify(
        child,
        event="return_home",
        summary="A change.",
        on=timezone.localdate(),
        link=f"/children/{child.pk}/",
        actor=actor,
        now=now,
    )


def test_unacknowledged_is_the_users_own_not_yet_acknowledged(demo: Any) -> None:
    iro = demo.staff["iro"]
    before = set(selectors.unacknowledged(iro))
    child = north_child(demo)
    made = {n.recipient: n for n in _notify(child, demo.staff["worker"])}
    services.acknowledge(made[demo.staff["manager"]], demo.staff["manager"])
    assert set(selectors.unacknowledged(iro)) == before | {made[iro]}
    assert made[demo.staff["manager"]] not in selectors.unacknowledged(demo.staff["manager"])
    services.acknowledge(made[iro], iro)
    assert set(selectors.unacknowledged(iro)) == before


def test_unacknowledged_by_child_is_one_query_for_many_children(
    demo: Any, django_assert_num_queries: Any
) -> None:
    now = timezone.now()
    old, recent, quiet = north_child(demo, "900001"), north_child(demo, "900002"), north_child(demo, "900003")
    old_ones = _notify(old, demo.staff["worker"], now=now - timedelta(days=10))
    _notify(recent, demo.staff["worker"], now=now - timedelta(hours=1))
    done = _notify(quiet, demo.staff["worker"], now=now - timedelta(days=10))
    for notification in done:
        services.acknowledge(notification, notification.recipient)
    services.acknowledge(old_ones[0], old_ones[0].recipient)
    with django_assert_num_queries(1):
        found = selectors.unacknowledged_by_child([old.pk, recent.pk, quiet.pk], now - timedelta(days=7))
        recipients = {n.recipient.pk for n in found[old.pk]}  # recipients come with them
    assert set(found) == {old.pk}
    assert {n.pk for n in found[old.pk]} == {n.pk for n in old_ones[1:]}
    assert recipients == {n.recipient_id for n in old_ones[1:]}


def test_a_partner_sees_only_what_was_shared_with_their_own_agency(demo: Any) -> None:
    child = north_child(demo)
    since = timezone.localdate() - timedelta(days=400)
    ours, theirs = agency("Our Service"), agency("Their Service")
    involve(child, ours, since)
    involve(child, theirs, since)
    ours_user = partner("ours1", ours)
    partner("theirs1", theirs)
    _notify(child, demo.staff["worker"])

    everything = selectors.sharing_log(child, demo.staff["worker"])
    assert {r.record.agency for r in everything} == {ours, theirs, None}  # None: the IRO and managers
    assert selectors.sharing_log(child, demo.staff["iro"]) == everything
    mine = selectors.sharing_log(child, ours_user)
    assert {r.record.agency for r in mine} == {ours}
    assert {r.record.channel for r in mine} == {Channel.EMAIL, Channel.IN_APP}
    assert selectors.sharing_log(child, demo.staff["analyst"]) == []


def test_the_sharing_log_says_what_became_of_each(demo: Any, settings: Any) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    child = north_child(demo)
    involve(child, agency("Our Service"), timezone.localdate() - timedelta(days=400))
    made = {n.recipient: n for n in _notify(child, demo.staff["worker"])}

    def status(viewer: Any) -> dict[str, tuple[str, bool]]:
        return {r.record.person_name: (r.status, r.done) for r in selectors.sharing_log(child, viewer)}

    before = status(demo.staff["worker"])
    assert before["Our Service contact"] == ("Email waiting to be sent", False)
    iro_name = demo.staff["iro"].get_full_name()
    assert before[iro_name] == ("Not acknowledged yet", False)
    services.acknowledge(made[demo.staff["iro"]], demo.staff["iro"])
    services.send_due_emails()
    after = status(demo.staff["worker"])
    assert after["Our Service contact"][0].startswith("Email sent") and after["Our Service contact"][1]
    assert after[iro_name][0].startswith("Acknowledged") and after[iro_name][1]


def test_agencies_without_a_contact_email_are_named(demo: Any) -> None:
    child = north_child(demo)
    today = timezone.localdate()
    silent = agency("Silent Service", email=False)
    involve(child, silent, today - timedelta(days=10))
    involve(child, agency("Emailed Service"), today - timedelta(days=10))
    involve(
        child, agency("Old Silent", email=False), today - timedelta(days=90), ended=today - timedelta(days=30)
    )
    assert selectors.agencies_without_contact(child, today) == [silent]


def test_children_still_visible_leaves_out_a_child_the_agency_no_longer_works_with(demo: Any) -> None:
    child = north_child(demo)
    today = timezone.localdate()
    ours = agency("Our Service")
    involvement = involve(child, ours, today - timedelta(days=90))
    user = partner("ours1", ours)
    made = [n for n in _notify(child, demo.staff["worker"]) if n.recipient == user]
    assert selectors.children_still_visible(user, made) == {child.pk}
    involvement.ended = today - timedelta(days=1)
    involvement.save()
    assert selectors.children_still_visible(user, made) == set()


def test_the_log_groups_each_change_with_everyone_told_of_it(demo: Any) -> None:
    child = north_child(demo)
    involve(child, agency("Our Service"), timezone.localdate() - timedelta(days=400))
    now = timezone.now()
    first = _notify(child, demo.staff["worker"], now=now - timedelta(days=2))
    second = _notify(child, demo.staff["worker"], now=now)
    changes = selectors.by_change(selectors.sharing_log(child, demo.staff["worker"]))
    assert [c.first.shared_at for c in changes] == [now, now - timedelta(days=2)]  # newest first
    told = [{row.record.notification for row in c.told} - {None} for c in changes]
    assert told == [set(second), set(first)]
    assert all(len(c.told) == len(first) + 1 for c in changes)  # and the agency's email
