"""risky-parent-removed-only (caution): the plan relies on the risky adult having left, without
evidence that the remaining carers can protect the child on their own.

Case reviews found the "safe" parent was assumed safe once the risky parent left (NSPCC 2016). Fires
when a household member identified as a risk has left the household (on or before `as_of`) and a
remaining carer (a current household member with parental responsibility) has no parenting capacity
assessment of their own that was `assessed_separately` and dated on or after the day the risky adult
left (the latest such day, if more than one left) and on or before `as_of`. It names each carer who
lacks one and why: not done, done before the adult left, or not assessed separately.

Only that assessment clears it. Goal reviews never do, whatever their scores: their evidence may be
about the household while the removed adult was in it, and a score says nothing about whether the
remaining carer can protect the child alone. Applies at every gate.
"""

from __future__ import annotations

from datetime import date

from homeward.framework.model import ALL_GATES, NSPCC_2016, Context, Hit, Rule, join_words
from homeward.framework.snapshot import CarerCapacityAssessment, format_date


def _lacking(ctx: Context, carer: str, since: str, left_on: date) -> str | None:
    """Why `carer` has no separate capacity assessment dated on or after the adult left, or None."""
    own = [
        c
        for c in ctx.snapshot.carer_assessments
        if c.carer == carer and c.assessed_on is not None and c.assessed_on <= ctx.as_of
    ]

    def after(c: CarerCapacityAssessment) -> bool:
        return c.assessed_on is not None and c.assessed_on >= left_on

    if any(c.assessed_separately and after(c) for c in own):
        return None
    if not own:
        return f"{carer} has no parenting capacity assessment of their own"
    if not any(after(c) for c in own):
        latest = max(c.assessed_on for c in own if c.assessed_on is not None)
        return f"{carer}'s parenting capacity was last assessed on {format_date(latest)}, before {since} left"
    return f"{carer}'s parenting capacity has not been assessed separately since {since} left"


def check(ctx: Context) -> Hit | None:
    left = [
        m
        for m in ctx.snapshot.household_members
        if m.poses_risk and m.left_household_on is not None and m.left_household_on <= ctx.as_of
    ]
    if not left:
        return None
    left_on = max(m.left_household_on for m in left if m.left_household_on is not None)
    since = join_words([m.name for m in left if m.left_household_on == left_on])
    remaining = [m.name for m in ctx.current_household if m.parental_responsibility]
    if remaining:
        missing = [
            (name, why) for name in remaining if (why := _lacking(ctx, name, since, left_on)) is not None
        ]
        if not missing:
            return None
        lacking = " ".join(f"{why}." for _name, why in missing)
        carers = join_words([name for name, _why in missing])
    else:
        missing = []
        lacking = "No remaining carer with parental responsibility is recorded in the household."
        carers = "the remaining carer"
    gone = join_words(
        [
            f"{m.name} ({m.relationship}) left on {format_date(m.left_household_on)}"
            for m in left
            if m.left_household_on
        ]
    )
    return Hit(
        message=(
            f"The risk was reduced by an adult leaving: {gone}. {lacking} There is no evidence yet that "
            f"{carers} can protect the child on their own, or that the adult will not return: "
            "the remaining parent should not be assumed safe. Goal reviews do not show this; a "
            "parenting capacity assessment of the remaining carer, in their own right, since the adult "
            "left, is needed."
        ),
        people=tuple([m.name for m in left] + [name for name, _why in missing]),
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
