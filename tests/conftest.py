"""Shared fixtures: a small synthetic demo world, its staff, logged-in clients, and Playwright set-up.

- `demo`: `load_demo(children=12, seed=7, today=DEMO_TODAY)` (loaded once a process, copied in per test:
  tests/demo_snapshot.py), wrapped in a `DemoWorld` that names, for each login, a child they should be able
  to open and one they should not — chosen from the demo's facts (allocation, team, IRO, agency
  involvement), never from the policy under test.
- `staff`: user name → User for every demo login (worker, worker2, manager, iro, health, analyst, admin,
  dataofficer).
- `client_for(username)`: a Django test client signed in as that login (`force_login`, because
  django-axes needs a request for `login()`), past the second step of signing in for the roles that need
  it (`tests.twofactor.sign_in_verified`); `client_for(None)` is an anonymous client.
- Browser tests (`tests/e2e/`, marked `e2e`): Debian's Chromium, and `login(page, live_server, username)`
  which signs in through the real login form (and, for the manager and the administrator, the code page,
  with the code their authenticator app would show).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest

# Playwright's sync API runs an event loop in the test thread; Django refuses ORM calls from there
# unless told this is safe (it is: the loop only drives the browser).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# A fixed reference date in the past: the demo is the same on every run, and every involvement or
# household membership it dates "recently" has already begun by the real today.
DEMO_TODAY = date(2025, 6, 30)
DEMO_SEED = 7
DEMO_CHILDREN = 12
DEMO_PASSWORD = "homeward-demo"
LOGINS = ("worker", "worker2", "manager", "iro", "health", "analyst", "admin", "dataofficer")
SHOWCASE_CHILD_ID = "100001"
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def pytest_configure(config: pytest.Config) -> None:
    # WhiteNoise warns that STATIC_ROOT (filled only by collectstatic) is missing; tests serve static
    # files through the finders instead.
    config.addinivalue_line("filterwarnings", "ignore:No directory at:UserWarning")
    # pytest-base-url (a pytest-playwright dependency) defines a fixture in a way pytest 9 deprecates.
    config.addinivalue_line(
        "filterwarnings",
        "ignore:Session-scoped fixtures defined as instance methods:pytest.PytestDeprecationWarning",
    )


@pytest.fixture(autouse=True)
def _fast_test_settings(settings: Any) -> None:
    """Demo accounts are created in almost every test; the production hasher is slow by design."""
    settings.PASSWORD_HASHERS = FAST_HASHERS
    # WhiteNoise scans every static file (GOV.UK Frontend's too) each time a test client starts up,
    # ~0.1 s a client; with autorefresh it finds files when asked instead. Pages are unchanged.
    settings.WHITENOISE_AUTOREFRESH = True


@dataclass
class DemoWorld:
    """The loaded demo, with the children each login should and should not be able to open."""

    staff: dict[str, Any]
    showcase: Any  # Child
    # login → a child that, by the demo's facts, is theirs (None for roles that see no child records)
    own_child: dict[str, Any]
    # login → a child that, by the demo's facts, is not theirs
    other_child: dict[str, Any]

    def child(self, la_child_id: str) -> Any:
        from homeward.children.models import Child

        return Child.objects.get(la_child_id=la_child_id)


def _build_world(staff: dict[str, Any]) -> DemoWorld:
    from django.utils import timezone

    from homeward.children.models import Child
    from homeward.organisation.models import AgencyType

    today = timezone.localdate()
    showcase = Child.objects.get(la_child_id=SHOWCASE_CHILD_ID)
    north = showcase.team
    south_children = Child.objects.exclude(team=north).order_by("la_child_id")
    south_child = south_children.first()
    health_now = Child.objects.filter(
        agency_involvements__agency__agency_type=AgencyType.HEALTH,
        agency_involvements__started__lte=today,
        agency_involvements__ended__isnull=True,
    ).distinct()
    not_health = Child.objects.exclude(pk__in=health_now.values("pk")).order_by("la_child_id")
    without_iro = Child.objects.filter(iro__isnull=True).order_by("la_child_id")
    assert south_child is not None and south_child.allocated_worker == staff["worker2"]
    assert showcase.allocated_worker == staff["worker"] and showcase.iro == staff["iro"]
    assert showcase in health_now, "the showcase child should have health involved"
    assert not_health.exists(), "the test demo needs a child health is not involved with"
    assert without_iro.exists(), "the test demo needs a child without the demo IRO"
    own = {
        "worker": showcase,
        "worker2": south_child,
        "manager": showcase,
        "iro": showcase,
        "health": showcase,
        "analyst": None,
        "admin": None,
        "dataofficer": None,
    }
    other = {
        "worker": south_child,
        "worker2": showcase,
        "manager": south_child,
        "iro": without_iro.first(),
        "health": not_health.first(),
        "analyst": showcase,
        "admin": showcase,
        "dataofficer": showcase,
    }
    return DemoWorld(staff=staff, showcase=showcase, own_child=own, other_child=other)


def _load_demo() -> None:
    from homeward.demo.services import load_demo

    load_demo(children=DEMO_CHILDREN, seed=DEMO_SEED, today=DEMO_TODAY)


@pytest.fixture(scope="session")
def _demo_snapshot(django_db_setup: None, django_db_blocker: Any) -> Any:
    """The demo, loaded once in each test process (see tests/demo_snapshot.py)."""
    from django.test import override_settings

    from tests import demo_snapshot

    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        return demo_snapshot.DemoSnapshot(_load_demo)


@pytest.fixture
def demo(db: None, _demo_snapshot: Any) -> DemoWorld:
    """The small synthetic demo, in the test database: copied from the process's snapshot, or loaded
    when the test wrote to the demo's tables before asking for it."""
    from django.contrib.auth import get_user_model

    if not _demo_snapshot.restore():
        _load_demo()
    User = get_user_model()
    staff = {u.username: u for u in User.objects.filter(username__in=LOGINS)}
    assert set(staff) == set(LOGINS)
    return _build_world(staff)


@pytest.fixture
def staff(demo: DemoWorld) -> dict[str, Any]:
    """User name → User for every demo login."""
    return demo.staff


@pytest.fixture
def client_for(demo: DemoWorld) -> Callable[[str | None], Any]:
    """A test client signed in as a demo login (None: not signed in)."""
    from django.test import Client

    from tests.twofactor import sign_in_verified

    def make(username: str | None) -> Client:
        client = Client()
        if username is not None:
            sign_in_verified(client, demo.staff[username])
        return client

    return make


# --- Browser tests -------------------------------------------------------------------------------

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args() -> dict[str, Any]:
    """Debian's Chromium, headless; never a browser downloaded by `playwright install`."""
    return {
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


def sign_in(page: Any, live_server: Any, username: str, password: str = DEMO_PASSWORD) -> None:
    """Sign in through the real login form, as a person would, and wait for the next page; then, when
    the role needs it, the code from the person's authenticator app (computed from its key)."""
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    if "/sign-in/code/" in page.url:
        from django.contrib.auth import get_user_model

        from tests.twofactor import app_of, code_for

        user = get_user_model().objects.get(username=username)
        page.get_by_label("Code from your authenticator app").fill(code_for(app_of(user)))
        page.get_by_role("button", name="Continue").click()
        page.wait_for_load_state()


@pytest.fixture
def login() -> Callable[..., None]:
    """`login(page, live_server, username)`: sign in through the real login form."""
    return sign_in
