from django.urls import URLPattern, URLResolver, path

from homeward.outcomes import views

app_name = "outcomes"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.dashboard, name="dashboard"),
    path("tables/<slug:table_key>.csv", views.table_csv, name="table_csv"),
    path("imports/", views.imports, name="imports"),
    path("imports/upload/", views.upload, name="upload"),
    path("imports/<int:import_id>/withdraw/", views.withdraw, name="withdraw"),
    path("imports/check/<slug:upload_token>/", views.report, name="report"),
    path("imports/check/<slug:upload_token>/report.csv", views.report_csv, name="report_csv"),
]
