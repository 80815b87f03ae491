"""A signed record never changes: every signed document (the agreement's PDF and page, the assessment
version's page, the decision's page and its summary beside the forms) renders byte for byte the same
after every record it refers to has been edited — family members renamed and their relationships
changed, the child renamed, the agencies and the staff accounts renamed, the next versions started and
edited — while the live records (and the next versions) show the change."""

from __future__ import annotations

import re
from datetime import date, timedelta
from io import BytesIO
from typing import Any

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from homeward.assessments import services as assessments
from homeward.assessments.models import Assessment
from homeward.base.documents import FrozenDocument
from homeward.children import services as children
from homeward.children.models import Child, Relationship
from homeward.decisions import services as decisions
from homeward.decisions.models import Decision
from homeward.demo.reunification import ready_to_return_child
from homeward.organisation.models import Agency
from homeward.plans import pdf
from homeward.plans import services as plans
from homeward.plans.models import Agreement

_DIV = re.compile(r"<div\b|</div>")


def region(page: str, testid: str) -> str:
    """The element `<div data-testid=…>` of `page`, exactly as drawn (up to its own closing tag)."""
    start = page.index(f'<div data-testid="{testid}">')
    depth = 0
    for tag in _DIV.finditer(page, start):
        depth += 1 if tag.group() == "<div" else -1
        if depth == 0:
            return page[start : tag.end()]
    raise AssertionError(f"{testid} is not closed")


def _pdf_text(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(BytesIO(data)).pages]


def _get(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return str(response.content.decode())


def _renders(client: Client, child: Child) -> dict[str, Any]:
    """Every signed document of the child, drawn afresh from the database."""
    found: dict[str, Any] = {}
    for agreement in Agreement.objects.filter(child=child, signed_at__isnull=False):
        key = f"agreement v{agreement.version}"
        found[f"{key} PDF text"] = _pdf_text(pdf.agreement_pdf(agreement))
        found[f"{key} PDF HTML"] = pdf.agreement_html(agreement)
        url = reverse("plans:agreement_version", args=[child.pk, agreement.pk])
        found[f"{key} page"] = region(_get(client, url), "agreement-document")
    for assessment in Assessment.objects.filter(child=child, signed_at__isnull=False):
        url = reverse("assessments:version", args=[child.pk, assessment.pk])
        found[f"assessment v{assessment.version} page"] = region(_get(client, url), "assessment-document")
    for decision in Decision.objects.filter(child=child, signed_at__isnull=False):
        key = f"{decision.gate} v{decision.version}"
        url = reverse("decisions:detail", args=[child.pk, decision.pk])
        found[f"{key} page"] = region(_get(client, url), "decision-document")
        url = reverse("decisions:challenge", args=[child.pk, decision.pk])
        found[f"{key} summary"] = region(_get(client, url), "decision-summary")
    return found


def _edit_everything(child: Child, staff: dict[str, Any]) -> None:
    """Change every record the signed documents refer to, and start and edit the next versions."""
    today = timezone.localdate()
    relationships = list(Relationship.values)
    for member in child.family.all():
        other = relationships[(relationships.index(member.relationship) + 1) % len(relationships)]
        children.update_family_member(member, full_name=f"Renamed {member.full_name}", relationship=other)
    child.first_name, child.last_name = "Renamed", "Child"
    child.date_of_birth = child.date_of_birth - timedelta(days=400)
    child.save()
    for user in get_user_model().objects.all():
        user.first_name, user.last_name = "Renamed", f"Account {user.pk}"
        user.save()
    worker, manager, iro = (
        get_user_model().objects.get(pk=staff[k].pk) for k in ("worker", "manager", "iro")
    )
    for agency in Agency.objects.all():
        agency.name = f"Renamed {agency.name}"[:200]
        agency.save()

    signed = Assessment.objects.filter(child=child, signed_at__isnull=False).order_by("-version").first()
    assert signed is not None
    draft = assessments.new_version(signed, worker, "The family moved")
    assessments.update_section(draft, "risk", risk_factors="Rewritten in the next version.")
    assessments.update_section(draft, "support", support_needs="Rewritten support needs.")

    agreement = Agreement.objects.filter(child=child).order_by("-version").first()
    assert agreement is not None and agreement.is_signed
    next_agreement = plans.start_agreement(child, worker)
    for section in next_agreement.parents.all():
        plans.update_section(
            section,
            strengths="Rewritten strengths.",
            concerns="Rewritten concerns.",
            conditions="Rewritten conditions.",
            support="Rewritten support.",
            consequences="Rewritten consequences.",
            agreed_on=today,
        )
        for goal in section.goals.all():
            plans.remove_goal(goal)
        plans.add_goal(section, goal="A new goal", steps="", time_frame="Soon", support="")
    plans.set_review_date(next_agreement, today + timedelta(days=30))

    # The waiting D3 signed off; the signed D1 revised, and the revision returned; the IRO challenges D2.
    for decision in Decision.objects.filter(child=child, signed_at__isnull=True, returned_at__isnull=True):
        decisions.sign_off(decision, manager, reasons="Signed after everything changed.")
    d1 = Decision.objects.get(child=child, gate="D1", version=1)
    evaluation = assessments_evaluation(child, "D1", today)
    revised = decisions.propose(
        child,
        worker,
        gate="D1",
        answer="no",
        rationale="Revised after the move.",
        responses={f.id: "Answered again." for f in evaluation.findings},
        as_of=today,
    )
    assert revised.supersedes_id == d1.pk
    decisions.return_to_worker(revised, manager, reasons="Not yet.")
    d2 = Decision.objects.get(child=child, gate="D2", version=1)
    decisions.challenge(d2, iro, text="Too soon.", disagrees=True)


def assessments_evaluation(child: Child, gate: str, on: date) -> Any:
    from homeward.snapshot import evaluate_child

    return evaluate_child(child, gate, on)


def test_every_signed_document_renders_the_same_after_every_related_record_changes(
    demo: Any, staff: Any, client_for: Any
) -> None:
    child = ready_to_return_child()
    assert child is not None
    child.iro = staff["iro"]  # who reads the signed records, and is offered the challenge form
    child.save()
    client = client_for("iro")
    mother = child.family.get(relationship="mother")
    before = _renders(client, child)
    # Something of each kind of document, and what the edits change is in them.
    assert {k.split(" ", 1)[1] for k in before} >= {
        "v1 PDF text",
        "v1 PDF HTML",
        "v1 page",
        "v1 summary",
    }
    assert any(k.startswith("assessment") for k in before)
    assert mother.full_name in before["agreement v1 page"] and "(mother)" in before["agreement v1 PDF HTML"]
    assert child.full_name in " ".join(before["agreement v1 PDF text"])
    assert mother.full_name in before["assessment v1 page"]

    _edit_everything(child, staff)

    child.refresh_from_db()
    after = _renders(client, child)
    for key, drawn in before.items():
        assert after[key] == drawn, key
    # The live records moved on: the next versions show the new names.
    latest = Agreement.objects.filter(child=child).order_by("-version").first()
    assert latest is not None and latest.version == 2
    page = _get(client, reverse("plans:agreement_version", args=[child.pk, latest.pk]))
    assert f"Renamed {mother.full_name}" in region(page, "agreement-document")
    assert "Rewritten consequences." in pdf.agreement_html(latest) and "Renamed Child" in pdf.agreement_html(
        latest
    )
    draft = Assessment.objects.filter(child=child).order_by("-version").first()
    assert draft is not None and not draft.is_signed
    page = _get(client, reverse("assessments:version", args=[child.pk, draft.pk]))
    assert f"Renamed {mother.full_name}" in page and "Rewritten in the next version." in page
    # D3, signed after the edits, shows them; D2's challenge is shown beside (not in) its document.
    d3 = Decision.objects.get(child=child, gate="D3")
    assert d3.is_signed and "Renamed Account" in d3.document.signed_by_name
    d2 = Decision.objects.get(child=child, gate="D2", version=1)
    page = _get(client, reverse("decisions:detail", args=[child.pk, d2.pk]))
    assert "Too soon." in page and "Too soon." not in region(page, "decision-document")


def test_a_document_is_frozen_on_the_row_when_signed(demo: Any, staff: Any) -> None:
    child = ready_to_return_child()
    assert child is not None
    for model in (Agreement, Assessment, Decision):
        for row in model.objects.filter(child=child):  # type: ignore[attr-defined]
            if row.is_signed:
                assert row.signed_document is not None, row
                assert row.document == type(row.document).from_json(row.signed_document)
                assert row.document.signed_by_name == row.signed_by_name
            else:
                assert row.signed_document is None, row
            assert isinstance(row.document, FrozenDocument)


def test_the_migration_freezes_the_documents_of_versions_signed_before_documents_existed(
    transactional_db: Any, demo: Any
) -> None:
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    signed = {
        (model.__name__, row.pk): row.signed_document
        for model in (Agreement, Assessment, Decision)
        for row in model.objects.all()  # type: ignore[attr-defined]
    }
    assert sum(document is not None for document in signed.values()) >= 5  # the demo's signed records
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    before = [
        ("plans", "0002_edit_version"),
        ("assessments", "0002_edit_version"),
        ("decisions", "0003_remove_own_signature_fields"),
    ]
    executor.migrate(before)
    old = executor.loader.project_state(before).apps.get_model("plans", "Agreement")
    assert "signed_document" not in {f.name for f in old._meta.get_fields()}
    executor = MigrationExecutor(connection)
    executor.migrate(latest)

    # Nothing they refer to changed since they were signed, so the migration builds what signing froze.
    frozen = {
        (model.__name__, row.pk): row.signed_document
        for model in (Agreement, Assessment, Decision)
        for row in model.objects.all()  # type: ignore[attr-defined]
    }
    # Parts of an assessment added after documents existed (the times the child was seen) are lost
    # when the database is migrated back past them, as their table goes: the rest must be as signed.
    assert _without_later_parts(frozen) == _without_later_parts(signed)
    # An agreement signed before documents existed was printed in the first layout, and is kept in it.
    agreements = [doc for (model, _), doc in frozen.items() if model == "Agreement" and doc is not None]
    assert agreements and {doc["layout"] for doc in agreements} == {1}


# The times the child was seen came after documents; the layout an agreement is printed in is chosen
# when it is signed (checked on its own above).
LATER_PARTS = ("child_seen", "layout")


def _without_later_parts(documents: dict[Any, Any]) -> dict[Any, Any]:
    return {
        key: {k: v for k, v in doc.items() if k not in LATER_PARTS} if isinstance(doc, dict) else doc
        for key, doc in documents.items()
    }
