from django.urls import URLPattern, URLResolver, path

from homeward.plans import views

app_name = "plans"

_A = "children/<int:child_id>/agreement/"

urlpatterns: list[URLPattern | URLResolver] = [
    path(_A, views.agreement, name="agreement"),
    path(f"{_A}start/", views.agreement_start, name="agreement_start"),
    path(f"{_A}parts/<int:section_id>/", views.agreement_section, name="agreement_section"),
    path(f"{_A}goals/add/", views.agreement_goal_add, name="agreement_goal_add"),
    path(
        f"{_A}goals/<int:agreement_goal_id>/remove/",
        views.agreement_goal_remove,
        name="agreement_goal_remove",
    ),
    path(f"{_A}people/add/", views.agreement_parent_add, name="agreement_parent_add"),
    path(f"{_A}review-date/", views.agreement_review_date, name="agreement_review_date"),
    path(f"{_A}sign/", views.agreement_sign, name="agreement_sign"),
    path(f"{_A}versions/<int:agreement_id>/", views.agreement_version, name="agreement_version"),
    path(f"{_A}versions/<int:agreement_id>/pdf/", views.agreement_pdf, name="agreement_pdf"),
    path("children/<int:child_id>/return-plan/", views.plans, name="plans"),
    path("children/<int:child_id>/return-plan/change/", views.return_plan_edit, name="return_plan_edit"),
    path("children/<int:child_id>/return-plan/stages/add/", views.stage_add, name="stage_add"),
    path(
        "children/<int:child_id>/return-plan/stages/<int:stage_id>/remove/",
        views.stage_remove,
        name="stage_remove",
    ),
    path("children/<int:child_id>/return-plan/support/", views.support_edit, name="support_edit"),
    path("children/<int:child_id>/return-plan/support/services/add/", views.service_add, name="service_add"),
]
