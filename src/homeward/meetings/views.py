"""The meetings pages: the child's meetings, recording one, who took part, what was decided, the
actions, and the minutes signed by a manager."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from homeward.access.models import AuditAction
from homeward.access.policy import Access, RecordAction, Section
from homeward.base import pages
from homeward.base.forms import GovUKForm
from homeward.base.pages import Edit, Save, posted
from homeward.base.people import name_of
from homeward.children.decorators import child_record
from homeward.children.models import Child
from homeward.meetings import forms, selectors, services
from homeward.meetings.models import Meeting, Minutes

# Meetings are part of the reunification work: partner agencies are told what they need through
# notifications, not shown the minutes.
meetings_record = partial(child_record, section=Section.REUNIFICATION)


def _list_page(child: Child) -> str:
    return reverse("meetings:meetings", args=[child.pk])


def _meeting_page(meeting: Meeting) -> str:
    return reverse("meetings:meeting", args=[meeting.child_id, meeting.pk])


def _form(
    request: HttpRequest, child: Child, form: GovUKForm, save: Save, *, back: str, **options: Any
) -> HttpResponseBase:
    return pages.form_page(
        request, form, save, back=back, caption=child.full_name, context={"child": child}, **options
    )


@require_safe  # read-only: a POST is refused before it could be audited as a change
@meetings_record(RecordAction.VIEW, "meetings")
def meetings(request: HttpRequest, child: Child, access: Access) -> HttpResponse:
    every = selectors.meetings_for(child)
    flags = selectors.key_agency_flags_of(child, every)
    minutes = selectors.latest_minutes_of(every)
    rows = [{"meeting": m, "flags": flags[m.pk], "minutes": minutes.get(m.pk)} for m in every]
    context = {"child": child, "rows": rows, "can_edit": access.can(RecordAction.EDIT)}
    return render(request, "meetings/meetings.html", context)


def _show(
    request: HttpRequest, child: Child, access: Access, meeting: Meeting, minutes: Minutes | None
) -> HttpResponse:
    latest = selectors.latest_minutes(meeting)
    locked = latest is not None and latest.is_signed
    can_edit = access.can(RecordAction.EDIT)
    missing = services.missing_for_signature(meeting) if not locked else []
    context = {
        "child": child,
        "meeting": meeting,
        "minutes": minutes,
        "doc": minutes.document if minutes else None,
        "is_latest": minutes is not None and latest is not None and minutes.pk == latest.pk,
        "versions": selectors.minutes_versions(meeting),
        "flags": selectors.key_agency_flags(meeting),
        "actions": list(meeting.actions.order_by("due_on", "id")),
        "today": timezone.localdate(),
        "can_edit": can_edit and not locked,
        "can_track": can_edit,
        "can_start": can_edit and locked,
        "can_sign": (
            not locked
            and not missing
            and latest is not None
            and latest.written_by_id != request.user.pk
            and access.can(RecordAction.SIGN_OFF)
        ),
        "missing": missing,
    }
    return render(request, "meetings/meeting.html", context)


@require_safe  # read-only: a POST is refused before it could be audited as a change
@meetings_record(RecordAction.VIEW, "meeting")
def meeting(request: HttpRequest, child: Child, access: Access, meeting_id: int) -> HttpResponse:
    found = selectors.meeting(child, meeting_id)
    return _show(request, child, access, found, selectors.latest_minutes(found))


@require_safe  # read-only: a POST is refused before it could be audited as a change
@meetings_record(RecordAction.VIEW, "meeting minutes version")
def minutes_version(
    request: HttpRequest, child: Child, access: Access, meeting_id: int, minutes_id: int
) -> HttpResponse:
    found = selectors.meeting(child, meeting_id)
    return _show(request, child, access, found, selectors.minutes_version(found, minutes_id))


def _details(stored: Meeting) -> dict[str, Any]:
    return {"kind": stored.kind, "held_on": stored.held_on, "purpose": stored.purpose, "chair": stored.chair}


@meetings_record(RecordAction.EDIT, "meeting: record", done_as=AuditAction.CREATE)
def meeting_add(request: HttpRequest, child: Child, access: Access) -> HttpResponseBase:
    def save(data: dict[str, Any]) -> tuple[str, str]:
        made = services.record_meeting(child, request.user, **data)  # type: ignore[arg-type]
        next_page = reverse("meetings:participants", args=[child.pk, made.pk])
        return f"{made.get_kind_display()} recorded.", next_page

    return _form(
        request,
        child,
        forms.MeetingForm(posted(request)),
        save,
        back=_list_page(child),
        title="Record a meeting",
        submit="Save and add who took part",
    )


@meetings_record(RecordAction.EDIT, "meeting: details")
def meeting_edit(request: HttpRequest, child: Child, access: Access, meeting_id: int) -> HttpResponseBase:
    found = selectors.meeting(child, meeting_id)
    edit = Edit.of(found, _details)

    def save(data: dict[str, Any]) -> str:
        services.update_meeting(found, **data)
        return "Meeting details saved."

    return _form(
        request,
        child,
        forms.MeetingForm(posted(request), initial=edit.initial()),
        save,
        back=_meeting_page(found),
        title="Change the meeting's details",
        submit="Save",
        edit=edit,
    )


@meetings_record(RecordAction.EDIT, "meeting: who took part")
def participants(request: HttpRequest, child: Child, access: Access, meeting_id: int) -> HttpResponseBase:
    found = selectors.meeting(child, meeting_id)
    choices = [(i.key, i.label) for i in services.invitees(found)]

    def values(stored: Meeting) -> dict[str, Any]:
        rows = list(stored.participants.all())
        return {
            "invited": [services.participant_key(p) for p in rows if p.invited and p.kind != "other"],
            "attended": [services.participant_key(p) for p in rows if p.attended and p.kind != "other"],
            "apologies": [services.participant_key(p) for p in rows if p.apologies],
            "others": services.others_text(stored),
        }

    edit = Edit.of(found, values)

    def save(data: dict[str, Any]) -> str:
        services.set_participants(found, **data)
        return "Who took part saved."

    return _form(
        request,
        child,
        forms.ParticipantsForm(posted(request), initial=edit.initial(), choices=choices),
        save,
        back=_meeting_page(found),
        title=f"Who took part in the {found.get_kind_display().lower()}",
        intro="Tick everyone who was invited, then who attended and who sent apologies.",
        submit="Save",
        edit=edit,
    )


@meetings_record(RecordAction.EDIT, "meeting: what was decided")
def decisions(request: HttpRequest, child: Child, access: Access, meeting_id: int) -> HttpResponseBase:
    found = selectors.meeting(child, meeting_id)
    minutes = selectors.latest_minutes(found)
    if minutes is None:  # every meeting is recorded with its first minutes; none means it was removed
        return redirect(_meeting_page(found))
    edit = Edit.of(minutes, lambda stored: {"decisions": stored.decisions})

    def save(data: dict[str, Any]) -> str:
        services.record_decisions(found, **data)
        return "What was decided saved."

    return _form(
        request,
        child,
        forms.DecisionsForm(posted(request), initial=edit.initial()),
        save,
        back=_meeting_page(found),
        title="What was decided",
        submit="Save",
        edit=edit,
    )


@meetings_record(RecordAction.EDIT, "meeting: add an action", done_as=AuditAction.CREATE)
def action_add(request: HttpRequest, child: Child, access: Access, meeting_id: int) -> HttpResponseBase:
    found = selectors.meeting(child, meeting_id)
    users = {u.pk: u for u in services.possible_owners(found)}

    def save(data: dict[str, Any]) -> str:
        owner = users.get(data.pop("owner", None) or 0)
        services.add_action(
            found, **data, owner_user=owner, owner_agency=services.owner_agency_of(owner) if owner else None
        )
        return "Action added."

    return _form(
        request,
        child,
        forms.ActionForm(posted(request), owners=[(pk, name_of(u)) for pk, u in users.items()]),
        save,
        back=_meeting_page(found),
        title="Add an action",
        submit="Add the action",
    )


@meetings_record(RecordAction.EDIT, "meeting: action done")
def action_done(
    request: HttpRequest, child: Child, access: Access, meeting_id: int, meeting_action_id: int
) -> HttpResponseBase:
    found = selectors.meeting(child, meeting_id)
    action = selectors.action(found, meeting_action_id)
    edit = Edit.of(action, lambda stored: {"done_on": stored.done_on})

    def save(data: dict[str, Any]) -> str:
        services.mark_done(action, request.user, **data)  # type: ignore[arg-type]
        return "Action marked as done."

    return _form(
        request,
        child,
        forms.DoneForm(posted(request), initial=edit.initial()),
        save,
        back=_meeting_page(found),
        title="Mark the action as done",
        intro=action.description,
        submit="Save",
        edit=edit,
    )


# The worker records the minutes; a team manager (SIGN_OFF) agrees and signs them. Not the IRO, though
# they chair looked-after reviews: the policy gives an IRO no right to change records, and signing
# locks the minutes as the service's agreed record.
@meetings_record(RecordAction.SIGN_OFF, "meeting: sign the minutes")
def minutes_sign(request: HttpRequest, child: Child, access: Access, meeting_id: int) -> HttpResponseBase:
    found = selectors.meeting(child, meeting_id)

    def save(data: dict[str, Any]) -> str:
        signed = services.sign_minutes(found, request.user)  # type: ignore[arg-type]
        return f"Version {signed.version} of the minutes signed."

    return _form(
        request,
        child,
        forms.ConfirmForm(posted(request)),
        save,
        back=_meeting_page(found),
        title="Agree and sign the minutes",
        intro=(
            "Once signed, the minutes cannot be changed: a change is made as a new version, and this one "
            "is kept. Actions can still be marked as done."
        ),
        submit="Sign the minutes",
    )


@meetings_record(RecordAction.EDIT, "meeting: new version of the minutes", done_as=AuditAction.CREATE)
def minutes_new_version(
    request: HttpRequest, child: Child, access: Access, meeting_id: int
) -> HttpResponseBase:
    found = selectors.meeting(child, meeting_id)

    def save(data: dict[str, Any]) -> str:
        made = services.start_new_version(found, request.user)  # type: ignore[arg-type]
        return f"Version {made.version} of the minutes started."

    return _form(
        request,
        child,
        forms.ConfirmForm(posted(request)),
        save,
        back=_meeting_page(found),
        title="Start a new version of the minutes",
        intro="The new version starts as a copy of the signed one, which is kept unchanged.",
        submit="Start",
    )
