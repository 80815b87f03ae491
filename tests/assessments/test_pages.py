"""Pages of the assessment, evidence, goals and risk classifications through the Django test client."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from django.urls import reverse
from django.utils import timezone

from homeward.assessments import selectors, services
from homeward.assessments.models import Assessment, ChildSeen, Evidence, GoalReview, RiskClassification
from homeward.snapshot import evaluate_child
from homeward.snapshot.series import t_score_series
from tests.assessments.helpers import clear_reunification, mother_of
from tests.pages import post_form

Client = Callable[[str | None], Any]


def _date(name: str, day: date) -> dict[str, int]:
    return {f"{name}_0": day.day, f"{name}_1": day.month, f"{name}_2": day.year}


def test_start_from_the_record_marks_a_return_home_as_considered(demo: Any, client_for: Client) -> None:
    child = clear_reunification(demo.showcase)
    child.return_home_considered_since = None
    child.save()
    worker = client_for("worker")
    record = worker.get(reverse("children:record", args=[child.pk])).content.decode()
    start = reverse("assessments:start", args=[child.pk])
    assert f'href="{start}"' in record
    assert worker.post(start).status_code == 302
    child.refresh_from_db()
    assert child.return_home_considered_since == timezone.localdate()
    assert Assessment.objects.filter(child=child).count() == 1


def test_evidence_is_listed_with_days_from_seen_to_written_up(demo: Any, client_for: Client) -> None:
    child = demo.showcase
    today = timezone.localdate()
    response = client_for("worker").post(
        reverse("assessments:evidence_add", args=[child.pk]),
        {
            "description": "Phone call from the school",
            "source": "Ms Ahmed, head teacher",
            "kind": "verbal_report",
            **_date("seen_on", today - timedelta(days=10)),
            **_date("written_up_on", today),
        },
    )
    assert response.status_code == 302
    item = Evidence.objects.get(description="Phone call from the school")
    assert item.days_to_write_up == 10
    page = client_for("iro").get(reverse("assessments:evidence", args=[child.pk])).content.decode()
    assert "Phone call from the school" in page and "10 days later" in page


def test_a_goal_is_set_and_reviewed_with_a_gas_score(demo: Any, client_for: Client) -> None:
    child = clear_reunification(demo.showcase)
    worker = client_for("worker")
    today = timezone.localdate()
    mother = mother_of(child)
    response = worker.post(
        reverse("assessments:goal_add", args=[child.pk]),
        {
            "parent": mother.pk,
            "description": "Keep the home safe",
            **_date("set_on", today - timedelta(days=30)),
        },
    )
    assert response.status_code == 302
    goal = selectors.goals_for(child)[0]
    url = reverse("assessments:goal_review", args=[child.pk, goal.pk])
    assert worker.post(url, {"score": "3", **_date("reviewed_on", today)}).status_code == 400
    # a score citing no evidence is saved only once the worker confirms, having read the warning
    warned = worker.post(url, {"score": "-1", **_date("reviewed_on", today)})
    assert warned.status_code == 400 and not GoalReview.objects.filter(goal=goal).exists()
    assert "No evidence is ticked" in warned.content.decode()
    confirmed = {"score": "-1", "save_anyway": "on", **_date("reviewed_on", today)}
    assert worker.post(url, confirmed).status_code == 302
    assert GoalReview.objects.get(goal=goal).score == -1
    page = worker.get(reverse("assessments:goals", args=[child.pk])).content.decode()
    # One goal at −1: T = 50 + 10·(−1)/√(0.7 + 0.3) = 40.0, amber (not below the concern level, 40).
    assert [(p.t_score, p.status) for p in t_score_series(child, today)] == [(40.0, "amber")]
    assert "40.0" in page


def test_a_risk_classification_is_recorded_with_reasons(demo: Any, client_for: Client) -> None:
    child = clear_reunification(demo.showcase)
    response = client_for("manager").post(
        reverse("assessments:risk_classification_add", args=[child.pk]),
        {
            "point": "RC1",
            "level": "medium",
            **_date("classified_on", timezone.localdate()),
            "reasons": "Home conditions improved; mother engaging.",
            "case_team": "Sam Okafor, Helen Marsh",
        },
    )
    assert response.status_code == 302
    rc = RiskClassification.objects.get(child=child)
    assert (rc.point, rc.level, rc.case_team) == ("RC1", "medium", "Sam Okafor, Helen Marsh")
    page = (
        client_for("iro").get(reverse("assessments:risk_classifications", args=[child.pk])).content.decode()
    )
    assert "Home conditions improved" in page


def test_a_new_version_is_started_from_a_signed_one_and_listed(demo: Any, client_for: Client) -> None:
    child = demo.showcase
    worker = client_for("worker")
    sign = reverse("assessments:sign", args=[child.pk])
    assert worker.post(sign, _date("completed_on", timezone.localdate())).status_code == 302
    new_version = reverse("assessments:new_version", args=[child.pk])
    response = worker.post(new_version, {"reason": "The mother's partner moved in"})
    assert response.status_code == 302
    versions = worker.get(reverse("assessments:versions", args=[child.pk])).content.decode()
    assert "Version 2" in versions and "Version 1" in versions
    assert "The mother&#x27;s partner moved in" in versions
    old = Assessment.objects.get(child=child, version=1)
    assert old.is_signed and Assessment.objects.get(child=child, version=2).supersedes == old


def test_partner_agencies_do_not_see_the_assessment(demo: Any, client_for: Client) -> None:
    child = demo.showcase
    health = client_for("health")
    assert health.get(reverse("assessments:overview", args=[child.pk])).status_code == 403
    assert health.get(reverse("decisions:list", args=[child.pk])).status_code == 403


def test_each_finding_links_to_where_it_is_dealt_with(demo: Any, client_for: Client) -> None:
    child = demo.showcase
    overview = reverse("assessments:overview", args=[child.pk])
    worker_page = client_for("worker").get(overview).content.decode()
    assert f'href="{overview}#household">Assess the household' in worker_page
    assert f'href="{reverse("assessments:sign", args=[child.pk])}"' in worker_page
    # The IRO reads: no links to pages that change the assessment.
    iro_page = client_for("iro").get(overview).content.decode()
    assert f'href="{reverse("assessments:sign", args=[child.pk])}"' not in iro_page


def test_the_childs_own_words_are_recorded_with_who_was_there(demo: Any, client_for: Client) -> None:
    child = demo.showcase
    today = timezone.localdate()
    response = post_form(
        client_for("worker"),
        reverse("assessments:child", args=[child.pk]),
        {
            "child_needs": "",
            "early_experiences": "",
            **_date("wishes_recorded_on", today),
            "wishes_in_own_words": "I miss my dog. I want to live with Mum.",
            "wishes_present": "Sam Okafor, social worker\nMs Ahmed, teacher",
            "wishes_seen_alone": "no",
            "wishes_pressure_considered": "yes",
            "wishes_pressure_notes": "Asked at school, not after contact.",
        },
    )
    assert response.status_code == 302
    assessment = selectors.current_assessment(child)
    assert assessment is not None
    assert assessment.wishes_recorded_on == today and assessment.child_needs == ""
    assert assessment.present_list == ["Sam Okafor, social worker", "Ms Ahmed, teacher"]
    assert (assessment.wishes_seen_alone, assessment.wishes_pressure_considered) == (False, True)
    finding_ids = {f.id for f in evaluate_child(child, "D1", today).findings}
    # The demo also records a time the child was seen alone at school: that occasion counts.
    assert "child-not-seen-alone" not in finding_ids
    assert "child-wishes-pressure-not-considered" not in finding_ids
    ChildSeen.objects.filter(assessment=assessment, seen_alone=True).delete()
    assert "child-not-seen-alone" in {f.id for f in evaluate_child(child, "D1", today).findings}


def test_the_carer_form_chooses_no_answer_for_the_worker(demo: Any, client_for: Client) -> None:
    # GOV.UK radios: a safeguarding question never comes with an answer chosen.
    from homeward.assessments import services

    child = demo.showcase
    worker = demo.staff["worker"]
    if selectors.current_assessment(child) is None:
        services.start_assessment(child, worker, timezone.localdate())
    carer = selectors.carers(child)[0]
    page = client_for("worker").get(reverse("assessments:carer", args=[child.pk, carer.pk]))
    assert page.status_code == 200
    assert b'name="assessed_separately"' in page.content
    assert b"checked" not in page.content


def _goals_and_evidence(child: Any, user: Any) -> tuple[Any, Any, Evidence, Evidence]:
    """Two goals for the mother, set a month ago, and an attendance and an observation item."""
    today = timezone.localdate()
    mother = mother_of(child)
    first = services.add_goal(
        child, user, parent=mother, description="Keep the home safe", set_on=today - timedelta(days=30)
    )
    second = services.add_goal(
        child,
        user,
        parent=mother,
        description="Keep to the treatment plan",
        set_on=today - timedelta(days=30),
    )
    seen_on, written_up_on = today - timedelta(days=3), today - timedelta(days=2)
    attended, observed = (
        services.add_evidence(
            child,
            user,
            description=description,
            source=source,
            kind=kind,
            seen_on=seen_on,
            written_up_on=written_up_on,
        )
        for description, source, kind in (
            ("Attended the parenting course", "Family Hub", "attendance"),
            ("Home visit: clean and safe", "Sam Okafor", "observation"),
        )
    )
    return first, second, attended, observed


def test_a_review_resting_on_attendance_only_warns_before_saving(demo: Any, client_for: Client) -> None:
    child = clear_reunification(demo.showcase)
    worker = client_for("worker")
    first, _second, attended, observed = _goals_and_evidence(child, demo.staff["worker"])
    today = timezone.localdate()
    url = reverse("assessments:goal_review", args=[child.pk, first.pk])
    page = worker.get(url).content.decode()
    assert "save_anyway" not in page and "govuk-warning-text" not in page  # nothing asked before a POST
    answer = {"score": "2", "evidence": [attended.pk], **_date("reviewed_on", today)}
    warned = worker.post(url, answer)
    text = warned.content.decode()
    assert warned.status_code == 400 and not GoalReview.objects.filter(goal=first).exists()
    assert "govuk-warning-text" in text and "The only evidence ticked is attendance" in text
    assert 'name="save_anyway"' in text and "checked" not in text.split('name="save_anyway"')[1].split(">")[0]
    # the partial review is named before saving too
    assert "are not scored on that date: &#x27;Keep to the treatment plan&#x27;" in text
    # ticking an observation as well: it counts, and saves without asking
    assert worker.post(url, {**answer, "evidence": [attended.pk, observed.pk]}).status_code == 302
    assert GoalReview.objects.get(goal=first).score == 2


def test_saving_one_goal_of_two_says_which_is_not_scored(demo: Any, client_for: Client) -> None:
    child = clear_reunification(demo.showcase)
    worker = client_for("worker")
    first, second, _attended, observed = _goals_and_evidence(child, demo.staff["worker"])
    today = timezone.localdate()
    answer = {"score": "1", "evidence": [observed.pk], **_date("reviewed_on", today)}
    done = worker.post(reverse("assessments:goal_review", args=[child.pk, first.pk]), answer, follow=True)
    text = done.content.decode()
    assert "Not yet scored on" in text and "&#x27;Keep to the treatment plan&#x27;" in text
    points = t_score_series(child, today)
    assert [(p.partial, p.goals, p.goals_due, p.status) for p in points] == [(True, 1, 2, "partial")]
    goals_page = worker.get(reverse("assessments:goals", args=[child.pk])).content.decode()
    assert 'data-testid="partial-review"' in goals_page and "1 of 2" in goals_page
    # the second goal scored the same day: the review is complete, and green
    done = worker.post(reverse("assessments:goal_review", args=[child.pk, second.pk]), answer, follow=True)
    assert "Not yet scored on" not in done.content.decode()
    assert [(p.partial, p.status) for p in t_score_series(child, today)] == [(False, "green")]
