"""Children Homeward holds whom the case system's extract no longer does: never deleted, listed until a
person decides (and again if they drop out of a later extract after coming back)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from homeward.base.concurrency import EditVersioned
from homeward.children.models import Child


class MissingDecision(models.TextChoices):
    KEEP = "keep", "Left the case system on purpose: keep the record in Homeward"
    CORRECT_EXTRACT = (
        "correct_extract",
        "Should still be in the case system: ask for the case system or its extract to be corrected",
    )


class MissingFromExtract(EditVersioned):
    """A child in Homeward but not in the last synced extract (a real sync, not a dry run)."""

    child = models.OneToOneField(Child, on_delete=models.CASCADE, related_name="missing_from_extract")
    first_missing_at = models.DateTimeField(help_text="The first sync whose extract did not hold the child")
    last_missing_at = models.DateTimeField(help_text="The latest sync whose extract did not hold the child")
    # Set when a later extract holds the child again: no longer listed.
    back_in_extract_at = models.DateTimeField(null=True, blank=True)
    decision = models.CharField(max_length=20, choices=MissingDecision.choices, blank=True)
    reason = models.TextField("Why", max_length=2000, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by_name = models.CharField(max_length=200, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "child not in the case system's extract"
        verbose_name_plural = "children not in the case system's extract"

    def __str__(self) -> str:
        return f"CHILD {self.child.la_child_id}: not in the extract since {self.first_missing_at:%d/%m/%Y}"
