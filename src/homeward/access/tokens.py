"""Per-person API tokens: made and revoked on the staff pages, checked on every API request.

A token is `hw_<prefix>_<secret>`; only its SHA-256 is stored, so a stolen database gives no working
token, and the secret is shown once, when it is made. Each token has scopes (read, write, sync) and an
expiry (at most `MAX_DAYS` ahead): an API request with an expired, revoked or unknown token is refused
before the policy is asked, and one whose token lacks the route's scope is refused too. A token acts as
its owner: the same policy and the same audit as their pages.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from homeward.access import audit
from homeward.access.models import ApiScope, ApiToken, AuditAction
from homeward.access.policy import Capability, has_capability, role_of

MAX_DAYS = 366  # a year ahead at most: a token that never expires is a password that never changes
PREFIX = "hw_"
# Writes of `last_used_at` are spaced so that a busy integration does not write on every request.
LAST_USED_EVERY = timedelta(minutes=1)


@dataclass(frozen=True)
class TokenRefused(Exception):
    """An API request's token cannot be used: `status` 401 (no such token, expired, revoked) or 403
    (the token lacks the scope)."""

    status: int
    reason: str


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


def _actor(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User) and user.is_authenticated, "tokens are made by a signed-in person"
    return user


def create_token(
    request: HttpRequest, *, name: str, scopes: Iterable[str], expires_on: date
) -> tuple[ApiToken, str]:
    """A new token for the signed-in person, valid to the end of `expires_on`; returns it with the
    secret, which is never available again."""
    user = _actor(request)
    chosen = sorted(set(scopes))
    errors: dict[str, str] = {}
    if role_of(user) is None:
        errors["name"] = "Your account has no role in Homeward, so a token could do nothing"
    if not name.strip():
        errors["name"] = "Enter what the token is for"
    if not chosen or not set(chosen) <= set(ApiScope.values):
        errors["scopes"] = "Select what the token may do"
    today = timezone.localdate()
    if expires_on <= today:
        errors["expires_on"] = "The expiry date must be in the future"
    elif expires_on > today + timedelta(days=MAX_DAYS):
        errors["expires_on"] = (
            f"The expiry date must be within {MAX_DAYS} days (by {today + timedelta(MAX_DAYS):%-d %B %Y})"
        )
    if errors:
        raise ValidationError(errors)
    prefix = PREFIX + secrets.token_hex(4)
    raw = f"{prefix}_{secrets.token_urlsafe(32)}"
    expires_at = timezone.make_aware(datetime.combine(expires_on + timedelta(days=1), time.min))
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user,
            name=name.strip(),
            prefix=prefix,
            secret_hash=_digest(raw),
            scopes=chosen,
            expires_at=expires_at,
        )
        audit.record(request, AuditAction.CREATE, f"API token {prefix} ({', '.join(chosen)})")
    return token, raw


def may_manage(user: User, token: ApiToken) -> bool:
    """Your own tokens, or, for an administrator, anyone's."""
    return token.user_id == user.pk or has_capability(user, Capability.MANAGE_USERS)


def revoke_token(request: HttpRequest, token: ApiToken) -> None:
    actor = _actor(request)
    if not may_manage(actor, token):
        raise ValidationError("You can only revoke your own tokens")
    if token.revoked_at is not None:
        raise ValidationError("This token has already been revoked")
    with transaction.atomic():
        ApiToken.objects.filter(pk=token.pk).update(revoked_at=timezone.now(), revoked_by=actor)
        audit.record(request, AuditAction.CHANGE, f"API token {token.prefix} of {token.user} revoked")


def tokens_for(user: User, *, everyone: bool = False) -> QuerySet[ApiToken]:
    tokens = ApiToken.objects.select_related("user", "revoked_by")
    return tokens if everyone else tokens.filter(user=user)


def token_for(user: User, token_id: int) -> ApiToken | None:
    """One token `user` may manage, or None (so another's token is as absent as one that never was)."""
    token = tokens_for(user, everyone=True).filter(pk=token_id).first()
    return token if token is not None and may_manage(user, token) else None


def authenticate(raw: str, scope: ApiScope) -> ApiToken:
    """The live token `raw` names, if it carries `scope`; else `TokenRefused` saying why."""
    token = (
        ApiToken.objects.select_related("user").filter(secret_hash=_digest(raw)).first()
        if raw.startswith(PREFIX)
        else None
    )
    now = timezone.now()
    if token is None:
        raise TokenRefused(401, "The API token is not recognised.")
    if token.revoked_at is not None:
        raise TokenRefused(401, "The API token has been revoked.")
    if token.expires_at <= now:
        raise TokenRefused(401, "The API token has expired.")
    if not token.user.is_active:
        raise TokenRefused(401, "The account the API token belongs to is deactivated.")
    if scope not in token.scopes:
        raise TokenRefused(403, f"The API token does not have the {scope.value} scope this operation needs.")
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
