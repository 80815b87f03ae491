"""The notifications pages: the signed-in user's notifications, and acknowledging one."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from homeward.access import audit
from homeward.access.decorators import requires
from homeward.access.models import AuditAction
from homeward.access.policy import Access, Capability, RecordAction
from homeward.base.pages import form_page, posted
from homeward.children.decorators import child_record
from homeward.children.models import Child
from homeward.notifications import selectors, services
from homeward.notifications.forms import AcknowledgeForm


@require_safe
@requires(Capability.CASELOAD)
def mine(request: HttpRequest) -> HttpResponse:
    notifications = selectors.for_user(request.user)
    # Names of children are shown, so the listing is audited like the caseload.
    audit.record(
        request, AuditAction.LIST, "notifications", children_shown=sorted({n.child_id for n in notifications})
    )
    context = {
        "notifications": notifications,
        "waiting": sum(1 for n in notifications if not n.is_acknowledged),
        "visible": selectors.children_still_visible(request.user, notifications),
    }
    return render(request, "notifications/mine.html", context)


@child_record(RecordAction.ACKNOWLEDGE, "notification: acknowledge")
def acknowledge(request: HttpRequest, child: Child, access: Access, notification_id: int) -> HttpResponseBase:
    notification = selectors.notification_for(request.user, child, notification_id)

    def save(data: dict[str, Any]) -> str:
        services.acknowledge(notification, request.user)  # type: ignore[arg-type]
        return "Notification acknowledged."

    return form_page(
        request,
        AcknowledgeForm(posted(request)),
        save,
        title="Acknowledge the notification",
        submit="Acknowledge",
        back=reverse("notifications:mine"),
        back_text="Back to your notifications",
        caption=child.full_name,
        intro=f"{notification.happened_on:%-d %B %Y}: {notification.summary} "
        + (
            f"You acknowledged this on {timezone.localtime(notification.acknowledged_at):%-d %B %Y}."
            if notification.acknowledged_at
            else "Acknowledging it tells the child's social worker that you have read it."
        ),
    )
