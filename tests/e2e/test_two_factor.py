"""Browser test of two-factor sign-in: a new team manager sets up an authenticator app (the code
computed here from the key the page writes out), is shown the recovery codes once, signs out, signs in
again with a code, and then with a recovery code; every page passes axe-core and reflows at 320 px."""

from __future__ import annotations

import re
from base64 import b32decode
from typing import Any

import pytest
from django.contrib.auth.models import User
from django_otp.plugins.otp_totp.models import TOTPDevice

from homeward.organisation.models import Role, StaffProfile, Team
from tests.conftest import sign_in
from tests.e2e.conftest import assert_accessible, screenshot
from tests.twofactor import code_at, code_for

pytestmark = pytest.mark.e2e

PASSWORD = "a-long-and-unusual-passphrase-42"


def _password_step(page: Any, live_server: Any) -> None:
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("User name").fill("nhale")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def _reflows(page: Any) -> bool:
    """No sideways scrolling at 320 CSS pixels (WCAG 1.4.10)."""
    page.set_viewport_size({"width": 320, "height": 800})
    width = page.evaluate("document.documentElement.scrollWidth")
    page.set_viewport_size({"width": 1280, "height": 800})
    return bool(width <= 320)


def test_setting_up_and_signing_in_with_a_code_and_a_recovery_code(
    transactional_db: None, page: Any, live_server: Any
) -> None:
    team = Team.objects.create(name="North")
    user = User.objects.create_user("nhale", password=PASSWORD, first_name="Nia", last_name="Hale")
    StaffProfile.objects.create(user=user, role=Role.TEAM_MANAGER, team=team).managed_teams.add(team)

    _password_step(page, live_server)
    assert page.get_by_role("heading", level=1).inner_text() == "Set up two-factor sign-in"
    assert page.get_by_role("img", name=re.compile("QR code")).is_visible()
    screenshot(page, "two-factor-set-up")
    assert_accessible(page, "set up two-factor sign-in")
    assert _reflows(page)

    # A wrong code is explained on the page, as GOV.UK errors are.
    page.get_by_label("Code from your authenticator app").fill("12345")
    page.get_by_role("button", name="Confirm and continue").click()
    assert "Enter the code as 6 digits" in page.locator(".govuk-error-summary").inner_text()
    assert_accessible(page, "set up two-factor sign-in (errors)")

    # What a person's app does with the key typed in: the code for now.
    key = page.get_by_test_id("secret").inner_text().replace(" ", "")
    device = TOTPDevice.objects.get(user=user)
    assert b32decode(key).hex() == device.key
    field = page.get_by_label("Code from your authenticator app")
    assert field.get_attribute("autocomplete") == "one-time-code"
    assert field.get_attribute("inputmode") == "numeric"
    field.fill(code_for(device))
    page.get_by_role("button", name="Confirm and continue").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Your recovery codes"
    codes = page.get_by_test_id("recovery-codes").locator("code").all_inner_texts()
    assert len(codes) == 10
    screenshot(page, "two-factor-recovery-codes")
    assert_accessible(page, "your recovery codes")
    assert _reflows(page)
    page.get_by_role("button", name="Continue").click()
    assert page.get_by_role("heading", level=1).inner_text() == "My work"

    # Signing in again: the password, then the code from the app.
    page.get_by_role("button", name="Sign out").click()
    _password_step(page, live_server)
    assert page.get_by_role("heading", level=1).inner_text() == "Enter the 6-digit code from your app"
    assert not page.get_by_role("navigation", name="Menu").get_by_role("link").count()
    assert_accessible(page, "enter the code")
    assert _reflows(page)
    device.refresh_from_db()
    page.get_by_label("Code from your authenticator app").fill(code_at(device.key, device.last_t))  # used
    page.get_by_role("button", name="Continue").click()
    assert "The code is not right" in page.locator(".govuk-error-summary").inner_text()
    screenshot(page, "two-factor-code-errors")
    assert_accessible(page, "enter the code (errors)")
    device.refresh_from_db()
    device.throttling_failure_count = 0  # django-otp's wait after a wrong code, taken as waited
    device.save()
    page.get_by_label("Code from your authenticator app").fill(code_for(device))
    page.get_by_role("button", name="Continue").click()
    assert page.get_by_role("heading", level=1).inner_text() == "My work"

    # ... or a recovery code instead, which works once.
    page.get_by_role("button", name="Sign out").click()
    _password_step(page, live_server)
    page.get_by_role("link", name="I cannot use my app: use a recovery code").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Enter a recovery code"
    assert_accessible(page, "enter a recovery code")
    page.get_by_label("Recovery code").fill(codes[0])
    page.get_by_role("button", name="Continue").click()
    assert page.get_by_role("heading", level=1).inner_text() == "My work"

    # The person's own page: how many codes are left.
    page.get_by_role("link", name="Two-factor sign-in").click()
    assert page.get_by_test_id("codes-left").inner_text() == "9 of 10"
    assert_accessible(page, "your two-factor sign-in")
    page.get_by_role("button", name="Make new recovery codes").click()
    assert_accessible(page, "make new recovery codes")
    page.get_by_role("button", name="Make new recovery codes").click()
    assert len(page.get_by_test_id("recovery-codes").locator("code").all_inner_texts()) == 10

    # An administrator resets it (a lost phone): the next sign-in sets up a new app.
    page.get_by_role("button", name="Sign out").click()
    admin = User.objects.create_user("aprice", password=PASSWORD, first_name="Anne", last_name="Price")
    StaffProfile.objects.create(user=admin, role=Role.ADMINISTRATOR)
    TOTPDevice.objects.create(user=admin, name="Authenticator app", confirmed=True)
    sign_in(page, live_server, "aprice", PASSWORD)  # the password, then the code from the app
    page.goto(f"{live_server.url}/staff/{user.pk}/")
    assert "Authenticator app, 10 recovery codes left" in page.get_by_test_id("two-factor").inner_text()
    page.get_by_role("link", name="Reset two-factor sign-in").click()
    assert_accessible(page, "reset two-factor sign-in")
    page.get_by_role("button", name="Reset two-factor sign-in").click()
    assert "Not set up" in page.get_by_test_id("two-factor").inner_text()
    assert not TOTPDevice.objects.filter(user=user).exists()
