"""The audit trail is read-only in the admin, and the admin is signed into through Homeward's page."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from homeward.access.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["at", "username", "role", "action", "child_id", "what", "ip_address"]
    list_filter = ["action", "role"]
    search_fields = ["username", "child_id"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@login_not_required
def _sign_in_through_homeward(request: HttpRequest, extra_context: object = None) -> HttpResponse:
    """The admin's own sign-in page is replaced by Homeward's (GOV.UK, with its lock-out and messages),
    so there is one way in. A signed-in person who is not an administrator is refused (403)."""
    if request.user.is_authenticated:
        raise PermissionDenied("Only administrators can use this page.")
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = reverse("admin:index")
    return redirect_to_login(next_url, login_url=reverse("login"))


admin.site.login = _sign_in_through_homeward  # type: ignore[method-assign,assignment]
