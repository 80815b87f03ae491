"""The meetings pages through the Django test client: recording a meeting and who took part, the
manager signing the minutes, the record panel, and signed minutes that never change."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.urls import reverse
from django.utils import timezone

from homeward.children import services as children
from homeward.meetings import selectors, services
from homeward.meetings.models import Meeting, MeetingKind
from homeward.organisation.models import Agency
from tests.meetings.helpers import health_key, mother_key
from tests.pages import post_form
from tests.site.test_signed_documents import region

Client = Callable[[str | None], Any]


def _date(name: str, day: Any) -> dict[str, Any]:
    return {f"{name}_0": day.day, f"{name}_1": day.month, f"{name}_2": day.year}


def test_worker_records_a_meeting_and_who_took_part_and_the_manager_signs(
    demo: Any, client_for: Client
) -> None:
    child = demo.showcase
    worker, manager = client_for("worker"), client_for("manager")
    held = timezone.localdate() - timedelta(days=2)
    page = worker.get(reverse("meetings:meeting_add", args=[child.pk])).content.decode()
    assert "checked" not in page  # nothing preselected
    details = {"kind": MeetingKind.FAMILY_GROUP_CONFERENCE, **_date("held_on", held), "chair": "Jo"}
    response = worker.post(reverse("meetings:meeting_add", args=[child.pk]), {**details, "purpose": ""})
    assert response.status_code == 400 and "Enter the purpose of the meeting" in response.content.decode()
    response = worker.post(
        reverse("meetings:meeting_add", args=[child.pk]),
        {
            "kind": MeetingKind.FAMILY_GROUP_CONFERENCE,
            **_date("held_on", held),
            "purpose": "Plan",
            "chair": "Jo",
        },
    )
    meeting = Meeting.objects.filter(child=child).order_by("-pk").first()
    assert meeting is not None and response.status_code == 302
    url = reverse("meetings:participants", args=[child.pk, meeting.pk])
    assert response["Location"] == url
    form = worker.get(url).content.decode()
    assert "govuk-checkboxes" in form and "checked" not in form
    mother, health = mother_key(child), health_key(child)
    response = post_form(
        worker, url, {"invited": [mother, health], "attended": [mother], "apologies": [health]}
    )
    assert response.status_code == 302
    page = worker.get(reverse("meetings:meeting", args=[child.pk, meeting.pk])).content.decode()
    assert 'data-testid="key-agency-flags"' in page and "was invited but did not attend" in page
    post_form(worker, reverse("meetings:decisions", args=[child.pk, meeting.pk]), {"decisions": "Go ahead."})
    response = worker.post(
        reverse("meetings:action_add", args=[child.pk, meeting.pk]),
        {"description": "Book a visit", "owner_name": "Sam Okafor", **_date("due_on", held)},
    )
    assert response.status_code == 302
    # the worker who wrote the minutes cannot sign them; the manager can
    assert worker.get(reverse("meetings:minutes_sign", args=[child.pk, meeting.pk])).status_code == 403
    assert manager.post(reverse("meetings:minutes_sign", args=[child.pk, meeting.pk])).status_code == 302
    minutes = selectors.latest_minutes(meeting)
    assert minutes is not None and minutes.is_signed
    # a change is refused on the form once signed; marking the action done is not
    refused = post_form(
        worker, reverse("meetings:decisions", args=[child.pk, meeting.pk]), {"decisions": "Changed"}
    )
    assert refused.status_code == 400 and "Start a new version of the minutes" in refused.content.decode()
    action = meeting.actions.get()
    done = post_form(
        worker,
        reverse("meetings:action_done", args=[child.pk, meeting.pk, action.pk]),
        _date("done_on", timezone.localdate()),
    )
    assert done.status_code == 302
    meeting.actions.get(done_on=timezone.localdate())


def test_the_record_panel_shows_the_latest_meetings_with_key_agencies_missing(
    demo: Any, client_for: Client
) -> None:
    child = demo.showcase
    page = client_for("worker").get(reverse("children:record", args=[child.pk])).content.decode()
    assert 'data-testid="meetings-panel"' in page
    panel = page[page.index('data-testid="meetings-panel"') :]
    assert "Looked-after review" in panel and "govuk-warning-text" in panel
    partner = client_for("health").get(reverse("children:record", args=[child.pk])).content.decode()
    assert 'data-testid="meetings-panel"' not in partner


def test_signed_minutes_render_byte_for_byte_the_same_after_renaming(
    demo: Any, client_for: Client, staff: Any
) -> None:
    child = demo.showcase
    signed = next(m for m in selectors.meetings_for(child) if selectors.is_locked(m))
    minutes = selectors.latest_minutes(signed)
    assert minutes is not None
    client = client_for("worker")
    url = reverse("meetings:minutes_version", args=[child.pk, signed.pk, minutes.pk])
    before = region(client.get(url).content.decode(), "minutes-document")
    mother = child.family.get(relationship="mother")
    old_name = mother.full_name
    assert old_name in before
    children.update_family_member(mother, full_name="Renamed Mother", relationship="grandparent")
    for agency in Agency.objects.all():
        agency.name = f"Renamed {agency.name}"
        agency.save()
    child.first_name = "Renamed"
    child.save()
    signed.refresh_from_db()
    services.start_new_version(signed, staff["worker"])
    services.record_decisions(signed, decisions="Rewritten in the next version.")
    after = region(client.get(url).content.decode(), "minutes-document")
    assert after == before
    live = client.get(reverse("meetings:meeting", args=[child.pk, signed.pk])).content.decode()
    assert "Renamed Mother" in live and "Rewritten in the next version." in live
