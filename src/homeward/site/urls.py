from django.conf import settings
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from homeward.api.urls import first_version as api_first_version
from homeward.site import two_factor, views

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.home, name="home"),
    path("login/", views.login, name="login"),
    path("logout/", views.logout, name="logout"),
    path("sign-in/code/", two_factor.enter_code, name="two_factor"),
    path("sign-in/recovery-code/", two_factor.enter_recovery_code, name="two_factor_recovery"),
    path("sign-in/set-up/", two_factor.set_up, name="two_factor_set_up"),
    path("sign-in/recovery-codes/", two_factor.new_recovery_codes, name="recovery_codes_new"),
    path("password-reset/", views.password_reset, name="password_reset"),
    path("password-reset/sent/", views.password_reset_done, name="password_reset_done"),
    path("password-reset/<uidb64>/<token>/", views.password_reset_confirm, name="password_reset_confirm"),
    path("password-reset/done/", views.password_reset_complete, name="password_reset_complete"),
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
    path("", include("homeward.chronology.urls")),
    path("outcomes/", include("homeward.outcomes.urls")),
    path("case-data/", include("homeward.casedata.urls")),
    path("api/v1/", include("homeward.api.urls")),
    path("api/", include(api_first_version)),
    path("staff/", include("homeward.staff.urls")),
    path("subject-access/", include("homeward.subjectaccess.urls")),
    # Django's admin only when switched on, and then read-only (homeward.access.admin_site).
] + ([path("admin/", admin.site.urls)] if settings.HOMEWARD_ADMIN_SITE else [])

handler403 = "homeward.site.views.permission_denied"
handler404 = "homeward.site.views.page_not_found"
handler500 = "homeward.site.views.server_error"
