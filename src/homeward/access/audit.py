"""Writing the audit trail. Called only from the access decorators, where the policy is checked."""

from __future__ import annotations

from django.http import HttpRequest

from homeward.access.models import AuditAction, AuditEvent
from homeward.access.policy import role_of


def client_ip(request: HttpRequest) -> str | None:
    # Behind a trusted proxy, set the real address there; REMOTE_ADDR is what Django can vouch for.
    return request.META.get("REMOTE_ADDR") or None


def record(request: HttpRequest, action: AuditAction, what: str, child_id: int | None = None) -> AuditEvent:
    user = request.user if request.user.is_authenticated else None
    return AuditEvent.objects.create(
        user=user,
        username=request.user.get_username() if user else "(anonymous)",
        role=role_of(request.user) or "",
        child_id=child_id,
        action=action,
        what=what[:200],
        path=request.get_full_path()[:500],
        method=request.method or "",
        ip_address=client_ip(request),
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:300],
    )
