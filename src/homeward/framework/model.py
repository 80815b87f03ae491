"""The rulebook's vocabulary: decision gates, rules, findings (gaps and cautions) and the evaluation."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import cached_property
from typing import Any, Literal

from homeward.framework.config import Config
from homeward.framework.gas import ReviewSummary, review_summaries
from homeward.framework.snapshot import (
    RISK_LEVEL_ORDER,
    CaseSnapshot,
    EvidenceItem,
    HouseholdMember,
    Need,
    format_date,
)


class Gate(StrEnum):
    """The three decision gates of the NSPCC Reunification Practice Framework (Wilkins & Farmer 2015)."""

    D1 = "D1"
    D2 = "D2"
    D3 = "D3"

    @property
    def question(self) -> str:
        return GATE_QUESTIONS[self]


GATE_QUESTIONS: dict[Gate, str] = {
    Gate.D1: "Should a return home be considered?",
    Gate.D2: "Should we proceed to a reunification plan?",
    Gate.D3: "Should the child return home?",
}
CORE_QUESTION = "Will this child be safe and nurtured if they return to live with their parent(s)?"
ALL_GATES: frozenset[Gate] = frozenset(Gate)
FROM_D2: frozenset[Gate] = frozenset({Gate.D2, Gate.D3})
D3_ONLY: frozenset[Gate] = frozenset({Gate.D3})

Kind = Literal["gap", "caution"]
Answer = Literal["yes", "maybe", "no"]

# Sources, as cited in DOMAIN.md.
NSPCC_2016 = "NSPCC (2016), learning from serious case reviews on children returning home from care"
FARMER_2014 = "Farmer (2014), returns home from care: 180 children followed for two years"
WILKINS_FARMER_2015 = "Wilkins & Farmer (2015), NSPCC Reunification Practice Framework"
LEEDS_2016 = "Leeds City Council (2016), reunification procedure and written agreement template"
GOLDACRE_2022 = "Goldacre, Hood, Jones, King & Wang (2022), BJSW 52(8): re-entry to care after return home"
KIRESUK_SHERMAN_1968 = "Kiresuk & Sherman (1968), Goal Attainment Scaling"
SDM_GUIDANCE = "Structured Decision Making reunification guidance: attendance is not evidence of change"
CHILDREN_ACT_S20 = "Children Act 1989 s20(8): a parent with parental responsibility may remove the child"
MISSING_RESEARCH = (
    "Research-informed: Farmer (2018), reunification from out-of-home care, a research overview; Wade, "
    "Biehal, Farrelly & Sinclair (2011); the NSPCC Reunification Practice Framework (Wilkins & Farmer 2015): "
    "a child running home is a sign to assess"
)


@dataclass(frozen=True, kw_only=True)
class Hit:
    """What a rule's check returns when it fires: the message and the people (or items) concerned."""

    message: str
    people: tuple[str, ...] = ()
    items: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Finding:
    """A gap or caution found in a case, with its plain-English message and source."""

    id: str
    kind: Kind
    title: str
    message: str
    source: str
    gates: tuple[Gate, ...]
    people: tuple[str, ...] = ()
    items: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "title": self.title,
            "message": self.message,
            "source": self.source,
            "gates": [str(g) for g in self.gates],
            "people": list(self.people),
            "items": list(self.items),
        }


@dataclass(frozen=True, kw_only=True)
class Rule:
    """One rule of the rulebook: stable id, kind, the gates it applies at, its source and its check."""

    id: str
    kind: Kind
    title: str
    gates: frozenset[Gate]
    source: str
    check: Callable[[Context], Hit | None]
    why_these_gates: str = ""
    doc: str = ""

    def applies_at(self, gate: Gate) -> bool:
        return gate in self.gates

    def run(self, ctx: Context) -> Finding | None:
        hit = self.check(ctx)
        if hit is None:
            return None
        return Finding(
            id=self.id,
            kind=self.kind,
            title=self.title,
            message=hit.message,
            source=self.source,
            gates=tuple(sorted(self.gates)),
            people=hit.people,
            items=hit.items,
        )


@dataclass(frozen=True)
class Context:
    """What a rule's check sees: the snapshot, the configuration and the gate, plus shared helpers."""

    snapshot: CaseSnapshot
    config: Config
    gate: Gate

    @property
    def as_of(self) -> date:
        return self.snapshot.as_of

    @cached_property
    def reviews(self) -> tuple[ReviewSummary, ...]:
        return review_summaries(
            self.snapshot,
            rho=self.config.gas_rho,
            red_at_most=self.config.gas_red_at_most,
            green_at_least=self.config.gas_green_at_least,
        )

    def reviews_for(self, parent: str) -> tuple[ReviewSummary, ...]:
        goals = [g for g in self.snapshot.goals if g.parent == parent]
        return review_summaries(
            self.snapshot,
            goals,
            rho=self.config.gas_rho,
            red_at_most=self.config.gas_red_at_most,
            green_at_least=self.config.gas_green_at_least,
        )

    @cached_property
    def current_household(self) -> tuple[HouseholdMember, ...]:
        """Members living in the household on `as_of` (not left; joined on or before `as_of` or unknown)."""
        return tuple(
            m
            for m in self.snapshot.household_members
            if (m.left_household_on is None or m.left_household_on > self.as_of)
            and (m.in_household_since is None or m.in_household_since <= self.as_of)
        )

    def family_listed(self, present: tuple[str, ...]) -> tuple[str, ...]:
        """The entries of a 'who was present' list that name a parent, carer or relative: a household
        member's or carer's name, or one of the configured words (`child_seen.family_words`)."""
        names = {m.name.lower() for m in self.snapshot.household_members}
        names |= {c.carer.lower() for c in self.snapshot.carer_assessments}
        names.discard(self.snapshot.child.name.lower())
        words = set(self.config.family_words)
        listed = []
        for entry in present:
            text = entry.lower()
            if any(name and name in text for name in names) or words & set(_WORD.findall(text)):
                listed.append(entry)
        return tuple(listed)

    def service_says_continuing(self, need: Need) -> EvidenceItem | None:
        """For a substance-misuse need recorded as not continuing: the substance-misuse service's latest
        written evidence that says whether use is continuing, when it says it is (else None). Evidence
        another substance-misuse need rests on, and this one does not, is that need's, not this one's."""
        if need.type != "substance_misuse" or need.continuing:
            return None
        others = {
            ref
            for n in self.snapshot.needs
            if n.type == "substance_misuse" and n is not need
            for ref in n.evidence_ids
        } - set(need.evidence_ids)
        said = [
            e
            for e in self.snapshot.evidence
            if e.agency == "substance_misuse"
            and e.kind == "written"
            and e.shows_continuing is not None
            and e.seen_on <= self.as_of
            and e.id not in others
        ]
        if not said:
            return None
        latest = max(said, key=lambda e: (e.seen_on, bool(e.shows_continuing)))  # a tie: the worse
        return latest if latest.shows_continuing else None

    @cached_property
    def latest_risk(self) -> tuple[str, date] | None:
        """(level, date) of the latest risk classification on or before `as_of` (ties: the higher)."""
        dated = [
            (r.classified_on, RISK_LEVEL_ORDER[r.level], r.level)
            for r in self.snapshot.risk_classifications
            if r.classified_on <= self.as_of
        ]
        if not dated:
            return None
        day, _order, level = max(dated)
        return level, day


_WORD = re.compile(r"[a-z]+(?:-[a-z]+)?")


def describe_member(m: HouseholdMember) -> str:
    """'Dean Smith (mother's partner, in the household since 3 March 2026)'."""
    parts = [m.relationship] if m.relationship else []
    if m.in_household_since is not None:
        parts.append(f"in the household since {format_date(m.in_household_since)}")
    return f"{m.name} ({', '.join(parts)})" if parts else m.name


def join_words(words: list[str] | tuple[str, ...]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    items = list(words)
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " and " + items[-1]


def days_between(earlier: date, later: date) -> int:
    return (later - earlier).days


RETURNS_HOME = "previous returns home"  # the plural of "previous return home"


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


@dataclass(frozen=True, kw_only=True)
class Evaluation:
    """The result of evaluating one snapshot at one gate."""

    gate: Gate
    as_of: date
    child: str
    config_version: str
    gaps: tuple[Finding, ...]
    cautions: tuple[Finding, ...]
    suggested_answer: Answer
    reasons: tuple[str, ...]
    rules_checked: tuple[str, ...]
    reviews: tuple[ReviewSummary, ...] = field(default=())

    @property
    def findings(self) -> tuple[Finding, ...]:
        return self.gaps + self.cautions

    def to_dict(self) -> dict[str, Any]:
        return {
            "gate": str(self.gate),
            "gate_question": self.gate.question,
            "core_question": CORE_QUESTION,
            "as_of": self.as_of.isoformat(),
            "child": self.child,
            "config_version": self.config_version,
            "suggested_answer": self.suggested_answer,
            "reasons": list(self.reasons),
            "gaps": [f.to_dict() for f in self.gaps],
            "cautions": [f.to_dict() for f in self.cautions],
            "evidence_of_change": [r.to_dict() for r in self.reviews],
            "rules_checked": list(self.rules_checked),
            "advice": (
                "This is advice to a professional, never a verdict: the framework shows evidence, gaps "
                "and cautions; a person decides, with a manager's sign-off."
            ),
        }
