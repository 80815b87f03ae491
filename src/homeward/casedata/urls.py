from django.urls import URLPattern, URLResolver, path

from homeward.casedata import views

app_name = "casedata"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.upload, name="upload"),
    path("check/<slug:upload_token>/", views.check, name="check"),
    path("missing/", views.missing, name="missing"),
    path("missing/<int:missing_id>/", views.decide, name="decide"),
]
