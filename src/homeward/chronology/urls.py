"""The child's chronology: the page, its PDF, a significant event added by hand, an analysis note."""

from __future__ import annotations

from django.urls import URLPattern, path

from homeward.chronology import views

app_name = "chronology"

_C = "children/<int:child_id>/chronology/"

urlpatterns: list[URLPattern] = [
    path(_C, views.chronology, name="chronology"),
    path(f"{_C}pdf/", views.chronology_pdf, name="pdf"),
    path(f"{_C}add/", views.event_add, name="event_add"),
    path(f"{_C}events/<int:significant_event_id>/change/", views.event_change, name="event_change"),
    path(f"{_C}notes/<str:event_key>/", views.note, name="note"),
]
