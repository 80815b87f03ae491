"""no-contingency-plan (gap): no plan for what happens if the return does not work.

A contingency plan is needed before a return and before a case closes (NSPCC 2016 case-review
learning; Wilkins & Farmer 2015). A plan that says nothing ("TBC", "see notes") or is dated after
`as_of` does not count. Applies at D3 only.
"""

from __future__ import annotations

from homeward.framework.model import D3_ONLY, NSPCC_2016, Context, Hit, Rule
from homeward.framework.snapshot import format_date
from homeward.framework.text import quoted, says_something


def check(ctx: Context) -> Hit | None:
    plan = ctx.snapshot.contingency_plan
    child = ctx.snapshot.child.name
    if plan is not None and plan.recorded_on is not None and plan.recorded_on > ctx.as_of:
        return Hit(
            message=f"The contingency plan is dated {format_date(plan.recorded_on)}, after this decision: "
            f"there is no plan yet saying what will happen if {child}'s return does not work.",
            people=(child,),
        )
    if plan is not None and says_something(plan.summary):
        return None
    if plan is not None:
        return Hit(
            message=f"The contingency plan {quoted(plan.summary)}: it does not say what will happen if "
            f"{child}'s return does not work.",
            people=(child,),
        )
    return Hit(
        message=f"There is no contingency plan saying what will happen if {child}'s return does not work.",
        people=(child,),
    )


RULE = Rule(
    id="no-contingency-plan",
    kind="gap",
    title="No contingency plan",
    gates=D3_ONLY,
    source=NSPCC_2016,
    check=check,
    why_these_gates="The contingency plan is made with the return plan, for D3.",
    doc=__doc__ or "",
)
