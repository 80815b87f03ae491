"""Django settings, read from the environment.

`DATABASE_URL` picks the database (PostgreSQL in production and CI); without it, an SQLite file
under var/ serves a single-machine try-out. `DEBUG` is off unless set (the demo sets it).
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

SRC_DIR = Path(__file__).resolve().parents[2]
REPO_DIR = SRC_DIR.parent
VAR_DIR = Path(os.environ.get("HOMEWARD_VAR_DIR", REPO_DIR / "var"))


def _env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = _env_bool("DEBUG")
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    # Fail closed: a built-in key would let anyone who reads this file forge sessions and signed links.
    # Only a development run (DEBUG) or an explicit opt-in for tests and benchmarks
    # (HOMEWARD_ALLOW_INSECURE_KEY, set by homeward.site.settings_for_tests) may run without one.
    if not (DEBUG or _env_bool("HOMEWARD_ALLOW_INSECURE_KEY")):
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Homeward will not start in production without a secret key: set "
            "SECRET_KEY in the environment to a long random value (for example the output of "
            "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`), or set DEBUG=1 for a "
            "development run on your own machine."
        )
    SECRET_KEY = "insecure-development-key-never-use-in-production-homeward"

ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()]

INSTALLED_APPS = [
    # Django's admin, read-only and for a superuser only; its pages are served only with HOMEWARD_ADMIN_SITE.
    "homeward.access.admin_apps.ReadOnlyAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_forms_gds",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "homeward.site",
    "homeward.base",
    "homeward.organisation",
    "homeward.access",
    "homeward.children",
    "homeward.assessments",
    "homeward.decisions",
    "homeward.plans",
    "homeward.notifications",
    "homeward.meetings",
    "homeward.monitoring",
    "homeward.moves",
    "homeward.outcomes",
    "homeward.casedata",
    "homeward.chronology",
    "homeward.api",
    "homeward.staff",
    "homeward.mywork",
    "homeward.subjectaccess",
    "homeward.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "homeward.site.middleware.SlidingSessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "homeward.site.middleware.NoStoreForSignedInMiddleware",
    "homeward.access.middleware.AuditedLoginRequiredMiddleware",
    "homeward.access.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "homeward.site.urls"
# Off unless set: accounts are managed in Homeward's staff pages, which keep the rules and the audit trail.
HOMEWARD_ADMIN_SITE = _env_bool("HOMEWARD_ADMIN_SITE")
WSGI_APPLICATION = "homeward.site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "homeward.access.context_processors.access",
            ],
        },
    },
]

if not os.environ.get("DATABASE_URL"):
    VAR_DIR.mkdir(parents=True, exist_ok=True)  # the embedded SQLite database lives here
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'homeward.sqlite3'}",
        # Persistent connections (checked before reuse), so a request does not open a new one.
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "600")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# A password reset link (emailed through the outbox) works once, and for an hour unless set otherwise.
PASSWORD_RESET_TIMEOUT = int(os.environ.get("PASSWORD_RESET_TIMEOUT_SECONDS", str(60 * 60)))
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Lock out after repeated failed sign-ins, counted per account (from any address) and per address (to any
# account), each on its own; an address is shared by an office, so it has a higher limit
# (homeward.access.lockout). An administrator unlocks from Manage staff.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_ADDRESS_FAILURE_LIMIT = int(os.environ.get("AXES_ADDRESS_FAILURE_LIMIT", "20"))
AXES_COOLOFF_TIME = 1  # hours
AXES_HANDLER = "homeward.access.lockout.SignInLockout"
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# A wrong sign-in code is stored with the failed attempt like a wrong password: masked.
AXES_SENSITIVE_PARAMETERS = ["password", "code"]

# Two-factor sign-in (homeward.access.twofactor): administrators and team managers always; the roles named
# here too (comma-separated role names, e.g. "social_worker,iro", or "all").
HOMEWARD_TWO_FACTOR_ROLES = [
    r.strip() for r in os.environ.get("HOMEWARD_TWO_FACTOR_ROLES", "").split(",") if r.strip()
]
OTP_TOTP_ISSUER = "Homeward"  # the name the authenticator app shows beside the codes

# Sessions end after 30 minutes without activity, and when the browser closes.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_TIMEOUT_SECONDS", str(30 * 60)))
# The timeout slides from the last request, refreshed at most once a minute (homeward.site.middleware).
SESSION_SAVE_EVERY_REQUEST = False
SESSION_REFRESH_SECONDS = int(os.environ.get("SESSION_REFRESH_SECONDS", "60"))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = _env_bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# HTTPS only, outside development. HSTS tells browsers to refuse plain HTTP for a year
# (HSTS_SECONDS=0 turns it off, e.g. while first trying HTTPS on a new host).
SECURE_HSTS_SECONDS = int(os.environ.get("HSTS_SECONDS", "0" if DEBUG else str(365 * 24 * 60 * 60)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = _env_bool("HSTS_INCLUDE_SUBDOMAINS", default=True)
# The preload flag only permits submitting the domain to browsers' preload list; it submits nothing.
SECURE_HSTS_PRELOAD = _env_bool("HSTS_PRELOAD", default=True)
SECURE_SSL_REDIRECT = _env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
# Behind a reverse proxy that ends TLS (BEHIND_PROXY=1), trust its X-Forwarded-Proto header to say the
# request came over HTTPS. Set it only when the proxy always sets (or strips) that header.
if _env_bool("BEHIND_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = _env_bool("USE_X_FORWARDED_HOST")

# Content-Security-Policy (django-csp): scripts only from Homeward's own static files, never inline, so
# injected markup cannot run. Styles also allow inline style attributes, which the SVG charts drawn on
# the server carry; nothing is loaded from another site, and no page may be framed.
_SELF = "'self'"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [_SELF],
        "script-src": [_SELF],
        "style-src": [_SELF, "'unsafe-inline'"],
        "img-src": [_SELF, "data:"],
        "font-src": [_SELF],
        "connect-src": [_SELF],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": [_SELF],
        "frame-ancestors": ["'none'"],
    },
}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "d/m/Y"

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [
    ("homeward", REPO_DIR / "static-build" / "homeward"),
    ("govuk", REPO_DIR / "node_modules" / "govuk-frontend" / "dist" / "govuk"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# The API refuses a larger body (413) before parsing it (`homeward.api.problems`).
API_MAX_BODY_BYTES = int(os.environ.get("API_MAX_BODY_BYTES", "1000000"))

# Email leaves only through the outbox worker (`python -m homeward worker`); the console backend prints
# it, for the demo and development. In production set EMAIL_BACKEND (e.g. SMTP) and Django's EMAIL_HOST.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "homeward@example.invalid")
# The address emails link to (a link to a page in Homeward, never the case file).
HOMEWARD_SITE_URL = os.environ.get("HOMEWARD_SITE_URL", "http://127.0.0.1:8000")
HOMEWARD_EMAIL_SIGNATURE = os.environ.get("HOMEWARD_EMAIL_SIGNATURE", "Children's services")
# The authority's out-of-hours (emergency duty) number, printed on the written agreement a family keeps.
# The demo's is in Ofcom's range for drama (01632 960xxx), which no real line uses.
HOMEWARD_OUT_OF_HOURS_PHONE = os.environ.get("HOMEWARD_OUT_OF_HOURS_PHONE", "01632 960999" if DEBUG else "")
# Where people report an accessibility problem or ask for another format (the accessibility statement),
# and in how many working days they hear back. The demo's are made up (example.invalid, Ofcom's drama range).
HOMEWARD_ACCESSIBILITY_EMAIL = os.environ.get(
    "HOMEWARD_ACCESSIBILITY_EMAIL", "accessibility@example.invalid" if DEBUG else ""
)
HOMEWARD_ACCESSIBILITY_PHONE = os.environ.get("HOMEWARD_ACCESSIBILITY_PHONE", "01632 960998" if DEBUG else "")
HOMEWARD_ACCESSIBILITY_RESPONSE_DAYS = int(os.environ.get("HOMEWARD_ACCESSIBILITY_RESPONSE_DAYS", "5"))

# 903 uploads (homeward.outcomes.services): the largest file and the largest import accepted, and the
# most the staging area may hold, in megabytes; staged files (dates of birth, UPNs) are deleted on import
# or by the worker once this many hours old.
HOMEWARD_903_MAX_FILE_MB = int(os.environ.get("HOMEWARD_903_MAX_FILE_MB", "50"))
HOMEWARD_903_MAX_IMPORT_MB = int(os.environ.get("HOMEWARD_903_MAX_IMPORT_MB", "200"))
HOMEWARD_903_STAGING_MAX_MB = int(os.environ.get("HOMEWARD_903_STAGING_MAX_MB", "1000"))
HOMEWARD_903_STAGING_HOURS = int(os.environ.get("HOMEWARD_903_STAGING_HOURS", "24"))
# How long a child's record is kept: until their 75th birthday (the retention commonly set for the records
# of looked-after children); a family member's for as long as the longest of their children's. Homeward
# lists the records past it for a person to decide, and never deletes them itself.
HOMEWARD_RETENTION_AGE = int(os.environ.get("HOMEWARD_RETENTION_AGE", "75"))

SERVICE_NAME = "Homeward"
SERVICE_PHASE = "beta"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Monitoring after a return (homeward.monitoring.conf reads these; unset, its defaults apply).
for _name in (
    "MONITORING_MONTHS",
    "MONITORING_VISIT_WEEKS_AFTER_RETURN",
    "MONITORING_SEEN_ALONE_VISITS",
    "MONITORING_MISSED_APPOINTMENTS",
    "MONITORING_MISSED_OUT_OF",
    "MONITORING_REVIEW_MONTHS",
    "MONITORING_ACKNOWLEDGE_DAYS",
):
    if os.environ.get(_name):
        globals()[_name] = int(os.environ[_name])
