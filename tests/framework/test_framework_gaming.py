"""Properties over generated cases (hypothesis): the answer cannot be gamed.

- Writing a placeholder ("n/a", "TBC", "see notes", ...) where the record is empty changes nothing: the
  same findings and the same suggested answer as leaving it empty, at every gate, in any case.
- Taking written evidence out of the record never makes the suggested answer better: a "maybe" never
  becomes a "yes" (nor a "no" a "maybe") because something was removed.
"""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st
from tests.framework.test_framework_properties import PROPERTY_SETTINGS, snapshots
from tests.framework.test_framework_text import placeholders

from homeward.framework import CaseSnapshot, Gate, evaluate
from homeward.framework.snapshot import ContingencyPlan, SupportPlan

_RANK = {"no": 0, "maybe": 1, "yes": 2}


def _outcome(snapshot: CaseSnapshot) -> list[tuple[str, tuple[str, ...]]]:
    results = [evaluate(snapshot, gate) for gate in Gate]
    return [(r.suggested_answer, tuple(sorted(f.id for f in r.findings))) for r in results]


def _empty_and_placeholder(s: CaseSnapshot, text: str) -> list[tuple[str, CaseSnapshot, CaseSnapshot]]:
    """(place, the case with nothing written there, the case with `text` written there)."""
    pairs: list[tuple[str, CaseSnapshot, CaseSnapshot]] = [
        (
            "contingency plan",
            replace(s, contingency_plan=None),
            replace(s, contingency_plan=ContingencyPlan(summary=text, recorded_on=s.as_of)),
        ),
    ]
    if s.support_plan is not None:
        pairs.append(
            (
                "support plan",
                replace(s, support_plan=replace(s.support_plan, summary="")),
                replace(s, support_plan=replace(s.support_plan, summary=text)),
            )
        )
    else:
        pairs.append(
            (
                "support plan",
                replace(s, support_plan=SupportPlan(months=24, summary="")),
                replace(s, support_plan=SupportPlan(months=24, summary=text)),
            )
        )
    if s.child_wishes is not None:
        pairs.append(
            (
                "the child's own words",
                replace(s, child_wishes=replace(s.child_wishes, in_own_words="")),
                replace(s, child_wishes=replace(s.child_wishes, in_own_words=text)),
            )
        )
    if s.return_plan is not None:
        pairs.append(
            (
                "reason for the timing",
                replace(s, return_plan=replace(s.return_plan, timing_note="")),
                replace(s, return_plan=replace(s.return_plan, timing_note=text)),
            )
        )
    if s.household_members:
        first, rest = s.household_members[0], s.household_members[1:]
        pairs.append(
            (
                "reason a household member was not assessed",
                replace(s, household_members=(replace(first, excluded_reason=None), *rest)),
                replace(s, household_members=(replace(first, excluded_reason=text), *rest)),
            )
        )
    if s.agencies_consulted:
        pairs.append(
            (
                "an agency's contribution",
                replace(
                    s, agencies_consulted=tuple(replace(a, contribution="") for a in s.agencies_consulted)
                ),
                replace(
                    s, agencies_consulted=tuple(replace(a, contribution=text) for a in s.agencies_consulted)
                ),
            )
        )
    return pairs


@PROPERTY_SETTINGS
@given(snapshot=snapshots(), text=placeholders)
def test_a_placeholder_counts_as_nothing_written(snapshot: CaseSnapshot, text: str) -> None:
    for place, empty, filled in _empty_and_placeholder(snapshot, text):
        assert _outcome(filled) == _outcome(empty), f"{text!r} as the {place} changed the evaluation"


def _without(s: CaseSnapshot, evidence_id: str) -> CaseSnapshot:
    """The case with one evidence item taken out, and every goal review's reference to it."""
    return replace(
        s,
        evidence=tuple(e for e in s.evidence if e.id != evidence_id),
        goals=tuple(
            replace(
                g,
                reviews=tuple(
                    replace(r, evidence_ids=tuple(i for i in r.evidence_ids if i != evidence_id))
                    for r in g.reviews
                ),
            )
            for g in s.goals
        ),
    )


@PROPERTY_SETTINGS
@given(snapshot=snapshots(), pick=st.integers(min_value=0, max_value=20))
def test_taking_written_evidence_out_never_improves_the_answer(snapshot: CaseSnapshot, pick: int) -> None:
    written = [e for e in snapshot.evidence if e.kind != "verbal_report" and e.written_up_on is not None]
    if not written:
        return
    removed = written[pick % len(written)]
    fewer = _without(snapshot, removed.id)
    for gate in Gate:
        before, after = evaluate(snapshot, gate), evaluate(fewer, gate)
        assert _RANK[after.suggested_answer] <= _RANK[before.suggested_answer], (
            f"at {gate}, taking out {removed.description!r} ({removed.kind}) turned "
            f"{before.suggested_answer!r} into {after.suggested_answer!r}"
        )
