"""Django's admin app with Homeward's read-only site (homeward.access.admin_site) as its default site.

Kept apart from the site itself, which imports models, because INSTALLED_APPS loads this first."""

from __future__ import annotations

from django.contrib.admin.apps import AdminConfig


class ReadOnlyAdminConfig(AdminConfig):
    default_site = "homeward.access.admin_site.ReadOnlyAdminSite"
