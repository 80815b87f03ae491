"""Reads for moves: the child's moves, whether a planned return may go ahead, and the reg 39 checklist.

The checklist is drawn from the records, never ticked: each item is met when the record holds the work
(a signed assessment with the child's own words, a support plan with its services and contingency, a
signed D3 "yes"), and links to where it is evidenced or is to be done.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, timedelta
from functools import lru_cache

import holidays
from django.shortcuts import get_object_or_404
from django.urls import reverse

from homeward.assessments.selectors import last_signed_assessment
from homeward.children.models import Child, Episode
from homeward.children.selectors import history_of
from homeward.decisions.models import Answer, Decision, GateChoice
from homeward.decisions.selectors import latest_by_gate
from homeward.framework.text import says_something
from homeward.moves.models import Move, ReturnApproval
from homeward.plans.selectors import support_plan

# Care Planning, Placement and Case Review (England) Regulations 2010, reg 39: a child looked after for
# 20 working days or more may stop being looked after (other than at 18) only with a nominated officer's
# approval, once the checklist below is met.
REG_39 = "Care Planning, Placement and Case Review (England) Regulations 2010, regulation 39"
NOMINATED_OFFICER_AFTER_WORKING_DAYS = 20
VOLUNTARY = frozenset({"V2", "V3", "V4"})  # accommodated under section 20 (903 LS)
PLACED_WITH_PARENTS = "P1"  # 903 PLACE


@lru_cache(maxsize=8)
def _bank_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def working_days(start: date, end: date) -> int:
    """Working days (Monday to Friday, not an English bank holiday) from `start` up to `end`."""
    days = 0
    day = start
    while day < end:
        if day.weekday() < 5 and day not in _bank_holidays(day.year):
            days += 1
        day += timedelta(days=1)
    return days


def moves_for(child: Child) -> list[Move]:
    return list(
        Move.objects.filter(child=child)
        .select_related("decision", "approval", "corrects")
        .order_by("-moved_on", "-id")
    )


def move(child: Child, move_id: int) -> Move:
    """One of this child's moves (a 404 for another child's)."""
    return get_object_or_404(Move, pk=move_id, child=child)


def open_episode(child: Child) -> Episode | None:
    """The episode the child is in now (not ended), if they are looked after."""
    return Episode.objects.filter(child=child, dec__isnull=True).order_by("-decom", "-id").first()


def can_place_with_parents(now: Episode | None) -> bool:
    """Whether a placement with parents can be recorded from the episode the child is in: looked after
    under an order (a child accommodated under section 20 who goes home stops being looked after), and
    not placed with parents already."""
    return now is not None and now.ls not in VOLUNTARY and now.place != PLACED_WITH_PARENTS


def last_episode(child: Child) -> Episode | None:
    return Episode.objects.filter(child=child).order_by("-decom", "-id").first()


def looked_after_since(child: Child, on: date) -> date | None:
    """The start of the period of care the child is in on `on` (None if not looked after then)."""
    episodes = list(child.episodes.order_by("decom", "id"))
    period = history_of(child, episodes, on).current_period
    return period.start if period is not None else None


def needs_nominated_officer(child: Child, on: date) -> bool:
    """Whether stopping looking after the child on `on` needs a nominated officer's approval (reg 39)."""
    since = looked_after_since(child, on)
    return since is not None and working_days(since, on) >= NOMINATED_OFFICER_AFTER_WORKING_DAYS


def d3_yes(child: Child) -> Decision | None:
    """The child's standing D3 decision if it is a signed-off "yes" (the latest version at D3)."""
    d3 = latest_by_gate(child).get(GateChoice.D3)
    if d3 is not None and d3.signed_at is not None and d3.answer == Answer.YES:
        return d3
    return None


def approval_for(decision: Decision | None) -> ReturnApproval | None:
    if decision is None:
        return None
    return ReturnApproval.objects.filter(decision=decision).order_by("-approved_at", "-id").first()


@dataclass(frozen=True)
class ChecklistItem:
    key: str
    title: str
    met: bool
    evidence: str  # what the record holds, or what is missing
    link: str
    link_text: str


def reg39_checklist(child: Child) -> list[ChecklistItem]:
    """The reg 39 checklist before a planned return, each item read from the records."""
    assessment = last_signed_assessment(child)
    plan = support_plan(child)
    services = list(plan.services.all()) if plan is not None else []
    decision = d3_yes(child)
    wishes = bool(
        assessment and assessment.wishes_recorded_on and says_something(assessment.wishes_in_own_words)
    )
    cid = child.pk
    assessed = f"version {assessment.version}, signed {assessment.signed_at:%-d %B %Y}" if assessment else ""
    items = [
        ChecklistItem(
            "living_arrangements",
            "The living arrangements at home have been assessed",
            assessment is not None,
            f"Signed assessment {assessed}." if assessment else "No assessment has been signed.",
            reverse("assessments:overview", args=[cid]),
            "The assessment",
        ),
        ChecklistItem(
            "support_needed",
            "The support the child and the parents will need has been assessed",
            bool(services),
            (
                f"{len(services)} service{'s' if len(services) != 1 else ''} in the support plan: "
                + "; ".join(f"{s.service[:60]} ({s.provided_by})" for s in services)
                if services
                else "The support plan names no service."
            ),
            reverse("plans:plans", args=[cid]),
            "The support plan",
        ),
        ChecklistItem(
            "wishes",
            "The child's wishes and feelings have been recorded",
            wishes,
            (
                f"Recorded on {assessment.wishes_recorded_on:%-d %B %Y}, in the child's own words."
                if wishes and assessment is not None and assessment.wishes_recorded_on
                else "The signed assessment holds no record of the child's wishes in their own words."
            ),
            reverse("assessments:child", args=[cid]),
            "The child's wishes and feelings",
        ),
        ChecklistItem(
            "welfare",
            "A judgement that the return is in the child's best interests (D3 signed off: yes)",
            decision is not None,
            (
                f"D3 version {decision.version} signed off by {decision.signed_by_name}."
                if decision is not None
                else "There is no signed-off D3 decision that the child should return home."
            ),
            (
                reverse("decisions:detail", args=[cid, decision.pk])
                if decision is not None
                else reverse("decisions:list", args=[cid])
            ),
            "The D3 decision",
        ),
        ChecklistItem(
            "support_after",
            "Support after the return, and what happens if it breaks down, are written into the plan",
            bool(plan and plan.months and services and says_something(plan.contingency)),
            (
                f"{plan.months} months of support after the return, with a contingency plan."
                if plan and plan.months and services and says_something(plan.contingency)
                else "The plan does not yet say what support follows the return and what happens if it "
                "breaks down."
            ),
            reverse("plans:plans", args=[cid]),
            "The support plan",
        ),
    ]
    return items


def checklist_as_json(items: list[ChecklistItem]) -> list[dict[str, object]]:
    return [asdict(item) for item in items]


@dataclass(frozen=True)
class ReturnReadiness:
    """Whether a planned return can be recorded today, and what stands in its way."""

    decision: Decision | None
    needs_approval: bool
    approval: ReturnApproval | None
    checklist: list[ChecklistItem]
    looked_after_since: date | None

    @property
    def outstanding(self) -> list[str]:
        reasons = []
        if self.decision is None:
            reasons.append("A planned return needs a signed-off D3 decision that the child should go home.")
        if self.needs_approval and self.approval is None:
            reasons.append(
                "The child has been looked after for 20 working days or more: a nominated officer must "
                "approve the return (reg 39)."
            )
        return reasons

    @property
    def checklist_met(self) -> bool:
        return all(item.met for item in self.checklist)


def return_readiness(child: Child, on: date) -> ReturnReadiness:
    decision = d3_yes(child)
    return ReturnReadiness(
        decision=decision,
        needs_approval=needs_nominated_officer(child, on),
        approval=approval_for(decision),
        checklist=reg39_checklist(child),
        looked_after_since=looked_after_since(child, on),
    )
