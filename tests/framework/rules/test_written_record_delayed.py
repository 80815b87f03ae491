"""written-record-delayed: evidence written up more than the configured days (7) after it was seen, or
still not written up."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from tests.framework.rules.helpers import find, with_evidence

from homeward.framework import CaseSnapshot
from homeward.framework.snapshot import EvidenceItem

RULE = "written-record-delayed"
LETTER = EvidenceItem(
    id="ev-9",
    description="School report",
    source="Hillside Primary School",
    kind="written",
    seen_on=date(2026, 5, 1),
    written_up_on=date(2026, 5, 8),
)


def test_one_day_past_the_limit_fires_and_the_limit_is_silent(clean: CaseSnapshot) -> None:
    assert find(with_evidence(clean, LETTER), RULE, "D1") is None  # 7 days: allowed
    f = find(with_evidence(clean, replace(LETTER, written_up_on=date(2026, 5, 9))), RULE, "D1")
    assert f is not None and f.kind == "gap"
    assert f.items == ("ev-9",) and f.people == ("Hillside Primary School",)
    assert (
        "'School report' from Hillside Primary School, seen on 1 May 2026, was written up 8 days later"
        in f.message
    )


def test_never_written_up(clean: CaseSnapshot) -> None:
    f = find(with_evidence(clean, replace(LETTER, written_up_on=None)), RULE, "D1")
    assert f is not None and "has not been written up after 31 days" in f.message
    recent = replace(LETTER, seen_on=date(2026, 5, 25), written_up_on=None)  # 7 days by as_of
    assert find(with_evidence(clean, recent), RULE, "D1") is None


def test_a_write_up_dated_after_the_decision_is_not_written_up_yet(clean: CaseSnapshot) -> None:
    f = find(with_evidence(clean, replace(LETTER, written_up_on=date(2026, 6, 2))), RULE, "D1")
    assert f is not None and "has not been written up after 31 days" in f.message
