"""Administrators manage users, teams and partner agencies here; the audit trail is read-only."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from homeward.access.models import Agency, AuditEvent, StaffProfile, Team


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "agency_type"]
    list_filter = ["agency_type"]


@admin.register(StaffProfile)
class StaffProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "team", "agency"]
    list_filter = ["role", "team"]
    filter_horizontal = ["managed_teams"]


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
