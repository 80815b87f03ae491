"""My work for each role: what is waiting, read from the records."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone

from homeward.access.models import AuditAction, AuditEvent
from homeward.decisions import services as decisions
from homeward.mywork import selectors
from homeward.organisation.models import StaffProfile
from tests.moves.helpers import ready_child, sign_d3


def _section(user: Any, key: str) -> list[selectors.Item]:
    sections, _ = selectors.my_work(user, timezone.localdate())
    return next(s.items for s in sections if s.key == key)


def test_the_manager_sees_the_d3_waiting_and_then_the_return_to_approve(demo: Any, staff: Any) -> None:
    child = ready_child()
    waiting = _section(staff["manager"], "sign")
    assert [(i.child, i.what[:2]) for i in waiting] == [(child, "D3")]
    assert _section(staff["manager"], "approvals") == []
    sign_d3(child, staff["manager"])
    assert _section(staff["manager"], "sign") == []
    approvals = _section(staff["manager"], "approvals")
    assert [i.child for i in approvals] == [child]
    planned = [i for i in _section(staff["manager"], "team") if i.child == child]
    assert [i.tag for i in planned] == ["Return planned"] and "waiting for approval" in planned[0].what
    assert approvals[0].link == reverse("moves:approve", args=[child.pk])
    # A manager who is not a nominated officer is not asked.
    StaffProfile.objects.filter(user=staff["manager"]).update(nominated_officer=False)
    staff["manager"].refresh_from_db()
    assert _section(staff["manager"], "approvals") == []


def test_a_challenge_waits_on_the_worker_and_the_iro_sees_it_outstanding(demo: Any, staff: Any) -> None:
    child = ready_child()
    child.iro = staff["iro"]
    child.save(update_fields=["iro"])
    d3 = sign_d3(child, staff["manager"])
    challenge = decisions.challenge(
        d3, staff["iro"], text="Too soon after the partner moved in.", disagrees=True
    )
    assert [i.child for i in _section(staff["worker"], "challenges")] == [child]
    assert [i.child for i in _section(staff["iro"], "challenges")] == [child]
    assert any(i.child == child for i in _section(staff["iro"], "read"))
    decisions.answer_challenge(challenge, staff["worker"], text="The partner's assessment is done.")
    assert _section(staff["worker"], "challenges") == []
    assert [i.child for i in _section(staff["manager"], "challenges")] == [child]
    assert [i.child for i in _section(staff["iro"], "challenges")] == [child]


def test_my_work_is_the_start_page_and_its_listing_is_audited(demo: Any, client_for: Any, staff: Any) -> None:
    child = ready_child()
    client = client_for("manager")
    home = client.get(reverse("home"))
    assert home.headers["Location"] == reverse("mywork:start")
    page = client.get(reverse("mywork:start"))
    assert page.status_code == 200 and child.full_name.encode() in page.content
    event = AuditEvent.objects.filter(action=AuditAction.LIST, what="my work").latest("at")
    assert child.pk in set(event.listed.values_list("child_id", flat=True))


def test_after_a_return_the_worker_sees_visits_due_and_alerts_and_the_manager_the_team_view(
    demo: Any, staff: Any
) -> None:
    from datetime import timedelta

    from homeward.moves import services as moves
    from homeward.moves.models import MoveKind

    child = ready_child()
    today = timezone.localdate()
    details = moves.MoveDetails(
        kind=MoveKind.RETURN_HOME,
        moved_on=today - timedelta(days=40),
        planned=False,
        unplanned_reason="other",
    )
    moves.record_move(child, details, user=staff["worker"])
    visits = [i for i in _section(staff["worker"], "visits") if i.child == child]
    assert visits and visits[0].tag == "Overdue"
    codes = {i.what.split(":")[0] for i in _section(staff["worker"], "alerts") if i.child == child}
    assert "A visit is overdue" in codes or any("overdue" in c.lower() for c in codes)
    team = [i for i in _section(staff["manager"], "team") if i.child == child]
    assert team and team[0].colour == "red" and "alert" in team[0].tag
    # health is told of the move and sees it on its My work.
    assert (
        any(i.child == child for i in _section(staff["health"], "notifications"))
        == child.agency_involvements.filter(
            agency__workers__user=staff["health"], ended__isnull=True
        ).exists()
    )


def test_the_children_are_filtered_by_a_subquery_not_a_list_of_their_ids(demo: Any, staff: Any) -> None:
    import re

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from homeward.children.selectors import visible_children

    for role in ("worker", "manager", "iro"):
        seen = visible_children(staff[role], timezone.localdate()).count()
        assert seen > 5
        with CaptureQueriesContext(connection) as queries:
            selectors.my_work(staff[role], timezone.localdate())
        # The longest list of numbers any statement holds: a few, never one per child seen.
        lists = [m.count(",") + 1 for q in queries for m in re.findall(r"IN \(([\d, %s]+)\)", q["sql"])]
        assert max(lists, default=0) < seen, (role, max(lists), seen)
