"""Resetting a forgotten password by email: a single-use, expiring link, sent by the outbox worker."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client
from django.urls import reverse

from homeward.access.models import AuditAction, AuditEvent
from homeward.notifications.models import OutboxEmail
from homeward.notifications.services import send_due_emails
from homeward.organisation.models import Role, StaffProfile, Team

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-and-unusual-passphrase-42"
NEW_PASSWORD = "another-quite-long-passphrase-7"
LINK = re.compile(r"https?://[^/\s]+(/password-reset/[^/\s]+/[^/\s]+/)")


@pytest.fixture
def worker() -> User:
    user = User.objects.create_user(
        "sokafor", email="sam.okafor@example.invalid", password=PASSWORD, first_name="Sam", last_name="Okafor"
    )
    StaffProfile.objects.create(user=user, role=Role.SOCIAL_WORKER, team=Team.objects.create(name="North"))
    return user


def _ask(client: Client, email: str) -> Any:
    return client.post(reverse("password_reset"), {"email": email})


def _link_sent() -> str:
    """Run the worker, as `homeward worker` does, and read the link from the email it sent."""
    assert send_due_emails() == (1, 0)
    assert len(mail.outbox) == 1
    found = LINK.search(str(mail.outbox[0].body))
    assert found, mail.outbox[0].body
    return found.group(1)


def test_a_link_is_queued_for_the_worker_never_sent_in_the_request(worker: User) -> None:
    response = _ask(Client(), "Sam.Okafor@example.invalid")
    assert response.status_code == 302 and response["Location"] == reverse("password_reset_done")
    assert mail.outbox == []  # nothing left inside the request
    queued = OutboxEmail.objects.get()
    assert queued.to_address == "sam.okafor@example.invalid" and queued.child is None
    assert queued.body.startswith("Dear Sam Okafor,") and "sokafor" in queued.body
    assert queued.body.count(settings.HOMEWARD_SITE_URL) == 1
    assert PASSWORD not in queued.body
    _link_sent()
    assert mail.outbox[0].to == ["sam.okafor@example.invalid"]
    assert mail.outbox[0].subject == "Homeward: reset your password"


def test_the_answer_and_the_audit_are_the_same_whether_or_not_an_account_has_the_address(
    worker: User,
) -> None:
    known = _ask(Client(), "sam.okafor@example.invalid")
    unknown = _ask(Client(), "nobody@example.invalid")
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    events = list(AuditEvent.objects.filter(action=AuditAction.CREATE).order_by("id"))
    assert [e.what for e in events] == ["password reset: a link asked for by email"] * 2
    assert {e.username for e in events} == {"(anonymous)"}
    assert all("example.invalid" not in e.what for e in events)
    assert OutboxEmail.objects.count() == 1  # only the real account is written to
    page = Client().get(known["Location"]).content.decode()
    assert "If there is a Homeward account with that email address" in page


def test_no_link_for_a_deactivated_account(worker: User) -> None:
    worker.is_active = False
    worker.save()
    _ask(Client(), "sam.okafor@example.invalid")
    assert not OutboxEmail.objects.exists()


def test_the_link_sets_a_new_password_once_and_the_reset_is_audited(worker: User) -> None:
    _ask(Client(), "sam.okafor@example.invalid")
    link = _link_sent()
    AccessAttempt.objects.create(
        username="sokafor",
        ip_address="10.0.0.1",
        user_agent="x",
        failures_since_start=settings.AXES_FAILURE_LIMIT,
    )
    client = Client()
    form_page = client.get(link, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    set_url = form_page.redirect_chain[-1][0]

    done = client.post(set_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    assert done.status_code == 302 and done["Location"] == reverse("password_reset_complete")
    worker.refresh_from_db()
    assert worker.check_password(NEW_PASSWORD)
    event = AuditEvent.objects.get(action=AuditAction.CHANGE)
    assert event.what == "staff account sokafor: password reset by emailed link"
    assert not AccessAttempt.objects.filter(username="sokafor").exists()  # a locked-out person can sign in
    assert (
        Client().post(reverse("login"), {"username": "sokafor", "password": NEW_PASSWORD}).status_code == 302
    )
    # The link is spent: a second use is refused and changes nothing.
    again = Client().get(link, follow=True).content.decode()
    assert "This link does not work" in again


def test_a_weak_new_password_is_explained_and_nothing_changes(worker: User) -> None:
    _ask(Client(), "sam.okafor@example.invalid")
    client = Client()
    set_url = client.get(_link_sent(), follow=True).redirect_chain[-1][0]
    page = client.post(set_url, {"new_password1": "password", "new_password2": "password"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "govuk-error-summary" in html and "<title>Error: " in html
    worker.refresh_from_db()
    assert worker.check_password(PASSWORD)
    assert not AuditEvent.objects.filter(action=AuditAction.CHANGE).exists()


def test_the_link_expires(worker: User, settings: Any) -> None:
    _ask(Client(), "sam.okafor@example.invalid")
    link = _link_sent()
    settings.PASSWORD_RESET_TIMEOUT = 60
    from django.contrib.auth.tokens import default_token_generator

    # Django's token records when it was made; move the clock on past the timeout.
    now = default_token_generator._now()  # type: ignore[attr-defined]
    default_token_generator._now = lambda: now + timedelta(seconds=61)  # type: ignore[method-assign]
    try:
        page = Client().get(link, follow=True).content.decode()
    finally:
        del default_token_generator._now  # type: ignore[attr-defined]
    assert "This link does not work" in page
    worker.refresh_from_db()
    assert worker.check_password(PASSWORD)


def test_an_empty_or_malformed_address_is_explained(db: None) -> None:
    empty = _ask(Client(), "").content.decode()
    assert "Enter your email address" in empty and "govuk-error-summary" in empty
    bad = _ask(Client(), "not an address").content.decode()
    assert "Enter an email address in the correct format" in bad
    assert not AuditEvent.objects.exists()


def test_the_sign_in_page_links_to_the_reset(db: None) -> None:
    assert reverse("password_reset") in Client().get(reverse("login")).content.decode()
