"""What the monitoring page reads: where the period stands, the trusted adult and RC3."""

from __future__ import annotations

import pytest

from homeward.assessments import services as assessments
from homeward.monitoring import selectors, services
from homeward.monitoring.models import ReviewKind
from homeward.plans import services as plans
from tests.monitoring.helpers import ago, monitored, visit, world

pytestmark = pytest.mark.django_db


def test_progress_counts_from_the_last_time_the_child_was_seen() -> None:
    w = world()
    p = monitored(w, 1, days_ago=60)
    before = selectors.progress(p, ago(0))
    assert before.last_seen_on is None and before.next_visit_due == ago(32) and before.visit_overdue
    visit(p, w.worker, 10)
    services.record_visit(
        p,
        w.worker,
        visited_on=ago(2),
        child_seen=False,
        seen_alone=False,
        seen_away_from_home=False,
        raises_concern=False,
    )
    after = selectors.progress(p, ago(0))
    assert after.last_seen_on == ago(10) and after.next_visit_due == ago(-18) and not after.visit_overdue
    assert "In monitoring until" in after.stage and not after.final_review_done
    services.record_review(p, w.worker, kind=ReviewKind.SIX_MONTHS, reviewed_on=ago(1), outcome="Fine")
    assert selectors.progress(p, ago(0)).six_month_review_done


def test_the_trusted_adult_and_rc3_come_from_the_plan_and_the_classification() -> None:
    w = world()
    p = monitored(w, 1)
    assert selectors.trusted_adult(p.child) == "" and selectors.rc3(p.child) is None
    plans.save_support_plan(p.child, w.worker, months=12, trusted_adult="Mrs Ahmed, head of year")
    rc = assessments.classify_risk(
        p.child, w.worker, point="RC3", level="low", classified_on=ago(1), reasons="Settled", case_team="Team"
    )
    assert selectors.trusted_adult(p.child) == "Mrs Ahmed, head of year"
    assert selectors.rc3(p.child) == rc
