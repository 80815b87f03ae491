"""Writes to the child's chronology: a significant event added by hand (with its source), a change to
one, and the analysis note on any event. Each is audited by the page's decorator, and a change from a
form drawn before someone else's save is refused (`base.concurrency`)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from homeward.base.concurrency import claim_edit, claim_new
from homeward.base.people import name_of
from homeward.children.models import Child
from homeward.chronology.models import AnalysisNote, SignificantEvent
from homeward.framework.text import names_something, quoted, says_something


def _checked(happened_on: date | None, description: str, source: str) -> tuple[date, str, str]:
    """A significant event needs a date (not in the future), what happened and its source: an event in
    a chronology that no one can trace back is an assertion, not evidence."""
    errors: dict[str, str] = {}
    if happened_on is None:
        errors["happened_on"] = "Enter the date it happened"
    elif happened_on > timezone.localdate():
        errors["happened_on"] = "The date it happened must be today or in the past"
    if not says_something(description):
        errors["description"] = f"Enter what happened: the description {quoted(description)}"
    if not names_something(source):
        errors["source"] = (
            f"Enter the source, who said so or where it is recorded: the source {quoted(source)}"
        )
    if errors:
        raise ValidationError(errors)
    assert happened_on is not None
    return happened_on, " ".join(description.split()), " ".join(source.split())


def add_significant_event(
    child: Child, user: Any, *, happened_on: date | None, description: str, source: str
) -> SignificantEvent:
    on, what, source = _checked(happened_on, description, source)
    return SignificantEvent.objects.create(
        child=child,
        happened_on=on,
        description=what,
        source=source,
        recorded_by=user,
        recorded_by_name=name_of(user),
    )


@transaction.atomic
def change_significant_event(
    event: SignificantEvent,
    *,
    happened_on: date | None,
    description: str,
    source: str,
    edit_version: int | None = None,
) -> SignificantEvent:
    on, what, source = _checked(happened_on, description, source)
    claim_edit(event, edit_version)
    event.happened_on, event.description, event.source = on, what, source
    event.save()
    return event


@transaction.atomic
def save_analysis_note(
    child: Child, user: Any, *, event_key: str, note: str, edit_version: int | None = None
) -> AnalysisNote:
    """Write (or rewrite) the analysis of one event: what it meant for the child. The first save makes
    the note; a save from a form drawn before another's (made or changed since) is refused."""
    if not says_something(note):
        raise ValidationError({"note": f"Enter what the event meant for the child: the note {quoted(note)}"})
    existing = AnalysisNote.objects.select_for_update().filter(child=child, event_key=event_key).first()
    claim_new(existing, edit_version)
    saved = existing or AnalysisNote(child=child, event_key=event_key)
    saved.note = note.strip()
    saved.written_by = user
    saved.written_by_name = name_of(user)
    saved.save()
    return saved
