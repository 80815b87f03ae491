from django.urls import URLPattern, URLResolver, path

from homeward.plans.views import agreement, agreement_parts, return_plan

app_name = "plans"

_A = "children/<int:child_id>/agreement/"

urlpatterns: list[URLPattern | URLResolver] = [
    path(_A, agreement.agreement, name="agreement"),
    path(f"{_A}start/", agreement.agreement_start, name="agreement_start"),
    path(f"{_A}parts/<int:section_id>/", agreement_parts.agreement_section, name="agreement_section"),
    path(f"{_A}goals/add/", agreement_parts.agreement_goal_add, name="agreement_goal_add"),
    path(
        f"{_A}goals/<int:agreement_goal_id>/remove/",
        agreement_parts.agreement_goal_remove,
        name="agreement_goal_remove",
    ),
    path(f"{_A}people/add/", agreement_parts.agreement_parent_add, name="agreement_parent_add"),
    path(f"{_A}review-date/", agreement.agreement_review_date, name="agreement_review_date"),
    path(f"{_A}sign/", agreement.agreement_sign, name="agreement_sign"),
    path(f"{_A}versions/<int:agreement_id>/", agreement.agreement_version, name="agreement_version"),
    path(f"{_A}versions/<int:agreement_id>/pdf/", agreement.agreement_pdf, name="agreement_pdf"),
    path("children/<int:child_id>/return-plan/", return_plan.plans, name="plans"),
    path(
        "children/<int:child_id>/return-plan/change/", return_plan.return_plan_edit, name="return_plan_edit"
    ),
    path("children/<int:child_id>/return-plan/stages/add/", return_plan.stage_add, name="stage_add"),
    path(
        "children/<int:child_id>/return-plan/stages/<int:stage_id>/remove/",
        return_plan.stage_remove,
        name="stage_remove",
    ),
    path("children/<int:child_id>/return-plan/support/", return_plan.support_edit, name="support_edit"),
    path(
        "children/<int:child_id>/return-plan/support/services/add/",
        return_plan.service_add,
        name="service_add",
    ),
]
