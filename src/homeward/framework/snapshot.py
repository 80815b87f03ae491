"""The case snapshot: everything the rulebook reads about one child's case, as plain dataclasses.

A snapshot is a picture of the case on one date (`as_of`), built by whoever holds the record (the
Django apps, a case-management integration, a test or an example file). The rules never read the
clock: every "how long ago" is measured from `as_of`, so the same snapshot always gives the same
answer.

Every field carries a plain-English description in its metadata; the JSON Schema
(`homeward.framework.schema`) is generated from these dataclasses, so the two cannot drift apart.
Names of people are written as the family and professionals know them ("Dean Smith"); the rules
quote them back in their messages.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, Literal

from homeward.ssda903 import codes
from homeward.ssda903.history import PLACEMENT_CHANGE_RNE

if TYPE_CHECKING:
    from homeward.ssda903 import history

# --- fixed vocabularies (short slugs; the schema lists them as enums) --------------------------------

AgencyType = Literal[
    "adult_mental_health",
    "substance_misuse",
    "adult_social_care",
    "health",
    "school",
    "police",
    "probation",
    "housing",
    "domestic_abuse_service",
    "youth_offending",
    "other",
]
AGENCY_LABELS: dict[str, str] = {
    "adult_mental_health": "adult mental health services",
    "substance_misuse": "the substance-misuse service",
    "adult_social_care": "adult social care",
    "health": "health (GP, health visitor or school nurse)",
    "school": "the school or nursery",
    "police": "the police",
    "probation": "probation",
    "housing": "housing",
    "domestic_abuse_service": "a domestic abuse service",
    "youth_offending": "the youth offending service",
    "other": "another agency",
}

NeedType = Literal[
    "parental_mental_health",
    "substance_misuse",
    "domestic_abuse",
    "neglect",
    "emotional_abuse",
    "physical_abuse",
    "sexual_abuse",
    "parental_learning_disability",
    "housing",
    "child_offending",
    "child_health",
    "other",
]
NEED_LABELS: dict[str, str] = {
    "parental_mental_health": "parental mental health",
    "substance_misuse": "substance misuse",
    "domestic_abuse": "domestic abuse",
    "neglect": "neglect",
    "emotional_abuse": "emotional abuse",
    "physical_abuse": "physical abuse",
    "sexual_abuse": "sexual abuse",
    "parental_learning_disability": "parental learning disability",
    "housing": "housing",
    "child_offending": "the child's offending",
    "child_health": "the child's health",
    "other": "another concern",
}

EvidenceKind = Literal["written", "verbal_report", "observation", "attendance"]
EVIDENCE_KIND_LABELS: dict[str, str] = {
    "written": "written",
    "verbal_report": "verbal report",
    "observation": "direct observation",
    "attendance": "attendance only",
}

RiskPoint = Literal["RC1", "RC2", "RC3"]
RiskLevel = Literal["low", "medium", "high", "very_high"]
RISK_LEVEL_ORDER: dict[str, int] = {"low": 0, "medium": 1, "high": 2, "very_high": 3}

ReturnReason = Literal["E4A", "E4B"]
MeetingKind = Literal[
    "professionals_meeting", "family_group_conference", "looked_after_review", "review_after_return"
]
MEETING_LABELS: dict[str, str] = {
    "professionals_meeting": "professionals' meeting",
    "family_group_conference": "family group conference",
    "looked_after_review": "looked-after review",
    "review_after_return": "review after the return",
}

TimingReason = Literal[
    "goals_met",
    "support_in_place",
    "assessment_complete",
    "child_wish",
    "school_term",
    "school_holidays",
    "christmas",
    "religious_festival",
    "birthday",
    "court_timetable",
    "placement_ending",
    "other",
]

# The 903 code lists are homeward.ssda903's (pure Python like this package): never a copy.
LEGAL_STATUS_CODES: tuple[str, ...] = tuple(codes.LEGAL_STATUS)
REASON_CEASED_CODES: tuple[str, ...] = tuple(codes.REASON_EPISODE_CEASED)

# --- helpers ------------------------------------------------------------------------------------------


def _f(doc: str, default: Any = dataclasses.MISSING, **schema: Any) -> Any:
    """A dataclass field with a description (and optional extra JSON Schema keywords)."""
    meta = {"doc": doc, "schema": schema}
    if default is dataclasses.MISSING:
        return field(metadata=meta)
    if isinstance(default, list | dict):
        raise TypeError("use a tuple for a sequence default")
    return field(default=default, metadata=meta)


def format_date(day: date) -> str:
    """'3 March 2026' — the way dates are written in messages."""
    return f"{day.day} {day:%B %Y}"


def age_on(born: date, day: date) -> int:
    """Whole years of age on `day` (0 if `day` is before the birth)."""
    years = day.year - born.year - ((day.month, day.day) < (born.month, born.day))
    return max(years, 0)


# --- the snapshot -------------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Child:
    """The child the decision is about."""

    name: str = _f("The child's name as used in the record.", minLength=1)
    date_of_birth: date = _f("Date of birth (ISO date, YYYY-MM-DD).")

    def age_on(self, day: date) -> int:
        return age_on(self.date_of_birth, day)


@dataclass(frozen=True, kw_only=True)
class PeriodOfCare:
    """One period of care (903: from an episode with RNE = S to the first REC other than X1)."""

    started_on: date = _f("Date the period of care started.")
    ended_on: date | None = _f("Date it ended; null while the child is still looked after.", None)
    reason_ceased: str | None = _f(
        "903 REC code the period ended with (e.g. E4A), or null.", None, enum=list(REASON_CEASED_CODES)
    )


@dataclass(frozen=True, kw_only=True)
class PreviousReturn:
    """A previous return home (a period of care that ended with 903 REC E4A or E4B)."""

    returned_on: date = _f("Date the child returned home.")
    reason_ceased: ReturnReason = _f(
        "903 REC: E4A returned home as part of the care planning process; E4B unplanned return."
    )
    broke_down: bool = _f("Whether the return broke down (the child came back into care).")
    came_back_on: date | None = _f("Date the child came back into care, if known.", None)


def _placement_started_on(care: history.CareHistory) -> date | None:
    """The start of the latest placement in the current period of care (an episode starting a placement)."""
    current = care.current_period
    if current is None:
        return None
    starts = [
        t.episode.decom
        for t in care.timeline
        if t.episode.rne in PLACEMENT_CHANGE_RNE and current.start <= t.episode.decom <= care.as_of
    ]
    return max(starts, default=current.start)


@dataclass(frozen=True, kw_only=True)
class CareHistory:
    """The child's history of care."""

    periods_of_care: tuple[PeriodOfCare, ...] = _f("Every period of care, oldest first.", ())
    previous_returns: tuple[PreviousReturn, ...] = _f("Every previous return home.", ())
    placements_in_current_period: int = _f(
        "Number of placements in the current period of care (including the current one).", 1, minimum=0
    )
    placement_started_on: date | None = _f(
        "Date the child's current placement started (a move after the assessment makes it out of date).",
        None,
    )

    @classmethod
    def from_903(cls, history: history.CareHistory) -> CareHistory:
        """The framework's view of a child's 903 care history (`homeward.ssda903.history`)."""
        current = history.current_period
        return cls(
            periods_of_care=tuple(
                PeriodOfCare(
                    started_on=p.start,
                    ended_on=p.end,
                    # E99 (ended, reason unknown: set by the repairs) is not a 903 code.
                    reason_ceased=p.end_reason if p.end_reason in REASON_CEASED_CODES else None,
                )
                for p in history.periods
            ),
            previous_returns=tuple(
                PreviousReturn(
                    returned_on=r.returned_on,
                    reason_ceased="E4A" if r.planned else "E4B",
                    broke_down=r.broke_down,
                    came_back_on=r.re_entry,
                )
                for r in history.returns_home
            ),
            placements_in_current_period=current.placements if current else 0,
            placement_started_on=_placement_started_on(history),
        )


@dataclass(frozen=True, kw_only=True)
class Assessment:
    """The reunification assessment (NSPCC framework stage 1)."""

    started_on: date | None = _f("Date the assessment started.", None)
    completed_on: date | None = _f("Date the written assessment was completed; null if not yet.", None)
    author: str = _f("Who wrote it.", "")


@dataclass(frozen=True, kw_only=True)
class HouseholdMember:
    """An adult or young person living in (or recently leaving) the household the child would return to.

    Every member must be assessed, or explicitly excluded with a reason (NSPCC 2016 case-review
    learning: new partners and other household members were not assessed).
    """

    name: str = _f("Full name.", minLength=1)
    relationship: str = _f("Relationship to the child, in words (e.g. 'mother', 'mother's partner').")
    in_household_since: date | None = _f("Date they joined the household, if known.", None)
    parental_responsibility: bool = _f("Whether they hold parental responsibility for the child.", False)
    assessed_on: date | None = _f("Date they were assessed; null if not assessed.", None)
    excluded_reason: str | None = _f(
        "Why they are explicitly excluded from assessment (null if not excluded).", None
    )
    left_household_on: date | None = _f("Date they left the household, if they have left.", None)
    poses_risk: bool = _f("Whether the assessment identified them as a source of risk to the child.", False)


@dataclass(frozen=True, kw_only=True)
class CarerCapacityAssessment:
    """A carer's own parenting capacity (and capacity to change) assessment."""

    carer: str = _f("The carer's name (as in household_members).", minLength=1)
    relationship: str = _f("Relationship to the child (e.g. 'mother').", "")
    assessed_on: date | None = _f("Date of the capacity assessment; null if not done.", None)
    assessed_separately: bool = _f(
        "Whether this carer's capacity was assessed in their own right, not only as part of a couple.",
        False,
    )


@dataclass(frozen=True, kw_only=True)
class AgencyInvolved:
    """An agency working with the family."""

    type: AgencyType = _f("Kind of agency.")
    name: str = _f("The service's name (e.g. 'Leeds Community Mental Health Team').", "")


@dataclass(frozen=True, kw_only=True)
class AgencyConsulted:
    """An agency whose information was sought for the assessment."""

    type: AgencyType = _f("Kind of agency.")
    name: str = _f("The service's name.", "")
    consulted_on: date | None = _f("Date it was consulted.", None)
    contribution: str = _f("What it contributed.", "")


@dataclass(frozen=True, kw_only=True)
class MeetingAbsence:
    """A key agency for one of the family's needs that was not at the latest planning or review meeting:
    not invited, or invited and did not attend."""

    type: AgencyType = _f("Kind of agency.")
    name: str = _f("The service's name, if one is involved with the family.", "")
    meeting_on: date = _f("Date of the meeting.")
    meeting_kind: MeetingKind = _f("Kind of meeting.")
    invited: bool = _f("Whether it was invited (true: invited but did not attend).", False)


@dataclass(frozen=True, kw_only=True)
class Need:
    """A need or concern in the family (a risk factor the assessment identified)."""

    type: NeedType = _f("Kind of need or concern.")
    person: str = _f("Whom it concerns (a name), if one person.", "")
    continuing: bool = _f("Whether it is still continuing now (e.g. continuing substance misuse).", False)
    notes: str = _f("Free-text notes.", "")
    identified_on: date | None = _f(
        "Date the need was first recorded, if known (a need found after the assessment was completed "
        "makes it out of date).",
        None,
    )


@dataclass(frozen=True, kw_only=True)
class EvidenceItem:
    """A piece of evidence: what was seen or heard, from whom, when, and when it was written up."""

    id: str = _f("An identifier unique within the snapshot (goal reviews refer to it).", minLength=1)
    description: str = _f("What it is.", minLength=1)
    source: str = _f("Who gave or produced it (e.g. 'Dr Patel, GP').", "")
    kind: EvidenceKind = _f(
        "written (a document), verbal_report (told, not written), observation (seen by the worker), "
        "attendance (someone attended a service — never evidence of changed behaviour on its own)."
    )
    seen_on: date = _f("Date it was seen, heard or received.")
    written_up_on: date | None = _f("Date it was written up in the record; null if not yet.", None)
    agency: AgencyType | None = _f("The agency it came from, if any.", None)


@dataclass(frozen=True, kw_only=True)
class GoalReview:
    """One review of a goal, scored by Goal Attainment Scaling."""

    reviewed_on: date = _f("Date of the review.")
    score: int = _f(
        "GAS score: -2 much less than expected, -1 less, 0 expected, +1 more, +2 much more.",
        minimum=-2,
        maximum=2,
    )
    evidence_ids: tuple[str, ...] = _f("Ids of the evidence items the score rests on.", ())
    note: str = _f("Free-text note.", "")

    def __post_init__(self) -> None:
        if not -2 <= self.score <= 2:
            raise ValueError(f"a GAS score is between -2 and +2, not {self.score}")


@dataclass(frozen=True, kw_only=True)
class Goal:
    """A goal for one parent or carer (Leeds written-agreement template: goals per parent)."""

    id: str = _f("An identifier unique within the snapshot.", minLength=1)
    parent: str = _f("The parent or carer the goal is for (a name).", minLength=1)
    description: str = _f("The goal, in words the family can read.", minLength=1)
    weight: float = _f("GAS weight (default 1).", 1.0, exclusiveMinimum=0)
    reviews: tuple[GoalReview, ...] = _f("Its reviews.", ())

    def __post_init__(self) -> None:
        if not self.weight > 0:
            raise ValueError(f"a GAS weight is positive, not {self.weight}")


@dataclass(frozen=True, kw_only=True)
class RiskClassification:
    """A risk classification by the case team: RC1 after assessment, RC2 after goals are reviewed,
    RC3 after return."""

    point: RiskPoint = _f("RC1, RC2 or RC3.")
    level: RiskLevel = _f("low, medium, high or very_high.")
    classified_on: date = _f("Date of the classification.")
    reasons: str = _f("The case team's reasons.", "")


@dataclass(frozen=True, kw_only=True)
class ChildWishes:
    """The child's wishes and feelings, recorded in their own words."""

    recorded_on: date | None = _f("Date recorded.", None)
    in_own_words: str = _f("What the child said, in their own words.", "")
    present: tuple[str, ...] = _f("Who was present (names and roles).", ())
    parental_pressure_considered: bool = _f(
        "Whether the worker considered whether the child was under pressure from a parent.", False
    )
    seen_alone: bool = _f("Whether the child was seen alone.", False)


@dataclass(frozen=True, kw_only=True)
class Agreement:
    """The written agreement with the parents (Leeds template)."""

    exists: bool = _f("Whether a written agreement exists.", True)
    has_conditions: bool = _f("Whether it states the conditions (goals and expectations).", False)
    has_support: bool = _f("Whether it states the support the family will receive.", False)
    has_consequences: bool = _f("Whether it states what happens if it is not kept.", False)
    agreed_on: date | None = _f("Date it was agreed.", None)


@dataclass(frozen=True, kw_only=True)
class ReturnPlan:
    """The plan for the return itself."""

    staged: bool = _f("Whether the return is staged (increasing time at home).", False)
    proposed_date: date | None = _f("Proposed date of return.", None)
    timing_reason: TimingReason | None = _f("Why the return is timed for that date.", None)
    timing_note: str = _f("The reason for the timing, in words.", "")


@dataclass(frozen=True, kw_only=True)
class SupportPlan:
    """Support for the family after the return (the child as a child in need)."""

    months: int = _f("How many months of support are planned after the return.", minimum=0)
    summary: str = _f("What the support is.", "")


@dataclass(frozen=True, kw_only=True)
class ContingencyPlan:
    """What will happen if the return does not work."""

    summary: str = _f("The contingency plan, in words.", minLength=1)
    recorded_on: date | None = _f("Date recorded.", None)


@dataclass(frozen=True, kw_only=True)
class CaseSnapshot:
    """Everything the rulebook reads about one child's case, as it stood on `as_of`."""

    as_of: date = _f("The evaluation date: every 'how long ago' is measured from it (never the clock).")
    child: Child = _f("The child.")
    legal_status: str = _f(
        "The child's legal status now, as a 903 LS code (e.g. C2 full care order, V2 s20).",
        enum=list(LEGAL_STATUS_CODES),
    )
    care_history: CareHistory = _f("The child's history of care.", CareHistory())
    assessment: Assessment | None = _f("The reunification assessment, if started.", None)
    household_members: tuple[HouseholdMember, ...] = _f("The household the child would return to.", ())
    carer_assessments: tuple[CarerCapacityAssessment, ...] = _f(
        "Each carer's own parenting capacity assessment.", ()
    )
    agencies_involved: tuple[AgencyInvolved, ...] = _f("Agencies working with the family.", ())
    agencies_consulted: tuple[AgencyConsulted, ...] = _f("Agencies consulted for the assessment.", ())
    meeting_absences: tuple[MeetingAbsence, ...] = _f(
        "Key agencies for the family's needs missing from the latest planning or review meeting.", ()
    )
    needs: tuple[Need, ...] = _f("The family's needs and concerns.", ())
    evidence: tuple[EvidenceItem, ...] = _f("Evidence items.", ())
    goals: tuple[Goal, ...] = _f("Goals per parent, with their GAS reviews.", ())
    risk_classifications: tuple[RiskClassification, ...] = _f("Risk classifications RC1-RC3.", ())
    child_wishes: ChildWishes | None = _f("The child's recorded wishes, if recorded.", None)
    agreement: Agreement | None = _f("The written agreement, if any.", None)
    return_plan: ReturnPlan | None = _f("The return plan, if any.", None)
    support_plan: SupportPlan | None = _f("The support plan after return, if any.", None)
    contingency_plan: ContingencyPlan | None = _f("The contingency plan, if any.", None)
    case_reference: str = _f("The authority's own reference for the case (not used by the rules).", "")

    @property
    def child_age(self) -> int:
        """The child's age in whole years on `as_of`."""
        return self.child.age_on(self.as_of)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-able dict that `snapshot_from_dict` reads back to an equal snapshot."""
        from homeward.framework.convert import to_jsonable

        result = to_jsonable(self)
        assert isinstance(result, dict)
        return result
