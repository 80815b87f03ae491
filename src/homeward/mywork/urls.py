from django.urls import path

from homeward.mywork import views

app_name = "mywork"

urlpatterns = [
    path("my-work/", views.my_work, name="start"),
]
