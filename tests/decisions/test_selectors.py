"""Reads of decisions: which earlier gate the propose page warns is not yet signed off."""

from __future__ import annotations

from typing import Any

from homeward import framework
from homeward.decisions import selectors, services
from tests.decisions.test_services import _answers, _propose, _signed_case


def test_the_earlier_gate_is_unsigned_until_a_decision_at_it_is_signed_off(demo: Any) -> None:
    child = _signed_case(demo)
    assert selectors.unsigned_earlier_gate(child, framework.Gate.D1) is None  # nothing comes before D1
    assert selectors.unsigned_earlier_gate(child, framework.Gate.D2) == framework.Gate.D1

    proposed = _propose(child, demo.staff["worker"], gate="D1", responses=_answers(child, "D1"))
    assert selectors.unsigned_earlier_gate(child, framework.Gate.D2) == framework.Gate.D1  # proposed only

    services.sign_off(proposed, demo.staff["manager"], reasons="Agreed.")
    assert selectors.unsigned_earlier_gate(child, framework.Gate.D2) is None
    assert selectors.unsigned_earlier_gate(child, framework.Gate.D3) == framework.Gate.D2
