"""The second step of signing in: set up an authenticator app, enter its code, or a recovery code; the
new recovery codes shown once. Thin: the rules, the lock-out and the audit are in
`homeward.access.twofactor`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from axes.helpers import get_lockout_response
from django import forms
from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode

from homeward.access import twofactor
from homeward.access.decorators import public
from homeward.access.middleware import second_step
from homeward.base.forms import GovUKForm


class AppCodeForm(GovUKForm):
    code = forms.CharField(
        label="Code from your authenticator app",
        help_text="The 6 digits the app shows for Homeward now, for example 123456",
        max_length=12,
        error_messages={"required": "Enter the 6-digit code from your authenticator app"},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "spellcheck": "false",
                "class": "govuk-input--width-10",
            }
        ),
    )

    def clean_code(self) -> str:
        code = "".join(str(self.cleaned_data["code"]).split())
        if not (code.isdigit() and len(code) == 6):
            raise forms.ValidationError("Enter the code as 6 digits, like 123456")
        return code


class RecoveryCodeForm(GovUKForm):
    code = forms.CharField(
        label="Recovery code",
        help_text="One of the codes you kept when you set up two-factor sign-in. Each works once.",
        max_length=32,
        error_messages={"required": "Enter one of your recovery codes"},
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "class": "govuk-input--width-10"}
        ),
    )


def _next(request: HttpRequest) -> str:
    """Where the person was going (a page of this site only), else their start page."""
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if wanted and url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return reverse(settings.LOGIN_REDIRECT_URL)


def _with_next(name: str, request: HttpRequest) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    return reverse(name) + (f"?{urlencode({'next': wanted})}" if wanted else "")


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _locked_out(request: HttpRequest) -> HttpResponseBase:
    """Too many failed tries: signed out, and told so as a locked-out password sign-in is."""
    credentials = {"username": request.user.get_username()}
    logout(request)
    return get_lockout_response(request, None, credentials)  # type: ignore[no-any-return]


def _refusal(form: forms.Form, checked: twofactor.Checked, wrong: str) -> None:
    if checked.outcome is twofactor.Outcome.WAIT:
        form.add_error(
            "code", f"Too many wrong codes: wait {checked.wait_seconds} seconds, then enter the code again"
        )
    else:
        form.add_error("code", wrong)


def _page(request: HttpRequest, template: str, context: dict[str, Any], form: forms.Form) -> HttpResponse:
    return render(
        request,
        template,
        {"form": form, "next": request.POST.get("next") or request.GET.get("next") or "", **context},
        status=400 if form.errors else 200,
    )


def _step_done_or_not_needed(request: HttpRequest) -> HttpResponseBase | None:
    if not request.user.is_authenticated:
        return redirect("login")
    if not twofactor.pending(request):
        return redirect(_next(request))
    return None


def _sign_in_with(
    request: HttpRequest,
    form_class: type[forms.Form],
    check: Callable[[HttpRequest, str], Any],
    wrong: str,
    template: str,
    context: dict[str, Any],
) -> HttpResponseBase:
    """The second step with an app's code or a recovery code: the same lock-out, refusal and redirect."""
    if twofactor.locked(request, _user(request)):
        return _locked_out(request)
    form = form_class(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        checked = check(request, form.cleaned_data["code"])
        if checked.outcome is twofactor.Outcome.VERIFIED:
            return redirect(_next(request))
        if checked.outcome is twofactor.Outcome.LOCKED:
            return _locked_out(request)
        _refusal(form, checked, wrong)
    return _page(request, template, context, form)


@public
@second_step
def enter_code(request: HttpRequest) -> HttpResponseBase:
    """'Enter the 6-digit code from your app', or, before an app is set up, the set-up page."""
    done = _step_done_or_not_needed(request)
    if done is not None:
        return done
    if not twofactor.is_set_up(_user(request)):
        return redirect(_with_next("two_factor_set_up", request))
    return _sign_in_with(
        request,
        AppCodeForm,
        twofactor.sign_in_with_app,
        "The code is not right: enter the code your app shows now (it changes every 30 seconds)",
        "registration/two_factor_code.html",
        {"recovery_url": _with_next("two_factor_recovery", request)},
    )


@public
@second_step
def enter_recovery_code(request: HttpRequest) -> HttpResponseBase:
    done = _step_done_or_not_needed(request)
    if done is not None:
        return done
    return _sign_in_with(
        request,
        RecoveryCodeForm,
        twofactor.sign_in_with_recovery_code,
        "This recovery code is not right, or has been used already",
        "registration/two_factor_recovery.html",
        {
            "app_url": _with_next("two_factor", request),
            "left": twofactor.recovery_codes_left(_user(request)),
        },
    )


@public
@second_step
def set_up(request: HttpRequest) -> HttpResponseBase:
    """Set up an authenticator app: scan the QR code (or type the key), confirm with a code it shows."""
    done = _step_done_or_not_needed(request)
    if done is not None:
        return done
    user = _user(request)
    if twofactor.is_set_up(user):
        return redirect(_with_next("two_factor", request))
    if twofactor.locked(request, user):
        return _locked_out(request)
    device = twofactor.device_being_set_up(user)
    form = AppCodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        checked, codes = twofactor.confirm_set_up(request, device, form.cleaned_data["code"])
        if checked.outcome is twofactor.Outcome.VERIFIED:
            twofactor.keep_new_codes(request, codes)
            return redirect(_with_next("recovery_codes_new", request))
        if checked.outcome is twofactor.Outcome.LOCKED:
            return _locked_out(request)
        _refusal(
            form,
            checked,
            "The code is not right: check the app was set up with the key on this page, and enter the "
            "code it shows now",
        )
    return _page(
        request, "registration/two_factor_set_up.html", {"set_up": twofactor.set_up_details(device)}, form
    )


@public
@second_step
def new_recovery_codes(request: HttpRequest) -> HttpResponseBase:
    """The recovery codes just made, shown this once (reloading the page does not show them again)."""
    if twofactor.pending(request):
        return redirect(_with_next("two_factor", request))
    return render(
        request,
        "registration/recovery_codes.html",
        {"codes": twofactor.take_new_codes(request), "continue_to": _next(request)},
    )
