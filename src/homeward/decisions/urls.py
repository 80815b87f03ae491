from django.urls import path

from homeward.decisions import views

app_name = "decisions"

urlpatterns = [
    path("children/<int:child_id>/decisions/", views.decision_list, name="list"),
    path("children/<int:child_id>/decisions/<str:gate>/propose/", views.propose, name="propose"),
    path("children/<int:child_id>/decisions/<int:decision_id>/", views.detail, name="detail"),
    path("children/<int:child_id>/decisions/<int:decision_id>/review/", views.review, name="review"),
    path("children/<int:child_id>/decisions/<int:decision_id>/challenge/", views.challenge, name="challenge"),
    path(
        "children/<int:child_id>/challenges/<int:challenge_id>/answer/",
        views.challenge_answer,
        name="challenge_answer",
    ),
]
