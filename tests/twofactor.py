"""Signing in past the second step in tests: the one clean way (no switch that turns the feature off).

- `sign_in_verified(client, user)`: a test client signed in as `user`, with the second step done when
  their role needs it (their authenticator app, made if they have none, recorded on the session as
  django-otp records it after a code). Every test client that signs someone in uses this.
- `code_for(user)`: the code the user's authenticator app shows now, computed from its key, as a
  browser test types it (a code at a later time step than the last one used, which django-otp refuses).
"""

from __future__ import annotations

import time
from typing import Any

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from homeward.access import twofactor


def app_of(user: Any) -> TOTPDevice:
    """The user's authenticator app, set up now if they have none."""
    device = twofactor.app_device(user)
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=twofactor.APP_NAME, confirmed=True)
    return device


def sign_in_verified(client: Client, user: Any) -> Client:
    client.force_login(user)
    if twofactor.required_for(user):
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = app_of(user).persistent_id
        session.save()
    return client


def code_at(key_hex: str, step: int) -> str:
    totp = TOTP(bytes.fromhex(key_hex))
    totp.time = step * 30 + 1
    return f"{totp.token():06d}"


def code_for(device: TOTPDevice) -> str:
    """A code the device accepts now: one time step back, now, or one ahead (django-otp's tolerance),
    after the last one used; if all three are used, wait for the next step."""
    device.refresh_from_db()
    while True:
        now = int(time.time()) // 30
        step = max(now - device.tolerance, device.last_t + 1)
        if step <= now + device.tolerance:
            return code_at(device.key, step)
        time.sleep(1)
