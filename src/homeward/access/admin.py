"""The audit trail in the (read-only) admin: see homeward.access.admin_site."""

from __future__ import annotations

from django.contrib import admin

from homeward.access.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["at", "username", "role", "action", "child_id", "what", "ip_address"]
    list_filter = ["action", "role"]
    search_fields = ["username", "child_id"]
