"""The pages of the reunification journey through the Django test client: what a worker, a manager
and an IRO see and can do, and what is refused."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from homeward.assessments import selectors
from homeward.assessments.models import MemberAssessment
from homeward.decisions.models import Decision, Status
from homeward.snapshot import evaluate_child
from homeward.snapshot.series import t_score_series
from tests.assessments.helpers import partner_of
from tests.pages import post_form

Client = Callable[[str | None], Any]


def _assess_partner(client: Any, child: Any) -> Any:
    partner = partner_of(child)
    today = timezone.localdate()
    return post_form(
        client,
        reverse("assessments:member", args=[child.pk, partner.pk]),
        {
            "outcome": "assessed",
            "assessed_on_0": today.day,
            "assessed_on_1": today.month,
            "assessed_on_2": today.year,
            "summary": "Two visits; police checks clear.",
            "poses_risk": "no",
        },
    )


def _sign(client: Any, child: Any) -> Any:
    today = timezone.localdate()
    return client.post(
        reverse("assessments:sign", args=[child.pk]),
        {"completed_on_0": today.day, "completed_on_1": today.month, "completed_on_2": today.year},
    )


def _answers(child: Any, gate: str = "D2") -> dict[str, str]:
    evaluation = evaluate_child(child, gate, timezone.localdate())
    return {f"finding_{f.id}": f"Answer to {f.id}" for f in evaluation.findings}


def _propose(client: Any, child: Any, answers: dict[str, str]) -> Any:
    data = {"answer": "maybe", "rationale": "Real progress; the partner is new.", **answers}
    return client.post(reverse("decisions:propose", args=[child.pk, "D2"]), data)


def test_record_page_shows_the_frameworks_cautions_and_the_assessment(demo: Any, client_for: Client) -> None:
    child = demo.showcase
    page = client_for("worker").get(reverse("children:record", args=[child.pk])).content.decode()
    assert 'data-testid="reunification-panel"' in page
    assert 'data-finding="previous-failed-return"' in page
    assert "Open the reunification assessment" in page
    # Partner agencies do not see the reunification panel.
    health = client_for("health").get(reverse("children:record", args=[child.pk])).content.decode()
    assert 'data-testid="reunification-panel"' not in health


def test_overview_names_the_unassessed_partner_until_assessed(demo: Any, client_for: Client) -> None:
    child = demo.showcase
    worker = client_for("worker")
    url = reverse("assessments:overview", args=[child.pk])
    page = worker.get(url).content.decode()
    assert 'data-finding="household-member-not-assessed"' in page
    assert partner_of(child).full_name in page
    response = _assess_partner(worker, child)
    assert response.status_code == 302
    assert MemberAssessment.objects.get(member=partner_of(child)).outcome == "assessed"
    assert 'data-finding="household-member-not-assessed"' not in worker.get(url).content.decode()


def test_member_form_errors_are_shown_in_an_error_summary(demo: Any, client_for: Client) -> None:
    child = demo.showcase
    url = reverse("assessments:member", args=[child.pk, partner_of(child).pk])
    response = post_form(client_for("worker"), url, {"outcome": "excluded", "excluded_reason": ""})
    assert response.status_code == 400
    page = response.content.decode()
    assert "govuk-error-summary" in page and "Enter why they are excluded from the assessment" in page


def test_propose_shows_every_finding_beside_an_answer_box(demo: Any, client_for: Client) -> None:
    child = demo.showcase
    worker = client_for("worker")
    _assess_partner(worker, child)
    _sign(worker, child)
    evaluation = evaluate_child(child, "D2", timezone.localdate())
    page = worker.get(reverse("decisions:propose", args=[child.pk, "D2"])).content.decode()
    for finding in evaluation.findings:
        assert f'name="finding_{finding.id}"' in page
        assert escape(finding.message) in page


def test_a_proposal_with_an_unanswered_finding_is_refused(demo: Any, client_for: Client) -> None:
    child = demo.showcase
    worker = client_for("worker")
    _assess_partner(worker, child)
    _sign(worker, child)
    answers = _answers(child)
    missing = sorted(answers)[0]
    response = _propose(worker, child, {**answers, missing: ""})
    assert response.status_code == 400
    assert "govuk-error-summary" in response.content.decode()
    assert f'href="#id_{missing}"' in response.content.decode()
    assert not Decision.objects.filter(child=child).exists()


def test_propose_sign_off_read_and_challenge(demo: Any, client_for: Client) -> None:
    child = demo.showcase
    worker, manager, iro = client_for("worker"), client_for("manager"), client_for("iro")
    _assess_partner(worker, child)
    _sign(worker, child)
    response = _propose(worker, child, _answers(child))
    assert response.status_code == 302
    decision = Decision.objects.get(child=child, gate="D2")
    detail = reverse("decisions:detail", args=[child.pk, decision.pk])
    review = reverse("decisions:review", args=[child.pk, decision.pk])

    # The worker cannot sign off; the manager can.
    assert "Sign off or return" not in worker.get(detail).content.decode()
    assert worker.post(review, {"outcome": "sign_off"}).status_code == 403
    assert "Sign off or return" in manager.get(detail).content.decode()
    assert manager.post(review, {"outcome": "sign_off", "reasons": "Agreed"}).status_code == 302
    decision.refresh_from_db()
    assert decision.status == Status.SIGNED_OFF and decision.signed_by_name == "Helen Marsh"

    # The IRO reads it, with every answer, and records a challenge.
    page = iro.get(detail).content.decode()
    assert "Signed off by Helen Marsh" in page
    assert all(escape(r.response) in page for r in decision.responses.all())
    challenge = reverse("decisions:challenge", args=[child.pk, decision.pk])
    assert iro.post(challenge, {"disagrees": "yes", "text": "Too soon after the move."}).status_code == 302
    assert "Too soon after the move." in worker.get(detail).content.decode()


def test_a_signed_decision_has_no_edit_control_and_refuses_a_post(demo: Any, client_for: Client) -> None:
    child = demo.showcase
    worker, manager = client_for("worker"), client_for("manager")
    _assess_partner(worker, child)
    _sign(worker, child)
    _propose(worker, child, _answers(child))
    decision = Decision.objects.get(child=child, gate="D2")
    review = reverse("decisions:review", args=[child.pk, decision.pk])
    manager.post(review, {"outcome": "sign_off"})

    page = worker.get(reverse("decisions:detail", args=[child.pk, decision.pk])).content.decode()
    assert "Change" not in page and "Sign off or return" not in page
    # A second sign-off or a return of a signed decision is refused, with the reason.
    response = manager.post(review, {"outcome": "return", "reasons": "Changed my mind"})
    assert response.status_code == 400
    assert "already been signed off" in response.content.decode()
    decision.refresh_from_db()
    assert decision.status == Status.SIGNED_OFF and decision.manager_reasons == ""


def test_a_signed_assessment_page_refuses_a_post(demo: Any, client_for: Client) -> None:
    child = demo.showcase
    worker = client_for("worker")
    _assess_partner(worker, child)
    assert _sign(worker, child).status_code == 302
    url = reverse("assessments:support", args=[child.pk])
    assert worker.get(url).status_code == 302  # shown on the overview, not offered as a form
    response = worker.post(url, {"support_needs": "Rewritten after signing"})
    assert response.status_code == 400
    assert "cannot be changed" in response.content.decode()
    current = selectors.current_assessment(child)
    assert current is not None and current.support_needs != "Rewritten after signing"


def test_goals_page_draws_the_t_score_chart_with_a_table(demo: Any, client_for: Client) -> None:
    child = demo.showcase
    page = client_for("iro").get(reverse("assessments:goals", args=[child.pk])).content.decode()
    assert "<svg" in page and 'role="img"' in page and "<desc" in page
    series = t_score_series(child, timezone.localdate())
    assert 'data-testid="t-score-table"' in page
    for point in series:
        assert f"{point.t_score:.1f}" in page


def test_the_decisions_list_flags_the_iros_disagreement(demo: Any, client_for: Client) -> None:
    child = demo.showcase
    worker = client_for("worker")
    _assess_partner(worker, child)
    _sign(worker, child)
    _propose(worker, child, _answers(child))
    decision = Decision.objects.get(child=child, gate="D2")
    url = reverse("decisions:list", args=[child.pk])
    assert "IRO disagrees" not in worker.get(url).content.decode()
    challenge = reverse("decisions:challenge", args=[child.pk, decision.pk])
    client_for("iro").post(challenge, {"disagrees": "yes", "text": "Too soon."})
    assert "IRO disagrees" in worker.get(url).content.decode()


def test_a_returned_decision_is_revised_as_a_new_version(demo: Any, client_for: Client) -> None:
    child = demo.showcase
    worker, manager = client_for("worker"), client_for("manager")
    _assess_partner(worker, child)
    _sign(worker, child)
    answers = _answers(child)
    _propose(worker, child, answers)
    first = Decision.objects.get(child=child, gate="D2")
    review = reverse("decisions:review", args=[child.pk, first.pk])
    manager.post(review, {"outcome": "return", "reasons": "Say more about the partner."})
    first.refresh_from_db()
    assert first.status == Status.RETURNED

    # The form starts from the returned version, so nothing has to be typed again.
    page = worker.get(reverse("decisions:propose", args=[child.pk, "D2"])).content.decode()
    assert "Real progress; the partner is new." in page
    assert escape(next(iter(answers.values()))) in page
    response = _propose(worker, child, answers)
    assert response.status_code == 302
    second = Decision.objects.get(child=child, gate="D2", version=2)
    assert second.supersedes == first and second.status == Status.PROPOSED
