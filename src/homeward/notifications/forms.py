"""The notifications' forms."""

from __future__ import annotations

from homeward.base.forms import GovUKForm


class AcknowledgeForm(GovUKForm):
    """A button with nothing to fill in: "I have read this"."""
