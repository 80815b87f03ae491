"""The two ways a view declares its access rule; each checks the policy and writes the audit event.

Every URL in Homeward is wrapped by one of these (or marked public); the generated role-by-page tests
walk the URL configuration and fail for a view that is not.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, Concatenate, Generic, ParamSpec, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Model
from django.http import HttpRequest
from django.http.response import HttpResponseBase

from homeward.access import audit
from homeward.access.models import AuditAction
from homeward.access.policy import Access, Capability, RecordAction, Section, access_to, has_capability

P = ParamSpec("P")
M = TypeVar("M", bound=Model)
POLICY_ATTR = "homeward_policy"
DONE_AS_ATTR = "homeward_done_as"  # what a successful request is audited as, if not a view or change
READ_ONLY_ACTIONS = frozenset({RecordAction.VIEW, RecordAction.VIEW_AUDIT})

RecordView = Callable[Concatenate[HttpRequest, M, Access, P], HttpResponseBase]


class RecordPages(Generic[M]):
    """The decorator for the pages of a child's record, made once for the record's model by the app that
    holds it (`homeward.children.decorators.child_record`), which stands on this one.

    `@child_record(action, what)`: a page of one child's record, `child_id` from the URL, checked for
    `action`, audited either way.

    The user's access to the child is worked out once and handed to the page (`Access`), which asks it
    rather than the policy again. A read is audited as a view (or as `done_as`, e.g. an export for a PDF
    download) before the page runs. A write is audited with its outcome, in one transaction with it: a
    change (or `done_as`, e.g. a creation) when it was saved (a redirect), a view when it was not (an
    invalid form, a conflict, a refusal). A refusal is audited as such and answered with the 403 page.
    """

    def __init__(self, model: type[M]) -> None:
        self.model = model

    def __call__(
        self,
        action: RecordAction,
        what: str,
        *,
        section: Section | None = None,
        done_as: AuditAction | None = None,
    ) -> Callable[[RecordView[M, P]], Callable[..., HttpResponseBase]]:
        model = self.model

        def decorator(view: RecordView[M, P]) -> Callable[..., HttpResponseBase]:
            @wraps(view)
            def wrapper(request: HttpRequest, child_id: int, *args: Any, **kwargs: Any) -> HttpResponseBase:
                child = model._default_manager.filter(pk=child_id).first()
                access = access_to(request.user, child).for_action(action, section)
                if child is None or not access.allowed:
                    audit.record(request, AuditAction.DENIED, f"{what} ({action.value})", child_id)
                    raise PermissionDenied(access.reason)
                # A POST to a page that only shows the record (e.g. an API read) changes nothing.
                writes = request.method not in ("GET", "HEAD", "OPTIONS") and action not in READ_ONLY_ACTIONS
                if not writes:
                    # A page that only shows the record may be a download (`done_as` export); a GET of a
                    # page that changes it only shows its form.
                    shown_as = done_as if done_as and action in READ_ONLY_ACTIONS else AuditAction.VIEW
                    audit.record(request, shown_as, what, child.pk)
                    return view(request, child, access, *args, **kwargs)
                with transaction.atomic():  # the change and its audit event stand or fall together
                    response = view(request, child, access, *args, **kwargs)
                    # A page redirects after a save; an API write marks its response (`homeward_saved`).
                    saved = 300 <= response.status_code < 400 or getattr(response, "homeward_saved", False)
                    done = (done_as or AuditAction.CHANGE) if saved else AuditAction.VIEW
                    audit.record(request, done, what, child.pk)
                return response

            setattr(wrapper, POLICY_ATTR, ("record", action))
            setattr(wrapper, DONE_AS_ATTR, done_as)
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
