"""The API's URLs: django-ninja's routes, each wrapped in the access decorators the pages use.

Ninja builds one Django view per path; here each is wrapped so that the one policy is asked and the
audit written (and the `homeward_policy` mark set, which the generated role × page test checks), just
as for a page. A refusal is the ordinary 403 page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponseBase
from django.urls import URLPattern, URLResolver, path

from homeward.access.decorators import requires
from homeward.access.policy import Access, Capability, RecordAction, Section
from homeward.api.endpoints import api
from homeward.children.decorators import child_record
from homeward.children.models import Child

app_name = "api"

View = Callable[..., HttpResponseBase]


def _record(view: View) -> View:
    @child_record(RecordAction.VIEW, "API: framework evaluation", section=Section.REUNIFICATION)
    def wrapped(request: HttpRequest, child: Child, access: Access, **kwargs: Any) -> HttpResponseBase:
        return view(request, child_id=child.pk, **kwargs)

    return wrapped


# Who may call each route: the child's evaluation is part of the reunification section of the record;
# the stateless check and the schema are for any member of staff who works with children's records.
_GUARDS: dict[str, Callable[[View], View]] = {
    "framework_check": requires(Capability.CASELOAD),
    "child_evaluation": _record,
    "openapi-json": requires(Capability.CASELOAD),
    # Ninja's root: only there so the schema can name the API's path; it answers 404 (no docs page).
    "api-root": requires(Capability.CASELOAD),
}


def _guarded(patterns: list[URLPattern | URLResolver]) -> list[URLPattern | URLResolver]:
    result: list[URLPattern | URLResolver] = []
    for pattern in patterns:
        if not isinstance(pattern, URLPattern):
            continue
        guard = _GUARDS[pattern.name or ""]  # a new route without a guard fails here, at start-up
        result.append(path(str(pattern.pattern), guard(pattern.callback), name=pattern.name or ""))
    return result


urlpatterns = _guarded(api.urls[0])
