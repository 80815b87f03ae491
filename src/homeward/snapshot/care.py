"""The care history and legal status part of the snapshot."""

from __future__ import annotations

from datetime import date

from homeward.children.models import Child
from homeward.children.selectors import history_of
from homeward.framework import snapshot as fw


def care_history(child: Child, as_of: date) -> tuple[fw.CareHistory, str]:
    """The framework's care history and legal status on `as_of`, from the one definition: what had
    not happened by `as_of` (a later return home, a later episode) is not in it."""
    history = history_of(child, list(child.episodes.order_by("decom", "id")), as_of)
    return fw.CareHistory.from_903(history), history.last_legal_status or ""
