"""verbal-report-only: what a source said rests only on verbal reports, with nothing in writing that
says something."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from tests.framework.rules.helpers import find, with_evidence

from homeward.framework import CaseSnapshot
from homeward.framework.snapshot import EvidenceItem

RULE = "verbal-report-only"
VERBAL = EvidenceItem(
    id="ev-9",
    description="Says Jo is well",
    source="Dr Patel, GP",
    kind="verbal_report",
    seen_on=date(2026, 5, 1),
    written_up_on=date(2026, 5, 2),
)
LETTER = replace(VERBAL, id="ev-10", kind="written", description="GP letter on Jo's health")


def test_fires_naming_the_source_and_quoting_the_report(clean: CaseSnapshot) -> None:
    f = find(with_evidence(clean, VERBAL), RULE, "D1")
    assert f is not None and f.kind == "gap" and f.people == ("Dr Patel, GP",) and f.items == ("ev-9",)
    assert (
        "Evidence from Dr Patel, GP rests only on verbal reports: 'Says Jo is well' (1 May 2026)" in f.message
    )


def test_silent_once_the_source_has_put_it_in_writing(clean: CaseSnapshot) -> None:
    assert find(with_evidence(clean, VERBAL, LETTER), RULE, "D1") is None


@pytest.mark.parametrize("description", ["n/a", "see notes", "TBC", "-"])
def test_a_written_item_that_says_nothing_does_not_count(clean: CaseSnapshot, description: str) -> None:
    f = find(with_evidence(clean, VERBAL, replace(LETTER, description=description)), RULE, "D1")
    assert f is not None and f.items == ("ev-9",) and "Dr Patel, GP" in f.message


def test_a_letter_dated_after_the_decision_does_not_count_yet(clean: CaseSnapshot) -> None:
    f = find(with_evidence(clean, VERBAL, replace(LETTER, seen_on=date(2026, 6, 2))), RULE, "D1")
    assert f is not None and f.people == ("Dr Patel, GP",)


def test_writing_from_another_source_does_not_count(clean: CaseSnapshot) -> None:
    f = find(with_evidence(clean, VERBAL, replace(LETTER, source="Hillside Primary School")), RULE, "D1")
    assert f is not None and f.people == ("Dr Patel, GP",)
