"""insufficient-sustained-change: once classified High, not yet Medium or Low for the configured months
(6) without a break, counted to the decision."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from tests.framework.rules.helpers import find

from homeward.framework import CaseSnapshot
from homeward.framework.snapshot import RiskClassification

RULE = "insufficient-sustained-change"


def _risk(*levels: tuple[str, date]) -> tuple[RiskClassification, ...]:
    points = ("RC1", "RC2", "RC2", "RC2", "RC2")
    return tuple(
        RiskClassification(point=points[i], level=level, classified_on=day)  # type: ignore[arg-type]
        for i, (level, day) in enumerate(levels)
    )


def _with(s: CaseSnapshot, *levels: tuple[str, date]) -> CaseSnapshot:
    return replace(s, risk_classifications=_risk(*levels))


def test_fires_a_day_short_of_six_months_and_is_silent_at_six(clean: CaseSnapshot) -> None:
    # As of 1 June 2026: Medium from 2 December 2025 is one day short; from 1 December exactly six months.
    f = find(_with(clean, ("high", date(2025, 11, 1)), ("medium", date(2025, 12, 2))), RULE, "D3")
    assert f is not None and f.kind == "gap"
    assert "The case was classified High on 1 November 2025" in f.message
    assert "would be reached on 2 June 2026" in f.message
    assert find(_with(clean, ("high", date(2025, 11, 1)), ("medium", date(2025, 12, 1))), RULE, "D3") is None


def test_fires_when_still_high(clean: CaseSnapshot) -> None:
    f = find(_with(clean, ("high", date(2025, 6, 1)), ("high", date(2026, 5, 1))), RULE, "D2")
    assert f is not None and "classified High on 1 May 2026" in f.message
    assert find(_with(clean, ("medium", date(2026, 5, 1))), RULE, "D2") is None


def test_a_lower_classification_dated_after_the_decision_does_not_count(clean: CaseSnapshot) -> None:
    f = find(_with(clean, ("high", date(2025, 6, 1)), ("low", date(2026, 6, 2))), RULE, "D3")
    assert f is not None and "has not since been classified at a lower level" in f.message


def test_a_high_between_two_mediums_starts_the_months_again(clean: CaseSnapshot) -> None:
    s = _with(
        clean,
        ("high", date(2025, 6, 1)),
        ("medium", date(2025, 7, 1)),
        ("high", date(2026, 3, 1)),
        ("medium", date(2026, 3, 15)),
    )
    f = find(s, RULE, "D3")
    assert f is not None and "classified High on 1 March 2026" in f.message
    assert "would be reached on 15 September 2026" in f.message
