"""Planning and review meetings: who was invited and came, what was decided, actions, signed minutes."""

from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "homeward.meetings"
    label = "meetings"
    verbose_name = "Meetings"

    def ready(self) -> None:
        from homeward.children import panels
        from homeward.meetings.panels import meetings_panel

        panels.register(meetings_panel, order=30)
