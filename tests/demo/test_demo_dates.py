"""The demo's dates hang together: goals are agreed after the assessment started, each risk
classification comes after what it follows (RC1 the assessment, RC2 a review of the goals, RC3 the
return), and a new version of the assessment starts no earlier than the one it replaces."""

from __future__ import annotations

from datetime import date

import pytest

from homeward.assessments.models import Assessment, Goal, GoalReview, RiskClassification
from homeward.children.models import Child
from homeward.demo.services import load_demo
from homeward.monitoring.models import MonitoringPeriod

pytestmark = pytest.mark.django_db

TODAY = date(2025, 6, 30)


@pytest.fixture
def demo_db() -> None:
    load_demo(children=30, seed=11, today=TODAY)


def _first_started(child: Child) -> date | None:
    first = Assessment.objects.filter(child=child).order_by("version").first()
    return first.started_on if first else None


def test_goals_are_agreed_after_the_assessment_started_and_reviewed_after(demo_db: None) -> None:
    goals = list(Goal.objects.select_related("child"))
    assert goals, "the demo has goals"
    for goal in goals:
        started = _first_started(goal.child)
        assert started is not None and goal.set_on >= started, (goal.child, goal.set_on, started)
        for review in GoalReview.objects.filter(goal=goal):
            assert review.reviewed_on >= goal.set_on, (goal.child, review.reviewed_on, goal.set_on)


def test_risk_classifications_come_after_what_they_follow(demo_db: None) -> None:
    found = list(RiskClassification.objects.select_related("child").order_by("classified_on"))
    assert {r.point for r in found} >= {"RC1", "RC2", "RC3"}
    for r in found:
        child = r.child
        started = _first_started(child)
        if r.point == "RC1":
            assert started is not None and r.classified_on >= started, (child, r.classified_on, started)
        if r.point == "RC2":
            reviews = GoalReview.objects.filter(goal__child=child, reviewed_on__lte=r.classified_on)
            assert reviews.exists(), f"{child}: RC2 on {r.classified_on} before any review of the goals"
            earlier = RiskClassification.objects.filter(child=child, point="RC1")
            assert all(e.classified_on <= r.classified_on for e in earlier), child
        if r.point == "RC3":
            home = MonitoringPeriod.objects.filter(child=child, started_on__lte=r.classified_on)
            assert home.exists(), f"{child}: RC3 on {r.classified_on} before the return"


def test_a_new_assessment_version_starts_no_earlier_than_the_one_it_replaces(demo_db: None) -> None:
    for later in Assessment.objects.filter(supersedes__isnull=False).select_related("supersedes"):
        before = later.supersedes
        assert before is not None and later.started_on >= (before.completed_on or before.started_on)
