from django.urls import path

from homeward.moves import views

app_name = "moves"

_M = "children/<int:child_id>/moves/"

urlpatterns = [
    path(_M, views.moves, name="moves"),
    path(f"{_M}record/<str:kind>/", views.record, name="record"),
    path(f"{_M}<int:move_id>/correct/", views.correct, name="correct"),
    path(f"{_M}approve-return/", views.approve, name="approve"),
]
