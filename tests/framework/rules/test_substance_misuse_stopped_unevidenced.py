"""substance-misuse-stopped-unevidenced: substance misuse recorded as stopped must rest on written
evidence; nothing, a verbal report or attendance does not."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from tests.framework.rules.helpers import find

from homeward.framework import CaseSnapshot, example_snapshot
from homeward.framework.snapshot import EvidenceItem, Need

RULE = "substance-misuse-stopped-unevidenced"
STOPPED = Need(type="substance_misuse", person="Jo Brown", continuing=False)


def _item(id: str, kind: str, *, continuing: bool | None = None) -> EvidenceItem:
    return EvidenceItem(
        id=id,
        description="From Forward Leeds",
        source="Forward Leeds",
        kind=kind,  # type: ignore[arg-type]
        seen_on=date(2026, 5, 1),
        written_up_on=date(2026, 5, 2),
        agency="substance_misuse",
        shows_continuing=continuing,
    )


def test_fires_when_the_need_rests_on_no_evidence(clean: CaseSnapshot) -> None:
    f = find(replace(clean, needs=(STOPPED,)), RULE, "D1")
    assert f is not None and f.kind == "caution" and f.people == ("Jo Brown",)
    assert (
        "That substance misuse by Jo Brown is no longer continuing rests on no written evidence" in f.message
    )


def test_silent_when_it_rests_on_a_written_report(clean: CaseSnapshot) -> None:
    s = replace(
        clean,
        needs=(replace(STOPPED, evidence_ids=("ev-sm",)),),
        evidence=(*clean.evidence, _item("ev-sm", "written", continuing=False)),
    )
    assert find(s, RULE) is None


@pytest.mark.parametrize("kind", ["verbal_report", "attendance"])
def test_a_verbal_report_or_attendance_is_not_written_evidence(clean: CaseSnapshot, kind: str) -> None:
    s = replace(
        clean,
        needs=(replace(STOPPED, evidence_ids=("ev-sm",), notes="Abstinent, see notes"),),
        evidence=(*clean.evidence, _item("ev-sm", kind)),
    )
    f = find(s, RULE)
    assert f is not None and f"it cites only {kind.replace('_', ' ')}" in f.message


def test_a_placeholder_note_does_not_clear_it(clean: CaseSnapshot) -> None:
    assert find(replace(clean, needs=(replace(STOPPED, notes="n/a"),)), RULE) is not None


def test_silent_for_continuing_use_and_for_other_needs(clean: CaseSnapshot) -> None:
    assert find(replace(clean, needs=(replace(STOPPED, continuing=True),)), RULE) is None
    assert find(replace(clean, needs=(replace(STOPPED, type="neglect"),)), RULE) is None


def test_silent_when_the_service_says_it_is_continuing_the_other_rule_says_so(clean: CaseSnapshot) -> None:
    s = replace(
        clean, needs=(STOPPED,), evidence=(*clean.evidence, _item("ev-sm", "written", continuing=True))
    )
    assert find(s, RULE) is None
    assert find(s, "parental-substance-misuse-continuing") is not None


def test_the_dean_smith_example_abstinence_rests_on_nothing() -> None:
    f = find(example_snapshot("dean-smith"), RULE, "D1")
    assert f is not None and "Kelly Smith" in f.message
