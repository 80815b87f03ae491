"""The two ways a view declares its access rule; each checks the policy and writes the audit event.

Every URL in Homeward is wrapped by one of these (or marked public); the generated role-by-page tests
walk the URL configuration and fail for a view that is not.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, Concatenate, ParamSpec

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.http.response import HttpResponseBase

from homeward.access import audit
from homeward.access.models import AuditAction
from homeward.access.policy import Capability, Decision, RecordAction, Section, decide, has_capability
from homeward.children.models import Child

P = ParamSpec("P")
POLICY_ATTR = "homeward_policy"
READ_ONLY_ACTIONS = frozenset({RecordAction.VIEW, RecordAction.VIEW_AUDIT})

RecordView = Callable[Concatenate[HttpRequest, Child, Decision, P], HttpResponseBase]


def child_record(
    action: RecordAction, what: str, *, section: Section | None = None
) -> Callable[[RecordView[P]], Callable[..., HttpResponseBase]]:
    """A page of one child's record: `child_id` from the URL, checked for `action`, audited either way.

    A GET of a page that is allowed is audited as a view; a POST as a change (or an addition when the
    view says so); a refusal is audited as such and answered with the 403 page. A page that belongs to
    one `section` of the record (e.g. the reunification assessment) is refused to users not shown it.
    """

    def decorator(view: RecordView[P]) -> Callable[..., HttpResponseBase]:
        @wraps(view)
        def wrapper(request: HttpRequest, child_id: int, *args: Any, **kwargs: Any) -> HttpResponseBase:
            child = Child.objects.filter(pk=child_id).first()
            decision = decide(request.user, action, child, section)
            if child is None or not decision.allowed:
                audit.record(request, AuditAction.DENIED, f"{what} ({action.value})", child_id)
                raise PermissionDenied(decision.reason)
            # Only an action that can change the record is audited as a change when POSTed; a POST to a
            # page that only shows it (e.g. an API read) changes nothing and is recorded as a view.
            writes = request.method not in ("GET", "HEAD", "OPTIONS") and action not in READ_ONLY_ACTIONS
            audit_action = AuditAction.CHANGE if writes else AuditAction.VIEW
            audit.record(request, audit_action, what, child.pk)
            return view(request, child, decision, *args, **kwargs)

        setattr(wrapper, POLICY_ATTR, ("record", action))
        return wrapper

    return decorator


def requires(
    capability: Capability,
) -> Callable[[Callable[..., HttpResponseBase]], Callable[..., HttpResponseBase]]:
    """A page that is not one child's record (caseload, dashboard): checked by role; refusals audited."""

    def decorator(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not has_capability(request.user, capability):
                audit.record(request, AuditAction.DENIED, f"page: {capability.value}")
                raise PermissionDenied("Your role does not give access to this page.")
            return view(request, *args, **kwargs)

        setattr(wrapper, POLICY_ATTR, ("capability", capability))
        return wrapper

    return decorator


def public(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """A page anyone may see (login, help). Marked so the URL walk knows it was a decision."""
    setattr(view, POLICY_ATTR, ("public", None))
    return view
