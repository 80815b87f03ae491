"""Sign-in is required for every page but the public ones; a refused request is audited like any other."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.http import HttpRequest, HttpResponseBase

from homeward.access import audit
from homeward.access.models import AuditAction


class AuditedLoginRequiredMiddleware(LoginRequiredMiddleware):
    """Django's LoginRequiredMiddleware, which also writes a `denied` event for a request from someone
    not signed in (naming the child, for a page of a child's record), before sending them to sign in."""

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], view_args: Any, view_kwargs: dict[str, Any]
    ) -> HttpResponseBase | None:
        refused = super().process_view(request, view_func, view_args, view_kwargs)
        if refused is not None:
            child_id = view_kwargs.get("child_id")
            name = getattr(request.resolver_match, "view_name", "") or request.path
            audit.record(
                request,
                AuditAction.DENIED,
                f"not signed in: {name}",
                child_id if isinstance(child_id, int) else None,
            )
        return refused  # type: ignore[no-any-return]
