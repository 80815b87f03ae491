"""Two-factor sign-in: who needs it, setting it up, the code after the password, recovery codes, the
lock-out, no page with a child's record before the second step, and the administrator's reset."""

from __future__ import annotations

import re
from typing import Any

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ImproperlyConfigured
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from homeward.access import twofactor
from homeward.access.models import AuditAction, AuditEvent
from homeward.demo.authenticator import DEMO_TWO_FACTOR_KEY, code_now, demo_key_hex
from homeward.organisation.models import Role, StaffProfile
from tests.access.test_policy_matrix import ROUTES, URL_KWARGS, Route
from tests.twofactor import app_of, code_for, sign_in_verified

pytestmark = pytest.mark.django_db

PASSWORD = "homeward-demo"
CODE_PAGE = "/sign-in/code/"


def _password_step(client: Client, username: str, next_page: str = "") -> Any:
    url = reverse("login") + (f"?next={next_page}" if next_page else "")
    return client.post(url, {"username": username, "password": PASSWORD})


def _signed_in_with_password(username: str, next_page: str = "") -> Client:
    client = Client()
    response = _password_step(client, username, next_page)
    assert response.status_code == 302, response.status_code
    return client


def _new_manager(demo: Any, username: str = "newmanager") -> User:
    user = User.objects.create_user(username, password=PASSWORD, first_name="Nia", last_name="Hale")
    team = demo.showcase.team
    StaffProfile.objects.create(user=user, role=Role.TEAM_MANAGER, team=team).managed_teams.add(team)
    return user


# --- Who needs it --------------------------------------------------------------------------------


def test_administrators_and_managers_need_it_and_a_setting_adds_other_roles(demo: Any, settings: Any) -> None:
    staff = demo.staff
    needs = {login for login, user in staff.items() if twofactor.required_for(user)}
    assert needs == {"manager", "admin"}
    settings.HOMEWARD_TWO_FACTOR_ROLES = ["social_worker", "iro"]
    assert {login for login, user in staff.items() if twofactor.required_for(user)} == {
        "manager",
        "admin",
        "worker",
        "worker2",
        "iro",
    }
    settings.HOMEWARD_TWO_FACTOR_ROLES = ["all"]
    assert all(twofactor.required_for(user) for user in staff.values())
    settings.HOMEWARD_TWO_FACTOR_ROLES = ["social_wroker"]
    with pytest.raises(ImproperlyConfigured, match="social_wroker"):
        twofactor.required_for(staff["worker"])


def test_a_superuser_needs_it_too(db: None) -> None:
    root = User.objects.create_superuser("root", "root@example.invalid", PASSWORD)
    assert twofactor.required_for(root)


def test_a_worker_signs_in_with_the_password_alone(demo: Any) -> None:
    response = _password_step(Client(), "worker")
    assert response.headers["Location"] == reverse("home")


# --- Setting it up -------------------------------------------------------------------------------


def test_setting_up_shows_the_qr_code_and_the_key_then_the_recovery_codes_once(demo: Any) -> None:
    manager = _new_manager(demo)
    client = _signed_in_with_password("newmanager")
    # The password step goes on to the second step, which sends someone without an app to set one up.
    start = client.get(reverse("two_factor"))
    assert start.status_code == 302 and start.headers["Location"].startswith(reverse("two_factor_set_up"))

    page = client.get(reverse("two_factor_set_up"))
    html = page.content.decode()
    assert page.status_code == 200
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    assert '<svg role="img" aria-label="QR code' in main and "<script" not in main  # no JavaScript
    device = TOTPDevice.objects.get(user=manager, confirmed=False)
    secret = re.search(r'data-testid="secret">([A-Z2-7 ]+)<', html)
    assert secret, "the key is written out for typing into the app"
    assert secret.group(1).replace(" ", "") == twofactor.set_up_details(device).secret.replace(" ", "")
    # Opening the page again keeps the same key (the app may have been set up with it already).
    assert client.get(reverse("two_factor_set_up")).content.decode().count(secret.group(1)) == 1
    assert TOTPDevice.objects.filter(user=manager).count() == 1
    assert 'autocomplete="one-time-code"' in html and 'inputmode="numeric"' in html

    wrong = client.post(
        reverse("two_factor_set_up"), {"code": "000000" if code_for(device) != "000000" else "1"}
    )
    assert wrong.status_code == 400 and "The code is not right" in wrong.content.decode()
    device.refresh_from_db()
    device.throttling_failure_count = 0  # django-otp's wait after a wrong code, taken as waited
    device.save()

    done = client.post(reverse("two_factor_set_up"), {"code": code_for(device)})
    assert done.status_code == 302 and done.headers["Location"].startswith(reverse("recovery_codes_new"))
    device.refresh_from_db()
    assert device.confirmed
    shown = client.get(done.headers["Location"]).content.decode()
    codes = re.findall(r"<li><code>([a-z2-7]+)</code></li>", shown)
    assert len(codes) == twofactor.RECOVERY_CODES == 10
    assert set(codes) == set(StaticToken.objects.filter(device__user=manager).values_list("token", flat=True))
    assert "They will not be shown again" in shown
    again = client.get(reverse("recovery_codes_new")).content.decode()
    assert not any(code in again for code in codes)

    # Signed in, with the second step done: the start page opens.
    assert client.get(reverse("mywork:start")).status_code == 200
    [event] = AuditEvent.objects.filter(username="newmanager", action=AuditAction.CHANGE)
    assert event.what == (
        "staff account newmanager: two-factor sign-in: not set up → authenticator app and 10 recovery codes"
    )


# --- Signing in with a code ----------------------------------------------------------------------


def test_the_code_page_then_the_page_asked_for(demo: Any) -> None:
    record = reverse("children:record", kwargs={"child_id": demo.showcase.pk})
    client = Client()
    response = _password_step(client, "manager", record)
    assert response.headers["Location"] == f"{CODE_PAGE}?next={record.replace('/', '%2F')}"
    page = client.get(response.headers["Location"])
    html = page.content.decode()
    assert page.status_code == 200
    assert "Enter the 6-digit code from your app" in html
    assert 'autocomplete="one-time-code"' in html and 'inputmode="numeric"' in html
    assert "use a recovery code" in html
    # No menu before the second step: its links would only lead back here.
    assert "My caseload" not in html and "Manage staff" not in html

    assert client.post(response.headers["Location"], {"code": "12345"}).status_code == 400
    # The demo's manager has the README's key: the code it gives now signs them in.
    device = app_of(demo.staff["manager"])
    assert device.key == demo_key_hex()
    key_before = client.session.session_key
    done = client.post(response.headers["Location"], {"code": code_for(device), "next": record})
    assert done.status_code == 302 and done.headers["Location"] == record
    assert client.session.session_key != key_before  # a new session key once verified
    assert client.get(record).status_code == 200


def test_a_code_works_once(demo: Any) -> None:
    device = app_of(demo.staff["manager"])
    code = code_for(device)
    first = _signed_in_with_password("manager")
    assert first.post(CODE_PAGE, {"code": code}).status_code == 302
    second = _signed_in_with_password("manager")
    refused = second.post(CODE_PAGE, {"code": code})
    assert refused.status_code == 400 and "The code is not right" in refused.content.decode()


def test_the_demo_code_command_gives_the_code_of_the_readme_key(demo: Any) -> None:
    assert DEMO_TWO_FACTOR_KEY in (settings.REPO_DIR / "README.md").read_text(encoding="utf-8")
    device = app_of(demo.staff["admin"])
    client = _signed_in_with_password("admin")
    device.last_t = -1
    device.save()
    assert client.post(CODE_PAGE, {"code": code_now()}).status_code == 302


def test_a_recovery_code_signs_in_once(demo: Any) -> None:
    manager = demo.staff["manager"]
    client = sign_in_verified(Client(), manager)
    codes_page = client.post(reverse("staff:recovery_codes"), {}, follow=True).content.decode()
    codes = re.findall(r"<li><code>([a-z2-7]+)</code></li>", codes_page)
    assert len(codes) == 10

    client = _signed_in_with_password("manager")
    page = client.get(reverse("two_factor_recovery"))
    assert page.status_code == 200 and "Enter a recovery code" in page.content.decode()
    assert client.post(reverse("two_factor_recovery"), {"code": codes[0].upper()}).status_code == 302
    assert client.get(reverse("mywork:start")).status_code == 200
    assert twofactor.recovery_codes_left(manager) == 9

    again = _signed_in_with_password("manager")
    refused = again.post(reverse("two_factor_recovery"), {"code": codes[0]})
    assert refused.status_code == 400 and "used already" in refused.content.decode()


# --- Nothing before the second step --------------------------------------------------------------


def _url(route: Route, child: Any) -> str:
    kwargs = {p: child.pk if p == "child_id" else URL_KWARGS[p](child) for p in route.params}
    return reverse(route.name, kwargs=kwargs)


# The pages an unverified person may open: the second step's, and those anyone may (signing in and out,
# password reset, the accessibility statement, the start page that sends them on, the API's redirects).
BEFORE_THE_SECOND_STEP = {"two_factor", "two_factor_recovery", "two_factor_set_up", "recovery_codes_new"}


@pytest.mark.parametrize("username", ["manager", "admin"])
def test_before_the_second_step_no_page_opens_but_the_steps(demo: Any, username: str) -> None:
    from homeward.access.decorators import POLICY_ATTR

    client = _signed_in_with_password(username)
    last = AuditEvent.objects.order_by("-pk").first()
    since = last.pk if last else 0
    opened = []
    checked = 0
    for route in ROUTES:
        if not all(p == "child_id" or p in URL_KWARGS for p in route.params):
            continue
        public = getattr(route.callback, POLICY_ATTR, (None,))[0] == "public"
        url = _url(route, demo.showcase if "child_id" in route.params else None)
        response = client.get(url)
        checked += 1
        if route.name in BEFORE_THE_SECOND_STEP or public:
            assert response.status_code < 500
            continue
        location = response.headers.get("Location", "")
        if response.status_code != 302 or not location.startswith(CODE_PAGE):
            opened.append(f"{route.name}: {response.status_code} {location}")
    assert checked > 100
    assert not opened, "pages that opened before the second step:\n" + "\n".join(opened)
    # Nothing of a child's was shown: every event since the password step is a refusal.
    shown = AuditEvent.objects.filter(pk__gt=since).exclude(action=AuditAction.DENIED)
    assert not shown.exists(), list(shown.values_list("action", "what"))
    refusals = AuditEvent.objects.filter(pk__gt=since, child_id=demo.showcase.pk, action=AuditAction.DENIED)
    assert refusals.exists() and all(e.what.startswith("two-factor sign-in not finished") for e in refusals)


def test_an_api_token_is_not_stopped_by_an_unfinished_session(demo: Any, rf: Any) -> None:
    from homeward.access import tokens
    from homeward.access.models import ApiScope

    request = rf.post("/staff/tokens/add/")
    request.user = demo.staff["manager"]
    from datetime import timedelta

    from django.utils import timezone

    _, secret = tokens.create_token(
        request,
        name="case system",
        scopes=[ApiScope.READ],
        expires_on=timezone.localdate() + timedelta(days=5),
    )
    client = _signed_in_with_password("manager")
    url = f"/api/v1/children/{demo.showcase.pk}/episodes"
    assert client.get(url).status_code == 302  # the session alone: not yet
    assert client.get(url, HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 200


# --- The lock-out --------------------------------------------------------------------------------


def test_wrong_codes_count_towards_the_lock_out_and_sign_the_person_out(demo: Any, settings: Any) -> None:
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # django-otp's own waits off: the lock-out is what is tested
    limit = settings.AXES_FAILURE_LIMIT
    client = _signed_in_with_password("manager")
    for _ in range(limit - 1):
        assert client.post(CODE_PAGE, {"code": "000001"}).status_code == 400
    locked = client.post(CODE_PAGE, {"code": "000001"})
    assert locked.status_code == 429 and "Your account is locked" in locked.content.decode()
    assert "_auth_user_id" not in client.session  # signed out
    # The password is refused now too, and a right code would not help.
    assert _password_step(Client(), "manager").status_code == 429
    wrong = AuditEvent.objects.filter(
        username="manager", action=AuditAction.DENIED, what__contains="wrong code"
    )
    assert wrong.count() == limit


def test_the_password_step_does_not_forgive_wrong_codes_and_the_code_step_does(
    demo: Any, settings: Any
) -> None:
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    limit = settings.AXES_FAILURE_LIMIT
    for _ in range(limit - 1):
        client = _signed_in_with_password("manager")
        assert client.post(CODE_PAGE, {"code": "000001"}).status_code == 400
    # Signing in with the password again and again would otherwise give unlimited guesses.
    client = _signed_in_with_password("manager")
    assert client.post(CODE_PAGE, {"code": "000001"}).status_code == 429
    AccessAttempt.objects.all().delete()  # an administrator unlocks

    client = _signed_in_with_password("manager")
    assert client.post(CODE_PAGE, {"code": "000001"}).status_code == 400
    assert client.post(CODE_PAGE, {"code": code_for(app_of(demo.staff["manager"]))}).status_code == 302
    assert not AccessAttempt.objects.filter(username="manager").exists()


def test_django_otp_makes_each_further_try_wait(demo: Any) -> None:
    client = _signed_in_with_password("manager")
    assert client.post(CODE_PAGE, {"code": "000001"}).status_code == 400
    waiting = client.post(CODE_PAGE, {"code": code_for(app_of(demo.staff["manager"]))})
    assert waiting.status_code == 400 and "Too many wrong codes: wait" in waiting.content.decode()
    # The wait itself is not another failure for the lock-out.
    assert AccessAttempt.objects.get(username="manager").failures_since_start == 1


# --- The staff pages -----------------------------------------------------------------------------


def test_an_administrator_resets_someones_two_factor_sign_in(demo: Any) -> None:
    manager = demo.staff["manager"]
    managers_session = sign_in_verified(Client(), manager)
    assert managers_session.get(reverse("mywork:start")).status_code == 200
    admin = sign_in_verified(Client(), demo.staff["admin"])
    account = admin.get(reverse("staff:account", args=[manager.pk])).content.decode()
    assert "Authenticator app, 0 recovery codes left (their role needs it)" in account
    assert reverse("staff:two_factor_reset", args=[manager.pk]) in account

    done = admin.post(reverse("staff:two_factor_reset", args=[manager.pk]), {})
    assert done.status_code == 302
    assert not twofactor.is_set_up(manager)
    [event] = AuditEvent.objects.filter(username="admin", what__contains="two-factor")
    assert event.action == AuditAction.CHANGE
    assert event.what == (
        "staff account manager: two-factor sign-in: "
        "authenticator app, 0 recovery codes left → not set up (reset)"
    )
    # The session verified with the old app is not verified any more; the next sign-in sets up a new app.
    refused = managers_session.get(reverse("mywork:start"))
    assert refused.status_code == 302 and refused.headers["Location"].startswith(CODE_PAGE)
    again = _signed_in_with_password("manager")
    assert again.get(CODE_PAGE).headers["Location"].startswith(reverse("two_factor_set_up"))


def test_a_person_sees_their_codes_left_and_makes_new_ones(demo: Any) -> None:
    manager = demo.staff["manager"]
    client = sign_in_verified(Client(), manager)
    page = client.get(reverse("staff:two_factor")).content.decode()
    assert "0 of 10" in page and "no recovery codes left" in page
    first = re.findall(
        r"<li><code>([a-z2-7]+)</code></li>",
        client.post(reverse("staff:recovery_codes"), {}, follow=True).content.decode(),
    )
    second_page = client.post(reverse("staff:recovery_codes"), {}, follow=True).content.decode()
    second = re.findall(r"<li><code>([a-z2-7]+)</code></li>", second_page)
    assert len(first) == len(second) == 10 and not set(first) & set(second)
    assert "New recovery codes made: the old ones no longer work." in second_page
    assert "10 of 10" in client.get(reverse("staff:two_factor")).content.decode()
    events = AuditEvent.objects.filter(username="manager", what__contains="recovery codes").order_by("pk")
    assert [e.what for e in events] == [
        "staff account manager: recovery codes: 0 unused → 10 new",
        "staff account manager: recovery codes: 10 unused → 10 new",
    ]
    # The first codes no longer work.
    signing_in = _signed_in_with_password("manager")
    assert signing_in.post(reverse("two_factor_recovery"), {"code": first[0]}).status_code == 400


def test_a_role_without_two_factor_is_told_so(demo: Any, client_for: Any) -> None:
    page = client_for("worker").get(reverse("staff:two_factor")).content.decode()
    assert "Your role does not need two-factor sign-in" in page
    assert client_for("worker").get(reverse("staff:recovery_codes")).status_code == 404


def test_someone_moved_into_a_role_that_needs_it_sets_it_up_before_going_on(demo: Any) -> None:
    worker = demo.staff["worker"]
    client = sign_in_verified(Client(), worker)
    assert client.get(reverse("mywork:start")).status_code == 200
    StaffProfile.objects.filter(user=worker).update(role=Role.TEAM_MANAGER)
    refused = client.get(reverse("mywork:start"))
    assert refused.status_code == 302 and refused.headers["Location"].startswith(CODE_PAGE)
    assert (
        client.get(refused.headers["Location"]).headers["Location"].startswith(reverse("two_factor_set_up"))
    )
