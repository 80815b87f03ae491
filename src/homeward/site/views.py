from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.http import urlencode

from homeward.access import lockout, twofactor
from homeward.access.decorators import public, requires
from homeward.access.policy import Capability, has_capability
from homeward.base.forms import GovUKForm
from homeward.site import protocol
from homeward.staff import services as staff_services

# When the accessibility statement was written, and when the service was last checked against it (the
# automated checks in tests/e2e run on every change; this is the date of the last review of the whole).
ACCESSIBILITY_STATEMENT_PREPARED = date(2026, 12, 7)
ACCESSIBILITY_LAST_TESTED = date(2026, 12, 7)


@public
def home(request: HttpRequest) -> HttpResponse:
    """Send each person to where their work starts."""
    if not request.user.is_authenticated:
        return redirect("login")
    if twofactor.pending(request):
        return redirect("two_factor")
    if has_capability(request.user, Capability.CASELOAD):
        return redirect("mywork:start")
    if has_capability(request.user, Capability.SYNC_CASE_DATA):
        return redirect("casedata:upload")
    if has_capability(request.user, Capability.OUTCOMES):
        try:
            return redirect("outcomes:dashboard")
        except NoReverseMatch:  # the outcomes pages are not installed
            pass
    if has_capability(request.user, Capability.MANAGE_USERS):
        return redirect("staff:list")
    return render(request, "site/no_role.html", status=403)


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Enter a correct user name and password. Both are case-sensitive.",
        "inactive": "This account is not active.",
    }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        helper_form = GovUKForm()
        self.helper = helper_form.helper
        self.helper.form = self
        self.fields["username"].label = "User name"
        self.fields["username"].error_messages["required"] = "Enter your user name"
        self.fields["password"].error_messages["required"] = "Enter your password"


class LoginView(auth_views.LoginView):
    """The password step. For a role that needs two-factor sign-in, the second step follows (a code from
    the authenticator app, or setting one up) before any other page opens."""

    template_name = "registration/login.html"
    authentication_form = LoginForm

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        if not twofactor.required_for(form.get_user()):
            return super().form_valid(form)
        setattr(self.request, lockout.SECOND_STEP_TO_FOLLOW, True)
        going_to = self.get_success_url()
        super().form_valid(form)
        return redirect(f"{reverse('two_factor')}?{urlencode({'next': going_to})}")


login = public(login_not_required(LoginView.as_view()))
logout = public(auth_views.LogoutView.as_view())


class PasswordResetForm(auth_forms.PasswordResetForm):
    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.helper = GovUKForm().helper
        self.helper.form = self
        self.fields["email"].label = "Email address"
        self.fields["email"].help_text = "The email address your administrator recorded for your account"
        self.fields["email"].error_messages["required"] = "Enter your email address"
        self.fields["email"].error_messages["invalid"] = (
            "Enter an email address in the correct format, like name@example.gov.uk"
        )


class SetPasswordForm(auth_forms.SetPasswordForm):
    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.helper = GovUKForm().helper
        self.helper.form = self
        self.fields["new_password1"].label = "New password"
        self.fields["new_password1"].help_text = "At least 12 characters, not a common password"
        self.fields["new_password1"].error_messages["required"] = "Enter a new password"
        self.fields["new_password2"].label = "New password again"
        self.fields["new_password2"].error_messages["required"] = "Enter the new password again"


# Not Django's template names: the admin app ships templates by those names, and comes first.
class _SaysHowLongALinkLasts:
    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(**kwargs)  # type: ignore[misc]
        context["reset_minutes"] = max(1, settings.PASSWORD_RESET_TIMEOUT // 60)
        return context


class PasswordResetView(_SaysHowLongALinkLasts, auth_views.PasswordResetView):
    """Ask for a reset link. The link is queued for the outbox worker, never sent in the request; the
    next page is the same whether or not the address has an account."""

    form_class = PasswordResetForm
    template_name = "registration/reset/ask.html"

    def form_valid(self, form: auth_forms.PasswordResetForm) -> HttpResponse:
        staff_services.ask_for_password_reset(self.request, form.cleaned_data["email"])
        return redirect("password_reset_done")


class PasswordResetDoneView(_SaysHowLongALinkLasts, auth_views.PasswordResetDoneView):
    template_name = "registration/reset/sent.html"


class PasswordResetConfirmView(_SaysHowLongALinkLasts, auth_views.PasswordResetConfirmView):
    form_class = SetPasswordForm
    template_name = "registration/reset/choose.html"

    def form_valid(self, form: auth_forms.SetPasswordForm) -> HttpResponse:
        try:
            staff_services.reset_password_by_link(self.request, form.user, form.cleaned_data["new_password1"])
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        del self.request.session[auth_views.INTERNAL_RESET_SESSION_TOKEN]
        return redirect("password_reset_complete")


def _anyone(view: Any) -> Any:
    return public(login_not_required(view))


password_reset = _anyone(PasswordResetView.as_view())
password_reset_done = _anyone(PasswordResetDoneView.as_view())
password_reset_confirm = _anyone(PasswordResetConfirmView.as_view())
password_reset_complete = _anyone(
    auth_views.PasswordResetCompleteView.as_view(template_name="registration/reset/done.html")
)


@public
@login_not_required
def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    reason = str(exception) if exception and str(exception) else "You do not have access to this page."
    return render(request, "403.html", {"reason": reason}, status=403)


@public
@login_not_required
def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


@public
@login_not_required
def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "500.html", status=500)


@public
@login_not_required
def accessibility(request: HttpRequest) -> HttpResponse:
    """The accessibility statement, in the shape of GOV.UK's model statement for public sector bodies."""
    context = {
        "email": settings.HOMEWARD_ACCESSIBILITY_EMAIL,
        "phone": settings.HOMEWARD_ACCESSIBILITY_PHONE,
        "response_days": settings.HOMEWARD_ACCESSIBILITY_RESPONSE_DAYS,
        "organisation": settings.HOMEWARD_EMAIL_SIGNATURE,
        "prepared_on": ACCESSIBILITY_STATEMENT_PREPARED,
        "tested_on": ACCESSIBILITY_LAST_TESTED,
    }
    return render(request, "site/accessibility.html", context)


@requires(Capability.RULEBOOK)
def rules(request: HttpRequest) -> HttpResponse:
    """Every rule of the rulebook in plain words, with its source and the thresholds it uses."""
    return render(request, "site/rules.html", protocol.the_rules())


@requires(Capability.RULEBOOK)
def reunification_protocol(request: HttpRequest) -> HttpResponse:
    """The authority's reunification protocol, generated from the configuration Homeward enforces."""
    return render(
        request,
        "site/protocol.html",
        {"protocol": protocol.the_protocol(), "generated_on": timezone.localdate()},
    )


@requires(Capability.RULEBOOK)
def reunification_protocol_pdf(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(protocol.protocol_pdf(request=request), content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="reunification-protocol.pdf"'
    return response
