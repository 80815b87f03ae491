"""previous-failed-return: a return recorded as held counts as broken down when the child came back into
care within the configured window; the finding says so, with the date and the days."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from tests.framework.rules.helpers import find

from homeward.framework import CaseSnapshot, load_config
from homeward.framework.snapshot import CareHistory, PeriodOfCare, PreviousReturn

RULE = "previous-failed-return"
HELD = PreviousReturn(returned_on=date(2024, 1, 20), reason_ceased="E4A", broke_down=False)
FIRST = PeriodOfCare(started_on=date(2023, 5, 1), ended_on=date(2024, 1, 20), reason_ceased="E4A")


def _history(clean: CaseSnapshot, came_back: date, r: PreviousReturn = HELD) -> CaseSnapshot:
    later = PeriodOfCare(started_on=came_back)
    return replace(clean, care_history=CareHistory(periods_of_care=(FIRST, later), previous_returns=(r,)))


def test_the_window_is_configured_with_its_source() -> None:
    config = load_config()
    assert config.breakdown_window_days == 365
    assert "Goldacre" in config.sources["returns"]


def test_held_but_back_in_care_soon_after_counts_as_broken_down(clean: CaseSnapshot) -> None:
    f = find(_history(clean, date(2024, 3, 5)), RULE, "D1")
    assert f is not None
    assert (
        "20 January 2024 (recorded as held, but Ava Brown came back into care on 5 March 2024, 45 days later)"
        in f.message
    )


def test_silent_when_the_child_came_back_after_the_window(clean: CaseSnapshot) -> None:
    assert find(_history(clean, date(2025, 1, 21)), RULE) is None  # 367 days later
    assert find(_history(clean, date(2025, 1, 19)), RULE) is not None  # 365 days later


def test_came_back_on_recorded_on_a_held_return_also_counts(clean: CaseSnapshot) -> None:
    s = replace(
        clean, care_history=CareHistory(previous_returns=(replace(HELD, came_back_on=date(2024, 2, 1)),))
    )
    f = find(s, RULE)
    assert f is not None and "came back into care on 1 February 2024, 12 days later" in f.message


def test_a_period_before_the_return_is_not_a_coming_back(clean: CaseSnapshot) -> None:
    s = replace(clean, care_history=CareHistory(periods_of_care=(FIRST,), previous_returns=(HELD,)))
    assert find(s, RULE) is None


def test_recorded_broken_down_reads_as_before(clean: CaseSnapshot) -> None:
    broke = replace(HELD, broke_down=True, came_back_on=date(2024, 9, 2))
    f = find(replace(clean, care_history=CareHistory(previous_returns=(broke,))), RULE)
    assert f is not None and "20 January 2024 (back in care 2 September 2024)" in f.message
    assert "recorded as held" not in f.message
