"""The demo's authenticator app, for trying the demo's two-factor sign-in without a phone.

The demo's manager and administrator (the roles that need two-factor sign-in) have an authenticator
app set up with this key, published in the README; `homeward demo-code` prints the code it gives now.
Never a real account's key: a real person sets up their own app at their first sign-in. Plain Python
(no Django), so the command runs without the site's settings.
"""

from __future__ import annotations

import time
from base64 import b32decode

from django_otp.oath import TOTP

DEMO_TWO_FACTOR_KEY = "HOMEWARDDEMOTWOFACTORSIGNINKEY23"  # base32, as an authenticator app takes it


def demo_key_hex() -> str:
    """The key as django-otp stores it (hex)."""
    return b32decode(DEMO_TWO_FACTOR_KEY).hex()


def code_now(at: float | None = None) -> str:
    """The 6-digit code the demo's authenticator app shows now (or at the Unix time `at`)."""
    totp = TOTP(b32decode(DEMO_TWO_FACTOR_KEY))
    totp.time = time.time() if at is None else at
    return f"{totp.token():06d}"
