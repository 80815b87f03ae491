"""risky-parent-removed-only (caution): the plan relies on the risky adult having left, without
evidence that the remaining carers have changed.

Case reviews found the "safe" parent was assumed safe once the risky parent left (NSPCC 2016). Fires
when a household member identified as a risk has left the household and none of the remaining carers
(current household members with parental responsibility) has a goal review showing change (resting on
more than attendance, at the expected level or better). Applies at every gate.
"""

from __future__ import annotations

from homeward.framework.model import ALL_GATES, NSPCC_2016, Context, Hit, Rule, join_words
from homeward.framework.snapshot import format_date


def _shows_change(ctx: Context, parent: str) -> bool:
    green = ctx.config.gas_green_at_least
    return any(g.score >= green and not g.attendance_only for r in ctx.reviews_for(parent) for g in r.goals)


def check(ctx: Context) -> Hit | None:
    left = [
        m
        for m in ctx.snapshot.household_members
        if m.poses_risk and m.left_household_on is not None and m.left_household_on <= ctx.as_of
    ]
    if not left:
        return None
    remaining = [m.name for m in ctx.current_household if m.parental_responsibility]
    if any(_shows_change(ctx, name) for name in remaining):
        return None
    gone = join_words(
        [
            f"{m.name} ({m.relationship}) left on {format_date(m.left_household_on)}"
            for m in left
            if m.left_household_on
        ]
    )
    carers = join_words(remaining) if remaining else "the remaining carer"
    return Hit(
        message=(
            f"The risk was reduced by an adult leaving: {gone}. There is no evidence yet that {carers} "
            "can protect the child on their own, or that the adult will not return. The remaining "
            "parent should not be assumed safe."
        ),
        people=tuple([m.name for m in left] + remaining),
    )


RULE = Rule(
    id="risky-parent-removed-only",
    kind="caution",
    title="Only the risky parent has left",
    gates=ALL_GATES,
    source=NSPCC_2016,
    check=check,
    why_these_gates="A case-review finding relevant at every decision.",
    doc=__doc__ or "",
)
