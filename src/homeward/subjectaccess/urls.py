from django.urls import URLPattern, URLResolver, path

from homeward.subjectaccess import views

app_name = "subjectaccess"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.search, name="search"),
    path("children/<int:subject_id>.json", views.child_json, name="child_json"),
    path("children/<int:subject_id>.pdf", views.child_pdf, name="child_pdf"),
    path("family/<int:family_member_id>.json", views.person_json, name="person_json"),
    path("family/<int:family_member_id>.pdf", views.person_pdf, name="person_pdf"),
    path("retention/", views.retention, name="retention"),
    path("retention.csv", views.retention_csv, name="retention_csv"),
]
