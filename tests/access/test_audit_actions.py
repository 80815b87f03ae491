"""Audit actions say what happened: create, change, view, export, list, denied (signed in or not); a POST
that saves nothing is not a change; one writer, one reader; the policy is asked once per page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from homeward.access import audit
from homeward.access.models import AuditAction, AuditEvent, AuditListing
from homeward.children.models import FamilyMember
from tests.pages import post_form

pytestmark = pytest.mark.django_db


def _last_pk() -> int:
    last = AuditEvent.objects.order_by("-pk").first()
    return last.pk if last else 0


def _since(before: int) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(pk__gt=before).order_by("pk"))


def test_the_caseload_is_a_listing_naming_each_child_shown(
    demo: Any, client_for: Callable[[str], Any]
) -> None:
    before = _last_pk()
    page = client_for("worker").get(reverse("children:caseload"))
    assert page.status_code == 200
    [event] = _since(before)
    shown = set(AuditListing.objects.filter(event=event).values_list("child_id", flat=True))
    assert event.action == AuditAction.LIST and event.child_id is None
    assert shown == {row.child.pk for row in page.context["rows"]}
    assert demo.showcase.pk in shown
    # The child's own trail shows the listing that showed them.
    assert event in list(audit.trail(demo.showcase.pk))


def test_adding_a_person_is_a_creation_and_changing_them_a_change(
    demo: Any, client_for: Callable[[str], Any]
) -> None:
    child, worker = demo.showcase, client_for("worker")
    before = _last_pk()
    added = worker.post(
        reverse("children:member_add", args=[child.pk]),
        {"full_name": "Robin Hale", "relationship": "aunt_uncle", "parental_responsibility": "no"},
    )
    assert added.status_code == 302
    assert [e.action for e in _since(before)] == [AuditAction.CREATE]

    member = FamilyMember.objects.get(child=child, full_name="Robin Hale")
    url = reverse("children:member_edit", args=[child.pk, member.pk])
    data = {"full_name": "Robin Hale", "relationship": "aunt_uncle", "parental_responsibility": "yes"}
    before = _last_pk()
    assert post_form(worker, url, data).status_code == 302
    assert [e.action for e in _since(before)] == [
        AuditAction.VIEW,
        AuditAction.CHANGE,
    ]  # the form, then the save


def test_an_invalid_form_post_is_not_a_change(demo: Any, client_for: Callable[[str], Any]) -> None:
    before = _last_pk()
    response = client_for("worker").post(reverse("children:member_add", args=[demo.showcase.pk]), {})
    assert response.status_code == 400
    assert [e.action for e in _since(before)] == [AuditAction.VIEW]


def test_a_signed_agreement_pdf_is_an_export(demo: Any, client_for: Callable[[str], Any]) -> None:
    from tests.plans.helpers import write_agreement

    agreement = write_agreement(demo.showcase, demo.staff["worker"])
    before = _last_pk()
    response = client_for("worker").get(reverse("plans:agreement_pdf", args=[demo.showcase.pk, agreement.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    [event] = _since(before)
    assert (event.action, event.child_id) == (AuditAction.EXPORT, demo.showcase.pk)


def test_someone_not_signed_in_is_refused_and_audited(
    demo: Any, client_for: Callable[[str | None], Any]
) -> None:
    url = reverse("children:record", args=[demo.showcase.pk])
    before = _last_pk()
    response = client_for(None).get(url)
    assert response.status_code == 302 and "/login/" in response["Location"]
    [event] = _since(before)
    assert (event.action, event.username, event.child_id, event.path) == (
        AuditAction.DENIED,
        "(anonymous)",
        demo.showcase.pk,
        url,
    )


def test_the_login_page_itself_is_not_a_refusal(db: None, client: Any) -> None:
    before = _last_pk()
    assert client.get(reverse("login")).status_code == 200
    assert _since(before) == []


def test_a_command_line_export_is_written_by_the_same_writer(demo: Any, tmp_path: Any) -> None:
    from homeward.outcomes.services import export_homeward

    before = _last_pk()
    export_homeward(tmp_path, who="data officer (cli)")
    [event] = _since(before)
    assert (event.action, event.username, event.method) == (AuditAction.EXPORT, "data officer (cli)", "CLI")


def test_a_listing_cannot_be_altered(demo: Any, client_for: Callable[[str], Any]) -> None:
    client_for("worker").get(reverse("children:caseload"))
    listing = AuditListing.objects.first()
    assert listing is not None
    with pytest.raises(PermissionError):
        AuditListing.objects.filter(pk=listing.pk).update(child_id=1)
    with pytest.raises(PermissionError):
        listing.delete()


def test_the_record_page_asks_whether_the_child_is_theirs_once(
    demo: Any, client_for: Callable[[str], Any]
) -> None:
    client = client_for("manager")
    url = reverse("children:record", args=[demo.showcase.pk])
    client.get(url)  # warm the session
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    # The policy's one question to the database: is this child among the ones this user may see?
    caseload_checks = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].startswith('SELECT 1 AS "a" FROM "children_child"')
    ]
    assert len(caseload_checks) == 1, caseload_checks
