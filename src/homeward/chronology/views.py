"""The chronology pages: the child's chronology (filtered by GET, newest or oldest first), its PDF, a
significant event added or changed by hand, and the analysis note on any event. Access and audit by the
record's decorator; the chronology itself is read by `chronology.selectors`."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from homeward.access.models import AuditAction
from homeward.access.policy import Access, RecordAction, Section
from homeward.base import pages
from homeward.base.forms import GovUKForm
from homeward.base.pages import Edit, Save, posted
from homeward.children.decorators import child_record
from homeward.children.models import Child
from homeward.chronology import forms, pdf, selectors, services
from homeward.chronology.models import AnalysisNote, SignificantEvent

# What the worker writes into the chronology is part of the reunification work: a partner agency is
# shown the events of the sections it is shared, not the worker's own events and analysis.
worker_writes = partial(child_record, section=Section.REUNIFICATION)


def _page(child: Child) -> str:
    return reverse("chronology:chronology", args=[child.pk])


def _found(
    request: HttpRequest, child: Child, access: Access
) -> tuple[selectors.Chronology, forms.FilterForm]:
    kinds = selectors.kinds_for(access.sections)
    form = forms.FilterForm(request.GET or None, kinds=kinds)
    query = form.query() if request.GET else None
    return selectors.chronology(child, access.sections, timezone.localdate(), query), form


@require_safe  # read-only: a POST is refused before it could be audited as a change
@child_record(RecordAction.VIEW, "chronology")
def chronology(request: HttpRequest, child: Child, access: Access) -> HttpResponse:
    found, form = _found(request, child, access)
    asked = request.GET.urlencode()
    context = {
        "child": child,
        "chronology": found,
        "form": form,
        "filtered": any(v for v in request.GET.values()),
        "pdf_link": reverse("chronology:pdf", args=[child.pk]) + (f"?{asked}" if asked else ""),
        "can_write": access.can(RecordAction.EDIT, Section.REUNIFICATION),
    }
    return render(request, "chronology/chronology.html", context)


@require_safe
@child_record(RecordAction.VIEW, "chronology (PDF)", done_as=AuditAction.EXPORT)
def chronology_pdf(request: HttpRequest, child: Child, access: Access) -> HttpResponse:
    found, _ = _found(request, child, access)
    response = HttpResponse(
        pdf.chronology_pdf(found, timezone.localdate(), request), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="chronology-{child.la_child_id}.pdf"'
    return response


def _form(
    request: HttpRequest, child: Child, form: GovUKForm, save: Save, **options: Any
) -> HttpResponseBase:
    return pages.form_page(
        request,
        form,
        save,
        back=_page(child),
        back_text="Back to the chronology",
        caption=child.full_name,
        context={"child": child},
        **options,
    )


@worker_writes(RecordAction.EDIT, "chronology: add a significant event", done_as=AuditAction.CREATE)
def event_add(request: HttpRequest, child: Child, access: Access) -> HttpResponseBase:
    def save(data: dict[str, Any]) -> str:
        services.add_significant_event(child, request.user, **data)
        return "Significant event added to the chronology."

    return _form(
        request,
        child,
        forms.SignificantEventForm(posted(request)),
        save,
        title="Add a significant event",
        intro=(
            "An event in the child's life that Homeward's records do not hold. Say where it comes from: "
            "an event no one can trace back is an assertion, not evidence."
        ),
        submit="Add the event",
    )


def _event_values(stored: SignificantEvent) -> dict[str, Any]:
    return {"happened_on": stored.happened_on, "description": stored.description, "source": stored.source}


@worker_writes(RecordAction.EDIT, "chronology: change a significant event")
def event_change(
    request: HttpRequest, child: Child, access: Access, significant_event_id: int
) -> HttpResponseBase:
    found = selectors.significant_event(child, significant_event_id)
    edit = Edit.of(found, _event_values)

    def save(data: dict[str, Any]) -> str:
        services.change_significant_event(found, **data)
        return "Significant event changed."

    return _form(
        request,
        child,
        forms.SignificantEventForm(posted(request), initial=edit.initial()),
        save,
        title="Change a significant event",
        submit="Save",
        edit=edit,
    )


@worker_writes(RecordAction.EDIT, "chronology: analysis note")
def note(request: HttpRequest, child: Child, access: Access, event_key: str) -> HttpResponseBase:
    found = selectors.event(child, access.sections, timezone.localdate(), event_key)
    edit = Edit(
        current=lambda: selectors.note_for(child, event_key),
        values=lambda stored: {"note": stored.note},
    )

    def save(data: dict[str, Any]) -> str:
        services.save_analysis_note(child, request.user, event_key=event_key, **data)
        return "Analysis note saved."

    stored: AnalysisNote | None = found.note
    return _form(
        request,
        child,
        forms.AnalysisNoteForm(posted(request), initial=edit.initial()),
        save,
        title="Change the analysis note" if stored else "Add an analysis note",
        intro=f"{found.on:%-d %B %Y}, {found.kind_label.lower()}: {found.description}",
        submit="Save the note",
        edit=edit,
    )
