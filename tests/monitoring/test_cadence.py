"""The visit cadence: by the kind of period and the child's legal status, with its source."""

from __future__ import annotations

from datetime import date
from functools import partial

import pytest

from homeward.monitoring.cadence import LOCAL_DEFAULT, REG_28, REG_28_ICO, cadence_for, next_visit_due


@pytest.mark.parametrize(
    ("kind", "ls", "before", "after", "source", "local"),
    [
        ("placed_with_parents", "C2", 7, 42, REG_28, False),
        ("placed_with_parents", "C1", 28, 28, REG_28_ICO, False),
        ("return_home", "C2", 28, 28, LOCAL_DEFAULT, True),
        ("return_home", "C1", 28, 28, LOCAL_DEFAULT, True),  # after a return no regulation applies
        ("return_home", None, 28, 28, LOCAL_DEFAULT, True),
    ],
)
def test_cadence_by_kind_and_legal_status(
    kind: str, ls: str | None, before: int, after: int, source: str, local: bool
) -> None:
    c = cadence_for(kind, ls, local_weeks_after_return=4)
    assert (c.days_before_review, c.days_after_review, c.source, c.local_default) == (
        before,
        after,
        source,
        local,
    )
    assert "reg 28" in c.source or "local default" in c.source.lower()


def test_the_local_default_after_a_return_is_configurable() -> None:
    c = cadence_for("return_home", "C2", local_weeks_after_return=2)
    assert c.days_before_review == 14 and "2 weeks" in c.words and "local default" in c.words


def test_weekly_until_the_first_review_then_six_weekly() -> None:
    start, review = date(2026, 1, 1), date(2026, 1, 29)
    due = partial(
        next_visit_due, started_on=start, first_review_on=review, days_before_review=7, days_after_review=42
    )
    assert due(last_visit_on=None) == date(2026, 1, 8)
    assert due(last_visit_on=date(2026, 1, 22)) == date(2026, 1, 29)
    assert due(last_visit_on=date(2026, 1, 29)) == date(2026, 3, 12)
    assert due(last_visit_on=date(2026, 2, 10)) == date(2026, 3, 24)


def test_a_fixed_cadence_counts_from_the_last_visit_or_the_start() -> None:
    due = partial(
        next_visit_due,
        started_on=date(2026, 1, 1),
        first_review_on=None,
        days_before_review=28,
        days_after_review=28,
    )
    assert due(last_visit_on=None) == date(2026, 1, 29)
    assert due(last_visit_on=date(2026, 2, 1)) == date(2026, 3, 1)
