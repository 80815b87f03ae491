"""adolescent-repeated-returns (caution): an adolescent who has returned home before.

Case reviews found adolescents "walking themselves home", often under s20 (NSPCC 2016); an s20
adolescent with repeated returns is one of the framework's research-based cautions (Wilkins & Farmer
2015). The adolescent age and the number of previous returns are `child.adolescent_age` and
`child.repeated_returns` in the configuration. Applies at every gate.
"""

from __future__ import annotations

from homeward.framework.model import (
    ALL_GATES,
    NSPCC_2016,
    RETURNS_HOME,
    WILKINS_FARMER_2015,
    Context,
    Hit,
    Rule,
    plural,
)


def check(ctx: Context) -> Hit | None:
    age = ctx.snapshot.child_age
    returns = [r for r in ctx.snapshot.care_history.previous_returns if r.returned_on <= ctx.as_of]
    if age < ctx.config.adolescent_age or len(returns) < ctx.config.repeated_returns:
        return None
    child = ctx.snapshot.child.name
    s20 = " and is accommodated under s20" if ctx.snapshot.legal_status == "V2" else ""
    times = plural(len(returns), "previous return home", RETURNS_HOME)
    return Hit(
        message=(
            f"{child} is {age}{s20}, with {times}. Adolescents with "
            "repeated returns may go home on their own terms: plan with the young person, and for what "
            "happens if they do."
        ),
        people=(child,),
    )


RULE = Rule(
    id="adolescent-repeated-returns",
    kind="caution",
    title="Adolescent with repeated returns",
    gates=ALL_GATES,
    source=f"{NSPCC_2016}; {WILKINS_FARMER_2015}",
    check=check,
    why_these_gates="A research-based risk indicator, relevant at every decision.",
    doc=__doc__ or "",
)
