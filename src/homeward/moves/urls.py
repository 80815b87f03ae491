from django.urls import URLPattern

app_name = "moves"

urlpatterns: list[URLPattern] = []
