"""The README's claims about the demo hold: it is read here and checked against the demo `make run` loads."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from homeward.assessments.models import Assessment, MemberAssessment
from homeward.children.models import Child
from homeward.children.selectors import caseload, visible_children
from homeward.decisions.models import Decision
from homeward.demo.services import load_demo
from homeward.organisation.models import Role, StaffProfile
from homeward.plans.models import Agreement, ReturnPlan, SupportPlan
from tests.twofactor import sign_in_verified

pytestmark = pytest.mark.django_db

README = Path(__file__).resolve().parents[2] / "README.md"
TODAY = date(2025, 6, 30)
PASSWORD = "homeward-demo"


def _readme() -> str:
    return README.read_text(encoding="utf-8")


def _demo_section() -> str:
    text = _readme()
    start = text.index("## What you can do in the demo")
    return text[start : text.index("\n## ", start + 1)]


def _logins() -> dict[str, str]:
    """The logins table: login → who, as the README describes them."""
    rows = re.findall(r"^\| `(\w+)` \| (.+?) \|$", _readme(), flags=re.MULTILINE)
    assert rows, "the README should have a table of demo logins"
    return dict(rows)


def _named_children() -> dict[str, tuple[str, str]]:
    """903 id → (name, the README's paragraph about them), for each child the README names."""
    found = re.findall(r"^- \*\*([^*]+)\*\* \(903 id (\d+)\)(.*?)(?=^- |^\n)", _demo_section(), re.M | re.S)
    return {child_id: (name, text) for name, child_id, text in found}


@pytest.fixture
def readme_demo(db: None) -> dict[str, Any]:
    load_demo(today=TODAY)  # the default demo, as `make run` loads it
    users = {u.username: u for u in get_user_model().objects.all()}
    return users


def _client(user: Any) -> Client:
    client = Client()
    sign_in_verified(client, user)
    return client


def test_every_login_in_the_readme_exists_with_its_role_and_the_password(readme_demo: dict[str, Any]) -> None:
    logins = _logins()
    assert set(logins) == set(readme_demo), "the README lists exactly the demo's logins"
    roles = dict(StaffProfile.objects.values_list("user__username", "role"))
    for login, who in logins.items():
        assert readme_demo[login].check_password(PASSWORD)
        label = Role(roles[login]).label.lower().removesuffix(" (iro)")
        assert label in who.lower(), f"README says {login} is “{who}”, the demo says {label}"


def test_the_workers_caseload_is_the_size_the_readme_says(readme_demo: dict[str, Any]) -> None:
    [size] = re.findall(r"`worker` \| .*?a caseload of (\d+) children", _readme())
    worker = readme_demo["worker"]
    assert caseload(worker, TODAY).visible == int(size)
    assert Child.objects.filter(allocated_worker=worker).count() == int(size)


def test_the_named_children_are_the_workers_and_on_the_caseload_page(readme_demo: dict[str, Any]) -> None:
    named = _named_children()
    assert len(named) == 2, "the README names the showcase and the ready-to-return child"
    page = _client(readme_demo["worker"]).get(reverse("children:caseload")).content.decode()
    for child_id, (name, _) in named.items():
        child = Child.objects.get(la_child_id=child_id)
        assert child.full_name == name
        assert child.allocated_worker == readme_demo["worker"]
        assert child.return_home_considered_since is not None
        assert name in page


def test_the_showcase_has_an_assessment_in_progress_with_only_the_new_partner_unassessed(
    readme_demo: dict[str, Any],
) -> None:
    [(child_id, (_, text))] = [(k, v) for k, v in _named_children().items() if "showcase" in v[1]]
    assert "partner" in text and "in progress" in text and "RC1" in text
    child = Child.objects.get(la_child_id=child_id)
    [assessment] = Assessment.objects.filter(child=child)
    assert not assessment.is_signed
    assessed = set(
        MemberAssessment.objects.filter(assessment=assessment).values_list("member__relationship", flat=True)
    )
    household = {
        m.member.relationship
        for m in child.households.get(is_proposed_return_home=True).memberships.select_related("member")
        if m.ended is None
    }
    assert household - assessed == {"mothers_partner"}, "everyone but the mother's new partner is assessed"
    assert child.reunification_goals.filter(reviews__isnull=False).exists()
    assert list(child.risk_classifications.values_list("point", flat=True)) == ["RC1"]
    assert not Decision.objects.filter(child=child).exists()


def test_the_ready_child_has_the_whole_journey_up_to_d3_waiting_for_the_manager(
    readme_demo: dict[str, Any],
) -> None:
    [(child_id, (name, text))] = [(k, v) for k, v in _named_children().items() if "ready to return" in v[1]]
    for claim in ("signed assessment", "RC1 and RC2", "D1 and", "D2 signed off", "agreement signed", "D3"):
        assert claim in " ".join(text.split()), claim
    child = Child.objects.get(la_child_id=child_id)
    assert Assessment.objects.get(child=child).is_signed
    assert set(child.risk_classifications.values_list("point", flat=True)) == {"RC1", "RC2"}
    status = {d.gate: d.status for d in Decision.objects.filter(child=child)}
    assert status == {"D1": "signed_off", "D2": "signed_off", "D3": "proposed"}
    [agreement] = Agreement.objects.filter(child=child)
    assert agreement.is_signed and agreement.signed_by == readme_demo["manager"]
    plan = ReturnPlan.objects.get(child=child)
    assert plan.stages.count() >= 2
    support = SupportPlan.objects.get(child=child)
    assert support.contingency and support.services.exists()

    worker, manager = _client(readme_demo["worker"]), _client(readme_demo["manager"])
    pdf = worker.get(reverse("plans:agreement_pdf", args=[child.pk, agreement.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    d3 = Decision.objects.get(child=child, gate="D3")
    review = manager.get(reverse("decisions:review", args=[child.pk, d3.pk]))
    assert review.status_code == 200 and name in review.content.decode()


def test_each_login_sees_what_the_readme_says(readme_demo: dict[str, Any]) -> None:
    showcase = Child.objects.get(la_child_id="100001")
    record = reverse("children:record", args=[showcase.pk])
    manager = readme_demo["manager"]
    assert set(visible_children(manager, TODAY)) == set(Child.objects.filter(team=showcase.team))
    assert _client(manager).get(reverse("children:audit", args=[showcase.pk])).status_code == 200
    iro = _client(readme_demo["iro"])
    assert iro.get(reverse("decisions:list", args=[showcase.pk])).status_code == 200
    health = readme_demo["health"]
    agency = health.profile.agency
    for child in visible_children(health, TODAY):
        assert child.agency_involvements.filter(agency=agency).exists()
    assert visible_children(health, TODAY).count() < Child.objects.count()
    analyst, admin = _client(readme_demo["analyst"]), _client(readme_demo["admin"])
    assert analyst.get(reverse("outcomes:dashboard")).status_code == 200
    assert admin.get(reverse("staff:list")).status_code == 200
    for nobody in (analyst, admin):
        assert nobody.get(record).status_code == 403, "no child records, as the README says"


def test_after_the_decision_the_demo_holds_every_later_stage(readme_demo: dict[str, Any]) -> None:
    from homeward.meetings.models import Meeting
    from homeward.monitoring import alerts
    from homeward.monitoring.models import Closure, MonitoringPeriod, PeriodKind
    from homeward.notifications.models import Notification

    section = _demo_section()
    assert "nominated officer" in section and "My work" in section
    manager = readme_demo["manager"]
    assert StaffProfile.objects.get(user=manager).nominated_officer
    worker = readme_demo["worker"]
    periods = MonitoringPeriod.objects.filter(child__allocated_worker=worker)
    open_returns = periods.filter(closed_on__isnull=True, kind=PeriodKind.RETURN_HOME)
    found = alerts.alerts_for(open_returns.values_list("child_id", flat=True), TODAY)
    codes = {a.code for child_alerts in found.values() for a in child_alerts}
    claimed = {
        "visit-overdue",
        "not-seen-alone",
        "service-engagement",
        "new-household-member",
        "no-contingency-plan",
    }
    assert claimed <= codes, f"the README names alerts the demo does not raise: {claimed - codes}"
    assert MonitoringPeriod.objects.filter(closure=Closure.ENDED).exists()
    assert MonitoringPeriod.objects.filter(closure=Closure.BREAKDOWN).exists()
    assert MonitoringPeriod.objects.filter(
        closed_on__isnull=True, kind=PeriodKind.PLACED_WITH_PARENTS, child__episodes__ls__in=["C1", "C2"]
    ).exists()
    showcase = Child.objects.get(la_child_id="100001")
    meetings = Meeting.objects.filter(child=showcase)
    assert meetings.count() >= 2 and meetings.filter(minutes__signed_at__isnull=False).exists()
    health = readme_demo["health"]
    assert Notification.objects.filter(recipient=health, acknowledged_at__isnull=True).exists()
    assert (
        "Poppy Smith" in section
        and Decision.objects.filter(
            child__first_name="Poppy", child__last_name="Smith", gate="D3", signed_at__isnull=True
        ).exists()
    )
