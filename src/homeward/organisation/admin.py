"""Teams, partner agencies and staff profiles in the read-only admin (they are managed in the staff pages)."""

from __future__ import annotations

from django.contrib import admin

from homeward.organisation.models import Agency, StaffProfile, Team


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
