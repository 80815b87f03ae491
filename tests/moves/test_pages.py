"""The moves pages: recording a move through the form, refusals on the form, approval, the record panel."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.urls import reverse
from django.utils import timezone

from homeward.access.models import AuditAction, AuditEvent
from homeward.moves.models import Move, ReturnApproval
from tests.moves.helpers import ready_child, sign_d3


def _date(name: str, day: date) -> dict[str, Any]:
    return {f"{name}_0": day.day, f"{name}_1": day.month, f"{name}_2": day.year}


def test_an_unplanned_return_recorded_through_the_page_is_audited_and_shown(
    demo: Any, client_for: Any
) -> None:
    child = ready_child()
    client = client_for("worker")
    url = reverse("moves:record", args=[child.pk, "return_home"])
    page = client.get(url)
    assert page.status_code == 200
    assert b"reg 39 checklist" in page.content and b"checked" not in page.content  # nothing preselected
    # Not planned, and no reason given: refused on the form, nothing saved.
    refused = client.post(url, {**_date("moved_on", timezone.localdate()), "planned": "no"})
    assert refused.status_code == 400 and b"Say why the child went home" in refused.content
    assert not Move.objects.filter(child=child).exists()
    saved = client.post(
        url,
        {**_date("moved_on", timezone.localdate()), "planned": "no", "unplanned_reason": "parent_removed"},
    )
    assert saved.status_code == 302
    move = Move.objects.get(child=child)
    assert move.rec == "E4B" and move.recorded_by_name
    assert AuditEvent.objects.filter(
        child_id=child.pk, action=AuditAction.CREATE, what__contains="record a move"
    )
    record = client.get(reverse("children:record", args=[child.pk]))
    assert b'data-testid="unplanned-return"' in record.content
    listing = client.get(reverse("moves:moves", args=[child.pk]))
    assert b"Not planned (E4B)" in listing.content and b"Came back into care" in listing.content


def test_a_planned_return_is_refused_on_the_form_until_the_officer_approves(
    demo: Any, client_for: Any, staff: Any
) -> None:
    child = ready_child()
    sign_d3(child, staff["manager"])
    worker, manager = client_for("worker"), client_for("manager")
    url = reverse("moves:record", args=[child.pk, "return_home"])
    refused = worker.post(url, {**_date("moved_on", timezone.localdate()), "planned": "yes"})
    assert refused.status_code == 400 and b"nominated officer must approve" in refused.content
    moves_page = manager.get(reverse("moves:moves", args=[child.pk]))
    assert b"Approve the return home" in moves_page.content
    approve = reverse("moves:approve", args=[child.pk])
    assert worker.get(approve).status_code == 403
    assert manager.post(approve, {"reasons": ""}).status_code == 400
    assert manager.post(approve, {"reasons": "Read the checklist and the D3 decision."}).status_code == 302
    assert ReturnApproval.objects.filter(child=child).count() == 1
    saved = worker.post(url, {**_date("moved_on", timezone.localdate()), "planned": "yes"})
    assert saved.status_code == 302
    assert Move.objects.get(child=child).rec == "E4A"


def test_an_unknown_kind_of_move_is_not_found(demo: Any, client_for: Any) -> None:
    child = ready_child()
    assert client_for("worker").get(reverse("moves:record", args=[child.pk, "teleport"])).status_code == 404


def test_a_correction_page_starts_from_the_move_and_needs_a_reason(demo: Any, client_for: Any) -> None:
    child = ready_child()
    client = client_for("worker")
    today = timezone.localdate()
    client.post(
        reverse("moves:record", args=[child.pk, "return_home"]),
        {**_date("moved_on", today), "planned": "no", "unplanned_reason": "other"},
    )
    move = Move.objects.get(child=child)
    url = reverse("moves:correct", args=[child.pk, move.pk])
    page = client.get(url)
    assert page.status_code == 200 and f'value="{today.year}"'.encode() in page.content
    data = {**_date("moved_on", today), "planned": "no", "unplanned_reason": "young_person_left"}
    assert client.post(url, data).status_code == 400
    assert client.post(url, {**data, "correction_reason": "The reason was wrong."}).status_code == 302
    assert Move.objects.filter(child=child).count() == 2
    assert Move.objects.get(corrects=move).unplanned_reason == "young_person_left"


def test_the_moves_page_offers_a_placement_with_parents_only_under_an_order(
    demo: Any, client_for: Any
) -> None:
    from homeward.children.models import Episode

    child = ready_child()
    episode = child.episodes.get(dec__isnull=True)
    page = reverse("moves:moves", args=[child.pk])
    link = reverse("moves:record", args=[child.pk, "placed_with_parents"]).encode()
    Episode.objects.filter(pk=episode.pk).update(ls="V2")
    assert link not in client_for("worker").get(page).content
    Episode.objects.filter(pk=episode.pk).update(ls="C2")
    assert link in client_for("worker").get(page).content
