"""unplanned-previous-return (caution): an earlier return home was unplanned (903 REC E4B).

27% of returns in Farmer (2014) were unplanned; unplanned returns are among the framework's
research-based cautions (Wilkins & Farmer 2015). Applies at every gate.
"""

from __future__ import annotations

from homeward.framework.model import ALL_GATES, FARMER_2014, WILKINS_FARMER_2015, Context, Hit, Rule
from homeward.framework.snapshot import format_date


def check(ctx: Context) -> Hit | None:
    unplanned = [
        r
        for r in ctx.snapshot.care_history.previous_returns
        if r.reason_ceased == "E4B" and r.returned_on <= ctx.as_of
    ]
    if not unplanned:
        return None
    child = ctx.snapshot.child.name
    dates = ", ".join(format_date(r.returned_on) for r in sorted(unplanned, key=lambda r: r.returned_on))
    return Hit(
        message=(
            f"{child} has returned home before outside the care plan (903 E4B, unplanned): {dates}. "
            "Consider the risk of a return happening before the plan is ready."
        ),
        people=(child,),
    )


RULE = Rule(
    id="unplanned-previous-return",
    kind="caution",
    title="Previous unplanned return",
    gates=ALL_GATES,
    source=f"{FARMER_2014}; {WILKINS_FARMER_2015}",
    check=check,
    why_these_gates="Care history informs every decision.",
    doc=__doc__ or "",
)
