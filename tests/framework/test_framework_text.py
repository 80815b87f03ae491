"""A placeholder is not an answer: the one test of what counts (`homeward.framework.text`), and every rule
that clears on text refusing to clear on a placeholder, found by a property over generated placeholders."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from homeward.framework import CaseSnapshot, evaluate
from homeward.framework.examples import example_snapshot
from homeward.framework.snapshot import ContingencyPlan, SupportPlan
from homeward.framework.text import PLACEHOLDERS, quoted, says_something


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "n/a",
        "N/A",
        "-",
        "--",
        "TBC",
        "tbc.",
        "T.B.C.",
        "see notes",
        "See notes.",
        "ok",
        "done",
        "none",
        "Not known",
        "?",
        "...",
    ],
)
def test_text_that_says_nothing_is_not_an_answer(text: str) -> None:
    assert not says_something(text)


@pytest.mark.parametrize(
    "text",
    [
        "Back to the foster carers she knows",
        "Weekly family support",
        "Letter from the GP, 3 May",
        "The mother asked for respite",
    ],
)
def test_an_answer_says_something(text: str) -> None:
    assert says_something(text)


def test_a_finding_quotes_what_was_written() -> None:
    assert quoted("  TBC ") == "says only 'TBC'"
    assert quoted("") == "is blank"


# A placeholder as a busy team might type it: one of the known ones, in any case, with punctuation.
placeholders = st.builds(
    lambda word, upper, tail: (word.upper() if upper else word) + tail,
    st.sampled_from(sorted(PLACEHOLDERS) + ["n/a", "-", "see notes", "t.b.c"]),
    st.booleans(),
    st.sampled_from(["", ".", " ", "!", " - "]),
)


def _filled(snapshot: CaseSnapshot, text: str) -> list[tuple[str, CaseSnapshot]]:
    """The snapshot with `text` written in each place a rule clears on text, by the rule that reads it."""
    plan, wishes, member = snapshot.return_plan, snapshot.child_wishes, snapshot.household_members[0]
    assert plan is not None and plan.proposed_date is not None and wishes is not None
    unassessed = replace(member, assessed_on=None, excluded_reason=text)
    return [
        ("no-contingency-plan", replace(snapshot, contingency_plan=ContingencyPlan(summary=text))),
        (
            "no-support-plan-after-return",
            replace(snapshot, support_plan=SupportPlan(months=24, summary=text)),
        ),
        (
            "household-member-not-assessed",
            replace(snapshot, household_members=(unassessed, *snapshot.household_members[1:])),
        ),
        ("child-wishes-not-recorded", replace(snapshot, child_wishes=replace(wishes, in_own_words=text))),
        (
            "timing-pressure",
            replace(snapshot, return_plan=replace(plan, timing_reason=None, timing_note=text)),
        ),
        (
            "key-agency-absent",
            replace(
                snapshot,
                agencies_consulted=tuple(replace(a, contribution=text) for a in snapshot.agencies_consulted),
            ),
        ),
    ]


def _found(snapshot: CaseSnapshot, rule_id: str) -> list[str]:
    return [
        f.message for gate in ("D1", "D2", "D3") for f in evaluate(snapshot, gate).findings if f.id == rule_id
    ]


@settings(max_examples=40, deadline=None)
@given(text=placeholders)
def test_writing_a_placeholder_never_clears_a_finding(text: str) -> None:
    clean = example_snapshot("ready-to-return")
    for rule_id, snapshot in _filled(clean, text):
        assert _found(snapshot, rule_id), f"{rule_id} cleared on the placeholder {text!r}"


def test_each_placeholder_finding_says_what_was_written(clean: CaseSnapshot) -> None:
    for rule_id, snapshot in _filled(clean, "TBC"):
        messages = _found(snapshot, rule_id)
        assert any("'TBC'" in m for m in messages), (rule_id, messages)


def test_the_same_places_with_real_answers_clear(clean: CaseSnapshot) -> None:
    # The property above could fail: written properly, the same places clear every one of these rules.
    for rule_id, snapshot in _filled(clean, "Back to the foster carers she knows, agreed with them"):
        assert not _found(snapshot, rule_id), rule_id
