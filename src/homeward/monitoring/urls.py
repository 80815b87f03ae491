"""After the return: the monitoring period, visits, engagement with support, alerts and closure."""

from __future__ import annotations

from django.urls import URLPattern, path

from homeward.monitoring import views

app_name = "monitoring"

_M = "children/<int:child_id>/monitoring/"

urlpatterns: list[URLPattern] = [
    path(_M, views.monitoring, name="monitoring"),
    path(f"{_M}visits/add/", views.visit_add, name="visit_add"),
    path(f"{_M}engagement/add/", views.engagement_add, name="engagement_add"),
    path(f"{_M}concerns/add/", views.concern_add, name="concern_add"),
    path(f"{_M}reviews/add/", views.review_add, name="review_add"),
    path(f"{_M}close/", views.close, name="close"),
]
