"""The API's URLs: django-ninja's routes, each authenticated and wrapped in the access decorators the
pages use.

Ninja builds one Django view per path; here each is wrapped, outermost first, so that:

1. a body over the size limit, or nested too deep, is refused before anything parses it (413, 400); the
   sync's files have their own limit (`sync_body_limit`);
2. the caller is authenticated: a bearer token (`api.v1.BearerToken`, with the scope the route needs)
   or the browser's session; neither is a 401 (not a redirect to the sign-in page);
3. the one policy is asked and the audit written (and the `homeward_policy` mark set, which the
   generated role × page test checks), just as for a page; a refusal is a 403 problem detail.

The first version's paths under /api/ (before /api/v1/) answer a permanent redirect (308, which keeps
the method and body) to the same operation under /api/v1/.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponseBase, HttpResponsePermanentRedirect
from django.urls import URLPattern, URLResolver, path
from django.views.decorators.csrf import csrf_exempt

from homeward.access import audit
from homeward.access.decorators import POLICY_ATTR, public, requires
from homeward.access.models import ApiScope, AuditAction
from homeward.access.policy import Access, Capability, RecordAction, Section
from homeward.access.tokens import TokenRefused
from homeward.api import docs
from homeward.api.problems import CONTENT_TYPE, problem, refuse_body
from homeward.api.v1 import SCOPE_ATTR, api, bearer
from homeward.base.uploads import MB, megabytes
from homeward.children.decorators import child_record
from homeward.children.models import Child

app_name = "api_v1"

View = Callable[..., HttpResponseBase]
Guard = Callable[[View], View]


def _record(action: RecordAction, what: str, section: Section) -> Guard:
    def guard(view: View) -> View:
        @child_record(action, f"API: {what}", section=section)
        def wrapped(request: HttpRequest, child: Child, access: Access, **kwargs: Any) -> HttpResponseBase:
            response = view(request, child_id=child.pk, **kwargs)
            # The decorator audits a write as a change when it succeeded (a page redirects, the API 201s).
            response.homeward_saved = response.status_code in (200, 201)  # type: ignore[attr-defined]
            return response

        return wrapped

    return guard


def _read(what: str, section: Section) -> Guard:
    return _record(RecordAction.VIEW, what, section)


STAFF = requires(Capability.CASELOAD)

# Each route: who may call it (the pages' rule for the same part of the record) and the token scope.
_GUARDS: dict[str, tuple[Guard, ApiScope]] = {
    # The list is filtered by the policy (`visible_children`) and audited as a listing by the endpoint.
    "children": (STAFF, ApiScope.READ),
    "episodes": (_read("episodes", Section.EPISODES), ApiScope.READ),
    "network": (_read("family and household network", Section.FAMILY), ApiScope.READ),
    "agencies": (_read("agencies involved", Section.AGENCIES), ApiScope.READ),
    "assessment": (_read("assessment snapshot", Section.REUNIFICATION), ApiScope.READ),
    "decisions": (_read("decisions", Section.REUNIFICATION), ApiScope.READ),
    "evaluation": (_read("framework evaluation", Section.REUNIFICATION), ApiScope.READ),
    "plans": (_read("plans", Section.REUNIFICATION), ApiScope.READ),
    "monitoring": (_read("monitoring and alerts", Section.REUNIFICATION), ApiScope.READ),
    "record_move": (_record(RecordAction.EDIT, "record a move", Section.REUNIFICATION), ApiScope.WRITE),
    # The data officer's sync: no child's record is opened; the service audits every child it changes.
    "sync": (requires(Capability.SYNC_CASE_DATA), ApiScope.SYNC),
    # The stateless check reads no record: for staff who work with children's records.
    "framework_check": (STAFF, ApiScope.READ),
    "openapi-json": (STAFF, ApiScope.READ),
    # Ninja's root: only there so the schema can name the API's path; it answers 404.
    "api-root": (STAFF, ApiScope.READ),
}


def sync_body_limit() -> int:
    """The sync's own body limit: all the files of one import (HOMEWARD_903_MAX_IMPORT_MB, as on the
    pages) and a megabyte for the multipart framing and the other fields."""
    return megabytes("HOMEWARD_903_MAX_IMPORT_MB", 200) + MB


# Routes whose body is not the API's usual JSON, with their own limit (checked before reading).
_BODY_LIMITS: dict[str, Callable[[], int]] = {"sync": sync_body_limit}


def _authenticated(view: View, scope: ApiScope, name: str) -> View:
    """Refuse a body that must not be parsed, authenticate the caller, then run the guarded view,
    answering a refusal as a problem detail."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        own_limit = _BODY_LIMITS.get(name)
        refused = refuse_body(request, own_limit() if own_limit else None)
        if refused is not None:
            return refused
        setattr(request, SCOPE_ATTR, scope)
        if request.headers.get("Authorization"):
            try:
                if bearer(request) is None:
                    raise TokenRefused(401, "The Authorization header must be: Bearer <token>.")
            except TokenRefused as error:
                audit.record(
                    request, AuditAction.DENIED, f"API token refused: {name}", kwargs.get("child_id")
                )
                return problem(error.status, error.reason, headers={"WWW-Authenticate": "Bearer"})
        elif not request.user.is_authenticated:
            audit.record(request, AuditAction.DENIED, f"not signed in: api_v1:{name}", kwargs.get("child_id"))
            return problem(
                401,
                "Send an API token: Authorization: Bearer <token>.",
                headers={"WWW-Authenticate": "Bearer"},
            )
        try:
            response = view(request, *args, **kwargs)
        except PermissionDenied as error:
            return problem(403, str(error) or "Not allowed.")
        except Http404 as error:
            return problem(404, str(error) or "Not found.")
        if response.status_code >= 400 and response.get("Content-Type") != CONTENT_TYPE:
            # Ninja's own answers outside its exception handlers (a method the path does not take).
            detail = {405: f"{request.method} is not allowed here.", 404: "Nothing is at this address."}
            refused = problem(response.status_code, detail.get(response.status_code, "Refused."))
            if "Allow" in response:
                refused["Allow"] = response["Allow"]
            return refused
        return response

    setattr(wrapper, POLICY_ATTR, getattr(view, POLICY_ATTR))
    # Sign-in is this wrapper's to check (a 401, not the sign-in page); ninja checks CSRF for a session.
    return csrf_exempt(login_not_required(wrapper))


def _guarded(patterns: list[URLPattern | URLResolver]) -> list[URLPattern | URLResolver]:
    result: list[URLPattern | URLResolver] = []
    for pattern in patterns:
        if not isinstance(pattern, URLPattern):
            continue
        name = pattern.name or ""
        guard, scope = _GUARDS[name]  # a new route without a guard fails here, at start-up
        view = _authenticated(guard(pattern.callback), scope, name)
        result.append(path(str(pattern.pattern), view, name=name))
    return result


@public
@login_not_required
@csrf_exempt
def not_found(request: HttpRequest, rest: str) -> HttpResponseBase:
    """Any other address under the API: a problem detail, not the site's 404 page."""
    return problem(404, "There is no operation at this address; see /api/v1/openapi.json.")


urlpatterns = [
    *_guarded(api.urls[0]),
    # For everyone the footer links it to (all who may make a token: the data officer's sync included).
    path("docs", requires(Capability.API_TOKENS)(docs.docs_page), name="docs"),
    path("<path:rest>", not_found, name="not_found"),  # last: only what nothing else answered
]


def _moved(to: str) -> View:
    @public
    @login_not_required
    @csrf_exempt
    def redirect(request: HttpRequest, **kwargs: Any) -> HttpResponseBase:
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(
            to.format(**kwargs) + (f"?{query}" if query else ""), preserve_request=True
        )

    return redirect


# The first API's paths, before it was versioned (POST is kept through the 308).
first_version = (
    [
        path("framework/check", _moved("/api/v1/framework/check"), name="framework_check"),
        path(
            "children/<int:child_id>/evaluation",
            _moved("/api/v1/children/{child_id}/evaluation"),
            name="child_evaluation",
        ),
        path("openapi.json", _moved("/api/v1/openapi.json"), name="openapi-json"),
    ],
    "api",
)
