"""The agreement and plans reach the framework: its D2/D3 gaps fire without them and clear with them."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from homeward.plans import services
from homeward.snapshot import build_snapshot, evaluate_child
from tests.plans.helpers import write_agreement, write_plans

PLAN_GAPS = {
    "agreement-missing",
    "agreement-missing-consequences",
    "agreement-incomplete",
    "return-plan-not-staged",
    "timing-pressure",
    "no-support-plan-after-return",
    "no-contingency-plan",
}


def _gaps(child: Any) -> set[str]:
    return {f.id for f in evaluate_child(child, "D3", timezone.localdate()).gaps} & PLAN_GAPS


def test_d3_gaps_fire_without_the_agreement_and_plans_and_clear_with_them(demo: Any, staff: Any) -> None:
    child = demo.showcase
    worker = staff["worker"]
    assert _gaps(child) == {
        "agreement-missing",
        "return-plan-not-staged",
        "no-support-plan-after-return",
        "no-contingency-plan",
    }

    # An agreement without consequences; a return timed for Christmas, not yet staged.
    write_agreement(child, worker, consequences=False)
    services.save_return_plan(
        child,
        worker,
        proposed_on=timezone.localdate(),
        timing_reason="christmas",
        timing_note="Home for Christmas",
    )
    assert _gaps(child) == {
        "agreement-missing-consequences",
        "return-plan-not-staged",
        "timing-pressure",
        "no-support-plan-after-return",
        "no-contingency-plan",
    }

    # The whole agreement (a new one), a staged plan timed by progress, support and contingency.
    child.agreements.all().delete()
    write_agreement(child, worker)
    write_plans(child, worker)
    assert _gaps(child) == set()


def test_the_snapshot_reads_the_agreement_and_plans(demo: Any, staff: Any) -> None:
    child = demo.showcase
    agreement = write_agreement(child, staff["worker"])
    write_plans(child, staff["worker"])
    snapshot = build_snapshot(child, timezone.localdate())
    assert snapshot.agreement is not None
    assert snapshot.agreement.has_conditions and snapshot.agreement.has_support
    assert snapshot.agreement.has_consequences
    assert snapshot.agreement.agreed_on == max(s.agreed_on for s in agreement.parents.all() if s.agreed_on)
    assert snapshot.return_plan is not None and snapshot.return_plan.staged
    assert snapshot.return_plan.timing_reason == "goals_met"
    assert snapshot.support_plan is not None and snapshot.support_plan.months == 12
    assert "Early help team" in snapshot.support_plan.summary
    assert snapshot.contingency_plan is not None


def test_short_support_still_raises_the_gap(demo: Any, staff: Any) -> None:
    child = demo.showcase
    write_plans(child, staff["worker"])
    services.save_support_plan(child, staff["worker"], months=6, contingency="Back to foster care")
    assert "no-support-plan-after-return" in _gaps(child)


def test_the_agreement_counts_from_the_day_it_was_written(demo: Any, staff: Any) -> None:
    child = demo.showcase
    write_agreement(child, staff["worker"])
    yesterday = timezone.localdate() - timedelta(days=1)
    assert build_snapshot(child, yesterday).agreement is None
    assert build_snapshot(child, timezone.localdate()).agreement is not None
