"""adolescent-repeated-returns: a child of the configured age (11) or older with at least the configured
number of previous returns home (2) by the decision."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from tests.framework.rules.helpers import FAILED, care_history, find

from homeward.framework import CaseSnapshot
from homeward.framework.snapshot import Child

RULE = "adolescent-repeated-returns"
FIRST = replace(FAILED, broke_down=False, came_back_on=None)
AGAIN = replace(FAILED, returned_on=date(2025, 3, 1), came_back_on=date(2025, 6, 1))


def _kai(s: CaseSnapshot, born: date, *returns: object, legal_status: str = "V2") -> CaseSnapshot:
    return replace(
        s,
        child=Child(name="Kai Lee", date_of_birth=born),
        legal_status=legal_status,
        care_history=care_history(*returns),  # type: ignore[arg-type]
    )


def test_fires_for_a_fourteen_year_old_home_twice_before(clean: CaseSnapshot) -> None:
    f = find(_kai(clean, date(2012, 5, 1), FIRST, AGAIN), RULE, "D1")
    assert f is not None and f.kind == "caution" and f.people == ("Kai Lee",)
    assert "Kai Lee is 14 and is accommodated under s20, with 2 previous returns home" in f.message


def test_silent_with_one_return_fewer_than_the_threshold(clean: CaseSnapshot) -> None:
    assert find(_kai(clean, date(2012, 5, 1), FIRST), RULE, "D1") is None
    assert find(_kai(clean, date(2012, 5, 1)), RULE, "D1") is None


def test_the_eleventh_birthday_is_the_threshold(clean: CaseSnapshot) -> None:
    # As of 1 June 2026: born 1 June 2015 is 11 that day; born a day later is still 10.
    f = find(_kai(clean, date(2015, 6, 1), FIRST, AGAIN), RULE, "D2")
    assert f is not None and "Kai Lee is 11" in f.message
    assert find(_kai(clean, date(2015, 6, 2), FIRST, AGAIN), RULE, "D2") is None


def test_a_care_order_or_returns_that_held_do_not_clear_it(clean: CaseSnapshot) -> None:
    held = replace(AGAIN, broke_down=False, came_back_on=None)
    f = find(_kai(clean, date(2012, 5, 1), FIRST, held, legal_status="C2"), RULE, "D3")
    assert f is not None and "Kai Lee is 14, with 2 previous returns home" in f.message


def test_a_return_dated_after_the_decision_is_not_counted(clean: CaseSnapshot) -> None:
    later = replace(AGAIN, returned_on=date(2026, 6, 2), came_back_on=None)
    assert find(_kai(clean, date(2012, 5, 1), FIRST, later), RULE, "D1") is None
