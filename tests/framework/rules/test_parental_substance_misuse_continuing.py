"""parental-substance-misuse-continuing: a need recorded as not continuing does not clear the caution
when the substance-misuse service's latest written evidence says use is continuing."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from tests.framework.rules.helpers import find

from homeward.framework import CaseSnapshot
from homeward.framework.snapshot import EvidenceItem, Need

RULE = "parental-substance-misuse-continuing"
STOPPED = Need(type="substance_misuse", person="Jo Brown", continuing=False, evidence_ids=("ev-sm-1",))


def _letter(id: str, day: date, *, continuing: bool | None, kind: str = "written") -> EvidenceItem:
    return EvidenceItem(
        id=id,
        description=f"Letter from Forward Leeds ({id})",
        source="Forward Leeds",
        kind=kind,  # type: ignore[arg-type]
        seen_on=day,
        written_up_on=day,
        agency="substance_misuse",
        shows_continuing=continuing,
    )


def _case(clean: CaseSnapshot, *evidence: EvidenceItem, need: Need = STOPPED) -> CaseSnapshot:
    return replace(clean, needs=(need,), evidence=(*clean.evidence, *evidence))


def test_fires_for_continuing_use(clean: CaseSnapshot) -> None:
    f = find(_case(clean, need=replace(STOPPED, continuing=True, evidence_ids=())), RULE, "D1")
    assert f is not None and "Substance misuse by Jo Brown is continuing" in f.message


def test_not_continuing_against_the_services_latest_letter_fires(clean: CaseSnapshot) -> None:
    s = _case(
        clean,
        _letter("ev-sm-1", date(2026, 3, 1), continuing=False),
        _letter("ev-sm-2", date(2026, 5, 1), continuing=True),
    )
    f = find(s, RULE)
    assert f is not None and f.people == ("Jo Brown",) and f.items == ("ev-sm-2",)
    assert "recorded as not continuing, but the latest written evidence" in f.message
    assert "Forward Leeds, 1 May 2026" in f.message and "says use is continuing" in f.message


def test_silent_when_the_latest_letter_says_use_has_stopped(clean: CaseSnapshot) -> None:
    s = _case(
        clean,
        _letter("ev-sm-2", date(2026, 3, 1), continuing=True),
        _letter("ev-sm-1", date(2026, 5, 1), continuing=False),
    )
    assert find(s, RULE) is None


def test_not_citing_the_inconvenient_letter_does_not_clear_it(clean: CaseSnapshot) -> None:
    s = _case(
        clean,
        _letter("ev-sm-1", date(2026, 3, 1), continuing=False),
        _letter("ev-sm-2", date(2026, 5, 1), continuing=True),
        need=replace(STOPPED, evidence_ids=("ev-sm-1",), notes="Abstinent, see notes"),
    )
    assert find(s, RULE) is not None


def test_a_later_letter_that_does_not_say_leaves_the_last_that_did(clean: CaseSnapshot) -> None:
    s = _case(
        clean,
        _letter("ev-sm-1", date(2026, 3, 1), continuing=True),
        _letter("ev-sm-3", date(2026, 5, 20), continuing=None),
    )
    assert find(s, RULE) is not None


def test_only_written_evidence_from_the_service_speaks_for_it(clean: CaseSnapshot) -> None:
    told = _case(clean, _letter("ev-sm-1", date(2026, 5, 1), continuing=True, kind="verbal_report"))
    assert find(told, RULE) is None
    other = replace(_letter("ev-sm-1", date(2026, 5, 1), continuing=True), agency="health")
    assert find(_case(clean, other), RULE) is None


def test_evidence_after_as_of_is_not_read(clean: CaseSnapshot) -> None:
    s = _case(clean, _letter("ev-sm-1", date(2026, 6, 2), continuing=True))
    assert find(s, RULE) is None


def test_evidence_another_parents_need_rests_on_is_that_parents(clean: CaseSnapshot) -> None:
    ray = Need(type="substance_misuse", person="Ray Brown", continuing=True, evidence_ids=("ev-sm-2",))
    s = replace(
        clean,
        needs=(STOPPED, ray),
        evidence=(
            *clean.evidence,
            _letter("ev-sm-1", date(2026, 3, 1), continuing=False),
            _letter("ev-sm-2", date(2026, 5, 1), continuing=True),
        ),
    )
    f = find(s, RULE)
    assert f is not None and f.people == ("Ray Brown",) and "Jo Brown" not in f.message
