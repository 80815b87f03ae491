"""Planning and review meetings: who was invited and came, what was decided, actions, signed minutes."""

from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "homeward.meetings"
    label = "meetings"
    verbose_name = "Meetings"
