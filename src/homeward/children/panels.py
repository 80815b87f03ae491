"""Panels on the child's record, added by the later parts of the practice.

Each app registers its panel from its `AppConfig.ready` with an order (lower shows first), so the record
page never imports the apps that stand on it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

from homeward.access.policy import Access
from homeward.children.models import Child

# A panel returns (template name, context), or None to show nothing to this user for this child.
RecordPanel = Callable[[HttpRequest, Child, Access], tuple[str, dict[str, Any]] | None]

_PANELS: dict[RecordPanel, int] = {}

# A panel's context may carry, under this key, its lines for the summary at the top of the record
# (`selectors.at_a_glance`), worked out with the panel so nothing is computed twice.
GLANCE = "glance"


@dataclass(frozen=True)
class Glance:
    """One line of the summary at the top of the record: what it is about, and what matters now."""

    key: str  # "Open findings"
    value: str  # "3 gaps before D2, 2 cautions"
    tag: str = ""  # a word or two shown first as a GOV.UK tag, when the line needs attention
    colour: str = ""  # the tag's colour (`homeward.base.tags`)
    href: str = ""  # where the details are
    testid: str = ""


def register(panel: RecordPanel, *, order: int) -> None:
    """Add a panel to the record page; registering the same panel again only moves it."""
    _PANELS[panel] = order


def registered() -> list[RecordPanel]:
    return sorted(_PANELS, key=lambda panel: _PANELS[panel])


def shown(request: HttpRequest, child: Child, access: Access) -> dict[str, Any]:
    """The record page's panels for this user: their templates in order, and their context."""
    context: dict[str, Any] = {"record_panels": [], GLANCE: []}
    for panel in registered():
        result = panel(request, child, access)
        if result is not None:
            template, panel_context = result
            context["record_panels"].append(template)
            context[GLANCE].extend(panel_context.pop(GLANCE, []))
            context.update(panel_context)
    return context
