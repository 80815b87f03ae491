"""Subject access (everything held about one person, as JSON and PDF) and the retention report, for the
data protection officer an administrator names; on the synthetic demo."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from typing import Any

import pytest
from django.apps import apps
from django.db import models
from django.test import Client, RequestFactory
from django.urls import reverse

from homeward.access.models import AuditAction, AuditEvent
from homeward.access.policy import Capability, has_capability
from homeward.children.models import Child, FamilyMember, Relationship
from homeward.organisation.models import Role
from homeward.staff import services
from homeward.subjectaccess import selectors
from tests.twofactor import sign_in_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(demo: Any) -> Client:
    """The demo's analyst, named data protection officer by the administrator (through the service)."""
    request = RequestFactory().post("/staff/", HTTP_USER_AGENT="pytest")
    request.user = demo.staff["admin"]
    analyst = demo.staff["analyst"]
    services.change_account(
        request,
        analyst,
        placement=services.Placement(
            role=Role.ANALYST, phone=analyst.profile.phone, data_protection_officer=True
        ),
        is_active=True,
    )
    client = Client()
    sign_in_verified(client, analyst)
    return client


def test_the_administrator_names_the_officer_and_the_grant_is_audited_before_and_after(
    demo: Any, officer: Client
) -> None:
    analyst = demo.staff["analyst"]
    analyst.refresh_from_db()
    assert has_capability(analyst, Capability.SUBJECT_ACCESS)
    assert not has_capability(demo.staff["admin"], Capability.SUBJECT_ACCESS)
    grant = AuditEvent.objects.filter(action=AuditAction.CHANGE, what__contains="data protection officer")
    assert [e.what for e in grant] == ["staff account analyst: data protection officer: no → yes"]
    assert officer.get(reverse("subjectaccess:search")).status_code == 200


def test_a_partner_agency_worker_is_never_the_officer(demo: Any) -> None:
    health = demo.staff["health"]
    health.profile.data_protection_officer = True  # even if the flag were set some other way
    assert not has_capability(health, Capability.SUBJECT_ACCESS)
    kept = services.Placement(role=Role.PARTNER, agency=health.profile.agency, data_protection_officer=True)
    assert kept.cleaned().data_protection_officer is False


def _direct_parts(child: Child) -> dict[str, int]:
    """Every kind of record of any Homeward app that points straight at the child, with how many."""
    out = {}
    for model in apps.get_models():
        if not model.__module__.startswith("homeward."):
            continue
        for f in model._meta.concrete_fields:
            if isinstance(f, models.ForeignKey) and f.related_model is Child:
                n = model._default_manager.filter(**{f.name: child}).count()
                if n:
                    out[selectors.kind_of(model._meta)] = n
    return out


def test_everything_held_about_a_child_downloads_as_json_and_is_audited(demo: Any, officer: Client) -> None:
    child = demo.showcase
    viewer = Client()
    sign_in_verified(viewer, demo.staff["worker"])
    assert viewer.get(reverse("children:record", args=[child.pk])).status_code == 200

    found = officer.get(reverse("subjectaccess:search"), {"q": child.first_name})
    assert child.full_name in found.content.decode()
    response = officer.get(reverse("subjectaccess:child_json", args=[child.pk]))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    data = json.loads(response.content)
    assert data["subject"]["child_id"] == child.la_child_id
    held = {p["kind"]: len(p["entries"]) for p in data["records"]}
    assert held["Children"] == 1
    for kind, n in _direct_parts(child).items():  # nothing pointing at the child is left out
        assert held.get(kind, 0) >= n, kind
    assert {"Episodes", "Family members", "Household memberships"} <= set(held)
    assert len(held) >= 8  # the showcase child's assessment, decisions, meetings … too
    assert any(a["who"] == "worker" and "record" in a["what"].lower() for a in data["audit"])
    exported = AuditEvent.objects.filter(action=AuditAction.EXPORT, child_id=child.pk)
    assert [e.username for e in exported] == ["analyst"]
    assert "subject access (JSON)" in exported[0].what
    listed = AuditEvent.objects.filter(action=AuditAction.LIST, username="analyst").first()
    assert listed is not None and child.pk in set(listed.listed.values_list("child_id", flat=True))


def test_the_pdf_is_readable_and_audited(demo: Any, officer: Client) -> None:
    child = demo.showcase
    export = selectors.child_export(child, "Data Officer")
    from homeward.base.pdf import render_html

    html = render_html("subjectaccess/export_pdf.html", {"export": export})
    assert f"Everything Homeward holds about {child.full_name}" in html
    assert "Who has read or changed the record" in html and "Episodes (" in html
    response = officer.get(reverse("subjectaccess:child_pdf", args=[child.pk]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(
        action=AuditAction.EXPORT, child_id=child.pk, what__contains="PDF"
    ).exists()


def test_a_family_member_is_found_across_every_child_they_appear_with(demo: Any, officer: Client) -> None:
    mother = (
        demo.showcase.family.filter(relationship=Relationship.MOTHER).first() or demo.showcase.family.first()
    )
    sibling = Child.objects.exclude(pk=demo.showcase.pk).first()
    assert mother is not None and sibling is not None
    again = FamilyMember.objects.create(
        child=sibling,
        full_name=mother.full_name.upper(),
        relationship=mother.relationship,
        date_of_birth=mother.date_of_birth,
        notes="Also this child's parent",
    )
    page = officer.get(reverse("subjectaccess:search"), {"q": mother.full_name.split()[0]})
    assert sibling.full_name in page.content.decode()
    data = json.loads(officer.get(reverse("subjectaccess:person_json", args=[again.pk])).content)
    entries = {p["kind"]: p["entries"] for p in data["records"]}["Family members"]
    assert {e["record"] for e in entries} == {
        f"children.familymember {mother.pk}",
        f"children.familymember {again.pk}",
    }
    assert "Children" not in {p["kind"] for p in data["records"]}  # the children's records are theirs
    assert sibling.la_child_id in data["subject"]["appears_with"]
    exported = set(AuditEvent.objects.filter(action=AuditAction.EXPORT).values_list("child_id", flat=True))
    assert exported == {demo.showcase.pk, sibling.pk}
    assert officer.get(reverse("subjectaccess:person_pdf", args=[again.pk])).content.startswith(b"%PDF")


def test_the_retention_report_lists_what_is_past_it_and_deletes_nothing(
    demo: Any, officer: Client, settings: Any
) -> None:
    team = demo.showcase.team
    old = Child.objects.create(
        la_child_id="R0001", first_name="Edith", last_name="Longago", date_of_birth=date(1940, 2, 29),
        sex="2", ethnicity="WBRI", team=team,
    )  # fmt: skip
    parent_of_old = FamilyMember.objects.create(
        child=old, full_name="Agnes Longago", relationship=Relationship.MOTHER, date_of_birth=date(1915, 1, 1)
    )
    # Also the parent of a child whose record is still kept: kept as long as that one.
    FamilyMember.objects.create(
        child=old,
        full_name="Walter Longago",
        relationship=Relationship.FATHER,
        date_of_birth=date(1912, 1, 1),
    )
    FamilyMember.objects.create(
        child=demo.showcase, full_name="walter longago", relationship=Relationship.FATHER,
        date_of_birth=date(1912, 1, 1),
    )  # fmt: skip
    rows = selectors.past_retention(today=date(2026, 12, 7))
    assert [(r.kind, r.name, r.keep_until) for r in rows] == [
        ("child", "Edith Longago", date(2015, 3, 1)),  # 29 February 1940 turns 75 on 1 March 2015
        ("family member", parent_of_old.full_name, date(2015, 3, 1)),
    ]
    assert selectors.past_retention(today=date(2015, 2, 28)) == []
    settings.HOMEWARD_RETENTION_AGE = 90
    assert selectors.past_retention(today=date(2026, 12, 7)) == []
    settings.HOMEWARD_RETENTION_AGE = 75
    children, members = Child.objects.count(), FamilyMember.objects.count()
    page = officer.get(reverse("subjectaccess:retention"))
    assert "Edith Longago" in page.content.decode() and "never deletes" in page.content.decode()
    download = officer.get(reverse("subjectaccess:retention_csv"))
    table = list(csv.reader(io.StringIO(download.content.decode())))
    assert table[0] == ["Kind", "Name", "CHILD id", "Date of birth", "Kept until"]
    assert ["child", "Edith Longago", "R0001", "1940-02-29", "2015-03-01"] in table
    assert (Child.objects.count(), FamilyMember.objects.count()) == (children, members)
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT, what__startswith="retention report").exists()


def test_the_command_line_writes_the_export_and_audits_it(demo: Any, tmp_path: Any) -> None:
    from typer.testing import CliRunner

    from homeward.cli import app

    child = demo.showcase
    out = tmp_path / "held.json"
    result = CliRunner().invoke(app, ["subject-access", "--child", child.la_child_id, str(out)])
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text())["subject"]["child_id"] == child.la_child_id
    event = AuditEvent.objects.filter(action=AuditAction.EXPORT, child_id=child.pk).get()
    assert "(command line)" in event.username and event.path == str(out.resolve())
    refused = CliRunner().invoke(app, ["subject-access", str(out)])
    assert refused.exit_code != 0
