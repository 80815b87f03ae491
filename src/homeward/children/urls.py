from django.urls import path

from homeward.children import views

app_name = "children"

urlpatterns = [
    path("caseload/", views.caseload, name="caseload"),
    path("children/<int:child_id>/", views.record, name="record"),
    path("children/<int:child_id>/family/add/", views.member_add, name="member_add"),
    path("children/<int:child_id>/family/<int:member_id>/change/", views.member_edit, name="member_edit"),
    path(
        "children/<int:child_id>/family/<int:member_id>/move-in/", views.membership_add, name="membership_add"
    ),
    path(
        "children/<int:child_id>/households/memberships/<int:membership_id>/move-out/",
        views.membership_end,
        name="membership_end",
    ),
    path("children/<int:child_id>/households/add/", views.household_add, name="household_add"),
    path("children/<int:child_id>/agencies/add/", views.agency_add, name="agency_add"),
    path("children/<int:child_id>/agencies/<int:involvement_id>/end/", views.agency_end, name="agency_end"),
    path("children/<int:child_id>/audit/", views.audit_trail, name="audit"),
]
