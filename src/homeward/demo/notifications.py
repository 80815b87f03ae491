"""The demo's notifications: the showcase child's agencies, IRO and manager told of two changes, so the
Notifications page and the record's "Who has been told" show something.

The agencies' named contacts are filled in (synthetic, at example.invalid) where the demo left them
blank. The older change was emailed and the IRO acknowledged it; the newer one waits: its email is in
the outbox for the worker, and `health` has not acknowledged it yet.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from homeward.children.models import Child
from homeward.notifications import services
from homeward.notifications.models import Notification, OutboxEmail
from homeward.organisation.models import Agency

CONTACTS = ["Jo Bennett", "Priya Shah", "Tom Hughes", "Ann Kowalski", "Sam Reid", "Lou Clarke", "Ravi Patel"]


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _named_contacts() -> None:
    for index, agency in enumerate(Agency.objects.filter(contact_email="").order_by("name")):
        name = CONTACTS[index % len(CONTACTS)]
        agency.contact_name = agency.contact_name or name
        agency.contact_email = f"{name.split()[0].lower()}.{agency.pk}@agency.example.invalid"
        agency.save(update_fields=["contact_name", "contact_email"])


def add_notifications_demo(child: Child, today: date) -> None:
    """Notify the showcase child's agencies, IRO and manager of two changes (deterministic)."""
    worker = get_user_model().objects.filter(username="worker").first()
    if worker is None:
        return
    _named_contacts()
    link = reverse("children:record", args=[child.pk])
    first_on, second_on = today - timedelta(days=21), today - timedelta(days=2)
    services.notify(
        child,
        event="return_considered",
        summary=(
            f"A return home to {child.first_name}'s mother is being considered. "
            "A planning meeting will be arranged and your agency will be invited."
        ),
        on=first_on,
        link=link,
        purpose="So that every agency working with the family can contribute to the assessment",
        actor=worker,
        now=_at(first_on, 10),
    )
    sent_at = _at(first_on, 10) + timedelta(minutes=1)
    OutboxEmail.objects.filter(child=child, created_at=_at(first_on, 10)).update(attempts=1, sent_at=sent_at)
    Notification.objects.filter(child=child, created_at=_at(first_on, 10), recipient=child.iro).update(
        acknowledged_at=_at(first_on + timedelta(days=1), 9), acknowledged_by=child.iro
    )
    services.notify(
        child,
        event="household_change",
        summary=(
            "A new partner of the mother has moved into the home being considered; "
            "he is to be assessed before any return."
        ),
        on=second_on,
        link=link,
        actor=worker,
        now=_at(second_on, 15),
    )
