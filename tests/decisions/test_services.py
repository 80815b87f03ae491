"""The rules of supervision: a decision answers every finding, records what it was made against, is
signed off by a manager (not its author), and is never edited once signed."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from homeward.assessments import selectors
from homeward.assessments import services as assessment_services
from homeward.decisions import services
from homeward.decisions.models import Decision, Status
from homeward.snapshot import evaluate_child
from tests.assessments.helpers import fill_assessment


def _signed_case(demo: Any) -> Any:
    child = demo.showcase
    assessment = fill_assessment(child, demo.staff["worker"], skip_partner=False)
    assessment_services.sign_assessment(assessment, demo.staff["worker"], timezone.localdate())
    return child


def _answers(child: Any, gate: str = "D2") -> dict[str, str]:
    evaluation = evaluate_child(child, gate, timezone.localdate())
    return {f.id: f"Considered {f.id}: plan in place." for f in evaluation.findings}


def _propose(child: Any, user: Any, **kw: Any) -> Decision:
    defaults: dict[str, Any] = {
        "gate": "D2",
        "answer": "maybe",
        "rationale": "Progress, but the partner is new.",
        "responses": _answers(child),
        "as_of": timezone.localdate(),
    }
    return services.propose(child, user, **{**defaults, **kw})


def test_a_decision_needs_a_signed_assessment(demo: Any) -> None:
    child = demo.showcase
    fill_assessment(child, demo.staff["worker"])
    with pytest.raises(ValidationError, match="completed and signed"):
        _propose(child, demo.staff["worker"], responses={})


def test_every_finding_must_be_answered_in_writing(demo: Any) -> None:
    child = _signed_case(demo)
    answers = _answers(child)
    assert len(answers) >= 2
    first, second, *_ = sorted(answers)
    partial = {**answers, first: "", second: "   "}
    with pytest.raises(ValidationError) as error:
        _propose(child, demo.staff["worker"], responses=partial)
    assert set(error.value.error_dict) == {f"finding_{first}", f"finding_{second}"}
    assert not Decision.objects.filter(child=child).exists()


def test_a_decision_stores_its_findings_configuration_and_assessment(demo: Any) -> None:
    child = _signed_case(demo)
    decision = _propose(child, demo.staff["worker"])
    evaluation = evaluate_child(child, "D2", timezone.localdate())
    assert decision.config_version == evaluation.config_version
    assert decision.suggested_answer == evaluation.suggested_answer
    assert [g["id"] for g in decision.gaps] == [f.id for f in evaluation.gaps]
    assert {r.finding_id for r in decision.responses.all()} == {f.id for f in evaluation.findings}
    assert decision.assessment == selectors.last_signed_assessment(child)
    assert decision.status == Status.PROPOSED


def test_the_manager_signs_off_but_not_the_author(demo: Any) -> None:
    child = _signed_case(demo)
    manager = demo.staff["manager"]
    own = _propose(child, manager)
    with pytest.raises(ValidationError, match="person who proposed it"):
        services.sign_off(own, manager)
    with pytest.raises(ValidationError, match="person who proposed it"):
        services.return_to_worker(own, manager, reasons="Returning my own")
    assert Decision.objects.get(pk=own.pk).status == Status.PROPOSED


def test_signing_off_twice_or_returning_a_signed_decision_is_refused(demo: Any) -> None:
    child = _signed_case(demo)
    decision = _propose(child, demo.staff["worker"])
    services.sign_off(decision, demo.staff["manager"], reasons="Agreed.")
    with pytest.raises(services.SignedDecisionError):
        services.sign_off(decision, demo.staff["manager"])
    with pytest.raises(services.SignedDecisionError):
        services.return_to_worker(decision, demo.staff["manager"], reasons="Changed my mind")
    with pytest.raises(services.SignedDecisionError, match="cannot be changed"):
        services.check_editable(decision)
    decision.refresh_from_db()
    assert decision.status == Status.SIGNED_OFF and decision.manager_reasons == "Agreed."


def test_returning_needs_reasons(demo: Any) -> None:
    child = _signed_case(demo)
    decision = _propose(child, demo.staff["worker"])
    with pytest.raises(ValidationError):
        services.return_to_worker(decision, demo.staff["manager"], reasons=" ")


def test_a_change_is_a_new_version_pointing_to_the_old(demo: Any) -> None:
    child = _signed_case(demo)
    worker = demo.staff["worker"]
    first = _propose(child, worker)
    with pytest.raises(ValidationError, match="waiting for sign-off"):
        _propose(child, worker)
    services.sign_off(first, demo.staff["manager"])
    second = _propose(child, worker, answer="no", rationale="The partner was arrested.")
    assert (second.version, second.supersedes_id) == (2, first.pk)
    first.refresh_from_db()
    assert (first.answer, first.status) == ("maybe", Status.SIGNED_OFF)
    # Only the latest version can be signed off.
    services.return_to_worker(second, demo.staff["manager"], reasons="Say more about the arrest")
    third = _propose(child, worker, answer="no", rationale="Arrested on 3 June; bail conditions.")
    with pytest.raises(ValidationError, match="already been returned"):
        services.sign_off(second, demo.staff["manager"])
    assert third.supersedes_id == second.pk
    assert [d.version for d in services.versions(third)] == [3, 2, 1]


def test_the_iro_challenge_records_disagreement(demo: Any) -> None:
    child = _signed_case(demo)
    decision = _propose(child, demo.staff["worker"])
    services.sign_off(decision, demo.staff["manager"])
    challenge = services.challenge(
        decision, demo.staff["iro"], text="The partner is too new.", disagrees=True
    )
    assert challenge.disagrees and decision.challenges.count() == 1
    with pytest.raises(ValidationError):
        services.challenge(decision, demo.staff["iro"], text="", disagrees=False)
