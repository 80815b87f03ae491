from django.urls import URLPattern, URLResolver, path

from homeward.casedata import views

app_name = "casedata"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.upload, name="upload"),
    path("check/<slug:upload_token>/", views.check, name="check"),
]
