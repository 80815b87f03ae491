"""no-evidence-of-change (gap): no goal reviews show actual change, for the family or for a parent.

Case reviews found children returned with little sign of improvement, especially where there was
neglect (NSPCC 2016); the framework asks for evidence of change over time through goals scored by Goal
Attainment Scaling (Wilkins & Farmer 2015). Attendance at a service is never evidence of changed
behaviour on its own (SDM guidance), and a score that cites nothing rests on nothing: a review counts
only when it cites at least one evidence item that exists and is not attendance
(`homeward.framework.gas.counts_as_evidence`), whatever its score. The finding names each review that
does not count and why ("Jo Brown's review of 3 March 2026 cites no evidence").
Applies at D2 and D3: goals are set after D1 (stage 2), so they cannot yet have been reviewed at D1.
"""

from __future__ import annotations

from homeward.framework.gas import ReviewSummary
from homeward.framework.model import FROM_D2, WILKINS_FARMER_2015, Context, Hit, Rule
from homeward.framework.snapshot import format_date


def _why(review: ReviewSummary) -> str:
    """Why one review date does not count: it cites nothing, attendance only, or one or the other."""
    if all(g.cites_no_evidence for g in review.goals):
        return "cites no evidence"
    if all(g.attendance_only for g in review.goals):
        return "rests on attendance alone"
    return "cites only attendance or no evidence"


def check(ctx: Context) -> Hit | None:
    goals = ctx.snapshot.goals
    if not goals:
        return Hit(
            message=(
                "No goals have been set for the parents, so there is no evidence of change over time. "
                "Set goals per parent and review them with Goal Attainment Scaling."
            )
        )
    lines: list[str] = []
    people: list[str] = []
    for parent in dict.fromkeys(g.parent for g in goals):
        reviews = ctx.reviews_for(parent)
        if not reviews:
            lines.append(f"{parent}'s goals have not been reviewed yet.")
        elif not any(r.counts_as_evidence for r in reviews):
            lines.append(
                " ".join(f"{parent}'s review of {format_date(r.reviewed_on)} {_why(r)}." for r in reviews)
                + " That is not evidence of changed behaviour."
            )
        else:
            continue
        people.append(parent)
    if not lines:
        return None
    return Hit(
        message=" ".join(lines)
        + " Evidence of actual change over time is needed: goal reviews resting on what was seen or "
        "written, not only on attendance.",
        people=tuple(people),
    )


RULE = Rule(
    id="no-evidence-of-change",
    kind="gap",
    title="No evidence of change",
    gates=FROM_D2,
    source=f"{WILKINS_FARMER_2015}; NSPCC (2016) case-review learning; SDM guidance",
    check=check,
    why_these_gates="Goals are set after D1, so reviews can only be expected from D2.",
    doc=__doc__ or "",
)
