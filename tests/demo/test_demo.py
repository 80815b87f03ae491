"""The synthetic demo: deterministic, realistic enough to show the product, and safe to reload."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from typer.testing import CliRunner

from homeward.access.models import AuditAction, AuditEvent
from homeward.children.models import Child, Episode
from homeward.children.selectors import caseload, history_of, visible_children
from homeward.demo.services import load_demo
from homeward.organisation.models import Role, StaffProfile

pytestmark = pytest.mark.django_db

TODAY = date(2025, 6, 30)


def _snapshot() -> list[tuple[Any, ...]]:
    rows: list[tuple[Any, ...]] = []
    for child in Child.objects.order_by("la_child_id"):
        episodes = tuple(
            (e.decom, e.rne, e.ls, e.cin, e.place, e.dec, e.rec)
            for e in child.episodes.order_by("decom", "id")
        )
        family = tuple(sorted(child.family.values_list("full_name", "relationship")))
        rows.append(
            (child.la_child_id, child.full_name, child.date_of_birth, child.team.name, episodes, family)
        )
    return rows


def test_same_seed_gives_the_same_demo() -> None:
    load_demo(children=8, seed=3, today=TODAY)
    first = _snapshot()
    load_demo(children=8, seed=3, today=TODAY)
    assert _snapshot() == first
    load_demo(children=8, seed=4, today=TODAY)
    assert [r[1] for r in _snapshot()] != [r[1] for r in first], "a different seed should give other children"


def test_default_demo_gives_worker_a_caseload_of_at_least_20() -> None:
    load_demo(today=TODAY)  # the default size, as `make run` loads it
    assert Child.objects.count() == 60
    worker = get_user_model().objects.get(username="worker")
    assert caseload(worker, TODAY).visible >= 20
    assert Child.objects.filter(allocated_worker=worker).count() >= 20


def test_demo_histories_are_varied_and_valid(demo: Any) -> None:
    histories = [history_of(c, list(c.episodes.all()), TODAY) for c in Child.objects.all()]
    assert any(h.failed_returns for h in histories), "some children should have re-entered care"
    assert any(h.returns_home and not h.failed_returns for h in histories), "and some stayed home"
    assert any(len(h.legal_status_history) > 1 for h in histories), "legal status changes"
    for episode in Episode.objects.all():
        episode.full_clean()  # every code is a 903 code, every ended episode has its reason


def test_showcase_child(demo: Any) -> None:
    child = demo.showcase
    assert child.la_child_id == "100001"
    assert (child.allocated_worker.username, child.iro.username) == ("worker", "iro")
    assert child.return_home_considered_since is not None
    assert history_of(child, list(child.episodes.all()), TODAY).failed_returns, (
        "the showcase has a failed return"
    )
    mother = child.family.get(relationship="mother")
    assert mother.parental_responsibility
    partner = child.family.get(relationship="mothers_partner")
    [move] = partner.memberships.all()
    assert move.household.name == "Mother's home" and move.household.is_proposed_return_home
    assert move.started >= TODAY - timedelta(days=200)
    assert child in visible_children(demo.staff["health"])


def test_demo_logins_and_roles(demo: Any) -> None:
    roles = dict(StaffProfile.objects.values_list("user__username", "role"))
    assert roles == {
        "worker": Role.SOCIAL_WORKER,
        "worker2": Role.SOCIAL_WORKER,
        "manager": Role.TEAM_MANAGER,
        "iro": Role.IRO,
        "health": Role.PARTNER,
        "analyst": Role.ANALYST,
        "admin": Role.ADMINISTRATOR,
        "dataofficer": Role.DATA_OFFICER,
    }
    assert demo.staff["worker"].profile.team != demo.staff["worker2"].profile.team
    assert demo.staff["health"].check_password("homeward-demo")
    # The administrator works through Homeward's staff pages: no demo account opens Django's admin.
    assert not get_user_model().objects.filter(is_superuser=True).exists()
    assert not get_user_model().objects.filter(is_staff=True).exists()


def test_reloading_keeps_other_accounts_and_the_audit_trail(demo: Any, client_for: Any) -> None:
    # Use the demo first: views, edits and (from other parts of Homeward) signed records.
    client_for("worker").get(f"/children/{demo.showcase.pk}/")
    colleague = get_user_model().objects.create_user("r.patel", password="x-long-password-1")
    StaffProfile.objects.create(user=colleague, role=Role.SOCIAL_WORKER, team=demo.showcase.team)
    events = AuditEvent.objects.count()
    assert AuditEvent.objects.filter(username="worker", action=AuditAction.VIEW).exists()

    load_demo(children=5, seed=2, today=TODAY)

    assert Child.objects.count() == 5
    assert AuditEvent.objects.count() == events
    # The demo's accounts are reset in place (an account with an audit trail is never deleted).
    worker = get_user_model().objects.get(username="worker")
    assert AuditEvent.objects.filter(user=worker, action=AuditAction.VIEW).exists()
    assert worker.check_password("homeward-demo") and worker.profile.role == Role.SOCIAL_WORKER
    colleague.refresh_from_db()
    assert colleague.profile.role == Role.SOCIAL_WORKER, "a real account lost its role"


def test_demo_command() -> None:
    from homeward.cli import app

    runner = CliRunner()
    result = runner.invoke(app, ["demo", "--children", "3", "--seed", "5"])
    assert result.exit_code == 0, result.output
    assert "3 synthetic children" in result.output and "homeward-demo" in result.output
    names = sorted(Child.objects.values_list("first_name", flat=True))
    result = runner.invoke(app, ["demo", "--if-empty"])
    assert result.exit_code == 0 and "already loaded" in result.output
    assert sorted(Child.objects.values_list("first_name", flat=True)) == names
