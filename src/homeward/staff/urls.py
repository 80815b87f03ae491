from django.urls import URLPattern, URLResolver, path

from homeward.staff import token_views, views

app_name = "staff"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.staff_list, name="list"),
    path("add/", views.account_add, name="add"),
    path("<int:account_id>/", views.account, name="account"),
    path("<int:account_id>/change/", views.account_change, name="change"),
    path("<int:account_id>/password/", views.account_password, name="password"),
    path("<int:account_id>/unlock/", views.account_unlock, name="unlock"),
    path("<int:account_id>/two-factor/reset/", views.two_factor_reset, name="two_factor_reset"),
    path("two-factor/", views.own_two_factor, name="two_factor"),
    path("two-factor/recovery-codes/", views.new_recovery_codes, name="recovery_codes"),
    path("teams/", views.teams, name="teams"),
    path("teams/add/", views.team_add, name="team_add"),
    path("agencies/", views.agencies, name="agencies"),
    path("agencies/add/", views.agency_add, name="agency_add"),
    path("tokens/", token_views.tokens, name="tokens"),
    path("tokens/add/", token_views.token_add, name="token_add"),
    path("tokens/<int:token_id>/revoke/", token_views.token_revoke, name="token_revoke"),
]
