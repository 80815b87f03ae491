"""Who may open the Manage staff pages (format: tests/access/test_policy_matrix.py).

Administrators manage users, and nobody else does; anonymous visitors are sent to the login page.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model

Expected = dict[str, int | tuple[int, int]]

ADMINISTRATORS_ONLY: Expected = {
    "worker": 403,
    "worker2": 403,
    "manager": 403,
    "iro": 403,
    "health": 403,
    "analyst": 403,
    "admin": 200,
}

EXPECTATIONS: dict[str, Expected] = {
    name: ADMINISTRATORS_ONLY
    for name in (
        "staff:list",
        "staff:add",
        "staff:account",
        "staff:change",
        "staff:password",
        "staff:unlock",
        "staff:two_factor_reset",
        "staff:teams",
        "staff:team_add",
        "staff:agencies",
        "staff:agency_add",
    )
}


def _account_id(child: Any) -> int:
    """Another person's account: the demo social worker's."""
    return int(get_user_model().objects.get(username="worker").pk)


URL_KWARGS = {"account_id": _account_id}

# Every role makes its own API tokens; a token of someone else's is not found, except by an administrator.
EVERYONE: Expected = {
    who: 200 for who in ("worker", "worker2", "manager", "iro", "health", "analyst", "admin")
}
EXPECTATIONS.update(
    {
        "staff:tokens": EVERYONE,
        "staff:token_add": EVERYONE,
        "staff:token_revoke": {**{who: 404 for who in EVERYONE}, "worker": 200, "admin": 200},
        # Your own two-factor sign-in; new recovery codes once it is set up (the demo's manager and
        # administrator have an authenticator app, the other roles do not need one).
        "staff:two_factor": EVERYONE,
        "staff:recovery_codes": {**{who: 404 for who in EVERYONE}, "manager": 200, "admin": 200},
    }
)


def _workers_token(child: Any) -> int:
    from datetime import timedelta

    from django.utils import timezone

    from homeward.access.models import ApiToken

    token, _ = ApiToken.objects.get_or_create(
        secret_hash="0" * 64,
        defaults={
            "user": get_user_model().objects.get(username="worker"),
            "name": "matrix",
            "prefix": "hw_matrix0",
            "scopes": ["read"],
            "expires_at": timezone.now() + timedelta(days=30),
        },
    )
    return token.pk


URL_KWARGS["token_id"] = _workers_token
