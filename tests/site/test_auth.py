"""Signing in and out: strong passwords, lock-out after repeated failures, sessions that time out."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from homeward.site.middleware import REFRESHED

pytestmark = pytest.mark.django_db

PASSWORD = "homeward-demo"


def _sign_in(client: Client, username: str, password: str) -> Any:
    return client.post(reverse("login"), {"username": username, "password": password})


def test_pages_need_signing_in(demo: Any) -> None:
    response = Client().get(reverse("children:caseload"))
    assert response.status_code == 302
    assert response.headers["Location"] == f"{reverse('login')}?next={reverse('children:caseload')}"


def test_login_page_is_a_govuk_form(demo: Any) -> None:
    html = Client().get(reverse("login")).content.decode()
    assert 'for="id_username"' in html and "User name" in html
    assert 'for="id_password"' in html
    assert "govuk-header" in html and "govuk-skip-link" in html and "govuk-phase-banner" in html


def test_sign_in_takes_a_worker_to_my_work(demo: Any) -> None:
    client = Client()
    response = _sign_in(client, "worker", PASSWORD)
    assert response.status_code == 302
    response = client.get(response.headers["Location"], follow=True)
    assert response.redirect_chain[-1][0] == reverse("mywork:start")
    assert "Signed in as Sam Okafor (Social worker)" in response.content.decode()


def test_sign_in_returns_to_the_page_asked_for(demo: Any) -> None:
    client = Client()
    record = reverse("children:record", kwargs={"child_id": demo.showcase.pk})
    response = client.post(f"{reverse('login')}?next={record}", {"username": "worker", "password": PASSWORD})
    assert response.headers["Location"] == record


def test_wrong_password_shows_error_summary(demo: Any) -> None:
    response = _sign_in(Client(), "worker", "not-the-password")
    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html
    assert "Enter a correct user name and password" in html
    assert "<title>Error: Sign in" in html


def test_empty_sign_in_names_each_missing_field(demo: Any) -> None:
    html = _sign_in(Client(), "", "").content.decode()
    assert "Enter your user name" in html and "Enter your password" in html


def test_account_locks_after_repeated_failures(demo: Any) -> None:
    limit = settings.AXES_FAILURE_LIMIT
    assert 3 <= limit <= 10
    client = Client()
    for _ in range(limit - 1):
        assert _sign_in(client, "worker", "wrong-password").status_code == 200
    locked = _sign_in(client, "worker", "wrong-password")
    assert locked.status_code == 429
    assert "Your account is locked" in locked.content.decode()
    # Now even the right password is refused ...
    refused = _sign_in(Client(), "worker", PASSWORD)
    assert refused.status_code == 429
    # ... but only for that account: a colleague at the same address can still sign in.
    assert _sign_in(Client(), "worker2", PASSWORD).status_code == 302


def test_a_success_resets_the_failure_count(demo: Any) -> None:
    limit = settings.AXES_FAILURE_LIMIT
    for _ in range(limit - 1):
        _sign_in(Client(), "worker", "wrong-password")
    assert _sign_in(Client(), "worker", PASSWORD).status_code == 302
    for _ in range(limit - 1):
        assert _sign_in(Client(), "worker", "wrong-password").status_code == 200


def _from(address: str) -> Client:
    return Client(REMOTE_ADDR=address)


def test_an_account_attacked_from_many_addresses_is_locked(demo: Any) -> None:
    limit = settings.AXES_FAILURE_LIMIT
    for n in range(limit - 1):
        assert _sign_in(_from(f"10.0.0.{n}"), "worker", "wrong-password").status_code == 200
    locked = _sign_in(_from(f"10.0.0.{limit}"), "worker", "wrong-password")
    assert locked.status_code == 429
    html = locked.content.decode()
    assert "Your account is locked" in html and "ask an administrator" in html and "Manage staff" in html
    # The right password from yet another address is refused too; a colleague at those addresses is not.
    assert _sign_in(_from("10.0.1.1"), "worker", PASSWORD).status_code == 429
    assert _sign_in(_from("10.0.0.0"), "worker2", PASSWORD).status_code == 302


def test_an_address_trying_many_accounts_is_locked(demo: Any) -> None:
    # One guess at each of many accounts: no account reaches its limit, the address reaches its own.
    address_limit = settings.AXES_ADDRESS_FAILURE_LIMIT
    assert address_limit > settings.AXES_FAILURE_LIMIT  # an office shares one address
    for n in range(address_limit - 1):
        assert _sign_in(_from("10.9.9.9"), f"guess{n}", "wrong-password").status_code == 200
    assert _sign_in(_from("10.9.9.9"), "worker", "wrong-password").status_code == 429
    # From that address even the right password is refused; from elsewhere the account is not locked.
    assert _sign_in(_from("10.9.9.9"), "worker2", PASSWORD).status_code == 429
    assert _sign_in(_from("10.1.1.1"), "worker", PASSWORD).status_code == 302


def test_a_colleague_signing_in_does_not_clear_an_attack_on_another_account(demo: Any) -> None:
    limit = settings.AXES_FAILURE_LIMIT
    for _ in range(limit - 1):
        _sign_in(_from("10.2.2.2"), "worker", "wrong-password")
    assert _sign_in(_from("10.2.2.2"), "worker2", PASSWORD).status_code == 302
    assert _sign_in(_from("10.2.2.2"), "worker", "wrong-password").status_code == 429


@pytest.mark.parametrize("kind", ["account", "address"])
def test_an_administrator_unlocks_either_kind_of_lock_out(demo: Any, rf: Any, kind: str) -> None:
    from homeward.staff import selectors, services

    if kind == "account":
        for n in range(settings.AXES_FAILURE_LIMIT):
            _sign_in(_from(f"10.3.3.{n}"), "worker", "wrong-password")
    else:
        for n in range(settings.AXES_ADDRESS_FAILURE_LIMIT):
            _sign_in(_from("10.3.3.0"), f"guess{n}", "wrong-password")
    assert _sign_in(_from("10.3.3.0"), "worker", PASSWORD).status_code == 429
    assert selectors.is_locked_out("worker")  # the staff pages show it

    request = rf.post("/staff/")
    request.user = demo.staff["admin"]
    assert services.unlock(request, demo.staff["worker"]) > 0

    assert not selectors.is_locked_out("worker")
    assert _sign_in(_from("10.3.3.0"), "worker", PASSWORD).status_code == 302


def test_session_times_out_after_30_minutes_idle(demo: Any) -> None:
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert settings.SESSION_COOKIE_HTTPONLY
    client = Client()
    _sign_in(client, "worker", PASSWORD)
    assert client.get(reverse("children:caseload")).status_code == 200
    session = Session.objects.get(session_key=client.session.session_key)
    assert session.expire_date <= timezone.now() + timedelta(minutes=30, seconds=5)
    session.expire_date = timezone.now() - timedelta(seconds=1)
    session.save()
    response = client.get(reverse("children:caseload"))
    assert response.status_code == 302 and response.headers["Location"].startswith(reverse("login"))


def test_the_timeout_slides_without_writing_the_session_on_every_request(demo: Any) -> None:
    assert not settings.SESSION_SAVE_EVERY_REQUEST and settings.SESSION_REFRESH_SECONDS == 60
    client = Client()
    _sign_in(client, "worker", PASSWORD)
    key = client.session.session_key
    client.get(reverse("children:caseload"))
    first = Session.objects.get(session_key=key).expire_date
    # Within the minute: the next page does not write the session.
    client.get(reverse("children:caseload"))
    assert Session.objects.get(session_key=key).expire_date == first
    # A minute on: the next page renews the expiry, 30 minutes from now.
    session = client.session
    session[REFRESHED] = session[REFRESHED] - 61
    session.save()
    stored = Session.objects.get(session_key=key)
    stored.expire_date = timezone.now() + timedelta(minutes=5)
    stored.save()
    assert client.get(reverse("children:caseload")).status_code == 200
    renewed = Session.objects.get(session_key=key).expire_date
    assert renewed > timezone.now() + timedelta(minutes=29)


def test_a_visitor_gets_no_session_row(db: Any) -> None:
    before = Session.objects.count()
    Client().get(reverse("accessibility"))
    assert Session.objects.count() == before


def test_sign_out(demo: Any) -> None:
    client = Client()
    _sign_in(client, "worker", PASSWORD)
    response = client.post(reverse("logout"))
    assert response.status_code == 302 and response.headers["Location"] == reverse("login")
    assert client.get(reverse("children:caseload")).status_code == 302


@pytest.mark.parametrize("weak", ["short1", "password123", "12345678901234", "homeward"])
def test_weak_passwords_are_refused(weak: str) -> None:
    with pytest.raises(ValidationError):
        validate_password(weak)


def test_a_long_uncommon_password_is_accepted() -> None:
    validate_password("kettle-harbour-violet-9")


def test_not_found_page_is_a_govuk_page(demo: Any, client_for: Any) -> None:
    response = client_for("worker").get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html and "govuk-header" in html


def test_security_headers(demo: Any, client_for: Any) -> None:
    response = client_for("worker").get(reverse("children:caseload"))
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_account_without_a_role_is_told_so(demo: Any) -> None:
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_user("newstarter", password="kettle-harbour-violet-9")
    client = Client()
    assert _sign_in(client, "newstarter", "kettle-harbour-violet-9").status_code == 302
    response = client.get(reverse("home"))
    assert response.status_code == 403
    assert "Your account has no work in Homeward yet" in response.content.decode()
    assert client.get(reverse("children:caseload")).status_code == 403
