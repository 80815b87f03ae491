"""Planning and review meetings: who was invited and came, what was decided, actions, signed minutes."""

from __future__ import annotations

from django.urls import URLPattern, path

from homeward.meetings import views

app_name = "meetings"

_M = "children/<int:child_id>/meetings/"
_ONE = f"{_M}<int:meeting_id>/"

urlpatterns: list[URLPattern] = [
    path(_M, views.meetings, name="meetings"),
    path(f"{_M}add/", views.meeting_add, name="meeting_add"),
    path(_ONE, views.meeting, name="meeting"),
    path(f"{_ONE}change/", views.meeting_edit, name="meeting_edit"),
    path(f"{_ONE}who-took-part/", views.participants, name="participants"),
    path(f"{_ONE}decided/", views.decisions, name="decisions"),
    path(f"{_ONE}actions/add/", views.action_add, name="action_add"),
    path(f"{_ONE}actions/<int:meeting_action_id>/done/", views.action_done, name="action_done"),
    path(f"{_ONE}minutes/sign/", views.minutes_sign, name="minutes_sign"),
    path(f"{_ONE}minutes/new-version/", views.minutes_new_version, name="minutes_new_version"),
    path(f"{_ONE}minutes/<int:minutes_id>/", views.minutes_version, name="minutes_version"),
]
