"""Two-factor sign-in (django-otp): a code from an authenticator app after the password, or one of the
person's single-use recovery codes.

Administrators and team managers always need it (they can change who sees what, and sign off decisions);
`HOMEWARD_TWO_FACTOR_ROLES` adds other roles (or `all`). A superuser (the emergency admin site) needs it
too. Until the second step is done the person is signed in but reaches no page with a child's record
(`homeward.access.middleware.TwoFactorMiddleware`).

A wrong code counts against the sign-in lock-out like a wrong password (django-axes, through the same
`user_login_failed` signal), and django-otp's own throttling makes each further try wait longer. The
password step does not clear the failed codes: only the second step does (`homeward.access.lockout`).
"""

from __future__ import annotations

import re
from base64 import b32encode
from dataclasses import dataclass
from enum import Enum
from typing import Any

import segno
from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.html import escape
from django_otp import login as otp_login
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from homeward.access import audit, lockout
from homeward.access.models import AuditAction
from homeward.access.policy import role_of
from homeward.organisation.models import Role

ALWAYS = frozenset({Role.ADMINISTRATOR.value, Role.TEAM_MANAGER.value})
RECOVERY_CODES = 10
APP_NAME = "Authenticator app"
RECOVERY_NAME = "Recovery codes"
# Where the recovery codes just made wait for the one page that shows them (then they are removed).
NEW_CODES_SESSION_KEY = "homeward_new_recovery_codes"


def required_roles() -> frozenset[str]:
    """The roles that must use two-factor sign-in: administrators and team managers, and any the
    authority adds with HOMEWARD_TWO_FACTOR_ROLES."""
    extra = {r.strip() for r in getattr(settings, "HOMEWARD_TWO_FACTOR_ROLES", ()) if r.strip()}
    if "all" in extra:
        return frozenset(Role.values)
    unknown = extra - set(Role.values)
    if unknown:
        raise ImproperlyConfigured(
            f"HOMEWARD_TWO_FACTOR_ROLES names unknown roles {sorted(unknown)}; use any of "
            f"{', '.join(Role.values)}, or all"
        )
    return ALWAYS | frozenset(extra)


def required_for(user: AbstractBaseUser | AnonymousUser) -> bool:
    if not user.is_authenticated:
        return False
    return bool(getattr(user, "is_superuser", False)) or role_of(user) in required_roles()


def is_verified(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Whether this sign-in's second step is done (django-otp's middleware marks the user)."""
    check = getattr(user, "is_verified", None)
    return bool(check()) if callable(check) else False


def pending(request: HttpRequest) -> bool:
    """Signed in with the password, but the second step is still to do."""
    return required_for(request.user) and not is_verified(request.user)


def app_device(user: AbstractBaseUser) -> TOTPDevice | None:
    """The person's authenticator app, once set up."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def is_set_up(user: AbstractBaseUser) -> bool:
    return app_device(user) is not None


def recovery_device(user: AbstractBaseUser) -> StaticDevice | None:
    return StaticDevice.objects.filter(user=user, confirmed=True).first()


def recovery_codes_left(user: AbstractBaseUser) -> int:
    device = recovery_device(user)
    return device.token_set.count() if device is not None else 0


@dataclass(frozen=True)
class SetUp:
    """What the set-up page shows: the QR code (inline SVG) and the same secret written out."""

    device: TOTPDevice
    secret: str  # base32, in groups of four, as authenticator apps take it typed in
    qr_svg: str


def device_being_set_up(user: AbstractBaseUser) -> TOTPDevice:
    """The app being set up: the same secret however often the page is opened, until it is confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_NAME, confirmed=False)
    return device


def set_up_details(device: TOTPDevice) -> SetUp:
    secret = b32encode(device.bin_key).decode("ascii")
    svg = segno.make(device.config_url, error="m").svg_inline(
        scale=5, dark="#0b0c0c", light="#ffffff", omitsize=True
    )
    label = escape("QR code for your authenticator app: scan it, or type the key shown below")
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{label}" focusable="false" ', 1)
    return SetUp(device=device, secret=" ".join(re.findall(".{1,4}", secret)), qr_svg=svg)


class Outcome(Enum):
    VERIFIED = "verified"
    WRONG = "wrong"  # counted towards the lock-out
    WAIT = "wait"  # django-otp's throttling: too soon after a wrong code
    LOCKED = "locked"  # the sign-in lock-out (axes) is reached: the person is signed out


@dataclass(frozen=True)
class Checked:
    outcome: Outcome
    device: Device | None = None
    wait_seconds: int = 0


def _credentials(user: AbstractBaseUser) -> dict[str, Any]:
    return {"username": user.get_username()}


def locked(request: HttpRequest, user: AbstractBaseUser) -> bool:
    """Whether the sign-in lock-out stops this person here (their account, or this address)."""
    return bool(AxesProxyHandler.is_locked(request, _credentials(user)))


def _normalised(code: str) -> str:
    return re.sub(r"[\s-]", "", code).lower()


def _wait(device: Device) -> int:
    allowed, data = device.verify_is_allowed()
    if allowed or not data or "locked_until" not in data:
        return 0
    return max(1, int((data["locked_until"] - timezone.now()).total_seconds() + 0.999))


def check_code(request: HttpRequest, device: Device, code: str) -> Checked:
    """Check a code against one device (the app, or the recovery codes). A wrong one is a failed
    sign-in for the lock-out and audited as a refusal; a recovery code that works is used up."""
    user = request.user
    assert isinstance(user, AbstractBaseUser)
    if locked(request, user):
        return Checked(Outcome.LOCKED)
    wait = _wait(device)
    if wait:
        return Checked(Outcome.WAIT, wait_seconds=wait)
    with transaction.atomic():
        # Locked against a second try at the same code at the same moment (django-otp's advice).
        fresh = type(device).objects.select_for_update().get(pk=device.pk)
        ok = fresh.verify_token(_normalised(code))
    if ok:
        return Checked(Outcome.VERIFIED, fresh)
    audit.record(request, AuditAction.DENIED, f"two-factor sign-in: wrong code ({device.name.lower()})")
    # The same signal as a wrong password: axes counts it, and may lock the account (and this address).
    user_login_failed.send(sender=__name__, credentials=_credentials(user), request=request)
    if getattr(request, "axes_locked_out", False):
        return Checked(Outcome.LOCKED)
    return Checked(Outcome.WRONG)


def _finish(request: HttpRequest, device: Device) -> None:
    """The second step is done: this session is verified (under a new session key, as at the password
    step, so a key seen before the second step is worth nothing), and the failed tries from here are
    forgiven."""
    request.session.cycle_key()
    otp_login(request, device)
    lockout.forgive_second_factor(request)


def _new_codes(user: AbstractBaseUser) -> list[str]:
    """Replace the person's recovery codes with new ones; the old ones stop working."""
    device = recovery_device(user)
    if device is None:
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def confirm_set_up(request: HttpRequest, device: TOTPDevice, code: str) -> tuple[Checked, list[str]]:
    """Confirm the app with a code it shows: then it is the person's app, this sign-in is verified, and
    they get new recovery codes (returned, to be shown once)."""
    checked = check_code(request, device, code)
    if checked.outcome is not Outcome.VERIFIED:
        return checked, []
    user = request.user
    assert isinstance(user, AbstractBaseUser)
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        TOTPDevice.objects.filter(pk=device.pk).update(confirmed=True)
        device.refresh_from_db()
        codes = _new_codes(user)
        audit.record(
            request,
            AuditAction.CHANGE,
            f"staff account {user.get_username()}: two-factor sign-in: not set up → "
            f"authenticator app and {len(codes)} recovery codes",
        )
    _finish(request, device)
    return Checked(Outcome.VERIFIED, device), codes


def sign_in_with_app(request: HttpRequest, code: str) -> Checked:
    user = request.user
    assert isinstance(user, AbstractBaseUser)
    device = app_device(user)
    if device is None:
        return Checked(Outcome.WRONG)
    checked = check_code(request, device, code)
    if checked.outcome is Outcome.VERIFIED and checked.device is not None:
        _finish(request, checked.device)
    return checked


def sign_in_with_recovery_code(request: HttpRequest, code: str) -> Checked:
    user = request.user
    assert isinstance(user, AbstractBaseUser)
    device = recovery_device(user)
    if device is None:
        return Checked(Outcome.WRONG)
    checked = check_code(request, device, code)
    if checked.outcome is Outcome.VERIFIED and checked.device is not None:
        audit.record(
            request,
            AuditAction.CHANGE,
            f"staff account {user.get_username()}: signed in with a recovery code "
            f"({recovery_codes_left(user)} left)",
        )
        _finish(request, checked.device)
    return checked


@transaction.atomic
def regenerate_recovery_codes(request: HttpRequest) -> list[str]:
    """New recovery codes for the person signed in (the old ones stop working), to be shown once."""
    user = request.user
    assert isinstance(user, AbstractBaseUser)
    before = recovery_codes_left(user)
    codes = _new_codes(user)
    audit.record(
        request,
        AuditAction.CHANGE,
        f"staff account {user.get_username()}: recovery codes: {before} unused → {len(codes)} new",
    )
    return codes


def describe(user: AbstractBaseUser) -> str:
    """The person's two-factor sign-in in words, for the staff pages and the audit."""
    if not is_set_up(user):
        return "not set up"
    return f"authenticator app, {recovery_codes_left(user)} recovery codes left"


@transaction.atomic
def reset(request: HttpRequest, user: AbstractBaseUser) -> None:
    """Take away someone's app and recovery codes (a lost phone): at their next sign-in they set up a
    new app, if their role needs one. Their sessions verified with the old app stop being verified."""
    before = describe(user)
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    audit.record(
        request,
        AuditAction.CHANGE,
        f"staff account {user.get_username()}: two-factor sign-in: {before} → not set up (reset)",
    )


def take_new_codes(request: HttpRequest) -> list[str]:
    """The recovery codes just made, once: the page that shows them removes them from the session."""
    codes = request.session.pop(NEW_CODES_SESSION_KEY, None)
    return [str(c) for c in codes] if isinstance(codes, list) else []


def keep_new_codes(request: HttpRequest, codes: list[str]) -> None:
    request.session[NEW_CODES_SESSION_KEY] = codes
