"""API tokens: each person makes and revokes their own; an administrator can revoke anyone's. Thin:
the rules and the audit are in `homeward.access.tokens`."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from homeward.access import tokens as api_tokens
from homeward.access.decorators import requires
from homeward.access.policy import Capability, has_capability
from homeward.base.pages import form_page, posted
from homeward.plans.forms import ConfirmForm
from homeward.staff.token_forms import TokenForm

own_tokens = requires(Capability.API_TOKENS)


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@own_tokens
def tokens(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    administrator = has_capability(user, Capability.MANAGE_USERS)
    return render(
        request,
        "staff/tokens.html",
        {
            "tokens": api_tokens.tokens_for(user),
            "everyone": api_tokens.tokens_for(user, everyone=True).exclude(user=user)
            if administrator
            else None,
        },
    )


@own_tokens
def token_add(request: HttpRequest) -> HttpResponse:
    form = TokenForm(posted(request))

    def save(data: dict[str, Any]) -> tuple[str, str]:
        token, secret = api_tokens.create_token(
            request, name=data["name"], scopes=data["scopes"], expires_on=data["expires_on"]
        )
        return (
            f"Token {token.prefix} made. Copy it now, it will not be shown again: {secret}",
            reverse("staff:tokens"),
        )

    return form_page(
        request,
        form,
        save,
        title="Make an API token",
        caption="API tokens",
        submit="Make token",
        back=reverse("staff:tokens"),
        cancel=True,
        intro="A token lets a system use Homeward's API as you: it sees only what you can see.",
    )


@own_tokens
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    token = api_tokens.token_for(_user(request), token_id)
    if token is None:
        raise Http404("No such token")

    def save(data: dict[str, Any]) -> str:
        api_tokens.revoke_token(request, token)
        return f"Token {token.prefix} revoked: it no longer works."

    return form_page(
        request,
        ConfirmForm(posted(request)),
        save,
        title=f"Revoke token {token.prefix} ({token.name})",
        caption=f"API tokens of {token.user.get_full_name() or token.user.get_username()}",
        submit="Revoke token",
        back=reverse("staff:tokens"),
        cancel=True,
        intro="Anything using this token will be refused from now on. This cannot be undone.",
    )
