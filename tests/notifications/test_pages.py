"""The Notifications page, acknowledging (by the addressee only), and the record's "Who has been told"
panel, through the Django test client; each audited."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.test import Client as DjangoClient
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from homeward.access.models import AuditAction, AuditEvent
from homeward.access.policy import RecordAction, decide
from homeward.notifications import services
from homeward.notifications.models import Notification
from homeward.organisation.models import Agency
from tests.notifications.helpers import agency, involve, partner
from tests.twofactor import sign_in_verified

Client = Callable[[str | None], Any]


def _healths(demo: Any) -> Notification:
    """The demo's notification to `health` about the showcase child, not yet acknowledged."""
    found = Notification.objects.filter(
        child=demo.showcase, recipient=demo.staff["health"], acknowledged_at__isnull=True
    ).first()
    assert found is not None, "the demo should leave health a notification to acknowledge"
    return found


def _acknowledge_url(notification: Notification) -> str:
    return reverse("notifications:acknowledge", args=[notification.child_id, notification.pk])


def test_the_notifications_page_lists_mine_newest_first_and_is_audited(demo: Any, client_for: Client) -> None:
    health = demo.staff["health"]
    mine = list(Notification.objects.filter(recipient=health))
    assert len(mine) >= 2
    response = client_for("health").get(reverse("notifications:mine"))
    assert response.status_code == 200
    page = response.content.decode()
    summaries = [escape(n.summary) for n in sorted(mine, key=lambda n: n.created_at, reverse=True)]
    positions = [page.index(s) for s in summaries]
    assert positions == sorted(positions)
    assert page.count('data-testid="notification"') == len(mine)
    assert 'govuk-tag--blue">New' in page
    assert _acknowledge_url(_healths(demo)) in page
    # Nobody else's notifications.
    Notification.objects.create(
        child=demo.showcase,
        recipient=demo.staff["manager"],
        event="test",
        summary="Only for the manager.",
        happened_on=timezone.localdate(),
        link="/",
    )
    assert (
        "Only for the manager."
        not in client_for("health").get(reverse("notifications:mine")).content.decode()
    )
    event = AuditEvent.objects.filter(user=health).order_by("-pk").first()
    assert event is not None
    assert (event.action, event.user, event.what) == (AuditAction.LIST, health, "notifications")
    assert demo.showcase.pk in set(event.listed.values_list("child_id", flat=True))


def test_the_header_links_to_notifications(client_for: Client) -> None:
    page = client_for("health").get(reverse("children:caseload")).content.decode()
    assert f'href="{reverse("notifications:mine")}">Notifications</a>' in page
    page = client_for("analyst").get(reverse("outcomes:dashboard")).content.decode()
    assert ">Notifications</a>" not in page


def test_health_acknowledges_its_notification_and_it_is_audited(demo: Any, client_for: Client) -> None:
    notification = _healths(demo)
    client = client_for("health")
    url = _acknowledge_url(notification)
    form = client.get(url)
    assert form.status_code == 200
    assert escape(notification.summary) in form.content.decode()
    response = client.post(url, {})
    assert response.status_code == 302 and response.url == reverse("notifications:mine")
    notification.refresh_from_db()
    assert notification.acknowledged_by == demo.staff["health"]
    assert notification.acknowledged_at is not None
    event = AuditEvent.objects.order_by("-pk").first()
    assert event is not None
    assert (event.action, event.user, event.child_id, event.method) == (
        AuditAction.CHANGE,
        demo.staff["health"],
        demo.showcase.pk,
        "POST",
    )
    page = client.get(reverse("notifications:mine")).content.decode()
    assert "Notification acknowledged." in page
    assert url not in page  # no button for one already acknowledged


def test_nobody_else_can_acknowledge_it(demo: Any, client_for: Client) -> None:
    notification = _healths(demo)
    url = _acknowledge_url(notification)
    # Another partner, of an agency also working with the child: sees the child, not the notification.
    other = agency("Other Service")
    involve(demo.showcase, other, timezone.localdate() - timedelta(days=30))
    other_user = partner("other1", other)
    client = DjangoClient()
    sign_in_verified(client, other_user)
    assert client.post(url, {}).status_code == 404
    # The worker sees the child but it is not theirs either; worker2 does not see the child at all.
    assert client_for("worker").post(url, {}).status_code == 404
    assert client_for("worker2").post(url, {}).status_code == 403
    denied = AuditEvent.objects.order_by("-pk").first()
    assert denied is not None and denied.action == AuditAction.DENIED
    notification.refresh_from_db()
    assert notification.acknowledged_at is None


def test_the_record_shows_who_has_been_told(demo: Any, client_for: Client) -> None:
    url = reverse("children:record", args=[demo.showcase.pk])
    page = client_for("worker").get(url).content.decode()
    assert "Who has been told" in page
    assert page.count('data-testid="sharing-record"') == demo.showcase.sharing_records.count()
    iro_name = demo.staff["iro"].get_full_name()
    assert iro_name in page and services.BASIS_SAFEGUARDING in page
    assert "Not acknowledged yet" in page and "Email sent" in page


def test_a_partner_sees_only_its_own_agencys_part_of_the_log(demo: Any, client_for: Client) -> None:
    health_agency = Agency.objects.get(workers__user=demo.staff["health"])
    ours = demo.showcase.sharing_records.filter(agency=health_agency).count()
    assert 0 < ours < demo.showcase.sharing_records.count()
    page = client_for("health").get(reverse("children:record", args=[demo.showcase.pk])).content.decode()
    assert "Who has been told" in page
    assert page.count('data-testid="sharing-record"') == ours
    assert demo.staff["iro"].get_full_name() not in page.split("Who has been told", 1)[1]


def test_a_partner_may_acknowledge_though_it_only_views_records(demo: Any) -> None:
    health, child = demo.staff["health"], demo.showcase
    assert decide(health, RecordAction.ACKNOWLEDGE, child).allowed
    assert not decide(health, RecordAction.EDIT, child).allowed
    assert not decide(health, RecordAction.ACKNOWLEDGE, demo.other_child["health"]).allowed
    assert not decide(demo.staff["analyst"], RecordAction.ACKNOWLEDGE, child).allowed
