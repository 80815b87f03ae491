from django.contrib import admin
from django.urls import include, path

from homeward.api.urls import first_version as api_first_version
from homeward.site import views

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.login, name="login"),
    path("logout/", views.logout, name="logout"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("rules/", views.rules, name="rules"),
    path("rules/protocol/", views.reunification_protocol, name="protocol"),
    path("rules/protocol.pdf", views.reunification_protocol_pdf, name="protocol_pdf"),
    path("", include("homeward.children.urls")),
    path("", include("homeward.assessments.urls")),
    path("", include("homeward.decisions.urls")),
    path("", include("homeward.plans.urls")),
    path("", include("homeward.notifications.urls")),
    path("", include("homeward.meetings.urls")),
    path("", include("homeward.monitoring.urls")),
    path("", include("homeward.moves.urls")),
    path("", include("homeward.mywork.urls")),
    path("outcomes/", include("homeward.outcomes.urls")),
    path("api/v1/", include("homeward.api.urls")),
    path("api/", include(api_first_version)),
    path("staff/", include("homeward.staff.urls")),
    path("admin/", admin.site.urls),
]

handler403 = "homeward.site.views.permission_denied"
handler404 = "homeward.site.views.page_not_found"
handler500 = "homeward.site.views.server_error"
