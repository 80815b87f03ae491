"""no-support-plan-after-return (gap): no support plan after the return, or one shorter than the minimum.

Support continues for at least 12 months after a return, the child treated as a child in need
(Wilkins & Farmer 2015); 17% of parents and 40% of children received no support (Farmer 2014), and
support was withdrawn when looked-after status ended (NSPCC 2016). The minimum is
`support.months_after_return` in the configuration. Applies at D3 only: it is planned with the return.
"""

from __future__ import annotations

from homeward.framework.model import D3_ONLY, FARMER_2014, WILKINS_FARMER_2015, Context, Hit, Rule, plural
from homeward.framework.text import quoted, says_something


def check(ctx: Context) -> Hit | None:
    minimum = ctx.config.support_months_after_return
    plan = ctx.snapshot.support_plan
    child = ctx.snapshot.child.name
    if plan is None:
        return Hit(
            message=(
                f"There is no support plan for after {child}'s return. Support should continue for at least "
                f"{plural(minimum, 'month')}, with {child} treated as a child in need."
            ),
            people=(child,),
        )
    if plan.months >= minimum and says_something(plan.summary):
        return None
    if plan.months >= minimum:
        return Hit(
            message=f"The support plan after {child}'s return {quoted(plan.summary)}: it does not say what "
            "the support is or who gives it.",
            people=(child,),
            items=("support plan",),
        )
    return Hit(
        message=(
            f"The support plan after {child}'s return covers {plural(plan.months, 'month')}; at least "
            f"{plural(minimum, 'month')} is expected."
        ),
        people=(child,),
        items=("support plan",),
    )


RULE = Rule(
    id="no-support-plan-after-return",
    kind="gap",
    title="No support plan after return",
    gates=D3_ONLY,
    source=f"{WILKINS_FARMER_2015}; {FARMER_2014}",
    check=check,
    why_these_gates="Support after return is planned with the return, for D3.",
    doc=__doc__ or "",
)
