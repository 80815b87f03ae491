"""Telling every agency: in-app notifications, the email outbox and the sharing log."""

from __future__ import annotations

from django.urls import path

from homeward.notifications import views

app_name = "notifications"

urlpatterns = [
    path("notifications/", views.mine, name="mine"),
    path(
        "children/<int:child_id>/notifications/<int:notification_id>/acknowledge/",
        views.acknowledge,
        name="acknowledge",
    ),
]
