"""The outbox worker (`send_due_emails`, and `python -m homeward worker --once`): an email is sent once,
kept unsent with the error when the mail server is down, tried again later with backoff, and kept as
failed (never deleted) after the last try."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone
from typer.testing import CliRunner

from homeward.children.models import Child
from homeward.cli import app
from homeward.notifications import services
from homeward.notifications.models import OutboxEmail
from homeward.organisation.models import Team
from tests.notifications.backends import ERROR

DOWN = "tests.notifications.backends.DownBackend"
WORKING = "django.core.mail.backends.locmem.EmailBackend"


def _queued(now: Any, to: str = "contact@agency.example.invalid") -> OutboxEmail:
    team, _ = Team.objects.get_or_create(name="Outbox test team")
    child, _ = Child.objects.get_or_create(
        la_child_id="900900",
        defaults={
            "first_name": "Nia",
            "last_name": "Testcase",
            "date_of_birth": date(2015, 4, 2),
            "sex": "2",
            "ethnicity": "WBRI",
            "team": team,
        },
    )
    return OutboxEmail.objects.create(
        child=child, to_address=to, subject="Homeward: a change", body="A change.", next_attempt_at=now
    )


@pytest.mark.django_db
def test_a_failed_send_is_kept_with_its_error_and_sent_on_the_next_run(settings: Any) -> None:
    now = timezone.now()
    email = _queued(now)
    settings.EMAIL_BACKEND = DOWN
    assert services.send_due_emails(now) == (0, 1)
    email.refresh_from_db()
    assert (email.sent_at, email.attempts, email.status) == (None, 1, "retrying")
    assert ERROR in email.last_error and "SMTPException" in email.last_error
    assert email.next_attempt_at == now + services.RETRY_DELAYS[0]

    # Not due yet: left alone, even with the server back.
    settings.EMAIL_BACKEND = WORKING
    assert services.send_due_emails(now + timedelta(seconds=30)) == (0, 0)
    assert mail.outbox == []

    later = now + services.RETRY_DELAYS[0]
    assert services.send_due_emails(later) == (1, 0)
    [sent] = mail.outbox
    assert sent.to == ["contact@agency.example.invalid"]
    assert (sent.subject, sent.body) == ("Homeward: a change", "A change.")
    assert sent.from_email == settings.DEFAULT_FROM_EMAIL
    email.refresh_from_db()
    assert (email.sent_at, email.attempts, email.last_error, email.status) == (later, 2, "", "sent")

    # Never sent twice.
    assert services.send_due_emails(later + timedelta(days=1)) == (0, 0)
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_after_the_last_try_it_is_kept_as_failed_and_not_tried_again(settings: Any) -> None:
    settings.EMAIL_BACKEND = DOWN
    now = timezone.now()
    email = _queued(now)
    waits = [timedelta(0), *services.RETRY_DELAYS]
    for attempt, wait in enumerate(waits, start=1):
        now += wait
        assert services.send_due_emails(now) == (0, 1), attempt
    email.refresh_from_db()
    assert (email.attempts, email.status, email.gave_up_at) == (services.MAX_ATTEMPTS, "failed", now)
    settings.EMAIL_BACKEND = WORKING
    assert services.send_due_emails(now + timedelta(days=30)) == (0, 0)
    assert OutboxEmail.objects.filter(pk=email.pk).exists()
    assert mail.outbox == []


@pytest.mark.django_db
def test_one_failure_does_not_hold_up_the_rest(settings: Any) -> None:
    settings.EMAIL_BACKEND = "tests.notifications.backends.OneAddressDownBackend"
    mail.outbox = []
    now = timezone.now()
    down = _queued(now, to="down@agency.example.invalid")
    fine = _queued(now, to="fine@agency.example.invalid")
    not_due = _queued(now + timedelta(minutes=5), to="later@agency.example.invalid")
    assert services.send_due_emails(now) == (1, 1)
    assert [m.to for m in mail.outbox] == [[fine.to_address]]
    down.refresh_from_db()
    not_due.refresh_from_db()
    assert (down.status, not_due.status) == ("retrying", "waiting")
    assert "SMTPRecipientsRefused" in down.last_error


@pytest.mark.django_db(transaction=True)
def test_the_worker_command_does_one_pass_with_once(settings: Any) -> None:
    settings.EMAIL_BACKEND = WORKING
    email = _queued(timezone.now() - timedelta(seconds=1))
    result = CliRunner().invoke(app, ["worker", "--once"])
    assert result.exit_code == 0, result.output
    assert "1 sent, 0 failed" in result.output
    assert [m.to for m in mail.outbox] == [[email.to_address]]
    email.refresh_from_db()
    assert email.sent_at is not None
