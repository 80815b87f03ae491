"""The "Who has been told" panel on the child's record: the sharing log (registered in
`NotificationsConfig.ready`)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from homeward.access.policy import Access, RecordAction
from homeward.children.models import Child
from homeward.notifications import selectors


def sharing_panel(request: HttpRequest, child: Child, access: Access) -> tuple[str, dict[str, Any]] | None:
    if not access.can(RecordAction.VIEW):
        return None
    panel = {
        "changes": selectors.by_change(selectors.sharing_log(child, request.user)),
        # Only those who see the whole record are told which agencies cannot be emailed.
        "no_contact": (
            selectors.agencies_without_contact(child, timezone.localdate())
            if access.can(RecordAction.EDIT)
            else []
        ),
    }
    return "notifications/_record_panel.html", {"sharing_panel": panel}
