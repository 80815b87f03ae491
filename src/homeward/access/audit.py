"""The one audit writer and the one reader. Every read, list, export and write of a child's record, and
every refusal, is written here (`record`), from the access decorators, the login check, the services
that act outside a page (a 903 export from the command line) and the pages that list children."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import HttpRequest

from homeward.access import chain
from homeward.access.models import AuditAction, AuditEvent, AuditListing
from homeward.access.policy import role_of


def client_ip(request: HttpRequest) -> str | None:
    # Behind a trusted proxy, set the real address there; REMOTE_ADDR is what Django can vouch for.
    return request.META.get("REMOTE_ADDR") or None


@dataclass(frozen=True)
class CommandLine:
    """Who acted when there is no request: a person at the command line (`who`), and on what (`path`)."""

    who: str
    path: str = ""


def _source_fields(source: HttpRequest | CommandLine) -> dict[str, Any]:
    if isinstance(source, CommandLine):
        return {
            "user": None,
            "username": source.who[:150],
            "role": "",
            "path": source.path[:500],
            "method": "CLI",
        }
    user = source.user if source.user.is_authenticated else None
    return {
        "user": user,
        "username": source.user.get_username() if user else "(anonymous)",
        "role": role_of(source.user) or "",
        "path": source.get_full_path()[:500],
        "method": source.method or "",
        "ip_address": client_ip(source),
        "user_agent": source.META.get("HTTP_USER_AGENT", "")[:300],
    }


def record(
    source: HttpRequest | CommandLine,
    action: AuditAction,
    what: str,
    child_id: int | None = None,
    *,
    children_shown: Iterable[int] = (),
) -> AuditEvent:
    """Write one audit event. A listing (`AuditAction.LIST`) names every child it showed."""
    fields = _source_fields(source)
    event = AuditEvent(child_id=child_id, action=action, what=what[:200], **fields)
    with transaction.atomic():
        chain.append(event, sorted(set(children_shown)))
    return event


def record_each(
    source: HttpRequest | CommandLine, action: AuditAction, events: Iterable[tuple[int, str]]
) -> int:
    """One audit event per child (`(child_id, what)`), written together: a bulk change (a case-data
    sync) is audited against every child it changed without a query per child."""
    fields = _source_fields(source)
    rows = [AuditEvent(child_id=c, action=action, what=what[:200], **fields) for c, what in events]
    with transaction.atomic():
        chain.append_many(rows)
    return len(rows)


def trail(child_id: int, limit: int = 500) -> QuerySet[AuditEvent]:
    """Who did what to this child's record, newest first: events about it, and listings that showed it."""
    listed = AuditListing.objects.filter(child_id=child_id).values("event_id")
    return (
        AuditEvent.objects.filter(Q(child_id=child_id) | Q(pk__in=listed))
        .select_related("user")
        .order_by("-at", "-id")[:limit]
    )


def events(**filters: object) -> QuerySet[AuditEvent]:
    """Audit events matching `filters` (e.g. `action=`, `user=`), newest first: for the admin and tests."""
    return AuditEvent.objects.filter(**filters).order_by("-at", "-id")
