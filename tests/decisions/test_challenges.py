"""An IRO's challenge stays open until the worker and the manager answer it in writing, and an open one is a
point to answer at the next gate."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from homeward import framework
from homeward.decisions import selectors, services
from homeward.decisions.models import Challenge
from tests.decisions.test_services import _answers, _propose, _signed_case


def _challenged(demo: Any, *, disagrees: bool = True) -> Challenge:
    child = _signed_case(demo)
    decision = _propose(child, demo.staff["worker"])
    services.sign_off(decision, demo.staff["manager"])
    return services.challenge(
        decision, demo.staff["iro"], text="The partner is too new.", disagrees=disagrees
    )


def test_a_challenge_is_open_until_both_the_worker_and_the_manager_answer(demo: Any) -> None:
    challenge = _challenged(demo)
    child = challenge.decision.child
    assert selectors.open_challenges(child) == [challenge]
    assert selectors.waiting_answer_from(challenge) == ["social worker", "team manager"]
    services.answer_challenge(challenge, demo.staff["worker"], text="The partner is now being assessed.")
    assert selectors.open_challenges(child) == [challenge]
    assert selectors.waiting_answer_from(challenge) == ["team manager"]
    services.answer_challenge(challenge, demo.staff["manager"], text="Agreed: no return before it is done.")
    assert selectors.open_challenges(child) == []
    assert selectors.open_challenges_by_child([child.pk]) == {}


def test_a_comment_that_does_not_disagree_is_not_open(demo: Any) -> None:
    challenge = _challenged(demo, disagrees=False)
    assert selectors.open_challenges(challenge.decision.child) == []


def test_only_the_worker_or_manager_answers_and_in_words(demo: Any) -> None:
    challenge = _challenged(demo)
    for login in ("iro", "health"):
        with pytest.raises(ValidationError, match="Only the social worker or the team manager"):
            services.answer_challenge(challenge, demo.staff[login], text="An answer.")
    for says_nothing in ("   ", "n/a", "noted"):
        with pytest.raises(ValidationError):
            services.answer_challenge(challenge, demo.staff["worker"], text=says_nothing)
    assert selectors.open_challenges(challenge.decision.child) == [challenge]


def test_an_open_challenge_must_be_answered_at_the_next_gate(demo: Any, client_for: Any) -> None:
    challenge = _challenged(demo)
    child = challenge.decision.child
    point = f"iro-challenge-{challenge.pk}"
    worker = client_for("worker")
    page = worker.get(reverse("decisions:propose", args=[child.pk, "D3"])).content.decode()
    # Told apart from the framework's findings by what it is, not by the look of its id.
    assert page.count("IRO challenge</strong>") == 1 and f"finding_{point}" in page
    with pytest.raises(ValidationError) as refused:
        _propose(child, demo.staff["worker"], gate="D3", answer="maybe", responses=_answers(child, "D3"))
    assert f"finding_{point}" in refused.value.message_dict
    with pytest.raises(ValidationError) as placeholder:
        gamed = {**_answers(child, "D3"), point: "n/a"}
        _propose(child, demo.staff["worker"], gate="D3", answer="maybe", responses=gamed)
    assert "says only 'n/a'" in placeholder.value.message_dict[f"finding_{point}"][0]
    responses = {**_answers(child, "D3"), point: "The partner's assessment is booked for next week."}
    decision = _propose(child, demo.staff["worker"], gate="D3", answer="maybe", responses=responses)
    kept = decision.responses.get(finding_id=point)
    assert kept.message == "The partner is too new." and "independent reviewing officer" in kept.source
    detail = worker.get(reverse("decisions:detail", args=[child.pk, decision.pk])).content.decode()
    assert detail.count("IRO challenge</strong>") == 1


def test_the_open_challenge_shows_on_the_record_and_caseload_but_not_to_a_partner(
    demo: Any, client_for: Any
) -> None:
    challenge = _challenged(demo)
    child = challenge.decision.child
    worker = client_for("worker")
    assert b'data-testid="open-challenges"' in worker.get(reverse("children:record", args=[child.pk])).content
    assert b"IRO challenge open" in worker.get(reverse("children:caseload")).content
    assert b"IRO challenge open" not in client_for("health").get(reverse("children:caseload")).content
    url = reverse("decisions:challenge_answer", args=[child.pk, challenge.pk])
    assert client_for("iro").get(url).status_code == 403
    assert worker.post(url, {"text": ""}).status_code == 400
    assert worker.post(url, {"text": "The partner is being assessed."}).status_code == 302
    assert client_for("manager").post(url, {"text": "ok"}).status_code == 400  # says nothing: still open
    assert b"IRO challenge open" in worker.get(reverse("children:caseload")).content
    client_for("manager").post(url, {"text": "Agreed: the partner is assessed before any return."})
    assert b"IRO challenge open" not in worker.get(reverse("children:caseload")).content
    detail = worker.get(reverse("decisions:detail", args=[child.pk, challenge.decision_id]))
    assert detail.content.count(b'data-testid="challenge-answer"') == 2


def test_answers_at_an_earlier_gate_are_carried_forward_to_the_next(demo: Any, client_for: Any) -> None:
    child = _signed_case(demo)
    d2 = _propose(child, demo.staff["worker"])
    services.sign_off(d2, demo.staff["manager"])
    answered = {r.finding_id: r.response for r in d2.responses.all()}
    earlier = selectors.earlier_answers(child, framework.Gate.D3)
    assert {f: a for f, (a, _) in earlier.items()} == answered
    assert {gate for _, gate in earlier.values()} <= {"D2"}
    page = client_for("worker").get(reverse("decisions:propose", args=[child.pk, "D3"]))
    shown = page.content.decode()
    carried = [f for f in answered if f"finding_{f}" in shown]
    assert carried, "a finding open at D2 is still open at D3 in this case"
    assert 'data-testid="carried"' in shown and answered[carried[0]] in shown
