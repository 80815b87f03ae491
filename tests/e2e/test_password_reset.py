"""Browser test of resetting a forgotten password: from the sign-in page, by an emailed link that the
outbox worker sends, to signing in with the new password; each page passes an axe-core check."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core import mail

from homeward.notifications.services import send_due_emails
from homeward.organisation.models import Role, StaffProfile, Team
from tests.e2e.conftest import assert_accessible, screenshot

pytestmark = pytest.mark.e2e

OLD_PASSWORD = "a-long-and-unusual-passphrase-42"
NEW_PASSWORD = "another-quite-long-passphrase-7"


def test_a_forgotten_password_is_reset_by_an_emailed_link_that_works_once(
    transactional_db: None, page: Any, live_server: Any, login: Callable[..., None], settings: Any
) -> None:
    settings.HOMEWARD_SITE_URL = live_server.url
    user = User.objects.create_user(
        "sokafor",
        email="sam.okafor@example.invalid",
        password=OLD_PASSWORD,
        first_name="Sam",
        last_name="Okafor",
    )
    StaffProfile.objects.create(user=user, role=Role.SOCIAL_WORKER, team=Team.objects.create(name="North"))

    page.goto(f"{live_server.url}/login/")
    page.get_by_role("link", name="Forgotten your password?").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Reset your password"
    assert_accessible(page, "reset your password")

    page.get_by_role("button", name="Send the link").click()
    assert "Enter your email address" in page.locator(".govuk-error-summary").inner_text()
    assert_accessible(page, "reset your password (errors)")

    page.get_by_label("Email address").fill("sam.okafor@example.invalid")
    page.get_by_role("button", name="Send the link").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Check your email"
    screenshot(page, "password-reset-sent")
    assert_accessible(page, "check your email")

    assert mail.outbox == []  # queued, not sent by the page
    assert send_due_emails() == (1, 0)  # what `homeward worker` does
    link = re.search(r"http\S+/password-reset/\S+/\S+/", str(mail.outbox[0].body))
    assert link, mail.outbox[0].body

    page.goto(link.group(0))
    assert page.get_by_role("heading", level=1).inner_text() == "Choose a new password"
    page.get_by_label("New password", exact=True).fill("short")
    page.get_by_label("New password again").fill("short")
    page.get_by_role("button", name="Save the new password").click()
    assert "at least 12 characters" in page.locator(".govuk-error-summary").inner_text()
    assert_accessible(page, "choose a new password (errors)")

    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("New password again").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Save the new password").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Your password has been changed"
    screenshot(page, "password-reset-done")
    assert_accessible(page, "password changed")

    page.goto(link.group(0))
    assert page.get_by_role("heading", level=1).inner_text() == "This link does not work"
    assert_accessible(page, "link does not work")

    login(page, live_server, "sokafor", NEW_PASSWORD)
    assert page.get_by_role("heading", level=1).inner_text() == "My work"
