"""child-not-seen-alone: reads every occasion the child was seen during the assessment; "seen alone" with
a parent, carer or relative listed as present does not count, and the finding says who was listed."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from tests.framework.rules.helpers import find

from homeward.framework import CaseSnapshot
from homeward.framework.snapshot import ChildSeen

RULE = "child-not-seen-alone"
WORKER = "Priya Shah (social worker)"


def _seen(day: date, *present: str, alone: bool, note: str = "") -> ChildSeen:
    return ChildSeen(seen_on=day, present=present, seen_alone=alone, note=note)


def _occasions(s: CaseSnapshot, *seen: ChildSeen, wishes_alone: bool = False) -> CaseSnapshot:
    """The clean case, with the wishes recorded in the mother's presence and these occasions."""
    assert s.child_wishes is not None
    wishes = replace(s.child_wishes, seen_alone=wishes_alone, present=(WORKER, "Jo Brown (mother)"))
    return replace(s, child_wishes=wishes, child_seen=seen)


def test_fires_when_no_occasion_saw_the_child_alone(clean: CaseSnapshot) -> None:
    s = _occasions(clean, _seen(date(2026, 4, 2), WORKER, "Jo Brown (mother)", alone=False))
    f = find(s, RULE)
    assert f is not None and f.kind == "gap"
    assert "Ava Brown was not seen alone on any of the 2 occasions recorded" in f.message
    assert f.people[0] == "Ava Brown" and "Jo Brown (mother)" in f.people


def test_silent_when_one_occasion_saw_the_child_alone(clean: CaseSnapshot) -> None:
    s = _occasions(
        clean,
        _seen(date(2026, 4, 2), WORKER, "Jo Brown (mother)", alone=False),
        _seen(date(2026, 4, 20), WORKER, alone=True, note="At school"),
    )
    assert find(s, RULE) is None


def test_seen_alone_with_the_mother_listed_does_not_count_and_is_quoted(clean: CaseSnapshot) -> None:
    s = _occasions(clean, _seen(date(2026, 4, 20), WORKER, "Jo Brown (mother)", alone=True))
    f = find(s, RULE)
    assert f is not None
    assert (
        "Ava Brown is recorded as seen alone on 20 April 2026, but the same record lists "
        "'Jo Brown (mother)' as present, so that does not count as seeing Ava Brown alone" in f.message
    )
    assert "Jo Brown (mother)" in f.people


@pytest.mark.parametrize(
    "listed",
    ["Jo Brown", "Mum", "her stepdad", "Ray Brown (grandad)", "foster carer, Mrs Patel", "Jo's partner"],
)
def test_a_parent_carer_or_relative_listed_by_name_or_role_is_caught(
    clean: CaseSnapshot, listed: str
) -> None:
    s = _occasions(clean, _seen(date(2026, 4, 20), WORKER, listed, alone=True))
    f = find(s, RULE)
    assert f is not None and f"'{listed}'" in f.message


def test_the_wishes_record_contradicting_itself_is_caught(clean: CaseSnapshot) -> None:
    s = _occasions(clean, wishes_alone=True)
    f = find(s, RULE)
    assert f is not None
    assert "recorded as seen alone when their wishes were recorded" in f.message
    assert "'Jo Brown (mother)'" in f.message
    # The same record with only the worker present: seen alone counts.
    assert clean.child_wishes is not None and find(clean, RULE) is None


def test_a_placeholder_note_does_not_make_an_occasion_count(clean: CaseSnapshot) -> None:
    s = _occasions(clean, _seen(date(2026, 4, 20), WORKER, "Jo Brown (mother)", alone=False, note="n/a"))
    assert find(s, RULE) is not None
    s = _occasions(
        clean, _seen(date(2026, 4, 20), WORKER, "Jo Brown (mother)", alone=True, note="seen alone really")
    )
    assert find(s, RULE) is not None


def test_an_occasion_before_the_assessment_started_does_not_count(clean: CaseSnapshot) -> None:
    assert clean.assessment is not None and clean.assessment.started_on == date(2026, 2, 1)
    before = _occasions(clean, _seen(date(2026, 1, 20), WORKER, alone=True))
    f = find(before, RULE)
    assert f is not None  # only the wishes (with the mother present) are within the assessment
    during = _occasions(clean, _seen(date(2026, 2, 1), WORKER, alone=True))
    assert find(during, RULE) is None


def test_occasions_alone_before_the_assessment_with_no_wishes(clean: CaseSnapshot) -> None:
    s = replace(clean, child_wishes=None, child_seen=(_seen(date(2026, 1, 20), WORKER, alone=True),))
    f = find(s, RULE)
    assert f is not None
    assert "has not been seen alone since the assessment started on 1 February 2026" in f.message


def test_an_occasion_after_as_of_does_not_count(clean: CaseSnapshot) -> None:
    s = _occasions(clean, _seen(date(2026, 6, 2), WORKER, alone=True))
    assert find(s, RULE) is not None


def test_silent_when_nothing_is_recorded_child_wishes_not_recorded_says_so(clean: CaseSnapshot) -> None:
    s = replace(clean, child_wishes=None, child_seen=())
    assert find(s, RULE) is None
    assert find(s, "child-wishes-not-recorded") is not None


def test_the_social_worker_and_the_child_themselves_do_not_contradict_alone(clean: CaseSnapshot) -> None:
    s = _occasions(clean, _seen(date(2026, 4, 20), WORKER, "Ava Brown", "Ms Khan, teacher", alone=True))
    assert find(s, RULE) is None
