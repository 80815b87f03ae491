"""Optimistic concurrency: a change saved from a stale form is refused, never written over another's.

Every record a person edits through a form is `EditVersioned`: it carries `edit_version`, raised by one
on each save. A form is drawn with the version it shows; the service changing the record calls
`claim_edit(record, expected_version)` in its transaction, which raises the version only if it is still
the one the form showed (one UPDATE … WHERE, so two saves at once cannot both win) and otherwise raises
`EditConflict`, so the service saves nothing. `expected_version=None` is for callers that are not
replaying a form (the demo, an import): they take the next version without a check.
"""

from __future__ import annotations

from typing import Any

from django.db import models


class EditConflict(Exception):
    """Someone else saved this record after the form was drawn."""

    def __init__(self, record: models.Model | None = None) -> None:
        super().__init__("This record was changed by someone else after you opened the form.")
        self.record = record


class EditVersioned(models.Model):
    edit_version = models.PositiveIntegerField(
        default=1,
        editable=False,
        help_text="Raised by one on every save; a form saved from an older one is refused.",
    )

    class Meta:
        abstract = True


def claim_edit(record: Any, expected_version: int | None) -> None:
    """Take the next edit version of stored `record`, or raise `EditConflict` if it is no longer
    `expected_version`. Call it inside the service's transaction, before saving the change."""
    # The version is raised by an UPDATE, which would pass by the signed-record guard in save().
    guard = getattr(record, "refuse_change_if_signed", None)
    if guard is not None:
        guard()
    model = type(record)
    rows = model._default_manager.filter(pk=record.pk)
    if expected_version is not None:
        rows = rows.filter(edit_version=expected_version)
    if rows.update(edit_version=models.F("edit_version") + 1) != 1:
        raise EditConflict(record)
    record.edit_version = model._default_manager.values_list("edit_version", flat=True).get(pk=record.pk)


def claim_new(existing: Any, expected_version: int | None) -> None:
    """For a form that creates the record on its first save (a plan): refuse if someone else created
    it after the form was drawn (version 0 means the form saw none), else claim the existing one."""
    if existing is None:
        if expected_version not in (None, 0):
            raise EditConflict(None)
        return
    if expected_version == 0:
        raise EditConflict(existing)
    claim_edit(existing, expected_version)
