"""API tokens for tests, made through the service as the staff page makes them."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.test import Client, RequestFactory
from django.utils import timezone

from homeward.access import tokens


def token_for(user: Any, scopes: tuple[str, ...] = ("read", "write"), days: int = 30) -> str:
    request = RequestFactory().post("/staff/tokens/add/")
    request.user = user
    _, secret = tokens.create_token(
        request, name="test", scopes=scopes, expires_on=timezone.localdate() + timedelta(days=days)
    )
    return secret


def bearer(secret: str) -> Client:
    return Client(headers={"Authorization": f"Bearer {secret}"})
