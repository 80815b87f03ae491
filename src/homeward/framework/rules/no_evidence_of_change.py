"""no-evidence-of-change (gap): no goal reviews show actual change, for the family or for a parent.

Case reviews found children returned with little sign of improvement, especially where there was
neglect (NSPCC 2016); the framework asks for evidence of change over time through goals scored by Goal
Attainment Scaling (Wilkins & Farmer 2015). Attendance at a service is never evidence of changed
behaviour on its own (SDM guidance): a review whose cited evidence is attendance only does not count.
Applies at D2 and D3: goals are set after D1 (stage 2), so they cannot yet have been reviewed at D1.
"""

from __future__ import annotations

from homeward.framework.model import FROM_D2, WILKINS_FARMER_2015, Context, Hit, Rule


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
                f"{parent}'s goal reviews rest on attendance alone, "
                "which is not evidence of changed behaviour."
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
