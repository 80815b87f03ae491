"""Django's admin, when it is switched on at all (HOMEWARD_ADMIN_SITE=1): read-only, for a superuser.

Accounts, roles, teams and agencies are managed in Homeward's own staff pages, which keep the rules and
write the audit trail; the admin would bypass both. So every model registered here, Django's own
included, can be looked at and never added, changed or deleted, and only a superuser made at the command
line (`homeward manage createsuperuser`) may open it. It is signed into through Homeward's page.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme


class ReadOnly:
    """Mixed in before any ModelAdmin: nothing can be added, changed or deleted, whatever its class says."""

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


class ReadOnlyAdminSite(admin.AdminSite):
    site_header = "Homeward: read-only administration"
    site_title = "Homeward (read only)"

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return bool(user.is_active and user.is_superuser)

    def register(self, model_or_iterable: Any, admin_class: Any = None, **options: Any) -> None:
        base = admin_class or admin.ModelAdmin
        read_only = type(f"ReadOnly{base.__name__}", (ReadOnly, base), {"__module__": base.__module__})
        super().register(model_or_iterable, read_only, **options)

    def login(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        """Homeward's sign-in page (GOV.UK, with its lock-out and messages) is the one way in. Someone
        signed in who is not a superuser is refused (403)."""
        if request.user.is_authenticated:
            raise PermissionDenied("Only a superuser can use the read-only administration pages.")
        next_url = request.GET.get("next", "")
        if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
            next_url = reverse("admin:index")
        return redirect_to_login(next_url, login_url=reverse("login"))
