"""Two people edit the same record: the second save, made from a form drawn before the first, is refused
with both versions shown, saves nothing, and keeps what the second person typed in the form.

Run on SQLite by `make test` and on PostgreSQL by `make test-postgres`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from homeward.assessments.models import MemberAssessment
from homeward.assessments.selectors import current_assessment
from homeward.children.models import Child, FamilyMember
from homeward.chronology.models import AnalysisNote, SignificantEvent
from homeward.plans import services as plan_services
from homeward.plans.models import Agreement, ReturnPlan, SupportPlan
from tests.assessments.helpers import partner_of
from tests.pages import drawn_version
from tests.twofactor import sign_in_verified


def _date(name: str, day: date) -> dict[str, str]:
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


@dataclass(frozen=True)
class Case:
    """One editable record: its form page, two people's answers and what is stored."""

    name: str
    url: Callable[[Child], str]
    first: dict[str, Any]
    second: dict[str, Any]
    stored: Callable[[Child], str]  # the text field both answers change
    first_text: str
    second_text: str
    setup: Callable[[Child, Any], None] = lambda child, worker: None


def _member(child: Child) -> FamilyMember:
    return child.family.order_by("full_name").first()  # type: ignore[return-value]


def _agreement(child: Child) -> Agreement:
    return Agreement.objects.filter(child=child).latest("version")


def _start_agreement(child: Child, worker: Any) -> None:
    plan_services.start_agreement(child, worker)


def _member_form(
    name: str, notes: str, member: Callable[[Child], FamilyMember]
) -> Callable[[Child], dict[str, Any]]:
    def data(child: Child) -> dict[str, Any]:
        person = member(child)
        return {
            "full_name": person.full_name,
            "relationship": person.relationship,
            "parental_responsibility": "yes" if person.parental_responsibility else "no",
            "notes": notes,
        }

    return data


TODAY = timezone.localdate()
CASES = [
    Case(
        name="a family member",
        url=lambda child: reverse("children:member_edit", args=[child.pk, _member(child).pk]),
        first={"notes": "Works nights; call after 2pm."},
        second={"notes": "Moved to a new flat in March."},
        stored=lambda child: _member(child).notes,
        first_text="Works nights; call after 2pm.",
        second_text="Moved to a new flat in March.",
    ),
    Case(
        name="the child's own words",
        url=lambda child: reverse("assessments:child", args=[child.pk]),
        first={
            "wishes_in_own_words": "I want to go home to Mum.",
            "wishes_seen_alone": "yes",
            "wishes_pressure_considered": "yes",
            **_date("wishes_recorded_on", TODAY),
        },
        second={
            "wishes_in_own_words": "I like it here with my carers.",
            "wishes_seen_alone": "no",
            "wishes_pressure_considered": "no",
            **_date("wishes_recorded_on", TODAY),
        },
        stored=lambda child: current_assessment(child).wishes_in_own_words,  # type: ignore[union-attr]
        first_text="I want to go home to Mum.",
        second_text="I like it here with my carers.",
    ),
    Case(
        name="a household member's assessment",
        url=lambda child: reverse("assessments:member", args=[child.pk, partner_of(child).pk]),
        first={
            "outcome": "assessed",
            **_date("assessed_on", TODAY),
            "summary": "Two visits; checks clear.",
            "poses_risk": "no",
        },
        second={
            "outcome": "assessed",
            **_date("assessed_on", TODAY),
            "summary": "One visit; checks pending.",
            "poses_risk": "yes",
        },
        stored=lambda child: MemberAssessment.objects.get(member=partner_of(child)).summary,
        first_text="Two visits; checks clear.",
        second_text="One visit; checks pending.",
    ),
    Case(
        name="a parent's part of the agreement",
        url=lambda child: reverse(
            "plans:agreement_section",
            args=[child.pk, _agreement(child).parents.order_by("pk").first().pk],  # type: ignore[union-attr]
        ),
        first={"conditions": "No alcohol while caring.", **_date("agreed_on", TODAY - timedelta(days=1))},
        second={
            "conditions": "Attend every contact session.",
            **_date("agreed_on", TODAY - timedelta(days=1)),
        },
        stored=lambda child: _agreement(child).parents.order_by("pk").first().conditions,  # type: ignore[union-attr]
        first_text="No alcohol while caring.",
        second_text="Attend every contact session.",
        setup=_start_agreement,
    ),
    Case(
        name="the return plan",
        url=lambda child: reverse("plans:return_plan_edit", args=[child.pk]),
        first={"notes": "Staged over six weeks.", "timing_reason": ""},
        second={"notes": "Return after the school term.", "timing_reason": ""},
        stored=lambda child: ReturnPlan.objects.get(child=child).notes,
        first_text="Staged over six weeks.",
        second_text="Return after the school term.",
    ),
    Case(
        name="the support plan",
        url=lambda child: reverse("plans:support_edit", args=[child.pk]),
        first={"months": "12", "contingency": "Back to the same foster carers."},
        second={"months": "6", "contingency": "A family group conference."},
        stored=lambda child: SupportPlan.objects.get(child=child).contingency,
        first_text="Back to the same foster carers.",
        second_text="A family group conference.",
    ),
    Case(
        name="a significant event in the chronology",
        url=lambda child: reverse("chronology:event_change", args=[child.pk, _significant(child).pk]),
        first={
            **_date("happened_on", date(2025, 3, 3)),
            "description": "Disclosed at school",
            "source": "Teacher",
        },
        second={
            **_date("happened_on", date(2025, 3, 3)),
            "description": "Told a neighbour",
            "source": "Neighbour",
        },
        stored=lambda child: _significant(child).description,
        first_text="Disclosed at school",
        second_text="Told a neighbour",
    ),
    Case(
        name="an analysis note in the chronology",
        url=lambda child: reverse("chronology:note", args=[child.pk, _agency_key(child)]),
        first={"note": "Health became involved when the worries began."},
        second={"note": "Health came in late."},
        stored=lambda child: AnalysisNote.objects.get(child=child, event_key=_agency_key(child)).note,
        first_text="Health became involved when the worries began.",
        second_text="Health came in late.",
    ),
]


def _significant(child: Child) -> SignificantEvent:
    """The child's latest significant event (the demo adds two to the showcase child's chronology)."""
    return SignificantEvent.objects.filter(child=child).latest("pk")


def _agency_key(child: Child) -> str:
    return f"agency-{child.agency_involvements.order_by('pk').first().pk}-start"  # type: ignore[union-attr]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_a_stale_save_is_refused_with_both_versions_and_loses_neither(
    case: Case, demo: Any, client_for: Callable[[str], Client]
) -> None:
    child = demo.showcase
    case.setup(child, demo.staff["worker"])
    worker, manager = client_for("worker"), client_for("manager")
    url = case.url(child)
    base = _member_form("", "", _member)(child) if case.name == "a family member" else {}
    worker_version = drawn_version(worker, url)
    manager_version = drawn_version(manager, url)  # both open the form before either saves

    saved = worker.post(url, {**base, **case.first, "edit_version": worker_version})
    assert saved.status_code == 302, saved.content.decode()[:2000]
    refused = manager.post(url, {**base, **case.second, "edit_version": manager_version})

    assert refused.status_code == 409
    page = refused.content.decode()
    assert 'data-testid="edit-conflict"' in page and 'data-testid="conflict-comparison"' in page
    assert case.first_text in page  # what the worker saved, shown
    assert case.second_text in page  # what the manager typed, still in front of them
    assert case.stored(child) == case.first_text  # nothing of the stale save was written

    # The conflict page's form carries the version now saved: saving it again is a deliberate choice.
    again = manager.post(url, {**base, **case.second, "edit_version": refused.context["edit_version"]})
    assert again.status_code == 302
    assert case.stored(child) == case.second_text


def test_a_form_without_its_version_saves_nothing(demo: Any, client_for: Callable[[str], Client]) -> None:
    child = demo.showcase
    member = _member(child)
    url = reverse("children:member_edit", args=[child.pk, member.pk])
    data = {**_member_form("", "Typed into an old page", _member)(child), "edit_version": "not a number"}

    response = client_for("worker").post(url, data)

    assert response.status_code == 409
    member.refresh_from_db()
    assert member.notes != "Typed into an old page"


def test_a_plan_first_made_by_someone_else_is_not_overwritten(
    demo: Any, client_for: Callable[[str], Client]
) -> None:
    child = demo.showcase
    ReturnPlan.objects.filter(child=child).delete()
    url = reverse("plans:return_plan_edit", args=[child.pk])
    worker, manager = client_for("worker"), client_for("manager")
    assert drawn_version(worker, url) == drawn_version(manager, url) == "0"  # no plan yet

    assert worker.post(url, {"notes": "The worker's plan", "edit_version": "0"}).status_code == 302
    refused = manager.post(url, {"notes": "The manager's plan", "edit_version": "0"})

    assert refused.status_code == 409
    assert ReturnPlan.objects.get(child=child).notes == "The worker's plan"


def test_an_account_changed_by_another_administrator_is_not_overwritten(
    demo: Any, client_for: Callable[[str], Client]
) -> None:
    worker = demo.staff["worker2"]
    url = reverse("staff:change", args=[worker.pk])
    first, second = client_for("admin"), Client()
    sign_in_verified(second, demo.staff["admin"])
    team = worker.profile.team_id
    first_version, second_version = drawn_version(first, url), drawn_version(second, url)

    data = {"role": "social_worker", "team": team, "is_active": "yes"}
    assert first.post(url, {**data, "is_active": "no", "edit_version": first_version}).status_code == 302
    refused = second.post(url, {**data, "role": "team_manager", "edit_version": second_version})

    assert refused.status_code == 409
    worker.refresh_from_db()
    assert not worker.is_active and worker.profile.role == "social_worker"
