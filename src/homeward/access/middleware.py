"""Sign-in is required for every page but the public ones; a refused request is audited like any other."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponseBase
from django.urls import reverse

from homeward.access import audit, twofactor
from homeward.access.decorators import POLICY_ATTR
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


SECOND_STEP_ATTR = "homeward_second_step"  # a page of the sign-in's second step (set by `second_step`)


def second_step(view: Callable[..., Any]) -> Callable[..., Any]:
    """Mark a page of the second step of signing in: reachable before the step is done."""
    setattr(view, SECOND_STEP_ATTR, True)
    return view


class TwoFactorMiddleware:
    """Someone whose role needs two-factor sign-in and who has given only their password reaches the
    second step's pages and the public ones (which anyone may see), nothing else: every other request is
    refused (audited, naming the child for a page of a child's record) and sent to the second step.

    A request carrying an API token to a page that reads the token (the API) is the token's: it is the
    token, not this session, that the page signs in with."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], view_args: Any, view_kwargs: dict[str, Any]
    ) -> HttpResponseBase | None:
        if not twofactor.pending(request):
            return None
        if getattr(view_func, SECOND_STEP_ATTR, False):
            return None
        if getattr(view_func, POLICY_ATTR, (None,))[0] == "public":
            return None
        if request.headers.get("Authorization") and getattr(view_func, "login_required", True) is False:
            return None
        child_id = view_kwargs.get("child_id")
        name = getattr(request.resolver_match, "view_name", "") or request.path
        audit.record(
            request,
            AuditAction.DENIED,
            f"two-factor sign-in not finished: {name}",
            child_id if isinstance(child_id, int) else None,
        )
        return redirect_to_login(request.get_full_path(), reverse("two_factor"))
