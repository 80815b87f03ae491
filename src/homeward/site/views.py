from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch
from django.utils import timezone

from homeward.access.decorators import public, requires
from homeward.access.policy import Capability, has_capability
from homeward.base.forms import GovUKForm
from homeward.site import protocol


@public
def home(request: HttpRequest) -> HttpResponse:
    """Send each person to where their work starts."""
    if not request.user.is_authenticated:
        return redirect("login")
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


login = public(
    login_not_required(
        auth_views.LoginView.as_view(template_name="registration/login.html", authentication_form=LoginForm)
    )
)
logout = public(auth_views.LogoutView.as_view())


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
    return render(request, "site/accessibility.html")


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
