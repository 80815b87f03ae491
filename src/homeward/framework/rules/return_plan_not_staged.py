"""return-plan-not-staged (gap): there is no return plan, or the return is not staged.

The framework plans a staged return (increasing time at home) after the decision to proceed
(Wilkins & Farmer 2015; Leeds 2016); 27% of returns in Farmer (2014) were unplanned. Applies at D3
only: the return plan is made after D2.
"""

from __future__ import annotations

from homeward.framework.model import D3_ONLY, FARMER_2014, WILKINS_FARMER_2015, Context, Hit, Rule


def check(ctx: Context) -> Hit | None:
    plan = ctx.snapshot.return_plan
    child = ctx.snapshot.child.name
    if plan is None:
        return Hit(
            message=(
                f"There is no return plan for {child}. Plan a staged return, with increasing time at home."
            ),
            people=(child,),
        )
    if plan.staged:
        return None
    return Hit(
        message=(
            f"{child}'s return plan is not staged. A staged return, with increasing time at home, lets "
            "everyone see how the family manages before the move."
        ),
        people=(child,),
        items=("return plan",),
    )


RULE = Rule(
    id="return-plan-not-staged",
    kind="gap",
    title="Return not staged",
    gates=D3_ONLY,
    source=f"{WILKINS_FARMER_2015}; {FARMER_2014}",
    check=check,
    why_these_gates="The return plan is made after D2, for the D3 decision.",
    doc=__doc__ or "",
)
