"""Telling every agency: in-app notifications, the email outbox and the sharing log."""

from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "homeward.notifications"
    label = "notifications"
    verbose_name = "Notifications"

    def ready(self) -> None:
        from homeward.children import panels
        from homeward.notifications.panels import sharing_panel

        panels.register(sharing_panel, order=40)
